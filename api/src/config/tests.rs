use secrecy::ExposeSecret;

use super::*;

fn env(pairs: &[(&str, &str)]) -> EnvVars {
    pairs.iter().copied().collect()
}

fn load(pairs: &[(&str, &str)]) -> Result<Config, String> {
    Config::load(None, env(pairs)).map_err(|e| e.to_string())
}

#[test]
fn defaults_need_nothing() {
    let config = load(&[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
    assert!(config.database_url.is_none() && config.jwt_secret.is_none());
    assert_eq!(config.content_poll, Duration::from_secs(5));
    assert_eq!((config.jwt_issuer.as_str(), config.body_limit), ("roledex", 256 * 1024));
}

#[test]
fn environment_overrides_and_roledex_url_wins() {
    let config = load(&[
        ("ROLEDEX_LISTEN", "0.0.0.0:9000"),
        ("ROLEDEX_METRICS_LISTEN", "127.0.0.1:9100"),
        ("DATABASE_URL", "postgres://a@h/x"),
        ("ROLEDEX_DATABASE_URL", "postgres://b@h/y"),
        ("ROLEDEX_CORS_ORIGINS", "https://a.example, https://b.example:8443"),
        ("ROLEDEX_CONTENT_POLL_SECS", "7"),
        ("ROLEDEX_CONTENT_CACHE", "off"),
        ("ROLEDEX_JWT_SECRET", "0123456789"),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.listen.port(), 9000);
    assert_eq!(config.metrics_listen.map(|a| a.port()), Some(9100));
    assert_eq!(config.database_url.as_ref().map(|u| u.expose_secret()), Some("postgres://b@h/y"));
    assert_eq!(config.cors_origins.len(), 2);
    assert_eq!(config.content_poll, Duration::from_secs(7));
    assert!(!config.content_cache);
    assert_eq!(
        config.jwt_secret.as_ref().map(|s| s.expose_secret()),
        Some("0123456789"),
        "a digit string stays a string"
    );
    let bare = load(&[("DATABASE_URL", "postgres://a@h/x")]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bare.database_url.as_ref().map(|u| u.expose_secret()), Some("postgres://a@h/x"));
}

#[test]
fn other_programs_variables_are_ignored() {
    let config = load(&[("ROLEDEX_BENCH_BIN", "/tmp/x"), ("ROLEDEX_CONFIG_NOTE", "x")]);
    assert!(config.is_ok(), "{config:?}");
}

#[test]
fn empty_variables_count_as_unset() {
    let config = load(&[("ROLEDEX_LOG", ""), ("ROLEDEX_CONTENT_POLL_SECS", " ")]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.log, "info");
    assert_eq!(config.content_poll, Duration::from_secs(5));
}

#[test]
fn bad_values_name_the_variable() {
    let err = load(&[("ROLEDEX_LISTEN", "localhost")]).err().unwrap_or_default();
    assert!(err.contains("ROLEDEX_LISTEN"), "{err}");
    let err = load(&[("ROLEDEX_CONTENT_POLL_SECS", "soon")]).err().unwrap_or_default();
    assert!(err.contains("ROLEDEX_CONTENT_POLL_SECS"), "{err}");
    for bad in ["https://a.example/", "https://a b", "https://x.example/path", "ftp://x.example", "x.example"] {
        assert!(load(&[("ROLEDEX_CORS_ORIGINS", bad)]).is_err(), "{bad}");
    }
    assert!(load(&[("ROLEDEX_CORS_ORIGINS", "http://localhost:3000")]).is_ok());
}

#[test]
fn file_then_environment_and_unknown_keys_are_errors() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("roledex.toml");
    let write = |text: &str| std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    write(
        "listen = \"127.0.0.1:7000\"\nlog = \"debug\"\ncors_origins = [\"https://a.example\"]\ncontent_poll_secs = 0\n",
    );
    let config = Config::load(Some(&path), env(&[("ROLEDEX_LOG", "warn")])).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.listen.port(), 7000);
    assert_eq!(config.log, "warn");
    assert_eq!(config.cors_origins, vec!["https://a.example".to_owned()]);
    assert_eq!(config.content_poll, Duration::from_secs(1), "raised to its floor");
    write("lisen = 1\n");
    let err = Config::load(Some(&path), env(&[])).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("lisen"), "{err}");
    let via_env = Config::load(None, env(&[("ROLEDEX_CONFIG", &path.display().to_string())]));
    assert!(via_env.is_err(), "ROLEDEX_CONFIG names the file");
    assert!(Config::load(Some(&dir.path().join("missing.toml")), env(&[])).is_err());
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let config = load(&[
        ("ROLEDEX_JWT_SECRET", "a-very-secret-signing-key-of-32-bytes"),
        ("ROLEDEX_DATABASE_URL", "postgres://u:pw@h/db"),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let shown = format!("{config:?}");
    assert!(!shown.contains("a-very-secret") && !shown.contains("pw@"), "{shown}");
}

#[test]
fn the_public_url_is_an_origin_and_token_lifetimes_fit_32_bits() {
    let config =
        load(&[("ROLEDEX_PUBLIC_URL", "https://roledex.example"), ("ROLEDEX_ACCESS_TOKEN_TTL_SECS", "9999999999")])
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.public_url.as_deref(), Some("https://roledex.example"));
    assert_eq!(config.access_token_ttl, Duration::from_secs(2_147_483_647), "`expires_in` is a 32-bit Int");
    let refused = load(&[("ROLEDEX_PUBLIC_URL", "https://roledex.example/api")]);
    assert!(refused.is_err_and(|e| e.contains("ROLEDEX_PUBLIC_URL")));
}
