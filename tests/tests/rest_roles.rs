//! REST role endpoints, end to end, on SQLite and PostgreSQL.

use roledex_e2e::{ROLE, TestApp, Value, on_both_backends};

async fn full_profile_has_every_section(app: &TestApp) {
    let (status, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    assert_eq!(status, 200);
    for section in [
        "alternate_titles",
        "responsibilities",
        "safety_teams",
        "demand",
        "day_in_the_life",
        "skills",
        "skills_radar",
        "certifications",
        "learning_resources",
        "career_paths",
        "interview_questions",
        "qualification_cards",
        "knowledge_check",
        "downloads",
        "community_links",
        "frameworks",
    ] {
        assert!(!profile[section].is_null(), "section {section} missing");
    }
    assert_eq!(profile["qualification_cards"].as_array().map(Vec::len), Some(10));
    assert!(profile["knowledge_check"].as_array().map(Vec::len).unwrap_or(0) >= 12);
    // The answer key never leaves the server with the quiz.
    assert!(profile["knowledge_check"][0].get("correct_option").is_none());
    assert!(profile["knowledge_check"][0].get("explanation").is_none());
    // The one sourced salary figure, with its source and date.
    let salary = &profile["demand"]["salary_data_points"][0];
    assert_eq!(salary["base"]["amount"], 555000);
    assert_eq!(salary["source"]["name"], "Fortune");
    assert_eq!(salary["source"]["as_of"], "2025-12");
    // No source gives ladder pay: every level says unknown, with no figure.
    for level in profile["career_paths"]["ladder"].as_array().into_iter().flatten() {
        assert_eq!(level["compensation"]["status"], "unknown");
        assert!(level["compensation"]["min"].is_null());
    }
    let ranks: Vec<i64> =
        profile["certifications"].as_array().into_iter().flatten().filter_map(|c| c["rank"].as_i64()).collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5]);
}
on_both_backends!(full_profile_has_every_section);

async fn etag_and_304(app: &TestApp) {
    let path = format!("/api/v1/roles/{ROLE}");
    let (status, headers, _) = app.get(&path).await;
    assert_eq!(status, 200);
    let etag = headers.get("etag").and_then(|v| v.to_str().ok()).map(str::to_owned).unwrap_or_default();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "strong etag expected, got {etag:?}");
    let cache_control = headers.get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(cache_control.starts_with("public, max-age="), "{cache_control}");
    let (status, headers, body) =
        app.send(app.client.get(app.url(&path)).insert_header(("If-None-Match", etag.as_str()))).await;
    assert_eq!(status, 304);
    assert!(body.is_empty());
    assert_eq!(headers.get("etag").and_then(|v| v.to_str().ok()), Some(etag.as_str()));
    let (status, _, _) = app.send(app.client.get(app.url(&path)).insert_header(("If-None-Match", "\"stale\""))).await;
    assert_eq!(status, 200);
}
on_both_backends!(etag_and_304);

