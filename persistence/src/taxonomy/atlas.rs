//! MITRE ATLAS releases (`ATLAS.yaml`, published by MITRE under Apache-2.0):
//! tactics, techniques and sub-techniques, mitigations and case studies.

use std::collections::BTreeMap;

use roledex_domain::taxonomy::{ItemType, ReleaseSource, Taxonomy, TaxonomyItem, TaxonomyKind};
use serde::Deserialize;

const SITE: &str = "https://atlas.mitre.org";

#[derive(Deserialize)]
struct AtlasFile {
    name: String,
    version: Version,
    matrices: Vec<Matrix>,
    #[serde(rename = "case-studies", default)]
    case_studies: Vec<CaseStudy>,
}

/// The schema allows a version as a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Version {
    Text(String),
    Integer(i64),
    Number(f64),
}

impl Version {
    fn text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Integer(i) => i.to_string(),
            Self::Number(n) => n.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct Matrix {
    #[serde(default)]
    tactics: Vec<Tactic>,
    #[serde(default)]
    techniques: Vec<Technique>,
    #[serde(default)]
    mitigations: Vec<Mitigation>,
}

#[derive(Deserialize)]
struct Tactic {
    id: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    modified_date: Option<String>,
}

#[derive(Deserialize)]
struct Technique {
    id: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(rename = "subtechnique-of", default)]
    subtechnique_of: Option<String>,
    #[serde(default)]
    tactics: Vec<String>,
    #[serde(default)]
    modified_date: Option<String>,
}

#[derive(Deserialize)]
struct Mitigation {
    id: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    techniques: Vec<TechniqueUse>,
    #[serde(default)]
    modified_date: Option<String>,
}

#[derive(Deserialize)]
struct TechniqueUse {
    id: String,
}

#[derive(Deserialize)]
struct CaseStudy {
    id: String,
    name: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    procedure: Vec<ProcedureStep>,
    #[serde(default)]
    modified_date: Option<String>,
}

#[derive(Deserialize)]
struct ProcedureStep {
    technique: String,
}

fn item(id: String, item_type: ItemType, name: String, description: Option<String>, path: &str) -> TaxonomyItem {
    let url = Some(format!("{SITE}/{path}/{id}"));
    TaxonomyItem { id, item_type, name, description, parent: None, related: vec![], facts: BTreeMap::new(), url }
}

fn push_unique(list: &mut Vec<String>, id: String) {
    if !list.contains(&id) {
        list.push(id);
    }
}

pub(super) fn parse(text: &str) -> Result<Taxonomy, String> {
    let file: AtlasFile = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let mut items = Vec::new();
    let mut newest: Option<String> = None;
    let mut note = |date: &Option<String>| {
        if let Some(d) = date
            && newest.as_ref().is_none_or(|n| d > n)
        {
            newest = Some(d.clone());
        }
    };
    for matrix in file.matrices {
        for t in matrix.tactics {
            note(&t.modified_date);
            items.push(item(t.id, ItemType::Tactic, t.name, t.description, "tactics"));
        }
        for t in matrix.techniques {
            note(&t.modified_date);
            let item_type = if t.subtechnique_of.is_some() { ItemType::SubTechnique } else { ItemType::Technique };
            let mut entry = item(t.id, item_type, t.name, t.description, "techniques");
            entry.parent = t.subtechnique_of;
            entry.related = t.tactics;
            items.push(entry);
        }
        for m in matrix.mitigations {
            note(&m.modified_date);
            let mut entry = item(m.id, ItemType::Mitigation, m.name, m.description, "mitigations");
            for used in m.techniques {
                push_unique(&mut entry.related, used.id);
            }
            items.push(entry);
        }
    }
    for c in file.case_studies {
        note(&c.modified_date);
        let mut entry = item(c.id, ItemType::CaseStudy, c.name, c.summary, "studies");
        for step in c.procedure {
            push_unique(&mut entry.related, step.technique);
        }
        items.push(entry);
    }
    let taxonomy = Taxonomy {
        kind: TaxonomyKind::Atlas,
        name: file.name,
        version: file.version.text(),
        released: newest,
        released_basis: "the newest modified_date of any object in the release (ATLAS.yaml states no release date)"
            .into(),
        source: ReleaseSource { name: "MITRE ATLAS".into(), url: Some(SITE.into()), doi: None },
        license: Some("Apache-2.0".into()),
        items,
    };
    super::check_unique(&taxonomy)?;
    check_links(&taxonomy)?;
    Ok(taxonomy)
}

/// Every parent, tactic and technique an item names is in the release.
fn check_links(taxonomy: &Taxonomy) -> Result<(), String> {
    for item in &taxonomy.items {
        for target in item.parent.iter().chain(item.related.iter()) {
            if taxonomy.item(target).is_none() {
                return Err(format!("`{}` refers to `{target}`, which the release does not define", item.id));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
id: ATLAS
name: Adversarial Threat Landscape for AI Systems
version: 9.1.0
matrices:
- id: ATLAS
  name: ATLAS Matrix
  tactics:
  - { id: AML.TA0000, name: Access, object-type: tactic, modified_date: 2025-01-02 }
  techniques:
  - { id: AML.T0000, name: Search, object-type: technique, tactics: [AML.TA0000], modified_date: 2025-03-04 }
  - { id: AML.T0000.000, name: Journals, object-type: technique, subtechnique-of: AML.T0000 }
  mitigations:
  - id: AML.M0000
    name: Limit release
    object-type: mitigation
    techniques: [{ id: AML.T0000, use: less }, { id: AML.T0000.000, use: less }]
case-studies:
- id: AML.CS0000
  name: A study
  object-type: case-study
  summary: what happened
  procedure: [{ tactic: AML.TA0000, technique: AML.T0000, description: x }]
"#;

    #[test]
    fn reads_every_object_type_with_its_links() {
        let atlas = parse(MINIMAL).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(atlas.version, "9.1.0");
        assert_eq!(atlas.released.as_deref(), Some("2025-03-04"));
        assert_eq!(
            atlas.counts(),
            vec![
                (ItemType::Tactic, 1),
                (ItemType::Technique, 1),
                (ItemType::SubTechnique, 1),
                (ItemType::Mitigation, 1),
                (ItemType::CaseStudy, 1)
            ]
        );
        let sub = atlas.item("AML.T0000.000").unwrap_or_else(|| panic!("sub-technique"));
        assert_eq!(sub.parent.as_deref(), Some("AML.T0000"));
        assert_eq!(sub.url.as_deref(), Some("https://atlas.mitre.org/techniques/AML.T0000.000"));
        let mitigation = atlas.item("AML.M0000").unwrap_or_else(|| panic!("mitigation"));
        assert_eq!(mitigation.related, vec!["AML.T0000", "AML.T0000.000"]);
    }

    #[test]
    fn a_dangling_link_or_a_repeated_id_is_refused() {
        let dangling = MINIMAL.replace("subtechnique-of: AML.T0000 }", "subtechnique-of: AML.T9999 }");
        assert!(parse(&dangling).unwrap_err().contains("AML.T9999"));
        let repeated = MINIMAL.replace("id: AML.M0000", "id: AML.T0000");
        assert!(parse(&repeated).unwrap_err().contains("appears twice"));
        assert!(parse("version: [").is_err());
    }
}
