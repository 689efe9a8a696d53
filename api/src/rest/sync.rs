//! `/api/v1/me/sync`: the WatermelonDB sync protocol, and the learner's
//! saved items.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::body::{Json, read_limited};
use super::problem::Problem;
use crate::auth::Learner;
use crate::dto;
use crate::error::ApiError;
use crate::learning::{saved, sync};
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
    match raw.map(str::trim) {
        None | Some("" | "null" | "undefined") => Ok(None),
        Some(text) => match text.parse::<i64>() {
            Ok(0) => Ok(None),
            Ok(at) if at > 0 => Ok(Some(at)),
            _ => Err(ApiError::invalid(
                "last_pulled_at",
                format!(
                    "`{}` is not a timestamp: send the `timestamp` of your last pull, or null",
                    text.chars().take(40).collect::<String>()
                ),
            )),
        },
    }
}

fn schema_version(raw: Option<&str>) -> Result<(), ApiError> {
    match raw.map(str::trim) {
        None | Some("" | "null") => Ok(()),
        Some(text) if text.parse::<u32>().is_ok_and(|v| v >= 1) => Ok(()),
        Some(text) => Err(ApiError::invalid(
            "schema_version",
            format!("`{}` is not a schema version: a whole number from 1", text.chars().take(40).collect::<String>()),
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
    let since = last_pulled_at(query.last_pulled_at.as_deref())?.unwrap_or(0);
    let body = read_limited(&mut payload, state.config.body_limit).await?;
    let changes: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::InvalidBody(format!("the changes are not JSON: {e}")))?;
    let timestamp = sync::push(&state, &learner.user_id, since, changes).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(dto::SyncPushed { timestamp }))
}

/// The learner's saved items, newest first.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(super::params::PageParams), responses((status = 200, body = super::me::SavedItemList)))]
#[get("/me/saved-items")]
pub async fn saved_items(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<super::params::PageParams>,
) -> Result<HttpResponse, ApiError> {
    let request = super::params::learner_page(query.first.as_deref(), query.after.as_deref())?;
    let page = saved::list(&state, &learner.user_id, &request).await?;
    Ok(super::me::private(&super::me::SavedItemList::from(page)))
}

/// Save a role, certification or learning resource. Saving a target saved before answers that item (200).
#[utoipa::path(tag = "learner", security(("bearer" = [])), request_body = dto::SaveItemInput, responses(
    (status = 201, description = "Saved", body = dto::SavedItem),
    (status = 200, description = "Saved before: the existing item", body = dto::SavedItem),
    (status = 400, description = "`invalid_parameter`: a target that is no slug (role, certification) or `https` address (resource), or a note over 500 characters", body = Problem, content_type = "application/problem+json"),
))]
#[post("/me/saved-items")]
pub async fn save_item(
    state: web::Data<AppState>,
    learner: Learner,
    body: Json<dto::SaveItemInput>,
) -> Result<HttpResponse, ApiError> {
    let (item, created) = saved::save(&state, &learner.user_id, body.into_inner()).await?;
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    Ok(response.insert_header((header::CACHE_CONTROL, "no-store")).json(item))
}

/// Remove a saved item.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(("id" = String, Path)), responses(
    (status = 204, description = "Removed"),
    (status = 404, description = "`saved_item_not_found` (also for another learner's item)", body = Problem, content_type = "application/problem+json"),
))]
#[delete("/me/saved-items/{id}")]
pub async fn remove_saved_item(
    state: web::Data<AppState>,
    learner: Learner,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    saved::remove(&state, &learner.user_id, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Everything Roledex holds about the signed-in learner, as one JSON document:
/// the account, sessions (without tokens), submissions, plans, saved items,
/// idempotency keys, sync tombstones and counted failed sign-ins.
#[utoipa::path(tag = "learner", security(("bearer" = [])), responses(
    (status = 200, body = dto::LearnerExport, headers(("Content-Disposition" = String, description = "`attachment; filename=\"roledex-export.json\"`"))),
))]
#[get("/me/export")]
pub async fn export(state: web::Data<AppState>, learner: Learner) -> Result<HttpResponse, ApiError> {
    let document = crate::learning::privacy::export(&state, &learner.user_id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"roledex-export.json\""))
        .json(document))
}

/// Delete the account and everything held about it, at once and for good:
/// sessions are revoked, and no table keeps anything of the learner. Send the
/// current `password`, or call with an access token from a sign-in in the
/// last five minutes (the body may then be empty).
#[utoipa::path(tag = "learner", security(("bearer" = [])),
    request_body(content = Option<dto::DeleteAccount>, description = "`{\"password\": \"...\"}`, or nothing after a fresh sign-in"),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "`reauthentication_required`: no password and no sign-in in the last five minutes", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/me")]
pub async fn delete_account(
    state: web::Data<AppState>,
    learner: Learner,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = read_limited(&mut payload, 4096).await?;
    let request: dto::DeleteAccount = if body.iter().all(u8::is_ascii_whitespace) {
        dto::DeleteAccount::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::InvalidBody(format!("send `{{\"password\": \"...\"}}` or nothing: {e}")))?
    };
    crate::learning::privacy::delete_account(&state, &learner, request.password).await?;
    Ok(HttpResponse::NoContent().finish())
}
