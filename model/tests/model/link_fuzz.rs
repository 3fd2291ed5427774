//! Share links against hostile and broken input: a seeded generator feeds the decoder 100,000+
//! inputs (random bytes, random ASCII, mutated valid links, huge and non-finite numbers, very
//! long strings, repeated keys, percent-encoding, text dense in `&`, `=`, `%` and `+`) and
//! checks that it never panics, that every parameter it returns is finite and inside its
//! [min, max], that its notes stay bounded, that its cost stays linear in the input's length,
//! that what it read encodes to a link that reads back the same with no note (decode → encode →
//! decode), and that the page's own query splitting hands it the same link. Then exact round
//! trips for every preset and for random in-range scenarios.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use bioanchors_model::link::{
    follow_renames, given_from_query, query_from_scenario, read_link, scenario_from_query,
    share_query, split_page_query, KEY_RENAMES, MAX_NOTES, MAX_QUERY_CHARS,
};
use bioanchors_model::{param_spec, param_specs, presets, Anchor, Scenario};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::fixtures::{assert_round_trip, random_scenario};

/// Longest note allowed: a fixed sentence plus a key and a quoted value (each cut to 40 chars).
const MAX_NOTE_CHARS: usize = 300;

/// The one parameter whose read is costly in an unoptimized test build (a skew-normal quantile
/// by Newton's method, ~0.5 ms): its range check is remembered per distinct distribution.
const COSTLY_KEY: &str = "components.lifetime.adjustment.median";

struct Checker {
    /// Every preset's scenario, each checked in full before the run.
    presets: Vec<Scenario>,
    costly_seen: HashSet<String>,
    /// What one valid link costs to decode on this machine, per byte (the time bound's unit).
    seconds_per_byte: f64,
    /// Inputs whose first decode was slower than the bound and that were timed again.
    retimed: usize,
}

/// How many times the calibrated per-byte cost an input may take, plus a fixed allowance
/// (`TIME_FLOOR`) for short inputs. Generous: it is there to catch a decoder whose cost grows
/// faster than the input (a hang on a crafted link), not to measure speed, and it is relative
/// to this machine's own speed, measured at the start of the run.
const TIME_FACTOR: f64 = 50.0;
const TIME_FLOOR: Duration = Duration::from_millis(20);

impl Checker {
    fn new(valid_links: &[String]) -> Checker {
        // Calibrate on the valid links: the fastest of three passes, per byte.
        let bytes: usize = valid_links.iter().map(String::len).sum();
        let best = (0..3)
            .map(|_| {
                let start = Instant::now();
                for l in valid_links {
                    std::hint::black_box(read_link(l));
                }
                start.elapsed()
            })
            .min()
            .expect("three passes");
        let mut checker = Checker {
            presets: Vec::new(),
            costly_seen: HashSet::new(),
            seconds_per_byte: best.as_secs_f64() / bytes.max(1) as f64,
            retimed: 0,
        };
        for p in presets() {
            checker.check(&format!("preset={}", p.id), true);
            checker.presets.push((p.scenario)());
        }
        checker
    }

    /// Decodes `input` within the time bound (timed again up to twice before failing, so that
    /// a descheduled thread is not taken for a slow decoder).
    fn timed_read(&mut self, input: &str) -> bioanchors_model::link::Link {
        let bound = TIME_FLOOR
            + Duration::from_secs_f64(TIME_FACTOR * self.seconds_per_byte * input.len() as f64);
        let mut best = Duration::MAX;
        for attempt in 0..3 {
            let start = Instant::now();
            let link = read_link(input);
            best = best.min(start.elapsed());
            if best <= bound {
                return link;
            }
            self.retimed += (attempt == 0) as usize;
        }
        panic!(
            "decoding {} bytes took {best:?}, over the linear bound {bound:?}: {:?}",
            input.len(),
            input.chars().take(200).collect::<String>()
        );
    }

