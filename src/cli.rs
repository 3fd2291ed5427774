//! The native command-line interface (`bioanchors forecast`, `bioanchors presets`).

/// Entry point of the `bioanchors` binary. Returns the process exit code.
pub fn run() -> i32 {
    eprintln!("bioanchors: the forecast engine is not built yet");
    1
}
