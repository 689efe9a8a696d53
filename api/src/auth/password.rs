use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_BYTES: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordPolicyError {
    TooShort,
    TooLong,
    Weak(&'static str),
}

impl std::fmt::Display for PasswordPolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooShort => write!(f, "use at least {MIN_PASSWORD_CHARS} characters"),
            Self::TooLong => write!(f, "use at most {MAX_PASSWORD_BYTES} bytes"),
            Self::Weak(why) => f.write_str(why),
        }
    }
}

/// Only common, guessable passwords are refused beyond the length rule
/// (NIST SP 800-63B: length over composition rules).
const COMMON: [&str; 8] = [
    "password1234",
    "123456789012",
    "qwertyuiopas",
    "passwordpassword",
    "iloveyou1234",
    "letmein12345",
    "administrator",
    "welcome12345",
];

pub fn check_password(password: &str, email: &str) -> Result<(), PasswordPolicyError> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(PasswordPolicyError::TooLong);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordPolicyError::TooShort);
    }
    let lower = password.to_lowercase();
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 4 {
        return Err(PasswordPolicyError::Weak("use at least 4 different characters"));
    }
    if COMMON.contains(&lower.as_str()) {
        return Err(PasswordPolicyError::Weak("this password is too common: choose another"));
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if local.len() >= 4 && lower.contains(&local) {
        return Err(PasswordPolicyError::Weak("do not build the password from your email address"));
    }
    Ok(())
}

/// A usable email address, lower-cased; `None` when it cannot be one.
pub fn normalize_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let ok = !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@');
    ok.then_some(email)
}

pub fn hash_password(password: &str) -> Option<String> {
    Argon2::default().hash_password(password.as_bytes()).ok().map(|h| h.to_string())
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(check_password("short", "a@b.co"), Err(PasswordPolicyError::TooShort));
        assert_eq!(check_password(&"x".repeat(300), "a@b.co"), Err(PasswordPolicyError::TooLong));
        assert!(matches!(check_password("aaaaaaaaaaaaaa", "a@b.co"), Err(PasswordPolicyError::Weak(_))));
        assert!(matches!(check_password("Password1234", "a@b.co"), Err(PasswordPolicyError::Weak(_))));
        assert!(matches!(check_password("maria.lopez-secret", "maria.lopez@b.co"), Err(PasswordPolicyError::Weak(_))));
        assert_eq!(check_password("correct horse battery", "a@b.co"), Ok(()));
    }

    #[test]
    fn emails() {
        assert_eq!(normalize_email("  Ada@Example.COM "), Some("ada@example.com".into()));
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@@example.com"] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn hashes_verify_and_never_contain_the_password() {
        let hash = hash_password("correct horse battery").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("correct horse"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterz", &hash));
        assert!(!verify_password("x", "not a hash"));
    }
}
