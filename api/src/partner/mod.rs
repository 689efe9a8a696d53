//! The partner tier: API keys (`keys`), who a request counts against and
//! what it may do (`gate`), request quotas shared between instances
//! (`quotas`), and the client address behind trusted proxies (`address`).

pub mod address;
pub mod gate;
pub mod keys;
pub mod quotas;

pub use address::TrustedProxies;
pub use gate::{Caller, Limits};
pub use keys::KeyDirectory;
pub use quotas::Quotas;

/// What every request's gate consults.
#[derive(Debug)]
pub struct PartnerAccess {
    pub keys: KeyDirectory,
    pub quotas: Quotas,
    pub proxies: TrustedProxies,
    pub limits: Limits,
}
