//! The page theme: charts follow `prefers-color-scheme` (the CSS does too, by itself).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::frame::invalidate_charts;
use super::state::AppState;

/// Sets the theme from `prefers-color-scheme` and redraws the charts whenever the OS switches.
pub fn follow_color_scheme(state: AppState) {
    let Some(mql) = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok())
        .flatten()
    else {
        return;
    };
    state.dark.set(mql.matches());
    let watched = mql.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        state.dark.set(watched.matches());
        invalidate_charts(state);
    });
    let _ = mql.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_change.forget();
}
