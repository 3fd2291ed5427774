//! The once-per-frame recompute and redraw, and the actions that feed it.
//!
//! The expensive, imperative part lives outside the reactive graph in a thread-local
//! [`Runtime`]: the one [`Engine`] of the page (it caches prepared distributions across
//! recomputes), the canvases, and the "a frame is already scheduled" flag. Every change (slider
//! input, preset, resize, theme) only marks what is stale and asks for a frame; the frame
//! recomputes the forecast at most once, redraws only the charts whose fingerprint changed, and
//! then sets the signals of [`AppState`] that the DOM reads.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use super::address::schedule_update;
use super::bench;
use super::canvas;
use super::fingerprint::{background_fingerprint, chart_fingerprint};
use super::state::AppState;
use crate::model::condition::condition_forecast;
use crate::model::{preset, presets, Engine, Forecast, Scenario};
use bioanchors_charts::{ChartInputs, ChartKind, Geometry, Overlay, Palette, Style};

impl AppState {
    /// Turns conditioning on the present on (`Some(year)`) or off, and recomputes.
    pub fn set_given_no_tai_by(&self, year: Option<i32>) {
        if self.given_no_tai_by.get_untracked() == year {
            return;
        }
        self.given_no_tai_by.set(year);
        with_runtime(|rt| {
            rt.forecast_stale = true;
            rt.reference_stale = true;
        });
        // The condition note on the probability charts depends on the year, not only the curves.
        invalidate_charts(*self);
        // The share link carries `given=YEAR`; the scenario itself did not change.
        schedule_update(*self, false);
    }

    /// Sets one parameter (clamped by the model) and schedules a recompute.
    pub fn set_param(&self, key: &'static str, value: f64) {
        bench::mark_input();
        let mut changed = false;
        self.scenario.update(|s| {
            let before = s.get(key);
            if s.set(key, value).is_ok() {
                changed = s.get(key) != before;
            }
        });
        if changed {
            self.scenario_changed();
        }
    }

