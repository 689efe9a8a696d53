//! Register, log in, refresh, log out.

use roledex_domain::account::{
    Email, PasswordPolicyError, UserRole, check_password, check_password_length, normalize_password, session_end,
};
use roledex_persistence::LearnerStore;
use roledex_persistence::learners::{NewUser, RefreshOutcome, now_millis};

use super::throttle;
use crate::auth::{hash_password, hash_refresh_token, new_refresh_token, verify_password};
use crate::dto;
use crate::error::{ApiError, AuthFailure};
use crate::state::AppState;

/// A hash to verify against when the email is unknown, so a login takes
/// as long whether or not the account exists.
fn dummy_hash() -> String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("roledex-timing-equaliser").unwrap_or_default()).clone()
}

/// Runs Argon2 (deliberately slow and memory-hungry) off the async workers,
/// at most one per core at a time, so a flood of logins cannot exhaust memory.
async fn with_argon2<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let permits = PERMITS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))
    });
    let _permit = tokio::time::timeout(std::time::Duration::from_secs(10), permits.acquire())
        .await
        .map_err(|_| ApiError::ServerBusy)?
        .map_err(|e| ApiError::internal("waiting for an Argon2 permit", e))?;
    tokio::task::spawn_blocking(work).await.map_err(|e| ApiError::internal("hashing a password", e))
}

fn to_dto(user: &roledex_persistence::learners::User) -> dto::User {
    dto::User { id: user.id.clone(), email: user.email.clone(), role: user.role.into() }
}

/// Registers a learner, counting the attempt against the client address.
pub async fn register(
    state: &AppState,
    input: &dto::Credentials,
    role: UserRole,
    address: &str,
) -> Result<dto::User, ApiError> {
    let from = throttle::Counter::registration_address(address, state.config.registrations_per_hour);
    throttle::check(state, &[&from], "registrations from this address").await?;
    throttle::count(state, &[&from]).await?;
    create_account(&state.learners, input, role).await
}

/// Creates an account after checking the email and the password policy
/// (also used by `roledex user create`).
pub async fn create_account(
    learners: &LearnerStore,
    input: &dto::Credentials,
    role: UserRole,
) -> Result<dto::User, ApiError> {
    let email = Email::parse(&input.email).map_err(|e| ApiError::InvalidEmail(e.0))?;
    let policy = |e: PasswordPolicyError| match e {
        PasswordPolicyError::TooLong => ApiError::PasswordTooLong(e.to_string()),
        _ => ApiError::WeakPassword(e.to_string()),
    };
    check_password_length(&input.password).map_err(policy)?;
    let password = normalize_password(&input.password);
    check_password(&password, &email).map_err(policy)?;
    let hash = with_argon2(move || hash_password(&password))
        .await?
        .ok_or_else(|| ApiError::internal("hashing a password", "Argon2 refused the parameters"))?;
    let new = NewUser { id: super::new_id(), email: email.to_string(), password_hash: hash, role };
    let user = learners.create_user(new, now_millis()).await?.ok_or(ApiError::EmailTaken)?;
    Ok(to_dto(&user))
}

/// Logs in, refusing with 429 while the account or the client address has
/// used up its failed attempts (see `throttle`); `address` is the client's.
pub async fn login(state: &AppState, input: &dto::Credentials, address: &str) -> Result<dto::TokenResponse, ApiError> {
    let account = throttle::Counter::login_account(&input.email);
    let from = throttle::Counter::login_address(address);
    throttle::check(state, &[&account, &from], "failed logins").await?;
    let outcome = verify_login(state, input).await;
    match &outcome {
        Ok(_) => throttle::clear(state, &account).await?,
        Err(ApiError::Unauthorized(AuthFailure::InvalidCredentials)) => {
            throttle::count(state, &[&account, &from]).await?
        }
        Err(_) => {}
    }
    outcome
}

