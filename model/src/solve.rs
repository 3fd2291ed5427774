//! "What would you need to believe?": the value of one parameter that makes the model reach a
//! target (a median arrival year, or a probability by some year), every other input unchanged.
//!
//! The metric is not always monotone in a parameter (the algorithmic-progress rule's endpoints,
//! for instance), so the solver first scans a coarse grid over the parameter's whole allowed
//! range (in log10 space for `log_scale` parameters), keeps the bracketed crossing nearest to
//! the scenario's current value, and refines it by bisection, taking a secant (Illinois) step
//! whenever both ends have finite metrics. If no grid point reaches the other side of the
//! target, the target is out of reach in that range, and the solver says which value comes
//! closest.

use serde::Serialize;

use super::forecast::Engine;
use super::params::{param_spec, ParamKind, ParamSpec};
use super::scenario::{Scenario, YearError};
use super::sensitivity::{Metric, MetricValue};

/// What the model should reach.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Target {
    /// The median arrival year (fractional, as in `Forecast::quantile_years`), within the
    /// scenario's years: 2025 ..= [`Scenario::last_year`].
    MedianYear(f64),
    /// P(TAI by `year`) = `p`, with `p` in [0, 1] and `year` within the scenario's years.
    PBy { year: i32, p: f64 },
}

impl Target {
    pub fn metric(&self) -> Metric {
        match *self {
            Target::MedianYear(_) => Metric::MedianYear,
            Target::PBy { year, .. } => Metric::PBy(year),
        }
    }

    /// The value of the metric aimed at.
    pub fn value(&self) -> f64 {
        match *self {
            Target::MedianYear(y) => y,
            Target::PBy { p, .. } => p,
        }
    }

    /// How close counts as reached: 0.01 year, or 0.01 percentage points. Ten times finer than
    /// anything the app or the CLI prints.
    pub fn tolerance(&self) -> f64 {
        match self {
            Target::MedianYear(_) => 0.01,
            Target::PBy { .. } => 1e-4,
        }
    }
}

/// Which part of the allowed range comes closest to an unreachable target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Closest {
    /// The lowest allowed value.
    Min,
    /// The highest allowed value.
    Max,
    /// A value inside the range: the response is not monotone, or the parameter takes whole
    /// numbers only and jumps over the target.
    Inside,
}

/// The solver's answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum SolveResult {
    /// Setting the parameter to `value` gives `metric`, within [`Target::tolerance`] of the target.
    Reached { value: f64, metric: f64 },
    /// No allowed value reaches the target. `best_value` comes closest, giving `best_metric`
    /// (`best_beyond_end`: a median later than the forecast's last year, shown as that year).
    Unreachable {
        best_value: f64,
        best_metric: f64,
        best_beyond_end: bool,
        closest: Closest,
    },
}

/// Why the solver cannot run.
#[derive(Clone, Debug, PartialEq)]
pub enum SolveError {
    UnknownKey(String),
    /// Toggles have two values, not a range to solve over.
    NotARange(String),
    /// A probability outside [0, 1].
    BadTarget(String),
    /// The target's year is not one of the scenario's forecast years.
    Year(YearError),
}

impl std::fmt::Display for SolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SolveError::UnknownKey(k) => write!(f, "unknown parameter `{k}`"),
            SolveError::NotARange(k) => write!(f, "`{k}` is an on/off switch, not a range"),
            SolveError::BadTarget(why) => write!(f, "bad target: {why}"),
            SolveError::Year(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SolveError {}

/// Points of the coarse scan over the allowed range (both ends included). 17 points put a
/// grid line every 1/16 of the range: enough to bracket the crossings of the registry's
/// parameters, whose responses turn at most once or twice over their range.
const SCAN_POINTS: usize = 17;
/// Most refinement steps. Bisection alone narrows the bracket by 2^-60: far below any
/// meaningful difference in a parameter; the secant steps usually finish in under ten.
const MAX_REFINE_STEPS: usize = 60;

/// The slider coordinate of a parameter: log10 of the value where the slider is logarithmic.
struct Axis {
    log: bool,
    integer: bool,
}

impl Axis {
    fn of(spec: &ParamSpec) -> Axis {
        Axis {
            // Guard against a log-scale range that touches 0 (none does today).
            log: spec.log_scale && spec.min > 0.0,
            integer: spec.kind == ParamKind::Integer,
        }
    }
    fn to_u(&self, v: f64) -> f64 {
        if self.log {
            v.log10()
        } else {
            v
        }
    }
    fn to_value(&self, u: f64) -> f64 {
        let v = if self.log { 10f64.powf(u) } else { u };
        if self.integer {
            v.round()
        } else {
            v
        }
    }
}

/// One evaluated point: the value actually set (after clamping and rounding), its metric and
/// the signed distance to the target (+∞ for a median that is beyond every horizon we ran).
#[derive(Clone, Copy, Debug)]
struct Point {
    u: f64,
    value: f64,
    metric: MetricValue,
    gap: f64,
    /// P(TAI) by the last year run: tells apart medians that are all beyond the horizon.
    p_last: f64,
}

impl Point {
    /// Closeness to the target: smaller gap first; among medians beyond the horizon (equal,
    /// infinite gaps), the one with more probability by the end.
    fn closeness(&self) -> (f64, f64) {
        (self.gap.abs(), -self.p_last)
    }
}

struct Problem<'a> {
    engine: &'a mut Engine,
    scenario: Scenario,
    key: &'static str,
    axis: Axis,
    target: Target,
    /// Last year of the runs while searching; None = the scenario's own (for the final report).
    search_end: Option<i32>,
}