    /// `round_trip`: also encode what was read and decode it again (costs ~10 decodes).
    fn check(&mut self, input: &str, round_trip: bool) {
        let link = self.timed_read(input);
        let (scenario, notes) = (&link.scenario, &link.notes);
        assert!(notes.len() <= MAX_NOTES + 1, "{} notes", notes.len());
        for n in notes {
            assert!(n.chars().count() <= MAX_NOTE_CHARS, "note too long: {n}");
            assert!(
                !n.chars().any(bioanchors_model::link::is_format_char),
                "a format character reached a note: {n:?}"
            );
        }
        match given_from_query(input, scenario) {
            Ok(Some(year)) => {
                assert!((2025..=scenario.last_year()).contains(&year));
                assert_eq!(link.given, Some(year));
            }
            Ok(None) => assert_eq!(link.given, None),
            Err(n) => {
                assert!(n.chars().count() <= MAX_NOTE_CHARS, "note too long: {n}");
                assert_eq!(link.given, None);
            }
        }
        assert_eq!(
            bioanchors_model::preset(link.preset).map(|p| p.id),
            Some(link.preset),
            "the link's preset is a preset"
        );
        check_page_split(input);
        if round_trip {
            // What the page writes back for what it read reads back the same, silently.
            let q = share_query(scenario, link.preset, link.given);
            let again = read_link(&q);
            assert!(again.notes.is_empty(), "{:?} for {q}", again.notes);
            assert_eq!(
                (again.preset, again.given),
                (link.preset, link.given),
                "{q}"
            );
            assert_round_trip(&again.scenario, scenario, &q);
        }
        // Reading ~100 parameters costs ~150 µs in an unoptimized build, too much for every
        // input. Every preset was checked in full up front, so a key is read only when the part
        // of the scenario it lives in differs from that part in every preset.
        let part_is_known = |key: &str| -> bool {
            let p = &self.presets;
            if let Some(rest) = key.strip_prefix("anchor.") {
                let anchor = Anchor::from_key(rest.split('.').next().unwrap()).unwrap();
                let mine = scenario.anchors.get(anchor);
                return p.iter().any(|q| q.anchors.get(anchor) == mine);
            }
            let prefix = key.split('.').next().unwrap();
            match prefix {
                "weights" => p.iter().any(|q| q.beyond_weight == scenario.beyond_weight),
                "requirements" => p.iter().any(|q| q.requirements == scenario.requirements),
                "components" => p.iter().any(|q| q.components == scenario.components),
                "algo" => p
                    .iter()
                    .any(|q| q.algorithmic_progress == scenario.algorithmic_progress),
                "hardware" => p.iter().any(|q| q.hardware == scenario.hardware),
                "spend" => p.iter().any(|q| q.spending == scenario.spending),
                "uncertainty" => p.iter().any(|q| q.uncertainty == scenario.uncertainty),
                "forecast" => p.iter().any(|q| q.end_year == scenario.end_year),
                _ => panic!("a registry key outside every known part: {key}"),
            }
        };
        for spec in param_specs() {
            if part_is_known(spec.key) {
                continue;
            }
            if spec.key == COSTLY_KEY {
                let id = format!("{:?}", scenario.components.lifetime_adjustment_oom);
                if !self.costly_seen.insert(id) {
                    continue;
                }
            }
            let v = scenario.get(spec.key).expect("every registry key reads");
            assert!(
                v.is_finite() && v >= spec.min && v <= spec.max,
                "{} = {v} outside [{}, {}] for input {:?}",
                spec.key,
                spec.min,
                spec.max,
                input.chars().take(200).collect::<String>()
            );
        }
    }
}

/// The page's own splitting of its address (`?embed=…&bench&<link>`) hands the decoder a link
/// that reads exactly as the input does, and finds the flags wherever they are.
fn check_page_split(input: &str) {
    // `location.search` is what the page splits: one leading `?`, no fragment.
    if input.contains(['?', '#']) {
        let _ = split_page_query(input);
        return;
    }
    let plain = split_page_query(&format!("?{input}"));
    let has_flag = input.split('&').any(|p| {
        let k = p.split_once('=').map_or(p, |(k, _)| k);
        matches!(k, "embed" | "bench") || k.contains('%')
    });
    let flagged = split_page_query(&format!("?embed=card&{input}&bench"));
    assert!(flagged.bench);
    assert_eq!(flagged.link, plain.link, "the flags come out, nothing else");
    if !has_flag {
        assert_eq!((plain.embed.as_deref(), plain.bench), (None, false));
        assert_eq!(plain.link, input, "the link is the query itself");
        assert_eq!(flagged.embed.as_deref(), Some("card"));
    }
}

