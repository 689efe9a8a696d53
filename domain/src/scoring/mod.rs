//! Pure rules computed from profiles. Each is deterministic: the same inputs
//! always give the same output.

mod certification_sort;
mod radar;
mod value;

pub use certification_sort::{CertificationSort, SortOrder, sort_certifications};
pub use radar::{RadarAxis, role_radar};
pub use value::{
    RankedCertification, VALUE_FORMULA, ValueInputs, ValueScore, Valued, certification_value, rank_certifications,
};
