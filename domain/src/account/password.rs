//! The password policy (NIST SP 800-63B): length over composition rules,
//! and no common or email-derived passwords.

use super::Email;

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_BYTES: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    #[error("use at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("use at most {MAX_PASSWORD_BYTES} bytes")]
    TooLong,
    #[error("{0}")]
    Weak(&'static str),
}

/// Guessable passwords refused beyond the length rule.
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

pub fn check_password(password: &str, email: &Email) -> Result<(), PasswordPolicyError> {
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
    let local = email.local_part();
    if local.len() >= 4 && lower.contains(local) {
        return Err(PasswordPolicyError::Weak("do not build the password from your email address"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(raw: &str) -> Email {
        Email::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn length_decides_first() {
        assert_eq!(check_password("short", &email("a@b.co")), Err(PasswordPolicyError::TooShort));
        assert_eq!(check_password(&"x".repeat(300), &email("a@b.co")), Err(PasswordPolicyError::TooLong));
        assert_eq!(check_password("correct horse battery", &email("a@b.co")), Ok(()));
    }

    #[test]
    fn guessable_passwords_are_refused() {
        let weak = |p: &str, e: &str| matches!(check_password(p, &email(e)), Err(PasswordPolicyError::Weak(_)));
        assert!(weak("aaaaaaaaaaaaaa", "a@b.co"), "too few different characters");
        assert!(weak("Password1234", "a@b.co"), "common, whatever the case");
        assert!(weak("maria.lopez-secret", "maria.lopez@b.co"), "built from the email");
        assert!(!weak("abc-secret-words", "abc@b.co"), "a local part under 4 characters is not checked");
    }
}
