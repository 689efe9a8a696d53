//! Roledex domain: the types a role profile is made of, validated values that
//! cannot hold invalid content, and the pure rules computed from them.
//!
//! This crate does no IO and knows no framework: persistence and the API
//! depend on it, never the other way round.

pub mod account;
pub mod guidance;
pub mod pack;
pub mod partner;
pub mod profile;
pub mod ratelimit;
pub mod scoring;
pub mod sync;
pub mod taxonomy;
pub mod values;

pub use values::{Currency, HttpUrl, Money, SkillLevel, Slug, ValueError, YearMonth};
