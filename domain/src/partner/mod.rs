//! Partner access: API keys, what they may do (scopes), which browser
//! origins may use them, and their quotas.

mod key;
mod origin;
mod quota;
mod scope;

pub use key::{ApiKey, KEY_PREFIX, NewApiKey, SECRET_BYTES, is_key_shaped, key_label};
pub use origin::Origin;
pub use quota::{MAX_PER_MINUTE, QuotaError, parse_per_minute};
pub use scope::Scope;