const WEIRD_VALUES: &[&str] = &[
    "1e308",
    "-1e308",
    "1e999",
    "-1e999",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "+inf",
    "infinity",
    "1e-400",
    "-0",
    "0x10",
    "1_000",
    "",
    " ",
    "  3  ",
    "+5",
    "--5",
    "1e",
    "e5",
    ".",
    "..1",
    "5.",
    "%31%32",
    "%",
    "%%",
    "%zz",
    "%FF%FE",
    "%00",
    "%C3%A9",
    "1,5",
    "١٢",
    "4e17",
    "2.5",
    "true",
    "<script>alert(1)</script>",
    "\u{0}",
    "😀",
    "1.7976931348623157e308",
    "4.9e-324",
    "99999999999999999999999999999999999999",
];

fn random_key(rng: &mut ChaCha8Rng) -> String {
    let specs = param_specs();
    match rng.random_range(0..10) {
        0 => "preset".into(),
        1 => "v".into(),
        2 => [
            "bogus",
            "",
            "anchor.",
            "anchor.nope.weight",
            "components.",
            "hardware",
            "given",
        ][rng.random_range(0..7)]
        .into(),
        3 => specs[rng.random_range(0..specs.len())]
            .key
            .replace('.', "%2E"),
        _ => specs[rng.random_range(0..specs.len())].key.into(),
    }
}

fn random_value(rng: &mut ChaCha8Rng) -> String {
    match rng.random_range(0..6) {
        0 => WEIRD_VALUES[rng.random_range(0..WEIRD_VALUES.len())].into(),
        1 => format!("{:e}", f64::from_bits(rng.random())),
        2 => format!("{}", rng.random_range(-1e6..1e6)),
        3 => "9".repeat(rng.random_range(1..600)),
        4 => presets()[rng.random_range(0..presets().len())].id.into(),
        _ => format!("{}", rng.random::<f64>()),
    }
}

