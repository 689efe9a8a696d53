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
