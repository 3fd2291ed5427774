//! The four charts, drawn with plotters on a `<canvas>`.
//!
//! Every function draws one chart into a canvas whose backing store is already sized to
//! CSS size × devicePixelRatio, and returns the [`Geometry`] the hover overlay needs to map a
//! pointer position back to data. Sizes below are in CSS pixels and scaled by `dpr`, so text
//! and lines have the same physical size on every screen and stay crisp on high-DPI ones.
//!
//! Drawing cost is the budget that matters during a drag (one plotters chart with a default fine
//! mesh measured 5.6 ms on this machine), so: no light mesh lines, few labels, curves
//! down-sampled to about one point per two CSS pixels.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::theme::Palette;
use crate::model::{Anchor, Band, Forecast};

/// Where the plot area sits on the canvas (backing pixels) and which data it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Geometry {
    /// Data x under a backing-pixel x, if it is inside the plot area.
    pub fn x_at(&self, px: f64) -> Option<f64> {
        if px < self.left || px > self.right || self.right <= self.left {
            return None;
        }
        Some(self.x.0 + (px - self.left) / (self.right - self.left) * (self.x.1 - self.x.0))
    }

    /// Backing-pixel x of a data x.
    pub fn px_of_x(&self, x: f64) -> f64 {
        self.left + (x - self.x.0) / (self.x.1 - self.x.0) * (self.right - self.left)
    }
}

/// What every chart needs besides its data.
pub struct Style<'a> {
    pub palette: &'a Palette,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// CSS width of the canvas, to choose how many labels fit.
    pub css_width: f64,
}

impl Style<'_> {
    pub(super) fn px(&self, css: f64) -> i32 {
        (css * self.dpr).round() as i32
    }

    pub(super) fn font(&self, css_size: f64) -> TextStyle<'static> {
        ("sans-serif", css_size * self.dpr)
            .into_font()
            .color(&self.palette.text)
    }

    pub(super) fn muted_font(&self, css_size: f64) -> TextStyle<'static> {
        ("sans-serif", css_size * self.dpr)
            .into_font()
            .color(&self.palette.muted)
    }

    /// The starting preset's curve, dashed, as charts 1 and 2 draw it.
    fn reference_series(
        &self,
        points: Vec<(f64, f64)>,
    ) -> DashedLineSeries<std::vec::IntoIter<(f64, f64)>, i32> {
        DashedLineSeries::new(
            points,
            self.px(6.0),
            self.px(4.0),
            self.line(self.palette.reference, 1.5),
        )
    }

    /// How many x labels fit: one per ~70 CSS pixels, at least 3.
    pub(super) fn x_label_count(&self) -> usize {
        ((self.css_width / 70.0) as usize).clamp(3, 12)
    }

    pub(super) fn line(&self, color: RGBColor, css_width: f64) -> ShapeStyle {
        ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: ((css_width * self.dpr).round() as u32).max(1),
        }
    }
}

pub(super) type Area = DrawingArea<CanvasBackend, Shift>;

pub(super) fn root(canvas: &HtmlCanvasElement, palette: &Palette) -> Result<Area, String> {
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context on canvas")?;
    let area = backend.into_drawing_area();
    area.fill(&palette.background).map_err(|e| e.to_string())?;
    Ok(area)
}

/// The plot area every chart uses: the same margins and label gutters (in CSS pixels, scaled by
/// the style's DPR), over data ranges `x` and `y`; `top` is the top margin.
pub(super) fn cartesian<'a>(
    area: &Area,
    style: &Style,
    x: (f64, f64),
    y: (f64, f64),
    top: f64,
) -> Result<ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    ChartBuilder::on(area)
        .margin_top(style.px(top))
        .margin_right(style.px(14.0))
        .x_label_area_size(style.px(38.0))
        .y_label_area_size(style.px(52.0))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
        .map_err(|e| e.to_string())
}

fn year_span(f: &Forecast) -> (f64, f64) {
    let first = *f.years.first().unwrap_or(&2025) as f64;
    let last = *f.years.last().unwrap_or(&2100) as f64;
    (first, last.max(first + 1.0))
}

