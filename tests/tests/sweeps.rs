//! Expired learner data is swept by the server's background task; the sweep
//! itself, run at a chosen time, on SQLite and PostgreSQL.

use roledex_e2e::{ROLE, TestApp, json, on_both_backends};
use roledex_persistence::learners::{SubmissionKind, now_millis};

const HOUR: i64 = 60 * 60 * 1000;

async fn expired_keys_and_tokens_are_swept(app: &TestApp) {
    let (token, refresh) = app.learner("sweep@example.com").await;
    let body = json!({ "role": ROLE, "ratings": [{ "skill": "red-teaming-methodology", "level": 3 }] });
    let submit = || {
        app.call(
            awc::http::Method::POST,
            "/api/v1/me/assessments",
            Some(&token),
            &[("Idempotency-Key", "k-1")],
            Some(body.clone()),
        )
    };
    let count = || app.state.learners.count_submissions(SubmissionKind::Assessment);
    let (status, _, _) = submit().await;
    assert_eq!(status, 201);
    let (status, _, _) = submit().await;
    assert_eq!((status, count().await.ok()), (201, Some(1)), "a replay within the keeping time stores nothing");

    // A day later nothing has expired yet.
    app.state.learners.sweep_expired(now_millis() + 24 * HOUR).await.unwrap_or_else(|e| panic!("{e}"));
    let (status, _, _) = submit().await;
    assert_eq!((status, count().await.ok()), (201, Some(1)));

    // Past 48 hours the key is forgotten: the same key runs again.
    app.state.learners.sweep_expired(now_millis() + 49 * HOUR).await.unwrap_or_else(|e| panic!("{e}"));
    let (status, _, _) = submit().await;
    assert_eq!((status, count().await.ok()), (201, Some(2)));

    // A refresh token is kept a day past its expiry, then swept.
    let lifetime = i64::try_from(app.state.config.refresh_token_ttl.as_millis()).unwrap_or(i64::MAX);
    app.state.learners.sweep_expired(now_millis() + lifetime + 25 * HOUR).await.unwrap_or_else(|e| panic!("{e}"));
    let (status, body) = app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": refresh })).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("refresh_token_invalid")), "{body}");
}
on_both_backends!(expired_keys_and_tokens_are_swept);
