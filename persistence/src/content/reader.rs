use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use roledex_domain::pack::{ContentPack, DocumentRef};
use roledex_domain::profile::{Certification, Framework, RoleDocument, Skill};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::taxonomy::{ImportError, ImportedTaxonomy, import_file};
use roledex_domain::taxonomy::TaxonomyKind;

/// One problem in a pack: the file, the line, the field path inside it and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackProblem {
    pub file: PathBuf,
    /// 1-based, where the problem's value (or the TOML error) is.
    pub line: Option<usize>,
    pub path: String,
    pub message: String,
}

/// `file:line: path: message`, as compilers print, so editors can jump to it.
impl fmt::Display for PackProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line of the value at a field path such as `skills[3].target_level`,
/// or of the nearest enclosing value the file has (a missing field points
/// at its table).
fn line_of(text: &str, path: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let document = DeTable::parse(text).ok()?;
    let mut span = document.span();
    let mut value: Option<&DeValue<'_>> = None;
    let mut table = Some(document.get_ref());
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (key, indexes) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        if !key.is_empty() {
            let Some((_, found)) = table.and_then(|t| t.iter().find(|(k, _)| k.get_ref().as_ref() == key)) else {
                break;
            };
            span = found.span();
            value = Some(found.get_ref());
        }
        for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            let item = match (value, index.parse::<usize>()) {
                (Some(DeValue::Array(items)), Ok(i)) => items.get(i),
                _ => None,
            };
            let Some(item) = item else { return Some(line_at(text, span.start)) };
            span = item.span();
            value = Some(item.get_ref());
        }
        table = match value {
            Some(DeValue::Table(t)) => Some(t),
            _ => None,
        };
    }
    Some(line_at(text, span.start))
}

/// A pack read from disk and found valid, with the hash of its files.
#[derive(Debug, Clone)]
pub struct ReadPack {
    pub pack: ContentPack,
    /// SHA-256 over every file's relative path and bytes, in path order,
    /// the taxonomy releases included.
    pub content_hash: String,
    /// SHA-256 of each imported taxonomy file, by taxonomy.
    pub taxonomy_hashes: BTreeMap<TaxonomyKind, String>,
}

/// `taxonomies.toml`: the releases the pack is written against, read in
/// place from the reference-data directory.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomiesFile {
    taxonomies: Vec<TaxonomySource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomySource {
    taxonomy: TaxonomyKind,
    /// Relative to the reference-data directory.
    file: PathBuf,
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

/// Reads and validates the pack in `dir`, in one pass: every problem found,
/// each with its file, line and field path (a file that does not parse and a
/// reference that points nowhere are reported together), or the valid pack.
/// The taxonomy files `taxonomies.toml` names are read from `reference_data`.
pub fn read_pack(dir: &Path, reference_data: &Path) -> Result<ReadPack, Vec<PackProblem>> {
    let mut problems = Vec::new();
    let mut hasher = Sha256::new();
    let mut pack = ContentPack::default();
    // Each file's text, to find the line of a cross-reference problem.
    let mut texts: BTreeMap<PathBuf, String> = BTreeMap::new();
    // Cross-references into a catalog file that did not parse would all
    // look broken; they are checked once that file is fixed.
    let mut catalogs_parsed = true;

    for name in ["skills.toml", "certifications.toml", "frameworks.toml"] {
        let full = dir.join(name);
        let Some(text) = read_text(dir, Path::new(name), &mut hasher, &mut problems) else {
            catalogs_parsed = false;
            continue;
        };
        let parsed = match name {
            "skills.toml" => parse::<SkillsFile>(&full, &text, &mut problems).map(|f| pack.skills = f.skills),
            "certifications.toml" => {
                parse::<CertificationsFile>(&full, &text, &mut problems).map(|f| pack.certifications = f.certifications)
            }
            _ => parse::<FrameworksFile>(&full, &text, &mut problems).map(|f| pack.frameworks = f.frameworks),
        };
        catalogs_parsed &= parsed.is_some();
        texts.insert(full, text);
    }

    let mut taxonomy_hashes = BTreeMap::new();
    match read_taxonomies(dir, reference_data, &mut hasher, &mut problems) {
        Some(imported) => {
            for (kind, taxonomy) in imported {
                taxonomy_hashes.insert(kind, taxonomy.sha256);
                pack.taxonomies.push(taxonomy.taxonomy);
            }
        }
        None => catalogs_parsed = false,
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
                    line: line_of(&text, "slug"),
                    path: "slug".into(),
                    message: format!("a role file is named after its slug: rename the file to {expected}"),
                });
            }
            role_files.insert(role.slug.clone(), full.clone());
            pack.roles.push(role);
        }
        texts.insert(full, text);
    }
    if pack.roles.is_empty() && problems.is_empty() {
        problems.push(PackProblem {
            file: dir.join("roles"),
            line: None,
            path: String::new(),
            message: "the pack has no roles: add at least one roles/<slug>.toml".into(),
        });
    }

    if catalogs_parsed {
        for issue in pack.validate() {
            let file = match &issue.document {
                DocumentRef::Skills => dir.join("skills.toml"),
                DocumentRef::Certifications => dir.join("certifications.toml"),
                DocumentRef::Frameworks => dir.join("frameworks.toml"),
                DocumentRef::Role(slug) => {
                    role_files.get(slug).cloned().unwrap_or_else(|| dir.join("roles").join(format!("{slug}.toml")))
                }
            };
            let line = texts.get(&file).and_then(|text| line_of(text, &issue.path));
            problems.push(PackProblem { file, line, path: issue.path, message: issue.message });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ReadPack { pack, content_hash: hex::encode(hasher.finalize()), taxonomy_hashes })
}

