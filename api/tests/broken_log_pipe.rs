//! The server keeps serving when its log pipe breaks (a log collector that
//! goes away): lines that cannot be written are dropped, not fatal.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn a_closed_stderr_does_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_roledex"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env_remove("ROLEDEX_DATABASE_URL")
        .env("ROLEDEX_DATA_DIR", dir.path())
        .env("ROLEDEX_LISTEN", "127.0.0.1:0")
        .env("ROLEDEX_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("stderr"));
    let listening = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .find(|line| line.contains("roledex is listening"))
        .unwrap_or_else(|| panic!("the server did not start"));
    // The reader is gone here: every later log line meets a broken pipe.
    let port = serde_json::from_str::<serde_json::Value>(&listening).ok().and_then(|v| v["port"].as_u64());
    let url = format!("http://127.0.0.1:{}/api/v1/skills", port.unwrap_or_else(|| panic!("no port in {listening}")));
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    for _ in 0..3 {
        let status = agent.get(&url).call().map(|r| r.status().as_u16());
        assert_eq!(status.ok(), Some(200), "each request is logged into the broken pipe and still answered");
    }
    assert!(child.try_wait().ok().flatten().is_none(), "the server is still running");
    let _ = child.kill();
    let _ = child.wait();
}
