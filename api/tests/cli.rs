//! The `roledex` binary as an operator runs it.

use std::process::Command;

fn roledex() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_roledex"));
    command.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    command.env_remove("DATABASE_URL").env_remove("ROLEDEX_DATABASE_URL").env("ROLEDEX_LOG", "warn");
    // The taxonomy releases are read in place, beside the project unless CI says where.
    if std::env::var_os("ROLEDEX_REFERENCE_DATA").is_none() {
        command.env("ROLEDEX_REFERENCE_DATA", concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/reference-data"));
    }
    command
}

#[test]
fn the_shipped_pack_validates() {
    let output = roledex().args(["content", "validate", "content"]).output().expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("valid (6 roles, 16 skills, 5 certifications, 5 frameworks"), "{stdout}");
    assert!(stdout.contains("taxonomies atlas 5.6.0, owasp-llm 2025, nist-ai-rmf 1.0"), "{stdout}");
}

#[test]
fn taxonomy_import_reads_a_release_and_refuses_what_is_not_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reference = std::path::PathBuf::from(
        std::env::var_os("ROLEDEX_REFERENCE_DATA")
            .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/reference-data").into()),
    );
    let import = |taxonomy: &str, file: &std::path::Path| {
        roledex()
            .args(["taxonomy", "import", taxonomy])
            .arg(file)
            .env("ROLEDEX_DATA_DIR", dir.path())
            .output()
            .expect("run")
    };
    let output = import("atlas", &reference.join("mitre-atlas/ATLAS.yaml"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout.contains("imported atlas 5.6.0")
            && stdout.contains("16 tactics, 101 techniques, 69 sub-techniques, 35 mitigations, 57 case studies"),
        "{stdout}"
    );
    // The OWASP list is not an ATLAS release: refused with the reason, nothing stored.
    let output = import("atlas", &reference.join("owasp-llm-top10-2025.yaml"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a release of atlas"), "{stderr}");
    let output = roledex().args(["taxonomy", "import", "mitre", "x.yaml"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("use atlas, owasp-llm or nist-ai-rmf"));
}

#[test]
fn an_invalid_pack_exits_non_zero_naming_the_field_and_leaves_the_database_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("pack");
    std::fs::create_dir_all(pack.join("roles")).expect("mkdir");
    let source = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    for file in ["skills.toml", "certifications.toml", "frameworks.toml", "taxonomies.toml"] {
        std::fs::copy(source.join(file), pack.join(file)).expect("copy");
    }
    for entry in std::fs::read_dir(source.join("roles")).expect("roles").flatten() {
        std::fs::copy(entry.path(), pack.join("roles").join(entry.file_name())).expect("copy");
    }
    let data = dir.path().join("data");
    let load = |dir: &std::path::Path| {
        roledex().args(["content", "load"]).arg(dir).env("ROLEDEX_DATA_DIR", &data).output().expect("run")
    };
    assert!(load(&pack).status.success());
    let again = load(&pack);
    assert!(again.status.success(), "loading the same pack twice works: {}", String::from_utf8_lossy(&again.stderr));
    let certs = pack.join("certifications.toml");
    let text = std::fs::read_to_string(&certs).expect("read");
    std::fs::write(&certs, text.replacen("url = \"https://isaca.org\"", "url = \"isaca dot org\"", 1)).expect("write");

    let output = roledex().args(["content", "validate"]).arg(&pack).output().expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.contains("certifications.toml:"), "{stdout}");
    assert!(stdout.contains(": certifications[2].url: `isaca dot org` is not a URL"), "{stdout}");

    let output = load(&pack);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the database is unchanged"));
}

#[test]
fn bad_configuration_is_a_clear_error() {
    let output = roledex().arg("migrate").env("ROLEDEX_LISTEN", "not-an-address").output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("ROLEDEX_LISTEN"));
}

#[cfg(unix)]
#[test]
fn serve_stops_gracefully_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = roledex()
        .arg("serve")
        .env("ROLEDEX_DATA_DIR", dir.path())
        .env("ROLEDEX_LISTEN", "127.0.0.1:0")
        .env("ROLEDEX_LOG", "info")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let listening = lines.by_ref().map_while(Result::ok).any(|line| line.contains("roledex is listening"));
    assert!(listening, "the server started");
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let exit = child.wait().expect("wait");
    assert!(exit.success(), "graceful shutdown exits 0, got {exit:?}");
}

#[test]
fn user_create_admin_makes_an_admin_account() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |email: &str, password: &str| {
        let mut child = roledex()
            .args(["user", "create", "--admin", "--email", email])
            .env("ROLEDEX_DATA_DIR", dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let _ = child.stdin.take().expect("stdin").write_all(format!("{password}\n").as_bytes());
        child.wait_with_output().expect("wait")
    };
    let output = run("root@example.com", "a long admin passphrase");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("created admin account root@example.com"), "{stdout}");
    assert!(!stdout.contains("a long admin passphrase"), "the password is never printed");
    let again = run("root@example.com", "a long admin passphrase");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("email_taken"));
    let weak = run("other@example.com", "short");
    assert!(String::from_utf8_lossy(&weak.stderr).contains("weak_password"));
}
