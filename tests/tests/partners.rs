//! The partner tier end to end: an admin makes a key, a partner reads with
//! it until its quota answers 429 (with `Retry-After` and the `RateLimit`
//! fields), scopes and origins are enforced, a revoked key gets 401; callers
//! without a key are limited per client address (computations more
//! tightly), learners per account.

use roledex_domain::account::UserRole;
use roledex_e2e::awc::http::Method;
use roledex_e2e::awc::http::header::HeaderMap;
use roledex_e2e::{Backend, ROLE, TestApp, Value, json, spawn_app_with};

const PASSWORD: &str = "correct horse battery staple";
const PARTNER_ORIGIN: &str = "https://jobs.example.com";

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// The `RateLimit` field's one item: (name, remaining, seconds to reset).
fn standing(headers: &HeaderMap) -> (String, u64, u64) {
    let value = header(headers, "ratelimit");
    let field = |key: &str| {
        value.split(';').find_map(|p| p.strip_prefix(key)).and_then(|v| v.trim().parse().ok()).unwrap_or(u64::MAX)
    };
    (value.split(';').next().unwrap_or("").trim_matches('"').to_owned(), field("r="), field("t="))
}

/// `t` counts down as the test runs: allow it a few seconds.
fn assert_standing(headers: &HeaderMap, name: &str, remaining: u64, reset: u64) {
    let (found, r, t) = standing(headers);
    assert_eq!((found.as_str(), r), (name, remaining), "{headers:?}");
    assert!(t <= reset && t + 5 >= reset, "t={t}, expected about {reset}: {headers:?}");
}

async fn admin_token(app: &TestApp) -> String {
    let credentials = roledex_api::dto::Credentials { email: "admin@example.com".into(), password: PASSWORD.into() };
    roledex_api::learning::accounts::create_account(&app.state.learners, &credentials, UserRole::Admin)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, tokens) =
        app.post("/api/v1/auth/login", None, json!({ "email": "admin@example.com", "password": PASSWORD })).await;
    assert_eq!(status, 200, "{tokens}");
    tokens["access_token"].as_str().unwrap_or_default().to_owned()
}

async fn with_key(
    app: &TestApp,
    method: Method,
    path: &str,
    key: &str,
    extra: &[(&str, &str)],
) -> (u16, HeaderMap, Value) {
    let mut headers = vec![("x-api-key", key)];
    headers.extend_from_slice(extra);
    app.call(method, path, None, &headers, None).await
}

