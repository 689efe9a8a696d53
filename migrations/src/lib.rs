//! Database migrations, run at start-up and by `roledex migrate`. Every
//! migration works on SQLite and PostgreSQL alike. The database layer runs
//! them inside one transaction on both (see `persistence::Database::migrate`),
//! so a process killed half-way leaves the database as it was before.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_initial;
mod m20261130_000001_taxonomies;
mod m20261130_000002_failure_windows;
mod m20261201_000001_partner_access;
mod m20261202_000001_sync;

/// Each migration's recorded name must be unique. The first one's is `mod`
/// (its derive names it after its file, `mod.rs`) and stays so, because
/// databases already record it under that name; later ones name themselves.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_initial::Migration),
            Box::new(m20261130_000001_taxonomies::Migration),
            Box::new(m20261130_000002_failure_windows::Migration),
            Box::new(m20261201_000001_partner_access::Migration),
            Box::new(m20261202_000001_sync::Migration),
        ]
    }
}
