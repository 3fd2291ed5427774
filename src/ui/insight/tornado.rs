//! The tornado: which assumption moves the answer most, as a chart and its table twin.

use leptos::prelude::*;

use super::job::{start_tornado, TornadoSignals};
use super::param_name;
use crate::model::format::{metric_text, unit_suffix, value_text};
use crate::model::sensitivity::Metric;
use crate::ui::canvas::{draw_tornado, size_backing_store, track_width};
use crate::ui::quiet::Debounce;
use crate::ui::state::AppState;
use crate::ui::table::TableTwinDetails;
use bioanchors_charts::insight::tornado_css_height;
use bioanchors_charts::palette::{css, Palette};
use bioanchors_charts::Style;

/// Bars shown before "show all".
const TOP_BARS: usize = 12;
/// The year of the tornado's probability metric.
const P_YEAR: i32 = 2036;
#[component]
pub(super) fn Tornado() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sig = TornadoSignals {
        state,
        metric: RwSignal::new(Metric::MedianYear),
        result: RwSignal::new(None),
        progress: RwSignal::new(None),
    };
    // Any change of the scenario or the metric starts the job over, once the scenario has been
    // still for a moment (a drag never shares the main thread with a tornado), at a frame.
    let quiet = Debounce::new();
    Effect::new(move |_| {
        state.scenario.track();
        sig.metric.track();
        quiet.run(move || start_tornado(sig));
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
        let dpr = size_backing_store(&canvas, css_w, tornado_css_height(rows));
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
            <TableTwinDetails summary="Table: every bar, exact values">
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
            </TableTwinDetails>
        </div>
    }
}
