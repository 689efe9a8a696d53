//! Published profiles kept in memory between requests.
//!
//! Content changes only when a pack is loaded, so each profile is serialized
//! and hashed once per content version and then served from memory (the REST
//! body and its ETag, and the GraphQL object). Every instance polls the
//! database for the content hash (`content_poll`), so a pack loaded by any
//! instance or by `roledex content load` reaches all of them within that
//! interval; nothing is shared only in one process's memory.
//!
//! Entries live in a `moka` cache bounded in bytes (TinyLFU admission),
//! mirrored in a plain map that hits are read from (`mirrored`).
//! Concurrent misses for one profile run one load (`try_get_with`); each
//! entry records the content generation it was built in, so a load that
//! raced a content change is never served.

pub(crate) mod mirrored;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use actix_web::web::Bytes;
use roledex_domain::profile::RoleProfile;
use roledex_domain::values::Slug;
use roledex_persistence::SeaCatalog;

use crate::dto;
use crate::error::ApiError;
use crate::http_cache::Representations;
use mirrored::MirroredCache;

/// Bytes of profiles kept (their REST bodies, weighted with the values built from them).
pub const MAX_PROFILE_BYTES: u64 = 64 * 1024 * 1024;

/// One profile in every form the API serves it.
#[derive(Debug)]
pub struct CachedProfile {
    pub profile: RoleProfile,
    pub dto: Arc<dto::RoleProfile>,
    /// The REST representation, serialized (and compressed) once.
    pub rest: Representations,
    generation: u64,
}

impl CachedProfile {
    fn build(profile: RoleProfile, generation: u64) -> Result<Self, ApiError> {
        let dto = Arc::new(dto::RoleProfile::from(&profile));
        let json = Bytes::from(serde_json::to_vec(&*dto).map_err(|e| ApiError::internal("serializing a profile", e))?);
        Ok(Self { profile, dto, rest: Representations::new(json), generation })
    }

    /// The REST bodies, plus the domain value and the GraphQL object counted
    /// as twice the JSON they serialize to.
    fn weight(_: &Slug, entry: &Arc<Self>) -> u32 {
        u32::try_from(entry.rest.identity.len() * 3 + entry.rest.gzip.len()).unwrap_or(u32::MAX)
    }
}

pub struct ContentCache {
    catalog: SeaCatalog,
    enabled: bool,
    entries: MirroredCache<Slug, CachedProfile>,
    version: tokio::sync::Mutex<Option<String>>,
    /// Bumped on every content change: entries of another generation are stale.
    generation: AtomicU64,
}

impl ContentCache {
    pub fn new(catalog: SeaCatalog, enabled: bool) -> Self {
        let entries = MirroredCache::new(MAX_PROFILE_BYTES, CachedProfile::weight);
        Self { catalog, enabled, entries, version: tokio::sync::Mutex::new(None), generation: AtomicU64::new(0) }
    }

    /// A profile already in memory, found without parsing the slug: the hot
    /// path of content requests. An entry of an older generation is dropped.
    pub async fn cached(&self, slug: &str) -> Option<Arc<CachedProfile>> {
        if !self.enabled {
            return None;
        }
        let entry = self.entries.get(slug)?;
        if entry.generation == self.generation() {
            return Some(entry);
        }
        // Boxed, like every rare path under a hit: kept out of the hit's future.
        Box::pin(self.entries.remove_if_same(&entry.profile.document.slug, &entry)).await;
        None
    }

    /// One profile; concurrent misses for it share one load.
    pub async fn profile(&self, slug: &Slug) -> Result<Option<Arc<CachedProfile>>, ApiError> {
        if !self.enabled {
            return Ok(self.load(std::slice::from_ref(slug)).await?.remove(slug));
        }
        if let Some(hit) = self.cached(slug.as_str()).await {
            return Ok(Some(hit));
        }
        // An unknown slug is not cached: `try_get_with` then answers `NotFound`.
        let loaded = self
            .entries
            .try_get_with(slug.clone(), async {
                let mut found = self.load(std::slice::from_ref(slug)).await.map_err(Miss::Storage)?;
                found.remove(slug).ok_or(Miss::NotFound)
            })
            .await;
        match loaded {
            Ok(entry) => Ok(Some(entry)),
            Err(miss) => match &*miss {
                Miss::NotFound => Ok(None),
                Miss::Storage(e) => Err(e.clone()),
            },
        }
    }

    /// Profiles for `slugs`, loading every miss in one batch.
    pub async fn profiles(&self, slugs: &[Slug]) -> Result<HashMap<Slug, Arc<CachedProfile>>, ApiError> {
        let mut found = HashMap::with_capacity(slugs.len());
        let mut missing = Vec::new();
        for slug in slugs {
            match self.cached(slug.as_str()).await {
                Some(hit) => drop(found.insert(slug.clone(), hit)),
                None => missing.push(slug.clone()),
            }
        }
        if !missing.is_empty() {
            for (slug, entry) in self.load(&missing).await? {
                if self.enabled {
                    self.entries.insert(slug.clone(), entry.clone()).await;
                }
                found.insert(slug, entry);
            }
        }
        Ok(found)
    }

    async fn load(&self, slugs: &[Slug]) -> Result<HashMap<Slug, Arc<CachedProfile>>, ApiError> {
        let generation = self.generation();
        let loaded = self.catalog.load_profiles(slugs).await?;
        let mut built = HashMap::with_capacity(loaded.len());
        for profile in loaded {
            built.insert(profile.document.slug.clone(), Arc::new(CachedProfile::build(profile, generation)?));
        }
        Ok(built)
    }

    /// Reads the database's content hash and drops every entry if it changed.
    pub async fn refresh_version(&self) -> Result<bool, ApiError> {
        let current = self.catalog.content_version().await?;
        let mut version = self.version.lock().await;
        let changed = *version != current;
        if changed {
            self.generation.fetch_add(1, Ordering::AcqRel);
            self.entries.clear();
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

/// Why a coalesced load found nothing to cache.
#[derive(Debug)]
enum Miss {
    NotFound,
    Storage(ApiError),
}
