//! `Int` is a signed 32-bit integer (GraphQL spec, 3.5.1), but async-graphql
//! only checks that an `Int` argument is an integer when it validates a
//! document, and finds the range problem later, inside the resolver, as a
//! field error. This check runs before execution: every `Int` in an argument
//! literal, and in the variables sent for an `Int` variable, must fit in 32
//! bits, or the request is rejected as a validation error.
//!
//! The input types come from the schema's own SDL, read once at start-up.

use std::collections::HashMap;

use async_graphql::Name;
use async_graphql::Value;
use async_graphql::parser::types::{
    BaseType, ExecutableDocument, Selection, SelectionSet, ServiceDocument, Type, TypeDefinition, TypeKind,
    TypeSystemDefinition,
};

use crate::error::ApiError;

/// A field's return type (its named type) and its arguments' types.
#[derive(Debug, Default)]
struct FieldShape {
    returns: String,
    arguments: HashMap<String, Type>,
}

/// What the check needs to know of the schema.
#[derive(Debug, Default)]
pub struct InputTypes {
    fields: HashMap<(String, String), FieldShape>,
    input_objects: HashMap<String, HashMap<String, Type>>,
    query: String,
    mutation: String,
}

impl InputTypes {
    pub fn from_sdl(sdl: &str) -> Result<Self, String> {
        let document: ServiceDocument = async_graphql::parser::parse_schema(sdl).map_err(|e| e.to_string())?;
        let mut types = Self { query: "Query".into(), mutation: "Mutation".into(), ..Self::default() };
        for definition in document.definitions {
            match definition {
                TypeSystemDefinition::Schema(schema) => {
                    if let Some(query) = &schema.node.query {
                        types.query = query.node.to_string();
                    }
                    if let Some(mutation) = &schema.node.mutation {
                        types.mutation = mutation.node.to_string();
                    }
                }
                TypeSystemDefinition::Type(ty) => types.add(&ty.node),
                TypeSystemDefinition::Directive(_) => {}
            }
        }
        Ok(types)
    }

    fn add(&mut self, ty: &TypeDefinition) {
        let name = ty.name.node.to_string();
        match &ty.kind {
            TypeKind::Object(object) => {
                for field in &object.fields {
                    let field = &field.node;
                    let arguments = field
                        .arguments
                        .iter()
                        .map(|a| (a.node.name.node.to_string(), a.node.ty.node.clone()))
                        .collect();
                    let shape = FieldShape { returns: named(&field.ty.node).to_owned(), arguments };
                    self.fields.insert((name.clone(), field.name.node.to_string()), shape);
                }
            }
            TypeKind::Interface(interface) => {
                for field in &interface.fields {
                    let shape = FieldShape { returns: named(&field.node.ty.node).to_owned(), ..FieldShape::default() };
                    self.fields.entry((name.clone(), field.node.name.node.to_string())).or_insert(shape);
                }
            }
            TypeKind::InputObject(input) => {
                let fields = input.fields.iter().map(|f| (f.node.name.node.to_string(), f.node.ty.node.clone()));
                self.input_objects.insert(name, fields.collect());
            }
            TypeKind::Scalar | TypeKind::Union(_) | TypeKind::Enum(_) => {}
        }
    }

    /// Every `Int` in the variables the operations declare as (containing)
    /// `Int` fits in 32 bits.
    pub fn check_variables(
        &self,
        document: &ExecutableDocument,
        variables: &serde_json::Value,
    ) -> Result<(), ApiError> {
        for (_, operation) in document.operations.iter() {
            for definition in &operation.node.variable_definitions {
                let name = &definition.node.name.node;
                if let Some(value) = variables.get(name.as_str()) {
                    let value = Value::from_json(value.clone()).unwrap_or(Value::Null);
                    self.value(&definition.node.var_type.node, &value, &format!("variable `${name}`"))?;
                }
            }
        }
        Ok(())
    }

    /// Every `Int` in the document's argument literals fits in 32 bits
    /// (checked once per document).
    pub fn check_literals(&self, document: &ExecutableDocument) -> Result<(), ApiError> {
        for (_, operation) in document.operations.iter() {
            let operation = &operation.node;
            let root = match operation.ty {
                async_graphql::parser::types::OperationType::Mutation => &self.mutation,
                _ => &self.query,
            };
            let mut walk = Walk { types: self, document, depth: 0 };
            walk.set(root, &operation.selection_set.node)?;
        }
        Ok(())
    }

    fn value(&self, ty: &Type, value: &Value, place: &str) -> Result<(), ApiError> {
        match (&ty.base, value) {
            (BaseType::List(item), Value::List(items)) => items.iter().try_for_each(|v| self.value(item, v, place)),
            // A single value where a list is expected is coerced to a one-item list.
            (BaseType::List(item), single) => self.value(item, single, place),
            (BaseType::Named(name), Value::Number(number)) if name.as_str() == "Int" => {
                let fits = number.as_i64().is_some_and(|n| i32::try_from(n).is_ok());
                if fits {
                    Ok(())
                } else {
                    Err(ApiError::GraphqlValidation(format!(
                        "{place}: {number} is not an Int; Int is 32-bit, from -2147483648 to 2147483647"
                    )))
                }
            }
            (BaseType::Named(name), Value::Object(fields)) => {
                let Some(declared) = self.input_objects.get(name.as_str()) else { return Ok(()) };
                fields.iter().try_for_each(|(field, value)| match declared.get(field.as_str()) {
                    Some(ty) => self.value(ty, value, &format!("{place}.{field}")),
                    None => Ok(()),
                })
            }
            _ => Ok(()),
        }
    }
}

