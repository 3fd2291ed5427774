//! Scenario files: exact round trips, and reading validated like a share link.

use bioanchors_model::export::{
    import_scenario_json, scenario_from_json, scenario_to_json, MAX_JSON_CHARS,
};
use bioanchors_model::{param_specs, preset, presets, ParamKind, Scenario};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use crate::fixtures::assert_round_trip;

#[test]
fn every_preset_round_trips_with_its_preset_id() {
    for p in presets() {
        let s = (p.scenario)();
        let text = scenario_to_json(&s, p.id);
        let imported = import_scenario_json(&text).unwrap();
        assert!(imported.notes.is_empty(), "{:?}", imported.notes);
        assert_eq!(imported.scenario, s, "{}", p.id);
        assert_eq!(imported.preset_id, p.id);
    }
}

#[test]
fn random_in_range_scenarios_round_trip_exactly() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for _ in 0..1000 {
        let p = &presets()[rng.random_range(0..presets().len())];
        let mut s = (p.scenario)();
        for spec in param_specs() {
            if rng.random_bool(0.5) {
                let u: f64 = rng.random();
                let v = match spec.kind {
                    ParamKind::Toggle => (u < 0.5) as u8 as f64,
                    _ => spec.min + u * (spec.max - spec.min),
                };
                s.set(spec.key, v).unwrap();
            }
        }
        let (back, notes) = scenario_from_json(&scenario_to_json(&s, p.id)).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_round_trip(&back, &s, p.id);
    }
}

#[test]
fn the_file_names_every_parameter_in_display_order() {
    let text = scenario_to_json(&Scenario::default(), "no-such-preset");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "bioanchors-scenario");
    assert_eq!(v["version"], 2);
    assert_eq!(
        v["preset"], "best-guess",
        "unknown preset ids are not written"
    );
    let params = v["params"].as_object().unwrap();
    assert_eq!(params.len(), param_specs().len());
    assert_eq!(params["hardware.halving_years"], 2.5);
    assert_eq!(params["hardware.max_flop_per_dollar"].as_f64(), Some(1e24));
    // Display order in the text (serde_json's map would sort them).
    let first = text.find(&format!("\"{}\"", param_specs()[0].key)).unwrap();
    let last = text
        .find(&format!("\"{}\"", param_specs().last().unwrap().key))
        .unwrap();
    assert!(first < last);
}

#[test]
fn imports_validate_like_a_link() {
    let text = r#"{
        "format": "bioanchors-scenario", "version": 1, "preset": "conservative",
        "params": {
            "hardware.halving_years": 42,
            "spend.doubling_years": "2.75",
            "anchor.genome.use_components": true,
            "anchor.nn_long.weight": "lots",
            "anchor.lifetime.weight": null,
            "made.up": 1,
            "<img src=x>": 2
        }
    }"#;
    let imported = import_scenario_json(text).unwrap();
    let s = &imported.scenario;
    assert_eq!(imported.preset_id, "conservative");
    assert_eq!(s.hardware.halving_years, 10.0, "clamped to the maximum");
    assert_eq!(
        s.spending.doubling_years, 2.75,
        "numeric strings are numbers"
    );
    assert!(s.anchors.genome.use_components);
    assert_eq!(
        s.anchors.nn_long.weight, 15.0,
        "unreadable: preset value kept"
    );
    assert_eq!(s.anchors.lifetime.weight, 5.0);
    assert_eq!(
        s.spending.dollars_2025,
        (preset("conservative").unwrap().scenario)()
            .spending
            .dollars_2025,
        "missing keys take the preset's values"
    );
    let text = imported.notes.join("\n");
    assert_eq!(imported.notes.len(), 5, "{text}");
    for needle in [
        "clamped to 10",
        "\"lots\"",
        "null",
        "`made.up`",
        "`<img src=x>`",
    ] {
        assert!(text.contains(needle), "no note with {needle}:\n{text}");
    }
}

#[test]
fn other_versions_and_formats_are_read_with_a_note() {
    let (s, notes) = scenario_from_json(
        r#"{"format": "something-else", "version": 7, "preset": 3, "params": {"hardware.halving_years": 3}}"#,
    )
    .unwrap();
    assert_eq!(s.hardware.halving_years, 3.0);
    assert_eq!(notes.len(), 3, "{notes:?}");
}

#[test]
fn a_bare_parameter_object_and_the_serde_struct_are_accepted() {
    let (s, notes) =
        scenario_from_json(r#"{"preset": "aggressive", "spend.doubling_years": 0.5}"#).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.spending.doubling_years, 0.5);
    assert_eq!(s.hardware.halving_years, 1.5, "aggressive");

    // The serde form the CLI first read, with one value out of range.
    let mut wild = Scenario::default();
    wild.hardware.halving_years = 50.0;
    let (s, notes) = scenario_from_json(&serde_json::to_string(&wild).unwrap()).unwrap();
    assert_eq!(s.hardware.halving_years, 10.0);
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (s, notes) = scenario_from_json(r#"{"end_year": 2060}"#).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.end_year, 2060.0);
}

#[test]
fn what_is_not_a_scenario_is_an_error() {
    for bad in ["", "nope", "[1,2]", "3", "{\"params\": "] {
        let err = scenario_from_json(bad).unwrap_err();
        assert!(
            err.starts_with("this is not a scenario file"),
            "{bad:?}: {err}"
        );
    }
    let huge = format!("{{\"x\": \"{}\"}}", "a".repeat(MAX_JSON_CHARS));
    assert!(scenario_from_json(&huge).unwrap_err().contains("at most"));
}
