//! Authentication: passwords (Argon2id), Roledex's own access tokens (HS256
//! JWT with a pinned algorithm and a `kid`), rotating refresh tokens, and
//! tokens from an external identity provider (JWKS). Tokens and password
//! hashes are never logged.

mod admin;
mod extractor;
mod jwt;
mod live;
mod password;
mod refresh;

pub use admin::Admin;
pub use extractor::{Learner, bearer_token};
pub use jwt::{AccessClaims, JwksSource, TokenService};
pub use live::LiveAccounts;
pub use password::{hash_password, verify_password};
pub use refresh::{hash_refresh_token, hash_secret, new_refresh_token};
