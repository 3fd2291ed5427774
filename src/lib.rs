//! bioanchors: Ajeya Cotra's 2020 biological-anchors model of transformative-AI timelines,
//! as a pure Rust library ([`model`]), with a browser UI (`ui`, wasm32 only) and a native
//! command-line interface ([`cli`], native only) on top of it.

pub use bioanchors_model as model;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;

#[cfg(target_arch = "wasm32")]
pub mod ui;
