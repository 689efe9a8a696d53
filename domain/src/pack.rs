//! A content pack: every document an editor writes, and the cross-document
//! rules that make it publishable. Parsing files is the loader's job
//! (`persistence`); this module only judges the parsed documents.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::profile::{Certification, Framework, RoleDocument, RoleKind, Skill};
use crate::taxonomy::Taxonomy;
use crate::values::Slug;

mod role;
mod taxonomies;

use role::{References, validate_role};

/// The number of cards every role's qualification checker has.
pub const QUALIFICATION_CARDS_PER_ROLE: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentPack {
    pub skills: Vec<Skill>,
    pub certifications: Vec<Certification>,
    pub frameworks: Vec<Framework>,
    pub roles: Vec<RoleDocument>,
    /// The taxonomy releases the pack is written against, as imported.
    pub taxonomies: Vec<Taxonomy>,
}

/// Which document of the pack a problem is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocumentRef {
    Skills,
    Certifications,
    Frameworks,
    Role(Slug),
}

impl fmt::Display for DocumentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Skills => f.write_str("skills"),
            Self::Certifications => f.write_str("certifications"),
            Self::Frameworks => f.write_str("frameworks"),
            Self::Role(slug) => write!(f, "role {slug}"),
        }
    }
}

/// One thing wrong with a pack: the document, the field path inside it
/// (`certifications[2].rank`) and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackIssue {
    pub document: DocumentRef,
    pub path: String,
    pub message: String,
}

impl ContentPack {
    /// Every problem that keeps the pack from being published; empty when it is valid.
    pub fn validate(&self) -> Vec<PackIssue> {
        let mut issues = Issues::default();
        let skills = unique_slugs(&mut issues, DocumentRef::Skills, "skills", self.skills.iter().map(|s| &s.slug));
        let certs = unique_slugs(
            &mut issues,
            DocumentRef::Certifications,
            "certifications",
            self.certifications.iter().map(|c| &c.slug),
        );
        let frameworks =
            unique_slugs(&mut issues, DocumentRef::Frameworks, "frameworks", self.frameworks.iter().map(|f| &f.slug));

        for (i, skill) in self.skills.iter().enumerate() {
            let mut at = issues.at(DocumentRef::Skills, format!("skills[{i}]"));
            at.text("name", &skill.name);
            at.text("description", &skill.description);
            at.taxonomy_refs("taxonomy_items", &skill.taxonomy_items, &self.taxonomies);
        }
        for (i, cert) in self.certifications.iter().enumerate() {
            let mut at = issues.at(DocumentRef::Certifications, format!("certifications[{i}]"));
            at.text("name", &cert.name);
            at.text("provider", &cert.provider);
            at.text("exam.summary", &cert.exam.summary);
            if let Some(q) = cert.exam.questions.filter(|q| q.min > q.max) {
                at.push("exam.questions", format!("min {} exceeds max {}", q.min, q.max));
            }
            at.references("builds_skills", &cert.builds_skills, &skills, "skill");
            at.references("required_certifications", &cert.required_certifications, &certs, "certification");
        }
        for (i, fw) in self.frameworks.iter().enumerate() {
            let mut at = issues.at(DocumentRef::Frameworks, format!("frameworks[{i}]"));
            at.text("name", &fw.name);
            at.text("summary", &fw.summary);
            at.text("source.name", &fw.source.name);
            if let Some(kind) = fw.taxonomy
                && !self.taxonomies.iter().any(|t| t.kind == kind)
            {
                at.push("taxonomy", format!("the pack imports no {} release; add it to taxonomies.toml", kind.slug()));
            }
        }

        let certification_skills: BTreeMap<&Slug, &[Slug]> =
            self.certifications.iter().map(|c| (&c.slug, c.builds_skills.as_slice())).collect();
        let mut role_slugs = BTreeSet::new();
        let backgrounds: BTreeSet<&Slug> =
            self.roles.iter().filter(|r| r.kind == RoleKind::Background).map(|r| &r.slug).collect();
        for role in &self.roles {
            let doc = DocumentRef::Role(role.slug.clone());
            if !role_slugs.insert(&role.slug) {
                issues.push(doc.clone(), "slug", format!("role `{}` is defined twice", role.slug));
            }
            let refs = References {
                skills: &skills,
                certs: &certs,
                frameworks: &frameworks,
                backgrounds: &backgrounds,
                taxonomies: &self.taxonomies,
                certification_skills: &certification_skills,
            };
            validate_role(&mut issues, role, &refs);
        }
        issues.0
    }
}

fn unique_slugs<'a>(
    issues: &mut Issues,
    doc: DocumentRef,
    list: &str,
    slugs: impl Iterator<Item = &'a Slug>,
) -> BTreeSet<&'a Slug> {
    let mut seen = BTreeSet::new();
    for (i, slug) in slugs.enumerate() {
        if !seen.insert(slug) {
            issues.push(doc.clone(), &format!("{list}[{i}].slug"), format!("slug `{slug}` is defined twice"));
        }
    }
    seen
}

#[derive(Default)]
struct Issues(Vec<PackIssue>);

impl Issues {
    fn push(&mut self, document: DocumentRef, path: &str, message: String) {
        self.0.push(PackIssue { document, path: path.to_owned(), message });
    }

    fn at(&mut self, document: DocumentRef, prefix: String) -> At<'_> {
        At { issues: self, document, prefix }
    }
}

/// Issues inside one document, under one path prefix.
struct At<'a> {
    issues: &'a mut Issues,
    document: DocumentRef,
    prefix: String,
}

impl At<'_> {
    fn push(&mut self, field: &str, message: String) {
        let path = match (self.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}.{field}", self.prefix),
        };
        self.issues.push(self.document.clone(), &path, message);
    }

    fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, "must not be empty".into());
        }
    }

    fn reference(&mut self, field: &str, slug: &Slug, known: &BTreeSet<&Slug>, what: &str) {
        if !known.contains(slug) {
            self.push(field, format!("unknown {what} `{slug}`: define it in the pack first"));
        }
    }

    fn references(&mut self, field: &str, slugs: &[Slug], known: &BTreeSet<&Slug>, what: &str) {
        for (i, slug) in slugs.iter().enumerate() {
            self.reference(&format!("{field}[{i}]"), slug, known, what);
        }
    }
}

#[cfg(test)]
mod tests;
