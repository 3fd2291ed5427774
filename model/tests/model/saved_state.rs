//! Saved scenarios in storage: exact round trips, operations with messages a person reads,
//! names kept as plain text, and stored text that cannot be read handed back whole.

use bioanchors_model::saved::{
    clean_name, load, save, LoadOutcome, SavedError, SavedState, MAX_NAME_CHARS, MAX_SAVED,
    MAX_TIME_MS,
};
use bioanchors_model::{preset, Scenario};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::fixtures::{assert_round_trip, random_scenario};

fn loaded(raw: &str) -> (SavedState, Vec<String>) {
    match load(Some(raw)) {
        LoadOutcome::Loaded(state, notes) => (state, notes),
        other => panic!("expected Loaded, got {other:?}"),
    }
}

#[test]
fn nothing_stored_is_empty() {
    assert_eq!(load(None), LoadOutcome::Empty);
    assert_eq!(load(Some("  \n")), LoadOutcome::Empty);
}

#[test]
fn stored_state_round_trips_exactly() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for round in 0..40 {
        let mut state = SavedState::default();
        let (current, current_preset) = random_scenario(&mut rng, 0.3);
        state.set_current(current_preset, &current);
        for i in 0..rng.random_range(0..8) {
            let (s, preset_id) = random_scenario(&mut rng, 0.3);
            let now = 1.7e12 + (round * 100 + i) as f64 * 1234.5;
            state
                .save_as(
                    &format!("scenario {i} \u{2014} \"quoted\""),
                    preset_id,
                    &s,
                    now,
                )
                .unwrap();
        }
        let text = save(&state);
        let (back, notes) = loaded(&text);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back.saved.len(), state.saved.len());
        for (b, s) in back.saved.iter().zip(&state.saved) {
            assert_eq!(
                (&b.name, &b.preset_id, b.created, b.updated),
                (&s.name, &s.preset_id, s.created, s.updated)
            );
            assert_round_trip(&b.scenario, &s.scenario, &b.name);
        }
        let (b, s) = (
            back.current.as_ref().unwrap(),
            state.current.as_ref().unwrap(),
        );
        assert_eq!(b.preset_id, s.preset_id);
        assert_round_trip(&b.scenario, &s.scenario, "current");
    }
}

#[test]
fn names_are_plain_text_trimmed_and_capped() {
    let mut state = SavedState::default();
    let s = Scenario::default();
    let script = "<script>alert(1)</script>";
    state.save_as(script, "best-guess", &s, 1.0).unwrap();
    state
        .save_as("  a & b \"c\" 'd' \\e  ", "best-guess", &s, 2.0)
        .unwrap();
    let long = "é".repeat(MAX_NAME_CHARS + 20);
    state.save_as(&long, "best-guess", &s, 3.0).unwrap();
    let (back, _) = loaded(&save(&state));
    assert_eq!(
        back.names(),
        vec![
            script.to_string(),
            "a & b \"c\" 'd' \\e".to_string(),
            "é".repeat(MAX_NAME_CHARS)
        ]
    );
    assert_eq!(back.get(script).unwrap().created, 1.0);
    assert_eq!(clean_name("   "), Err(SavedError::EmptyName));
}

#[test]
fn save_as_refuses_a_taken_name_and_says_why() {
    let mut state = SavedState::default();
    let s = Scenario::default();
    state.save_as("Plan A", "best-guess", &s, 1.0).unwrap();
    let err = state
        .save_as(" Plan A ", "aggressive", &s, 2.0)
        .unwrap_err();
    assert_eq!(err, SavedError::NameTaken("Plan A".into()));
    assert_eq!(
        err.to_string(),
        "There is already a saved scenario called \u{201c}Plan A\u{201d}. Choose another name."
    );
    assert_eq!(state.unique_name("Plan A").unwrap(), "Plan A (2)");
    assert_eq!(
        state
            .save_as("", "best-guess", &s, 2.0)
            .unwrap_err()
            .to_string(),
        "Give the scenario a name."
    );
}

