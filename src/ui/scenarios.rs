//! The scenario bar: save the scenario on screen under a name, copy its share link, and the list
//! of saved scenarios (open, rename, duplicate, delete with undo). Names are user text: they are
//! only ever Leptos text nodes or attribute values, never HTML. Every refusal from
//! `model::saved` is shown in its own words next to the control that caused it.

use leptos::either::Either;
use leptos::prelude::*;

use super::clipboard::write_text;
use super::compare::CompareState;
use super::state::AppState;
use super::storage::{epoch_ms, Kept, SavedStore};
use super::urls::app_url;
use crate::model::link;
use crate::model::preset;
use crate::model::saved::{SavedScenario, MAX_NAME_CHARS, MAX_SAVED};

/// The address of the scenario on screen: this page with its share link, always explicit (the
/// plain address would open the recipient's own autosave).
fn share_url(app: AppState) -> String {
    let given = app.given_no_tai_by.get_untracked();
    let query = app
        .scenario
        .with_untracked(|s| link::share_query(s, app.preset_id.get_untracked(), given));
    app_url(&query)
}

/// The day a scenario was saved, as `2026-11-28` (UTC). `model::saved` keeps stored times
/// within what `Date` accepts; anything else (on which `Date` methods throw or give NaN) reads
/// as an unknown day.
fn day_of(ms: f64) -> String {
    if !(ms.is_finite() && ms.abs() <= crate::model::saved::MAX_TIME_MS) {
        return "on an unknown day".to_string();
    }
    let date = js_sys::Date::new(&ms.into());
    format!(
        "{}-{:02}-{:02}",
        date.get_utc_full_year(),
        date.get_utc_month() + 1,
        date.get_utc_date()
    )
}

/// What a control says after a change went through: `done` ("Saved as “A”.") when it is in
/// storage, else that it is kept on this page only, and why.
fn kept_text(kept: &Kept, done: String, what: &str) -> String {
    match kept {
        Kept::Stored => done,
        Kept::ThisPageOnly(why) => {
            format!("{what} is kept on this page only: {why}.")
        }
    }
}

