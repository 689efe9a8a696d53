//! The knowledge check teaches without leaking: an attempt asks 12 questions
//! drawn from its id, grading reveals the key only for answered questions,
//! an attempt is graded once, and readiness counts the latest attempt.

use roledex_e2e::{ROLE, TestApp, Value, json, on_both_backends};

async fn attempt_questions(app: &TestApp, attempt: &str) -> Vec<Value> {
    let (status, check) = app.get_json(&format!("/api/v1/roles/{ROLE}/knowledge-check?attempt={attempt}")).await;
    assert_eq!(status, 200, "{check}");
    assert_eq!(check["attempt"], attempt);
    check["questions"].as_array().cloned().unwrap_or_default()
}

async fn one_answer_reveals_one_key(app: &TestApp) {
    let (token, _) = app.learner("leak@example.com").await;
    let questions = attempt_questions(app, "leak-1").await;
    assert_eq!(questions.len(), 12);
    let first = questions[0]["key"].clone();
    let (status, graded) = app
        .post(
            "/api/v1/me/quiz-attempts",
            Some(&token),
            json!({ "role": ROLE, "attempt": "leak-1", "answers": [{ "question": first, "option": 0 }] }),
        )
        .await;
    assert_eq!(status, 201, "{graded}");
    assert_eq!(graded["total"], 12);
    let graded_questions = graded["questions"].as_array().cloned().unwrap_or_default();
    assert_eq!(graded_questions.len(), 12);
    for q in &graded_questions {
        let answered = q["key"] == first;
        assert_eq!(!q["correct_option"].is_null(), answered, "key leaked: {q}");
        assert_eq!(!q["explanation"].is_null(), answered, "explanation leaked: {q}");
    }
    assert!(graded["message"].as_str().is_some_and(|m| !m.is_empty()), "{graded}");
    assert!(["starting", "developing", "strong"].contains(&graded["band"].as_str().unwrap_or_default()));

    // Resubmitting the attempt with what was learned is refused.
    let (status, problem) = app
        .post(
            "/api/v1/me/quiz-attempts",
            Some(&token),
            json!({ "role": ROLE, "attempt": "leak-1", "answers": [{ "question": first, "option": 1 }] }),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("attempt_already_graded")), "{problem}");
    let (_, history) = app.get_as("/api/v1/me/quiz-attempts", &token).await;
    assert_eq!(history["items"].as_array().map(Vec::len), Some(1), "the first grading stands");
}
on_both_backends!(one_answer_reveals_one_key);

async fn attempts_draw_their_own_questions(app: &TestApp) {
    let a = attempt_questions(app, "draw-a").await;
    assert_eq!(a, attempt_questions(app, "draw-a").await, "the same id asks the same questions");
    let b = attempt_questions(app, "draw-b").await;
    assert_ne!(a, b, "another id asks others");
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    let bank = profile["knowledge_check"].as_array().cloned().unwrap_or_default();
    assert!(bank.len() >= 24, "the bank is larger than two attempts: {}", bank.len());

    // A question of the bank that this attempt did not ask cannot be answered in it.
    let (token, _) = app.learner("draw@example.com").await;
    let not_asked = bank.iter().find(|q| !a.iter().any(|asked| asked["key"] == q["key"])).cloned().unwrap_or_default();
    let (status, problem) = app
        .post(
            "/api/v1/me/quiz-attempts",
            Some(&token),
            json!({ "role": ROLE, "attempt": "draw-a", "answers": [{ "question": not_asked["key"], "option": 0 }] }),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem.to_string().contains("not one of this attempt's questions"), "{problem}");

    // Without an id, each request starts a new attempt, never cached.
    let (_, headers, _) = app.get(&format!("/api/v1/roles/{ROLE}/knowledge-check")).await;
    assert_eq!(headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let (status, bad) = app.get_json(&format!("/api/v1/roles/{ROLE}/knowledge-check?attempt=a%20b")).await;
    assert_eq!((status, bad["code"].as_str()), (400, Some("invalid_parameter")), "{bad}");
}
on_both_backends!(attempts_draw_their_own_questions);

/// The key of each question, from the pack (the test knows the answers; the API never sends them).
fn answer_key() -> std::collections::BTreeMap<String, u32> {
    let read = roledex_e2e::read_pack(&roledex_e2e::content_dir()).unwrap_or_else(|e| panic!("{e:?}"));
    let role = read.pack.roles.iter().find(|r| r.slug.as_str() == ROLE).unwrap_or_else(|| panic!("role"));
    role.knowledge_check.iter().map(|q| (q.key.to_string(), q.correct_option)).collect()
}

async fn readiness_counts_the_latest_attempt(app: &TestApp) {
    let (token, _) = app.learner("latest@example.com").await;
    let key = answer_key();
    let submit = |attempt: &'static str, right: bool| {
        let token = token.clone();
        let key = key.clone();
        async move {
            let questions = attempt_questions(app, attempt).await;
            let answers: Vec<Value> = questions
                .iter()
                .map(|q| {
                    let k = q["key"].as_str().unwrap_or_default();
                    let correct = key[k];
                    json!({ "question": k, "option": if right { correct } else { (correct + 1) % 2 } })
                })
                .collect();
            let (status, graded) = app
                .post(
                    "/api/v1/me/quiz-attempts",
                    Some(&token),
                    json!({ "role": ROLE, "attempt": attempt, "answers": answers }),
                )
                .await;
            assert_eq!(status, 201, "{graded}");
            graded["score"].as_u64()
        }
    };
    assert_eq!(submit("latest-1", true).await, Some(100));
    assert_eq!(submit("latest-2", false).await, Some(0));
    let (_, readiness) = app.get_as(&format!("/api/v1/me/readiness?role={ROLE}"), &token).await;
    let knowledge = readiness["components"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["component"] == "knowledge_check"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(knowledge["score"], 0, "the latest attempt counts, not the best: {readiness}");
}
on_both_backends!(readiness_counts_the_latest_attempt);
