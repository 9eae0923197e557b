//! Which build is running: the workspace version and the git commit it was
//! built from, for `cryptodesk --version` and the app's About line.

use serde::Serialize;
use ts_rs::TS;

/// The workspace version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The short git commit of the build, or `unknown` outside a git checkout.
pub const COMMIT: &str = env!("VERGEN_GIT_SHA");

/// `VERSION (COMMIT)`, as `--version` prints it.
pub const VERSION_LINE: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (", env!("VERGEN_GIT_SHA"), ")");

/// The running build, for the About line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct About {
    /// The workspace version, e.g. `0.1.0`.
    pub version: String,
    /// The short git commit, or `unknown`.
    pub commit: String,
}

/// This build.
pub fn about() -> About {
    About {
        version: VERSION.to_owned(),
        commit: COMMIT.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_workspace_version_with_a_commit() {
        let a = about();
        assert_eq!(a.version, env!("CARGO_PKG_VERSION"));
        assert!(!a.commit.is_empty());
        assert_eq!(VERSION_LINE, format!("{} ({})", a.version, a.commit));
    }
}
