//! The API's one error vocabulary.
//!
//! Policy: every failure a client can see is an [`ApiError`] with a stable
//! snake_case `code`. REST serves it as `application/problem+json` (RFC 9457)
//! with the code as an extension member; GraphQL puts the same code in
//! `extensions.code`. Internal details (SQL, file paths, tokens) are logged,
//! never sent.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use roledex_domain::guidance::{InputProblem, InvalidSubmission};
use roledex_domain::ports::StorageError;
use serde::Serialize;
use utoipa::ToSchema;

/// Why a request was not authenticated (HTTP 401).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthFailure {
    MissingToken,
    InvalidToken(String),
    TokenExpired,
    TokenNotYetValid,
    InvalidCredentials,
    RefreshTokenInvalid,
    RefreshTokenReused,
}

impl AuthFailure {
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingToken => "missing_token",
            Self::InvalidToken(_) => "invalid_token",
            Self::TokenExpired => "token_expired",
            Self::TokenNotYetValid => "token_not_yet_valid",
            Self::InvalidCredentials => "invalid_credentials",
            Self::RefreshTokenInvalid => "refresh_token_invalid",
            Self::RefreshTokenReused => "refresh_token_reused",
        }
    }

    fn message(&self) -> String {
        match self {
            Self::MissingToken => "this operation needs `Authorization: Bearer <access token>`".into(),
            Self::InvalidToken(why) => format!("the access token is not valid: {why}"),
            Self::TokenExpired => "the access token has expired: refresh it".into(),
            Self::TokenNotYetValid => "the access token is not valid yet (`nbf` is in the future)".into(),
            Self::InvalidCredentials => "the email or password is wrong".into(),
            Self::RefreshTokenInvalid => "the refresh token is unknown, expired or revoked: log in again".into(),
            Self::RefreshTokenReused => {
                "the refresh token was already used: every token of this session is now revoked; log in again".into()
            }
        }
    }
}

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
    #[error("{}", .0.message())]
    Unauthorized(AuthFailure),
    #[error("this operation needs the admin role")]
    Forbidden,
    #[error("`{0}` is not an email address")]
    InvalidEmail(String),
    #[error("an account with this email already exists: log in instead")]
    EmailTaken,
    #[error("the password is too weak: {0}")]
    WeakPassword(String),
    #[error("the password is too long: {0}")]
    PasswordTooLong(String),
    #[error("the submission is invalid: {0}")]
    InvalidSubmission(InvalidSubmission),
    #[error("`Idempotency-Key` must be 1 to 255 visible ASCII characters")]
    InvalidIdempotencyKey,
    #[error("this Idempotency-Key was used with a different request body: use a new key for a new request")]
    IdempotencyKeyReused,
    #[error("a request with this Idempotency-Key is still being processed: retry shortly")]
    IdempotencyInProgress,
    #[error("no self-assessment yet for role `{0}`")]
    AssessmentNotFound(String),
    #[error("no sprint plan `{0}` for this learner")]
    PlanNotFound(String),
    #[error("no task `{0}` in this sprint plan")]
    TaskNotFound(String),
    #[error("the server is busy checking other passwords: retry in a moment")]
    ServerBusy,
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
            Self::Unauthorized(failure) => failure.code(),
            Self::Forbidden => "forbidden",
            Self::InvalidEmail(_) => "invalid_email",
            Self::EmailTaken => "email_taken",
            Self::WeakPassword(_) => "weak_password",
            Self::PasswordTooLong(_) => "password_too_long",
            Self::InvalidSubmission(_) => "invalid_submission",
            Self::InvalidIdempotencyKey => "invalid_idempotency_key",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::IdempotencyInProgress => "idempotency_in_progress",
            Self::AssessmentNotFound(_) => "assessment_not_found",
            Self::PlanNotFound(_) => "plan_not_found",
            Self::TaskNotFound(_) => "task_not_found",
            Self::ServerBusy => "server_busy",
            Self::Internal => "internal_error",
        }
    }

    pub fn title(&self) -> &'static str {
        match self.status_code() {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "Bad request",
            StatusCode::UNAUTHORIZED => "Unauthorized",
            StatusCode::FORBIDDEN => "Forbidden",
            StatusCode::CONFLICT => "Conflict",
            StatusCode::PAYLOAD_TOO_LARGE => "Payload too large",
            StatusCode::UNPROCESSABLE_ENTITY => "Unprocessable content",
            StatusCode::SERVICE_UNAVAILABLE => "Service unavailable",
            _ => "Internal error",
        }
    }

    pub fn invalid(name: &str, message: impl Into<String>) -> Self {
        Self::InvalidParameter { name: name.to_owned(), message: message.into() }
    }

    /// Item-by-item problems of a rejected submission.
    pub fn field_errors(&self) -> Option<Vec<FieldError>> {
        match self {
            Self::InvalidSubmission(InvalidSubmission(problems)) => {
                Some(problems.iter().map(FieldError::from).collect())
            }
            _ => None,
        }
    }

    pub fn problem(&self) -> Problem {
        Problem {
            r#type: format!("https://roledex.dev/problems/{}", self.code()),
            title: self.title().to_owned(),
            status: self.status_code().as_u16(),
            detail: self.to_string(),
            code: self.code().to_owned(),
            errors: self.field_errors(),
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(err: StorageError) -> Self {
        tracing::error!(error = %err, "storage failure");
        Self::StorageUnavailable
    }
}

impl From<roledex_persistence::PersistenceError> for ApiError {
    fn from(err: roledex_persistence::PersistenceError) -> Self {
        Self::from(StorageError::from(err))
    }
}

impl From<InvalidSubmission> for ApiError {
    fn from(err: InvalidSubmission) -> Self {
        Self::InvalidSubmission(err)
    }
}

/// One invalid item of a submission.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// The key the client sent (skill slug, card key, question key, field name).
    pub item: String,
    pub message: String,
}

