//! Learner accounts: who may sign in, with what, and for how long. Pure
//! rules; the API hashes passwords and signs tokens, persistence stores them.

mod email;
mod password;
mod role;
mod session;

pub use email::{Email, InvalidEmail};
pub use password::{
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, PasswordPolicyError, check_password, check_password_length,
    normalize_password,
};
pub use role::UserRole;
pub use session::{
    PresentedToken, RECENT_SIGN_IN_SECS, RefreshVerdict, judge_refresh, session_end, signed_in_recently,
};
