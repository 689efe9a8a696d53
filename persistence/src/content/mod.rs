//! Content packs on disk: reading and validating a pack directory, and
//! storing it in the database in one transaction.
//!
//! Layout of a pack directory:
//!
//! ```text
//! skills.toml          [[skills]]          the skill catalog
//! certifications.toml  [[certifications]]  the certification catalog
//! frameworks.toml      [[frameworks]]      reference frameworks
//! roles/*.toml         one role each (full profiles and background roles)
//! ```

mod documents;
mod reader;
mod writer;

pub use documents::DocumentKind;
pub use reader::{PackProblem, ReadPack, read_pack};
pub(crate) use writer::insert_all;
pub use writer::{LoadOutcome, load_if_changed, store_pack};
