//! Offline sync (WatermelonDB protocol) at `/api/v1/me/sync`: pull shapes,
//! grading on push, atomic pushes, conflicts, replays, tombstones and their
//! horizon, pulls beside concurrent commits; saved items and `If-Match`.

use awc::http::Method;
use roledex_e2e::{ROLE, TestApp, Value, json, on_both_backends};

const DAY: i64 = 86_400_000;

async fn pull(app: &TestApp, token: &str, since: Option<i64>) -> Value {
    let at = since.map_or("null".to_owned(), |t| t.to_string());
    let (status, body) =
        app.get_as(&format!("/api/v1/me/sync?last_pulled_at={at}&schema_version=1&migration=null"), token).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn push(app: &TestApp, token: &str, since: i64, changes: Value) -> (u16, Value) {
    app.post(&format!("/api/v1/me/sync?last_pulled_at={since}"), Some(token), changes).await
}

fn timestamp(pull: &Value) -> i64 {
    pull["timestamp"].as_i64().unwrap_or_else(|| panic!("no timestamp: {pull}"))
}

/// The ids in one list of one table of a pull.
fn ids(pull: &Value, table: &str, list: &str) -> Vec<String> {
    // Every record goes in `updated`, never `created` (see `roledex_domain::sync::sent`).
    assert_eq!(pull["changes"][table]["created"], json!([]), "{table}.created: {pull}");
    let mut ids: Vec<String> = pull["changes"][table][list]
        .as_array()
        .unwrap_or_else(|| panic!("{table}.{list} missing: {pull}"))
        .iter()
        .map(|r| if list == "deleted" { r.as_str() } else { r["id"].as_str() }.unwrap_or_default().to_owned())
        .collect();
    ids.sort();
    ids
}

fn record<'a>(pull: &'a Value, table: &str, id: &str) -> &'a Value {
    ["created", "updated"]
        .iter()
        .flat_map(|list| pull["changes"][table][list].as_array().into_iter().flatten())
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{table}/{id} not in the pull: {pull}"))
}

fn assessment(id: &str, level: i64) -> Value {
    json!({ "id": id, "role": ROLE, "ratings": json!([{ "skill": "risk-management", "level": level }]).to_string(),
            "_status": "created", "_changed": "" })
}

fn plan(id: &str) -> Value {
    json!({ "id": id, "role": ROLE, "hours_per_week": 6, "start": "2027-01-04", "certifications": r#"["aigp"]"#, "study_hours": "[]" })
}

fn saved(id: &str, note: &str) -> Value {
    json!({ "id": id, "kind": "role", "target": ROLE, "note": note })
}

fn changes(table: &str, created: Vec<Value>, updated: Vec<Value>, deleted: Vec<&str>) -> Value {
    json!({ table: { "created": created, "updated": updated, "deleted": deleted } })
}

async fn first_pull_has_every_table_and_then_only_changes(app: &TestApp) {
    let (token, _) = app.learner("pull@example.com").await;
    let first = pull(app, &token, None).await;
    for table in ["assessments", "qualification_checks", "quiz_attempts", "sprint_plans", "sprint_tasks", "saved_items"]
    {
        for list in ["created", "updated", "deleted"] {
            assert_eq!(first["changes"][table][list], json!([]), "{table}.{list}");
        }
    }
    assert!(timestamp(&first) >= 1, "WatermelonDB takes only a positive timestamp");
    assert!(first.get("experimentalStrategy").is_none());
    // A submission made online is a change like any other.
    let body = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 2 }] });
    let (status, made) = app.post("/api/v1/me/assessments", Some(&token), body).await;
    assert_eq!(status, 201, "{made}");
    let second = pull(app, &token, Some(timestamp(&first))).await;
    let id = made["id"].as_str().unwrap_or_default();
    assert_eq!(ids(&second, "assessments", "updated"), vec![id.to_owned()]);
    let raw = record(&second, "assessments", id);
    assert_eq!(raw["role"], ROLE);
    let ratings: Value = serde_json::from_str(raw["ratings"].as_str().unwrap_or("x")).expect("ratings as JSON text");
    assert_eq!(ratings, json!([{ "skill": "risk-management", "level": 2 }]), "the shape the device sends");
    assert_eq!(raw["score"], made["skills_score"]);
    let result: Value = serde_json::from_str(raw["result"].as_str().unwrap_or("x")).expect("result as JSON text");
    assert_eq!(result["id"], made["id"]);
    assert!(raw["created_at"].as_i64().is_some_and(|at| at > 0));
    assert!(raw.get("_status").is_none() && raw.get("user_id").is_none(), "no internal columns: {raw}");
    assert!(timestamp(&second) > timestamp(&first));
    let third = pull(app, &token, Some(timestamp(&second))).await;
    assert_eq!(ids(&third, "assessments", "updated"), Vec::<String>::new(), "nothing new since");
    assert_eq!(timestamp(&third), timestamp(&second));
}
on_both_backends!(first_pull_has_every_table_and_then_only_changes);

