//! The app's localStorage: the autosaved scenario and the named scenarios, read once at start
//! and written through on every change. `model::saved` decides what the text means; this module
//! only moves it in and out of the browser, and turns every failure into a plain-words notice.
//!
//! It talks to `web_sys::Storage` directly rather than through gloo-storage: gloo's
//! `LocalStorage::raw()` throws when storage is disabled (the very case that must not break the
//! page), and it would JSON-encode the text `saved::save` has already encoded.
//!
//! Nothing is ever overwritten unseen: text that cannot be read, or that was read with changes,
//! is copied under a `BACKUP_KEY_PREFIX` key before anything is written; if that copy fails the
//! page writes nothing for the rest of its life.

use std::cell::Cell;

use leptos::prelude::*;

use super::notices::{NoticeKind, Notices};
use crate::model::saved::{self, LoadOutcome, SavedState, BACKUP_KEY_PREFIX, STORAGE_KEY};
use crate::model::Scenario;

/// A key written and removed at start, to find out early whether storage takes writes.
const PROBE_KEY: &str = "bioanchors.probe";

/// The named scenarios and autosave as the page knows them, and whether they may be written.
/// A copyable handle, provided as context by the app root.
#[derive(Clone, Copy)]
pub struct SavedStore {
    /// What storage holds, or would hold if it could: the UI reads the list from here.
    pub state: RwSignal<SavedState>,
    /// False when storage is unavailable or held text that could not be kept aside.
    writable: StoredValue<bool>,
    notices: Notices,
}

thread_local! {
    /// The store, for the autosave that `state.rs` runs from a timer (outside any Leptos owner).
    static STORE: Cell<Option<SavedStore>> = const { Cell::new(None) };
}

/// Milliseconds since 1970, as the timestamps of saved scenarios.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("there is no window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser has no local storage".into()),
        Err(e) => Err(js_error_text(&e)),
    }
}

/// A thrown JS value as a short text: `QuotaExceededError: …` or its string form.
fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    let field = |name: &str| {
        js_sys::Reflect::get(e, &name.into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    match (field("name"), field("message")) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        (Some(n), None) => n,
        (None, Some(m)) => m,
        (None, None) => e.as_string().unwrap_or_else(|| "unknown error".into()),
    }
}

/// Why a write failed, in words: a full store reads differently from a refused one.
fn write_failure_text(error: &str) -> String {
    if error.contains("Quota") {
        "The browser\u{2019}s storage for this page is full, so your changes could not be saved."
            .to_string()
    } else {
        "The browser refused to store your changes (storage is turned off or blocked for this page)."
            .to_string()
    }
}

impl SavedStore {
    /// Reads storage once and says in notices what went wrong, if anything.
    pub fn open(notices: Notices) -> SavedStore {
        let store = SavedStore {
            state: RwSignal::new(SavedState::default()),
            writable: StoredValue::new(false),
            notices,
        };
        STORE.with(|s| s.set(Some(store)));
        let storage = match local_storage() {
            Ok(s) => s,
            Err(why) => {
                store.storage_off(&why);
                return store;
            }
        };
        let raw = match storage.get_item(STORAGE_KEY) {
            Ok(raw) => raw,
            Err(e) => {
                store.storage_off(&js_error_text(&e));
                return store;
            }
        };
        match saved::load(raw.as_deref()) {
            LoadOutcome::Empty => store.writable.set_value(true),
            LoadOutcome::Loaded(state, notes) => {
                let kept = if notes.is_empty() {
                    Ok(None)
                } else {
                    keep_aside(&storage, raw.as_deref().unwrap_or("")).map(Some)
                };
                store.state.set(state);
                match kept {
                    Ok(backup) => {
                        store.writable.set_value(true);
                        if let Some(key) = backup {
                            let mut lines = notes;
                            lines.push(format!(
                                "The text as it was is kept, unchanged, under \u{201c}{key}\u{201d} in this site\u{2019}s storage."
                            ));
                            notices.show(
                                NoticeKind::StoredNotes,
                                "Your saved scenarios were read with some changes:",
                                lines,
                                None,
                            );
                        }
                    }
                    Err(why) => store.cannot_keep_aside("were read with some changes", &why),
                }
            }
            LoadOutcome::Unreadable { raw, reason } => match keep_aside(&storage, &raw) {
                Ok(key) => {
                    store.writable.set_value(true);
                    notices.show(
                        NoticeKind::Storage,
                        "Your saved scenarios could not be read, so the page started from the defaults.",
                        vec![
                            capitalized(&reason),
                            format!(
                                "What was stored is kept, unchanged, under \u{201c}{key}\u{201d} in this site\u{2019}s storage."
                            ),
                        ],
                        None,
                    );
                }
                Err(why) => store.cannot_keep_aside("could not be read", &why),
            },
        }
        if store.writable.get_value() {
            // Find out now, not at the first edit, whether anything can be kept.
            if let Err(e) = storage.set_item(PROBE_KEY, "1") {
                notices.show_once(
                    NoticeKind::Storage,
                    "Scenarios will not be kept after you close this page.",
                    vec![write_failure_text(&js_error_text(&e))],
                );
            }
            let _ = storage.remove_item(PROBE_KEY);
        }
        store
    }

