//! Each distinct query text is parsed once. The parsed document, its alias
//! count and whether it only reads are kept in a bounded cache; the executor
//! gets a copy of the document, which costs a fraction of parsing it again.
//! Documents that do not parse are not kept.

use std::sync::Arc;

use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};

use super::MAX_ALIASES;
use crate::error::ApiError;

/// Bytes of query text whose parsed documents are kept (a document weighs
/// about eight times its text).
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug)]
pub struct Parsed {
    pub document: ExecutableDocument,
    /// Only queries (no mutation): the answer may be cached when public.
    pub public_query: bool,
}

pub struct DocumentCache {
    entries: moka::sync::Cache<String, Arc<Parsed>, foldhash::quality::RandomState>,
}

impl Default for DocumentCache {
    fn default() -> Self {
        let entries = moka::sync::Cache::builder()
            .max_capacity(MAX_DOCUMENT_BYTES)
            .weigher(|query: &String, _: &Arc<Parsed>| u32::try_from(query.len() * 8).unwrap_or(u32::MAX))
            .build_with_hasher(foldhash::quality::RandomState::default());
        Self { entries }
    }
}

impl DocumentCache {
    /// The parsed query, checked against the alias limit.
    pub fn parse(&self, query: &str) -> Result<Arc<Parsed>, ApiError> {
        if let Some(hit) = self.entries.get(query) {
            return Ok(hit);
        }
        let document = match async_graphql::parser::parse_query(query) {
            Ok(document) => document,
            Err(e @ async_graphql::parser::Error::RecursionLimitExceeded) => {
                return Err(ApiError::QueryTooComplex(e.to_string()));
            }
            Err(e) => return Err(ApiError::GraphqlParse(e.to_string())),
        };
        let aliases = count_aliases(&document);
        if aliases > MAX_ALIASES {
            return Err(ApiError::QueryTooComplex(format!("{aliases} aliases; at most {MAX_ALIASES} are allowed")));
        }
        let parsed = Arc::new(Parsed { public_query: only_queries(&document), document });
        self.entries.insert(query.to_owned(), parsed.clone());
        Ok(parsed)
    }
}

fn only_queries(document: &ExecutableDocument) -> bool {
    document.operations.iter().all(|(_, op)| op.node.ty == OperationType::Query)
}

fn count_aliases(document: &ExecutableDocument) -> usize {
    fn in_set(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    usize::from(field.node.alias.is_some()) + in_set(&field.node.selection_set.node)
                }
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    let operations: usize = document.operations.iter().map(|(_, op)| in_set(&op.node.selection_set.node)).sum();
    let fragments: usize = document.fragments.values().map(|f| in_set(&f.node.selection_set.node)).sum();
    operations + fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_aliases_in_operations_and_fragments() {
        let doc = async_graphql::parser::parse_query(
            "query { a: role(slug: \"x\") { b: title } ...F } fragment F on QueryRoot { c: skills { name } }",
        );
        assert_eq!(doc.map(|d| count_aliases(&d)).ok(), Some(3));
    }
}
