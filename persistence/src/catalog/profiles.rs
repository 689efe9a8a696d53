//! Whole profiles in a fixed number of statements: the requested role
//! documents in one query, then every document they reference (skills,
//! certifications, frameworks, background roles, and for an outline profile
//! the full profiles it leads into, through `content_links`) in a second.
//! Outline profiles take a third, for the names of the skills those paths
//! add. The count depends on neither the number of roles nor their size.

use std::collections::{BTreeSet, HashMap};

use roledex_domain::profile::*;
use roledex_domain::values::Slug;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use super::{corrupt, parse};
use crate::PersistenceError;
use crate::content::DocumentKind;
use crate::entities::{content_documents, content_links};

/// The documents a set of roles refers to, by kind.
#[derive(Default)]
struct References {
    skills: BTreeSet<String>,
    certifications: BTreeSet<String>,
    frameworks: BTreeSet<String>,
    backgrounds: BTreeSet<String>,
    /// Outline profiles asked for: the full profiles leading from them are loaded too.
    outlines: BTreeSet<String>,
}

impl References {
    fn of(roles: &[RoleDocument]) -> Self {
        let mut refs = Self::default();
        for role in roles {
            refs.skills.extend(role.skills.iter().map(|s| s.skill.to_string()));
            refs.certifications.extend(role.certifications.iter().map(|c| c.certification.to_string()));
            refs.frameworks.extend(role.frameworks.iter().map(Slug::to_string));
            refs.backgrounds.extend(role.transition_paths.iter().map(|p| p.from_role.to_string()));
            if role.kind == RoleKind::Background {
                refs.outlines.insert(role.slug.to_string());
            }
        }
        refs
    }

    fn condition(&self) -> Option<Condition> {
        let mut any = Condition::any();
        let mut empty = true;
        for (kind, slugs) in [
            (DocumentKind::Skill, &self.skills),
            (DocumentKind::Certification, &self.certifications),
            (DocumentKind::Framework, &self.frameworks),
            (DocumentKind::Role, &self.backgrounds),
        ] {
            if !slugs.is_empty() {
                empty = false;
                any = any.add(
                    Condition::all()
                        .add(content_documents::Column::Kind.eq(kind.as_str()))
                        .add(content_documents::Column::Slug.is_in(slugs.iter().cloned())),
                );
            }
        }
        if !self.outlines.is_empty() {
            empty = false;
            let leading = Query::select()
                .column(content_links::Column::SourceSlug)
                .from(content_links::Entity)
                .and_where(content_links::Column::SourceKind.eq(DocumentKind::Role.as_str()))
                .and_where(content_links::Column::TargetKind.eq(DocumentKind::Role.as_str()))
                .and_where(content_links::Column::TargetSlug.is_in(self.outlines.iter().cloned()))
                .to_owned();
            any = any.add(
                Condition::all()
                    .add(content_documents::Column::Kind.eq(DocumentKind::Role.as_str()))
                    .add(content_documents::Column::RoleKind.eq(RoleKind::Profile.as_str()))
                    .add(content_documents::Column::Slug.in_subquery(leading)),
            );
        }
        (!empty).then_some(any)
    }
}

/// Referenced documents, parsed, by slug.
#[derive(Default)]
struct Referenced {
    skills: HashMap<String, Skill>,
    certifications: HashMap<String, Certification>,
    frameworks: HashMap<String, Framework>,
    role_titles: HashMap<String, String>,
    /// Full profiles that lead from an outline profile asked for.
    leading_roles: Vec<RoleDocument>,
}

impl Referenced {
    fn add(&mut self, row: content_documents::Model) -> Result<(), PersistenceError> {
        match row.kind.as_str() {
            "skill" => drop(self.skills.insert(row.slug, parse(&row.body)?)),
            "certification" => drop(self.certifications.insert(row.slug, parse(&row.body)?)),
            "framework" => drop(self.frameworks.insert(row.slug, parse(&row.body)?)),
            "role" if row.role_kind.as_deref() == Some(RoleKind::Profile.as_str()) => {
                self.leading_roles.push(parse(&row.body)?)
            }
            "role" => drop(self.role_titles.insert(row.slug, row.title)),
            other => return Err(corrupt(format!("unknown document kind `{other}`"))),
        }
        Ok(())
    }