/// Keeps about `target` evenly spaced indices of a series of length `n` (always the last one).
fn sample_indices(n: usize, target: usize) -> impl Iterator<Item = usize> {
    let stride = (n / target.max(1)).max(1);
    (0..n)
        .step_by(stride)
        .chain((n > 0 && !(n - 1).is_multiple_of(stride)).then_some(n - 1))
}

/// Configures the light mesh every chart shares: bold lines only, faint, few labels.
macro_rules! mesh {
    ($chart:expr, $style:expr, $x_desc:expr, $y_desc:expr, $x_fmt:expr, $y_fmt:expr, $y_labels:expr) => {
        $chart
            .configure_mesh()
            .max_light_lines(0)
            .bold_line_style($style.line($style.palette.grid, 1.0))
            .axis_style($style.line($style.palette.muted, 1.0))
            .set_all_tick_mark_size($style.px(3.0))
            .x_labels($style.x_label_count())
            .y_labels($y_labels)
            .x_label_formatter($x_fmt)
            .y_label_formatter($y_fmt)
            .label_style($style.font(11.0))
            .axis_desc_style($style.muted_font(11.0))
            .x_desc($x_desc)
            .y_desc($y_desc)
            .draw()
            .map_err(|e| e.to_string())?
    };
}
// The insight charts (`insight_charts.rs`) share the same mesh.
pub(super) use mesh;

pub(super) fn geometry<X, Y>(
    chart: &ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>,
    x: (f64, f64),
    y: (f64, f64),
) -> Geometry
where
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
{
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    Geometry {
        left: xr.start as f64,
        right: xr.end as f64,
        top: yr.start as f64,
        bottom: yr.end as f64,
        x,
        y,
    }
}

pub(super) fn year_label(v: &f64) -> String {
    format!("{:.0}", v)
}

fn percent_label(v: &f64) -> String {
    format!("{:.0}%", v * 100.0)
}

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
pub fn compare_style(palette: &Palette, index: usize) -> (RGBColor, f64, f64) {
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

/// Chart 1: P(TAI by year), overall, optionally each anchor's weighted contribution, the
/// reference forecast (the preset the reader started from) dashed, and compared scenarios: each
/// a colored dashed curve, named in a legend drawn on the chart (top left, where a rising curve
/// leaves room), so an exported picture names them too.
pub fn draw_cdf_compared(
    canvas: &HtmlCanvasElement,
    style: &Style,
    f: &Forecast,
    reference: Option<&Forecast>,
    per_anchor: bool,
    overlays: &[Overlay],
) -> Result<Geometry, String> {
    let area = root(canvas, style.palette)?;
    let x = year_span(f);
    let y = (0.0, 1.0);
    let mut chart = cartesian(&area, style, x, y, 10.0)?;
    mesh!(
        chart,
        style,
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
        draw_compare_legend(&area, style, &geometry, reference.is_some(), overlays)?;
    }
    Ok(geometry)
}

/// The on-chart legend of chart 1 with compared scenarios, in the plot's top left corner (a
/// rising curve leaves it empty). Drawn by hand: plotters' series labels measure text with an
/// inline-styled `<span>`, which the content security policy blocks. Text width is estimated
/// (0.6 em a character, generous for sans-serif), so the box is never too narrow.
fn draw_compare_legend(
    area: &Area,
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
    let text = style.font(font).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    ));
    for (i, (label, line, dash)) in entries.into_iter().enumerate() {
        let y = y0 + pad + row * i as i32 + row / 2;
        let x = x0 + pad;
        let key = match dash {
            Some((d, g)) => dashed_key((x, y), sample, style.px(d), style.px(g), line),
            None => (EmptyElement::at((0, 0))
                + PathElement::new(vec![(x, y), (x + sample, y)], line))
            .into_dyn(),
        };
        area.draw(&key).map_err(err)?;
        area.draw(&Text::new(label, (x + sample + gap, y), text.clone()))
            .map_err(err)?;
    }
    Ok(())
}

/// A legend key in a curve's own dash pattern (the first three dashes of it), so the key looks
/// like the line it names.
fn dashed_key(
    (x, y): (i32, i32),
    width: i32,
    dash: i32,
    gap: i32,
    line: ShapeStyle,
) -> DynElement<'static, CanvasBackend, (i32, i32)> {
    let segment = |k: i32| {
        let start = (k * (dash + gap)).min(width);
        let end = (start + dash).min(width);
        PathElement::new(vec![(x + start, y), (x + end, y)], line)
    };
    (EmptyElement::at((0, 0)) + segment(0) + segment(1) + segment(2)).into_dyn()
}

