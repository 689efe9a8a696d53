//! Validated values: each constructor is the only way in, so a value of one of
//! these types is valid by construction (parse, don't validate).

mod currency;
mod money;
mod skill_level;
mod slug;
mod url;
mod year_month;

pub use currency::Currency;
pub use money::{MAX_AMOUNT, Money};
pub use skill_level::SkillLevel;
pub use slug::Slug;
pub use url::HttpUrl;
pub use year_month::YearMonth;

/// Why a raw value was refused. The message says what a valid value looks like.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValueError(pub String);
