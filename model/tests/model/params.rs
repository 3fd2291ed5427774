//! The parameter registry: every key reads and writes its own field, ranges clamp, weights normalize.

use bioanchors_model::{param_spec, param_specs, Anchor, ParamError, ParamKind, Scenario};

#[test]
fn every_key_is_unique_and_readable_and_its_default_is_in_range() {
    let s = Scenario::default();
    let mut seen = std::collections::HashSet::new();
    for spec in param_specs() {
        assert!(seen.insert(spec.key), "duplicate key {}", spec.key);
        let v = s
            .get(spec.key)
            .unwrap_or_else(|| panic!("no value for {}", spec.key));
        assert!(
            v >= spec.min && v <= spec.max,
            "{} default {v} outside [{}, {}]",
            spec.key,
            spec.min,
            spec.max
        );
        assert!(spec.plausible.0 <= spec.plausible.1, "{}", spec.key);
        assert!(
            !spec.source.is_empty() && !spec.help.is_empty(),
            "{}",
            spec.key
        );
        assert_eq!(param_spec(spec.key).map(|p| p.key), Some(spec.key));
    }
    // 6 anchors × 8 per-anchor fields, plus the globals and the component assumptions.
    assert!(param_specs().len() > 6 * 8 + 25);
}

#[test]
fn setting_a_key_changes_that_key_only() {
    let base = Scenario::default();
    for spec in param_specs() {
        let mut s = base.clone();
        let old = base.get(spec.key).unwrap();
        // Pick a value in range that differs from the default.
        let target = if old < spec.max { spec.max } else { spec.min };
        s.set(spec.key, target).unwrap();
        let got = s.get(spec.key).unwrap();
        assert!(
            (got - target).abs() <= 1e-9 * target.abs().max(1.0),
            "{}: set {target}, got {got}",
            spec.key
        );
        let changed: Vec<_> = s.diff(&base).into_iter().map(|(k, _)| k).collect();
        assert!(changed.contains(&spec.key), "{} not in diff", spec.key);
        // Component keys may be derived from one another (e.g. a median and the total it
        // feeds), every other key is its own field.
        if !spec.key.starts_with("components.") {
            assert_eq!(
                changed,
                vec![spec.key],
                "setting {} changed others",
                spec.key
            );
        }
    }
}

#[test]
fn set_clamps_rounds_and_rejects() {
    let mut s = Scenario::default();
    s.set("hardware.halving_years", 1e9).unwrap();
    assert_eq!(s.hardware.halving_years, 10.0);
    s.set("hardware.halving_years", -3.0).unwrap();
    assert_eq!(s.hardware.halving_years, 0.5);
    s.set("forecast.end_year", 2150.4).unwrap();
    assert_eq!(s.end_year, 2150.0);
    s.set("anchor.genome.use_components", 0.7).unwrap();
    assert!(s.anchors.get(Anchor::Genome).use_components);
    assert_eq!(s.get("anchor.genome.use_components"), Some(1.0));
    assert_eq!(
        param_spec("anchor.genome.use_components").unwrap().kind,
        ParamKind::Toggle
    );
    assert_eq!(
        s.set("no.such.key", 1.0),
        Err(ParamError::UnknownKey("no.such.key".into()))
    );
    assert!(matches!(
        s.set("spend.doubling_years", f64::NAN),
        Err(ParamError::NotFinite(_))
    ));
    assert_eq!(s.get("anchor.nobody.weight"), None);
}

#[test]
fn weights_normalize_to_the_reports_shares() {
    let w = Scenario::default().normalized_weights();
    let expected = [0.05, 0.20, 0.30, 0.15, 0.10, 0.10];
    for (a, e) in Anchor::ALL.into_iter().zip(expected) {
        assert!((w.anchors.get(a) - e).abs() < 1e-12, "{a:?}");
    }
    assert!((w.beyond - 0.10).abs() < 1e-12);

    let mut s = Scenario::default();
    for a in Anchor::ALL {
        s.set(&format!("anchor.{}.weight", a.key()), 0.0).unwrap();
    }
    s.set("weights.beyond", 0.0).unwrap();
    let w = s.normalized_weights();
    assert_eq!(w.beyond, 1.0, "all-zero weights: nothing is ever reached");
    s.set("anchor.lifetime.weight", 3.0).unwrap();
    s.set("weights.beyond", 1.0).unwrap();
    let w = s.normalized_weights();
    assert_eq!(*w.anchors.get(Anchor::Lifetime), 0.75);
    assert_eq!(w.beyond, 0.25);
}

#[test]
fn scenario_round_trips_through_json_with_missing_fields_defaulted() {
    let mut s = Scenario::default();
    s.set("anchor.nn_long.shift_oom", 1.5).unwrap();
    s.set("components.brain_flops.median", 16.0).unwrap();
    let json = serde_json::to_string(&s).unwrap();
    let back: Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let partial: Scenario = serde_json::from_str(r#"{"hardware":{"halving_years":3.0}}"#).unwrap();
    assert_eq!(partial.hardware.halving_years, 3.0);
    assert_eq!(partial.hardware.max_flop_per_dollar, 1e24);
    assert_eq!(partial.spending, Scenario::default().spending);
}

/// The extra-σ sliders are this project's extension: their texts say so and quote the author
/// exactly, and nothing reads her "±5 OOM" (the spread inside her anchors) as their value.
#[test]
fn extra_noise_is_our_extension_not_the_authors_five_oom() {
    use bioanchors_model::presets;
    const QUOTE: &str = "\"I was roughly aiming for +- 5 OOM uncertainty in training FLOP \
                         requirements on top of the anchor distribution, and then apportioned \
                         uncertainty between model size and scaling behavior based on which one \
                         seemed more uncertain\"";
    let sigma: Vec<_> = param_specs()
        .iter()
        .filter(|s| s.key.ends_with("extra_sigma_oom"))
        .collect();
    assert_eq!(sigma.len(), 7, "the global slider and one per anchor");
    for s in sigma {
        assert!(s.source.contains("our extension"), "{}", s.key);
        assert!(s.source.contains(QUOTE), "{}: {}", s.key, s.source);
    }
    let texts = param_specs()
        .iter()
        .flat_map(|s| [s.help, s.source])
        .chain(presets().iter().map(|p| p.description));
    for text in texts {
        for wrong in ["read as ±2σ", "is about 5", "the author's \"±5 OOM\" read"] {
            assert!(!text.contains(wrong), "{wrong:?} in {text}");
        }
    }
    let wider = presets()
        .iter()
        .find(|p| p.id == "wider-uncertainty")
        .unwrap();
    assert!(wider.description.contains("our extension"));
}
