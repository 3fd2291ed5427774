//! The Insight section's drawings: the tornado (sensitivity) chart and the reality-check chart
//! of observed training runs against the scenario's compute. Same conventions as the forecast
//! charts (CSS sizes scaled by the DPR, light mesh).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{cartesian, geometry, mesh, year_label, Geometry, Style};
use bioanchors_model::format::{metric_text, value_text};
use bioanchors_model::observed::ObservedRun;
use bioanchors_model::sensitivity::{Metric, TornadoBar};
use bioanchors_model::Forecast;

/// Height of one tornado row in CSS pixels: a line of text above a bar.
const ROW_CSS: f64 = 40.0;
/// Room for the x-axis labels above the rows.
const AXIS_CSS: f64 = 26.0;

/// CSS height of a tornado canvas showing `rows` bars.
pub fn tornado_css_height(rows: usize) -> f64 {
    AXIS_CSS + ROW_CSS * rows.max(1) as f64 + 8.0
}

/// "1.5 → 3.5 years": the two ends a bar moves a parameter between.
pub fn range_text(bar: &TornadoBar) -> String {
    let unit = if bar.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", bar.unit)
    };
    format!(
        "{} \u{2192} {}{unit}",
        value_text(bar.low_value),
        value_text(bar.high_value)
    )
}

/// The tornado: one row per bar (widest first), the parameter's label and range above a bar
/// that spans the metric between the parameter's low end (one color) and high end (another),
/// split at the scenario's own value (a dashed line), with the metric printed at each end.
pub fn draw_tornado<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    bars: &[TornadoBar],
    metric: Metric,
) -> Result<(), String> {
    let (w, _) = area.dim_in_pixel();
    let Some(first) = bars.first() else {
        return Ok(());
    };
    let base = first.base;
    let (mut lo, mut hi) = (base, base);
    for b in bars {
        lo = lo.min(b.metric_at_low.min(b.metric_at_high));
        hi = hi.max(b.metric_at_low.max(b.metric_at_high));
    }
    if hi - lo < 1e-9 {
        // Nothing moves: give the axis some width around the base.
        let pad = if matches!(metric, Metric::MedianYear) {
            1.0
        } else {
            0.01
        };
        lo -= pad;
        hi += pad;
    }
    // Room at both ends of the plot for the numbers printed beside the bars.
    let left = style.px(56.0) as f64;
    let right = w as f64 - style.px(56.0) as f64;
    let to_px = |v: f64| left + (v - lo) / (hi - lo) * (right - left).max(1.0);

    // Axis: a few round values along the top, with faint guide lines down the rows.
    let rows_bottom = style.px(AXIS_CSS + ROW_CSS * bars.len() as f64);
    let ticks = nice_ticks(lo, hi, ((style.css_width / 90.0) as usize).clamp(3, 8));
    let tick_font = style
        .muted_font(11.0)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for t in ticks {
        let x = to_px(t).round() as i32;
        area.draw(&PathElement::new(
            [(x, style.px(AXIS_CSS - 6.0)), (x, rows_bottom)],
            style.line(style.palette.grid, 1.0),
        ))
        .map_err(|e| e.to_string())?;
        let text = match metric {
            Metric::MedianYear => format!("{t:.0}"),
            Metric::PBy(_) => format!("{:.0}%", t * 100.0),
        };
        area.draw(&Text::new(text, (x, style.px(4.0)), tick_font.clone()))
            .map_err(|e| e.to_string())?;
    }

    let low_color = style.palette.anchors[3];
    let high_color = style.palette.anchors[4];
    let label_font = style.font(12.0).pos(Pos::new(HPos::Left, VPos::Top));
    let range_font = style.muted_font(11.0).pos(Pos::new(HPos::Right, VPos::Top));
    let end_font = |h: HPos| style.font(11.0).pos(Pos::new(h, VPos::Center));
    let base_x = to_px(base).round() as i32;
    for (row, b) in bars.iter().enumerate() {
        let top = AXIS_CSS + ROW_CSS * row as f64;
        // The label on the left, the range it moves through on the right of the same line;
        // on a narrow canvas the range goes to the table twin only.
        area.draw(&Text::new(
            b.label.to_string(),
            (style.px(4.0), style.px(top + 2.0)),
            label_font.clone(),
        ))
        .map_err(|e| e.to_string())?;
        if style.css_width >= 520.0 {
            area.draw(&Text::new(
                range_text(b),
                (w as i32 - style.px(4.0), style.px(top + 3.0)),
                range_font.clone(),
            ))
            .map_err(|e| e.to_string())?;
        }
        let (y0, y1) = (style.px(top + 19.0), style.px(top + 33.0));
        for (value, color) in [(b.metric_at_low, low_color), (b.metric_at_high, high_color)] {
            let x = to_px(value).round() as i32;
            if x != base_x {
                area.draw(&Rectangle::new(
                    [(base_x.min(x), y0), (base_x.max(x), y1)],
                    color.mix(0.9).filled(),
                ))
                .map_err(|e| e.to_string())?;
            }
        }
        // Each end's number beside the bar's outer edge, on the side it lies.
        let (lx, hx) = (to_px(b.metric_at_low), to_px(b.metric_at_high));
        let (left_end, right_end) = if lx <= hx {
            (
                (lx, b.metric_at_low, b.low_beyond_end),
                (hx, b.metric_at_high, b.high_beyond_end),
            )
        } else {
            (
                (hx, b.metric_at_high, b.high_beyond_end),
                (lx, b.metric_at_low, b.low_beyond_end),
            )
        };
        let mid_y = (y0 + y1) / 2;
        let short = |v: f64, beyond: bool| match metric {
            Metric::MedianYear if beyond => format!("{v:.0}+"),
            _ => metric_text(metric, v, beyond),
        };
        area.draw(&Text::new(
            short(left_end.1, left_end.2),
            (left_end.0.min(base_x as f64) as i32 - style.px(4.0), mid_y),
            end_font(HPos::Right),
        ))
        .map_err(|e| e.to_string())?;
        area.draw(&Text::new(
            short(right_end.1, right_end.2),
            (right_end.0.max(base_x as f64) as i32 + style.px(4.0), mid_y),
            end_font(HPos::Left),
        ))
        .map_err(|e| e.to_string())?;
    }
    // The scenario's own value, dashed through every row.
    let (dash, gap) = (style.px(4.0), style.px(3.0));
    let mut y = style.px(AXIS_CSS - 6.0);
    while y < rows_bottom {
        area.draw(&PathElement::new(
            [(base_x, y), (base_x, (y + dash).min(rows_bottom))],
            style.line(style.palette.text, 1.0),
        ))
        .map_err(|e| e.to_string())?;
        y += dash + gap;
    }
    Ok(())
}

