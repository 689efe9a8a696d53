//! The formats beside JSON, each read back by an independent reader: the
//! profile's JSON-LD checked against the schema.org vocabulary (a subset of
//! release 30.0, checked in), the certifications as CSV read by the `csv`
//! crate, the downloads as PDF read by lopdf, which extracts their text.

use std::collections::{BTreeMap, BTreeSet};

use roledex_e2e::awc::http::header::HeaderMap;
use roledex_e2e::{ROLE, TestApp, Value};

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

async fn get_as(app: &TestApp, path: &str, accept: &str) -> (u16, HeaderMap, Vec<u8>) {
    app.send(app.client.get(app.url(path)).insert_header(("Accept", accept))).await
}

/// The schema.org vocabulary the JSON-LD is checked against.
struct Vocabulary {
    parents: BTreeMap<String, Vec<String>>,
    datatypes: BTreeSet<String>,
    /// property → (domainIncludes, rangeIncludes)
    properties: BTreeMap<String, (Vec<String>, Vec<String>)>,
}

impl Vocabulary {
    fn load() -> Self {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schema-org-subset.json");
        let raw: Value = serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        let names = |v: &Value| -> Vec<String> {
            v.as_array().into_iter().flatten().filter_map(|n| n.as_str().map(str::to_owned)).collect()
        };
        let parents = raw["types"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, t)| (name.clone(), names(&t["subClassOf"])))
            .collect();
        let properties = raw["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, p)| (name.clone(), (names(&p["domainIncludes"]), names(&p["rangeIncludes"]))))
            .collect();
        Self { parents, datatypes: names(&raw["datatypes"]).into_iter().collect(), properties }
    }

    /// `kind` and every type it descends from.
    fn lineage(&self, kind: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![kind.to_owned()];
        while let Some(next) = todo.pop() {
            if seen.insert(next.clone()) {
                todo.extend(self.parents.get(&next).cloned().unwrap_or_default());
            }
        }
        seen
    }

    /// Every problem with `node` (a typed object) and what it contains, by JSON path.
    fn check(&self, node: &Value, path: &str, problems: &mut Vec<String>) {
        let Some(kind) = node["@type"].as_str() else {
            problems.push(format!("{path}: a node without @type"));
            return;
        };
        if !self.parents.contains_key(kind) {
            problems.push(format!("{path}: `{kind}` is not a schema.org type"));
            return;
        }
        let lineage = self.lineage(kind);
        for (property, value) in node.as_object().into_iter().flatten() {
            if property.starts_with('@') {
                continue;
            }
            let at = format!("{path}.{property}");
            let Some((domain, range)) = self.properties.get(property) else {
                problems.push(format!("{at}: `{property}` is not a schema.org property"));
                continue;
            };
            if !domain.iter().any(|d| lineage.contains(d)) {
                problems.push(format!("{at}: `{property}` is not a property of {kind} (domain {domain:?})"));
            }
            let values: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            for (i, v) in values.into_iter().enumerate() {
                self.check_value(v, range, &format!("{at}[{i}]"), problems);
            }
        }
    }

    fn check_value(&self, value: &Value, range: &[String], path: &str, problems: &mut Vec<String>) {
        let allows = |t: &str| range.iter().any(|r| r == t);
        match value {
            Value::Object(_) => {
                let kind = value["@type"].as_str().unwrap_or_default();
                if !self.lineage(kind).iter().any(|t| allows(t)) {
                    problems.push(format!("{path}: a {kind} where {range:?} is expected"));
                }
                self.check(value, path, problems);
            }
            Value::Number(_) if ["Number", "Integer", "Float"].iter().any(|t| allows(t)) => {}
            Value::String(s) if allows("Text") => assert!(!s.is_empty(), "{path}: empty text"),
            Value::String(s) if allows("URL") => {
                if !s.starts_with("https://") && !s.starts_with("http://") {
                    problems.push(format!("{path}: `{s}` is not a URL"));
                }
            }
            Value::String(s) if allows("Duration") => {
                if !s.starts_with('P') {
                    problems.push(format!("{path}: `{s}` is not an ISO 8601 duration"));
                }
            }
            other => problems.push(format!("{path}: {other} does not fit {range:?}")),
        }
    }
}

/// The role as the loaded pack states it.
async fn pack_role(app: &TestApp) -> roledex_domain::profile::RoleDocument {
    let slug = roledex_domain::values::Slug::parse(ROLE).unwrap_or_else(|e| panic!("{e}"));
    let cached = app.state.cache.profile(&slug).await.unwrap_or_else(|e| panic!("{e}"));
    cached.unwrap_or_else(|| panic!("the role")).profile.document.clone()
}

