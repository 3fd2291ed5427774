//! [`Scenario::get`], [`Scenario::set`] and [`Scenario::diff`]: a scenario read and written by
//! registry key, from one list of key → field pairs expanded into both directions.

use super::{param_spec, param_specs, ParamError, ParamKind};
use crate::anchor::Anchor;
use crate::scenario::Scenario;

/// Expands the list of scenario fields into a getter and a setter, so the two cannot disagree.
macro_rules! scenario_fields {
    (global: $($key:literal => $($field:ident).+ ;)* anchor: $($akey:literal => $afield:ident : $akind:ident ;)*) => {
        fn get_field(s: &Scenario, key: &str) -> Option<f64> {
            if let Some(component_key) = key.strip_prefix("components.") {
                return s.components.get(component_key);
            }
            if let Some((anchor, field)) = split_anchor_key(key) {
                let st = s.anchors.get(anchor);
                return match field {
                    $($akey => Some(scenario_fields!(@read $akind, st.$afield)),)*
                    _ => None,
                };
            }
            match key {
                $($key => Some(s.$($field).+),)*
                _ => None,
            }
        }

        fn set_field(s: &mut Scenario, key: &str, value: f64) -> bool {
            if let Some(component_key) = key.strip_prefix("components.") {
                return s.components.set(component_key, value);
            }
            if let Some((anchor, field)) = split_anchor_key(key) {
                let st = s.anchors.get_mut(anchor);
                return match field {
                    $($akey => { st.$afield = scenario_fields!(@write $akind, value); true })*
                    _ => false,
                };
            }
            match key {
                $($key => { s.$($field).+ = value; true })*
                _ => false,
            }
        }
    };
    (@read num, $e:expr) => { $e };
    (@read flag, $e:expr) => { if $e { 1.0 } else { 0.0 } };
    (@write num, $v:expr) => { $v };
    (@write flag, $v:expr) => { $v >= 0.5 };
}

fn split_anchor_key(key: &str) -> Option<(Anchor, &str)> {
    let rest = key.strip_prefix("anchor.")?;
    let (a, field) = rest.split_once('.')?;
    Some((Anchor::from_key(a)?, field))
}

scenario_fields! {
    global:
    "weights.beyond" => beyond_weight;
    "requirements.shift_oom" => requirements.shift_oom;
    "requirements.spread_scale" => requirements.spread_scale;
    "requirements.extra_sigma_oom" => requirements.extra_sigma_oom;
    "requirements.floor_log10_flop" => requirements.floor_log10_flop;
    "algo.start_year" => algorithmic_progress.start_year;
    "algo.halving_years_small" => algorithmic_progress.halving_years_small;
    "algo.halving_years_large" => algorithmic_progress.halving_years_large;
    "algo.halving_f_low" => algorithmic_progress.halving_f_low;
    "algo.halving_f_high" => algorithmic_progress.halving_f_high;
    "algo.cap_oom_small" => algorithmic_progress.cap_oom_small;
    "algo.cap_oom_large" => algorithmic_progress.cap_oom_large;
    "algo.cap_f_low" => algorithmic_progress.cap_f_low;
    "algo.cap_f_high" => algorithmic_progress.cap_f_high;
    "hardware.flop_per_dollar_2025" => hardware.flop_per_dollar_2025;
    "hardware.halving_years" => hardware.halving_years;
    "hardware.max_flop_per_dollar" => hardware.max_flop_per_dollar;
    "spend.dollars_2025" => spending.dollars_2025;
    "spend.doubling_years" => spending.doubling_years;
    "spend.cap_percent_gdp" => spending.cap_percent_gdp;
    "spend.gdp_2020_dollars" => spending.gdp_2020_dollars;
    "spend.gdp_growth_percent" => spending.gdp_growth_percent;
    "uncertainty.algo_halving_factor" => uncertainty.algo_halving_factor;
    "uncertainty.algo_cap_oom" => uncertainty.algo_cap_oom;
    "uncertainty.hardware_halving_factor" => uncertainty.hardware_halving_factor;
    "uncertainty.spend_doubling_factor" => uncertainty.spend_doubling_factor;
    "forecast.end_year" => end_year;
    anchor:
    "weight" => weight: num;
    "shift_oom" => shift_oom: num;
    "spread_scale" => spread_scale: num;
    "extra_sigma_oom" => extra_sigma_oom: num;
    "use_components" => use_components: flag;
    "algo_override" => algo_override: flag;
    "algo_halving_years" => algo_halving_years: num;
    "algo_cap_oom" => algo_cap_oom: num;
}

impl Scenario {
    /// The value of parameter `key`, in display units, within its allowed range; None for an
    /// unknown key. Component medians are computed from the stored distribution (its ends or
    /// location), which can land an ulp beyond the range after [`Scenario::set`] at a bound:
    /// that ulp is clamped away, so a slider at its end writes a link that reads back silently.
    pub fn get(&self, key: &str) -> Option<f64> {
        let spec = param_spec(key)?;
        let v = get_field(self, key)?;
        Some(if v.is_finite() {
            v.clamp(spec.min, spec.max)
        } else {
            v
        })
    }

    /// The value of parameter `key` as stored, not clamped to its range: for readers of
    /// untrusted files, which must notice a value outside it (only the CLI reads the serde form
    /// of `Scenario`).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn get_unclamped(&self, key: &str) -> Option<f64> {
        param_spec(key)?;
        get_field(self, key)
    }

    /// Sets parameter `key`, clamped to its allowed range (integers rounded, toggles to 0/1).
    pub fn set(&mut self, key: &str, value: f64) -> Result<(), ParamError> {
        let spec = param_spec(key).ok_or_else(|| ParamError::UnknownKey(key.to_string()))?;
        if !value.is_finite() {
            return Err(ParamError::NotFinite(key.to_string()));
        }
        let mut v = value.clamp(spec.min, spec.max);
        match spec.kind {
            ParamKind::Continuous => {}
            ParamKind::Integer => v = v.round().clamp(spec.min, spec.max),
            ParamKind::Toggle => v = if v >= 0.5 { 1.0 } else { 0.0 },
        }
        if set_field(self, key, v) {
            Ok(())
        } else {
            Err(ParamError::UnknownKey(key.to_string()))
        }
    }

    /// Keys whose value differs between `self` and `other`, with `self`'s value, in registry order.
    pub fn diff(&self, other: &Scenario) -> Vec<(&'static str, f64)> {
        param_specs()
            .iter()
            .filter_map(|s| {
                let mine = self.get(s.key)?;
                let theirs = other.get(s.key)?;
                (mine.to_bits() != theirs.to_bits()).then_some((s.key, mine))
            })
            .collect()
    }
}
