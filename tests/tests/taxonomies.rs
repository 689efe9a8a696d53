//! Reference taxonomies imported from the publishers' own files (read in
//! place from the shared reference data), browsed and searched on REST and
//! GraphQL, and linked both ways with the content.

use roledex_domain::taxonomy::{ItemType, TaxonomyKind};
use roledex_e2e::{TestApp, json, on_both_backends, reference_data_dir};
use roledex_persistence::taxonomy::{import_file, store_taxonomy};

fn atlas_file() -> std::path::PathBuf {
    reference_data_dir().join("mitre-atlas/ATLAS.yaml")
}

/// Counts straight from the shared file, by an independent reading of its
/// YAML (object-type and subtechnique-of), not through the importer.
fn atlas_counts_in_the_file() -> Vec<(&'static str, u64)> {
    let text = std::fs::read_to_string(atlas_file()).unwrap_or_else(|e| panic!("{e}"));
    let count = |needle: &str| text.lines().filter(|l| l.trim() == needle).count() as u64;
    let techniques = count("object-type: technique");
    let sub_techniques = text.lines().filter(|l| l.trim_start().starts_with("subtechnique-of: ")).count() as u64;
    vec![
        ("tactic", count("object-type: tactic")),
        ("technique", techniques - sub_techniques),
        ("sub_technique", sub_techniques),
        ("mitigation", count("object-type: mitigation")),
        ("case_study", count("object-type: case-study")),
    ]
}

async fn atlas_counts_come_from_the_release(app: &TestApp) {
    let (status, release) = app.get_json("/api/v1/taxonomies/atlas").await;
    assert_eq!(status, 200, "{release}");
    assert_eq!(release["version"], "5.6.0");
    assert_eq!(release["license"], "Apache-2.0");
    let served: Vec<(String, u64)> = release["counts"]
        .as_array()
        .unwrap_or_else(|| panic!("{release}"))
        .iter()
        .map(|c| (c["item_type"].as_str().unwrap_or_default().to_owned(), c["count"].as_u64().unwrap_or_default()))
        .collect();
    let expected: Vec<(String, u64)> = atlas_counts_in_the_file().into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
    assert_eq!(served, expected);
    assert_eq!(expected.iter().map(|(_, n)| *n).collect::<Vec<_>>(), [16, 101, 69, 35, 57]);

    let (_, list) = app.get_json("/api/v1/taxonomies").await;
    let kinds: Vec<&str> =
        list["items"].as_array().into_iter().flatten().filter_map(|t| t["taxonomy"].as_str()).collect();
    assert_eq!(kinds, ["atlas", "owasp-llm", "nist-ai-rmf"]);
    let (_, nist) = app.get_json("/api/v1/taxonomies/nist-ai-rmf/items/GOVERN").await;
    assert_eq!(nist["item"]["facts"], json!([{ "label": "categories", "count": 6 }]));

    // The framework keeps the source page's dated counts and points at the release.
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{}", roledex_e2e::ROLE)).await;
    let atlas = profile["frameworks"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["slug"] == "mitre-atlas"))
        .unwrap_or_else(|| panic!("{profile}"));
    assert_eq!(atlas["as_of"], "2025-10");
    assert_eq!(atlas["taxonomy"], "atlas");
    let techniques = atlas["facts"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["label"] == "Techniques"))
        .unwrap_or_else(|| panic!("{atlas}"));
    assert_eq!(
        (techniques["count"].as_u64(), techniques["as_of"].as_str(), techniques["historical"].as_bool()),
        (Some(66), Some("2025-10"), Some(true)),
        "the source page's figure stays, dated and labelled historical"
    );
}
on_both_backends!(atlas_counts_come_from_the_release);

async fn items_are_browsed_filtered_and_searched(app: &TestApp) {
    let (status, page) = app.get_json("/api/v1/taxonomies/atlas/items?type=tactic&first=10").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], 16);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(10));
    assert!(page["items"].as_array().into_iter().flatten().all(|i| i["item_type"] == "tactic"));
    let cursor = page["next_cursor"].as_str().unwrap_or_else(|| panic!("{page}")).to_owned();
    let (_, rest) = app.get_json(&format!("/api/v1/taxonomies/atlas/items?type=tactic&first=10&after={cursor}")).await;
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(6));
    assert_eq!(rest["next_cursor"], serde_json::Value::Null);

    let (_, found) = app.get_json("/api/v1/taxonomies/owasp-llm/items?q=POISONING").await;
    assert_eq!(found["items"][0]["id"], "LLM04:2025");
    assert_eq!(found["total"], 1);

    let (_, sub) = app.get_json("/api/v1/taxonomies/atlas/items/AML.T0000.000").await;
    assert_eq!(sub["item"]["item_type"], "sub_technique");
    assert_eq!(sub["item"]["parent"], "AML.T0000");
    assert_eq!(sub["item"]["url"], "https://atlas.mitre.org/techniques/AML.T0000.000");
}
on_both_backends!(items_are_browsed_filtered_and_searched);

