//! Layered configuration: defaults in code, then an optional TOML file
//! (`ROLEDEX_CONFIG` or `--config`), then `ROLEDEX_*` environment variables.
//! Everything has a default, so `roledex` runs with no configuration at all.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    pub listen: SocketAddr,
    /// `sqlite://...` or `postgres://...`; when unset, a SQLite file under `data_dir`.
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    /// The content pack loaded at start-up when new or changed.
    pub content_dir: PathBuf,
    pub cors_origins: Vec<String>,
    /// `tracing` filter directives, for example `info,roledex_api=debug`.
    pub log: String,
    /// How often an instance checks whether another one loaded new content.
    pub content_poll: Duration,
    /// `Cache-Control: max-age` for content responses.
    pub cache_max_age: Duration,
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Keep whole profiles and public GraphQL responses in memory between
    /// requests (off only to measure the database).
    pub content_cache: bool,
    pub auth: AuthConfig,
}

/// Token settings. Roledex signs its own access tokens (HS256); it can also
/// accept tokens from an external identity provider, checked against that
/// provider's issuer, audience and public keys (a JWKS file).
#[derive(Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// HS256 signing secret, at least 32 bytes. When unset a random one is
    /// made at start-up: tokens then die with the process and are not shared
    /// between instances, so production sets it.
    pub jwt_secret: Option<String>,
    pub issuer: String,
    pub audience: String,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    pub external_issuer: Option<String>,
    pub external_audience: Option<String>,
    pub external_jwks_file: Option<PathBuf>,
    /// Alternatively, where to fetch the provider's JWKS (fetched at start-up
    /// and again every `external_jwks_refresh`, so rotated keys are picked up).
    pub external_jwks_url: Option<String>,
    pub external_jwks_refresh: Duration,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            issuer: "roledex".into(),
            audience: "roledex-api".into(),
            access_ttl: Duration::from_secs(15 * 60),
            refresh_ttl: Duration::from_secs(30 * 24 * 60 * 60),
            external_issuer: None,
            external_audience: None,
            external_jwks_file: None,
            external_jwks_url: None,
            external_jwks_refresh: Duration::from_secs(600),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The database URL can carry a password: never print it.
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database_url", &self.database_url.as_ref().map(|_| "<set>"))
            .field("data_dir", &self.data_dir)
            .field("content_dir", &self.content_dir)
            .field("cors_origins", &self.cors_origins)
            .field("log", &self.log)
            .field("jwt_secret", &self.auth.jwt_secret.as_ref().map(|_| "<set>"))
            .field("external_issuer", &self.auth.external_issuer)
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            data_dir: PathBuf::from("data"),
            content_dir: PathBuf::from("content"),
            cors_origins: Vec::new(),
            log: "info".into(),
            content_poll: Duration::from_secs(5),
            cache_max_age: Duration::from_secs(300),
            body_limit: 256 * 1024,
            content_cache: true,
            auth: AuthConfig::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {message}")]
    File { path: String, message: String },
    #[error("{name}={value:?} is invalid: {expected}")]
    Invalid { name: String, value: String, expected: &'static str },
}

/// The config file's shape: every key optional, same names as the variables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    content_dir: Option<PathBuf>,
    cors_origins: Option<Vec<String>>,
    log: Option<String>,
    content_poll_secs: Option<u64>,
    cache_max_age_secs: Option<u64>,
    body_limit_bytes: Option<usize>,
    content_cache: Option<bool>,
    jwt_issuer: Option<String>,
    jwt_audience: Option<String>,
    access_token_ttl_secs: Option<u64>,
    refresh_token_ttl_secs: Option<u64>,
    external_issuer: Option<String>,
    external_audience: Option<String>,
    external_jwks_file: Option<PathBuf>,
    external_jwks_url: Option<String>,
    external_jwks_refresh_secs: Option<u64>,
}

