//! Every widget without an account: the stateless computations give the same
//! answers as the stored forms for the same input, store nothing, and need
//! no token.

use roledex_e2e::{ROLE, TestApp, Value, awc, json, on_both_backends};

/// A small deterministic generator, so the property below is repeatable.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// A stored record without what only storing adds (its id, time and calendar link).
fn outcome_of(mut record: Value) -> Value {
    if let Some(map) = record.as_object_mut() {
        for key in ["id", "created_at", "calendar_href"] {
            map.remove(key);
        }
    }
    record
}

async fn stateless_answers_equal_stored_answers(app: &TestApp) {
    let (token, _) = app.learner("stateless@example.com").await;
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    let skills: Vec<String> = profile["skills"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["slug"].as_str().map(str::to_owned))
        .collect();
    let cards: Vec<String> = profile["qualification_cards"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["key"].as_str().map(str::to_owned))
        .collect();
    let mut rng = Lcg(20_261_129);
    for case in 0..12 {
        // Random ratings over a random subset of the skills, random card ratings, random answers.
        let mut ratings: Vec<Value> = Vec::new();
        for skill in &skills {
            if rng.next(4) != 0 {
                ratings.push(json!({ "skill": skill, "level": rng.next(5) + 1 }));
            }
        }
        let card_ratings: Vec<Value> = cards.iter().map(|c| json!({ "card": c, "rating": rng.next(5) + 1 })).collect();
        let attempt = format!("prop-{case}");
        let (_, check) = app.get_json(&format!("/api/v1/roles/{ROLE}/knowledge-check?attempt={attempt}")).await;
        let mut answers: Vec<Value> = Vec::new();
        for question in check["questions"].as_array().into_iter().flatten() {
            if rng.next(3) != 0 {
                answers.push(json!({ "question": question["key"], "option": rng.next(2) }));
            }
        }
        if ratings.is_empty() || answers.is_empty() {
            continue;
        }
        let pairs = [
            ("self-assessment", "/api/v1/me/assessments", json!({ "ratings": ratings })),
            ("qualification-check", "/api/v1/me/qualification-checks", json!({ "ratings": card_ratings })),
            ("quiz-attempt", "/api/v1/me/quiz-attempts", json!({ "attempt": attempt, "answers": answers })),
        ];
        for (compute, stored, body) in pairs {
            let (status, computed) =
                app.post(&format!("/api/v1/roles/{ROLE}/compute/{compute}"), None, body.clone()).await;
            assert_eq!(status, 200, "{compute}: {computed}");
            let mut stored_body = body.clone();
            stored_body["role"] = json!(ROLE);
            let (status, record) = app.post(stored, Some(&token), stored_body).await;
            assert_eq!(status, 201, "{stored}: {record}");
            assert_eq!(computed, outcome_of(record), "case {case}: {compute}");
        }
        // Readiness from the same inputs equals the stored readiness, which counts the latest of each.
        let body = json!({
            "self_assessment": { "ratings": ratings },
            "qualification_check": { "ratings": card_ratings },
            "quiz_attempt": { "attempt": attempt, "answers": answers },
        });
        let (status, computed) = app.post(&format!("/api/v1/roles/{ROLE}/compute/readiness"), None, body).await;
        assert_eq!(status, 200, "{computed}");
        let (_, stored) = app.get_as(&format!("/api/v1/me/readiness?role={ROLE}"), &token).await;
        assert_eq!(computed, stored, "case {case}: readiness");

        // The sprint plan from the same ratings equals a stored plan built from that assessment.
        let settings = json!({ "hours_per_week": rng.next(12) + 1, "start": "2027-01-04", "certifications": ["aigp"] });
        let mut body = settings.clone();
        body["ratings"] = json!(ratings);
        let (status, computed) = app.post(&format!("/api/v1/roles/{ROLE}/compute/sprint-plan"), None, body).await;
        assert_eq!(status, 200, "{computed}");
        let mut stored_body = settings;
        stored_body["role"] = json!(ROLE);
        let (status, plan) = app.post("/api/v1/me/sprint-plans", Some(&token), stored_body).await;
        assert_eq!(status, 201, "{plan}");
        assert_eq!(computed, outcome_of(plan), "case {case}: sprint plan");
    }
    // Timeline: the stored route computes too; both answer alike.
    let body = json!({ "budget_usd": 2000, "hours_per_week": 8, "start": "2027-01-04", "years_experience": 6 });
    let (status, computed) =
        app.post(&format!("/api/v1/roles/{ROLE}/compute/certification-timeline"), None, body.clone()).await;
    assert_eq!(status, 200, "{computed}");
    let mut with_role = body;
    with_role["role"] = json!(ROLE);
    let (_, stored) = app.post("/api/v1/me/certification-timeline", Some(&token), with_role).await;
    assert_eq!(computed, stored);
}
on_both_backends!(stateless_answers_equal_stored_answers);

