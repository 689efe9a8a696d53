//! Database migrations, run at start-up and by `roledex migrate`. Every
//! migration works on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_content_tables;
mod m20261129_000002_learners;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261128_000001_content_tables::Migration), Box::new(m20261129_000002_learners::Migration)]
    }
}
