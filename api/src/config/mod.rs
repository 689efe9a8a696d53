//! Layered configuration: one `#[serde(default)]` struct, layered with
//! `figment` from the defaults in code, then an optional TOML file
//! (`--config` or `ROLEDEX_CONFIG`), then a bare `DATABASE_URL`, then the
//! `ROLEDEX_*` environment variables (each the upper-case file key). One
//! `validate()` checks the result. Everything has a default, so `roledex`
//! runs with no configuration at all. Secrets are `secrecy` types: never in
//! logs or `Debug` output.

mod env;
mod fields;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::Figment;
use figment::providers::{Format, Toml};
use secrecy::SecretString;
use serde::Deserialize;

pub use env::EnvVars;

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub listen: SocketAddr,
    /// Where `/metrics` is served: a separate address for the scraper, off
    /// (not served) when unset, never on the public `listen` port.
    pub metrics_listen: Option<SocketAddr>,
    /// `sqlite://...` or `postgres://...`; when unset, a SQLite file under `data_dir`.
    #[serde(deserialize_with = "fields::secret")]
    pub database_url: Option<SecretString>,
    pub data_dir: PathBuf,
    /// The content pack loaded at start-up when new or changed.
    pub content_dir: PathBuf,
    /// Where the taxonomy releases named by the pack's `taxonomies.toml`
    /// are read from, in place (MITRE ATLAS, OWASP, NIST data).
    pub reference_data: PathBuf,
    /// Origins allowed by CORS (a list in the file, comma-separated in the environment).
    #[serde(deserialize_with = "fields::list")]
    pub cors_origins: Vec<String>,
    /// `tracing` filter directives, for example `info,roledex_api=debug`.
    pub log: String,
    /// How often an instance checks whether another one loaded new content.
    #[serde(rename = "content_poll_secs", with = "fields::secs")]
    pub content_poll: Duration,
    /// `Cache-Control: max-age` for content responses.
    #[serde(rename = "cache_max_age_secs", with = "fields::secs")]
    pub cache_max_age: Duration,
    /// Largest accepted request body, in bytes.
    #[serde(rename = "body_limit_bytes")]
    pub body_limit: usize,
    /// Keep whole profiles and public GraphQL responses in memory between
    /// requests (off only to measure the database).
    pub content_cache: bool,
    /// Bytes of public GraphQL responses kept in memory.
    pub graphql_cache_bytes: u64,
    /// HS256 signing secret, at least 32 bytes. When unset a random one is
    /// made at start-up: tokens then die with the process and are not shared
    /// between instances, so production sets it.
    #[serde(deserialize_with = "fields::secret")]
    pub jwt_secret: Option<SecretString>,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    #[serde(rename = "access_token_ttl_secs", with = "fields::secs")]
    pub access_token_ttl: Duration,
    #[serde(rename = "refresh_token_ttl_secs", with = "fields::secs")]
    pub refresh_token_ttl: Duration,
    /// An external identity provider whose tokens are also accepted: its
    /// issuer, audience and public keys (a JWKS file, or a URL fetched at
    /// start-up and again every `external_jwks_refresh`).
    pub external_issuer: Option<String>,
    pub external_audience: Option<String>,
    pub external_jwks_file: Option<PathBuf>,
    pub external_jwks_url: Option<String>,
    #[serde(rename = "external_jwks_refresh_secs", with = "fields::secs")]
    pub external_jwks_refresh: Duration,
    /// Registrations accepted per client address per hour.
    pub registrations_per_hour: u32,
    /// Request quotas (API keys, anonymous clients, learners). Off only
    /// behind a gateway that limits requests itself, or to measure the cost.
    pub rate_limits: bool,
    /// Requests per minute per client address with no API key and no access token.
    pub anonymous_per_minute: u32,
    /// Stateless guidance computations per minute per client address with no API key
    /// (counted on top of `anonymous_per_minute`).
    pub anonymous_compute_per_minute: u32,
    /// Requests per minute per learner (a valid access token, no API key).
    pub learner_per_minute: u32,
    /// The quota of a new API key when its maker gives none.
    pub api_key_default_per_minute: u32,
    /// Proxies whose `X-Forwarded-For` is believed (addresses or CIDR ranges);
    /// otherwise the client address is the TCP peer's.
    #[serde(deserialize_with = "fields::list")]
    pub trusted_proxies: Vec<String>,
    /// Redis for quota counters shared by every instance (`redis://127.0.0.1:6379`);
    /// unset: PostgreSQL when that is the database, in process otherwise.
    #[serde(deserialize_with = "fields::secret")]
    pub redis_url: Option<SecretString>,
    /// The origin clients reach this service at (`https://roledex.example`), for
    /// the absolute links it writes (embed pages, oEmbed, JSON-LD). Unset: the
    /// request's `Host` (and a trusted proxy's `X-Forwarded-Host`/`-Proto`).
    pub public_url: Option<String>,
    /// How long deleted learner records are remembered for offline devices
    /// (sync tombstones), in days. A device whose last pull is older gets a
    /// full replacement sync instead.
    pub sync_tombstone_days: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            metrics_listen: None,
            database_url: None,
            data_dir: PathBuf::from("data"),
            content_dir: PathBuf::from("content"),
            reference_data: PathBuf::from("../shared/reference-data"),
            cors_origins: Vec::new(),
            log: "info".into(),
            content_poll: Duration::from_secs(5),
            cache_max_age: Duration::from_secs(300),
            body_limit: 256 * 1024,
            content_cache: true,
            graphql_cache_bytes: 32 * 1024 * 1024,
            jwt_secret: None,
            jwt_issuer: "roledex".into(),
            jwt_audience: "roledex-api".into(),
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 60 * 60),
            external_issuer: None,
            external_audience: None,
            external_jwks_file: None,
            external_jwks_url: None,
            external_jwks_refresh: Duration::from_secs(600),
            registrations_per_hour: 10,
            rate_limits: true,
            anonymous_per_minute: 120,
            anonymous_compute_per_minute: 30,
            learner_per_minute: 120,
            api_key_default_per_minute: 600,
            trusted_proxies: Vec::new(),
            redis_url: None,
            public_url: None,
            sync_tombstone_days: 90,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The database URL can carry a password: never print it.
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("metrics_listen", &self.metrics_listen)
            .field("database_url", &self.database_url.as_ref().map(|_| "<set>"))
            .field("data_dir", &self.data_dir)
            .field("content_dir", &self.content_dir)
            .field("reference_data", &self.reference_data)
            .field("cors_origins", &self.cors_origins)
            .field("log", &self.log)
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "<set>"))
            .field("external_issuer", &self.external_issuer)
            .field("rate_limits", &self.rate_limits)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("redis_url", &self.redis_url.as_ref().map(|_| "<set>"))
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A file that cannot be read, a key that does not exist, a value of the wrong type.
    #[error("{0}")]
    Layer(String),
    #[error("{name}={value:?} is invalid: {expected}")]
    Invalid { name: String, value: String, expected: &'static str },
}

