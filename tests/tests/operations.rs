//! Health, readiness, metrics, docs, GraphiQL, limits, CORS and request ids.

use roledex_e2e::{Backend, ROLE, TestApp, json, on_both_backends, spawn_app, spawn_app_with};

async fn health_readiness_and_metrics(app: &TestApp) {
    let (status, health) = app.get_json("/healthz").await;
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    let (status, ready) = app.get_json("/readyz").await;
    assert_eq!(status, 200);
    assert_eq!(ready["database"], true);
    assert_eq!(ready["content_loaded"], true);
    assert_eq!(ready["content_version"].as_str().map(str::len), Some(64));

    let _ = app.get(&format!("/api/v1/roles/{ROLE}")).await;
    let _ = app.get("/api/v1/roles/missing-role").await;
    let (status, _, _) = app.get("/metrics").await;
    assert_eq!(status, 404, "metrics are not served on the public port");
    let metrics = app.metrics_address.clone().unwrap_or_default();
    let (status, headers, body) = app.send(app.client.get(format!("{metrics}/metrics"))).await;
    assert_eq!(status, 200);
    assert!(headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/plain")));
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("roledex_http_requests_total{route=\"/api/v1/roles/{slug}\",method=\"GET\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("route=\"/api/v1/roles/{slug}\",method=\"GET\",status=\"404\""));
    assert!(text.contains("roledex_http_request_duration_seconds_bucket{route=\"/healthz\""));
    assert!(text.contains("roledex_db_statements_total"));
}
on_both_backends!(health_readiness_and_metrics);

#[actix_web::test]
async fn request_ids_are_echoed_or_made() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let (_, headers, _) =
        app.send(app.client.get(app.url("/healthz")).insert_header(("x-request-id", "trace-abc_123"))).await;
    assert_eq!(headers.get("x-request-id").and_then(|v| v.to_str().ok()), Some("trace-abc_123"));
    let (_, headers, _) =
        app.send(app.client.get(app.url("/healthz")).insert_header(("x-request-id", "bad id with spaces"))).await;
    let made = headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert_eq!(made.len(), 36, "a fresh UUID replaces an unusable id: {made}");
}

#[actix_web::test]
async fn unknown_routes_and_oversized_bodies_are_problems() {
    let app = spawn_app_with(Backend::Sqlite, |c| c.body_limit = 1024).await.expect("sqlite");
    let (status, problem) = app.get_json("/api/v1/nothing-here").await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("route_not_found")));
    let request = app.client.post(app.url("/graphql")).insert_header(("content-type", "application/json"));
    let big = format!("{{\"query\": \"{{ skills {{ slug }} }}\", \"x\": \"{}\"}}", "a".repeat(4096));
    let (status, _, body) = app.send_body(request, big).await;
    let body: roledex_e2e::Value = serde_json::from_slice(&body).unwrap_or_default();
    assert_eq!((status, body["code"].as_str()), (413, Some("payload_too_large")), "{body}");
    let big = json!({ "email": "a@example.com", "password": "x".repeat(4096) });
    let (status, body) = app.post("/api/v1/auth/register", None, big).await;
    assert_eq!((status, body["code"].as_str()), (413, Some("payload_too_large")), "REST too: {body}");
    let (status, body) = app.post("/api/v1/auth/register", None, json!("not an object")).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_body")));
}

#[actix_web::test]
async fn cors_allows_only_configured_origins() {
    let app = spawn_app_with(Backend::Sqlite, |c| c.cors_origins = vec!["https://partner.example".into()])
        .await
        .expect("sqlite");
    let path = format!("/api/v1/roles/{ROLE}");
    let (status, headers, _) =
        app.send(app.client.get(app.url(&path)).insert_header(("Origin", "https://partner.example"))).await;
    assert_eq!(status, 200);
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_lowercase();
    assert_eq!(header("access-control-allow-origin"), "https://partner.example");
    assert!(header("access-control-expose-headers").contains("etag"));
    assert!(header("vary").contains("origin"));
    let (status, headers, _) =
        app.send(app.client.get(app.url(&path)).insert_header(("Origin", "https://evil.example"))).await;
    assert_eq!(status, 200, "same data, but no CORS grant");
    assert!(headers.get("access-control-allow-origin").is_none());
    let preflight = app
        .client
        .request(awc::http::Method::OPTIONS, app.url("/graphql"))
        .insert_header(("Origin", "https://partner.example"))
        .insert_header(("Access-Control-Request-Method", "POST"))
        .insert_header(("Access-Control-Request-Headers", "content-type"));
    let (status, headers, _) = app.send(preflight).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("access-control-allow-origin").and_then(|v| v.to_str().ok()),
        Some("https://partner.example")
    );
}

