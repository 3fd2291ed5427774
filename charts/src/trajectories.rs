//! Chart 4: FLOP per dollar, spending, algorithmic progress and effective compute, as orders of
//! magnitude gained since the first year, with their 10th–90th percentile bands.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::{cartesian, geometry, layered_mesh, year_label, year_span, Geometry, Layer, Style};
use bioanchors_model::{Band, Forecast};

/// The four input trajectories, as orders of magnitude gained since the first year, so they
/// share one axis and add up: effective compute = FLOP/$ + spending + algorithmic progress.
pub struct Trajectory<'a> {
    pub label: &'static str,
    pub band: &'a Band,
    /// Subtracted from every value (the median in the first year), so each starts at 0.
    pub origin: f64,
}

pub fn trajectories(f: &Forecast) -> [Trajectory<'_>; 4] {
    let origin = |b: &Band| b.median.first().copied().unwrap_or(0.0);
    [
        Trajectory {
            label: "FLOP per $",
            band: &f.log10_flop_per_dollar,
            origin: origin(&f.log10_flop_per_dollar),
        },
        Trajectory {
            label: "Spending on the largest run",
            band: &f.log10_spend_dollars,
            origin: origin(&f.log10_spend_dollars),
        },
        Trajectory {
            label: "Algorithmic progress",
            band: &f.algorithmic_progress_oom,
            origin: origin(&f.algorithmic_progress_oom),
        },
        Trajectory {
            label: "Effective compute",
            band: &f.log10_effective_compute,
            origin: origin(&f.log10_effective_compute),
        },
    ]
}

fn band_is_uncertain(b: &Band) -> bool {
    b.p10
        .iter()
        .zip(&b.p90)
        .any(|(lo, hi)| (hi - lo).abs() > 1e-9)
}

/// Chart 4's data ranges: the forecast's years, and the whole OOM around every band.
pub(crate) fn trajectories_ranges(f: &Forecast) -> ((f64, f64), (f64, f64)) {
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for t in &trajectories(f) {
        for v in t.band.p10.iter().chain(&t.band.p90).chain(&t.band.median) {
            if v.is_finite() {
                lo = lo.min(v - t.origin);
                hi = hi.max(v - t.origin);
            }
        }
    }
    (year_span(f), (lo.floor(), hi.ceil()))
}

/// Chart 4: FLOP/$, spending, algorithmic progress and effective compute per year, with a
/// 10th–90th percentile band where trajectory uncertainty is on.
pub fn draw_trajectories<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    layer: Layer,
    (x, y): ((f64, f64), (f64, f64)),
    f: &Forecast,
) -> Result<Geometry, String> {
    let series = trajectories(f);
    let mut chart = cartesian(area, style, x, y, 10.0)?;
    let y_fmt = |v: &f64| format!("+{:.0}", v);
    layered_mesh!(
        chart,
        style,
        layer,
        x,
        y,
        "year",
        "OOM gained since start",
        &year_label,
        &y_fmt,
        6
    );
    let years: Vec<f64> = f.years.iter().map(|&y| y as f64).collect();
    for (t, &color) in series.iter().zip(&style.palette.trajectories) {
        if band_is_uncertain(t.band) {
            let upper = years
                .iter()
                .zip(&t.band.p90)
                .map(|(&x, &v)| (x, v - t.origin));
            let lower = years
                .iter()
                .zip(&t.band.p10)
                .rev()
                .map(|(&x, &v)| (x, v - t.origin));
            let outline: Vec<(f64, f64)> = upper.chain(lower).filter(|p| p.1.is_finite()).collect();
            chart
                .draw_series(std::iter::once(Polygon::new(
                    outline,
                    color.mix(0.18).filled(),
                )))
                .map_err(|e| e.to_string())?;
        }
    }
    for (t, &color) in series.iter().zip(&style.palette.trajectories) {
        chart
            .draw_series(LineSeries::new(
                years
                    .iter()
                    .copied()
                    .zip(t.band.median.iter().map(|v| v - t.origin)),
                style.line(color, 2.0),
            ))
            .map_err(|e| e.to_string())?;
    }
    Ok(geometry(&chart, x, y))
}
