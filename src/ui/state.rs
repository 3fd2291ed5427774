//! The page's state and its one-recompute-per-frame loop.
//!
//! Reactive state (what the DOM shows) lives in Leptos signals ([`AppState`]). The expensive,
//! imperative part lives outside the reactive graph in a thread-local [`Runtime`]: the one
//! [`Engine`] of the page (it caches prepared distributions across recomputes), the canvases,
//! and the "a frame is already scheduled" flag. Every change (slider input, preset, resize,
//! theme) only marks what is stale and asks for a frame; the frame recomputes the forecast at
//! most once and redraws only the charts whose pixels would change.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use super::canvas;
use crate::model::condition::condition_forecast;
use crate::model::{link, preset, presets, Engine, Forecast, Scenario};
use bioanchors_charts::{ChartInputs, ChartKind, Geometry, Overlay, Palette, Style};

/// Everything the DOM reads. Copyable handles, provided as context by the app root.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The scenario being edited.
    pub scenario: RwSignal<Scenario>,
    /// Id of the preset the reader started from.
    pub preset_id: RwSignal<&'static str>,
    /// That preset's scenario: what "changed" and "reset" compare against.
    pub base: RwSignal<Scenario>,
    /// Forecast of `scenario`, set once per frame after the charts are drawn.
    pub forecast: RwSignal<Option<Arc<Forecast>>>,
    /// Forecast of `base`: the dashed reference curves and the "preset:" figures.
    pub reference: RwSignal<Option<Arc<Forecast>>>,
    /// Draw each anchor's contribution on the main chart.
    pub show_per_anchor: RwSignal<bool>,
    /// Page follows `prefers-color-scheme: dark`.
    pub dark: RwSignal<bool>,
    /// "Given no TAI by YEAR" (the Insight section's toggle): when set, every frame conditions
    /// the forecast and the reference on it before the charts and the summary read them.
    pub given_no_tai_by: RwSignal<Option<i32>>,
    /// The year `forecast` is conditioned on (None: not conditioned, also when the condition
    /// could not apply). Set in the same frame as `forecast`, so that labels saying
    /// "| none by YEAR" change together with the numbers they label; read it, not
    /// `given_no_tai_by`, for anything shown next to the forecast.
    pub shown_given: RwSignal<Option<i32>>,
}

impl AppState {
    /// Light theme until `theme::follow_color_scheme` says otherwise.
    pub fn new(preset_id: &'static str, base: Scenario, scenario: Scenario) -> Self {
        AppState {
            scenario: RwSignal::new(scenario),
            preset_id: RwSignal::new(preset_id),
            base: RwSignal::new(base),
            forecast: RwSignal::new(None),
            reference: RwSignal::new(None),
            show_per_anchor: RwSignal::new(false),
            dark: RwSignal::new(false),
            given_no_tai_by: RwSignal::new(None),
            shown_given: RwSignal::new(None),
        }
    }

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
        schedule_url_update(*self, false);
    }

    /// Sets one parameter (clamped by the model) and schedules a recompute.
    pub fn set_param(&self, key: &'static str, value: f64) {
        bench_mark_input();
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
        bench_mark_input();
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
        bench_mark_input();
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
        bench_mark_input();
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
        schedule_url_update(*self, true);
    }

    fn scenario_changed(&self) {
        with_runtime(|rt| rt.forecast_stale = true);
        request_frame(*self);
        schedule_url_update(*self, true);
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
}

