//! The `roledex` command line: one binary for serving and operating.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use roledex_domain::account::UserRole;
use roledex_domain::taxonomy::TaxonomyKind;
use roledex_persistence::content::{read_pack, store_pack};
use roledex_persistence::taxonomy::{import_file, store_taxonomy};

use crate::config::Config;
use crate::startup::{Application, connect};

mod api_keys;

#[derive(Debug, Parser)]
#[command(name = "roledex", version, about = "Career-intelligence and readiness API")]
pub struct Cli {
    /// TOML configuration file (also `ROLEDEX_CONFIG`).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve GraphQL and REST (the default).
    Serve {
        /// Address to listen on, overriding `ROLEDEX_LISTEN`: `HOST:PORT`,
        /// `:PORT` (every interface) or `PORT` (127.0.0.1).
        #[arg(long, value_parser = parse_listen)]
        listen: Option<SocketAddr>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Validate or load a content pack.
    #[command(subcommand)]
    Content(ContentCommand),
    /// Write or check the GraphQL SDL and OpenAPI document.
    #[command(subcommand)]
    Schema(SchemaCommand),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Import reference taxonomies.
    #[command(subcommand)]
    Taxonomy(TaxonomyCommand),
    /// Manage partner API keys.
    #[command(subcommand, name = "api-key")]
    ApiKey(api_keys::ApiKeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum TaxonomyCommand {
    /// Import a release from its publisher's file, replacing the stored
    /// release of that taxonomy in one transaction. Refused, changing
    /// nothing, when published content points at an item the file lacks.
    Import {
        /// atlas (a MITRE ATLAS `ATLAS.yaml`), owasp-llm or nist-ai-rmf.
        #[arg(value_parser = parse_taxonomy)]
        taxonomy: TaxonomyKind,
        /// The release file.
        file: PathBuf,
    },
}

fn parse_taxonomy(raw: &str) -> Result<TaxonomyKind, String> {
    TaxonomyKind::parse(raw).ok_or_else(|| format!("`{raw}` is not a taxonomy: use atlas, owasp-llm or nist-ai-rmf"))
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from the first line of standard input.
    Create {
        /// The account's e-mail address (its login).
        #[arg(long)]
        email: String,
        /// Give the account the admin role (how the first admin is made).
        #[arg(long)]
        admin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Report every problem in a pack (file, field path, what to fix); exit 1 if any.
    Validate {
        /// The pack's directory (default: `content_dir`, `content/`).
        dir: Option<PathBuf>,
    },
    /// Validate, then store the pack in one transaction (even if unchanged).
    Load {
        /// The pack's directory (default: `content_dir`, `content/`).
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    /// Write schema/schema.graphql and schema/openapi.json.
    Export {
        /// Where to write the two files.
        #[arg(long, default_value = "schema")]
        dir: PathBuf,
        /// Fail instead of writing when the files differ from the code.
        #[arg(long)]
        check: bool,
    },
}

pub async fn run(cli: Cli) -> ExitCode {
    let config = match Config::load(cli.config.as_deref(), crate::config::EnvVars::from_process()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("roledex: {e}");
            return ExitCode::from(2);
        }
    };
    let command = cli.command.unwrap_or(Command::Serve { listen: None });
    // A one-shot command's own output matters more than progress logs:
    // warnings only, unless a log filter was configured.
    let one_shot = !matches!(command, Command::Serve { .. });
    let log = if one_shot && config.log == Config::default().log { "warn" } else { config.log.as_str() };
    crate::telemetry::init_logging(log);
    let result = match command {
        Command::Serve { listen } => {
            let mut config = config;
            if let Some(listen) = listen {
                config.listen = listen;
            }
            serve(config).await
        }
        Command::Migrate => migrate(&config).await,
        Command::Content(ContentCommand::Validate { dir }) => {
            validate(dir.as_deref().unwrap_or(&config.content_dir), &config.reference_data)
        }
        Command::Taxonomy(TaxonomyCommand::Import { taxonomy, file }) => {
            import_taxonomy(&config, taxonomy, &file).await
        }
        Command::Content(ContentCommand::Load { dir }) => load(&config, dir.as_deref()).await,
        Command::Schema(SchemaCommand::Export { dir, check }) => export_schema(&dir, check),
        Command::User(UserCommand::Create { email, admin }) => create_user(&config, email, admin).await,
        Command::ApiKey(command) => api_keys::run(&config, command).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("roledex: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `HOST:PORT`, `:PORT` (every interface) or a bare `PORT` (loopback).
fn parse_listen(raw: &str) -> Result<SocketAddr, String> {
    let raw = raw.trim();
    if let Ok(port) = raw.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    if let Some(port) = raw.strip_prefix(':').and_then(|p| p.parse::<u16>().ok()) {
        return Ok(SocketAddr::from(([0, 0, 0, 0], port)));
    }
    raw.parse()
        .map_err(|_| format!("`{raw}` is not an address: use HOST:PORT, :PORT or PORT (for example 127.0.0.1:8080)"))
}

async fn serve(config: Config) -> Result<(), String> {
    let app = Application::build(config).await.map_err(|e| e.to_string())?;
    app.run_until_stopped().await.map_err(|e| e.to_string())
}

async fn migrate(config: &Config) -> Result<(), String> {
    let db = connect(config).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    println!("migrations applied");
    Ok(())
}

fn validate(dir: &Path, reference_data: &Path) -> Result<(), String> {
    match read_pack(dir, reference_data) {
        Ok(read) => {
            let taxonomies: Vec<String> =
                read.pack.taxonomies.iter().map(|t| format!("{} {}", t.kind.slug(), t.version)).collect();
            println!(
                "{}: valid ({} roles, {} skills, {} certifications, {} frameworks; taxonomies {}; hash {})",
                dir.display(),
                read.pack.roles.len(),
                read.pack.skills.len(),
                read.pack.certifications.len(),
                read.pack.frameworks.len(),
                taxonomies.join(", "),
                read.content_hash
            );
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                println!("{p}");
            }
            Err(format!("{} problem(s) in {}", problems.len(), dir.display()))
        }
    }
}

async fn import_taxonomy(config: &Config, kind: TaxonomyKind, file: &Path) -> Result<(), String> {
    let imported = import_file(kind, file).map_err(|e| e.to_string())?;
    let db = connect(config).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    store_taxonomy(&db, &imported).await.map_err(|e| format!("{e}; the database is unchanged"))?;
    let t = &imported.taxonomy;
    let counts: Vec<String> = t.counts().iter().map(|(item_type, n)| format!("{n} {}", item_type.plural())).collect();
    println!("imported {} {} from {}: {}", t.kind.slug(), t.version, file.display(), counts.join(", "));
    Ok(())
}

async fn load(config: &Config, dir: Option<&Path>) -> Result<(), String> {
    let dir = dir.unwrap_or(&config.content_dir);
    let read = read_pack(dir, &config.reference_data).map_err(|problems| {
        for p in &problems {
            println!("{p}");
        }
        format!("{} problem(s) in {}; the database is unchanged", problems.len(), dir.display())
    })?;
    let db = connect(config).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    store_pack(&db, &read, &dir.display().to_string()).await.map_err(|e| e.to_string())?;
    println!("loaded {} (hash {})", dir.display(), read.content_hash);
    Ok(())
}

async fn create_user(config: &Config, email: String, admin: bool) -> Result<(), String> {
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let db = connect(config).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    let role = if admin { UserRole::Admin } else { UserRole::Learner };
    let store = roledex_persistence::LearnerStore::new(&db);
    let user = crate::learning::accounts::create_account(&store, &crate::dto::Credentials { email, password }, role)
        .await
        .map_err(|e| format!("{} ({})", e, e.code()))?;
    println!("created {} account {} ({})", role.as_str(), user.email.unwrap_or_default(), user.id);
    Ok(())
}

/// The two contract files as the code produces them.
pub fn schema_files() -> Result<[(&'static str, String); 2], String> {
    let openapi = crate::rest::openapi().to_pretty_json().map_err(|e| e.to_string())?;
    Ok([("schema.graphql", crate::graphql::sdl()), ("openapi.json", format!("{openapi}\n"))])
}

fn export_schema(dir: &Path, check: bool) -> Result<(), String> {
    let files = schema_files()?;
    if check {
        let stale: Vec<&str> = files
            .iter()
            .filter(|(name, text)| std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()))
            .map(|(name, _)| *name)
            .collect();
        if !stale.is_empty() {
            return Err(format!(
                "{} differ from the code: run `cargo run -p roledex-api -- schema export`",
                stale.join(", ")
            ));
        }
        println!("schema files match the code");
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for (name, text) in files {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{}: {e}", dir.join(name).display()))?;
        println!("wrote {}", dir.join(name).display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_listen;

    #[test]
    fn listen_addresses_in_three_spellings() {
        assert_eq!(parse_listen("9000").map(|a| a.to_string()), Ok("127.0.0.1:9000".into()));
        assert_eq!(parse_listen(":9000").map(|a| a.to_string()), Ok("0.0.0.0:9000".into()));
        assert_eq!(parse_listen("10.0.0.5:80").map(|a| a.to_string()), Ok("10.0.0.5:80".into()));
        assert_eq!(parse_listen("[::1]:80").map(|a| a.to_string()), Ok("[::1]:80".into()));
        assert!(parse_listen("localhost").is_err());
        assert!(parse_listen("70000").is_err());
    }
}
