//! The sections of a role profile. Field names are the content pack's and the
//! API's vocabulary; each type is what one section of the profile page shows.

mod assembled;
mod career;
mod catalog;
mod certification;
mod community;
mod demand;
mod interview;
mod learning;
mod quiz;
mod role;
mod source;

pub use assembled::{Onward, ProfileCertification, ProfileSkill, RoleNeed, RoleProfile, RoleSummary};
pub use career::{CompensationBand, LadderLevel, SkillToAdd, TransitionPath};
pub use catalog::{Framework, FrameworkFact, Importance, Skill, SkillCategory};
pub use certification::{Certification, Cost, ExamFormat, QuestionCount, RoleCertification};
pub use community::{CommunityLink, CommunityLinkKind, Download, DownloadKind};
pub use demand::{Demand, DemandLevel, HiringIndustry, PayPeriod, SalaryDataPoint};
pub use interview::{InterviewQuestion, QualificationCard};
pub use learning::{LearningResource, ResourceKind};
pub use quiz::QuizQuestion;
pub use role::{
    AlternateTitle, DayInTheLife, OccupationalCategory, PartOfDay, RoleDocument, RoleKind, RoleSkill, SafetyTeam,
    TimeBlock,
};
pub use source::Source;
