//! The upgrade path of the stored format, proven on a synthetic "version 0": a layout that
//! never shipped, written the way an early prototype might have kept things (no `version`
//! field, scenarios as share-link query strings, one timestamp, names as object keys).

use bioanchors_model::link::{query_from_scenario, scenario_from_query};
use bioanchors_model::saved::{
    load, load_with_migrations, save, LoadOutcome, Migration, SavedState, FORMAT_VERSION,
    MIGRATIONS,
};
use bioanchors_model::{preset, Scenario};
use serde_json::{json, Map, Value};

/// Version 0 → 1: query strings become `{preset, params}`, `saved_at` becomes both times,
/// the `named` object becomes the `saved` list (ordered by time).
fn v0_to_v1(old: Value) -> Result<Value, String> {
    let to_v1 = |query: &str| -> Value {
        let (scenario, _) = scenario_from_query(query);
        let preset = query
            .split('&')
            .find_map(|p| p.strip_prefix("preset="))
            .unwrap_or("best-guess");
        let params: Map<String, Value> = bioanchors_model::export::params_object(&scenario);
        json!({"preset": preset, "params": params})
    };
    let current = old.get("autosave").and_then(Value::as_str).map(to_v1);
    let mut saved = Vec::new();
    if let Some(named) = old.get("named").and_then(Value::as_object) {
        for (name, entry) in named {
            let query = entry
                .get("query")
                .and_then(Value::as_str)
                .ok_or("no query")?;
            let at = entry.get("saved_at").cloned().unwrap_or(json!(0));
            let mut v1 = to_v1(query);
            v1["name"] = json!(name);
            v1["created"] = at.clone();
            v1["updated"] = at;
            saved.push(v1);
        }
    }
    saved.sort_by(|a, b| {
        a["created"]
            .as_f64()
            .partial_cmp(&b["created"].as_f64())
            .unwrap()
    });
    Ok(json!({"version": 1, "current": current, "saved": saved}))
}

const SYNTHETIC_PATH: &[Migration] = &[
    Migration {
        from: 0,
        what: "scenarios are now stored parameter by parameter",
        apply: v0_to_v1,
    },
    MIGRATIONS[0],
];

#[test]
fn version_0_is_upgraded_to_the_same_state_written_today() {
    let mut plan_b = (preset("cotra-2022").unwrap().scenario)();
    plan_b.set("spend.dollars_2025", 3e9).unwrap();
    let mut current = Scenario::default();
    current.set("anchor.nn_long.weight", 25.0).unwrap();
    let v0 = json!({
        "autosave": query_from_scenario(&current, "best-guess"),
        "named": {
            "Plan B": {"query": query_from_scenario(&plan_b, "cotra-2022"), "saved_at": 2000},
            "<b>Plan A</b>": {"query": "v=2&preset=aggressive", "saved_at": 1000}
        }
    })
    .to_string();

    let LoadOutcome::Loaded(state, notes) = load_with_migrations(Some(&v0), SYNTHETIC_PATH) else {
        panic!("version 0 should load through the synthetic path");
    };
    assert_eq!(
        notes,
        vec!["saved scenarios upgraded from format 0 to 1: scenarios are now stored parameter by parameter"]
    );

    let mut expected = SavedState::default();
    expected.set_current("best-guess", &current);
    let aggressive = (preset("aggressive").unwrap().scenario)();
    expected
        .save_as("<b>Plan A</b>", "aggressive", &aggressive, 1000.0)
        .unwrap();
    expected
        .save_as("Plan B", "cotra-2022", &plan_b, 2000.0)
        .unwrap();
    assert_eq!(state, expected);

    // Written back, it is today's format and loads without any migration.
    let v1 = save(&state);
    let written: Value = serde_json::from_str(&v1).unwrap();
    assert_eq!(written["version"], json!(FORMAT_VERSION));
    assert_eq!(load(Some(&v1)), LoadOutcome::Loaded(expected, vec![]));
}

#[test]
fn without_a_migration_for_its_version_the_text_is_kept_unread() {
    // Version 1 was the first format that shipped; 1 → 2 is the only step.
    assert_eq!(MIGRATIONS.len(), 1);
    assert_eq!(MIGRATIONS[0].from, 1);
    let v0 = r#"{"named": {}}"#;
    match load(Some(v0)) {
        LoadOutcome::Unreadable { raw, reason } => {
            assert_eq!(raw, v0);
            assert!(reason.contains("format 0"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_failing_migration_keeps_the_raw_text() {
    let raw = r#"{"named": {"x": {"no": "query"}}}"#;
    match load_with_migrations(Some(raw), SYNTHETIC_PATH) {
        LoadOutcome::Unreadable { raw: kept, reason } => {
            assert_eq!(kept, raw);
            assert!(reason.contains("no query"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}
