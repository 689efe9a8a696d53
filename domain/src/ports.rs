//! The ports the domain needs from the outside world. Adapters (the SeaORM
//! repositories in `persistence`) implement them; the API depends on the
//! traits, so handlers can be exercised against any implementation.

use std::future::Future;
use std::pin::Pin;

use crate::profile::{Certification, RoleNeed, RoleProfile, RoleSummary, Skill};
use crate::values::Slug;

/// A boxed future, so the ports stay object-safe without an async runtime crate.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A storage failure, in words the caller can log; details never reach clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("storage failure: {message}")]
pub struct StorageError {
    /// True when the store could not be reached or was busy, so a retry may
    /// succeed; false for a defect (such as stored data that does not parse).
    pub transient: bool,
    pub message: String,
}

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

/// Read access to published role content.
pub trait CatalogRepository: Send + Sync {
    /// Roles of kind `profile`, ordered by title, optionally filtered by a
    /// case-insensitive substring of title, one-line summary or alternate titles.
    fn list_roles<'a>(
        &'a self,
        search: Option<&'a str>,
        page: PageRequest,
    ) -> BoxFuture<'a, Result<Page<RoleSummary>, StorageError>>;

    /// Whole profiles for the given slugs, in one batch: unknown slugs are
    /// absent from the result. The number of statements does not depend on
    /// the number or size of the profiles.
    fn load_profiles<'a>(&'a self, slugs: &'a [Slug]) -> BoxFuture<'a, Result<Vec<RoleProfile>, StorageError>>;

    fn list_certifications<'a>(
        &'a self,
        search: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Vec<Certification>, StorageError>>;

    fn list_skills<'a>(&'a self, search: Option<&'a str>) -> BoxFuture<'a, Result<Vec<Skill>, StorageError>>;

    /// The profile roles that list `skill` among their skills, ordered by
    /// title; `None` when no skill has that slug.
    fn roles_needing_skill<'a>(&'a self, skill: &'a Slug)
    -> BoxFuture<'a, Result<Option<Vec<RoleNeed>>, StorageError>>;

    /// The hash of the content pack currently loaded, if any: a cheap probe
    /// that lets caches notice a new pack.
    fn content_version<'a>(&'a self) -> BoxFuture<'a, Result<Option<String>, StorageError>>;
}
