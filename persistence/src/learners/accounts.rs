use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

use roledex_domain::account::{PresentedToken, RefreshVerdict, UserRole, judge_refresh};

use super::LearnerStore;
use crate::PersistenceError;
use crate::entities::{refresh_tokens, users};

/// A learner account. The password hash never leaves this layer except to
/// the password check, and `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: Option<String>,
    pub role: UserRole,
    pub password_hash: Option<String>,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

pub struct NewUser {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub role: UserRole,
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// The token was valid; it is now spent and `new_token_hash` replaces it.
    Rotated { user_id: String },
    /// The token was already spent: the whole family is now revoked.
    Reused,
    /// Unknown, expired or revoked.
    Invalid,
}

fn to_user(row: users::Model) -> Result<User, PersistenceError> {
    Ok(User {
        role: UserRole::parse(&row.role).ok_or_else(|| PersistenceError::Corrupt(format!("role {}", row.role)))?,
        id: row.id,
        email: row.email,
        password_hash: row.password_hash,
    })
}

impl LearnerStore {
    /// Creates the account; `Ok(None)` when the email is already taken.
    pub async fn create_user(&self, new: NewUser, now: i64) -> Result<Option<User>, PersistenceError> {
        let model = users::ActiveModel {
            id: Set(new.id.clone()),
            email: Set(Some(new.email.clone())),
            password_hash: Set(Some(new.password_hash.clone())),
            role: Set(new.role.as_str().to_owned()),
            external_issuer: Set(None),
            external_subject: Set(None),
            created_at: Set(now),
            // A new learner's sequence starts at the account's creation, so a
            // first pull answers a real time (see `roledex_domain::sync`).
            change_seq: Set(now),
        };
        // ON CONFLICT DO NOTHING: a concurrent registration of the same email loses cleanly.
        let inserted = users::Entity::insert(model)
            .on_conflict(sea_orm::sea_query::OnConflict::column(users::Column::Email).do_nothing().to_owned())
            .exec_without_returning(&self.db)
            .await?;
        if inserted == 0 {
            return Ok(None);
        }
        Ok(Some(User { id: new.id, email: Some(new.email), role: new.role, password_hash: Some(new.password_hash) }))
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, PersistenceError> {
        users::Entity::find().filter(users::Column::Email.eq(email)).one(&self.db).await?.map(to_user).transpose()
    }

    pub async fn user(&self, id: &str) -> Result<Option<User>, PersistenceError> {
        users::Entity::find_by_id(id.to_owned()).one(&self.db).await?.map(to_user).transpose()
    }

    /// The local account of a user signed in by an external identity provider, created on first use.
    pub async fn external_user(
        &self,
        issuer: &str,
        subject: &str,
        new_id: String,
        now: i64,
    ) -> Result<User, PersistenceError> {
        let find = || {
            users::Entity::find()
                .filter(users::Column::ExternalIssuer.eq(issuer))
                .filter(users::Column::ExternalSubject.eq(subject))
        };
        if let Some(row) = find().one(&self.db).await? {
            return to_user(row);
        }
        let model = users::ActiveModel {
            id: Set(new_id),
            email: Set(None),
            password_hash: Set(None),
            role: Set(UserRole::Learner.as_str().to_owned()),
            external_issuer: Set(Some(issuer.to_owned())),
            external_subject: Set(Some(subject.to_owned())),
            created_at: Set(now),
            // A new learner's sequence starts at the account's creation, so a
            // first pull answers a real time (see `roledex_domain::sync`).
            change_seq: Set(now),
        };
        users::Entity::insert(model)
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    users::Column::ExternalIssuer,
                    users::Column::ExternalSubject,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await?;
        find()
            .one(&self.db)
            .await?
            .map(to_user)
            .transpose()?
            .ok_or_else(|| PersistenceError::Corrupt("external user vanished".into()))
    }

    pub async fn store_refresh_token(
        &self,
        id: String,
        user_id: &str,
        family_id: &str,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<(), PersistenceError> {
        refresh_tokens::Entity::insert(refresh_tokens::ActiveModel {
            id: Set(id),
            user_id: Set(user_id.to_owned()),
            family_id: Set(family_id.to_owned()),
            token_hash: Set(token_hash.to_owned()),
            expires_at: Set(expires_at),
            used_at: Set(None),
            revoked_at: Set(None),
            created_at: Set(now),
        })
        .exec_without_returning(&self.db)
        .await?;
        Ok(())
    }

    /// Spends a refresh token and stores its successor in the same family, in
    /// one transaction. A token can be spent once: presenting it again
    /// revokes its whole family (the signature of a stolen token). The
    /// successor keeps the family's expiry, so a session ends at most one
    /// refresh lifetime after login however often it is refreshed.
    pub async fn rotate_refresh_token(
        &self,
        token_hash: &str,
        successor: (String, String),
        now: i64,
    ) -> Result<RefreshOutcome, PersistenceError> {
        let txn = self.db.begin().await?;
        // The guarded write comes first: it takes the write lock (SQLite) or
        // the row lock (PostgreSQL), so of two concurrent refreshes with one
        // token exactly one spends it and the other sees it spent.
        let spent = refresh_tokens::Entity::update_many()
            .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now))
            .filter(refresh_tokens::Column::TokenHash.eq(token_hash))
            .filter(refresh_tokens::Column::UsedAt.is_null())
            .filter(refresh_tokens::Column::RevokedAt.is_null())
            .filter(refresh_tokens::Column::ExpiresAt.gt(now))
            .exec(&txn)
            .await?;
        let row =
            refresh_tokens::Entity::find().filter(refresh_tokens::Column::TokenHash.eq(token_hash)).one(&txn).await?;
        let Some(row) = row else {
            return Ok(RefreshOutcome::Invalid);
        };
        if spent.rows_affected != 1 {
            txn.rollback().await?;
            // Not spent now: what the token's state means is the session rule's to say.
            let presented = PresentedToken {
                expires_at: row.expires_at,
                spent: row.used_at.is_some(),
                revoked: row.revoked_at.is_some(),
            };
            return Ok(match judge_refresh(Some(presented), now) {
                RefreshVerdict::ReuseDetected => {
                    self.revoke_family(&row.family_id, now).await?;
                    RefreshOutcome::Reused
                }
                RefreshVerdict::Reused => RefreshOutcome::Reused,
                // A token the guarded write could not spend is never `Rotate`.
                RefreshVerdict::Invalid | RefreshVerdict::Rotate => RefreshOutcome::Invalid,
            });
        }
        let (id, hash) = successor;
        refresh_tokens::Entity::insert(refresh_tokens::ActiveModel {
            id: Set(id),
            user_id: Set(row.user_id.clone()),
            family_id: Set(row.family_id.clone()),
            token_hash: Set(hash),
            expires_at: Set(row.expires_at),
            used_at: Set(None),
            revoked_at: Set(None),
            created_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        txn.commit().await?;
        Ok(RefreshOutcome::Rotated { user_id: row.user_id })
    }

    /// Deletes refresh tokens that expired more than a day ago.
    pub async fn sweep_refresh_tokens(&self, now: i64) -> Result<u64, PersistenceError> {
        let result = refresh_tokens::Entity::delete_many()
            .filter(refresh_tokens::Column::ExpiresAt.lt(now - 24 * 60 * 60 * 1000))
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected)
    }

    /// Revokes the family of the given token (logout). True when the token was known.
    pub async fn revoke_by_token(&self, token_hash: &str, now: i64) -> Result<bool, PersistenceError> {
        let row = refresh_tokens::Entity::find()
            .filter(refresh_tokens::Column::TokenHash.eq(token_hash))
            .one(&self.db)
            .await?;
        match row {
            Some(row) => {
                self.revoke_family(&row.family_id, now).await?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    async fn revoke_family(&self, family_id: &str, now: i64) -> Result<(), PersistenceError> {
        refresh_tokens::Entity::update_many()
            .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(now))
            .filter(refresh_tokens::Column::FamilyId.eq(family_id))
            .filter(refresh_tokens::Column::RevokedAt.is_null())
            .exec(&self.db)
            .await?;
        Ok(())
    }
}
