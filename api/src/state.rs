use std::sync::Arc;

use roledex_persistence::taxonomy::TaxonomyStore;
use roledex_persistence::{Database, LearnerStore, SeaCatalog};

use crate::auth::TokenService;
use crate::cache::ContentCache;
use crate::config::Config;
use crate::embed::ChartCache;
use crate::partner::PartnerAccess;
use crate::telemetry::Metrics;

/// What every handler and resolver shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub catalog: SeaCatalog,
    pub cache: Arc<ContentCache>,
    /// Charts drawn once per content version.
    pub charts: Arc<ChartCache>,
    pub database: Database,
    pub metrics: Arc<Metrics>,
    pub config: Arc<Config>,
    pub learners: LearnerStore,
    pub taxonomies: TaxonomyStore,
    pub tokens: Arc<TokenService>,
    /// Accounts known to exist (tokens of a deleted account are refused).
    pub accounts: Arc<crate::auth::LiveAccounts>,
    /// API keys, quotas and client addresses.
    pub partners: Arc<PartnerAccess>,
    /// `Cache-Control` of content responses, built once from the configuration.
    pub cache_control: actix_web::http::header::HeaderValue,
}

impl AppState {
    pub fn cache_control(&self) -> &actix_web::http::header::HeaderValue {
        &self.cache_control
    }
}
