//! Safe retries: idempotency keys on every submission, stuck keys, and
//! concurrent submissions each stored once.

use awc::http::Method;
use roledex_e2e::{ROLE, TestApp, Value, json, on_both_backends};

async fn retries_with_an_idempotency_key_are_safe(app: &TestApp) {
    let (token, _) = app.learner("dave@example.com").await;
    let body = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 3 }] });
    let post = |key: &'static str, body: Value| {
        let token = token.clone();
        async move {
            app.call(Method::POST, "/api/v1/me/assessments", Some(&token), &[("Idempotency-Key", key)], Some(body))
                .await
        }
    };
    let (first_status, _, first) = post("key-1", body.clone()).await;
    let (second_status, _, second) = post("key-1", body.clone()).await;
    assert_eq!((first_status, second_status), (201, 201));
    assert_eq!(first, second, "the retry gets the first response");
    assert_eq!(
        app.get_as("/api/v1/me/assessments", &token).await.1["items"].as_array().map(Vec::len),
        Some(1),
        "one row stored"
    );
    let (status, _, problem) =
        post("key-1", json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 4 }] })).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("idempotency_key_reused")));
    // A client error is replayed too, and stores nothing.
    let bad = json!({ "role": ROLE, "ratings": [{ "skill": "nope", "level": 3 }] });
    let (a, _, pa) = post("key-2", bad.clone()).await;
    let (b, _, pb) = post("key-2", bad).await;
    assert_eq!((a, b), (422, 422));
    assert_eq!(pa, pb);
    // A duplicate that arrives while the first is still being processed.
    let me = app.get_as("/api/v1/me", &token).await.1;
    let input: roledex_api::dto::SelfAssessmentInput = serde_json::from_value(body.clone()).expect("input");
    let hash = roledex_api::learning::idempotency::fingerprint("assessment", &input);
    let claim = app
        .state
        .learners
        .claim_idempotency_key(
            me["id"].as_str().unwrap_or_default(),
            "key-3",
            &hash,
            roledex_persistence::learners::now_millis(),
        )
        .await
        .expect("claim");
    assert_eq!(claim, roledex_persistence::learners::Claim::Fresh);
    let (status, _, problem) = post("key-3", body).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("idempotency_in_progress")));
    let (status, _, _) = app
        .call(
            Method::POST,
            "/api/v1/me/assessments",
            Some(&token),
            &[("Idempotency-Key", "bad key with spaces")],
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 400);
}
on_both_backends!(retries_with_an_idempotency_key_are_safe);

async fn idempotency_covers_every_submission_and_recovers_stuck_keys(app: &TestApp) {
    let (token, _) = app.learner("erin@example.com").await;
    let (_, quiz) = app.get_json(&format!("/api/v1/roles/{ROLE}/knowledge-check")).await;
    let answers: Vec<Value> = quiz["questions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| json!({ "question": q["key"], "option": 1 }))
        .collect();
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    let cards: Vec<Value> = profile["qualification_cards"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| json!({ "card": c["key"], "rating": 3 }))
        .collect();
    for (path, body) in [
        ("/api/v1/me/quiz-attempts", json!({ "role": ROLE, "attempt": quiz["attempt"], "answers": answers })),
        ("/api/v1/me/qualification-checks", json!({ "role": ROLE, "ratings": cards })),
        (
            "/api/v1/me/sprint-plans",
            json!({ "role": ROLE, "hours_per_week": 3, "start": "2027-01-04", "certifications": ["crisc"] }),
        ),
    ] {
        let key = format!("k-{path}");
        let (s1, _, first) =
            app.call(Method::POST, path, Some(&token), &[("Idempotency-Key", key.as_str())], Some(body.clone())).await;
        let (s2, _, second) =
            app.call(Method::POST, path, Some(&token), &[("Idempotency-Key", key.as_str())], Some(body)).await;
        assert_eq!((s1, s2), (201, 201), "{path}");
        assert_eq!(first["id"], second["id"], "{path}: replayed");
    }
    assert_eq!(app.get_as("/api/v1/me/quiz-attempts", &token).await.1["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.get_as("/api/v1/me/sprint-plans", &token).await.1["items"].as_array().map(Vec::len), Some(1));

    // A claim whose request died (no answer stored) is taken over once its lease is past.
    let me = app.get_as("/api/v1/me", &token).await.1;
    let user = me["id"].as_str().unwrap_or_default();
    let stale = roledex_persistence::learners::now_millis() - roledex_persistence::learners::LEASE_MILLIS - 1_000;
    let claim = app.state.learners.claim_idempotency_key(user, "stuck", "whatever", stale).await.expect("claim");
    assert_eq!(claim, roledex_persistence::learners::Claim::Fresh);
    let body = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 2 }] });
    let (status, _, _) = app
        .call(Method::POST, "/api/v1/me/assessments", Some(&token), &[("Idempotency-Key", "stuck")], Some(body))
        .await;
    assert_eq!(status, 201, "the stale claim no longer blocks its key");
}
on_both_backends!(idempotency_covers_every_submission_and_recovers_stuck_keys);

/// Many submissions at once (committed together on SQLite): every one is
/// answered and stored exactly once.
async fn concurrent_submissions_are_each_stored_once(app: &TestApp) {
    let (token, _) = app.learner("frank@example.com").await;
    let body = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 3 }] });
    let requests = (0..40).map(|i| {
        let (token, body) = (token.clone(), body.clone());
        async move {
            let key = format!("burst-{i}");
            app.call(
                Method::POST,
                "/api/v1/me/assessments",
                Some(&token),
                &[("Idempotency-Key", key.as_str())],
                Some(body),
            )
            .await
        }
    });
    let answers = futures_util::future::join_all(requests).await;
    assert!(answers.iter().all(|(status, _, _)| *status == 201));
    let mut ids: Vec<String> =
        answers.iter().filter_map(|(_, _, body)| body["id"].as_str().map(str::to_owned)).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    let stored = app
        .state
        .learners
        .count_submissions(roledex_persistence::learners::SubmissionKind::Assessment)
        .await
        .expect("count");
    assert_eq!(stored, 40);
}
on_both_backends!(concurrent_submissions_are_each_stored_once);