/// Applies a few byte-level edits to a valid link.
fn mutate(rng: &mut ChaCha8Rng, link: &str) -> String {
    const ALPHABET: &[u8] = b"&=%?#+.-eE0123456789abcdefXYZ \x00\xff";
    let mut bytes = link.as_bytes().to_vec();
    for _ in 0..rng.random_range(1..6) {
        let len = bytes.len();
        match rng.random_range(0..5) {
            0 if len > 0 => {
                bytes.remove(rng.random_range(0..len));
            }
            1 => bytes.insert(
                rng.random_range(0..=len),
                ALPHABET[rng.random_range(0..ALPHABET.len())],
            ),
            2 if len > 0 => {
                let i = rng.random_range(0..len);
                bytes[i] = rng.random();
            }
            3 if len > 2 => {
                // Duplicate a slice: repeats keys and values.
                let a = rng.random_range(0..len);
                let b = rng.random_range(a..len.min(a + 60));
                let chunk = bytes[a..=b].to_vec();
                let at = rng.random_range(0..=len);
                bytes.splice(at..at, chunk);
            }
            _ => {
                let pair = format!("&{}={}", random_key(rng), random_value(rng));
                let at = rng.random_range(0..=len);
                bytes.splice(at..at, pair.into_bytes());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn generate(rng: &mut ChaCha8Rng, case: usize, valid_links: &[String]) -> String {
    // One very long input in 500 keeps the run fast while still crossing MAX_QUERY_CHARS often.
    if case.is_multiple_of(500) {
        let unit = format!("{}={}&", random_key(rng), random_value(rng));
        return unit.repeat(rng.random_range(1..4 * MAX_QUERY_CHARS / unit.len().max(1)));
    }
    match rng.random_range(0..7) {
        6 => {
            // Dense in the characters the decoder splits and unescapes on, now and then much
            // longer than the cap.
            const DENSE: &[u8] = b"&&&===%%%+++?#.-e0123456789aAfF";
            let len = if rng.random_bool(0.02) {
                rng.random_range(MAX_QUERY_CHARS..3 * MAX_QUERY_CHARS)
            } else {
                rng.random_range(0..400)
            };
            (0..len)
                .map(|_| DENSE[rng.random_range(0..DENSE.len())] as char)
                .collect()
        }
        0 => {
            let bytes: Vec<u8> = (0..rng.random_range(0..300))
                .map(|_| rng.random())
                .collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        1 => (0..rng.random_range(0..300))
            .map(|_| rng.random_range(0x20u8..0x7f) as char)
            .collect(),
        2 | 3 => {
            let link = &valid_links[rng.random_range(0..valid_links.len())];
            mutate(rng, link)
        }
        4 => {
            // Repeated keys with conflicting values.
            let key = random_key(rng);
            (0..rng.random_range(2..40))
                .map(|_| format!("{key}={}", random_value(rng)))
                .collect::<Vec<_>>()
                .join("&")
        }
        _ => (0..rng.random_range(0..12))
            .map(|_| format!("{}={}", random_key(rng), random_value(rng)))
            .collect::<Vec<_>>()
            .join("&"),
    }
}

/// Feeds the decoder `cases` generated inputs from `seed`. Four runs of 25,000 (100,000 in
/// all) with different seeds, as separate tests so the harness spreads them over the cores:
/// in an unoptimized test build one input costs ~100 µs of CPU.
fn fuzz(seed: u64, cases: usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start = Instant::now();
    // Valid links to mutate, made once (encoding costs more than decoding). ~8 changed
    // parameters each, like a link someone shares; 300 of them name every key many times.
    let valid_links: Vec<String> = (0..300)
        .map(|_| {
            let (s, preset_id) = random_scenario(&mut rng, 0.08);
            query_from_scenario(&s, preset_id)
        })
        .collect();
    let mut checker = Checker::new(&valid_links);
    let mut long_inputs = 0;
    for case in 0..cases {
        let input = generate(&mut rng, case, &valid_links);
        long_inputs += (input.len() > MAX_QUERY_CHARS) as usize;
        // Encoding costs ~10 decodes: every fourth input goes round the whole loop.
        checker.check(&input, case % 4 == 0);
    }
    eprintln!(
        "seed {seed}: {cases} inputs ({long_inputs} longer than {MAX_QUERY_CHARS} bytes) in \
         {:.2?}; {} timed again; {:.1} ns per byte for a valid link",
        start.elapsed(),
        checker.retimed,
        checker.seconds_per_byte * 1e9
    );
    assert!(long_inputs >= 10, "the generator must exercise the cap");
}

#[test]
fn decoder_survives_generated_inputs_seed_1() {
    fuzz(0xb10_a4c0_0001, 25_000);
}

#[test]
fn decoder_survives_generated_inputs_seed_2() {
    fuzz(0xb10_a4c0_0002, 25_000);
}

#[test]
fn decoder_survives_generated_inputs_seed_3() {
    fuzz(0xb10_a4c0_0003, 25_000);
}

#[test]
fn decoder_survives_generated_inputs_seed_4() {
    fuzz(0xb10_a4c0_0004, 25_000);
}

#[test]
fn presets_round_trip_through_links_exactly() {
    for p in presets() {
        let s = (p.scenario)();
        for base in presets() {
            // Any preset's scenario, written relative to any base, comes back bit for bit.
            let q = query_from_scenario(&s, base.id);
            let (back, notes) = scenario_from_query(&q);
            assert!(notes.is_empty(), "{} over {}: {notes:?}", p.id, base.id);
            assert_eq!(back, s, "{} written over {}: {q}", p.id, base.id);
        }
        assert_eq!(
            query_from_scenario(&s, p.id),
            format!("v=2&preset={}", p.id),
            "a preset's own link carries no parameters"
        );
    }
}

#[test]
fn random_in_range_scenarios_round_trip() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..1000 {
        let (s, preset_id) = random_scenario(&mut rng, 0.3);
        let q = query_from_scenario(&s, preset_id);
        let (back, notes) = scenario_from_query(&q);
        assert!(notes.is_empty(), "{notes:?} for {q}");
        assert_round_trip(&back, &s, &q);
    }
}

#[test]
fn links_carry_only_numbers_a_preset_id_and_the_version() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for _ in 0..500 {
        let (s, preset_id) = random_scenario(&mut rng, 0.3);
        let q = query_from_scenario(&s, preset_id);
        for (i, pair) in q.split('&').enumerate() {
            let (k, v) = pair.split_once('=').expect("key=value");
            match i {
                0 => assert_eq!(pair, "v=2"),
                1 => assert_eq!((k, v), ("preset", preset_id)),
                _ => {
                    assert!(param_spec(k).is_some(), "{k} is a registry key");
                    let x: f64 = v.parse().expect("a number");
                    assert!(x.is_finite());
                    assert!(
                        v.bytes().all(|b| b"0123456789.-e".contains(&b)),
                        "{v} needs no escaping"
                    );
                }
            }
        }
    }
}

#[test]
fn a_link_longer_than_the_cap_opens_with_what_fits() {
    let head = "v=1&preset=aggressive&hardware.halving_years=3.25&";
    // Distinct unknown keys: one note each, far more than MAX_NOTES.
    let filler: String = (0..MAX_QUERY_CHARS / 4)
        .map(|i| format!("x{i}=1&"))
        .collect();
    let tail = "spend.doubling_years=7";
    let (s, notes) = scenario_from_query(&format!("{head}{filler}{tail}"));
    assert_eq!(
        s.hardware.halving_years, 3.25,
        "the start of the link is read"
    );
    assert_eq!(
        s.spending.doubling_years, 1.0,
        "past the cap: aggressive's value"
    );
    assert!(
        notes[0].contains("only the first 16384 were read"),
        "{notes:?}"
    );
    assert_eq!(notes.len(), MAX_NOTES + 1);
    assert!(notes.last().unwrap().contains("more problems"), "{notes:?}");
    // Cutting inside a multi-byte character must not panic.
    let (_, notes) = scenario_from_query(&format!("a={}", "é".repeat(MAX_QUERY_CHARS)));
    assert!(notes[0].contains("were read"), "{notes:?}");
}

#[test]
fn repeated_keys_take_the_last_value_and_say_so() {
    let (s, notes) = scenario_from_query(
        "hardware.halving_years=3&hardware.halving_years=4&hardware%2Ehalving_years=5",
    );
    assert_eq!(s.hardware.halving_years, 5.0);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("`hardware.halving_years` is given more than once"));
    let (s, notes) = scenario_from_query("preset=aggressive&preset=conservative");
    assert_eq!(s, (presets()[1].scenario)(), "conservative");
    assert_eq!(notes.len(), 1, "{notes:?}");
}

#[test]
fn notes_quote_at_most_a_short_escaped_piece_of_the_input() {
    let long_key = "k".repeat(5000);
    let (_, notes) = scenario_from_query(&format!("{long_key}=1&bad%0Akey=2"));
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].len() < 120, "{}", notes[0]);
    assert!(notes[0].contains('…'));
    assert!(
        notes[1].contains("bad\\nkey"),
        "control characters escaped: {}",
        notes[1]
    );
}

