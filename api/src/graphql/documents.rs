//! Each distinct query text is parsed once and checked against the limits.
//! The parsed document, whether it only reads and whether it introspects are
//! kept in a bounded cache; the executor gets a copy of the document, which
//! costs a fraction of parsing it again.
//! Documents that do not parse are not kept.

use std::sync::Arc;

use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection};

use super::int_range::InputTypes;
use super::limits;
use crate::error::ApiError;

/// Bytes of query text whose parsed documents are kept (a document weighs
/// about eight times its text).
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug)]
pub struct Parsed {
    pub document: ExecutableDocument,
    /// Only queries (no mutation): the answer may be cached when public.
    pub public_query: bool,
    /// Some operation reads `__schema` or `__type`.
    pub introspects: bool,
    /// What it needs of an API key.
    pub needs: super::scopes::Needs,
}

pub struct DocumentCache {
    entries: moka::sync::Cache<String, Arc<Parsed>, foldhash::quality::RandomState>,
    /// The schema's input types, for the 32-bit `Int` check.
    pub input_types: InputTypes,
}

impl DocumentCache {
    pub fn new(input_types: InputTypes) -> Self {
        let entries = moka::sync::Cache::builder()
            .max_capacity(MAX_DOCUMENT_BYTES)
            .weigher(|query: &String, _: &Arc<Parsed>| u32::try_from(query.len() * 8).unwrap_or(u32::MAX))
            .build_with_hasher(foldhash::quality::RandomState::default());
        Self { entries, input_types }
    }

    /// The parsed query, checked against the limits.
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
        limits::check(&document)?;
        self.input_types.check_literals(&document)?;
        let parsed = Arc::new(Parsed {
            public_query: only_queries(&document),
            introspects: introspects(&document),
            needs: super::scopes::needs(&document),
            document,
        });
        self.entries.insert(query.to_owned(), parsed.clone());
        Ok(parsed)
    }
}

fn only_queries(document: &ExecutableDocument) -> bool {
    document.operations.iter().all(|(_, op)| op.node.ty == OperationType::Query)
}

fn introspects(document: &ExecutableDocument) -> bool {
    document.operations.iter().any(|(_, op)| {
        op.node
            .selection_set
            .node
            .items
            .iter()
            .any(|item| matches!(&item.node, Selection::Field(f) if limits::is_introspection_field(&f.node.name.node)))
    })
}
