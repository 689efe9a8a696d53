//! Whole GraphQL responses for public queries, kept per content generation.
//!
//! Every public query reads published content only, and content changes only
//! when a pack is loaded; so a response is decided by the operation (its
//! normalized document, operation name and variables: see `OperationKey`)
//! and the content generation. Responses live in a `moka` cache bounded in
//! bytes with TinyLFU admission, so a flood of one-off queries evicts cold
//! entries instead of stopping caching (moka starts counting how often keys
//! are read once the cache is half full; from then on a popular operation
//! outweighs one-off ones); concurrent misses for one operation
//! run it once (`try_get_with`). A second, smaller cache remembers raw
//! request bodies already seen, with their key and a weak link to the
//! response last served for them, so a repeated request is answered with one
//! map read: no normalizing, no second look-up. The link is weak so that
//! the response cache alone decides which responses stay in memory; a
//! body whose response it evicted or replaced is looked up again by key.
//! Those hits bypass moka's bookkeeping, so one in `READ_SAMPLE` is reported
//! to both caches: TinyLFU still learns what is popular. Responses are
//! gzip-compressed only for a client that accepts gzip: at a fast level for
//! the request that executed the operation, and well, once per entry, for the
//! requests it serves from the cache.
//!
//! The cache is read around by `Cache-Control: no-cache` (which refreshes
//! the entry) and never used for a request with an `Authorization` header,
//! so per-user data cannot leak through it.

use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, Weak};

use actix_web::HttpRequest;
use actix_web::http::header;
use actix_web::web::Bytes;

use super::operation_key::OperationKey;
use crate::cache::mirrored::MirroredCache;

/// Bytes of responses kept (identity bodies, their gzip and their keys).
pub const MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;
/// Bytes of raw request bodies remembered with their key.
pub const MAX_BODY_BYTES: u64 = 8 * 1024 * 1024;
/// One in this many hits answered by body is reported to the caches' eviction policy.
const READ_SAMPLE: u32 = 16;

/// A response answered from the cache.
#[derive(Debug)]
pub struct CachedResponse {
    generation: u64,
    /// What the operation needs of an API key (checked on every hit too).
    pub needs: super::scopes::Needs,
    pub identity: Bytes,
    gzip: OnceLock<Option<Bytes>>,
}

impl CachedResponse {
    pub fn new(generation: u64, identity: Bytes, needs: super::scopes::Needs) -> Self {
        Self { generation, needs, identity, gzip: OnceLock::new() }
    }

    /// The gzip body served from the cache: compressed well, once, the first
    /// time a client that accepts gzip reads the entry.
    /// (Writing to a `Vec` cannot fail; should it, `None` sends identity.)
    pub fn gzip(&self) -> Option<&Bytes> {
        self.gzip.get_or_init(|| gzip(&self.identity, flate2::Compression::default())).as_ref()
    }

    /// The gzip body for the request that executed the operation: compressed
    /// on its request path, so at a fast level, and not kept (the entry keeps
    /// the well-compressed form hits are served).
    pub fn gzip_once(&self) -> Option<Bytes> {
        match self.gzip.get() {
            Some(kept) => kept.clone(),
            None => gzip(&self.identity, flate2::Compression::fast()),
        }
    }

    /// What the entry weighs: the body, a room for its gzip (a quarter of it), and the key.
    fn weight(&self, key: &OperationKey) -> u32 {
        let bytes = self.identity.len() + self.identity.len() / 4 + key.weight();
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }
}

fn gzip(identity: &[u8], level: flate2::Compression) -> Option<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(identity.len() / 4), level);
    encoder.write_all(identity).and_then(|()| encoder.finish()).ok().map(Bytes::from)
}

/// Request bodies and keys are hashed with a seeded hash far cheaper than
/// SipHash over a kilobyte-long query.
type Hasher = foldhash::quality::RandomState;

/// What a request body seen before leads to.
struct Remembered {
    key: Arc<OperationKey>,
    /// The response last served for the body; held by the response cache, not here.
    response: Weak<CachedResponse>,
}

impl Remembered {
    fn weight(body: &Bytes, remembered: &Arc<Self>) -> u32 {
        u32::try_from(body.len() + remembered.key.weight()).unwrap_or(u32::MAX)
    }
}

pub struct ResponseCache {
    bodies: MirroredCache<Bytes, Remembered>,
    responses: moka::future::Cache<Arc<OperationKey>, Arc<CachedResponse>, Hasher>,
    /// The content generation the entries belong to.
    generation: AtomicU64,
}

impl Default for ResponseCache {
    fn default() -> Self {
        Self::with_capacity(MAX_RESPONSE_BYTES, MAX_BODY_BYTES)
    }
}

