//! Tokens end to end: the JWT negative matrix, an external identity
//! provider (file and URL keys), accounts and passwords, refresh races.

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use roledex_e2e::{Backend, TestApp, Value, json, on_both_backends, spawn_app_with};

const SECRET: &str = "test-secret-test-secret-test-secret-0123";

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(name)
}

async fn app() -> TestApp {
    spawn_app_with(Backend::Sqlite, |c| {
        c.jwt_secret = Some(SECRET.into());
        c.external_issuer = Some("https://idp.example".into());
        c.external_audience = Some("roledex-partner".into());
        c.external_jwks_file = Some(fixture("external-idp-jwks.json"));
    })
    .await
    .expect("sqlite")
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn sign(alg: Algorithm, secret: &str, kid: Option<&str>, claims: &Value) -> String {
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    encode(&header, claims, &EncodingKey::from_secret(secret.as_bytes()).expect("key")).expect("sign")
}

fn claims(user: &str, overrides: Value) -> Value {
    let mut c = json!({ "iss": "roledex", "aud": "roledex-api", "sub": user, "exp": now() + 600, "nbf": now() - 5, "iat": now(), "role": "learner", "jti": "t" });
    if let (Some(c), Some(o)) = (c.as_object_mut(), overrides.as_object()) {
        for (k, v) in o {
            if v.is_null() {
                c.remove(k);
            } else {
                c.insert(k.clone(), v.clone());
            }
        }
    }
    c
}

#[actix_web::test]
async fn jwt_negative_matrix() {
    let app = app().await;
    let (token, _) = app.learner("matrix@example.com").await;
    let (status, me) = app.get_as("/api/v1/me", &token).await;
    assert_eq!(status, 200);
    let user = me["id"].as_str().unwrap_or_default().to_owned();
    let kid = app.state.tokens.kid().to_owned();
    let k = Some(kid.as_str());

    let none_token = format!(
        "{}.{}.",
        b64(format!("{{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"{kid}\"}}").as_bytes()),
        b64(claims(&user, json!({})).to_string().as_bytes())
    );
    let cases: Vec<(&str, Option<String>, &str)> = vec![
        ("no token", None, "missing_token"),
        ("malformed", Some("not.a.jwt".into()), "invalid_token"),
        ("alg none", Some(none_token), "invalid_token"),
        ("wrong algorithm", Some(sign(Algorithm::HS512, SECRET, k, &claims(&user, json!({})))), "invalid_token"),
        (
            "wrong key",
            Some(sign(Algorithm::HS256, "another-secret-another-secret-another", k, &claims(&user, json!({})))),
            "invalid_token",
        ),
        (
            "unknown kid",
            Some(sign(Algorithm::HS256, SECRET, Some("rdx-000000000000"), &claims(&user, json!({})))),
            "invalid_token",
        ),
        ("no kid", Some(sign(Algorithm::HS256, SECRET, None, &claims(&user, json!({})))), "invalid_token"),
        (
            "expired beyond leeway",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "exp": now() - 120 })))),
            "token_expired",
        ),
        (
            "nbf in the future",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "nbf": now() + 600 })))),
            "token_not_yet_valid",
        ),
        (
            "missing aud",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "aud": null })))),
            "invalid_token",
        ),
        (
            "wrong aud",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "aud": "someone-else" })))),
            "invalid_token",
        ),
        (
            "missing iss",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "iss": null })))),
            "invalid_token",
        ),
        (
            "wrong iss",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "iss": "evil" })))),
            "invalid_token",
        ),
        (
            "string exp",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "exp": (now() + 600).to_string() })))),
            "invalid_token",
        ),
        (
            "missing exp",
            Some(sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "exp": null })))),
            "invalid_token",
        ),
        ("bearer scheme missing", Some(String::new()), "invalid_token"),
    ];
    for (name, token, code) in cases {
        let mut request = app.client.get(app.url("/api/v1/me"));
        match token.as_deref() {
            Some("") => request = request.insert_header(("Authorization", "Token abc")),
            Some(t) => request = request.insert_header(("Authorization", format!("Bearer {t}"))),
            None => {}
        }
        let (status, headers, body) = app.send(request).await;
        let body: Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!((status, body["code"].as_str()), (401, Some(code)), "REST: {name}: {body}");
        assert!(headers.get("www-authenticate").is_some(), "{name}");

        let mut request = app.client.post(app.url("/graphql")).insert_header(("content-type", "application/json"));
        match token.as_deref() {
            Some("") => request = request.insert_header(("Authorization", "Token abc")),
            Some(t) => request = request.insert_header(("Authorization", format!("Bearer {t}"))),
            None => {}
        }
        let (status, _, body) =
            app.send_body(request, json!({ "query": "{ me { account { id } } }" }).to_string()).await;
        let body: Value = serde_json::from_slice(&body).unwrap_or_default();
        let gql_code = body["errors"][0]["extensions"]["code"].as_str();
        assert_eq!(gql_code, Some(code), "GraphQL: {name}: {body}");
        if code != "missing_token" {
            assert_eq!(status, 401, "GraphQL: {name}");
        }
    }
    // Within the leeway an expired token still works: clocks drift.
    let lenient = sign(Algorithm::HS256, SECRET, k, &claims(&user, json!({ "exp": now() - 10 })));
    assert_eq!(app.get_as("/api/v1/me", &lenient).await.0, 200);
}