async fn unknown_and_hostile_slugs_are_404(app: &TestApp) {
    for slug in
        ["no-such-role", "x'%20OR%20'1'='1", "r%C3%B4le-s%C3%BBret%C3%A9", "%25", "UPPER", "a;DROP%20TABLE%20roles"]
    {
        let (status, problem) = app.get_json(&format!("/api/v1/roles/{slug}")).await;
        assert_eq!(status, 404, "{slug}");
        assert_eq!(problem["code"], "role_not_found", "{slug}");
        assert_eq!(problem["status"], 404);
    }
    let (status, headers, _) = app.get("/api/v1/roles/no-such-role/skills").await;
    assert_eq!(status, 404);
    assert_eq!(headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/problem+json"));
}
on_both_backends!(unknown_and_hostile_slugs_are_404);

async fn list_search_and_paginate(app: &TestApp) {
    let (status, page) = app.get_json("/api/v1/roles").await;
    assert_eq!(status, 200);
    assert_eq!(page["total"], 6, "full profiles and the outlines of background roles");
    let (_, full) = app.get_json("/api/v1/roles?completeness=full").await;
    assert_eq!(full["total"], 1);
    assert_eq!(full["items"][0]["slug"], ROLE);
    assert!(page["next_cursor"].is_null());
    let (_, page) = app.get_json("/api/v1/roles?q=PREPAREDNESS").await;
    assert_eq!(page["total"], 1, "alternate titles are searchable, case-insensitively");
    for q in ["%25", "_", "%27%3B%20DROP%20TABLE%20roles%3B--", "s%C3%BBret%C3%A9", "%E2%80%94"] {
        let (status, page) = app.get_json(&format!("/api/v1/roles?q={q}")).await;
        assert_eq!(status, 200, "{q}");
        assert_eq!(page["total"], 0, "{q} must match literally");
    }
    let (_, page) = app.get_json("/api/v1/roles?first=1&after=o6").await;
    assert_eq!(page["items"].as_array().map(Vec::len), Some(0));
    let (_, page) = app.get_json("/api/v1/roles?first=4&after=o4").await;
    assert_eq!((page["items"].as_array().map(Vec::len), &page["next_cursor"]), (Some(2), &Value::Null));
}
on_both_backends!(list_search_and_paginate);

async fn page_size_and_cursor_are_validated(app: &TestApp) {
    for query in ["first=101", "first=-1", "first=0", "first=ten", "after=garbage"] {
        let (status, problem) = app.get_json(&format!("/api/v1/roles?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(problem["code"], "invalid_parameter");
    }
    let (status, _) = app.get_json("/api/v1/roles?first=100").await;
    assert_eq!(status, 200);
}
on_both_backends!(page_size_and_cursor_are_validated);

fn names(table: &Value) -> Vec<String> {
    table["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["certification"]["name"].as_str().map(str::to_owned))
        .collect()
}

async fn certifications_sort_every_way(app: &TestApp) {
    let base = format!("/api/v1/roles/{ROLE}/certifications");
    let (status, by_rank) = app.get_json(&base).await;
    assert_eq!(status, 200);
    assert_eq!(by_rank["sort"], "rank");
    let (_, by_cost) = app.get_json(&format!("{base}?sort=cost")).await;
    let costs: Vec<i64> = by_cost["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            Some((c["certification"]["cost"]["min"].as_i64()? + c["certification"]["cost"]["max"].as_i64()?) / 2)
        })
        .collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
    let (_, by_name) = app.get_json(&format!("{base}?sort=name&order=asc")).await;
    let (_, by_name_desc) = app.get_json(&format!("{base}?sort=name&order=desc")).await;
    let mut reversed = names(&by_name_desc);
    reversed.reverse();
    assert_eq!(names(&by_name), reversed);
    let (_, by_value) = app.get_json(&format!("{base}?sort=value")).await;
    assert_eq!(by_value["order"], "desc");
    let values: Vec<f64> =
        by_value["items"].as_array().into_iter().flatten().filter_map(|c| c["value_score"]["score"].as_f64()).collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    // The default order is the published rank, and every computed score shows its formula and inputs.
    let (_, default) = app.get_json(&base).await;
    let ranks: Vec<u64> =
        default["items"].as_array().into_iter().flatten().filter_map(|c| c["rank"].as_u64()).collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5]);
    for row in default["items"].as_array().into_iter().flatten() {
        let value = &row["value_score"];
        assert_eq!(value["computed_by"], "roledex", "{row}");
        assert!(value["formula"].as_str().is_some_and(|f| f.contains("study hours")), "{row}");
        for input in
            ["coverage", "cost_factor", "time_factor", "access_factor", "study_hours", "required_experience_years"]
        {
            assert!(!value[input].is_null(), "{input} missing: {row}");
        }
        assert!(row.get("roi").is_none(), "no computed number is called ROI: {row}");
    }
    let (_, by_provider) = app.get_json(&format!("{base}?sort=provider")).await;
    assert_eq!(by_provider["items"].as_array().map(Vec::len), Some(5));

    let (status, problem) = app.get_json(&format!("{base}?sort=price")).await;
    assert_eq!(status, 400);
    assert_eq!(problem["code"], "invalid_parameter");
    assert!(problem["detail"].as_str().unwrap_or_default().contains("rank, name, provider, cost, value"));
    let (status, problem) = app.get_json(&format!("{base}?order=sideways")).await;
    assert_eq!(status, 400);
    assert!(problem["detail"].as_str().unwrap_or_default().contains("asc or desc"));
}
on_both_backends!(certifications_sort_every_way);

async fn profile_sections_and_catalogs(app: &TestApp) {
    let (status, skills) = app.get_json(&format!("/api/v1/roles/{ROLE}/skills")).await;
    assert_eq!(status, 200);
    assert_eq!(skills["skills"].as_array().map(Vec::len), Some(16));
    assert!(skills["radar"].as_array().is_some_and(|r| !r.is_empty()));
    let (status, paths) = app.get_json(&format!("/api/v1/roles/{ROLE}/career-paths")).await;
    assert_eq!(status, 200);
    assert_eq!(paths["transition_paths"].as_array().map(Vec::len), Some(5));
    assert_eq!(paths["transition_paths"][0]["from_role"]["title"], "Machine Learning Engineer");
    let (status, questions) = app.get_json(&format!("/api/v1/roles/{ROLE}/interview-questions")).await;
    assert_eq!(status, 200);
    assert_eq!(questions["items"].as_array().map(Vec::len), Some(5));

    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    let href = profile["downloads"][0]["href"].as_str().unwrap_or_default().to_owned();
    let (status, headers, body) = app.get(&href).await;
    assert_eq!(status, 200);
    assert!(headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/markdown")));
    assert!(body.starts_with(b"#"));
    let (status, problem) = app.get_json(&format!("/api/v1/roles/{ROLE}/downloads/nope")).await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("download_not_found")));

    let (status, certs) = app.get_json("/api/v1/certifications").await;
    assert_eq!(status, 200);
    assert_eq!(certs["items"].as_array().map(Vec::len), Some(5));
    let (_, certs) = app.get_json("/api/v1/certifications?q=isaca").await;
    let found: Vec<&str> = certs["items"].as_array().into_iter().flatten().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(found, ["CRISC"]);
    let (status, skills) = app.get_json("/api/v1/skills?q=atlas").await;
    assert_eq!(status, 200);
    assert!(skills["items"].as_array().is_some_and(|s| !s.is_empty()));
    let (status, _) = app.get_json(&format!("/api/v1/skills?q={}", "a".repeat(201))).await;
    assert_eq!(status, 400);
}
on_both_backends!(profile_sections_and_catalogs);
