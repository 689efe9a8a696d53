//! The whole learner journey, end to end, on SQLite and PostgreSQL.

use roledex_e2e::{ROLE, TestApp, Value, json, on_both_backends};

fn ratings_for(profile: &Value, level: i64) -> Vec<Value> {
    profile["skills"].as_array().into_iter().flatten().map(|s| json!({ "skill": s["slug"], "level": level })).collect()
}

async fn journey(app: &TestApp) {
    let (token, refresh) = app.learner("ada@example.com").await;
    let (status, me) = app.get_as("/api/v1/me", &token).await;
    assert_eq!((status, me["email"].as_str(), me["role"].as_str()), (200, Some("ada@example.com"), Some("learner")));

    // Assess: rate everything 2, then see gaps and radar.
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    let (status, assessment) = app
        .post("/api/v1/me/assessments", Some(&token), json!({ "role": ROLE, "ratings": ratings_for(&profile, 2) }))
        .await;
    assert_eq!(status, 201, "{assessment}");
    assert!(assessment["skills_score"].as_u64().is_some_and(|s| s > 0 && s < 100));
    let gaps = assessment["gaps"].as_array().cloned().unwrap_or_default();
    assert!(!gaps.is_empty());
    let weighted: Vec<u64> = gaps.iter().filter_map(|g| g["weighted_gap"].as_u64()).collect();
    assert!(weighted.windows(2).all(|w| w[0] >= w[1]), "largest gap first: {weighted:?}");
    // Every gap comes with something that closes it: a learning resource or a certification.
    for gap in &gaps {
        let resources = gap["resources"].as_array().map_or(0, Vec::len);
        let certifications = gap["certifications"].as_array().map_or(0, Vec::len);
        assert!(resources + certifications > 0, "a gap with nothing to close it: {gap}");
    }
    assert!(assessment["radar"].as_array().is_some_and(|r| r.iter().all(|a| a["self_level"] == 2.0)));
    let (status, latest) = app.get_as(&format!("/api/v1/me/assessments/latest?role={ROLE}"), &token).await;
    assert_eq!((status, &latest["id"]), (200, &assessment["id"]));

    // Qualification checker: all ten cards.
    let cards: Vec<Value> = profile["qualification_cards"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| json!({ "card": c["key"], "rating": 4 }))
        .collect();
    let (status, check) =
        app.post("/api/v1/me/qualification-checks", Some(&token), json!({ "role": ROLE, "ratings": cards })).await;
    assert_eq!(
        (status, check["score"].as_u64(), check["band"].as_str()),
        (201, Some(75), Some("developing")),
        "{check}"
    );

    // Knowledge check: the public quiz has no answers; a graded attempt does.
    let (status, quiz) = app.get_json(&format!("/api/v1/roles/{ROLE}/knowledge-check")).await;
    assert_eq!(status, 200);
    let questions = quiz["questions"].as_array().cloned().unwrap_or_default();
    assert_eq!(questions.len(), 12, "an attempt asks 12 questions of the bank");
    assert!(questions.iter().all(|q| q.get("correct_option").is_none() && q.get("explanation").is_none()));
    let answers: Vec<Value> = questions.iter().map(|q| json!({ "question": q["key"], "option": 0 })).collect();
    let (status, attempt) = app
        .post(
            "/api/v1/me/quiz-attempts",
            Some(&token),
            json!({ "role": ROLE, "attempt": quiz["attempt"], "answers": answers }),
        )
        .await;
    assert_eq!(status, 201, "{attempt}");
    assert_eq!(attempt["total"].as_u64(), Some(questions.len() as u64));
    assert!(attempt["questions"][0]["explanation"].as_str().is_some_and(|e| !e.is_empty()));

    // Readiness combines all three, with every component explained.
    let (status, readiness) = app.get_as(&format!("/api/v1/me/readiness?role={ROLE}"), &token).await;
    assert_eq!(status, 200, "{readiness}");
    let components = readiness["components"].as_array().cloned().unwrap_or_default();
    assert_eq!(components.len(), 3);
    let expected: f64 = components.iter().filter_map(|c| c["points"].as_f64()).sum();
    assert_eq!(readiness["score"].as_f64().map(|s| (s - expected).abs() <= 0.5), Some(true), "{readiness}");

    // Certification timeline within a budget.
    let (status, timeline) = app
        .post(
            "/api/v1/me/certification-timeline",
            Some(&token),
            json!({ "role": ROLE, "budget_usd": 2000, "hours_per_week": 8, "start": "2027-01-04", "held": ["cissp"] }),
        )
        .await;
    assert_eq!(status, 200, "{timeline}");
    assert!(timeline["total_cost_usd"].as_u64().is_some_and(|c| c <= 2000));
    assert!(timeline["skipped"].as_array().is_some_and(|s| s.iter().any(|x| x["reason"] == "already_held")));

    // By published rank, within USD 2000: ISO 42001 (rank 1) costs up to USD 3000, AIGP (rank 2) comes
    // first, and CISSP is not yet eligible without the five years of experience its provider requires.
    let timeline_for = |years: Option<u64>| {
        let mut body = json!({ "role": ROLE, "budget_usd": 2000, "hours_per_week": 8, "start": "2027-01-04" });
        if let Some(years) = years {
            body["years_experience"] = json!(years);
        }
        let token = token.clone();
        async move { app.post("/api/v1/me/certification-timeline", Some(&token), body).await }
    };
    let (status, timeline) = timeline_for(None).await;
    assert_eq!(status, 200, "{timeline}");
    assert_eq!(timeline["order"], "rank");
    let planned: Vec<&str> =
        timeline["planned"].as_array().into_iter().flatten().filter_map(|p| p["certification"].as_str()).collect();
    assert_eq!(planned.first(), Some(&"aigp"), "{timeline}");
    assert!(!planned.contains(&"cissp"), "{timeline}");
    let skipped = |timeline: &Value, slug: &str| {
        timeline["skipped"].as_array().and_then(|s| s.iter().find(|x| x["certification"] == slug).cloned())
    };
    let iso = skipped(&timeline, "iso-42001-lead-implementer").unwrap_or_default();
    assert_eq!((iso["reason"].as_str(), iso["cost_usd"].as_u64()), (Some("over_budget"), Some(3000)), "{iso}");
    let cissp = skipped(&timeline, "cissp").unwrap_or_default();
    assert_eq!((cissp["reason"].as_str(), cissp["required_years"].as_u64()), (Some("not_yet_eligible"), Some(5)));
    assert!(cissp["why"].as_str().is_some_and(|w| w.contains("5 years of experience")), "{cissp}");
    assert!(
        timeline["planned"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|p| p["why"].as_str().is_some_and(|w| w.starts_with("Published rank")))
    );
    let (_, experienced) = timeline_for(Some(7)).await;
    assert!(skipped(&experienced, "cissp").is_none_or(|c| c["reason"] != "not_yet_eligible"), "{experienced}");

    // Sprint plan from the gaps plus one certification; tick a task; export the calendar.
    let (status, plan) = app
        .post(
            "/api/v1/me/sprint-plans",
            Some(&token),
            json!({ "role": ROLE, "hours_per_week": 6, "start": "2027-01-04", "certifications": ["aigp"] }),
        )
        .await;
    assert_eq!(status, 201, "{plan}");
    let weeks = plan["weeks"].as_array().cloned().unwrap_or_default();
    assert_eq!(weeks.len(), 13);
    assert!(weeks.iter().all(|w| w["hours"].as_u64().is_some_and(|h| h <= 6)));
    // Generated from the shipped content: no placeholder task, every sentence ended once.
    for task in weeks.iter().flat_map(|w| w["tasks"].as_array().cloned().unwrap_or_default()) {
        let text =
            format!("{} {}", task["title"].as_str().unwrap_or_default(), task["detail"].as_str().unwrap_or_default());
        assert!(!text.contains("No learning resource"), "{text}");
        assert!(!roledex_domain::guidance::text::has_doubled_punctuation(&text), "{text}");
    }
    let plan_id = plan["id"].as_str().unwrap_or_default().to_owned();
    let task = weeks[0]["tasks"][0]["key"].as_str().unwrap_or_default().to_owned();
    let path = format!("/api/v1/me/sprint-plans/{plan_id}/tasks/{task}");
    let (status, _, ticked) =
        app.call(awc::http::Method::PUT, &path, Some(&token), &[], Some(json!({ "done": true }))).await;
    assert_eq!(status, 200, "{ticked}");
    assert_eq!(ticked["progress"]["tasks_done"], 1);
    assert!(ticked["progress"]["percent"].as_u64().is_some_and(|p| p > 0));
    let (_, _, unticked) =
        app.call(awc::http::Method::PUT, &path, Some(&token), &[], Some(json!({ "done": false }))).await;
    assert_eq!(unticked["progress"]["tasks_done"], 0);
    let (_, _, _) = app.call(awc::http::Method::PUT, &path, Some(&token), &[], Some(json!({ "done": true }))).await;
    let ics = app
        .send(
            app.client
                .get(app.url(&format!("/api/v1/me/sprint-plans/{plan_id}.ics")))
                .insert_header(("Authorization", format!("Bearer {token}"))),
        )
        .await;
    assert_eq!(ics.0, 200);
    assert!(ics.1.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/calendar")));
    let calendar = String::from_utf8(ics.2).unwrap_or_default();
    let events = parse_calendar(&calendar);
    let task_count: usize = weeks.iter().map(|w| w["tasks"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(events.len(), task_count);
    assert!(events.iter().any(|e| e.starts_with("[done] Week 1")));

    // Refresh rotates; a reused refresh token is refused and kills the session.
    let (status, rotated) = app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": refresh })).await;
    assert_eq!(status, 200, "{rotated}");
    assert_eq!(rotated["token_type"], "Bearer");
    let (status, reused) = app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": refresh })).await;
    assert_eq!((status, reused["code"].as_str()), (401, Some("refresh_token_reused")));
    let (status, revoked) =
        app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": rotated["refresh_token"] })).await;
    assert_eq!((status, revoked["code"].as_str()), (401, Some("refresh_token_invalid")), "the whole family is revoked");

    // Log out of a fresh session; its refresh token then stops working.
    let (status, tokens) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": "ada@example.com", "password": "correct horse battery staple" }),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app.post("/api/v1/auth/logout", None, json!({ "refresh_token": tokens["refresh_token"] })).await;
    assert_eq!(status, 204);
    let (status, _) = app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": tokens["refresh_token"] })).await;
    assert_eq!(status, 401);
}
on_both_backends!(journey);

/// Parses the calendar with an independent iCalendar parser; answers the SUMMARY of every event.
fn parse_calendar(text: &str) -> Vec<String> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let mut summaries = Vec::new();
    for calendar in reader {
        let calendar = calendar.unwrap_or_else(|e| panic!("invalid iCalendar: {e}"));
        for event in calendar.events {
            let get = |name: &str| event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone());
            assert!(
                get("UID").is_some() && get("DTSTAMP").is_some() && get("DTSTART").is_some(),
                "required properties"
            );
            summaries.push(get("SUMMARY").unwrap_or_default());
        }
    }
    summaries
}