#[actix_web::test]
async fn external_identity_provider_tokens_are_trusted_by_their_keys() {
    let app = app().await;
    let key = EncodingKey::from_ed_der(&std::fs::read(fixture("external-idp-ed25519.pk8.der")).expect("fixture"));
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some("test-idp-1".into());
    let claims = json!({ "iss": "https://idp.example", "aud": "roledex-partner", "sub": "partner-user-42", "exp": now() + 600, "nbf": now() - 5 });
    let token = encode(&header, &claims, &key).expect("sign");
    let (status, me) = app.get_as("/api/v1/me", &token).await;
    assert_eq!((status, me["role"].as_str()), (200, Some("learner")), "{me}");
    let (_, again) = app.get_as("/api/v1/me", &token).await;
    assert_eq!(again["id"], me["id"], "the same external subject maps to one account");
    let wrong_audience = encode(
        &header,
        &json!({ "iss": "https://idp.example", "aud": "roledex-api", "sub": "x", "exp": now() + 600, "nbf": now() }),
        &key,
    )
    .expect("sign");
    assert_eq!(app.get_as("/api/v1/me", &wrong_audience).await.1["code"], "invalid_token");
    for nobody in ["", "  "] {
        let empty_subject = encode(
            &header,
            &json!({ "iss": "https://idp.example", "aud": "roledex-partner", "sub": nobody, "exp": now() + 600, "nbf": now() - 5 }),
            &key,
        )
        .expect("sign");
        assert_eq!(app.get_as("/api/v1/me", &empty_subject).await.1["code"], "invalid_token", "sub {nobody:?}");
    }
    let mut hs = Header::new(Algorithm::HS256);
    hs.kid = Some("test-idp-1".into());
    let forged =
        encode(&hs, &claims, &EncodingKey::from_secret(b"lf9tBPwQTdso3IUat8YV4OxY_Y72TWGX_fLW_jEdRBo").expect("key"))
            .expect("sign");
    assert_eq!(app.get_as("/api/v1/me", &forged).await.1["code"], "invalid_token", "the key's algorithm is pinned");
}

async fn accounts_and_passwords(app: &TestApp) {
    let register = |body: Value| app.post("/api/v1/auth/register", None, body);
    // A body is a JSON object: the same fields by position are not accepted.
    let (status, body) = register(json!(["b@example.com", "correct horse battery"])).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_body")), "{body}");
    let (status, body) = app.post("/api/v1/auth/logout", None, json!(["token"])).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_body")), "{body}");
    let (status, body) = register(json!({ "email": "not-an-email", "password": "correct horse battery" })).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_email")));
    let (status, body) = register(json!({ "email": "b@example.com", "password": "short" })).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("weak_password")));
    let (status, body) = register(json!({ "email": "b@example.com", "password": "x".repeat(300) })).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("password_too_long")));
    // The schema's 64-character limit is the server's: 65 characters are refused however strong.
    let long = "Tq9!vX2#mP7@kL4$wR8%nB3^".repeat(3);
    let (status, body) = register(json!({ "email": "b@example.com", "password": &long[..65] })).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("password_too_long")), "{body}");
    let (status, body) =
        register(json!({ "email": "b@example.com", "password": "correct horse battery", "role": "admin" })).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_body")), "role cannot be chosen");
    let (status, _) = register(json!({ "email": "B@Example.com", "password": "correct horse battery" })).await;
    assert_eq!(status, 201);
    let (status, body) = register(json!({ "email": "b@example.com", "password": "another good password" })).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("email_taken")));
    let wrong = app
        .post("/api/v1/auth/login", None, json!({ "email": "b@example.com", "password": "wrong wrong wrong" }))
        .await;
    let unknown = app
        .post("/api/v1/auth/login", None, json!({ "email": "nobody@example.com", "password": "wrong wrong wrong" }))
        .await;
    assert_eq!((wrong.0, wrong.1["code"].as_str()), (401, Some("invalid_credentials")));
    assert_eq!(wrong.1, unknown.1, "login does not reveal whether an email exists");
}
on_both_backends!(accounts_and_passwords);