impl Config {
    /// Defaults, then `file` (if any), then the environment given by `var`.
    pub fn load(file: Option<&Path>, var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut config = Config::default();
        let file = file.map(Path::to_path_buf).or_else(|| var("ROLEDEX_CONFIG").map(PathBuf::from));
        if let Some(path) = file {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| ConfigError::File { path: path.display().to_string(), message: e.to_string() })?;
            let parsed: FileConfig = toml::from_str(&text)
                .map_err(|e| ConfigError::File { path: path.display().to_string(), message: e.to_string() })?;
            config.apply_file(parsed)?;
        }
        config.apply_env(var)?;
        config.check_origins()?;
        Ok(config)
    }

    fn apply_file(&mut self, f: FileConfig) -> Result<(), ConfigError> {
        if let Some(v) = f.listen {
            self.listen = parse_listen("listen", &v)?;
        }
        self.database_url = f.database_url.or(self.database_url.take());
        if let Some(v) = f.data_dir {
            self.data_dir = v;
        }
        if let Some(v) = f.content_dir {
            self.content_dir = v;
        }
        if let Some(v) = f.cors_origins {
            self.cors_origins = v;
        }
        if let Some(v) = f.log {
            self.log = v;
        }
        if let Some(v) = f.content_poll_secs {
            self.content_poll = Duration::from_secs(v.max(1));
        }
        if let Some(v) = f.cache_max_age_secs {
            self.cache_max_age = Duration::from_secs(v);
        }
        if let Some(v) = f.body_limit_bytes {
            self.body_limit = v;
        }
        if let Some(v) = f.content_cache {
            self.content_cache = v;
        }
        if let Some(v) = f.jwt_issuer {
            self.auth.issuer = v;
        }
        if let Some(v) = f.jwt_audience {
            self.auth.audience = v;
        }
        if let Some(v) = f.access_token_ttl_secs {
            self.auth.access_ttl = Duration::from_secs(v.max(1));
        }
        if let Some(v) = f.refresh_token_ttl_secs {
            self.auth.refresh_ttl = Duration::from_secs(v.max(1));
        }
        self.auth.external_issuer = f.external_issuer.or(self.auth.external_issuer.take());
        self.auth.external_audience = f.external_audience.or(self.auth.external_audience.take());
        self.auth.external_jwks_file = f.external_jwks_file.or(self.auth.external_jwks_file.take());
        self.auth.external_jwks_url = f.external_jwks_url.or(self.auth.external_jwks_url.take());
        if let Some(v) = f.external_jwks_refresh_secs {
            self.auth.external_jwks_refresh = Duration::from_secs(v.max(10));
        }
        Ok(())
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let get = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        if let Some(v) = get("ROLEDEX_LISTEN") {
            self.listen = parse_listen("ROLEDEX_LISTEN", &v)?;
        }
        // ROLEDEX_DATABASE_URL wins over the conventional DATABASE_URL.
        if let Some(v) = get("ROLEDEX_DATABASE_URL").or_else(|| get("DATABASE_URL")) {
            self.database_url = Some(v);
        }
        if let Some(v) = get("ROLEDEX_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = get("ROLEDEX_CONTENT_DIR") {
            self.content_dir = PathBuf::from(v);
        }
        if let Some(v) = get("ROLEDEX_CORS_ORIGINS") {
            self.cors_origins = v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        }
        if let Some(v) = get("ROLEDEX_LOG") {
            self.log = v;
        }
        if let Some(v) = get("ROLEDEX_CONTENT_POLL_SECS") {
            self.content_poll = Duration::from_secs(parse_number("ROLEDEX_CONTENT_POLL_SECS", &v)?.max(1));
        }
        if let Some(v) = get("ROLEDEX_CACHE_MAX_AGE_SECS") {
            self.cache_max_age = Duration::from_secs(parse_number("ROLEDEX_CACHE_MAX_AGE_SECS", &v)?);
        }
        if let Some(v) = get("ROLEDEX_BODY_LIMIT_BYTES") {
            self.body_limit = parse_number("ROLEDEX_BODY_LIMIT_BYTES", &v)? as usize;
        }
        if let Some(v) = get("ROLEDEX_CONTENT_CACHE") {
            self.content_cache = match v.as_str() {
                "true" | "1" | "on" => true,
                "false" | "0" | "off" => false,
                _ => {
                    return Err(ConfigError::Invalid {
                        name: "ROLEDEX_CONTENT_CACHE".into(),
                        value: v,
                        expected: "true or false",
                    });
                }
            };
        }
        if let Some(v) = get("ROLEDEX_JWT_SECRET") {
            self.auth.jwt_secret = Some(v);
        }
        if let Some(v) = get("ROLEDEX_JWT_ISSUER") {
            self.auth.issuer = v;
        }
        if let Some(v) = get("ROLEDEX_JWT_AUDIENCE") {
            self.auth.audience = v;
        }
        if let Some(v) = get("ROLEDEX_ACCESS_TOKEN_TTL_SECS") {
            self.auth.access_ttl = Duration::from_secs(parse_number("ROLEDEX_ACCESS_TOKEN_TTL_SECS", &v)?.max(1));
        }
        if let Some(v) = get("ROLEDEX_REFRESH_TOKEN_TTL_SECS") {
            self.auth.refresh_ttl = Duration::from_secs(parse_number("ROLEDEX_REFRESH_TOKEN_TTL_SECS", &v)?.max(1));
        }
        if let Some(v) = get("ROLEDEX_EXTERNAL_ISSUER") {
            self.auth.external_issuer = Some(v);
        }
        if let Some(v) = get("ROLEDEX_EXTERNAL_AUDIENCE") {
            self.auth.external_audience = Some(v);
        }
        if let Some(v) = get("ROLEDEX_EXTERNAL_JWKS_FILE") {
            self.auth.external_jwks_file = Some(PathBuf::from(v));
        }
        if let Some(v) = get("ROLEDEX_EXTERNAL_JWKS_URL") {
            self.auth.external_jwks_url = Some(v);
        }
        if let Some(v) = get("ROLEDEX_EXTERNAL_JWKS_REFRESH_SECS") {
            self.auth.external_jwks_refresh =
                Duration::from_secs(parse_number("ROLEDEX_EXTERNAL_JWKS_REFRESH_SECS", &v)?.max(10));
        }
        Ok(())
    }

    /// Every CORS origin is a bare `scheme://host[:port]`: anything else could
    /// never match a browser's `Origin` header, or would stop the server.
    fn check_origins(&self) -> Result<(), ConfigError> {
        for origin in &self.cors_origins {
            if !is_origin(origin) {
                return Err(ConfigError::Invalid {
                    name: "cors_origins / ROLEDEX_CORS_ORIGINS".into(),
                    value: origin.clone(),
                    expected: "comma-separated origins such as https://app.example.com (scheme, host, optional port; no path)",
                });
            }
        }
        Ok(())
    }
}

