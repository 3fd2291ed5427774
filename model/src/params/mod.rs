//! The parameter registry: every numeric input of a [`Scenario`] under a stable dotted key,
//! with its unit, allowed range, slider step and the source of its default.
//!
//! Toggles and choices are numbers too (0/1), so a scenario is fully described by
//! `key = number` pairs: that is what share links encode and what sliders edit. `access.rs`
//! reads and writes a [`Scenario`] by key.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::components::component_params;
use super::scenario::{Scenario, MAX_END_YEAR};

mod access;

/// The section of the controls a parameter belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParamGroup {
    Weights,
    Requirements,
    Components,
    AlgorithmicProgress,
    Hardware,
    Spending,
    Uncertainty,
}

/// How a parameter's value is interpreted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParamKind {
    Continuous,
    /// Rounded to the nearest whole number by [`Scenario::set`].
    Integer,
    /// 0 or 1; [`Scenario::set`] maps values ≥ 0.5 to 1.
    Toggle,
}

/// Description of one parameter. Defaults live in [`Scenario::default`]; `source` says where
/// each default (and the `plausible` range) comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParamSpec {
    pub key: &'static str,
    pub group: ParamGroup,
    /// Some for per-anchor parameters (the UI groups them per anchor).
    pub anchor: Option<Anchor>,
    pub label: &'static str,
    /// "years", "OOM", "log10 FLOP", "$", "%", "FLOP/$", "×" or "".
    pub unit: &'static str,
    /// Allowed range: the slider's range; links and `set` clamp to it.
    pub min: f64,
    pub max: f64,
    /// Number-box step, in display units.
    pub step: f64,
    /// The slider moves in log10 space (quantities spanning orders of magnitude).
    pub log_scale: bool,
    pub kind: ParamKind,
    pub help: &'static str,
    pub source: &'static str,
    /// Low/high ends for sensitivity analysis; their origin is in `source`.
    pub plausible: (f64, f64),
}

/// Why [`Scenario::set`] refused a value.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamError {
    UnknownKey(String),
    NotFinite(String),
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamError::UnknownKey(k) => write!(f, "unknown parameter `{k}`"),
            ParamError::NotFinite(k) => write!(f, "parameter `{k}` needs a finite number"),
        }
    }
}

impl std::error::Error for ParamError {}

/// Every parameter, in display order.
pub fn param_specs() -> &'static [ParamSpec] {
    static SPECS: OnceLock<Vec<ParamSpec>> = OnceLock::new();
    SPECS.get_or_init(build_specs)
}

/// The parameter with this key.
pub fn param_spec(key: &str) -> Option<&'static ParamSpec> {
    static INDEX: OnceLock<std::collections::HashMap<&'static str, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        param_specs()
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key, i))
            .collect()
    });
    index.get(key).map(|&i| &param_specs()[i])
}

const SOURCE_WEIGHTS: &str =
    "Cotra 2020, as summarised in Epoch's 'Grokking \"Forecasting TAI with biological \
     anchors\"' (2022); only these weights fit the author's published curve. \
     Plausible range: half to double the weight, a sensitivity convention.";
const SOURCE_REQ: &str = "No adjustment is the report's best guess: its tabulated distributions as they are. Plausible range \
     ±5 OOM: our sensitivity range, about one σ of a neural-network anchor (their 10–90% ranges \
     are 11–12.5 OOM wide in the author's table).";
const SOURCE_SIGMA: &str =
    "No extra noise is the report's best guess: her per-anchor distributions already hold the \
     uncertainty she meant. This slider is our extension, not her \"±5 OOM\": in her reply to \
     readers she wrote \"I was roughly aiming for +- 5 OOM uncertainty in training FLOP \
     requirements on top of the anchor distribution, and then apportioned uncertainty between \
     model size and scaling behavior based on which one seemed more uncertain\", the spread \
     around each anchor's central estimate that her tables already have (the neural-network \
     anchors' 10–90% ranges are 11–12.5 OOM wide). Plausible high end σ = 2.5 OOM, our \
     judgment: added in quadrature it widens a neural-network anchor (σ ≈ 4.3–4.9 OOM) by \
     12–16%.";
