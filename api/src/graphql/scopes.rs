//! What a GraphQL document needs of an API key, read from its root fields
//! (through fragments): `compute*` fields are guidance computations, the
//! learner's and admin's own fields need no scope, introspection is free,
//! and every other query field reads content. Mutations act for a learner
//! or an admin and need no key scope.

use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};

/// Root fields that act for the caller's own account.
const OWN_FIELDS: &[&str] = &["me", "apiKeys", "apiKey"];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub content: bool,
    /// How many computations the document runs (each alias is one).
    pub compute: u32,
}

pub fn needs(document: &ExecutableDocument) -> Needs {
    let mut needs = Needs::default();
    for (_, operation) in document.operations.iter() {
        if operation.node.ty == OperationType::Query {
            visit(document, &operation.node.selection_set.node, &mut needs, 0);
        }
    }
    needs
}

fn visit(document: &ExecutableDocument, set: &SelectionSet, needs: &mut Needs, depth: usize) {
    // Fragment cycles are refused by validation; the bound keeps this walk finite anyway.
    if depth > 16 {
        return;
    }
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let name = field.node.name.node.as_str();
                if name.starts_with("compute") {
                    needs.compute += 1;
                } else if !name.starts_with("__") && !OWN_FIELDS.contains(&name) {
                    needs.content = true;
                }
            }
            Selection::InlineFragment(fragment) => {
                visit(document, &fragment.node.selection_set.node, needs, depth + 1);
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                    visit(document, &fragment.node.selection_set.node, needs, depth + 1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(query: &str) -> Needs {
        needs(&async_graphql::parser::parse_query(query).unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn root_fields_say_what_a_document_needs() {
        assert_eq!(of("{ role(slug: \"x\") { title } }"), Needs { content: true, compute: 0 });
        assert_eq!(of("{ computeReadiness(role: \"x\") { score } }"), Needs { content: false, compute: 1 });
        assert_eq!(of("{ a: computeReadiness { score } b: computeReadiness { score } }").compute, 2);
        assert_eq!(of("{ me { id } __typename }"), Needs::default());
        assert_eq!(of("{ __schema { queryType { name } } }"), Needs::default());
        assert_eq!(
            of("query { ...F } fragment F on Query { computeReadiness { score } skills { slug } }"),
            Needs { content: true, compute: 1 }
        );
        assert_eq!(of("mutation { login(input: {}) { accessToken } }"), Needs::default());
    }
}
