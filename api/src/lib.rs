//! Roledex API: the actix-web server (GraphQL and REST), its configuration,
//! telemetry and the `roledex` command line.

pub mod acceptable;
pub mod auth;
pub mod background;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod dto;
pub mod embed;
pub mod error;
pub mod formats;
pub mod graphql;
pub mod http_cache;
pub mod known_routes;
pub mod layers;
pub mod learning;
pub mod partner;
pub mod public_url;
pub mod rejections;
pub mod rest;
pub mod security_headers;
pub mod startup;
pub mod state;
pub mod taxonomies;
pub mod telemetry;

pub use config::Config;
pub use startup::Application;