/// Reads `taxonomies.toml` and every release it names; `None` when any of
/// them could not be read (references into it are then not checked).
fn read_taxonomies(
    dir: &Path,
    reference_data: &Path,
    hasher: &mut Sha256,
    problems: &mut Vec<PackProblem>,
) -> Option<Vec<(TaxonomyKind, ImportedTaxonomy)>> {
    let name = Path::new("taxonomies.toml");
    let full = dir.join(name);
    let text = read_text(dir, name, hasher, problems)?;
    let file = parse::<TaxonomiesFile>(&full, &text, problems)?;
    let mut imported = Vec::new();
    let mut complete = true;
    for (i, source) in file.taxonomies.iter().enumerate() {
        let path = format!("taxonomies[{i}].file");
        if imported.iter().any(|(kind, _)| *kind == source.taxonomy) {
            problems.push(PackProblem {
                file: full.clone(),
                line: line_of(&text, &path),
                path,
                message: format!("{} is imported twice", source.taxonomy.slug()),
            });
            continue;
        }
        match import_file(source.taxonomy, &reference_data.join(&source.file)) {
            Ok(taxonomy) => {
                hasher.update(source.taxonomy.slug().as_bytes());
                hasher.update(taxonomy.sha256.as_bytes());
                imported.push((source.taxonomy, taxonomy));
            }
            Err(err) => {
                complete = false;
                let hint = match err {
                    ImportError::Read { .. } => {
                        " (the reference-data directory is set by ROLEDEX_REFERENCE_DATA or `reference_data`)"
                    }
                    ImportError::Format { .. } => "",
                };
                problems.push(PackProblem {
                    file: full.clone(),
                    line: line_of(&text, &path),
                    path,
                    message: format!("{err}{hint}"),
                });
            }
        }
    }
    complete.then_some(imported)
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
            problems.push(PackProblem {
                file: roles,
                line: None,
                path: String::new(),
                message: format!("cannot read: {err}"),
            });
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
            problems.push(PackProblem {
                file: full,
                line: None,
                path: String::new(),
                message: format!("cannot read: {err}"),
            });
            None
        }
    }
}

fn parse<T: DeserializeOwned>(file: &Path, text: &str, problems: &mut Vec<PackProblem>) -> Option<T> {
    let deserializer = match toml::Deserializer::parse(text) {
        Ok(d) => d,
        Err(err) => {
            problems.push(PackProblem {
                file: file.to_owned(),
                line: err.span().map(|span| line_at(text, span.start)),
                path: String::new(),
                message: format!("invalid TOML: {}", err.message()),
            });
            return None;
        }
    };
    match serde_path_to_error::deserialize(deserializer) {
        Ok(value) => Some(value),
        Err(err) => {
            let path = err.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let inner = err.into_inner();
            let line = inner.span().map(|span| line_at(text, span.start)).or_else(|| line_of(text, &path));
            problems.push(PackProblem { file: file.to_owned(), line, path, message: inner.message().to_owned() });
            None
        }
    }
}
