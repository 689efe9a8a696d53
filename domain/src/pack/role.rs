//! The rules for one role document: its references to the rest of the pack,
//! the skills it needs having something that builds them, its qualification
//! cards and its quiz.

use std::collections::{BTreeMap, BTreeSet};

use super::{At, DocumentRef, Issues, QUALIFICATION_CARDS_PER_ROLE};
use crate::profile::{RoleDocument, RoleKind};
use crate::taxonomy::Taxonomy;
use crate::values::Slug;

pub(super) struct References<'a> {
    pub(super) skills: &'a BTreeSet<&'a Slug>,
    pub(super) certs: &'a BTreeSet<&'a Slug>,
    pub(super) frameworks: &'a BTreeSet<&'a Slug>,
    pub(super) backgrounds: &'a BTreeSet<&'a Slug>,
    pub(super) taxonomies: &'a [Taxonomy],
    /// The skills each certification builds, to find what closes a gap.
    pub(super) certification_skills: &'a BTreeMap<&'a Slug, &'a [Slug]>,
}

pub(super) fn validate_role(issues: &mut Issues, role: &RoleDocument, refs: &References<'_>) {
    let doc = DocumentRef::Role(role.slug.clone());
    let mut at = issues.at(doc, String::new());
    at.text("title", &role.title);
    at.text("one_line", &role.one_line);
    at.text("summary", &role.summary);

    let mut seen = BTreeSet::new();
    for (i, s) in role.skills.iter().enumerate() {
        at.reference(&format!("skills[{i}].skill"), &s.skill, refs.skills, "skill");
        if !seen.insert(&s.skill) {
            at.push(&format!("skills[{i}].skill"), format!("skill `{}` is listed twice", s.skill));
        }
    }
    let mut ranks = BTreeMap::new();
    for (i, c) in role.certifications.iter().enumerate() {
        at.reference(&format!("certifications[{i}].certification"), &c.certification, refs.certs, "certification");
        if let Some(previous) = ranks.insert(c.rank, i) {
            at.push(
                &format!("certifications[{i}].rank"),
                format!("rank {} is also used by certifications[{previous}]", c.rank),
            );
        }
    }
    let expected: Vec<u32> = (1..=role.certifications.len() as u32).collect();
    if ranks.len() == role.certifications.len() && ranks.keys().copied().collect::<Vec<_>>() != expected {
        at.push("certifications", format!("ranks must run 1..={} without gaps", role.certifications.len()));
    }
    for (i, f) in role.frameworks.iter().enumerate() {
        at.reference(&format!("frameworks[{i}]"), f, refs.frameworks, "framework");
    }
    if let Some(day) = &role.day_in_the_life {
        for (i, pair) in day.blocks.windows(2).enumerate() {
            if pair[1].part_of_day < pair[0].part_of_day {
                at.push(
                    &format!("day_in_the_life.blocks[{}].part_of_day", i + 1),
                    "blocks must be in the order of the day".into(),
                );
            }
        }
        for (i, block) in day.blocks.iter().enumerate() {
            at.text(&format!("day_in_the_life.blocks[{i}].activity"), &block.activity);
        }
    }
    if let Some(demand) = &role.demand {
        for (i, point) in demand.salary_data_points.iter().enumerate() {
            at.text(&format!("demand.salary_data_points[{i}].source.name"), &point.source.name);
        }
    }
    for (i, r) in role.learning_resources.iter().enumerate() {
        at.text(&format!("learning_resources[{i}].title"), &r.title);
        at.references(&format!("learning_resources[{i}].builds_skills"), &r.builds_skills, refs.skills, "skill");
        at.taxonomy_refs(&format!("learning_resources[{i}].taxonomy_items"), &r.taxonomy_items, refs.taxonomies);
    }
    if role.kind == RoleKind::Profile {
        validate_skill_support(&mut at, role, refs);
    }
    for (i, path) in role.transition_paths.iter().enumerate() {
        let field = format!("transition_paths[{i}].from_role");
        if !refs.backgrounds.contains(&path.from_role) {
            at.push(
                &field,
                format!("`{}` is not a background role of the pack (kind = \"background\")", path.from_role),
            );
        }
        if path.skills_to_add.is_empty() {
            at.push(&format!("transition_paths[{i}].skills_to_add"), "name at least one skill to add".into());
        }
        for (j, add) in path.skills_to_add.iter().enumerate() {
            at.reference(&format!("transition_paths[{i}].skills_to_add[{j}].skill"), &add.skill, refs.skills, "skill");
        }
    }
    for (i, level) in role.ladder.iter().enumerate() {
        at.text(&format!("ladder[{i}].title"), &level.title);
        if let Some(band) = &level.compensation
            && (band.min.currency != band.max.currency || band.min.amount > band.max.amount)
        {
            at.push(
                &format!("ladder[{i}].compensation"),
                "min and max must share a currency and min must not exceed max".into(),
            );
        }
    }
    for (i, q) in role.interview_questions.iter().enumerate() {
        at.text(&format!("interview_questions[{i}].question"), &q.question);
        if q.key_points.is_empty() {
            at.push(&format!("interview_questions[{i}].key_points"), "list at least one key point".into());
        }
        at.references(&format!("interview_questions[{i}].skills"), &q.skills, refs.skills, "skill");
        at.taxonomy_refs(&format!("interview_questions[{i}].taxonomy_items"), &q.taxonomy_items, refs.taxonomies);
    }
    validate_cards(&mut at, role);
    validate_quiz(&mut at, role, refs);
    let mut keys = BTreeSet::new();
    for (i, d) in role.downloads.iter().enumerate() {
        if !keys.insert(&d.key) {
            at.push(&format!("downloads[{i}].key"), format!("download key `{}` is used twice", d.key));
        }
        at.text(&format!("downloads[{i}].body"), &d.body);
    }
}