/// About `count` round values between `lo` and `hi` (steps of 1, 2 or 5 × 10^k).
fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let raw = (hi - lo) / count.max(1) as f64;
    if raw <= 0.0 || !raw.is_finite() {
        return vec![lo];
    }
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + 1e-9 * step {
        out.push(t);
        t += step;
    }
    out
}

/// First and last year of the reality-check chart.
pub const REALITY_YEARS: (i32, i32) = (2020, 2035);

/// The reality check: the largest training run actually done each year (filled: reported by
/// the developer; hollow: an outside estimate) against the compute the scenario says is
/// affordable (actual FLOP) and its effective compute (2020-algorithm FLOP), medians as lines
/// and 10th–90th percentile bands, on a log10-FLOP axis.
pub fn draw_reality_check<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    f: &Forecast,
    runs: &[ObservedRun],
) -> Result<Geometry, String> {
    let x = (REALITY_YEARS.0 as f64 - 0.5, REALITY_YEARS.1 as f64 + 0.5);
    let shown: Vec<usize> = (0..f.years.len())
        .filter(|&i| f.years[i] <= REALITY_YEARS.1)
        .collect();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for r in runs {
        lo = lo.min(r.log10_flop);
        hi = hi.max(r.log10_flop);
    }
    for band in [&f.log10_affordable_compute, &f.log10_effective_compute] {
        for &i in &shown {
            for v in [band.p10[i], band.median[i], band.p90[i]] {
                if v.is_finite() {
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
        }
    }
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (22.0, 32.0);
    }
    let y = ((lo - 0.5).floor(), (hi + 0.5).ceil());
    let mut chart = cartesian(area, style, x, y, 10.0)?;
    let y_fmt = |v: &f64| format!("1e{v:.0}");
    let y_labels = ((y.1 - y.0) as usize + 1).min(9);
    mesh!(
        chart,
        style,
        "year",
        "training FLOP (log scale)",
        &year_label,
        &y_fmt,
        y_labels
    );
    let series = [
        (&f.log10_affordable_compute, style.palette.trajectories[1]),
        (&f.log10_effective_compute, style.palette.trajectories[2]),
    ];
    for (band, color) in series {
        let upper = shown.iter().map(|&i| (f.years[i] as f64, band.p90[i]));
        let lower = shown
            .iter()
            .rev()
            .map(|&i| (f.years[i] as f64, band.p10[i]));
        let outline: Vec<(f64, f64)> = upper.chain(lower).filter(|p| p.1.is_finite()).collect();
        chart
            .draw_series(std::iter::once(Polygon::new(
                outline,
                color.mix(0.18).filled(),
            )))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(LineSeries::new(
                shown.iter().map(|&i| (f.years[i] as f64, band.median[i])),
                style.line(color, 2.0),
            ))
            .map_err(|e| e.to_string())?;
    }
    let point = style.palette.text;
    let radius = style.px(4.0);
    for (i, r) in runs.iter().enumerate() {
        let at = (r.year as f64, r.log10_flop);
        let marker = if r.is_estimate() {
            Circle::new(at, radius, style.line(point, 1.5))
        } else {
            Circle::new(at, radius, point.filled())
        };
        chart
            .draw_series(std::iter::once(marker))
            .map_err(|e| e.to_string())?;
        // The model's name centred above its point, or below it for every other year, so
        // the labels of neighbouring years (a year is ~50 CSS px wide) do not collide.
        let (px, py) = chart.backend_coord(&at);
        let (dy, v) = if i % 2 == 0 {
            (-style.px(8.0), VPos::Bottom)
        } else {
            (style.px(8.0), VPos::Top)
        };
        area.draw(&Text::new(
            r.model.clone(),
            (px, py + dy),
            style.muted_font(10.5).pos(Pos::new(HPos::Center, v)),
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(geometry(&chart, x, y))
}