/// An identity provider's JWKS fetched from a URL, and fetched again when it rotates keys.
#[actix_web::test]
async fn external_keys_from_a_url_follow_rotation() {
    use std::sync::{Arc, Mutex};
    let jwks = std::fs::read_to_string(fixture("external-idp-jwks.json")).expect("fixture");
    let served = Arc::new(Mutex::new(jwks.clone()));
    let shared = served.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = actix_web::HttpServer::new(move || {
        let shared = shared.clone();
        actix_web::App::new().route(
            "/jwks.json",
            actix_web::web::get().to(move || {
                let body = shared.lock().map(|s| s.clone()).unwrap_or_default();
                async move { actix_web::HttpResponse::Ok().content_type("application/json").body(body) }
            }),
        )
    })
    .workers(1)
    .listen(listener)
    .expect("listen")
    .run();
    actix_web::rt::spawn(server);

    let app = spawn_app_with(Backend::Sqlite, |c| {
        c.jwt_secret = Some(SECRET.into());
        c.external_issuer = Some("https://idp.example".into());
        c.external_audience = Some("roledex-partner".into());
        c.external_jwks_url = Some(format!("http://127.0.0.1:{port}/jwks.json"));
    })
    .await
    .expect("sqlite");
    let key = EncodingKey::from_ed_der(&std::fs::read(fixture("external-idp-ed25519.pk8.der")).expect("fixture"));
    let token = |kid: &str| {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(kid.into());
        let claims = json!({ "iss": "https://idp.example", "aud": "roledex-partner", "sub": "rotating-user", "exp": now() + 600, "nbf": now() - 5 });
        encode(&header, &claims, &key).expect("sign")
    };
    assert_eq!(app.get_as("/api/v1/me", &token("test-idp-1")).await.0, 200);
    assert_eq!(app.get_as("/api/v1/me", &token("test-idp-2")).await.1["code"], "invalid_token");

    // The provider rotates: the same key under a new id.
    if let Ok(mut body) = served.lock() {
        *body = jwks.replace("test-idp-1", "test-idp-2");
    }
    let tokens = app.state.tokens.clone();
    let reloaded = actix_web::rt::task::spawn_blocking(move || tokens.reload_external_keys()).await.expect("join");
    assert_eq!(reloaded, Ok(1));
    assert_eq!(app.get_as("/api/v1/me", &token("test-idp-2")).await.0, 200);
    assert_eq!(app.get_as("/api/v1/me", &token("test-idp-1")).await.1["code"], "invalid_token");

    // A broken key set keeps the keys already trusted.
    if let Ok(mut body) = served.lock() {
        *body = "not json".into();
    }
    let tokens = app.state.tokens.clone();
    let failed = actix_web::rt::task::spawn_blocking(move || tokens.reload_external_keys()).await.expect("join");
    assert!(failed.is_err());
    assert_eq!(app.get_as("/api/v1/me", &token("test-idp-2")).await.0, 200);
}

#[actix_web::test]
async fn external_tokens_may_omit_nbf() {
    let app = app().await;
    let key = EncodingKey::from_ed_der(&std::fs::read(fixture("external-idp-ed25519.pk8.der")).expect("fixture"));
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some("test-idp-1".into());
    let claims = json!({ "iss": "https://idp.example", "aud": "roledex-partner", "sub": "no-nbf", "exp": now() + 600 });
    assert_eq!(app.get_as("/api/v1/me", &encode(&header, &claims, &key).expect("sign")).await.0, 200);
    let future = json!({ "iss": "https://idp.example", "aud": "roledex-partner", "sub": "no-nbf", "exp": now() + 600, "nbf": now() + 600 });
    assert_eq!(
        app.get_as("/api/v1/me", &encode(&header, &future, &key).expect("sign")).await.1["code"],
        "token_not_yet_valid"
    );
}

#[actix_web::test]
async fn a_plain_http_jwks_url_off_this_machine_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = roledex_api::Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.path().to_path_buf(),
        content_dir: roledex_e2e::content_dir(),
        reference_data: roledex_e2e::reference_data_dir(),
        external_issuer: Some("https://idp.example".into()),
        external_audience: Some("x".into()),
        external_jwks_url: Some("http://idp.example/jwks.json".into()),
        ..roledex_api::Config::default()
    };
    let err = roledex_api::Application::build(config).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("must use https"), "{err}");
}

async fn concurrent_refreshes_with_one_token(app: &TestApp) {
    let (_, refresh) = app.learner("race@example.com").await;
    let body = json!({ "refresh_token": refresh });
    let (a, b) = tokio::join!(
        app.post("/api/v1/auth/refresh", None, body.clone()),
        app.post("/api/v1/auth/refresh", None, body)
    );
    let mut outcomes = [(a.0, a.1["code"].as_str().map(str::to_owned)), (b.0, b.1["code"].as_str().map(str::to_owned))];
    outcomes.sort();
    assert_eq!(outcomes, [(200, None), (401, Some("refresh_token_reused".into()))], "exactly one refresh wins");
}
on_both_backends!(concurrent_refreshes_with_one_token);
