//! Pages of the learner's own lists (`/me/...` on REST, connections on
//! GraphQL), newest first. A cursor names the last record shown, by its
//! creation time and id (`c<ms in hex>.<id>`), so records added meanwhile
//! neither repeat nor shift a page.

use roledex_domain::sync::RecordId;
use roledex_persistence::learners::Page;

use crate::error::ApiError;

/// Page size when the client names none (as many as the lists held before they had pages).
pub const DEFAULT_SIZE: u64 = 50;
pub const MAX_SIZE: u64 = 100;

/// A page a client asked for: at most `size` records after the cursor.
#[derive(Debug, Clone)]
pub struct PageRequest {
    after: Option<(i64, String)>,
    size: u64,
}

/// A page of records, each with its cursor, and whether more follow.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    pub items: Vec<(String, T)>,
    pub has_next: bool,
}

impl<T> Paged<T> {
    /// The cursor to continue after this page; `None` on the last page.
    pub fn next_cursor(&self) -> Option<String> {
        self.has_next.then(|| self.items.last().map(|(cursor, _)| cursor.clone())).flatten()
    }

    pub fn map<U>(self, f: impl Fn(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(|(cursor, item)| (cursor, f(item))).collect(),
            has_next: self.has_next,
        }
    }

    pub fn into_items(self) -> Vec<T> {
        self.items.into_iter().map(|(_, item)| item).collect()
    }
}

pub fn encode_cursor(created_at: i64, id: &str) -> String {
    format!("c{:x}.{id}", created_at.max(0))
}

impl PageRequest {
    /// `first` (1 to 100; `None`: 50) and `after` (a cursor from a previous page).
    pub fn new(first: Option<i64>, after: Option<&str>) -> Result<Self, ApiError> {
        let size = match first {
            None => DEFAULT_SIZE,
            Some(n) if (1..=MAX_SIZE as i64).contains(&n) => n as u64,
            Some(n) => {
                return Err(ApiError::invalid("first", format!("{n} is not a page size: use 1 to {MAX_SIZE}")));
            }
        };
        let after = match after {
            None => None,
            Some(raw) => Some(decode_cursor(raw).ok_or_else(|| {
                ApiError::invalid(
                    "after",
                    format!(
                        "`{}` is not a cursor: pass a cursor from a previous page",
                        raw.chars().take(80).collect::<String>()
                    ),
                )
            })?),
        };
        Ok(Self { after, size })
    }

    /// The store's page: one record more than asked, to know whether another follows.
    pub fn page(&self) -> Page<'_> {
        Page { after: self.after.as_ref().map(|(at, id)| (*at, id.as_str())), limit: self.size + 1 }
    }

    /// The page to show from what the store answered, each record with its cursor.
    pub fn finish<T>(&self, mut items: Vec<T>, key: impl Fn(&T) -> (i64, &str)) -> Paged<T> {
        let has_next = items.len() as u64 > self.size;
        items.truncate(self.size as usize);
        let items = items
            .into_iter()
            .map(|item| {
                let (created_at, id) = key(&item);
                (encode_cursor(created_at, id), item)
            })
            .collect();
        Paged { items, has_next }
    }
}

fn decode_cursor(raw: &str) -> Option<(i64, String)> {
    let (hex, id) = raw.strip_prefix('c')?.split_once('.')?;
    let at = i64::from_str_radix(hex, 16).ok().filter(|at| *at >= 0)?;
    Some((at, RecordId::parse(id).ok()?.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        let cursor = encode_cursor(1_796_019_919_629, "devPlan000000001");
        assert_eq!(decode_cursor(&cursor), Some((1_796_019_919_629, "devPlan000000001".to_owned())));
        for bad in ["", "o12", "c.x", "czz.x", "c10.", "c10.a/b", "c-5.x"] {
            assert!(PageRequest::new(None, Some(bad)).is_err(), "{bad}");
        }
        assert!(PageRequest::new(Some(0), None).is_err());
        assert!(PageRequest::new(Some(101), None).is_err());
    }

    #[test]
    fn a_page_knows_whether_another_follows() {
        let request = PageRequest::new(Some(2), None).expect("page");
        assert_eq!(request.page().limit, 3, "one more than shown");
        fn key<'a>(n: &'a (i64, &'static str)) -> (i64, &'a str) {
            (n.0, n.1)
        }
        let full = request.finish(vec![(3, "c"), (2, "b"), (1, "a")], key);
        assert!(full.has_next);
        assert_eq!(full.next_cursor().as_deref(), Some("c2.b"));
        let last = request.finish(vec![(3, "c"), (2, "b")], key);
        assert_eq!(last.next_cursor(), None);
    }
}