#[component]
pub fn ScenarioBar() -> impl IntoView {
    let app = expect_context::<AppState>();
    let store = expect_context::<SavedStore>();
    let compare = expect_context::<CompareState>();

    let name_input = NodeRef::<leptos::html::Input>::new();
    let link_input = NodeRef::<leptos::html::Input>::new();
    let save_error = RwSignal::new(None::<String>);
    let save_status = RwSignal::new(None::<String>);
    let copy_status = RwSignal::new(None::<String>);
    // The link in a read-only field, when the clipboard could not be used.
    let link_field = RwSignal::new(None::<String>);
    // The saved scenario last opened or saved, for "Save changes to …".
    let active = RwSignal::new(None::<String>);
    let list_open = RwSignal::new(false);
    let renaming = RwSignal::new(None::<String>);
    let row_error = RwSignal::new(None::<(String, String)>);
    // A change to a row that went through but is kept on this page only: (name, why).
    let row_status = RwSignal::new(None::<(String, String)>);
    // The last deleted scenario and where it was, for "Undo".
    let deleted = RwSignal::new(None::<(usize, SavedScenario)>);

    let save_as = move || {
        let Some(input) = name_input.get() else {
            return;
        };
        let name = input.value();
        let preset_id = app.preset_id.get_untracked();
        let scenario = app.scenario.get_untracked();
        let result = store.change(|s| {
            s.save_as(&name, preset_id, &scenario, epoch_ms())
                .map(|saved| saved.name.clone())
        });
        match result {
            Ok((saved_name, kept)) => {
                input.set_value("");
                save_error.set(None);
                save_status.set(Some(kept_text(
                    &kept,
                    format!("Saved as \u{201c}{saved_name}\u{201d}."),
                    &format!("\u{201c}{saved_name}\u{201d}"),
                )));
                active.set(Some(saved_name));
                list_open.set(true);
            }
            Err(e) => {
                save_status.set(None);
                save_error.set(Some(e.to_string()));
            }
        }
    };

    let update_active = move |name: String| {
        let preset_id = app.preset_id.get_untracked();
        let scenario = app.scenario.get_untracked();
        match store.change(|s| s.update(&name, preset_id, &scenario, epoch_ms())) {
            Ok(((), kept)) => {
                save_error.set(None);
                save_status.set(Some(kept_text(
                    &kept,
                    format!("Saved changes to \u{201c}{name}\u{201d}."),
                    &format!("The change to \u{201c}{name}\u{201d}"),
                )));
            }
            Err(e) => {
                save_status.set(None);
                save_error.set(Some(e.to_string()));
            }
        }
    };

    // "Save changes to X": only while the opened saved scenario differs from the screen.
    let unsaved_changes_to = move || {
        let name = active.get()?;
        let differs = store.state.with(|s| {
            s.get(&name).ok().map(|saved| {
                saved.preset_id != app.preset_id.get()
                    || app.scenario.with(|now| *now != saved.scenario)
            })
        })?;
        differs.then_some(name)
    };

    let copy_link = move || {
        let url = share_url(app);
        copy_status.set(None);
        let shown = url.clone();
        leptos::task::spawn_local(async move {
            match write_text(&url).await {
                Ok(()) => {
                    link_field.set(None);
                    copy_status.set(Some("Copied".into()));
                    let _ = set_timeout_with_handle(
                        move || {
                            if copy_status.get_untracked().as_deref() == Some("Copied") {
                                copy_status.set(None);
                            }
                        },
                        std::time::Duration::from_millis(2500),
                    );
                }
                Err(()) => {
                    link_field.set(Some(shown));
                    copy_status.set(Some(
                        "Copying was not allowed: the link is selected below, press Ctrl+C (\u{2318}C on a Mac) to copy it."
                            .into(),
                    ));
                }
            }
        });
    };

    // Select the fallback field's text once it is on the page with its value (a frame later, so
    // nothing that sets the value afterwards moves the caret to the end).
    Effect::new(move |_| {
        if link_field.get().is_some() {
            if let Some(input) = link_input.get() {
                request_animation_frame(move || {
                    let _ = input.focus();
                    input.select();
                });
            }
        }
    });

    let open_saved = move |name: String| {
        let Ok(saved) = store.state.with_untracked(|s| s.get(&name).cloned()) else {
            return;
        };
        app.load_scenario(&saved.preset_id, saved.scenario);
        active.set(Some(saved.name.clone()));
        save_error.set(None);
        save_status.set(Some(format!("Opened \u{201c}{}\u{201d}.", saved.name)));
    };

    let rename = move |old: String, new: String| match store.change(|s| {
        s.rename(&old, &new, epoch_ms())
            .and_then(|()| s.get(&new).map(|e| e.name.clone()))
    }) {
        Ok((new_name, kept)) => {
            renaming.set(None);
            row_error.set(None);
            row_status.set(match kept {
                Kept::Stored => None,
                Kept::ThisPageOnly(_) => Some((
                    new_name.clone(),
                    kept_text(&kept, String::new(), "The new name"),
                )),
            });
            compare.renamed(&old, &new_name);
            if active.get_untracked().as_deref() == Some(old.as_str()) {
                active.set(Some(new_name));
            }
        }
        Err(e) => row_error.set(Some((old, e.to_string()))),
    };

    let duplicate = move |name: String| match store.change(|s| s.duplicate(&name, epoch_ms())) {
        Ok((copy, kept)) => {
            row_error.set(None);
            row_status.set(match kept {
                Kept::Stored => None,
                Kept::ThisPageOnly(_) => Some((copy, kept_text(&kept, String::new(), "This copy"))),
            });
        }
        Err(e) => row_error.set(Some((name, e.to_string()))),
    };

    let delete = move |name: String| {
        let result = store.change(|s| {
            let index = s.names().iter().position(|n| *n == name);
            s.delete(&name).map(|entry| (index.unwrap_or(0), entry))
        });
        match result {
            Ok((removed, _)) => {
                row_error.set(None);
                compare.removed(&name);
                if active.get_untracked().as_deref() == Some(name.as_str()) {
                    active.set(None);
                }
                deleted.set(Some(removed));
            }
            Err(e) => row_error.set(Some((name, e.to_string()))),
        }
    };

    let undo_delete = move || {
        let Some((index, entry)) = deleted.get_untracked() else {
            return;
        };
        let result = store.change(|s| {
            if s.saved.len() >= MAX_SAVED {
                return Err(crate::model::saved::SavedError::TooMany);
            }
            // The name may have been taken again meanwhile.
            let name = s.unique_name(&entry.name)?;
            let at = index.min(s.saved.len());
            s.saved.insert(
                at,
                SavedScenario {
                    name: name.clone(),
                    ..entry
                },
            );
            Ok(name)
        });
        match result {
            Ok(_) => {
                deleted.set(None);
                save_error.set(None);
            }
            Err(e) => save_error.set(Some(e.to_string())),
        }
    };

    let row = move |entry: SavedScenario| {
        let name = entry.name.clone();
        let meta = format!(
            "from {} \u{00b7} saved {}",
            preset(&entry.preset_id)
                .map(|p| p.name)
                .unwrap_or("a preset"),
            day_of(entry.updated)
        );
        let error = {
            let name = name.clone();
            move || {
                row_error
                    .get()
                    .filter(|(n, _)| *n == name)
                    .map(|(_, message)| message)
            }
        };
        let status = {
            let name = name.clone();
            move || {
                row_status
                    .get()
                    .filter(|(n, _)| *n == name)
                    .map(|(_, message)| message)
            }
        };
        let is_renaming = renaming.get_untracked().as_deref() == Some(name.as_str());
        let body = if is_renaming {
            let input = NodeRef::<leptos::html::Input>::new();
            let old = name.clone();
            Effect::new(move |_| {
                if let Some(el) = input.get() {
                    let _ = el.focus();
                    el.select();
                }
            });
            Either::Left(view! {
                <form
                    class="rename-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        if let Some(el) = input.get() {
                            rename(old.clone(), el.value());
                        }
                    }
                >
                    <label class="visually-hidden" for="rename-input">"New name"</label>
                    <input
                        id="rename-input"
                        data-testid="rename-input"
                        node_ref=input
                        maxlength=MAX_NAME_CHARS
                        prop:value=name.clone()
                    />
                    <button type="submit" data-testid="rename-ok">"Rename"</button>
                    <button
                        type="button"
                        on:click=move |_| {
                            renaming.set(None);
                            row_error.set(None);
                        }
                    >
                        "Cancel"
                    </button>
                </form>
            })
        } else {
            let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
            Either::Right(view! {
                <div class="saved-main">
                    <span class="saved-name" data-testid="saved-name">{name.clone()}</span>
                    <span class="saved-meta">{meta}</span>
                </div>
                <div class="saved-actions">
                    <button
                        type="button"
                        data-testid="open-saved"
                        aria-label=format!("Open {name}")
                        on:click=move |_| open_saved(n1.clone())
                    >
                        "Open"
                    </button>
                    <button
                        type="button"
                        data-testid="rename-saved"
                        aria-label=format!("Rename {name}")
                        on:click=move |_| {
                            row_error.set(None);
                            renaming.set(Some(n2.clone()));
                        }
                    >
                        "Rename"
                    </button>
                    <button
                        type="button"
                        data-testid="duplicate-saved"
                        aria-label=format!("Duplicate {name}")
                        on:click=move |_| duplicate(n3.clone())
                    >
                        "Duplicate"
                    </button>
                    <button
                        type="button"
                        class="danger"
                        data-testid="delete-saved"
                        aria-label=format!("Delete {name}")
                        on:click=move |_| delete(n4.clone())
                    >
                        "Delete"
                    </button>
                </div>
            })
        };
        view! {
            <li class="saved-row" data-testid="saved-row">
                {body}
                <p class="field-error" role="alert" data-testid="row-error">{error}</p>
                <p class="field-status" role="status" data-testid="row-status">{status}</p>
            </li>
        }
    };

    let count = move || store.state.with(|s| s.saved.len());

    view! {
        <section class="scenario-bar" aria-label="Your scenarios" data-testid="scenario-bar">
            <div class="scenario-actions">
                <form
                    class="save-as"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save_as();
                    }
                >
                    <label for="save-name">"Save this scenario as"</label>
                    <input
                        id="save-name"
                        data-testid="save-name"
                        node_ref=name_input
                        maxlength=MAX_NAME_CHARS
                        placeholder="a name"
                        autocomplete="off"
                    />
                    <button type="submit" data-testid="save-as">"Save"</button>
                    {move || unsaved_changes_to().map(|name| {
                        let label = format!("Save changes to \u{201c}{name}\u{201d}");
                        view! {
                            <button type="button" data-testid="update-saved" on:click=move |_| update_active(name.clone())>
                                {label}
                            </button>
                        }
                    })}
                </form>
                <div class="share-link">
                    <button type="button" data-testid="copy-link" on:click=move |_| copy_link()>
                        "Copy link"
                    </button>
                    <span class="field-status" data-testid="copy-status" role="status">
                        {move || copy_status.get()}
                    </span>
                </div>
            </div>
            <p class="field-error" data-testid="save-error" role="alert">{move || save_error.get()}</p>
            <p class="field-status" data-testid="save-status" role="status">{move || save_status.get()}</p>
            {move || link_field.get().map(|url| view! {
                <label class="link-field">
                    <span class="visually-hidden">"Share link"</span>
                    <input data-testid="link-field" node_ref=link_input readonly value=url />
                </label>
            })}
            <details
                class="saved-panel"
                data-testid="saved-panel"
                prop:open=move || list_open.get()
                on:toggle=move |ev| {
                    let open = ev
                        .target()
                        .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false);
                    list_open.set(open);
                }
            >
                <summary data-testid="saved-summary">
                    {move || format!("Saved scenarios ({})", count())}
                </summary>
                {move || deleted.get().map(|(_, entry)| view! {
                    <p class="field-status" data-testid="deleted-status">
                        {format!("Deleted \u{201c}{}\u{201d}. ", entry.name)}
                        <button type="button" data-testid="undo-delete" on:click=move |_| undo_delete()>
                            "Undo"
                        </button>
                    </p>
                })}
                {move || {
                    // Re-rendered when the list or the row being renamed changes.
                    renaming.track();
                    let entries = store.state.with(|s| s.saved.clone());
                    if entries.is_empty() {
                        Either::Left(view! {
                            <p class="saved-empty">
                                "Nothing saved yet. Scenarios you save stay in this browser only; use \u{201c}Copy link\u{201d} to send one to someone."
                            </p>
                        })
                    } else {
                        Either::Right(view! {
                            <ul class="saved-list" data-testid="saved-list">
                                {entries.into_iter().map(row).collect_view()}
                            </ul>
                        })
                    }
                }}
            </details>
        </section>
    }
}
