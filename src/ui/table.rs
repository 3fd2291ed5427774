//! The "table twin" of a chart: its exact values as an HTML table under a disclosure, for
//! screen readers and for anyone who wants the numbers. Every chart's twin is shown this way.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A closed `<details>` titled `summary` around a scrolling table. `open`, when given, follows
/// the disclosure, so a twin can leave its rows unbuilt while closed.
#[component]
pub fn TableTwinDetails<T: IntoView + 'static>(
    summary: &'static str,
    #[prop(optional)] open: Option<RwSignal<bool>>,
    children: TypedChildren<T>,
) -> impl IntoView {
    // Typed, not `Children`: a type-erased view keeps every method of its vtable in the wasm.
    let children = children.into_inner();
    view! {
        <details class="table-twin" on:toggle=move |ev| {
            let Some(open) = open else { return };
            let open_now = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|d| d.has_attribute("open"));
            open.set(open_now);
        }>
            <summary>{summary}</summary>
            <div class="table-scroll">{children()}</div>
        </details>
    }
}
