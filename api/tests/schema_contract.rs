//! The checked-in contracts match what the code serves.

#[test]
fn checked_in_schema_matches_the_code() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"));
    let files = roledex_api::cli::schema_files().expect("schema files");
    for (name, expected) in files {
        let actual = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            actual == expected,
            "schema/{name} differs from the code: run `cargo run -p roledex-api -- schema export` and commit the result"
        );
    }
}