async fn the_profile_is_schema_org_json_ld(app: &TestApp) {
    let vocabulary = Vocabulary::load();
    assert!(vocabulary.datatypes.contains("Text"));
    let (status, headers, body) = get_as(app, &format!("/api/v1/roles/{ROLE}"), "application/ld+json").await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "application/ld+json");
    assert!(header(&headers, "vary").contains("Accept"), "{headers:?}");
    let occupation: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(occupation["@context"], "https://schema.org");
    assert_eq!(occupation["@type"], "Occupation");
    let mut problems = Vec::new();
    vocabulary.check(&occupation, "$", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");

    // What it says comes from the pack: the one sourced salary, the skills, the credentials.
    let role = pack_role(app).await;
    let sourced: Vec<_> = role.demand.iter().flat_map(|d| d.salary_data_points.iter()).collect();
    let salaries = occupation["estimatedSalary"].as_array().cloned().unwrap_or_default();
    assert_eq!(salaries.len(), sourced.len());
    for (salary, point) in salaries.iter().zip(&sourced) {
        assert_eq!(salary["@type"], "MonetaryAmountDistribution");
        assert_eq!(salary["median"].as_u64(), Some(point.base.amount));
        assert_eq!(salary["currency"].as_str(), Some(point.base.currency.as_str()));
        assert!(salary["description"].as_str().unwrap_or_default().contains(&point.source.name));
    }
    let (_, profile) = app.get_json(&format!("/api/v1/roles/{ROLE}")).await;
    let skills = occupation["skills"].as_array().map(Vec::len);
    assert_eq!(skills, profile["skills"].as_array().map(Vec::len));
    assert_eq!(
        occupation["qualifications"].as_array().map(Vec::len),
        profile["certifications"].as_array().map(Vec::len)
    );
    assert_eq!(occupation["occupationalCategory"]["codeValue"].as_str(), Some("11-3021"));
    assert_eq!(occupation["name"], profile["title"]);

    // An outline role has no sourced salary: none is stated.
    let (status, _, body) = get_as(app, "/api/v1/roles/security-engineer", "application/ld+json").await;
    assert_eq!(status, 200);
    let outline: Value = serde_json::from_slice(&body).unwrap_or_default();
    assert!(outline.get("estimatedSalary").is_none(), "{outline}");
    let mut problems = Vec::new();
    vocabulary.check(&outline, "$", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");

    // The same document as a <script> block for a partner's page.
    let path = format!("/api/v1/roles/{ROLE}/structured-data");
    let (status, headers, body) = get_as(app, &path, "text/html").await;
    assert_eq!((status, header(&headers, "content-type")), (200, "text/html; charset=utf-8"));
    let html = String::from_utf8_lossy(&body);
    let inner = html
        .trim()
        .strip_prefix("<script type=\"application/ld+json\">")
        .and_then(|rest| rest.strip_suffix("</script>"))
        .unwrap_or_else(|| panic!("{html}"));
    assert_eq!(serde_json::from_str::<Value>(inner).ok(), Some(occupation.clone()));
    let (status, _, body) = app.get(&path).await;
    assert_eq!((status, serde_json::from_slice::<Value>(&body).ok()), (200, Some(occupation)));
    let (status, _, _) = get_as(app, &format!("/api/v1/roles/{ROLE}"), "image/png").await;
    assert_eq!(status, 406);
}

async fn the_certifications_are_rfc_4180_csv(app: &TestApp) {
    for query in ["", "?sort=value&order=desc", "?sort=cost&order=asc"] {
        let path = format!("/api/v1/roles/{ROLE}/certifications{query}");
        let (status, headers, body) = get_as(app, &path, "text/csv").await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        assert_eq!(header(&headers, "content-type"), "text/csv; charset=utf-8; header=present");
        let text = String::from_utf8(body.clone()).unwrap_or_default();
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends");

        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body.as_slice());
        let head: Vec<String> = reader.headers().map(|h| h.iter().map(str::to_owned).collect()).unwrap_or_default();
        assert_eq!(head.first().map(String::as_str), Some("rank"));
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
        let (_, json) = app.get_json(&path).await;
        let items = json["items"].as_array().cloned().unwrap_or_default();
        assert_eq!(records.len(), items.len(), "{query}");
        let column = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
        for (record, item) in records.iter().zip(&items) {
            assert_eq!(record.len(), head.len());
            assert_eq!(record[column("rank")].parse::<u64>().ok(), item["rank"].as_u64());
            assert_eq!(&record[column("certification")], item["certification"]["slug"].as_str().unwrap_or_default());
            assert_eq!(record[column("cost_min")].parse::<i64>().ok(), item["certification"]["cost"]["min"].as_i64());
            assert_eq!(record[column("cost_max")].parse::<i64>().ok(), item["certification"]["cost"]["max"].as_i64());
            let years = &record[column("required_experience_years")];
            match item["certification"]["required_experience_years"].as_u64() {
                Some(y) => assert_eq!(years.parse::<u64>().ok(), Some(y)),
                None => assert_eq!(years, "", "a figure no source gives is empty, not 0"),
            }
        }
    }
    let (status, _, _) = get_as(app, &format!("/api/v1/roles/{ROLE}/certifications"), "application/xml").await;
    assert_eq!(status, 406);
}

