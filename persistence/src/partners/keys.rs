//! API keys. The secret is stored only as its SHA-256 hash: a key is 32
//! random bytes, so a fast hash is as safe as a slow one here and a key is
//! found by an indexed equality look-up on every request.

use roledex_domain::partner::{ApiKey, NewApiKey, Origin, Scope};
use roledex_domain::ratelimit::gcra::Rate;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::entities::api_keys;
use crate::{Database, PersistenceError};

#[derive(Debug, Clone)]
pub struct ApiKeyStore {
    db: DatabaseConnection,
}

fn corrupt(row: &api_keys::Model, what: &str, e: impl std::fmt::Display) -> PersistenceError {
    PersistenceError::Corrupt(format!("api key `{}`: {what}: {e}", row.id))
}

fn to_domain(row: api_keys::Model) -> Result<ApiKey, PersistenceError> {
    let scopes: Vec<Scope> = serde_json::from_str(&row.scopes).map_err(|e| corrupt(&row, "scopes", e))?;
    let origins: Vec<Origin> = serde_json::from_str(&row.origins).map_err(|e| corrupt(&row, "origins", e))?;
    let limit = u32::try_from(row.quota_limit).map_err(|e| corrupt(&row, "quota", e))?;
    Ok(ApiKey {
        quota: Rate { limit, period_ms: row.quota_period_ms },
        id: row.id,
        name: row.name,
        label: row.label,
        scopes,
        origins,
        created_at: row.created_at,
        created_by: row.created_by,
        revoked_at: row.revoked_at,
        last_used_at: row.last_used_at,
    })
}

/// What a stored key is made of besides the admin's request.
#[derive(Debug)]
pub struct KeyIdentity<'a> {
    pub id: &'a str,
    pub secret_hash: &'a str,
    pub label: &'a str,
    pub created_by: Option<&'a str>,
    pub now: i64,
}

impl ApiKeyStore {
    pub fn new(database: &Database) -> Self {
        Self { db: database.connection.clone() }
    }

    pub async fn create(&self, new: &NewApiKey, identity: KeyIdentity<'_>) -> Result<ApiKey, PersistenceError> {
        let row = api_keys::ActiveModel {
            id: Set(identity.id.to_owned()),
            secret_hash: Set(identity.secret_hash.to_owned()),
            label: Set(identity.label.to_owned()),
            name: Set(new.name.clone()),
            scopes: Set(to_json(&new.scopes)?),
            origins: Set(to_json(&new.origins)?),
            quota_limit: Set(i32::try_from(new.quota.limit).map_err(|e| PersistenceError::Corrupt(e.to_string()))?),
            quota_period_ms: Set(new.quota.period_ms),
            created_at: Set(identity.now),
            created_by: Set(identity.created_by.map(str::to_owned)),
            revoked_at: Set(None),
            last_used_at: Set(None),
        };
        api_keys::Entity::insert(row).exec_without_returning(&self.db).await?;
        self.get(identity.id).await?.ok_or_else(|| PersistenceError::Corrupt("a key just stored is missing".into()))
    }

    /// Every key, newest first.
    pub async fn list(&self) -> Result<Vec<ApiKey>, PersistenceError> {
        api_keys::Entity::find()
            .order_by_desc(api_keys::Column::CreatedAt)
            .order_by_asc(api_keys::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_domain)
            .collect()
    }

    pub async fn get(&self, id: &str) -> Result<Option<ApiKey>, PersistenceError> {
        api_keys::Entity::find_by_id(id.to_owned()).one(&self.db).await?.map(to_domain).transpose()
    }

    pub async fn find_by_secret_hash(&self, secret_hash: &str) -> Result<Option<ApiKey>, PersistenceError> {
        api_keys::Entity::find()
            .filter(api_keys::Column::SecretHash.eq(secret_hash))
            .one(&self.db)
            .await?
            .map(to_domain)
            .transpose()
    }

    /// Revokes a key (once: a second revocation keeps the first time).
    /// `None` when no key has this id.
    pub async fn revoke(&self, id: &str, now: i64) -> Result<Option<ApiKey>, PersistenceError> {
        api_keys::Entity::update_many()
            .col_expr(api_keys::Column::RevokedAt, Expr::value(now))
            .filter(api_keys::Column::Id.eq(id))
            .filter(api_keys::Column::RevokedAt.is_null())
            .exec(&self.db)
            .await?;
        self.get(id).await
    }

    /// Records that a key was used (callers write this at most about once a
    /// minute per key, not on every request).
    pub async fn touch(&self, id: &str, now: i64) -> Result<(), PersistenceError> {
        api_keys::Entity::update_many()
            .col_expr(api_keys::Column::LastUsedAt, Expr::value(now))
            .filter(api_keys::Column::Id.eq(id))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// The origins of every key not revoked (what CORS may allow).
    pub async fn active_origins(&self) -> Result<Vec<String>, PersistenceError> {
        let rows = api_keys::Entity::find().filter(api_keys::Column::RevokedAt.is_null()).all(&self.db).await?;
        let mut origins = Vec::new();
        for row in rows {
            let key = to_domain(row)?;
            origins.extend(key.origins.into_iter().map(String::from));
        }
        origins.sort_unstable();
        origins.dedup();
        Ok(origins)
    }
}

/// A list column's stored form.
fn to_json<T: serde::Serialize>(value: &T) -> Result<String, PersistenceError> {
    serde_json::to_string(value).map_err(|e| PersistenceError::Corrupt(e.to_string()))
}
