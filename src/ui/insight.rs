//! The Insight section: which assumption matters (the tornado), what you would need to believe
//! (the solver), conditioning on the present, and the reality check against observed runs.
//!
//! The tornado costs tens of forecasts, too many for one frame, so it runs as a job on its own
//! `Engine` (the page's engine keeps its caches for the sliders), in slices of at most
//! [`SLICE_MS`]. A change of scenario or metric asks for a tick at the next animation frame;
//! that tick starts a new job and computes nothing, so the input that caused it has its frame
//! and a drag never pays for a tornado that the next frame would throw away. The job then goes on
//! in message-channel tasks, not frames: the browser still handles input and renders between
//! them, but the job does not wait ~16 ms for each next frame, so the tornado appears about when
//! its computing is done (BENCHMARKS.md).

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::canvas::{draw_reality_check, draw_tornado};
use super::format::sci_log10;
use super::state::AppState;
use crate::model::format::{metric_text, solve_text, unit_suffix, value_text};
use crate::model::link::shortest;
use crate::model::observed::{largest_run_per_year, ObservedRun};
use crate::model::sensitivity::{
    sort_bars, tornado_bar, tornado_base, tornado_params, Metric, MetricValue, TornadoBar,
};
use crate::model::solve::{solve, SolveResult, Target};
use crate::model::{param_spec, param_specs, Engine, ParamKind, ParamSpec, Scenario};
use bioanchors_charts::insight::{tornado_css_height, REALITY_YEARS};
use bioanchors_charts::palette::{css, Palette};
use bioanchors_charts::Style;

/// Most milliseconds of tornado work per task: the longest an input waits for the main thread
/// while a tornado is computed. Between slices the browser handles input and renders a frame if
/// one is due (~1–3 ms), so shorter slices cost wall time; 10 ms keeps an input's wait under a
/// frame.
const SLICE_MS: f64 = 10.0;
/// Least milliseconds between two updates of the "Updating… n of N" count. Each update is a DOM
/// change, so the browser lays the page out again between slices (~5 ms a slice, measured): a
/// tornado that ends within this time shows no count but the first.
const PROGRESS_EVERY_MS: f64 = 100.0;
/// Bars shown before "show all".
const TOP_BARS: usize = 12;
/// The year of the tornado's probability metric.
const P_YEAR: i32 = 2036;
const REESTIMATED_PRESET: &str = "reestimated-growth";

/// A finished tornado, as drawn and tabulated.
#[derive(Clone, Debug, PartialEq)]
struct TornadoView {
    metric: Metric,
    /// Widest swing first; none when the model refused the metric.
    bars: Vec<TornadoBar>,
    /// Why the model refused the metric for this scenario (a year outside its forecast).
    refused: Option<String>,
    /// Sum of the time slices, and navigation-independent wall time from the job's start.
    compute_ms: f64,
    wall_ms: f64,
    slices: u32,
}

/// The tornado's reactive handles.
#[derive(Clone, Copy)]
struct TornadoSignals {
    state: AppState,
    metric: RwSignal<Metric>,
    result: RwSignal<Option<Arc<TornadoView>>>,
    /// (bars done, bars in all) while a job runs.
    progress: RwSignal<Option<(usize, usize)>>,
}

struct TornadoJob {
    scenario: Scenario,
    metric: Metric,
    params: Vec<&'static ParamSpec>,
    base: Option<MetricValue>,
    /// `tornado_base`'s refusal, which ends the job.
    refused: Option<String>,
    bars: Vec<TornadoBar>,
    compute_ms: f64,
    started_ms: f64,
    /// When the progress count was last shown.
    progress_shown_ms: f64,
    slices: u32,
    finished: bool,
}

impl TornadoJob {
    fn new(scenario: Scenario, metric: Metric, now: f64) -> Self {
        TornadoJob {
            params: tornado_params(&scenario),
            scenario,
            metric,
            base: None,
            refused: None,
            bars: Vec::new(),
            compute_ms: 0.0,
            started_ms: now,
            progress_shown_ms: now,
            slices: 0,
            finished: false,
        }
    }

