//! The assumption panel, generated from the model's parameter registry: one control per
//! [`ParamSpec`], grouped as the report groups them, each with a slider, an exact number box,
//! its unit, an info tip and a reset.

use leptos::either::Either;
use leptos::prelude::*;

use super::format::{decimals_of_step, display_value};
use super::state::AppState;
use crate::model::{param_specs, presets, Anchor, ParamGroup, ParamKind, ParamSpec};

/// The groups in the order the panel shows them, with their titles.
const GROUPS: [(ParamGroup, &str); 6] = [
    (ParamGroup::Weights, "Anchor weights"),
    (ParamGroup::Requirements, "Compute requirements"),
    (ParamGroup::AlgorithmicProgress, "Algorithmic progress"),
    (ParamGroup::Hardware, "Hardware"),
    (ParamGroup::Spending, "Spending"),
    (ParamGroup::Uncertainty, "Uncertainty"),
];

/// Where a parameter is shown. Component assumptions sit inside "Compute requirements" under
/// their anchor, and each trajectory's uncertainty sits next to the trajectory it blurs, which
/// is where a reader looking for "how sure is this halving time?" looks.
fn shown_in(spec: &ParamSpec) -> ParamGroup {
    match spec.group {
        ParamGroup::Components => ParamGroup::Requirements,
        ParamGroup::Uncertainty if spec.key.starts_with("uncertainty.algo_") => {
            ParamGroup::AlgorithmicProgress
        }
        ParamGroup::Uncertainty if spec.key.starts_with("uncertainty.hardware_") => {
            ParamGroup::Hardware
        }
        ParamGroup::Uncertainty if spec.key.starts_with("uncertainty.spend_") => {
            ParamGroup::Spending
        }
        g => g,
    }
}

fn keys_where(pred: impl Fn(&ParamSpec) -> bool) -> Vec<&'static str> {
    param_specs()
        .iter()
        .filter(|s| pred(s))
        .map(|s| s.key)
        .collect()
}

/// True when `value` differs from the preset's `base` by more than float noise.
pub fn differs(value: Option<f64>, base: Option<f64>) -> bool {
    match (value, base) {
        (Some(v), Some(b)) => (v - b).abs() > 1e-9 * b.abs().max(1.0),
        (a, b) => a.is_some() != b.is_some(),
    }
}

/// How many of `keys` differ from the preset.
fn changed_count(state: AppState, keys: &[&'static str]) -> usize {
    state.scenario.with(|s| {
        state
            .base
            .with(|b| keys.iter().filter(|k| differs(s.get(k), b.get(k))).count())
    })
}

#[component]
pub fn Controls() -> impl IntoView {
    view! {
        <PresetPanel />
        {GROUPS
            .iter()
            .map(|&(group, title)| view! { <Group group=group title=title /> })
            .collect_view()}
    }
}

#[component]
fn PresetPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let all_keys = keys_where(|_| true);
    let all_keys_for_count = all_keys.clone();
    let changed = Memo::new(move |_| changed_count(state, &all_keys_for_count));
    let description = move || {
        let id = state.preset_id.get();
        presets()
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.description)
            .unwrap_or("")
    };
    view! {
        <section class="group presets" aria-labelledby="presets-title">
            <h2 id="presets-title" class="group-title">"Preset"</h2>
            <label class="visually-hidden" for="preset-select">"Start from preset"</label>
            <select
                id="preset-select"
                data-testid="preset-select"
                prop:value=move || state.preset_id.get()
                on:change=move |ev| state.choose_preset(&event_target_value(&ev))
            >
                {presets()
                    .iter()
                    .map(|p| view! { <option value=p.id>{p.name}</option> })
                    .collect_view()}
            </select>
            <p class="preset-description">{description}</p>
            <div class="preset-actions">
                <button
                    type="button"
                    class="reset-all"
                    data-testid="reset-preset"
                    prop:disabled=move || changed.get() == 0
                    on:click=move |_| state.reset_params(&all_keys)
                >
                    "Reset all to preset"
                </button>
                <span class="changed-count" aria-live="polite">
                    {move || match changed.get() {
                        0 => String::from("no changes"),
                        1 => String::from("1 change"),
                        n => format!("{n} changes"),
                    }}
                </span>
            </div>
        </section>
    }
}

