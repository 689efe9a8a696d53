use std::time::{SystemTime, UNIX_EPOCH};

use roledex_domain::pack::ContentPack;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};

use super::ReadPack;
use super::documents::PackRows;
use crate::entities::{content_documents, content_links, content_packs};
use crate::{Database, DatabaseKind, PersistenceError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadOutcome {
    /// The pack was new or changed and is now the published content.
    Loaded { content_hash: String },
    /// The database already holds this exact pack; nothing was written.
    Unchanged { content_hash: String },
}

/// Stores the pack unless the database already holds one with the same hash.
pub async fn load_if_changed(
    db: &Database,
    read: &ReadPack,
    source_dir: &str,
) -> Result<LoadOutcome, PersistenceError> {
    write_pack(db, read, source_dir, false).await
}

/// Stores the pack even when the database already holds the same one.
pub async fn store_pack(db: &Database, read: &ReadPack, source_dir: &str) -> Result<LoadOutcome, PersistenceError> {
    write_pack(db, read, source_dir, true).await
}

/// Replaces all published content with `read` in one transaction, so a
/// failure changes nothing, and readers that read in a transaction (the
/// catalog does) see the old pack or the new one, never a mix. The hash check
/// runs inside the same transaction, under an advisory lock on PostgreSQL, so
/// instances starting together load a pack once. Learner data refers to
/// content by slug, so it survives a reload.
async fn write_pack(
    db: &Database,
    read: &ReadPack,
    source_dir: &str,
    force: bool,
) -> Result<LoadOutcome, PersistenceError> {
    let txn = db.connection.begin().await?;
    if db.kind == DatabaseKind::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({CONTENT_LOCK_KEY})")).await?;
    }
    let current = content_packs::Entity::find().order_by_desc(content_packs::Column::Id).one(&txn).await?;
    let content_hash = read.content_hash.clone();
    if !force && current.is_some_and(|c| c.content_hash == content_hash) {
        txn.rollback().await?;
        return Ok(LoadOutcome::Unchanged { content_hash });
    }
    replace_documents(&txn, &read.pack).await?;
    for taxonomy in &read.pack.taxonomies {
        let sha256 = read.taxonomy_hashes.get(&taxonomy.kind).map(String::as_str).unwrap_or_default();
        crate::taxonomy::replace_release(&txn, taxonomy, sha256).await?;
    }
    crate::taxonomy::taxonomy_coverage_replace(&txn, &read.pack).await?;
    // A pack loaded again (or switched back to) becomes the latest row.
    content_packs::Entity::delete_many()
        .filter(content_packs::Column::ContentHash.eq(content_hash.as_str()))
        .exec(&txn)
        .await?;
    let loaded_at = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    content_packs::Entity::insert(content_packs::ActiveModel {
        content_hash: Set(content_hash.clone()),
        loaded_at: Set(loaded_at),
        role_count: Set(small(read.pack.roles.len() as u64, "number of roles")?),
        source_dir: Set(source_dir.to_owned()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(LoadOutcome::Loaded { content_hash })
}

/// Advisory-lock key serializing content loads across PostgreSQL sessions ("RDXC").
const CONTENT_LOCK_KEY: i64 = 0x5244_5843;

/// A count that must fit the database's 32-bit integer columns.
fn small(value: u64, what: &str) -> Result<i32, PersistenceError> {
    i32::try_from(value).map_err(|_| PersistenceError::Corrupt(format!("{what} {value} is too large to store")))
}

/// Replaces every document and link (links first: they refer to documents).
async fn replace_documents(txn: &DatabaseTransaction, pack: &ContentPack) -> Result<(), PersistenceError> {
    let rows = PackRows::of(pack)?;
    content_links::Entity::delete_many().exec(txn).await?;
    content_documents::Entity::delete_many().exec(txn).await?;
    insert_all(txn, rows.documents).await?;
    insert_all(txn, rows.links).await
}

pub(crate) async fn insert_all<A, C>(txn: &C, rows: Vec<A>) -> Result<(), PersistenceError>
where
    A: sea_orm::ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    // Bounded batches keep each statement under every backend's parameter limit.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(200).collect();
        <A::Entity as EntityTrait>::insert_many(batch).exec_without_returning(txn).await?;
    }
    Ok(())
}