impl From<&InputProblem> for FieldError {
    fn from(p: &InputProblem) -> Self {
        Self { item: p.item.clone(), message: p.message.clone() }
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
    /// For `invalid_submission`: every invalid item, so all can be fixed at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::RoleNotFound(_)
            | Self::DownloadNotFound { .. }
            | Self::RouteNotFound(_)
            | Self::AssessmentNotFound(_)
            | Self::PlanNotFound(_)
            | Self::TaskNotFound(_) => StatusCode::NOT_FOUND,
            Self::InvalidParameter { .. }
            | Self::InvalidBody(_)
            | Self::GraphqlParse(_)
            | Self::GraphqlValidation(_)
            | Self::QueryTooComplex(_)
            | Self::InvalidEmail(_)
            | Self::WeakPassword(_)
            | Self::PasswordTooLong(_)
            | Self::InvalidIdempotencyKey => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::EmailTaken | Self::IdempotencyInProgress => StatusCode::CONFLICT,
            Self::InvalidSubmission(_) | Self::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::StorageUnavailable | Self::ServerBusy => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("application/problem+json");
        if let Self::Unauthorized(failure) = self {
            response.insert_header((
                header::WWW_AUTHENTICATE,
                format!("Bearer error=\"invalid_token\", error_description=\"{}\"", failure.code()),
            ));
        }
        response.json(self.problem())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<ApiError> {
        let mut all = vec![
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
            ApiError::Forbidden,
            ApiError::InvalidEmail("x".into()),
            ApiError::EmailTaken,
            ApiError::WeakPassword("x".into()),
            ApiError::PasswordTooLong("x".into()),
            ApiError::InvalidSubmission(InvalidSubmission::single("x", "y")),
            ApiError::InvalidIdempotencyKey,
            ApiError::IdempotencyKeyReused,
            ApiError::IdempotencyInProgress,
            ApiError::AssessmentNotFound("x".into()),
            ApiError::PlanNotFound("x".into()),
            ApiError::TaskNotFound("x".into()),
            ApiError::ServerBusy,
            ApiError::Internal,
        ];
        for failure in [
            AuthFailure::MissingToken,
            AuthFailure::InvalidToken("x".into()),
            AuthFailure::TokenExpired,
            AuthFailure::TokenNotYetValid,
            AuthFailure::InvalidCredentials,
            AuthFailure::RefreshTokenInvalid,
            AuthFailure::RefreshTokenReused,
        ] {
            all.push(ApiError::Unauthorized(failure));
        }
        all
    }

    #[test]
    fn codes_are_unique_snake_case_and_only_defects_are_500() {
        let errors = every_variant();
        let mut codes: Vec<&str> = errors.iter().map(ApiError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), errors.len());
        for e in &errors {
            assert!(e.code().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", e.code());
            assert!(
                !e.status_code().is_server_error()
                    || matches!(e, ApiError::StorageUnavailable | ApiError::ServerBusy | ApiError::Internal)
            );
        }
    }

    #[test]
    fn submissions_list_every_problem() {
        let problem = ApiError::InvalidSubmission(InvalidSubmission(vec![
            InputProblem { item: "a".into(), message: "m1".into() },
            InputProblem { item: "b".into(), message: "m2".into() },
        ]))
        .problem();
        assert_eq!(problem.status, 422);
        assert_eq!(problem.errors.map(|e| e.len()), Some(2));
    }
}
