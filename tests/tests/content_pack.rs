//! Loading content: start-up loads a new or changed pack once, refuses an
//! invalid one, and an invalid pack never changes the database.

use std::path::Path;

use roledex_e2e::{Backend, ROLE, content_dir, read_pack, spawn_app, spawn_app_with};
use roledex_persistence::content::{LoadOutcome, load_if_changed};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{from} not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn every_problem_names_its_file_and_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    let role_file = dir.path().join(format!("roles/{ROLE}.toml"));
    edit(&role_file, "target_level = 4", "target_level = 7");
    edit(&dir.path().join("certifications.toml"), "min = 1500", "min = -1500");
    let problems = read_pack(dir.path()).expect_err("the pack is invalid");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|p| p.contains(&format!("roles/{ROLE}.toml:"))
            && p.contains(": skills[")
            && p.contains("target_level")
            && p.contains("1 to 5")),
        "{shown:#?}"
    );
    assert!(
        shown.iter().any(|p| p.contains("certifications.toml:")
            && p.contains(": certifications[0].cost")
            && p.contains("negative")),
        "{shown:#?}"
    );
}

#[test]
fn cross_references_and_card_count_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    let role_file = dir.path().join(format!("roles/{ROLE}.toml"));
    edit(&role_file, "skill = \"safety-evaluation-design\"", "skill = \"no-such-skill\"");
    let text = std::fs::read_to_string(&role_file).expect("read");
    let first_card = text.find("[[qualification_cards]]").expect("cards");
    let second_card = first_card + 1 + text[first_card + 1..].find("[[qualification_cards]]").expect("second card");
    std::fs::write(&role_file, format!("{}{}", &text[..first_card], &text[second_card..])).expect("write");
    let problems = read_pack(dir.path()).expect_err("invalid");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(shown.iter().any(|p| p.contains("unknown skill `no-such-skill`")), "{shown:#?}");
    assert!(
        shown.iter().any(|p| p.contains("qualification_cards: a role has exactly 10 qualification cards, found 9")),
        "{shown:#?}"
    );
}

#[test]
fn file_and_reference_problems_come_in_one_pass_with_their_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    // A role file that does not deserialize...
    let role_file = dir.path().join(format!("roles/{ROLE}.toml"));
    edit(&role_file, "title = \"AI Systems Safety Manager\"", "title = \"AI Systems Safety Manager\"\nbogus = 1");
    // ...and, in another file, a reference to a skill the pack does not define.
    let certs = dir.path().join("certifications.toml");
    edit(&certs, "builds_skills = [\"risk-management\"]", "builds_skills = [\"no-such-skill\"]");
    let problems = read_pack(dir.path()).expect_err("invalid");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let line_of = |file: &Path, needle: &str| {
        let text = std::fs::read_to_string(file).expect("read");
        text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect("needle")
    };
    let bogus = format!("{}:{}:", role_file.display(), line_of(&role_file, "bogus = 1"));
    assert!(shown.iter().any(|p| p.starts_with(&bogus) && p.contains("unknown field `bogus`")), "{bogus} {shown:#?}");
    let reference = format!("{}:{}:", certs.display(), line_of(&certs, "no-such-skill"));
    assert!(
        shown.iter().any(|p| p.starts_with(&reference) && p.contains("unknown skill `no-such-skill`")),
        "{reference} {shown:#?}"
    );
}

#[actix_web::test]
async fn an_invalid_pack_at_start_up_changes_nothing() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let before = app.state.catalog.content_version().await.expect("version");
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    edit(
        &dir.path().join(format!("roles/{ROLE}.toml")),
        "title = \"AI Systems Safety Manager\"",
        "title = \"Changed\"\nbogus = 1",
    );
    let data_dir = app.state.config.data_dir.clone();
    let mut config = (*app.state.config).clone();
    config.content_dir = dir.path().to_path_buf();
    config.data_dir = data_dir;
    config.database_url = None;
    let err = roledex_api::Application::build(config).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("unknown field `bogus`"), "{err}");
    assert_eq!(app.state.catalog.content_version().await.expect("version"), before);
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    assert_eq!(profile["title"], "AI Systems Safety Manager");
}

