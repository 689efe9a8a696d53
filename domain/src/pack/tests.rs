use super::*;
use crate::profile::*;
use crate::values::{HttpUrl, Money, SkillLevel};

fn slug(raw: &str) -> Slug {
    Slug::parse(raw).unwrap_or_else(|e| panic!("{e}"))
}

fn url() -> HttpUrl {
    HttpUrl::parse("https://example.org").unwrap_or_else(|e| panic!("{e}"))
}

fn role(slug_raw: &str, kind: RoleKind) -> RoleDocument {
    RoleDocument::new(slug(slug_raw), kind, "Title", "one line", "summary")
}

fn valid_pack() -> ContentPack {
    let mut main = role("main-role", RoleKind::Profile);
    main.skills = vec![RoleSkill {
        skill: slug("evals"),
        importance: Importance::Critical,
        target_level: SkillLevel::MAX,
        editorial: true,
    }];
    main.certifications = vec![RoleCertification { certification: slug("cert-a"), rank: 1, focus: None }];
    main.qualification_cards = (0..10)
        .map(|i| QualificationCard {
            key: slug(&format!("card-{i}")),
            title: "t".into(),
            prompt: "p".into(),
            skill: None,
            editorial: true,
        })
        .collect();
    main.transition_paths = vec![TransitionPath {
        from_role: slug("background"),
        fit: "fit".into(),
        transferable_skills: vec![],
        skills_to_add: vec![SkillToAdd { skill: slug("evals"), detail: None }],
    }];
    main.knowledge_check = vec![QuizQuestion {
        key: slug("q1"),
        prompt: "?".into(),
        options: vec!["a".into(), "b".into()],
        correct_option: 1,
        explanation: "because".into(),
        source: "facts".into(),
        skills: vec![slug("evals")],
        taxonomy_items: vec![],
        checked_against: None,
    }];
    ContentPack {
        skills: vec![Skill {
            slug: slug("evals"),
            name: "Evals".into(),
            category: SkillCategory::Evaluation,
            description: "d".into(),
            named_in: None,
            taxonomy_items: vec![],
        }],
        certifications: vec![Certification {
            slug: slug("cert-a"),
            name: "A".into(),
            full_name: None,
            provider: "P".into(),
            cost: Cost::Exact(Money::usd(100)),
            exam: ExamFormat {
                summary: "s".into(),
                duration_minutes: None,
                questions: None,
                pass_mark: None,
                course_days: None,
            },
            prerequisites: None,
            required_experience_years: None,
            required_certifications: vec![],
            renewal: None,
            continuing_education: None,
            url: url(),
            builds_skills: vec![slug("evals")],
        }],
        frameworks: vec![],
        roles: vec![main, role("background", RoleKind::Background)],
        taxonomies: vec![atlas()],
    }
}

fn atlas() -> Taxonomy {
    use crate::taxonomy::{ItemType, ReleaseSource, TaxonomyItem, TaxonomyKind};
    let item = |id: &str, item_type| TaxonomyItem {
        id: id.into(),
        item_type,
        name: id.into(),
        description: None,
        parent: None,
        related: vec![],
        facts: Default::default(),
        url: None,
    };
    Taxonomy {
        kind: TaxonomyKind::Atlas,
        name: "ATLAS".into(),
        version: "5.6.0".into(),
        released: None,
        released_basis: String::new(),
        source: ReleaseSource { name: "MITRE".into(), url: None, doi: None },
        license: None,
        items: vec![
            item("AML.TA0000", ItemType::Tactic),
            item("AML.TA0001", ItemType::Tactic),
            item("AML.T0051", ItemType::Technique),
        ],
    }
}

