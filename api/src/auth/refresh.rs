//! Refresh tokens: 256 random bits, given to the client once and stored only
//! as a SHA-256 hash.

use sha2::{Digest, Sha256};

/// A fresh opaque refresh token (64 hex characters).
pub fn new_refresh_token() -> String {
    let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    let mut bytes = Vec::with_capacity(32);
    bytes.extend_from_slice(a.as_bytes());
    bytes.extend_from_slice(b.as_bytes());
    // Hashing the two v4 UUIDs (244 random bits) spreads them over 256 bits.
    hex::encode(Sha256::digest(&bytes))
}

pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hashes_stable() {
        let (a, b) = (new_refresh_token(), new_refresh_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_refresh_token(&a), hash_refresh_token(&a));
        assert_ne!(hash_refresh_token(&a), a);
    }
}
