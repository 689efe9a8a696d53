//! The OWASP Top 10 for LLM Applications, as a list of entries with the
//! edition's ids (`LLM01:2025`) and names.

use std::collections::BTreeMap;

use roledex_domain::taxonomy::{ItemType, ReleaseSource, Taxonomy, TaxonomyItem, TaxonomyKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct OwaspFile {
    source: Source,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Source {
    name: String,
    url: Option<String>,
    published: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    name: String,
}

pub(super) fn parse(text: &str) -> Result<Taxonomy, String> {
    let file: OwaspFile = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let mut edition = None;
    let mut items = Vec::new();
    for entry in file.entries {
        // `LLM01:2025`: the part after the colon is the edition.
        let Some((_, year)) = entry.id.split_once(':') else {
            return Err(format!("`{}` has no edition (expected an id such as LLM01:2025)", entry.id));
        };
        match &edition {
            None => edition = Some(year.to_owned()),
            Some(e) if e != year => return Err(format!("`{}` is from another edition than {e}", entry.id)),
            Some(_) => {}
        }
        items.push(TaxonomyItem {
            id: entry.id,
            item_type: ItemType::Risk,
            name: entry.name,
            description: None,
            parent: None,
            related: vec![],
            facts: BTreeMap::new(),
            url: file.source.url.clone(),
        });
    }
    let taxonomy = Taxonomy {
        kind: TaxonomyKind::OwaspLlm,
        name: file.source.name.clone(),
        version: edition.unwrap_or_default(),
        released: file.source.published,
        released_basis: "the publication date the source gives".into(),
        source: ReleaseSource { name: file.source.name, url: file.source.url, doi: None },
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
    fn reads_entries_and_the_edition_from_their_ids() {
        let text = r#"
source: { name: "OWASP Top 10 for LLM Applications 2025", url: "https://genai.owasp.org/llm-top-10/", published: "2024-11" }
entries:
  - { id: "LLM01:2025", name: "Prompt Injection" }
  - { id: "LLM02:2025", name: "Sensitive Information Disclosure" }
"#;
        let owasp = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(owasp.version, "2025");
        assert_eq!(owasp.released.as_deref(), Some("2024-11"));
        assert_eq!(owasp.counts(), vec![(ItemType::Risk, 2)]);
        let mixed = text.replace("LLM02:2025", "LLM02:2023");
        assert!(parse(&mixed).unwrap_err().contains("another edition"));
    }
}
