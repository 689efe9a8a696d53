//! The representations beside JSON: schema.org JSON-LD for a profile (also
//! as a `<script>` block), CSV for the certifications table, PDF for a
//! download. Each is chosen by `Accept` and cached like content.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, route, web};
use roledex_domain::profile::{Download, RoleProfile};
use roledex_domain::scoring::RankedCertification;
use tracing::instrument;

use super::problem::Problem;
use crate::error::ApiError;
use crate::formats::{jsonld, negotiate, pdf, table_csv};
use crate::http_cache::{cached, matches_if_none_match, strong_etag, vary_on_accept};
use crate::public_url;
use crate::state::AppState;

fn respond(req: &HttpRequest, state: &AppState, body: Vec<u8>, content_type: &'static str) -> HttpResponse {
    let etag = strong_etag(&body);
    let mut response = cached(req, body.into(), &etag, HeaderValue::from_static(content_type), state.cache_control());
    vary_on_accept(&mut response);
    response
}

/// The profile as schema.org JSON-LD (`Occupation`).
pub fn json_ld(req: &HttpRequest, state: &AppState, profile: &RoleProfile) -> Result<HttpResponse, ApiError> {
    let url = format!("{}/api/v1/roles/{}", public_url::base(req, state), profile.document.slug);
    let body = serde_json::to_vec(&jsonld::occupation(profile, &url))
        .map_err(|e| ApiError::internal("serializing JSON-LD", e))?;
    Ok(respond(req, state, body, "application/ld+json"))
}

/// The certifications table as CSV.
pub fn certifications_csv(
    req: &HttpRequest,
    state: &AppState,
    role: &str,
    rows: &[RankedCertification],
) -> Result<HttpResponse, ApiError> {
    let mut response = respond(req, state, table_csv::certifications(rows)?, "text/csv; charset=utf-8; header=present");
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{role}-certifications.csv\"")) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// A download as PDF. The rendering is a function of the text and the
/// layout's version, so the ETag is known before rendering and a client that
/// holds the document gets its 304 without one.
pub fn download_pdf(req: &HttpRequest, state: &AppState, role_title: &str, download: &Download) -> HttpResponse {
    let attribution = format!("{role_title}, Roledex");
    let etag = strong_etag(
        format!("pdf {}\n{attribution}\n{}\n{}", pdf::LAYOUT_VERSION, download.title, download.body).as_bytes(),
    );
    let content_type = HeaderValue::from_static("application/pdf");
    let body = if matches_if_none_match(req, &etag) {
        Vec::new()
    } else {
        pdf::render(&download.title, &download.body, &attribution)
    };
    let mut response = cached(req, body.into(), &etag, content_type, state.cache_control());
    vary_on_accept(&mut response);
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{}.pdf\"", download.key)) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The profile's schema.org JSON-LD, or the same as a `<script>` block to
/// paste into a page (`Accept: text/html`).
#[utoipa::path(
    get,
    path = "/roles/{slug}/structured-data",
    tag = "roles",
    params(("slug" = String, Path, description = "Role slug")),
    responses(
        (status = 200, description = "A schema.org `Occupation`: name, description, skills (`DefinedTerm`), qualifications \
(`EducationalOccupationalCredential`), occupationalCategory, and estimatedSalary (`MonetaryAmountDistribution`) only for sourced figures. \
`Accept: text/html` gives the same as an HTML script element of type `application/ld+json`, to paste into a page.",
            content(
                (serde_json::Value = "application/ld+json"),
                (String = "text/html"),
            ),
            headers(("ETag" = String), ("Cache-Control" = String), ("Vary" = String))),
        (status = 304, description = "Not modified"),
        (status = 404, description = "No such role", body = Problem, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names neither type (`not_acceptable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles/{slug}/structured-data", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn structured_data(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let chosen = negotiate::choose(&req, &["application/ld+json", "text/html"])?;
    let cached = super::roles::cached_profile(&state, &slug).await?;
    if chosen == "application/ld+json" {
        return json_ld(&req, &state, &cached.profile);
    }
    let url = format!("{}/api/v1/roles/{}", public_url::base(&req, &state), cached.profile.document.slug);
    let block = jsonld::script_block(&jsonld::occupation(&cached.profile, &url));
    Ok(respond(&req, &state, block.into_bytes(), "text/html; charset=utf-8"))
}
