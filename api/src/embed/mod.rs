//! Embeds for partner sites: charts drawn on the server as SVG from the same
//! data and rules as the JSON API, embed pages that frame them, and oEmbed.
//!
//! A chart is a pure function of its URL and the content version, so each
//! distinct chart is drawn once per content version and kept (bounded in
//! bytes); a learner's radar takes its ratings from the query string and
//! nothing is stored.

pub mod accessible;
pub mod chart;
mod draw;
pub mod oembed;
pub mod page;
pub mod style;

use std::sync::Arc;

use roledex_domain::guidance::assessment::{SkillRatings, assess};
use roledex_domain::scoring::{rank_certifications, role_radar};

use crate::error::ApiError;
use crate::http_cache::Representations;
use crate::learning;
use crate::state::AppState;
use chart::{ChartInput, ChartKind, ChartRequest};
use draw::Drawn;

/// Bytes of drawn charts kept (SVG and its gzip form).
const MAX_CHART_BYTES: u64 = 16 * 1024 * 1024;

/// A drawn chart, in the forms it is served in.
#[derive(Debug)]
pub struct RenderedChart {
    pub kind: ChartKind,
    /// The SVG, and its gzip form, each with its ETag.
    pub svg: Representations,
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub role_title: String,
}

pub struct ChartCache {
    enabled: bool,
    entries: moka::future::Cache<String, Arc<RenderedChart>, foldhash::quality::RandomState>,
}

impl ChartCache {
    pub fn new(enabled: bool) -> Self {
        let entries = moka::future::Cache::builder()
            .max_capacity(MAX_CHART_BYTES)
            .weigher(|key: &String, chart: &Arc<RenderedChart>| {
                u32::try_from(key.len() + chart.svg.identity.len() + chart.svg.gzip.len()).unwrap_or(u32::MAX)
            })
            .build_with_hasher(foldhash::quality::RandomState::default());
        Self { enabled, entries }
    }

    /// The chart `request` draws for `role`: from memory when this content
    /// version drew it already (concurrent misses draw it once).
    pub async fn chart(
        &self,
        state: &AppState,
        role: &str,
        request: &ChartRequest,
    ) -> Result<Arc<RenderedChart>, ApiError> {
        if !self.enabled {
            return render(state, role, request).await.map(Arc::new);
        }
        let key = format!("{}\n{}", state.cache.generation(), request.key(role));
        self.entries
            .try_get_with(key, async { render(state, role, request).await.map(Arc::new) })
            .await
            .map_err(|e| (*e).clone())
    }
}

async fn render(state: &AppState, role: &str, request: &ChartRequest) -> Result<RenderedChart, ApiError> {
    let cached = learning::role_profile(state, role).await?;
    let profile = &cached.profile;
    let role_title = profile.document.title.clone();
    let style = &request.style;
    let drawn: Drawn = match (&request.input, request.kind) {
        (ChartInput::Ratings(ratings), _) => {
            let result = assess(profile, &SkillRatings::new(profile, ratings)?);
            draw::radar::learner(&role_title, &result.radar, result.skills_score, style)?
        }
        (ChartInput::Timeline(body), _) => {
            let timeline = learning::compute::certification_timeline(state, role, body.clone()).await?;
            draw::timeline::draw(&role_title, &timeline, body.hours_per_week, style)?
        }
        (ChartInput::Role, ChartKind::Certifications) => {
            draw::certifications::draw(&role_title, &rank_certifications(profile), style)?
        }
        (ChartInput::Role, ChartKind::CareerLadder) => {
            draw::ladder::draw(&role_title, &profile.document.ladder, style)?
        }
        (ChartInput::Role, _) => draw::radar::role(&role_title, &role_radar(&profile.skills), style)?,
    };
    let svg = accessible::finish(&drawn.svg, &drawn.title, &drawn.desc)?;
    Ok(RenderedChart {
        kind: request.kind,
        svg: Representations::new(svg.into_bytes().into()),
        width: drawn.width.round() as u32,
        height: drawn.height.round() as u32,
        title: drawn.title,
        role_title,
    })
}