#[actix_web::test]
async fn a_changed_pack_is_loaded_once_and_reaches_every_instance() {
    // The poller would look on its own; this test looks itself, when it chooses.
    let app = spawn_app_with(Backend::Sqlite, |c| c.content_poll = std::time::Duration::from_secs(3600))
        .await
        .expect("sqlite");
    let read = read_pack(&content_dir()).expect("valid");
    let again = load_if_changed(&app.state.database, &read, "content").await.expect("load");
    assert!(matches!(again, LoadOutcome::Unchanged { .. }), "the same pack is not written twice");

    let (_, before) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    edit(
        &dir.path().join(format!("roles/{ROLE}.toml")),
        "title = \"AI Systems Safety Manager\"",
        "title = \"AI Systems Safety Lead\"",
    );
    let changed = read_pack(dir.path()).expect("valid");
    assert_ne!(changed.content_hash, read.content_hash);
    // Another process (or instance) loads the new pack into the shared database.
    let outcome = load_if_changed(&app.state.database, &changed, "changed").await.expect("load");
    assert!(matches!(outcome, LoadOutcome::Loaded { .. }));
    // Until an instance looks at the content version, it serves what it has cached...
    let (_, cached) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    assert_eq!(cached["title"], before["title"]);
    // ...and the look its poller takes every `content_poll` brings the new pack.
    assert_eq!(app.state.cache.refresh_version().await.ok(), Some(true), "a new content version is noticed");
    let (_, after) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    assert_eq!(after["title"], "AI Systems Safety Lead");
}

/// Two instances starting together on one PostgreSQL database both come up,
/// migrate once and load the pack once.
#[actix_web::test]
async fn instances_can_start_together_on_postgres() {
    let Ok(admin) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: PostgreSQL test (set TEST_DATABASE_URL to run it)");
        return;
    };
    let database = roledex_e2e::PostgresDatabase::create(&admin).await;
    let config = |dir: &Path| roledex_api::Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        database_url: Some(database.url.clone().into()),
        data_dir: dir.to_path_buf(),
        content_dir: content_dir(),
        reference_data: roledex_e2e::reference_data_dir(),
        log: "warn".into(),
        ..roledex_api::Config::default()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = futures_join(
        roledex_api::Application::build(config(dir.path())),
        roledex_api::Application::build(config(dir.path())),
    )
    .await;
    let (a, b) = (a.expect("first instance"), b.expect("second instance"));
    let version_a = a.state().catalog.content_version().await.expect("version");
    assert_eq!(version_a, b.state().catalog.content_version().await.expect("version"));
    assert!(version_a.is_some());
}

async fn futures_join<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    tokio::join!(a, b)
}

#[actix_web::test]
async fn head_requests_get_headers_without_a_body() {
    let app = spawn_app(Backend::Sqlite).await.expect("sqlite");
    let (status, headers, body) = app.send(app.client.head(app.url(&format!("/api/v1/roles/{ROLE}")))).await;
    assert_eq!(status, 200);
    assert!(headers.get("etag").is_some());
    assert!(body.is_empty());
}

#[test]
fn every_kind_of_dead_reference_is_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    let role_file = dir.path().join(format!("roles/{ROLE}.toml"));
    edit(&role_file, "certification = \"crisc\"", "certification = \"no-such-certification\"");
    edit(&role_file, "from_role = \"security-engineer\"", "from_role = \"no-such-role\"");
    edit(&dir.path().join("skills.toml"), "\"atlas/AML.T0051\"", "\"atlas/AML.T9999\"");
    edit(&dir.path().join("skills.toml"), "\"owasp-llm/LLM07:2025\"", "\"owasp-llm/LLM11:2025\"");
    let problems = read_pack(dir.path()).expect_err("invalid");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for expected in [
        "unknown certification `no-such-certification`",
        "`no-such-role` is not a background role",
        "`atlas/AML.T9999`: Adversarial Threat Landscape for AI Systems 5.6.0 has no item `AML.T9999`",
        "has no item `LLM11:2025`",
    ] {
        assert!(shown.iter().any(|p| p.contains(expected)), "{expected}: {shown:#?}");
    }
}

#[test]
fn a_count_question_that_disagrees_with_the_imported_release_is_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    let role_file = dir.path().join(format!("roles/{ROLE}.toml"));
    let text = std::fs::read_to_string(&role_file).expect("read");
    let question = text.find("key = \"atlas-tactics\"").expect("the tactics question");
    let options = question + text[question..].find("options = ").expect("options");
    let end = options + text[options..].find('\n').expect("line end");
    // The stale figure the source page gave (15 tactics, as of 2025-10) as the answer.
    let stale = "options = [\"15\", \"35\", \"57\", \"69\"]";
    std::fs::write(&role_file, format!("{}{stale}{}", &text[..options], &text[end..])).expect("write");
    let shown: Vec<String> = read_pack(dir.path()).expect_err("invalid").iter().map(ToString::to_string).collect();
    assert!(shown.iter().any(|p| p.contains("has 16 tactics: the correct option must be \"16\"")), "{shown:#?}");
}

