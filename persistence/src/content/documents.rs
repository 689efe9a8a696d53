//! How a content pack becomes rows: one `content_documents` row per
//! document (its JSON plus the columns queries use) and one `content_links`
//! row per reference a reverse look-up may follow.

use roledex_domain::pack::ContentPack;
use roledex_domain::profile::{Certification, Framework, RoleDocument, Skill};
use roledex_domain::values::Slug;
use sea_orm::ActiveValue::Set;
use serde::Serialize;

use crate::PersistenceError;
use crate::entities::{content_documents, content_links};

/// The kinds of content document, as stored in `content_documents.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    Role,
    Skill,
    Certification,
    Framework,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Role => "role",
            Self::Skill => "skill",
            Self::Certification => "certification",
            Self::Framework => "framework",
        }
    }
}

/// Every row a pack is stored as.
#[derive(Debug, Default)]
pub struct PackRows {
    pub documents: Vec<content_documents::ActiveModel>,
    pub links: Vec<content_links::ActiveModel>,
}

impl PackRows {
    pub fn of(pack: &ContentPack) -> Result<Self, PersistenceError> {
        let mut rows = Self::default();
        for skill in &pack.skills {
            rows.skill(skill)?;
        }
        for certification in &pack.certifications {
            rows.certification(certification)?;
        }
        for framework in &pack.frameworks {
            rows.framework(framework)?;
        }
        for role in &pack.roles {
            rows.role(role)?;
        }
        Ok(rows)
    }

    fn document<T: Serialize>(
        &mut self,
        kind: DocumentKind,
        slug: &Slug,
        title: &str,
        search: &[&str],
        body: &T,
    ) -> Result<(), PersistenceError> {
        let body = serde_json::to_string(body).map_err(|e| PersistenceError::Corrupt(format!("{slug}: {e}")))?;
        self.documents.push(content_documents::ActiveModel {
            kind: Set(kind.as_str().to_owned()),
            slug: Set(slug.to_string()),
            title: Set(title.to_owned()),
            role_kind: Set(None),
            search_text: Set(search.join("\n").to_lowercase()),
            body: Set(body),
        });
        Ok(())
    }

    fn link<'a>(&mut self, from: (DocumentKind, &Slug), to: DocumentKind, targets: impl Iterator<Item = &'a Slug>) {
        for (position, target) in targets.enumerate() {
            self.links.push(content_links::ActiveModel {
                source_kind: Set(from.0.as_str().to_owned()),
                source_slug: Set(from.1.to_string()),
                target_kind: Set(to.as_str().to_owned()),
                target_slug: Set(target.to_string()),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            });
        }
    }

    fn skill(&mut self, s: &Skill) -> Result<(), PersistenceError> {
        self.document(DocumentKind::Skill, &s.slug, &s.name, &[s.slug.as_str(), &s.name, &s.description], s)
    }

    fn certification(&mut self, c: &Certification) -> Result<(), PersistenceError> {
        let search = [c.slug.as_str(), &c.name, c.full_name.as_deref().unwrap_or(""), &c.provider];
        self.document(DocumentKind::Certification, &c.slug, &c.name, &search, c)?;
        self.link((DocumentKind::Certification, &c.slug), DocumentKind::Skill, c.builds_skills.iter());
        Ok(())
    }

    fn framework(&mut self, f: &Framework) -> Result<(), PersistenceError> {
        self.document(DocumentKind::Framework, &f.slug, &f.name, &[f.slug.as_str(), &f.name], f)
    }

    /// A role is found by its title, summary line and alternate titles.
    fn role(&mut self, r: &RoleDocument) -> Result<(), PersistenceError> {
        let mut search = vec![r.title.as_str(), r.one_line.as_str()];
        search.extend(r.alternate_titles.iter().map(|a| a.title.as_str()));
        self.document(DocumentKind::Role, &r.slug, &r.title, &search, r)?;
        if let Some(row) = self.documents.last_mut() {
            row.role_kind = Set(Some(r.kind.as_str().to_owned()));
        }
        let from = (DocumentKind::Role, &r.slug);
        self.link(from, DocumentKind::Skill, r.skills.iter().map(|s| &s.skill));
        self.link(from, DocumentKind::Certification, r.certifications.iter().map(|c| &c.certification));
        self.link(from, DocumentKind::Framework, r.frameworks.iter());
        let mut backgrounds: Vec<&Slug> = Vec::new();
        for path in &r.transition_paths {
            if !backgrounds.contains(&&path.from_role) {
                backgrounds.push(&path.from_role);
            }
        }
        self.link(from, DocumentKind::Role, backgrounds.into_iter());
        Ok(())
    }
}
