//! GraphQL at `/graphql`: one schema merged from one query object per area,
//! with depth, complexity, directive and alias limits, a per-request
//! DataLoader for profiles, and GraphiQL served from assets in the binary.

mod catalog;
pub mod documents;
pub mod endpoint;
mod error;
mod graphiql;
mod learner;
mod loader;
mod operation_key;
pub mod response_cache;
mod roles;
mod search;

use async_graphql::{EmptySubscription, MergedObject, Schema};

use crate::state::AppState;

pub use graphiql::{graphiql_asset, graphiql_page};

pub const MAX_DEPTH: usize = 12;
pub const MAX_COMPLEXITY: usize = 1_000;
pub const MAX_ALIASES: usize = 30;
pub const MAX_DIRECTIVES: usize = 10;
pub const MAX_PAGE_SIZE: i32 = 100;

#[derive(MergedObject, Default)]
pub struct QueryRoot(roles::RoleQuery, catalog::CatalogQuery, search::SearchQuery, learner::LearnerQuery);

#[derive(MergedObject, Default)]
pub struct MutationRoot(learner::LearnerMutation);

pub type RoledexSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The schema without runtime state: what `schema export` writes.
pub fn schema_builder() -> async_graphql::SchemaBuilder<QueryRoot, MutationRoot, EmptySubscription> {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(64)
        .limit_directives(MAX_DIRECTIVES)
}

pub fn build_schema(state: AppState) -> RoledexSchema {
    schema_builder().data(state).finish()
}

/// The SDL the code serves, as checked into `schema/schema.graphql`.
pub fn sdl() -> String {
    schema_builder().finish().sdl()
}
