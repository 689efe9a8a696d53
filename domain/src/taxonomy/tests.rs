use super::*;

fn item(id: &str, item_type: ItemType) -> TaxonomyItem {
    TaxonomyItem {
        id: id.into(),
        item_type,
        name: id.into(),
        description: None,
        parent: None,
        related: vec![],
        facts: BTreeMap::new(),
        url: None,
    }
}

#[test]
fn counts_follow_the_items_in_the_taxonomys_order() {
    let taxonomy = Taxonomy {
        kind: TaxonomyKind::Atlas,
        name: "ATLAS".into(),
        version: "1".into(),
        released: None,
        released_basis: String::new(),
        source: ReleaseSource { name: "x".into(), url: None, doi: None },
        license: None,
        items: vec![
            item("AML.T0000", ItemType::Technique),
            item("AML.TA0001", ItemType::Tactic),
            item("AML.T0000.000", ItemType::SubTechnique),
            item("AML.T0001", ItemType::Technique),
        ],
    };
    assert_eq!(
        taxonomy.counts(),
        vec![
            (ItemType::Tactic, 1),
            (ItemType::Technique, 2),
            (ItemType::SubTechnique, 1),
            (ItemType::Mitigation, 0),
            (ItemType::CaseStudy, 0),
        ]
    );
}

#[test]
fn references_parse_and_print_as_taxonomy_slash_id() {
    for raw in ["atlas/AML.T0051", "owasp-llm/LLM01:2025", "nist-ai-rmf/MANAGE", "atlas/AML.T0051.000"] {
        assert_eq!(TaxonomyRef::parse(raw).unwrap().to_string(), raw);
    }
    assert_eq!(TaxonomyRef::parse("atlas/AML.T0051").unwrap().taxonomy, TaxonomyKind::Atlas);
    assert!(matches!(TaxonomyRef::parse("mitre/AML.T0051"), Err(TaxonomyRefError::UnknownTaxonomy(_))));
    for bad in ["atlas", "atlas/", "atlas/AML T0051", "/x", "atlas/<b>"] {
        assert!(matches!(TaxonomyRef::parse(bad), Err(TaxonomyRefError::Shape(_))), "{bad}");
    }
}
