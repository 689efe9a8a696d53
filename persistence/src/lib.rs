//! Roledex persistence: the SeaORM adapter for the domain's ports, the
//! database connection (SQLite or PostgreSQL) and the content-pack loader.

mod catalog;
pub mod content;
mod database;
pub mod entities;
mod error;
pub mod learners;

pub use catalog::SeaCatalog;
pub use database::{Database, DatabaseKind, StatementCounter};
pub use error::PersistenceError;
pub use learners::LearnerStore;
