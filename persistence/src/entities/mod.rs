//! SeaORM entities, one file per table. They mirror the migrations and are
//! never returned to API clients: repositories map them to domain types.

pub mod content_packs;
pub mod skills;
pub mod certifications;
pub mod certification_skills;
pub mod frameworks;
pub mod roles;
pub mod hiring_industries;
pub mod salary_points;
pub mod day_blocks;
pub mod role_skills;
pub mod role_certifications;
pub mod role_frameworks;
pub mod learning_resources;
pub mod transition_paths;
pub mod ladder_levels;
pub mod interview_questions;
pub mod qualification_cards;
pub mod quiz_questions;
pub mod downloads;
pub mod community_links;
