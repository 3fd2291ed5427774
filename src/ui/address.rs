//! The address bar is always a share link of what is on screen: written 250 ms after the last
//! change (browsers throttle `history.replaceState` when called on every frame), and the
//! autosave rides on the same debounce, so a drag writes storage once, when it stops.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;

use super::state::AppState;
use super::{bench, storage};
use crate::model::link;

thread_local! {
    static TIMER: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
    /// The scenario changed since the last autosave (conditioning alone does not count).
    static UNSAVED: Cell<bool> = const { Cell::new(false) };
}

/// Keeps the address bar a share link of the current scenario (only what differs from the
/// preset, and `given=YEAR` when conditioned). Debounced: browsers throttle
/// `history.replaceState` when called on every frame. `edited`: the scenario changed, so the
/// autosave writes too.
pub fn schedule_update(state: AppState, edited: bool) {
    if edited {
        UNSAVED.with(|u| u.set(true));
    }
    let handle = set_timeout_with_handle(
        move || {
            let scenario = state.scenario.get_untracked();
            let preset_id = state.preset_id.get_untracked();
            let given = state.given_no_tai_by.get_untracked();
            let mut query = link::address_query(&scenario, preset_id, given);
            if bench::enabled() {
                query = if query.is_empty() {
                    "bench".into()
                } else {
                    format!("bench&{query}")
                };
            }
            let Some(window) = web_sys::window() else {
                return;
            };
            let path = window.location().pathname().unwrap_or_else(|_| "/".into());
            let url = if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            };
            if let Ok(history) = window.history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
            // The autosave rides on the same debounce: one write when a drag stops.
            if UNSAVED.with(|u| u.replace(false)) {
                storage::autosave(preset_id, &scenario);
            }
        },
        std::time::Duration::from_millis(250),
    )
    .ok();
    if let Some(previous) = TIMER.with(|t| t.replace(handle)) {
        previous.clear();
    }
}
