use serde::{Deserialize, Serialize};

use crate::values::{HttpUrl, Slug};

/// A document the service serves itself (Markdown), written for the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Download {
    pub key: Slug,
    pub kind: DownloadKind,
    pub title: String,
    pub description: String,
    /// Markdown body, served as `text/markdown`.
    pub body: String,
    pub editorial: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DownloadKind {
    Template,
    StudyGuide,
    Checklist,
}

impl DownloadKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Template => "template",
            Self::StudyGuide => "study_guide",
            Self::Checklist => "checklist",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Template, Self::StudyGuide, Self::Checklist].into_iter().find(|k| k.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityLink {
    pub name: String,
    pub kind: CommunityLinkKind,
    pub url: HttpUrl,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommunityLinkKind {
    Project,
    Organization,
    Forum,
    Publication,
}

impl CommunityLinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Organization => "organization",
            Self::Forum => "forum",
            Self::Publication => "publication",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Project, Self::Organization, Self::Forum, Self::Publication].into_iter().find(|k| k.as_str() == raw)
    }
}