/// Every skill a full profile needs has something that builds it: a learning
/// resource of the role or one of its certifications. Otherwise a gap
/// analysis would name a gap with nothing to close it.
fn validate_skill_support(at: &mut At<'_>, role: &RoleDocument, refs: &References<'_>) {
    for (i, need) in role.skills.iter().enumerate().filter(|(_, need)| refs.skills.contains(&need.skill)) {
        let by_resource = role.learning_resources.iter().any(|r| r.builds_skills.contains(&need.skill));
        let by_certification = role.certifications.iter().any(|c| {
            refs.certification_skills.get(&c.certification).is_some_and(|skills| skills.contains(&need.skill))
        });
        if !by_resource && !by_certification {
            at.push(
                &format!("skills[{i}].skill"),
                format!(
                    "nothing in the role builds `{}`: add a learning resource (or certification) whose builds_skills lists it",
                    need.skill
                ),
            );
        }
    }
}

fn validate_cards(at: &mut At<'_>, role: &RoleDocument) {
    let cards = &role.qualification_cards;
    let needs_cards = role.kind == RoleKind::Profile;
    if needs_cards && cards.len() != QUALIFICATION_CARDS_PER_ROLE {
        at.push(
            "qualification_cards",
            format!("a role has exactly {QUALIFICATION_CARDS_PER_ROLE} qualification cards, found {}", cards.len()),
        );
    }
    let mut keys = BTreeSet::new();
    for (i, card) in cards.iter().enumerate() {
        if !keys.insert(&card.key) {
            at.push(&format!("qualification_cards[{i}].key"), format!("card key `{}` is used twice", card.key));
        }
        at.text(&format!("qualification_cards[{i}].prompt"), &card.prompt);
    }
}

fn validate_quiz(at: &mut At<'_>, role: &RoleDocument, refs: &References<'_>) {
    let mut keys = BTreeSet::new();
    for (i, q) in role.knowledge_check.iter().enumerate() {
        let base = format!("knowledge_check[{i}]");
        if !keys.insert(&q.key) {
            at.push(&format!("{base}.key"), format!("question key `{}` is used twice", q.key));
        }
        if !(2..=6).contains(&q.options.len()) {
            at.push(&format!("{base}.options"), format!("a question has 2 to 6 options, found {}", q.options.len()));
        }
        let distinct: BTreeSet<&str> = q.options.iter().map(|o| o.trim()).collect();
        if distinct.len() != q.options.len() {
            at.push(&format!("{base}.options"), "options must be distinct".into());
        }
        if q.correct_option as usize >= q.options.len() {
            at.push(
                &format!("{base}.correct_option"),
                format!("{} is not an option index: use 0 to {}", q.correct_option, q.options.len().saturating_sub(1)),
            );
        }
        at.text(&format!("{base}.explanation"), &q.explanation);
        at.text(&format!("{base}.source"), &q.source);
        if q.skills.is_empty() {
            at.push(&format!("{base}.skills"), "name at least one skill the question checks".into());
        }
        at.references(&format!("{base}.skills"), &q.skills, refs.skills, "skill");
        at.taxonomy_refs(&format!("{base}.taxonomy_items"), &q.taxonomy_items, refs.taxonomies);
        at.count_question(&base, q, refs.taxonomies);
    }
}