/// Help of the "build from components" toggles: what the mode is, and how its low end differs
/// from the table's (the numbers are held by `model/tests/model/components_calibration.rs`).
const COMPONENTS_HELP: &str = "Off: the author's tabulated distribution. On: sample \
     it from the component assumptions below. The low end differs: components are \
     cut off sharply at the low-end floor (all mass below 10^23.12 FLOP removed by default, the \
     rest renormalized), where the author's table suppresses the low end softly, so built from \
     components an anchor keeps more mass just above the floor. CDF at 10^25, 10^26 and 10^27 \
     FLOP, components vs table: short-horizon NN 3.4/6.7/10.8% vs 1.1/3.1/6.7%, lifetime \
     8.0/16.2/26.3% vs 5.2/12.9/24.4%, medium-horizon NN 0.9/2.0/3.3% vs 0.3/0.9/2.2%. With every \
     anchor from components, P(TAI by 2025) is 3.8% instead of 2.6% and by 2030 8.1% instead \
     of 7.7%.";
const SOURCE_OVERRIDE: &str =
    "Default: the algorithmic-progress rule of public reimplementations of the report, \
     evaluated at this anchor's tabulated median. Plausible: halving 1.5–3.5 years, the spread \
     of the report's conservative and aggressive scenarios.";
const SOURCE_UNCERTAINTY: &str = "Certain by default, as in the report; in her reply to readers \
     (comments on 'Draft report on AI timelines', LessWrong 2020, lesswrong.com/posts/KrJfoZzpSDpnrv9va/draft-report-on-ai-timelines) the author agreed \"that the proper modeling technique would involve introducing uncertainty on \
     algorithmic progress, and that this uncertainty would be pretty wide\". The widths are ours: \
     plausible high end a reader's suggestion of wide uncertainty, judged by us.";

/// Leaks a formatted string once: the registry is built a single time per process.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[allow(clippy::too_many_arguments)]
fn spec(
    key: &'static str,
    group: ParamGroup,
    label: &'static str,
    unit: &'static str,
    (min, max, step): (f64, f64, f64),
    log_scale: bool,
    help: &'static str,
    source: &'static str,
    plausible: (f64, f64),
) -> ParamSpec {
    ParamSpec {
        key,
        group,
        anchor: None,
        label,
        unit,
        min,
        max,
        step,
        log_scale,
        kind: ParamKind::Continuous,
        help,
        source,
        plausible,
    }
}

fn per_anchor(anchor: Anchor, field: &str, mut s: ParamSpec) -> ParamSpec {
    s.key = leak(format!("anchor.{}.{}", anchor.key(), field));
    s.anchor = Some(anchor);
    s
}

