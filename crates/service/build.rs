//! Records the git commit the crate is built from (`VERGEN_GIT_SHA`), or
//! `unknown` when the source is not a git checkout.

use std::error::Error;
use vergen_gitcl::{Emitter, GitclBuilder};

fn emit_commit() -> Result<(), Box<dyn Error>> {
    let git = GitclBuilder::default().sha(true).build()?;
    Emitter::default()
        .fail_on_error()
        .add_instructions(&git)?
        .emit()?;
    Ok(())
}

fn main() {
    if emit_commit().is_err() {
        println!("cargo:rustc-env=VERGEN_GIT_SHA=unknown");
    }
}