    fn is_complete(&self) -> bool {
        self.refused.is_some() || (self.base.is_some() && self.bars.len() == self.params.len())
    }

    /// Computes the base, then bars, until the slice is spent: a unit is started only if the
    /// slowest unit so far would still fit, and at least one runs per call.
    fn work(&mut self, engine: &mut Engine) {
        let start = now_ms();
        let mut slowest = 0.0_f64;
        while !self.is_complete() {
            let t0 = now_ms();
            match self.base {
                None => match tornado_base(engine, &self.scenario, self.metric) {
                    Ok(base) => self.base = Some(base),
                    Err(e) => self.refused = Some(e.to_string()),
                },
                Some(base) => {
                    let spec = self.params[self.bars.len()];
                    let bar = tornado_bar(engine, &self.scenario, self.metric, spec, base);
                    self.bars.push(bar);
                }
            }
            let t1 = now_ms();
            slowest = slowest.max(t1 - t0);
            if t1 - start + slowest > SLICE_MS {
                break;
            }
        }
        self.compute_ms += now_ms() - start;
        self.slices += 1;
    }
}

/// The Insight section's imperative side: its own engine and the tornado job.
struct InsightRuntime {
    engine: Engine,
    job: Option<TornadoJob>,
    tick_pending: bool,
}

thread_local! {
    static INSIGHT: RefCell<Option<InsightRuntime>> = const { RefCell::new(None) };
}

fn with_insight<R>(f: impl FnOnce(&mut InsightRuntime) -> R) -> R {
    INSIGHT.with(|cell| {
        let mut slot = cell.borrow_mut();
        let rt = slot.get_or_insert_with(|| InsightRuntime {
            engine: Engine::new(),
            job: None,
            tick_pending: false,
        });
        f(rt)
    })
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// When the next tick runs.
#[derive(Clone, Copy)]
enum Next {
    /// At the next animation frame: a new job, so that the input that caused it has its frame.
    Frame,
    /// As soon as the main thread is free: a job under way. A message-channel task runs after
    /// pending input and the frames the browser is due to render, but without waiting for the
    /// next frame, so the wall time stays close to the compute time.
    Task,
}

fn request_tick(sig: TornadoSignals, next: Next) {
    if with_insight(|rt| std::mem::replace(&mut rt.tick_pending, true)) {
        return;
    }
    match next {
        Next::Frame => request_animation_frame(move || tornado_tick(sig, Next::Frame)),
        Next::Task => post_task(sig),
    }
}

/// A message channel whose port1 runs a tornado tick per message.
struct TaskChannel {
    channel: web_sys::MessageChannel,
    /// Kept alive as long as the port calls it.
    _handler: Closure<dyn FnMut()>,
}

thread_local! {
    static TASKS: RefCell<Option<TaskChannel>> = const { RefCell::new(None) };
}

/// Queues a tornado tick as a task (see [`Next::Task`]); falls back to a frame if the browser
/// has no message channels.
fn post_task(sig: TornadoSignals) {
    let posted = TASKS.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let channel = web_sys::MessageChannel::new().ok()?;
            let handler = Closure::<dyn FnMut()>::new(move || tornado_tick(sig, Next::Task));
            channel
                .port1()
                .set_onmessage(Some(handler.as_ref().unchecked_ref()));
            *slot = Some(TaskChannel {
                channel,
                _handler: handler,
            });
        }
        slot.as_ref()?
            .channel
            .port2()
            .post_message(&wasm_bindgen::JsValue::NULL)
            .ok()
    });
    if posted.is_none() {
        request_animation_frame(move || tornado_tick(sig, Next::Frame));
    }
}

enum Tick {
    /// Bars done, bars in all, whether to show that count now, and when to go on.
    Working(usize, usize, bool, Next),
    Finished(TornadoView),
    Idle,
}

