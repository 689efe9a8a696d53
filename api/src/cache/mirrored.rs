//! A `moka` cache whose entries are also readable through a plain map.
//!
//! moka bounds the bytes kept (weigher, TinyLFU admission) and coalesces
//! concurrent loads, but every `get` pays for its bookkeeping (recording the
//! read for the eviction policy, maybe running maintenance). For the content
//! cache that bookkeeping buys nothing on a hit: its keys are the published
//! slugs, a bounded set an anonymous client cannot grow (unknown slugs are
//! never stored), so the frequency sketch has no flood to resist. Hits are
//! therefore read from a map of exactly the entries moka holds: a value goes
//! into the map before moka stores it, and moka's eviction listener, which
//! also hears of values its admission policy refused, takes it out again.
//!
//! Recency and frequency of hits are not recorded in moka, so when the byte
//! bound is reached it evicts in insertion order rather than by popularity.
//! A cache whose keys clients choose (and so can flood) reports a sample of
//! its hits with `record_read`, which keeps TinyLFU's estimate of what is
//! popular at a fraction of the per-hit cost.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;

use parking_lot::RwLock;

type Hasher = foldhash::quality::RandomState;
type Map<K, V> = Arc<RwLock<HashMap<K, Arc<V>, Hasher>>>;

pub struct MirroredCache<K, V> {
    mirror: Map<K, V>,
    bounded: moka::future::Cache<K, Arc<V>, Hasher>,
}

impl<K, V> MirroredCache<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    /// A cache of at most `max_bytes`, as `weigh` counts them.
    pub fn new(max_bytes: u64, weigh: fn(&K, &Arc<V>) -> u32) -> Self {
        let mirror: Map<K, V> = Arc::default();
        let evicted_from = Arc::clone(&mirror);
        let bounded = moka::future::Cache::builder()
            .max_capacity(max_bytes)
            .weigher(weigh)
            .eviction_listener(move |key: Arc<K>, value: Arc<V>, _cause| {
                // Only that value: the key may have been stored again since.
                forget(&evicted_from, &*key, &value);
            })
            .build_with_hasher(Hasher::default());
        Self { mirror, bounded }
    }

    /// The entry for `key`, read from the map alone.
    pub fn get<Q>(&self, key: &Q) -> Option<Arc<V>>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.mirror.read().get(key).cloned()
    }

    /// The entry for `key`, or the one `load` makes; concurrent callers for
    /// one key share one load. A load's error is shared with them, not stored.
    pub async fn try_get_with<E, F>(&self, key: K, load: F) -> Result<Arc<V>, Arc<E>>
    where
        E: Send + Sync + 'static,
        F: Future<Output = Result<Arc<V>, E>>,
    {
        let stored_key = key.clone();
        let value = self
            .bounded
            .try_get_with(key.clone(), async {
                let value = load.await?;
                self.mirror.write().insert(stored_key, Arc::clone(&value));
                Ok(value)
            })
            .await?;
        // Two racing `insert`s of one key can leave moka holding a value the
        // map lost; the next read through here puts it back. (Should moka
        // evict it at this very instant, the map keeps one published entry
        // until the key is stored again or the cache is cleared.)
        if self.get(&key).is_none() && self.bounded.contains_key(&key) {
            self.mirror.write().insert(key, Arc::clone(&value));
        }
        Ok(value)
    }

    /// Tells moka of a hit the map served, so its eviction policy counts it.
    pub async fn record_read(&self, key: &K) {
        let _ = self.bounded.get(key).await;
    }

    pub async fn insert(&self, key: K, value: Arc<V>) {
        self.mirror.write().insert(key.clone(), Arc::clone(&value));
        self.bounded.insert(key, value).await;
    }

    /// Drops `value` if `key` still holds it.
    pub async fn remove_if_same(&self, key: &K, value: &Arc<V>) {
        if forget(&self.mirror, key, value) {
            self.bounded.invalidate(key).await;
        }
    }

    pub fn clear(&self) {
        self.mirror.write().clear();
        self.bounded.invalidate_all();
    }

    /// Entries in the map, after moka has settled what it evicts.
    #[cfg(test)]
    pub async fn settled_len(&self) -> usize {
        self.bounded.run_pending_tasks().await;
        self.mirror.read().len()
    }
}

/// Removes `key` from the map if it maps to this very `value`.
fn forget<K, V, Q>(map: &Map<K, V>, key: &Q, value: &Arc<V>) -> bool
where
    K: Hash + Eq + Borrow<Q>,
    Q: Hash + Eq + ?Sized,
{
    let mut map = map.write();
    let same = map.get(key).is_some_and(|held| Arc::ptr_eq(held, value));
    if same {
        map.remove(key);
    }
    same
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weigh(_: &String, value: &Arc<Vec<u8>>) -> u32 {
        value.len() as u32
    }

    fn bytes(n: usize) -> Arc<Vec<u8>> {
        Arc::new(vec![0; n])
    }

    #[actix_web::test]
    async fn a_loaded_value_is_read_from_the_map() {
        let cache = MirroredCache::new(1_000, weigh);
        assert!(cache.get("a").is_none());
        let loaded = cache.try_get_with::<(), _>("a".to_string(), async { Ok(bytes(10)) }).await.unwrap();
        assert!(Arc::ptr_eq(&cache.get("a").expect("a hit"), &loaded));
        let again = cache.try_get_with::<(), _>("a".to_string(), async { Ok(bytes(10)) }).await.unwrap();
        assert!(Arc::ptr_eq(&again, &loaded), "a second load is not run");
    }

    #[actix_web::test]
    async fn a_failed_load_leaves_nothing() {
        let cache = MirroredCache::<String, Vec<u8>>::new(1_000, weigh);
        let failed = cache.try_get_with("a".to_string(), async { Err("no database") }).await;
        assert_eq!(*failed.unwrap_err(), "no database");
        assert!(cache.get("a").is_none());
    }

    #[actix_web::test]
    async fn the_map_holds_only_what_the_bound_admits() {
        let cache = MirroredCache::new(1_000, weigh);
        for n in 0..50 {
            cache.insert(format!("k{n}"), bytes(100)).await;
        }
        let kept = cache.settled_len().await;
        assert!(kept <= 10, "{kept} entries of 100 bytes under a 1,000-byte bound");
        assert!(kept > 0);
        // Too big for the bound at all: refused by moka, and so gone from the map.
        cache.insert("huge".to_string(), bytes(5_000)).await;
        cache.settled_len().await;
        assert!(cache.get("huge").is_none());
    }

    #[actix_web::test]
    async fn a_late_eviction_of_an_old_value_keeps_the_new_one() {
        let cache = MirroredCache::new(1_000, weigh);
        let old = bytes(10);
        cache.insert("a".to_string(), Arc::clone(&old)).await;
        let new = bytes(10);
        cache.insert("a".to_string(), Arc::clone(&new)).await;
        cache.settled_len().await; // moka reports `old` as replaced
        assert!(Arc::ptr_eq(&cache.get("a").unwrap(), &new));
        cache.remove_if_same(&"a".to_string(), &old).await;
        assert!(Arc::ptr_eq(&cache.get("a").unwrap(), &new), "removing the old value leaves the new one");
        cache.remove_if_same(&"a".to_string(), &new).await;
        assert!(cache.get("a").is_none());
    }

    #[actix_web::test]
    async fn clearing_empties_both() {
        let cache = MirroredCache::new(1_000, weigh);
        cache.insert("a".to_string(), bytes(10)).await;
        cache.clear();
        assert!(cache.get("a").is_none());
        assert_eq!(cache.settled_len().await, 0);
    }
}
