//! A chart on the page: a canvas that follows its container's size (ResizeObserver) at the
//! screen's pixel density, an HTML legend, and a hover/tap overlay with exact values.

use leptos::prelude::*;

use super::canvas::{observe_size, observe_visibility};
use super::export::save_chart_png;
use super::format::sci_log10;
use super::frame::{chart_geometry, resize_chart, set_chart_visible};
use super::hover::hover_lines;
use super::state::AppState;
use crate::model::format::percent;
use crate::model::Anchor;
use bioanchors_charts::palette::{css, Palette};
use bioanchors_charts::{anchor_legend, trajectories, ChartKind};

#[derive(Clone, Debug, PartialEq)]
struct Tip {
    /// Guide line and box position, CSS pixels from the canvas's left and top.
    x: f64,
    top: f64,
    height: f64,
    /// Put the box left of the line (pointer in the right half).
    flip: bool,
    lines: Vec<String>,
}

/// `embedded`: the chart in an embed (`?embed=`), which has no download button.
#[component]
pub fn ChartPanel(
    kind: ChartKind,
    description: &'static str,
    #[prop(optional)] embedded: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let png_error = RwSignal::new(None::<String>);
    let box_ref = NodeRef::<leptos::html::Div>::new();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let tip = RwSignal::new(None::<Tip>);

    // Size the canvas to its box now and whenever the box changes size (window resize, layout
    // switch, zoom). The observer lives as long as the page, so its callback is leaked on
    // purpose.
    Effect::new(move |_| {
        let (Some(el), Some(canvas)) = (box_ref.get(), canvas_ref.get()) else {
            return;
        };
        let el: web_sys::HtmlElement = el.into();
        observe_visibility(el.clone(), move |visible| {
            set_chart_visible(state, kind, visible)
        });
        observe_size(el, move |el| {
            let (w, h) = (el.client_width() as f64, el.client_height() as f64);
            if w > 0.0 && h > 0.0 {
                resize_chart(state, kind, canvas.clone(), w, h);
            }
        });
    });

    let show_tip = move |offset_x: f64, offset_y: f64| {
        let Some((geometry, dpr)) = chart_geometry(kind) else {
            return;
        };
        let Some(x) = geometry.x_at(offset_x * dpr) else {
            tip.set(None);
            return;
        };
        let forecast = state.forecast.get_untracked();
        let reference = state.reference.get_untracked();
        let Some(f) = forecast.as_deref() else { return };
        let per_anchor = state.show_per_anchor.get_untracked();
        if let Some((snapped, lines)) = hover_lines(kind, f, reference.as_deref(), per_anchor, x) {
            let line_x = geometry.px_of_x(snapped) / dpr;
            let mid = (geometry.left + geometry.right) / 2.0 / dpr;
            let _ = offset_y;
            tip.set(Some(Tip {
                x: line_x,
                top: geometry.top / dpr,
                height: (geometry.bottom - geometry.top) / dpr,
                flip: line_x > mid,
                lines,
            }));
        }
    };

    let id = kind.id();
    view! {
        <figure class="chart" data-testid=id>
            <figcaption class="chart-title">{kind.title()}</figcaption>
            {(!embedded).then(|| view! {
                <button
                    type="button"
                    class="chart-download"
                    data-testid=format!("{id}-png")
                    aria-label=format!("Download \u{201c}{}\u{201d} as a PNG image", kind.title())
                    title="Download as PNG (2\u{d7} resolution)"
                    on:click=move |_| {
                        png_error.set(None);
                        save_chart_png(state, kind, move |e| png_error.set(Some(e)));
                    }
                >
                    "PNG"
                </button>
            })}
            <p class="chart-description">{description}</p>
            <div
                class="chart-box"
                node_ref=box_ref
                on:pointermove=move |ev| show_tip(ev.offset_x() as f64, ev.offset_y() as f64)
                on:pointerdown=move |ev| show_tip(ev.offset_x() as f64, ev.offset_y() as f64)
                on:pointerleave=move |_| tip.set(None)
            >
                <canvas id=id node_ref=canvas_ref role="img" aria-label=move || aria_label(state, kind)></canvas>
                {move || tip.get().map(|t| {
                    // Positions go through CSSOM properties (`style:`), never a `style`
                    // attribute, which the content security policy blocks.
                    let (left, right) = if t.flip {
                        ("auto".to_string(), format!("calc(100% - {:.1}px + 8px)", t.x))
                    } else {
                        (format!("calc({:.1}px + 8px)", t.x), "auto".to_string())
                    };
                    view! {
                        <div
                            class="hover-line"
                            aria-hidden="true"
                            style:left=format!("{:.1}px", t.x)
                            style:top=format!("{:.1}px", t.top)
                            style:height=format!("{:.1}px", t.height)
                        ></div>
                        <div
                            class="hover-tip"
                            data-testid=format!("{id}-tip")
                            style:left=left
                            style:right=right
                            style:top=format!("{:.1}px", t.top + 4.0)
                        >
                            {t.lines.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}
                        </div>
                    }
                })}
            </div>
            <Legend kind=kind />
            {move || png_error.get().map(|e| view! {
                <p class="export-error" role="alert">{format!("Could not save the PNG: {e}.")}</p>
            })}
        </figure>
    }
}

