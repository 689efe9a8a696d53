//! The API's one error vocabulary.
//!
//! Policy: every failure a client can see is an [`ApiError`] with a stable
//! snake_case `code` (the variant's name, derived, so it cannot drift).
//! REST serves it as `application/problem+json` (RFC 9457) with the code as
//! an extension member; GraphQL puts the same code in `extensions.code`.
//! Internal details (SQL, file paths, tokens) are never sent: an
//! [`ApiError::Internal`] carries its cause, which is logged once, at ERROR,
//! inside the request's span (so with its request id), when the error is
//! turned into a response.
//!
//! Client errors serialize (serde), so an idempotent retry gets back the very
//! error the first request met.

mod auth;

use roledex_domain::guidance::InvalidSubmission;
use serde::{Deserialize, Serialize};

pub use auth::AuthFailure;

/// Why a request failed on the server's side: where, and the underlying error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cause {
    pub context: String,
    pub error: String,
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.context, self.error)
    }
}

#[derive(
    Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumIter,
)]
#[strum(serialize_all = "snake_case")]
pub enum ApiError {
    #[error("no role has the slug `{0}`")]
    RoleNotFound(String),
    #[error(
        "`{0}` is an outline profile (a background role): assessments, quizzes and plans are for full profiles; see its `leads_to`"
    )]
    RoleIsOutline(String),
    #[error("no skill has the slug `{0}`")]
    SkillNotFound(String),
    #[error("this attempt has been graded already (record {record}): start a new attempt with a new id")]
    AttemptAlreadyGraded { record: String },
    #[error("no taxonomy `{0}` has been imported: use atlas, owasp-llm or nist-ai-rmf")]
    TaxonomyNotFound(String),
    #[error("{taxonomy} has no item `{id}`")]
    TaxonomyItemNotFound { taxonomy: String, id: String },
    #[error("no download `{download}` in role `{role}`")]
    DownloadNotFound { role: String, download: String },
    #[error("no resource at {0}")]
    RouteNotFound(String),
    #[error("no chart `{0}`: use skills-radar, learner-radar, certifications, career-ladder or certification-timeline")]
    ChartNotFound(String),
    #[error("the `{chart}` chart needs {needs}")]
    ChartInputMissing { chart: String, needs: String },
    #[error("no embed at `{url}`: {reason}")]
    EmbedNotFound { url: String, reason: String },
    #[error("oEmbed answers in json only, not `{format}`")]
    FormatNotImplemented { format: String },
    #[error("invalid `{name}`: {message}")]
    InvalidParameter { name: String, message: String },
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("too many {what}: try again in {retry_after_secs} s")]
    TooManyRequests {
        what: String,
        retry_after_secs: u64,
        /// The `RateLimit-Policy` field: the policies that apply.
        policy: String,
        /// The `RateLimit` field: where the request stands under each.
        standing: String,
    },
    #[error("the request body is not valid JSON for this operation: {0}")]
    InvalidBody(String),
    #[error("the body's media type `{found}` is not accepted here: send `{expected}`")]
    UnsupportedMediaType { found: String, expected: String },
    #[error("none of the media types in `Accept` can be served: ask for one of {offered}")]
    NotAcceptable { offered: String },
    #[error(
        "CORS refuses this preflight: the origin, method or a request header is not allowed; ask the operator to add the origin to `cors_origins`"
    )]
    CorsRefused,
    #[error("{method} is not allowed here: use {allowed}")]
    MethodNotAllowed { method: String, allowed: String },
    /// Apollo's automatic persisted queries: clients match this exact message.
    #[error("PersistedQueryNotFound")]
    PersistedQueryNotFound,
    #[error("the query's SHA-256 hash is not the `sha256Hash` sent with it")]
    PersistedQueryMismatch,
    #[error("the service cannot reach its database; try again shortly")]
    StorageUnavailable,
    #[error("the GraphQL query could not be parsed: {0}")]
    #[strum(serialize = "graphql_parse_error")]
    GraphqlParse(String),
    #[error("{0}")]
    #[strum(serialize = "graphql_validation_error")]
    GraphqlValidation(String),
    #[error("the query is too complex: {0}")]
    QueryTooComplex(String),
    #[error("{}", .0.message())]
    Unauthorized(AuthFailure),
    #[error("this operation needs the admin role")]
    Forbidden,
    #[error("the API key is not accepted: {0}")]
    #[strum(serialize = "invalid_api_key")]
    ApiKeyRefused(String),
    #[error("this API key does not have the `{scope}` scope; ask the operator for a key that has it")]
    #[strum(serialize = "insufficient_scope")]
    ScopeMissing { scope: String },
    #[error(
        "this API key may not be used from the page origin `{origin}`; the key's allowed origins are set by the operator"
    )]
    OriginNotAllowed { origin: String },
    #[error("no API key has the id `{0}`")]
    ApiKeyNotFound(String),
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
    #[error("no saved item `{0}` for this learner")]
    SavedItemNotFound(String),
    #[error("the saved item is invalid: {0}")]
    InvalidSavedItem(String),
    #[error(
        "these records changed on the server after `last_pulled_at`: {}; pull, then push again",
        records.join(", ")
    )]
    SyncConflict {
        /// `table/id` of each conflicting record.
        records: Vec<String>,
    },
    #[error("{table} record `{id}`: {message}")]
    InvalidSyncChange { table: String, id: String, message: String },
    #[error("the sprint plan changed since the `If-Match` revision: its current ETag is {etag}; read it again")]
    PreconditionFailed { etag: String },
    #[error("deleting the account needs the current `password`, or a login in the last {minutes} minutes")]
    ReauthenticationRequired { minutes: u32 },
    #[error("the server is busy checking other passwords: retry in a moment")]
    ServerBusy,
    /// A defect, never the client's fault; the cause goes to the log only.
    #[error("the request failed unexpectedly; it has been logged")]
    #[strum(serialize = "internal_error")]
    #[serde(skip)]
    Internal(Cause),
}