async fn pushed_records_are_graded_and_pulled_back(app: &TestApp) {
    let (token, _) = app.learner("push@example.com").await;
    let t0 = timestamp(&pull(app, &token, None).await);
    let profile = app.get_json(&format!("/api/v1/roles/{ROLE}")).await.1;
    let cards: Vec<Value> = profile["qualification_cards"]
        .as_array()
        .expect("cards")
        .iter()
        .map(|c| json!({ "card": c["key"], "rating": 2 }))
        .collect();
    let check = app.get_json(&format!("/api/v1/roles/{ROLE}/knowledge-check?attempt=device-attempt-1")).await.1;
    let answers: Vec<Value> = check["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| json!({ "question": q["key"], "option": 0 }))
        .collect();
    let body = json!({
        "assessments": { "created": [assessment("devAssessment0001", 3)], "updated": [], "deleted": [] },
        "qualification_checks": { "created": [{ "id": "devCheck00000001", "role": ROLE, "ratings": Value::Array(cards).to_string() }], "updated": [], "deleted": [] },
        "quiz_attempts": { "created": [{ "id": "devQuiz000000001", "role": ROLE, "attempt": "device-attempt-1", "answers": Value::Array(answers).to_string() }], "updated": [], "deleted": [] },
        "sprint_plans": { "created": [plan("devPlan000000001")], "updated": [], "deleted": [] },
        "saved_items": { "created": [saved("devSaved00000001", "read first")], "updated": [], "deleted": [] },
    });
    let (status, pushed) = push(app, &token, t0, body).await;
    assert_eq!(status, 200, "{pushed}");
    let after = pull(app, &token, Some(t0)).await;
    assert_eq!(timestamp(&after), pushed["timestamp"].as_i64().unwrap_or(-1));
    assert!(record(&after, "assessments", "devAssessment0001")["score"].as_u64().is_some(), "graded on push");
    let check = record(&after, "qualification_checks", "devCheck00000001");
    let graded: Value = serde_json::from_str(check["result"].as_str().unwrap_or("x")).expect("result");
    assert_eq!(graded["score"], check["score"]);
    assert!(graded["band"].is_string(), "{graded}");
    let quiz = record(&after, "quiz_attempts", "devQuiz000000001");
    assert_eq!(quiz["attempt"], "device-attempt-1");
    let tasks = ids(&after, "sprint_tasks", "updated");
    assert!(!tasks.is_empty(), "a plan built on push has its tasks");
    assert!(tasks.iter().all(|id| id.starts_with("devPlan000000001.")), "{tasks:?}");
    let task = record(&after, "sprint_tasks", &tasks[0]);
    assert_eq!((task["sprint_plan_id"].as_str(), task["done"].as_bool()), (Some("devPlan000000001"), Some(false)));
    // The plan was built from the assessment pushed with it: its skill gaps are planned.
    assert!(tasks.iter().any(|id| id.contains("-skill-")), "{tasks:?}");
    assert_eq!(record(&after, "saved_items", "devSaved00000001")["note"], "read first");
    // The same records are on the online endpoints.
    let (_, online) = app.get_as("/api/v1/me/assessments", &token).await;
    assert_eq!(online["items"][0]["id"], "devAssessment0001");
    let (status, plan) = app.get_as("/api/v1/me/sprint-plans/devPlan000000001", &token).await;
    assert_eq!(status, 200, "{plan}");
    // Ticking a task on the device comes back as an update, with the server's time.
    let t1 = timestamp(&after);
    let tick = changes("sprint_tasks", vec![], vec![json!({ "id": tasks[0], "done": true })], vec![]);
    let (status, body) = push(app, &token, t1, tick).await;
    assert_eq!(status, 200, "{body}");
    let ticked = pull(app, &token, Some(t1)).await;
    assert_eq!(ids(&ticked, "sprint_tasks", "updated"), vec![tasks[0].clone()], "only the ticked task");
    let task = record(&ticked, "sprint_tasks", &tasks[0]);
    assert_eq!(task["done"], true);
    assert!(task["done_at"].as_i64().is_some_and(|at| at >= t1 - 1000));
    // A second attempt with the same attempt id is refused, naming the record.
    let again = json!({ "id": "devQuiz000000002", "role": ROLE, "attempt": "device-attempt-1", "answers": "[]" });
    let (status, problem) =
        push(app, &token, timestamp(&ticked), changes("quiz_attempts", vec![again], vec![], vec![])).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid_sync_change")), "{problem}");
}
on_both_backends!(pushed_records_are_graded_and_pulled_back);

async fn a_push_is_all_or_nothing(app: &TestApp) {
    let (token, _) = app.learner("atomic@example.com").await;
    let t0 = timestamp(&pull(app, &token, None).await);
    let body = json!({
        "assessments": { "created": [assessment("goodAssessment01", 3), assessment("badAssessment001", 9)], "updated": [], "deleted": [] },
        "saved_items": { "created": [saved("goodSaved0000001", "")], "updated": [], "deleted": [] },
    });
    let (status, problem) = push(app, &token, t0, body).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid_sync_change")), "{problem}");
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("badAssessment001")), "{problem}");
    let after = pull(app, &token, None).await;
    assert_eq!(ids(&after, "assessments", "updated"), Vec::<String>::new(), "nothing of a refused push is kept");
    assert_eq!(ids(&after, "saved_items", "updated"), Vec::<String>::new());
    // Bad shapes are refused with what to fix.
    for (body, code) in [
        (json!({ "users": { "created": [], "updated": [], "deleted": [] } }), "invalid_sync_change"),
        (
            changes("saved_items", vec![json!({ "id": "a/b", "kind": "role", "target": ROLE })], vec![], vec![]),
            "invalid_sync_change",
        ),
        (
            changes("saved_items", vec![json!({ "kind": "role", "target": ROLE })], vec![], vec![]),
            "invalid_sync_change",
        ),
        (
            changes("saved_items", vec![json!({ "id": "x1", "kind": "skill", "target": ROLE })], vec![], vec![]),
            "invalid_sync_change",
        ),
        (
            changes("sprint_tasks", vec![json!({ "id": "p.w01-x", "done": true })], vec![], vec![]),
            "invalid_sync_change",
        ),
        (json!({ "saved_items": [] }), "invalid_sync_change"),
    ] {
        let (status, problem) = push(app, &token, t0, body.clone()).await;
        assert_eq!((status, problem["code"].as_str()), (422, Some(code)), "{body} -> {problem}");
    }
    let (status, problem) = app.post("/api/v1/me/sync?last_pulled_at=soon", Some(&token), json!({})).await;
    assert_eq!((status, problem["code"].as_str()), (400, Some("invalid_parameter")), "{problem}");
    for query in ["last_pulled_at=-5", "last_pulled_at=+5", "last_pulled_at=", "schema_version=", "schema_version=x"] {
        let (status, problem) = app.get_as(&format!("/api/v1/me/sync?{query}"), &token).await;
        assert_eq!((status, problem["code"].as_str()), (400, Some("invalid_parameter")), "{query}: {problem}");
    }
    let (status, problem) = app.post("/api/v1/me/sync", Some(&token), json!({})).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("invalid_parameter")),
        "a push names its pull: {problem}"
    );
    let (status, problem) = app.get_as("/api/v1/me/sync?migration=%7Bnope", &token).await;
    assert_eq!((status, problem["code"].as_str()), (400, Some("invalid_parameter")), "{problem}");
    // The body as `fetch` sends a string: text/plain.
    let request = app
        .client
        .post(app.url(&format!("/api/v1/me/sync?last_pulled_at={t0}")))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("content-type", "text/plain;charset=UTF-8"));
    let (status, _, _) = app
        .send_body(request, changes("saved_items", vec![saved("plainText0000001", "")], vec![], vec![]).to_string())
        .await;
    assert_eq!(status, 200);
    let (status, _, _) = app.call(Method::POST, "/api/v1/me/sync?last_pulled_at=1", None, &[], Some(json!({}))).await;
    assert_eq!(status, 401, "sync needs the learner's token");
}
on_both_backends!(a_push_is_all_or_nothing);

