//! oEmbed (oembed.com, type `rich`): a partner CMS given the address of an
//! embed page asks `/oembed?url=...` for the `<iframe>` to paste. Only this
//! server's embed addresses are answered; anything else is 404, as the
//! specification asks, and a format other than JSON is 501.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::RenderedChart;
use super::accessible::escape;
use super::chart::{ChartKind, ChartParams};
use crate::error::ApiError;

/// The query of `/oembed`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OEmbedParams {
    /// The embed page's address, such as `https://roledex.example/embed/roles/ai-systems-safety-manager/skills-radar`.
    #[param(max_length = 2048, pattern = "^https?://")]
    pub url: String,
    /// `json` (the default and the only format served; any other, such as `xml`, gets 501).
    #[param(max_length = 16)]
    pub format: Option<String>,
    /// The widest the consumer can show, in pixels; the frame is scaled down to fit.
    #[param(value_type = Option<i32>, minimum = 1, maximum = 10000)]
    pub maxwidth: Option<String>,
    /// The tallest the consumer can show, in pixels.
    #[param(value_type = Option<i32>, minimum = 1, maximum = 10000)]
    pub maxheight: Option<String>,
}

/// An oEmbed response of type `rich`.
#[derive(Debug, Serialize, ToSchema)]
pub struct OEmbed {
    /// Always `1.0`.
    pub version: String,
    /// Always `rich`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub provider_name: String,
    pub provider_url: String,
    /// An `<iframe>` of the embed page, sandboxed (the page runs no script).
    pub html: String,
    pub width: u32,
    pub height: u32,
    /// Seconds a consumer may keep this answer.
    pub cache_age: u64,
}

/// An embed address taken apart.
#[derive(Debug)]
pub struct EmbedTarget {
    pub role: String,
    pub kind: ChartKind,
    pub params: ChartParams,
    /// The address's query, as written (the frame is given it again).
    pub query: String,
}

/// The height of the embed page's attribution line, in CSS pixels.
pub const CAPTION_HEIGHT: u32 = 32;

#[derive(Debug, Default, Deserialize)]
struct KeyParam {
    key: Option<String>,
}

fn not_embed(url: &str, why: &str) -> ApiError {
    ApiError::EmbedNotFound { url: url.chars().take(200).collect(), reason: why.to_owned() }
}

/// `url` if it is an embed page of this server (`host`: its public host and port).
pub fn target(url: &str, host: &str) -> Result<EmbedTarget, ApiError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| not_embed(url, "an embed address starts with http:// or https://"))?;
    let rest = rest.split('#').next().unwrap_or_default();
    let (authority, path_and_query) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if !authority.eq_ignore_ascii_case(host) {
        return Err(not_embed(url, "it is not an address of this server"));
    }
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let segments: Vec<&str> = path.split('/').collect();
    let ["", "embed", "roles", role, chart] = segments.as_slice() else {
        return Err(not_embed(url, "embed pages are /embed/roles/{slug}/{chart}"));
    };
    let kind = ChartKind::parse(chart).map_err(|e| not_embed(url, &e.to_string()))?;
    let params = actix_web::web::Query::<ChartParams>::from_query(query)
        .map_err(|e| not_embed(url, &format!("its query cannot be read: {e}")))?
        .into_inner();
    Ok(EmbedTarget { role: (*role).to_owned(), kind, params, query: query.to_owned() })
}

/// The key an embed address carries (`key=rdx_...`), if any.
pub fn key_in_query(query: &str) -> Option<String> {
    actix_web::web::Query::<KeyParam>::from_query(query).ok().and_then(|q| q.into_inner().key)
}

fn bound(name: &str, raw: Option<&str>) -> Result<Option<u32>, ApiError> {
    match raw {
        None => Ok(None),
        Some(raw) => match raw.trim().parse::<u32>() {
            Ok(v) if (1..=10_000).contains(&v) => Ok(Some(v)),
            _ => Err(ApiError::invalid(name, "a whole number of pixels from 1 to 10000")),
        },
    }
}

