//! Refresh tokens: 256 random bits from the operating system, given to the
//! client once and stored only as a SHA-256 hash.

use sha2::{Digest, Sha256};

/// A fresh opaque refresh token (64 hex characters); `None` only when the
/// operating system cannot supply randomness.
pub fn new_refresh_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(hex::encode(bytes))
}

pub fn hash_refresh_token(token: &str) -> String {
    hash_secret(token)
}

/// The stored form of a high-entropy secret (a refresh token, an API key):
/// hex SHA-256. 256 random bits need no slow hash to resist guessing.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hashes_stable() {
        let (a, b) = (new_refresh_token().unwrap_or_default(), new_refresh_token().unwrap_or_default());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_refresh_token(&a), hash_refresh_token(&a));
        assert_ne!(hash_refresh_token(&a), a);
    }
}
