//! The biological-anchors model: pure Rust, no web types. See ARCHITECTURE.md.

pub mod anchor;
pub mod components;
pub mod condition;
pub mod export;
pub mod forecast;
pub mod format;
pub mod link;
pub mod observed;
pub mod params;
pub mod presets;
pub mod quadrature;
pub mod requirements;
pub mod saved;
pub mod scenario;
pub mod sensitivity;
pub mod solve;
pub mod trajectories;
pub mod uncertain;

pub use anchor::{Anchor, PerAnchor};
pub use forecast::{forecast, Band, Engine, Forecast};
pub use params::{param_spec, param_specs, ParamError, ParamGroup, ParamKind, ParamSpec};
pub use presets::{preset, presets, Preset};
pub use scenario::{NormalizedWeights, Scenario};
