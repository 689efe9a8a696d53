//! Charts as SVG, their embed pages, and oEmbed.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, route, web};
use serde::Deserialize;
use tracing::instrument;
use utoipa::IntoParams;

use super::problem::Problem;
use crate::embed::chart::{ChartKind, ChartParams, ChartRequest};
use crate::embed::oembed::{self as oembed_rules, CAPTION_HEIGHT, OEmbed, OEmbedParams};
use crate::embed::page::{self, Links};
use crate::error::ApiError;
use crate::formats::negotiate;
use crate::http_cache::{cached, json_with_etag, negotiated, strong_etag, vary_on_accept};
use crate::partner::gate::Caller;
use crate::public_url;
use crate::state::AppState;

/// The longest embed address oEmbed takes (the contract's `maxLength`).
const MAX_EMBED_URL: usize = 2048;

/// How an embed page framed under a key is cached.
const KEYED_PAGE_CACHE: &str = "private, max-age=60";

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
    let mut response = negotiated(&req, &rendered.svg, "image/svg+xml", state.cache_control());
    vary_on_accept(&mut response);
    Ok(response)
}

/// The embed page of a chart, for an `<iframe>`.
#[utoipa::path(
    get,
    path = "/embed/roles/{slug}/{chart}",
    tag = "embeds",
    params(
        ChartPath,
        ChartParams,
        ("key" = Option<String>, Query, max_length = 64, description = "An embed-only API key: the page may be framed only by the key's origins (`frame-ancestors`). Without a key, the page cannot be framed."),
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
    let base = public_url::base(&req, &state);
    let page_url = match req.query_string() {
        "" => format!("{base}{}", req.path()),
        query => format!("{base}{}?{query}", req.path()),
    };
    let discovery = format!(
        "{base}/oembed?{}",
        serde_urlencoded::to_string([("url", page_url.as_str()), ("format", "json")]).unwrap_or_default()
    );
    // The role was found, so `role` is a slug: safe in a path.
    let links = Links { oembed: discovery, profile: format!("{base}/api/v1/roles/{role}") };
    let html = page::render(&rendered, &request.style, &links);
    let key = match req.extensions().get::<Caller>() {
        Some(Caller::Partner(key)) => Some(key.clone()),
        _ => None,
    };
    let ancestors = page::frame_ancestors(key.as_deref());
    let etag = strong_etag(format!("{html}\n{ancestors}").as_bytes());
    // A page framed under a key is kept by the visitor's browser only, and
    // briefly: a revoked key stops framing within a minute.
    let cache_control =
        if key.is_some() { HeaderValue::from_static(KEYED_PAGE_CACHE) } else { state.cache_control().clone() };
    let mut response = cached(
        &req,
        html.into_bytes().into(),
        &etag,
        HeaderValue::from_static("text/html; charset=utf-8"),
        &cache_control,
    );
    let policy = HeaderValue::from_str(&page::policy(&ancestors))
        .map_err(|e| ApiError::internal("writing an embed page's policy", e))?;
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
    vary_on_accept(&mut response);
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
    if url.chars().count() > MAX_EMBED_URL {
        return Err(ApiError::invalid("url", format!("an embed address is at most {MAX_EMBED_URL} characters")));
    }
    let base = public_url::base(&req, &state);
    let host = base.split_once("://").map_or(base.as_str(), |(_, host)| host);
    let target = oembed_rules::target(url, host)?;
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
    // A key in the address must be one the embed page would take.
    if let Some(secret) = oembed_rules::key_in_query(&target.query) {
        let key = state.partners.keys.resolve(&secret).await.map_err(not_embed)?;
        if !key.is_embed_only() {
            return Err(not_embed(ApiError::ApiKeyRefused("its key is not an embed-only key".into())));
        }
    }
    let request = ChartRequest::parse(target.kind, &target.params).map_err(not_embed)?;
    let rendered = state.charts.chart(&state, &target.role, &request).await.map_err(not_embed)?;
    let size = oembed_rules::fitted(rendered.width, rendered.height, &query)?.ok_or_else(|| {
        not_embed(ApiError::invalid("maxheight", format!("the frame needs more than {CAPTION_HEIGHT} pixels")))
    })?;
    // The frame's address is rebuilt at this server's public address.
    let src = match target.query.as_str() {
        "" => format!("{base}/embed/roles/{}/{}", target.role, target.kind.as_str()),
        query => format!("{base}/embed/roles/{}/{}?{query}", target.role, target.kind.as_str()),
    };
    let answer = oembed_rules::answer(&rendered, &src, &format!("{base}/"), size, state.config.cache_max_age.as_secs());
    json_with_etag(&req, &answer, state.cache_control())
}
