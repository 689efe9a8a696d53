use std::sync::Arc;

use roledex_domain::ports::CatalogRepository;
use roledex_persistence::{Database, LearnerStore};

use crate::auth::TokenService;
use crate::cache::ContentCache;
use crate::config::Config;
use crate::telemetry::Metrics;

/// What every handler and resolver shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<dyn CatalogRepository>,
    pub cache: Arc<ContentCache>,
    pub database: Database,
    pub metrics: Arc<Metrics>,
    pub config: Arc<Config>,
    pub learners: LearnerStore,
    pub tokens: Arc<TokenService>,
}

impl AppState {
    pub fn max_age_secs(&self) -> u64 {
        self.config.cache_max_age.as_secs()
    }
}
