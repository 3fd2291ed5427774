//! Embed mode: `?embed=chart|chart-table|card` plus a share link's parameters renders a
//! chrome-free view for an iframe (no header, no controls), an attribution link to the full
//! explorer on the same scenario, and the page's height posted to the parent window whenever it
//! changes, for `public/embed.js` to resize the iframe.
//!
//! The embed recomputes its forecast from the link exactly as the app does (same `AppState`,
//! same frame loop, same chart and summary components), so its numbers are the app's.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::chart_panel::ChartPanel;
use super::state::{init_runtime, request_frame, AppState};
use super::summary::{milestone_text, quantile_text, Summary};
use crate::model::{link, preset, presets, Scenario};
use bioanchors_charts::ChartKind;

/// The `type` of the message that carries the embed's height to the parent page.
pub const HEIGHT_MESSAGE_TYPE: &str = "bioanchors:height";

/// The three things a page can embed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedVariant {
    /// The P(TAI by year) chart.
    Chart,
    /// That chart and the headline figures.
    ChartTable,
    /// A compact card: P(TAI) by 2030, 2040 and 2050.
    Card,
}

impl EmbedVariant {
    pub const ALL: [EmbedVariant; 3] = [
        EmbedVariant::Chart,
        EmbedVariant::ChartTable,
        EmbedVariant::Card,
    ];

    /// The value of `?embed=`.
    pub fn param(self) -> &'static str {
        match self {
            EmbedVariant::Chart => "chart",
            EmbedVariant::ChartTable => "chart-table",
            EmbedVariant::Card => "card",
        }
    }

    /// What the embed-code dialog calls it.
    pub fn label(self) -> &'static str {
        match self {
            EmbedVariant::Chart => "Chart",
            EmbedVariant::ChartTable => "Chart and summary",
            EmbedVariant::Card => "Card: P by 2030, 2040, 2050",
        }
    }

    /// The iframe's `title`, read out by screen readers on the host page.
    pub fn frame_title(self) -> &'static str {
        match self {
            EmbedVariant::Chart => "bioanchors: probability of transformative AI by year",
            EmbedVariant::ChartTable => {
                "bioanchors: probability of transformative AI by year, with summary figures"
            }
            EmbedVariant::Card => {
                "bioanchors: probability of transformative AI by 2030, 2040, 2050"
            }
        }
    }

    /// The iframe's initial height in CSS pixels: about the rendered height at 480–800 px wide
    /// (measured: chart 332–336, chart and summary 431–516, card 150–173), so the host page
    /// barely moves when embed.js sets the exact one.
    pub fn frame_height(self) -> u32 {
        match self {
            EmbedVariant::Chart => 340,
            EmbedVariant::ChartTable => 480,
            EmbedVariant::Card => 170,
        }
    }

    /// The variant `?embed=` names. An unknown one shows the chart: an embed must never turn
    /// into the full app inside someone else's page.
    pub fn from_param_or_chart(value: &str) -> EmbedVariant {
        EmbedVariant::ALL
            .into_iter()
            .find(|v| v.param() == value)
            .unwrap_or(EmbedVariant::Chart)
    }
}

/// The share-link query of a scenario as the reader sees it: empty for the default preset
/// unchanged and not conditioned (the plain address), else the parameters that differ from the
/// preset and `given=YEAR` when conditioned on no TAI by YEAR.
pub fn scenario_query(scenario: &Scenario, preset_id: &str, given: Option<i32>) -> String {
    let default = &presets()[0];
    if given.is_none() && preset_id == default.id && scenario.diff(&(default.scenario)()).is_empty()
    {
        String::new()
    } else {
        link::share_query(scenario, preset_id, given)
    }
}

/// The app's address without query or fragment (`https://host/path/`).
pub fn app_base_url() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    format!("{origin}{path}")
}

