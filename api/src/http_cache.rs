//! HTTP caching for content: strong ETags, `If-None-Match`, `Cache-Control`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// A strong validator: the first 128 bits of the body's SHA-256, quoted.
pub fn strong_etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// True when `If-None-Match` lists `etag` (weak comparison, RFC 9110 §13.1.2) or `*`.
pub fn matches_if_none_match(req: &HttpRequest, etag: &str) -> bool {
    let opaque = etag.trim_start_matches("W/");
    req.headers().get_all(header::IF_NONE_MATCH).filter_map(|v| v.to_str().ok()).any(|value| {
        value
            .split(',')
            .map(str::trim)
            .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == opaque)
    })
}

/// A cacheable JSON response, or `304 Not Modified` when the client holds it.
pub fn cached_json(req: &HttpRequest, body: actix_web::web::Bytes, etag: &str, max_age_secs: u64) -> HttpResponse {
    let cache_control = format!("public, max-age={max_age_secs}");
    if matches_if_none_match(req, etag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag.to_owned()))
            .insert_header((header::CACHE_CONTROL, cache_control))
            .finish();
    }
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/json")))
        .insert_header((header::ETAG, etag.to_owned()))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .body(body)
}

/// Serializes `value` and answers it with a computed ETag.
pub fn json_with_etag<T: serde::Serialize>(
    req: &HttpRequest,
    value: &T,
    max_age_secs: u64,
) -> Result<HttpResponse, crate::error::ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| {
        tracing::error!(error = %e, "response serialization failed");
        crate::error::ApiError::Internal
    })?;
    let etag = strong_etag(&body);
    Ok(cached_json(req, body.into(), &etag, max_age_secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn etags_are_strong_and_stable() {
        let a = strong_etag(b"{}");
        assert_eq!(a, strong_etag(b"{}"));
        assert_ne!(a, strong_etag(b"{ }"));
        assert!(a.starts_with('"') && a.ends_with('"') && !a.starts_with("W/"));
    }

    #[test]
    fn if_none_match_lists_and_wildcards() {
        let tag = "\"abc\"";
        let req = TestRequest::default().insert_header(("If-None-Match", "\"x\", W/\"abc\"")).to_http_request();
        assert!(matches_if_none_match(&req, tag));
        let req = TestRequest::default().insert_header(("If-None-Match", "*")).to_http_request();
        assert!(matches_if_none_match(&req, tag));
        let req = TestRequest::default().insert_header(("If-None-Match", "\"abcd\"")).to_http_request();
        assert!(!matches_if_none_match(&req, tag));
        assert!(!matches_if_none_match(&TestRequest::default().to_http_request(), tag));
    }
}
