//! "Given no TAI by YEAR": the forecast of someone who knows TAI has not arrived yet.

use leptos::prelude::*;

use crate::ui::state::AppState;

#[component]
pub(super) fn Condition() -> impl IntoView {
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
