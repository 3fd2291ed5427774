//! The `bioanchors` command line, one program: it prints the library's numbers bit for bit
//! (`forecast`, `csv`), the insight commands (`insight`), and hostile input refused at once
//! (`bounds`). The model itself is tested in `model/tests`.

#[cfg(unix)]
mod bounds;
mod csv;
mod forecast;
mod insight;

use std::process::Command;

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
