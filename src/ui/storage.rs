//! The app's localStorage: the autosaved scenario and the named scenarios. `model::saved`
//! decides what the text means; this module moves it in and out of the browser, keeps every tab
//! of the site in step, and turns every failure into plain words.
//!
//! Several tabs share one storage, so no tab writes back a list it read earlier: every change
//! (save, rename, duplicate, delete, undo, autosave) re-reads the stored text, applies only its
//! own operation to what is there now, and writes the result with the next revision number. A
//! `storage` event (fired in every other tab of the site when one writes) refreshes the list on
//! screen. A write that fails changes nothing and is reported to the control that asked for it,
//! every time.
//!
//! Nothing is ever overwritten unseen: text that cannot be read, or that was read with changes,
//! is copied under a `BACKUP_KEY_PREFIX` key before anything is written over it; text written by
//! a newer version of the app is never written over at all. In both cases where writing is
//! unsafe or impossible (the copy failed, the text is newer, storage is off or refuses every
//! write) the page keeps what people save in memory for as long as it is open, and says so.
//!
//! It talks to `web_sys::Storage` directly rather than through gloo-storage: gloo's
//! `LocalStorage::raw()` throws when storage is disabled (the very case that must not break the
//! page), and it would JSON-encode the text `saved::save` has already encoded.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::notices::{NoticeKind, Notices};
use crate::model::saved::{self, LoadOutcome, SavedState, BACKUP_KEY_PREFIX, STORAGE_KEY};
use crate::model::Scenario;

/// A key written and removed at start, to find out early whether storage takes writes.
const PROBE_KEY: &str = "bioanchors.probe";

/// Where the saved scenarios live for this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// In storage, shared with the site's other tabs: every change re-reads and writes through.
    Shared,
    /// In this page's memory only, for the reason given (nothing is written to storage).
    PageOnly(PageOnly),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PageOnly {
    /// Storage is off, or refuses every write.
    Unavailable,
    /// Storage holds scenarios written by a newer version of the app.
    Newer,
    /// Storage holds text this page could not keep a copy of before writing over it.
    CannotKeepAside,
}

impl PageOnly {
    /// Why a change lasts only as long as the page, for the control that made it.
    fn reason(self) -> &'static str {
        match self {
            PageOnly::Unavailable => {
                "this browser does not let the page store anything, so it lasts until you close the page"
            }
            PageOnly::Newer => {
                "this browser holds scenarios saved by a newer version of this page, which this one will not overwrite, so it lasts until you close the page"
            }
            PageOnly::CannotKeepAside => {
                "what this browser stored could not be copied aside, so nothing is written over it and it lasts until you close the page"
            }
        }
    }
}

/// Where a change that went through was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Written to storage: it is there after a reload and in the site's other tabs.
    Stored,
    /// Kept in this page only; the text says why, as a clause ("this browser …").
    ThisPageOnly(&'static str),
}

/// Why a change did not go through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError<E> {
    /// The operation itself refused (a taken name, a missing scenario, …).
    Refused(E),
    /// Storage refused the write: nothing changed. The text says why, to a person.
    NotSaved(String),
}

impl<E: std::fmt::Display> std::fmt::Display for ChangeError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::Refused(e) => e.fmt(f),
            ChangeError::NotSaved(why) => f.write_str(why),
        }
    }
}

/// The named scenarios and autosave as the page knows them, and where they are kept.
/// A copyable handle, provided as context by the app root.
#[derive(Clone, Copy)]
pub struct SavedStore {
    /// What storage holds (as last read or written), or, page-only, what this page keeps:
    /// the UI reads the list from here.
    pub state: RwSignal<SavedState>,
    mode: StoredValue<Mode>,
    /// The stored text that `state` was read from or written as: a different text in storage
    /// means another tab wrote since.
    text: StoredValue<Option<String>>,
    notices: Notices,
}

thread_local! {
    /// The store, for the autosave that `state.rs` runs from a timer (outside any Leptos owner).
    static STORE: Cell<Option<SavedStore>> = const { Cell::new(None) };
}

/// `saved::load` with the browser's JSON parser.
fn load(raw: Option<&str>) -> LoadOutcome {
    saved::load_parsed(raw, saved::MIGRATIONS, super::json::parse)
}

/// Milliseconds since 1970, as the timestamps of saved scenarios.
pub fn epoch_ms() -> f64 {
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
        "The browser\u{2019}s storage for this page is full, so this could not be saved. Delete some saved scenarios, or free space for this site, and try again."
            .to_string()
    } else {
        "The browser refused to store this (storage is turned off or blocked for this page), so it could not be saved."
            .to_string()
    }
}