async fn a_change_made_after_the_last_pull_conflicts(app: &TestApp) {
    let (token, _) = app.learner("conflict@example.com").await;
    let t0 = timestamp(&pull(app, &token, None).await);
    let (status, _) =
        push(app, &token, t0, changes("saved_items", vec![saved("sharedItem000001", "one")], vec![], vec![])).await;
    assert_eq!(status, 200);
    // Two devices pull the item; the first changes it; the second, still at its pull, conflicts.
    let seen = timestamp(&pull(app, &token, Some(t0)).await);
    let (status, _) =
        push(app, &token, seen, changes("saved_items", vec![], vec![saved("sharedItem000001", "two")], vec![])).await;
    assert_eq!(status, 200);
    let stale = json!({
        "saved_items": { "created": [saved("otherItem0000001", "")], "updated": [saved("sharedItem000001", "three")], "deleted": [] },
    });
    let (status, problem) = push(app, &token, seen, stale.clone()).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("sync_conflict")), "{problem}");
    assert_eq!(problem["records"], json!(["saved_items/sharedItem000001"]));
    let pulled = pull(app, &token, Some(seen)).await;
    assert_eq!(record(&pulled, "saved_items", "sharedItem000001")["note"], "two", "the first device's change stands");
    assert_eq!(
        ids(&pulled, "saved_items", "updated"),
        vec!["sharedItem000001".to_owned()],
        "the refused push kept nothing"
    );
    // Deleting a record changed since the last pull conflicts too.
    let (status, _) = push(app, &token, seen, changes("saved_items", vec![], vec![], vec!["sharedItem000001"])).await;
    assert_eq!(status, 409);
    // After pulling, the second device pushes again and wins.
    let (status, body) = push(app, &token, timestamp(&pulled), stale).await;
    assert_eq!(status, 200, "{body}");
    let last = pull(app, &token, Some(timestamp(&pulled))).await;
    assert_eq!(record(&last, "saved_items", "sharedItem000001")["note"], "three");
}
on_both_backends!(a_change_made_after_the_last_pull_conflicts);

