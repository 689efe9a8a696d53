//! Authorization and bad input, end to end: a learner reaches only their own
//! data, and every invalid item of a submission is reported at once.

use awc::http::Method;
use roledex_e2e::{ROLE, TestApp, Value, json, on_both_backends};

async fn learners_reach_only_their_own_data(app: &TestApp) {
    let (alice, _) = app.learner("alice@example.com").await;
    let (bob, _) = app.learner("bob@example.com").await;
    let (status, plan) = app
        .post(
            "/api/v1/me/sprint-plans",
            Some(&alice),
            json!({ "role": ROLE, "hours_per_week": 5, "start": "2027-01-04", "certifications": ["crisc"] }),
        )
        .await;
    assert_eq!(status, 201, "{plan}");
    let id = plan["id"].as_str().unwrap_or_default().to_owned();
    let task = plan["weeks"][0]["tasks"][0]["key"].as_str().unwrap_or_default().to_owned();
    let (status, body) = app.get_as(&format!("/api/v1/me/sprint-plans/{id}"), &bob).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("plan_not_found")));
    assert_eq!(app.get_as(&format!("/api/v1/me/sprint-plans/{id}.ics"), &bob).await.0, 404);
    let (status, _, _) = app
        .call(
            Method::PUT,
            &format!("/api/v1/me/sprint-plans/{id}/tasks/{task}"),
            Some(&bob),
            &[],
            Some(json!({ "done": true })),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(app.get_as("/api/v1/me/sprint-plans", &bob).await.1["items"], json!([]));
    let (_, gql) = {
        let request = app
            .client
            .post(app.url("/graphql"))
            .insert_header(("content-type", "application/json"))
            .insert_header(("Authorization", format!("Bearer {bob}")));
        let (s, _, b) = app
            .send_body(
                request,
                json!({ "query": format!("{{ me {{ sprintPlan(id: \"{id}\") {{ id }} }} }}") }).to_string(),
            )
            .await;
        (s, serde_json::from_slice::<Value>(&b).unwrap_or_default())
    };
    assert_eq!(gql["errors"][0]["extensions"]["code"], "plan_not_found");
    // Alice's plan is untouched.
    let (_, mine) = app.get_as(&format!("/api/v1/me/sprint-plans/{id}"), &alice).await;
    assert_eq!(mine["progress"]["tasks_done"], 0);

    // Learner input cannot set ids, owners or scores.
    let forged = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 3 }], "skills_score": 100 });
    let (status, body) = app.post("/api/v1/me/assessments", Some(&bob), forged).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_body")));
    let forged = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 3, "user_id": "x" }] });
    assert_eq!(app.post("/api/v1/me/assessments", Some(&bob), forged).await.0, 400);
}
on_both_backends!(learners_reach_only_their_own_data);

async fn submissions_reject_bad_input_with_every_problem(app: &TestApp) {
    let (token, _) = app.learner("carol@example.com").await;
    let body = json!({ "role": ROLE, "ratings": [
        { "skill": "risk-management", "level": 7 },
        { "skill": "no-such-skill", "level": 3 },
        { "skill": "risk-management", "level": 2 },
    ]});
    let (status, problem) = app.post("/api/v1/me/assessments", Some(&token), body).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid_submission")), "{problem}");
    let items: Vec<&str> =
        problem["errors"].as_array().into_iter().flatten().filter_map(|e| e["item"].as_str()).collect();
    assert_eq!(items, ["risk-management", "no-such-skill"]);
    let (status, problem) = app
        .post(
            "/api/v1/me/qualification-checks",
            Some(&token),
            json!({ "role": ROLE, "ratings": [{ "card": "go-no-go", "rating": 3 }] }),
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        problem["errors"][0]["message"].as_str().is_some_and(|m| m.contains("missing: evaluation-design")),
        "{problem}"
    );
    let (status, problem) =
        app.post("/api/v1/me/assessments", Some(&token), json!({ "role": "no-such-role", "ratings": [] })).await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("role_not_found")));
    let (status, _) = app
        .post(
            "/api/v1/me/sprint-plans",
            Some(&token),
            json!({ "role": ROLE, "hours_per_week": 5, "start": "2027-02-30" }),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        app.get_as(&format!("/api/v1/me/assessments/latest?role={ROLE}"), &token).await.1["code"],
        "assessment_not_found"
    );
}
on_both_backends!(submissions_reject_bad_input_with_every_problem);