async fn computing_stores_nothing_and_validates_alike(app: &TestApp) {
    let before = app.state.learners.count_submissions(roledex_persistence::learners::SubmissionKind::Assessment).await;
    let body = json!({ "ratings": [{ "skill": "red-teaming-methodology", "level": 2 }] });
    let (status, headers, _) = app
        .call(awc::http::Method::POST, &format!("/api/v1/roles/{ROLE}/compute/self-assessment"), None, &[], Some(body))
        .await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let after = app.state.learners.count_submissions(roledex_persistence::learners::SubmissionKind::Assessment).await;
    assert_eq!(before.ok(), after.ok(), "nothing stored");

    // The same invalid input gets the same problem as the stored form.
    let bad = json!({ "ratings": [{ "skill": "no-such-skill", "level": 9 }] });
    let (status, computed) =
        app.post(&format!("/api/v1/roles/{ROLE}/compute/self-assessment"), None, bad.clone()).await;
    let (token, _) = app.learner("validate@example.com").await;
    let mut stored_bad = bad;
    stored_bad["role"] = json!(ROLE);
    let (stored_status, stored) = app.post("/api/v1/me/assessments", Some(&token), stored_bad).await;
    assert_eq!((status, stored_status), (422, 422));
    assert_eq!(computed["errors"], stored["errors"], "{computed} / {stored}");
    let (status, problem) = app
        .post(
            "/api/v1/roles/security-engineer/compute/self-assessment",
            None,
            json!({ "ratings": [{ "skill": "x", "level": 1 }] }),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("role_is_outline")));
    let (status, problem) = app
        .post(&format!("/api/v1/roles/{ROLE}/compute/self-assessment"), None, json!({ "ratings": [], "role": ROLE }))
        .await;
    assert_eq!(status, 400, "unknown fields are refused: {problem}");

    // The plan as a calendar, for a visitor's own calendar app.
    let body = json!({ "hours_per_week": 5, "start": "2027-01-04", "certifications": ["crisc"] });
    let request = app
        .client
        .post(app.url(&format!("/api/v1/roles/{ROLE}/compute/sprint-plan")))
        .insert_header(("accept", "text/calendar"))
        .insert_header(("content-type", "application/json"));
    let (status, headers, bytes) = app.send_body(request, body.to_string()).await;
    assert_eq!(status, 200);
    assert!(headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|c| c.starts_with("text/calendar")));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.starts_with("BEGIN:VCALENDAR") && text.contains("CRISC"), "{text}");

    // GraphQL has the same computations.
    let (status, body) = app
        .graphql(
            "query($r: String!) { computeSelfAssessment(roleSlug: $r, input: { ratings: [{ skill: \"red-teaming-methodology\", level: 2 }] }) { role skillsScore gaps { skill } } }",
            json!({ "r": ROLE }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["computeSelfAssessment"]["role"], ROLE);
}
on_both_backends!(computing_stores_nothing_and_validates_alike);
