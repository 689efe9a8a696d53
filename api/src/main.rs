use std::process::ExitCode;

use clap::Parser;
use roledex_api::cli::{Cli, run};

#[actix_web::main]
async fn main() -> ExitCode {
    run(Cli::parse()).await
}