#[test]
fn out_of_range_and_non_finite_values_are_clamped_or_dropped() {
    let (s, notes) =
        scenario_from_query("spend.doubling_years=1e308&hardware.halving_years=-1e308&end=1&anchor.genome.weight=1e999&forecast.end_year=2150.4");
    assert_eq!(s.spending.doubling_years, 10.0);
    assert_eq!(s.hardware.halving_years, 0.5);
    assert_eq!(
        s.anchors.genome.weight, 10.0,
        "1e999 is infinite: default kept"
    );
    assert_eq!(s.end_year, 2150.0, "integer parameter rounded");
    assert_eq!(notes.len(), 4, "{notes:?}");
}

#[test]
fn renames_follow_chains_and_stop_on_cycles() {
    let table = [
        ("a.old", "a.mid"),
        ("a.mid", "a.new"),
        ("x", "y"),
        ("y", "x"),
    ];
    assert_eq!(follow_renames(&table, "a.old"), "a.new");
    assert_eq!(follow_renames(&table, "a.new"), "a.new");
    assert_eq!(follow_renames(&table, "other"), "other");
    let end = follow_renames(&table, "x");
    assert!(end == "x" || end == "y", "a cycle ends, wherever it stops");
}

#[test]
fn the_shared_rename_table_points_at_registry_keys() {
    for (old, _) in KEY_RENAMES {
        assert!(
            param_spec(old).is_none(),
            "{old} was renamed but is still a key"
        );
        let now = follow_renames(KEY_RENAMES, old);
        assert!(
            param_spec(now).is_some(),
            "{old} renames to {now}, not a key"
        );
    }
}
