//! The canvas as one backend of the charts crate (`bioanchors_charts`, which has no web
//! types): each chart's canvas gets a plotters `CanvasBackend`, and the drawings are the same
//! code the CLI runs into PNG and SVG. Also what every canvas on the page needs: a backing store
//! of CSS size × devicePixelRatio, and a callback when its box changes size.

use leptos::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
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

/// Sizes a canvas's backing store to CSS size × devicePixelRatio (at least 1), so lines and
/// text are crisp on high-density screens; returns the ratio. Resizing clears a canvas: only
/// done when the size changed.
pub fn size_backing_store(canvas: &HtmlCanvasElement, css_w: f64, css_h: f64) -> f64 {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0);
    let (w, h) = (
        (css_w * dpr).round().max(1.0) as u32,
        (css_h * dpr).round().max(1.0) as u32,
    );
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    dpr
}

/// Calls `on_resize(element)` now and whenever `element` changes size (a ResizeObserver that
/// lives as long as the page).
pub fn observe_size(
    element: web_sys::HtmlElement,
    mut on_resize: impl FnMut(&web_sys::HtmlElement) + 'static,
) {
    let observed = element.clone();
    let callback = Closure::<dyn FnMut()>::new(move || on_resize(&observed));
    match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&element);
            std::mem::forget(observer);
        }
        Err(_) => leptos::logging::warn!("no ResizeObserver: this element keeps its first size"),
    }
    callback.forget();
}

/// Keeps `width` equal to the CSS width of the element `box_ref` points at.
pub fn track_width(box_ref: NodeRef<leptos::html::Div>, width: RwSignal<f64>) {
    Effect::new(move |_| {
        let Some(el) = box_ref.get() else { return };
        observe_size(el.into(), move |el| {
            let w = el.client_width() as f64;
            if w > 0.0 && (w - width.get_untracked()).abs() > 0.5 {
                width.set(w);
            }
        });
    });
}
