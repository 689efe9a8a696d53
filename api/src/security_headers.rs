//! Headers that protect browsers, on every response: `nosniff` everywhere,
//! and on HTML pages (GraphiQL, the API docs) a Content-Security-Policy that
//! allows this origin alone and no framing, with a strict `Referrer-Policy`;
//! embed pages state their own policy (framed only by their key's origins).
//! The pages load their scripts from this server and run no inline script.

use actix_web::http::header::{self, HeaderMap, HeaderValue};

/// Styles may be inline: GraphiQL and Swagger UI set them at run time.
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Adds the headers to a response about to leave.
pub fn add(headers: &mut HeaderMap) {
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    let html =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if html {
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        // A page that states its own policy (an embed page: framed by its
        // key's origins) keeps it; `X-Frame-Options` would override it.
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
    }
}
