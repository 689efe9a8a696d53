//! GraphQL end to end: the full profile, connections, search, limits and error codes.

use roledex_e2e::{Backend, FULL_PROFILE_QUERY, ROLE, TestApp, json, on_both_backends, spawn_app};

async fn full_profile_query(app: &TestApp) {
    let (status, body) = app.graphql(FULL_PROFILE_QUERY, json!({ "slug": ROLE })).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["errors"].is_null(), "{body}");
    let role = &body["data"]["role"];
    assert_eq!(role["title"], "AI Systems Safety Manager");
    assert_eq!(role["qualificationCards"].as_array().map(Vec::len), Some(10));
    // Closed sets are GraphQL enums (UPPER_CASE); REST sends the same values in snake_case.
    assert_eq!(role["careerPaths"]["ladder"][0]["compensation"]["status"], "UNKNOWN");
    assert_eq!(role["demand"]["salaryDataPoints"][0]["base"]["amount"], 555000);
    // The same profile over REST and GraphQL.
    let (_, rest) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    assert_eq!(rest["certifications"][0]["value_score"]["score"], role["certifications"][0]["valueScore"]["score"]);
    assert_eq!(rest["career_paths"]["ladder"][0]["compensation"]["status"], "unknown");
    assert_eq!(rest["skills"].as_array().map(Vec::len), role["skills"].as_array().map(Vec::len));
}
on_both_backends!(full_profile_query);

