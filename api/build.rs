//! Brings GraphiQL's browser bundle into the binary: `npm ci` of the pinned
//! packages in `graphiql/` (lock file checked in) into OUT_DIR, then the four
//! files `src/graphql/graphiql.rs` embeds are copied next to it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=graphiql/package.json");
    println!("cargo:rerun-if-changed=graphiql/package-lock.json");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set")));
    let work = out.join("graphiql-npm");
    let target = out.join("graphiql");
    let _ = std::fs::create_dir_all(&work);
    let _ = std::fs::create_dir_all(&target);
    for file in ["package.json", "package-lock.json"] {
        if let Err(e) = std::fs::copy(Path::new("graphiql").join(file), work.join(file)) {
            fail(&format!("cannot copy graphiql/{file}: {e}"));
        }
    }
    let installed = work.join("node_modules/graphiql/graphiql.min.js").exists();
    if !installed {
        let status = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&work)
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => fail(&format!("npm ci for the GraphiQL assets failed ({s})")),
            Err(e) => fail(&format!("npm is needed at build time for the GraphiQL assets: {e}")),
        }
    }
    let modules = work.join("node_modules");
    for (from, name) in [
        ("graphiql/graphiql.min.js", "graphiql.min.js"),
        ("graphiql/graphiql.min.css", "graphiql.min.css"),
        ("react/umd/react.production.min.js", "react.production.min.js"),
        ("react-dom/umd/react-dom.production.min.js", "react-dom.production.min.js"),
    ] {
        if let Err(e) = std::fs::copy(modules.join(from), target.join(name)) {
            fail(&format!("cannot copy {from}: {e}"));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1)
}
