//! Helpers shared by the integration tests (a `mod common;` in each test crate).

use bioanchors::model::{param_specs, Scenario};

/// Round trips are exact, with one exception that belongs to `components.rs`: log-uniform and
/// skew-normal assumptions are stored as ends/location but edited as median and spread, so
/// `set(key, get(key))` can move a stored end by an ulp. There, the parameter values must agree
/// to a few ulps; every other field must be bit for bit identical.
pub fn assert_round_trip(back: &Scenario, original: &Scenario, context: &str) {
    let (mut a, mut b) = (back.clone(), original.clone());
    a.components = Default::default();
    b.components = Default::default();
    assert_eq!(a, b, "{context}");
    for spec in param_specs() {
        if spec.key.starts_with("components.") {
            let (x, y) = (back.get(spec.key).unwrap(), original.get(spec.key).unwrap());
            assert!(
                (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(1.0),
                "{}: {x} vs {y} ({context})",
                spec.key
            );
        }
    }
}
