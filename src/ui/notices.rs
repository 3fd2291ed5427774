//! Dismissable notices above the page: what a share link got wrong, storage that does not work,
//! stored scenarios that were adjusted on load, and the way back to your own scenario after
//! opening someone else's link. Every line is a Leptos text node: notes quote link and storage
//! text, which must never be read as HTML.

use std::sync::Arc;

use leptos::prelude::*;

/// What a notice is about; also its `data-testid` (`notice-link`, …) and CSS class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// The share link had parts that were ignored or clamped.
    Link,
    /// A shared link is on screen; your own autosaved scenario is one click away.
    OwnScenario,
    /// Storage is off, full, or held something unreadable.
    Storage,
    /// The stored scenarios were read with changes (clamped, renamed, upgraded).
    StoredNotes,
}

impl NoticeKind {
    fn id(self) -> &'static str {
        match self {
            NoticeKind::Link => "notice-link",
            NoticeKind::OwnScenario => "notice-own",
            NoticeKind::Storage => "notice-storage",
            NoticeKind::StoredNotes => "notice-stored",
        }
    }
}

/// A button on a notice; running it also dismisses the notice.
#[derive(Clone)]
pub struct NoticeAction {
    pub label: &'static str,
    pub run: Arc<dyn Fn() + Send + Sync>,
}

#[derive(Clone)]
struct Notice {
    id: u64,
    kind: NoticeKind,
    title: String,
    lines: Vec<String>,
    action: Option<NoticeAction>,
}

/// The page's notices. A copyable handle, provided as context by the app root.
#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u64>,
    /// Kinds shown at least once this page load, so [`Notices::show_once`] says a thing once
    /// even after it was dismissed.
    shown: StoredValue<Vec<NoticeKind>>,
}

impl Notices {
    pub fn new() -> Self {
        Notices {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            shown: StoredValue::new(Vec::new()),
        }
    }

    /// Shows a notice (replacing one of the same kind still on screen).
    pub fn show(
        &self,
        kind: NoticeKind,
        title: impl Into<String>,
        lines: Vec<String>,
        action: Option<NoticeAction>,
    ) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.shown.update_value(|s| {
            if !s.contains(&kind) {
                s.push(kind);
            }
        });
        let notice = Notice {
            id,
            kind,
            title: title.into(),
            lines,
            action,
        };
        self.list.update(|l| {
            l.retain(|n| n.kind != kind);
            l.push(notice);
        });
    }

    /// Shows a notice unless one of this kind was already shown since the page loaded.
    pub fn show_once(&self, kind: NoticeKind, title: impl Into<String>, lines: Vec<String>) {
        if !self.shown.with_value(|s| s.contains(&kind)) {
            self.show(kind, title, lines, None);
        }
    }

    fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|n| n.id != id));
    }
}

#[component]
pub fn NoticeList() -> impl IntoView {
    let notices = expect_context::<Notices>();
    view! {
        <div class="notices" role="region" aria-label="Notices" aria-live="polite">
            {move || {
                notices
                    .list
                    .get()
                    .into_iter()
                    .map(|n| {
                        let id = n.id;
                        let action = n.action.map(|a| {
                            let run = a.run.clone();
                            view! {
                                <button
                                    type="button"
                                    class="notice-action"
                                    data-testid=format!("{}-action", n.kind.id())
                                    on:click=move |_| {
                                        notices.dismiss(id);
                                        run();
                                    }
                                >
                                    {a.label}
                                </button>
                            }
                        });
                        view! {
                            <div class=format!("notice {}", n.kind.id()) data-testid=n.kind.id() role="status">
                                <div class="notice-body">
                                    <p class="notice-title">{n.title}</p>
                                    {(!n.lines.is_empty()).then(|| view! {
                                        <ul class="notice-lines">
                                            {n.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                        </ul>
                                    })}
                                    {action}
                                </div>
                                <button
                                    type="button"
                                    class="notice-dismiss"
                                    data-testid="notice-dismiss"
                                    aria-label="Dismiss this notice"
                                    title="Dismiss"
                                    on:click=move |_| notices.dismiss(id)
                                >
                                    "\u{00d7}"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
