//! The tornado's job: its own `Engine` and the scheduler that runs it in slices between frames
//! (see the module docs of `insight`).

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::model::sensitivity::{
    sort_bars, tornado_bar, tornado_base, tornado_params, Metric, MetricValue, TornadoBar,
};
use crate::model::{Engine, ParamSpec, Scenario};
use crate::ui::state::AppState;

/// Most milliseconds of tornado work per task: the longest an input waits for the main thread
/// while a tornado is computed. Between slices the browser handles input and renders a frame if
/// one is due (~1–3 ms), so shorter slices cost wall time; 10 ms keeps an input's wait under a
/// frame.
const SLICE_MS: f64 = 10.0;
/// Least milliseconds between two updates of the "Updating… n of N" count. Each update is a DOM
/// change, so the browser lays the page out again between slices (~5 ms a slice, measured): a
/// tornado that ends within this time shows no count but the first.
const PROGRESS_EVERY_MS: f64 = 100.0;
/// A finished tornado, as drawn and tabulated.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct TornadoView {
    pub(super) metric: Metric,
    /// Widest swing first; none when the model refused the metric.
    pub(super) bars: Vec<TornadoBar>,
    /// Why the model refused the metric for this scenario (a year outside its forecast).
    pub(super) refused: Option<String>,
    /// Sum of the time slices, and navigation-independent wall time from the job's start.
    pub(super) compute_ms: f64,
    pub(super) wall_ms: f64,
    pub(super) slices: u32,
}

/// The tornado's reactive handles.
#[derive(Clone, Copy)]
pub(super) struct TornadoSignals {
    pub(super) state: AppState,
    pub(super) metric: RwSignal<Metric>,
    pub(super) result: RwSignal<Option<Arc<TornadoView>>>,
    /// (bars done, bars in all) while a job runs.
    pub(super) progress: RwSignal<Option<(usize, usize)>>,
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
        let start = monotonic_ms();
        let mut slowest = 0.0_f64;
        while !self.is_complete() {
            let t0 = monotonic_ms();
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
            let t1 = monotonic_ms();
            slowest = slowest.max(t1 - t0);
            if t1 - start + slowest > SLICE_MS {
                break;
            }
        }
        self.compute_ms += monotonic_ms() - start;
        self.slices += 1;
    }
}

/// The Insight section's imperative side: its own engine and the tornado job.
pub(super) struct InsightRuntime {
    pub(super) engine: Engine,
    job: Option<TornadoJob>,
    tick_pending: bool,
    /// The scenario (or metric) has been still since it changed ([`start_tornado`]): the next
    /// tick may start a job for it. A tick of a running job that finds the scenario changed
    /// drops the job instead, so a drag that begins during a tornado does not get a slice of a
    /// restarted job before every frame.
    start_wanted: bool,
}

thread_local! {
    static INSIGHT: RefCell<Option<InsightRuntime>> = const { RefCell::new(None) };
}

pub(super) fn with_insight<R>(f: impl FnOnce(&mut InsightRuntime) -> R) -> R {
    INSIGHT.with(|cell| {
        let mut slot = cell.borrow_mut();
        let rt = slot.get_or_insert_with(|| InsightRuntime {
            engine: Engine::new(),
            job: None,
            tick_pending: false,
            start_wanted: false,
        });
        f(rt)
    })
}

fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// When the next tick runs.
#[derive(Clone, Copy)]
pub(super) enum Next {
    /// At the next animation frame: a new job, so that the input that caused it has its frame.
    Frame,
    /// As soon as the main thread is free: a job under way. A message-channel task runs after
    /// pending input and the frames the browser is due to render, but without waiting for the
    /// next frame, so the wall time stays close to the compute time.
    Task,
}

/// Starts the tornado for the scenario and metric on screen, at a frame (the quiet debounce
/// calls this once they have been still).
pub(super) fn start_tornado(sig: TornadoSignals) {
    with_insight(|rt| rt.start_wanted = true);
    request_tick(sig, Next::Frame);
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
        // Asked for the question already under way or answered: nothing new to start.
        let start = std::mem::take(&mut rt.start_wanted) && !current;
        if !current && !start {
            // The scenario moved under a running job: stop; the debounce starts the new one.
            rt.job = None;
            return Tick::Idle;
        }
        if !current {
            // New question: leave this frame to the input that caused it (see module docs).
            let job = TornadoJob::new(scenario, metric, monotonic_ms());
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
            let now = monotonic_ms();
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
            wall_ms: monotonic_ms() - job.started_ms,
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
