//! Self-assessments, qualification checks and quiz attempts: each stored
//! with its input, its computed result and its score.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

use std::sync::Arc;

use super::{Completion, LearnerStore, Page, clock};
use crate::PersistenceError;
use crate::entities::submissions;

/// What a learner submitted. Every kind is stored the same way, in one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubmissionKind {
    Assessment,
    QualificationCheck,
    QuizAttempt,
}

impl SubmissionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assessment => "assessment",
            Self::QualificationCheck => "qualification_check",
            Self::QuizAttempt => "quiz_attempt",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Assessment, Self::QualificationCheck, Self::QuizAttempt].into_iter().find(|k| k.as_str() == raw)
    }
}

/// A stored submission: what was submitted and its computed result, as the
/// JSON of domain values, in the shape `format_version` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub id: String,
    pub user_id: String,
    pub kind: SubmissionKind,
    pub role_slug: String,
    pub input: String,
    pub result: String,
    pub score: u8,
    pub format_version: u16,
    pub created_at: i64,
}

impl Submission {
    pub(super) fn from_row(row: submissions::Model, kind: SubmissionKind) -> Result<Self, PersistenceError> {
        let corrupt =
            |what: &str, value: i32| PersistenceError::Corrupt(format!("submission {}: {what} {value}", row.id));
        let score = u8::try_from(row.score).map_err(|_| corrupt("score", row.score))?;
        let format_version =
            u16::try_from(row.format_version).map_err(|_| corrupt("format version", row.format_version))?;
        Ok(Self {
            score,
            format_version,
            id: row.id,
            user_id: row.user_id,
            kind,
            role_slug: row.role_slug,
            input: row.input,
            result: row.result,
            created_at: row.created_at,
        })
    }

    pub(super) fn to_row(&self, change_seq: i64) -> submissions::ActiveModel {
        submissions::ActiveModel {
            id: Set(self.id.clone()),
            user_id: Set(self.user_id.clone()),
            kind: Set(self.kind.as_str().to_owned()),
            role_slug: Set(self.role_slug.clone()),
            input: Set(self.input.clone()),
            result: Set(self.result.clone()),
            score: Set(i32::from(self.score)),
            format_version: Set(i32::from(self.format_version)),
            created_at: Set(self.created_at),
            change_seq: Set(change_seq),
        }
    }
}

/// Where the outcome of a queued submission is sent.
type Answer = tokio::sync::oneshot::Sender<Result<(), PersistenceError>>;

