//! Errors on REST: the HTTP status of each `ApiError`, and its RFC 9457
//! problem document.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use roledex_domain::guidance::InputProblem;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;

fn title(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "Bad request",
        StatusCode::UNAUTHORIZED => "Unauthorized",
        StatusCode::FORBIDDEN => "Forbidden",
        StatusCode::CONFLICT => "Conflict",
        StatusCode::PRECONDITION_FAILED => "Precondition failed",
        StatusCode::METHOD_NOT_ALLOWED => "Method not allowed",
        StatusCode::NOT_ACCEPTABLE => "Not acceptable",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "Unsupported media type",
        StatusCode::PAYLOAD_TOO_LARGE => "Payload too large",
        StatusCode::TOO_MANY_REQUESTS => "Too many requests",
        StatusCode::UNPROCESSABLE_ENTITY => "Unprocessable content",
        StatusCode::SERVICE_UNAVAILABLE => "Service unavailable",
        StatusCode::NOT_IMPLEMENTED => "Not implemented",
        _ => "Internal error",
    }
}

/// Item-by-item problems of a rejected submission, as REST sends them.
fn field_errors(err: &ApiError) -> Option<Vec<FieldError>> {
    err.input_problems().map(|problems| problems.iter().map(FieldError::from).collect())
}

pub fn problem(err: &ApiError) -> Problem {
    let status = err.status_code();
    Problem {
        r#type: format!("https://roledex.dev/problems/{}", err.code()),
        title: title(status).to_owned(),
        status: status.as_u16(),
        detail: err.to_string(),
        code: err.code().to_owned(),
        errors: field_errors(err),
        records: err.conflicting_records().map(<[String]>::to_vec),
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
    /// For `sync_conflict`: each record that changed on the server after
    /// `last_pulled_at`, as `table/id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<Vec<String>>,
}

/// The `WWW-Authenticate` challenge of a bearer-protected resource
/// (RFC 6750 §3): no error code when no token was sent, `invalid_token`
/// when the one sent is refused. Failures of the login and refresh
/// endpoints are not bearer challenges and carry none.
pub fn www_authenticate(err: &ApiError) -> Option<String> {
    use crate::error::AuthFailure;
    match err {
        ApiError::Unauthorized(AuthFailure::MissingToken) => Some("Bearer realm=\"roledex\"".to_owned()),
        ApiError::Unauthorized(
            failure @ (AuthFailure::InvalidToken(_) | AuthFailure::TokenExpired | AuthFailure::TokenNotYetValid),
        ) => {
            Some(format!("Bearer realm=\"roledex\", error=\"invalid_token\", error_description=\"{}\"", failure.code()))
        }
        ApiError::ApiKeyRefused(_) => Some("ApiKey realm=\"roledex\"".to_owned()),
        _ => None,
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::RoleNotFound(_)
            | Self::SkillNotFound(_)
            | Self::DownloadNotFound { .. }
            | Self::TaxonomyNotFound(_)
            | Self::TaxonomyItemNotFound { .. }
            | Self::RouteNotFound(_)
            | Self::ChartNotFound(_)
            | Self::EmbedNotFound { .. }
            | Self::AssessmentNotFound(_)
            | Self::PlanNotFound(_)
            | Self::TaskNotFound(_)
            | Self::SavedItemNotFound(_)
            | Self::ApiKeyNotFound(_)
            | Self::PersistedQueryNotFound => StatusCode::NOT_FOUND,
            Self::InvalidParameter { .. }
            | Self::InvalidBody(_)
            | Self::GraphqlParse(_)
            | Self::GraphqlValidation(_)
            | Self::QueryTooComplex(_)
            | Self::InvalidEmail(_)
            | Self::WeakPassword(_)
            | Self::PasswordTooLong(_)
            | Self::InvalidIdempotencyKey
            | Self::PersistedQueryMismatch => StatusCode::BAD_REQUEST,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::NotAcceptable { .. } => StatusCode::NOT_ACCEPTABLE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unauthorized(_) | Self::ApiKeyRefused(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::CorsRefused | Self::ScopeMissing { .. } | Self::OriginNotAllowed { .. } => {
                StatusCode::FORBIDDEN
            }
            Self::EmailTaken
            | Self::IdempotencyInProgress
            | Self::AttemptAlreadyGraded { .. }
            | Self::SyncConflict { .. } => StatusCode::CONFLICT,
            Self::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            Self::ReauthenticationRequired { .. } => StatusCode::FORBIDDEN,
            Self::InvalidSubmission(_)
            | Self::IdempotencyKeyReused
            | Self::RoleIsOutline(_)
            | Self::InvalidSyncChange { .. }
            | Self::InvalidSavedItem(_)
            | Self::ChartInputMissing { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::StorageUnavailable | Self::ServerBusy => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::FormatNotImplemented { .. } => StatusCode::NOT_IMPLEMENTED,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("application/problem+json");
        if let Self::MethodNotAllowed { allowed, .. } = self {
            response.insert_header((header::ALLOW, allowed.as_str()));
        }
        if let Some(challenge) = www_authenticate(self) {
            response.insert_header((header::WWW_AUTHENTICATE, challenge));
        }
        if let Self::TooManyRequests { retry_after_secs, policy, standing, .. } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            response.insert_header(("RateLimit-Policy", policy.as_str()));
            response.insert_header(("RateLimit", standing.as_str()));
        }
        response.json(problem(self))
    }
}
