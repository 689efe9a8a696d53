//! Background roles, linked from the pathway navigator, are outline profiles:
//! served, listed and searchable, marked `outline`, with the paths they lead into.

use roledex_e2e::{ROLE, TestApp, json, on_both_backends};

async fn every_linked_role_resolves(app: &TestApp) {
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    assert_eq!(profile["completeness"], "full");
    let paths = profile["career_paths"]["transition_paths"].as_array().cloned().unwrap_or_default();
    assert_eq!(paths.len(), 5);
    for path in &paths {
        let slug = path["from_role"]["slug"].as_str().unwrap_or_default();
        let (status, outline) = app.get_json(&format!("/api/v1/roles/{slug}")).await;
        assert_eq!(status, 200, "{slug}: {outline}");
        assert_eq!(outline["completeness"], "outline");
        assert_eq!(outline["title"], path["from_role"]["title"]);
        assert!(outline["responsibilities"].as_array().is_some_and(|r| !r.is_empty()), "{outline}");
        assert!(outline["skills"].as_array().is_some_and(Vec::is_empty));
        let onward = &outline["leads_to"][0];
        assert_eq!(onward["to_role"]["slug"], ROLE);
        assert_eq!(onward["fit"], path["fit"]);
        assert_eq!(onward["transferable_skills"], path["transferable_skills"]);
        let adds = onward["skills_to_add"].as_array().cloned().unwrap_or_default();
        assert!(!adds.is_empty() && adds.iter().all(|a| a["name"].as_str().is_some_and(|n| !n.is_empty())), "{onward}");
    }
}
on_both_backends!(every_linked_role_resolves);

async fn outlines_are_listed_searchable_and_filterable(app: &TestApp) {
    let (_, all) = app.get_json("/api/v1/roles?first=100").await;
    assert_eq!(all["total"], 6);
    let (_, outlines) = app.get_json("/api/v1/roles?completeness=outline").await;
    assert_eq!(outlines["total"], 5);
    assert!(outlines["items"].as_array().into_iter().flatten().all(|r| r["completeness"] == "outline"));
    let (_, full) = app.get_json("/api/v1/roles?completeness=full").await;
    assert_eq!(full["items"][0]["slug"], ROLE);
    let (_, found) = app.get_json("/api/v1/roles?q=model%20risk").await;
    assert_eq!(found["items"][0]["slug"], "model-risk-manager");
    let (status, problem) = app.get_json("/api/v1/roles?completeness=partial").await;
    assert_eq!((status, problem["code"].as_str()), (400, Some("invalid_parameter")));

    let (status, body) = app
        .graphql(
            "{ roles(completeness: OUTLINE, first: 10) { totalCount edges { node { slug completeness profile { leadsTo { toRole { slug } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["roles"]["totalCount"], 5, "{body}");
    assert_eq!(body["data"]["roles"]["edges"][0]["node"]["completeness"], "OUTLINE");
    assert_eq!(body["data"]["roles"]["edges"][0]["node"]["profile"]["leadsTo"][0]["toRole"]["slug"], ROLE);
}
on_both_backends!(outlines_are_listed_searchable_and_filterable);

async fn learner_work_needs_a_full_profile(app: &TestApp) {
    let (token, _) = app.learner("outline@example.com").await;
    let (status, problem) =
        app.post("/api/v1/me/assessments", Some(&token), json!({ "role": "security-engineer", "ratings": [] })).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("role_is_outline")), "{problem}");
}
on_both_backends!(learner_work_needs_a_full_profile);
