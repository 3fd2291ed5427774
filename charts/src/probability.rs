//! Charts 1 and 2: P(TAI by year), with the preset it started from and compared scenarios,
//! and the probability that TAI arrives in each year.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{
    cartesian, geometry, layered_mesh, percent_label, year_label, year_span, Geometry, Layer, Style,
};
use bioanchors_model::Forecast;

/// A scenario compared with the one on screen (`src/ui/compare.rs`): its forecast, drawn on
/// chart 1 in compare style `index`.
#[derive(Clone, Debug)]
pub struct Overlay {
    pub label: String,
    pub index: usize,
    pub forecast: std::sync::Arc<Forecast>,
}

/// How many compared scenarios chart 1 tells apart: each has its own color and dash.
pub const COMPARE_STYLES: usize = 6;

/// Compare style `index`: a color (from the anchors' color-blind-safe set, in an order that puts
/// far-apart hues first) and a dash (length, gap) in CSS px, so two curves differ in both.
pub fn compare_style(palette: &crate::Palette, index: usize) -> (RGBColor, f64, f64) {
    const ORDER: [usize; COMPARE_STYLES] = [4, 3, 5, 2, 0, 1];
    const DASHES: [(f64, f64); COMPARE_STYLES] = [
        (10.0, 4.0),
        (3.0, 3.0),
        (14.0, 4.0),
        (6.0, 3.0),
        (2.0, 5.0),
        (9.0, 7.0),
    ];
    let i = index % COMPARE_STYLES;
    (palette.anchors[ORDER[i]], DASHES[i].0, DASHES[i].1)
}

/// Chart 1's data ranges: the forecast's years, and probability from 0 to 1.
pub(crate) fn cdf_ranges(f: &Forecast) -> ((f64, f64), (f64, f64)) {
    (year_span(f), (0.0, 1.0))
}

/// Chart 1: P(TAI by year), overall, optionally each anchor's weighted contribution, the
/// reference forecast (the preset the reader started from) dashed, and compared scenarios: each
/// a colored dashed curve, named in a legend drawn on the chart (top left, where a rising curve
/// leaves room), so an exported picture names them too.
pub fn draw_cdf<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    layer: Layer,
    f: &Forecast,
    reference: Option<&Forecast>,
    per_anchor: bool,
    overlays: &[Overlay],
) -> Result<Geometry, String> {
    let (x, y) = cdf_ranges(f);
    let mut chart = cartesian(area, style, x, y, 10.0)?;
    layered_mesh!(
        chart,
        style,
        layer,
        x,
        y,
        "year",
        "P(TAI by year)",
        &year_label,
        &percent_label,
        6
    );
    let years: Vec<f64> = f.years.iter().map(|&y| y as f64).collect();

    if let Some(r) = reference {
        let pts: Vec<(f64, f64)> = r
            .years
            .iter()
            .map(|&y| y as f64)
            .zip(r.p_by_year.iter().copied())
            .collect();
        chart
            .draw_series(style.reference_series(pts))
            .map_err(|e| e.to_string())?;
    }
    for o in overlays {
        let (color, dash, gap) = compare_style(style.palette, o.index);
        let line = style.line(color, 2.0);
        let pts: Vec<(f64, f64)> = o
            .forecast
            .years
            .iter()
            .map(|&y| y as f64)
            .zip(o.forecast.p_by_year.iter().copied())
            .collect();
        chart
            .draw_series(DashedLineSeries::new(
                pts,
                style.px(dash),
                style.px(gap),
                line,
            ))
            .map_err(|e| e.to_string())?;
    }
    if per_anchor {
        for (anchor, p) in f.p_by_year_per_anchor.iter() {
            chart
                .draw_series(LineSeries::new(
                    years.iter().copied().zip(p.iter().copied()),
                    style.line(style.palette.anchor(anchor), 1.5),
                ))
                .map_err(|e| e.to_string())?;
        }
    }
    chart
        .draw_series(LineSeries::new(
            years.iter().copied().zip(f.p_by_year.iter().copied()),
            style.line(style.palette.overall, 2.5),
        ))
        .map_err(|e| e.to_string())?;
    let geometry = geometry(&chart, x, y);
    if !overlays.is_empty() {
        draw_compare_legend(area, style, &geometry, reference.is_some(), overlays)?;
    }
    Ok(geometry)
}

/// The on-chart legend of chart 1 with compared scenarios, in the plot's top left corner (a
/// rising curve leaves it empty). Drawn by hand: plotters' series labels measure text with an
/// inline-styled `<span>`, which the content security policy blocks. Text width is estimated
/// (0.6 em a character, generous for sans-serif), so the box is never too narrow.
fn draw_compare_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    plot: &Geometry,
    with_reference: bool,
    overlays: &[Overlay],
) -> Result<(), String> {
    let p = style.palette;
    // Name, line, and (dash, gap) in CSS px for a dashed line.
    type Entry = (String, ShapeStyle, Option<(f64, f64)>);
    let mut entries: Vec<Entry> = vec![("this scenario".into(), style.line(p.overall, 2.5), None)];
    if with_reference {
        entries.push((
            "preset".into(),
            style.line(p.reference, 1.5),
            Some((6.0, 4.0)),
        ));
    }
    for o in overlays {
        let (color, dash, gap) = compare_style(p, o.index);
        entries.push((
            legend_label(&o.label),
            style.line(color, 2.0),
            Some((dash, gap)),
        ));
    }
    let font = 11.0;
    let (pad, sample, gap, row) = (style.px(6.0), style.px(22.0), style.px(6.0), style.px(16.0));
    let longest = entries
        .iter()
        .map(|(t, _, _)| t.chars().count())
        .max()
        .unwrap_or(0);
    let text_w = (longest as f64 * 0.6 * font * style.dpr).ceil() as i32;
    let x0 = plot.left as i32 + style.px(8.0);
    let y0 = plot.top as i32 + style.px(6.0);
    let x1 = x0 + pad + sample + gap + text_w + pad;
    let y1 = y0 + pad * 2 + row * entries.len() as i32;
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        p.background.mix(0.9).filled(),
    ))
    .map_err(err)?;
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        style.line(p.grid, 1.0),
    ))
    .map_err(err)?;
    let text = style.font(font).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, line, dash)) in entries.into_iter().enumerate() {
        let y = y0 + pad + row * i as i32 + row / 2;
        let x = x0 + pad;
        let segments = match dash {
            Some((d, g)) => key_segments(sample, style.px(d), style.px(g)),
            None => vec![(0, sample)],
        };
        for (start, end) in segments {
            area.draw(&PathElement::new(vec![(x + start, y), (x + end, y)], line))
                .map_err(err)?;
        }
        area.draw(&Text::new(label, (x + sample + gap, y), text.clone()))
            .map_err(err)?;
    }
    Ok(())
}