impl ApiError {
    /// The stable, documented code of each error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthorized(failure) => failure.code(),
            other => other.into(),
        }
    }

    pub fn invalid(name: &str, message: impl Into<String>) -> Self {
        Self::InvalidParameter { name: name.to_owned(), message: message.into() }
    }

    /// A defect: what was being done, and the error met.
    pub fn internal(context: &str, error: impl std::fmt::Display) -> Self {
        Self::Internal(Cause { context: context.to_owned(), error: error.to_string() })
    }

    /// The conflicting records of a refused push (`table/id`).
    pub fn conflicting_records(&self) -> Option<&[String]> {
        match self {
            Self::SyncConflict { records } => Some(records),
            _ => None,
        }
    }

    /// Every invalid item of a rejected submission, so all can be fixed at once.
    pub fn input_problems(&self) -> Option<&[roledex_domain::guidance::InputProblem]> {
        match self {
            Self::InvalidSubmission(InvalidSubmission(problems)) => Some(problems),
            _ => None,
        }
    }

    /// True for errors that are the client's to fix (4xx); false for the
    /// server's own failures, which a retry may not meet.
    pub fn is_client_error(&self) -> bool {
        !matches!(self, Self::StorageUnavailable | Self::ServerBusy | Self::Internal(_))
    }

    /// Logs a server-side failure (once, where it becomes a response).
    pub fn log(&self) {
        match self {
            Self::Internal(cause) => tracing::error!(code = self.code(), cause = %cause, "internal error"),
            Self::StorageUnavailable | Self::ServerBusy => tracing::warn!(code = self.code(), "{self}"),
            _ => {}
        }
    }
}

/// A database that cannot be reached or is busy is `storage_unavailable`
/// (503, retry later); anything else the database layer reports is a defect.
impl From<roledex_persistence::PersistenceError> for ApiError {
    fn from(err: roledex_persistence::PersistenceError) -> Self {
        if let roledex_persistence::PersistenceError::NoSuchUser(_) = err {
            // A valid token whose account was deleted since.
            return Self::Unauthorized(AuthFailure::InvalidToken("its account no longer exists".into()));
        }
        if err.is_transient() {
            tracing::warn!(error = %err, "storage unavailable");
            Self::StorageUnavailable
        } else {
            Self::internal("storage", err)
        }
    }
}

impl From<InvalidSubmission> for ApiError {
    fn from(err: InvalidSubmission) -> Self {
        Self::InvalidSubmission(err)
    }
}

#[cfg(test)]
mod tests;
