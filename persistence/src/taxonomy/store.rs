//! Taxonomy releases in the database: written whole (one release replaces
//! the previous one of its taxonomy), read by release, by item and by search.

use std::time::{SystemTime, UNIX_EPOCH};

use roledex_domain::pack::ContentPack;
use roledex_domain::taxonomy::{ItemType, ReleaseSource, Taxonomy, TaxonomyItem, TaxonomyKind, TaxonomyRef};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use serde::{Deserialize, Serialize};

use super::ImportedTaxonomy;
use crate::catalog::{Page, PageRequest, contains_pattern, corrupt, parse};
use crate::entities::{taxonomy_coverage, taxonomy_items, taxonomy_releases};
use crate::{Database, PersistenceError};

/// A release as stored, without its items: what listing a taxonomy shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomySummary {
    pub kind: TaxonomyKind,
    pub name: String,
    pub version: String,
    pub released: Option<String>,
    pub released_basis: String,
    pub source: ReleaseSource,
    pub license: Option<String>,
    /// Items per type, computed from the release when it was imported.
    pub counts: Vec<(ItemType, u32)>,
    /// SHA-256 of the file the release was read from.
    pub sha256: String,
    /// Seconds since the Unix epoch.
    pub imported_at: i64,
}

/// Where a piece of content that covers a taxonomy item lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageSource {
    Skill,
    InterviewQuestion,
    QuizQuestion,
    LearningResource,
}

impl CoverageSource {
    pub const ALL: [CoverageSource; 4] =
        [Self::Skill, Self::InterviewQuestion, Self::QuizQuestion, Self::LearningResource];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Skill => "skill",
            Self::InterviewQuestion => "interview_question",
            Self::QuizQuestion => "quiz_question",
            Self::LearningResource => "learning_resource",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// One piece of content that points at a taxonomy item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub source: CoverageSource,
    /// The role it belongs to; `None` for a catalog skill.
    pub role: Option<String>,
    /// A skill slug, a question key, or the entry's position in its role.
    pub key: String,
    /// A skill's name, a question, or a resource's title.
    pub label: String,
}

