//! The formats partners ask for beside JSON, chosen by `Accept`: the role
//! profile as schema.org JSON-LD, the certifications table as CSV, and the
//! downloads as PDF.

pub mod jsonld;
pub mod negotiate;
pub mod pdf;
pub mod table_csv;
