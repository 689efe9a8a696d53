//! An API key as stored and shown: never its secret, which is shown once
//! when the key is made and stored only as a hash.

use serde::{Deserialize, Serialize};

use super::{Origin, Scope};
use crate::ratelimit::gcra::Rate;

/// Every secret starts with this, so a leaked one is recognisable (secret
/// scanners) and a bearer token is told from an access token at a glance.
pub const KEY_PREFIX: &str = "rdx_";
/// Random bytes in a secret (base64url, 43 characters after the prefix).
pub const SECRET_BYTES: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    /// The first characters of the secret, enough to tell keys apart in a list.
    pub label: String,
    pub scopes: Vec<Scope>,
    /// Browser origins that may use the key (CORS) and frame its embeds; none: servers only.
    pub origins: Vec<Origin>,
    pub quota: Rate,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

impl ApiKey {
    pub fn allows(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }

    /// Whether a browser page on `origin` may use the key.
    /// A key that may only embed: the one kind safe to publish in a page.
    pub fn is_embed_only(&self) -> bool {
        self.scopes == [Scope::Embed]
    }

    pub fn allows_origin(&self, origin: &str) -> bool {
        self.origins.iter().any(|allowed| allowed.as_str().eq_ignore_ascii_case(origin))
    }
}

/// What an admin asks for: validated before anything is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiKey {
    pub name: String,
    pub scopes: Vec<Scope>,
    pub origins: Vec<Origin>,
    pub quota: Rate,
}

impl NewApiKey {
    /// Errors name the field at fault and say what to send.
    pub fn new(
        name: &str,
        mut scopes: Vec<Scope>,
        mut origins: Vec<Origin>,
        quota: Rate,
    ) -> Result<Self, (&'static str, String)> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(("name", "1 to 100 characters with no control characters".into()));
        }
        scopes.sort_unstable();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(("scopes", format!("give at least one of {}", Scope::names())));
        }
        origins.sort_unstable();
        origins.dedup();
        if origins.len() > 20 {
            return Err(("origins", "at most 20 origins per key".into()));
        }
        Ok(Self { name: name.to_owned(), scopes, origins, quota })
    }
}

/// Whether a credential is an API key (and not, say, a JWT access token).
pub fn is_key_shaped(token: &str) -> bool {
    token.strip_prefix(KEY_PREFIX).is_some_and(|rest| {
        rest.len() == 43 && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The part of a secret shown in lists: the prefix and 6 characters.
pub fn key_label(secret: &str) -> String {
    secret.chars().take(KEY_PREFIX.len() + 6).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_needs_a_name_and_a_scope() {
        let quota = Rate::per_minute(60);
        assert!(NewApiKey::new(" ", vec![Scope::ContentRead], vec![], quota).is_err());
        assert!(NewApiKey::new("Jobs board", vec![], vec![], quota).is_err());
        let key = NewApiKey::new(" Jobs board ", vec![Scope::Embed, Scope::ContentRead, Scope::Embed], vec![], quota);
        assert_eq!(key.map(|k| (k.name, k.scopes)), Ok(("Jobs board".into(), vec![Scope::ContentRead, Scope::Embed])));
    }

    #[test]
    fn keys_are_told_from_tokens() {
        let secret = format!("rdx_{}", "A".repeat(43));
        assert!(is_key_shaped(&secret));
        assert_eq!(key_label(&secret), "rdx_AAAAAA");
        assert!(!is_key_shaped("rdx_short"));
        assert!(!is_key_shaped("eyJhbGciOiJIUzI1NiJ9.e30.sig"));
        assert!(!is_key_shaped(&format!("rdx_{}=", "A".repeat(42))));
    }
}
