//! The charts a partner can embed, and the query parameters that shape them.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::dto;
use crate::error::ApiError;

use super::style::Style;

/// A chart of a role.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ChartKind {
    /// The role's skills radar: the target level of each skill area.
    SkillsRadar,
    /// A learner's ratings against the role's target, by skill area (`ratings` required; nothing is stored).
    LearnerRadar,
    /// The certifications in published rank, with their cost ranges.
    Certifications,
    /// The ladder up from the role, with compensation where a source gives it.
    CareerLadder,
    /// A certification timeline for a budget and weekly hours (`budget_usd`, `hours_per_week`, `start` required).
    CertificationTimeline,
}

impl ChartKind {
    pub fn parse(raw: &str) -> Result<Self, ApiError> {
        raw.parse().map_err(|_| ApiError::ChartNotFound(raw.chars().take(80).collect()))
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Query parameters of a chart and of its embed page. Each chart reads the
/// ones it needs and ignores the rest.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartParams {
    /// `light` (default) or `dark`.
    #[param(pattern = "^(light|dark)$")]
    pub theme: Option<String>,
    /// The accent colour as six hex digits, `2563eb` or `#2563eb` (`%232563eb`).
    #[param(pattern = "^#?[0-9A-Fa-f]{6}$")]
    pub accent: Option<String>,
    /// learner-radar (required there): the learner's ratings, `skill:level` pairs separated by
    /// commas (`red-teaming-methodology:3,adversarial-ml:2`); levels 1 to 5, unrated skills count 0.
    #[param(
        max_length = 1600,
        pattern = "^[a-z0-9]+(-[a-z0-9]+)*:[0-9]{1,2}(,[a-z0-9]+(-[a-z0-9]+)*:[0-9]{1,2}){0,99}$"
    )]
    pub ratings: Option<String>,
    /// certification-timeline (required there): the budget in USD (0 to 2147483647).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 2147483647)]
    pub budget_usd: Option<String>,
    /// certification-timeline (required there): study hours a week (1 to 80).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 80)]
    pub hours_per_week: Option<String>,
    /// certification-timeline (required there): the first day, `YYYY-MM-DD`.
    #[param(format = Date, pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub start: Option<String>,
    /// certification-timeline: years of professional experience (0 to 60), for entry requirements.
    #[param(value_type = Option<i64>, minimum = 0, maximum = 60)]
    pub years_experience: Option<String>,
    /// certification-timeline: `rank` (default) or `value`.
    #[param(pattern = "^(rank|value)$")]
    pub order: Option<String>,
    /// certification-timeline: slugs of certifications already held, separated by commas.
    #[param(max_length = 800, pattern = "^[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*){0,49}$")]
    pub held: Option<String>,
}

/// What a chart is drawn from, beyond the role.
#[derive(Debug, Clone, Serialize)]
pub enum ChartInput {
    Role,
    /// `(skill, level)` pairs, sorted, as the self-assessment takes them.
    Ratings(Vec<(String, i64)>),
    Timeline(dto::TimelineBody),
}

/// One chart, fully parsed: the same request always draws the same chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRequest {
    pub kind: ChartKind,
    pub style: Style,
    pub input: ChartInput,
}

impl ChartRequest {
    /// Every parameter this module knows is checked when sent, whether or not
    /// `kind` reads it (parameters it does not know are ignored, as URLs
    /// carry tracking and cache-busting parameters).
    pub fn parse(kind: ChartKind, params: &ChartParams) -> Result<Self, ApiError> {
        let style = Style::parse(params.theme.as_deref(), params.accent.as_deref())?;
        let ratings = params.ratings.as_deref().map(ratings).transpose()?;
        let timeline = TimelineFields::parse(params)?;
        let input = match kind {
            ChartKind::SkillsRadar | ChartKind::Certifications | ChartKind::CareerLadder => ChartInput::Role,
            ChartKind::LearnerRadar => ChartInput::Ratings(
                ratings.ok_or_else(|| needs(kind, "`ratings`, such as red-teaming-methodology:3,adversarial-ml:2"))?,
            ),
            ChartKind::CertificationTimeline => ChartInput::Timeline(timeline.complete()?),
        };
        Ok(Self { kind, style, input })
    }

    /// A canonical key: two URLs that draw the same chart share it.
    pub fn key(&self, role: &str) -> String {
        let body = serde_json::to_string(self).unwrap_or_default();
        format!("{role}\n{body}")
    }
}

