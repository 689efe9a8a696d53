//! `kill -9` during the first start-up, while the database is being
//! migrated: the next start must come up as if the first never ran.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn serve(data_dir: &Path, stderr: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_roledex"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env_remove("ROLEDEX_DATABASE_URL")
        .env("ROLEDEX_DATA_DIR", data_dir)
        .env("ROLEDEX_LISTEN", "127.0.0.1:0")
        .env("ROLEDEX_LOG", "info")
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"))
}

/// Starts the server and waits until it listens; panics with its log if it exits instead.
fn start_and_stop(data_dir: &Path) -> Duration {
    let started = Instant::now();
    let mut child = serve(data_dir, Stdio::piped());
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("stderr"));
    let mut log = Vec::new();
    let listening = BufReader::new(stderr).lines().map_while(Result::ok).any(|line| {
        log.push(line.clone());
        line.contains("roledex is listening")
    });
    let elapsed = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    assert!(listening, "the server did not start again:\n{}", log.join("\n"));
    elapsed
}

#[derive(Debug, PartialEq, Eq)]
enum KilledAt {
    BeforeTheDatabaseExisted,
    DuringMigration,
    AfterMigration,
}

/// Starts a first server on an empty data directory and kills it after `delay`.
fn kill_first_start_after(delay: Duration) -> KilledAt {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let log_path = dir.path().join("first.log");
    let log = std::fs::File::create(&log_path).unwrap_or_else(|e| panic!("log: {e}"));
    let data = dir.path().join("data");
    let mut child = serve(&data, Stdio::from(log));
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let killed_at = if !data.join("roledex.db").exists() {
        KilledAt::BeforeTheDatabaseExisted
    } else if log.contains("database migrated") {
        KilledAt::AfterMigration
    } else {
        KilledAt::DuringMigration
    };
    start_and_stop(&data);
    killed_at
}

#[test]
fn a_first_start_killed_during_migration_starts_again() {
    let probe = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let full_start = start_and_stop(&probe.path().join("data"));
    // Narrow the kill point onto the migration: move `low` up while the kill
    // comes before the database exists and `high` down while it comes after
    // the migration, trying points between them (every restart is checked).
    let (mut low, mut high) = (Duration::ZERO, full_start);
    let mut seen = Vec::new();
    for attempt in 0..60u32 {
        let span = high.saturating_sub(low);
        let delay = low + span.mul_f64(f64::from(attempt % 5 + 1) / 6.0);
        let killed_at = kill_first_start_after(delay);
        match killed_at {
            KilledAt::BeforeTheDatabaseExisted => low = low.max(delay),
            KilledAt::AfterMigration => high = high.min(delay),
            KilledAt::DuringMigration => {}
        }
        seen.push((delay, killed_at));
        if seen.iter().filter(|(_, k)| *k == KilledAt::DuringMigration).count() >= 3 {
            break;
        }
    }
    let during = seen.iter().filter(|(_, k)| *k == KilledAt::DuringMigration).count();
    assert!(during >= 1, "no kill landed during the migration (full start {full_start:?}): {seen:?}");
}
