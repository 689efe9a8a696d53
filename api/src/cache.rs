//! Published profiles kept in memory between requests.
//!
//! Content changes only when a pack is loaded, so each profile is serialized
//! and hashed once per content version and then served from memory (the REST
//! body and its ETag, and the GraphQL object). Every instance polls the
//! database for the content hash (`content_poll`), so a pack loaded by any
//! instance or by `roledex content load` reaches all of them within that
//! interval; nothing is shared only in one process's memory.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use actix_web::web::Bytes;
use roledex_domain::ports::{CatalogRepository, StorageError};
use roledex_domain::profile::RoleProfile;
use roledex_domain::values::Slug;
use std::sync::RwLock;

use crate::dto;
use crate::http_cache::Representations;

/// One profile in every form the API serves it.
#[derive(Debug)]
pub struct CachedProfile {
    pub profile: RoleProfile,
    pub dto: Arc<dto::RoleProfile>,
    /// The REST representation, serialized (and compressed) once.
    pub rest: Representations,
}

impl CachedProfile {
    fn build(profile: RoleProfile) -> Result<Self, StorageError> {
        let dto = Arc::new(dto::RoleProfile::from(&profile));
        let json = Bytes::from(
            serde_json::to_vec(&*dto)
                .map_err(|e| StorageError { transient: false, message: format!("serializing a profile: {e}") })?,
        );
        Ok(Self { profile, dto, rest: Representations::new(json) })
    }
}

pub struct ContentCache {
    catalog: Arc<dyn CatalogRepository>,
    enabled: bool,
    entries: RwLock<HashMap<Slug, Arc<CachedProfile>>>,
    version: RwLock<Option<String>>,
    /// Bumped on every clear, so a load that raced a content change is not cached.
    generation: AtomicU64,
}

impl ContentCache {
    pub fn new(catalog: Arc<dyn CatalogRepository>, enabled: bool) -> Self {
        Self {
            catalog,
            enabled,
            entries: RwLock::new(HashMap::new()),
            version: RwLock::new(None),
            generation: AtomicU64::new(0),
        }
    }

    /// A profile already in memory, found without parsing or allocating:
    /// the hot path of content requests.
    pub fn cached(&self, slug: &str) -> Option<Arc<CachedProfile>> {
        if !self.enabled {
            return None;
        }
        self.entries.read().unwrap_or_else(|poisoned| poisoned.into_inner()).get(slug).cloned()
    }

    pub async fn profile(&self, slug: &Slug) -> Result<Option<Arc<CachedProfile>>, StorageError> {
        let mut found = self.profiles(std::slice::from_ref(slug)).await?;
        Ok(found.remove(slug))
    }

    /// Profiles for `slugs`, loading every miss in one batch.
    pub async fn profiles(&self, slugs: &[Slug]) -> Result<HashMap<Slug, Arc<CachedProfile>>, StorageError> {
        let mut found = HashMap::with_capacity(slugs.len());
        let mut missing = Vec::new();
        if self.enabled {
            // Held only for the lookups, never across an await.
            let entries = self.entries.read().unwrap_or_else(|poisoned| poisoned.into_inner());
            for slug in slugs {
                match entries.get(slug) {
                    Some(hit) => {
                        found.insert(slug.clone(), hit.clone());
                    }
                    None => missing.push(slug.clone()),
                }
            }
        } else {
            missing.extend_from_slice(slugs);
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let generation = self.generation.load(Ordering::Acquire);
        let loaded = self.catalog.load_profiles(&missing).await?;
        let mut built = Vec::with_capacity(loaded.len());
        for profile in loaded {
            built.push(Arc::new(CachedProfile::build(profile)?));
        }
        if self.enabled {
            let mut entries = self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner());
            if self.generation.load(Ordering::Acquire) == generation {
                for entry in &built {
                    entries.insert(entry.profile.document.slug.clone(), entry.clone());
                }
            }
        }
        for entry in built {
            found.insert(entry.profile.document.slug.clone(), entry);
        }
        Ok(found)
    }

    /// Reads the database's content hash and drops every entry if it changed.
    pub async fn refresh_version(&self) -> Result<bool, StorageError> {
        let current = self.catalog.content_version().await?;
        let mut version = self.version.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        let changed = *version != current;
        if changed {
            let mut entries = self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner());
            self.generation.fetch_add(1, Ordering::AcqRel);
            entries.clear();
            *version = current;
        }
        Ok(changed)
    }

    /// Changes whenever cached content is dropped; caches derived from content compare it.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }
}