/// A name as the on-chart legend shows it: at most 28 characters.
fn legend_label(name: &str) -> String {
    if name.chars().count() <= 28 {
        name.to_string()
    } else {
        name.chars().take(27).collect::<String>() + "\u{2026}"
    }
}

/// Chart 2: the probability that TAI arrives in each year, as bars, with the reference dashed.
/// The first year is left out: its value is the mass already affordable when the forecast
/// starts, not an arrival within that year, and as a bar it towered over the rest.
pub fn draw_per_year(
    canvas: &HtmlCanvasElement,
    style: &Style,
    f: &Forecast,
    reference: Option<&Forecast>,
) -> Result<Geometry, String> {
    let area = root(canvas, style.palette)?;
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
    let mut chart = cartesian(&area, style, x, y, 10.0)?;
    let y_fmt = |v: &f64| format!("{:.1}%", v * 100.0);
    mesh!(
        chart,
        style,
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

/// Chart 3: each anchor's distribution of 2020-FLOP requirements on a log-FLOP axis, with the
/// effective compute affordable in the marked years as vertical lines: the report's key picture.
pub fn draw_requirements(
    canvas: &HtmlCanvasElement,
    style: &Style,
    f: &Forecast,
) -> Result<Geometry, String> {
    let area = root(canvas, style.palette)?;
    let req = &f.requirements;
    let x = requirements_x_range(f);
    let peak = req
        .pdf
        .iter()
        .flat_map(|(_, pdf)| pdf.iter().copied())
        .fold(0.0_f64, f64::max);
    let y = (0.0, (peak * 1.12).max(0.01));
    let mut chart = cartesian(&area, style, x, y, 22.0)?;
    let x_fmt = |v: &f64| format!("1e{:.0}", v);
    let y_fmt = |v: &f64| format!("{:.2}", v);
    mesh!(
        chart,
        style,
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
            .pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Bottom,
            ));
        area.draw(&Text::new(
            yr.to_string(),
            (px, style.px(20.0)),
            label_style,
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(geometry(&chart, x, y))
}

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

/// Chart 4: FLOP/$, spending, algorithmic progress and effective compute per year, with a
/// 10th–90th percentile band where trajectory uncertainty is on.
pub fn draw_trajectories(
    canvas: &HtmlCanvasElement,
    style: &Style,
    f: &Forecast,
) -> Result<Geometry, String> {
    let area = root(canvas, style.palette)?;
    let x = year_span(f);
    let series = trajectories(f);
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for t in &series {
        for v in t.band.p10.iter().chain(&t.band.p90).chain(&t.band.median) {
            if v.is_finite() {
                lo = lo.min(v - t.origin);
                hi = hi.max(v - t.origin);
            }
        }
    }
    let y = (lo.floor(), hi.ceil());
    let mut chart = cartesian(&area, style, x, y, 10.0)?;
    let y_fmt = |v: &f64| format!("+{:.0}", v);
    mesh!(
        chart,
        style,
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

/// Which chart, for hover text, canvas ids and test ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Cdf,
    PerYear,
    Requirements,
    Trajectories,
}

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Cdf,
        ChartKind::PerYear,
        ChartKind::Requirements,
        ChartKind::Trajectories,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn id(self) -> &'static str {
        match self {
            ChartKind::Cdf => "chart-cdf",
            ChartKind::PerYear => "chart-per-year",
            ChartKind::Requirements => "chart-requirements",
            ChartKind::Trajectories => "chart-trajectories",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Cdf => "Probability of transformative AI by year",
            ChartKind::PerYear => "Probability it arrives in each year",
            ChartKind::Requirements => "Compute requirements vs affordable effective compute",
            ChartKind::Trajectories => "Input trajectories",
        }
    }
}

/// Anchors listed in the requirements chart's legend, with their median requirement.
pub fn anchor_legend(f: &Forecast) -> Vec<(Anchor, f64, f64)> {
    Anchor::ALL
        .iter()
        .map(|&a| {
            (
                a,
                *f.requirements.median.get(a),
                *f.requirements.weights.get(a),
            )
        })
        .collect()
}