/// A short text alternative: what the chart shows right now, in one sentence.
fn aria_label(state: AppState, kind: ChartKind) -> String {
    let f = state.forecast.get();
    let Some(f) = f.as_deref() else {
        return kind.title().to_string();
    };
    let median = f
        .quantile_years
        .iter()
        .find(|(q, _)| (*q - 0.5).abs() < 1e-9)
        .map(|(_, y)| crate::model::format::year(*y, *f.years.last().unwrap_or(&2100)))
        .unwrap_or_default();
    let given = state
        .shown_given
        .get()
        .map(|y| format!(", conditioned: given no TAI by {y}"))
        .unwrap_or_default();
    match kind {
        ChartKind::Cdf | ChartKind::PerYear => format!(
            "{}{given}. Median year {median}. The table below the summary lists every year.",
            kind.title()
        ),
        ChartKind::Requirements => format!(
            "{}. Median requirements: {}.",
            kind.title(),
            anchor_legend(f)
                .iter()
                .map(|(a, m, _)| format!("{} {} FLOP", a.label(), sci_log10(*m)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ChartKind::Trajectories => {
            format!("{}, in orders of magnitude gained per year.", kind.title())
        }
    }
}

#[component]
fn Legend(kind: ChartKind) -> impl IntoView {
    let state = expect_context::<AppState>();
    let palette = move || Palette::for_theme(state.dark.get());
    let swatch = |color: String, dashed: bool| {
        let class = if dashed { "swatch dashed" } else { "swatch" };
        // A CSSOM custom property, not a `style` attribute (blocked by the CSP).
        view! { <span class=class style=("--swatch", color) aria-hidden="true"></span> }
    };
    let items = move || -> Vec<(String, bool, String)> {
        let p = palette();
        let f = state.forecast.get();
        match kind {
            ChartKind::Cdf => {
                let mut v = vec![
                    (css(p.overall), false, "this scenario".to_string()),
                    (css(p.reference), true, "preset".to_string()),
                ];
                if state.show_per_anchor.get() {
                    for a in Anchor::ALL {
                        let share = f
                            .as_deref()
                            .map(|f| *f.requirements.weights.get(a))
                            .unwrap_or(0.0);
                        v.push((
                            css(p.anchor(a)),
                            false,
                            format!("{} ({})", a.label(), percent(share)),
                        ));
                    }
                }
                v
            }
            ChartKind::PerYear => vec![
                (css(p.anchors[3]), false, "this scenario".to_string()),
                (css(p.reference), true, "preset".to_string()),
            ],
            ChartKind::Requirements => {
                let mut v: Vec<(String, bool, String)> = match f.as_deref() {
                    Some(f) => anchor_legend(f)
                        .into_iter()
                        .map(|(a, median, w)| {
                            (
                                css(p.anchor(a)),
                                false,
                                format!(
                                    "{} ({}), median {} FLOP",
                                    a.label(),
                                    percent(w),
                                    sci_log10(median)
                                ),
                            )
                        })
                        .collect(),
                    None => Vec::new(),
                };
                v.push((
                    css(p.muted),
                    true,
                    "effective compute affordable in the year shown".to_string(),
                ));
                v
            }
            ChartKind::Trajectories => match f.as_deref() {
                Some(f) => trajectories(f)
                    .iter()
                    .zip(p.trajectories)
                    .map(|(t, c)| (css(c), false, t.label.to_string()))
                    .collect(),
                None => Vec::new(),
            },
        }
    };
    view! {
        <ul class="legend" aria-label="Legend">
            {move || items()
                .into_iter()
                .map(|(color, dashed, text)| view! { <li>{swatch(color, dashed)}{text}</li> })
                .collect_view()}
        </ul>
    }
}