async fn roles_connection_and_search(app: &TestApp) {
    let query = "{ roles(first: 10, completeness: FULL) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug title profile { skills { slug } } } } } }";
    let (status, body) = app.graphql(query, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let roles = &body["data"]["roles"];
    assert_eq!(roles["totalCount"], 1);
    assert_eq!(roles["pageInfo"]["hasNextPage"], false);
    assert_eq!(roles["edges"][0]["node"]["slug"], ROLE);
    assert_eq!(roles["edges"][0]["node"]["profile"]["skills"].as_array().map(Vec::len), Some(16));

    let (_, body) = app
        .graphql("{ search(query: \"risk\") { roles { slug } skills { slug } certifications { slug } } }", json!({}))
        .await;
    let search = &body["data"]["search"];
    assert!(search["skills"].as_array().is_some_and(|s| s.iter().any(|x| x["slug"] == "risk-management")));
    assert!(search["certifications"].as_array().is_some_and(|c| c.iter().any(|x| x["slug"] == "crisc")));

    let (_, body) = app.graphql("{ certifications(search: \"ISC2\") { slug } skills { slug } }", json!({})).await;
    assert_eq!(body["data"]["certifications"][0]["slug"], "cissp");
    assert_eq!(body["data"]["skills"].as_array().map(Vec::len), Some(16));

    let (_, body) = app
        .graphql(
            &format!(
                "{{ certificationTable(roleSlug: \"{ROLE}\", sort: COST, order: DESC) {{ certification {{ slug }} }} }}"
            ),
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["certificationTable"][0]["certification"]["slug"], "iso-42001-lead-implementer");
}
on_both_backends!(roles_connection_and_search);

fn code(body: &roledex_e2e::Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or("<none>")
}

async fn errors_carry_stable_codes(app: &TestApp) {
    let (status, body) = app.graphql("{ role(slug: \"no-such-role\") { title } }", json!({})).await;
    assert_eq!(status, 200);
    assert!(body["data"]["role"].is_null());
    assert_eq!(code(&body), "role_not_found");
    let (_, body) = app.graphql("{ role(slug: \"x' OR 1=1 --\") { title } }", json!({})).await;
    assert_eq!(code(&body), "role_not_found");
    let (_, body) = app.graphql("{ roles(first: 101) { totalCount } }", json!({})).await;
    assert_eq!(code(&body), "invalid_parameter");
    let (_, body) = app.graphql("{ roles(first: -1) { totalCount } }", json!({})).await;
    assert_eq!(code(&body), "invalid_parameter");

    let (status, body) = app.graphql("{ role(slug: ", json!({})).await;
    assert_eq!((status, code(&body)), (400, "graphql_parse_error"));
    let (status, body) = app.graphql("{ role(slug: \"x\") { noSuchField } }", json!({})).await;
    assert_eq!((status, code(&body)), (400, "graphql_validation_error"));

    let deep =
        "{ roles { edges { node { profile { careerPaths { ladder { compensation { min { amount } } } } } } } } }";
    let (status, body) = app.graphql(deep, json!({})).await;
    assert_eq!(status, 200, "a legitimately deep query stays within the limit: {body}");
    let too_deep = format!(
        "{{ __schema {{ types {{ {} name {} }} }} }}",
        "fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType {",
        "} } } } } } } } } } } } } }"
    );
    let (status, body) = app.graphql(&too_deep, json!({})).await;
    assert_eq!((status, code(&body)), (400, "query_too_complex"), "{body}");

    let aliases: String = (0..31).map(|i| format!("a{i}: skills {{ slug }} ")).collect();
    let (status, body) = app.graphql(&format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!((status, code(&body)), (400, "query_too_complex"));

    let wide: String = (0..30).map(|i| format!("r{i}: role(slug: \"{ROLE}\") {{ ...P }} ")).collect();
    let fragment = FULL_PROFILE_QUERY
        .replace("query FullProfile($slug: String!) {\n  role(slug: $slug) {", "fragment P on RoleProfile {");
    let fragment = fragment.trim_end().trim_end_matches('}').to_owned();
    let (status, body) = app.graphql(&format!("{{ {wide} }} {fragment}"), json!({})).await;
    assert_eq!((status, code(&body)), (400, "query_too_complex"), "{body}");

    let request = app.client.post(app.url("/graphql")).insert_header(("content-type", "application/json"));
    let (status, _, bytes) = app.send_body(request, "not json".into()).await;
    let body: roledex_e2e::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    assert_eq!((status, code(&body)), (400, "invalid_body"));
}
on_both_backends!(errors_carry_stable_codes);

/// The full-profile query runs the same number of SQL statements however many
/// skills, certifications, questions or roles the content has.
#[actix_web::test]
async fn statement_count_does_not_grow_with_content() {
    use roledex_domain::profile::*;
    use roledex_domain::values::{SkillLevel, Slug};
    use roledex_e2e::read_pack;
    use roledex_persistence::content::{ReadPack, store_pack};

    let Some(app) = roledex_e2e::spawn_app_with(Backend::Sqlite, |c| {
        c.content_cache = false;
        // No background version check may run between the two measurements.
        c.content_poll = std::time::Duration::from_secs(3600);
    })
    .await
    else {
        return;
    };
    let measure = |query: &'static str| {
        let app = &app;
        async move {
            let before = app.statements();
            let (status, body) = app.graphql(query, json!({ "slug": ROLE })).await;
            assert_eq!(status, 200);
            assert!(body["errors"].is_null(), "{body}");
            app.statements() - before
        }
    };
    let list_query = "{ roles(first: 100) { edges { node { profile { skills { slug } certifications { valueScore { score } } knowledgeCheck { key } careerPaths { ladder { title } } } } } } }";
    let small_profile = measure(FULL_PROFILE_QUERY).await;
    let small_list = measure(list_query).await;

    let slug = |s: String| Slug::parse(&s).expect("slug");
    let mut read = read_pack(&roledex_e2e::content_dir()).expect("the shipped pack is valid");
    let pack = &mut read.pack;
    let template_cert = pack.certifications[0].clone();
    let main = pack.roles.iter().position(|r| r.kind == RoleKind::Profile).expect("a profile role");
    for i in 0..20 {
        let skill_slug = slug(format!("extra-skill-{i}"));
        pack.skills.push(Skill {
            slug: skill_slug.clone(),
            name: format!("Extra {i}"),
            category: SkillCategory::Foundations,
            description: "d".into(),
            named_in: None,
            taxonomy_items: vec![],
        });
        pack.roles[main].skills.push(RoleSkill {
            skill: skill_slug,
            importance: Importance::Supporting,
            target_level: SkillLevel::MIN,
            editorial: true,
        });
        let mut cert = template_cert.clone();
        cert.slug = slug(format!("extra-cert-{i}"));
        cert.builds_skills.push(slug(format!("extra-skill-{i}")));
        pack.certifications.push(cert.clone());
        let rank = pack.roles[main].certifications.len() as u32 + 1;
        pack.roles[main].certifications.push(RoleCertification { certification: cert.slug, rank, focus: None });
        let mut question = pack.roles[main].knowledge_check[0].clone();
        question.key = slug(format!("extra-question-{i}"));
        pack.roles[main].knowledge_check.push(question);
    }
    for i in 0..3 {
        let mut twin = pack.roles[main].clone();
        twin.slug = slug(format!("twin-role-{i}"));
        pack.roles.push(twin);
    }
    assert_eq!(pack.validate(), vec![]);
    store_pack(
        &app.state.database,
        &ReadPack { pack: read.pack, content_hash: "bigger".into(), taxonomy_hashes: read.taxonomy_hashes },
        "test",
    )
    .await
    .expect("store");

    let (_, body) = app.graphql(FULL_PROFILE_QUERY, json!({ "slug": ROLE })).await;
    assert_eq!(body["data"]["role"]["skills"].as_array().map(Vec::len), Some(36));
    let big_profile = measure(FULL_PROFILE_QUERY).await;
    let big_list = measure(list_query).await;
    eprintln!(
        "SQL statements for the full-profile query: {small_profile} (shipped pack), {big_profile} (4 roles, +20 skills, +20 certifications, +20 questions); list with profiles: {small_list} / {big_list}"
    );
    assert_eq!(small_profile, big_profile);
    assert_eq!(small_list, big_list);
    assert!(small_profile > 0, "the cache is off, so the query must reach the database");
}

#[actix_web::test]
async fn sqlite_runs_without_any_database_configuration() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite always runs");
    assert_eq!(app.backend(), Backend::Sqlite);
}