impl SavedStore {
    /// Reads storage, says in notices what went wrong if anything, and starts following the
    /// writes of the site's other tabs.
    pub fn open(notices: Notices) -> SavedStore {
        let store = SavedStore {
            state: RwSignal::new(SavedState::default()),
            mode: StoredValue::new(Mode::Shared),
            text: StoredValue::new(None),
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
        store.text.set_value(raw.clone());
        match load(raw.as_deref()) {
            LoadOutcome::Empty => {}
            LoadOutcome::Loaded(state, notes) => {
                store.state.set(state);
                if !notes.is_empty() {
                    match keep_aside(&storage, raw.as_deref().unwrap_or("")) {
                        Ok(key) => {
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
                        Err(why) => store.cannot_keep_aside("were read with some changes", &why),
                    }
                }
            }
            LoadOutcome::Unreadable { raw, reason } => match keep_aside(&storage, &raw) {
                Ok(key) => notices.show(
                    NoticeKind::Storage,
                    "Your saved scenarios could not be read, so the page started from the defaults.",
                    vec![
                        capitalized(&reason),
                        format!(
                            "What was stored is kept, unchanged, under \u{201c}{key}\u{201d} in this site\u{2019}s storage."
                        ),
                    ],
                    None,
                ),
                Err(why) => store.cannot_keep_aside("could not be read", &why),
            },
            LoadOutcome::Newer { reason, .. } => store.newer(&reason),
        }
        if store.mode.get_value() == Mode::Shared {
            // Find out now, not at the first edit, whether anything can be kept.
            match storage.set_item(PROBE_KEY, "1") {
                Ok(()) => {
                    let _ = storage.remove_item(PROBE_KEY);
                }
                Err(e) => {
                    store.mode.set_value(Mode::PageOnly(PageOnly::Unavailable));
                    notices.show_once(
                        NoticeKind::Storage,
                        "Scenarios will not be kept after you close this page.",
                        vec![write_failure_text(&js_error_text(&e))],
                    );
                }
            }
        }
        store.follow_other_tabs();
        store
    }

    fn storage_off(&self, why: &str) {
        self.mode.set_value(Mode::PageOnly(PageOnly::Unavailable));
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
        self.mode
            .set_value(Mode::PageOnly(PageOnly::CannotKeepAside));
        self.notices.show(
            NoticeKind::Storage,
            format!("Your saved scenarios {what}, and a copy could not be kept aside."),
            vec![
                "So that nothing is lost, this page will not save anything until you free some space and reload."
                    .to_string(),
                format!("(The browser said: {why}.)"),
            ],
            None,
        );
    }

    fn newer(&self, reason: &str) {
        self.mode.set_value(Mode::PageOnly(PageOnly::Newer));
        self.state.set(SavedState::default());
        self.notices.show(
            NoticeKind::Storage,
            "Your saved scenarios were saved by a newer version of this page.",
            vec![
                capitalized(reason),
                "So that they stay as they are, this page reads and writes none of them: what you save here lasts until you close the page. Reload to get the newer version."
                    .to_string(),
            ],
            None,
        );
    }

    /// Refreshes the list when another tab writes. The event fires only in the other tabs of
    /// the site, never in the one that wrote.
    fn follow_other_tabs(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let on_storage = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(
            move |event: web_sys::StorageEvent| {
                // `key` is null when the whole storage was cleared.
                if event.key().is_none_or(|k| k == STORAGE_KEY) {
                    self.refresh();
                }
            },
        );
        let _ =
            window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        // Lives as long as the page.
        on_storage.forget();
    }

    /// Re-reads storage and shows what it holds now (writing nothing).
    fn refresh(&self) {
        if self.mode.get_value() != Mode::Shared {
            return;
        }
        let Ok(storage) = local_storage() else {
            return;
        };
        let Ok(raw) = storage.get_item(STORAGE_KEY) else {
            return;
        };
        if raw == self.text.get_value() {
            return;
        }
        match load(raw.as_deref()) {
            LoadOutcome::Newer { reason, .. } => self.newer(&reason),
            LoadOutcome::Loaded(state, _) => self.state.set(state),
            LoadOutcome::Empty | LoadOutcome::Unreadable { .. } => {
                self.state.set(SavedState::default())
            }
        }
        // Copies aside, if the text needs one, are made by the next change, before it writes.
        self.text.set_value(raw);
    }

    /// The stored text now, as the state to apply a change to: re-read when another tab wrote
    /// since this page last read or wrote (each write carries the next revision number, so
    /// even two writes of the same scenarios differ), with anything unreadable or adjusted
    /// copied aside first. The list on screen follows what was read. None: the text was written
    /// by a newer version, and this page now keeps to itself.
    fn read_fresh(&self, storage: &web_sys::Storage) -> Result<Option<SavedState>, String> {
        let raw = storage
            .get_item(STORAGE_KEY)
            .map_err(|e| js_error_text(&e))?;
        if raw == self.text.get_value() {
            return Ok(Some(self.state.get_untracked()));
        }
        let state = match load(raw.as_deref()) {
            LoadOutcome::Empty => SavedState::default(),
            LoadOutcome::Loaded(state, notes) => {
                if !notes.is_empty() {
                    keep_aside(storage, raw.as_deref().unwrap_or(""))?;
                }
                state
            }
            LoadOutcome::Unreadable { raw, .. } => {
                keep_aside(storage, &raw)?;
                SavedState::default()
            }
            LoadOutcome::Newer { reason, .. } => {
                self.newer(&reason);
                return Ok(None);
            }
        };
        self.text.set_value(raw);
        self.state.set(state.clone());
        Ok(Some(state))
    }

    /// Applies one operation to the saved scenarios and keeps the result: in storage, on top of
    /// whatever the site's other tabs wrote meanwhile, or in this page only when storage cannot
    /// be used (the `Kept` says which). A refused operation changes nothing; neither does a
    /// write that storage refuses (`NotSaved`).
    pub fn change<T, E>(
        &self,
        f: impl FnOnce(&mut SavedState) -> Result<T, E>,
    ) -> Result<(T, Kept), ChangeError<E>> {
        // The work is in `apply`, once in the wasm; each caller's instance is only this shim.
        let mut f = Some(f);
        let mut out = None;
        let kept = self.apply(&mut |state| {
            let result = f.take().map(|f| f(state));
            let ok = matches!(result, Some(Ok(_)));
            out = result;
            ok
        });
        match (out, kept) {
            (Some(Err(e)), _) => Err(ChangeError::Refused(e)),
            (Some(Ok(t)), Ok(kept)) => Ok((t, kept)),
            (_, Err(why)) => Err(ChangeError::NotSaved(why)),
            // `apply` runs the operation whenever it returns Ok; never reached.
            (None, Ok(_)) => Err(ChangeError::NotSaved(String::new())),
        }
    }

    /// [`SavedStore::change`] for an operation that says whether it went through (`op` runs at
    /// most once). `Err`: storage refused the write, in words.
    fn apply(&self, op: &mut dyn FnMut(&mut SavedState) -> bool) -> Result<Kept, String> {
        if let Mode::PageOnly(why) = self.mode.get_value() {
            let mut next = self.state.get_untracked();
            if op(&mut next) {
                self.state.set(next);
            }
            return Ok(Kept::ThisPageOnly(why.reason()));
        }
        let storage = local_storage().map_err(|why| write_failure_text(&why))?;
        let Some(base) = self
            .read_fresh(&storage)
            .map_err(|why| write_failure_text(&why))?
        else {
            // Another tab runs a newer version: from now on, this page keeps to itself.
            return self.apply(op);
        };
        let mut next = base.clone();
        if !op(&mut next) {
            return Ok(Kept::Stored);
        }
        next.revision = base.revision.wrapping_add(1);
        let text = saved::save(&next);
        storage
            .set_item(STORAGE_KEY, &text)
            .map_err(|e| write_failure_text(&js_error_text(&e)))?;
        self.text.set_value(Some(text));
        self.state.set(next);
        Ok(Kept::Stored)
    }

    /// The autosaved scenario, if any.
    pub fn current(&self) -> Option<saved::CurrentScenario> {
        self.state.with_untracked(|s| s.current.clone())
    }
}

/// Remembers the scenario on screen. Called from the debounced share-link update, so a drag
/// writes once, 250 ms after it stops. Writes nothing when the stored scenario is the same. No
/// control asked for it, so a failure is a page notice, shown once.
pub fn autosave(preset_id: &str, scenario: &Scenario) {
    let Some(store) = STORE.with(Cell::get) else {
        return;
    };
    let result = store.change(|s| {
        let same = s
            .current
            .as_ref()
            .is_some_and(|c| c.preset_id == preset_id && &c.scenario == scenario);
        if same {
            // Nothing to write: refused, so that storage is left alone.
            return Err(());
        }
        s.set_current(preset_id, scenario);
        Ok(())
    });
    if let Err(ChangeError::NotSaved(why)) = result {
        store.notices.show_once(
            NoticeKind::Storage,
            "Scenarios will not be kept after you close this page.",
            vec![
                why,
                "Everything else works; what you save stays available until you close the page."
                    .to_string(),
            ],
        );
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
    let key = format!("{BACKUP_KEY_PREFIX}{}", epoch_ms() as u64);
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
