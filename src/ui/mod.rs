//! The browser UI: a thin reactive layer over [`crate::model`], drawing with the charts crate
//! on canvases. wasm32 only. This module mounts the page (`App`, or `Embed` for `?embed=…`)
//! and lays it out; ARCHITECTURE.md has the code map of the modules below and the path from a
//! slider to a pixel. In short: `state` (the signals), `frame` (the one `Engine` and the
//! once-per-frame recompute and redraw), `canvas` and `chart_panel` (a chart on screen),
//! `controls` (the assumption panel from the registry), `summary`, `insight/`, `compare`,
//! `storage` and `scenarios` (saved scenarios), `address` (the share link in the address bar),
//! `publish` and `export`, `embed`, `urls` (every address the app builds).

mod address;
mod bench;
mod canvas;
mod chart_panel;
mod clipboard;
mod compare;
mod controls;
mod download;
mod embed;
mod export;
mod fingerprint;
mod format;
mod frame;
mod hover;
mod insight;
mod json;
mod notices;
mod publish;
mod quiet;
mod scenarios;
mod state;
mod storage;
mod summary;
mod table;
mod theme;
mod urls;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use bioanchors_charts::ChartKind;
use chart_panel::ChartPanel;
use compare::{ComparePanel, CompareState};
use controls::Controls;
use frame::{init_runtime, invalidate_charts, request_frame};
use insight::Insight;
use notices::{NoticeAction, NoticeKind, NoticeList, Notices};
use scenarios::ScenarioBar;
use state::AppState;
use storage::SavedStore;
use summary::{Summary, TableTwin};

use crate::model::{link, preset, presets};

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    // The static poster of the page (`bioanchors site`) gives way to the live app, in the same
    // task, so no frame shows neither.
    if let Some(poster) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("poster"))
    {
        poster.remove();
    }
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let search = preset_page_search(search);
    // `?embed=...`: the chrome-free view for iframes (embed.rs), with none of the app's startup.
    let link::PageQuery { embed, bench, link } = link::split_page_query(&search);
    match embed {
        Some(variant) => {
            let variant = urls::EmbedVariant::from_param_or_chart(&variant);
            leptos::mount::mount_to_body(move || view! { <embed::Embed variant query=link /> })
        }
        None => leptos::mount::mount_to_body(move || view! { <App query=link bench /> }),
    }
}

/// A preset page (`p/<id>/index.html`, written by `bioanchors site` for link previews) names
/// its preset in `<meta name="bioanchors-preset" content="ID" data-root="../../">`: the app
/// opens it as `?preset=ID` (a link's own parameters win) and moves to the app's own address
/// (`data-root` from the page), so that share links and embed codes, built from the page's
/// location, are the app's. Elsewhere `search` is returned as it is.
fn preset_page_search(search: String) -> String {
    let Some(window) = web_sys::window() else {
        return search;
    };
    let meta = window.document().and_then(|d| {
        d.query_selector("meta[name=bioanchors-preset]")
            .ok()
            .flatten()
    });
    let Some(meta) = meta else {
        return search;
    };
    let id = meta.get_attribute("content").unwrap_or_default();
    let root = meta.get_attribute("data-root").unwrap_or_default();
    let query = search.strip_prefix('?').unwrap_or(&search);
    let search = if link::is_share_query(&link::split_page_query(query).link) {
        search.clone()
    } else if query.is_empty() {
        format!("?preset={id}")
    } else {
        format!("?{query}&preset={id}")
    };
    // The icon and the manifest are named relative to the preset page (`../../`); the browser
    // fetches them after the address has moved, so pin them to where they are now.
    if let Some(document) = window.document() {
        if let Ok(links) = document.query_selector_all("link[rel=icon], link[rel=manifest]") {
            for i in 0..links.length() {
                if let Some(link) = links
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlLinkElement>().ok())
                {
                    let _ = link.set_attribute("href", &link.href());
                }
            }
        }
    }
    let location = window.location();
    if let (Ok(here), Ok(history)) = (location.href(), window.history()) {
        if let Ok(url) = web_sys::Url::new_with_base(&format!("{root}{search}"), &here) {
            // Refused in a frame sandboxed without same-origin: the page still opens the preset.
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
        }
    }
    search
}

