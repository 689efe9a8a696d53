//! The whole role profile as clients see it, built from the domain's `RoleProfile`.

mod convert;
mod sections;

use async_graphql::SimpleObject;
use roledex_domain::profile::RoleProfile as DomainProfile;
use roledex_domain::scoring::{rank_certifications, role_radar};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    Certification, CommunityLinkKind, Completeness, Cost, DemandLevel, DownloadKind, FigureStatus, Framework,
    Importance, Money, PartOfDay, PayPeriod, ResourceKind, RoleSummary, SkillCategory, Source,
};

pub use convert::{career_paths, learning_resource};
use convert::{demand, role_skill};
pub use sections::*;

/// A whole role profile: every section of the role page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleProfile {
    pub slug: String,
    /// `full`: every section. `outline`: a background role, with its overview, responsibilities and
    /// `leads_to`; the other sections are empty.
    pub completeness: Completeness,
    pub title: String,
    pub one_line: String,
    pub summary: String,
    pub alternate_titles: Vec<AlternateTitle>,
    pub responsibilities: Vec<String>,
    pub safety_teams: Vec<SafetyTeam>,
    /// Demand intelligence; `null` when the pack has none for the role.
    pub demand: Option<Demand>,
    pub day_in_the_life: Option<DayInTheLife>,
    pub skills: Vec<RoleSkill>,
    pub skills_radar: Vec<RadarAxis>,
    /// The certifications table in published rank order, with Roledex's computed value score.
    pub certifications: Vec<CertificationRow>,
    pub learning_resources: Vec<LearningResource>,
    pub career_paths: CareerPaths,
    pub interview_questions: Vec<InterviewQuestion>,
    /// The qualification checker: exactly ten cards.
    pub qualification_cards: Vec<QualificationCard>,
    /// Knowledge-check questions, without the answer key.
    pub knowledge_check: Vec<QuizQuestion>,
    pub downloads: Vec<Download>,
    pub community_links: Vec<CommunityLink>,
    pub frameworks: Vec<Framework>,
    /// For an outline profile: the full profiles it leads into, with what a learner brings and
    /// what to add. Empty for a full profile (its ways in are `career_paths.transition_paths`).
    pub leads_to: Vec<OnwardPath>,
}

impl From<&DomainProfile> for RoleProfile {
    fn from(p: &DomainProfile) -> Self {
        let doc = &p.document;
        let slug = doc.slug.to_string();
        Self {
            title: doc.title.clone(),
            one_line: doc.one_line.clone(),
            summary: doc.summary.clone(),
            alternate_titles: doc
                .alternate_titles
                .iter()
                .map(|a| AlternateTitle { title: a.title.clone(), employer: a.employer.clone() })
                .collect(),
            responsibilities: doc.responsibilities.clone(),
            safety_teams: doc
                .safety_teams
                .iter()
                .map(|t| SafetyTeam { employer: t.employer.clone(), team: t.team.clone() })
                .collect(),
            demand: doc.demand.as_ref().map(demand),
            day_in_the_life: doc.day_in_the_life.as_ref().map(|d| DayInTheLife {
                editorial: d.editorial,
                blocks: d
                    .blocks
                    .iter()
                    .map(|b| TimeBlock {
                        part_of_day: b.part_of_day.into(),
                        activity: b.activity.clone(),
                        detail: b.detail.clone(),
                    })
                    .collect(),
            }),
            skills: p.skills.iter().map(role_skill).collect(),
            skills_radar: role_radar(&p.skills)
                .into_iter()
                .map(|a| RadarAxis {
                    dimension: a.dimension.into(),
                    target_level: a.target_level,
                    skills: a.skills.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
            certifications: rank_certifications(p).iter().map(CertificationRow::from).collect(),
            learning_resources: doc.learning_resources.iter().map(learning_resource).collect(),
            career_paths: career_paths(p),
            interview_questions: doc
                .interview_questions
                .iter()
                .map(|q| InterviewQuestion {
                    question: q.question.clone(),
                    tests: q.tests.clone(),
                    key_points: q.key_points.clone(),
                    skills: q.skills.iter().map(|s| s.to_string()).collect(),
                    taxonomy_items: crate::dto::TaxonomyItemRef::list(&q.taxonomy_items),
                })
                .collect(),
            qualification_cards: doc
                .qualification_cards
                .iter()
                .map(|c| QualificationCard {
                    key: c.key.to_string(),
                    title: c.title.clone(),
                    prompt: c.prompt.clone(),
                    skill: c.skill.as_ref().map(|s| s.to_string()),
                    editorial: c.editorial,
                })
                .collect(),
            knowledge_check: doc
                .knowledge_check
                .iter()
                .map(|q| QuizQuestion {
                    key: q.key.to_string(),
                    prompt: q.prompt.clone(),
                    options: q.options.clone(),
                    skills: q.skills.iter().map(|s| s.to_string()).collect(),
                    taxonomy_items: crate::dto::TaxonomyItemRef::list(&q.taxonomy_items),
                })
                .collect(),
            downloads: doc
                .downloads
                .iter()
                .map(|d| Download {
                    key: d.key.to_string(),
                    kind: d.kind.into(),
                    title: d.title.clone(),
                    description: d.description.clone(),
                    media_type: "text/markdown".into(),
                    href: format!("/api/v1/roles/{slug}/downloads/{}", d.key),
                    editorial: d.editorial,
                })
                .collect(),
            community_links: doc
                .community_links
                .iter()
                .map(|l| CommunityLink {
                    name: l.name.clone(),
                    kind: l.kind.into(),
                    url: l.url.to_string(),
                    description: l.description.clone(),
                })
                .collect(),
            frameworks: p.frameworks.iter().map(Framework::from).collect(),
            completeness: doc.kind.into(),
            leads_to: p
                .leads_to
                .iter()
                .map(|o| OnwardPath {
                    to_role: RoleSummaryRef { slug: o.role.slug.to_string(), title: o.role.title.clone() },
                    fit: o.fit.clone(),
                    transferable_skills: o.transferable_skills.clone(),
                    skills_to_add: o
                        .skills_to_add
                        .iter()
                        .map(|(add, name)| SkillToAdd {
                            skill: add.skill.to_string(),
                            name: Some(name.clone()),
                            detail: add.detail.clone(),
                        })
                        .collect(),
                })
                .collect(),
            slug,
        }
    }
}

impl From<&DomainProfile> for RoleSummary {
    fn from(p: &DomainProfile) -> Self {
        RoleSummary::from(&p.summary())
    }
}