/// A legend key in a curve's own dash pattern (the first three dashes of it, as offsets along
/// a key `width` long), so the key looks like the line it names.
fn key_segments(width: i32, dash: i32, gap: i32) -> Vec<(i32, i32)> {
    (0..3)
        .map(|k| {
            let start = (k * (dash + gap)).min(width);
            (start, (start + dash).min(width))
        })
        .collect()
}

/// A name as the on-chart legend shows it: at most 28 characters.
fn legend_label(name: &str) -> String {
    if name.chars().count() <= 28 {
        name.to_string()
    } else {
        name.chars().take(27).collect::<String>() + "\u{2026}"
    }
}

/// Chart 2's data ranges: the forecast's years, and up to a little above the highest yearly
/// probability of the forecast or the reference.
pub(crate) fn per_year_ranges(
    f: &Forecast,
    reference: Option<&Forecast>,
) -> ((f64, f64), (f64, f64)) {
    let (first, last) = year_span(f);
    let x = (first + 0.5, last + 0.5);
    let peak = f
        .p_per_year
        .iter()
        .skip(1)
        .chain(reference.iter().flat_map(|r| r.p_per_year.iter().skip(1)))
        .fold(0.0_f64, |m, &p| m.max(p));
    // Round the top up to a whole tenth of a percent so the axis labels stay short.
    let y = (0.0, ((peak * 1.15 * 1000.0).ceil() / 1000.0).max(0.005));
    (x, y)
}

/// Chart 2: the probability that TAI arrives in each year, as bars, with the reference dashed.
/// The first year is left out: its value is the mass already affordable when the forecast
/// starts, not an arrival within that year, and as a bar it towered over the rest.
pub fn draw_per_year<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    layer: Layer,
    (x, y): ((f64, f64), (f64, f64)),
    f: &Forecast,
    reference: Option<&Forecast>,
) -> Result<Geometry, String> {
    let mut chart = cartesian(area, style, x, y, 10.0)?;
    let y_fmt = |v: &f64| format!("{:.1}%", v * 100.0);
    layered_mesh!(
        chart,
        style,
        layer,
        x,
        y,
        "year",
        "P(arrives in year)",
        &year_label,
        &y_fmt,
        5
    );
    let fill = style.palette.anchors[3].mix(0.85).filled();
    chart
        .draw_series(f.years.iter().zip(&f.p_per_year).skip(1).map(|(&yr, &p)| {
            let c = yr as f64;
            Rectangle::new([(c - 0.4, 0.0), (c + 0.4, p)], fill)
        }))
        .map_err(|e| e.to_string())?;
    if let Some(r) = reference {
        let pts: Vec<(f64, f64)> = r
            .years
            .iter()
            .map(|&y| y as f64)
            .zip(r.p_per_year.iter().copied())
            .skip(1)
            .collect();
        chart
            .draw_series(style.reference_series(pts))
            .map_err(|e| e.to_string())?;
    }
    Ok(geometry(&chart, x, y))
}

/// Writes "given no TAI by YEAR" in the top left of a probability chart's plot area, so a
/// conditioned curve can never be mistaken for the plain one (in a screenshot, too).
pub fn draw_condition_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    plot: &Geometry,
    year: i32,
) -> Result<(), String> {
    let text = format!("conditioned: given no TAI by {year}");
    let font = style.font(12.0).pos(Pos::new(HPos::Left, VPos::Top));
    // An estimate of the text's size: on a canvas, plotters' own measure puts a styled <span>
    // in the page, which the page's content security policy (no inline style) refuses.
    let tw = (text.chars().count() as f64 * 12.0 * 0.56 * style.dpr).round() as u32;
    let th = (12.0 * 1.2 * style.dpr).round() as u32;
    let x = plot.left as i32 + style.px(8.0);
    let y = plot.top as i32 + style.px(6.0);
    let pad = style.px(4.0);
    area.draw(&Rectangle::new(
        [
            (x - pad, y - pad),
            (x + tw as i32 + pad, y + th as i32 + pad),
        ],
        style.palette.background.filled(),
    ))
    .map_err(|e| e.to_string())?;
    area.draw(&Rectangle::new(
        [
            (x - pad, y - pad),
            (x + tw as i32 + pad, y + th as i32 + pad),
        ],
        style.line(style.palette.muted, 1.0),
    ))
    .map_err(|e| e.to_string())?;
    area.draw(&Text::new(text, (x, y), font))
        .map_err(|e| e.to_string())?;
    Ok(())
}
