use std::sync::Arc;

use sea_orm::{DbErr, RuntimeErr};

/// Failures of the persistence layer. Database details stay in the message
/// for logs; the API maps every variant to a stable, non-leaking code.
#[derive(Debug, thiserror::Error)]
pub enum PersistenceError {
    #[error("database error: {0}")]
    Database(#[from] DbErr),
    /// A failure of one group commit, shared by every submission in it.
    #[error("database error in a group commit: {0}")]
    Batch(Arc<DbErr>),
    /// The work was abandoned before it could answer (a task ended early).
    #[error("interrupted: {0}")]
    Interrupted(&'static str),
    /// A record with this key exists already (a unique constraint refused the write).
    #[error("already stored: {0}")]
    Duplicate(String),
    /// The learner's account is gone (deleted while a token for it was still valid).
    #[error("no account {0}")]
    NoSuchUser(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("unsupported database URL `{0}`: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    #[error("cannot use data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
}

impl PersistenceError {
    /// True when retrying later may succeed: the database could not be
    /// reached, had no free connection, or was busy. Anything else is a defect.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Database(e) => transient(e),
            Self::Batch(e) => transient(e),
            Self::Interrupted(_) => true,
            Self::Corrupt(_)
            | Self::Duplicate(_)
            | Self::NoSuchUser(_)
            | Self::UnsupportedUrl(_)
            | Self::DataDir { .. } => false,
        }
    }
}

fn transient(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            use sea_orm::sqlx::Error;
            match &**e {
                Error::Io(_) | Error::PoolTimedOut | Error::PoolClosed | Error::WorkerCrashed => true,
                // SQLITE_BUSY / SQLITE_LOCKED; PostgreSQL serialization failure, deadlock, too many connections, shutdown.
                Error::Database(db) => matches!(
                    db.code().as_deref(),
                    Some("5" | "6" | "517" | "40001" | "40P01" | "53300" | "57P01" | "57P03")
                ),
                _ => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreachable_or_busy_databases_are_transient_and_defects_are_not() {
        let conn = || DbErr::Conn(RuntimeErr::Internal("connection refused".into()));
        assert!(PersistenceError::Database(conn()).is_transient());
        assert!(PersistenceError::Database(DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout)).is_transient());
        assert!(PersistenceError::Batch(Arc::new(conn())).is_transient(), "a failed group commit may be retried");
        assert!(PersistenceError::Interrupted("x").is_transient());
        let pool = DbErr::Exec(RuntimeErr::SqlxError(Arc::new(sea_orm::sqlx::Error::PoolTimedOut)));
        assert!(PersistenceError::Database(pool).is_transient());
        assert!(!PersistenceError::Corrupt("stored document does not parse".into()).is_transient());
        assert!(!PersistenceError::Database(DbErr::RecordNotFound("x".into())).is_transient());
        let syntax = DbErr::Query(RuntimeErr::SqlxError(Arc::new(sea_orm::sqlx::Error::RowNotFound)));
        assert!(!PersistenceError::Database(syntax).is_transient());
    }
}