async fn partner_journey(app: &TestApp) {
    let admin = admin_token(app).await;
    let request = json!({
        "name": "Example Jobs",
        "scopes": ["content:read"],
        "origins": [PARTNER_ORIGIN],
        "quota_per_minute": 3
    });

    // Only admins make keys.
    assert_eq!(app.post("/api/v1/admin/api-keys", None, request.clone()).await.0, 401);
    let (learner, _) = app.learner("not-an-admin@example.com").await;
    let (status, body) = app.post("/api/v1/admin/api-keys", Some(&learner), request.clone()).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")), "{body}");
    let bad = json!({ "name": "x", "scopes": ["content:read"], "origins": ["https://a.example/path"] });
    let (status, body) = app.post("/api/v1/admin/api-keys", Some(&admin), bad).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")), "{body}");

    let (status, headers, created) =
        app.call(Method::POST, "/api/v1/admin/api-keys", Some(&admin), &[], Some(request)).await;
    assert_eq!(status, 201, "{created}");
    let secret = created["secret"].as_str().unwrap_or_default().to_owned();
    let id = created["key"]["id"].as_str().unwrap_or_default().to_owned();
    assert!(secret.starts_with("rdx_") && secret.len() == 47, "{secret}");
    assert_eq!(header(&headers, "location"), format!("/api/v1/admin/api-keys/{id}"));
    assert_eq!(created["key"]["label"].as_str(), Some(&secret[..10]));
    let (status, listed) = app.get_as("/api/v1/admin/api-keys", &admin).await;
    assert_eq!(status, 200);
    assert_eq!(listed[0]["id"].as_str(), Some(id.as_str()));
    assert!(!listed.to_string().contains(&secret[4..]), "the secret is never listed");

    // The partner reads content, by either header, counted against the key's quota.
    let profile = format!("/api/v1/roles/{ROLE}");
    let (status, headers, _) = with_key(app, Method::GET, &profile, &secret, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "ratelimit-policy"), "\"api-key\";q=3;w=60");
    assert_standing(&headers, "api-key", 2, 20);
    let bearer = format!("Bearer {secret}");
    let (status, headers, _) = app.call(Method::GET, "/api/v1/skills", None, &[("authorization", &bearer)], None).await;
    assert_eq!(status, 200);
    assert_standing(&headers, "api-key", 1, 40);

    // Scopes and origins are checked before anything is counted.
    let compute = format!("/api/v1/roles/{ROLE}/compute/readiness");
    let (status, _, body) = app.call(Method::POST, &compute, None, &[("x-api-key", &secret)], Some(json!({}))).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("insufficient_scope")), "{body}");
    // GraphQL checks the operation's fields; the request itself counted (the third of three).
    let query = json!({ "query": format!("{{ computeReadiness(roleSlug: \"{ROLE}\", input: {{}}) {{ score }} }}") });
    let (status, headers, body) =
        app.call(Method::POST, "/graphql", None, &[("x-api-key", &secret)], Some(query)).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], json!("insufficient_scope"), "{status} {body}");
    assert_standing(&headers, "api-key", 0, 60);
    let (status, _, body) = with_key(app, Method::GET, &profile, &secret, &[("origin", "https://evil.example")]).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("origin_not_allowed")), "{body}");
    let preflight = app
        .send(
            app.client
                .request(Method::OPTIONS, app.url(&profile))
                .insert_header(("origin", PARTNER_ORIGIN))
                .insert_header(("access-control-request-method", "GET"))
                .insert_header(("access-control-request-headers", "x-api-key")),
        )
        .await;
    assert_eq!(header(&preflight.1, "access-control-allow-origin"), PARTNER_ORIGIN, "a key's origin may ask");

    // The burst is spent: the fourth request is refused, and a browser on the key's origin can read why.
    let (status, headers, body) = with_key(app, Method::GET, &profile, &secret, &[("origin", PARTNER_ORIGIN)]).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("too_many_requests")), "{body}");
    let retry: u64 = header(&headers, "retry-after").parse().unwrap_or(0);
    assert!((1..=20).contains(&retry), "one request every 20 s: {retry}");
    assert_eq!(header(&headers, "ratelimit-policy"), "\"api-key\";q=3;w=60");
    assert!(header(&headers, "ratelimit").starts_with("\"api-key\";r=0;t="), "{headers:?}");
    assert_eq!(header(&headers, "content-type"), "application/problem+json");
    assert_eq!(header(&headers, "access-control-allow-origin"), PARTNER_ORIGIN);

    // The key's use is recorded (in the background).
    let mut last_used = Value::Null;
    for _ in 0..50 {
        last_used = app.get_as(&format!("/api/v1/admin/api-keys/{id}"), &admin).await.1["last_used_at"].clone();
        if last_used.is_string() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(last_used.is_string(), "{last_used}");

    // Revoked: 401, at once on this instance.
    let (status, _, revoked) =
        app.call(Method::DELETE, &format!("/api/v1/admin/api-keys/{id}"), Some(&admin), &[], None).await;
    assert_eq!((status, revoked["active"].as_bool()), (200, Some(false)), "{revoked}");
    let (status, headers, body) = with_key(app, Method::GET, &profile, &secret, &[]).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("invalid_api_key")), "{body}");
    assert!(header(&headers, "www-authenticate").starts_with("ApiKey"), "{headers:?}");
    let again = app.call(Method::DELETE, &format!("/api/v1/admin/api-keys/{id}"), Some(&admin), &[], None).await;
    assert_eq!(again.2["revoked_at"], revoked["revoked_at"], "revoking twice keeps the first time");
    let unknown = format!("rdx_{}", "A".repeat(43));
    assert_eq!(with_key(app, Method::GET, &profile, &unknown, &[]).await.0, 401);
    assert_eq!(with_key(app, Method::GET, &profile, "rdx_short", &[]).await.0, 401);
    let missing = app.call(Method::DELETE, "/api/v1/admin/api-keys/nope", Some(&admin), &[], None).await;
    assert_eq!((missing.0, missing.2["code"].as_str()), (404, Some("api_key_not_found")));
}

async fn graphql_admin_and_scopes(app: &TestApp) {
    let admin = admin_token(app).await;
    let create = "mutation { createApiKey(input: { name: \"Widget\", scopes: [GUIDANCE_COMPUTE] }) { secret key { id scopes quotaPerMinute active } } }";
    let (status, body) = graphql_as(app, create, Some(&admin), None).await;
    assert_eq!(status, 200, "{body}");
    let created = &body["data"]["createApiKey"];
    assert_eq!(created["key"]["scopes"], json!(["GUIDANCE_COMPUTE"]));
    assert_eq!(created["key"]["quotaPerMinute"], json!(600), "the configured default");
    let secret = created["secret"].as_str().unwrap_or_default().to_owned();

    // A compute-only key computes but reads no content.
    let compute = format!(
        "{{ computeSelfAssessment(roleSlug: \"{ROLE}\", input: {{ ratings: [{{ skill: \"red-teaming-methodology\", level: 2 }}] }}) {{ skillsScore }} }}"
    );
    let (_, body) = graphql_as(app, &compute, None, Some(&secret)).await;
    assert!(body["data"]["computeSelfAssessment"]["skillsScore"].is_number(), "{body}");
    // The key also works as a bearer credential on GraphQL.
    let (status, _, body) = app
        .call(
            Method::POST,
            "/graphql",
            Some(&secret),
            &[("accept", "application/graphql-response+json")],
            Some(json!({ "query": compute })),
        )
        .await;
    assert!(body["data"]["computeSelfAssessment"]["skillsScore"].is_number(), "{status} {body}");
    let (_, body) = graphql_as(app, "{ skills { slug } }", None, Some(&secret)).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], json!("insufficient_scope"), "{body}");

    // Learners cannot see keys.
    let (learner, _) = app.learner("curious@example.com").await;
    let (_, body) = graphql_as(app, "{ apiKeys { id } }", Some(&learner), None).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], json!("forbidden"), "{body}");
    let (_, body) = graphql_as(app, "{ apiKeys { id name active } }", Some(&admin), None).await;
    assert_eq!(body["data"]["apiKeys"][0]["name"], json!("Widget"), "{body}");
}

