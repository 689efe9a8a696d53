//! Query-string parameters shared by REST endpoints, parsed into domain
//! values with errors that name the parameter and the allowed values.

use roledex_domain::scoring::{CertificationSort, SortOrder};
use roledex_domain::values::Slug;
use roledex_persistence::PageRequest;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;
/// Longest accepted search text; longer input is refused, not truncated.
pub const MAX_SEARCH_LEN: usize = 200;

// Parameters are read as text and parsed by hand, so a bad value gets an
// error naming the parameter and what to send; the documented schema says
// exactly what the parser accepts.

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Page size, 1 to 100 (default 20).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub first: Option<String>,
    /// Cursor from a previous page's `next_cursor`.
    #[param(pattern = "^o[0-9a-f]{1,15}$")]
    pub after: Option<String>,
    /// Case-insensitive text to search for.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// `full` profiles or `outline`s (background roles) only; both when omitted.
    #[param(inline, value_type = Option<crate::dto::Completeness>)]
    pub completeness: Option<String>,
}

/// The `completeness` filter of the role list.
pub fn completeness(raw: Option<&str>) -> Result<Option<roledex_domain::profile::RoleKind>, ApiError> {
    match raw {
        None => Ok(None),
        Some("full") => Ok(Some(roledex_domain::profile::RoleKind::Profile)),
        Some("outline") => Ok(Some(roledex_domain::profile::RoleKind::Background)),
        Some(other) => {
            Err(ApiError::invalid("completeness", format!("`{other}` is not a completeness: use full or outline")))
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Case-insensitive text to search for.
    #[param(max_length = 200)]
    pub q: Option<String>,
}

/// A column of the certifications table to sort by.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum SortKey {
    Rank,
    Name,
    Provider,
    Cost,
    Value,
}

/// A sort direction.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum SortDirection {
    Asc,
    Desc,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CertificationSortParams {
    /// `rank` (default: the published rank), `name`, `provider`, `cost` or `value` (Roledex's computed value score).
    #[param(inline, value_type = Option<SortKey>)]
    pub sort: Option<String>,
    /// `asc` or `desc`; defaults to `desc` for `value` and `asc` otherwise.
    #[param(inline, value_type = Option<SortDirection>)]
    pub order: Option<String>,
}

pub fn page_size(raw: Option<&str>) -> Result<u64, ApiError> {
    match raw {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(raw) => match raw.parse::<i64>() {
            Ok(n) if (1..=MAX_PAGE_SIZE as i64).contains(&n) => Ok(n as u64),
            _ => Err(ApiError::invalid(
                "first",
                format!("`{raw}` is not a page size: use a whole number from 1 to {MAX_PAGE_SIZE}"),
            )),
        },
    }
}

/// Cursors are opaque to clients; inside they hold the offset of the next item.
pub fn encode_cursor(offset: u64) -> String {
    format!("o{offset:x}")
}

pub fn decode_cursor(raw: Option<&str>) -> Result<u64, ApiError> {
    match raw {
        None => Ok(0),
        Some(raw) => raw
            .strip_prefix('o')
            .and_then(|hex| u64::from_str_radix(hex, 16).ok())
            .filter(|offset| *offset <= i64::MAX as u64)
            .ok_or_else(|| {
                ApiError::invalid(
                    "after",
                    format!("`{raw}` is not a cursor: pass a `next_cursor` value from a previous page"),
                )
            }),
    }
}

pub fn page(first: Option<&str>, after: Option<&str>) -> Result<PageRequest, ApiError> {
    Ok(PageRequest { offset: decode_cursor(after)?, limit: page_size(first)? })
}

/// Normalized search text: trimmed, `None` when blank.
pub fn search_text(raw: Option<&str>) -> Result<Option<&str>, ApiError> {
    match raw.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) if q.chars().count() > MAX_SEARCH_LEN => {
            Err(ApiError::invalid("q", format!("search text is limited to {MAX_SEARCH_LEN} characters")))
        }
        other => Ok(other),
    }
}

pub fn certification_sort(sort: Option<&str>, order: Option<&str>) -> Result<(CertificationSort, SortOrder), ApiError> {
    let by = match sort {
        None => CertificationSort::Rank,
        Some(raw) => CertificationSort::parse(raw).ok_or_else(|| {
            ApiError::invalid(
                "sort",
                format!("`{raw}` is not a sort key: use one of rank, name, provider, cost, value"),
            )
        })?,
    };
    let order = match order {
        None => by.default_order(),
        Some(raw) => SortOrder::parse(raw)
            .ok_or_else(|| ApiError::invalid("order", format!("`{raw}` is not an order: use asc or desc")))?,
    };
    Ok((by, order))
}

/// A slug from the path. Anything that is not a slug cannot name a role, so
/// it is answered like any unknown role.
pub fn role_slug(raw: &str) -> Result<Slug, ApiError> {
    Slug::parse(raw).map_err(|_| ApiError::RoleNotFound(raw.chars().take(80).collect()))
}

/// An optional `role` filter: a slug, or an error naming what to send.
pub fn role_filter(raw: Option<&str>) -> Result<Option<&str>, ApiError> {
    match raw {
        None => Ok(None),
        Some(raw) => match Slug::parse(raw) {
            Ok(_) => Ok(Some(raw)),
            Err(_) => Err(ApiError::invalid(
                "role",
                format!(
                    "`{}` is not a role slug: lowercase words joined by hyphens",
                    raw.chars().take(80).collect::<String>()
                ),
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes() {
        assert_eq!(page_size(None), Ok(20));
        assert_eq!(page_size(Some("100")), Ok(100));
        for bad in ["0", "101", "-1", "x", "1.5"] {
            assert!(matches!(page_size(Some(bad)), Err(ApiError::InvalidParameter { .. })), "{bad}");
        }
    }

    #[test]
    fn cursors_roundtrip_and_garbage_is_refused() {
        assert_eq!(decode_cursor(Some(&encode_cursor(42))), Ok(42));
        assert!(decode_cursor(Some("42")).is_err());
        assert!(decode_cursor(Some("offffffffffffffffff")).is_err());
    }

    #[test]
    fn sort_errors_name_the_allowed_values() {
        let err = certification_sort(Some("price"), None).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("rank, name, provider, cost, value"), "{err}");
        let err = certification_sort(None, Some("up")).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("asc or desc"), "{err}");
        assert_eq!(certification_sort(Some("value"), None), Ok((CertificationSort::Value, SortOrder::Desc)));
        assert!(certification_sort(Some("roi"), None).is_err(), "the computed score is not called ROI");
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1 to 100 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub first: Option<String>,
    /// Cursor from a previous page's `next_cursor`.
    #[param(pattern = "^c[0-7]?[0-9a-f]{1,15}\\.[A-Za-z0-9_.-]{1,160}$")]
    pub after: Option<String>,
}

/// `first` and `after` of a learner list (`/me/...`), read as text like every parameter.
pub fn learner_page(first: Option<&str>, after: Option<&str>) -> Result<crate::learning::pages::PageRequest, ApiError> {
    let first = match first {
        None => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
            ApiError::invalid("first", format!("`{raw}` is not a page size: use a whole number from 1 to 100"))
        })?),
    };
    crate::learning::pages::PageRequest::new(first, after)
}
