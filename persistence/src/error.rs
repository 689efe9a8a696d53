use roledex_domain::ports::StorageError;

/// Failures of the persistence layer. Database details stay in the message
/// for logs; the API maps every variant to a stable, non-leaking code.
#[derive(Debug, thiserror::Error)]
pub enum PersistenceError {
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("stored content is inconsistent: {0}")]
    Corrupt(String),
    #[error("unsupported database URL `{0}`: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    #[error("cannot use data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
}

impl From<PersistenceError> for StorageError {
    fn from(err: PersistenceError) -> Self {
        StorageError(err.to_string())
    }
}
