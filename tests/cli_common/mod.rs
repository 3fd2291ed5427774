//! Helpers of the tests that run the built `bioanchors` binary (a `mod cli_common;` in each).

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `bioanchors ARGS…`: (stdout, stderr, exit code, or -1 when a signal ended it).
pub fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_bioanchors"))
        .args(args)
        .output()
        .expect("the CLI runs");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// A new empty folder of this test process's own under the system's temporary folder.
#[allow(dead_code)] // not every test crate that includes this module writes files
pub fn temp_dir(prefix: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "bioanchors-{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
