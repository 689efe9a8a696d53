//! Two API processes on one PostgreSQL database share an API key's quota:
//! requests alternated between them are admitted no more often than the
//! quota allows in total. Run again with the counts in Redis
//! (`ROLEDEX_REDIS_URL`) when `TEST_REDIS_URL` names a Redis server.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use sea_orm::{ConnectionTrait, Database};

fn roledex(database_url: &str, redis_url: Option<&str>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_roledex"));
    command
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env("DATABASE_URL", database_url)
        .env_remove("ROLEDEX_DATABASE_URL")
        .env_remove("ROLEDEX_REDIS_URL")
        .env("ROLEDEX_LISTEN", "127.0.0.1:0")
        .env("ROLEDEX_LOG", "info");
    if let Some(url) = redis_url {
        command.env("ROLEDEX_REDIS_URL", url);
    }
    command
}

/// A started server: the process, its base URL, and where it said it counts quotas.
struct Server {
    child: Child,
    base: String,
    store: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(database_url: &str, redis_url: Option<&str>) -> Server {
    let mut child = roledex(database_url, redis_url)
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("stderr"));
    let (mut store, mut port, mut log) = (String::new(), None, Vec::new());
    let mut lines = BufReader::new(stderr).lines();
    for line in lines.by_ref().map_while(Result::ok) {
        let json: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        if json["message"] == "request quotas" {
            store = json["store"].as_str().unwrap_or_default().to_owned();
        }
        log.push(line);
        if json["message"] == "roledex is listening" {
            port = json["port"].as_u64();
            break;
        }
    }
    let port = port.unwrap_or_else(|| panic!("the server did not start:\n{}", log.join("\n")));
    // Keep reading its log, so the server never writes into a closed pipe.
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
    Server { child, base: format!("http://127.0.0.1:{port}"), store }
}

fn new_key(database_url: &str, redis_url: Option<&str>) -> String {
    let output = roledex(database_url, redis_url)
        .args(["api-key", "create", "--name", "Shared quota", "--scope", "content:read", "--quota", "10/min"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let secret = stdout.lines().find_map(|l| l.strip_prefix("secret (shown once; store it now): "));
    secret.unwrap_or_else(|| panic!("no secret in {stdout}")).to_owned()
}

async fn quota_is_global(redis_url: Option<&str>) {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: PostgreSQL test (set TEST_DATABASE_URL to run it)");
        return;
    };
    let name = format!("roledex_quota_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(&admin_url).await.unwrap_or_else(|e| panic!("{e}"));
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap_or_else(|e| panic!("{e}"));
    let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(b, _)| b);
    let database_url = format!("{base}/{name}");

    let secret = new_key(&database_url, redis_url);
    let servers = [serve(&database_url, redis_url), serve(&database_url, redis_url)];
    let expected_store = if redis_url.is_some() { "redis" } else { "postgres" };
    for server in &servers {
        assert_eq!(server.store, expected_store);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let started = Instant::now();
    let mut admitted = [0u32; 2];
    let mut refused = 0;
    for i in 0..30 {
        let server = &servers[i % 2];
        let response = agent
            .get(format!("{}/api/v1/skills", server.base))
            .header("x-api-key", &secret)
            .call()
            .unwrap_or_else(|e| panic!("{e}"));
        match response.status().as_u16() {
            200 => admitted[i % 2] += 1,
            429 => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    // 10 at once, then one every 6 s: what the whole run may admit, however it is split.
    let most = 10 + u32::try_from(started.elapsed().as_secs() / 6).unwrap_or(u32::MAX);
    let total = admitted[0] + admitted[1];
    assert!((10..=most).contains(&total), "admitted {admitted:?}, at most {most} in total");
    assert!(admitted[0] > 0 && admitted[1] > 0, "both instances served: {admitted:?}");
    assert_eq!(total + refused, 30);

    drop(servers);
    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
}

#[tokio::test]
async fn two_processes_share_a_key_quota_in_postgres() {
    quota_is_global(None).await;
}

#[tokio::test]
async fn two_processes_share_a_key_quota_in_redis() {
    match std::env::var("TEST_REDIS_URL") {
        Ok(url) if !url.is_empty() => quota_is_global(Some(&url)).await,
        _ => eprintln!("skipped: Redis test (set TEST_REDIS_URL to run it)"),
    }
}
