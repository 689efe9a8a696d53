//! API keys: made and revoked by admins (REST, GraphQL, the command line),
//! presented by partners on every request. A presented key is looked up by
//! the SHA-256 of its secret and kept for a few seconds per instance, so a
//! busy partner costs no query per request; a revocation is seen at once by
//! the instance that made it and within `KEY_CACHE_TTL` by the others.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use parking_lot::RwLock;
use roledex_domain::partner::{self, ApiKey, NewApiKey, Origin, is_key_shaped, key_label};
use roledex_domain::ratelimit::gcra::Rate;
use roledex_persistence::learners::now_millis;
use roledex_persistence::partners::{ApiKeyStore, KeyIdentity};

use crate::auth::hash_secret;
use crate::dto;
use crate::error::ApiError;

/// How long an instance trusts what it read about a key.
pub const KEY_CACHE_TTL: Duration = Duration::from_secs(5);
/// `last_used_at` is written at most once per key per instance in this time.
const LAST_USED_RESOLUTION: Duration = Duration::from_secs(60);

pub struct KeyDirectory {
    store: ApiKeyStore,
    /// Known keys only: an unknown secret is looked up each time (and its
    /// sender counted as anonymous), so guesses cannot crowd real keys out.
    by_hash: moka::future::Cache<String, Arc<ApiKey>>,
    recently_touched: moka::sync::Cache<String, ()>,
    /// Origins of every active key: what a CORS preflight (which carries no key) may be allowed.
    origins: RwLock<Arc<HashSet<String>>>,
    default_quota: Rate,
}

impl std::fmt::Debug for KeyDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyDirectory").field("cached", &self.by_hash.entry_count()).finish_non_exhaustive()
    }
}

fn refused(message: &str) -> ApiError {
    ApiError::ApiKeyRefused(message.to_owned())
}

impl KeyDirectory {
    pub fn new(store: ApiKeyStore, default_quota: Rate) -> Self {
        Self {
            store,
            by_hash: moka::future::Cache::builder().max_capacity(10_000).time_to_live(KEY_CACHE_TTL).build(),
            recently_touched: moka::sync::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(LAST_USED_RESOLUTION)
                .build(),
            origins: RwLock::new(Arc::new(HashSet::new())),
            default_quota,
        }
    }

    /// The key a secret names, if it is active.
    pub async fn resolve(&self, secret: &str) -> Result<Arc<ApiKey>, ApiError> {
        if !is_key_shaped(secret) {
            return Err(refused("this is not a Roledex API key (keys are `rdx_` and 43 more characters)"));
        }
        let hash = hash_secret(secret);
        let store = self.store.clone();
        let lookup = hash.clone();
        // Boxed: the look-up's future is kilobytes, and every request's
        // middleware future would carry it inline otherwise.
        let found = Box::pin(self.by_hash.try_get_with(hash, async move {
            match store.find_by_secret_hash(&lookup).await {
                Ok(Some(key)) => Ok(Arc::new(key)),
                Ok(None) => Err(None),
                Err(e) => Err(Some(e)),
            }
        }))
        .await;
        let key = match found {
            Ok(key) => key,
            Err(e) => match e.as_ref() {
                None => return Err(refused("no such key: check the secret, or ask the operator for a new key")),
                Some(e) if e.is_transient() => return Err(ApiError::StorageUnavailable),
                Some(e) => return Err(ApiError::internal("reading an API key", e)),
            },
        };
        if key.is_revoked() {
            return Err(refused("this key has been revoked"));
        }
        self.note_use(&key.id);
        Ok(key)
    }

    /// Writes `last_used_at` in the background, at most once a minute per key.
    fn note_use(&self, id: &str) {
        if self.recently_touched.contains_key(id) {
            return;
        }
        self.recently_touched.insert(id.to_owned(), ());
        let (store, id) = (self.store.clone(), id.to_owned());
        tokio::spawn(async move {
            if let Err(e) = store.touch(&id, now_millis()).await {
                tracing::warn!(error = %e, key = %id, "recording an API key's last use failed");
            }
        });
    }

