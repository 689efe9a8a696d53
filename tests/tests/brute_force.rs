//! Brute-force protection: failed logins are counted per account and per
//! client address, in the database (so every instance counts the same), and
//! registration is limited per address.

use roledex_e2e::{Backend, TestApp, json, on_both_backends, spawn_app_with};

const PASSWORD: &str = "correct horse battery staple";

async fn login(
    app: &TestApp,
    email: &str,
    password: &str,
) -> (u16, roledex_e2e::awc::http::header::HeaderMap, roledex_e2e::Value) {
    app.call(
        roledex_e2e::awc::http::Method::POST,
        "/api/v1/auth/login",
        None,
        &[],
        Some(json!({ "email": email, "password": password })),
    )
    .await
}

async fn five_failures_lock_the_account_whatever_the_password(app: &TestApp) {
    app.learner("victim@example.com").await;
    for _ in 0..5 {
        let (status, _, body) = login(app, "victim@example.com", "wrong password guess").await;
        assert_eq!(status, 401, "{body}");
    }
    // The sixth attempt, with the right password, is refused before it is checked.
    let (status, headers, body) = login(app, "victim@example.com", PASSWORD).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("too_many_requests")), "{body}");
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let retry_after: u64 = header("retry-after").parse().unwrap_or_default();
    assert!((1..=900).contains(&retry_after), "Retry-After {retry_after}");
    assert_eq!(header("ratelimit-policy"), "\"login-account\";q=5;w=900");
    assert!(header("ratelimit").starts_with("\"login-account\";r=0;t="), "{}", header("ratelimit"));
    assert_eq!(header("content-type"), "application/problem+json");
    // The same e-mail in other letters is the same account.
    let (status, _, _) = login(app, "VICTIM@example.com", PASSWORD).await;
    assert_eq!(status, 429);
}
on_both_backends!(five_failures_lock_the_account_whatever_the_password);

async fn a_success_resets_the_count(app: &TestApp) {
    app.learner("forgetful@example.com").await;
    for _ in 0..4 {
        assert_eq!(login(app, "forgetful@example.com", "not it at all").await.0, 401);
    }
    assert_eq!(login(app, "forgetful@example.com", PASSWORD).await.0, 200);
    for _ in 0..4 {
        assert_eq!(login(app, "forgetful@example.com", "not it at all").await.0, 401);
    }
    assert_eq!(login(app, "forgetful@example.com", PASSWORD).await.0, 200, "four failures since the success");
}
on_both_backends!(a_success_resets_the_count);

async fn twenty_failures_from_one_address_lock_it(app: &TestApp) {
    app.learner("bystander@example.com").await;
    for i in 0..20 {
        // Four tries on each of five accounts: no account reaches its own limit.
        let (status, _, _) = login(app, &format!("spray{}@example.com", i / 4), "password123456").await;
        assert_eq!(status, 401);
    }
    let (status, headers, _) = login(app, "bystander@example.com", PASSWORD).await;
    assert_eq!(status, 429);
    assert_eq!(headers.get("ratelimit-policy").and_then(|v| v.to_str().ok()), Some("\"login-address\";q=20;w=900"));
}
on_both_backends!(twenty_failures_from_one_address_lock_it);

#[actix_web::test]
async fn registration_is_limited_per_address() {
    let Some(app) = spawn_app_with(Backend::Sqlite, |c| c.registrations_per_hour = 3).await else { return };
    for i in 0..3 {
        let body = json!({ "email": format!("new{i}@example.com"), "password": PASSWORD });
        assert_eq!(app.post("/api/v1/auth/register", None, body).await.0, 201);
    }
    let body = json!({ "email": "new3@example.com", "password": PASSWORD });
    let (status, problem) = app.post("/api/v1/auth/register", None, body).await;
    assert_eq!((status, problem["code"].as_str()), (429, Some("too_many_requests")), "{problem}");

    // The sweep keeps windows that still count, and drops those past the horizon.
    let now = roledex_persistence::learners::now_millis();
    let horizon = now - roledex_domain::ratelimit::REGISTRATION_WINDOW_MS;
    assert_eq!(app.state.learners.sweep_failures(horizon).await.ok(), Some(0));
    let body = json!({ "email": "new4@example.com", "password": PASSWORD });
    assert_eq!(app.post("/api/v1/auth/register", None, body.clone()).await.0, 429);
    assert_eq!(app.state.learners.sweep_failures(now + 1).await.ok(), Some(1));
    assert_eq!(app.post("/api/v1/auth/register", None, body).await.0, 201);
}

/// Two instances on one PostgreSQL database count the same failures.
#[actix_web::test]
async fn instances_share_the_count_on_postgres() {
    let Ok(admin) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: PostgreSQL test (set TEST_DATABASE_URL to run it)");
        return;
    };
    let database = roledex_e2e::PostgresDatabase::create(&admin).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = || roledex_api::Config {
        listen: "127.0.0.1:0".parse().unwrap_or_else(|e| panic!("{e}")),
        database_url: Some(database.url.clone().into()),
        data_dir: dir.path().to_path_buf(),
        content_dir: roledex_e2e::content_dir(),
        reference_data: roledex_e2e::reference_data_dir(),
        log: "warn".into(),
        ..roledex_api::Config::default()
    };
    let a = roledex_api::Application::build(config()).await.unwrap_or_else(|e| panic!("{e}"));
    let b = roledex_api::Application::build(config()).await.unwrap_or_else(|e| panic!("{e}"));
    let credentials = |password: &str| roledex_api::dto::Credentials {
        email: "shared@example.com".into(),
        password: password.into(),
    };
    use roledex_api::learning::accounts;
    accounts::register(a.state(), &credentials(PASSWORD), roledex_domain::account::UserRole::Learner, "10.0.0.1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Three failures on one instance, two on the other, from two addresses.
    for (instance, address) in
        [(&a, "10.0.0.1"), (&a, "10.0.0.1"), (&a, "10.0.0.2"), (&b, "10.0.0.2"), (&b, "10.0.0.3")]
    {
        let refused = accounts::login(instance.state(), &credentials("wrong guess here"), address).await;
        assert!(matches!(refused, Err(roledex_api::error::ApiError::Unauthorized(_))), "{refused:?}");
    }
    let locked = accounts::login(b.state(), &credentials(PASSWORD), "10.0.0.4").await;
    assert!(matches!(locked, Err(roledex_api::error::ApiError::TooManyRequests { .. })), "{locked:?}");
}
