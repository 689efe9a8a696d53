//! Relay-style paging shared by every connection: `first`/`after` in, edge
//! cursors and `pageInfo` out. Cursors are the REST ones (`rest::params`):
//! each edge's cursor is the offset of the item after it.

use async_graphql::{Result, SimpleObject};
use roledex_persistence::PageRequest;

use super::MAX_PAGE_SIZE;
use super::error::gql_error;
use crate::error::ApiError;
use crate::rest::params;

#[derive(SimpleObject)]
pub struct PageInfo {
    pub has_next_page: bool,
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

/// The page `first` and `after` ask for, or the error naming the bad one.
pub fn page_request(first: i32, after: Option<&str>) -> Result<PageRequest> {
    if !(1..=MAX_PAGE_SIZE).contains(&first) {
        return Err(gql_error(ApiError::invalid(
            "first",
            format!("{first} is not a page size: use 1 to {MAX_PAGE_SIZE}"),
        )));
    }
    let offset = params::decode_cursor(after).map_err(gql_error)?;
    Ok(PageRequest { offset, limit: first as u64 })
}

/// The cursor of the `index`-th edge of a page.
pub fn cursor(page: PageRequest, index: usize) -> String {
    params::encode_cursor(page.offset + index as u64 + 1)
}

/// `pageInfo` for a page of `count` edges out of `total` matches.
pub fn page_info(page: PageRequest, count: usize, total: u64) -> PageInfo {
    let end = page.offset + count as u64;
    PageInfo {
        has_next_page: end < total,
        has_previous_page: page.offset > 0,
        start_cursor: (count > 0).then(|| cursor(page, 0)),
        end_cursor: count.checked_sub(1).map(|last| cursor(page, last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_info_follows_offset_count_and_total() {
        let page = PageRequest { offset: 10, limit: 5 };
        let info = page_info(page, 5, 16);
        assert!(info.has_next_page && info.has_previous_page);
        assert_eq!((info.start_cursor.as_deref(), info.end_cursor.as_deref()), (Some("ob"), Some("of")));
        let last = page_info(PageRequest { offset: 0, limit: 5 }, 0, 0);
        assert!(!last.has_next_page && !last.has_previous_page && last.start_cursor.is_none());
        assert!(
            page_request(0, None).is_err() && page_request(101, None).is_err() && page_request(5, Some("x")).is_err()
        );
    }
}
