//! GraphQL over HTTP, as the GraphQL-over-HTTP specification has it: which
//! requests are accepted, how their parameters are read from a POST body or
//! a GET query string, and which media type answers them.
//!
//! - POST takes `application/json` only. Form, multipart and `text/plain`
//!   bodies are refused with 415: browsers send those cross-site without a
//!   CORS preflight, which would let any page run a mutation.
//! - GET runs queries only (405 for a mutation), so answers can be cached by URL.
//! - `application/graphql-response+json` is served when the client asks for
//!   it; `application/json` otherwise (no `Accept`, `*/*`). The two differ
//!   only in the status of a request that fails before execution (the
//!   document does not parse or validate, a variable does not coerce): 400
//!   for the new media type, 200 for `application/json`, whose legacy
//!   clients read the body whatever the status.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, Header};
use actix_web::{HttpRequest, mime, web};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::ApiError;

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// The media type of the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Json,
    GraphqlResponse,
}

impl Media {
    /// The media type the client prefers among those served; `Json` when it
    /// sends no `Accept` or accepts anything. An `Accept` that rules out both
    /// is `not_acceptable` (406).
    pub fn negotiate(req: &HttpRequest) -> Result<Self, ApiError> {
        if !req.headers().contains_key(header::ACCEPT) {
            return Ok(Self::Json);
        }
        let Ok(accept) = header::Accept::parse(req) else {
            return Err(ApiError::invalid("Accept", "not a valid Accept header"));
        };
        let mut best: Option<(header::Quality, u8, Self)> = None;
        for item in accept.0.iter().filter(|item| item.quality > header::Quality::ZERO) {
            let (specificity, media) = match item.item.essence_str() {
                GRAPHQL_RESPONSE_JSON => (2, Self::GraphqlResponse),
                "application/json" => (2, Self::Json),
                "application/*" | "*/*" => (1, Self::Json),
                _ => continue,
            };
            // Higher quality wins, then the more specific type, then the one listed first.
            if best.is_none_or(|(q, s, _)| (item.quality, specificity) > (q, s)) {
                best = Some((item.quality, specificity, media));
            }
        }
        best.map(|(_, _, media)| media)
            .ok_or(ApiError::NotAcceptable { offered: format!("{GRAPHQL_RESPONSE_JSON}, application/json") })
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::GraphqlResponse => GRAPHQL_RESPONSE_JSON,
        }
    }

    /// The status of a request that fails before execution.
    pub fn request_error_status(self) -> StatusCode {
        match self {
            Self::Json => StatusCode::OK,
            Self::GraphqlResponse => StatusCode::BAD_REQUEST,
        }
    }
}

/// A POST body must be JSON (UTF-8, the only charset JSON has).
pub fn check_post_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let refused = |found: &str| ApiError::UnsupportedMediaType {
        found: found.chars().take(100).collect(),
        expected: "application/json".into(),
    };
    let Some(value) = req.headers().get(header::CONTENT_TYPE) else { return Err(refused("none")) };
    let text = value.to_str().unwrap_or("(not text)");
    let Ok(mime) = text.parse::<mime::Mime>() else { return Err(refused(text)) };
    let charset_ok = mime.get_param(mime::CHARSET).is_none_or(|c| c == mime::UTF_8);
    if mime.essence_str() == "application/json" && charset_ok { Ok(()) } else { Err(refused(text)) }
}

/// The parameters of a GraphQL request.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    pub query: Option<String>,
    #[serde(rename = "operationName")]
    pub operation_name: Option<String>,
    pub variables: Option<Map<String, Value>>,
    pub extensions: Option<Map<String, Value>>,
}

impl Params {
    /// A POST body: `{"query": "...", "operationName": ..., "variables": {...}, "extensions": {...}}`.
    pub fn from_body(body: &[u8]) -> Result<Self, ApiError> {
        if body.is_empty() {
            return Err(ApiError::InvalidBody("the body is empty; send {\"query\": \"...\"}".into()));
        }
        serde_json::from_slice(body).map_err(|e| {
            ApiError::InvalidBody(format!(
                "expected {{\"query\": \"...\", \"variables\": {{...}}}} with a string query and object variables: {e}"
            ))
        })
    }

