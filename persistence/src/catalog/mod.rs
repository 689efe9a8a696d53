//! The SeaORM implementation of the domain's `CatalogRepository` port.

mod mapping;
mod profiles;

use std::collections::HashMap;

use roledex_domain::ports::{BoxFuture, CatalogRepository, Page, PageRequest, StorageError};
use roledex_domain::profile::{Certification, RoleKind, RoleProfile, RoleSummary, Skill};
use roledex_domain::values::Slug;
use sea_orm::sea_query::LikeExpr;
use sea_orm::{
    AccessMode, ColumnTrait, DatabaseConnection, EntityTrait, IsolationLevel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use tracing::instrument;

use crate::entities::*;
use crate::{Database, DatabaseKind, PersistenceError};

#[derive(Debug, Clone)]
pub struct SeaCatalog {
    db: DatabaseConnection,
    kind: DatabaseKind,
}

impl SeaCatalog {
    pub fn new(database: &Database) -> Self {
        Self { db: database.connection.clone(), kind: database.kind }
    }

    /// Loads profiles inside one read transaction, so the ~20 statements see
    /// one snapshot even while another process replaces the content.
    #[instrument(skip(self))]
    async fn load_profiles_impl(&self, slugs: &[Slug]) -> Result<Vec<RoleProfile>, PersistenceError> {
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
}

/// A `LIKE` pattern matching `needle` anywhere, with the wildcards `%`, `_`
/// and the escape character itself taken literally. Searched columns hold
/// text lower-cased in Rust at load time, so matching is case-insensitive for
/// all of Unicode on both backends (SQLite's `lower()` knows only ASCII).
fn contains_pattern(needle: &str) -> LikeExpr {
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

impl SeaCatalog {
    #[instrument(skip(self))]
    async fn list_roles_impl(
        &self,
        search: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<RoleSummary>, PersistenceError> {
        let mut query = roles::Entity::find().filter(roles::Column::Kind.eq(RoleKind::Profile.as_str()));
        if let Some(needle) = search {
            query = query.filter(roles::Column::SearchText.like(contains_pattern(needle)));
        }
        let total = query.clone().count(&self.db).await?;
        let rows = query
            .order_by_asc(roles::Column::Title)
            .order_by_asc(roles::Column::Id)
            .offset(page.offset)
            .limit(page.limit)
            .all(&self.db)
            .await?;
        let items = rows.iter().map(mapping::summary).collect::<Result<_, _>>()?;
        Ok(Page { items, total })
    }

    #[instrument(skip(self))]
    async fn list_certifications_impl(&self, search: Option<&str>) -> Result<Vec<Certification>, PersistenceError> {
        let mut query = certifications::Entity::find();
        if let Some(needle) = search {
            query = query.filter(certifications::Column::SearchText.like(contains_pattern(needle)));
        }
        let rows = query.order_by_asc(certifications::Column::Name).all(&self.db).await?;
        let links = certification_skills::Entity::find()
            .filter(certification_skills::Column::CertificationId.is_in(rows.iter().map(|r| r.id)))
            .order_by_asc(certification_skills::Column::Position)
            .all(&self.db)
            .await?;
        let skill_slugs: HashMap<i64, String> = skills::Entity::find()
            .filter(skills::Column::Id.is_in(links.iter().map(|l| l.skill_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.slug))
            .collect();
        let mut builds: HashMap<i64, Vec<Slug>> = HashMap::new();
        for link in &links {
            let slug = skill_slugs.get(&link.skill_id).ok_or_else(|| mapping::corrupt("skill missing"))?;
            builds.entry(link.certification_id).or_default().push(mapping::slug(slug)?);
        }
        rows.iter().map(|r| mapping::certification(r, builds.remove(&r.id).unwrap_or_default())).collect()
    }

    #[instrument(skip(self))]
    async fn list_skills_impl(&self, search: Option<&str>) -> Result<Vec<Skill>, PersistenceError> {
        let mut query = skills::Entity::find();
        if let Some(needle) = search {
            query = query.filter(skills::Column::SearchText.like(contains_pattern(needle)));
        }
        let rows = query.order_by_asc(skills::Column::Name).all(&self.db).await?;
        rows.iter().map(mapping::skill).collect()
    }

    async fn content_version_impl(&self) -> Result<Option<String>, PersistenceError> {
        let latest = content_packs::Entity::find().order_by_desc(content_packs::Column::Id).one(&self.db).await?;
        Ok(latest.map(|p| p.content_hash))
    }
}

impl CatalogRepository for SeaCatalog {
    fn list_roles<'a>(
        &'a self,
        search: Option<&'a str>,
        page: PageRequest,
    ) -> BoxFuture<'a, Result<Page<RoleSummary>, StorageError>> {
        Box::pin(async move { Ok(self.list_roles_impl(search, page).await?) })
    }

    fn load_profiles<'a>(&'a self, slugs: &'a [Slug]) -> BoxFuture<'a, Result<Vec<RoleProfile>, StorageError>> {
        Box::pin(async move { Ok(self.load_profiles_impl(slugs).await?) })
    }

    fn list_certifications<'a>(
        &'a self,
        search: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Vec<Certification>, StorageError>> {
        Box::pin(async move { Ok(self.list_certifications_impl(search).await?) })
    }

    fn list_skills<'a>(&'a self, search: Option<&'a str>) -> BoxFuture<'a, Result<Vec<Skill>, StorageError>> {
        Box::pin(async move { Ok(self.list_skills_impl(search).await?) })
    }

    fn content_version<'a>(&'a self) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
        Box::pin(async move { Ok(self.content_version_impl().await?) })
    }
}
