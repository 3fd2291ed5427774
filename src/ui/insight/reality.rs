//! The reality check: the largest training runs since 2020 against the scenario's compute.

use leptos::prelude::*;

use crate::model::observed::{largest_run_per_year, ObservedRun};
use crate::ui::canvas::{draw_reality_check, size_backing_store, track_size};
use crate::ui::format::sci_log10;
use crate::ui::quiet::Debounce;
use crate::ui::state::AppState;
use crate::ui::table::TableTwinDetails;
use bioanchors_charts::insight::REALITY_YEARS;
use bioanchors_charts::palette::{css, Palette};
use bioanchors_charts::Style;

const REESTIMATED_PRESET: &str = "reestimated-growth";

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

/// What the reality check shows: the compute bands up to its last year, its size and theme.
fn reality_fingerprint(f: &crate::model::Forecast, size: (f64, f64), dark: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (size.0.to_bits(), size.1.to_bits(), dark).hash(&mut h);
    for (i, &year) in f.years.iter().enumerate() {
        if year > REALITY_YEARS.1 {
            break;
        }
        for band in [&f.log10_affordable_compute, &f.log10_effective_compute] {
            for v in [band.p10[i], band.median[i], band.p90[i]] {
                v.to_bits().hash(&mut h);
            }
        }
    }
    h.finish()
}

#[component]
pub(super) fn RealityCheck() -> impl IntoView {
    let state = expect_context::<AppState>();
    let runs = largest_run_per_year();
    let size = RwSignal::new((0.0, 0.0));
    let box_ref = NodeRef::<leptos::html::Div>::new();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    track_size(box_ref, size);
    let drawn_runs = runs.clone();
    // Drawn once the scenario is still (a drag does not redraw it every frame: see quiet.rs),
    // and only when what it shows changed; its height comes from its ResizeObserver, so drawing
    // never forces a layout.
    let quiet = Debounce::new();
    let drawn = StoredValue::new(None::<u64>);
    Effect::new(move |_| {
        let (Some(canvas), Some(f)) = (canvas_ref.get(), state.forecast.get()) else {
            return;
        };
        let (css_w, css_h) = size.get();
        let dark = state.dark.get();
        if css_w <= 0.0 || css_h <= 0.0 {
            return;
        }
        let runs = drawn_runs.clone();
        quiet.run(move || {
            let fingerprint = reality_fingerprint(&f, (css_w, css_h), dark);
            if drawn.get_value() == Some(fingerprint) {
                return;
            }
            let dpr = size_backing_store(&canvas, css_w, css_h);
            let style = Style {
                palette: Palette::for_theme(dark),
                dpr,
                css_width: css_w,
            };
            match draw_reality_check(&canvas, &style, &f, &runs) {
                Ok(_) => drawn.set_value(Some(fingerprint)),
                Err(e) => leptos::logging::warn!("reality check: {e}"),
            }
        });
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
            <TableTwinDetails summary="Sources of the points">
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
            </TableTwinDetails>
        </div>
    }
}
