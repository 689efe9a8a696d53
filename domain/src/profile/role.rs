use serde::{Deserialize, Serialize};

use super::{
    CommunityLink, Demand, Download, Importance, InterviewQuestion, LadderLevel, LearningResource, QualificationCard,
    QuizQuestion, RoleCertification, TransitionPath,
};
use crate::values::{SkillLevel, Slug};

/// A role as the content pack writes it: every section, with skills,
/// certifications, frameworks and background roles referenced by slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDocument {
    pub slug: Slug,
    #[serde(default)]
    pub kind: RoleKind,
    pub title: String,
    pub one_line: String,
    pub summary: String,
    #[serde(default)]
    pub alternate_titles: Vec<AlternateTitle>,
    #[serde(default)]
    pub responsibilities: Vec<String>,
    #[serde(default)]
    pub safety_teams: Vec<SafetyTeam>,
    #[serde(default)]
    pub demand: Option<Demand>,
    #[serde(default)]
    pub day_in_the_life: Option<DayInTheLife>,
    #[serde(default)]
    pub skills: Vec<RoleSkill>,
    #[serde(default)]
    pub certifications: Vec<RoleCertification>,
    #[serde(default)]
    pub learning_resources: Vec<LearningResource>,
    #[serde(default)]
    pub transition_paths: Vec<TransitionPath>,
    #[serde(default)]
    pub ladder: Vec<LadderLevel>,
    #[serde(default)]
    pub interview_questions: Vec<InterviewQuestion>,
    #[serde(default)]
    pub qualification_cards: Vec<QualificationCard>,
    #[serde(default)]
    pub knowledge_check: Vec<QuizQuestion>,
    #[serde(default)]
    pub downloads: Vec<Download>,
    #[serde(default)]
    pub community_links: Vec<CommunityLink>,
    #[serde(default)]
    pub frameworks: Vec<Slug>,
    /// The occupation in a published classification, when the pack names one.
    #[serde(default)]
    pub occupational_category: Option<OccupationalCategory>,
}

/// An occupation code from a published classification (such as the US 2018
/// Standard Occupational Classification), as schema.org's
/// `occupationalCategory` takes it. Choosing the closest code is the pack's
/// editorial judgment; the code and its title are the classification's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OccupationalCategory {
    pub code: String,
    /// The classification's title for the code.
    pub name: String,
    /// The classification, as its publisher names it.
    pub classification: String,
    #[serde(default)]
    pub editorial: bool,
}

impl RoleDocument {
    /// A role with its identity and summary and every section empty.
    pub fn new(slug: Slug, kind: RoleKind, title: &str, one_line: &str, summary: &str) -> Self {
        Self {
            slug,
            kind,
            title: title.to_owned(),
            one_line: one_line.to_owned(),
            summary: summary.to_owned(),
            alternate_titles: Vec::new(),
            responsibilities: Vec::new(),
            safety_teams: Vec::new(),
            demand: None,
            day_in_the_life: None,
            skills: Vec::new(),
            certifications: Vec::new(),
            learning_resources: Vec::new(),
            transition_paths: Vec::new(),
            ladder: Vec::new(),
            interview_questions: Vec::new(),
            qualification_cards: Vec::new(),
            knowledge_check: Vec::new(),
            downloads: Vec::new(),
            community_links: Vec::new(),
            frameworks: Vec::new(),
            occupational_category: None,
        }
    }
}

/// A full profile is served with every section; a background role is the
/// short description of where a transition path starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    #[default]
    Profile,
    Background,
}

impl RoleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Profile => "profile",
            Self::Background => "background",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Profile, Self::Background].into_iter().find(|k| k.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternateTitle {
    pub title: String,
    #[serde(default)]
    pub employer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyTeam {
    pub employer: String,
    pub team: String,
}

/// A typical working day. The sources give no schedule, so the pack writes it
/// from the role's responsibilities and marks it editorial; blocks name a part
/// of the day rather than a clock time, which no source states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayInTheLife {
    pub editorial: bool,
    pub blocks: Vec<TimeBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeBlock {
    pub part_of_day: PartOfDay,
    pub activity: String,
    #[serde(default)]
    pub detail: Option<String>,
}

/// A skill as a role needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSkill {
    pub skill: Slug,
    pub importance: Importance,
    pub target_level: SkillLevel,
    /// True when importance and target are the pack's judgement, not a source's.
    pub editorial: bool,
}

/// The parts of a working day, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    StartOfDay,
    Morning,
    LateMorning,
    Midday,
    EarlyAfternoon,
    Afternoon,
    LateAfternoon,
    EndOfDay,
}

impl PartOfDay {
    pub const ALL: [PartOfDay; 8] = [
        Self::StartOfDay,
        Self::Morning,
        Self::LateMorning,
        Self::Midday,
        Self::EarlyAfternoon,
        Self::Afternoon,
        Self::LateAfternoon,
        Self::EndOfDay,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::StartOfDay => "start_of_day",
            Self::Morning => "morning",
            Self::LateMorning => "late_morning",
            Self::Midday => "midday",
            Self::EarlyAfternoon => "early_afternoon",
            Self::Afternoon => "afternoon",
            Self::LateAfternoon => "late_afternoon",
            Self::EndOfDay => "end_of_day",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }
}