impl Problem<'_> {
    fn at(&mut self, u: f64) -> Point {
        let mut s = self.scenario.clone();
        s.set(self.key, self.axis.to_value(u))
            .expect("registry key and finite value");
        let value = s.get(self.key).expect("registry key");
        s.end_year = match (self.target, self.search_end) {
            // P(TAI by Y) needs the years up to Y only (see sensitivity::evaluate).
            (Target::PBy { year, .. }, _) => year as f64,
            (Target::MedianYear(_), Some(end)) => end as f64,
            (Target::MedianYear(_), None) => self.scenario.end_year,
        };
        // P(TAI by year) alone: the solver reads nothing else of the forecast.
        let p_by_year = self.engine.p_by_year(&s, None);
        let metric = self.target.metric().of_p_by_year(&p_by_year, s.last_year());
        let p_last = p_by_year.last().copied().unwrap_or(0.0);
        let gap = if metric.beyond_end && matches!(self.target, Target::MedianYear(_)) {
            // The median is later than the last year run, which is past the target year.
            f64::INFINITY
        } else {
            metric.value - self.target.value()
        };
        Point {
            u: self.axis.to_u(value),
            value,
            metric,
            gap,
            p_last,
        }
    }

    fn reached(&self, p: &Point) -> bool {
        p.gap.abs() <= self.target.tolerance()
    }
}

/// The value of parameter `key` (registry key) at which the scenario reaches `target`, searched
/// over the parameter's whole allowed range [min, max].
///
/// The target's year must be one of the scenario's forecast years, 2025 ..=
/// [`Scenario::last_year`] (a fractional median such as 2045.5 is fine), or the answer is
/// [`SolveError::Year`] before anything runs. A median target after the last year is refused
/// rather than solved on a longer horizon: the answer then speaks of the forecast on screen,
/// whose "after 2100" means the same as in every other figure; to aim later, raise
/// `forecast.end_year` (at most [`super::scenario::MAX_END_YEAR`]) first. Every run therefore
/// stops at the scenario's last year.
pub fn solve(
    engine: &mut Engine,
    scenario: &Scenario,
    key: &str,
    target: Target,
) -> Result<SolveResult, SolveError> {
    let spec = param_spec(key).ok_or_else(|| SolveError::UnknownKey(key.to_string()))?;
    if spec.kind == ParamKind::Toggle {
        return Err(SolveError::NotARange(key.to_string()));
    }
    let year = match target {
        Target::MedianYear(y) => y,
        Target::PBy { year, .. } => year as f64,
    };
    scenario.check_year(year).map_err(SolveError::Year)?;
    if let Target::PBy { p, .. } = target {
        if !(0.0..=1.0).contains(&p) {
            return Err(SolveError::BadTarget(format!(
                "the probability must lie in [0, 1], not {p}"
            )));
        }
    }
    let scenario = scenario.clone();
    let search_end = match target {
        Target::MedianYear(y) => {
            // Searching, runs stop the year after the target's: a median not reached by then
            // lies above the target, which is all the search needs to know. A median not
            // reached by the last year is later than any allowed target, so "not by the end"
            // is never ambiguous; the reported best point runs to the full horizon.
            let past_target = y.floor() as i32 + 1;
            Some(past_target.min(scenario.last_year()))
        }
        // P(TAI by Y) runs stop at Y anyway (sensitivity::evaluate).
        Target::PBy { .. } => None,
    };
    let axis = Axis::of(spec);
    let current_u = axis.to_u(scenario.get(key).expect("registry key"));
    let mut problem = Problem {
        engine,
        scenario,
        key: spec.key,
        axis,
        target,
        search_end,
    };

    let (u_min, u_max) = (problem.axis.to_u(spec.min), problem.axis.to_u(spec.max));
    let scan = |problem: &mut Problem<'_>| -> Vec<Point> {
        (0..SCAN_POINTS)
            .map(|i| problem.at(u_min + (u_max - u_min) * i as f64 / (SCAN_POINTS - 1) as f64))
            .collect()
    };
    let mut grid = scan(&mut problem);

    // Brackets: neighbouring grid points on opposite sides of the target (or on it).
    let mut brackets: Vec<(Point, Point)> = grid
        .windows(2)
        .filter(|w| w[0].gap.signum() != w[1].gap.signum() || w[0].gap == 0.0 || w[1].gap == 0.0)
        .map(|w| (w[0], w[1]))
        .collect();
    // The crossing nearest to what the scenario believes now.
    crate::sorting::stably(&mut brackets, |a, b| {
        let da = distance_to(current_u, a);
        let db = distance_to(current_u, b);
        da.total_cmp(&db)
    });

    if let Some(&(lo, hi)) = brackets.first() {
        let best = refine(&mut problem, lo, hi);
        if problem.reached(&best) {
            return Ok(SolveResult::Reached {
                value: best.value,
                metric: best.metric.value,
            });
        }
        // A whole-number parameter whose neighbouring values straddle the target.
        return Ok(unreachable(&mut problem, best, Closest::Inside));
    }

    if grid.iter().all(|p| p.gap == f64::INFINITY) && problem.search_end.is_some() {
        // Every median lies past the search horizon: run the full horizon to rank them.
        problem.search_end = None;
        grid = scan(&mut problem);
    }
    let (i, best) = grid
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| {
            let (ka, kb) = (a.closeness(), b.closeness());
            ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
        })
        .map(|(i, p)| (i, *p))
        .expect("the grid is not empty");
    let closest = if i == 0 {
        Closest::Min
    } else if i == grid.len() - 1 {
        Closest::Max
    } else {
        Closest::Inside
    };
    Ok(unreachable(&mut problem, best, closest))
}

