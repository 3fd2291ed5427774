//! The scenario: every input of the model in one serde-serializable value.
//!
//! It is the single thing the UI edits, share links encode, storage saves and the CLI reads.
//! Every field is addressed by a dotted key of the parameter registry ([`crate::params`]),
//! which also holds each field's unit, allowed range and the source of its default.
//! Values are in the units shown to people (years, OOM, %, $), never pre-converted.

use serde::{Deserialize, Serialize};

use super::anchor::{Anchor, PerAnchor};
use super::components::ComponentAssumptions;

/// Settings that belong to one anchor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnchorSettings {
    /// Relative weight (normalized together with the other anchors and "beyond all anchors").
    pub weight: f64,
    /// Shift of this anchor's requirement distribution, OOM (added to the global shift).
    pub shift_oom: f64,
    /// Multiplier on this anchor's spread around its median (times the global multiplier).
    pub spread_scale: f64,
    /// Extra Gaussian uncertainty convolved onto this anchor's distribution, σ in OOM.
    pub extra_sigma_oom: f64,
    /// Build this anchor's distribution from components instead of the author's table.
    pub use_components: bool,
    /// Replace the F-dependent algorithmic-progress rule by a fixed halving time and cap.
    pub algo_override: bool,
    /// Fixed halving time of the override, years.
    pub algo_halving_years: f64,
    /// Fixed cap of the override, OOM.
    pub algo_cap_oom: f64,
}

impl AnchorSettings {
    /// Best-guess settings of `anchor`. Weights: Cotra (2020) as summarised by Epoch (2022); only
    /// these fit the author's published curve. Override defaults: the default algorithmic-progress
    /// rule evaluated at the anchor's tabulated median, so switching the override on changes
    /// little at first.
    pub fn best_guess(anchor: Anchor) -> AnchorSettings {
        AnchorSettings::best_guess_with_rule(anchor, &AlgorithmicProgress::default())
    }

    /// [`AnchorSettings::best_guess`] with the override's defaults taken from `rule`.
    pub fn best_guess_with_rule(anchor: Anchor, rule: &AlgorithmicProgress) -> AnchorSettings {
        let (weight, median): (f64, f64) = match anchor {
            Anchor::Lifetime => (5.0, 28.8),
            Anchor::NnShort => (20.0, 32.4),
            Anchor::NnMedium => (30.0, 34.9),
            Anchor::NnLong => (15.0, 37.8),
            Anchor::Genome => (10.0, 33.8),
            Anchor::Evolution => (10.0, 41.25),
        };
        AnchorSettings {
            weight,
            shift_oom: 0.0,
            spread_scale: 1.0,
            extra_sigma_oom: 0.0,
            use_components: false,
            algo_override: false,
            // Rounded to the slider step so a share link of the default stays short.
            algo_halving_years: (rule.halving_years_at(median) * 10.0).round() / 10.0,
            algo_cap_oom: (rule.cap_oom_at(median) * 10.0).round() / 10.0,
        }
    }
}

impl Default for AnchorSettings {
    fn default() -> Self {
        AnchorSettings::best_guess(Anchor::NnMedium)
    }
}

/// Adjustments applied to every anchor's requirement distribution, and the low-end update.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Requirements {
    /// Shift of every median, OOM.
    pub shift_oom: f64,
    /// Multiplier on every spread around its median.
    pub spread_scale: f64,
    /// Extra Gaussian uncertainty on every anchor, σ in OOM: our extension (0 in the report).
    /// Not the author's "+- 5 OOM uncertainty in training FLOP requirements on top of the anchor
    /// distribution", which is the spread her per-anchor distributions already have.
    pub extra_sigma_oom: f64,
    /// Low-end update: no requirement below this many log10 FLOP (compute already spent
    /// without reaching TAI). Default log10(1.1e6 $ × 1.2e17 FLOP/$), AlphaStar.
    pub floor_log10_flop: f64,
}