/// What is built after the first charts: where, and the app's contexts for each root.
#[derive(Clone, Copy)]
struct LaterParts {
    controls: NodeRef<leptos::html::Aside>,
    below: NodeRef<leptos::html::Div>,
    state: AppState,
    store: SavedStore,
    notices: Notices,
    compare: CompareState,
}

/// Builds the assumption panel into `controls`, then each section below the charts (compare,
/// the table, export, insight) into `below`, then draws the charts below the fold, each in a
/// task of its own once the first charts are on screen, and then takes `data-pending` off
/// `#app`. Together they are most of the page's elements, and building them with the rest made
/// one long task at start (Lighthouse's total blocking time, BENCHMARKS.md). None shifts what is
/// on screen: on a phone they come after the charts, and on a wide screen the panel's column
/// has its width before it has content. Each is a root of its own (built once, never rebuilt),
/// with the app's contexts.
fn mount_after_first_charts(parts: LaterParts) {
    request_animation_frame(move || {
        set_timeout(
            move || mount_later_part(parts, 0),
            std::time::Duration::ZERO,
        )
    });
}

/// The roots [`mount_later_part`] builds, before it draws the charts below the fold.
const LATER_ROOTS: usize = 5;

/// Step `i` of [`mount_after_first_charts`]: a root (`i` < [`LATER_ROOTS`]), a chart not yet
/// drawn, or, past them all, the end; each step sets a timer for the next. Timers run in the
/// order they were set, so the tasks a root sets while it is built (the panel's open groups,
/// `controls.rs`) run before the next step's and before `data-pending` goes.
fn mount_later_part(parts: LaterParts, i: usize) {
    use leptos::either::EitherOf5;
    if i < LATER_ROOTS {
        let el: Option<web_sys::HtmlElement> = if i == 0 {
            parts.controls.get_untracked()
        } else {
            parts.below.get_untracked().map(Into::into)
        };
        if let Some(el) = el {
            leptos::mount::mount_to(el, move || {
                provide_context(parts.state);
                provide_context(parts.store);
                provide_context(parts.notices);
                provide_context(parts.compare);
                match i {
                    0 => EitherOf5::A(view! { <Controls /> }),
                    1 => EitherOf5::B(view! { <ComparePanel /> }),
                    2 => EitherOf5::C(view! { <TableTwin /> }),
                    3 => EitherOf5::D(view! { <export::ExportMenu /> }),
                    _ => EitherOf5::E(view! { <Insight /> }),
                }
            })
            .forget();
        }
    } else if let Some(&kind) = ChartKind::ALL.get(i - LATER_ROOTS) {
        frame::draw_if_never_drawn(parts.state, kind);
    } else {
        if let Some(app) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"))
        {
            let _ = app.remove_attribute("data-pending");
        }
        return;
    }
    set_timeout(
        move || mount_later_part(parts, i + 1),
        std::time::Duration::ZERO,
    );
}

