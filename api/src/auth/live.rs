//! Accounts known to exist, so an access token outlives nothing its account
//! does: a token whose account was deleted is refused (401) everywhere. A
//! positive answer is remembered for 30 seconds, so the check costs one
//! primary-key read per learner per half minute; deleting an account forgets
//! it here at once, and other instances within those 30 seconds.

use std::time::Duration;

use roledex_persistence::learners::LearnerStore;

use crate::error::{ApiError, AuthFailure};

#[derive(Debug)]
pub struct LiveAccounts {
    known: moka::sync::Cache<String, ()>,
}

impl Default for LiveAccounts {
    fn default() -> Self {
        Self { known: moka::sync::Cache::builder().max_capacity(100_000).time_to_live(Duration::from_secs(30)).build() }
    }
}

impl LiveAccounts {
    /// `Ok` when the account exists; `invalid_token` when it was deleted.
    pub async fn check(&self, learners: &LearnerStore, user_id: &str) -> Result<(), ApiError> {
        if self.known.contains_key(user_id) {
            return Ok(());
        }
        if learners.user(user_id).await?.is_none() {
            return Err(ApiError::Unauthorized(AuthFailure::InvalidToken("its account no longer exists".into())));
        }
        self.known.insert(user_id.to_owned(), ());
        Ok(())
    }

    /// The account was deleted: refuse its tokens from now on.
    pub fn forget(&self, user_id: &str) {
        self.known.invalidate(user_id);
    }
}