/// The stored form of a release's metadata (`taxonomy_releases.body`).
#[derive(Serialize, Deserialize)]
struct ReleaseBody {
    kind: TaxonomyKind,
    name: String,
    version: String,
    released: Option<String>,
    released_basis: String,
    source: ReleaseSource,
    license: Option<String>,
    counts: Vec<(ItemType, u32)>,
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn json<T: Serialize>(value: &T) -> Result<String, PersistenceError> {
    serde_json::to_string(value).map_err(|e| corrupt(format!("cannot serialize: {e}")))
}

/// Replaces the stored release of `imported`'s taxonomy, inside the caller's
/// transaction.
pub(crate) async fn replace_release<C: ConnectionTrait>(
    txn: &C,
    t: &Taxonomy,
    sha256: &str,
) -> Result<(), PersistenceError> {
    let kind = t.kind.slug();
    let body = ReleaseBody {
        kind: t.kind,
        name: t.name.clone(),
        version: t.version.clone(),
        released: t.released.clone(),
        released_basis: t.released_basis.clone(),
        source: t.source.clone(),
        license: t.license.clone(),
        counts: t.counts(),
    };
    taxonomy_items::Entity::delete_many().filter(taxonomy_items::Column::Taxonomy.eq(kind)).exec(txn).await?;
    taxonomy_releases::Entity::delete_by_id(kind.to_owned()).exec(txn).await?;
    taxonomy_releases::Entity::insert(taxonomy_releases::ActiveModel {
        taxonomy: Set(kind.to_owned()),
        version: Set(t.version.clone()),
        sha256: Set(sha256.to_owned()),
        imported_at: Set(now()),
        body: Set(json(&body)?),
    })
    .exec(txn)
    .await?;
    let mut rows = Vec::with_capacity(t.items.len());
    for (position, item) in t.items.iter().enumerate() {
        let search = [item.id.as_str(), &item.name, item.description.as_deref().unwrap_or("")].join("\n");
        rows.push(taxonomy_items::ActiveModel {
            taxonomy: Set(kind.to_owned()),
            item_id: Set(item.id.clone()),
            item_type: Set(item.item_type.as_str().to_owned()),
            name: Set(item.name.clone()),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            search_text: Set(search.to_lowercase()),
            body: Set(json(item)?),
        });
    }
    crate::content::insert_all(txn, rows).await
}

/// Imports one release on its own (`roledex taxonomy import`), in one
/// transaction. Refused, changing nothing, when published content points at
/// an item the new release does not have.
pub async fn store_taxonomy(db: &Database, imported: &ImportedTaxonomy) -> Result<(), StoreRefused> {
    let txn = db.connection.begin().await?;
    let kind = imported.taxonomy.kind.slug();
    let referenced: Vec<String> = taxonomy_coverage::Entity::find()
        .select_only()
        .column(taxonomy_coverage::Column::ItemId)
        .distinct()
        .filter(taxonomy_coverage::Column::Taxonomy.eq(kind))
        .into_tuple()
        .all(&txn)
        .await?;
    let missing: Vec<String> = referenced
        .into_iter()
        .filter(|id| imported.taxonomy.item(id).is_none())
        .map(|id| format!("{kind}/{id}"))
        .collect();
    if !missing.is_empty() {
        return Err(StoreRefused::DanglingReferences(missing));
    }
    replace_release(&txn, &imported.taxonomy, &imported.sha256).await?;
    txn.commit().await?;
    Ok(())
}

/// Why `store_taxonomy` changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum StoreRefused {
    #[error("the published content points at items this release does not have: {}", .0.join(", "))]
    DanglingReferences(Vec<String>),
    #[error(transparent)]
    Persistence(#[from] PersistenceError),
}

impl From<sea_orm::DbErr> for StoreRefused {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Persistence(e.into())
    }
}

/// Replaces every coverage row with the pack's, inside the pack's transaction.
pub(crate) async fn replace_coverage<C: ConnectionTrait>(txn: &C, pack: &ContentPack) -> Result<(), PersistenceError> {
    taxonomy_coverage::Entity::delete_many().exec(txn).await?;
    crate::content::insert_all(txn, coverage_rows(pack)).await
}

/// The coverage rows of a pack: one per (content entry, taxonomy item).
fn coverage_rows(pack: &ContentPack) -> Vec<taxonomy_coverage::ActiveModel> {
    let mut rows = Vec::new();
    let mut push = |refs: &[TaxonomyRef], source: CoverageSource, role: &str, key: String, label: &str| {
        for r in refs {
            rows.push(taxonomy_coverage::ActiveModel {
                taxonomy: Set(r.taxonomy.slug().to_owned()),
                item_id: Set(r.id.clone()),
                source_kind: Set(source.as_str().to_owned()),
                role_slug: Set(role.to_owned()),
                source_key: Set(key.clone()),
                label: Set(label.to_owned()),
                position: Set(0),
            });
        }
    };
    for skill in &pack.skills {
        push(&skill.taxonomy_items, CoverageSource::Skill, "", skill.slug.to_string(), &skill.name);
    }
    for role in &pack.roles {
        let slug = role.slug.as_str();
        for (i, q) in role.interview_questions.iter().enumerate() {
            push(&q.taxonomy_items, CoverageSource::InterviewQuestion, slug, i.to_string(), &q.question);
        }
        for q in &role.knowledge_check {
            push(&q.taxonomy_items, CoverageSource::QuizQuestion, slug, q.key.to_string(), &q.prompt);
        }
        for (i, r) in role.learning_resources.iter().enumerate() {
            push(&r.taxonomy_items, CoverageSource::LearningResource, slug, i.to_string(), &r.title);
        }
    }
    for (position, row) in rows.iter_mut().enumerate() {
        row.position = Set(i32::try_from(position).unwrap_or(i32::MAX));
    }
    rows
}

