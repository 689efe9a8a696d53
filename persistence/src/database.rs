use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use roledex_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, TransactionTrait};

use crate::PersistenceError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

/// Counts the SQL statements run on a connection. Always on: one relaxed
/// atomic increment per statement, read by tests and by `/metrics`.
#[derive(Debug, Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Advisory-lock key serializing migrations across PostgreSQL sessions ("RDXM").
const MIGRATION_LOCK_KEY: i64 = 0x5244_584d;

/// A connected database.
#[derive(Debug, Clone)]
pub struct Database {
    pub connection: DatabaseConnection,
    pub kind: DatabaseKind,
    pub statements: StatementCounter,
}

impl Database {
    /// The default database: a SQLite file under `data_dir`, created on first use.
    pub fn sqlite_url_in(data_dir: &Path) -> Result<String, PersistenceError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| PersistenceError::DataDir { path: data_dir.display().to_string(), source })?;
        Ok(format!("sqlite://{}?mode=rwc", data_dir.join("roledex.db").display()))
    }

    /// Connects to `url` (`sqlite:` or `postgres:`) without migrating.
    pub async fn connect(url: &str) -> Result<Self, PersistenceError> {
        let kind = if url.starts_with("sqlite:") {
            DatabaseKind::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            DatabaseKind::Postgres
        } else {
            return Err(PersistenceError::UnsupportedUrl(redact(url)));
        };
        let mut options = ConnectOptions::new(url);
        options.sqlx_logging(false).acquire_timeout(Duration::from_secs(10));
        match kind {
            DatabaseKind::Sqlite => {
                // WAL lets readers run beside the writer; FULL sync makes every
                // acknowledged commit durable; the busy timeout queues writers
                // instead of failing them.
                options.max_connections(4).map_sqlx_sqlite_opts(|o| {
                    o.journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Full)
                        .foreign_keys(true)
                        .busy_timeout(Duration::from_secs(5))
                });
            }
            DatabaseKind::Postgres => {
                options.max_connections(16);
            }
        }
        let mut connection = sea_orm::Database::connect(options).await?;
        let statements = StatementCounter::default();
        let counter = statements.0.clone();
        connection.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        Ok(Self { connection, kind, statements })
    }

    /// Applies every pending migration in one transaction, on SQLite as on
    /// PostgreSQL (sea-orm-migration opens one only on PostgreSQL): a process
    /// killed half-way through leaves the database as it was, so the next
    /// start migrates again from there. On PostgreSQL an advisory lock makes
    /// instances starting together apply them once.
    pub async fn migrate(&self) -> Result<(), PersistenceError> {
        let txn = self.connection.begin().await?;
        if self.kind == DatabaseKind::Postgres {
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")).await?;
        }
        Migrator::up(&txn, None).await?;
        txn.commit().await?;
        Ok(())
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        self.connection.execute_unprepared("SELECT 1").await.is_ok()
    }
}

/// The URL without its password, for error messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/roledex"), "postgres://app:***@db:5432/roledex");
        assert_eq!(redact("postgres://app@db/roledex"), "postgres://app@db/roledex");
        assert_eq!(redact("sqlite://data/roledex.db"), "sqlite://data/roledex.db");
    }
}
