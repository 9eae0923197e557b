//! Running the real `cryptodesk` binary in a throwaway home, for the test
//! files that need no database or fake exchange of their own.

pub mod harness;

use std::path::Path;
use std::process::Command;

/// Runs the binary with `args`, HOME and the XDG folders under `home` (never
/// the user's own), the keyring and notifications off: (success, stdout,
/// stderr).
#[allow(dead_code)] // not every test file runs the binary this way
pub fn run_in(home: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cryptodesk"))
        .args(args)
        .envs(cryptodesk_testkit::isolated_env(home))
        .env("CRYPTODESK_KEYRING", "off")
        .env("CRYPTODESK_NOTIFICATIONS", "off")
        .output()
        .expect("the cryptodesk binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
