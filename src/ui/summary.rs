//! The headline numbers in large type, and the table twin of the main chart.
//!
//! Strings come from `model::format`, the same functions the CLI prints with, so a number read
//! off the page and one printed by `bioanchors forecast` for the same scenario are identical.

use leptos::prelude::*;

use super::state::AppState;
use super::table::TableTwinDetails;
use crate::model::format::{percent, SUMMARY_FIGURES as FIGURES};

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = FIGURES
        .iter()
        .map(|&(test_id, label, figure)| {
            let value = Memo::new(move |_| {
                state
                    .forecast
                    .with(|f| f.as_deref().map(|f| figure.text(f)))
            });
            let preset = Memo::new(move |_| {
                state
                    .reference
                    .with(|f| f.as_deref().map(|f| figure.text(f)))
            });
            let lead = figure.is_lead();
            let exact = Memo::new(move |_| {
                state
                    .forecast
                    .with(|f| f.as_deref().and_then(|f| figure.value(f)))
            });
            // Conditioned on the present (the Insight toggle), every figure says so.
            let label_text = move || match state.shown_given.get() {
                Some(year) => format!("{label} | none by {year}"),
                None => label.to_string(),
            };
            view! {
                <div class="figure" class:lead=lead>
                    <div class="figure-label">{label_text}</div>
                    <div
                        class="figure-value"
                        data-testid=test_id
                        data-value=move || exact.get().map(|v| v.to_string())
                    >
                        {move || value.get().unwrap_or_else(|| "\u{2026}".to_string())}
                    </div>
                    <div class="figure-preset" data-testid=format!("{test_id}-preset")>
                        {move || match (value.get(), preset.get()) {
                            (Some(v), Some(p)) if v != p => format!("preset: {p}"),
                            (_, Some(_)) => "= preset".to_string(),
                            _ => String::new(),
                        }}
                    </div>
                </div>
            }
        })
        .collect_view();
    let ceiling = Memo::new(move |_| {
        state.forecast.with(|f| {
            f.as_deref().map(|f| {
                let beyond = 1.0 - f.requirements.weights.iter().map(|(_, w)| w).sum::<f64>();
                percent(beyond.max(0.0))
            })
        })
    });
    view! {
        <section class="summary" aria-label="Summary" aria-live="polite">
            {move || state.shown_given.get().map(|year| view! {
                <p class="summary-condition" data-testid="summary-condition">
                    {format!("Conditioned: given no TAI by {year}, the figures, the table and the first two charts show P(TAI by year | none by {year}).")}
                </p>
            })}
            <div class="figures">{figures}</div>
            <p class="summary-note">
                {move || ceiling.get().map(|b| format!(
                    "{b} of the probability sits \u{201c}beyond all anchors\u{201d}: the curve never reaches 100%."
                ))}
            </p>
        </section>
    }
}

/// The main chart as a table, for screen readers and for anyone who wants exact numbers.
/// Rendered only while open: 76 rows rewritten on every frame of a drag would cost for nothing.
#[component]
pub fn TableTwin() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let rows = move || {
        if !open.get() {
            return Vec::new();
        }
        let f = state.forecast.get();
        let r = state.reference.get();
        let Some(f) = f.as_deref() else {
            return Vec::new();
        };
        f.years
            .iter()
            .enumerate()
            .map(|(i, &y)| {
                let preset = r
                    .as_deref()
                    .and_then(|r| {
                        r.years
                            .iter()
                            .position(|&ry| ry == y)
                            .map(|j| percent(r.p_by_year[j]))
                    })
                    .unwrap_or_default();
                (y, percent(f.p_by_year[i]), percent(f.p_per_year[i]), preset)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <TableTwinDetails summary="Table: probability of transformative AI by year" open>
                <table data-testid="table-twin">
                    <caption>{move || match state.shown_given.get() {
                        Some(year) => format!("P(TAI by year | none by {year}) for this scenario and for the preset"),
                        None => "P(TAI by year) for this scenario and for the preset".to_string(),
                    }}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Year"</th>
                            <th scope="col">"P(TAI by year)"</th>
                            <th scope="col">"P(arrives that year)"</th>
                            <th scope="col">"Preset: P(TAI by year)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows()
                            .into_iter()
                            .map(|(y, p, per, preset)| view! {
                                <tr><th scope="row">{y}</th><td>{p}</td><td>{per}</td><td>{preset}</td></tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
        </TableTwinDetails>
    }
}