/// Items of one taxonomy, filtered.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter<'a> {
    pub item_type: Option<ItemType>,
    pub search: Option<&'a str>,
}

/// Reads stored releases and their items.
#[derive(Debug, Clone)]
pub struct TaxonomyStore {
    db: DatabaseConnection,
}

impl TaxonomyStore {
    pub fn new(database: &Database) -> Self {
        Self { db: database.connection.clone() }
    }

    /// Every stored release, in the order of `TaxonomyKind::ALL`.
    pub async fn releases(&self) -> Result<Vec<TaxonomySummary>, PersistenceError> {
        let rows = taxonomy_releases::Entity::find().all(&self.db).await?;
        let mut summaries = rows.iter().map(summary).collect::<Result<Vec<_>, _>>()?;
        summaries.sort_by_key(|s| s.kind);
        Ok(summaries)
    }

    pub async fn release(&self, kind: TaxonomyKind) -> Result<Option<TaxonomySummary>, PersistenceError> {
        taxonomy_releases::Entity::find_by_id(kind.slug().to_owned())
            .one(&self.db)
            .await?
            .as_ref()
            .map(summary)
            .transpose()
    }

    /// A page of one taxonomy's items in release order; `None` when the
    /// taxonomy has not been imported.
    pub async fn items(
        &self,
        kind: TaxonomyKind,
        filter: ItemFilter<'_>,
        page: PageRequest,
    ) -> Result<Option<Page<TaxonomyItem>>, PersistenceError> {
        if self.release(kind).await?.is_none() {
            return Ok(None);
        }
        let mut query = taxonomy_items::Entity::find().filter(taxonomy_items::Column::Taxonomy.eq(kind.slug()));
        if let Some(t) = filter.item_type {
            query = query.filter(taxonomy_items::Column::ItemType.eq(t.as_str()));
        }
        if let Some(needle) = filter.search {
            query = query.filter(taxonomy_items::Column::SearchText.like(contains_pattern(needle)));
        }
        let query = query.order_by_asc(taxonomy_items::Column::Position);
        let total = query.clone().count(&self.db).await?;
        let rows = query.offset(page.offset).limit(page.limit).all(&self.db).await?;
        let items = rows.iter().map(|row| parse(&row.body)).collect::<Result<_, _>>()?;
        Ok(Some(Page { items, total }))
    }

    pub async fn item(&self, kind: TaxonomyKind, id: &str) -> Result<Option<TaxonomyItem>, PersistenceError> {
        let row = taxonomy_items::Entity::find_by_id((kind.slug().to_owned(), id.to_owned())).one(&self.db).await?;
        row.map(|r| parse(&r.body)).transpose()
    }

    /// The content that points at one item, in pack order.
    pub async fn coverage(&self, kind: TaxonomyKind, id: &str) -> Result<Vec<Coverage>, PersistenceError> {
        let rows = taxonomy_coverage::Entity::find()
            .filter(taxonomy_coverage::Column::Taxonomy.eq(kind.slug()))
            .filter(taxonomy_coverage::Column::ItemId.eq(id))
            .order_by_asc(taxonomy_coverage::Column::Position)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|row| {
                let source = CoverageSource::parse(&row.source_kind)
                    .ok_or_else(|| corrupt(format!("unknown coverage source `{}`", row.source_kind)))?;
                let role = (!row.role_slug.is_empty()).then_some(row.role_slug);
                Ok(Coverage { source, role, key: row.source_key, label: row.label })
            })
            .collect()
    }
}

fn summary(row: &taxonomy_releases::Model) -> Result<TaxonomySummary, PersistenceError> {
    let body: ReleaseBody = parse(&row.body)?;
    Ok(TaxonomySummary {
        kind: body.kind,
        name: body.name,
        version: body.version,
        released: body.released,
        released_basis: body.released_basis,
        source: body.source,
        license: body.license,
        counts: body.counts,
        sha256: row.sha256.clone(),
        imported_at: row.imported_at,
    })
}