/// The document walked with the type each selection set belongs to.
struct Walk<'a> {
    types: &'a InputTypes,
    document: &'a ExecutableDocument,
    /// Fragment spreads followed; bounded, as cycles are the validator's to report.
    depth: usize,
}

impl Walk<'_> {
    fn set(&mut self, parent: &str, set: &SelectionSet) -> Result<(), ApiError> {
        if self.depth > 64 {
            return Ok(());
        }
        self.depth += 1;
        let result = set.items.iter().try_for_each(|item| self.item(parent, &item.node));
        self.depth -= 1;
        result
    }

    fn item(&mut self, parent: &str, item: &Selection) -> Result<(), ApiError> {
        match item {
            Selection::Field(field) => {
                let field = &field.node;
                let Some(shape) = self.types.fields.get(&(parent.to_owned(), field.name.node.to_string())) else {
                    return Ok(());
                };
                for (name, value) in &field.arguments {
                    if let Some(ty) = shape.arguments.get(name.node.as_str()) {
                        let place = format!("argument `{}` of `{}`", name.node, field.name.node);
                        // Variables inside the literal are checked with the variables.
                        let literal = value.node.clone().into_const_with(|_| Ok::<_, ()>(Value::Null));
                        self.types.value(ty, &literal.unwrap_or(Value::Null), &place)?;
                    }
                }
                self.set(&shape.returns, &field.selection_set.node)
            }
            Selection::InlineFragment(fragment) => {
                let on = fragment.node.type_condition.as_ref().map_or(parent, |c| c.node.on.node.as_str());
                self.set(on, &fragment.node.selection_set.node)
            }
            Selection::FragmentSpread(spread) => {
                let Some(fragment) = self.document.fragments.get(&spread.node.fragment_name.node) else {
                    return Ok(());
                };
                let on: &Name = &fragment.node.type_condition.node.on.node;
                self.set(on.as_str(), &fragment.node.selection_set.node)
            }
        }
    }
}

fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(item) => named(item),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const SDL: &str = "
        type Query { roles(first: Int!, tags: [Int!]): Page  node: Node }
        type Page { items(limit: Int): [Int!]! }
        interface Node { id: ID! }
        input Range { min: Int, nested: [Range!] }
        type Mutation { plan(range: Range!, hours: Float): Int }
        schema { query: Query mutation: Mutation }";

    fn checked(query: &str, variables: serde_json::Value) -> Result<(), String> {
        let types = InputTypes::from_sdl(SDL)?;
        let document = async_graphql::parser::parse_query(query).map_err(|e| e.to_string())?;
        types.check_literals(&document).map_err(|e| e.to_string())?;
        types.check_variables(&document, &variables).map_err(|e| e.to_string())
    }

    #[test]
    fn literals_outside_32_bits_are_refused_wherever_they_stand() {
        assert_eq!(checked("{ roles(first: 2147483647) { items(limit: -2147483648) } }", json!({})), Ok(()));
        assert!(checked("{ roles(first: 2147483648) { __typename } }", json!({})).is_err());
        assert!(checked("{ roles(first: 1) { items(limit: -2147483649) } }", json!({})).is_err());
        assert!(checked("{ roles(first: 1, tags: [1, 99999999999]) { __typename } }", json!({})).is_err());
        assert!(checked("{ ... on Query { roles(first: 3000000000) { __typename } } }", json!({})).is_err());
        assert!(
            checked("{ ...F } fragment F on Query { roles(first: 3000000000) { __typename } }", json!({})).is_err()
        );
        assert!(checked("mutation { plan(range: { nested: [{ min: 5000000000 }] }) }", json!({})).is_err());
        // A Float may be large; an unknown field is the validator's to report.
        assert_eq!(checked("mutation { plan(range: { min: 1 }, hours: 5000000000) }", json!({})), Ok(()));
        assert_eq!(checked("{ unknown(first: 5000000000) }", json!({})), Ok(()));
    }

    #[test]
    fn variables_declared_int_must_fit() {
        let query = "query($n: Int!, $r: Range) { roles(first: $n) { __typename } }";
        assert_eq!(checked(query, json!({ "n": 10, "r": { "min": -5 } })), Ok(()));
        let error = checked(query, json!({ "n": 9_007_199_254_740_991_i64 }));
        assert!(error.as_ref().is_err_and(|e| e.contains("`$n`")), "{error:?}");
        assert!(checked(query, json!({ "n": 1, "r": { "nested": [{ "min": 2147483648_i64 }] } })).is_err());
    }
}