async fn replayed_pushes_and_unknown_deletions_are_not_errors(app: &TestApp) {
    let (token, _) = app.learner("replay@example.com").await;
    let t0 = timestamp(&pull(app, &token, None).await);
    let body = json!({
        "assessments": { "created": [assessment("replayAssess0001", 4)], "updated": [], "deleted": [] },
        "sprint_plans": { "created": [plan("replayPlan000001")], "updated": [], "deleted": [] },
        "saved_items": { "created": [saved("replaySaved00001", "x")], "updated": [], "deleted": ["neverExisted0001"] },
    });
    let (first, _) = push(app, &token, t0, body.clone()).await;
    // The device never got the answer and pushes the same changes again, from the same pull.
    let (second, problem) = push(app, &token, t0, body).await;
    assert_eq!((first, second), (200, 200), "{problem}");
    let all = pull(app, &token, None).await;
    assert_eq!(ids(&all, "assessments", "updated"), vec!["replayAssess0001".to_owned()], "stored once");
    assert_eq!(ids(&all, "sprint_plans", "updated"), vec!["replayPlan000001".to_owned()]);
    assert_eq!(ids(&all, "saved_items", "updated"), vec!["replaySaved00001".to_owned()]);
    // A graded record does not change: a different assessment under its id is refused.
    let (status, problem) = push(
        app,
        &token,
        timestamp(&all),
        changes("assessments", vec![], vec![assessment("replayAssess0001", 1)], vec![]),
    )
    .await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid_sync_change")), "{problem}");
    // Another learner cannot take or touch these ids.
    let (other, _) = app.learner("replay-other@example.com").await;
    let t = timestamp(&pull(app, &other, None).await);
    let (status, problem) =
        push(app, &other, t, changes("saved_items", vec![saved("replaySaved00001", "mine")], vec![], vec![])).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid_sync_change")), "{problem}");
    let (status, _) = push(app, &other, t, changes("saved_items", vec![], vec![], vec!["replaySaved00001"])).await;
    assert_eq!(status, 200, "another learner's id is unknown to this one");
    let still = pull(app, &token, None).await;
    assert_eq!(record(&still, "saved_items", "replaySaved00001")["note"], "x");
}
on_both_backends!(replayed_pushes_and_unknown_deletions_are_not_errors);

