//! Importers for the publishers' own releases of the reference taxonomies,
//! and their storage. Each importer reads one file format into the domain's
//! [`Taxonomy`]; the counts the API serves are computed from what was read.
//!
//! | taxonomy      | file                                  | format                          |
//! |---------------|---------------------------------------|---------------------------------|
//! | `atlas`       | `ATLAS.yaml` of a MITRE ATLAS release | the release's `ATLAS.yaml` data |
//! | `owasp-llm`   | `owasp-llm-top10-2025.yaml`           | `source` and `entries`          |
//! | `nist-ai-rmf` | `nist-ai-rmf-1.0.yaml`                | `source` and `functions`        |

mod atlas;
mod nist;
mod owasp;
mod store;

use std::path::Path;

use roledex_domain::taxonomy::{Taxonomy, TaxonomyKind};

pub use store::{Coverage, CoverageSource, ItemFilter, StoreRefused, TaxonomyStore, TaxonomySummary, store_taxonomy};
pub(crate) use store::{replace_coverage as taxonomy_coverage_replace, replace_release};

/// Why a taxonomy file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} is not a release of {taxonomy}: {message}")]
    Format { path: String, taxonomy: &'static str, message: String },
}

/// Reads one release of `kind` from `path`.
pub fn import_file(kind: TaxonomyKind, path: &Path) -> Result<ImportedTaxonomy, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read { path: path.display().to_string(), source })?;
    let format_error =
        |message: String| ImportError::Format { path: path.display().to_string(), taxonomy: kind.slug(), message };
    let text = std::str::from_utf8(&bytes).map_err(|e| format_error(format!("not UTF-8: {e}")))?;
    let taxonomy = match kind {
        TaxonomyKind::Atlas => atlas::parse(text),
        TaxonomyKind::OwaspLlm => owasp::parse(text),
        TaxonomyKind::NistAiRmf => nist::parse(text),
    }
    .map_err(format_error)?;
    use sha2::Digest;
    Ok(ImportedTaxonomy { taxonomy, sha256: hex::encode(sha2::Sha256::digest(&bytes)) })
}

/// A release as read from its file, with the file's SHA-256.
#[derive(Debug, Clone)]
pub struct ImportedTaxonomy {
    pub taxonomy: Taxonomy,
    pub sha256: String,
}

/// Identifiers are short and printable; anything else in a file is refused
/// rather than served.
fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '_'));
    if ok { Ok(()) } else { Err(format!("`{id}` is not a usable identifier (letters, digits, . : - _)")) }
}

/// Every id appears once.
fn check_unique(taxonomy: &Taxonomy) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for item in &taxonomy.items {
        check_id(&item.id)?;
        if !seen.insert(item.id.as_str()) {
            return Err(format!("`{}` appears twice", item.id));
        }
    }
    if taxonomy.items.is_empty() {
        return Err("it holds no items".into());
    }
    Ok(())
}
