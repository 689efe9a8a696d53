//! Self-assessments, qualification checks and quiz attempts: each stored
//! with its input, its computed result and its score.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

use super::{Completion, LearnerStore};
use crate::PersistenceError;
use crate::entities::{assessments, qualification_checks, quiz_attempts};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionKind {
    Assessment,
    QualificationCheck,
    QuizAttempt,
}

/// A submission to store: input and result as JSON documents.
#[derive(Debug, Clone)]
pub struct Submission {
    pub id: String,
    pub user_id: String,
    pub role_slug: String,
    pub input: serde_json::Value,
    pub result: serde_json::Value,
    pub score: u8,
    pub created_at: i64,
}

/// Where the outcome of a queued submission is sent.
type Answer = tokio::sync::oneshot::Sender<Result<(), PersistenceError>>;

/// A submission waiting for the next group commit (SQLite).
#[derive(Debug)]
pub(super) struct PendingWrite {
    kind: SubmissionKind,
    submission: Submission,
    completion: Option<Completion>,
    done: Answer,
}

macro_rules! submission_table {
    ($module:ident, $input:ident, $score:ident) => {
        impl From<$module::Model> for Submission {
            fn from(row: $module::Model) -> Self {
                Submission {
                    id: row.id,
                    user_id: row.user_id,
                    role_slug: row.role_slug,
                    input: row.$input,
                    result: row.result,
                    score: u8::try_from(row.$score).unwrap_or(0),
                    created_at: row.created_at,
                }
            }
        }

        impl From<&Submission> for $module::ActiveModel {
            fn from(s: &Submission) -> Self {
                $module::ActiveModel {
                    id: Set(s.id.clone()),
                    user_id: Set(s.user_id.clone()),
                    role_slug: Set(s.role_slug.clone()),
                    $input: Set(s.input.clone()),
                    result: Set(s.result.clone()),
                    $score: Set(i32::from(s.score)),
                    created_at: Set(s.created_at),
                }
            }
        }
    };
}

submission_table!(assessments, ratings, skills_score);
submission_table!(qualification_checks, ratings, score);
submission_table!(quiz_attempts, answers, score);

/// The learner's rows of one table, newest first (ties: id), optionally for one role.
macro_rules! list_of {
    ($db:expr, $module:ident, $user:expr, $role:expr, $limit:expr) => {{
        let mut query = $module::Entity::find().filter($module::Column::UserId.eq($user));
        if let Some(role) = $role {
            query = query.filter($module::Column::RoleSlug.eq(role));
        }
        query
            .order_by_desc($module::Column::CreatedAt)
            .order_by_desc($module::Column::Id)
            .limit($limit)
            .all($db)
            .await?
            .into_iter()
            .map(Submission::from)
            .collect::<Vec<_>>()
    }};
}

impl LearnerStore {
    /// Stores the submission and, when given, the idempotency completion in
    /// one transaction: an acknowledged submission is stored exactly once.
    ///
    /// On SQLite, submissions arriving together are committed together
    /// (group commit): each waits its turn at the write gate, and the one that
    /// gets it writes every queued submission, each in a savepoint of its
    /// own, under one durable commit. Nobody is answered before the commit.
    pub async fn save_submission(
        &self,
        kind: SubmissionKind,
        submission: &Submission,
        completion: Option<&Completion>,
    ) -> Result<(), PersistenceError> {
        if self.kind == crate::DatabaseKind::Postgres {
            let txn = self.db.begin().await?;
            self.insert_submission(&txn, kind, submission, completion).await?;
            txn.commit().await?;
            return Ok(());
        }
        let (done, answer) = tokio::sync::oneshot::channel();
        if let Ok(mut queue) = self.pending.lock() {
            queue.push(PendingWrite { kind, submission: submission.clone(), completion: completion.cloned(), done });
        }
        let turn = self.write_gate.clone().lock_owned().await;
        let batch = self.pending.lock().map(|mut queue| std::mem::take(&mut *queue)).unwrap_or_default();
        if batch.is_empty() {
            drop(turn);
        } else {
            // The batch is written by a task of its own, so a client that hangs
            // up cannot cancel the commit other requests are waiting for.
            let store = self.clone();
            let _ = tokio::spawn(async move {
                let _turn = turn;
                store.write_batch(batch).await;
            })
            .await;
        }
        answer.await.unwrap_or_else(|_| Err(PersistenceError::Corrupt("the write batch was dropped".into())))
    }

