//! Brute-force protection for accounts: after 5 failed logins for one
//! account within 15 minutes, or 20 from one client address, every further
//! attempt is refused with 429 whatever the password, until the oldest
//! failure leaves the window; a successful login clears the account's count.
//! Registration is limited per address (`registrations_per_hour`, 10 by
//! default). The counts
//! live in the database (`failure_windows`), so every instance shares them.

use roledex_domain::ratelimit::{LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, Policy, REGISTRATION_WINDOW_MS, Standing};
use roledex_persistence::learners::now_millis;

use crate::error::ApiError;
use crate::state::AppState;

/// The address a request comes from: the peer's IP, or the client's behind
/// a trusted proxy (`trusted_proxies`); the counts are per address.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl ClientAddress {
    pub fn of(req: &actix_web::HttpRequest) -> Self {
        match req.app_data::<actix_web::web::Data<AppState>>() {
            Some(state) => Self(state.partners.proxies.client_address(req)),
            None => Self(req.peer_addr().map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())),
        }
    }
}

/// One counted key and the policy it is counted under.
pub struct Counter {
    pub key: String,
    pub name: &'static str,
    pub policy: Policy,
}

impl Counter {
    pub fn login_account(email: &str) -> Self {
        Self {
            key: format!("login:account:{}", email.trim().to_lowercase()),
            name: "login-account",
            policy: LOGIN_PER_ACCOUNT,
        }
    }

    pub fn login_address(address: &str) -> Self {
        Self { key: format!("login:address:{address}"), name: "login-address", policy: LOGIN_PER_ADDRESS }
    }

    pub fn registration_address(address: &str, per_hour: u32) -> Self {
        Self {
            key: format!("register:address:{address}"),
            name: "registration-address",
            policy: Policy::new(per_hour, REGISTRATION_WINDOW_MS),
        }
    }

    fn refusal(&self, standing: Standing, what: &str) -> ApiError {
        ApiError::TooManyRequests {
            what: what.to_owned(),
            retry_after_secs: u64::try_from((standing.retry_after_ms + 999) / 1000).unwrap_or(1).max(1),
            policy: self.policy.header(self.name),
            standing: format!("\"{}\";r=0;t={}", self.name, (standing.reset_ms.max(0) + 999) / 1000),
        }
    }
}

/// Refuses when any counter has no allowance left.
pub async fn check(state: &AppState, counters: &[&Counter], what: &str) -> Result<(), ApiError> {
    let now = now_millis();
    for counter in counters {
        let standing = state.learners.failure_standing(&counter.key, counter.policy, now).await?;
        if standing.refused() {
            return Err(counter.refusal(standing, what));
        }
    }
    Ok(())
}

/// Counts one failure (or attempt) against each counter.
pub async fn count(state: &AppState, counters: &[&Counter]) -> Result<(), ApiError> {
    let now = now_millis();
    for counter in counters {
        state.learners.record_failure(&counter.key, counter.policy, now).await?;
    }
    Ok(())
}

pub async fn clear(state: &AppState, counter: &Counter) -> Result<(), ApiError> {
    Ok(state.learners.clear_failures(&counter.key).await?)
}