/// log10 FLOP of the largest run known in 2020: AlphaStar, ~$1.1e6 at ~1.2e17 FLOP/$. The
/// author's best-guess spreadsheet puts no requirement mass below it.
pub fn alphastar_log10_flop() -> f64 {
    (1.1e6_f64 * 1.2e17).log10()
}

impl Default for Requirements {
    fn default() -> Self {
        Requirements {
            shift_oom: 0.0,
            spread_scale: 1.0,
            extra_sigma_oom: 0.0,
            floor_log10_flop: alphastar_log10_flop(),
        }
    }
}

/// Algorithmic progress, by the rule of public reimplementations of the report: halving time and
/// cap are linear in the requirement F between two endpoints and clamped outside them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlgorithmicProgress {
    /// Year from which progress is counted (2025, fitted to the author's published curve).
    pub start_year: f64,
    /// Halving time for small requirements (F ≤ `halving_f_low`), years.
    pub halving_years_small: f64,
    /// Halving time for large requirements (F ≥ `halving_f_high`), years.
    pub halving_years_large: f64,
    /// Requirement (log10 FLOP) where the halving time starts to fall.
    pub halving_f_low: f64,
    /// Requirement (log10 FLOP) where it reaches its large-requirement value.
    pub halving_f_high: f64,
    /// Cap on progress for small requirements, OOM.
    pub cap_oom_small: f64,
    /// Cap on progress for large requirements, OOM.
    pub cap_oom_large: f64,
    /// Requirement (log10 FLOP) where the cap starts to rise.
    pub cap_f_low: f64,
    /// Requirement (log10 FLOP) where it reaches its large-requirement value.
    pub cap_f_high: f64,
}

impl Default for AlgorithmicProgress {
    /// h(F) = clamp(3.5 − (3/14)·(F − 29), 2, 3.5) years and m(F) = clamp(2 + 0.3·(F − 32), 2, 5)
    /// OOM: 2 years reached at 1e36 FLOP and 5 OOM at 1e42. No public text gives the rule's
    /// endpoints; these are a fit to the author's published best-guess curve (her spreadsheet's
    /// P(TAI by year), 2025–2100: 7.72% by 2030, 17.69% by 2036, 45.68% by 2050, median 2052.9),
    /// with the values at the ends (3.5 and 2 years, 2 and 5 OOM) those of the public
    /// reimplementations. Their endpoints (1e35 and 1e44, [`AlgorithmicProgress::version_1`])
    /// match her curve to 2050 but fall 1.6 percentage points short by 2060 and 3.4 by 2100.
    fn default() -> Self {
        AlgorithmicProgress {
            start_year: 2025.0,
            halving_years_small: 3.5,
            halving_years_large: 2.0,
            halving_f_low: 29.0,
            halving_f_high: 36.0,
            cap_oom_small: 2.0,
            cap_oom_large: 5.0,
            cap_f_low: 32.0,
            cap_f_high: 42.0,
        }
    }
}

impl AlgorithmicProgress {
    /// The rule of the public reimplementations, the default of version 1 of links, saved
    /// scenarios and files (which keep their numbers): h(F) = clamp(3.5 − (F − 29)/4, 2, 3.5),
    /// m(F) = clamp(2 + (F − 32)/4, 2, 5), i.e. 2 years at 1e35 and 5 OOM at 1e44.
    pub fn version_1() -> Self {
        AlgorithmicProgress {
            halving_f_high: 35.0,
            cap_f_high: 44.0,
            ..AlgorithmicProgress::default()
        }
    }
}