#[component]
fn Group(group: ParamGroup, title: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let keys = keys_where(|s| shown_in(s) == group);
    if keys.is_empty() {
        return None;
    }
    let keys_for_count = keys.clone();
    let changed = Memo::new(move |_| changed_count(state, &keys_for_count));
    let holds = holds_ids(&keys);
    let slug = title.to_ascii_lowercase().replace(' ', "-");
    // Weights stay flat (their shares are read together); other groups tuck per-anchor
    // detail into one block per anchor.
    let body = move || {
        if group == ParamGroup::Weights {
            Either::Left(
                param_specs()
                    .iter()
                    .filter(|s| shown_in(s) == group)
                    .map(|spec| view! { <ParamControl spec=spec /> })
                    .collect_view(),
            )
        } else {
            Either::Right(grouped_body(group))
        }
    };
    // Weights and the headline trajectories start open; the long per-anchor list starts closed.
    let open = group != ParamGroup::Requirements && group != ParamGroup::Uncertainty;
    // A closed group's controls are built when it is first opened: most of the page's elements
    // sit in closed groups, and a reader on a phone may never open them. An open group's are
    // built with the panel (the weights, at its top) or each in a task of its own just after
    // (the others, below the fold), so no one task builds them all (Lighthouse's total
    // blocking time, BENCHMARKS.md). Those tasks run before the one that takes `data-pending`
    // off `#app` (`mount_after_first_charts`), as timers run in the order they were set.
    let built = RwSignal::new(group == ParamGroup::Weights);
    if open && group != ParamGroup::Weights {
        set_timeout(move || built.set(true), std::time::Duration::ZERO);
    }
    Some(view! {
        <details
            class="group"
            open=open
            data-testid=format!("group-{slug}")
            data-holds=holds
            on:toggle=move |ev| build_when_opened(&ev, built)
        >
            <summary class="group-title">
                <span>{title}</span>
                <span class="changed-badge" class:hidden=move || changed.get() == 0>
                    {move || format!("{} changed", changed.get())}
                </span>
            </summary>
            {(group == ParamGroup::Weights).then(|| view! {
                <p class="group-note">
                    "The model normalizes the weights (six anchors plus \u{201c}beyond all anchors\u{201d}) \
                     to sum to 100%; each slider shows its share."
                </p>
            })}
            <div class="group-body"><BuiltWhenOpened built>{body()}</BuiltWhenOpened></div>
            <button
                type="button"
                class="reset-group"
                data-testid=format!("reset-group-{slug}")
                prop:disabled=move || changed.get() == 0
                on:click=move |_| state.reset_params(&keys)
            >
                {format!("Reset {}", title.to_ascii_lowercase())}
            </button>
        </details>
    })
}

/// A group's controls: the ones that apply to every anchor first, then one collapsible block
/// per anchor (its distribution knobs and the component assumptions behind it, or its own
/// algorithmic-progress override), so the per-anchor detail stays out of the way until wanted.
fn grouped_body(group: ParamGroup) -> impl IntoView {
    let shared = param_specs()
        .iter()
        .filter(|s| shown_in(s) == group && s.anchor.is_none())
        .map(|spec| view! { <ParamControl spec=spec /> })
        .collect_view();
    let per_anchor = Anchor::ALL
        .iter()
        .filter_map(|&anchor| {
            let specs: Vec<&'static ParamSpec> = param_specs()
                .iter()
                .filter(|s| shown_in(s) == group && s.anchor == Some(anchor))
                .collect();
            (!specs.is_empty()).then(|| {
                let keys: Vec<&'static str> = specs.iter().map(|s| s.key).collect();
                let built = RwSignal::new(false);
                let controls = move || {
                    specs
                        .iter()
                        .map(|&spec| view! { <ParamControl spec=spec /> })
                        .collect_view()
                };
                view! {
                    <details
                        class="subgroup"
                        data-testid=format!("anchor-{}", anchor.key())
                        data-holds=holds_ids(&keys)
                        on:toggle=move |ev| build_when_opened(&ev, built)
                    >
                        <summary>{anchor.label()}</summary>
                        <BuiltWhenOpened built>{controls()}</BuiltWhenOpened>
                    </details>
                }
            })
        })
        .collect_view();
    view! { {shared} {per_anchor} }
}

