//! What a document costs, measured before it runs: nesting depth, fields
//! (the complexity, counted as async-graphql counts it: one a field, with
//! fragments inlined), aliases and directives on one field.
//!
//! Introspection gets its own depth budget. The standard introspection query
//! (graphql-js `getIntrospectionQuery()`, which GraphiQL and every
//! introspection-based code generator send) nests `ofType` nine levels deep
//! to unwrap `[[T!]!]`-like types, 15 levels in all; data queries stay within
//! the tighter `MAX_DEPTH`. Both stay bounded, as does the field count.
//!
//! A limit exceeded here is a typed `query_too_complex` error, so no error
//! is ever classified by reading a library's message text. The schema keeps
//! async-graphql's own limits at the same figures as a backstop.

use std::collections::HashSet;

use async_graphql::parser::types::{ExecutableDocument, FragmentDefinition, Selection, SelectionSet};
use async_graphql::{Name, Positioned};

use crate::error::ApiError;

/// Nesting depth of data fields.
pub const MAX_DEPTH: usize = 12;
/// Nesting depth below `__schema` / `__type` (the standard introspection query needs 15).
pub const MAX_INTROSPECTION_DEPTH: usize = 16;
/// Fields in one operation, fragments inlined.
pub const MAX_COMPLEXITY: usize = 1_000;
pub const MAX_ALIASES: usize = 30;
/// Directives on one field.
pub const MAX_DIRECTIVES: usize = 10;

/// The root fields that introspect the schema.
pub fn is_introspection_field(name: &str) -> bool {
    name == "__schema" || name == "__type"
}

/// Checks every operation of the document against the limits.
pub fn check(document: &ExecutableDocument) -> Result<(), ApiError> {
    let aliases = count_aliases(document);
    if aliases > MAX_ALIASES {
        return Err(ApiError::QueryTooComplex(format!("{aliases} aliases; at most {MAX_ALIASES} are allowed")));
    }
    for (_, operation) in document.operations.iter() {
        let mut cost = Cost { document, fields: 0, expanding: HashSet::new() };
        for item in &operation.node.selection_set.node.items {
            let introspection = matches!(&item.node, Selection::Field(f) if is_introspection_field(&f.node.name.node));
            let budget = if introspection { MAX_INTROSPECTION_DEPTH } else { MAX_DEPTH };
            cost.item(&item.node, 1, budget)?;
        }
    }
    Ok(())
}

struct Cost<'a> {
    document: &'a ExecutableDocument,
    fields: usize,
    /// Fragments being inlined on the current path: a cycle is left to the
    /// validator to report, not followed.
    expanding: HashSet<&'a Name>,
}

impl<'a> Cost<'a> {
    fn set(&mut self, set: &'a SelectionSet, depth: usize, budget: usize) -> Result<(), ApiError> {
        set.items.iter().try_for_each(|item| self.item(&item.node, depth, budget))
    }

    fn item(&mut self, item: &'a Selection, depth: usize, budget: usize) -> Result<(), ApiError> {
        match item {
            Selection::Field(field) => {
                if depth > budget {
                    return Err(ApiError::QueryTooComplex(format!(
                        "fields are nested {depth} deep at `{}`; at most {budget} levels are allowed",
                        field.node.name.node
                    )));
                }
                self.fields += 1;
                if self.fields > MAX_COMPLEXITY {
                    return Err(ApiError::QueryTooComplex(format!(
                        "more than {MAX_COMPLEXITY} fields once fragments are inlined"
                    )));
                }
                let directives = field.node.directives.len();
                if directives > MAX_DIRECTIVES {
                    return Err(ApiError::QueryTooComplex(format!(
                        "{directives} directives on `{}`; at most {MAX_DIRECTIVES} are allowed",
                        field.node.name.node
                    )));
                }
                self.set(&field.node.selection_set.node, depth + 1, budget)
            }
            Selection::InlineFragment(fragment) => self.set(&fragment.node.selection_set.node, depth, budget),
            Selection::FragmentSpread(spread) => {
                let name = &spread.node.fragment_name.node;
                let Some(fragment) = self.document.fragments.get(name) else { return Ok(()) };
                if !self.expanding.insert(name) {
                    return Ok(());
                }
                let result = self.fragment(fragment, depth, budget);
                self.expanding.remove(name);
                result
            }
        }
    }

    fn fragment(
        &mut self,
        fragment: &'a Positioned<FragmentDefinition>,
        depth: usize,
        budget: usize,
    ) -> Result<(), ApiError> {
        self.set(&fragment.node.selection_set.node, depth, budget)
    }
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

    fn checked(query: &str) -> Result<(), String> {
        let document = async_graphql::parser::parse_query(query).map_err(|e| e.to_string())?;
        check(&document).map_err(|e| e.to_string())
    }

    /// `levels` fields, each inside the one before; the innermost is a leaf.
    fn nested(field: &str, levels: usize) -> String {
        format!("{}{field}{}", format!("{field} {{ ").repeat(levels - 1), " }".repeat(levels - 1))
    }

    #[test]
    fn counts_aliases_in_operations_and_fragments() {
        let doc = async_graphql::parser::parse_query(
            "query { a: role(slug: \"x\") { b: title } ...F } fragment F on Query { c: skills { name } }",
        );
        assert_eq!(doc.map(|d| count_aliases(&d)).ok(), Some(3));
    }

    #[test]
    fn data_fields_get_the_tighter_depth_budget() {
        let at_limit = format!("{{ {} }}", nested("a", MAX_DEPTH));
        assert_eq!(checked(&at_limit), Ok(()));
        let over = format!("{{ {} }}", nested("a", MAX_DEPTH + 1));
        assert!(checked(&over).is_err_and(|e| e.contains("13 deep")), "{over}");
    }

    #[test]
    fn introspection_is_bounded_by_its_own_budget() {
        let within = format!("{{ __schema {{ {} }} }}", nested("ofType", MAX_INTROSPECTION_DEPTH - 1));
        assert_eq!(checked(&within), Ok(()));
        let over = format!("{{ __schema {{ {} }} }}", nested("ofType", MAX_INTROSPECTION_DEPTH));
        assert!(checked(&over).is_err());
        // The budget follows the root field, not the document.
        let smuggled = format!("{{ __typename {} }}", nested("a", MAX_DEPTH + 1));
        assert!(checked(&smuggled).is_err());
    }

    #[test]
    fn fragments_count_where_they_are_spread() {
        let deep_fragment = format!("{{ a {{ ...F }} }} fragment F on T {{ {} }}", nested("b", MAX_DEPTH));
        assert!(checked(&deep_fragment).is_err());
        // A fragment bomb is stopped by the field count, not expanded to the end.
        let mut bomb = String::from("{ ...F0 }");
        for i in 0..30 {
            bomb.push_str(&format!(" fragment F{i} on T {{ x ...F{n} ...F{n} }}", n = i + 1));
        }
        bomb.push_str(" fragment F30 on T { leaf }");
        assert!(checked(&bomb).is_err_and(|e| e.contains("fields")), "{bomb}");
        // A cycle is not followed (the validator reports it).
        assert_eq!(checked("{ ...A } fragment A on T { x ...B } fragment B on T { y ...A }"), Ok(()));
    }

    #[test]
    fn too_many_directives_on_one_field() {
        let directives = " @include(if: true)".repeat(MAX_DIRECTIVES + 1);
        assert!(checked(&format!("{{ a{directives} }}")).is_err_and(|e| e.contains("directives")));
    }
}