#[actix_web::test]
async fn docs_openapi_and_graphiql_are_served_offline() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let (status, spec) = app.get_json("/openapi.json").await;
    assert_eq!(status, 200);
    assert!(spec["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")));
    assert!(spec["paths"]["/api/v1/roles/{slug}/certifications"].is_object());
    assert_eq!(spec["info"]["license"]["name"], "Apache-2.0");
    let (status, headers, _) = app.get("/docs").await;
    assert_eq!(status, 308);
    assert_eq!(headers.get("location").and_then(|v| v.to_str().ok()), Some("/docs/"));
    let (status, _, page) = app.get("/docs/").await;
    assert_eq!(status, 200);
    let page = String::from_utf8_lossy(&page);
    assert!(page.contains("swagger"), "Swagger UI page");
    assert!(!page.contains("https://"), "the docs page loads nothing from the internet");

    // A browser opening /graphql gets GraphiQL.
    let (status, _, page) = app.send(app.client.get(app.url("/graphql")).insert_header(("accept", "text/html"))).await;
    assert_eq!(status, 200);
    let page = String::from_utf8_lossy(&page).into_owned();
    assert!(!page.contains("https://") && !page.contains("http://"), "GraphiQL loads nothing from the internet");
    assert!(!page.contains("<script>"), "no inline script");
    for asset in
        ["graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "start.js"]
    {
        assert!(page.contains(&format!("/graphql/assets/{asset}")));
        let (status, _, body) = app.get(&format!("/graphql/assets/{asset}")).await;
        assert_eq!(status, 200, "{asset}");
        assert!(body.len() > 400, "{asset} is the real file");
    }
    let (status, _, _) = app.get("/graphql/assets/..%2Fsecret").await;
    assert_eq!(status, 404);
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("valid gzip");
    out
}

#[actix_web::test]
async fn gzip_representations_have_their_own_strong_etags() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let path = format!("/api/v1/roles/{ROLE}");
    let (_, plain_headers, plain) = app.get(&path).await;
    let (status, headers, zipped) =
        app.send(app.client.get(app.url(&path)).insert_header(("Accept-Encoding", "gzip, br"))).await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"));
    assert!(headers.get("vary").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("Accept-Encoding")));
    assert!(zipped.len() * 3 < plain.len(), "{} vs {}", zipped.len(), plain.len());
    assert_eq!(gunzip(&zipped), plain);
    let etag =
        |h: &awc::http::header::HeaderMap| h.get("etag").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_ne!(etag(&plain_headers), etag(&headers));
    for known in [etag(&plain_headers), etag(&headers)] {
        let request = app
            .client
            .get(app.url(&path))
            .insert_header(("Accept-Encoding", "gzip"))
            .insert_header(("If-None-Match", known.as_str()));
        let (status, _, _) = app.send(request).await;
        assert_eq!(status, 304);
    }
}

#[actix_web::test]
async fn repeated_public_graphql_queries_are_served_from_memory() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let body =
        roledex_e2e::json!({ "query": roledex_e2e::FULL_PROFILE_QUERY, "variables": { "slug": ROLE } }).to_string();
    let post = || app.client.post(app.url("/graphql")).insert_header(("content-type", "application/json"));
    let cache_state =
        |h: &awc::http::header::HeaderMap| h.get("x-roledex-cache").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (_, first_headers, first) = app.send_body(post(), body.clone()).await;
    assert_eq!(cache_state(&first_headers).as_deref(), Some("miss"));
    let statements = app.statements();
    let (_, headers, second) = app.send_body(post().insert_header(("Accept-Encoding", "gzip")), body.clone()).await;
    assert_eq!(cache_state(&headers).as_deref(), Some("hit"));
    assert_eq!(app.statements(), statements, "a hit touches no database");
    assert_eq!(gunzip(&second), first);
    let forced = post().insert_header(("Cache-Control", "no-cache")).insert_header(("Accept-Encoding", "gzip"));
    let (_, headers, executed) = app.send_body(forced, body.clone()).await;
    assert_eq!(cache_state(&headers).as_deref(), Some("miss"), "no-cache executes the query again");
    assert_eq!(headers.get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"));
    assert_eq!(gunzip(&executed), first, "the executing request's own (fast) gzip decodes to the same answer");
    let (_, headers, _) = app.send_body(post().insert_header(("Authorization", "Bearer x")), body).await;
    assert_eq!(cache_state(&headers), None, "requests with credentials never use the shared cache");
    let (_, headers, bytes) =
        app.send_body(post(), roledex_e2e::json!({ "query": "{ role(slug: \"nope\") { title } }" }).to_string()).await;
    assert!(cache_state(&headers).is_none(), "errors are not cached: {}", String::from_utf8_lossy(&bytes));
}

