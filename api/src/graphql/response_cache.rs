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
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    fn key(n: usize) -> Arc<OperationKey> {
        Arc::new(OperationKey::new(&format!("{{ f{n} }}"), None, &serde_json::Value::Null))
    }

    fn response(generation: u64, n: usize) -> Arc<CachedResponse> {
        Arc::new(CachedResponse::new(generation, Bytes::from(vec![b'x'; n]), Default::default()))
    }

    #[actix_web::test]
    async fn entries_live_for_one_generation() {
        let cache = ResponseCache::default();
        cache.insert(key(1), response(1, 10)).await;
        assert!(cache.get(&key(1), 1).await.is_some());
        assert!(cache.get(&key(1), 2).await.is_none(), "a new content generation hides old responses");
        cache.insert(key(2), response(1, 10)).await;
        assert!(cache.get(&key(2), 2).await.is_none(), "a late answer from the old generation is not served");
    }

    #[actix_web::test]
    async fn a_full_cache_evicts_instead_of_refusing() {
        let cache = ResponseCache::with_capacity(64 * 1024, 1024);
        for round in 0..3 {
            for n in 0..2_000 {
                cache.insert(key(n + round * 10_000), response(0, 100)).await;
            }
        }
        cache.settle().await;
        assert!(cache.weighted_bytes() <= 64 * 1024, "bounded: {}", cache.weighted_bytes());
        cache.insert(key(424_242), response(0, 100)).await;
        // A popular entry is admitted against a flood of one-off keys.
        for _ in 0..20 {
            let _ = cache.get(&key(424_242), 0).await;
        }
        for n in 0..2_000 {
            cache.insert(key(n + 90_000), response(0, 100)).await;
        }
        cache.settle().await;
        assert!(cache.get(&key(424_242), 0).await.is_some(), "the frequently read entry survives the flood");
    }

    fn body(n: usize) -> Bytes {
        Bytes::from(format!("{{\"query\":\"{{ f{n} }}\"}}"))
    }

    /// Operation 1's answer, stored and remembered for its body; the cache
    /// keeps the only strong reference, and the test a weak one.
    async fn stored_answer(cache: &ResponseCache) -> Weak<CachedResponse> {
        let answer = response(1, 10);
        cache.insert(key(1), answer.clone()).await;
        cache.remember_body(body(1), key(1), &answer).await;
        Arc::downgrade(&answer)
    }

    #[actix_web::test]
    async fn a_remembered_body_is_answered_for_its_generation() {
        let cache = ResponseCache::default();
        assert!(cache.get_by_body(&body(1), 1).await.is_none());
        let answer = stored_answer(&cache).await;
        let hit = cache.get_by_body(&body(1), 1).await.expect("a hit");
        assert!(Arc::ptr_eq(&hit, &answer.upgrade().expect("held by the cache")));
        assert!(cache.get_by_body(&body(2), 1).await.is_none(), "another body is not answered");
        assert!(cache.get_by_body(&body(1), 2).await.is_none(), "a new content generation hides it");
    }

    #[actix_web::test]
    async fn a_body_follows_its_key_to_a_refreshed_response() {
        let cache = ResponseCache::default();
        let first = stored_answer(&cache).await;
        let fresh = response(1, 10);
        cache.insert(key(1), fresh.clone()).await; // a `no-cache` execution for another body
        cache.settle().await;
        assert!(first.upgrade().is_none(), "the replaced response is freed");
        let hit = cache.get_by_body(&body(1), 1).await.expect("found by key");
        assert!(Arc::ptr_eq(&hit, &fresh));
    }

    #[actix_web::test]
    async fn remembered_bodies_hold_no_response_the_cache_dropped() {
        let cache = ResponseCache::default();
        let answer = stored_answer(&cache).await;
        cache.responses.invalidate(&key(1)).await; // as an eviction would
        cache.settle().await;
        assert!(answer.upgrade().is_none(), "memory is bounded by the response cache alone");
        assert!(cache.get_by_body(&body(1), 1).await.is_none());
    }

    /// A request for operation `n` as the endpoint makes it: by body, else
    /// executed (or found) by key and remembered. Whether it executed.
    async fn request(cache: &ResponseCache, n: usize) -> bool {
        if cache.get_by_body(&body(n), 0).await.is_some() {
            return false;
        }
        let executed = AtomicBool::new(false);
        let run = async {
            executed.store(true, Ordering::Relaxed);
            Ok::<_, ()>(response(0, 100))
        };
        let answer = cache.get_or_execute(key(n), 0, run).await.expect("stored");
        cache.remember_body(body(n), key(n), &answer).await;
        executed.load(Ordering::Relaxed)
    }

    #[actix_web::test]
    async fn an_entry_popular_by_body_survives_a_flood() {
        const POPULAR: usize = 424_242;
        let cache = ResponseCache::with_capacity(64 * 1024, 16 * 1024);
        for n in 0..2_000 {
            request(&cache, n + 1_000_000).await;
        }
        cache.settle().await;
        // The popular operation is asked for throughout the flood, answered by
        // body; only the sampled hits reach the eviction policy, whose counts
        // also age (they halve every few thousand reads).
        let mut executions = 0;
        for n in 0..8_000 {
            // Each one-off operation asked for twice, so it competes for a place.
            request(&cache, n).await;
            request(&cache, n).await;
            if n % 5 == 0 {
                executions += usize::from(request(&cache, POPULAR).await);
            }
        }
        cache.settle().await;
        assert!(cache.weighted_bytes() <= 64 * 1024, "bounded: {}", cache.weighted_bytes());
        assert!(cache.get_by_body(&body(POPULAR), 0).await.is_some(), "the popular body and its answer survive");
        assert!(executions <= 2, "the popular operation ran {executions} times");
    }

    #[actix_web::test]
    async fn concurrent_misses_run_once() {
        let cache = Arc::new(ResponseCache::default());
        let runs = Arc::new(AtomicU64::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (cache, runs) = (cache.clone(), runs.clone());
            tasks.push(actix_web::rt::spawn(async move {
                cache
                    .get_or_execute::<(), _>(key(7), 3, async {
                        runs.fetch_add(1, Ordering::SeqCst);
                        actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
                        Ok(response(3, 10))
                    })
                    .await
                    .is_ok()
            }));
        }
        for task in tasks {
            assert!(task.await.unwrap_or(false));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    fn gunzip(gzip: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(gzip).read_to_end(&mut decoded).expect("a gzip stream");
        decoded
    }

    /// A JSON body like a profile's: repetitive, but not trivially so.
    fn json_body() -> Bytes {
        let items: Vec<_> = (0..400)
            .map(|n| serde_json::json!({"slug": format!("skill-{n}"), "level": n % 5, "note": format!("note {}", n * 7919 % 1000)}))
            .collect();
        Bytes::from(serde_json::to_vec(&items).unwrap())
    }

    #[test]
    fn the_executing_request_gets_a_fast_gzip_that_is_not_kept() {
        let entry = CachedResponse::new(0, json_body(), Default::default());
        let once = entry.gzip_once().expect("compressed");
        assert_eq!(gunzip(&once), entry.identity);
        assert!(entry.gzip.get().is_none(), "nothing kept for the executing request");
    }

    #[test]
    fn hits_get_a_better_gzip_made_once() {
        let entry = CachedResponse::new(0, json_body(), Default::default());
        let fast = entry.gzip_once().expect("compressed");
        let kept = entry.gzip().cloned().expect("compressed");
        assert_eq!(gunzip(&kept), entry.identity);
        assert!(kept.len() < fast.len(), "the kept form is smaller: {} against {}", kept.len(), fast.len());
        assert!(entry.gzip().is_some_and(|again| again.as_ptr() == kept.as_ptr()), "made once");
        assert_eq!(entry.gzip_once(), Some(kept), "once made, the executing request sends it too");
    }

    #[test]
    fn no_cache_and_credentials_bypass_it() {
        use actix_web::test::TestRequest;
        let plain = TestRequest::default().to_http_request();
        assert!(ResponseCache::may_read(&plain) && ResponseCache::may_store(&plain));
        let no_cache = TestRequest::default().insert_header(("Cache-Control", "no-cache")).to_http_request();
        assert!(!ResponseCache::may_read(&no_cache) && ResponseCache::may_store(&no_cache));
        let credentials = TestRequest::default().insert_header(("Authorization", "Bearer x")).to_http_request();
        assert!(!ResponseCache::may_read(&credentials) && !ResponseCache::may_store(&credentials));
    }
}
