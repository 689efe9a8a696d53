//! The API's one error vocabulary.
//!
//! Policy: every failure a client can see is an [`ApiError`] with a stable
//! snake_case `code`. REST serves it as `application/problem+json` (RFC 9457)
//! with the code as an extension member; GraphQL puts the same code in
//! `extensions.code`. Internal details (SQL, file paths) are logged, never sent.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use roledex_domain::ports::StorageError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("no role has the slug `{0}`")]
    RoleNotFound(String),
    #[error("no download `{download}` in role `{role}`")]
    DownloadNotFound { role: String, download: String },
    #[error("no resource at {0}")]
    RouteNotFound(String),
    #[error("invalid `{name}`: {message}")]
    InvalidParameter { name: String, message: String },
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("the request body is not valid JSON for this operation: {0}")]
    InvalidBody(String),
    #[error("the service cannot reach its database; try again shortly")]
    StorageUnavailable,
    #[error("the GraphQL query could not be parsed: {0}")]
    GraphqlParse(String),
    #[error("{0}")]
    GraphqlValidation(String),
    #[error("the query is too complex: {0}")]
    QueryTooComplex(String),
    /// A defect, never the client's fault; details go to the log only.
    #[error("the request failed unexpectedly; it has been logged")]
    Internal,
}

impl ApiError {
    /// The stable, documented code of each error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::RoleNotFound(_) => "role_not_found",
            Self::DownloadNotFound { .. } => "download_not_found",
            Self::RouteNotFound(_) => "route_not_found",
            Self::InvalidParameter { .. } => "invalid_parameter",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::InvalidBody(_) => "invalid_body",
            Self::StorageUnavailable => "storage_unavailable",
            Self::GraphqlParse(_) => "graphql_parse_error",
            Self::GraphqlValidation(_) => "graphql_validation_error",
            Self::QueryTooComplex(_) => "query_too_complex",
            Self::Internal => "internal_error",
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Self::RoleNotFound(_) => "Role not found",
            Self::DownloadNotFound { .. } => "Download not found",
            Self::RouteNotFound(_) => "Not found",
            Self::InvalidParameter { .. } => "Invalid parameter",
            Self::PayloadTooLarge { .. } => "Payload too large",
            Self::InvalidBody(_) => "Invalid request body",
            Self::StorageUnavailable => "Storage unavailable",
            Self::GraphqlParse(_) => "Invalid GraphQL document",
            Self::GraphqlValidation(_) => "Invalid GraphQL query",
            Self::QueryTooComplex(_) => "Query too complex",
            Self::Internal => "Internal error",
        }
    }

    pub fn invalid(name: &str, message: impl Into<String>) -> Self {
        Self::InvalidParameter { name: name.to_owned(), message: message.into() }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            r#type: format!("https://roledex.dev/problems/{}", self.code()),
            title: self.title().to_owned(),
            status: status.as_u16(),
            detail: self.to_string(),
            code: self.code().to_owned(),
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(err: StorageError) -> Self {
        tracing::error!(error = %err, "storage failure");
        Self::StorageUnavailable
    }
}

/// An RFC 9457 problem document, with Roledex's stable `code` beside the standard members.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[schema(example = "https://roledex.dev/problems/role_not_found")]
    pub r#type: String,
    pub title: String,
    pub status: u16,
    /// What went wrong and what to change.
    pub detail: String,
    /// Stable snake_case code; the same one GraphQL sends in `extensions.code`.
    #[schema(example = "role_not_found")]
    pub code: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::RoleNotFound(_) | Self::DownloadNotFound { .. } | Self::RouteNotFound(_) => StatusCode::NOT_FOUND,
            Self::InvalidParameter { .. } | Self::InvalidBody(_) | Self::GraphqlParse(_) => StatusCode::BAD_REQUEST,
            Self::GraphqlValidation(_) | Self::QueryTooComplex(_) => StatusCode::BAD_REQUEST,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::StorageUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).content_type("application/problem+json").json(self.problem())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<ApiError> {
        vec![
            ApiError::RoleNotFound("x".into()),
            ApiError::DownloadNotFound { role: "r".into(), download: "d".into() },
            ApiError::RouteNotFound("/x".into()),
            ApiError::invalid("sort", "use rank"),
            ApiError::PayloadTooLarge { limit: 1 },
            ApiError::InvalidBody("x".into()),
            ApiError::StorageUnavailable,
            ApiError::GraphqlParse("x".into()),
            ApiError::GraphqlValidation("x".into()),
            ApiError::QueryTooComplex("x".into()),
            ApiError::Internal,
        ]
    }

    #[test]
    fn codes_are_unique_snake_case_and_never_500() {
        let errors = every_variant();
        let mut codes: Vec<&str> = errors.iter().map(ApiError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), errors.len());
        for e in &errors {
            assert!(e.code().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", e.code());
            assert!(
                !e.status_code().is_server_error() || matches!(e, ApiError::StorageUnavailable | ApiError::Internal)
            );
        }
    }
}
