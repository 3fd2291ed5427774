//! `bioanchors`: the native CLI over the model library.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(bioanchors::cli::run());
}

#[cfg(target_arch = "wasm32")]
fn main() {}
