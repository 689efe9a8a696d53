//! Sessions: a login starts a family of refresh tokens; each refresh spends
//! the token presented and issues its successor; the family ends one refresh
//! lifetime after login however often it is refreshed; presenting a spent
//! token again is the mark of a stolen one and ends the whole family.

/// How recent a sign-in must be to stand in for the password (deleting
/// the account without typing it again), in seconds.
pub const RECENT_SIGN_IN_SECS: u64 = 300;

/// Whether a token proves a sign-in (a password checked, or the identity
/// provider's `auth_time`) within [`RECENT_SIGN_IN_SECS`] of `now`. A token
/// got by refreshing proves none.
pub fn signed_in_recently(auth_time: Option<u64>, now_secs: u64) -> bool {
    auth_time.is_some_and(|at| at <= now_secs.saturating_add(60) && now_secs.saturating_sub(at) <= RECENT_SIGN_IN_SECS)
}

/// When a session that starts at `login_at` ends (milliseconds).
pub fn session_end(login_at: i64, refresh_lifetime_millis: i64) -> i64 {
    login_at.saturating_add(refresh_lifetime_millis.max(1))
}

/// The state of a refresh token as stored, when it was presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentedToken {
    pub expires_at: i64,
    pub spent: bool,
    pub revoked: bool,
}

/// What presenting a refresh token means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshVerdict {
    /// Spend it and issue a successor that ends with the session.
    Rotate,
    /// Already spent (and its family not yet revoked): revoke the family.
    ReuseDetected,
    /// Spent by a family already revoked: refuse, as a reuse.
    Reused,
    /// Unknown, expired or revoked: refuse.
    Invalid,
}

pub fn judge_refresh(token: Option<PresentedToken>, now: i64) -> RefreshVerdict {
    match token {
        None => RefreshVerdict::Invalid,
        Some(t) if t.spent && !t.revoked => RefreshVerdict::ReuseDetected,
        Some(t) if t.spent => RefreshVerdict::Reused,
        Some(t) if t.revoked || t.expires_at <= now => RefreshVerdict::Invalid,
        Some(_) => RefreshVerdict::Rotate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_000_000;

    fn token(expires_at: i64, spent: bool, revoked: bool) -> Option<PresentedToken> {
        Some(PresentedToken { expires_at, spent, revoked })
    }

    #[test]
    fn a_live_unspent_token_rotates() {
        assert_eq!(judge_refresh(token(NOW + 1, false, false), NOW), RefreshVerdict::Rotate);
    }

    #[test]
    fn a_spent_token_is_a_reuse_and_ends_the_family_once() {
        assert_eq!(judge_refresh(token(NOW + 1, true, false), NOW), RefreshVerdict::ReuseDetected);
        assert_eq!(judge_refresh(token(NOW + 1, true, true), NOW), RefreshVerdict::Reused);
        assert_eq!(judge_refresh(token(NOW - 1, true, false), NOW), RefreshVerdict::ReuseDetected, "even after expiry");
    }

    #[test]
    fn unknown_expired_or_revoked_tokens_are_invalid() {
        assert_eq!(judge_refresh(None, NOW), RefreshVerdict::Invalid);
        assert_eq!(judge_refresh(token(NOW, false, false), NOW), RefreshVerdict::Invalid, "expiry is exclusive");
        assert_eq!(judge_refresh(token(NOW + 1, false, true), NOW), RefreshVerdict::Invalid);
    }

    #[test]
    fn only_a_fresh_sign_in_stands_in_for_the_password() {
        let now = 1_000_000;
        assert!(signed_in_recently(Some(now - 10), now));
        assert!(signed_in_recently(Some(now - RECENT_SIGN_IN_SECS), now));
        assert!(!signed_in_recently(Some(now - RECENT_SIGN_IN_SECS - 1), now));
        assert!(!signed_in_recently(None, now), "a refreshed token");
        assert!(!signed_in_recently(Some(now + 3_600), now), "a sign-in from the future proves nothing");
    }

    #[test]
    fn a_session_ends_one_refresh_lifetime_after_login() {
        assert_eq!(session_end(1_000, 30_000), 31_000);
        assert_eq!(session_end(i64::MAX - 1, 30_000), i64::MAX);
        assert_eq!(session_end(1_000, 0), 1_001, "a lifetime is at least a millisecond");
    }
}