fn is_origin(raw: &str) -> bool {
    let Ok(uri) = raw.parse::<actix_web::http::Uri>() else { return false };
    matches!(uri.scheme_str(), Some("http" | "https"))
        && uri.host().is_some_and(|h| !h.is_empty())
        && uri.path_and_query().is_none_or(|p| p.as_str().is_empty() || p.as_str() == "/")
        && !raw.ends_with('/')
}

fn parse_listen(name: &str, raw: &str) -> Result<SocketAddr, ConfigError> {
    raw.parse().map_err(|_| ConfigError::Invalid {
        name: name.into(),
        value: raw.into(),
        expected: "host:port with an IP address, for example 127.0.0.1:8080 or 0.0.0.0:8080",
    })
}

fn parse_number(name: &str, raw: &str) -> Result<u64, ConfigError> {
    raw.parse().map_err(|_| ConfigError::Invalid { name: name.into(), value: raw.into(), expected: "a whole number" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_need_nothing() {
        let config = Config::load(None, env(&[])).ok();
        assert_eq!(config, Some(Config::default()));
        assert_eq!(Config::default().listen.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn environment_overrides_and_roledex_url_wins() {
        let config = Config::load(
            None,
            env(&[
                ("ROLEDEX_LISTEN", "0.0.0.0:9000"),
                ("DATABASE_URL", "postgres://a@h/x"),
                ("ROLEDEX_DATABASE_URL", "postgres://b@h/y"),
                ("ROLEDEX_CORS_ORIGINS", "https://a.example, https://b.example:8443"),
            ]),
        );
        let config = config.ok();
        assert_eq!(config.as_ref().map(|c| c.listen.port()), Some(9000));
        assert_eq!(config.as_ref().and_then(|c| c.database_url.clone()).as_deref(), Some("postgres://b@h/y"));
        assert_eq!(config.map(|c| c.cors_origins.len()), Some(2));
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = Config::load(None, env(&[("ROLEDEX_LISTEN", "localhost")])).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("ROLEDEX_LISTEN")));
        for bad in ["https://a.example/", "https://a b", "https://x.example/path", "ftp://x.example", "x.example"] {
            assert!(Config::load(None, env(&[("ROLEDEX_CORS_ORIGINS", bad)])).is_err(), "{bad}");
        }
        assert!(Config::load(None, env(&[("ROLEDEX_CORS_ORIGINS", "http://localhost:3000")])).is_ok());
    }

    #[test]
    fn file_then_environment() {
        let dir = std::env::temp_dir().join(format!("roledex-config-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("roledex.toml");
        let _ = std::fs::write(&path, "listen = \"127.0.0.1:7000\"\nlog = \"debug\"\n");
        let config = Config::load(Some(&path), env(&[("ROLEDEX_LOG", "warn")])).ok();
        assert_eq!(config.as_ref().map(|c| c.listen.port()), Some(7000));
        assert_eq!(config.map(|c| c.log), Some("warn".into()));
        let _ = std::fs::write(&path, "lisen = 1\n");
        assert!(Config::load(Some(&path), env(&[])).is_err());
    }
}
