//! Integration over uncertain trajectories that converges, instead of a few quadrature nodes
//! per uncertainty (ARCHITECTURE.md, "Integrating over trajectory uncertainty", says why).
//!
//! Two facts make it possible. First, each trajectory with fixed factors is monotone in the
//! year (FLOP/$ and spend rise while GDP does not shrink, progress only grows), so "TAI by Y"
//! is "TAI in Y" and only each year's distributions matter. Then, for one year:
//!
//! - hardware and spending enter only through affordable compute C = log FLOP/$ + log spend,
//!   so their two uncertainties collapse into one distribution, which [`gauss_rule`] reduces to
//!   a few Gauss points (the probability is smooth in C, so they converge fast);
//! - algorithmic progress for a requirement F is A = −log10(10^−X + 10^−M⁺) with X the
//!   uncapped progress (lognormal: t·log10 2 / (h(F)·halving factor)) and M⁺ the cap
//!   (normal, clamped at 0). Its survival Pr[A ≥ a] has closed forms when one of the two is
//!   certain and a cheap cell formula when both are uncertain ([`ProgressLaw`]), so for each C
//!   point, P_a = ∫ Pr[A_F ≥ F − C] dD_a(F): an integral of a smooth function against the
//!   requirement CDF ([`AffordCurve`]), with no kinks left in the integrand.
//!
//! All transcendental math goes through `libm`, so native and wasm builds give the same bits.
//!
//! The pieces: `gaussian` (the standard normal), `rules` (Gauss rules), `cells` (the compute
//! factors' cells, atoms and percentiles), `progress` ([`ProgressLaw`]) and `curve`
//! ([`AffordCurve`]).

mod cells;
mod curve;
mod gaussian;
mod progress;
mod rules;

pub use cells::{
    cell_factors, compute_cells, factor_atoms, law_of_sum, percentiles_of_sum,
    safeguarded_quantile, FactorAtoms, LinearLaw, COMPUTE_CELLS,
};
pub use curve::{ceiling_points, AffordCurve, CEILING_SEEDS};
pub use gaussian::{
    ln_fast, normal_cdf, normal_cells, normal_pdf, normal_quantile, phi_fast, truncated_normal,
};
pub use progress::{Ceiling, ProgressLaw};
pub use rules::{gauss_from_recurrence, gauss_hermite, gauss_rule, gauss_rule_of_rules, Rule};

/// log10 2: the progress a halving time of one year gives per year.
pub const LOG10_2: f64 = std::f64::consts::LOG10_2;