fn taxonomy_ref(raw: &str) -> crate::taxonomy::TaxonomyRef {
    crate::taxonomy::TaxonomyRef::parse(raw).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn taxonomy_references_must_resolve_in_an_imported_release() {
    let mut pack = valid_pack();
    pack.skills[0].taxonomy_items = vec![taxonomy_ref("atlas/AML.T0051"), taxonomy_ref("atlas/AML.T9999")];
    pack.roles[0].knowledge_check[0].taxonomy_items = vec![taxonomy_ref("owasp-llm/LLM01:2025")];
    let issues = pack.validate();
    assert_eq!(
        paths(&pack),
        ["skills: skills[0].taxonomy_items[1]", "role main-role: knowledge_check[0].taxonomy_items[0]"]
    );
    assert!(issues[0].message.contains("has no item `AML.T9999`"), "{}", issues[0].message);
    assert!(issues[1].message.contains("imports no owasp-llm release"), "{}", issues[1].message);
}

#[test]
fn a_count_question_must_match_the_release_it_names() {
    use crate::taxonomy::{CountCheck, ItemType, TaxonomyKind};
    let mut pack = valid_pack();
    let q = &mut pack.roles[0].knowledge_check[0];
    q.checked_against = Some(CountCheck { taxonomy: TaxonomyKind::Atlas, item_type: ItemType::Tactic });
    q.prompt = "How many tactics does ATLAS 5.6.0 define?".into();
    q.options = vec!["15".into(), "2".into()];
    q.correct_option = 1;
    assert_eq!(pack.validate(), vec![]);

    pack.roles[0].knowledge_check[0].correct_option = 0;
    pack.roles[0].knowledge_check[0].prompt = "How many tactics does ATLAS define, as of 2025-10?".into();
    let issues = pack.validate();
    assert_eq!(
        paths(&pack),
        ["role main-role: knowledge_check[0].correct_option", "role main-role: knowledge_check[0].prompt"]
    );
    assert!(issues[0].message.contains("has 2 tactics"), "{}", issues[0].message);
}

#[test]
fn every_skill_of_a_full_profile_has_something_that_builds_it() {
    let mut pack = valid_pack();
    pack.certifications[0].builds_skills.clear();
    let issues = pack.validate();
    assert_eq!(paths(&pack), ["role main-role: skills[0].skill"]);
    assert!(issues[0].message.contains("nothing in the role builds `evals`"), "{}", issues[0].message);
    pack.roles[0].learning_resources.push(LearningResource {
        kind: ResourceKind::Paper,
        title: "A paper".into(),
        provider: "arXiv".into(),
        authors: None,
        year: Some(2023),
        url: url(),
        cost: None,
        free: Some(true),
        builds_skills: vec![slug("evals")],
        taxonomy_items: vec![],
        editorial: true,
    });
    assert_eq!(pack.validate(), vec![]);
}

fn paths(pack: &ContentPack) -> Vec<String> {
    pack.validate().into_iter().map(|i| format!("{}: {}", i.document, i.path)).collect()
}

#[test]
fn a_valid_pack_has_no_issues() {
    assert_eq!(valid_pack().validate(), vec![]);
}

#[test]
fn a_role_needs_exactly_ten_cards() {
    let mut pack = valid_pack();
    pack.roles[0].qualification_cards.pop();
    assert_eq!(paths(&pack), ["role main-role: qualification_cards"]);
    let issue = &pack.validate()[0];
    assert!(issue.message.contains("exactly 10") && issue.message.contains("found 9"), "{}", issue.message);
}

#[test]
fn unknown_references_name_their_field() {
    let mut pack = valid_pack();
    pack.roles[0].skills[0].skill = slug("nope");
    pack.roles[0].transition_paths[0].from_role = slug("main-role");
    pack.certifications[0].builds_skills.push(slug("ghost"));
    assert_eq!(
        paths(&pack),
        [
            "certifications: certifications[0].builds_skills[1]",
            "role main-role: skills[0].skill",
            "role main-role: transition_paths[0].from_role",
        ]
    );
}

#[test]
fn quiz_answer_must_be_an_option() {
    let mut pack = valid_pack();
    pack.roles[0].knowledge_check[0].correct_option = 2;
    assert_eq!(paths(&pack), ["role main-role: knowledge_check[0].correct_option"]);
}

#[test]
fn ranks_must_be_unique_and_contiguous() {
    let mut pack = valid_pack();
    pack.roles[0].certifications[0].rank = 2;
    assert_eq!(paths(&pack), ["role main-role: certifications"]);
    pack.roles[0].certifications.push(RoleCertification { certification: slug("cert-a"), rank: 2, focus: None });
    assert!(paths(&pack).contains(&"role main-role: certifications[1].rank".to_owned()));
}

#[test]
fn duplicates_and_blank_text_are_reported() {
    let mut pack = valid_pack();
    pack.skills.push(pack.skills[0].clone());
    pack.roles[0].title = "  ".into();
    assert_eq!(paths(&pack), ["skills: skills[1].slug", "role main-role: title"]);
}

#[test]
fn day_blocks_follow_the_day() {
    let mut pack = valid_pack();
    let block = |p: PartOfDay| TimeBlock { part_of_day: p, activity: "a".into(), detail: None };
    pack.roles[0].day_in_the_life = Some(DayInTheLife {
        editorial: true,
        blocks: vec![block(PartOfDay::Morning), block(PartOfDay::Morning), block(PartOfDay::StartOfDay)],
    });
    assert_eq!(paths(&pack), ["role main-role: day_in_the_life.blocks[2].part_of_day"]);
}
