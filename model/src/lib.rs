//! Ajeya Cotra's 2020 biological-anchors model of transformative-AI timelines ("Forecasting TAI
//! with biological anchors", Open Philanthropy, draft report): pure Rust, no web types, the same
//! code natively (the CLI, the tests, the benchmarks) and in the browser.
//!
//! A [`Scenario`] holds every input; [`Engine::forecast`] turns it into a [`Forecast`], every
//! number a chart or a table shows. Around that:
//!
//! - **Parameters** ([`params`]): every input is a registry entry ([`ParamSpec`], listed by
//!   [`param_specs`]) with a dotted key (`hardware.halving_years`), a range, a unit, a meaning
//!   and a source. [`Scenario::get`] and [`Scenario::set`] read and write by key (`set` clamps),
//!   and [`Scenario::diff`] lists what differs; sliders, share links, files, the tornado and the
//!   solver all go through them.
//! - **Presets** ([`presets`](mod@presets)): named scenarios; the first is the report's best guess.
//! - **Share links** ([`link`]): a scenario as `key=value` pairs that differ from a preset;
//!   [`link::read_link`] reads any query without panicking and says what it ignored.
//! - **Files and storage** ([`export`], [`saved`]): scenario files, the forecast as CSV, and the
//!   browser's stored scenarios, each read as hostile input and versioned.
//! - **Questions** ([`sensitivity`], [`solve`], [`condition`]): which parameter moves the
//!   answer most, what one parameter would have to be for a target, and the forecast given no
//!   TAI by some year.
//! - **Text** ([`format`](mod@format)): every number and sentence the CLI and the app both print.
//!
//! ```
//! use bioanchors_model::{Engine, Scenario};
//!
//! let mut engine = Engine::new();
//! let mut scenario = Scenario::default();
//! let best_guess = engine.forecast(&scenario);
//! scenario.set("hardware.halving_years", 1.5).unwrap();
//! let faster = engine.forecast(&scenario);
//! // Cheaper compute sooner: TAI is likelier by 2050.
//! let y2050 = best_guess.years.iter().position(|&y| y == 2050).unwrap();
//! assert!(faster.p_by_year[y2050] > best_guess.p_by_year[y2050]);
//! ```

pub mod anchor;
pub mod components;
pub mod condition;
pub mod embed;
pub mod export;
pub mod forecast;
pub mod format;
pub mod link;
pub mod normal;
pub mod number;
pub mod observed;
pub mod params;
pub mod presets;
pub mod quadrature;
pub mod requirements;
pub mod saved;
pub mod scenario;
pub mod sensitivity;
pub mod solve;
pub mod sorting;
pub mod trajectories;
pub mod uncertain;

pub use anchor::{Anchor, PerAnchor};
pub use forecast::{forecast, Band, Engine, Forecast};
pub use params::{param_spec, param_specs, ParamError, ParamGroup, ParamKind, ParamSpec};
pub use presets::{preset, presets, Preset};
pub use scenario::{NormalizedWeights, Scenario};