/// The response cache keys on the operation, not its spelling, and a cache
/// flooded with one-off queries evicts them rather than stop caching.
#[actix_web::test]
async fn the_graphql_cache_survives_a_flood_of_distinct_queries() {
    let app = spawn_app_with(Backend::Sqlite, |c| c.graphql_cache_bytes = 512 * 1024).await.expect("sqlite");
    let post = || app.client.post(app.url("/graphql")).insert_header(("content-type", "application/json"));
    let cache_state =
        |h: &awc::http::header::HeaderMap| h.get("x-roledex-cache").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = |query: &str, variables: roledex_e2e::Value| {
        roledex_e2e::json!({ "query": query, "variables": variables }).to_string()
    };
    let profile = body(roledex_e2e::FULL_PROFILE_QUERY, roledex_e2e::json!({ "slug": ROLE }));
    let (_, headers, _) = app.send_body(post(), profile.clone()).await;
    assert_eq!(cache_state(&headers).as_deref(), Some("miss"));
    // The same operation spelled differently: comments, whitespace and commas.
    let respelled = format!("# the benchmark query\n{}", roledex_e2e::FULL_PROFILE_QUERY.replace(' ', "  ,"));
    let (status, headers, _) = app.send_body(post(), body(&respelled, roledex_e2e::json!({ "slug": ROLE }))).await;
    assert_eq!((status, cache_state(&headers).as_deref()), (200, Some("hit")));
    for _ in 0..5 {
        let (_, headers, _) = app.send_body(post(), profile.clone()).await;
        assert_eq!(cache_state(&headers).as_deref(), Some("hit"));
    }
    // 10,000 distinct one-off queries, 16 at a time (far more than 512 KiB of
    // responses), while the popular query goes on being asked for.
    let junk: Vec<String> =
        (0..10_000).map(|i| body(&format!("{{ junk{i}: __typename }}"), roledex_e2e::Value::Null)).collect();
    let mut popular_hits = 0;
    for chunk in junk.chunks(16) {
        let sends = chunk.iter().map(|b| app.send_body(post(), b.clone()));
        for (status, _, _) in futures_util::future::join_all(sends).await {
            assert_eq!(status, 200);
        }
        let (_, headers, _) = app.send_body(post(), profile.clone()).await;
        popular_hits += usize::from(cache_state(&headers).as_deref() == Some("hit"));
    }
    assert_eq!(popular_hits, 625, "the popular query was answered from the cache all through the flood");
    let (_, headers, _) = app.send_body(post(), profile).await;
    assert_eq!(cache_state(&headers).as_deref(), Some("hit"), "the popular query is still cached after the flood");
    // And a full cache still takes in what is asked for again.
    let fresh = body("{ afterTheFlood: __typename }", roledex_e2e::Value::Null);
    let states: Vec<Option<String>> = futures_util::future::join_all((0..3).map(|_| async {
        let (_, headers, _) = app.send_body(post(), fresh.clone()).await;
        cache_state(&headers)
    }))
    .await;
    assert!(states.contains(&Some("miss".into())), "{states:?}");
    // Admission to a full cache is decided by frequency (TinyLFU), settled by
    // the cache's own maintenance: a query asked for again is taken in within
    // a few more requests, not necessarily the next one on a loaded machine.
    let mut later = Vec::new();
    for _ in 0..8 {
        let (_, headers, _) = app.send_body(post(), fresh.clone()).await;
        later.push(cache_state(&headers));
        if later.last() == Some(&Some("hit".into())) {
            break;
        }
    }
    assert_eq!(later.last(), Some(&Some("hit".into())), "caching goes on in a full cache: {later:?}");
}
