//! The solver: what one parameter would have to be for a target median or probability.

use leptos::prelude::*;

use super::job::with_insight;
use super::param_name;
use crate::model::format::solve_text;
use crate::model::number::shortest;
use crate::model::solve::{solve, SolveResult, Target};
use crate::model::{param_spec, param_specs, ParamKind, ParamSpec};
use crate::ui::state::AppState;

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
pub(super) fn Solver() -> impl IntoView {
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
