//! The built `roledex` binary, served from a scratch SQLite directory, for
//! tests that need the real process (its stderr, signals, a broken pipe).

use std::io::{BufRead, BufReader, Lines};
use std::path::Path;
use std::process::{Child, ChildStderr, Command, Stdio};

pub struct Served {
    pub child: Child,
    /// The server's log lines after "roledex is listening".
    pub lines: Lines<BufReader<ChildStderr>>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

/// Starts `roledex serve` on a free port with its data in `dir`, logging JSON
/// at info to a pipe, and waits until it listens.
pub fn serve(dir: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_roledex"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env_remove("ROLEDEX_DATABASE_URL")
        .env("ROLEDEX_DATA_DIR", dir)
        .env("ROLEDEX_LISTEN", "127.0.0.1:0")
        .env("ROLEDEX_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let mut lines = BufReader::new(child.stderr.take().unwrap_or_else(|| panic!("stderr"))).lines();
    let listening = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|line| line.contains("roledex is listening"))
        .unwrap_or_else(|| panic!("the server did not start"));
    let port = serde_json::from_str::<serde_json::Value>(&listening).ok().and_then(|v| v["port"].as_u64());
    let base = format!("http://127.0.0.1:{}", port.unwrap_or_else(|| panic!("no port in {listening}")));
    Served { child, lines, base }
}
