//! Number formatting shared by the UI and the CLI, so both print identical numbers.

use super::forecast::Forecast;
use super::params::ParamSpec;
use super::sensitivity::Metric;
use super::solve::{Closest, SolveResult, Target};

/// A probability as a percentage with one decimal: 0.17694 -> "17.7%".
pub fn percent(p: f64) -> String {
    if !p.is_finite() {
        return "–".to_string();
    }
    let pct = p * 100.0;
    // Tiny negatives from rounding would print as "-0.0%".
    let pct = if pct.abs() < 0.05 { 0.0 } else { pct };
    format!("{pct:.1}%")
}

/// A fractional arrival year as the first whole year whose P(TAI by year) reaches the quantile
/// (`ceil`), or "after <end_year>" when it is not reached: Some(2052.4) -> "2053".
pub fn year(y: Option<f64>, end_year: i32) -> String {
    match y {
        Some(v) if v.is_finite() => format!("{}", v.ceil() as i64),
        _ => format!("after {end_year}"),
    }
}

/// A metric value as the tornado's table, the solver and the CLI print it: a year to one
/// decimal ("after 2100" when the median is not reached by the last year), or a percent.
pub fn metric_text(metric: Metric, value: f64, beyond_end: bool) -> String {
    match metric {
        Metric::MedianYear if beyond_end => format!("after {value:.0}"),
        Metric::MedianYear => format!("{value:.1}"),
        Metric::PBy(_) => percent(value),
    }
}

/// A parameter value with four significant digits, in exponent form across OOMs: 2.5, 1e+24 as
/// "1.00e24", 0.004 as "4.00e-3".
pub fn value_text(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e5 || v.abs() < 1e-2) {
        format!("{v:.2e}")
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The year the forecast reaches quantile `q` (0.5 = the median): [`year`] of it, "after END"
/// when it is not reached by the last year.
pub fn quantile_text(f: &Forecast, q: f64) -> String {
    let y = f
        .quantile_years
        .iter()
        .find(|(p, _)| (p - q).abs() < 1e-9)
        .and_then(|(_, y)| *y);
    year(y, *f.years.last().unwrap_or(&2100))
}

/// P(TAI by `y`) as a percentage, or a dash when the forecast does not reach that year.
pub fn milestone_text(f: &Forecast, y: i32) -> String {
    if let Some((_, p)) = f.milestones.iter().find(|(m, _)| *m == y) {
        return percent(*p);
    }
    match f.years.iter().position(|&yr| yr == y) {
        Some(i) => percent(f.p_by_year[i]),
        None => "\u{2013}".to_string(),
    }
}

/// One of the headline figures the app's summary (and the page's static poster) shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    /// The year P(TAI by year) reaches this quantile.
    Quantile(f64),
    /// P(TAI by this year).
    By(i32),
}

impl Figure {
    /// The unrounded number behind the text (a fractional year, or a probability), for tests
    /// and tools that need more than the printed digits.
    pub fn value(self, f: &Forecast) -> Option<f64> {
        match self {
            Figure::Quantile(q) => f
                .quantile_years
                .iter()
                .find(|(p, _)| (p - q).abs() < 1e-9)
                .and_then(|(_, y)| *y),
            Figure::By(y) => f
                .years
                .iter()
                .position(|&yr| yr == y)
                .map(|i| f.p_by_year[i]),
        }
    }

    /// The figures set in larger type: the median and P(TAI by 2036), the author's headline.
    pub fn is_lead(self) -> bool {
        matches!(self, Figure::Quantile(q) if q == 0.5) || self == Figure::By(2036)
    }

    /// As the CLI and the app print it.
    pub fn text(self, f: &Forecast) -> String {
        match self {
            Figure::Quantile(q) => quantile_text(f, q),
            Figure::By(y) => milestone_text(f, y),
        }
    }
}

/// The page's title and the sentence under it, for the app and the static poster that
/// `bioanchors site` writes before it (the same text in both, so that the poster's header gives
/// way to the app's with nothing moved).
pub const PAGE_TITLE: &str = "When might transformative AI arrive?";
/// See [`PAGE_TITLE`].
pub const PAGE_LEDE: &str =
    "Ajeya Cotra\u{2019}s 2020 \u{201c}biological anchors\u{201d} model, live: \
     every assumption is a slider, and every number and chart below follows it as you move it.";

/// The headline figures as (test id, label, figure), in reading order.
pub const SUMMARY_FIGURES: [(&str, &str, Figure); 7] = [
    ("summary-median", "Median year", Figure::Quantile(0.5)),
    ("summary-q10", "10% chance by", Figure::Quantile(0.1)),
    ("summary-q90", "90% chance by", Figure::Quantile(0.9)),
    ("summary-p2030", "P(TAI by 2030)", Figure::By(2030)),
    ("summary-p2036", "P(TAI by 2036)", Figure::By(2036)),
    ("summary-p2050", "P(TAI by 2050)", Figure::By(2050)),
    ("summary-p2100", "P(TAI by 2100)", Figure::By(2100)),
];

/// " years" for a unit, nothing for none: what follows a value.
pub fn unit_suffix(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    }
}

/// What the solver found, in one sentence, as the app and `bioanchors solve` print it. `name`
/// is how the parameter is called (the app: its label; the CLI: its key); `current` is its
/// value in the scenario solved.
pub fn solve_text(
    name: &str,
    spec: &ParamSpec,
    target: Target,
    current: f64,
    result: &SolveResult,
) -> String {
    let unit = unit_suffix(spec.unit);
    let metric = target.metric();
    match *result {
        SolveResult::Reached { value, metric: m } => format!(
            "{name} = {}{unit} gives {} {} (now {}{unit}); that is within {} of the target.",
            value_text(value),
            metric.label(),
            metric_text(metric, m, false),
            value_text(current),
            match target {
                Target::MedianYear(y) => format!("{:.3} years", (m - y).abs()),
                Target::PBy { p, .. } => format!("{:.3} pp", (m - p).abs() * 100.0),
            }
        ),
        SolveResult::Unreachable {
            best_value,
            best_metric,
            best_beyond_end,
            closest,
        } => format!(
            "Out of reach: no {name} within [{}, {}]{unit} gives {} = {}. Closest: {}{unit} ({}) \
             gives {}.",
            value_text(spec.min),
            value_text(spec.max),
            metric.label(),
            metric_text(metric, target.value(), false),
            value_text(best_value),
            match closest {
                Closest::Min => "the low end of the range",
                Closest::Max => "the high end of the range",
                Closest::Inside => "inside the range",
            },
            metric_text(metric, best_metric, best_beyond_end),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_documented() {
        assert_eq!(percent(0.17694), "17.7%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(-1e-12), "0.0%");
        assert_eq!(year(Some(2052.4), 2100), "2053");
        assert_eq!(year(Some(2040.0), 2100), "2040");
        assert_eq!(year(None, 2100), "after 2100");
        assert_eq!(metric_text(Metric::MedianYear, 2052.94, false), "2052.9");
        assert_eq!(metric_text(Metric::MedianYear, 2100.0, true), "after 2100");
        assert_eq!(metric_text(Metric::PBy(2036), 0.17694, false), "17.7%");
        assert_eq!(value_text(2.5), "2.5");
        assert_eq!(value_text(1e24), "1.00e24");
        assert_eq!(value_text(0.004), "4.00e-3");
        assert_eq!(value_text(0.0), "0");
        assert_eq!(value_text(1234.5678), "1234.568");
    }
}
