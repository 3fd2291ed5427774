//! Number formatting for controls and hover text. The headline numbers (percentages, years) use
//! [`crate::model::format`] instead, so the page and the CLI print identical strings.

use crate::model::{ParamSpec, Scenario};

/// Decimal places of a step as people write it: 0.25 → 2, 0.1 → 1, 1 → 0.
pub fn decimals_of_step(step: f64) -> usize {
    let s = format!("{step}");
    s.split_once('.')
        .map(|(_, frac)| frac.len())
        .unwrap_or(0)
        .min(6)
}

/// A parameter's value as shown in its number box: scientific with three significant digits
/// for log-scaled quantities ("1.2e9"), the step's precision otherwise.
pub fn display_value(spec: &ParamSpec, value: f64) -> String {
    if spec.log_scale || (value != 0.0 && value.abs() >= 1e6) {
        sci(value)
    } else {
        format!("{value:.*}", decimals_of_step(spec.step))
    }
}

/// Scientific notation without trailing zeros: 1e9, 2.5e17, 3.14e-3.
pub fn sci(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let s = format!("{value:.2e}");
    let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    format!("{mantissa}e{exponent}")
}

/// `10^x` in scientific notation, for log10 quantities: 34.2 → "1.6e34".
pub fn sci_log10(log10: f64) -> String {
    sci(10f64.powf(log10))
}

/// The normalized share of the weight a spec edits, if it is one of the weights.
pub fn weight_share(scenario: &Scenario, spec: &ParamSpec) -> Option<f64> {
    let shares = scenario.normalized_weights();
    match spec.anchor {
        Some(anchor) => Some(*shares.anchors.get(anchor)),
        None => Some(shares.beyond),
    }
}
