//! The canvas as one backend of the charts crate (`bioanchors_charts`, which has no web
//! types): each chart's canvas gets a plotters `CanvasBackend`, and the drawings are the same
//! code the CLI runs into PNG and SVG.

use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::model::observed::ObservedRun;
use crate::model::sensitivity::{Metric, TornadoBar};
use crate::model::Forecast;
use bioanchors_charts::{insight, root, Geometry, Style};

/// A plotters backend drawing on `canvas` (whose backing store is already CSS size × DPR).
pub fn backend(canvas: &HtmlCanvasElement) -> Result<CanvasBackend, String> {
    CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "no 2d context on canvas".into())
}

/// The tornado chart on `canvas`.
pub fn draw_tornado(
    canvas: &HtmlCanvasElement,
    style: &Style,
    bars: &[TornadoBar],
    metric: Metric,
) -> Result<(), String> {
    let area = root(backend(canvas)?, style.palette)?;
    insight::draw_tornado(&area, style, bars, metric)
}

/// The reality-check chart on `canvas`.
pub fn draw_reality_check(
    canvas: &HtmlCanvasElement,
    style: &Style,
    f: &Forecast,
    runs: &[ObservedRun],
) -> Result<Geometry, String> {
    let area = root(backend(canvas)?, style.palette)?;
    insight::draw_reality_check(&area, style, f, runs)
}
