//! The learner's data is theirs: `GET /me/export` holds everything kept about
//! them, and `DELETE /me` leaves nothing of them in any table.

use awc::http::Method;
use roledex_e2e::{Backend, ROLE, TestApp, Value, json, on_both_backends};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

const PASSWORD: &str = "correct horse battery staple";

/// Every table of the database, and how many of its rows mention `needle`
/// in any column.
async fn rows_mentioning(app: &TestApp, needle: &str) -> Vec<(String, i64)> {
    let db = &app.state.database.connection;
    let postgres = app.backend() == Backend::Postgres;
    let (backend, list) = if postgres {
        (
            DbBackend::Postgres,
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
        )
    } else {
        (DbBackend::Sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    };
    let tables: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, list))
        .await
        .expect("tables")
        .iter()
        .map(|row| row.try_get::<String>("", "name").expect("name"))
        .collect();
    assert!(tables.len() > 10, "{tables:?}");
    let mut found = Vec::new();
    for table in tables {
        let sql = if postgres {
            format!("SELECT COUNT(*) AS n FROM \"{table}\" AS t WHERE t::text LIKE '%{needle}%'")
        } else {
            let columns: Vec<String> = db
                .query_all_raw(Statement::from_string(backend, format!("PRAGMA table_info(\"{table}\")")))
                .await
                .expect("columns")
                .iter()
                .map(|row| row.try_get::<String>("", "name").expect("column"))
                .collect();
            let text = columns
                .iter()
                .map(|c| format!("COALESCE(CAST(\"{c}\" AS TEXT), '')"))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            format!("SELECT COUNT(*) AS n FROM \"{table}\" WHERE {text} LIKE '%{needle}%'")
        };
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await.expect("count").expect("a row");
        let n: i64 = row.try_get("", "n").expect("n");
        found.push((table, n));
    }
    found
}

fn mentioned(found: &[(String, i64)]) -> Vec<&(String, i64)> {
    found.iter().filter(|(_, n)| *n > 0).collect()
}

async fn the_export_holds_everything_kept_and_no_secret(app: &TestApp) {
    let email = "export@example.com";
    let (token, refresh) = app.learner(email).await;
    let body = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 3 }] });
    let (status, _, _) = app
        .call(Method::POST, "/api/v1/me/assessments", Some(&token), &[("Idempotency-Key", "export-key-1")], Some(body))
        .await;
    assert_eq!(status, 201);
    let plan = json!({ "role": ROLE, "hours_per_week": 5, "start": "2027-03-01", "certifications": ["aigp"] });
    assert_eq!(app.post("/api/v1/me/sprint-plans", Some(&token), plan).await.0, 201);
    let (_, item) = app.post("/api/v1/me/saved-items", Some(&token), json!({ "kind": "role", "target": ROLE })).await;
    let (_, gone) =
        app.post("/api/v1/me/saved-items", Some(&token), json!({ "kind": "certification", "target": "crisc" })).await;
    let gone_path = format!("/api/v1/me/saved-items/{}", gone["id"].as_str().unwrap_or_default());
    assert_eq!(app.call(Method::DELETE, &gone_path, Some(&token), &[], None).await.0, 204);
    let wrong = json!({ "email": email, "password": "not the password at all" });
    assert_eq!(app.post("/api/v1/auth/login", None, wrong).await.0, 401);

    let (status, headers, export) = app.call(Method::GET, "/api/v1/me/export", Some(&token), &[], None).await;
    assert_eq!(status, 200, "{export}");
    assert!(headers.get("content-disposition").is_some());
    assert_eq!(export["account"]["email"], email);
    assert_eq!(export["assessments"].as_array().map(Vec::len), Some(1));
    assert_eq!(export["sprint_plans"].as_array().map(Vec::len), Some(1));
    assert_eq!(export["saved_items"][0]["id"], item["id"]);
    assert_eq!(export["request_keys"][0]["key"], "export-key-1");
    assert_eq!(export["deleted_records"][0]["id"], gone["id"]);
    assert_eq!(export["deleted_records"][0]["table"], "saved_items");
    assert_eq!(export["failed_sign_ins"].as_array().map(Vec::len), Some(1));
    assert_eq!(export["sessions"].as_array().map(Vec::len), Some(1));
    let text = export.to_string();
    assert!(!text.contains(&refresh) && !text.contains("$argon2"), "no token or password hash is exported");
    // GraphQL has the same document.
    let (status, body) = graphql_as(app, &token, "{ me { export { account { email } savedItems { target } } } }").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["export"]["account"]["email"], email);
}
on_both_backends!(the_export_holds_everything_kept_and_no_secret);