/// Whether `password` is the account's (an account without one has none
/// to match). Hashes are of the NFKC form; an account made before passwords
/// were normalized holds the hash of the text as typed.
pub(super) async fn password_matches(
    user: &roledex_persistence::learners::User,
    password: String,
) -> Result<bool, ApiError> {
    let Some(stored) = user.password_hash.clone() else { return Ok(false) };
    with_argon2(move || {
        let normalized = normalize_password(&password);
        verify_password(&normalized, &stored) || (normalized != password && verify_password(&password, &stored))
    })
    .await
}

async fn verify_login(state: &AppState, input: &dto::Credentials) -> Result<dto::TokenResponse, ApiError> {
    let user = match Email::parse(&input.email) {
        Ok(email) => state.learners.user_by_email(email.as_str()).await?,
        Err(_) => None,
    };
    let matches = match &user {
        Some(user) if user.password_hash.is_some() => password_matches(user, input.password.clone()).await?,
        // The same work for an unknown address, so timing does not tell which exist.
        _ => {
            let raw = input.password.clone();
            with_argon2(move || verify_password(&normalize_password(&raw), &dummy_hash())).await?;
            false
        }
    };
    match user {
        Some(user) if matches => issue(state, &user.id, user.role.as_str(), None).await,
        _ => Err(ApiError::Unauthorized(AuthFailure::InvalidCredentials)),
    }
}

pub async fn refresh(state: &AppState, input: &dto::RefreshRequest) -> Result<dto::TokenResponse, ApiError> {
    let now = now_millis();
    let next =
        new_refresh_token().ok_or_else(|| ApiError::internal("making a refresh token", "no system randomness"))?;
    let outcome = state
        .learners
        .rotate_refresh_token(
            &hash_refresh_token(&input.refresh_token),
            (super::new_id(), hash_refresh_token(&next)),
            now,
        )
        .await?;
    match outcome {
        RefreshOutcome::Rotated { user_id } => {
            let user =
                state.learners.user(&user_id).await?.ok_or(ApiError::Unauthorized(AuthFailure::RefreshTokenInvalid))?;
            let access_token = state
                .tokens
                .issue(&user.id, user.role.as_str(), false)
                .map_err(|e| ApiError::internal("issuing an access token", e))?;
            Ok(token_response(state, access_token, next))
        }
        RefreshOutcome::Reused => Err(ApiError::Unauthorized(AuthFailure::RefreshTokenReused)),
        RefreshOutcome::Invalid => Err(ApiError::Unauthorized(AuthFailure::RefreshTokenInvalid)),
    }
}

/// Revokes the session the refresh token belongs to. Unknown tokens are
/// accepted silently: logging out twice is not an error.
pub async fn logout(state: &AppState, input: &dto::RefreshRequest) -> Result<(), ApiError> {
    state.learners.revoke_by_token(&hash_refresh_token(&input.refresh_token), now_millis()).await?;
    Ok(())
}

/// Issues an access token and the first refresh token of a new session family.
async fn issue(
    state: &AppState,
    user_id: &str,
    role: &str,
    family: Option<String>,
) -> Result<dto::TokenResponse, ApiError> {
    let now = now_millis();
    let refresh_token =
        new_refresh_token().ok_or_else(|| ApiError::internal("making a refresh token", "no system randomness"))?;
    let family = family.unwrap_or_else(super::new_id);
    let lifetime = i64::try_from(state.config.refresh_token_ttl.as_millis()).unwrap_or(i64::MAX);
    let expires_at = session_end(now, lifetime);
    state
        .learners
        .store_refresh_token(super::new_id(), user_id, &family, &hash_refresh_token(&refresh_token), expires_at, now)
        .await?;
    let access_token =
        state.tokens.issue(user_id, role, true).map_err(|e| ApiError::internal("issuing an access token", e))?;
    Ok(token_response(state, access_token, refresh_token))
}

fn token_response(state: &AppState, access_token: String, refresh_token: String) -> dto::TokenResponse {
    dto::TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.access_ttl_secs(),
        refresh_token,
    }
}

pub async fn me(state: &AppState, user_id: &str) -> Result<dto::User, ApiError> {
    let user = state
        .learners
        .user(user_id)
        .await?
        .ok_or(ApiError::Unauthorized(AuthFailure::InvalidToken("the account no longer exists".into())))?;
    Ok(to_dto(&user))
}