fn distance_to(u: f64, (lo, hi): &(Point, Point)) -> f64 {
    if u < lo.u {
        lo.u - u
    } else if u > hi.u {
        u - hi.u
    } else {
        0.0
    }
}

/// Narrows a bracket until one end is within tolerance, returning the better end.
fn refine(problem: &mut Problem<'_>, mut lo: Point, mut hi: Point) -> Point {
    let better = |a: Point, b: Point| if a.gap.abs() <= b.gap.abs() { a } else { b };
    // Illinois: halve the weight of an end that stays put twice, so regula falsi keeps converging.
    let (mut lo_gap, mut hi_gap) = (lo.gap, hi.gap);
    let mut last_moved: Option<bool> = None;
    for _ in 0..MAX_REFINE_STEPS {
        let best = better(lo, hi);
        if problem.reached(&best) || (hi.u - lo.u).abs() <= 1e-12 * (1.0 + lo.u.abs()) {
            return best;
        }
        if problem.axis.integer && (hi.value - lo.value).abs() <= 1.0 {
            return best;
        }
        let secant = lo_gap.is_finite() && hi_gap.is_finite() && lo_gap != hi_gap;
        let mut u = if secant {
            lo.u - lo_gap * (hi.u - lo.u) / (hi_gap - lo_gap)
        } else {
            0.5 * (lo.u + hi.u)
        };
        // Keep the step strictly inside the bracket, or bisect.
        let (a, b) = (lo.u.min(hi.u), lo.u.max(hi.u));
        if !(u > a && u < b) {
            u = 0.5 * (lo.u + hi.u);
        }
        let p = problem.at(u);
        if p.gap == 0.0 {
            return p;
        }
        if p.gap.signum() == lo.gap.signum() {
            lo = p;
            lo_gap = p.gap;
            if last_moved == Some(true) {
                hi_gap *= 0.5;
            }
            last_moved = Some(true);
        } else {
            hi = p;
            hi_gap = p.gap;
            if last_moved == Some(false) {
                lo_gap *= 0.5;
            }
            last_moved = Some(false);
        }
    }
    better(lo, hi)
}

/// Reports `best`, re-run to the scenario's full horizon so that its metric is exact.
fn unreachable(problem: &mut Problem<'_>, best: Point, closest: Closest) -> SolveResult {
    problem.search_end = None;
    let full = problem.at(best.u);
    SolveResult::Unreachable {
        best_value: full.value,
        best_metric: full.metric.value,
        best_beyond_end: full.metric.beyond_end,
        closest,
    }
}
