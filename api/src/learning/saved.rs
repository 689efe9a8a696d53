//! Saved items: a learner's bookmarks of roles, certifications and learning
//! resources. A target is checked for form (a slug, an `https` address), not
//! looked up: a bookmark outlives content that changes under it.

use roledex_domain::sync::{SavedTarget, note};
use roledex_persistence::learners::{SavedItem, now_millis};

use super::new_id;
use super::pages::{PageRequest, Paged};
use crate::dto;
use crate::error::ApiError;
use crate::state::AppState;

fn view(item: SavedItem) -> dto::SavedItem {
    dto::SavedItem {
        id: item.id,
        kind: item.kind.into(),
        target: item.target,
        note: item.note,
        created_at: crate::dto::timestamp::from_millis(item.created_at),
    }
}

/// Saves the item; `false` with the existing one when the learner saved
/// the same target before.
pub async fn save(
    state: &AppState,
    user_id: &str,
    input: dto::SaveItemInput,
) -> Result<(dto::SavedItem, bool), ApiError> {
    let target = SavedTarget::parse(input.kind.into(), &input.target)
        .map_err(|e| ApiError::InvalidSavedItem(format!("`target`: {}", e.0)))?;
    let now = now_millis();
    let item = SavedItem {
        id: new_id(),
        user_id: user_id.to_owned(),
        kind: target.kind,
        target: target.target().to_owned(),
        note: note(input.note.as_deref()).map_err(|e| ApiError::InvalidSavedItem(format!("`note`: {}", e.0)))?,
        created_at: now,
    };
    let (stored, created) = state.learners.save_item(&item, now).await?;
    Ok((view(stored), created))
}

pub async fn remove(state: &AppState, user_id: &str, id: &str) -> Result<(), ApiError> {
    if state.learners.delete_saved_item(user_id, id, now_millis()).await? {
        Ok(())
    } else {
        Err(ApiError::SavedItemNotFound(id.chars().take(80).collect()))
    }
}

/// A page of the learner's saved items, newest first.
pub async fn list(state: &AppState, user_id: &str, request: &PageRequest) -> Result<Paged<dto::SavedItem>, ApiError> {
    let items = state.learners.saved_items(user_id, request.page()).await?;
    Ok(request.finish(items, |item| (item.created_at, item.id.as_str())).map(view))
}
