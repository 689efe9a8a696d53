//! The learner flows over GraphQL: the same rules and codes as REST.

use roledex_e2e::{ROLE, TestApp, Value, json, on_both_backends};

async fn gql(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> Value {
    let mut request = app.client.post(app.url("/graphql")).insert_header(("content-type", "application/json"));
    if let Some(token) = token {
        request = request.insert_header(("Authorization", format!("Bearer {token}")));
    }
    let (_, _, body) = app.send_body(request, json!({ "query": query, "variables": variables }).to_string()).await;
    serde_json::from_slice(&body).unwrap_or_default()
}

async fn learner_mutations(app: &TestApp) {
    let credentials = json!({ "email": "gq@example.com", "password": "correct horse battery staple" });
    let registered = gql(
        app,
        None,
        "mutation($c: CredentialsInput!) { register(input: $c) { id role } }",
        json!({ "c": credentials }),
    )
    .await;
    assert_eq!(registered["data"]["register"]["role"], "LEARNER", "{registered}");
    let login = gql(
        app,
        None,
        "mutation($c: CredentialsInput!) { login(input: $c) { accessToken tokenType expiresIn refreshToken } }",
        json!({ "c": credentials }),
    )
    .await;
    let token = login["data"]["login"]["accessToken"].as_str().unwrap_or_default().to_owned();
    assert_eq!(login["data"]["login"]["tokenType"], "Bearer");

    let assess = "mutation($i: SelfAssessmentInput!, $k: String) { submitSelfAssessment(input: $i, idempotencyKey: $k) { id skillsScore gaps { skill weightedGap resources { title } } radar { dimension targetLevel selfLevel } } }";
    let input = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 2 }, { "skill": "red-teaming-methodology", "level": 1 }] });
    let first = gql(app, Some(&token), assess, json!({ "i": input, "k": "gq-1" })).await;
    let second = gql(app, Some(&token), assess, json!({ "i": input, "k": "gq-1" })).await;
    assert!(first["errors"].is_null(), "{first}");
    assert_eq!(
        first["data"]["submitSelfAssessment"]["id"], second["data"]["submitSelfAssessment"]["id"],
        "replayed, not stored twice"
    );

    let bad =
        gql(app, Some(&token), assess, json!({ "i": { "role": ROLE, "ratings": [{ "skill": "nope", "level": 9 }] } }))
            .await;
    assert_eq!(bad["errors"][0]["extensions"]["code"], "invalid_submission");
    assert_eq!(bad["errors"][0]["extensions"]["errors"][0]["item"], "nope");

    let plan = gql(
        app,
        Some(&token),
        "mutation($i: SprintPlanInput!) { buildSprintPlan(input: $i) { id weeks { number hours tasks { key } } progress { tasksDone tasksTotal } } }",
        json!({ "i": { "role": ROLE, "hoursPerWeek": 4, "start": "2027-03-01", "certifications": ["aigp"] } }),
    )
    .await;
    assert!(plan["errors"].is_null(), "{plan}");
    let id = plan["data"]["buildSprintPlan"]["id"].as_str().unwrap_or_default().to_owned();
    let task = plan["data"]["buildSprintPlan"]["weeks"][0]["tasks"][0]["key"].as_str().unwrap_or_default().to_owned();
    let ticked = gql(app, Some(&token), "mutation($p: String!, $t: String!) { setSprintTaskDone(planId: $p, taskKey: $t, done: true) { progress { tasksDone } } }", json!({ "p": id, "t": task })).await;
    assert_eq!(ticked["data"]["setSprintTaskDone"]["progress"]["tasksDone"], 1, "{ticked}");

    let me = gql(
        app,
        Some(&token),
        "query($r: String!) { me { account { email } latestAssessment(role: $r) { skillsScore } readiness(role: $r) { score band components { component weightPercent score } } sprintPlans { id } } knowledgeCheck(roleSlug: $r, attempt: \"gq-1\") { attempt bankSize questions { key options } } }",
        json!({ "r": ROLE }),
    )
    .await;
    assert!(me["errors"].is_null(), "{me}");
    assert_eq!(me["data"]["me"]["account"]["email"], "gq@example.com");
    assert_eq!(me["data"]["me"]["readiness"]["components"].as_array().map(Vec::len), Some(3));
    assert_eq!(me["data"]["me"]["sprintPlans"][0]["id"], id.as_str());
    assert_eq!(me["data"]["knowledgeCheck"]["attempt"], "gq-1");
    assert!(me["data"]["knowledgeCheck"]["bankSize"].as_u64().is_some_and(|n| n >= 24));
    assert_eq!(me["data"]["knowledgeCheck"]["questions"].as_array().map(Vec::len), Some(12));

    let anonymous = gql(app, None, "{ me { account { id } } }", json!({})).await;
    assert_eq!(anonymous["errors"][0]["extensions"]["code"], "missing_token");
}
on_both_backends!(learner_mutations);
