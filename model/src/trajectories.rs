//! The three trajectories of the model, in log10 units: FLOP per dollar, the largest training
//! run's budget and algorithmic progress.
//!
//! All transcendental math goes through the pure-Rust `libm`, so native and wasm builds give the
//! same bits.

use super::scenario::{Hardware, Spending};

/// The year the hardware and spending trajectories start from (their values are "in 2025").
pub const TRAJECTORY_BASE_YEAR: f64 = 2025.0;
/// The year the GDP series starts from (GDP(Y) = GDP₂₀₂₀ × growth^(Y − 2020)).
const GDP_BASE_YEAR: f64 = 2020.0;

/// 10^x through `exp`: libm's `exp10` falls back to the much slower `pow` for |x| ≥ 16, and
/// this sits in the engine's innermost loop.
pub fn pow10(x: f64) -> f64 {
    libm::exp(x * std::f64::consts::LN_10)
}

/// log10(1 + 10^x), without overflow for large x.
pub fn log10_one_plus_pow10(x: f64) -> f64 {
    if x > 15.0 {
        // 10^-x is below f64 resolution relative to 1 here; keep the correction anyway.
        x + libm::log1p(pow10(-x)) * std::f64::consts::LOG10_E
    } else {
        libm::log1p(pow10(x)) * std::f64::consts::LOG10_E
    }
}

/// log10 of the logistic `a·g / (1 + a·g/cap)`, from log10 a (`start`), log10 g (`growth`, the
/// uncapped OOM gained so far) and log10 cap. FLOP per dollar and spend both have this shape.
pub fn log10_logistic(start: f64, growth: f64, cap: f64) -> f64 {
    let uncapped = start + growth;
    uncapped - log10_one_plus_pow10(uncapped - cap)
}

/// OOM an exponential with this doubling (or halving) time gains over `t` years.
pub fn oom_after(t: f64, doubling_years: f64) -> f64 {
    t * std::f64::consts::LOG10_2 / doubling_years
}

/// log10 FLOP per dollar in year `year`, with the halving time multiplied by
/// `halving_factor` (1 unless the trajectory is uncertain).
pub fn log10_flop_per_dollar(h: &Hardware, year: f64, halving_factor: f64) -> f64 {
    let t = year - TRAJECTORY_BASE_YEAR;
    log10_logistic(
        safe_log10(h.flop_per_dollar_2025),
        oom_after(t, h.halving_years * halving_factor),
        safe_log10(h.max_flop_per_dollar),
    )
}

/// log10 of the spending cap in `year`: a share of the largest economy's GDP.
pub fn log10_spend_cap(s: &Spending, year: f64) -> f64 {
    let growth = (1.0 + s.gdp_growth_percent / 100.0).max(1e-3);
    safe_log10(s.cap_percent_gdp / 100.0)
        + safe_log10(s.gdp_2020_dollars)
        + (year - GDP_BASE_YEAR) * libm::log10(growth)
}

/// log10 dollars of the largest training run in `year`, with the doubling time
/// multiplied by `doubling_factor`.
pub fn log10_spend(s: &Spending, year: f64, doubling_factor: f64) -> f64 {
    let t = year - TRAJECTORY_BASE_YEAR;
    log10_logistic(
        safe_log10(s.dollars_2025),
        oom_after(t, s.doubling_years * doubling_factor),
        log10_spend_cap(s, year),
    )
}

/// OOM of algorithmic progress after `t` years at halving time `halving_years`, capped at
/// `cap_oom`: log10 of the logistic e^{rt}/(1 + e^{rt}/10^m), written as
/// −log10(10^−x + 10^−m) with x = t·log10 2/h, which cannot overflow. Like the reimplementations'
/// formula it starts slightly below 0 (−log10(1 + 10^−m) at t = 0), and we keep that to match
/// their numbers.
pub fn algorithmic_progress_oom(t: f64, halving_years: f64, cap_oom: f64) -> f64 {
    let (small, exponent) = progress_exponent(t, halving_years, cap_oom);
    progress_from_power(small, pow10(exponent))
}

/// The first step of [`algorithmic_progress_oom`]: the smaller of x and the cap, and the
/// exponent small − large ≤ 0. The engine runs the steps over many evaluations at once, so
/// that their latencies overlap.
#[inline]
pub fn progress_exponent(t: f64, halving_years: f64, cap_oom: f64) -> (f64, f64) {
    let x = oom_after(t, halving_years);
    let (small, large) = if x < cap_oom {
        (x, cap_oom)
    } else {
        (cap_oom, x)
    };
    (small, small - large)
}

/// The last step: small − log10(1 + power), with power = 10^(small − large) ≤ 1 (so
/// [`log10_one_plus_pow10`]'s branch for large arguments is never needed).
#[inline]
pub fn progress_from_power(small: f64, power: f64) -> f64 {
    small - libm::log1p(power) * std::f64::consts::LOG10_E
}

/// [`algorithmic_progress_oom`] for consecutive years, with 10^(small − large) carried from
/// the year before by one multiplication instead of an `exp`: x grows by log10 2/h a year, so
/// that power is multiplied by 2^(1/h) while x < m (`up`) and by 2^(−1/h) after (`down`).
/// Each step rounds once (and the factors have libm's error), so after the 76 years of a
/// forecast the power is off by at most ~1e-14 relative, and the progress by less than
/// 1e-14 OOM. The φ tables evaluate it ~12,000 times per forecast.
#[derive(Clone, Copy, Debug)]
pub struct ProgressSeries {
    halving_years: f64,
    cap_oom: f64,
    up: f64,
    down: f64,
    /// The last step's smaller of x and the cap, 10^(small − large), and whether x < m.
    small: f64,
    power: f64,
    below: bool,
}