async fn deletions_leave_tombstones_until_the_horizon(app: &TestApp) {
    let (token, _) = app.learner("tombstones@example.com").await;
    let t0 = timestamp(&pull(app, &token, None).await);
    let body = json!({
        "sprint_plans": { "created": [plan("gonePlan00000001")], "updated": [], "deleted": [] },
        "saved_items": { "created": [saved("goneSaved0000001", ""), saved("keptSaved0000001", "")], "updated": [], "deleted": [] },
    });
    assert_eq!(push(app, &token, t0, body).await.0, 200);
    let before = pull(app, &token, Some(t0)).await;
    let tasks = ids(&before, "sprint_tasks", "updated");
    let t1 = timestamp(&before);
    let deletions = json!({
        "sprint_plans": { "created": [], "updated": [], "deleted": ["gonePlan00000001"] },
        "sprint_tasks": { "created": [], "updated": [], "deleted": tasks.iter().take(2).collect::<Vec<_>>() },
        "saved_items": { "created": [], "updated": [], "deleted": ["goneSaved0000001"] },
    });
    let (status, body) = push(app, &token, t1, deletions).await;
    assert_eq!(status, 200, "{body}");
    let after = pull(app, &token, Some(t1)).await;
    assert_eq!(ids(&after, "sprint_plans", "deleted"), vec!["gonePlan00000001".to_owned()]);
    assert_eq!(ids(&after, "sprint_tasks", "deleted"), tasks, "a plan's tasks go with it");
    assert_eq!(ids(&after, "saved_items", "deleted"), vec!["goneSaved0000001".to_owned()]);
    let (status, _) = app.get_as("/api/v1/me/sprint-plans/gonePlan00000001", &token).await;
    assert_eq!(status, 404);
    // A tick on a task of the deleted plan, from a device that has not pulled, conflicts.
    let tick = changes("sprint_tasks", vec![], vec![json!({ "id": tasks[0], "done": true })], vec![]);
    let (status, problem) = push(app, &token, t1, tick.clone()).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("sync_conflict")), "{problem}");
    // Once pulled, the deletion stands and the stale tick is moot.
    assert_eq!(push(app, &token, timestamp(&after), tick).await.0, 200);
    // A device whose last pull is older than the horizon, with writes since, is sent everything to replace its copy.
    let now = roledex_persistence::learners::now_millis();
    let old = pull(app, &token, Some(now - 91 * DAY)).await;
    assert_eq!(old["experimentalStrategy"], "replacement");
    assert_eq!(ids(&old, "saved_items", "updated"), vec!["keptSaved0000001".to_owned()]);
    assert_eq!(ids(&old, "saved_items", "deleted"), Vec::<String>::new());
    let recent = pull(app, &token, Some(now - 89 * DAY)).await;
    assert!(recent.get("experimentalStrategy").is_none());
    assert_eq!(ids(&recent, "saved_items", "deleted"), vec!["goneSaved0000001".to_owned()]);
    // The sweep removes tombstones past the horizon, and only those.
    let swept = app.state.learners.sweep_tombstones(timestamp(&after) - 1).await.expect("sweep");
    assert_eq!(swept, 0, "none older than the cutoff");
    let swept = app.state.learners.sweep_tombstones(timestamp(&after) + 1).await.expect("sweep");
    assert_eq!(swept as usize, 2 + tasks.len());
    assert_eq!(ids(&pull(app, &token, Some(t1)).await, "saved_items", "deleted"), Vec::<String>::new());
}
on_both_backends!(deletions_leave_tombstones_until_the_horizon);

