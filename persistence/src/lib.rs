//! Roledex persistence: the SeaORM adapters the API calls (content and learner data), the
//! database connection (SQLite or PostgreSQL) and the content-pack loader.

pub(crate) mod catalog;
pub mod content;
mod database;
pub mod entities;
mod error;
pub mod learners;
pub mod partners;
pub mod taxonomy;

pub use catalog::{Page, PageRequest, SeaCatalog};
pub use database::{Database, DatabaseKind, StatementCounter};
pub use error::PersistenceError;
pub use learners::LearnerStore;
pub use partners::{ApiKeyStore, QuotaBuckets};