/// The whole app. `query`: the share link in the address bar (without the page's own flags);
/// `bench`: record performance marks.
#[component]
fn App(query: String, bench: bool) -> impl IntoView {
    init_runtime(bench);
    let notices = Notices::new();
    provide_context(notices);
    let store = SavedStore::open(notices);
    provide_context(store);
    let compare = CompareState::new();
    provide_context(compare);

    // Where the scenario comes from: a share link in the address bar wins, else the autosaved
    // scenario, else the default preset. Opening a link writes nothing: the autosave is only
    // replaced once the reader edits, and until then their own scenario is one click away.
    let own = store.current();
    // Only a query with a key of ours is a shared scenario: `?fbclid=…` alone is not.
    let from_link = link::is_share_query(&query);
    let (preset, scenario, given) = if from_link {
        // Whatever the link gets wrong is ignored by the model and listed in a notice, never a
        // blank page. With `given=YEAR` the forecast opens conditioned, as the writer saw it.
        let link = link::read_link(&query);
        if !link.notes.is_empty() {
            notices.show(
                NoticeKind::Link,
                "Parts of this link could not be used. The page opened with the rest; these were ignored or adjusted:",
                link.notes,
                None,
            );
        }
        let preset = preset(link.preset).unwrap_or(&presets()[0]);
        (preset, link.scenario, link.given)
    } else if let Some(own) = &own {
        let preset = preset(&own.preset_id).unwrap_or(&presets()[0]);
        (preset, own.scenario.clone(), None)
    } else {
        (&presets()[0], (presets()[0].scenario)(), None)
    };
    let state = AppState::new(preset.id, (preset.scenario)(), scenario.clone());
    state.given_no_tai_by.set(given);
    provide_context(state);
    match own {
        Some(own) if from_link && (own.preset_id != preset.id || own.scenario != scenario) => {
            notices.show(
                NoticeKind::OwnScenario,
                "You are looking at a shared scenario.",
                vec![
                    "Your own scenario is still kept in this browser; it is replaced by this one once you change anything here."
                        .to_string(),
                ],
                Some(NoticeAction {
                    label: "Back to your own scenario",
                    run: std::sync::Arc::new(move || {
                        state.load_scenario(&own.preset_id, own.scenario.clone())
                    }),
                }),
            );
        }
        // A restored scenario gets its share link in the address bar.
        Some(_) if !from_link => state.sync_url(),
        _ => {}
    }

    theme::follow_color_scheme(state);
    request_frame(state);
    let controls = NodeRef::<leptos::html::Aside>::new();
    let below = NodeRef::<leptos::html::Div>::new();
    mount_after_first_charts(LaterParts {
        controls,
        below,
        state,
        store,
        notices,
        compare,
    });

    view! {
        <div id="app" class="app" data-pending="">
            <header class="app-header">
                <h1>{crate::model::format::PAGE_TITLE}</h1>
                <p class="lede">{crate::model::format::PAGE_LEDE}</p>
            </header>
            <NoticeList />
            <ScenarioBar />
            <main class="layout">
                <aside class="controls" aria-label="Assumptions" node_ref=controls></aside>
                <section class="results" aria-label="Results">
                    <Summary />
                    <div class="charts">
                        <div class="chart-options">
                            <label>
                                <input
                                    type="checkbox"
                                    data-testid="toggle-per-anchor"
                                    prop:checked=move || state.show_per_anchor.get()
                                    on:change=move |ev| {
                                        state.show_per_anchor.set(event_target_checked(&ev));
                                        invalidate_charts(state);
                                    }
                                />
                                " Show each anchor\u{2019}s contribution"
                            </label>
                        </div>
                        <ChartPanel
                            kind=ChartKind::Cdf
                            description="The model\u{2019}s answer. Dashed: the preset you started from."
                        />
                        <ChartPanel
                            kind=ChartKind::PerYear
                            description="The same forecast as a probability for each single year."
                        />
                        <ChartPanel
                            kind=ChartKind::Requirements
                            description="How much 2020-algorithms training compute each anchor says TAI needs, and (dashed lines) how much effective compute is affordable by each year. TAI arrives when the lines overtake the requirement."
                        />
                        <ChartPanel
                            kind=ChartKind::Trajectories
                            description="What drives affordable compute: orders of magnitude gained since 2025. Bands: 10th\u{2013}90th percentile when trajectory uncertainty is on."
                        />
                    </div>
                    <div class="below-charts" node_ref=below></div>
                </section>
            </main>
            <footer class="app-footer">
                <p>
                    "Model: A. Cotra, \u{201c}Forecasting TAI with biological anchors\u{201d} (Open Philanthropy, 2020 draft). \
                     Every default names its source in the \u{201c}i\u{201d} tip beside its slider. The same model runs as a command-line tool: "
                    <code>"bioanchors forecast"</code>"."
                </p>
            </footer>
        </div>
    }
}
