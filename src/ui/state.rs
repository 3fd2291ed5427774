//! The page's reactive state: the Leptos signals the DOM reads ([`AppState`]). What changes them
//! (a slider, a preset, conditioning) and the once-per-frame recompute that answers are in
//! `frame.rs`, which implements the actions on `AppState`.

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::{Forecast, Scenario};

/// Everything the DOM reads. Copyable handles, provided as context by the app root.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The scenario being edited.
    pub scenario: RwSignal<Scenario>,
    /// Id of the preset the reader started from.
    pub preset_id: RwSignal<&'static str>,
    /// That preset's scenario: what "changed" and "reset" compare against.
    pub base: RwSignal<Scenario>,
    /// Forecast of `scenario`, set once per frame after the charts are drawn.
    pub forecast: RwSignal<Option<Arc<Forecast>>>,
    /// Forecast of `base`: the dashed reference curves and the "preset:" figures.
    pub reference: RwSignal<Option<Arc<Forecast>>>,
    /// Draw each anchor's contribution on the main chart.
    pub show_per_anchor: RwSignal<bool>,
    /// Page follows `prefers-color-scheme: dark`.
    pub dark: RwSignal<bool>,
    /// "Given no TAI by YEAR" (the Insight section's toggle): when set, every frame conditions
    /// the forecast and the reference on it before the charts and the summary read them.
    pub given_no_tai_by: RwSignal<Option<i32>>,
    /// The year `forecast` is conditioned on (None: not conditioned, also when the condition
    /// could not apply). Set in the same frame as `forecast`, so that labels saying
    /// "| none by YEAR" change together with the numbers they label; read it, not
    /// `given_no_tai_by`, for anything shown next to the forecast.
    pub shown_given: RwSignal<Option<i32>>,
}

impl AppState {
    /// Light theme until `theme::follow_color_scheme` says otherwise.
    pub fn new(preset_id: &'static str, base: Scenario, scenario: Scenario) -> Self {
        AppState {
            scenario: RwSignal::new(scenario),
            preset_id: RwSignal::new(preset_id),
            base: RwSignal::new(base),
            forecast: RwSignal::new(None),
            reference: RwSignal::new(None),
            show_per_anchor: RwSignal::new(false),
            dark: RwSignal::new(false),
            given_no_tai_by: RwSignal::new(None),
            shown_given: RwSignal::new(None),
        }
    }
}
