//! `/api/v1/me/sync`: the WatermelonDB sync protocol.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::body::read_limited;
use super::problem::Problem;
use crate::auth::Learner;
use crate::dto;
use crate::error::ApiError;
use crate::learning::sync;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullParams {
    /// The `timestamp` of the device's last pull; `null` or `0` (or none) for a first sync.
    #[param(value_type = Option<String>, pattern = "^(null|[0-9]{1,18})$")]
    pub last_pulled_at: Option<String>,
    /// The app's local schema version (WatermelonDB sends it; Roledex does not depend on it).
    #[param(value_type = Option<String>, pattern = "^(null|[0-9]{1,9})$")]
    pub schema_version: Option<String>,
    /// WatermelonDB's migration info as JSON (`{"from":1,"tables":[...],"columns":[...]}`) or `null`:
    /// tables and columns the app added since its last sync, sent whole.
    #[param(max_length = 4096)]
    pub migration: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PushParams {
    /// The `timestamp` of the pull the pushed changes were made against.
    #[param(value_type = String, pattern = "^(null|[0-9]{1,18})$")]
    pub last_pulled_at: Option<String>,
}

/// A `last_pulled_at` value: `None` for none, `null` or 0.
fn last_pulled_at(raw: Option<&str>) -> Result<Option<i64>, ApiError> {
    match raw {
        None | Some("null") => Ok(None),
        // Digits only, as documented (`parse` would also take a sign).
        Some(text) => {
            match text.parse::<i64>().ok().filter(|_| text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit())) {
                Some(0) => Ok(None),
                Some(at) => Ok(Some(at)),
                _ => Err(ApiError::invalid(
                    "last_pulled_at",
                    format!(
                        "`{}` is not a timestamp: send the `timestamp` of your last pull, or null",
                        text.chars().take(40).collect::<String>()
                    ),
                )),
            }
        }
    }
}

fn schema_version(raw: Option<&str>) -> Result<(), ApiError> {
    match raw {
        None | Some("null") => Ok(()),
        Some(text) if (1..=9).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
        Some(text) => Err(ApiError::invalid(
            "schema_version",
            format!("`{}` is not a schema version: a whole number", text.chars().take(40).collect::<String>()),
        )),
    }
}

fn migration(raw: Option<&str>) -> Result<Option<sync::MigrationInfo>, ApiError> {
    match raw.map(str::trim) {
        None | Some("" | "null") => Ok(None),
        Some(text) => serde_json::from_str(text).map(Some).map_err(|e| {
            ApiError::invalid(
                "migration",
                format!("not WatermelonDB migration info (`{{\"from\":N,\"tables\":[],\"columns\":[]}}`): {e}"),
            )
        }),
    }
}

/// Pull: every change to the learner's records since `last_pulled_at`
/// (everything on a first sync), as WatermelonDB's `pullChanges` returns it.
/// Return the whole answer from `pullChanges`: `experimentalStrategy` tells
/// WatermelonDB when the answer is a full replacement.
#[utoipa::path(tag = "sync", security(("bearer" = [])), params(PullParams), responses(
    (status = 200, body = dto::SyncPull),
))]
#[get("/me/sync")]
pub async fn pull(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<PullParams>,
) -> Result<HttpResponse, ApiError> {
    let since = last_pulled_at(query.last_pulled_at.as_deref())?;
    schema_version(query.schema_version.as_deref())?;
    let migration = migration(query.migration.as_deref())?;
    let answer = sync::pull(&state, &learner.user_id, since, migration.as_ref()).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(answer))
}

/// Push: a device's changes (`{ table: { created, updated, deleted } }`), applied
/// all together or not at all. 409 `sync_conflict` names each record changed on
/// the server since `last_pulled_at`: pull, then push again. A created record
/// the server already has (a push replayed) and a deleted id it does not know
/// are not errors. The body may be sent as `text/plain`, as `fetch` does with a string.
#[utoipa::path(tag = "sync", security(("bearer" = [])), params(PushParams),
    request_body(content((Object = "application/json"), (Object = "text/plain")), description = "The changes object WatermelonDB's `pushChanges` receives"),
    responses(
        (status = 200, body = dto::SyncPushed),
        (status = 409, description = "`sync_conflict`: `records` lists each `table/id` changed on the server since `last_pulled_at`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_sync_change`: an unknown table, a record the rules refuse (its table and id are named)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/sync")]
pub async fn push(
    state: web::Data<AppState>,
    learner: Learner,
    req: HttpRequest,
    query: web::Query<PushParams>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let media = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence != "application/json" && essence != "text/plain" {
        return Err(ApiError::UnsupportedMediaType {
            found: media.chars().take(100).collect(),
            expected: "application/json (or text/plain)".into(),
        });
    }
    // Required (WatermelonDB always sends it): a push made against no pull at
    // all would overwrite whatever it meets.
    let raw = query.last_pulled_at.as_deref().ok_or_else(|| {
        ApiError::invalid("last_pulled_at", "send the `timestamp` of the pull these changes were made against")
    })?;
    let since = last_pulled_at(Some(raw))?.unwrap_or(0);
    let body = read_limited(&mut payload, state.config.body_limit).await?;
    let changes: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::InvalidBody(format!("the changes are not JSON: {e}")))?;
    let timestamp = sync::push(&state, &learner.user_id, since, changes).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(dto::SyncPushed { timestamp }))
}
