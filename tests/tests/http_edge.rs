//! The HTTP edge as browsers and HTTP clients meet it: security headers,
//! CORS preflights for every method and header the API uses, and bearer
//! challenges as RFC 6750 has them.

use roledex_e2e::{Backend, ROLE, awc, json, spawn_app, spawn_app_with};

const PARTNER: &str = "https://partner.example";

fn header(headers: &awc::http::header::HeaderMap, name: &str) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[actix_web::test]
async fn every_response_is_nosniff_and_pages_carry_a_strict_policy() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    for path in ["/healthz", "/api/v1/roles/no-such-role", &format!("/api/v1/roles/{ROLE}"), "/openapi.json"] {
        let (_, headers, _) = app.get(path).await;
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff", "{path}");
        assert!(headers.get("content-security-policy").is_none(), "JSON needs no page policy: {path}");
    }
    let graphiql = app.client.get(app.url("/graphql")).insert_header(("accept", "text/html"));
    for (name, request) in [("GraphiQL", graphiql), ("docs", app.client.get(app.url("/docs/")))] {
        let (status, headers, _) = app.send(request).await;
        assert_eq!(status, 200, "{name}");
        let policy = header(&headers, "content-security-policy");
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'self'"), "{name}: {policy}");
        assert!(!policy.contains("http"), "no remote origin: {policy}");
        assert_eq!(header(&headers, "referrer-policy"), "no-referrer", "{name}");
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff", "{name}");
    }
}

#[actix_web::test]
async fn preflights_allow_every_method_and_header_the_api_uses() {
    let app = spawn_app_with(Backend::Sqlite, |c| c.cors_origins = vec![PARTNER.into()]).await.expect("sqlite");
    let cases = [
        ("PUT", "/api/v1/me/sprint-plans/x/tasks/y", "authorization, content-type"),
        ("DELETE", "/api/v1/me/sprint-plans/x", "authorization"),
        ("POST", "/api/v1/me/assessments", "authorization, content-type, idempotency-key"),
        ("GET", &format!("/api/v1/roles/{ROLE}"), "if-none-match, cache-control"),
        ("POST", "/graphql", "content-type, accept, cache-control"),
    ];
    for (method, path, headers_asked) in cases {
        let preflight = app
            .client
            .request(awc::http::Method::OPTIONS, app.url(path))
            .insert_header(("Origin", PARTNER))
            .insert_header(("Access-Control-Request-Method", method))
            .insert_header(("Access-Control-Request-Headers", headers_asked));
        let (status, headers, _) = app.send(preflight).await;
        assert_eq!(status, 200, "{method} {path}");
        assert_eq!(header(&headers, "access-control-allow-origin"), PARTNER);
        assert!(header(&headers, "access-control-allow-methods").contains(method), "{method} {path}");
        let allowed = header(&headers, "access-control-allow-headers").to_lowercase();
        for asked in headers_asked.split(", ") {
            assert!(allowed.contains(asked), "{asked} for {method} {path}: {allowed}");
        }
    }
    let (_, headers, _) = app
        .send(
            app.client
                .request(awc::http::Method::OPTIONS, app.url("/graphql"))
                .insert_header(("Origin", "https://evil.example"))
                .insert_header(("Access-Control-Request-Method", "POST")),
        )
        .await;
    assert!(headers.get("access-control-allow-origin").is_none(), "no grant for another origin");
}

#[actix_web::test]
async fn bearer_challenges_follow_rfc_6750() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let (status, headers, _) = app.get("/api/v1/me").await;
    assert_eq!(status, 401);
    assert_eq!(header(&headers, "www-authenticate"), "Bearer realm=\"roledex\"", "no error code without a token");
    let request = app.client.get(app.url("/api/v1/me")).insert_header(("Authorization", "Bearer not-a-token"));
    let (status, headers, _) = app.send(request).await;
    assert_eq!(status, 401);
    assert!(header(&headers, "www-authenticate").contains("error=\"invalid_token\""));
    let (status, headers, _) = app
        .call(
            awc::http::Method::POST,
            "/api/v1/auth/login",
            None,
            &[],
            Some(json!({ "email": "nobody@example.org", "password": "wrong horse battery staple" })),
        )
        .await;
    assert_eq!(status, 401);
    assert!(headers.get("www-authenticate").is_none(), "a login failure is not a bearer challenge");
    let (access, _) = app.learner("edge@example.org").await;
    assert!(!access.is_empty());
}

#[actix_web::test]
async fn json_endpoints_refuse_other_media_types_with_415() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let request = app.client.post(app.url("/api/v1/auth/login")).insert_header(("content-type", "text/plain"));
    let (status, headers, body) = app.send_body(request, "{}".into()).await;
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    assert_eq!((status, body["code"].as_str()), (415, Some("unsupported_media_type")));
    assert!(header(&headers, "content-type").starts_with("application/problem+json"));
}

#[actix_web::test]
async fn every_rejection_is_a_problem_document() {
    let app = spawn_app_with(Backend::Sqlite, |c| c.cors_origins = vec![PARTNER.into()]).await.expect("sqlite");
    let problem = |headers: &awc::http::header::HeaderMap, body: &[u8]| {
        assert!(header(headers, "content-type").starts_with("application/problem+json"), "{headers:?}");
        let body: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        body["code"].as_str().unwrap_or("<none>").to_owned()
    };
    // A file Swagger UI does not have.
    let (status, headers, body) = app.get("/docs/no-such-file.js").await;
    assert_eq!((status, problem(&headers, &body)), (404, "route_not_found".to_owned()));
    // A preflight from an origin that is not allowed.
    let preflight = app
        .client
        .request(awc::http::Method::OPTIONS, app.url("/graphql"))
        .insert_header(("Origin", "https://evil.example"))
        .insert_header(("Access-Control-Request-Method", "POST"));
    let (status, headers, body) = app.send(preflight).await;
    assert_eq!((status, problem(&headers, &body)), (403, "cors_refused".to_owned()));
    // A known path with a method it does not take.
    for (method, path, allow) in [
        (awc::http::Method::DELETE, format!("/api/v1/roles/{ROLE}"), "GET"),
        (awc::http::Method::TRACE, "/api/v1/auth/login".to_owned(), "POST"),
        (awc::http::Method::PUT, "/graphql".to_owned(), "GET, POST"),
    ] {
        let (status, headers, body) = app.send(app.client.request(method.clone(), app.url(&path))).await;
        assert_eq!((status, problem(&headers, &body)), (405, "method_not_allowed".to_owned()), "{method} {path}");
        assert_eq!(header(&headers, "allow"), allow, "{method} {path}");
    }
    let (status, headers, body) = app.get("/api/v1/nothing-here").await;
    assert_eq!((status, problem(&headers, &body)), (404, "route_not_found".to_owned()));
}