impl From<figment::Error> for ConfigError {
    fn from(errors: figment::Error) -> Self {
        Self::Layer(errors.into_iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))
    }
}

impl Config {
    /// Defaults, then `file` (or `ROLEDEX_CONFIG`), then `DATABASE_URL`, then
    /// `ROLEDEX_*` from `vars` (the process environment in `main`).
    pub fn load(file: Option<&Path>, vars: EnvVars) -> Result<Self, ConfigError> {
        let mut figment = Figment::new();
        if let Some(path) = file.map(Path::to_path_buf).or_else(|| vars.get("ROLEDEX_CONFIG").map(PathBuf::from)) {
            if !path.is_file() {
                return Err(ConfigError::Layer(format!("cannot read config file {}: not a file", path.display())));
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        // Unknown keys in the file are errors; other `ROLEDEX_*` variables
        // (a wrapper script's, say) are not this program's and are ignored.
        let keys = fields::keys_of::<Config>();
        let config: Config =
            figment.merge(vars.bare(&["DATABASE_URL"])).merge(vars.prefixed("ROLEDEX_", keys)).extract_lossy()?;
        config.validate()
    }

    /// Checks what the types cannot, and brings durations to their floors.
    pub fn validate(mut self) -> Result<Self, ConfigError> {
        self.content_poll = self.content_poll.max(Duration::from_secs(1));
        self.registrations_per_hour = self.registrations_per_hour.max(1);
        // Clients read `expires_in` as a 32-bit integer (GraphQL's `Int`).
        self.access_token_ttl =
            self.access_token_ttl.clamp(Duration::from_secs(1), Duration::from_secs(i32::MAX.unsigned_abs().into()));
        self.refresh_token_ttl = self.refresh_token_ttl.max(Duration::from_secs(1));
        self.external_jwks_refresh = self.external_jwks_refresh.max(Duration::from_secs(10));
        if !(1..=3650).contains(&self.sync_tombstone_days) {
            return Err(ConfigError::Invalid {
                name: "sync_tombstone_days / ROLEDEX_SYNC_TOMBSTONE_DAYS".into(),
                value: self.sync_tombstone_days.to_string(),
                expected: "days from 1 to 3650",
            });
        }
        for (name, value) in [
            ("anonymous_per_minute / ROLEDEX_ANONYMOUS_PER_MINUTE", self.anonymous_per_minute),
            ("anonymous_compute_per_minute / ROLEDEX_ANONYMOUS_COMPUTE_PER_MINUTE", self.anonymous_compute_per_minute),
            ("learner_per_minute / ROLEDEX_LEARNER_PER_MINUTE", self.learner_per_minute),
            ("api_key_default_per_minute / ROLEDEX_API_KEY_DEFAULT_PER_MINUTE", self.api_key_default_per_minute),
        ] {
            if roledex_domain::partner::parse_per_minute(&value.to_string()).is_err() {
                return Err(ConfigError::Invalid {
                    name: name.into(),
                    value: value.to_string(),
                    expected: "requests per minute, from 1 to 10000000",
                });
            }
        }
        if let Err(entry) = crate::partner::TrustedProxies::parse(&self.trusted_proxies) {
            return Err(ConfigError::Invalid {
                name: "trusted_proxies / ROLEDEX_TRUSTED_PROXIES".into(),
                value: entry,
                expected: "comma-separated IP addresses or CIDR ranges such as 10.0.0.0/8",
            });
        }
        if let Some(url) = &self.public_url
            && roledex_domain::partner::Origin::parse(url).is_err()
        {
            return Err(ConfigError::Invalid {
                name: "public_url / ROLEDEX_PUBLIC_URL".into(),
                value: url.clone(),
                expected: "an origin such as https://roledex.example (scheme, host, optional port; no path)",
            });
        }
        for origin in &self.cors_origins {
            // The same rule as an API key's origins: one notion of an origin.
            if roledex_domain::partner::Origin::parse(origin).is_err() {
                return Err(ConfigError::Invalid {
                    name: "cors_origins / ROLEDEX_CORS_ORIGINS".into(),
                    value: origin.clone(),
                    expected: "comma-separated origins such as https://app.example.com (scheme, host, optional port; no path)",
                });
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests;
