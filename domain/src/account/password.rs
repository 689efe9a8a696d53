//! The password policy (NIST SP 800-63B): length over composition rules,
//! a real strength estimate (zxcvbn, with its own dictionaries of common
//! passwords, names and words, keyboard patterns, dates and repeats) in place
//! of a word list, nothing built from the e-mail address, and Unicode
//! normalization (NFKC) before anything is checked or hashed, so one
//! password typed on two keyboards is one password.

use unicode_normalization::UnicodeNormalization;
use zxcvbn::Score;

use super::Email;

pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest password accepted, in characters (Unicode code points) as
/// typed, which is how the API's schema states it.
pub const MAX_PASSWORD_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    #[error("use at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("use at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    #[error("{0}")]
    Weak(&'static str),
}

/// zxcvbn's score (0-4) a password needs: 3 is "safely unguessable:
/// moderate protection from offline slow-hash scenarios" (about 10^10
/// guesses), which Argon2id storage is.
const MIN_SCORE: Score = Score::Three;

/// The form a password is checked and hashed in: NFKC (SP 800-63B 5.1.1.2).
pub fn normalize_password(raw: &str) -> String {
    raw.nfkc().collect()
}

/// The length rule, on the password as typed (before normalization, which
/// can shorten or lengthen it): 12 to 64 characters, as the API's schema says.
pub fn check_password_length(raw: &str) -> Result<(), PasswordPolicyError> {
    match raw.chars().count() {
        n if n < MIN_PASSWORD_CHARS => Err(PasswordPolicyError::TooShort),
        n if n > MAX_PASSWORD_CHARS => Err(PasswordPolicyError::TooLong),
        _ => Ok(()),
    }
}

/// Checks a normalized password (see [`normalize_password`]); its length as
/// typed is [`check_password_length`]'s to judge.
pub fn check_password(password: &str, email: &Email) -> Result<(), PasswordPolicyError> {
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
    let local = email.local_part();
    if local.len() >= 4 && lower.contains(local) {
        return Err(PasswordPolicyError::Weak("do not build the password from your email address"));
    }
    // The address's parts count as known words, so `maria2027lopez` is weak for maria.lopez@...
    let known: Vec<&str> = email.as_str().split(['@', '.', '-', '_', '+']).filter(|w| w.len() >= 3).collect();
    // The estimate's matching grows fast with length; past 100 characters the
    // beginning decides (a long password repeating itself is still caught there).
    let head: String = password.chars().take(100).collect();
    let estimate = zxcvbn::zxcvbn(&head, &known);
    if estimate.score() < MIN_SCORE {
        return Err(PasswordPolicyError::Weak(
            "this password is easy to guess (common words, names, keyboard runs or repeats): \
             add more unrelated words or characters",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_nfkc_normalized() {
        // A fullwidth A and a ligature fi are their plain forms; é composed or not is one é.
        assert_eq!(normalize_password("Ａ ﬁle"), "A file");
        assert_eq!(normalize_password("cafe\u{301}"), normalize_password("caf\u{e9}"));
    }

    fn email(raw: &str) -> Email {
        Email::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn length_decides_first() {
        assert_eq!(check_password("short", &email("a@b.co")), Err(PasswordPolicyError::TooShort));
        assert_eq!(check_password_length(&"x".repeat(65)), Err(PasswordPolicyError::TooLong));
        assert_eq!(check_password_length("short"), Err(PasswordPolicyError::TooShort));
        assert_eq!(check_password_length(&"é".repeat(64)), Ok(()), "characters, not bytes");
        // A ligature typed as one character counts as one, whatever NFKC makes of it.
        assert_eq!(check_password_length("\u{fdfa}abc"), Err(PasswordPolicyError::TooShort));
        assert_eq!(check_password("correct horse battery", &email("a@b.co")), Ok(()));
        assert_eq!(check_password("vivid-ocelot-quarry-4", &email("a@b.co")), Ok(()));
    }

    #[test]
    fn guessable_passwords_are_refused() {
        let weak = |p: &str, e: &str| matches!(check_password(p, &email(e)), Err(PasswordPolicyError::Weak(_)));
        assert!(weak("aaaaaaaaaaaaaa", "a@b.co"), "too few different characters");
        assert!(weak("Password1234", "a@b.co"), "common, whatever the case");
        for guessable in
            ["qwertyuiop123", "iloveyou2027", "administrator", "123456789012", "letmeinletmein", "passwordpassword"]
        {
            assert!(weak(guessable, "a@b.co"), "{guessable}");
        }
        assert!(weak("mariaexample", "maria.lopez@example.org"), "dictionary words, the address's own among them");
        assert!(weak("maria.lopez-secret", "maria.lopez@b.co"), "built from the email");
        assert!(!weak("abc-secret-words", "abc@b.co"), "a local part under 4 characters is not checked");
    }
}