async fn graphql_as(app: &TestApp, query: &str, token: Option<&str>, key: Option<&str>) -> (u16, Value) {
    let mut headers = vec![("accept", "application/graphql-response+json")];
    if let Some(key) = key {
        headers.push(("x-api-key", key));
    }
    let (status, _, body) = app.call(Method::POST, "/graphql", token, &headers, Some(json!({ "query": query }))).await;
    (status, body)
}

async fn limited(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |config| {
        config.anonymous_per_minute = 8;
        config.anonymous_compute_per_minute = 2;
        config.learner_per_minute = 3;
    })
    .await
}

/// Anonymous callers share their address's quota; computations have a lower one on top.
async fn anonymous_and_learner_quotas(app: &TestApp) {
    // Registering and logging in are two anonymous requests.
    let (learner, _) = app.learner("one@example.com").await;
    let (status, headers, _) = app.get(&format!("/api/v1/roles/{ROLE}")).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "ratelimit-policy"), "\"anonymous\";q=8;w=60");
    assert_standing(&headers, "anonymous", 5, 23);
    assert!(app.get("/healthz").await.1.get("ratelimit").is_none(), "probes are not counted");
    let compute = format!("/api/v1/roles/{ROLE}/compute/self-assessment");
    let body = json!({ "ratings": [{ "skill": "red-teaming-methodology", "level": 3 }] });
    let mut statuses = Vec::new();
    let mut last = HeaderMap::new();
    for _ in 0..3 {
        let (status, headers, _) = app.call(Method::POST, &compute, None, &[], Some(body.clone())).await;
        statuses.push(status);
        last = headers;
    }
    assert_eq!(statuses, [200, 200, 429]);
    assert_eq!(header(&last, "ratelimit-policy"), "\"anonymous\";q=8;w=60, \"anonymous-compute\";q=2;w=60");
    assert!(header(&last, "ratelimit").contains("\"anonymous-compute\";r=0;"), "{last:?}");

    // A learner counts against the account, not the address.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(app.call(Method::GET, "/api/v1/me", Some(&learner), &[], None).await.0);
    }
    assert_eq!(statuses, [200, 200, 200, 429]);

    // Guessed keys count against the address that sends them: 401s, then 429.
    let guess = format!("rdx_{}", "G".repeat(43));
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(with_key(app, Method::GET, "/api/v1/skills", &guess, &[]).await.0);
    }
    assert_eq!(statuses, [401, 401, 429], "two units of the address's eight were left");
}

/// Every computation in a GraphQL document counts, aliases included, and a
/// refusal carries the same headers as on REST.
async fn graphql_computations_count_each(app: &TestApp) {
    let one = format!(
        "computeSelfAssessment(roleSlug: \"{ROLE}\", input: {{ ratings: [{{ skill: \"red-teaming-methodology\", level: 2 }}] }}) {{ skillsScore }}"
    );
    let three = format!("{{ a: {one} b: {one} c: {one} }}");
    let (status, headers, body) = app
        .call(
            Method::POST,
            "/graphql",
            None,
            &[("accept", "application/graphql-response+json")],
            Some(json!({ "query": three })),
        )
        .await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (429, Some("too_many_requests")), "{body}");
    assert!(header(&headers, "retry-after").parse::<u64>().is_ok_and(|s| s >= 1), "{headers:?}");
    assert!(header(&headers, "ratelimit-policy").contains("\"anonymous-compute\";q=2;w=60"), "{headers:?}");
    let (status, _, _) =
        app.call(Method::POST, "/graphql", None, &[], Some(json!({ "query": format!("{{ {one} }}") }))).await;
    assert_eq!(status, 429, "the two units went to the first document");
}

roledex_e2e::on_both_backends!(partner_journey);
roledex_e2e::on_both_backends!(graphql_admin_and_scopes);

#[actix_web::test]
async fn anonymous_and_learner_quotas_sqlite() {
    if let Some(app) = limited(Backend::Sqlite).await {
        anonymous_and_learner_quotas(&app).await;
    }
}

#[actix_web::test]
async fn graphql_computations_count_each_sqlite() {
    if let Some(app) = limited(Backend::Sqlite).await {
        graphql_computations_count_each(&app).await;
    }
}

#[actix_web::test]
async fn anonymous_and_learner_quotas_postgres() {
    if let Some(app) = limited(Backend::Postgres).await {
        anonymous_and_learner_quotas(&app).await;
    }
}