#[test]
fn rename_duplicate_update_delete_and_load_by_name() {
    let mut state = SavedState::default();
    let aggressive = (preset("aggressive").unwrap().scenario)();
    let mut edited = aggressive.clone();
    edited.set("hardware.halving_years", 1.9).unwrap();
    state.save_as("A", "aggressive", &aggressive, 10.0).unwrap();
    state
        .save_as("B", "best-guess", &Scenario::default(), 11.0)
        .unwrap();

    state.rename("A", "Alpha", 12.0).unwrap();
    assert_eq!(state.names(), vec!["Alpha", "B"]);
    assert_eq!(state.get("Alpha").unwrap().updated, 12.0);
    assert_eq!(state.get("Alpha").unwrap().created, 10.0);
    assert_eq!(
        state.rename("Alpha", "B", 13.0),
        Err(SavedError::NameTaken("B".into()))
    );
    assert_eq!(
        state.rename("Alpha", "Alpha", 13.0),
        Ok(()),
        "same name is fine"
    );
    assert_eq!(
        state.rename("Nope", "C", 13.0).unwrap_err().to_string(),
        "There is no saved scenario called \u{201c}Nope\u{201d}."
    );

    assert_eq!(state.duplicate("Alpha", 14.0).unwrap(), "Alpha (2)");
    assert_eq!(state.duplicate("Alpha", 15.0).unwrap(), "Alpha (3)");
    assert_eq!(state.names(), vec!["Alpha", "Alpha (3)", "Alpha (2)", "B"]);
    assert_eq!(state.get("Alpha (2)").unwrap().scenario, aggressive);
    assert_eq!(state.get("Alpha (2)").unwrap().preset_id, "aggressive");

    state
        .update("Alpha (2)", "aggressive", &edited, 16.0)
        .unwrap();
    let updated = state.get("Alpha (2)").unwrap();
    assert_eq!(updated.scenario.hardware.halving_years, 1.9);
    assert_eq!((updated.created, updated.updated), (14.0, 16.0));
    assert_eq!(
        state.get("Alpha").unwrap().scenario,
        aggressive,
        "the original is untouched"
    );

    let removed = state.delete("Alpha (3)").unwrap();
    assert_eq!(removed.name, "Alpha (3)");
    assert_eq!(state.names(), vec!["Alpha", "Alpha (2)", "B"]);
    assert_eq!(
        state.delete("Alpha (3)"),
        Err(SavedError::NotFound("Alpha (3)".into()))
    );
}

#[test]
fn a_full_list_refuses_more_with_a_message() {
    let mut state = SavedState::default();
    let s = Scenario::default();
    for i in 0..MAX_SAVED {
        state
            .save_as(&format!("n{i}"), "best-guess", &s, 0.0)
            .unwrap();
    }
    assert_eq!(
        state
            .save_as("one more", "best-guess", &s, 0.0)
            .unwrap_err(),
        SavedError::TooMany
    );
    assert_eq!(state.duplicate("n0", 0.0).unwrap_err(), SavedError::TooMany);
    assert!(SavedError::TooMany.to_string().contains("Delete one first"));
}

#[test]
fn unique_names_stay_within_the_cap() {
    let mut state = SavedState::default();
    let long = "x".repeat(MAX_NAME_CHARS);
    state
        .save_as(&long, "best-guess", &Scenario::default(), 0.0)
        .unwrap();
    let copy = state.duplicate(&long, 0.0).unwrap();
    assert_eq!(copy.chars().count(), MAX_NAME_CHARS);
    assert!(copy.ends_with("x (2)"), "{copy}");
}

#[test]
fn garbage_is_unreadable_with_the_raw_text_intact() {
    for raw in [
        "{\"version\": 1, \"saved\": [",
        "not json at all",
        "[1, 2, 3]",
        "\"a string\"",
        "{\"version\": \"one\"}",
        "{\"version\": -1}",
        "\u{feff}{}",
    ] {
        match load(Some(raw)) {
            LoadOutcome::Unreadable { raw: kept, reason } => {
                assert_eq!(kept, raw, "the raw text comes back byte for byte");
                assert!(!reason.is_empty());
            }
            other => panic!("{raw:?} gave {other:?}"),
        }
    }
    for raw in ["{\"version\": 3}", "{\"version\": 99, \"saved\": []}"] {
        let LoadOutcome::Newer { version, reason } = load(Some(raw)) else {
            panic!("a newer format is unreadable, and said to be newer: {raw}");
        };
        assert!(version >= 3);
        assert!(reason.contains("newer version"), "{reason}");
    }
}