    fn storage_off(&self, why: &str) {
        self.notices.show_once(
            NoticeKind::Storage,
            "This browser does not let the page keep anything, so it started from the defaults.",
            vec![
                "Everything works, but saved scenarios and the autosave last only until you close the page."
                    .to_string(),
                format!("(The browser said: {why}.)"),
            ],
        );
    }

    fn cannot_keep_aside(&self, what: &str, why: &str) {
        self.writable.set_value(false);
        self.notices.show_once(
            NoticeKind::Storage,
            format!("Your saved scenarios {what}, and a copy could not be kept aside."),
            vec![
                "So that nothing is lost, this page will not save anything until you free some space and reload."
                    .to_string(),
                format!("(The browser said: {why}.)"),
            ],
        );
    }

    /// Writes the whole state. Returns false (after saying why, once) when it could not.
    fn persist(&self) -> bool {
        if !self.writable.get_value() {
            return false;
        }
        let text = self.state.with_untracked(saved::save);
        let result = local_storage().and_then(|s| {
            s.set_item(STORAGE_KEY, &text)
                .map_err(|e| js_error_text(&e))
        });
        match result {
            Ok(()) => true,
            Err(why) => {
                self.notices.show_once(
                    NoticeKind::Storage,
                    "Scenarios will not be kept after you close this page.",
                    vec![
                        write_failure_text(&why),
                        "Everything else works; what you save stays available until you close the page."
                            .to_string(),
                    ],
                );
                false
            }
        }
    }

    /// Applies a change to the saved state and writes it, if the change succeeds; a refused
    /// change leaves both untouched. A change stands for this page even when storage refuses the
    /// write (the notice says so).
    pub fn change<T, E>(&self, f: impl FnOnce(&mut SavedState) -> Result<T, E>) -> Result<T, E> {
        let mut next = self.state.get_untracked();
        let out = f(&mut next)?;
        self.state.set(next);
        self.persist();
        Ok(out)
    }

    /// The autosaved scenario, if any.
    pub fn current(&self) -> Option<saved::CurrentScenario> {
        self.state.with_untracked(|s| s.current.clone())
    }
}

/// Remembers the scenario on screen. Called from the debounced share-link update, so a drag
/// writes once, 250 ms after it stops. Writes nothing when the stored scenario is the same.
pub fn autosave(preset_id: &str, scenario: &Scenario) {
    let Some(store) = STORE.with(Cell::get) else {
        return;
    };
    let same = store.state.with_untracked(|s| {
        s.current
            .as_ref()
            .is_some_and(|c| c.preset_id == preset_id && &c.scenario == scenario)
    });
    if !same {
        store
            .state
            .update_untracked(|s| s.set_current(preset_id, scenario));
        store.persist();
    }
}

/// Copies `raw` under a new backup key, unless a backup already holds exactly this text (a page
/// reloaded before anything was written would otherwise pile up copies). Returns the key.
fn keep_aside(storage: &web_sys::Storage, raw: &str) -> Result<String, String> {
    let count = storage.length().unwrap_or(0);
    for i in 0..count {
        if let Ok(Some(key)) = storage.key(i) {
            if key.starts_with(BACKUP_KEY_PREFIX)
                && storage.get_item(&key).ok().flatten().as_deref() == Some(raw)
            {
                return Ok(key);
            }
        }
    }
    let key = format!("{BACKUP_KEY_PREFIX}{}", now_ms() as u64);
    storage.set_item(&key, raw).map_err(|e| js_error_text(&e))?;
    Ok(key)
}

/// Our own English messages start with an ASCII letter; ASCII case mapping keeps Unicode's case
/// tables out of the wasm.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => {
            std::iter::once(c.to_ascii_uppercase())
                .chain(chars)
                .collect::<String>()
                + "."
        }
        None => String::new(),
    }
}