async fn a_migrated_device_gets_its_new_tables_whole(app: &TestApp) {
    let (token, _) = app.learner("migration@example.com").await;
    let t0 = timestamp(&pull(app, &token, None).await);
    assert_eq!(
        push(app, &token, t0, changes("saved_items", vec![saved("migrSaved0000001", "")], vec![], vec![])).await.0,
        200
    );
    let t1 = timestamp(&pull(app, &token, Some(t0)).await);
    let migration = r#"{"from":1,"tables":["saved_items","no_such_table"],"columns":[]}"#;
    let path = format!("/api/v1/me/sync?last_pulled_at={t1}&schema_version=2&migration={}", urlencode(migration));
    let (status, migrated) = app.get_as(&path, &token).await;
    assert_eq!(status, 200, "{migrated}");
    assert_eq!(
        ids(&migrated, "saved_items", "updated"),
        vec!["migrSaved0000001".to_owned()],
        "a new table is sent whole"
    );
    assert!(migrated["changes"].get("no_such_table").is_none(), "unknown names are ignored");
    let columns = r#"{"from":1,"tables":[],"columns":[{"table":"saved_items","columns":["note"]}]}"#;
    let path = format!("/api/v1/me/sync?last_pulled_at={t1}&schema_version=2&migration={}", urlencode(columns));
    let (_, widened) = app.get_as(&path, &token).await;
    assert_eq!(
        ids(&widened, "saved_items", "updated"),
        vec!["migrSaved0000001".to_owned()],
        "new columns: records as updated"
    );
}
on_both_backends!(a_migrated_device_gets_its_new_tables_whole);

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)]).unwrap_or_default().trim_start_matches("v=").to_owned()
}

/// Writers commit saved items while a device keeps pulling from its last
/// timestamp: every acknowledged write reaches the device, whatever the
/// interleaving (the trap of `updated_at > last_pulled_at` with timestamps
/// taken before commit).
async fn pulls_miss_nothing_committed_concurrently(app: &TestApp) {
    let (token, _) = app.learner("concurrent@example.com").await;
    let writers = 4;
    let per_writer = 12;
    let writes = futures_util::future::join_all((0..writers).map(|w| {
        let token = token.clone();
        async move {
            let mut acknowledged = Vec::new();
            for n in 0..per_writer {
                let id = format!("w{w}n{n:02}concurrent");
                // Alternate the online endpoint and a sync push: both advance the sequence.
                let status = if n % 2 == 0 {
                    push(app, &token, 1, changes("saved_items", vec![saved(&id, "")], vec![], vec![])).await.0
                } else {
                    let body = json!({ "kind": "certification", "target": format!("cert-{w}-{n}") });
                    let (status, item) = app.post("/api/v1/me/saved-items", Some(&token), body).await;
                    acknowledged.push(item["id"].as_str().unwrap_or_default().to_owned());
                    status - 1
                };
                assert_eq!(status, 200);
                if n % 2 == 0 {
                    acknowledged.push(id);
                }
            }
            acknowledged
        }
    }));
    let reader = async {
        let mut seen = std::collections::BTreeSet::new();
        let mut since = None;
        for _ in 0..40 {
            let pulled = pull(app, &token, since).await;
            seen.extend(ids(&pulled, "saved_items", "updated"));
            since = Some(timestamp(&pulled));
        }
        (seen, since)
    };
    let (acknowledged, (mut seen, since)) = futures_util::join!(writes, reader);
    // One last pull after every writer has its answer.
    seen.extend(ids(&pull(app, &token, since).await, "saved_items", "updated"));
    let acknowledged: std::collections::BTreeSet<String> = acknowledged.into_iter().flatten().collect();
    assert_eq!(acknowledged.len(), writers * per_writer);
    let missed: Vec<_> = acknowledged.difference(&seen).collect();
    assert!(missed.is_empty(), "pulls missed committed writes: {missed:?}");
}
on_both_backends!(pulls_miss_nothing_committed_concurrently);