#[test]
fn damaged_entries_are_read_as_far_as_they_go_with_notes() {
    let raw = r#"{"version": 1,
        "current": {"preset": "gone-preset", "params": {"hardware.halving_years": 99, "nope": 1}},
        "saved": [
            {"name": "ok", "preset": "aggressive", "created": 1, "updated": 2,
             "params": {"spend.doubling_years": "1.5", "anchor.genome.use_components": true}},
            7,
            {"name": "ok", "params": {}, "created": "yesterday", "updated": 3},
            {"params": {"hardware.halving_years": null}}
        ]}"#;
    let (state, notes) = loaded(raw);
    let current = state.current.as_ref().unwrap();
    assert_eq!(current.preset_id, "best-guess");
    assert_eq!(current.scenario.hardware.halving_years, 10.0, "clamped");
    assert_eq!(state.names(), vec!["ok", "ok (2)", "Saved scenario 4"]);
    let ok = state.get("ok").unwrap();
    assert_eq!(ok.scenario.spending.doubling_years, 1.5);
    assert!(ok.scenario.anchors.genome.use_components);
    assert_eq!(
        ok.scenario.hardware.halving_years, 1.5,
        "aggressive's value kept"
    );
    assert_eq!(state.get("ok (2)").unwrap().created, 0.0);
    let text = notes.join("\n");
    for needle in [
        "unknown preset `gone-preset`",
        "clamped to 10",
        "unknown parameter `nope`",
        "#2 is not a scenario",
        "now \u{201c}ok (2)\u{201d}",
        "no usable `created` time",
        "#4 has no name",
        "`hardware.halving_years` = null is not a finite number",
    ] {
        assert!(text.contains(needle), "no note with {needle:?}:\n{text}");
    }
}

#[test]
fn times_beyond_any_date_are_clamped_so_that_showing_them_cannot_throw() {
    let raw = r#"{"version": 1, "saved": [
        {"name": "far", "created": 1e16, "updated": -1e300, "params": {}},
        {"name": "near", "created": 8.64e15, "updated": 1.7e12, "params": {}}]}"#;
    let (state, notes) = loaded(raw);
    let far = state.get("far").unwrap();
    assert_eq!((far.created, far.updated), (MAX_TIME_MS, -MAX_TIME_MS));
    let near = state.get("near").unwrap();
    assert_eq!(
        (near.created, near.updated),
        (8.64e15, 1.7e12),
        "in range: as stored"
    );
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].contains("`created` time 1e16 is beyond any date"),
        "{notes:?}"
    );
}

#[test]
fn thousands_of_entries_load_the_first_max_saved_with_a_note() {
    // The same name 3,000 times: name checks against a set, and only MAX_SAVED are read.
    let entries: Vec<String> = (0..3000)
        .map(|i| format!(r#"{{"name": "Plan", "created": {i}, "updated": {i}, "params": {{}}}}"#))
        .collect();
    let raw = format!(r#"{{"version": 1, "saved": [{}]}}"#, entries.join(","));
    let (state, notes) = loaded(&raw);
    assert_eq!(state.saved.len(), MAX_SAVED);
    assert_eq!(state.saved[0].name, "Plan");
    assert_eq!(
        state.saved[MAX_SAVED - 1].name,
        format!("Plan ({MAX_SAVED})")
    );
    assert!(
        notes[0].contains("there are 3000 saved scenarios, more than the 200"),
        "{notes:?}"
    );
}

#[test]
fn the_revision_is_written_and_read_back() {
    let mut state = SavedState::default();
    state.set_current("aggressive", &Scenario::default());
    state.revision = 41;
    let text = save(&state);
    assert!(text.contains("\"revision\":41"), "{text}");
    assert_eq!(load(Some(&text)), LoadOutcome::Loaded(state, vec![]));
    // Text from before revisions existed reads as revision 0, silently.
    let (old, notes) = loaded(r#"{"version": 1, "saved": []}"#);
    assert_eq!((old.revision, notes.len()), (0, 0));
    let (_, notes) = loaded(r#"{"version": 1, "revision": "x"}"#);
    assert_eq!(notes.len(), 1, "{notes:?}");
}