impl ProgressSeries {
    pub fn new(halving_years: f64, cap_oom: f64) -> ProgressSeries {
        let step = oom_after(1.0, halving_years);
        ProgressSeries {
            halving_years,
            cap_oom,
            up: pow10(step),
            down: pow10(-step),
            small: f64::NAN,
            power: f64::NAN,
            below: false,
        }
    }

    /// Progress after `t` years: [`ProgressSeries::step`], then [`ProgressSeries::progress`].
    #[inline]
    pub fn at(&mut self, t: f64, next_year: bool) -> f64 {
        self.step(t, next_year);
        self.progress()
    }

    /// Moves to `t` years; `next_year`: the last step was at t − 1 > 0. Then, on the same
    /// side of the cap, it multiplies; otherwise (the first step, t leaving 0, crossing the
    /// cap, a power that was subnormal and would lose its digits, or a product that is not a
    /// power ≤ 1, as when the factor overflows for a tiny halving time) it evaluates
    /// [`algorithmic_progress_oom`]'s formula as is. Split from the `log1p` of
    /// [`ProgressSeries::progress`] so that a table can step all its series first and their
    /// `log1p` chains then overlap.
    #[inline]
    pub fn step(&mut self, t: f64, next_year: bool) {
        let (h, m) = (self.halving_years, self.cap_oom);
        let x = oom_after(t, h);
        let below = x < m;
        let (small, large) = if below { (x, m) } else { (m, x) };
        let factor = if below { self.up } else { self.down };
        let carried = self.power * factor;
        self.power = if next_year
            && below == self.below
            && self.power >= f64::MIN_POSITIVE
            && carried <= 1.0
        {
            carried
        } else {
            pow10(small - large)
        };
        self.below = below;
        self.small = small;
    }

    /// The progress at the last step's t.
    #[inline]
    pub fn progress(&self) -> f64 {
        progress_from_power(self.small, self.power)
    }
}

/// log10 of a positive quantity; non-positive inputs (which the registry's ranges exclude)
/// map to a very small number rather than NaN.
fn safe_log10(v: f64) -> f64 {
    if v > 0.0 {
        libm::log10(v)
    } else {
        -300.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_spec_formulas() {
        let h = Hardware::default();
        let s = Spending::default();
        // 2025: the start values themselves, barely touched by the far-away caps.
        assert!((log10_flop_per_dollar(&h, 2025.0, 1.0) - 17.602).abs() < 1e-3);
        assert!((log10_spend(&s, 2025.0, 1.0) - 8.9977).abs() < 1e-3);
        // 2050: 25 years of 2.5-year halvings = 10 halvings = 3.01 OOM, then the logistic.
        let direct = {
            let f0: f64 = 4e17;
            let e = (std::f64::consts::LN_2 / 2.5 * 25.0).exp();
            (f0 * e / (1.0 + f0 / 1e24 * e)).log10()
        };
        assert!((log10_flop_per_dollar(&h, 2050.0, 1.0) - direct).abs() < 1e-9);
        let direct_spend = {
            let cap = 0.01 * 2.13e13 * 1.03f64.powf(30.0);
            let e = (std::f64::consts::LN_2 / 2.0 * 25.0).exp();
            (1e9 * e / (1.0 + 1e9 / cap * e)).log10()
        };
        assert!((log10_spend(&s, 2050.0, 1.0) - direct_spend).abs() < 1e-9);
    }

    #[test]
    fn progress_is_the_spec_logistic_and_saturates_at_the_cap() {
        let direct = |t: f64, h: f64, m: f64| {
            let e = (std::f64::consts::LN_2 / h * t).exp();
            e.log10() - (1.0 + e / 10f64.powf(m)).log10()
        };
        for (t, h, m) in [(0.0, 3.5, 2.0), (10.0, 2.0, 5.0), (40.0, 2.5, 3.0)] {
            assert!((algorithmic_progress_oom(t, h, m) - direct(t, h, m)).abs() < 1e-12);
        }
        assert!((algorithmic_progress_oom(1e4, 1.0, 4.0) - 4.0).abs() < 1e-12);
        assert!(algorithmic_progress_oom(1e6, 0.01, 4.0).is_finite());
    }

    /// The series carried year to year stays within 1e-12 OOM of the direct formula, across
    /// the cap, for tiny and huge halving times and caps, and after a fractional first year.
    #[test]
    fn progress_series_follows_the_direct_formula() {
        for h in [1e-6, 1e-3, 0.01, 0.5, 2.0, 3.5, 40.0, 1e6] {
            for m in [0.0, 0.5, 2.0, 5.0, 30.0, 400.0] {
                for start in [0.0, 0.3] {
                    let mut series = ProgressSeries::new(h, m);
                    let mut last_t: Option<f64> = None;
                    for year in 0..200 {
                        let t = (year as f64 - start).max(0.0);
                        let next_year = last_t.is_some_and(|l| l > 0.0 && t - l == 1.0);
                        let carried = series.at(t, next_year);
                        let direct = algorithmic_progress_oom(t, h, m);
                        assert!(
                            (carried - direct).abs() <= 1e-12,
                            "h {h} m {m} start {start} t {t}: {carried} vs {direct}"
                        );
                        last_t = Some(t);
                    }
                }
            }
        }
    }
}
