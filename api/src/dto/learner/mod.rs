//! Public types of the learner features (REST and GraphQL alike), one file per feature.

mod account;
mod assessment;
mod export;
mod plan;
mod qualification;
mod quiz;
mod readiness;
mod sync;
mod timeline;

pub use account::*;
pub use assessment::*;
pub use export::*;
pub use plan::*;
pub use qualification::*;
pub use quiz::*;
pub use readiness::*;
pub use sync::*;
pub use timeline::*;

/// A slug: lowercase words joined by single hyphens, 1 to 80 characters
/// (documentation of the string fields that name content).
pub struct SlugText;

impl utoipa::PartialSchema for SlugText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[a-z0-9]+(-[a-z0-9]+)*$"))
            .max_length(Some(80))
            .into()
    }
}

impl utoipa::ToSchema for SlugText {}
