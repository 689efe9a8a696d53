use actix_web::ResponseError;
use roledex_domain::guidance::{InputProblem, InvalidSubmission};
use strum::IntoEnumIterator;

use super::*;

/// Every variant, with every authentication failure spelled out.
fn every_variant() -> Vec<ApiError> {
    ApiError::iter()
        .flat_map(|e| match e {
            ApiError::Unauthorized(_) => AuthFailure::iter().map(ApiError::Unauthorized).collect(),
            other => vec![other],
        })
        .collect()
}

#[test]
fn codes_are_unique_snake_case_and_only_server_failures_are_5xx() {
    let errors = every_variant();
    assert!(errors.len() > 30, "every variant is iterated: {}", errors.len());
    let mut codes: Vec<&str> = errors.iter().map(ApiError::code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len(), "codes must be unique: {codes:?}");
    for e in &errors {
        assert!(e.code().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", e.code());
        // oEmbed answers 501 for a format it does not serve: the one 5xx that is no failure.
        let failure = e.status_code().is_server_error() && !matches!(e, ApiError::FormatNotImplemented { .. });
        assert_eq!(failure, !e.is_client_error(), "{}", e.code());
    }
}

#[test]
fn documented_codes_keep_their_names() {
    assert_eq!(ApiError::GraphqlParse(String::new()).code(), "graphql_parse_error");
    assert_eq!(ApiError::internal("x", "y").code(), "internal_error");
    assert_eq!(ApiError::Unauthorized(AuthFailure::TokenExpired).code(), "token_expired");
    assert_eq!(ApiError::RoleNotFound(String::new()).code(), "role_not_found");
}

#[test]
fn client_errors_survive_a_round_trip_through_storage() {
    for error in every_variant().into_iter().filter(ApiError::is_client_error) {
        let json = serde_json::to_string(&error).map_err(|e| e.to_string());
        let back: Result<ApiError, String> = json.and_then(|j| serde_json::from_str(&j).map_err(|e| e.to_string()));
        assert_eq!(back.as_ref(), Ok(&error));
    }
    assert!(serde_json::to_string(&ApiError::internal("x", "y")).is_err(), "causes are never stored");
}

#[test]
fn submissions_list_every_problem() {
    let problem = crate::rest::problem::problem(&ApiError::InvalidSubmission(InvalidSubmission(vec![
        InputProblem { item: "a".into(), message: "m1".into() },
        InputProblem { item: "b".into(), message: "m2".into() },
    ])));
    assert_eq!(problem.status, 422);
    assert_eq!(problem.errors.map(|e| e.len()), Some(2));
}
