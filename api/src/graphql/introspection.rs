//! Introspection answers about Roledex, not about the library: the schema
//! description (`__schema { description }`, which GraphiQL shows first) is
//! ours. Only the schema that serves introspecting documents carries the
//! extension, so data queries keep async-graphql's fast path that runs no
//! extension per field.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::{ServerResult, Value};

pub const SCHEMA_DESCRIPTION: &str = "Roledex: career role profiles (demand, skills, certifications, paths, \
     interview prep) and a learner's gap analysis, readiness and sprint plans.";

pub struct SchemaDescription;

impl ExtensionFactory for SchemaDescription {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(SchemaDescription)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for SchemaDescription {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.parent_type == "__Schema" && info.name == "description" {
            return Ok(Some(Value::String(SCHEMA_DESCRIPTION.to_owned())));
        }
        next.run(ctx, info).await
    }
}
