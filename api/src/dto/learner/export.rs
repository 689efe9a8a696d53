//! The learner's data export and the account deletion request.

use async_graphql::{InputObject, SimpleObject};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Assessment, Plan, QualificationCheck, QuizAttempt, SavedItem};
use crate::dto::UserRole;

/// Everything Roledex holds about the signed-in learner, in one document.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct LearnerExport {
    pub exported_at: DateTime<Utc>,
    pub account: ExportedAccount,
    /// Sign-in sessions (refresh-token families), without their tokens.
    pub sessions: Vec<ExportedSession>,
    pub assessments: Vec<Assessment>,
    pub qualification_checks: Vec<QualificationCheck>,
    pub quiz_attempts: Vec<QuizAttempt>,
    pub sprint_plans: Vec<Plan>,
    pub saved_items: Vec<SavedItem>,
    /// Idempotency keys kept (48 hours) so retried requests get their first answer.
    pub request_keys: Vec<ExportedRequestKey>,
    /// Records deleted, remembered for offline devices until the sync horizon.
    pub deleted_records: Vec<ExportedDeletion>,
    /// Failed sign-ins to this account still counted against password guessing.
    pub failed_sign_ins: Vec<DateTime<Utc>>,
    /// Ids of partner API keys this account made (administrators).
    pub api_keys_made: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ExportedAccount {
    pub id: String,
    pub email: Option<String>,
    pub role: UserRole,
    pub created_at: DateTime<Utc>,
    /// The identity provider an external account signs in with.
    pub external_issuer: Option<String>,
    /// The account's change sequence (offline sync).
    pub change_sequence: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ExportedSession {
    pub session: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ExportedRequestKey {
    pub key: String,
    pub first_used_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ExportedDeletion {
    pub table: String,
    pub id: String,
    pub deleted_at: DateTime<Utc>,
}

/// `DELETE /me`: the current password, unless the access token comes from a
/// sign-in in the last five minutes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, InputObject)]
#[graphql(name = "DeleteAccountInput")]
#[serde(deny_unknown_fields)]
pub struct DeleteAccount {
    #[serde(default)]
    #[schema(max_length = 1024)]
    pub password: Option<String>,
}