/// Position of `f` between `lo` and `hi`, in [0, 1]; a step at `lo` when the endpoints coincide
/// or are reversed (sliders can put them anywhere).
fn ramp(f: f64, lo: f64, hi: f64) -> f64 {
    if hi > lo {
        ((f - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else if f >= lo {
        1.0
    } else {
        0.0
    }
}

impl AlgorithmicProgress {
    /// Halving time (years) for a requirement of `f` log10 FLOP.
    pub fn halving_years_at(&self, f: f64) -> f64 {
        let s = ramp(f, self.halving_f_low, self.halving_f_high);
        self.halving_years_small + s * (self.halving_years_large - self.halving_years_small)
    }

    /// Cap (OOM) for a requirement of `f` log10 FLOP.
    pub fn cap_oom_at(&self, f: f64) -> f64 {
        let s = ramp(f, self.cap_f_low, self.cap_f_high);
        self.cap_oom_small + s * (self.cap_oom_large - self.cap_oom_small)
    }
}

/// FLOP per dollar: a logistic from the 2025 value toward a ceiling. Defaults: Cotra (2020) as
/// summarised by Epoch and used by public reimplementations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Hardware {
    /// FLOP per dollar in 2025 (4e17; ~1e17 in 2020).
    pub flop_per_dollar_2025: f64,
    /// Years for the price of a FLOP to halve (2.5).
    pub halving_years: f64,
    /// Ceiling on FLOP per dollar (1e24: it levels off after ~6 OOM).
    pub max_flop_per_dollar: f64,
}

impl Default for Hardware {
    fn default() -> Self {
        Hardware {
            flop_per_dollar_2025: 4e17,
            halving_years: 2.5,
            max_flop_per_dollar: 1e24,
        }
    }
}

/// Willingness to spend on the largest training run: a logistic toward a share of GDP.
/// Defaults: Cotra (2020) as summarised by Epoch and used by public reimplementations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Spending {
    /// Largest training run in 2025, dollars ($1e9).
    pub dollars_2025: f64,
    /// Years for that spend to double while far from the cap (2; some reimplementations use 2.5,
    /// but only 2 fits the author's published curve).
    pub doubling_years: f64,
    /// Cap on one run, percent of the largest economy's GDP (1%).
    pub cap_percent_gdp: f64,
    /// GDP of the largest economy in 2020, dollars (2.13e13, the US).
    pub gdp_2020_dollars: f64,
    /// Real GDP growth, percent per year (3%).
    pub gdp_growth_percent: f64,
}

impl Default for Spending {
    fn default() -> Self {
        Spending {
            dollars_2025: 1e9,
            doubling_years: 2.0,
            cap_percent_gdp: 1.0,
            gdp_2020_dollars: 2.13e13,
            gdp_growth_percent: 3.0,
        }
    }
}

/// Uncertainty on the trajectories, each given as an 80% interval. A factor of 1 (or 0 OOM)
/// means certain; the forecast integrates over the uncertain ones by Gauss–Hermite quadrature.
/// Defaults: certain, as in the report, though its author agreed that the proper technique would
/// add uncertainty on algorithmic progress (her reply to a reader in the comments on "Draft
/// report on AI timelines", LessWrong 2020).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Uncertainty {
    /// Algorithmic-progress halving times: 80% interval = value ×/÷ factor (lognormal).
    pub algo_halving_factor: f64,
    /// Algorithmic-progress cap: 80% interval = value ± this many OOM (normal).
    pub algo_cap_oom: f64,
    /// Hardware price halving time: 80% interval = value ×/÷ factor.
    pub hardware_halving_factor: f64,
    /// Spend doubling time: 80% interval = value ×/÷ factor.
    pub spend_doubling_factor: f64,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            algo_halving_factor: 1.0,
            algo_cap_oom: 0.0,
            hardware_halving_factor: 1.0,
            spend_doubling_factor: 1.0,
        }
    }
}

/// Every input of the model. `Default` is the Cotra 2020 best guess.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    pub anchors: PerAnchor<AnchorSettings>,
    /// Relative weight of "the requirement is beyond every anchor" (never reached). Best guess: 10 (Cotra 2020).
    pub beyond_weight: f64,
    pub requirements: Requirements,
    /// Assumptions behind the component-built distributions, used by the anchors
    /// whose `use_components` is on.
    pub components: ComponentAssumptions,
    pub algorithmic_progress: AlgorithmicProgress,
    pub hardware: Hardware,
    pub spending: Spending,
    pub uncertainty: Uncertainty,
    /// Last year of the forecast (the first is 2025).
    pub end_year: f64,
}

