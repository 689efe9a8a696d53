//! Charts as SVG, their embed pages, and oEmbed.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, route, web};
use serde::Deserialize;
use tracing::instrument;
use utoipa::IntoParams;

use super::formats::base_url;
use super::problem::Problem;
use crate::embed::chart::{ChartKind, ChartParams, ChartRequest};
use crate::embed::oembed::{self as oembed_rules, OEmbed, OEmbedParams};
use crate::embed::page::{self, Links};
use crate::error::ApiError;
use crate::formats::negotiate;
use crate::http_cache::{cached, json_with_etag, negotiated, strong_etag};
use crate::partner::gate::Caller;
use crate::state::AppState;

/// The path of a chart and of its embed page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ChartPath {
    /// Role slug, e.g. ai-systems-safety-manager
    slug: String,
    /// Which chart
    #[param(inline, value_type = ChartKind)]
    chart: String,
}

/// The problems a chart and its embed page answer (documentation only).
#[derive(utoipa::IntoResponses)]
#[expect(dead_code, reason = "describes responses for OpenAPI; never built")]
enum ChartProblems {
    /// A parameter is invalid or missing (`invalid_parameter`)
    #[response(status = 400, content_type = "application/problem+json")]
    Invalid(Problem),
    /// No such role (`role_not_found`) or chart (`chart_not_found`)
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// `Accept` excludes this representation (`not_acceptable`)
    #[response(status = 406, content_type = "application/problem+json")]
    NotAcceptable(Problem),
    /// A parameter this chart needs is missing (`chart_input_missing`), an outline role (`role_is_outline`), or
    /// ratings the self-assessment refuses (`invalid_submission`)
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
}

/// A chart of the role as SVG.
#[utoipa::path(
    get,
    path = "/roles/{slug}/charts/{chart}",
    tag = "embeds",
    params(ChartPath, ChartParams),
    responses(
        (status = 200, description = "The chart: SVG with a `<title>` and a `<desc>` stating its data (gzip-encoded when `Accept-Encoding` allows)",
            body = String, content_type = "image/svg+xml",
            headers(("ETag" = String, description = "Strong validator of this representation"), ("Cache-Control" = String))),
        (status = 304, description = "Not modified"),
        ChartProblems,
    )
)]
#[route("/roles/{slug}/charts/{chart}", method = "GET", method = "HEAD")]
#[instrument(skip(state, req, query))]
pub async fn role_chart(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<ChartPath>,
    query: web::Query<ChartParams>,
) -> Result<HttpResponse, ApiError> {
    negotiate::choose(&req, &["image/svg+xml"])?;
    let ChartPath { slug: role, chart } = path.into_inner();
    let request = ChartRequest::parse(ChartKind::parse(&chart)?, &query)?;
    let rendered = state.charts.chart(&state, &role, &request).await?;
    Ok(negotiated(&req, &rendered.svg, "image/svg+xml", state.cache_control()))
}

/// The embed page of a chart, for an `<iframe>`.
#[utoipa::path(
    get,
    path = "/embed/roles/{slug}/{chart}",
    tag = "embeds",
    params(
        ChartPath,
        ChartParams,
        ("key" = Option<String>, Query, description = "An API key with the `embed` scope: the page may be framed only by the key's origins (`frame-ancestors`). Without a key, the page cannot be framed."),
    ),
    responses(
        (status = 200, description = "An HTML page with the chart inline and its attribution; it runs no script and loads nothing",
            body = String, content_type = "text/html",
            headers(("Content-Security-Policy" = String, description = "`frame-ancestors` lists the key's origins, or `'none'`"), ("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified"),
        ChartProblems,
    )
)]
#[route("/embed/roles/{slug}/{chart}", method = "GET", method = "HEAD")]
#[instrument(skip(state, req, query))]
pub async fn embed_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<ChartPath>,
    query: web::Query<ChartParams>,
) -> Result<HttpResponse, ApiError> {
    negotiate::choose(&req, &["text/html"])?;
    let ChartPath { slug: role, chart } = path.into_inner();
    let request = ChartRequest::parse(ChartKind::parse(&chart)?, &query)?;
    let rendered = state.charts.chart(&state, &role, &request).await?;
    let base = base_url(&req);
    let page_url = format!("{base}{}", req.uri());
    let discovery = format!(
        "{base}/oembed?{}",
        serde_urlencoded::to_string([("url", page_url.as_str()), ("format", "json")]).unwrap_or_default()
    );
    // The role was found, so `role` is a slug: safe in a path.
    let links = Links { oembed: discovery, profile: format!("{base}/api/v1/roles/{role}") };
    let html = page::render(&rendered, &request.style, &links);
    let ancestors = match req.extensions().get::<Caller>() {
        Some(Caller::Partner(key)) => page::frame_ancestors(Some(key)),
        _ => page::frame_ancestors(None),
    };
    let etag = strong_etag(format!("{html}\n{ancestors}").as_bytes());
    let mut response = cached(
        &req,
        html.into_bytes().into(),
        &etag,
        HeaderValue::from_static("text/html; charset=utf-8"),
        state.cache_control(),
    );
    let policy = HeaderValue::from_str(&page::policy(&ancestors))
        .map_err(|e| ApiError::internal("writing an embed page's policy", e))?;
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
    Ok(response)
}

/// oEmbed for embed pages: the `<iframe>` a partner CMS pastes for an embed address.
#[utoipa::path(
    get,
    path = "/oembed",
    tag = "embeds",
    params(OEmbedParams),
    responses(
        (status = 200, description = "An oEmbed `rich` response", body = OEmbed),
        (status = 304, description = "Not modified"),
        (status = 400, description = "`url` missing, or `maxwidth`/`maxheight` invalid (`invalid_parameter`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`url` is not an embed page of this server (`embed_not_found`, with the reason)", body = Problem, content_type = "application/problem+json"),
        (status = 501, description = "A format other than json (`format_not_implemented`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/oembed", method = "GET", method = "HEAD")]
#[instrument(skip(state, req, query))]
pub async fn oembed(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<OEmbedParams>,
) -> Result<HttpResponse, ApiError> {
    match query.format.as_deref() {
        None | Some("json") => {}
        Some(other) => return Err(ApiError::FormatNotImplemented { format: other.chars().take(40).collect() }),
    }
    let url = query.url.as_str();
    let host = req.connection_info().host().to_owned();
    let target = oembed_rules::target(url, &host)?;
    let not_embed = |e: ApiError| match e {
        ApiError::RoleNotFound(_)
        | ApiError::RoleIsOutline(_)
        | ApiError::ChartNotFound(_)
        | ApiError::ChartInputMissing { .. }
        | ApiError::InvalidParameter { .. }
        | ApiError::InvalidSubmission(_)
        | ApiError::ApiKeyRefused(_) => {
            ApiError::EmbedNotFound { url: url.chars().take(200).collect(), reason: e.to_string() }
        }
        other => other,
    };
    if let Some(secret) = url.split_once('?').and_then(|(_, q)| oembed_rules::key_in_query(q)) {
        state.partners.keys.resolve(&secret).await.map_err(not_embed)?;
    }
    let request = ChartRequest::parse(target.kind, &target.params).map_err(not_embed)?;
    let rendered = state.charts.chart(&state, &target.role, &request).await.map_err(not_embed)?;
    let size = oembed_rules::fitted(rendered.width, rendered.height, &query)?;
    let answer = oembed_rules::answer(
        &rendered,
        url,
        &format!("{}/", base_url(&req)),
        size,
        state.config.cache_max_age.as_secs(),
    );
    json_with_etag(&req, &answer, state.cache_control())
}
