use serde::{Deserialize, Serialize};

use super::{Certification, Framework, Importance, RoleDocument, RoleKind, Skill};

impl RoleDocument {
    pub fn summary(&self) -> RoleSummary {
        RoleSummary {
            slug: self.slug.clone(),
            kind: self.kind,
            title: self.title.clone(),
            one_line: self.one_line.clone(),
        }
    }
}
use crate::values::{SkillLevel, Slug};

/// The short form of a role used in lists and search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    pub slug: Slug,
    pub kind: RoleKind,
    pub title: String,
    pub one_line: String,
}

/// A role with every reference resolved: the skills, certifications,
/// frameworks and background roles its document names, as one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleProfile {
    pub document: RoleDocument,
    pub skills: Vec<ProfileSkill>,
    pub certifications: Vec<ProfileCertification>,
    pub frameworks: Vec<Framework>,
    /// Titles of the background roles the transition paths start from, by slug.
    pub background_titles: Vec<(Slug, String)>,
    /// For an outline profile (a background role): the full profiles it leads
    /// into, with what a learner brings and what to add. Empty for full profiles.
    #[serde(default)]
    pub leads_to: Vec<Onward>,
}

/// A way from an outline (background) role into a full profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Onward {
    pub role: RoleSummary,
    pub fit: String,
    /// What a learner from the background already brings.
    pub transferable_skills: Vec<String>,
    /// What to add, each with the skill's name.
    pub skills_to_add: Vec<(super::SkillToAdd, String)>,
}

/// A role that needs a given skill, with how much and at what level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleNeed {
    pub role: RoleSummary,
    pub importance: Importance,
    pub target_level: SkillLevel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSkill {
    pub skill: Skill,
    pub importance: Importance,
    pub target_level: SkillLevel,
    pub editorial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileCertification {
    pub certification: Certification,
    pub rank: u32,
    pub focus: Option<String>,
}

impl RoleProfile {
    pub fn summary(&self) -> RoleSummary {
        self.document.summary()
    }

    pub fn background_title(&self, slug: &Slug) -> Option<&str> {
        self.background_titles.iter().find(|(s, _)| s == slug).map(|(_, t)| t.as_str())
    }

    pub fn skill(&self, slug: &Slug) -> Option<&ProfileSkill> {
        self.skills.iter().find(|s| &s.skill.slug == slug)
    }
}
