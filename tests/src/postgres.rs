//! PostgreSQL databases for tests. Each test gets a database of its own,
//! cloned from a template that is migrated and loaded with the content pack
//! once per test process (`CREATE DATABASE ... TEMPLATE`), so a test pays
//! for a file copy, not for the migrations and the content load.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use sea_orm::{ConnectionTrait, Database as SeaDatabase};

/// `TEST_DATABASE_URL`, the server's maintenance database. Without it
/// PostgreSQL tests are skipped, except under CI (`CI` set), where a run
/// that cannot test PostgreSQL must fail rather than pass.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI is set but TEST_DATABASE_URL is not: the PostgreSQL tests cannot be skipped in CI")
        }
        _ => {
            eprintln!(
                "skipped: PostgreSQL test (set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run it)"
            );
            None
        }
    }
}

/// Runs `work` on a runtime of its own, on a thread of its own: test bodies
/// each have their own runtime, and a connection cannot cross runtimes.
fn blocking<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("runtime: {e}"));
        runtime.block_on(work)
    })
    .join()
    .unwrap_or_else(|_| panic!("database setup thread panicked"))
}

async fn execute(admin_url: &str, sql: &str) -> Result<(), String> {
    let admin = SeaDatabase::connect(admin_url).await.map_err(|e| format!("cannot reach {admin_url}: {e}"))?;
    let result = admin.execute_unprepared(sql).await.map(|_| ()).map_err(|e| format!("{sql}: {e}"));
    let _ = admin.close().await;
    result
}

fn url_of(admin_url: &str, name: &str) -> String {
    let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin_url);
    format!("{base}/{name}")
}

/// Templates left by test processes that have ended.
async fn drop_stale_templates(admin_url: &str) {
    let Ok(admin) = SeaDatabase::connect(admin_url).await else { return };
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'roledex_tpl_%'",
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else { continue };
        let pid = name.trim_start_matches("roledex_tpl_");
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        }
    }
    let _ = admin.close().await;
}

/// The template of this process: migrated, the content pack loaded, and no
/// connection left open (PostgreSQL refuses to copy a database in use).
fn template(admin_url: &str) -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let admin_url = admin_url.to_owned();
        blocking(async move {
            drop_stale_templates(&admin_url).await;
            let name = format!("roledex_tpl_{}", std::process::id());
            execute(&admin_url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            execute(&admin_url, &format!("CREATE DATABASE {name}")).await.unwrap_or_else(|e| panic!("{e}"));
            let database = roledex_persistence::Database::connect(&url_of(&admin_url, &name))
                .await
                .unwrap_or_else(|e| panic!("template: {e}"));
            database.migrate().await.unwrap_or_else(|e| panic!("template migrations: {e}"));
            let pack = crate::read_pack(&crate::content_dir())
                .unwrap_or_else(|problems| panic!("the shipped pack is invalid: {problems:?}"));
            roledex_persistence::content::load_if_changed(&database, &pack, "content")
                .await
                .unwrap_or_else(|e| panic!("template content: {e}"));
            let _ = database.connection.close().await;
            name
        })
    })
}

/// A database of its own for one test, dropped when the test ends, so
/// tests never share migrations or data.
pub struct PostgresDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);
/// Clones are made one at a time: PostgreSQL refuses to copy a template
/// while another copy of it is being made.
static CLONING: Mutex<()> = Mutex::new(());

impl PostgresDatabase {
    fn named(admin_url: &str) -> Self {
        let name = format!(
            "roledex_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
        );
        Self { admin_url: admin_url.to_owned(), url: url_of(admin_url, &name), name }
    }

    /// An empty database (no migrations, no content).
    pub async fn create(admin_url: &str) -> Self {
        let database = Self::named(admin_url);
        execute(admin_url, &format!("CREATE DATABASE {}", database.name)).await.unwrap_or_else(|e| panic!("{e}"));
        database
    }

    /// A copy of this process's template: migrated, with the content pack loaded.
    pub fn from_template(admin_url: &str) -> Self {
        let template = template(admin_url);
        let database = Self::named(admin_url);
        let sql = format!("CREATE DATABASE {} TEMPLATE {template}", database.name);
        let admin = admin_url.to_owned();
        let _one_at_a_time = CLONING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        blocking(async move { execute(&admin, &sql).await }).unwrap_or_else(|e| panic!("{e}"));
        database
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        let _ =
            blocking(async move { execute(&admin_url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await });
    }
}
