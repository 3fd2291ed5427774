//! The app's charts, drawn with plotters over any [`DrawingBackend`]: a browser `<canvas>` in
//! the app, PNG or SVG in the CLI. No web types: the same code draws the same picture on every
//! backend, from one [`ChartInputs`] value.
//!
//! Every chart is drawn into a backend whose pixels are CSS size × device pixels per CSS pixel
//! ([`Style::dpr`]), and returns the [`Geometry`] the app's hover overlay needs to map a pointer
//! position back to data. Sizes below are in CSS pixels and scaled by `dpr`, so text and lines
//! have the same physical size on every screen and stay crisp on high-DPI ones.
//!
//! Drawing cost is the budget that matters during a drag (one plotters chart with a default fine
//! mesh cost 5.6 ms of a frame in headless Chromium), so: no light mesh lines, few labels,
//! curves down-sampled to about one point per two CSS pixels. Text sizes are estimated, never
//! measured through the backend: on a canvas, plotters measures text with a styled `<span>`,
//! which the page's content security policy refuses.
//!
//! Modules: [`probability`] (charts 1 and 2, the condition note), [`requirements`] (chart 3),
//! [`trajectories`](mod@trajectories) (chart 4), [`insight`] (tornado, reality check), [`card`] (the picture for
//! email and link previews, and its alt text), [`palette`] (colors).

pub mod card;
pub mod insight;
pub mod palette;
pub mod probability;
pub mod requirements;
pub mod trajectories;

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

use bioanchors_model::{Anchor, Forecast};
pub use card::{card_alt_text, draw_card, CardInputs};
pub use palette::Palette;
pub use probability::{compare_style, Overlay, COMPARE_STYLES};
pub use trajectories::{trajectories, Trajectory};

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

    /// Data y at a backing-pixel y (the plot's bottom is `y.0`, its top `y.1`).
    pub fn y_at(&self, py: f64) -> f64 {
        self.y.0 + (self.bottom - py) / (self.bottom - self.top) * (self.y.1 - self.y.0)
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
    pub fn px(&self, css: f64) -> i32 {
        (css * self.dpr).round() as i32
    }

    pub(crate) fn font(&self, css_size: f64) -> TextStyle<'static> {
        ("sans-serif", css_size * self.dpr)
            .into_font()
            .color(&self.palette.text)
    }

    pub(crate) fn bold_font(&self, css_size: f64) -> TextStyle<'static> {
        ("sans-serif", css_size * self.dpr)
            .into_font()
            .style(FontStyle::Bold)
            .color(&self.palette.text)
    }

    pub(crate) fn muted_font(&self, css_size: f64) -> TextStyle<'static> {
        ("sans-serif", css_size * self.dpr)
            .into_font()
            .color(&self.palette.muted)
    }

    /// The starting preset's curve, dashed, as charts 1 and 2 draw it.
    pub(crate) fn reference_series(
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
    pub(crate) fn x_label_count(&self) -> usize {
        ((self.css_width / 70.0) as usize).clamp(3, 12)
    }

    pub(crate) fn line(&self, color: RGBColor, css_width: f64) -> ShapeStyle {
        ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: ((css_width * self.dpr).round() as u32).max(1),
        }
    }
}

/// The whole backend as a drawing area, filled with the background.
pub fn root<DB: DrawingBackend>(
    backend: DB,
    palette: &Palette,
) -> Result<DrawingArea<DB, Shift>, String> {
    let area = backend.into_drawing_area();
    area.fill(&palette.background).map_err(|e| e.to_string())?;
    Ok(area)
}

/// Which part of a forecast chart a drawing makes. The background (fill, grid, axes, labels)
/// depends only on the chart's data ranges ([`ranges`]) and the canvas, and is about half of
/// a chart's drawing time: the app keeps it in an offscreen canvas and each frame draws only the
/// plot (the data, legends and notes drawn on the chart) over a copy of it. Whole is both, in
/// the same order, so the pixels are the same either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Whole,
    Background,
    Plot,
}

impl Layer {
    pub(crate) fn has_background(self) -> bool {
        self != Layer::Plot
    }
}

/// The plot area every chart uses: the same margins and label gutters (in CSS pixels, scaled by
/// the style's DPR), over data ranges `x` and `y`; `top` is the top margin.
pub(crate) fn cartesian<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    style: &Style,
    x: (f64, f64),
    y: (f64, f64),
    top: f64,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    ChartBuilder::on(area)
        .margin_top(style.px(top))
        .margin_right(style.px(14.0))
        .x_label_area_size(style.px(38.0))
        .y_label_area_size(style.px(52.0))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
        .map_err(|e| e.to_string())
}

pub(crate) fn year_span(f: &Forecast) -> (f64, f64) {
    let first = *f.years.first().unwrap_or(&2025) as f64;
    let last = *f.years.last().unwrap_or(&2100) as f64;
    (first, last.max(first + 1.0))
}