    fn resolve(&self, document: RoleDocument) -> Result<RoleProfile, PersistenceError> {
        let missing =
            |what: &str, slug: &Slug| corrupt(format!("role `{}` refers to a missing {what} `{slug}`", document.slug));
        let mut skills = Vec::with_capacity(document.skills.len());
        for s in &document.skills {
            let skill = self.skills.get(s.skill.as_str()).ok_or_else(|| missing("skill", &s.skill))?;
            skills.push(ProfileSkill {
                skill: skill.clone(),
                importance: s.importance,
                target_level: s.target_level,
                editorial: s.editorial,
            });
        }
        let mut certifications = Vec::with_capacity(document.certifications.len());
        for c in &document.certifications {
            let certification = self
                .certifications
                .get(c.certification.as_str())
                .ok_or_else(|| missing("certification", &c.certification))?;
            certifications.push(ProfileCertification {
                certification: certification.clone(),
                rank: c.rank,
                focus: c.focus.clone(),
            });
        }
        certifications.sort_by_key(|c| c.rank);
        let mut frameworks = Vec::with_capacity(document.frameworks.len());
        for slug in &document.frameworks {
            frameworks.push(self.frameworks.get(slug.as_str()).cloned().ok_or_else(|| missing("framework", slug))?);
        }
        let mut background_titles: Vec<(Slug, String)> = Vec::new();
        for path in &document.transition_paths {
            if !background_titles.iter().any(|(s, _)| s == &path.from_role) {
                let title =
                    self.role_titles.get(path.from_role.as_str()).ok_or_else(|| missing("role", &path.from_role))?;
                background_titles.push((path.from_role.clone(), title.clone()));
            }
        }
        let leads_to = if document.kind == RoleKind::Background { self.onward(&document.slug) } else { Vec::new() };
        Ok(RoleProfile { document, skills, certifications, frameworks, background_titles, leads_to })
    }

    /// The paths from `background` into the full profiles that list it, by title.
    fn onward(&self, background: &Slug) -> Vec<Onward> {
        let mut onward: Vec<Onward> = self
            .leading_roles
            .iter()
            .flat_map(|role| {
                role.transition_paths.iter().filter(|p| &p.from_role == background).map(move |path| Onward {
                    role: role.summary(),
                    fit: path.fit.clone(),
                    transferable_skills: path.transferable_skills.clone(),
                    skills_to_add: path
                        .skills_to_add
                        .iter()
                        .map(|add| {
                            let name = self
                                .skills
                                .get(add.skill.as_str())
                                .map_or_else(|| add.skill.to_string(), |s| s.name.clone());
                            (add.clone(), name)
                        })
                        .collect(),
                })
            })
            .collect();
        onward.sort_by(|a, b| a.role.title.cmp(&b.role.title));
        onward
    }

    /// Skills the onward paths add that are not loaded yet.
    fn missing_onward_skills(&self) -> BTreeSet<String> {
        self.leading_roles
            .iter()
            .flat_map(|r| r.transition_paths.iter().flat_map(|p| p.skills_to_add.iter()))
            .map(|add| add.skill.to_string())
            .filter(|slug| !self.skills.contains_key(slug))
            .collect()
    }
}

pub(super) async fn load_profiles<C: ConnectionTrait>(
    db: &C,
    slugs: &[Slug],
) -> Result<Vec<RoleProfile>, PersistenceError> {
    let role_rows = content_documents::Entity::find()
        .filter(content_documents::Column::Kind.eq(DocumentKind::Role.as_str()))
        .filter(content_documents::Column::Slug.is_in(slugs.iter().map(|s| s.as_str().to_owned())))
        .all(db)
        .await?;
    let documents: Vec<RoleDocument> = role_rows.iter().map(|r| parse(&r.body)).collect::<Result<_, _>>()?;
    let mut referenced = Referenced::default();
    if let Some(condition) = References::of(&documents).condition() {
        for row in content_documents::Entity::find().filter(condition).all(db).await? {
            referenced.add(row)?;
        }
    }
    let onward_skills = referenced.missing_onward_skills();
    if !onward_skills.is_empty() {
        let rows = content_documents::Entity::find()
            .filter(content_documents::Column::Kind.eq(DocumentKind::Skill.as_str()))
            .filter(content_documents::Column::Slug.is_in(onward_skills))
            .all(db)
            .await?;
        for row in rows {
            referenced.add(row)?;
        }
    }
    let mut profiles = documents.into_iter().map(|d| referenced.resolve(d)).collect::<Result<Vec<_>, _>>()?;
    // Answer in the order asked.
    profiles.sort_by_key(|p| slugs.iter().position(|s| s == &p.document.slug));
    Ok(profiles)
}