/// The frame for a chart of `width` by `height`: the chart scaled down (never
/// up) to the consumer's bounds, and the page's attribution line below it,
/// which does not scale. `None` when not even the line fits `maxheight`.
pub fn fitted(width: u32, height: u32, params: &OEmbedParams) -> Result<Option<(u32, u32)>, ApiError> {
    let max_width = bound("maxwidth", params.maxwidth.as_deref())?;
    let max_height = bound("maxheight", params.maxheight.as_deref())?;
    let (width, height) = (f64::from(width.max(1)), f64::from(height.max(1)));
    let mut scale = 1.0_f64;
    if let Some(m) = max_width {
        scale = scale.min(f64::from(m) / width);
    }
    if let Some(m) = max_height {
        if m <= CAPTION_HEIGHT {
            return Ok(None);
        }
        scale = scale.min(f64::from(m - CAPTION_HEIGHT) / height);
    }
    Ok(Some(((width * scale).floor().max(1.0) as u32, (height * scale).floor().max(1.0) as u32 + CAPTION_HEIGHT)))
}

/// The answer for `chart`, framed from `src` (the embed page, at this server's public address).
pub fn answer(chart: &RenderedChart, src: &str, provider_url: &str, size: (u32, u32), cache_age: u64) -> OEmbed {
    let (width, height) = size;
    OEmbed {
        version: "1.0".into(),
        kind: "rich".into(),
        title: chart.title.clone(),
        provider_name: "Roledex".into(),
        provider_url: provider_url.to_owned(),
        html: format!(
            "<iframe src=\"{}\" width=\"{width}\" height=\"{height}\" title=\"{}\" loading=\"lazy\" \
             referrerpolicy=\"no-referrer\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" \
             style=\"border:0;max-width:100%\"></iframe>",
            escape(src),
            escape(&chart.title)
        ),
        width,
        height,
        cache_age,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_servers_embed_pages_are_targets() {
        let t = target(
            "https://r.example/embed/roles/a-role/learner-radar?ratings=x:2&theme=dark&key=rdx_k#top",
            "r.example",
        );
        let Ok(t) = t else { panic!("{t:?}") };
        assert_eq!((t.role.as_str(), t.kind), ("a-role", ChartKind::LearnerRadar));
        assert_eq!(t.params.ratings.as_deref(), Some("x:2"));
        assert_eq!(key_in_query("ratings=x:2&key=rdx_k").as_deref(), Some("rdx_k"));
        assert!(target("http://R.EXAMPLE/embed/roles/a/skills-radar", "r.example").is_ok());
        for other in [
            "https://elsewhere.example/embed/roles/a/skills-radar",
            "https://r.example/api/v1/roles/a",
            "https://r.example/embed/roles/a/pie",
            "https://r.example/embed/roles/a/skills-radar/x",
            "ftp://r.example/embed/roles/a/skills-radar",
            "r.example/embed/roles/a/skills-radar",
        ] {
            assert!(matches!(target(other, "r.example"), Err(ApiError::EmbedNotFound { .. })), "{other}");
        }
    }

    #[test]
    fn frames_shrink_to_fit_and_never_grow() {
        let params = |w: Option<&str>, h: Option<&str>| OEmbedParams {
            url: String::new(),
            format: None,
            maxwidth: w.map(str::to_owned),
            maxheight: h.map(str::to_owned),
        };
        let caption = CAPTION_HEIGHT;
        assert_eq!(fitted(640, 460, &params(None, None)).ok().flatten(), Some((640, 460 + caption)));
        assert_eq!(fitted(640, 460, &params(Some("320"), None)).ok().flatten(), Some((320, 230 + caption)));
        assert_eq!(
            fitted(640, 460, &params(Some("2000"), Some(&(230 + caption).to_string()))).ok().flatten(),
            Some((320, 230 + caption))
        );
        let no_room = fitted(640, 460, &params(None, Some(&caption.to_string())));
        assert_eq!(no_room.ok(), Some(None), "not even the attribution line fits");
        assert!(fitted(640, 460, &params(Some("0"), None)).is_err());
        assert!(fitted(640, 460, &params(None, Some("wide"))).is_err());
    }
}
