//! Taxonomy use cases shared by REST and GraphQL: parse the caller's
//! taxonomy, item type and id, and say precisely what was not found.

use roledex_domain::taxonomy::{ItemType, TaxonomyKind};
use roledex_persistence::taxonomy::{ItemFilter, TaxonomySummary};
use roledex_persistence::{Page, PageRequest};

use crate::dto;
use crate::error::ApiError;
use crate::state::AppState;

pub fn taxonomy(raw: &str) -> Result<TaxonomyKind, ApiError> {
    TaxonomyKind::parse(raw).ok_or_else(|| ApiError::TaxonomyNotFound(raw.chars().take(80).collect()))
}

pub fn item_type(raw: Option<&str>) -> Result<Option<ItemType>, ApiError> {
    raw.map(|r| {
        ItemType::parse(r).ok_or_else(|| {
            let allowed: Vec<&str> = ItemType::ALL.iter().map(|t| t.as_str()).collect();
            ApiError::invalid("type", format!("`{r}` is not an item type: use one of {}", allowed.join(", ")))
        })
    })
    .transpose()
}

pub async fn release(state: &AppState, kind: TaxonomyKind) -> Result<TaxonomySummary, ApiError> {
    state.taxonomies.release(kind).await?.ok_or_else(|| ApiError::TaxonomyNotFound(kind.slug().to_owned()))
}

pub async fn items(
    state: &AppState,
    kind: TaxonomyKind,
    filter: ItemFilter<'_>,
    page: PageRequest,
) -> Result<Page<dto::TaxonomyItem>, ApiError> {
    let found = state
        .taxonomies
        .items(kind, filter, page)
        .await?
        .ok_or_else(|| ApiError::TaxonomyNotFound(kind.slug().to_owned()))?;
    Ok(Page { items: found.items.iter().map(|i| dto::TaxonomyItem::of(kind, i)).collect(), total: found.total })
}

pub async fn item(state: &AppState, kind: TaxonomyKind, id: &str) -> Result<dto::TaxonomyItemDetail, ApiError> {
    let not_found =
        || ApiError::TaxonomyItemNotFound { taxonomy: kind.slug().to_owned(), id: id.chars().take(80).collect() };
    let item = state.taxonomies.item(kind, id).await?.ok_or_else(not_found)?;
    let covered_by = state.taxonomies.coverage(kind, id).await?;
    Ok(dto::TaxonomyItemDetail {
        item: dto::TaxonomyItem::of(kind, &item),
        covered_by: covered_by.iter().map(dto::CoveringContent::from).collect(),
    })
}
