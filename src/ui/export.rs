//! Getting a scenario out of the page and back in: PNG of a chart (drawn again at 2× into an
//! offscreen canvas by the same code that draws the page's), CSV of the forecast, scenario JSON
//! export and import, and the button that opens the Publish dialog (`publish.rs`).
//!
//! Files are made in the browser (a Blob URL clicked through `<a download>`); nothing is sent
//! anywhere. Every failure becomes a sentence on the page, never a panic: the file APIs, the
//! clipboard and canvas encoding can all be missing or refuse.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlCanvasElement;

use super::download::{document, save_blob, save_text, Status};
use super::frame::draw_chart_copy;
use super::publish::PublishDialog;
use super::state::AppState;
use crate::model::export::{
    forecast_csv, import_scenario_json_parsed, scenario_to_json, MAX_JSON_CHARS,
};
use bioanchors_charts::ChartKind;

/// Device pixels per CSS pixel of a chart PNG: sharp in print and on high-density screens.
pub const PNG_SCALE: f64 = 2.0;

/// Draws `kind` as it is on the page (same CSS size and everything `frame::draw_chart` draws)
/// into a new canvas at [`PNG_SCALE`] device pixels per CSS pixel.
fn draw_offscreen(state: AppState, kind: ChartKind) -> Result<HtmlCanvasElement, String> {
    let document = document()?;
    let on_page = document
        .get_element_by_id(kind.id())
        .ok_or_else(|| "the chart is not on the page".to_string())?;
    let (css_w, css_h) = (on_page.client_width(), on_page.client_height());
    if css_w <= 0 || css_h <= 0 {
        return Err("the chart has no size on the page (is it hidden?)".to_string());
    }
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|el| el.dyn_into().ok())
        .ok_or_else(|| "the browser could not make a canvas".to_string())?;
    canvas.set_width((f64::from(css_w) * PNG_SCALE).round() as u32);
    canvas.set_height((f64::from(css_h) * PNG_SCALE).round() as u32);
    let css = (f64::from(css_w), f64::from(css_h));
    draw_chart_copy(state, kind, canvas.clone(), css, PNG_SCALE)?;
    Ok(canvas)
}

/// The file name of a chart's PNG: `bioanchors-cdf.png` for `chart-cdf`.
pub fn png_filename(kind: ChartKind) -> String {
    format!("bioanchors-{}.png", kind.id().trim_start_matches("chart-"))
}

/// Downloads `kind` as a PNG at 2× resolution; `on_error` gets a sentence if that fails.
pub fn save_chart_png(state: AppState, kind: ChartKind, on_error: impl Fn(String) + 'static) {
    let canvas = match draw_offscreen(state, kind) {
        Ok(c) => c,
        Err(e) => return on_error(e),
    };
    // toBlob encodes off the main thread and calls back once, with null if it could not.
    let callback = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
        let result = blob
            .dyn_into::<web_sys::Blob>()
            .map_err(|_| "the browser could not encode the PNG".to_string())
            .and_then(|blob| save_blob(&png_filename(kind), &blob));
        if let Err(e) = result {
            on_error(e);
        }
    });
    if canvas.to_blob(callback.unchecked_ref()).is_err() {
        // `callback` is never called and is freed with the canvas; say why nothing came.
        leptos::logging::warn!("canvas.toBlob refused");
    }
}

/// The export and embed buttons, under the charts.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<Status>);
    let import_notes = RwSignal::new(Vec::<String>::new());
    let publish_open = RwSignal::new(false);
    let report = move |s: Status| {
        import_notes.set(Vec::new());
        status.set(Some(s));
    };

    let download_csv = move |_| {
        let Some(f) = state.forecast.get_untracked() else {
            return report(Status::Failed(
                "The forecast is still being computed: try again in a moment.".into(),
            ));
        };
        report(
            match save_text("bioanchors-forecast.csv", "text/csv", &forecast_csv(&f)) {
                Ok(()) => Status::Done("Saved bioanchors-forecast.csv.".into()),
                Err(e) => Status::Failed(format!("Could not save the CSV: {e}.")),
            },
        );
    };
    let download_json = move |_| {
        let json = state
            .scenario
            .with_untracked(|s| scenario_to_json(s, state.preset_id.get_untracked()));
        report(
            match save_text("bioanchors-scenario.json", "application/json", &json) {
                Ok(()) => Status::Done("Saved bioanchors-scenario.json.".into()),
                Err(e) => Status::Failed(format!("Could not save the scenario: {e}.")),
            },
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            match read_scenario_file(&file).await {
                Ok(imported) => {
                    state.load_scenario(imported.preset_id, imported.scenario);
                    let done = if imported.notes.is_empty() {
                        format!("Loaded the scenario in \u{201c}{name}\u{201d}.")
                    } else {
                        format!(
                            "Loaded the scenario in \u{201c}{name}\u{201d}, with these changes:"
                        )
                    };
                    status.set(Some(Status::Done(done)));
                    import_notes.set(imported.notes);
                }
                Err(e) => report(Status::Failed(format!(
                    "Nothing was changed: \u{201c}{name}\u{201d} could not be imported ({e})."
                ))),
            }
        });
    };

    view! {
        <section class="export" aria-label="Export and embed">
            <div class="export-actions">
                <button type="button" data-testid="export-csv" on:click=download_csv>
                    "Download forecast (CSV)"
                </button>
                <button type="button" data-testid="export-json" on:click=download_json>
                    "Download scenario (JSON)"
                </button>
                <label class="file-button">
                    <input
                        type="file"
                        accept=".json,application/json"
                        data-testid="import-json"
                        on:change=on_file
                    />
                    <span>"Import scenario (JSON)\u{2026}"</span>
                </label>
                <button
                    type="button"
                    data-testid="open-publish"
                    aria-expanded=move || if publish_open.get() { "true" } else { "false" }
                    on:click=move |_| publish_open.update(|open| *open = !*open)
                >
                    "Publish\u{2026}"
                </button>
            </div>
            <div class="export-status" role="status" data-testid="export-status">
                {move || status.get().map(|s| {
                    let failed = matches!(s, Status::Failed(_));
                    let (Status::Done(text) | Status::Failed(text)) = s;
                    view! { <p class:export-error=failed>{text}</p> }
                })}
                <ul class="import-notes" data-testid="import-notes">
                    {move || import_notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
            {move || publish_open.get().then(|| view! { <PublishDialog on_close=move || publish_open.set(false) /> })}
        </section>
    }
}

/// Reads and validates a scenario file; the error is a phrase for "could not be imported (…)".
async fn read_scenario_file(
    file: &web_sys::File,
) -> Result<crate::model::export::ImportedScenario, String> {
    if file.size() > MAX_JSON_CHARS as f64 {
        return Err(format!(
            "it is {:.0} bytes, and a scenario file is at most {MAX_JSON_CHARS}",
            file.size()
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "the browser could not read it".to_string())?;
    import_scenario_json_parsed(&text, super::json::parse)
}