/// The DOM ids of the controls of `keys`, space-separated: a collapsed group says which
/// controls it holds before they exist (tests and tools open it to reach one).
fn holds_ids(keys: &[&'static str]) -> String {
    keys.iter().map(|k| dom_id(k)).collect::<Vec<_>>().join(" ")
}

/// Its children, built once `built` is set (and kept after).
#[component]
fn BuiltWhenOpened<T: IntoView + 'static>(
    built: RwSignal<bool>,
    children: TypedChildrenFn<T>,
) -> impl IntoView {
    let children = children.into_inner();
    move || built.get().then(|| children())
}

/// Builds a group's controls the first time its `<details>` opens.
fn build_when_opened(ev: &leptos::ev::Event, built: RwSignal<bool>) {
    use wasm_bindgen::JsCast;
    let open = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open());
    if open && !built.get_untracked() {
        built.set(true);
    }
}

/// The slider position for a value: log10 of it on log-scaled parameters.
fn to_slider(spec: &ParamSpec, value: f64) -> f64 {
    if spec.log_scale {
        value.max(f64::MIN_POSITIVE).log10()
    } else {
        value
    }
}

/// The value for a slider position, rounded so share links stay short and every value the
/// slider produces is exactly representable in the number box: three significant digits on
/// log-scaled parameters, the parameter's step otherwise.
fn from_slider(spec: &ParamSpec, position: f64) -> f64 {
    if spec.log_scale {
        let v = 10f64.powf(position);
        format!("{v:.2e}").parse().unwrap_or(v)
    } else {
        let v = (position / spec.step).round() * spec.step;
        format!("{v:.*}", decimals_of_step(spec.step))
            .parse()
            .unwrap_or(v)
    }
}

fn slider_bounds(spec: &ParamSpec) -> (f64, f64, f64) {
    if spec.log_scale {
        let (lo, hi) = (to_slider(spec, spec.min), to_slider(spec, spec.max));
        (lo, hi, (hi - lo) / 600.0)
    } else {
        (spec.min, spec.max, spec.step)
    }
}

/// Element id for a parameter key: `hardware.halving_years` → `p-hardware-halving_years`.
pub fn dom_id(key: &str) -> String {
    format!("p-{}", key.replace('.', "-"))
}

