//! What was shared or saved before the rule of algorithmic progress was refitted keeps its
//! numbers. The fixtures in `model/tests/model/fixtures_v1/` were written by the code of that time
//! (commit 55ccc49): every parameter of every preset, the P(TAI by year) of ten version-1 links
//! and two saved scenarios, a saved state of storage format 1 and a scenario file of version 1.

use bioanchors_model::export::{import_scenario_json, scenario_to_json};
use bioanchors_model::link::{query_from_scenario, scenario_from_query, LINK_VERSION};
use bioanchors_model::presets::{preset_version_1, version_1_default};
use bioanchors_model::saved::{self, LoadOutcome};
use bioanchors_model::{forecast, param_specs, preset, presets, Scenario};

const PRESETS_V1: &str = include_str!("fixtures_v1/presets.txt");
const FORECASTS_V1: &str = include_str!("fixtures_v1/forecasts.txt");
const SAVED_V1: &str = include_str!("fixtures_v1/saved.json");
const FILE_V1: &str = include_str!("fixtures_v1/scenario.json");

/// `# title` sections of a fixture, each with its lines.
fn sections(text: &str) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        match line.strip_prefix("# ") {
            Some(title) => out.push((title, Vec::new())),
            None => out.last_mut().expect("a title first").1.push(line),
        }
    }
    out
}

/// The P(TAI by year) of a forecast section: `year,p` lines, p written exactly.
fn curve(lines: &[&str]) -> Vec<(i32, f64)> {
    lines
        .iter()
        .map(|l| {
            let (y, p) = l.split_once(',').expect("year,p");
            (y.parse().unwrap(), p.parse().unwrap())
        })
        .collect()
}

fn assert_same_curve(s: &Scenario, want: &[(i32, f64)], what: &str) {
    let f = forecast(s);
    let got: Vec<(i32, f64)> = f.years.iter().copied().zip(f.p_by_year).collect();
    // To the last bit: none of these scenarios has trajectory uncertainty, the only part of
    // the engine that changed since.
    assert_eq!(got, want, "{what}");
}

#[test]
fn version_1_presets_are_the_presets_of_version_1() {
    let fixture = sections(PRESETS_V1);
    assert_eq!(fixture.len(), presets().len());
    for (id, lines) in fixture {
        let s = preset_version_1(id).expect("a preset of version 1");
        assert_eq!(lines.len(), param_specs().len(), "{id}");
        for line in lines {
            let (key, value) = line.split_once('=').unwrap();
            let value: f64 = value.parse().unwrap();
            assert_eq!(s.get(key).unwrap(), value, "{id}: {key}");
        }
    }
    assert_eq!(preset_version_1("best-guess"), Some(version_1_default()));
    assert_eq!(preset_version_1("no-such-preset"), None);
    // Only the rule's two endpoints and the anchors' override defaults taken from it differ
    // between the default of version 1 and today's.
    let changed: Vec<String> = Scenario::default()
        .diff(&version_1_default())
        .into_iter()
        .map(|(k, _)| k.to_string())
        .collect();
    assert!(changed.contains(&"algo.halving_f_high".to_string()));
    assert!(changed.contains(&"algo.cap_f_high".to_string()));
    assert!(
        changed.iter().all(|k| k.starts_with("algo.")
            || k.ends_with(".algo_halving_years")
            || k.ends_with(".algo_cap_oom")),
        "{changed:?}"
    );
}

#[test]
fn a_version_1_link_gives_the_numbers_it_gave() {
    let links: Vec<_> = sections(FORECASTS_V1)
        .into_iter()
        .filter(|(title, _)| title.starts_with("v=1"))
        .collect();
    assert_eq!(links.len(), 10);
    for (link, lines) in links {
        let (s, notes) = scenario_from_query(link);
        assert!(notes.is_empty(), "{link}: {notes:?}");
        assert_same_curve(&s, &curve(&lines), link);
        // Shared again, it is a link of today's version that opens as the same scenario.
        let base = link
            .split('&')
            .find_map(|p| p.strip_prefix("preset="))
            .unwrap();
        let again = query_from_scenario(&s, base);
        assert!(again.starts_with(&format!("v={LINK_VERSION}&")), "{again}");
        assert_eq!(scenario_from_query(&again), (s, Vec::new()), "{link}");
    }
}

