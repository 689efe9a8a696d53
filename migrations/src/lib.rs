//! Database migrations, run at start-up and by `roledex migrate`. Every
//! migration works on SQLite and PostgreSQL alike. The database layer runs
//! them inside one transaction on both (see `persistence::Database::migrate`),
//! so a process killed half-way leaves the database as it was before.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_initial;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261129_000001_initial::Migration)]
    }
}