#[component]
fn ParamControl(spec: &'static ParamSpec) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = spec.key;
    let value = Memo::new(move |_| state.scenario.with(|s| s.get(key)));
    let base = Memo::new(move |_| state.base.with(|s| s.get(key)));
    let changed = Memo::new(move |_| differs(value.get(), base.get()));
    let (tip_open, set_tip_open) = signal(false);
    let id = dom_id(key);
    let label_id = format!("{id}-label");
    let tip_id = format!("{id}-tip");
    let number_id = format!("{id}-number");
    let unit = spec.unit;
    // " years" after a value, or nothing for unitless parameters. Leaked once per control
    // (the panel is built once per page) so every closure below can hold a copy.
    let unit_text: &'static str = if unit.is_empty() {
        ""
    } else {
        Box::leak(format!(" {unit}").into_boxed_str())
    };
    let preset_name = move || {
        let id = state.preset_id.get();
        presets()
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name)
            .unwrap_or("preset")
    };

    let input = match spec.kind {
        ParamKind::Toggle => Either::Left(view! {
            <input
                type="checkbox"
                id=id.clone()
                data-key=key
                aria-labelledby=label_id.clone()
                prop:checked=move || { value.get().unwrap_or(0.0) >= 0.5 }
                on:change=move |ev| { state.set_param(key, if event_target_checked(&ev) { 1.0 } else { 0.0 }) }
            />
        }),
        _ => {
            let (lo, hi, step) = slider_bounds(spec);
            // The number box listens to `change`, not `input`: rewriting the box while someone
            // types "2." would eat the dot. `change` fires on Enter, blur and the spin buttons.
            Either::Right(view! {
                <input
                    type="range"
                    class="slider"
                    id=id.clone()
                    data-key=key
                    aria-labelledby=label_id.clone()
                    aria-valuetext=move || value.get().map(|v| format!("{}{unit_text}", display_value(spec, v)))
                    min=lo
                    max=hi
                    step=step
                    prop:value=move || value.get().map(|v| to_slider(spec, v)).unwrap_or(lo).to_string()
                    on:input=move |ev| {
                        if let Ok(p) = event_target_value(&ev).parse::<f64>() {
                            state.set_param(key, from_slider(spec, p));
                        }
                    }
                />
                <input
                    type="number"
                    class="number"
                    id=number_id.clone()
                    data-key=key
                    aria-label=format!("{} ({})", spec.label, if unit.is_empty() { "value" } else { unit })
                    min=spec.min
                    max=spec.max
                    step=if spec.log_scale { "any".to_string() } else { spec.step.to_string() }
                    prop:value=move || value.get().map(|v| display_value(spec, v)).unwrap_or_default()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            state.set_param(key, v);
                        }
                    }
                />
            })
        }
    };

    let share = (spec.group == ParamGroup::Weights).then(|| {
        let share = Memo::new(move |_| {
            state
                .scenario
                .with(|s| super::format::weight_share(s, spec))
        });
        view! {
            <span class="share" data-testid=format!("share-{}", id) title="normalized share">
                {move || share.get().map(crate::model::format::percent).unwrap_or_default()}
            </span>
        }
    });

    view! {
        <div class="param" class:changed=move || changed.get() data-testid=id.clone()>
            <div class="param-head">
                <label id=label_id for=number_id class="param-label">
                    {spec.label}
                    <span class="changed-dot" aria-hidden="true" class:hidden=move || !changed.get()>"\u{25cf}"</span>
                </label>
                {share}
                <button
                    type="button"
                    class="tip-button"
                    aria-expanded=move || tip_open.get().to_string()
                    aria-controls=tip_id.clone()
                    aria-label=format!("About {}", spec.label)
                    data-testid=format!("tip-{}", id)
                    on:click=move |_| set_tip_open.update(|o| *o = !*o)
                >
                    "i"
                </button>
                <button
                    type="button"
                    class="reset-one"
                    aria-label=format!("Reset {} to the preset", spec.label)
                    title="Reset to the preset"
                    data-testid=format!("reset-{}", id)
                    class:hidden=move || !changed.get()
                    on:click=move |_| state.reset_params(&[key])
                >
                    "\u{21ba}"
                </button>
            </div>
            <div class="param-input">
                {input}
                <span class="unit">{unit}</span>
            </div>
            <div class="tip" id=tip_id role="note" hidden=move || !tip_open.get()>
                <p>{spec.help}</p>
                <p>
                    <strong>"Default ("{preset_name}"): "</strong>
                    {move || base.get().map(|v| format!("{}{unit_text}", display_value(spec, v))).unwrap_or_default()}
                    <br />
                    <strong>"Range: "</strong>
                    {format!("{} to {}{unit_text}", display_value(spec, spec.min), display_value(spec, spec.max))}
                    {(spec.plausible.0 < spec.plausible.1).then(|| format!(
                        "; plausible {} to {}",
                        display_value(spec, spec.plausible.0),
                        display_value(spec, spec.plausible.1)
                    ))}
                </p>
                <p class="source"><strong>"Source: "</strong>{spec.source}</p>
            </div>
        </div>
    }
}