/// Keeps about `target` evenly spaced indices of a series of length `n` (always the last one).
pub(crate) fn sample_indices(n: usize, target: usize) -> impl Iterator<Item = usize> {
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
pub(crate) use mesh;

/// [`mesh!`] when `layer` has the background, and the end of a background-only drawing:
/// whatever a chart draws after it is its plot layer ([`Layer`]).
macro_rules! layered_mesh {
    ($chart:expr, $style:expr, $layer:expr, $x:expr, $y:expr, $($mesh:tt)*) => {
        if $layer.has_background() {
            $crate::mesh!($chart, $style, $($mesh)*);
        }
        if $layer == $crate::Layer::Background {
            return Ok($crate::geometry(&$chart, $x, $y));
        }
    };
}
pub(crate) use layered_mesh;

pub(crate) fn geometry<DB: DrawingBackend, X, Y>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    x: (f64, f64),
    y: (f64, f64),
) -> Geometry
where
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
{
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    // The ranges' ends are exclusive: plotters maps the data's ends to their last pixels.
    Geometry {
        left: xr.start as f64,
        right: (xr.end - 1) as f64,
        top: yr.start as f64,
        bottom: (yr.end - 1) as f64,
        x,
        y,
    }
}

pub(crate) fn year_label(v: &f64) -> String {
    format!("{:.0}", v)
}

pub(crate) fn percent_label(v: &f64) -> String {
    format!("{:.0}%", v * 100.0)
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

/// Everything one of the four forecast charts shows.
#[derive(Clone, Copy)]
pub struct ChartInputs<'a> {
    pub forecast: &'a Forecast,
    /// The preset the scenario started from: dashed on the probability charts.
    pub reference: Option<&'a Forecast>,
    /// Each anchor's weighted contribution on chart 1.
    pub per_anchor: bool,
    /// Scenarios compared on chart 1, each named in a legend drawn on the chart.
    pub overlays: &'a [Overlay],
    /// The year the forecast is conditioned on ("given no TAI by YEAR"), written on the
    /// probability charts so a conditioned curve is never mistaken for the plain one.
    pub given: Option<i32>,
}

/// Draws chart `kind` on the whole of `backend` (background first) and returns where its plot
/// area is.
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    kind: ChartKind,
    style: &Style,
    inputs: &ChartInputs,
) -> Result<Geometry, String> {
    draw_layer(
        backend,
        kind,
        style,
        inputs,
        Layer::Whole,
        ranges(kind, inputs),
    )
}

/// [`draw`], only `layer` of it, over the data ranges `(x, y)` that [`ranges`] gives for
/// `kind` and `inputs` (a caller that needs them too computes them once). The plot layer leaves
/// the backend's pixels as they are under what it draws, so it goes over a copy of the
/// background layer drawn for the same ranges, canvas and style.
pub fn draw_layer<DB: DrawingBackend>(
    backend: DB,
    kind: ChartKind,
    style: &Style,
    inputs: &ChartInputs,
    layer: Layer,
    (x, y): ((f64, f64), (f64, f64)),
) -> Result<Geometry, String> {
    let area = if layer.has_background() {
        root(backend, style.palette)?
    } else {
        backend.into_drawing_area()
    };
    let f = inputs.forecast;
    let geometry = match kind {
        ChartKind::Cdf => probability::draw_cdf(
            &area,
            style,
            layer,
            f,
            inputs.reference,
            inputs.per_anchor,
            inputs.overlays,
        )?,
        ChartKind::PerYear => {
            probability::draw_per_year(&area, style, layer, (x, y), f, inputs.reference)?
        }
        ChartKind::Requirements => requirements::draw_requirements(&area, style, layer, (x, y), f)?,
        ChartKind::Trajectories => trajectories::draw_trajectories(&area, style, layer, (x, y), f)?,
    };
    if let (Some(year), ChartKind::Cdf | ChartKind::PerYear, true) =
        (inputs.given, kind, layer != Layer::Background)
    {
        probability::draw_condition_note(&area, style, &geometry, year)?;
    }
    area.present().map_err(|e| e.to_string())?;
    Ok(geometry)
}

/// The data ranges (x, y) chart `kind` shows for `inputs`: with the canvas and style, all its
/// background layer depends on.
pub fn ranges(kind: ChartKind, inputs: &ChartInputs) -> ((f64, f64), (f64, f64)) {
    let f = inputs.forecast;
    match kind {
        ChartKind::Cdf => probability::cdf_ranges(f),
        ChartKind::PerYear => probability::per_year_ranges(f, inputs.reference),
        ChartKind::Requirements => requirements::requirements_ranges(f),
        ChartKind::Trajectories => trajectories::trajectories_ranges(f),
    }
}

/// Draws the card ([`card::draw_card`]) on the whole of `backend` and returns where its chart's
/// plot area is.
pub fn draw_card_on<DB: DrawingBackend>(
    backend: DB,
    style: &Style,
    inputs: &CardInputs,
) -> Result<Geometry, String> {
    let area = root(backend, style.palette)?;
    let geometry = draw_card(&area, style, inputs)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(geometry)
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