/// At most this many ratings in a URL (a role has a few dozen skills at most).
const MAX_RATINGS: usize = 100;
/// At most this many held certifications.
const MAX_HELD: usize = 50;
/// The longest `ratings` and `held` values, in characters (the contract's
/// `maxLength`): room for every skill or certification of a role several
/// times over, while a URL with both at their longest, percent-encoded, stays
/// well inside the 64 KiB an HTTP request target may have here.
const MAX_RATINGS_LENGTH: usize = 1600;
const MAX_HELD_LENGTH: usize = 800;

/// A parameter the chart cannot be drawn without: 422, as the contract can
/// state it only as optional (other charts do without it).
fn needs(chart: ChartKind, what: &str) -> ApiError {
    ApiError::ChartInputMissing { chart: chart.as_str().to_owned(), needs: what.to_owned() }
}

fn short(text: &str) -> String {
    text.chars().take(80).collect()
}

fn ratings(raw: &str) -> Result<Vec<(String, i64)>, ApiError> {
    if raw.chars().count() > MAX_RATINGS_LENGTH {
        return Err(ApiError::invalid("ratings", format!("at most {MAX_RATINGS_LENGTH} characters")));
    }
    if raw.trim().is_empty() {
        return Err(ApiError::invalid("ratings", "at least one `skill:level` pair"));
    }
    let mut pairs = Vec::new();
    for pair in raw.split(',') {
        let (skill, level) = pair
            .trim()
            .split_once(':')
            .ok_or_else(|| ApiError::invalid("ratings", format!("`{}` is not `skill:level`", short(pair))))?;
        let skill = skill.trim();
        if !slug_shaped(skill) {
            return Err(ApiError::invalid("ratings", format!("`{}` is not a skill slug", short(skill))));
        }
        let level = level.trim();
        let level =
            level.parse::<i64>().ok().filter(|_| level.bytes().all(|b| b.is_ascii_digit())).ok_or_else(|| {
                ApiError::invalid("ratings", format!("the level of `{skill}` is not a whole number from 1 to 5"))
            })?;
        pairs.push((skill.to_owned(), level));
        if pairs.len() > MAX_RATINGS {
            return Err(ApiError::invalid("ratings", format!("at most {MAX_RATINGS} ratings")));
        }
    }
    pairs.sort();
    Ok(pairs)
}

/// Written like a slug (lowercase letters and digits in hyphenated words),
/// the shape the contract's pattern states; whether one exists is the rule's
/// to say (422), as is a slug too long to be one.
fn slug_shaped(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn integer(name: &str, raw: Option<&str>, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
    let Some(raw) = raw else { return Ok(None) };
    match raw.trim().parse::<i64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(Some(v)),
        _ => Err(ApiError::invalid(name, format!("a whole number from {min} to {max}"))),
    }
}

/// The certification-timeline parameters, each checked when sent.
struct TimelineFields {
    budget_usd: Option<i64>,
    hours_per_week: Option<i64>,
    start: Option<String>,
    years_experience: Option<i64>,
    order: dto::TimelineOrder,
    held: Vec<String>,
}

impl TimelineFields {
    fn parse(params: &ChartParams) -> Result<Self, ApiError> {
        let order = match params.order.as_deref() {
            None | Some("rank") => dto::TimelineOrder::Rank,
            Some("value") => dto::TimelineOrder::Value,
            Some(_) => return Err(ApiError::invalid("order", "use rank or value")),
        };
        if params.held.as_ref().is_some_and(|h| h.chars().count() > MAX_HELD_LENGTH) {
            return Err(ApiError::invalid("held", format!("at most {MAX_HELD_LENGTH} characters")));
        }
        let mut held = Vec::new();
        for raw in params.held.as_deref().map(|h| h.split(',')).into_iter().flatten() {
            let slug = raw.trim();
            if !slug_shaped(slug) {
                return Err(ApiError::invalid("held", format!("`{}` is not a certification slug", short(raw))));
            }
            held.push(slug.to_owned());
            if held.len() > MAX_HELD {
                return Err(ApiError::invalid("held", format!("at most {MAX_HELD} certifications")));
            }
        }
        held.sort();
        held.dedup();
        let start = params.start.clone();
        // Only the shape here; whether it is a real day is the timeline rule's to say.
        let shaped = |d: &str| {
            d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
        };
        if start.as_deref().is_some_and(|d| !shaped(d)) {
            return Err(ApiError::invalid("start", "a date written YYYY-MM-DD"));
        }
        Ok(Self {
            budget_usd: integer("budget_usd", params.budget_usd.as_deref(), 0, 2_147_483_647)?,
            hours_per_week: integer("hours_per_week", params.hours_per_week.as_deref(), 1, 80)?,
            start,
            years_experience: integer("years_experience", params.years_experience.as_deref(), 0, 60)?,
            order,
            held,
        })
    }

