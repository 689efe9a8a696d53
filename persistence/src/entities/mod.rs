//! SeaORM entities, one file per table. They mirror the migrations and are
//! never returned to API clients: repositories map them to domain types.

pub mod assessments;
pub mod certification_skills;
pub mod certifications;
pub mod community_links;
pub mod content_packs;
pub mod day_blocks;
pub mod downloads;
pub mod frameworks;
pub mod hiring_industries;
pub mod idempotency_keys;
pub mod interview_questions;
pub mod ladder_levels;
pub mod learning_resources;
pub mod qualification_cards;
pub mod qualification_checks;
pub mod quiz_attempts;
pub mod quiz_questions;
pub mod refresh_tokens;
pub mod role_certifications;
pub mod role_frameworks;
pub mod role_skills;
pub mod roles;
pub mod salary_points;
pub mod skills;
pub mod sprint_plans;
pub mod sprint_task_states;
pub mod transition_paths;
pub mod users;