    /// Whether some active key lists `origin` (for CORS preflights).
    pub fn is_partner_origin(&self, origin: &str) -> bool {
        self.origins.read().contains(&origin.to_ascii_lowercase())
    }

    /// Re-reads the active keys' origins (after a change here, and periodically for other instances' changes).
    pub async fn refresh_origins(&self) -> Result<(), ApiError> {
        let origins: HashSet<String> = self.store.active_origins().await?.into_iter().collect();
        *self.origins.write() = Arc::new(origins);
        Ok(())
    }

    /// After a key is made or revoked: what was cached is dropped, and the
    /// origins re-read (a failure there is logged; the change itself stands,
    /// and the periodic refresh catches up).
    async fn changed(&self) {
        self.by_hash.invalidate_all();
        if let Err(e) = self.refresh_origins().await {
            tracing::warn!(error = %e, "re-reading the API keys' origins failed");
        }
    }

    pub async fn create(
        &self,
        request: &dto::ApiKeyRequest,
        created_by: Option<&str>,
    ) -> Result<dto::CreatedApiKey, ApiError> {
        let new = validate(request, self.default_quota)?;
        let secret = new_secret().ok_or_else(|| ApiError::internal("making an API key", "no randomness available"))?;
        let id = uuid::Uuid::new_v4().to_string();
        let identity = KeyIdentity {
            id: &id,
            secret_hash: &hash_secret(&secret),
            label: &key_label(&secret),
            created_by,
            now: now_millis(),
        };
        let key = self.store.create(&new, identity).await?;
        self.changed().await;
        Ok(dto::CreatedApiKey { key: dto::ApiKeyView::from(&key), secret })
    }

    pub async fn list(&self) -> Result<Vec<dto::ApiKeyView>, ApiError> {
        Ok(self.store.list().await?.iter().map(dto::ApiKeyView::from).collect())
    }

    pub async fn get(&self, id: &str) -> Result<dto::ApiKeyView, ApiError> {
        let key = self.store.get(id).await?.ok_or_else(|| ApiError::ApiKeyNotFound(id.to_owned()))?;
        Ok(dto::ApiKeyView::from(&key))
    }

    /// Revokes a key; revoking a revoked key changes nothing and is not an error.
    pub async fn revoke(&self, id: &str) -> Result<dto::ApiKeyView, ApiError> {
        let key = self.store.revoke(id, now_millis()).await?.ok_or_else(|| ApiError::ApiKeyNotFound(id.to_owned()))?;
        self.changed().await;
        Ok(dto::ApiKeyView::from(&key))
    }
}

fn validate(request: &dto::ApiKeyRequest, default_quota: Rate) -> Result<NewApiKey, ApiError> {
    let origins = request
        .origins
        .iter()
        .enumerate()
        .map(|(i, raw)| Origin::parse(raw).map_err(|message| ApiError::invalid(&format!("origins[{i}]"), message)))
        .collect::<Result<Vec<_>, _>>()?;
    let quota = match request.quota_per_minute {
        None => default_quota,
        Some(n) => partner::parse_per_minute(&n.to_string())
            .map_err(|_| ApiError::invalid("quota_per_minute", "a whole number from 1 to 10000000"))?,
    };
    let scopes = request.scopes.iter().copied().map(partner::Scope::from).collect();
    NewApiKey::new(&request.name, scopes, origins, quota).map_err(|(field, message)| ApiError::invalid(field, message))
}

/// `rdx_` and 32 random bytes in base64url (43 characters, no padding).
pub fn new_secret() -> Option<String> {
    let mut bytes = [0u8; partner::SECRET_BYTES];
    getrandom::fill(&mut bytes).ok()?;
    Some(format!("{}{}", partner::KEY_PREFIX, base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_key_shaped_and_unique() {
        let (a, b) = (new_secret().unwrap_or_default(), new_secret().unwrap_or_default());
        assert!(is_key_shaped(&a), "{a}");
        assert_ne!(a, b);
    }
}