async fn graphql_as(app: &TestApp, token: &str, query: &str) -> (u16, Value) {
    let request = app
        .client
        .post(app.url("/graphql"))
        .insert_header(("content-type", "application/json"))
        .insert_header(("Authorization", format!("Bearer {token}")));
    let (status, _, bytes) = app.send_body(request, json!({ "query": query }).to_string()).await;
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn deletion_leaves_nothing_of_the_learner(app: &TestApp) {
    let email = "deleted@example.com";
    let (token, refresh) = app.learner(email).await;
    let me = app.get_as("/api/v1/me", &token).await.1;
    let user_id = me["id"].as_str().unwrap_or_default().to_owned();
    // A learner with something in every learner table.
    let body = json!({ "role": ROLE, "ratings": [{ "skill": "risk-management", "level": 3 }] });
    app.call(Method::POST, "/api/v1/me/assessments", Some(&token), &[("Idempotency-Key", "gone-1")], Some(body)).await;
    let plan = json!({ "role": ROLE, "hours_per_week": 5, "start": "2027-03-01", "certifications": ["aigp"] });
    let (_, plan) = app.post("/api/v1/me/sprint-plans", Some(&token), plan).await;
    let key = plan["weeks"][0]["tasks"][0]["key"].as_str().unwrap_or_default().to_owned();
    let task = format!("/api/v1/me/sprint-plans/{}/tasks/{key}", plan["id"].as_str().unwrap_or_default());
    assert_eq!(app.call(Method::PUT, &task, Some(&token), &[], Some(json!({ "done": true }))).await.0, 200);
    let (_, item) = app.post("/api/v1/me/saved-items", Some(&token), json!({ "kind": "role", "target": ROLE })).await;
    let path = format!("/api/v1/me/saved-items/{}", item["id"].as_str().unwrap_or_default());
    assert_eq!(app.call(Method::DELETE, &path, Some(&token), &[], None).await.0, 204);
    let wrong = json!({ "email": email, "password": "not the password at all" });
    assert_eq!(app.post("/api/v1/auth/login", None, wrong).await.0, 401);
    let before = rows_mentioning(app, &user_id).await;
    assert!(mentioned(&before).len() >= 6, "the learner is in many tables first: {before:?}");
    assert!(!mentioned(&rows_mentioning(app, email).await).is_empty());

    // A refreshed token proves no recent sign-in: the password is needed.
    let (_, refreshed) = app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": refresh })).await;
    let refreshed_token = refreshed["access_token"].as_str().unwrap_or_default().to_owned();
    let (status, _, problem) = app.call(Method::DELETE, "/api/v1/me", Some(&refreshed_token), &[], None).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("reauthentication_required")), "{problem}");
    let (status, _, problem) =
        app.call(Method::DELETE, "/api/v1/me", Some(&refreshed_token), &[], Some(json!({ "password": "wrong" }))).await;
    assert_eq!((status, problem["code"].as_str()), (401, Some("invalid_credentials")));
    let (status, _, _) = app
        .call(Method::DELETE, "/api/v1/me", Some(&refreshed_token), &[], Some(json!({ "password": PASSWORD })))
        .await;
    assert_eq!(status, 204);

    let after = rows_mentioning(app, &user_id).await;
    assert_eq!(mentioned(&after), Vec::<&(String, i64)>::new(), "nothing of the learner's id remains");
    assert_eq!(mentioned(&rows_mentioning(app, email).await), Vec::<&(String, i64)>::new(), "nor of the e-mail");
    // Every session is gone, and the tokens with it.
    assert_eq!(app.get_as("/api/v1/me", &token).await.0, 401);
    assert_eq!(app.get_as("/api/v1/me/sync?last_pulled_at=null", &token).await.0, 401);
    assert_eq!(app.get_as("/api/v1/me/assessments", &token).await.0, 401, "no endpoint takes its tokens");
    let (_, body) = graphql_as(app, &refreshed_token, "{ me { assessments { id } } }").await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "invalid_token", "{body}");
    let (status, _) =
        app.post("/api/v1/auth/refresh", None, json!({ "refresh_token": refreshed["refresh_token"] })).await;
    assert_eq!(status, 401);
    assert_eq!(app.post("/api/v1/auth/login", None, json!({ "email": email, "password": PASSWORD })).await.0, 401);
    // The address is free again.
    let (fresh, _) = app.learner(email).await;
    assert_eq!(app.get_as("/api/v1/me/assessments", &fresh).await.1["items"], json!([]));
}
on_both_backends!(deletion_leaves_nothing_of_the_learner);

async fn a_fresh_sign_in_deletes_without_the_password(app: &TestApp) {
    let (token, _) = app.learner("fresh@example.com").await;
    let (status, body) = graphql_as(app, &token, "mutation { deleteAccount }").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["deleteAccount"], true, "{body}");
    assert_eq!(app.get_as("/api/v1/me", &token).await.0, 401);
    let (status, _, problem) = app.call(Method::DELETE, "/api/v1/me", Some(&token), &[], Some(json!({}))).await;
    assert_eq!((status, problem["code"].as_str()), (401, Some("invalid_token")), "the account is gone: {problem}");
    let (other, _) = app.learner("fresh-other@example.com").await;
    let (status, _, problem) =
        app.call(Method::DELETE, "/api/v1/me", Some(&other), &[], Some(json!({ "passwd": "x" }))).await;
    assert_eq!((status, problem["code"].as_str()), (400, Some("invalid_body")), "{problem}");
    assert_eq!(app.get_as("/api/v1/me", &other).await.0, 200, "a refused request deletes nothing");
}
on_both_backends!(a_fresh_sign_in_deletes_without_the_password);
