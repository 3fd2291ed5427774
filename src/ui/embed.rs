//! Embed mode: `?embed=chart|chart-table|card` plus a share link's parameters renders a
//! chrome-free view for an iframe (no header, no controls), an attribution link to the full
//! explorer on the same scenario, and the page's height posted to the parent window whenever it
//! changes, for `public/embed.js` to resize the iframe.
//!
//! The embed recomputes its forecast from the link exactly as the app does (same `AppState`,
//! same frame loop, same chart and summary components), so its numbers are the app's.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::canvas::observe_size;
use super::chart_panel::ChartPanel;
use super::frame::{init_runtime, request_frame};
use super::state::AppState;
use super::summary::Summary;
use super::urls::{app_url, EmbedVariant, FIT_MESSAGE_TYPE, HEIGHT_MESSAGE_TYPE};
use crate::model::format::{milestone_text, quantile_text};
use crate::model::{link, preset, presets};
use bioanchors_charts::ChartKind;

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
    // Always the explicit link: the plain address would open the reader's own autosave.
    let attribution = app_url(&link::share_query(&scenario, preset.id, given));
    let state = AppState::new(preset.id, (preset.scenario)(), scenario);
    state.given_no_tai_by.set(given);
    provide_context(state);
    super::theme::follow_color_scheme(state);
    request_frame(state);

    let root = NodeRef::<leptos::html::Div>::new();
    // Fills the frame it is given, until the host's embed.js says it sizes the frame to fit.
    let fit_content = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            report_height_on_resize(el.into());
            listen_for_fit(fit_content);
        }
    });

    let body = match variant {
        EmbedVariant::Chart => EitherOf3::A(view! {
            <ChartPanel kind=ChartKind::Cdf description="Dashed: the preset this scenario starts from." embedded=true />
        }),
        EmbedVariant::ChartTable => EitherOf3::B(view! {
            <ChartPanel kind=ChartKind::Cdf description="Dashed: the preset this scenario starts from." embedded=true />
            <Summary />
        }),
        EmbedVariant::Card => EitherOf3::C(view! { <EmbedCard /> }),
    };
    view! {
        <div id="app" class="embed" class:fit-content=move || fit_content.get() data-variant=variant.param() node_ref=root>
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

/// Posts the height the embed needs to the parent window now and whenever it may change: its
/// content's full height (the root's scroll height: when it fills a frame too short for its
/// content, the content overflows; once embed.js fits the frame, it is the natural height).
fn report_height_on_resize(el: web_sys::HtmlElement) {
    let root = el.clone();
    let report = move |_: &web_sys::HtmlElement| {
        // scrollHeight is a whole number rounded down; the box may be a fraction taller.
        let needed = root.get_bounding_client_rect().height().ceil();
        post_height(needed.max(f64::from(root.scroll_height())));
    };
    observe_size(el.clone(), report.clone());
    let children = el.children();
    for i in 0..children.length() {
        if let Some(child) = children
            .item(i)
            .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
        {
            observe_size(child, report.clone());
        }
    }
}

/// Sets `fit_content` when the parent page says it sizes this frame to its content (embed.js
/// answers the first height message with `{type: "bioanchors:fit"}`). Only the parent is
/// listened to; anything it could say is harmless (the embed takes its natural height).
fn listen_for_fit(fit_content: RwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let parent = window.parent().ok().flatten();
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |event: web_sys::MessageEvent| {
            let from_parent = match (&parent, event.source()) {
                (Some(p), Some(source)) => js_sys::Object::is(p, &source),
                _ => false,
            };
            let is_fit = js_sys::Reflect::get(&event.data(), &"type".into())
                .ok()
                .and_then(|t| t.as_string())
                .is_some_and(|t| t == FIT_MESSAGE_TYPE);
            if from_parent && is_fit && !fit_content.get_untracked() {
                fit_content.set(true);
            }
        },
    );
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_message.forget();
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
