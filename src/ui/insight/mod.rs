//! The Insight section: which assumption matters (the tornado), what you would need to believe
//! (the solver), conditioning on the present, and the reality check against observed runs.
//!
//! The tornado costs tens of forecasts, too many for one frame, so it runs as a job on its own
//! `Engine` (the page's engine keeps its caches for the sliders), in slices of at most
//! [`SLICE_MS`]. Once the scenario and metric have been still for `quiet::QUIET_MS`, a tick at
//! the next animation frame starts a new job and computes nothing, so the input before it has
//! its frame. A job whose scenario changes under it stops at its next tick and waits for the
//! scenario to be still again: a drag never pays for a tornado that the next frame would throw
//! away. The job goes on
//! in message-channel tasks, not frames: the browser still handles input and renders between
//! them, but the job does not wait ~16 ms for each next frame, so the tornado appears about when
//! its computing is done (BENCHMARKS.md, "the tornado").

mod condition;
mod job;
mod reality;
mod solver;
mod tornado;

use leptos::prelude::*;

use crate::model::param_spec;
use condition::Condition;
use reality::RealityCheck;
use solver::Solver;
use tornado::Tornado;

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

/// A parameter's name as people read it: per-anchor parameters start with their anchor.
pub(super) fn param_name(key: &str, label: &str) -> String {
    match param_spec(key).and_then(|s| s.anchor) {
        Some(a) => format!("{}: {label}", a.label()),
        None => label.to_string(),
    }
}