async fn items_list_the_content_that_covers_them(app: &TestApp) {
    let (status, detail) = app.get_json("/api/v1/taxonomies/atlas/items/AML.T0051").await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["item"]["name"], "LLM Prompt Injection");
    let covered = detail["covered_by"].as_array().unwrap_or_else(|| panic!("{detail}"));
    let has = |kind: &str, key: &str| covered.iter().any(|c| c["kind"] == kind && c["key"] == key);
    assert!(has("skill", "red-teaming-methodology"), "{detail}");
    assert!(covered.iter().any(|c| c["kind"] == "interview_question"), "{detail}");
    assert!(covered.iter().any(|c| c["kind"] == "quiz_question"), "{detail}");

    // ...and the other way: the skill names the item.
    let (_, skills) = app.get_json("/api/v1/skills?q=red-teaming").await;
    let skill = skills["items"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["slug"] == "red-teaming-methodology"))
        .unwrap_or_else(|| panic!("{skills}"));
    assert!(
        skill["taxonomy_items"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r == &json!({"taxonomy": "atlas", "id": "AML.T0051"}))
    );
}
on_both_backends!(items_list_the_content_that_covers_them);

async fn unknown_taxonomies_items_and_types_are_clear_errors(app: &TestApp) {
    let (status, problem) = app.get_json("/api/v1/taxonomies/mitre").await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("taxonomy_not_found")));
    let (status, problem) = app.get_json("/api/v1/taxonomies/atlas/items/AML.T9999").await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("taxonomy_item_not_found")));
    let (status, problem) = app.get_json("/api/v1/taxonomies/atlas/items?type=tactics").await;
    assert_eq!((status, problem["code"].as_str()), (400, Some("invalid_parameter")), "{problem}");
    assert!(problem["detail"].as_str().unwrap_or_default().contains("sub_technique"), "{problem}");
}
on_both_backends!(unknown_taxonomies_items_and_types_are_clear_errors);

async fn graphql_serves_the_same_taxonomies(app: &TestApp) {
    let query = r#"query($search: String) {
        taxonomy(taxonomy: ATLAS) { version counts { itemType count } }
        taxonomyItems(taxonomy: ATLAS, itemType: TECHNIQUE, search: $search, first: 2) {
            totalCount pageInfo { hasNextPage } edges { node { id name } }
        }
        taxonomyItem(taxonomy: OWASP_LLM, id: "LLM01:2025") { item { name } coveredBy { kind key } }
        missing: taxonomyItem(taxonomy: ATLAS, id: "AML.T9999") { item { id } }
    }"#;
    let (status, body) = app.graphql(query, json!({ "search": "prompt injection" })).await;
    assert_eq!(status, 200, "{body}");
    let data = &body["data"];
    assert_eq!(data["taxonomy"]["version"], "5.6.0");
    assert_eq!(data["taxonomy"]["counts"][0], json!({ "itemType": "TACTIC", "count": 16 }));
    assert_eq!(data["taxonomyItems"]["edges"][0]["node"]["id"], "AML.T0051");
    assert_eq!(data["taxonomyItem"]["item"]["name"], "Prompt Injection");
    assert!(data["taxonomyItem"]["coveredBy"].as_array().is_some_and(|c| !c.is_empty()), "{body}");
    assert_eq!(data["missing"], serde_json::Value::Null);
}
on_both_backends!(graphql_serves_the_same_taxonomies);

async fn an_import_that_would_strand_content_changes_nothing(app: &TestApp) {
    let db = &app.state.database;
    let version_before = app.state.catalog.content_version().await.unwrap_or_else(|e| panic!("{e}"));
    let mut imported = import_file(TaxonomyKind::Atlas, &atlas_file()).unwrap_or_else(|e| panic!("{e}"));
    // A release without prompt injection, which the content points at.
    imported.taxonomy.items.retain(|i| i.id != "AML.T0051");
    let refused = store_taxonomy(db, &imported).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("atlas/AML.T0051"), "{refused}");
    let (_, release) = app.get_json("/api/v1/taxonomies/atlas").await;
    assert_eq!(release["counts"][1]["count"], 101, "the stored release is untouched");

    // A full release imports; caches learn of it through the content version.
    let mut newer = import_file(TaxonomyKind::Atlas, &atlas_file()).unwrap_or_else(|e| panic!("{e}"));
    newer.taxonomy.version = "5.6.1".into();
    newer.sha256 = "f".repeat(64);
    store_taxonomy(db, &newer).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(newer.taxonomy.count_of(ItemType::Tactic), 16);
    let (_, release) = app.get_json("/api/v1/taxonomies/atlas").await;
    assert_eq!(release["version"], "5.6.1");
    let version_after = app.state.catalog.content_version().await.unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(version_before, version_after);
}
on_both_backends!(an_import_that_would_strand_content_changes_nothing);
