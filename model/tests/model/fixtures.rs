//! What the model's tests share: scenarios (the uncertain one the benchmarks use, random ones
//! over the allowed input space) and the round-trip check.

use bioanchors_model::{param_specs, presets, ParamKind, Scenario};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

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

/// The best guess with all four trajectory uncertainties on, as a share link's query: the
/// scenario of the model's tests, `cargo bench` and the browser bench (`bench_ui.mjs`), in one
/// file so that they cannot drift apart.
pub const UNCERTAIN_QUERY: &str = include_str!("../data/uncertain.query");

/// The scenario of [`UNCERTAIN_QUERY`].
pub fn uncertain() -> Scenario {
    let link = bioanchors_model::link::read_link(UNCERTAIN_QUERY.trim());
    assert!(link.notes.is_empty(), "{:?}", link.notes);
    link.scenario
}

/// `s` with one parameter set.
pub fn with(s: &Scenario, key: &str, value: f64) -> Scenario {
    let mut m = s.clone();
    m.set(key, value).unwrap();
    m
}

/// A scenario with a share `moved` of its parameters set to random in-range values (uniform
/// on the slider's scale: log10 for log-scaled parameters), on top of a random preset. Returns
/// the preset id too.
pub fn random_scenario(rng: &mut ChaCha8Rng, moved: f64) -> (Scenario, &'static str) {
    let p = &presets()[rng.random_range(0..presets().len())];
    let mut s = (p.scenario)();
    for spec in param_specs() {
        if rng.random_bool(moved) {
            let u: f64 = rng.random();
            let v = match spec.kind {
                ParamKind::Toggle => (u < 0.5) as u8 as f64,
                _ if spec.log_scale => {
                    10f64.powf(spec.min.log10() + u * (spec.max.log10() - spec.min.log10()))
                }
                _ => spec.min + u * (spec.max - spec.min),
            };
            s.set(spec.key, v).unwrap();
        }
    }
    (s, p.id)
}