#[test]
fn a_missing_taxonomy_file_says_where_reference_data_is_read_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    let nowhere = dir.path().join("no-reference-data");
    let problems = roledex_persistence::content::read_pack(dir.path(), &nowhere).expect_err("invalid");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(shown.iter().any(|p| p.contains("taxonomies.toml") && p.contains("ROLEDEX_REFERENCE_DATA")), "{shown:#?}");
    assert!(!shown.iter().any(|p| p.contains("has no item")), "references are not checked against missing data");
}

/// Spellings the pack must not use: it is written in US English. Names are
/// written as their owners write them; none of these appears in one.
const UK_SPELLINGS: &[&str] = &[
    "behaviour",
    "colour",
    "favour",
    "honour",
    "labour",
    "neighbour",
    "rumour",
    "flavour",
    "humour",
    "endeavour",
    "centre",
    "metre",
    "theatre",
    "fibre",
    "calibre",
    "catalogue",
    "dialogue",
    "analogue",
    "analyse",
    "paralyse",
    "defence",
    "offence",
    "licence",
    "pretence",
    "modelling",
    "labelled",
    "travelled",
    "cancelled",
    "levelled",
    "signalled",
    "fuelled",
    "counselling",
    "judgement",
    "programme",
    "enrolment",
    "fulfil",
    "whilst",
    "amongst",
    "learnt",
    "spelt",
    "practise",
];

/// `-ise` words that are US English too.
const ISE_WORDS: &[&str] = &[
    "exercise",
    "expertise",
    "otherwise",
    "enterprise",
    "promise",
    "premise",
    "rise",
    "raise",
    "advise",
    "revise",
    "supervise",
    "compromise",
    "surprise",
    "precise",
    "concise",
    "noise",
    "wise",
    "franchise",
    "devise",
    "comprise",
    "improvise",
    "likewise",
    "clockwise",
    "treatise",
    "praise",
    "arise",
    "demise",
    "disguise",
    "enterprises",
    "exercises",
    "promises",
    "premises",
    "rises",
    "raises",
    "compromised",
    "advised",
    "revised",
    "raised",
    "arises",
    "exercised",
    "praised",
    "surprised",
    "supervised",
    "devised",
    "comprised",
    "comprises",
    "promised",
    "revises",
    "advertise",
    "advertised",
    "advertises",
];

fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn the_pack_is_written_in_us_english() {
    let read = read_pack(&content_dir()).expect("valid");
    let mut texts = Vec::new();
    for value in [
        serde_json::to_value(&read.pack.skills),
        serde_json::to_value(&read.pack.certifications),
        serde_json::to_value(&read.pack.frameworks),
        serde_json::to_value(&read.pack.roles),
    ] {
        strings(&value.expect("serializes"), &mut texts);
    }
    assert!(texts.len() > 500, "every text field is checked: {}", texts.len());
    let mut found = Vec::new();
    for text in &texts {
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            let lower = word.to_lowercase();
            let uk_listed = UK_SPELLINGS.iter().any(|uk| lower == *uk || lower.starts_with(&format!("{uk}s")));
            let uk_ise = ["isation", "isations", "ise", "ised", "ises", "ising"]
                .iter()
                .any(|ending| lower.ends_with(ending) && lower.len() > ending.len() + 2)
                && !ISE_WORDS.contains(&lower.as_str());
            if uk_listed || uk_ise {
                found.push(format!("{word} in: {text}"));
            }
        }
    }
    assert!(found.is_empty(), "UK spellings in the pack:\n{}", found.join("\n"));
}

#[test]
fn the_knowledge_check_bank_is_larger_than_an_attempt_and_covers_every_skill_group() {
    let read = read_pack(&content_dir()).expect("valid");
    let role = read.pack.roles.iter().find(|r| r.slug.as_str() == ROLE).expect("role");
    assert!(role.knowledge_check.len() >= 24, "{} questions", role.knowledge_check.len());
    let category_of = |skill: &roledex_domain::values::Slug| {
        read.pack.skills.iter().find(|s| &s.slug == skill).map(|s| s.category).expect("skill")
    };
    let covered: std::collections::BTreeSet<_> =
        role.knowledge_check.iter().flat_map(|q| q.skills.iter().map(category_of)).collect();
    let needed: std::collections::BTreeSet<_> = role.skills.iter().map(|s| category_of(&s.skill)).collect();
    assert_eq!(covered, needed);
}
