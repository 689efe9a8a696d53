use async_graphql::SimpleObject;
use roledex_domain::profile::{self as domain, RoleProfile as DomainProfile};
use roledex_domain::scoring::{RankedCertification, rank_certifications, role_radar};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    Certification, CommunityLinkKind, Cost, DemandLevel, DownloadKind, FigureStatus, Framework, Importance, Money,
    PartOfDay, PayPeriod, ResourceKind, RoleSummary, SkillCategory, Source,
};

/// A whole role profile: every section of the role page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleProfile {
    pub slug: String,
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
    /// The certifications table in published rank order, with ROI.
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
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct AlternateTitle {
    pub title: String,
    pub employer: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SafetyTeam {
    pub employer: String,
    pub team: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Demand {
    pub level: DemandLevel,
    pub summary: String,
    pub regulatory_drivers: Vec<String>,
    pub hiring_industries: Vec<HiringIndustry>,
    pub salary_data_points: Vec<SalaryDataPoint>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct HiringIndustry {
    pub industry: String,
    pub employers: Vec<String>,
}

/// A published pay figure with its source; never an estimate.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SalaryDataPoint {
    pub title: String,
    pub employer: String,
    pub base: Money,
    pub period: PayPeriod,
    pub plus_equity: bool,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct DayInTheLife {
    /// True: written by the content team from the role's responsibilities, not taken from a source.
    pub editorial: bool,
    pub blocks: Vec<TimeBlock>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TimeBlock {
    pub part_of_day: PartOfDay,
    pub activity: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleSkill {
    pub slug: String,
    pub name: String,
    pub category: SkillCategory,
    pub description: String,
    pub importance: Importance,
    /// Weight used by scoring: critical 3, important 2, supporting 1.
    pub importance_weight: u32,
    /// Target proficiency for the role, 1-5.
    pub target_level: u8,
    /// True when importance and target are the content team's judgement.
    pub editorial: bool,
}

/// One axis of the skills radar.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RadarAxis {
    /// The skill category this axis draws.
    pub dimension: SkillCategory,
    /// Importance-weighted mean target level of the role's skills in the category (1.0-5.0).
    pub target_level: f64,
    pub skills: Vec<String>,
}

/// A row of the certifications table.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct CertificationRow {
    /// Rank as published for the role (1 = first).
    pub rank: u32,
    /// Why the certification matters for this role.
    pub focus: Option<String>,
    /// ROI score 0-100 (see the API description); `null` when it cannot be computed (cost not in USD).
    pub roi: Option<f64>,
    /// The role's skills this certification builds.
    pub covered_skills: Vec<String>,
    pub certification: Certification,
}

impl From<&RankedCertification> for CertificationRow {
    fn from(c: &RankedCertification) -> Self {
        Self {
            rank: c.rank,
            focus: c.focus.clone(),
            roi: c.roi.map(|r| r.points()),
            covered_skills: c.covered_skills.iter().map(|s| s.to_string()).collect(),
            certification: Certification::from(&c.certification),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct LearningResource {
    pub kind: ResourceKind,
    pub title: String,
    pub provider: String,
    pub url: String,
    pub cost: Option<Cost>,
    /// `true` free, `false` paid, `null` not known.
    pub free: Option<bool>,
    pub builds_skills: Vec<String>,
    pub editorial: bool,
}

/// The career pathway navigator: ways in, and the ladder up with its compensation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct CareerPaths {
    pub transition_paths: Vec<TransitionPath>,
    pub ladder: Vec<LadderLevel>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TransitionPath {
    pub from_role: RoleSummaryRef,
    pub fit: String,
    pub transferable_skills: Vec<String>,
    pub skills_to_add: Vec<SkillToAdd>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleSummaryRef {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SkillToAdd {
    pub skill: String,
    pub name: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct LadderLevel {
    /// 1 is the first step up from the role.
    pub step: u32,
    pub title: String,
    pub scope: String,
    pub growth: Vec<String>,
    pub note: Option<String>,
    pub compensation: Compensation,
}

/// Pay for a ladder level: `known` with a sourced band, or `unknown` when no
/// source gives a figure (nothing is estimated).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Compensation {
    pub status: FigureStatus,
    pub min: Option<Money>,
    pub max: Option<Money>,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct InterviewQuestion {
    pub question: String,
    /// What the interviewer learns from the answer.
    pub tests: String,
    pub key_points: Vec<String>,
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QualificationCard {
    pub key: String,
    pub title: String,
    /// The statement the learner rates themself against, 1-5.
    pub prompt: String,
    pub skill: Option<String>,
    /// True: written by the content team, not taken from a source.
    pub editorial: bool,
}

/// A knowledge-check question as a learner sees it: no answer key.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QuizQuestion {
    pub key: String,
    pub prompt: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Download {
    pub key: String,
    pub kind: DownloadKind,
    pub title: String,
    pub description: String,
    pub media_type: String,
    /// Path of the document on this service.
    pub href: String,
    pub editorial: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct CommunityLink {
    pub name: String,
    pub kind: CommunityLinkKind,
    pub url: String,
    pub description: String,
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
                .map(|q| QuizQuestion { key: q.key.to_string(), prompt: q.prompt.clone(), options: q.options.clone() })
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
            slug,
        }
    }
}

impl From<&DomainProfile> for RoleSummary {
    fn from(p: &DomainProfile) -> Self {
        RoleSummary::from(&p.summary())
    }
}

fn demand(d: &domain::Demand) -> Demand {
    Demand {
        level: d.level.into(),
        summary: d.summary.clone(),
        regulatory_drivers: d.regulatory_drivers.clone(),
        hiring_industries: d
            .hiring_industries
            .iter()
            .map(|h| HiringIndustry { industry: h.industry.clone(), employers: h.employers.clone() })
            .collect(),
        salary_data_points: d
            .salary_data_points
            .iter()
            .map(|s| SalaryDataPoint {
                title: s.title.clone(),
                employer: s.employer.clone(),
                base: Money::from(s.base),
                period: s.period.into(),
                plus_equity: s.plus_equity,
                source: Source::from(&s.source),
            })
            .collect(),
    }
}

fn role_skill(s: &domain::ProfileSkill) -> RoleSkill {
    RoleSkill {
        slug: s.skill.slug.to_string(),
        name: s.skill.name.clone(),
        category: s.skill.category.into(),
        description: s.skill.description.clone(),
        importance: s.importance.into(),
        importance_weight: s.importance.weight(),
        target_level: s.target_level.get(),
        editorial: s.editorial,
    }
}

pub(super) fn learning_resource(r: &domain::LearningResource) -> LearningResource {
    LearningResource {
        kind: r.kind.into(),
        title: r.title.clone(),
        provider: r.provider.clone(),
        url: r.url.to_string(),
        cost: r.cost.as_ref().map(Cost::from),
        free: r.free,
        builds_skills: r.builds_skills.iter().map(|s| s.to_string()).collect(),
        editorial: r.editorial,
    }
}

pub fn career_paths(p: &DomainProfile) -> CareerPaths {
    CareerPaths {
        transition_paths: p
            .document
            .transition_paths
            .iter()
            .map(|t| TransitionPath {
                from_role: RoleSummaryRef {
                    slug: t.from_role.to_string(),
                    title: p.background_title(&t.from_role).unwrap_or_default().to_owned(),
                },
                fit: t.fit.clone(),
                transferable_skills: t.transferable_skills.clone(),
                skills_to_add: t
                    .skills_to_add
                    .iter()
                    .map(|a| SkillToAdd {
                        skill: a.skill.to_string(),
                        name: p.skill(&a.skill).map(|s| s.skill.name.clone()),
                        detail: a.detail.clone(),
                    })
                    .collect(),
            })
            .collect(),
        ladder: p
            .document
            .ladder
            .iter()
            .enumerate()
            .map(|(i, l)| LadderLevel {
                step: i as u32 + 1,
                title: l.title.clone(),
                scope: l.scope.clone(),
                growth: l.growth.clone(),
                note: l.note.clone(),
                compensation: match &l.compensation {
                    Some(band) => Compensation {
                        status: FigureStatus::Known,
                        min: Some(Money::from(band.min)),
                        max: Some(Money::from(band.max)),
                        source: Some(Source::from(&band.source)),
                    },
                    None => Compensation { status: FigureStatus::Unknown, min: None, max: None, source: None },
                },
            })
            .collect(),
    }
}
