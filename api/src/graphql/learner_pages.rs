//! Relay connections over the learner's own lists: `first`/`after` in,
//! edges with cursors and `pageInfo` out. The cursors are those of the REST
//! lists (`learning::pages`): a record's creation time and id.

use async_graphql::{Result, SimpleObject};

use super::error::gql_error;
use super::pagination::PageInfo;
use crate::dto;
use crate::learning::pages::{PageRequest, Paged};

/// The page `first` (1 to 100, default 50) and `after` ask for.
pub fn page_request(first: Option<i32>, after: Option<&str>) -> Result<PageRequest> {
    PageRequest::new(first.map(i64::from), after).map_err(gql_error)
}

fn page_info<T>(paged: &Paged<T>, after: Option<&str>) -> PageInfo {
    PageInfo {
        has_next_page: paged.has_next,
        has_previous_page: after.is_some(),
        start_cursor: paged.items.first().map(|(cursor, _)| cursor.clone()),
        end_cursor: paged.items.last().map(|(cursor, _)| cursor.clone()),
    }
}

/// Declares a connection and its edge for one kind of record.
macro_rules! connection {
    ($connection:ident, $edge:ident, $node:ty) => {
        #[derive(SimpleObject)]
        pub struct $connection {
            pub edges: Vec<$edge>,
            pub page_info: PageInfo,
        }

        #[derive(SimpleObject)]
        pub struct $edge {
            pub cursor: String,
            pub node: $node,
        }

        impl $connection {
            /// One page, which follows `after` when it was given.
            pub fn new(paged: Paged<$node>, after: Option<&str>) -> Self {
                let page_info = page_info(&paged, after);
                let edges = paged.items.into_iter().map(|(cursor, node)| $edge { cursor, node }).collect();
                Self { edges, page_info }
            }
        }
    };
}

connection!(AssessmentConnection, AssessmentEdge, dto::Assessment);
connection!(QualificationCheckConnection, QualificationCheckEdge, dto::QualificationCheck);
connection!(QuizAttemptConnection, QuizAttemptEdge, dto::QuizAttempt);
connection!(SprintPlanConnection, SprintPlanEdge, dto::Plan);
connection!(SavedItemConnection, SavedItemEdge, dto::SavedItem);
