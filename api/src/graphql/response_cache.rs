//! Whole GraphQL responses for public queries, kept per content generation.
//!
//! Every query the schema serves today reads published content only, and
//! content changes only when a pack is loaded. So a response is fully decided
//! by the request body and the content generation: the first execution is
//! cached (identity and gzip) and later identical requests are answered from
//! memory. The cache is bounded in entries and bytes (when full, new
//! responses are simply not cached), cleared when the content generation
//! changes, read around by `Cache-Control: no-cache`, and never used for a
//! request with an `Authorization` header (so per-user data cannot leak
//! through it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::HttpRequest;
use actix_web::http::header;
use sha2::{Digest, Sha256};

use crate::http_cache::Representations;

pub const MAX_ENTRIES: usize = 512;
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

pub type Key = [u8; 32];

#[derive(Default)]
struct Entries {
    generation: u64,
    bytes: usize,
    map: HashMap<Key, Arc<Representations>>,
}

#[derive(Default)]
pub struct ResponseCache {
    entries: Mutex<Entries>,
}

impl ResponseCache {
    pub fn key(body: &[u8]) -> Key {
        Sha256::digest(body).into()
    }

    /// Whether the response to this request may be stored: never for requests with credentials.
    pub fn may_store(req: &HttpRequest) -> bool {
        !req.headers().contains_key(header::AUTHORIZATION)
    }

    /// Whether this request may be answered from the cache: `Cache-Control:
    /// no-cache` asks for a fresh execution (which then refreshes the entry).
    pub fn may_read(req: &HttpRequest) -> bool {
        let no_cache = req
            .headers()
            .get_all(header::CACHE_CONTROL)
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.to_ascii_lowercase().contains("no-cache") || v.to_ascii_lowercase().contains("no-store"));
        !no_cache && Self::may_store(req)
    }

    pub fn get(&self, key: &Key, generation: u64) -> Option<Arc<Representations>> {
        let entries = self.entries.lock().ok()?;
        if entries.generation != generation {
            return None;
        }
        entries.map.get(key).cloned()
    }

    pub fn insert(&self, key: Key, generation: u64, response: Arc<Representations>) {
        let Ok(mut entries) = self.entries.lock() else { return };
        if entries.generation != generation {
            *entries = Entries { generation, ..Entries::default() };
        }
        let size = response.identity.len() + response.gzip.len();
        let replaced = entries.map.get(&key).map(|old| old.identity.len() + old.gzip.len());
        if replaced.is_none() && (entries.map.len() >= MAX_ENTRIES || entries.bytes + size > MAX_BYTES) {
            return;
        }
        entries.bytes = entries.bytes - replaced.unwrap_or(0) + size;
        entries.map.insert(key, response);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::web::Bytes;

    fn response(n: usize) -> Arc<Representations> {
        Arc::new(Representations::new(Bytes::from(vec![b'x'; n])))
    }

    #[test]
    fn entries_live_for_one_generation() {
        let cache = ResponseCache::default();
        let key = ResponseCache::key(b"{ skills { slug } }");
        cache.insert(key, 1, response(10));
        assert!(cache.get(&key, 1).is_some());
        assert!(cache.get(&key, 2).is_none(), "a new content generation hides old responses");
        cache.insert(ResponseCache::key(b"other"), 2, response(10));
        assert!(cache.get(&key, 1).is_none(), "and clears them on the next insert");
    }

    #[test]
    fn the_cache_is_bounded() {
        let cache = ResponseCache::default();
        for i in 0..(MAX_ENTRIES + 10) {
            cache.insert(ResponseCache::key(&i.to_le_bytes()), 0, response(1));
        }
        let stored =
            (0..(MAX_ENTRIES + 10)).filter(|i| cache.get(&ResponseCache::key(&i.to_le_bytes()), 0).is_some()).count();
        assert_eq!(stored, MAX_ENTRIES);
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
