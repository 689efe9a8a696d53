//! Public types of the learner features (REST and GraphQL alike), one file per feature.

mod account;
mod assessment;
mod plan;
mod qualification;
mod quiz;
mod readiness;
mod timeline;

pub use account::*;
pub use assessment::*;
pub use plan::*;
pub use qualification::*;
pub use quiz::*;
pub use readiness::*;
pub use timeline::*;
