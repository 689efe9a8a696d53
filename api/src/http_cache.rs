//! HTTP caching for content: strong ETags, `If-None-Match`, `Cache-Control`,
//! and precompressed representations.
//!
//! The server never re-encodes a body on the fly: a cached document is kept
//! as identity and as gzip, each with its own strong ETag (a strong validator
//! names exactly one sequence of bytes), chosen by `Accept-Encoding`.

use std::io::Write;

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// One document in the encodings the server offers.
#[derive(Debug, Clone)]
pub struct Representations {
    pub identity: Bytes,
    pub identity_etag: String,
    pub gzip: Bytes,
    pub gzip_etag: String,
    /// The ETags as header values, validated once rather than per response.
    identity_etag_header: HeaderValue,
    gzip_etag_header: HeaderValue,
}

impl Representations {
    pub fn new(identity: Bytes) -> Self {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail; should it, the identity body is offered under both names.
        let gzip = encoder.write_all(&identity).and_then(|()| encoder.finish()).map(Bytes::from);
        let identity_etag = strong_etag(&identity);
        let (gzip, gzip_etag) = match gzip {
            Ok(gzip) => (gzip.clone(), strong_etag(&gzip)),
            Err(_) => (identity.clone(), identity_etag.clone()),
        };
        // A strong ETag is a quoted hex string, always a valid header value.
        let header = |etag: &str| HeaderValue::from_str(etag).unwrap_or(HeaderValue::from_static("\"\""));
        Self {
            identity_etag_header: header(&identity_etag),
            gzip_etag_header: header(&gzip_etag),
            identity,
            identity_etag,
            gzip,
            gzip_etag,
        }
    }
}

/// True when `Accept-Encoding` accepts gzip (explicitly or by `*`) with a non-zero quality.
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers().get_all(header::ACCEPT_ENCODING).filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                let p = p.trim().replace(' ', "");
                p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            });
            (coding == "gzip" || coding == "x-gzip" || coding == "*") && !refused
        },
    )
}

/// Serves `content` as gzip or identity, or `304` when the client's
/// `If-None-Match` names either representation.
pub fn negotiated(
    req: &HttpRequest,
    content: &Representations,
    content_type: &'static str,
    cache_control: &HeaderValue,
) -> HttpResponse {
    for (etag, value) in
        [(&content.identity_etag, &content.identity_etag_header), (&content.gzip_etag, &content.gzip_etag_header)]
    {
        if matches_if_none_match(req, etag) {
            return HttpResponse::NotModified()
                .insert_header((header::ETAG, value.clone()))
                .insert_header((header::CACHE_CONTROL, cache_control.clone()))
                .insert_header((header::VARY, HeaderValue::from_static("Accept-Encoding")))
                .finish();
        }
    }
    let gzip = accepts_gzip(req);
    let (body, etag) = if gzip {
        (&content.gzip, &content.gzip_etag_header)
    } else {
        (&content.identity, &content.identity_etag_header)
    };
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)))
        .insert_header((header::ETAG, etag.clone()))
        .insert_header((header::CACHE_CONTROL, cache_control.clone()))
        .insert_header((header::VARY, HeaderValue::from_static("Accept-Encoding")));
    if gzip {
        response.insert_header((header::CONTENT_ENCODING, "gzip"));
    }
    response.body(body.clone())
}

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
pub fn cached_json(
    req: &HttpRequest,
    body: actix_web::web::Bytes,
    etag: &str,
    cache_control: &HeaderValue,
) -> HttpResponse {
    cached(req, body, etag, HeaderValue::from_static("application/json"), cache_control)
}

/// A cacheable response of any media type, or `304 Not Modified` when the client holds it.
pub fn cached(
    req: &HttpRequest,
    body: actix_web::web::Bytes,
    etag: &str,
    content_type: HeaderValue,
    cache_control: &HeaderValue,
) -> HttpResponse {
    let cache_control = cache_control.clone();
    if matches_if_none_match(req, etag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag.to_owned()))
            .insert_header((header::CACHE_CONTROL, cache_control))
            .finish();
    }
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::ETAG, etag.to_owned()))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .body(body)
}

/// Marks a response whose representation was chosen by `Accept` (and by
/// `Accept-Encoding`), so shared caches keep one copy per choice.
pub fn vary_on_accept(response: &mut HttpResponse) {
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept, Accept-Encoding"));
}

/// Serializes `value` and answers it with a computed ETag.
pub fn json_with_etag<T: serde::Serialize>(
    req: &HttpRequest,
    value: &T,
    cache_control: &HeaderValue,
) -> Result<HttpResponse, crate::error::ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| crate::error::ApiError::internal("serializing a response", e))?;
    let etag = strong_etag(&body);
    Ok(cached_json(req, body.into(), &etag, cache_control))
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
    fn gzip_is_negotiated_by_accept_encoding() {
        let accepts = |value: &str| {
            accepts_gzip(&TestRequest::default().insert_header(("Accept-Encoding", value)).to_http_request())
        };
        assert!(accepts("gzip, deflate, br"));
        assert!(accepts("br;q=1.0, gzip;q=0.8"));
        assert!(accepts("*"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("br, identity"));
        assert!(!accepts_gzip(&TestRequest::default().to_http_request()));
    }

    #[test]
    fn gzip_representation_roundtrips_with_its_own_etag() {
        use std::io::Read;
        let body = Bytes::from(vec![b'a'; 10_000]);
        let reps = Representations::new(body.clone());
        assert_ne!(reps.identity_etag, reps.gzip_etag);
        assert!(reps.gzip.len() < body.len());
        let mut decoded = Vec::new();
        let _ = flate2::read::GzDecoder::new(&reps.gzip[..]).read_to_end(&mut decoded);
        assert_eq!(decoded, body.to_vec());
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