impl ResponseCache {
    pub fn with_capacity(response_bytes: u64, body_bytes: u64) -> Self {
        let bodies = MirroredCache::new(body_bytes, Remembered::weight);
        let responses = moka::future::Cache::builder()
            .max_capacity(response_bytes)
            .weigher(|key: &Arc<OperationKey>, response: &Arc<CachedResponse>| response.weight(key))
            .build_with_hasher(Hasher::default());
        Self { bodies, responses, generation: AtomicU64::new(0) }
    }

    /// Whether the response to this request may be stored: never for requests with credentials.
    pub fn may_store(req: &HttpRequest) -> bool {
        !req.headers().contains_key(header::AUTHORIZATION)
    }

    /// Whether this request may be answered from the cache: `Cache-Control:
    /// no-cache` asks for a fresh execution (which then refreshes the entry).
    pub fn may_read(req: &HttpRequest) -> bool {
        let no_cache = req.headers().get_all(header::CACHE_CONTROL).filter_map(|v| v.to_str().ok()).any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("no-cache") || v.contains("no-store")
        });
        !no_cache && Self::may_store(req)
    }

    /// Drops every response when the content generation has moved on.
    fn observe(&self, generation: u64) {
        let seen = self.generation.load(Ordering::Acquire);
        if seen != generation
            && self.generation.compare_exchange(seen, generation, Ordering::AcqRel, Ordering::Acquire).is_ok()
        {
            self.responses.invalidate_all();
        }
    }

    /// The answer to a request body seen before, found without parsing it:
    /// one map read while the response last served for it is current.
    pub async fn get_by_body(&self, body: &Bytes, generation: u64) -> Option<Arc<CachedResponse>> {
        let remembered = self.bodies.get(body)?;
        if let Some(response) = remembered.response.upgrade().filter(|response| response.generation == generation) {
            if sampled_read() {
                self.bodies.record_read(body).await;
                let _ = self.responses.get(&remembered.key).await;
            }
            return Some(response);
        }
        // Evicted, replaced by a fresh execution, or of an older generation.
        let response = self.get(&remembered.key, generation).await?;
        self.remember_body(body.clone(), Arc::clone(&remembered.key), &response).await;
        Some(response)
    }

    /// Remembers that `body` is answered by `response`, the current answer for `key`.
    pub async fn remember_body(&self, body: Bytes, key: Arc<OperationKey>, response: &Arc<CachedResponse>) {
        self.bodies.insert(body, Arc::new(Remembered { key, response: Arc::downgrade(response) })).await;
    }

    pub async fn get(&self, key: &Arc<OperationKey>, generation: u64) -> Option<Arc<CachedResponse>> {
        self.observe(generation);
        let hit = self.responses.get(key).await?;
        // An execution that began before a content change may have stored its answer late.
        if hit.generation != generation {
            self.responses.invalidate(key).await;
            return None;
        }
        Some(hit)
    }

    /// The cached response for `key`, or the one `execute` makes, which is
    /// stored when it is `Ok`. Concurrent callers with one key share one run.
    pub async fn get_or_execute<E, F>(
        &self,
        key: Arc<OperationKey>,
        generation: u64,
        execute: F,
    ) -> Result<Arc<CachedResponse>, Arc<E>>
    where
        E: Send + Sync + 'static,
        F: std::future::Future<Output = Result<Arc<CachedResponse>, E>>,
    {
        if let Some(hit) = self.get(&key, generation).await {
            return Ok(hit);
        }
        self.responses.try_get_with(key, execute).await
    }

    /// Stores a freshly executed response (a forced execution refreshes its entry).
    pub async fn insert(&self, key: Arc<OperationKey>, response: Arc<CachedResponse>) {
        self.observe(response.generation);
        self.responses.insert(key, response).await;
    }

    /// Settles pending evictions, so a test reads the bounded size.
    #[cfg(test)]
    async fn settle(&self) {
        self.responses.run_pending_tasks().await;
        self.bodies.settled_len().await;
    }

    #[cfg(test)]
    fn weighted_bytes(&self) -> u64 {
        self.responses.weighted_size()
    }
}

/// Whether this hit is one of the sample reported to the eviction policy.
/// Counted per thread: a shared counter would be contended by every hit.
fn sampled_read() -> bool {
    thread_local! { static HITS: Cell<u32> = const { Cell::new(0) }; }
    HITS.with(|hits| {
        let n = hits.get().wrapping_add(1);
        hits.set(n);
        n % READ_SAMPLE == 0
    })
}

#[cfg(test)]
mod tests;