/// First year of every forecast and the model's time origin (t = Y − 2025).
pub const FIRST_YEAR: i32 = 2025;

/// The latest last year a forecast can have: the top of `forecast.end_year`'s range in the
/// registry, and the cap of [`Scenario::last_year`] for any `end_year`, so no scenario (not even
/// a hand-built one) makes a forecast of more than 176 years.
pub const MAX_END_YEAR: i32 = 2200;

/// Why a year that a question names (the solver's target, the tornado's P(TAI by YEAR), "given
/// no TAI by YEAR") is refused: it is not one of the forecast's years, 2025 ..= its last year.
/// The solver, the tornado and conditioning check it before they run anything, so a year of
/// 1e9 costs nothing; its `Display` is the message the CLI and the app both show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum YearError {
    /// NaN or infinite.
    NotANumber {
        last: i32,
    },
    OutOfRange {
        year: f64,
        last: i32,
    },
}

impl std::fmt::Display for YearError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            YearError::NotANumber { last } => write!(
                f,
                "the year must be a number within the forecast's years [{FIRST_YEAR}, {last}]"
            ),
            // `shortest`: 1e9 as typed, not "1000000000".
            YearError::OutOfRange { year, last } => {
                write!(
                    f,
                    "{} is outside the forecast's years [{FIRST_YEAR}, {last}]",
                    super::number::shortest(year)
                )?;
                if year > last as f64 && year <= MAX_END_YEAR as f64 {
                    write!(
                        f,
                        "; a longer forecast (`forecast.end_year`, up to {MAX_END_YEAR}) includes it"
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for YearError {}

/// Whether `year` (fractional years allowed, as a median is) lies within 2025 ..= `last`.
pub fn check_year(year: f64, last: i32) -> Result<(), YearError> {
    if !year.is_finite() {
        return Err(YearError::NotANumber { last });
    }
    if !(FIRST_YEAR as f64..=last as f64).contains(&year) {
        return Err(YearError::OutOfRange { year, last });
    }
    Ok(())
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            anchors: PerAnchor::from_fn(AnchorSettings::best_guess),
            beyond_weight: 10.0,
            requirements: Requirements::default(),
            components: ComponentAssumptions::default(),
            algorithmic_progress: AlgorithmicProgress::default(),
            hardware: Hardware::default(),
            spending: Spending::default(),
            uncertainty: Uncertainty::default(),
            end_year: 2100.0,
        }
    }
}

/// Normalized weights: each anchor's share and the "beyond all anchors" share; they sum to 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NormalizedWeights {
    pub anchors: PerAnchor<f64>,
    pub beyond: f64,
}

impl Scenario {
    /// The weights as shares summing to 1. Negative or non-finite inputs count as 0; if every
    /// weight is 0, all mass goes to "beyond all anchors" (nothing is ever reached).
    pub fn normalized_weights(&self) -> NormalizedWeights {
        let clean = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
        let raw = self.anchors.map(|_, s| clean(s.weight));
        let beyond = clean(self.beyond_weight);
        let total: f64 = raw.iter().map(|(_, w)| *w).sum::<f64>() + beyond;
        if total <= 0.0 {
            return NormalizedWeights {
                anchors: PerAnchor::from_fn(|_| 0.0),
                beyond: 1.0,
            };
        }
        NormalizedWeights {
            anchors: raw.map(|_, w| w / total),
            beyond: beyond / total,
        }
    }

    /// The years of the forecast: 2025 ..= end_year, rounded and kept within
    /// 2025 ..= [`MAX_END_YEAR`] (an `end_year` set without `set`, say 1e9, is capped too).
    pub fn last_year(&self) -> i32 {
        let y = if self.end_year.is_finite() {
            self.end_year.round()
        } else {
            2100.0
        };
        (y as i32).clamp(FIRST_YEAR, MAX_END_YEAR)
    }

    /// [`check_year`] against this scenario's forecast: 2025 ..= [`Scenario::last_year`].
    pub fn check_year(&self, year: f64) -> Result<(), YearError> {
        check_year(year, self.last_year())
    }
}