async fn task_ticks_take_if_match(app: &TestApp) {
    let (token, _) = app.learner("ifmatch@example.com").await;
    let body = json!({ "role": ROLE, "hours_per_week": 6, "start": "2027-01-04", "certifications": ["aigp"] });
    let (status, plan) = app.post("/api/v1/me/sprint-plans", Some(&token), body).await;
    assert_eq!(status, 201, "{plan}");
    let id = plan["id"].as_str().unwrap_or_default().to_owned();
    let key = plan["weeks"][0]["tasks"][0]["key"].as_str().unwrap_or_default().to_owned();
    let path = format!("/api/v1/me/sprint-plans/{id}");
    let (status, headers, _) = app.call(Method::GET, &path, Some(&token), &[], None).await;
    assert_eq!(status, 200);
    let etag = headers.get("etag").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(etag.starts_with("\"r"), "{etag}");
    let task = format!("{path}/tasks/{key}");
    let tick = |done: bool, if_match: &str| {
        let if_match = if_match.to_owned();
        let (token, task) = (token.clone(), task.clone());
        async move {
            let headers: Vec<(&str, &str)> =
                if if_match.is_empty() { vec![] } else { vec![("If-Match", if_match.as_str())] };
            app.call(Method::PUT, &task, Some(&token), &headers, Some(json!({ "done": done }))).await
        }
    };
    let (status, headers, body) = tick(true, &etag).await;
    assert_eq!((status, body["progress"]["tasks_done"].as_u64()), (200, Some(1)), "{body}");
    let newer = headers.get("etag").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_ne!(newer, etag, "a tick is a new revision");
    // A client still holding the first copy cannot overwrite the newer tick.
    let (status, _, problem) = tick(false, &etag).await;
    assert_eq!((status, problem["code"].as_str()), (412, Some("precondition_failed")), "{problem}");
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains(&newer)), "{problem}");
    let (status, _, _) = tick(false, "\"not-an-etag\"").await;
    assert_eq!(status, 412);
    let (status, _, _) = tick(false, &format!("\"r1\", {newer}")).await;
    assert_eq!(status, 200, "any listed ETag may match");
    let (status, _, _) = tick(true, "*").await;
    assert_eq!(status, 200, "`*`: any current plan");
    let (status, _, _) = tick(true, "").await;
    assert_eq!(status, 200, "without If-Match, as before");
}
on_both_backends!(task_ticks_take_if_match);

async fn saved_items_online(app: &TestApp) {
    let (token, _) = app.learner("saved@example.com").await;
    let body = json!({ "kind": "resource", "target": "https://atlas.mitre.org/", "note": "  start here " });
    let (status, item) = app.post("/api/v1/me/saved-items", Some(&token), body.clone()).await;
    assert_eq!(status, 201, "{item}");
    assert_eq!(item["note"], "start here");
    let (status, again) = app.post("/api/v1/me/saved-items", Some(&token), body).await;
    assert_eq!((status, &again["id"]), (200, &item["id"]), "saving twice answers the first");
    for n in 0..3 {
        let (status, _) = app
            .post(
                "/api/v1/me/saved-items",
                Some(&token),
                json!({ "kind": "certification", "target": format!("cert-{n}") }),
            )
            .await;
        assert_eq!(status, 201);
    }
    let (_, page) = app.get_as("/api/v1/me/saved-items?first=3", &token).await;
    assert_eq!(page["items"].as_array().map(Vec::len), Some(3));
    let cursor = page["next_cursor"].as_str().expect("a next page").to_owned();
    let (_, rest) = app.get_as(&format!("/api/v1/me/saved-items?first=3&after={cursor}"), &token).await;
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(rest["items"][0]["id"], item["id"], "the oldest comes last");
    assert_eq!(rest["next_cursor"], Value::Null);
    for (body, name) in [
        (json!({ "kind": "role", "target": "Not A Slug" }), "target"),
        (json!({ "kind": "resource", "target": "javascript:alert(1)" }), "target"),
        (json!({ "kind": "role", "target": ROLE, "note": "n".repeat(501) }), "note"),
    ] {
        let (status, problem) = app.post("/api/v1/me/saved-items", Some(&token), body).await;
        assert_eq!((status, problem["code"].as_str()), (422, Some("invalid_saved_item")), "{name}: {problem}");
    }
    let (status, problem) = app.get_as("/api/v1/me/saved-items?after=o12", &token).await;
    assert_eq!((status, problem["code"].as_str()), (400, Some("invalid_parameter")));
    let path = format!("/api/v1/me/saved-items/{}", item["id"].as_str().unwrap_or_default());
    let (other, _) = app.learner("saved-other@example.com").await;
    assert_eq!(app.call(Method::DELETE, &path, Some(&other), &[], None).await.0, 404, "not another learner's");
    assert_eq!(app.call(Method::DELETE, &path, Some(&token), &[], None).await.0, 204);
    let (status, _, problem) = app.call(Method::DELETE, &path, Some(&token), &[], None).await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("saved_item_not_found")));
}
on_both_backends!(saved_items_online);
