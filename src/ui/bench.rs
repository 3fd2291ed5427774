//! `?bench`: performance marks and measures for the in-browser benchmark
//! (`tests/browser/bench_ui.mjs`): "input" at the first input event since the last frame,
//! "input-to-frame" when its frame starts, "input-to-redraw" once the frame's DOM updates have
//! run, "first-charts" when the charts in view are first drawn (those below the fold come in
//! later tasks), and each frame's model and drawing times in `window.__bioanchorsFrames`.

use std::cell::Cell;

use wasm_bindgen::JsCast;

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(false) };
    /// An input event is waiting for its frame (the "input" mark is set).
    static INPUT_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Turns the marks on (the page was opened with `?bench`).
pub fn enable(on: bool) {
    ENABLED.with(|e| e.set(on));
}

pub fn enabled() -> bool {
    ENABLED.with(Cell::get)
}

/// Whether an input is waiting for its frame; `take` also clears it (the frame has come).
pub fn input_pending(take: bool) -> bool {
    let pending = INPUT_PENDING.with(|p| if take { p.replace(false) } else { p.get() });
    pending && enabled()
}

pub fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Marks the first input event since the last frame (bench mode only): the start of
/// "input-to-redraw".
pub fn mark_input() {
    let first = !INPUT_PENDING.with(|p| p.replace(true));
    if first && enabled() {
        perf_mark("input");
    }
}

pub fn perf_mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// `performance.measure(name, start_mark)`, called through JS so it works whichever web-sys
/// features (which change this method's Rust signature) the dependency tree enables.
pub fn perf_measure(name: &str, start_mark: &str) {
    let Some(p) = performance() else { return };
    let Ok(measure) = js_sys::Reflect::get(&p, &"measure".into()) else {
        return;
    };
    if let Ok(measure) = measure.dyn_into::<js_sys::Function>() {
        let _ = measure.call2(&p, &name.into(), &start_mark.into());
    }
}

/// Bench mode: the model and drawing parts of each frame, for BENCHMARKS.md.
pub fn record_split(model_ms: f64, draw_ms: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let key: wasm_bindgen::JsValue = "__bioanchorsFrames".into();
    let frames = js_sys::Reflect::get(&window, &key)
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
        .unwrap_or_else(|| {
            let a = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&window, &key, &a);
            a
        });
    let entry = js_sys::Array::of2(&model_ms.into(), &draw_ms.into());
    frames.push(&entry);
}
