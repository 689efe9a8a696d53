//! `Accept` negotiation (RFC 9110 §12.5.1): the representation a client
//! prefers among those an operation offers. A media range's weight is that
//! of the most specific range that matches (`text/csv` before `text/*`
//! before `*/*`); ties go to the server's order; no `Accept` takes the first.

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::error::ApiError;

struct Range<'a> {
    kind: &'a str,
    subtype: &'a str,
    weight: f32,
}

fn ranges(value: &str) -> Vec<Range<'_>> {
    value
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let (kind, subtype) = parts.next()?.trim().split_once('/')?;
            let weight = parts
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
                .map_or(Some(1.0), |(_, v)| v.trim().parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q)))?;
            Some(Range { kind: kind.trim(), subtype: subtype.trim(), weight })
        })
        .collect()
}

/// The weight `accept` gives `offered` (`type/subtype`): the most specific matching range's.
fn weight(accept: &[Range<'_>], offered: &str) -> f32 {
    let (kind, subtype) = offered.split_once('/').unwrap_or((offered, ""));
    accept
        .iter()
        .filter_map(|r| {
            let specificity = match (r.kind, r.subtype) {
                (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => 3,
                (k, "*") if k.eq_ignore_ascii_case(kind) => 2,
                ("*", "*") => 1,
                _ => return None,
            };
            Some((specificity, r.weight))
        })
        .max_by_key(|(specificity, _)| *specificity)
        .map_or(0.0, |(_, w)| w)
}

/// True when `Accept` (present) gives any of `offered` a non-zero weight.
pub fn accepts_any(req: &HttpRequest, offered: &[String]) -> bool {
    let values: Vec<&str> = req.headers().get_all(header::ACCEPT).filter_map(|v| v.to_str().ok()).collect();
    let joined = values.join(",");
    let accept = ranges(&joined);
    accept.is_empty() || offered.iter().any(|o| weight(&accept, o) > 0.0)
}

/// The offered media type the request's `Accept` prefers, or 406 naming the offers.
pub fn choose(req: &HttpRequest, offered: &[&'static str]) -> Result<&'static str, ApiError> {
    let values: Vec<&str> = req.headers().get_all(header::ACCEPT).filter_map(|v| v.to_str().ok()).collect();
    if values.is_empty() {
        return offered.first().copied().ok_or_else(|| ApiError::NotAcceptable { offered: String::new() });
    }
    let joined = values.join(",");
    let accept = ranges(&joined);
    if accept.is_empty() {
        return offered.first().copied().ok_or_else(|| ApiError::NotAcceptable { offered: String::new() });
    }
    let mut best: Option<(&'static str, f32)> = None;
    for &candidate in offered {
        let w = weight(&accept, candidate);
        if w > 0.0 && best.is_none_or(|(_, b)| w > b) {
            best = Some((candidate, w));
        }
    }
    best.map(|(t, _)| t).ok_or_else(|| ApiError::NotAcceptable { offered: offered.join(", ") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn pick(accept: Option<&str>, offered: &[&'static str]) -> Result<&'static str, ApiError> {
        let mut req = TestRequest::default();
        if let Some(a) = accept {
            req = req.insert_header(("Accept", a));
        }
        choose(&req.to_http_request(), offered)
    }

    const PROFILE: &[&str] = &["application/json", "application/ld+json"];

    #[test]
    fn the_client_preference_wins_and_ties_go_to_the_server_order() {
        assert_eq!(pick(None, PROFILE).ok(), Some("application/json"));
        assert_eq!(pick(Some("application/ld+json"), PROFILE).ok(), Some("application/ld+json"));
        assert_eq!(pick(Some("*/*"), PROFILE).ok(), Some("application/json"));
        assert_eq!(pick(Some("application/*"), PROFILE).ok(), Some("application/json"));
        assert_eq!(
            pick(Some("application/json;q=0.5, application/ld+json"), PROFILE).ok(),
            Some("application/ld+json")
        );
        // The browser default: nothing named, so the first offer.
        assert_eq!(
            pick(Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), PROFILE).ok(),
            Some("application/json")
        );
        assert_eq!(pick(Some("TEXT/CSV"), &["application/json", "text/csv"]).ok(), Some("text/csv"));
    }

    #[test]
    fn a_more_specific_range_overrides_a_wildcard_and_q0_refuses() {
        assert_eq!(pick(Some("*/*, application/json;q=0"), PROFILE).ok(), Some("application/ld+json"));
        assert!(
            matches!(pick(Some("image/png"), PROFILE), Err(ApiError::NotAcceptable { ref offered }) if offered == "application/json, application/ld+json")
        );
        assert!(pick(Some("application/json;q=0, application/ld+json;q=0"), PROFILE).is_err());
        // An unreadable weight drops that range; an unreadable header is ignored.
        assert_eq!(pick(Some("application/ld+json;q=x, application/json"), PROFILE).ok(), Some("application/json"));
        assert_eq!(pick(Some("garbage"), PROFILE).ok(), Some("application/json"));
    }
}
