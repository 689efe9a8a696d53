//! Published content, read from the content documents stored as JSON (see
//! `content::documents`).

mod profiles;

use roledex_domain::profile::{Certification, RoleDocument, RoleKind, RoleNeed, RoleProfile, RoleSummary, Skill};
use roledex_domain::values::Slug;
use sea_orm::sea_query::{LikeExpr, Query};
use sea_orm::{
    AccessMode, ColumnTrait, DatabaseConnection, EntityTrait, IsolationLevel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, TransactionTrait,
};
use serde::de::DeserializeOwned;
use tracing::instrument;

use crate::content::DocumentKind;
use crate::entities::{content_documents, content_links, content_packs, taxonomy_releases};
use crate::{Database, DatabaseKind, PersistenceError};

/// A page of results, in the order the query defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Total number of matches, ignoring the page bounds.
    pub total: u64,
}

/// Bounds of a page: skip `offset` items, return at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub offset: u64,
    pub limit: u64,
}

#[derive(Debug, Clone)]
pub struct SeaCatalog {
    db: DatabaseConnection,
    kind: DatabaseKind,
}

pub(crate) fn corrupt(message: impl std::fmt::Display) -> PersistenceError {
    PersistenceError::Corrupt(message.to_string())
}

/// A stored document back as its domain type.
pub(crate) fn parse<T: DeserializeOwned>(body: &str) -> Result<T, PersistenceError> {
    serde_json::from_str(body).map_err(|e| corrupt(format!("stored document does not parse: {e}")))
}

/// A `LIKE` pattern matching `needle` anywhere, with the wildcards `%`, `_`
/// and the escape character itself taken literally. Search text is
/// lower-cased in Rust at load time, so matching is case-insensitive for all
/// of Unicode on both backends (SQLite's `lower()` knows only ASCII).
pub(crate) fn contains_pattern(needle: &str) -> LikeExpr {
    let mut escaped = String::with_capacity(needle.len() + 2);
    escaped.push('%');
    for c in needle.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    LikeExpr::new(escaped).escape('\\')
}

/// Documents of one kind (for roles, of one role kind when given), optionally searched.
fn documents(
    kind: DocumentKind,
    role_kind: Option<RoleKind>,
    search: Option<&str>,
) -> Select<content_documents::Entity> {
    let mut query = content_documents::Entity::find().filter(content_documents::Column::Kind.eq(kind.as_str()));
    if let Some(role_kind) = role_kind {
        query = query.filter(content_documents::Column::RoleKind.eq(role_kind.as_str()));
    }
    if let Some(needle) = search {
        query = query.filter(content_documents::Column::SearchText.like(contains_pattern(needle)));
    }
    query.order_by_asc(content_documents::Column::Title).order_by_asc(content_documents::Column::Slug)
}

fn summary(row: &content_documents::Model) -> Result<RoleSummary, PersistenceError> {
    Ok(parse::<RoleDocument>(&row.body)?.summary())
}

impl SeaCatalog {
    pub fn new(database: &Database) -> Self {
        Self { db: database.connection.clone(), kind: database.kind }
    }

    /// Whole profiles for the given slugs (unknown slugs are absent), loaded
    /// inside one read transaction, so both statements see one snapshot even
    /// while another process replaces the content.
    #[instrument(skip(self))]
    pub async fn load_profiles(&self, slugs: &[Slug]) -> Result<Vec<RoleProfile>, PersistenceError> {
        let txn = match self.kind {
            DatabaseKind::Postgres => {
                self.db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
            }
            // SQLite in WAL mode: a read transaction reads one snapshot.
            DatabaseKind::Sqlite => self.db.begin().await?,
        };
        let profiles = profiles::load_profiles(&txn, slugs).await?;
        txn.commit().await?;
        Ok(profiles)
    }