/// A submission waiting for the next group commit (SQLite).
#[derive(Debug)]
pub(super) struct PendingWrite {
    submission: Submission,
    completion: Option<Completion>,
    done: Answer,
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
        submission: &Submission,
        completion: Option<&Completion>,
    ) -> Result<(), PersistenceError> {
        if self.kind == crate::DatabaseKind::Postgres {
            let txn = self.db.begin().await?;
            self.insert_submission(&txn, submission, completion).await?;
            txn.commit().await?;
            return Ok(());
        }
        let (done, answer) = tokio::sync::oneshot::channel();
        self.pending.lock().push(PendingWrite {
            submission: submission.clone(),
            completion: completion.cloned(),
            done,
        });
        let turn = self.write_gate.clone().lock_owned().await;
        let batch = std::mem::take(&mut *self.pending.lock());
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
        answer.await.unwrap_or(Err(PersistenceError::Interrupted("the group commit ended without an answer")))
    }

    async fn write_batch(&self, batch: Vec<PendingWrite>) {
        let txn = match self.db.begin().await {
            Ok(txn) => txn,
            Err(e) => {
                let shared = Arc::new(e);
                for write in batch {
                    let _ = write.done.send(Err(PersistenceError::Batch(shared.clone())));
                }
                return;
            }
        };
        let mut outcomes: Vec<(Answer, Result<(), PersistenceError>)> = Vec::with_capacity(batch.len());
        for write in batch {
            // A savepoint per submission: one failing insert does not undo the others.
            let result = match txn.begin().await {
                Ok(savepoint) => {
                    match self.insert_submission(&savepoint, &write.submission, write.completion.as_ref()).await {
                        Ok(()) => savepoint.commit().await.map_err(PersistenceError::from),
                        Err(e) => {
                            let _ = savepoint.rollback().await;
                            Err(e)
                        }
                    }
                }
                Err(e) => Err(e.into()),
            };
            outcomes.push((write.done, result));
        }
        let committed = txn.commit().await.map_err(Arc::new);
        for (done, result) in outcomes {
            let _ = done.send(match &committed {
                Err(shared) => Err(PersistenceError::Batch(shared.clone())),
                Ok(()) => result,
            });
        }
    }

    async fn insert_submission<C: sea_orm::ConnectionTrait>(
        &self,
        txn: &C,
        submission: &Submission,
        completion: Option<&Completion>,
    ) -> Result<(), PersistenceError> {
        let seq = clock::advance(txn, &submission.user_id, submission.created_at).await?;
        let inserted = submissions::Entity::insert(submission.to_row(seq)).exec_without_returning(txn).await;
        if let Err(e) = inserted {
            return Err(match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                    PersistenceError::Duplicate(format!("submission {}", submission.id))
                }
                _ => e.into(),
            });
        }
        if let Some(completion) = completion {
            self.complete_idempotency_key(txn, completion).await?;
        }
        Ok(())
    }

    /// A page of the learner's submissions of one kind, newest first (ties:
    /// id), optionally for one role.
    pub async fn submissions(
        &self,
        kind: SubmissionKind,
        user_id: &str,
        role: Option<&str>,
        page: Page<'_>,
    ) -> Result<Vec<Submission>, PersistenceError> {
        let mut query = submissions::Entity::find()
            .filter(submissions::Column::UserId.eq(user_id))
            .filter(submissions::Column::Kind.eq(kind.as_str()))
            .filter(page.condition(submissions::Column::CreatedAt, submissions::Column::Id));
        if let Some(role) = role {
            query = query.filter(submissions::Column::RoleSlug.eq(role));
        }
        let rows = query
            .order_by_desc(submissions::Column::CreatedAt)
            .order_by_desc(submissions::Column::Id)
            .limit(page.limit)
            .all(&self.db)
            .await?;
        rows.into_iter().map(|row| Submission::from_row(row, kind)).collect()
    }

    pub async fn latest_submission(
        &self,
        kind: SubmissionKind,
        user_id: &str,
        role: &str,
    ) -> Result<Option<Submission>, PersistenceError> {
        Ok(self.submissions(kind, user_id, Some(role), Page::first(1)).await?.into_iter().next())
    }

    /// Every score the learner has for a role and kind, newest first (ties:
    /// id, as `submissions`); which one counts is a domain rule.
    pub async fn scores(&self, kind: SubmissionKind, user_id: &str, role: &str) -> Result<Vec<u8>, PersistenceError> {
        let scores: Vec<i32> = submissions::Entity::find()
            .select_only()
            .column(submissions::Column::Score)
            .filter(submissions::Column::UserId.eq(user_id))
            .filter(submissions::Column::Kind.eq(kind.as_str()))
            .filter(submissions::Column::RoleSlug.eq(role))
            .order_by_desc(submissions::Column::CreatedAt)
            .order_by_desc(submissions::Column::Id)
            .into_tuple()
            .all(&self.db)
            .await?;
        scores
            .into_iter()
            .map(|s| u8::try_from(s).map_err(|_| PersistenceError::Corrupt(format!("stored score {s}"))))
            .collect()
    }

    /// Number of stored submissions of a kind (benchmarks and tests count with it).
    pub async fn count_submissions(&self, kind: SubmissionKind) -> Result<u64, PersistenceError> {
        use sea_orm::PaginatorTrait;
        Ok(submissions::Entity::find().filter(submissions::Column::Kind.eq(kind.as_str())).count(&self.db).await?)
    }
}