    /// Restores some parameters to the preset's values.
    pub fn reset_params(&self, keys: &[&'static str]) {
        bench::mark_input();
        let base = self.base.get_untracked();
        self.scenario.update(|s| {
            for &key in keys {
                if let Some(v) = base.get(key) {
                    let _ = s.set(key, v);
                }
            }
        });
        self.scenario_changed();
    }

    /// Starts over from a preset: both the edited scenario and the reference become it.
    pub fn choose_preset(&self, id: &str) {
        let Some(preset) = presets().iter().find(|p| p.id == id) else {
            return;
        };
        bench::mark_input();
        let scenario = (preset.scenario)();
        self.preset_id.set(preset.id);
        self.base.set(scenario.clone());
        self.scenario.set(scenario);
        with_runtime(|rt| rt.reference_stale = true);
        self.scenario_changed();
    }

    /// Opens a whole scenario (a saved one, or your own after a shared link), on top of the
    /// preset it started from.
    pub fn load_scenario(&self, preset_id: &str, scenario: Scenario) {
        let preset = preset(preset_id).unwrap_or(&presets()[0]);
        bench::mark_input();
        self.preset_id.set(preset.id);
        self.base.set((preset.scenario)());
        self.scenario.set(scenario);
        with_runtime(|rt| rt.reference_stale = true);
        self.scenario_changed();
    }

    /// Puts the share link of the scenario on screen into the address bar (debounced) without
    /// recomputing anything: for a scenario restored at start, which no link in the address
    /// bar describes yet.
    pub fn sync_url(&self) {
        schedule_update(*self, true);
    }

    fn scenario_changed(&self) {
        with_runtime(|rt| rt.forecast_stale = true);
        request_frame(*self);
        schedule_update(*self, true);
    }
}

/// One chart's canvas and what was last drawn on it.
#[derive(Default)]
struct ChartSlot {
    canvas: Option<HtmlCanvasElement>,
    /// CSS size of the canvas, and devicePixelRatio when it was sized.
    css: (f64, f64),
    dpr: f64,
    /// Fingerprint of everything the last drawing depended on; equal means skip.
    drawn: Option<u64>,
    geometry: Option<Geometry>,
    /// Off screen (an IntersectionObserver says so): a frame skips it, and it is drawn when it
    /// comes into view or once the scenario is still (see `draw_hidden_when_quiet`).
    hidden: bool,
    /// The chart's background layer (see [`draw_layers`]).
    background: Background,
}

/// The imperative side of the app (see the module docs).
struct Runtime {
    engine: Engine,
    frame_pending: bool,
    forecast_stale: bool,
    reference_stale: bool,
    charts: [ChartSlot; 4],
    forecast: Option<Arc<Forecast>>,
    /// The year `forecast` is conditioned on, if any (the charts' condition note).
    forecast_given: Option<i32>,
    reference: Option<Arc<Forecast>>,
    first_charts_marked: bool,
    /// Scenarios compared with this one, drawn on the P(TAI by year) chart.
    overlays: Vec<Overlay>,
}

impl Runtime {
    /// What the charts show now (None before the first forecast), and the slots to draw them in.
    fn chart_inputs(&mut self, per_anchor: bool) -> (Option<ChartInputs<'_>>, &mut [ChartSlot; 4]) {
        let inputs = self.forecast.as_deref().map(|forecast| ChartInputs {
            forecast,
            reference: self.reference.as_deref(),
            per_anchor,
            overlays: &self.overlays,
            given: self.forecast_given,
        });
        (inputs, &mut self.charts)
    }
}

thread_local! {
    static RUNTIME: RefCell<Option<Runtime>> = const { RefCell::new(None) };
}

/// Starts the page's runtime; `bench`: record performance marks (`?bench`).
pub fn init_runtime(bench: bool) {
    bench::enable(bench);
    RUNTIME.with(|r| {
        *r.borrow_mut() = Some(Runtime {
            engine: Engine::new(),
            frame_pending: false,
            forecast_stale: true,
            reference_stale: true,
            charts: Default::default(),
            forecast: None,
            forecast_given: None,
            reference: None,
            first_charts_marked: false,
            overlays: Vec::new(),
        })
    });
}

fn with_runtime<R>(f: impl FnOnce(&mut Runtime) -> R) -> Option<R> {
    RUNTIME.with(|r| r.borrow_mut().as_mut().map(f))
}

/// The geometry of a chart as last drawn, for the hover overlay.
pub fn chart_geometry(kind: ChartKind) -> Option<(Geometry, f64)> {
    with_runtime(|rt| {
        let slot = &rt.charts[kind.index()];
        slot.geometry.clone().map(|g| (g, slot.dpr))
    })
    .flatten()
}

/// The theme's palette and whether each anchor's curve is on: what every drawing takes from the
/// page's signals besides the runtime's forecasts.
fn chart_look(state: AppState) -> (&'static Palette, bool) {
    (
        Palette::for_theme(state.dark.get_untracked()),
        state.show_per_anchor.get_untracked(),
    )
}

/// Registers a chart's canvas (on mount) and sizes its backing store to CSS size × DPR.
/// Resizing clears a canvas, so the chart is redrawn right away, before the browser paints.
pub fn resize_chart(
    state: AppState,
    kind: ChartKind,
    canvas: HtmlCanvasElement,
    css_w: f64,
    css_h: f64,
) {
    let dpr = canvas::size_backing_store(&canvas, css_w, css_h);
    let (palette, per_anchor) = chart_look(state);
    with_runtime(|rt| {
        let (inputs, charts) = rt.chart_inputs(per_anchor);
        let slot = &mut charts[kind.index()];
        // The first sizing comes in the first frame's resize callbacks: a chart that starts
        // below the fold waits for a task of its own (`draw_if_never_drawn`, or the frame after
        // it scrolls into view), so the first frame draws only what is seen.
        let waits = slot.canvas.is_none() && canvas::below_the_fold(&canvas);
        slot.canvas = Some(canvas);
        slot.css = (css_w, css_h);
        slot.dpr = dpr;
        slot.drawn = None;
        if waits {
            slot.hidden = true;
        } else if let Some(inputs) = inputs {
            draw_chart(slot, kind, palette, &inputs);
        }
        // Canvases usually get their size after the first forecast: the last one to be drawn
        // completes the first picture.
        if !rt.first_charts_marked && rt.charts.iter().all(|s| s.drawn.is_some() || s.hidden) {
            rt.first_charts_marked = true;
            bench::perf_mark("first-charts");
        }
    });
}

/// A chart came into view or left it. One that comes into view is brought up to date in the
/// next frame.
pub fn set_chart_visible(state: AppState, kind: ChartKind, visible: bool) {
    let changed = with_runtime(|rt| {
        let slot = &mut rt.charts[kind.index()];
        std::mem::replace(&mut slot.hidden, !visible) == visible
    })
    .unwrap_or(false);
    if changed && visible {
        request_frame(state);
    }
}

thread_local! {
    static HIDDEN_TIMER: std::cell::Cell<Option<TimeoutHandle>> = const { std::cell::Cell::new(None) };
}

/// Draws the off-screen charts a frame skipped once no frame has come for `QUIET_MS`: they are
/// current by the time anyone scrolls to them, or exports the page as a picture.
fn draw_hidden_when_quiet(state: AppState) {
    let handle = set_timeout_with_handle(
        move || {
            let (palette, per_anchor) = chart_look(state);
            with_runtime(|rt| {
                if let (Some(inputs), charts) = rt.chart_inputs(per_anchor) {
                    for kind in ChartKind::ALL {
                        draw_chart(&mut charts[kind.index()], kind, palette, &inputs);
                    }
                }
            });
        },
        std::time::Duration::from_millis(super::quiet::QUIET_MS),
    )
    .ok();
    if let Some(previous) = HIDDEN_TIMER.with(|t| t.replace(handle)) {
        previous.clear();
    }
}

/// Draws `kind` if it has never been drawn (one below the fold at start): a task per chart,
/// so no one task draws them all.
pub fn draw_if_never_drawn(state: AppState, kind: ChartKind) {
    let (palette, per_anchor) = chart_look(state);
    with_runtime(|rt| {
        if let (Some(inputs), charts) = rt.chart_inputs(per_anchor) {
            let slot = &mut charts[kind.index()];
            if slot.drawn.is_none() {
                draw_chart(slot, kind, palette, &inputs);
            }
        }
    });
}

/// Sets the scenarios compared on the P(TAI by year) chart; it redraws on the next frame (the
/// overlays are part of its fingerprint).
pub fn set_overlays(state: AppState, overlays: Vec<Overlay>) {
    with_runtime(|rt| rt.overlays = overlays);
    request_frame(state);
}

/// Forces every chart to redraw on the next frame (theme or display option changed).
pub fn invalidate_charts(state: AppState) {
    with_runtime(|rt| rt.charts.iter_mut().for_each(|s| s.drawn = None));
    request_frame(state);
}

/// Asks for one frame; any number of calls before it runs coalesce into one recompute.
pub fn request_frame(state: AppState) {
    let already = with_runtime(|rt| std::mem::replace(&mut rt.frame_pending, true)).unwrap_or(true);
    if !already {
        request_animation_frame(move || run_frame(state));
    }
}

fn run_frame(state: AppState) {
    let (palette, per_anchor) = chart_look(state);
    let scenario = state.scenario.get_untracked();
    let base = state.base.get_untracked();
    let wanted_given = state.given_no_tai_by.get_untracked();
    // Conditioned on "no TAI by `given`" when that is on; the plain forecast when the condition
    // cannot apply (the model is already certain of TAI by then).
    let condition =
        |f: Forecast| match wanted_given.and_then(|year| condition_forecast(&f, year).ok()) {
            Some(conditioned) => (conditioned, wanted_given),
            None => (f, None),
        };
    let perf = bench::performance();
    let result = with_runtime(|rt| {
        rt.frame_pending = false;
        if bench::input_pending(false) {
            // How long the input waited for this frame, to tell waiting from working.
            bench::perf_measure("input-to-frame", "input");
        }
        let mut new_reference = None;
        let mut new_forecast = None;
        let model_start = perf.as_ref().map(|p| p.now());
        if rt.forecast_stale {
            rt.forecast_stale = false;
            let (f, shown_given) = condition(rt.engine.forecast(&scenario));
            let f = Arc::new(f);
            rt.forecast = Some(f.clone());
            rt.forecast_given = shown_given;
            new_forecast = Some((f, shown_given));
        }
        if rt.reference_stale {
            rt.reference_stale = false;
            // Opening a preset (the usual start) needs one forecast, not two.
            let r = match &rt.forecast {
                Some(f) if scenario == base => f.clone(),
                _ => Arc::new(condition(rt.engine.forecast(&base)).0),
            };
            rt.reference = Some(r.clone());
            new_reference = Some(r);
        }
        let draw_start = perf.as_ref().map(|p| p.now());
        let mut skipped = false;
        if let (Some(inputs), charts) = rt.chart_inputs(per_anchor) {
            for kind in ChartKind::ALL {
                let slot = &mut charts[kind.index()];
                // A chart's first drawing waits too when it starts below the fold (before
                // the IntersectionObserver has said so): the first frame is one long task.
                if slot.drawn.is_none() && !slot.hidden {
                    slot.hidden = slot.canvas.as_ref().is_some_and(canvas::below_the_fold);
                }
                if slot.hidden {
                    // Off screen: drawing it would cost the drag a frame's worth of work that
                    // nobody sees. It is brought up to date when it is seen, or soon after
                    // (`draw_if_never_drawn` at start, `draw_hidden_when_quiet`).
                    skipped = true;
                    continue;
                }
                draw_chart(slot, kind, palette, &inputs);
            }
        }
        if skipped {
            draw_hidden_when_quiet(state);
        }
        let all_drawn = rt.charts.iter().all(|s| s.drawn.is_some() || s.hidden);
        let draw_end = perf.as_ref().map(|p| p.now());
        let timing = match (model_start, draw_start, draw_end) {
            (Some(a), Some(b), Some(c)) => Some((b - a, c - b)),
            _ => None,
        };
        let first_charts = all_drawn && !rt.first_charts_marked;
        if first_charts {
            rt.first_charts_marked = true;
        }
        let input = bench::input_pending(true);
        (new_forecast, new_reference, first_charts, input, timing)
    });
    let Some((new_forecast, new_reference, first_charts, input, timing)) = result else {
        return;
    };
    if let Some(r) = new_reference {
        state.reference.set(Some(r));
    }
    if let Some((f, shown_given)) = new_forecast {
        // Both before Leptos's next update of the DOM: label and numbers change together.
        if state.shown_given.get_untracked() != shown_given {
            state.shown_given.set(shown_given);
        }
        state.forecast.set(Some(f));
    }
    // Leptos applies the DOM updates of the signals set above in a microtask; queue ours after
    // them so the measures cover the summary and legends too, not only the canvases.
    if first_charts || input {
        queue_microtask(move || {
            if first_charts {
                bench::perf_mark("first-charts");
            }
            if input {
                bench::perf_measure("input-to-redraw", "input");
                if let Some((model_ms, draw_ms)) = timing {
                    bench::record_split(model_ms, draw_ms);
                }
            }
        });
    }
}

/// Draws one chart unless nothing it shows has changed since it was last drawn.
fn draw_chart(
    slot: &mut ChartSlot,
    kind: ChartKind,
    palette: &'static Palette,
    inputs: &ChartInputs,
) {
    let Some(canvas) = slot.canvas.as_ref() else {
        return;
    };
    let fingerprint = chart_fingerprint(kind, inputs, palette, slot.css, slot.dpr);
    if slot.drawn == Some(fingerprint) {
        return;
    }
    let style = Style {
        palette,
        dpr: slot.dpr,
        css_width: slot.css.0,
    };
    let drawn = draw_layers(canvas, &mut slot.background, kind, &style, inputs, slot.css);
    match drawn {
        Ok(g) => {
            slot.geometry = Some(g);
            slot.drawn = Some(fingerprint);
        }
        Err(e) => leptos::logging::warn!("{}: {e}", kind.id()),
    }
}

/// A chart's background layer (grid, axes, labels) in an offscreen canvas of the chart's
/// backing size, with its `background_fingerprint`, and the fingerprint of the last drawing.
#[derive(Default)]
struct Background {
    layer: Option<(u64, HtmlCanvasElement)>,
    last_key: Option<u64>,
}

/// Draws `kind` on `canvas`. With the same background as the last drawing, a copy of the
/// background layer (drawn into `background` the first time) and the plot layer over it; with
/// a new one, the whole chart: a drag that moves the data ranges every frame (the requirements
/// slider) would otherwise pay for both layers and the copy.
fn draw_layers(
    canvas: &HtmlCanvasElement,
    background: &mut Background,
    kind: ChartKind,
    style: &Style,
    inputs: &ChartInputs,
    css: (f64, f64),
) -> Result<Geometry, String> {
    use bioanchors_charts::{draw_layer, ranges, Layer};
    use wasm_bindgen::JsCast;
    let ranges = ranges(kind, inputs);
    let key = background_fingerprint(kind, ranges, style.palette, css, style.dpr);
    let repeated = background.last_key.replace(key) == Some(key);
    let cached = background.layer.as_ref().is_some_and(|(k, b)| {
        *k == key && b.width() == canvas.width() && b.height() == canvas.height()
    });
    if !cached && !repeated {
        return draw_layer(
            canvas::backend(canvas)?,
            kind,
            style,
            inputs,
            Layer::Whole,
            ranges,
        );
    }
    if !cached {
        let layer = match background.layer.take() {
            Some((_, b)) => b,
            None => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
                .ok_or("no offscreen canvas")?,
        };
        layer.set_width(canvas.width());
        layer.set_height(canvas.height());
        draw_layer(
            canvas::backend(&layer)?,
            kind,
            style,
            inputs,
            Layer::Background,
            ranges,
        )?;
        background.layer = Some((key, layer));
    }
    let (_, layer) = background.layer.as_ref().expect("cached or just drawn");
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or("no 2d context on canvas")?;
    context
        .draw_image_with_html_canvas_element(layer, 0.0, 0.0)
        .map_err(|_| "copying the chart's background failed")?;
    draw_layer(
        canvas::backend(canvas)?,
        kind,
        style,
        inputs,
        Layer::Plot,
        ranges,
    )
}

/// Draws `kind` as the page shows it (forecast, preset curve, compared scenarios, condition
/// note, theme) into another canvas whose backing store is `css` × `dpr`: the PNG export.
pub fn draw_chart_copy(
    state: AppState,
    kind: ChartKind,
    canvas: HtmlCanvasElement,
    css: (f64, f64),
    dpr: f64,
) -> Result<(), String> {
    let (palette, per_anchor) = chart_look(state);
    with_runtime(|rt| {
        let inputs = rt.chart_inputs(per_anchor).0.ok_or_else(|| {
            "the forecast is still being computed: try again in a moment".to_string()
        })?;
        let mut slot = ChartSlot {
            canvas: Some(canvas),
            css,
            dpr,
            ..ChartSlot::default()
        };
        draw_chart(&mut slot, kind, palette, &inputs);
        // draw_chart logs the reason when it fails.
        slot.drawn
            .map(|_| ())
            .ok_or_else(|| "the chart could not be drawn".to_string())
    })
    .unwrap_or_else(|| Err("the page is still starting".to_string()))
}
