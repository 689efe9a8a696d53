//! A small role profile for the guidance rules' tests.

use crate::profile::*;
use crate::values::{HttpUrl, Money, SkillLevel, Slug};

pub fn slug(raw: &str) -> Slug {
    Slug::parse(raw).unwrap_or_else(|e| panic!("{e}"))
}

fn url() -> HttpUrl {
    HttpUrl::parse("https://example.org").unwrap_or_else(|e| panic!("{e}"))
}

fn skill(name: &str, category: SkillCategory, importance: Importance, target: i64) -> ProfileSkill {
    ProfileSkill {
        skill: Skill {
            slug: slug(name),
            name: name.replace('-', " "),
            category,
            description: String::new(),
            named_in: None,
            taxonomy_items: vec![],
        },
        importance,
        target_level: SkillLevel::new(target).unwrap_or(SkillLevel::MIN),
        editorial: true,
    }
}

pub fn certification(name: &str, cost: u64, builds: &[&str], course_days: Option<u32>) -> Certification {
    Certification {
        slug: slug(name),
        name: name.to_uppercase(),
        full_name: None,
        provider: "Provider".into(),
        cost: Cost::Exact(Money::usd(cost)),
        exam: ExamFormat {
            summary: "exam".into(),
            duration_minutes: Some(120),
            questions: None,
            pass_mark: None,
            course_days,
        },
        prerequisites: None,
        required_experience_years: None,
        required_certifications: vec![],
        renewal: None,
        continuing_education: None,
        url: url(),
        builds_skills: builds.iter().map(|b| slug(b)).collect(),
    }
}

/// Four skills (weights 15, 8, 6, 2), three certifications, ten cards, three quiz questions.
pub fn profile() -> RoleProfile {
    let skills = vec![
        skill("evals", SkillCategory::Evaluation, Importance::Critical, 5),
        skill("red-teaming", SkillCategory::AdversarialSecurity, Importance::Important, 4),
        skill("incident-response", SkillCategory::Operations, Importance::Important, 3),
        skill("governance", SkillCategory::Governance, Importance::Supporting, 2),
    ];
    let certifications = vec![
        ProfileCertification {
            certification: certification("gov-cert", 700, &["governance"], None),
            rank: 1,
            focus: None,
        },
        ProfileCertification {
            certification: certification("eval-cert", 1000, &["evals", "red-teaming"], Some(5)),
            rank: 2,
            focus: None,
        },
        ProfileCertification {
            certification: certification("ops-cert", 200, &["incident-response"], None),
            rank: 3,
            focus: None,
        },
    ];
    let cards = (0..10)
        .map(|i| QualificationCard {
            key: slug(&format!("card-{i}")),
            title: format!("Card {i}"),
            prompt: "I can".into(),
            skill: None,
            editorial: true,
        })
        .collect();
    let quiz = (0..3)
        .map(|i| QuizQuestion {
            key: slug(&format!("q-{i}")),
            prompt: format!("Question {i}?"),
            options: vec!["a".into(), "b".into(), "c".into()],
            correct_option: i % 3,
            explanation: format!("Because {i}."),
            source: "facts".into(),
            skills: vec![slug("evals")],
            taxonomy_items: vec![],
            checked_against: None,
        })
        .collect();
    let resources = vec![
        LearningResource {
            kind: ResourceKind::Tool,
            title: "Red team tool".into(),
            provider: "P".into(),
            authors: None,
            year: None,
            url: url(),
            cost: None,
            free: Some(true),
            builds_skills: vec![slug("red-teaming")],
            taxonomy_items: vec![],
            editorial: true,
        },
        LearningResource {
            kind: ResourceKind::Framework,
            title: "Eval framework".into(),
            provider: "P".into(),
            authors: None,
            year: None,
            url: url(),
            cost: None,
            free: Some(true),
            builds_skills: vec![slug("evals"), slug("red-teaming")],
            taxonomy_items: vec![],
            editorial: true,
        },
    ];
    RoleProfile {
        document: RoleDocument {
            learning_resources: resources,
            qualification_cards: cards,
            knowledge_check: quiz,
            ..RoleDocument::new(slug("test-role"), RoleKind::Profile, "Test role", "tests", "tests")
        },
        skills,
        certifications,
        frameworks: vec![],
        background_titles: vec![],
        leads_to: vec![],
    }
}
