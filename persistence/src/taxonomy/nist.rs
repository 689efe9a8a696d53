//! The NIST AI RMF core: its functions and how many categories each has.

use std::collections::BTreeMap;

use roledex_domain::taxonomy::{ItemType, ReleaseSource, Taxonomy, TaxonomyItem, TaxonomyKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct NistFile {
    source: Source,
    functions: Vec<Function>,
}

#[derive(Deserialize)]
struct Source {
    name: String,
    doi: Option<String>,
    published: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Function {
    id: String,
    categories: u32,
    summary_hint: Option<String>,
}

/// "GOVERN" is written "Govern" in the framework's prose.
fn title_case(id: &str) -> String {
    let lower = id.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub(super) fn parse(text: &str) -> Result<Taxonomy, String> {
    let file: NistFile = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let version = ["1.0", "2.0"]
        .into_iter()
        .find(|v| file.source.name.contains(&format!("AI RMF {v}")))
        .unwrap_or("1.0")
        .to_owned();
    let url = file.source.doi.as_ref().map(|doi| format!("https://doi.org/{doi}"));
    let items = file
        .functions
        .into_iter()
        .map(|f| TaxonomyItem {
            name: title_case(&f.id),
            description: f.summary_hint.map(|h| format!("The outcome it aims for: {h}.")),
            id: f.id,
            item_type: ItemType::Function,
            parent: None,
            related: vec![],
            facts: BTreeMap::from([("categories".to_owned(), f.categories)]),
            url: url.clone(),
        })
        .collect();
    let taxonomy = Taxonomy {
        kind: TaxonomyKind::NistAiRmf,
        name: file.source.name.clone(),
        version,
        released: file.source.published,
        released_basis: "the publication date the source gives".into(),
        source: ReleaseSource { name: file.source.name, url, doi: file.source.doi },
        license: None,
        items,
    };
    super::check_unique(&taxonomy)?;
    Ok(taxonomy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_functions_with_their_category_counts() {
        let text = r#"
source: { name: "NIST AI 100-1, Artificial Intelligence Risk Management Framework (AI RMF 1.0)", doi: "10.6028/NIST.AI.100-1", published: "2023-01" }
functions:
  - { id: GOVERN, categories: 6, summary_hint: "a culture of risk management is cultivated and present" }
  - { id: MAP, categories: 5 }
"#;
        let nist = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(nist.version, "1.0");
        let govern = nist.item("GOVERN").unwrap_or_else(|| panic!("GOVERN"));
        assert_eq!(govern.name, "Govern");
        assert_eq!(govern.facts.get("categories"), Some(&6));
        assert_eq!(govern.url.as_deref(), Some("https://doi.org/10.6028/NIST.AI.100-1"));
    }
}