    async fn write_batch(&self, batch: Vec<PendingWrite>) {
        let mut outcomes: Vec<(Answer, Result<(), String>)> = Vec::with_capacity(batch.len());
        let txn = match self.db.begin().await {
            Ok(txn) => txn,
            Err(e) => {
                let message = e.to_string();
                for write in batch {
                    let _ = write.done.send(Err(PersistenceError::Corrupt(message.clone())));
                }
                return;
            }
        };
        for write in batch {
            // A savepoint per submission: one failing insert does not undo the others.
            let result = match txn.begin().await {
                Ok(savepoint) => {
                    match self
                        .insert_submission(&savepoint, write.kind, &write.submission, write.completion.as_ref())
                        .await
                    {
                        Ok(()) => savepoint.commit().await.map_err(|e| e.to_string()),
                        Err(e) => {
                            let _ = savepoint.rollback().await;
                            Err(e.to_string())
                        }
                    }
                }
                Err(e) => Err(e.to_string()),
            };
            outcomes.push((write.done, result));
        }
        let committed = txn.commit().await.map_err(|e| e.to_string());
        for (done, result) in outcomes {
            let result = match (&committed, result) {
                (Err(e), _) => Err(PersistenceError::Corrupt(format!("submission not stored: {e}"))),
                (Ok(()), Err(e)) => Err(PersistenceError::Corrupt(format!("submission not stored: {e}"))),
                (Ok(()), Ok(())) => Ok(()),
            };
            let _ = done.send(result);
        }
    }

    async fn insert_submission<C: sea_orm::ConnectionTrait>(
        &self,
        txn: &C,
        kind: SubmissionKind,
        submission: &Submission,
        completion: Option<&Completion>,
    ) -> Result<(), PersistenceError> {
        match kind {
            SubmissionKind::Assessment => {
                assessments::Entity::insert(assessments::ActiveModel::from(submission))
                    .exec_without_returning(txn)
                    .await?
            }
            SubmissionKind::QualificationCheck => {
                qualification_checks::Entity::insert(qualification_checks::ActiveModel::from(submission))
                    .exec_without_returning(txn)
                    .await?
            }
            SubmissionKind::QuizAttempt => {
                quiz_attempts::Entity::insert(quiz_attempts::ActiveModel::from(submission))
                    .exec_without_returning(txn)
                    .await?
            }
        };
        if let Some(completion) = completion {
            self.complete_idempotency_key(txn, completion).await?;
        }
        Ok(())
    }

    pub async fn submissions(
        &self,
        kind: SubmissionKind,
        user_id: &str,
        role: Option<&str>,
        limit: u64,
    ) -> Result<Vec<Submission>, PersistenceError> {
        Ok(match kind {
            SubmissionKind::Assessment => list_of!(&self.db, assessments, user_id, role, limit),
            SubmissionKind::QualificationCheck => list_of!(&self.db, qualification_checks, user_id, role, limit),
            SubmissionKind::QuizAttempt => list_of!(&self.db, quiz_attempts, user_id, role, limit),
        })
    }

    pub async fn latest_submission(
        &self,
        kind: SubmissionKind,
        user_id: &str,
        role: &str,
    ) -> Result<Option<Submission>, PersistenceError> {
        Ok(self.submissions(kind, user_id, Some(role), 1).await?.into_iter().next())
    }

    /// The learner's best quiz score for a role.
    pub async fn best_quiz_score(&self, user_id: &str, role: &str) -> Result<Option<u8>, PersistenceError> {
        let best = quiz_attempts::Entity::find()
            .filter(quiz_attempts::Column::UserId.eq(user_id))
            .filter(quiz_attempts::Column::RoleSlug.eq(role))
            .order_by_desc(quiz_attempts::Column::Score)
            .one(&self.db)
            .await?;
        Ok(best.map(|row| u8::try_from(row.score).unwrap_or(0)))
    }

    /// Number of stored rows of a kind (benchmarks and tests count with it).
    pub async fn count_submissions(&self, kind: SubmissionKind) -> Result<u64, PersistenceError> {
        use sea_orm::PaginatorTrait;
        Ok(match kind {
            SubmissionKind::Assessment => assessments::Entity::find().count(&self.db).await?,
            SubmissionKind::QualificationCheck => qualification_checks::Entity::find().count(&self.db).await?,
            SubmissionKind::QuizAttempt => quiz_attempts::Entity::find().count(&self.db).await?,
        })
    }
}
