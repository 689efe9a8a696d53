//! SeaORM entities, one file per table. They mirror the migrations and are
//! never returned to API clients: repositories map them to domain types.

pub mod api_keys;
pub mod content_documents;
pub mod content_links;
pub mod content_packs;
pub mod failure_windows;
pub mod idempotency_keys;
pub mod quota_buckets;
pub mod refresh_tokens;
pub mod saved_items;
pub mod sprint_plans;
pub mod sprint_task_states;
pub mod submissions;
pub mod sync_tombstones;
pub mod taxonomy_coverage;
pub mod taxonomy_items;
pub mod taxonomy_releases;
pub mod users;
