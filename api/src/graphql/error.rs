//! Errors on GraphQL: an `ApiError` becomes a GraphQL error with the same
//! stable code in `extensions.code` (and, for a rejected submission, every
//! invalid item in `extensions.errors`).

use async_graphql::{ErrorExtensions, Name, Value};

use crate::error::ApiError;

pub fn gql_error(err: ApiError) -> async_graphql::Error {
    err.log();
    let code = err.code();
    let items: Option<Value> = err.input_problems().map(|problems| {
        Value::List(
            problems
                .iter()
                .map(|p| {
                    let mut map = async_graphql::indexmap::IndexMap::new();
                    map.insert(Name::new("item"), Value::from(p.item.clone()));
                    map.insert(Name::new("message"), Value::from(p.message.clone()));
                    Value::Object(map)
                })
                .collect(),
        )
    });
    async_graphql::Error::new(err.to_string()).extend_with(|_, ext| {
        ext.set("code", code);
        if let Some(items) = &items {
            ext.set("errors", items.clone());
        }
    })
}
