//! Chart 3: each anchor's distribution of 2020-algorithms FLOP requirements, with the
//! effective compute affordable in the marked years.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{cartesian, geometry, layered_mesh, sample_indices, Geometry, Layer, Style};
use bioanchors_model::Forecast;

/// Years whose affordable effective compute is marked on the requirements chart: the start,
/// then the milestones the report discusses.
pub const MARKED_YEARS: [i32; 5] = [2025, 2030, 2040, 2050, 2070];

/// The x range of the requirements chart: where any anchor has mass (CDF between 0.1% and
/// 99.9%), widened to show every marked year's compute, rounded out to whole OOMs.
pub fn requirements_x_range(f: &Forecast) -> (f64, f64) {
    let grid = &f.requirements.log10_flop;
    if grid.is_empty() {
        return (20.0, 60.0);
    }
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (_, cdf) in f.requirements.cdf.iter() {
        if let Some(i) = cdf.iter().position(|&c| c > 0.001) {
            lo = lo.min(grid[i]);
        }
        if let Some(i) = cdf.iter().rposition(|&c| c < 0.999) {
            hi = hi.max(grid[i.min(grid.len() - 1)]);
        }
    }
    for &yr in &MARKED_YEARS {
        if let Some(c) = effective_compute_in(f, yr) {
            lo = lo.min(c);
            hi = hi.max(c);
        }
    }
    if !lo.is_finite() || !hi.is_finite() || hi <= lo {
        return (grid[0], grid[grid.len() - 1]);
    }
    (
        (lo - 1.0).floor().max(grid[0]),
        (hi + 1.0).ceil().min(grid[grid.len() - 1]),
    )
}

/// Median effective compute (log10 2020-FLOP) affordable in `year`, if the forecast covers it.
pub fn effective_compute_in(f: &Forecast, year: i32) -> Option<f64> {
    let i = f.years.iter().position(|&y| y == year)?;
    f.log10_effective_compute
        .median
        .get(i)
        .copied()
        .filter(|c| c.is_finite())
}

/// Chart 3's data ranges: the log-FLOP span, and up to a little above the highest density.
pub(crate) fn requirements_ranges(f: &Forecast) -> ((f64, f64), (f64, f64)) {
    let peak = f
        .requirements
        .pdf
        .iter()
        .flat_map(|(_, pdf)| pdf.iter().copied())
        .fold(0.0_f64, f64::max);
    // Rounded up to a whole hundredth so that a drag that barely moves the peak keeps the axis,
    // and the background layer with it.
    let top = ((peak * 1.12 * 100.0).ceil() / 100.0).max(0.01);
    (requirements_x_range(f), (0.0, top))
}

/// Chart 3: each anchor's distribution of 2020-FLOP requirements on a log-FLOP axis, with the
/// effective compute affordable in the marked years as vertical lines: the report's key picture.
pub fn draw_requirements<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    layer: Layer,
    (x, y): ((f64, f64), (f64, f64)),
    f: &Forecast,
) -> Result<Geometry, String> {
    let req = &f.requirements;
    let mut chart = cartesian(area, style, x, y, 22.0)?;
    let x_fmt = |v: &f64| format!("1e{:.0}", v);
    let y_fmt = |v: &f64| format!("{:.2}", v);
    layered_mesh!(
        chart,
        style,
        layer,
        x,
        y,
        "2020-algorithms training FLOP (log scale)",
        "density per OOM",
        &x_fmt,
        &y_fmt,
        4
    );
    let grid = &req.log10_flop;
    // One point per ~2 CSS pixels of the visible range is all the eye can see.
    let visible: Vec<usize> = (0..grid.len())
        .filter(|&i| grid[i] >= x.0 && grid[i] <= x.1)
        .collect();
    let target = (style.css_width / 2.0).max(100.0) as usize;
    let picked: Vec<usize> = sample_indices(visible.len(), target)
        .map(|k| visible[k])
        .collect();
    for (anchor, pdf) in req.pdf.iter() {
        chart
            .draw_series(LineSeries::new(
                picked.iter().map(|&i| (grid[i], pdf[i])),
                style.line(style.palette.anchor(anchor), 2.0),
            ))
            .map_err(|e| e.to_string())?;
    }
    // Backing-pixel x of the last year label drawn, to skip labels that would overlap it
    // (2025 and 2030 are close when compute grows slowly at first).
    let mut last_label_px = i32::MIN / 2;
    for &yr in &MARKED_YEARS {
        let Some(c) = effective_compute_in(f, yr) else {
            continue;
        };
        if c < x.0 || c > x.1 {
            continue;
        }
        chart
            .draw_series(DashedLineSeries::new(
                [(c, y.0), (c, y.1)],
                style.px(4.0),
                style.px(3.0),
                style.line(style.palette.muted, 1.0),
            ))
            .map_err(|e| e.to_string())?;
        // The year above its line, in the top margin.
        let (px, _) = chart.backend_coord(&(c, y.1));
        if px - last_label_px < style.px(34.0) {
            continue;
        }
        last_label_px = px;
        let label_style = style
            .muted_font(11.0)
            .pos(Pos::new(HPos::Center, VPos::Bottom));
        area.draw(&Text::new(
            yr.to_string(),
            (px, style.px(20.0)),
            label_style,
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(geometry(&chart, x, y))
}
