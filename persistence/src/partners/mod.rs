//! Partner access in the database: API keys (`keys.rs`) and the shared
//! request-quota buckets (`buckets.rs`, used when the database is PostgreSQL).

mod buckets;
mod keys;

pub use buckets::QuotaBuckets;
pub use keys::{ApiKeyStore, KeyIdentity};
