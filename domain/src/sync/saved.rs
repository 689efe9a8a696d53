//! Saved items: a learner's bookmarks of roles, certifications and learning
//! resources.

use crate::values::{HttpUrl, Slug, ValueError};

/// The longest note a saved item keeps, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SavedKind {
    Role,
    Certification,
    /// A learning resource, named by its address.
    Resource,
}

impl SavedKind {
    pub const ALL: [SavedKind; 3] = [Self::Role, Self::Certification, Self::Resource];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Role => "role",
            Self::Certification => "certification",
            Self::Resource => "resource",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// What a saved item points at: a role or certification slug, or a
/// resource's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedTarget {
    pub kind: SavedKind,
    target: String,
}

impl SavedTarget {
    pub fn parse(kind: SavedKind, raw: &str) -> Result<Self, ValueError> {
        let target = match kind {
            SavedKind::Role | SavedKind::Certification => Slug::parse(raw)?.to_string(),
            SavedKind::Resource => HttpUrl::parse(raw)?.to_string(),
        };
        Ok(Self { kind, target })
    }

    pub fn target(&self) -> &str {
        &self.target
    }
}

/// A note as kept: trimmed, empty means none, at most [`MAX_NOTE_CHARS`].
pub fn note(raw: Option<&str>) -> Result<Option<String>, ValueError> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(ValueError(format!("a note holds at most {MAX_NOTE_CHARS} characters")));
    }
    Ok(Some(text.to_owned()))
}
