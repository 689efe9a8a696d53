//! Test support: start the real server (the same `Application::build` as
//! `main`) on port 0 against a fresh SQLite file or a fresh PostgreSQL
//! database, and talk HTTP to it.

use std::path::PathBuf;

use roledex_api::{Application, Config, state::AppState};

mod postgres;

pub use postgres::{PostgresDatabase, postgres_admin_url};

pub use awc;
pub use serde_json::{Value, json};

/// The GraphQL query for every section of a profile (also used by the benchmark).
pub const FULL_PROFILE_QUERY: &str = include_str!("../../bench/full-profile.graphql");
pub const ROLE: &str = "ai-systems-safety-manager";

pub fn content_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"))
}

/// The publishers' taxonomy releases (MITRE ATLAS, OWASP, NIST), read in
/// place: `ROLEDEX_REFERENCE_DATA`, or `shared/reference-data` beside the
/// project's directory.
pub fn reference_data_dir() -> PathBuf {
    match std::env::var_os("ROLEDEX_REFERENCE_DATA") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/reference-data")),
    }
}

/// Reads a pack against the shared reference data.
pub fn read_pack(
    dir: &std::path::Path,
) -> Result<roledex_persistence::content::ReadPack, Vec<roledex_persistence::content::PackProblem>> {
    roledex_persistence::content::read_pack(dir, &reference_data_dir())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    /// Where `/metrics` is served (its own listener).
    pub metrics_address: Option<String>,
    pub state: AppState,
    pub client: awc::Client,
    _data_dir: tempfile::TempDir,
    postgres: Option<PostgresDatabase>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> (u16, awc::http::header::HeaderMap, Vec<u8>) {
        self.send(self.client.get(self.url(path))).await
    }

    pub async fn send(&self, request: awc::ClientRequest) -> (u16, awc::http::header::HeaderMap, Vec<u8>) {
        let mut response = match request.send().await {
            Ok(r) => r,
            Err(e) => panic!("request failed: {e}"),
        };
        let body = match response.body().limit(16 * 1024 * 1024).await {
            Ok(b) => b.to_vec(),
            Err(e) => panic!("body failed: {e}"),
        };
        (response.status().as_u16(), response.headers().clone(), body)
    }

    pub async fn get_json(&self, path: &str) -> (u16, Value) {
        let (status, _, body) = self.get(path).await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    /// A GraphQL POST as current clients send it (GraphiQL, graphql-http):
    /// preferring `application/graphql-response+json`, so a request that
    /// fails before execution is a 400.
    pub async fn graphql(&self, query: &str, variables: Value) -> (u16, Value) {
        let request = self
            .client
            .post(self.url("/graphql"))
            .insert_header(("content-type", "application/json"))
            .insert_header(("accept", "application/graphql-response+json, application/json"));
        let body = json!({ "query": query, "variables": variables }).to_string();
        let (status, _, bytes) = self.send_body(request, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    pub async fn send_body(
        &self,
        request: awc::ClientRequest,
        body: String,
    ) -> (u16, awc::http::header::HeaderMap, Vec<u8>) {
        let mut response = match request.send_body(body).await {
            Ok(r) => r,
            Err(e) => panic!("request failed: {e}"),
        };
        let bytes = response.body().limit(16 * 1024 * 1024).await.map(|b| b.to_vec()).unwrap_or_default();
        (response.status().as_u16(), response.headers().clone(), bytes)
    }

    /// Sends JSON with an optional bearer token and extra headers; answers status, headers and JSON.
    pub async fn call(
        &self,
        method: awc::http::Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> (u16, awc::http::header::HeaderMap, Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.insert_header(("Authorization", format!("Bearer {token}")));
        }
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let (status, headers, bytes) = match body {
            Some(body) => {
                self.send_body(request.insert_header(("content-type", "application/json")), body.to_string()).await
            }
            None => self.send(request).await,
        };
        (status, headers, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let (status, _, json) = self.call(awc::http::Method::POST, path, token, &[], Some(body)).await;
        (status, json)
    }

    pub async fn get_as(&self, path: &str, token: &str) -> (u16, Value) {
        let (status, _, json) = self.call(awc::http::Method::GET, path, Some(token), &[], None).await;
        (status, json)
    }

    /// Registers a fresh learner and logs in; answers (access token, refresh token).
    pub async fn learner(&self, email: &str) -> (String, String) {
        let credentials = json!({ "email": email, "password": "correct horse battery staple" });
        let (status, body) = self.post("/api/v1/auth/register", None, credentials.clone()).await;
        assert_eq!(status, 201, "{body}");
        let (status, tokens) = self.post("/api/v1/auth/login", None, credentials).await;
        assert_eq!(status, 200, "{tokens}");
        (
            tokens["access_token"].as_str().unwrap_or_default().to_owned(),
            tokens["refresh_token"].as_str().unwrap_or_default().to_owned(),
        )
    }

    pub fn statements(&self) -> u64 {
        self.state.database.statements.get()
    }

    pub fn backend(&self) -> Backend {
        if self.postgres.is_some() { Backend::Postgres } else { Backend::Sqlite }
    }
}

/// Starts the server with the repository's content pack. Returns `None` (and
/// says so) for PostgreSQL when `TEST_DATABASE_URL` is not set.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let data_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let postgres = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => match postgres_admin_url() {
            Some(admin_url) => Some(PostgresDatabase::from_template(&admin_url)),
            None => return None,
        },
    };
    let mut config = Config {
        listen: "127.0.0.1:0".parse().unwrap_or_else(|e| panic!("{e}")),
        database_url: postgres.as_ref().map(|p| p.url.clone().into()),
        data_dir: data_dir.path().to_path_buf(),
        content_dir: content_dir(),
        reference_data: reference_data_dir(),
        // Tests register many learners and send many requests from one
        // address; the limits have tests of their own.
        registrations_per_hour: 100_000,
        anonymous_per_minute: 1_000_000,
        anonymous_compute_per_minute: 1_000_000,
        learner_per_minute: 1_000_000,
        log: "warn".into(),
        metrics_listen: Some("127.0.0.1:0".parse().unwrap_or_else(|e| panic!("{e}"))),
        ..Config::default()
    };
    adjust(&mut config);
    let app = Application::build(config).await.unwrap_or_else(|e| panic!("start-up failed: {e}"));
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app.metrics_port().map(|port| format!("http://127.0.0.1:{port}"));
    let state = app.state().clone();
    actix_web::rt::spawn(app.run_until_stopped());
    Some(TestApp {
        address,
        metrics_address,
        state,
        client: awc::Client::builder().disable_redirects().finish(),
        _data_dir: data_dir,
        postgres,
    })
}

/// Runs one test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($case:ident) => {
        mod $case {
            #[actix_web::test]
            async fn sqlite() {
                if let Some(app) = $crate::spawn_app($crate::Backend::Sqlite).await {
                    super::$case(&app).await;
                }
            }

            #[actix_web::test]
            async fn postgres() {
                if let Some(app) = $crate::spawn_app($crate::Backend::Postgres).await {
                    super::$case(&app).await;
                }
            }
        }
    };
}
