//! Compare: presets and saved scenarios overlaid on the P(TAI by year) chart, and a table of the
//! parameters in which they differ from the scenario on screen.
//!
//! Compared forecasts run on an `Engine` of their own, once when the choice changes (not per
//! frame), so a slider drag still costs one forecast and the page's engine keeps its caches warm.
//! The frame only draws the stored curves (`frame::set_overlays`).

use std::cell::RefCell;
use std::sync::Arc;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::controls::differs;
use super::format::display_value;
use super::frame::set_overlays;
use super::state::AppState;
use super::storage::SavedStore;
use crate::model::condition::condition_forecast;
use crate::model::format::{milestone_text, quantile_text};
use crate::model::{param_specs, preset, presets, Engine, Forecast, ParamKind, Scenario};
use bioanchors_charts::{Overlay, COMPARE_STYLES};

/// Something to compare with: a preset, or a saved scenario by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareItem {
    Preset(&'static str),
    Saved(String),
}

/// A compared scenario, resolved: what it is called and what it holds.
#[derive(Clone, Debug, PartialEq)]
struct Compared {
    label: String,
    scenario: Scenario,
}

/// Which scenarios are compared. A copyable handle, provided as context by the app root.
#[derive(Clone, Copy)]
pub struct CompareState {
    selected: RwSignal<Vec<CompareItem>>,
}

impl CompareState {
    pub fn new() -> Self {
        CompareState {
            selected: RwSignal::new(Vec::new()),
        }
    }

    /// A saved scenario was renamed: keep comparing it.
    pub fn renamed(&self, old: &str, new: &str) {
        self.selected.update(|s| {
            for item in s.iter_mut() {
                if *item == CompareItem::Saved(old.to_string()) {
                    *item = CompareItem::Saved(new.to_string());
                }
            }
        });
    }

    /// A saved scenario was deleted: stop comparing it.
    pub fn removed(&self, name: &str) {
        self.selected
            .update(|s| s.retain(|i| *i != CompareItem::Saved(name.to_string())));
    }

    fn toggle(&self, item: CompareItem, on: bool) -> Result<(), String> {
        let mut result = Ok(());
        self.selected.update(|s| {
            if !on {
                s.retain(|i| *i != item);
            } else if !s.contains(&item) {
                if s.len() >= COMPARE_STYLES {
                    result = Err(format!(
                        "The chart tells at most {COMPARE_STYLES} compared scenarios apart: untick one first."
                    ));
                } else {
                    s.push(item);
                }
            }
        });
        result
    }
}

/// A forecast the compare engine made: of this scenario, conditioned on this year (if any).
type CachedForecast = (Scenario, Option<i32>, Arc<Forecast>);

thread_local! {
    /// The compare engine and the forecasts it made last, reused while a scenario is unchanged.
    static ENGINE: RefCell<(Option<Engine>, Vec<CachedForecast>)> =
        const { RefCell::new((None, Vec::new())) };
}

/// Forecasts of the compared scenarios (conditioned like the page's when that is on).
fn forecasts_of(compared: &[Compared], given: Option<i32>) -> Vec<Arc<Forecast>> {
    ENGINE.with(|e| {
        let (engine, cache) = &mut *e.borrow_mut();
        let engine = engine.get_or_insert_with(Engine::new);
        let out: Vec<CachedForecast> = compared
            .iter()
            .map(|c| {
                let cached = cache
                    .iter()
                    .find(|(s, g, _)| *s == c.scenario && *g == given)
                    .map(|(_, _, f)| f.clone());
                let f = cached.unwrap_or_else(|| {
                    let f = engine.forecast(&c.scenario);
                    Arc::new(match given {
                        Some(y) => condition_forecast(&f, y).unwrap_or(f),
                        None => f,
                    })
                });
                (c.scenario.clone(), given, f)
            })
            .collect();
        let forecasts = out.iter().map(|(_, _, f)| f.clone()).collect();
        *cache = out;
        forecasts
    })
}

/// A value as the table shows it: toggles as on/off, others as their number box shows them.
fn table_value(key: &str, value: Option<f64>) -> String {
    let Some(v) = value else {
        return "\u{2014}".into();
    };
    match crate::model::param_spec(key) {
        Some(spec) if spec.kind == ParamKind::Toggle => if v >= 0.5 { "on" } else { "off" }.into(),
        Some(spec) => display_value(spec, v),
        None => v.to_string(),
    }
}