    /// Roles (full profiles and outlines, or one of them), ordered by title,
    /// optionally filtered by a case-insensitive substring of title, one-line
    /// summary or alternate titles.
    #[instrument(skip(self))]
    pub async fn list_roles(
        &self,
        kind: Option<RoleKind>,
        search: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<RoleSummary>, PersistenceError> {
        let query = documents(DocumentKind::Role, kind, search);
        let total = query.clone().count(&self.db).await?;
        let rows = query.offset(page.offset).limit(page.limit).all(&self.db).await?;
        let items = rows.iter().map(summary).collect::<Result<_, _>>()?;
        Ok(Page { items, total })
    }

    pub async fn list_certifications(&self, search: Option<&str>) -> Result<Vec<Certification>, PersistenceError> {
        self.list_of(DocumentKind::Certification, search).await
    }

    pub async fn list_skills(&self, search: Option<&str>) -> Result<Vec<Skill>, PersistenceError> {
        self.list_of(DocumentKind::Skill, search).await
    }

    async fn list_of<T: DeserializeOwned>(
        &self,
        kind: DocumentKind,
        search: Option<&str>,
    ) -> Result<Vec<T>, PersistenceError> {
        documents(kind, None, search).all(&self.db).await?.iter().map(|row| parse(&row.body)).collect()
    }

    /// The profile roles that list `skill`, ordered by title (following
    /// `content_links` backwards); `None` when no skill has that slug.
    #[instrument(skip(self))]
    pub async fn roles_needing_skill(&self, skill: &Slug) -> Result<Option<Vec<RoleNeed>>, PersistenceError> {
        let exists =
            content_documents::Entity::find_by_id((DocumentKind::Skill.as_str().to_owned(), skill.to_string()))
                .count(&self.db)
                .await?;
        if exists == 0 {
            return Ok(None);
        }
        let linking = Query::select()
            .column(content_links::Column::SourceSlug)
            .from(content_links::Entity)
            .and_where(content_links::Column::SourceKind.eq(DocumentKind::Role.as_str()))
            .and_where(content_links::Column::TargetKind.eq(DocumentKind::Skill.as_str()))
            .and_where(content_links::Column::TargetSlug.eq(skill.as_str()))
            .to_owned();
        let rows = documents(DocumentKind::Role, Some(RoleKind::Profile), None)
            .filter(content_documents::Column::Slug.in_subquery(linking))
            .all(&self.db)
            .await?;
        let mut needs = Vec::with_capacity(rows.len());
        for row in &rows {
            let document: RoleDocument = parse(&row.body)?;
            let need = document
                .skills
                .iter()
                .find(|s| &s.skill == skill)
                .ok_or_else(|| corrupt(format!("link from role `{}` to skill `{skill}` has no entry", row.slug)))?;
            needs.push(RoleNeed {
                role: document.summary(),
                importance: need.importance,
                target_level: need.target_level,
            });
        }
        Ok(Some(needs))
    }

    /// The hash of the content pack currently loaded, if any, combined with
    /// the hash of each stored taxonomy release (one may be imported on its
    /// own, `roledex taxonomy import`): a cheap probe that lets caches notice
    /// new content. 64 hex digits.
    pub async fn content_version(&self) -> Result<Option<String>, PersistenceError> {
        let latest = content_packs::Entity::find().order_by_desc(content_packs::Column::Id).one(&self.db).await?;
        let Some(pack) = latest else { return Ok(None) };
        let releases: Vec<(String, String)> = taxonomy_releases::Entity::find()
            .select_only()
            .column(taxonomy_releases::Column::Taxonomy)
            .column(taxonomy_releases::Column::Sha256)
            .order_by_asc(taxonomy_releases::Column::Taxonomy)
            .into_tuple()
            .all(&self.db)
            .await?;
        use sha2::Digest;
        let mut version = sha2::Sha256::new();
        version.update(pack.content_hash.as_bytes());
        for (taxonomy, sha256) in releases {
            version.update(format!("\n{taxonomy}:{sha256}").as_bytes());
        }
        Ok(Some(hex::encode(version.finalize())))
    }
}