/// The full app on a scenario's share-link query.
pub fn app_url(query: &str) -> String {
    let base = app_base_url();
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// The embed view of `variant` on a share-link query.
pub fn embed_url(variant: EmbedVariant, query: &str) -> String {
    let base = app_base_url();
    if query.is_empty() {
        format!("{base}?embed={}", variant.param())
    } else {
        format!("{base}?embed={}&{query}", variant.param())
    }
}

/// Where `public/embed.js` is served: next to the app's index.html.
pub fn embed_script_url() -> String {
    let base = app_base_url();
    let dir = base.rfind('/').map(|i| &base[..=i]).unwrap_or(&base);
    format!("{dir}public/embed.js")
}

/// The whole page in embed mode.
#[component]
pub fn Embed(variant: EmbedVariant, query: String) -> impl IntoView {
    init_runtime(false);
    // The same validating path as the app: whatever the link gets wrong is ignored (and logged).
    let link::Link {
        scenario,
        preset: preset_id,
        given,
        notes,
    } = link::read_link(&query);
    for note in notes {
        leptos::logging::warn!("share link: {note}");
    }
    let preset = preset(preset_id).unwrap_or(&presets()[0]);
    let attribution = app_url(&scenario_query(&scenario, preset.id, given));
    let dark_query = super::prefers_dark();
    let dark = dark_query.as_ref().map(|m| m.matches()).unwrap_or(false);
    let state = AppState::new(preset.id, (preset.scenario)(), scenario, dark);
    state.given_no_tai_by.set(given);
    provide_context(state);
    super::follow_color_scheme(state, dark_query);
    request_frame(state);

    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            report_height_on_resize(el.into());
        }
    });

    let body = match variant {
        EmbedVariant::Chart => view! {
            <ChartPanel kind=ChartKind::Cdf description="Dashed: the preset this scenario starts from." embedded=true />
        }
        .into_any(),
        EmbedVariant::ChartTable => view! {
            <ChartPanel kind=ChartKind::Cdf description="Dashed: the preset this scenario starts from." embedded=true />
            <Summary />
        }
        .into_any(),
        EmbedVariant::Card => view! { <EmbedCard /> }.into_any(),
    };
    view! {
        <div id="app" class="embed" data-variant=variant.param() node_ref=root>
            {body}
            <p class="embed-attribution">
                <a href=attribution target="_blank" rel="noopener" data-testid="embed-attribution">
                    "bioanchors: explore this scenario"
                </a>
                " \u{b7} Cotra (2020) biological anchors"
            </p>
        </div>
    }
}

/// Years the card shows.
const CARD_YEARS: [i32; 3] = [2030, 2040, 2050];

#[component]
fn EmbedCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let median = move || {
        state
            .forecast
            .with(|f| f.as_deref().map(|f| quantile_text(f, 0.5)))
            .unwrap_or_else(|| "\u{2026}".to_string())
    };
    let cells = CARD_YEARS
        .into_iter()
        .map(|year| {
            let value = move || {
                state
                    .forecast
                    .with(|f| f.as_deref().map(|f| milestone_text(f, year)))
                    .unwrap_or_else(|| "\u{2026}".to_string())
            };
            view! {
                <div class="card-figure">
                    <div class="card-value" data-testid=format!("embed-p{year}")>{value}</div>
                    <div class="card-label">{format!("by {year}")}</div>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="embed-card" aria-label="Probability of transformative AI">
            <h1 class="card-title">"Chance of transformative AI"</h1>
            {move || state.shown_given.get().map(|year| view! {
                <p class="card-condition" data-testid="embed-condition">
                    {format!("conditioned: given no TAI by {year}")}
                </p>
            })}
            <div class="card-figures">{cells}</div>
            <p class="card-median">
                "Median year: "
                <span data-testid="embed-median">{median}</span>
            </p>
        </section>
    }
}

/// Posts the element's height to the parent window now and whenever it changes size.
fn report_height_on_resize(el: web_sys::HtmlElement) {
    let observed = el.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        post_height(observed.get_bounding_client_rect().height().ceil());
    });
    match web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&el);
            // Observes for the page's lifetime.
            std::mem::forget(observer);
        }
        Err(_) => leptos::logging::warn!("embed: no ResizeObserver; the frame keeps its height"),
    }
    on_resize.forget();
}

fn post_height(height: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Not framed: `parent` is the window itself, and nobody is listening.
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE_TYPE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from_f64(height));
    // "*": the embed shows only what its own URL says, so any host may read its height.
    let _ = parent.post_message(&message, "*");
}
