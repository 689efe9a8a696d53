//! Accounts and tokens.

use async_graphql::{InputObject, SimpleObject};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::UserRole;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct User {
    pub id: String,
    pub email: Option<String>,
    pub role: UserRole,
}

/// OAuth 2.0 token response (RFC 6749 §5.1).
#[derive(Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
    /// Single use: each refresh returns a new one; presenting a used one revokes the session.
    pub refresh_token: String,
}

#[derive(Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "CredentialsInput")]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// An e-mail address as HTML forms accept it (the WHATWG rule).
    #[schema(
        max_length = 254,
        pattern = "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"
    )]
    pub email: String,
    /// 12 to 64 characters (Unicode code points) as typed.
    #[schema(min_length = 12, max_length = 64)]
    pub password: String,
}

#[derive(Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "RefreshInput")]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("email", &self.email).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for RefreshRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshRequest").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_not_in_debug_output() {
        let tokens = TokenResponse {
            access_token: "secret-access".into(),
            token_type: "Bearer".into(),
            expires_in: 1,
            refresh_token: "secret-refresh".into(),
        };
        let credentials = Credentials { email: "a@b.co".into(), password: "secret-password".into() };
        let refresh = RefreshRequest { refresh_token: "secret-refresh".into() };
        let shown = format!("{tokens:?} {credentials:?} {refresh:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
