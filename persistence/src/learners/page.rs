//! Keyset pages of a learner's lists: newest first, by creation time and
//! then id, continuing strictly after the last record of the previous page,
//! so records written meanwhile neither repeat nor go missing.

use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

/// One page: at most `limit` records after `after` (the previous page's last).
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub after: Option<(i64, &'a str)>,
    pub limit: u64,
}

impl<'a> Page<'a> {
    pub fn first(limit: u64) -> Self {
        Self { after: None, limit }
    }

    /// Records past the cursor: created earlier, or at the same time with a
    /// smaller id (every record on the first page).
    pub(super) fn condition<T: ColumnTrait, I: ColumnTrait>(&self, time: T, id: I) -> Condition {
        match self.after {
            None => Condition::all(),
            Some((created_at, last_id)) => Condition::any()
                .add(time.lt(created_at))
                .add(Condition::all().add(time.eq(created_at)).add(id.lt(last_id))),
        }
    }
}