    /// A GET query string: `query`, `operationName`, and `variables` and
    /// `extensions` as URL-encoded JSON objects.
    pub fn from_query_string(query_string: &str) -> Result<Self, ApiError> {
        #[derive(Deserialize)]
        struct Raw {
            query: Option<String>,
            #[serde(rename = "operationName")]
            operation_name: Option<String>,
            variables: Option<String>,
            extensions: Option<String>,
        }
        let raw = web::Query::<Raw>::from_query(query_string)
            .map_err(|e| ApiError::invalid("query string", format!("cannot be read: {e}")))?
            .into_inner();
        let object = |name: &str, text: Option<String>| -> Result<Option<Map<String, Value>>, ApiError> {
            match text.as_deref().map(str::trim) {
                None | Some("") | Some("null") => Ok(None),
                Some(text) => serde_json::from_str(text)
                    .map(Some)
                    .map_err(|e| ApiError::invalid(name, format!("must be a URL-encoded JSON object: {e}"))),
            }
        };
        Ok(Self {
            variables: object("variables", raw.variables)?,
            extensions: object("extensions", raw.extensions)?,
            query: raw.query.filter(|q| !q.is_empty()),
            operation_name: raw.operation_name.filter(|n| !n.is_empty()),
        })
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn negotiated(accept: Option<&str>) -> Result<Media, &'static str> {
        let mut req = TestRequest::default();
        if let Some(accept) = accept {
            req = req.insert_header((header::ACCEPT, accept));
        }
        Media::negotiate(&req.to_http_request()).map_err(|e| e.code())
    }

    #[test]
    fn negotiates_the_media_type_the_client_prefers() {
        assert_eq!(negotiated(None), Ok(Media::Json));
        assert_eq!(negotiated(Some("*/*")), Ok(Media::Json));
        assert_eq!(negotiated(Some("application/json")), Ok(Media::Json));
        assert_eq!(negotiated(Some("application/graphql-response+json, application/json")), Ok(Media::GraphqlResponse));
        assert_eq!(negotiated(Some("application/json, application/graphql-response+json")), Ok(Media::Json));
        assert_eq!(
            negotiated(Some("application/json;q=0.9, application/graphql-response+json")),
            Ok(Media::GraphqlResponse)
        );
        assert_eq!(negotiated(Some("*/*, application/graphql-response+json")), Ok(Media::GraphqlResponse));
        assert_eq!(negotiated(Some("text/html, application/json;q=0")), Err("not_acceptable"));
        assert_eq!(negotiated(Some("text/html")), Err("not_acceptable"));
    }

    fn post_with(content_type: Option<&str>) -> Result<(), &'static str> {
        let mut req = TestRequest::post();
        if let Some(content_type) = content_type {
            req = req.insert_header((header::CONTENT_TYPE, content_type));
        }
        check_post_content_type(&req.to_http_request()).map_err(|e| e.code())
    }

    #[test]
    fn posts_must_be_json() {
        assert_eq!(post_with(Some("application/json")), Ok(()));
        assert_eq!(post_with(Some("application/json; charset=utf-8")), Ok(()));
        assert_eq!(post_with(Some("Application/JSON; charset=UTF-8")), Ok(()));
        for refused in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/json; charset=latin1"),
            Some("application/graphql"),
        ] {
            assert_eq!(post_with(refused), Err("unsupported_media_type"), "{refused:?}");
        }
    }

    #[test]
    fn reads_parameters_of_either_method() {
        let params = Params::from_query_string(
            "query=query+Q%28%24s%3AString%21%29%7Brole%28slug%3A%24s%29%7Btitle%7D%7D&operationName=Q&variables=%7B%22s%22%3A%22x%22%7D",
        )
        .expect("valid");
        assert_eq!(params.query.as_deref(), Some("query Q($s:String!){role(slug:$s){title}}"));
        assert_eq!(params.operation_name.as_deref(), Some("Q"));
        assert_eq!(params.variables.and_then(|v| v.get("s").cloned()), Some(Value::from("x")));
        assert_eq!(
            Params::from_query_string("query=%7Ba%7D&variables=%5B1%5D").map(|_| ()).map_err(|e| e.code()),
            Err("invalid_parameter")
        );
        for body in [
            &br#"{"query": 0}"#[..],
            br#"{"query": "{a}", "variables": "x"}"#,
            br#"{"query": "{a}", "extensions": []}"#,
            b"",
            b"{ \"not json",
        ] {
            assert_eq!(Params::from_body(body).map(|_| ()).map_err(|e| e.code()), Err("invalid_body"));
        }
        let nulls =
            Params::from_body(br#"{"query": "{a}", "operationName": null, "variables": null, "extensions": null}"#);
        assert!(nulls.is_ok_and(|p| p.variables.is_none() && p.operation_name.is_none()));
    }
}
