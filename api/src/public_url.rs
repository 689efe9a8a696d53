//! The origin this service is reached at, for the absolute links it writes
//! (embed pages, oEmbed, JSON-LD). Configured (`public_url`), or the request's
//! `Host`; a proxy's `X-Forwarded-Host` and `-Proto` are believed only from a
//! trusted proxy, so no client can make a cached page link elsewhere.

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::state::AppState;

pub fn base(req: &HttpRequest, state: &AppState) -> String {
    if let Some(configured) = &state.config.public_url {
        return configured.trim_end_matches('/').to_ascii_lowercase();
    }
    if state.partners.proxies.trusts_peer(req) {
        let info = req.connection_info();
        return format!("{}://{}", info.scheme(), info.host());
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned)
        .unwrap_or_else(|| req.app_config().host().to_owned());
    format!("http://{host}")
}