#[component]
pub fn ComparePanel() -> impl IntoView {
    let app = expect_context::<AppState>();
    let store = expect_context::<SavedStore>();
    let compare = expect_context::<CompareState>();
    let error = RwSignal::new(None::<String>);
    let forecasts = RwSignal::new(Vec::<Arc<Forecast>>::new());

    // The chosen items as scenarios; a saved scenario that no longer exists drops out.
    let compared = Memo::new(move |_| {
        let selected = compare.selected.get();
        store.state.with(|saved| {
            selected
                .iter()
                .filter_map(|item| match item {
                    CompareItem::Preset(id) => preset(id).map(|p| Compared {
                        label: p.name.to_string(),
                        scenario: (p.scenario)(),
                    }),
                    CompareItem::Saved(name) => saved.get(name).ok().map(|s| Compared {
                        label: s.name.clone(),
                        scenario: s.scenario.clone(),
                    }),
                })
                .collect::<Vec<_>>()
        })
    });

    Effect::new(move |_| {
        let list = compared.get();
        let given = app.given_no_tai_by.get();
        let fs = forecasts_of(&list, given);
        let overlays = list
            .iter()
            .zip(&fs)
            .enumerate()
            .map(|(index, (c, f))| Overlay {
                label: c.label.clone(),
                index,
                forecast: f.clone(),
            })
            .collect();
        set_overlays(app, overlays);
        forecasts.set(fs);
    });

    let check = move |item: CompareItem, label: String, test_id: String| {
        let item_for_state = item.clone();
        let checked = move || compare.selected.with(|s| s.contains(&item_for_state));
        view! {
            <label class="compare-choice">
                <input
                    type="checkbox"
                    data-testid=test_id
                    prop:checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let result = compare.toggle(item.clone(), on);
                        if result.is_err() {
                            // Refused: the box goes back to unticked.
                            if let Some(input) = ev
                                .target()
                                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
                            {
                                input.set_checked(false);
                            }
                        }
                        error.set(result.err());
                    }
                />
                " "
                {label}
            </label>
        }
    };

    let preset_choices = presets()
        .iter()
        .map(|p| {
            check(
                CompareItem::Preset(p.id),
                p.name.to_string(),
                format!("compare-preset-{}", p.id),
            )
        })
        .collect_view();
    let saved_choices = move || {
        let names: Vec<String> = store
            .state
            .with(|s| s.names().into_iter().map(String::from).collect());
        if names.is_empty() {
            return Either::Left(view! { <p class="compare-empty">"None saved yet."</p> });
        }
        Either::Right(
            names
                .into_iter()
                .map(|n| check(CompareItem::Saved(n.clone()), n, "compare-saved".into()))
                .collect_view(),
        )
    };

    let legend = move || {
        compared
            .get()
            .into_iter()
            .zip(forecasts.get())
            .enumerate()
            .map(|(i, (c, f))| {
                let median = quantile_text(&f, 0.5);
                // Color and dash come from classes in style/main.css (mirroring
                // `charts::compare_style`): the CSP allows no inline style.
                let dash = format!("swatch compare-dash-{}", i % COMPARE_STYLES);
                view! {
                    <li>
                        <span class=dash aria-hidden="true"></span>
                        {c.label}
                        <span class="compare-median">{format!(" \u{00b7} median {median}")}</span>
                    </li>
                }
            })
            .collect_view()
    };

    // Parameters where any compared scenario differs from the one on screen.
    let rows = Memo::new(move |_| {
        let list = compared.get();
        // Read (and clone) the scenario only when something is compared: with nothing, a drag
        // need not re-run this.
        if list.is_empty() {
            return Vec::new();
        }
        let current = app.scenario.get();
        param_specs()
            .iter()
            .filter(|spec| {
                list.iter()
                    .any(|c| differs(c.scenario.get(spec.key), current.get(spec.key)))
            })
            .map(|spec| {
                let mut values = vec![table_value(spec.key, current.get(spec.key))];
                values.extend(
                    list.iter()
                        .map(|c| table_value(spec.key, c.scenario.get(spec.key))),
                );
                (spec.label, spec.unit, values)
            })
            .collect::<Vec<_>>()
    });

    // P(TAI by 2036) per scenario: its own reactive node, so a frame's new forecast redraws
    // these cells and not the whole table.
    let headline = move || {
        let mut cells = vec![app.forecast.with(|f| {
            f.as_deref()
                .map(|f| milestone_text(f, 2036))
                .unwrap_or_default()
        })];
        cells.extend(forecasts.get().iter().map(|f| milestone_text(f, 2036)));
        cells
            .into_iter()
            .map(|v| view! { <td>{v}</td> })
            .collect_view()
    };

    let table = move || {
        let list = compared.get();
        if list.is_empty() {
            return EitherOf3::A(view! {
                <p class="compare-empty" data-testid="compare-hint">
                    "Tick a preset or a saved scenario to draw it on the P(TAI by year) chart and list how it differs from this one."
                </p>
            });
        }
        let rows = rows.get();
        if rows.is_empty() {
            return EitherOf3::B(view! {
                <p class="compare-empty" data-testid="compare-same">
                    "No assumption differs: the compared scenarios are this one."
                </p>
            });
        }
        EitherOf3::C(view! {
            <div class="table-scroll">
                <table data-testid="compare-table">
                    <caption>"Assumptions in which the compared scenarios differ from this one"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Parameter"</th>
                            <th scope="col">"Unit"</th>
                            <th scope="col">"This scenario"</th>
                            {list.iter().map(|c| view! { <th scope="col">{c.label.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="compare-headline">
                            <th scope="row">"P(TAI by 2036)"</th>
                            <td></td>
                            {headline}
                        </tr>
                        {rows
                            .into_iter()
                            .map(|(label, unit, values)| view! {
                                <tr data-testid="compare-row">
                                    <th scope="row">{label}</th>
                                    <td class="compare-unit">{unit}</td>
                                    {values.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };

    view! {
        <section class="compare" aria-labelledby="compare-title" data-testid="compare">
            <h2 id="compare-title" class="compare-title">"Compare"</h2>
            <div class="compare-choices">
                <fieldset>
                    <legend>"Presets"</legend>
                    {preset_choices}
                </fieldset>
                <fieldset>
                    <legend>"Your saved scenarios"</legend>
                    {saved_choices}
                </fieldset>
            </div>
            <p class="field-error" data-testid="compare-error" role="alert">{move || error.get()}</p>
            <ul class="legend compare-legend" aria-label="Compared on the P(TAI by year) chart" data-testid="compare-legend">
                {legend}
            </ul>
            {table}
        </section>
    }
}
