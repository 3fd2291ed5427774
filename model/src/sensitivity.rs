//! Sensitivity analysis (the tornado chart): move one parameter at a time to the low and the
//! high end of its plausible range (`ParamSpec::plausible`, whose origin is in `source`) and
//! record how the median arrival year, or P(TAI by a year), responds.
//!
//! Speed: a tornado runs about two forecasts per parameter, so every run computes only what its
//! metric reads: P(TAI by year) alone ([`Engine::p_by_year`]: no bands, no chart data), up to Y
//! for P(TAI by Y), and up to the 50% crossing for a median. A year of a forecast depends only
//! on the years before it, so these short runs give the same bits as a full forecast. All runs
//! share one [`Engine`], whose caches keep the prepared requirement distributions and the φ
//! tables of the algorithmic-progress rule while other parameters move; parameters that change
//! the distributions run last, so they do not evict the base distributions in the middle of the
//! others.

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::forecast::{component_key, crossing_year, Engine, Forecast};
use super::params::{param_specs, ParamKind, ParamSpec};
use super::scenario::{Scenario, YearError, FIRST_YEAR};

/// What a tornado bar (or the solver) measures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Metric {
    /// The fractional year where P(TAI by year) reaches 50% (`Forecast::quantile_years`).
    MedianYear,
    /// P(TAI by this year), in [0, 1]. A tornado asks it only for a year of the scenario's
    /// forecast ([`Metric::check`]).
    PBy(i32),
}

impl Metric {
    /// Whether the metric can be asked of `scenario`: a median always, P(TAI by YEAR) only for
    /// a YEAR within the forecast's years (2025 ..= [`Scenario::last_year`]).
    pub fn check(&self, scenario: &Scenario) -> Result<(), YearError> {
        match *self {
            Metric::MedianYear => Ok(()),
            Metric::PBy(year) => scenario.check_year(year as f64),
        }
    }

    /// A short human name: "median arrival year", "P(TAI by 2036)".
    pub fn label(&self) -> String {
        match self {
            Metric::MedianYear => "median arrival year".to_string(),
            Metric::PBy(y) => format!("P(TAI by {y})"),
        }
    }

    /// The metric as `forecast` reports it. A median that is not reached by the forecast's
    /// last year is reported as that year, flagged `beyond_end`. P(TAI by Y) for a Y after the
    /// last year is P by the last year (a lower bound), flagged too; before 2025 it is 0.
    pub fn value(&self, forecast: &Forecast) -> MetricValue {
        let last = *forecast
            .years
            .last()
            .expect("a forecast has at least one year");
        self.of_p_by_year(&forecast.p_by_year, last)
    }

    /// [`Metric::value`] from P(TAI by year) for 2025 ..= `last` ([`Engine::p_by_year`]). For a
    /// median, the values may end at the 50% crossing.
    pub(crate) fn of_p_by_year(&self, p_by_year: &[f64], last: i32) -> MetricValue {
        match *self {
            Metric::MedianYear => {
                let years: Vec<i32> = (FIRST_YEAR..).take(p_by_year.len()).collect();
                match crossing_year(&years, p_by_year, 0.5) {
                    Some(y) => MetricValue::exact(y),
                    None => MetricValue {
                        value: last as f64,
                        beyond_end: true,
                    },
                }
            }
            Metric::PBy(year) if year < FIRST_YEAR => MetricValue::exact(0.0),
            Metric::PBy(year) => {
                let i = ((year - FIRST_YEAR) as usize).min(p_by_year.len() - 1);
                MetricValue {
                    value: p_by_year[i],
                    beyond_end: year > last,
                }
            }
        }
    }
}

/// One value of a [`Metric`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricValue {
    pub value: f64,
    /// The metric is cut off by the end of the forecast: the median is later than `value` (the
    /// last year), or the year asked for lies after it.
    pub beyond_end: bool,
}

impl MetricValue {
    fn exact(value: f64) -> MetricValue {
        MetricValue {
            value,
            beyond_end: false,
        }
    }
}

/// One bar of the tornado: the metric with one parameter at each end of its plausible range,
/// every other parameter as in the scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TornadoBar {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// The low and high ends actually used (the plausible range, clamped like a slider).
    pub low_value: f64,
    pub high_value: f64,
    pub metric_at_low: f64,
    pub metric_at_high: f64,
    /// The metric of the unchanged scenario.
    pub base: f64,
    /// Which of the three numbers above are cut off at the end of the forecast (see
    /// [`MetricValue::beyond_end`]): a median "after 2100" is shown as 2100.
    pub low_beyond_end: bool,
    pub high_beyond_end: bool,
    pub base_beyond_end: bool,
}

impl TornadoBar {
    /// Width of the bar: how far the metric moves between the two ends. Bars sort by it.
    pub fn swing(&self) -> f64 {
        (self.metric_at_high - self.metric_at_low).abs()
    }
}

/// Runs `scenario` just far enough to read `metric`: P(TAI by year) alone, up to Y for
/// P(TAI by Y), and up to the 50% crossing for a median. Never past the scenario's last year:
/// a Y after it (which [`Metric::check`] refuses) reads as P by the last year, flagged
/// `beyond_end`, like [`Metric::value`].
pub(crate) fn evaluate(engine: &mut Engine, scenario: &Scenario, metric: Metric) -> MetricValue {
    match metric {
        Metric::PBy(year) if year < FIRST_YEAR => MetricValue::exact(0.0),
        Metric::PBy(year) => {
            let mut s = scenario.clone();
            let last = scenario.last_year();
            s.end_year = year.min(last) as f64;
            metric.of_p_by_year(&engine.p_by_year(&s, None), last)
        }
        Metric::MedianYear => {
            let p_by_year = engine.p_by_year(scenario, Some(0.5));
            metric.of_p_by_year(&p_by_year, scenario.last_year())
        }
    }
}

