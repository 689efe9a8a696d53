//! `roledex api-key create | list | revoke`: partner keys from the command
//! line (the same use cases as the admin API), for the operator who has no
//! admin account yet.

use clap::Subcommand;
use roledex_domain::partner::{Scope, parse_per_minute};
use roledex_persistence::ApiKeyStore;

use crate::config::Config;
use crate::dto;
use crate::partner::KeyDirectory;
use crate::startup::connect;

#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Make a key and print its secret (shown this once; only its hash is stored).
    Create {
        /// Who the key is for.
        #[arg(long)]
        name: String,
        /// content:read, guidance:compute or embed (repeat for several).
        #[arg(long = "scope", required = true, value_parser = parse_scope)]
        scopes: Vec<Scope>,
        /// A browser origin that may use the key, such as https://jobs.example.com (repeat for several).
        #[arg(long = "origin")]
        origins: Vec<String>,
        /// Requests per minute, written N/min (default: `api_key_default_per_minute`).
        #[arg(long, value_parser = parse_quota)]
        quota: Option<u32>,
    },
    /// List every key (never their secrets).
    List,
    /// Revoke a key by id.
    Revoke { id: String },
}

fn parse_scope(raw: &str) -> Result<Scope, String> {
    Scope::parse(raw).ok_or_else(|| format!("`{raw}` is not a scope: use {}", Scope::names()))
}

fn parse_quota(raw: &str) -> Result<u32, String> {
    parse_per_minute(raw).map(|rate| rate.limit).map_err(|e| e.to_string())
}

fn describe(key: &dto::ApiKeyView) -> String {
    let scopes: Vec<&str> = key.scopes.iter().map(|s| Scope::from(*s).as_str()).collect();
    format!(
        "{}  {}  {}  scopes={}  origins={}  quota={}/min  {}",
        key.id,
        key.label,
        key.name,
        scopes.join(","),
        if key.origins.is_empty() { "-".to_owned() } else { key.origins.join(",") },
        key.quota_per_minute,
        if key.active { "active" } else { "revoked" }
    )
}

pub async fn run(config: &Config, command: ApiKeyCommand) -> Result<(), String> {
    let db = connect(config).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    let default_quota = roledex_domain::ratelimit::gcra::Rate::per_minute(config.api_key_default_per_minute);
    let keys = KeyDirectory::new(ApiKeyStore::new(&db), default_quota);
    let failed = |e: crate::error::ApiError| format!("{e} ({})", e.code());
    match command {
        ApiKeyCommand::Create { name, scopes, origins, quota } => {
            let request = dto::ApiKeyRequest {
                name,
                scopes: scopes.into_iter().map(dto::ApiScope::from).collect(),
                origins,
                quota_per_minute: quota,
            };
            let created = keys.create(&request, None).await.map_err(failed)?;
            println!("created API key {}", describe(&created.key));
            println!("secret (shown once; store it now): {}", created.secret);
        }
        ApiKeyCommand::List => {
            for key in keys.list().await.map_err(failed)? {
                println!("{}", describe(&key));
            }
        }
        ApiKeyCommand::Revoke { id } => println!("revoked {}", describe(&keys.revoke(&id).await.map_err(failed)?)),
    }
    Ok(())
}
