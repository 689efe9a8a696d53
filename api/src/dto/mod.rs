//! The API's public types, shared by REST (utoipa `ToSchema`) and GraphQL
//! (`SimpleObject`), so both surfaces describe one model. Built from domain
//! values; storage rows never reach a client.

mod catalog;
mod enums;
mod learner;
pub mod number;
mod partner;
mod profile;
mod taxonomy;
pub mod timestamp;

pub use catalog::*;
pub use enums::*;
pub use learner::*;
pub use partner::*;
pub use profile::*;
pub use taxonomy::*;
