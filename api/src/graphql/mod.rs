//! GraphQL at `/graphql`: one schema merged from one query object per area,
//! with depth, complexity, directive and alias limits, a per-request
//! DataLoader for profiles, and GraphiQL served from assets in the binary.

mod admin;
mod catalog;
mod compute;
pub mod documents;
pub mod endpoint;
mod error;
mod execution;
mod graphiql;
mod http;
pub mod int_range;
mod introspection;
mod learner;
mod learner_pages;
pub mod limits;
mod loader;
mod operation_key;
mod pagination;
pub mod persisted;
pub mod response_cache;
mod roles;
pub mod scopes;
mod search;
mod taxonomy;

use async_graphql::{EmptySubscription, MergedObject, Schema};

use crate::state::AppState;

pub use endpoint::GraphqlService;
pub use graphiql::{graphiql_asset, graphiql_page};

use limits::{MAX_COMPLEXITY, MAX_DIRECTIVES};

pub const MAX_PAGE_SIZE: i32 = 100;

/// Named as GraphQL tools expect the root types (`Query`, `Mutation`).
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    roles::RoleQuery,
    catalog::CatalogQuery,
    taxonomy::TaxonomyQuery,
    compute::ComputeQuery,
    search::SearchQuery,
    learner::LearnerQuery,
    admin::AdminQuery,
);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(learner::LearnerMutation, admin::AdminMutation);

pub type RoledexSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The schema without runtime state: what `schema export` writes. The
/// limits are checked before execution (`limits`); the library's own, at
/// the same figures, are a backstop.
pub fn schema_builder() -> async_graphql::SchemaBuilder<QueryRoot, MutationRoot, EmptySubscription> {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
        .limit_depth(limits::MAX_INTROSPECTION_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(64)
        .limit_directives(MAX_DIRECTIVES)
}

/// The schema data queries run on, and the one for documents that introspect.
#[derive(Clone)]
pub struct Schemas {
    pub data: RoledexSchema,
    pub introspection: RoledexSchema,
}

impl Schemas {
    pub fn build(state: AppState) -> Self {
        Self {
            data: schema_builder().data(state.clone()).finish(),
            introspection: schema_builder().data(state).extension(introspection::SchemaDescription).finish(),
        }
    }
}

/// The SDL the code serves, as checked into `schema/schema.graphql`.
pub fn sdl() -> String {
    // `@specifiedBy` as introspection reports it (the `DateTime` scalar's RFC 3339).
    schema_builder().finish().sdl_with_options(async_graphql::SDLExportOptions::new().include_specified_by())
}