#[test]
fn links_of_today_and_without_a_version_use_todays_presets() {
    for p in presets() {
        let today = (p.scenario)();
        for link in [
            format!("v={LINK_VERSION}&preset={}", p.id),
            format!("preset={}", p.id),
        ] {
            assert_eq!(
                scenario_from_query(&link),
                (today.clone(), Vec::new()),
                "{link}"
            );
        }
        assert_eq!(
            scenario_from_query(&format!("v=1&preset={}", p.id)).0,
            preset_version_1(p.id).unwrap()
        );
    }
    // An unknown version is read as today's, with a note.
    let (s, notes) = scenario_from_query("v=7&preset=best-guess");
    assert_eq!(s, Scenario::default());
    assert_eq!(notes.len(), 1, "{notes:?}");
}

#[test]
fn saved_scenarios_of_format_1_keep_their_numbers() {
    let LoadOutcome::Loaded(state, notes) = saved::load(Some(SAVED_V1)) else {
        panic!("format 1 loads");
    };
    // Nothing changed, so nothing to announce.
    assert!(notes.is_empty(), "{notes:?}");
    let fixture = sections(FORECASTS_V1);
    let want = |title: &str| curve(&fixture.iter().find(|(t, _)| *t == title).unwrap().1);
    let current = state.current.as_ref().expect("a current scenario");
    assert_eq!(current.preset_id, "cotra-2022");
    assert_same_curve(&current.scenario, &want("saved cur"), "current");
    let plan = &state.saved[0];
    assert_eq!(
        (plan.name.as_str(), plan.preset_id.as_str()),
        ("Plan A", "reestimated-growth")
    );
    assert_same_curve(&plan.scenario, &want("saved plan"), "Plan A");
    // Saved as the default of that time: the old rule, not today's.
    assert_eq!(state.saved[1].scenario, version_1_default());
    // Written back, it is format 2 and reads back the same.
    let text = saved::save(&state);
    assert!(text.contains(&format!("\"version\":{}", saved::FORMAT_VERSION)));
    assert_eq!(saved::FORMAT_VERSION, 2);
    match saved::load(Some(&text)) {
        LoadOutcome::Loaded(again, notes) => {
            assert!(notes.is_empty());
            assert_eq!(again, state);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn format_1_scenarios_missing_parameters_take_their_values_of_version_1() {
    // A hand-trimmed format-1 state: only one parameter left of the current scenario.
    let text = r#"{"version": 1, "current": {"preset": "aggressive",
        "params": {"hardware.halving_years": 2.0}}, "saved": []}"#;
    let LoadOutcome::Loaded(state, notes) = saved::load(Some(text)) else {
        panic!("loads");
    };
    assert!(notes.is_empty(), "{notes:?}");
    let mut want = preset_version_1("aggressive").unwrap();
    want.set("hardware.halving_years", 2.0).unwrap();
    assert_eq!(state.current.unwrap().scenario, want);
}

#[test]
fn a_scenario_file_of_version_1_keeps_its_numbers() {
    let imported = import_scenario_json(FILE_V1).expect("a scenario file");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert_eq!(imported.preset_id, "reestimated-growth");
    let fixture = sections(FORECASTS_V1);
    let want = curve(&fixture.iter().find(|(t, _)| *t == "saved plan").unwrap().1);
    assert_same_curve(&imported.scenario, &want, "file");
    // A version-1 file without some parameters: they come from the preset of version 1.
    let trimmed = r#"{"format": "bioanchors-scenario", "version": 1, "preset": "best-guess",
        "params": {"spend.dollars_2025": 2e9}}"#;
    let mut want = version_1_default();
    want.set("spend.dollars_2025", 2e9).unwrap();
    assert_eq!(import_scenario_json(trimmed).unwrap().scenario, want);
    // Written today, a file says version 2 and reads back on today's presets.
    let text = scenario_to_json(&Scenario::default(), "best-guess");
    assert!(text.contains("\"version\": 2,"), "{text}");
    let back = import_scenario_json(&text).unwrap();
    assert_eq!(back.scenario, Scenario::default());
    assert_eq!(
        preset("best-guess").map(|p| (p.scenario)()),
        Some(back.scenario)
    );
}
