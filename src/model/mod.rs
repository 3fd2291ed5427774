//! The biological-anchors model: pure Rust, no web types. See ARCHITECTURE.md.

pub mod anchor;

pub use anchor::{Anchor, PerAnchor};
