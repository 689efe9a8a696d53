//! A defect answers `internal_error` without its details, and its cause is
//! logged once, at ERROR, inside the request's span (so with its request id).

#![cfg(unix)]

use std::process::Command;

mod support;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn send(agent: &ureq::Agent, method: &str, url: &str, token: Option<&str>, body: Option<&str>) -> (u16, String) {
    let mut request = ureq::http::Request::builder().method(method).uri(url).header("x-request-id", "trace-me-42");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = request.header("content-type", "application/json");
    let request = request.body(body.unwrap_or("").to_owned()).unwrap_or_else(|e| panic!("{e}"));
    let mut response = agent.run(request).unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (response.status().as_u16(), text)
}

#[tokio::test]
async fn a_defect_is_logged_once_with_its_request_id_and_never_sent() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let support::Served { mut child, lines, base } = support::serve(dir.path());

    let agent = agent();
    let credentials = r#"{"email":"defect@example.com","password":"correct horse battery staple"}"#;
    assert_eq!(send(&agent, "POST", &format!("{base}/api/v1/auth/register"), None, Some(credentials)).0, 201);
    let (_, tokens) = send(&agent, "POST", &format!("{base}/api/v1/auth/login"), None, Some(credentials));
    let tokens: serde_json::Value = serde_json::from_str(&tokens).unwrap_or_default();
    let token = tokens["access_token"].as_str().unwrap_or_default().to_owned();
    let assessment =
        r#"{"role":"ai-systems-safety-manager","ratings":[{"skill":"red-teaming-methodology","level":3}]}"#;
    let (status, _) = send(&agent, "POST", &format!("{base}/api/v1/me/assessments"), Some(&token), Some(assessment));
    assert_eq!(status, 201);

    // Damage the stored record behind the server's back.
    let url = roledex_persistence::Database::sqlite_url_in(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let database = roledex_persistence::Database::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    use sea_orm::ConnectionTrait;
    database
        .connection
        .execute_unprepared("UPDATE submissions SET result = '{\"not\": \"a result\"}'")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = database.connection.close().await;

    let (status, body) = send(&agent, "GET", &format!("{base}/api/v1/me/assessments"), Some(&token), None);
    assert_eq!(status, 500, "{body}");
    assert!(body.contains("\"code\":\"internal_error\""), "{body}");
    assert!(!body.contains("reading submission") && !body.contains("missing field"), "no details are sent: {body}");

    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
    let errors: Vec<String> = lines.map_while(Result::ok).filter(|line| line.contains("\"level\":\"ERROR\"")).collect();
    assert_eq!(errors.len(), 1, "logged once: {errors:#?}");
    assert!(errors[0].contains("trace-me-42"), "with the request id: {}", errors[0]);
    assert!(errors[0].contains("reading submission") && errors[0].contains("internal_error"), "{}", errors[0]);
}