/// The imperative side of the app (see the module docs).
pub struct Runtime {
    engine: Engine,
    frame_pending: bool,
    forecast_stale: bool,
    reference_stale: bool,
    charts: [ChartSlot; 4],
    forecast: Option<Arc<Forecast>>,
    /// The year `forecast` is conditioned on, if any (the charts' condition note).
    forecast_given: Option<i32>,
    reference: Option<Arc<Forecast>>,
    /// `?bench` in the URL: record performance marks and measures.
    bench: bool,
    /// An input event is waiting for its frame (bench: the start mark is set).
    input_pending: bool,
    first_charts_marked: bool,
    url_timer: Option<TimeoutHandle>,
    /// The scenario changed since the last autosave (conditioning alone does not count).
    unsaved: bool,
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

pub fn init_runtime(bench: bool) {
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
            bench,
            input_pending: false,
            first_charts_marked: false,
            url_timer: None,
            unsaved: false,
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

/// Registers a chart's canvas (on mount) and sizes its backing store to CSS size × DPR.
/// Resizing clears a canvas, so the chart is redrawn right away, before the browser paints.
pub fn resize_chart(
    state: AppState,
    kind: ChartKind,
    canvas: HtmlCanvasElement,
    css_w: f64,
    css_h: f64,
) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0);
    let backing_w = (css_w * dpr).round().max(1.0) as u32;
    let backing_h = (css_h * dpr).round().max(1.0) as u32;
    if canvas.width() != backing_w {
        canvas.set_width(backing_w);
    }
    if canvas.height() != backing_h {
        canvas.set_height(backing_h);
    }
    let palette = Palette::for_theme(state.dark.get_untracked());
    let per_anchor = state.show_per_anchor.get_untracked();
    with_runtime(|rt| {
        let (inputs, charts) = rt.chart_inputs(per_anchor);
        let slot = &mut charts[kind.index()];
        slot.canvas = Some(canvas);
        slot.css = (css_w, css_h);
        slot.dpr = dpr;
        slot.drawn = None;
        if let Some(inputs) = inputs {
            draw_chart(slot, kind, palette, &inputs);
        }
        // Canvases usually get their size after the first forecast: the last one to be drawn
        // completes the first picture.
        if !rt.first_charts_marked && rt.charts.iter().all(|s| s.drawn.is_some()) {
            rt.first_charts_marked = true;
            perf_mark("first-charts");
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
    let palette = Palette::for_theme(state.dark.get_untracked());
    let per_anchor = state.show_per_anchor.get_untracked();
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
    let perf = performance();
    let result = with_runtime(|rt| {
        rt.frame_pending = false;
        if rt.bench && rt.input_pending {
            // How long the input waited for this frame, to tell waiting from working.
            perf_measure("input-to-frame", "input");
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
        if let (Some(inputs), charts) = rt.chart_inputs(per_anchor) {
            for kind in ChartKind::ALL {
                draw_chart(&mut charts[kind.index()], kind, palette, &inputs);
            }
        }
        let all_drawn = rt.charts.iter().all(|s| s.drawn.is_some());
        let draw_end = perf.as_ref().map(|p| p.now());
        let timing = match (model_start, draw_start, draw_end) {
            (Some(a), Some(b), Some(c)) => Some((b - a, c - b)),
            _ => None,
        };
        let first_charts = all_drawn && !rt.first_charts_marked;
        if first_charts {
            rt.first_charts_marked = true;
        }
        let input = std::mem::replace(&mut rt.input_pending, false) && rt.bench;
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
                perf_mark("first-charts");
            }
            if input {
                perf_measure("input-to-redraw", "input");
                if let Some((model_ms, draw_ms)) = timing {
                    record_bench_split(model_ms, draw_ms);
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
    let drawn = canvas::backend(canvas)
        .and_then(|backend| bioanchors_charts::draw(backend, kind, &style, inputs));
    match drawn {
        Ok(g) => {
            slot.geometry = Some(g);
            slot.drawn = Some(fingerprint);
        }
        Err(e) => leptos::logging::warn!("{}: {e}", kind.id()),
    }
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
    let palette = Palette::for_theme(state.dark.get_untracked());
    let per_anchor = state.show_per_anchor.get_untracked();
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

/// FNV-1a over the bits of every number a chart shows: cheap enough to run per frame (the
/// requirements chart's ~30k numbers hash in well under a millisecond), and it lets a drag of a
/// spending slider skip redrawing the requirement distributions it cannot move.
fn chart_fingerprint(
    kind: ChartKind,
    inputs: &ChartInputs,
    palette: &Palette,
    css: (f64, f64),
    dpr: f64,
) -> u64 {
    let ChartInputs {
        forecast: f,
        reference,
        per_anchor,
        overlays,
        given,
    } = *inputs;
    let mut h = Fnv::new();
    h.f(css.0);
    h.f(css.1);
    h.f(dpr);
    h.u(palette.background.0 as u64);
    h.u(kind.index() as u64);
    // The condition note on the probability charts.
    h.u(given.map_or(0, |y| y as u64 + 1));
    for &y in &f.years {
        h.u(y as u64);
    }
    match kind {
        ChartKind::Cdf => {
            h.s(&f.p_by_year);
            h.u(per_anchor as u64);
            if per_anchor {
                for (_, p) in f.p_by_year_per_anchor.iter() {
                    h.s(p);
                }
            }
            if let Some(r) = reference {
                h.s(&r.p_by_year);
            }
            h.u(overlays.len() as u64);
            for o in overlays {
                h.u(o.index as u64);
                h.s(&o.forecast.p_by_year);
                o.label.bytes().for_each(|b| h.u(b as u64));
            }
        }
        ChartKind::PerYear => {
            h.s(&f.p_per_year);
            if let Some(r) = reference {
                h.s(&r.p_per_year);
            }
        }
        ChartKind::Requirements => {
            h.s(&f.requirements.log10_flop);
            for (_, p) in f.requirements.pdf.iter() {
                h.s(p);
            }
            for (_, c) in f.requirements.cdf.iter() {
                h.s(c);
            }
            h.s(&f.log10_effective_compute.median);
        }
        ChartKind::Trajectories => {
            for b in [
                &f.log10_flop_per_dollar,
                &f.log10_spend_dollars,
                &f.algorithmic_progress_oom,
                &f.log10_effective_compute,
            ] {
                h.s(&b.p10);
                h.s(&b.median);
                h.s(&b.p90);
            }
        }
    }
    h.0
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn u(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn f(&mut self, v: f64) {
        self.u(v.to_bits());
    }
    fn s(&mut self, vs: &[f64]) {
        self.u(vs.len() as u64);
        for &v in vs {
            self.f(v);
        }
    }
}

/// Keeps the address bar a share link of the current scenario (only what differs from the
/// preset, and `given=YEAR` when conditioned). Debounced: browsers throttle
/// `history.replaceState` when called on every frame. `edited`: the scenario changed, so the
/// autosave writes too.
fn schedule_url_update(state: AppState, edited: bool) {
    if edited {
        with_runtime(|rt| rt.unsaved = true);
    }
    let handle = set_timeout_with_handle(
        move || {
            let scenario = state.scenario.get_untracked();
            let preset_id = state.preset_id.get_untracked();
            let given = state.given_no_tai_by.get_untracked();
            let mut query = link::address_query(&scenario, preset_id, given);
            if with_runtime(|rt| rt.bench).unwrap_or(false) {
                query = if query.is_empty() {
                    "bench".into()
                } else {
                    format!("bench&{query}")
                };
            }
            let Some(window) = web_sys::window() else {
                return;
            };
            let path = window.location().pathname().unwrap_or_else(|_| "/".into());
            let url = if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            };
            if let Ok(history) = window.history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
            // The autosave rides on the same debounce: one write when a drag stops.
            if with_runtime(|rt| std::mem::take(&mut rt.unsaved)).unwrap_or(false) {
                super::storage::autosave(preset_id, &scenario);
            }
        },
        std::time::Duration::from_millis(250),
    )
    .ok();
    let previous = with_runtime(|rt| std::mem::replace(&mut rt.url_timer, handle)).flatten();
    if let Some(h) = previous {
        h.clear();
    }
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Marks the first input event since the last frame (bench mode only): the start of
/// "input-to-redraw".
fn bench_mark_input() {
    let mark = with_runtime(|rt| {
        let first = rt.bench && !rt.input_pending;
        rt.input_pending = true;
        first
    })
    .unwrap_or(false);
    if mark {
        perf_mark("input");
    }
}

fn perf_mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// `performance.measure(name, start_mark)`, called through JS so it works whichever web-sys
/// features (which change this method's Rust signature) the dependency tree enables.
fn perf_measure(name: &str, start_mark: &str) {
    let Some(p) = performance() else { return };
    let Ok(measure) = js_sys::Reflect::get(&p, &"measure".into()) else {
        return;
    };
    if let Ok(measure) = measure.dyn_into::<js_sys::Function>() {
        let _ = measure.call2(&p, &name.into(), &start_mark.into());
    }
}

/// Bench mode: the model and drawing parts of each frame, for BENCHMARKS.md.
fn record_bench_split(model_ms: f64, draw_ms: f64) {
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
