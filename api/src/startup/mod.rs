//! One start-up path for `main` and every test: connect, migrate, load the
//! content pack if it changed, bind, and return the running server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use roledex_domain::ratelimit::gcra::Rate;
use roledex_persistence::content::{LoadOutcome, load_if_changed, read_pack};
use roledex_persistence::learners::now_millis;
use roledex_persistence::taxonomy::TaxonomyStore;
use roledex_persistence::{
    ApiKeyStore, Database, DatabaseKind, LearnerStore, PersistenceError, QuotaBuckets, SeaCatalog,
};
use secrecy::ExposeSecret;

use crate::auth::TokenService;
use crate::background::BackgroundTasks;
use crate::cache::ContentCache;
use crate::config::Config;
use crate::embed::ChartCache;
use crate::partner::{KeyDirectory, Limits, PartnerAccess, Quotas, TrustedProxies};
use crate::state::AppState;
use crate::telemetry::Metrics;

mod http;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Persistence(#[from] PersistenceError),
    #[error("the content pack in {dir} is invalid:\n{problems}")]
    InvalidContent { dir: String, problems: String },
    #[error("authentication is misconfigured: {0}")]
    Auth(String),
    #[error("cannot listen on {address}: {source}")]
    Bind { address: String, source: std::io::Error },
    #[error("the GraphQL schema's own SDL does not parse: {0}")]
    Schema(String),
    #[error("request quotas cannot be counted: {0}")]
    Quotas(String),
}

pub struct Application {
    port: u16,
    server: Server,
    /// `/metrics` on its own address, when configured: its port and server.
    metrics: Option<(u16, Server)>,
    state: AppState,
    tasks: BackgroundTasks,
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        let database = connect(&config).await?;
        database.migrate().await?;
        tracing::info!("database migrated");
        load_content(&database, &config).await?;

        let catalog = SeaCatalog::new(&database);
        let cache = Arc::new(ContentCache::new(catalog.clone(), config.content_cache));
        if let Err(e) = cache.refresh_version().await {
            tracing::warn!(error = %e, "could not read the content version");
        }
        // Fetching a JWKS URL is blocking IO: keep it off the async runtime.
        let token_config = config.clone();
        let tokens = Arc::new(
            actix_web::rt::task::spawn_blocking(move || token_service(&token_config))
                .await
                .map_err(|e| StartupError::Auth(e.to_string()))??,
        );
        let partners = Arc::new(partner_access(&config, &database).await?);
        let state = AppState {
            partners,
            catalog,
            cache: cache.clone(),
            charts: Arc::new(ChartCache::new(cache.enabled())),
            learners: LearnerStore::new(&database),
            accounts: Arc::new(crate::auth::LiveAccounts::default()),
            taxonomies: TaxonomyStore::new(&database),
            database,
            metrics: Arc::new(Metrics::default()),
            config: Arc::new(config.clone()),
            tokens,
            cache_control: actix_web::http::header::HeaderValue::from_str(&format!(
                "public, max-age={}",
                config.cache_max_age.as_secs()
            ))
            .map_err(|e| StartupError::Auth(e.to_string()))?,
        };

        let listener = TcpListener::bind(config.listen)
            .map_err(|source| StartupError::Bind { address: config.listen.to_string(), source })?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(config.listen.port());
        let server = http::server(listener, state.clone())?;
        let metrics = match config.metrics_listen {
            Some(address) => Some(http::metrics_server(address, state.clone())?),
            None => None,
        };
        let handles = std::iter::once(server.handle()).chain(metrics.iter().map(|(_, s)| s.handle())).collect();
        stop_on_signals(handles).map_err(|source| StartupError::Bind { address: "signal handlers".into(), source })?;
        let tasks = background_tasks(&state);
        tracing::info!(address = %config.listen.ip(), port, "roledex is listening");
        Ok(Self { port, server, metrics, state, tasks })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port `/metrics` is served on, when `metrics_listen` is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Runs until SIGINT or SIGTERM, then stops accepting, drains in-flight
    /// requests, and stops and joins the background tasks.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = match self.metrics {
            Some((_, metrics)) => {
                let (served, scraped) = futures_util::future::join(self.server, metrics).await;
                served.and(scraped)
            }
            None => self.server.await,
        };
        self.tasks.shutdown().await;
        served
    }
}

/// API keys, where quotas are counted, and the limits of callers without a key.
async fn partner_access(config: &Config, database: &Database) -> Result<PartnerAccess, StartupError> {
    let quotas = match (&config.redis_url, database.kind) {
        (Some(url), _) => Quotas::redis(url.expose_secret()).await.map_err(StartupError::Quotas)?,
        (None, DatabaseKind::Postgres) => Quotas::postgres(QuotaBuckets::new(database)),
        (None, DatabaseKind::Sqlite) => Quotas::in_process(),
    };
    tracing::info!(store = quotas.store(), enabled = config.rate_limits, "request quotas");
    let keys = KeyDirectory::new(ApiKeyStore::new(database), Rate::per_minute(config.api_key_default_per_minute));
    keys.refresh_origins().await.map_err(|e| StartupError::Quotas(format!("reading the API keys' origins: {e}")))?;
    Ok(PartnerAccess {
        keys,
        quotas,
        proxies: TrustedProxies::parse(&config.trusted_proxies).map_err(|entry| {
            StartupError::Quotas(format!("`{entry}` in trusted_proxies is not an address or range"))
        })?,
        limits: Limits {
            enabled: config.rate_limits,
            anonymous: Rate::per_minute(config.anonymous_per_minute),
            anonymous_compute: Rate::per_minute(config.anonymous_compute_per_minute),
            learner: Rate::per_minute(config.learner_per_minute),
        },
    })
}

