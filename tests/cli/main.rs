//! The `bioanchors` command line, one program: it prints the library's numbers bit for bit
//! (`forecast`, `csv`), the insight commands (`insight`), the pictures and preview pages it
//! renders (`chart`, `site`), and hostile input refused at once (`bounds`). The model itself is
//! tested in `model/tests`.

#[cfg(unix)]
mod bounds;
mod chart;
mod csv;
mod forecast;
mod insight;
mod site;

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs the built `bioanchors` with `args`: (stdout, stderr, exit code; -1 for a signal).
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
