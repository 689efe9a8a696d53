//! Why a request was not authenticated (HTTP 401).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum AuthFailure {
    #[default]
    MissingToken,
    InvalidToken(String),
    TokenExpired,
    TokenNotYetValid,
    InvalidCredentials,
    RefreshTokenInvalid,
    RefreshTokenReused,
}

impl AuthFailure {
    /// The stable code: the variant's name in snake_case.
    pub fn code(&self) -> &'static str {
        self.into()
    }

    pub(super) fn message(&self) -> String {
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