/// One step of the tornado job; `via` is how this tick was scheduled.
fn tornado_tick(sig: TornadoSignals, via: Next) {
    let scenario = sig.state.scenario.get_untracked();
    let metric = sig.metric.get_untracked();
    let outcome = with_insight(|rt| {
        rt.tick_pending = false;
        let current = rt
            .job
            .as_ref()
            .is_some_and(|j| j.scenario == scenario && j.metric == metric);
        if !current {
            // New question: leave this frame to the input that caused it (see module docs).
            let job = TornadoJob::new(scenario, metric, now_ms());
            let total = job.params.len();
            rt.job = Some(job);
            // A tick in a frame has that frame rendered before a task runs; a task may run
            // before the input's frame is drawn, so it waits for the next frame.
            let next = match via {
                Next::Frame => Next::Task,
                Next::Task => Next::Frame,
            };
            return Tick::Working(0, total, true, next);
        }
        let InsightRuntime { engine, job, .. } = rt;
        let Some(job) = job.as_mut().filter(|j| !j.finished) else {
            return Tick::Idle;
        };
        job.work(engine);
        if !job.is_complete() {
            let now = now_ms();
            let show = now - job.progress_shown_ms >= PROGRESS_EVERY_MS;
            if show {
                job.progress_shown_ms = now;
            }
            return Tick::Working(job.bars.len(), job.params.len(), show, Next::Task);
        }
        job.finished = true;
        let mut bars = job.bars.clone();
        sort_bars(&mut bars);
        Tick::Finished(TornadoView {
            metric: job.metric,
            bars,
            refused: job.refused.clone(),
            compute_ms: job.compute_ms,
            wall_ms: now_ms() - job.started_ms,
            slices: job.slices,
        })
    });
    match outcome {
        Tick::Working(done, total, show, next) => {
            if show {
                sig.progress.set(Some((done, total)));
            }
            request_tick(sig, next);
        }
        Tick::Finished(view) => {
            sig.progress.set(None);
            sig.result.set(Some(Arc::new(view)));
        }
        Tick::Idle => {}
    }
}

/// A parameter's name as people read it: per-anchor parameters start with their anchor.
fn param_name(key: &str, label: &str) -> String {
    match param_spec(key).and_then(|s| s.anchor) {
        Some(a) => format!("{}: {label}", a.label()),
        None => label.to_string(),
    }
}

/// Sizes a canvas's backing store to CSS size × devicePixelRatio; returns the DPR.
fn size_canvas(canvas: &web_sys::HtmlCanvasElement, css_w: f64, css_h: f64) -> f64 {
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

/// Keeps `width` equal to the element's CSS width (ResizeObserver, alive as long as the page).
fn track_width(box_ref: NodeRef<leptos::html::Div>, width: RwSignal<f64>) {
    Effect::new(move |_| {
        let Some(el) = box_ref.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let observed = el.clone();
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            let w = observed.client_width() as f64;
            if w > 0.0 && (w - width.get_untracked()).abs() > 0.5 {
                width.set(w);
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&el);
            std::mem::forget(observer);
        }
        on_resize.forget();
    });
}

#[component]
pub fn Insight() -> impl IntoView {
    view! {
        <section class="insight" aria-label="Insight" data-testid="insight">
            <h2 class="insight-title">"Insight"</h2>
            <Tornado />
            <Solver />
            <Condition />
            <RealityCheck />
        </section>
    }
}

