//! Share links: round trips, minimal diffs, and no panic on any input.

use bioanchors_model::link::{
    given_from_query, is_share_query, query_from_scenario, read_link, scenario_from_query,
    share_query, split_page_query, PageQuery,
};
use bioanchors_model::{param_specs, preset, Scenario};
use proptest::prelude::*;

#[test]
fn default_link_is_just_the_version_and_preset() {
    assert_eq!(
        query_from_scenario(&Scenario::default(), "best-guess"),
        "v=2&preset=best-guess"
    );
    let (s, notes) = scenario_from_query("v=2&preset=best-guess");
    assert_eq!(s, Scenario::default());
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn links_round_trip_exactly_relative_to_their_preset() {
    let mut s = (preset("aggressive").unwrap().scenario)();
    s.set("hardware.halving_years", 1.7).unwrap();
    s.set("anchor.genome.weight", 0.0).unwrap();
    s.set("requirements.floor_log10_flop", 0.1 + 23.2).unwrap();
    s.set("anchor.evolution.use_components", 1.0).unwrap();
    s.set("components.brain_flops.median", 16.3).unwrap();
    let q = query_from_scenario(&s, "aggressive");
    assert!(q.starts_with("v=2&preset=aggressive&"), "{q}");
    // Only the changed keys appear.
    assert_eq!(q.matches('&').count(), 1 + 5, "{q}");
    let (back, notes) = scenario_from_query(&q);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back, s);
    // Also from a whole URL with a fragment.
    let (from_url, _) = scenario_from_query(&format!("https://example.org/app/?{q}#charts"));
    assert_eq!(from_url, s);
}

#[test]
fn given_travels_in_the_link_and_is_not_a_parameter() {
    let mut s = (preset("aggressive").unwrap().scenario)();
    s.set("hardware.halving_years", 1.7).unwrap();
    let q = share_query(&s, "aggressive", Some(2030));
    assert_eq!(
        q,
        format!("{}&given=2030", query_from_scenario(&s, "aggressive"))
    );
    assert_eq!(
        share_query(&s, "aggressive", None),
        query_from_scenario(&s, "aggressive")
    );
    for form in [
        q.clone(),
        format!("?{q}"),
        format!("https://example.org/app/?{q}#charts"),
    ] {
        let (back, notes) = scenario_from_query(&form);
        assert!(
            notes.is_empty(),
            "`given` is no unknown parameter: {notes:?}"
        );
        assert_eq!(back, s);
        assert_eq!(given_from_query(&form, &back), Ok(Some(2030)), "{form}");
    }
    assert_eq!(
        given_from_query(&query_from_scenario(&s, "aggressive"), &s),
        Ok(None)
    );
    // The forecast's first and last years are both allowed; the last `given` wins.
    let d = Scenario::default();
    assert_eq!(given_from_query("given=2025", &d), Ok(Some(2025)));
    assert_eq!(given_from_query("given=2100", &d), Ok(Some(2100)));
    assert_eq!(
        given_from_query("given=2040&given=%202031", &d),
        Ok(Some(2031))
    );
    // A scenario that ends earlier covers fewer years.
    let (short, _) = scenario_from_query("forecast.end_year=2060&given=2070");
    assert_eq!(short.last_year(), 2060);
    assert!(given_from_query("forecast.end_year=2060&given=2070", &short).is_err());
}

#[test]
fn a_bad_given_is_noted_and_does_not_condition() {
    let d = Scenario::default();
    for (value, needle) in [
        ("abc", "`given=abc` is not a whole year"),
        ("2030.5", "`given=2030.5` is not a whole year"),
        ("", "`given=` is not a whole year"),
        (
            "1900",
            "`given=1900` is outside the forecast's years [2025, 2100]",
        ),
        (
            "2500",
            "`given=2500` is outside the forecast's years [2025, 2100]",
        ),
        ("99999999999", "`given=99999999999` is outside"),
    ] {
        let query = format!("v=2&preset=best-guess&given={value}");
        let (s, notes) = scenario_from_query(&query);
        assert_eq!(s, d);
        assert!(notes.is_empty(), "{notes:?}");
        let note = given_from_query(&query, &s).unwrap_err();
        assert!(note.contains(needle), "{note}");
        assert!(
            note.ends_with("ignored, the forecast is not conditioned"),
            "{note}"
        );
    }
    // User text is quoted short, like every other note.
    let long = format!("given=<b>{}", "9".repeat(100));
    let note = given_from_query(&long, &d).unwrap_err();
    assert!(
        note.contains("`given=<b>999") && note.contains('…') && note.len() < 140,
        "{note}"
    );
}