fn build_specs() -> Vec<ParamSpec> {
    use ParamGroup::*;
    let mut v = Vec::new();
    let defaults = Scenario::default();

    for a in Anchor::ALL {
        let w = defaults.anchors.get(a).weight;
        v.push(per_anchor(
            a,
            "weight",
            spec(
                "",
                Weights,
                leak(format!("{} weight", a.label())),
                "",
                (0.0, 100.0, 1.0),
                false,
                "Relative weight of this anchor; all weights (with \"beyond all anchors\") are \
                 normalized to sum to 100%.",
                SOURCE_WEIGHTS,
                (w / 2.0, w * 2.0),
            ),
        ));
    }
    v.push(spec(
        "weights.beyond",
        Weights,
        "Beyond all anchors",
        "",
        (0.0, 100.0, 1.0),
        false,
        "Weight on \"every anchor underestimates the requirement\": this mass is never reached, \
         so it caps P(TAI).",
        SOURCE_WEIGHTS,
        (5.0, 20.0),
    ));

    v.push(spec(
        "requirements.shift_oom",
        Requirements,
        "Shift all requirements",
        "OOM",
        (-10.0, 10.0, 0.1),
        false,
        "Moves every anchor's median up (positive) or down by this many orders of magnitude.",
        SOURCE_REQ,
        (-5.0, 5.0),
    ));
    v.push(spec(
        "requirements.spread_scale",
        Requirements,
        "Scale all spreads",
        "×",
        (0.25, 4.0, 0.05),
        true,
        "Stretches (>1) or squeezes (<1) every anchor's distribution around its median.",
        "1 = the report's tabulated distributions. Plausible 0.5–2: a sensitivity convention.",
        (0.5, 2.0),
    ));
    v.push(spec(
        "requirements.extra_sigma_oom",
        Requirements,
        "Extra uncertainty on all anchors",
        "OOM",
        (0.0, 6.0, 0.1),
        false,
        "Standard deviation of a Gaussian (in OOM) convolved onto every anchor's distribution.",
        SOURCE_SIGMA,
        (0.0, 2.5),
    ));
    v.push(spec(
        "requirements.floor_log10_flop",
        Requirements,
        "Low-end floor",
        "log10 FLOP",
        (15.0, 30.0, 0.01),
        false,
        "Compute already spent without reaching TAI: requirements below it are ruled out and \
         the rest renormalized (the report's \"update against the low end\").",
        "log10(1.1e6 $ × 1.2e17 FLOP/$) ≈ 23.12, AlphaStar, the largest 2020 run; the report's tables have no mass below it. \
         Plausible high end: ~5e26 FLOP, the largest runs of 2025 (Epoch AI: Grok 3, 4.6e26). \
         Requirements are FLOP with 2020's algorithms, so counting 2020–2025's algorithmic \
         progress (2.3 OOM at an 8-month halving, Ho et al. 2024) that run is 10^28.92, where \
         the re-estimated-growth preset puts the floor.",
        (23.12, 26.7),
    ));
    for a in Anchor::ALL {
        v.push(per_anchor(
            a,
            "shift_oom",
            spec(
                "",
                Requirements,
                leak(format!("{}: shift", a.label())),
                "OOM",
                (-10.0, 10.0, 0.1),
                false,
                "Moves this anchor's median up or down, on top of the global shift.",
                SOURCE_REQ,
                (-5.0, 5.0),
            ),
        ));
        v.push(per_anchor(
            a,
            "spread_scale",
            spec(
                "",
                Requirements,
                leak(format!("{}: scale spread", a.label())),
                "×",
                (0.25, 4.0, 0.05),
                true,
                "Stretches or squeezes this anchor's distribution around its median, on top of \
                 the global scale.",
                "1 = the report's tabulated distribution. Plausible 0.5–2: a sensitivity convention.",
                (0.5, 2.0),
            ),
        ));
        v.push(per_anchor(
            a,
            "extra_sigma_oom",
            spec(
                "",
                Requirements,
                leak(format!("{}: extra uncertainty", a.label())),
                "OOM",
                (0.0, 6.0, 0.1),
                false,
                "Gaussian σ (OOM) convolved onto this anchor, combined with the global one in \
                 quadrature.",
                SOURCE_SIGMA,
                (0.0, 2.5),
            ),
        ));
    }

    for a in Anchor::ALL {
        let mut s = per_anchor(
            a,
            "use_components",
            spec(
                "",
                Components,
                leak(format!("{}: build from components", a.label())),
                "",
                (0.0, 1.0, 1.0),
                false,
                COMPONENTS_HELP,
                "Off by default: the table is the reference, components (Cotra 2020 and the Squiggle port, \
                 github.com/jqhoogland/ai-timelines) are for exploring it.",
                (0.0, 1.0),
            ),
        );
        s.kind = ParamKind::Toggle;
        v.push(s);
    }
    // The component assumptions, as the components module describes them. They are already in
    // log10 units, so a step of 0.1 OOM is fine for every one of them.
    for p in component_params() {
        v.push(ParamSpec {
            key: leak(format!("components.{}", p.key)),
            group: Components,
            anchor: p.anchor,
            label: p.label,
            unit: p.unit,
            min: p.min,
            max: p.max,
            step: 0.1,
            log_scale: p.log_scale,
            kind: ParamKind::Continuous,
            help: p.help,
            source: p.source,
            plausible: p.plausible,
        });
    }

    let ap = "The values at the rule's ends (3.5 and 2 years, 2 and 5 OOM) and its low ends \
              (1e29 and 1e32 FLOP): the public reimplementations of the report. Its high ends (2 \
              years reached at 1e36 FLOP, 5 OOM at 1e42): a fit to the author's published \
              best-guess curve 2025–2100, not her text, which gives no endpoints (the \
              reimplementations' 1e35 and 1e44 match her curve to 2050, then fall 1.6 \
              percentage points short by 2060 and 3.4 by 2100). Plausible: about ±1 year of \
              halving time and ±1–2 OOM of cap around the rule, and ±2–4 OOM for its endpoints \
              (our judgment; Epoch's summary of the report says halving every ~2–3 years).";
    let mut start = spec(
        "algo.start_year",
        AlgorithmicProgress,
        "Progress counted from",
        "year",
        (2020.0, 2040.0, 1.0),
        false,
        "Year from which algorithmic progress accumulates.",
        "2025, fitted to the author's published curve.",
        (2020.0, 2025.0),
    );
    start.kind = ParamKind::Integer;
    v.push(start);
    for (key, label, help, range, plaus) in [
        (
            "algo.halving_years_small",
            "Halving time, small requirements",
            "Years for the compute needed to halve, for requirements at or below the low end of the rule.",
            (0.25, 10.0, 0.05),
            (2.5, 5.0),
        ),
        (
            "algo.halving_years_large",
            "Halving time, large requirements",
            "Years for the compute needed to halve, for requirements at or above the high end of the rule.",
            (0.25, 10.0, 0.05),
            (1.5, 3.0),
        ),
        (
            "algo.halving_f_low",
            "Halving rule: low end",
            "Requirement (log10 FLOP) below which the small-requirement halving time applies.",
            (15.0, 60.0, 0.5),
            (27.0, 31.0),
        ),
        (
            "algo.halving_f_high",
            "Halving rule: high end",
            "Requirement (log10 FLOP) above which the large-requirement halving time applies.",
            (15.0, 60.0, 0.5),
            (34.0, 38.0),
        ),
        (
            "algo.cap_oom_small",
            "Cap, small requirements",
            "Most OOM of progress possible for requirements at or below the low end of the rule.",
            (0.0, 15.0, 0.1),
            (1.0, 3.0),
        ),
        (
            "algo.cap_oom_large",
            "Cap, large requirements",
            "Most OOM of progress possible for requirements at or above the high end of the rule.",
            (0.0, 15.0, 0.1),
            (4.0, 7.0),
        ),
        (
            "algo.cap_f_low",
            "Cap rule: low end",
            "Requirement (log10 FLOP) below which the small-requirement cap applies.",
            (15.0, 60.0, 0.5),
            (30.0, 34.0),
        ),
        (
            "algo.cap_f_high",
            "Cap rule: high end",
            "Requirement (log10 FLOP) above which the large-requirement cap applies.",
            (15.0, 60.0, 0.5),
            (38.0, 46.0),
        ),
    ] {
        v.push(spec(
            key,
            AlgorithmicProgress,
            label,
            if key.contains("years") {
                "years"
            } else if key.contains("_f_") {
                "log10 FLOP"
            } else {
                "OOM"
            },
            range,
            false,
            help,
            ap,
            plaus,
        ));
    }
    for a in Anchor::ALL {
        let mut t = per_anchor(
            a,
            "algo_override",
            spec(
                "",
                AlgorithmicProgress,
                leak(format!("{}: own progress rate", a.label())),
                "",
                (0.0, 1.0, 1.0),
                false,
                "On: this anchor uses the fixed halving time and cap below instead of the rule.",
                "Off by default: the reimplementations' rule depends on the requirement only.",
                (0.0, 1.0),
            ),
        );
        t.kind = ParamKind::Toggle;
        v.push(t);
        v.push(per_anchor(
            a,
            "algo_halving_years",
            spec(
                "",
                AlgorithmicProgress,
                leak(format!("{}: halving time", a.label())),
                "years",
                (0.25, 10.0, 0.05),
                false,
                "Fixed algorithmic-progress halving time for this anchor (when its override is on).",
                SOURCE_OVERRIDE,
                (1.5, 3.5),
            ),
        ));
        v.push(per_anchor(
            a,
            "algo_cap_oom",
            spec(
                "",
                AlgorithmicProgress,
                leak(format!("{}: progress cap", a.label())),
                "OOM",
                (0.0, 15.0, 0.1),
                false,
                "Fixed cap on algorithmic progress for this anchor (when its override is on).",
                SOURCE_OVERRIDE,
                (1.0, 7.0),
            ),
        ));
    }

    let hw = "Cotra 2020, as summarised by Epoch and used by public reimplementations; fits the \
              author's published curve. Plausible: the report's conservative and aggressive \
              scenarios (inputs from public reimplementations' notes).";
    v.push(spec(
        "hardware.flop_per_dollar_2025",
        Hardware,
        "FLOP per dollar in 2025",
        "FLOP/$",
        (1e15, 1e20, 1e16),
        true,
        "Training FLOP one dollar buys in 2025.",
        "4e17: Cotra 2020's ~1e17 in 2020, halving every 2.5 years (as summarised by Epoch). \
         Plausible 1e17–1e18: ±0.6 OOM, our judgment.",
        (1e17, 1e18),
    ));
    v.push(spec(
        "hardware.halving_years",
        Hardware,
        "FLOP/$ halving time",
        "years",
        (0.5, 10.0, 0.1),
        false,
        "Years for the price of a FLOP to halve while far from the ceiling.",
        hw,
        (1.5, 3.5),
    ));
    v.push(spec(
        "hardware.max_flop_per_dollar",
        Hardware,
        "FLOP per dollar ceiling",
        "FLOP/$",
        (1e18, 1e30, 1e22),
        true,
        "Physical/economic limit that FLOP per dollar levels off at.",
        hw,
        (1e22, 1e26),
    ));

    let sp = "Cotra 2020, as summarised by Epoch and used by public reimplementations (some \
              double spend every 2.5 years; only 2 fits the author's published curve). \
              Plausible: the report's conservative and aggressive scenarios (inputs from public \
              reimplementations' notes).";
    v.push(spec(
        "spend.dollars_2025",
        Spending,
        "Largest training run in 2025",
        "$",
        (1e6, 1e12, 1e8),
        true,
        "Dollars spent on the largest training run in 2025.",
        sp,
        (1e8, 1e10),
    ));
    v.push(spec(
        "spend.doubling_years",
        Spending,
        "Spend doubling time",
        "years",
        (0.25, 10.0, 0.05),
        false,
        "Years for the largest run's budget to double while far from the cap.",
        sp,
        (1.0, 3.0),
    ));
    v.push(spec(
        "spend.cap_percent_gdp",
        Spending,
        "Spend cap",
        "%",
        (0.01, 20.0, 0.1),
        true,
        "Most one training run can cost, as a percentage of the largest economy's GDP.",
        sp,
        (0.5, 2.0),
    ));
    v.push(spec(
        "spend.gdp_2020_dollars",
        Spending,
        "GDP of the largest economy, 2020",
        "$",
        (1e12, 1e15, 1e12),
        true,
        "GDP in 2020 of the economy that sets the spending cap.",
        "2.13e13 $, US GDP in 2020 (Cotra 2020, as used by public reimplementations). \
         Plausible: ±20%, our judgment.",
        (1.7e13, 2.6e13),
    ));
    v.push(spec(
        "spend.gdp_growth_percent",
        Spending,
        "GDP growth",
        "%",
        (-2.0, 10.0, 0.1),
        false,
        "Real growth of that GDP per year.",
        sp,
        (2.0, 5.0),
    ));

    for (key, label, help, unit, range, plaus) in [
        (
            "uncertainty.algo_halving_factor",
            "Algorithmic halving time uncertainty",
            "80% interval of every algorithmic-progress halving time = value ×/÷ this factor \
             (lognormal); 1 = certain.",
            "×",
            (1.0, 5.0, 0.05),
            (1.0, 2.0),
        ),
        (
            "uncertainty.algo_cap_oom",
            "Algorithmic cap uncertainty",
            "80% interval of every algorithmic-progress cap = value ± this many OOM (normal); \
             0 = certain.",
            "OOM",
            (0.0, 5.0, 0.1),
            (0.0, 2.0),
        ),
        (
            "uncertainty.hardware_halving_factor",
            "FLOP/$ halving time uncertainty",
            "80% interval of the FLOP/$ halving time = value ×/÷ this factor; 1 = certain.",
            "×",
            (1.0, 5.0, 0.05),
            (1.0, 1.5),
        ),
        (
            "uncertainty.spend_doubling_factor",
            "Spend doubling time uncertainty",
            "80% interval of the spend doubling time = value ×/÷ this factor; 1 = certain.",
            "×",
            (1.0, 5.0, 0.05),
            (1.0, 1.5),
        ),
    ] {
        v.push(spec(
            key,
            Uncertainty,
            label,
            unit,
            range,
            false,
            help,
            SOURCE_UNCERTAINTY,
            plaus,
        ));
    }
    let mut end = spec(
        "forecast.end_year",
        Uncertainty,
        "Forecast until",
        "year",
        (2030.0, MAX_END_YEAR as f64, 1.0),
        false,
        "Last year of the forecast (the first is 2025).",
        "2100, the horizon of the report's charts.",
        (2100.0, 2100.0),
    );
    end.kind = ParamKind::Integer;
    v.push(end);
    v
}
