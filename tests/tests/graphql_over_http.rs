//! GraphQL over HTTP as clients speak it: media types and their status rules,
//! JSON-only POST, queries over GET, automatic persisted queries, the
//! standard introspection query and 32-bit `Int`.

use roledex_e2e::{Backend, ROLE, TestApp, Value, awc, json, spawn_app};
use sha2::{Digest, Sha256};

const INTROSPECTION: &str = include_str!("../../api/tests/fixtures/introspection-query.graphql");
const INTROSPECTION_ALL_OPTIONS: &str =
    include_str!("../../api/tests/fixtures/introspection-query-all-options.graphql");

async fn app() -> TestApp {
    spawn_app(Backend::Sqlite).await.expect("sqlite always runs")
}

fn header<'a>(headers: &'a awc::http::header::HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

fn parsed(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or(Value::Null)
}

async fn post(app: &TestApp, headers: &[(&str, &str)], body: &str) -> (u16, awc::http::header::HeaderMap, Value) {
    let mut request = app.client.post(app.url("/graphql"));
    for (name, value) in headers {
        request = request.insert_header((*name, *value));
    }
    let (status, headers, bytes) = app.send_body(request, body.to_owned()).await;
    (status, headers, parsed(&bytes))
}

async fn get(app: &TestApp, query_string: &str, accept: &str) -> (u16, awc::http::header::HeaderMap, Value) {
    let request = app.client.get(app.url(&format!("/graphql?{query_string}"))).insert_header(("accept", accept));
    let (status, headers, bytes) = app.send(request).await;
    (status, headers, parsed(&bytes))
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

const JSON: (&str, &str) = ("content-type", "application/json");
const MODERN: (&str, &str) = ("accept", "application/graphql-response+json");
const LEGACY: (&str, &str) = ("accept", "application/json");

#[actix_web::test]
async fn media_types_decide_the_status_of_a_rejected_document() {
    let app = app().await;
    let invalid = r#"{"query": "{ noSuchField }"}"#;
    let (status, headers, body) = post(&app, &[JSON, MODERN], invalid).await;
    assert_eq!(status, 400);
    assert!(header(&headers, "content-type").starts_with("application/graphql-response+json"));
    assert_eq!(body["errors"][0]["extensions"]["code"], "graphql_validation_error");
    assert!(body.get("data").is_none(), "nothing ran, so no data entry: {body}");
    // Legacy clients read the body whatever the status: 200, as the specification asks.
    let (status, headers, body) = post(&app, &[JSON, LEGACY], invalid).await;
    assert_eq!((status, header(&headers, "content-type")), (200, "application/json"));
    assert_eq!(body["errors"][0]["extensions"]["code"], "graphql_validation_error");
    let (status, headers, _) = post(&app, &[JSON], r#"{"query": "{ __typename }"}"#).await;
    assert_eq!((status, header(&headers, "content-type")), (200, "application/json"));
    let (status, headers, body) = post(&app, &[JSON, ("accept", "text/html")], r#"{"query": "{ __typename }"}"#).await;
    assert_eq!((status, body["code"].as_str()), (406, Some("not_acceptable")));
    assert!(header(&headers, "content-type").starts_with("application/problem+json"));
    // A body that is not a GraphQL request is a 400 under either media type.
    for accept in [MODERN, LEGACY] {
        let (status, _, body) = post(&app, &[JSON, accept], r#"{"query": 0}"#).await;
        assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (400, Some("invalid_body")));
        let (status, _, _) = post(&app, &[JSON, accept], r#"{"qeury": "{ __typename }"}"#).await;
        assert_eq!(status, 400);
    }
}

#[actix_web::test]
async fn only_json_bodies_are_accepted() {
    let app = app().await;
    // Bodies a browser may send cross-site without a CORS preflight.
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
        let (status, headers, body) =
            post(&app, &[("content-type", content_type)], r#"{"query": "mutation { __typename }"}"#).await;
        assert_eq!((status, body["code"].as_str()), (415, Some("unsupported_media_type")), "{content_type}");
        assert!(header(&headers, "content-type").starts_with("application/problem+json"));
    }
    let (status, _, _) = post(&app, &[], r#"{"query": "{ __typename }"}"#).await;
    assert_eq!(status, 415, "no content type");
}

#[actix_web::test]
async fn get_runs_queries_and_may_be_cached_but_never_runs_mutations() {
    let app = app().await;
    let query = format!("query=%7B%20role(slug%3A%22{ROLE}%22)%20%7B%20title%20%7D%20%7D");
    let (status, headers, body) = get(&app, &query, "application/graphql-response+json").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["role"]["title"], "AI Systems Safety Manager");
    assert!(header(&headers, "cache-control").starts_with("public"), "{headers:?}");
    let (_, headers, _) = get(&app, &query, "application/graphql-response+json").await;
    assert_eq!(header(&headers, "x-roledex-cache"), "hit");
    let variables = format!(
        "query={}&variables={}",
        encode("query($s: String!) { role(slug: $s) { slug } }"),
        encode(&json!({ "s": ROLE }).to_string())
    );
    let (status, _, body) = get(&app, &variables, "*/*").await;
    assert_eq!((status, &body["data"]["role"]["slug"]), (200, &json!(ROLE)));
    let (status, headers, body) = get(&app, &format!("query={}", encode("mutation { __typename }")), "*/*").await;
    assert_eq!((status, header(&headers, "allow"), body["code"].as_str()), (405, "POST", Some("method_not_allowed")));
    let (status, _, body) = get(&app, "query=%7Ba%7D&variables=%5B1%5D", "*/*").await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (400, Some("invalid_parameter")));
}

#[actix_web::test]
async fn automatic_persisted_queries_over_post_and_get() {
    let app = app().await;
    let query = format!("{{ role(slug: \"{ROLE}\") {{ slug title }} }}");
    let hash = hex::encode(Sha256::digest(query.as_bytes()));
    let extensions = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
    // Unknown hash: the client is told to send the query, with Apollo's message.
    let by_hash = json!({ "extensions": extensions }).to_string();
    let (status, _, body) = post(&app, &[JSON, LEGACY], &by_hash).await;
    assert_eq!(status, 200);
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(body["errors"][0]["extensions"]["code"], "persisted_query_not_found");
    let (status, _, _) = post(&app, &[JSON, MODERN], &by_hash).await;
    assert_eq!(status, 404);
    // Registered by sending both; then the hash alone runs it, over POST and GET.
    let (status, _, body) =
        post(&app, &[JSON, MODERN], &json!({ "query": query, "extensions": extensions }).to_string()).await;
    assert_eq!((status, &body["data"]["role"]["slug"]), (200, &json!(ROLE)));
    let (status, _, body) = post(&app, &[JSON, MODERN], &by_hash).await;
    assert_eq!((status, &body["data"]["role"]["title"]), (200, &json!("AI Systems Safety Manager")));
    let url = format!("extensions={}", encode(&extensions.to_string()));
    let (status, headers, body) = get(&app, &url, "application/graphql-response+json").await;
    assert_eq!((status, &body["data"]["role"]["slug"]), (200, &json!(ROLE)));
    assert!(header(&headers, "cache-control").starts_with("public"));
    // A query that is not the one hashed is refused.
    let wrong = json!({ "query": "{ __typename }", "extensions": extensions }).to_string();
    let (status, _, body) = post(&app, &[JSON, MODERN], &wrong).await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (400, Some("persisted_query_mismatch")));
}

#[actix_web::test]
async fn the_standard_introspection_query_is_answered_with_our_description() {
    let app = app().await;
    for query in [INTROSPECTION, INTROSPECTION_ALL_OPTIONS] {
        let (status, body) = app.graphql(query, json!({})).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["errors"].is_null(), "{body}");
        let schema = &body["data"]["__schema"];
        assert_eq!(schema["queryType"]["name"], "Query");
        assert_eq!(schema["mutationType"]["name"], "Mutation");
        assert!(schema["types"].as_array().is_some_and(|t| t.len() > 50));
    }
    let (_, body) = app.graphql(INTROSPECTION_ALL_OPTIONS, json!({})).await;
    let description = body["data"]["__schema"]["description"].as_str().unwrap_or_default();
    assert!(description.starts_with("Roledex"), "{description}");
    // Data queries keep the tighter depth limit even beside an introspection field.
    let deep = format!("{{ __typename {}leaf{} }}", "a { ".repeat(12), " }".repeat(12));
    let (status, body) = app.graphql(&deep, json!({})).await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (400, Some("query_too_complex")));
}

#[actix_web::test]
async fn int_is_32_bit_both_ways() {
    let app = app().await;
    let (status, body) = app.graphql("{ roles(first: 2147483648) { totalCount } }", json!({})).await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (400, Some("graphql_validation_error")));
    let (status, body) = app
        .graphql("query($n: Int!) { roles(first: $n) { totalCount } }", json!({ "n": 9_007_199_254_740_991_i64 }))
        .await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (400, Some("graphql_validation_error")));
}