fn token_service(config: &Config) -> Result<TokenService, StartupError> {
    let secret = match &config.jwt_secret {
        Some(secret) => secret.expose_secret().to_owned(),
        None => {
            tracing::warn!(
                "ROLEDEX_JWT_SECRET is not set: using a random signing key, so tokens end with this process and \
                 are not accepted by other instances"
            );
            crate::auth::new_refresh_token().ok_or_else(|| {
                StartupError::Auth("the operating system supplies no randomness for a signing key".into())
            })?
        }
    };
    TokenService::new(config, &secret).map_err(StartupError::Auth)
}

pub async fn connect(config: &Config) -> Result<Database, PersistenceError> {
    let url = match &config.database_url {
        Some(url) => url.expose_secret().to_owned(),
        None => Database::sqlite_url_in(&config.data_dir)?,
    };
    Database::connect(&url).await
}

/// Loads the configured pack when it is new or changed. A missing directory
/// is not an error when the database already has content (an operator may
/// run the binary away from the source tree); an invalid pack always is.
async fn load_content(database: &Database, config: &Config) -> Result<(), StartupError> {
    let dir = &config.content_dir;
    if !dir.exists() {
        tracing::warn!(dir = %dir.display(), "content directory not found; serving the content already in the database");
        return Ok(());
    }
    let read = read_pack(dir, &config.reference_data).map_err(|problems| StartupError::InvalidContent {
        dir: dir.display().to_string(),
        problems: problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"),
    })?;
    match load_if_changed(database, &read, &dir.display().to_string()).await? {
        LoadOutcome::Loaded { content_hash } => tracing::info!(%content_hash, "content pack loaded"),
        LoadOutcome::Unchanged { content_hash } => tracing::info!(%content_hash, "content pack unchanged"),
    }
    Ok(())
}

/// The work a server does on its own while it runs (a URL-sourced JWKS is
/// fetched again on an interval, so keys the provider rotates are trusted
/// without a restart; on failure the old keys stay).
fn background_tasks(state: &AppState) -> BackgroundTasks {
    let mut tasks = BackgroundTasks::default();
    let cache = state.cache.clone();
    // Start-up already read the version: the first check is one interval away.
    tasks.every("content poll", state.config.content_poll, move || {
        let cache = cache.clone();
        async move {
            match cache.refresh_version().await {
                Ok(true) => tracing::info!("content changed; profile cache cleared"),
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "content version check failed"),
            }
        }
    });
    if matches!(state.tokens.external_source(), Some(crate::auth::JwksSource::Url(_))) {
        let tokens = state.tokens.clone();
        tasks.every("external JWKS refresh", state.config.external_jwks_refresh, move || {
            let tokens = tokens.clone();
            async move {
                // Fetching a URL is blocking IO: keep it off the async workers.
                match tokio::task::spawn_blocking(move || tokens.reload_external_keys()).await {
                    Ok(Ok(count)) => tracing::debug!(keys = count, "external JWKS refreshed"),
                    Ok(Err(e)) => tracing::warn!(error = %e, "external JWKS refresh failed; keeping the previous keys"),
                    Err(e) => tracing::warn!(error = %e, "external JWKS refresh task failed"),
                }
            }
        });
    }
    let partners = state.partners.clone();
    tasks.every("API key origins refresh", state.config.content_poll, move || {
        let partners = partners.clone();
        async move {
            if let Err(e) = partners.keys.refresh_origins().await {
                tracing::warn!(error = %e, "reading the API keys' origins failed");
            }
        }
    });
    let partners = state.partners.clone();
    tasks.every("quota bucket sweep", std::time::Duration::from_secs(60), move || {
        let partners = partners.clone();
        async move { partners.quotas.sweep().await }
    });
    let learners = state.learners.clone();
    let tombstone_horizon = i64::from(state.config.sync_tombstone_days).saturating_mul(86_400_000);
    tasks.every("expired learner data sweep", std::time::Duration::from_secs(60), move || {
        let learners = learners.clone();
        async move {
            let cutoff = roledex_domain::sync::tombstone_cutoff(now_millis(), tombstone_horizon);
            if let Err(e) = learners.sweep_tombstones(cutoff).await {
                tracing::warn!(error = %e, "sweeping sync tombstones past their horizon failed");
            }
            if let Err(e) = learners.sweep_expired(now_millis()).await {
                tracing::warn!(error = %e, "sweeping expired idempotency keys and refresh tokens failed");
            }
            // The longest failure window is the registration one: older rows count nothing.
            let horizon = now_millis() - roledex_domain::ratelimit::REGISTRATION_WINDOW_MS;
            if let Err(e) = learners.sweep_failures(horizon).await {
                tracing::warn!(error = %e, "sweeping old failure windows failed");
            }
        }
    });
    tasks
}

/// SIGTERM or SIGINT stops accepting connections and drains in-flight
/// requests (up to the shutdown timeout). The handlers are registered before
/// start-up reports that it listens, so no early signal is missed.
#[cfg(unix)]
fn stop_on_signals(handles: Vec<actix_web::dev::ServerHandle>) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    actix_web::rt::spawn(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = interrupt.recv() => {}
        }
        tracing::info!("signal received: draining in-flight requests");
        futures_util::future::join_all(handles.iter().map(|h| h.stop(true))).await;
    });
    Ok(())
}

#[cfg(not(unix))]
fn stop_on_signals(handles: Vec<actix_web::dev::ServerHandle>) -> std::io::Result<()> {
    actix_web::rt::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        futures_util::future::join_all(handles.iter().map(|h| h.stop(true))).await;
    });
    Ok(())
}