#[component]
fn Tornado() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sig = TornadoSignals {
        state,
        metric: RwSignal::new(Metric::MedianYear),
        result: RwSignal::new(None),
        progress: RwSignal::new(None),
    };
    // Any change of the scenario or the metric starts the job over, on the next frame.
    Effect::new(move |_| {
        state.scenario.track();
        sig.metric.track();
        request_tick(sig, Next::Frame);
    });
    let show_all = RwSignal::new(false);
    let width = RwSignal::new(0.0);
    let box_ref = NodeRef::<leptos::html::Div>::new();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    track_width(box_ref, width);
    let shown = move || {
        sig.result.with(|r| {
            r.as_ref().map(|v| {
                if show_all.get() {
                    v.bars.len()
                } else {
                    v.bars.len().min(TOP_BARS)
                }
            })
        })
    };
    let height = move || tornado_css_height(shown().unwrap_or(TOP_BARS));
    Effect::new(move |_| {
        let (Some(canvas), Some(view)) = (canvas_ref.get(), sig.result.get()) else {
            return;
        };
        let css_w = width.get();
        let rows = shown().unwrap_or(0);
        if css_w <= 0.0 {
            return;
        }
        let dpr = size_canvas(&canvas, css_w, tornado_css_height(rows));
        let style = Style {
            palette: Palette::for_theme(state.dark.get()),
            dpr,
            css_width: css_w,
        };
        if let Err(e) = draw_tornado(&canvas, &style, &view.bars[..rows], view.metric) {
            leptos::logging::warn!("tornado: {e}");
        }
    });
    let status = move || {
        match (sig.progress.get(), sig.result.get()) {
        (Some((done, total)), _) => format!("Updating\u{2026} {done} of {total} parameters"),
        (None, Some(v)) if v.refused.is_some() => "Not computed.".to_string(),
        (None, Some(v)) => format!(
            "{} parameters, {} forecasts: {:.0} ms of computing in {} slices ({:.0} ms from start to finish).",
            v.bars.len(),
            2 * v.bars.len() + 1,
            v.compute_ms,
            v.slices,
            v.wall_ms
        ),
        (None, None) => "Computing\u{2026}".to_string(),
    }
    };
    let base_text = move || {
        sig.result.with(|r| {
            r.as_ref().and_then(|v| {
                v.bars.first().map(|b| {
                    format!(
                        "This scenario: {} {}. Each bar moves one parameter alone from the low to the high end of its plausible range (the \u{201c}i\u{201d} tip beside each slider names the source).",
                        v.metric.label(),
                        metric_text(v.metric, b.base, b.base_beyond_end)
                    )
                })
            })
        })
    };
    let palette = move || Palette::for_theme(state.dark.get());
    let rows = move || {
        sig.result
            .get()
            .map(|v| {
                v.bars
                    .iter()
                    .map(|b| {
                        let unit = unit_suffix(b.unit);
                        let swing = match v.metric {
                            Metric::MedianYear => format!("{:.1}", b.swing()),
                            Metric::PBy(_) => format!("{:.1}", b.swing() * 100.0),
                        };
                        let plus = if b.low_beyond_end || b.high_beyond_end {
                            "+"
                        } else {
                            ""
                        };
                        view! {
                            <tr data-key=b.key>
                                <th scope="row">{param_name(b.key, b.label)}<br /><code>{b.key}</code></th>
                                <td data-col="low">{format!("{}{unit}", value_text(b.low_value))}</td>
                                <td data-col="metric-low">{metric_text(v.metric, b.metric_at_low, b.low_beyond_end)}</td>
                                <td data-col="high">{format!("{}{unit}", value_text(b.high_value))}</td>
                                <td data-col="metric-high">{metric_text(v.metric, b.metric_at_high, b.high_beyond_end)}</td>
                                <td data-col="swing">{format!("{swing}{plus}")}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
    };
    let swing_unit = move || match sig.metric.get() {
        Metric::MedianYear => "Swing (years)",
        Metric::PBy(_) => "Swing (pp)",
    };
    let total = move || {
        sig.result
            .with(|r| r.as_ref().map(|v| v.bars.len()).unwrap_or(0))
    };
    view! {
        <div class="insight-panel" data-testid="tornado">
            <h3>"Which assumption matters most?"</h3>
            <div class="insight-row">
                <label>
                    "Measure "
                    <select
                        data-testid="tornado-metric"
                        on:change=move |ev| {
                            let m = if event_target_value(&ev) == "p" {
                                Metric::PBy(P_YEAR)
                            } else {
                                Metric::MedianYear
                            };
                            sig.metric.set(m);
                        }
                    >
                        <option value="median" selected=true>"median arrival year"</option>
                        <option value="p">{format!("P(TAI by {P_YEAR})")}</option>
                    </select>
                </label>
            </div>
            <p class="field-error" data-testid="tornado-error" role="alert">{move || sig.result.with(|r| r.as_ref().and_then(|v| v.refused.clone()))}</p>
            <p class="insight-note">{base_text}</p>
            <ul class="legend" aria-label="Legend">
                <li>{move || view! { <span class="swatch bar" style=("--swatch", css(palette().anchors[3])) aria-hidden="true"></span> }}"parameter at the low end"</li>
                <li>{move || view! { <span class="swatch bar" style=("--swatch", css(palette().anchors[4])) aria-hidden="true"></span> }}"at the high end"</li>
                <li>{move || view! { <span class="swatch dashed" style=("--swatch", css(palette().text)) aria-hidden="true"></span> }}"this scenario"</li>
            </ul>
            <div
                class="insight-canvas"
                class:stale=move || sig.progress.get().is_some()
                node_ref=box_ref
                style:height=move || format!("{:.0}px", height())
            >
                <canvas
                    id="chart-tornado"
                    node_ref=canvas_ref
                    role="img"
                    aria-label="Tornado chart: how far each parameter moves the result. The table below lists every bar."
                ></canvas>
            </div>
            <p
                class="insight-status"
                data-testid="tornado-status"
                data-complete=move || (sig.progress.get().is_none() && sig.result.with(|r| r.is_some())).to_string()
                data-compute-ms=move || sig.result.with(|r| r.as_ref().map(|v| format!("{:.2}", v.compute_ms)))
                data-wall-ms=move || sig.result.with(|r| r.as_ref().map(|v| format!("{:.2}", v.wall_ms)))
            >
                {status}
            </p>
            <button
                data-testid="tornado-show-all"
                disabled=move || total() <= TOP_BARS
                on:click=move |_| show_all.update(|s| *s = !*s)
            >
                {move || if show_all.get() {
                    format!("Show the top {TOP_BARS}")
                } else {
                    format!("Show all {}", total())
                }}
            </button>
            <details class="table-twin">
                <summary>"Table: every bar, exact values"</summary>
                <div class="table-scroll">
                    <table data-testid="tornado-table">
                        <thead>
                            <tr>
                                <th scope="col">"Parameter"</th>
                                <th scope="col">"Low end"</th>
                                <th scope="col">"Result"</th>
                                <th scope="col">"High end"</th>
                                <th scope="col">"Result"</th>
                                <th scope="col">{swing_unit}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </div>
    }
}

/// What the solver said, with the question it answered.
#[derive(Clone, Debug, PartialEq)]
struct SolveOutcome {
    spec: &'static ParamSpec,
    target: Target,
    current: f64,
    result: Result<SolveResult, String>,
}

impl SolveOutcome {
    /// The value "Apply" sets: the answer, or the closest value when out of reach.
    fn value(&self) -> Option<f64> {
        match self.result {
            Ok(SolveResult::Reached { value, .. }) => Some(value),
            Ok(SolveResult::Unreachable { best_value, .. }) => Some(best_value),
            Err(_) => None,
        }
    }

    fn text(&self) -> String {
        match &self.result {
            Ok(result) => solve_text(
                &param_name(self.spec.key, self.spec.label),
                self.spec,
                self.target,
                self.current,
                result,
            ),
            Err(e) => format!("Cannot solve: {e}."),
        }
    }
}

/// The parameters the solver offers: the continuous ones (whole numbers jump over targets).
fn solvable_specs() -> impl Iterator<Item = &'static ParamSpec> {
    param_specs()
        .iter()
        .filter(|s| s.kind == ParamKind::Continuous && s.min < s.max)
}

#[component]
fn Solver() -> impl IntoView {
    let state = expect_context::<AppState>();
    let by_probability = RwSignal::new(false);
    let median_year = RwSignal::new(2035.0_f64);
    let p_year = RwSignal::new(2030.0_f64);
    let p_percent = RwSignal::new(25.0_f64);
    let key = RwSignal::new("hardware.halving_years");
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<SolveOutcome>);
    let number = |ev: &leptos::ev::Event| event_target_value(ev).trim().parse::<f64>().ok();
    // A year box's value: what it holds, NaN when that is no number (an empty box), so that
    // the model's check, not a silent "keep the old value", answers it.
    let year_of = move |ev: &leptos::ev::Event| number(ev).unwrap_or(f64::NAN);
    // The target's year as the model will read it: a P-by year is a whole year.
    let target_year = move || {
        if by_probability.get() {
            p_year.get().round()
        } else {
            median_year.get()
        }
    };
    // The model's refusal of that year for this scenario, shown beside the boxes; Solve waits.
    let year_error = move || {
        let year = target_year();
        state
            .scenario
            .with(|s| s.check_year(year).err().map(|e| e.to_string()))
    };

    let run = move |_| {
        let Some(spec) = param_spec(key.get_untracked()) else {
            return;
        };
        if untrack(year_error).is_some() {
            return;
        }
        let target = if by_probability.get_untracked() {
            Target::PBy {
                // Checked above: a whole year within the forecast's, so the cast is exact.
                year: p_year.get_untracked().round() as i32,
                p: p_percent.get_untracked() / 100.0,
            }
        } else {
            Target::MedianYear(median_year.get_untracked())
        };
        busy.set(true);
        outcome.set(None);
        // Let "Solving…" paint first: the search runs a few dozen forecasts.
        set_timeout(
            move || {
                let scenario = state.scenario.get_untracked();
                let current = scenario.get(spec.key).unwrap_or(f64::NAN);
                let result = with_insight(|rt| solve(&mut rt.engine, &scenario, spec.key, target))
                    .map_err(|e| e.to_string());
                outcome.set(Some(SolveOutcome {
                    spec,
                    target,
                    current,
                    result,
                }));
                busy.set(false);
            },
            std::time::Duration::from_millis(20),
        );
    };
    let apply = move |_| {
        if let Some(o) = outcome.get_untracked() {
            if let Some(v) = o.value() {
                state.set_param(o.spec.key, v);
            }
        }
    };
    let options = solvable_specs()
        .map(|s| {
            let text = format!(
                "{}{}",
                param_name(s.key, s.label),
                if s.unit.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", s.unit)
                }
            );
            view! { <option value=s.key selected=s.key == key.get_untracked()>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="insight-panel" data-testid="solver">
            <h3>"What would you need to believe?"</h3>
            <p class="insight-note">"Pick a target and one assumption; the model finds the value of that assumption that reaches the target, every other assumption as it is now."</p>
            <div class="insight-form">
                <label>
                    "Target "
                    <select
                        data-testid="solver-kind"
                        on:change=move |ev| by_probability.set(event_target_value(&ev) == "p")
                    >
                        <option value="median" selected=true>"median arrival year ="</option>
                        <option value="p">"P(TAI by year) ="</option>
                    </select>
                </label>
                <Show when=move || !by_probability.get()>
                    <input
                        type="number"
                        class="number"
                        data-testid="solver-median-year"
                        aria-label="Target median year"
                        min="2025"
                        max="2100"
                        step="0.1"
                        prop:value=move || shortest(median_year.get())
                        on:change=move |ev| median_year.set(year_of(&ev))
                    />
                </Show>
                <Show when=move || by_probability.get()>
                    <label>
                        "by "
                        <input
                            type="number"
                            class="number"
                            data-testid="solver-p-year"
                            aria-label="Year"
                            min="2025"
                            max="2100"
                            step="1"
                            prop:value=move || shortest(p_year.get())
                            on:change=move |ev| p_year.set(year_of(&ev))
                        />
                    </label>
                    <label>
                        <input
                            type="number"
                            class="number"
                            data-testid="solver-p"
                            aria-label="Probability in percent"
                            min="0"
                            max="100"
                            step="1"
                            prop:value=move || p_percent.get().to_string()
                            on:change=move |ev| if let Some(v) = number(&ev) { p_percent.set(v) }
                        />
                        " %"
                    </label>
                </Show>
                <label class="solver-param">
                    "by changing "
                    <select
                        data-testid="solver-param"
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev);
                            if let Some(s) = param_spec(&chosen) {
                                key.set(s.key);
                            }
                        }
                    >
                        {options}
                    </select>
                </label>
                <button
                    data-testid="solver-solve"
                    disabled=move || busy.get() || year_error().is_some()
                    on:click=run
                >
                    "Solve"
                </button>
            </div>
            <p class="field-error" data-testid="solver-year-error" role="alert">
                {year_error}
            </p>
            <p class="insight-result" data-testid="solver-result" aria-live="polite">
                {move || if busy.get() {
                    "Solving\u{2026}".to_string()
                } else {
                    outcome.get().map(|o| o.text()).unwrap_or_default()
                }}
            </p>
            <Show when=move || outcome.with(|o| o.as_ref().is_some_and(|o| o.value().is_some()))>
                <button data-testid="solver-apply" on:click=apply>
                    {move || match outcome.get().map(|o| o.result) {
                        Some(Ok(SolveResult::Unreachable { .. })) => "Apply the closest value",
                        _ => "Apply to the scenario",
                    }}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn Condition() -> impl IntoView {
    let state = expect_context::<AppState>();
    let last = move || state.scenario.with_untracked(|s| s.last_year());
    // The browser's calendar year by default: the present is what the reader knows.
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let clamp = move |y: i32| y.clamp(crate::model::scenario::FIRST_YEAR, last() - 1);
    // A share link with `given=YEAR` opens with the condition on at that year.
    let given = state.given_no_tai_by.get_untracked();
    let year = RwSignal::new(given.unwrap_or_else(|| clamp(this_year)));
    let on = RwSignal::new(given.is_some());
    // The model's refusal of the last year typed; the condition keeps its previous year.
    let year_error = RwSignal::new(None::<String>);
    let apply = move || {
        state.set_given_no_tai_by(on.get_untracked().then(|| year.get_untracked()));
    };
    view! {
        <div class="insight-panel" data-testid="condition">
            <h3>"Condition on the present"</h3>
            <div class="insight-form">
                <label>
                    <input
                        type="checkbox"
                        data-testid="condition-toggle"
                        prop:checked=move || on.get()
                        on:change=move |ev| {
                            on.set(event_target_checked(&ev));
                            apply();
                        }
                    />
                    " Given no TAI by "
                </label>
                <input
                    type="number"
                    class="number"
                    data-testid="condition-year"
                    aria-label="Year by which TAI has not arrived"
                    step="1"
                    prop:value=move || year.get().to_string()
                    on:change=move |ev| {
                        // NaN for an empty box: the model's check refuses it like 1e9.
                        let typed = event_target_value(&ev)
                            .trim()
                            .parse::<f64>()
                            .unwrap_or(f64::NAN)
                            .round();
                        match state.scenario.with_untracked(|s| s.check_year(typed)) {
                            Ok(()) => {
                                year_error.set(None);
                                // Checked: a whole year within the forecast's, an exact cast.
                                year.set(typed as i32);
                                apply();
                            }
                            Err(e) => year_error.set(Some(e.to_string())),
                        }
                    }
                />
            </div>
            <p class="field-error" data-testid="condition-year-error" role="alert">
                {move || year_error.get()}
            </p>
            <p class="insight-note">{move || if on.get() {
                format!(
                    "On: the summary, the table and the first two charts show P(TAI by Y | no TAI by {}), which is 0 up to {} and renormalized after it.",
                    year.get(),
                    year.get()
                )
            } else {
                "Off: the summary and the charts show the model\u{2019}s forecast from 2025 on, which gives some probability to TAI having arrived already.".to_string()
            }}</p>
        </div>
    }
}

/// "under-predicted 2025 by 0.7 OOM": the scenario's affordable compute in the last observed
/// year (if the forecast covers it) against the largest run of that year.
fn reality_reading(f: &crate::model::Forecast, runs: &[ObservedRun]) -> Option<String> {
    let latest = runs.last()?;
    let i = f.years.iter().position(|&y| y == latest.year)?;
    let model = f.log10_affordable_compute.median[i];
    let gap = latest.log10_flop - model;
    let verb = if gap >= 0.0 {
        "under-predicted"
    } else {
        "over-predicted"
    };
    Some(format!(
        "This scenario\u{2019}s assumptions {verb} {} by {:.1} OOM: they make {} FLOP affordable for one run, and the largest run of {} ({}) used {} FLOP.",
        latest.year,
        gap.abs(),
        sci_log10(model),
        latest.year,
        latest.model,
        sci_log10(latest.log10_flop)
    ))
}

#[component]
fn RealityCheck() -> impl IntoView {
    let state = expect_context::<AppState>();
    let runs = largest_run_per_year();
    let width = RwSignal::new(0.0);
    let box_ref = NodeRef::<leptos::html::Div>::new();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    track_width(box_ref, width);
    let drawn_runs = runs.clone();
    Effect::new(move |_| {
        let (Some(canvas), Some(f)) = (canvas_ref.get(), state.forecast.get()) else {
            return;
        };
        let css_w = width.get();
        let Some(el) = box_ref.get_untracked() else {
            return;
        };
        let css_h = el.client_height() as f64;
        if css_w <= 0.0 || css_h <= 0.0 {
            return;
        }
        let dpr = size_canvas(&canvas, css_w, css_h);
        let style = Style {
            palette: Palette::for_theme(state.dark.get()),
            dpr,
            css_width: css_w,
        };
        if let Err(e) = draw_reality_check(&canvas, &style, &f, &drawn_runs) {
            leptos::logging::warn!("reality check: {e}");
        }
    });
    let reading_runs = runs.clone();
    let reading = move || {
        state
            .forecast
            .with(|f| f.as_deref().and_then(|f| reality_reading(f, &reading_runs)))
    };
    let palette = move || Palette::for_theme(state.dark.get());
    let source_rows = runs
        .iter()
        .map(|r| {
            view! {
                <tr data-testid="observed-run">
                    <th scope="row">{r.year}</th>
                    <td>{r.model.clone()}</td>
                    <td>{sci_log10(r.log10_flop)}</td>
                    <td>{if r.is_estimate() { "estimate" } else { "reported" }}</td>
                    <td class="source">{r.source.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="insight-panel" data-testid="reality-check">
            <h3>"Reality check: what has been done since 2020"</h3>
            <p class="insight-note">{format!(
                "The largest training run of each year, {}\u{2013}{}, against the compute this scenario makes affordable (actual FLOP) and its effective compute (in 2020-algorithm FLOP). Filled points: reported by the developer; hollow: outside estimates.",
                REALITY_YEARS.0,
                runs.last().map(|r| r.year).unwrap_or(REALITY_YEARS.0)
            )}</p>
            <div class="insight-canvas reality" node_ref=box_ref>
                <canvas
                    id="chart-reality"
                    node_ref=canvas_ref
                    role="img"
                    aria-label="Largest training runs per year against this scenario's affordable compute. The sources table below lists every point."
                ></canvas>
            </div>
            <ul class="legend" aria-label="Legend">
                <li>{move || view! { <span class="swatch" style=("--swatch", css(palette().trajectories[1])) aria-hidden="true"></span> }}"affordable compute (10th\u{2013}90th percentile band)"</li>
                <li>{move || view! { <span class="swatch" style=("--swatch", css(palette().trajectories[2])) aria-hidden="true"></span> }}"effective compute"</li>
                <li><span class="dot" aria-hidden="true"></span>"largest run of the year"</li>
            </ul>
            <p class="insight-result" data-testid="reality-reading">{reading}</p>
            <button
                data-testid="reality-preset"
                disabled=move || state.preset_id.get() == REESTIMATED_PRESET
                on:click=move |_| state.choose_preset(REESTIMATED_PRESET)
            >
                "Switch to the \u{201c}re-estimated growth\u{201d} preset"
            </button>
            <details class="table-twin">
                <summary>"Sources of the points"</summary>
                <div class="table-scroll">
                    <table data-testid="observed-table">
                        <thead>
                            <tr>
                                <th scope="col">"Year"</th>
                                <th scope="col">"Model"</th>
                                <th scope="col">"FLOP"</th>
                                <th scope="col">"Figure"</th>
                                <th scope="col">"Source"</th>
                            </tr>
                        </thead>
                        <tbody>{source_rows}</tbody>
                    </table>
                </div>
            </details>
        </div>
    }
}
