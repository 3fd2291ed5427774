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

/// Whether `canvas` lies wholly below the visible part of the page.
pub fn below_the_fold(canvas: &HtmlCanvasElement) -> bool {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::INFINITY);
    canvas.get_bounding_client_rect().top() >= height
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

/// Calls `on_change(visible)` whenever `element` comes within a screen's height of the viewport
/// or leaves it (an IntersectionObserver that lives as long as the page). The margin lets a
/// chart be drawn before a scroll brings it into view.
pub fn observe_visibility(element: web_sys::HtmlElement, on_change: impl Fn(bool) + 'static) {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // Only the latest entry counts when several are queued.
        if let Some(entry) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            on_change(entry.is_intersecting());
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("100% 0px");
    match web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    ) {
        Ok(observer) => {
            observer.observe(&element);
            std::mem::forget(observer);
        }
        // Without it, every chart is drawn every frame, as if on screen.
        Err(_) => leptos::logging::warn!("no IntersectionObserver: every chart draws every frame"),
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

/// Keeps `size` equal to the CSS (width, height) of the element `box_ref` points at, read in
/// its ResizeObserver (where layout is already done), so that drawing never reads layout.
pub fn track_size(box_ref: NodeRef<leptos::html::Div>, size: RwSignal<(f64, f64)>) {
    Effect::new(move |_| {
        let Some(el) = box_ref.get() else { return };
        observe_size(el.into(), move |el| {
            let now = (el.client_width() as f64, el.client_height() as f64);
            let (w, h) = size.get_untracked();
            if now.0 > 0.0 && now.1 > 0.0 && ((now.0 - w).abs() > 0.5 || (now.1 - h).abs() > 0.5) {
                size.set(now);
            }
        });
    });
}