/// Whether moving `spec` between `values` cannot change this scenario's forecast, so the
/// tornado can skip it: component assumptions that no component-built anchor uses, and the
/// fixed progress rate of an anchor whose override is off.
fn is_inert(scenario: &Scenario, spec: &ParamSpec, values: [f64; 2]) -> bool {
    if spec.key.starts_with("components.") {
        return values.iter().all(|&v| {
            let mut moved = scenario.clone();
            if moved.set(spec.key, v).is_err() {
                return true;
            }
            Anchor::ALL.iter().all(|&a| {
                !scenario.anchors.get(a).use_components
                    || component_key(a, &scenario.components) == component_key(a, &moved.components)
            })
        });
    }
    if let Some(a) = spec.anchor {
        let fixed_rate =
            spec.key.ends_with(".algo_halving_years") || spec.key.ends_with(".algo_cap_oom");
        return fixed_rate && !scenario.anchors.get(a).algo_override;
    }
    false
}

/// Whether the parameter feeds the requirement distributions (which the engine re-prepares
/// when it changes). Only used to order the runs.
fn moves_distributions(spec: &ParamSpec) -> bool {
    spec.key.starts_with("requirements.")
        || spec.key.starts_with("components.")
        || [".shift_oom", ".spread_scale", ".extra_sigma_oom"]
            .iter()
            .any(|end| spec.anchor.is_some() && spec.key.ends_with(end))
}

/// The parameters a tornado moves, in the order it runs them: every continuous or whole-number
/// parameter with a non-empty plausible range that can affect this scenario. Toggles are left
/// out: switching a distribution's source is a choice of model, not a point in a range, and
/// re-sampling components costs tens of milliseconds per anchor.
pub fn tornado_params(scenario: &Scenario) -> Vec<&'static ParamSpec> {
    let mut specs: Vec<&'static ParamSpec> = param_specs()
        .iter()
        .filter(|s| s.kind != ParamKind::Toggle && s.plausible.0 != s.plausible.1)
        .filter(|s| !is_inert(scenario, s, [s.plausible.0, s.plausible.1]))
        .collect();
    // Stable: registry order within each class.
    crate::sorting::stably(&mut specs, |a, b| {
        moves_distributions(a).cmp(&moves_distributions(b))
    });
    specs
}

/// The metric of the unchanged scenario: the `base` of every bar, and the reference for
/// [`tornado_bar`] when a caller spreads the bars over several frames. Refuses a metric that
/// [`Metric::check`] refuses, before running anything.
pub fn tornado_base(
    engine: &mut Engine,
    scenario: &Scenario,
    metric: Metric,
) -> Result<MetricValue, YearError> {
    metric.check(scenario)?;
    Ok(evaluate(engine, scenario, metric))
}

/// One bar: `spec` alone at each end of its plausible range. `base` is [`tornado_base`] of the
/// same scenario and metric (so the metric has been checked; unchecked, a P(TAI by YEAR) after
/// the last year still runs no further than it).
pub fn tornado_bar(
    engine: &mut Engine,
    scenario: &Scenario,
    metric: Metric,
    spec: &'static ParamSpec,
    base: MetricValue,
) -> TornadoBar {
    let mut ends = [(0.0, base); 2];
    for (end, target) in ends.iter_mut().zip([spec.plausible.0, spec.plausible.1]) {
        let mut moved = scenario.clone();
        moved
            .set(spec.key, target)
            .expect("registry keys and finite plausible ends are accepted");
        let used = moved.get(spec.key).expect("registry key");
        *end = (used, evaluate(engine, &moved, metric));
    }
    let [(low_value, low), (high_value, high)] = ends;
    TornadoBar {
        key: spec.key,
        label: spec.label,
        unit: spec.unit,
        low_value,
        high_value,
        metric_at_low: low.value,
        metric_at_high: high.value,
        base: base.value,
        low_beyond_end: low.beyond_end,
        high_beyond_end: high.beyond_end,
        base_beyond_end: base.beyond_end,
    }
}

/// Sorts bars by [`TornadoBar::swing`], widest first; equal swings keep registry order.
pub fn sort_bars(bars: &mut [TornadoBar]) {
    let order = |key: &str| {
        param_specs()
            .iter()
            .position(|s| s.key == key)
            .unwrap_or(usize::MAX)
    };
    crate::sorting::stably(bars, |a, b| {
        b.swing()
            .total_cmp(&a.swing())
            .then(order(a.key).cmp(&order(b.key)))
    });
}

/// The tornado: one bar per parameter of [`tornado_params`], sorted by [`sort_bars`]. The same
/// as calling [`tornado_base`], then [`tornado_bar`] for each parameter, then [`sort_bars`],
/// which is how a caller with a frame budget can spread the work. Refused, before anything
/// runs, for a P(TAI by YEAR) whose YEAR is outside the forecast's years ([`Metric::check`]).
pub fn tornado(
    engine: &mut Engine,
    scenario: &Scenario,
    metric: Metric,
) -> Result<Vec<TornadoBar>, YearError> {
    let base = tornado_base(engine, scenario, metric)?;
    let mut bars: Vec<TornadoBar> = tornado_params(scenario)
        .into_iter()
        .map(|spec| tornado_bar(engine, scenario, metric, spec, base))
        .collect();
    sort_bars(&mut bars);
    Ok(bars)
}