    fn complete(self) -> Result<dto::TimelineBody, ApiError> {
        let required = |name: &str| {
            needs(
                ChartKind::CertificationTimeline,
                &format!("`{name}` (it needs `budget_usd`, `hours_per_week` and `start`)"),
            )
        };
        Ok(dto::TimelineBody {
            budget_usd: self.budget_usd.ok_or_else(|| required("budget_usd"))?,
            hours_per_week: self.hours_per_week.ok_or_else(|| required("hours_per_week"))?,
            start: self.start.ok_or_else(|| required("start"))?,
            held: self.held,
            study_hours: Vec::new(),
            order: self.order,
            years_experience: self.years_experience,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> ChartParams {
        let query: String = pairs.iter().map(|(k, v)| format!("{k}={v}&")).collect();
        serde_urlencoded_like(&query)
    }

    /// The query string as actix reads it.
    fn serde_urlencoded_like(query: &str) -> ChartParams {
        actix_web::web::Query::<ChartParams>::from_query(query).map(|q| q.into_inner()).unwrap_or_default()
    }

    #[test]
    fn ratings_are_read_sorted_and_refused_with_a_reason() {
        let request = ChartRequest::parse(ChartKind::LearnerRadar, &params(&[("ratings", "b:2,a:5")]));
        let Ok(ChartRequest { input: ChartInput::Ratings(pairs), .. }) = request else { panic!("{request:?}") };
        assert_eq!(pairs, vec![("a".to_owned(), 5), ("b".to_owned(), 2)]);
        for bad in ["", "a", "a:x", "a:1,b"] {
            let refused = ChartRequest::parse(ChartKind::LearnerRadar, &params(&[("ratings", bad)]));
            assert!(matches!(refused, Err(ApiError::InvalidParameter { ref name, .. }) if name == "ratings"), "{bad}");
        }
        let missing = ChartRequest::parse(ChartKind::LearnerRadar, &params(&[]));
        assert!(matches!(missing, Err(ApiError::ChartInputMissing { ref chart, .. }) if chart == "learner-radar"));
    }

    #[test]
    fn the_same_chart_has_one_key_however_the_url_is_written() {
        let a = ChartRequest::parse(ChartKind::LearnerRadar, &params(&[("ratings", "b:2,a:5"), ("theme", "light")]));
        let b = ChartRequest::parse(ChartKind::LearnerRadar, &params(&[("ratings", "a:5,b:2")]));
        let (Ok(a), Ok(b)) = (a, b) else { panic!("both parse") };
        assert_eq!(a.key("r"), b.key("r"));
        assert_ne!(a.key("r"), b.key("s"));
        let dark = ChartRequest::parse(ChartKind::LearnerRadar, &params(&[("ratings", "a:5,b:2"), ("theme", "dark")]));
        assert_ne!(dark.map(|d| d.key("r")).ok(), Some(a.key("r")));
    }

    #[test]
    fn the_timeline_needs_its_three_inputs_and_checks_ranges() {
        let full = [("budget_usd", "2000"), ("hours_per_week", "6"), ("start", "2027-01-04")];
        assert!(ChartRequest::parse(ChartKind::CertificationTimeline, &params(&full)).is_ok());
        for missing in 0..3 {
            let some: Vec<_> = full.iter().enumerate().filter(|(i, _)| *i != missing).map(|(_, p)| *p).collect();
            let refused = ChartRequest::parse(ChartKind::CertificationTimeline, &params(&some));
            let named = format!("`{}`", full[missing].0);
            assert!(
                matches!(refused, Err(ApiError::ChartInputMissing { ref needs, .. }) if needs.starts_with(&named)),
                "{refused:?}"
            );
        }
        let mut over = full.to_vec();
        over.push(("years_experience", "61"));
        assert!(ChartRequest::parse(ChartKind::CertificationTimeline, &params(&over)).is_err());
        assert!(ChartRequest::parse(ChartKind::SkillsRadar, &params(&[])).is_ok());
        for (name, bad) in
            [("ratings", "x:"), ("held", "Not A Slug"), ("start", "soon"), ("budget_usd", "-1"), ("order", "best")]
        {
            let refused = ChartRequest::parse(ChartKind::SkillsRadar, &params(&[(name, bad)]));
            assert!(
                matches!(refused, Err(ApiError::InvalidParameter { name: ref n, .. }) if n == name),
                "{name}={bad}"
            );
        }
        assert!(matches!(ChartKind::parse("pie"), Err(ApiError::ChartNotFound(_))));
        assert_eq!(ChartKind::parse("career-ladder").ok(), Some(ChartKind::CareerLadder));
    }
}