/// Words of `text`, for comparing text regardless of line breaks.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn the_downloads_are_pdf_with_their_text(app: &TestApp) {
    let role = pack_role(app).await;
    assert!(!role.downloads.is_empty());
    for download in &role.downloads {
        let path = format!("/api/v1/roles/{ROLE}/downloads/{}", download.key);
        let (status, headers, body) = get_as(app, &path, "application/pdf").await;
        assert_eq!(status, 200, "{}", download.key);
        assert_eq!(header(&headers, "content-type"), "application/pdf");
        assert!(body.starts_with(b"%PDF-"));
        let document =
            lopdf::Document::load_mem(&body).unwrap_or_else(|e| panic!("{}: lopdf refuses it: {e}", download.key));
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        assert!(!pages.is_empty());
        let text = words(&document.extract_text(&pages).unwrap_or_else(|e| panic!("{e}")));
        // Every heading and every list item's first words are in the document's text.
        for line in download.body.lines() {
            let line = line.trim();
            let shown = line.trim_start_matches('#').trim_start_matches("- [ ]").trim_start_matches('-').trim();
            if (line.starts_with('#') || line.starts_with('-')) && !shown.is_empty() {
                let first: String = words(shown).split(' ').take(4).collect::<Vec<_>>().join(" ");
                let first = first.replace("**", "").replace('`', "");
                assert!(text.contains(&first), "{}: `{first}` is not in the PDF's text", download.key);
            }
        }
        assert!(text.contains(&format!("page 1 of {}", pages.len())), "the footer");

        let etag = header(&headers, "etag").to_owned();
        let request = app
            .client
            .get(app.url(&path))
            .insert_header(("Accept", "application/pdf"))
            .insert_header(("If-None-Match", etag.as_str()));
        assert_eq!(app.send(request).await.0, 304);
        let (status, headers, markdown) = app.get(&path).await;
        assert_eq!((status, header(&headers, "content-type")), (200, "text/markdown; charset=utf-8"));
        assert_eq!(String::from_utf8_lossy(&markdown), download.body);
    }
    let (status, _, _) = get_as(app, &format!("/api/v1/roles/{ROLE}/downloads/skills-checklist"), "image/png").await;
    assert_eq!(status, 406);
}

roledex_e2e::on_both_backends!(the_profile_is_schema_org_json_ld);
roledex_e2e::on_both_backends!(the_certifications_are_rfc_4180_csv);
roledex_e2e::on_both_backends!(the_downloads_are_pdf_with_their_text);

#[test]
fn the_vocabulary_check_finds_what_schema_org_does_not_allow() {
    let vocabulary = Vocabulary::load();
    let wrong = serde_json::json!({
        "@type": "Occupation",
        "salary": 1,
        "skills": [{ "@type": "Organization", "name": "a company is not a skill" }],
        "estimatedSalary": "lots",
        "qualifications": [{ "@type": "EducationalOccupationalCredential", "termCode": "x" }],
    });
    let mut problems = Vec::new();
    vocabulary.check(&wrong, "$", &mut problems);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    let mut problems = Vec::new();
    vocabulary.check(&serde_json::json!({ "@type": "Job" }), "$", &mut problems);
    assert_eq!(problems.len(), 1);
}

/// Every operation refuses an `Accept` that names none of its media types
/// (406, problem+json) and answers one that names any of them.
async fn accept_that_names_nothing_served_is_406(app: &TestApp) {
    for (path, accept, status) in [
        ("/api/v1/skills", "text/csv", 406),
        ("/api/v1/skills", "application/json", 200),
        ("/api/v1/skills", "application/*;q=0.5, text/html", 200),
        ("/api/v1/skills", "*/*;q=0", 406),
        ("/api/v1/taxonomies", "application/xml", 406),
        (&format!("/api/v1/roles/{ROLE}/career-paths"), "text/plain", 406),
        (&format!("/api/v1/roles/{ROLE}/career-paths"), "text/plain, */*;q=0.1", 200),
    ] {
        let (found, headers, body) = get_as(app, path, accept).await;
        assert_eq!(found, status, "{path} with {accept}: {}", String::from_utf8_lossy(&body));
        if status == 406 {
            assert_eq!(header(&headers, "content-type"), "application/problem+json");
            let problem: Value = serde_json::from_slice(&body).unwrap_or_default();
            assert_eq!(problem["code"], "not_acceptable");
            assert!(problem["detail"].as_str().unwrap_or_default().contains("application/json"), "{problem}");
            // Refused inside the quota gate and the edge layer: counted, and
            // dressed like any answer.
            assert!(header(&headers, "ratelimit-policy").contains("anonymous"), "{headers:?}");
            assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
            assert_eq!(header(&headers, "x-request-id").len(), 36);
        }
    }
    let request = app
        .client
        .post(app.url(&format!("/api/v1/roles/{ROLE}/compute/self-assessment")))
        .insert_header(("content-type", "application/json"))
        .insert_header(("accept", "text/html"));
    let body = serde_json::json!({ "ratings": [{ "skill": "adversarial-ml", "level": 2 }] }).to_string();
    let (status, _, _) = app.send_body(request, body).await;
    assert_eq!(status, 406);
}

roledex_e2e::on_both_backends!(accept_that_names_nothing_served_is_406);
