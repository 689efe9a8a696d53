use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use roledex_domain::pack::{ContentPack, DocumentRef};
use roledex_domain::profile::{Certification, Framework, RoleDocument, Skill};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

/// One problem in a pack: the file, the field path inside it and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackProblem {
    pub file: PathBuf,
    pub path: String,
    pub message: String,
}

impl fmt::Display for PackProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}: {}: {}", self.file.display(), self.path, self.message)
        }
    }
}

/// A pack read from disk and found valid, with the hash of its files.
#[derive(Debug, Clone)]
pub struct ReadPack {
    pub pack: ContentPack,
    /// SHA-256 over every file's relative path and bytes, in path order.
    pub content_hash: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillsFile {
    skills: Vec<Skill>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificationsFile {
    certifications: Vec<Certification>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworksFile {
    frameworks: Vec<Framework>,
}

/// Reads and validates the pack in `dir`. Returns every problem found, each
/// with its file and field path, or the valid pack.
pub fn read_pack(dir: &Path) -> Result<ReadPack, Vec<PackProblem>> {
    let mut problems = Vec::new();
    let mut hasher = Sha256::new();
    let mut pack = ContentPack::default();

    let mut file = |name: &str, problems: &mut Vec<PackProblem>| -> Option<String> {
        read_text(dir, Path::new(name), &mut hasher, problems)
    };
    let skills_text = file("skills.toml", &mut problems);
    let certs_text = file("certifications.toml", &mut problems);
    let frameworks_text = file("frameworks.toml", &mut problems);
    if let Some(f) = skills_text.and_then(|t| parse::<SkillsFile>(&dir.join("skills.toml"), &t, &mut problems)) {
        pack.skills = f.skills;
    }
    if let Some(f) =
        certs_text.and_then(|t| parse::<CertificationsFile>(&dir.join("certifications.toml"), &t, &mut problems))
    {
        pack.certifications = f.certifications;
    }
    if let Some(f) =
        frameworks_text.and_then(|t| parse::<FrameworksFile>(&dir.join("frameworks.toml"), &t, &mut problems))
    {
        pack.frameworks = f.frameworks;
    }

    let mut role_files = BTreeMap::new();
    for relative in role_paths(dir, &mut problems) {
        let full = dir.join(&relative);
        let Some(text) = read_text(dir, &relative, &mut hasher, &mut problems) else { continue };
        if let Some(role) = parse::<RoleDocument>(&full, &text, &mut problems) {
            let expected = format!("{}.toml", role.slug);
            if relative.file_name().is_some_and(|n| n != expected.as_str()) {
                problems.push(PackProblem {
                    file: full.clone(),
                    path: "slug".into(),
                    message: format!("a role file is named after its slug: rename the file to {expected}"),
                });
            }
            role_files.insert(role.slug.clone(), full);
            pack.roles.push(role);
        }
    }
    if pack.roles.is_empty() && problems.is_empty() {
        problems.push(PackProblem {
            file: dir.join("roles"),
            path: String::new(),
            message: "the pack has no roles: add at least one roles/<slug>.toml".into(),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let issues = pack.validate();
    if !issues.is_empty() {
        return Err(issues
            .into_iter()
            .map(|issue| PackProblem {
                file: match &issue.document {
                    DocumentRef::Skills => dir.join("skills.toml"),
                    DocumentRef::Certifications => dir.join("certifications.toml"),
                    DocumentRef::Frameworks => dir.join("frameworks.toml"),
                    DocumentRef::Role(slug) => {
                        role_files.get(slug).cloned().unwrap_or_else(|| dir.join("roles").join(format!("{slug}.toml")))
                    }
                },
                path: issue.path,
                message: issue.message,
            })
            .collect());
    }
    Ok(ReadPack { pack, content_hash: hex::encode(hasher.finalize()) })
}

fn role_paths(dir: &Path, problems: &mut Vec<PackProblem>) -> Vec<PathBuf> {
    let roles = dir.join("roles");
    match std::fs::read_dir(&roles) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .filter_map(|p| p.file_name().map(|n| Path::new("roles").join(n)))
                .collect();
            paths.sort();
            paths
        }
        Err(err) => {
            problems.push(PackProblem { file: roles, path: String::new(), message: format!("cannot read: {err}") });
            Vec::new()
        }
    }
}

fn read_text(dir: &Path, relative: &Path, hasher: &mut Sha256, problems: &mut Vec<PackProblem>) -> Option<String> {
    let full = dir.join(relative);
    match std::fs::read_to_string(&full) {
        Ok(text) => {
            // Length-prefixing keeps two different packs from hashing alike.
            let name = relative.to_string_lossy();
            hasher.update((name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update((text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
            Some(text)
        }
        Err(err) => {
            problems.push(PackProblem { file: full, path: String::new(), message: format!("cannot read: {err}") });
            None
        }
    }
}

fn parse<T: DeserializeOwned>(file: &Path, text: &str, problems: &mut Vec<PackProblem>) -> Option<T> {
    let located = |offset: Option<std::ops::Range<usize>>, message: &str| match offset {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("{message} (line {line})")
        }
        None => message.to_owned(),
    };
    let deserializer = match toml::Deserializer::parse(text) {
        Ok(d) => d,
        Err(err) => {
            problems.push(PackProblem {
                file: file.to_owned(),
                path: String::new(),
                message: located(err.span(), &format!("invalid TOML: {}", err.message())),
            });
            return None;
        }
    };
    match serde_path_to_error::deserialize(deserializer) {
        Ok(value) => Some(value),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            problems.push(PackProblem {
                file: file.to_owned(),
                path: if path == "." { String::new() } else { path },
                message: located(inner.span(), inner.message()),
            });
            None
        }
    }
}
