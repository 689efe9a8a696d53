//! The server keeps serving when its log pipe breaks (a log collector that
//! goes away): lines that cannot be written are dropped, not fatal.

#![cfg(unix)]

mod support;

#[test]
fn a_closed_stderr_does_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let support::Served { mut child, lines, base } = support::serve(dir.path());
    // Drop the reader: every later log line meets a broken pipe.
    drop(lines);
    let url = format!("{base}/api/v1/skills");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    for _ in 0..3 {
        let status = agent.get(&url).call().map(|r| r.status().as_u16());
        assert_eq!(status.ok(), Some(200), "each request is logged into the broken pipe and still answered");
    }
    assert!(child.try_wait().ok().flatten().is_none(), "the server is still running");
    let _ = child.kill();
    let _ = child.wait();
}