#[test]
fn bad_parts_are_noted_and_ignored_or_clamped() {
    let (s, notes) = scenario_from_query(
        "?v=9&preset=nope&hardware.halving_years=99&spend.doubling_years=abc&bogus=1&x&\
         anchor.nn_long.weight=NaN&algo.cap_oom_large=7",
    );
    assert_eq!(s.hardware.halving_years, 10.0, "clamped to max");
    assert_eq!(s.spending.doubling_years, 2.0, "unparsable: default kept");
    assert_eq!(s.algorithmic_progress.cap_oom_large, 7.0);
    assert_eq!(s.anchors.nn_long.weight, 15.0);
    let text = notes.join("\n");
    for needle in [
        "version `9`",
        "preset `nope`",
        "clamped",
        "abc",
        "bogus",
        "NaN",
        "`x`",
    ] {
        assert!(text.contains(needle), "no note about {needle}: {text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_never_panics(query in ".{0,200}") {
        let _ = scenario_from_query(&query);
    }

    #[test]
    fn parsing_key_value_soup_never_panics(
        pairs in prop::collection::vec((0usize..200, "[-+0-9.eE%a-zN]{0,12}"), 0..12)
    ) {
        let specs = param_specs();
        let query: Vec<String> = pairs
            .iter()
            .map(|(i, v)| match specs.get(*i) {
                Some(s) => format!("{}={v}", s.key),
                None => format!("preset={v}"),
            })
            .collect();
        let (s, _) = scenario_from_query(&query.join("&"));
        for spec in specs {
            let v = s.get(spec.key).unwrap();
            prop_assert!(v.is_finite() && v >= spec.min - 1e-9 && v <= spec.max + 1e-9, "{} = {}", spec.key, v);
        }
    }

    #[test]
    fn any_in_range_scenario_round_trips(
        picks in prop::collection::vec((prop::bool::weighted(0.2), 0.0f64..1.0), param_specs().len())
    ) {
        let mut s = Scenario::default();
        for (spec, (change, u)) in param_specs().iter().zip(&picks) {
            if *change {
                s.set(spec.key, spec.min + u * (spec.max - spec.min)).unwrap();
            }
        }
        let (back, notes) = scenario_from_query(&query_from_scenario(&s, "best-guess"));
        prop_assert!(notes.is_empty(), "{:?}", notes);
        // Registry values come back bit for bit, except component medians: the components
        // module stores a median as its distribution's ends, whose sum can differ by an ulp.
        for spec in param_specs() {
            let (a, b) = (s.get(spec.key).unwrap(), back.get(spec.key).unwrap());
            if spec.key.starts_with("components.") {
                prop_assert!((a - b).abs() <= 1e-12 * a.abs().max(1.0), "{}: {} vs {}", spec.key, a, b);
            } else {
                prop_assert_eq!(a.to_bits(), b.to_bits(), "{}: {} vs {}", spec.key, a, b);
            }
        }
    }
}

#[test]
fn every_slider_at_either_end_writes_a_link_that_reads_back_silently() {
    // A component median is computed from the stored distribution: at a bound it could read
    // back an ulp outside the range, and the app's own link then carried a "clamped" note.
    for spec in param_specs() {
        for end in [spec.min, spec.max] {
            let mut s = Scenario::default();
            s.set(spec.key, end).unwrap();
            let v = s.get(spec.key).unwrap();
            assert!(
                (spec.min..=spec.max).contains(&v),
                "{} set to {end} reads {v}",
                spec.key
            );
            let q = query_from_scenario(&s, "best-guess");
            let link = read_link(&q);
            assert!(
                link.notes.is_empty(),
                "{}: {:?} for {q}",
                spec.key,
                link.notes
            );
            assert_eq!(link.scenario.get(spec.key), Some(v), "{q}");
        }
    }
}

#[test]
fn a_plus_sign_in_a_number_is_a_plus_sign() {
    // JavaScript writes 1e24 as "1e+24"; a form-encoding reader would turn the + into a space.
    let link = read_link("hardware.max_flop_per_dollar=1e+24&spend.doubling_years=+2.5");
    assert!(link.notes.is_empty(), "{:?}", link.notes);
    assert_eq!(link.scenario.hardware.max_flop_per_dollar, 1e24);
    assert_eq!(link.scenario.spending.doubling_years, 2.5);
    let encoded = read_link("hardware.max_flop_per_dollar=1e%2B25");
    assert_eq!(encoded.scenario.hardware.max_flop_per_dollar, 1e25);
}

#[test]
fn the_last_preset_wins_and_the_link_says_which() {
    let link = read_link("preset=aggressive&preset=conservative&hardware.halving_years=3");
    assert_eq!(link.preset, "conservative");
    let mut expected = (preset("conservative").unwrap().scenario)();
    expected.set("hardware.halving_years", 3.0).unwrap();
    assert_eq!(link.scenario, expected);
    assert_eq!(link.notes.len(), 1, "{:?}", link.notes);
    assert!(link.notes[0].contains("`preset` is given more than once"));
    // An unknown last preset leaves the last known one, and says so.
    let link = read_link("preset=aggressive&preset=nope");
    assert_eq!(
        link.preset, "best-guess",
        "the last preset= is the one read"
    );
    assert!(link
        .notes
        .iter()
        .any(|n| n.contains("unknown preset `nope`")));
    assert_eq!(read_link("").preset, "best-guess");
}

#[test]
fn analytics_tags_are_not_a_share_link_and_get_no_note() {
    for q in [
        "fbclid=IwAR0abc",
        "?utm_source=substack&utm_medium=email",
        "gclid=x&mc_cid=1&mc_eid=2",
        "",
        "?",
        "&&",
        "bogus=1",
    ] {
        assert!(!is_share_query(q), "{q}");
    }
    for q in [
        "v=1",
        "preset=aggressive",
        "given=2030",
        "hardware.halving_years=2",
        "hardware%2Ehalving_years=2",
        "fbclid=1&preset=best-guess",
    ] {
        assert!(is_share_query(q), "{q}");
    }
    let link = read_link("v=2&preset=aggressive&utm_source=x&fbclid=y&fbclid=z&_hsenc=p");
    assert!(link.notes.is_empty(), "{:?}", link.notes);
    assert_eq!(link.scenario, (preset("aggressive").unwrap().scenario)());
    // A key that is neither ours nor a known tag is still noted.
    assert_eq!(read_link("v=2&bogus=1").notes.len(), 1);
}

#[test]
fn notes_escape_bidirectional_and_invisible_characters() {
    // U+202E (right-to-left override) and U+2066–2069 (isolates) can make a note read
    // backwards ("Trojan Source", CVE-2021-42574); U+200B hides text.
    let key = "a\u{202e}b\u{2066}c\u{2067}d\u{2068}e\u{2069}f\u{200b}g\u{feff}";
    let link = read_link(&format!("{key}=1"));
    assert_eq!(link.notes.len(), 1);
    let note = &link.notes[0];
    for c in [
        '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200b}', '\u{feff}',
    ] {
        assert!(!note.contains(c), "{c:?} in {note:?}");
    }
    assert!(note.contains("a\\u{202e}b\\u{2066}c"), "{note}");
    // Percent-encoded, the same.
    let link = read_link("x%E2%80%AEy=1");
    assert!(link.notes[0].contains("x\\u{202e}y"), "{:?}", link.notes);
}

#[test]
fn the_page_splits_its_own_flags_off_the_link() {
    let page = split_page_query("?embed=card&v=1&preset=aggressive&bench&given=2030");
    assert_eq!(page.embed.as_deref(), Some("card"));
    assert!(page.bench);
    assert_eq!(page.link, "v=1&preset=aggressive&given=2030");
    let page = split_page_query("?bench=1&embed");
    assert_eq!((page.embed.as_deref(), page.bench), (Some(""), true));
    assert_eq!(page.link, "");
    assert_eq!(split_page_query(""), PageQuery::default());
    // The last `embed` wins, like every other key.
    assert_eq!(
        split_page_query("?embed=chart&embed=card").embed.as_deref(),
        Some("card")
    );
}
