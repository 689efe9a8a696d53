//! `/api/v1/me/saved-items`: the learner's bookmarks of roles,
//! certifications and learning resources.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, post, web};

use super::body::Json;
use super::me::{SavedItemList, private};
use super::problem::Problem;
use crate::auth::Learner;
use crate::dto;
use crate::error::ApiError;
use crate::learning::saved;
use crate::state::AppState;

/// The learner's saved items, newest first.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(super::params::PageParams), responses((status = 200, body = SavedItemList)))]
#[get("/me/saved-items")]
pub async fn saved_items(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<super::params::PageParams>,
) -> Result<HttpResponse, ApiError> {
    let request = super::params::learner_page(query.first.as_deref(), query.after.as_deref())?;
    let page = saved::list(&state, &learner.user_id, &request).await?;
    Ok(private(&SavedItemList::from(page)))
}

/// Save a role, certification or learning resource. Saving a target saved before answers that item (200).
#[utoipa::path(tag = "learner", security(("bearer" = [])), request_body = dto::SaveItemInput, responses(
    (status = 201, description = "Saved", body = dto::SavedItem),
    (status = 200, description = "Saved before: the existing item", body = dto::SavedItem),
    (status = 422, description = "`invalid_saved_item`: a target that is no slug (role, certification) or `http(s)` address (resource), or a note over 500 characters", body = Problem, content_type = "application/problem+json"),
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
