//! The stored text of saved scenarios against anything another tab, another version, an
//! extension or a full disk may have left: a seeded generator feeds `saved::load` random bytes,
//! random JSON and mutated valid texts, and checks that it never panics, that its cost stays
//! linear in the text's length, that unreadable text comes back byte for byte, and that what it
//! reads is within bounds (at most `MAX_SAVED` entries, unique names, times `Date` can show,
//! every parameter in range) and saves to a text that loads back silently as the same state.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use bioanchors_model::saved::{
    load, save, LoadOutcome, SavedScenario, SavedState, MAX_SAVED, MAX_TIME_MS,
};
use bioanchors_model::{param_specs, presets, Scenario};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A stored text with `n` entries, some names repeated.
fn valid_text(rng: &mut ChaCha8Rng, n: usize) -> String {
    let mut state = SavedState::default();
    let mut s = Scenario::default();
    s.set("hardware.halving_years", rng.random_range(0.5..10.0))
        .unwrap();
    state.set_current(presets()[rng.random_range(0..presets().len())].id, &s);
    let entry = {
        let mut one = SavedState::default();
        one.save_as("x", "aggressive", &s, 1.7e12).unwrap().clone()
    };
    // Pushed, not saved: more than MAX_SAVED, as another tab or version may have written, and
    // with repeated names.
    for i in 0..n {
        state.saved.push(SavedScenario {
            name: format!("Plan {}", rng.random_range(0..(n / 2).max(1))),
            created: 1.7e12 + i as f64,
            ..entry.clone()
        });
    }
    state.revision = rng.random_range(0..1000);
    save(&state)
}

const JSON_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\"version\"",
    "\"saved\"",
    "\"current\"",
    "\"params\"",
    "\"name\"",
    "\"created\"",
    "\"updated\"",
    "\"preset\"",
    "\"revision\"",
    "1",
    "2",
    "-1",
    "1e16",
    "1e999",
    "null",
    "true",
    "\"aggressive\"",
    "\"hardware.halving_years\"",
    "\u{202e}",
    "\\u0000",
    "  ",
    "\"\\ud800\"",
];

fn mutate(rng: &mut ChaCha8Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..rng.random_range(1..8) {
        let len = bytes.len();
        match rng.random_range(0..4) {
            0 if len > 0 => {
                let a = rng.random_range(0..len);
                let b = rng.random_range(a..len.min(a + 40));
                bytes.drain(a..=b);
            }
            1 => {
                let piece = JSON_PIECES[rng.random_range(0..JSON_PIECES.len())];
                let at = rng.random_range(0..=len);
                bytes.splice(at..at, piece.bytes());
            }
            2 if len > 0 => {
                let i = rng.random_range(0..len);
                bytes[i] = rng.random();
            }
            _ if len > 2 => {
                let a = rng.random_range(0..len);
                let b = rng.random_range(a..len.min(a + 400));
                let chunk = bytes[a..=b].to_vec();
                let at = rng.random_range(0..=len);
                bytes.splice(at..at, chunk);
            }
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn generate(rng: &mut ChaCha8Rng, valid: &[String]) -> String {
    match rng.random_range(0..6) {
        5 => {
            // Another version's text: an older one (0 has no migration, 1 has), or a newer one.
            let text = &valid[rng.random_range(0..valid.len())];
            let version = [0u64, 1, 3, 1000, u64::MAX][rng.random_range(0..5)];
            text.replacen("\"version\":2", &format!("\"version\":{version}"), 1)
        }
        0 => (0..rng.random_range(0..400))
            .map(|_| JSON_PIECES[rng.random_range(0..JSON_PIECES.len())])
            .collect(),
        1 => {
            let bytes: Vec<u8> = (0..rng.random_range(0..400))
                .map(|_| rng.random())
                .collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        _ => {
            let text = &valid[rng.random_range(0..valid.len())];
            mutate(rng, text)
        }
    }
}

fn check_state(state: &SavedState, raw: &str) {
    assert!(
        state.saved.len() <= MAX_SAVED,
        "{} entries",
        state.saved.len()
    );
    let mut names = HashSet::new();
    for e in &state.saved {
        assert!(
            names.insert(e.name.as_str()),
            "two entries called {:?}",
            e.name
        );
        assert!(!e.name.trim().is_empty());
        for t in [e.created, e.updated] {
            assert!(t.is_finite() && t.abs() <= MAX_TIME_MS, "time {t}");
        }
    }
    // Reading every parameter of every entry is slow in a test build: the first entry only.
    for scenario in state
        .current
        .iter()
        .map(|c| &c.scenario)
        .chain(state.saved.first().map(|e| &e.scenario))
    {
        for spec in param_specs() {
            let v = scenario.get(spec.key).unwrap();
            assert!(v >= spec.min && v <= spec.max, "{} = {v}", spec.key);
        }
    }
    // What was read saves to a text that reads back as the same state, without a note.
    match load(Some(&save(state))) {
        LoadOutcome::Loaded(back, notes) => {
            assert!(notes.is_empty(), "{notes:?}");
            assert_eq!(back.names(), state.names());
            assert_eq!(back.revision, state.revision);
        }
        other => panic!("saving what {raw:?} gave could not be read back: {other:?}"),
    }
}

/// Generated texts per run: ~5 s of an unoptimized test build.
const TEXTS: usize = 2000;

#[test]
fn load_survives_generated_texts() {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5a7ed);
    let valid: Vec<String> = (0..40)
        .map(|i| valid_text(&mut rng, [0, 1, 3, 10, 250][i % 5]))
        .collect();
    // The time bound's unit: this machine's cost per byte of a valid text (fastest of three).
    let bytes: usize = valid.iter().map(String::len).sum();
    let per_byte = (0..3)
        .map(|_| {
            let start = Instant::now();
            valid.iter().for_each(|v| {
                std::hint::black_box(load(Some(v)));
            });
            start.elapsed()
        })
        .min()
        .unwrap()
        .as_secs_f64()
        / bytes as f64;
    let (mut loaded, mut unreadable, mut newer) = (0, 0, 0);
    let start = Instant::now();
    for _ in 0..TEXTS {
        let raw = generate(&mut rng, &valid);
        let bound =
            Duration::from_millis(20) + Duration::from_secs_f64(50.0 * per_byte * raw.len() as f64);
        let mut best = Duration::MAX;
        let mut outcome = None;
        for _ in 0..3 {
            let t = Instant::now();
            outcome = Some(load(Some(&raw)));
            best = best.min(t.elapsed());
            if best <= bound {
                break;
            }
        }
        assert!(
            best <= bound,
            "{} bytes took {best:?} (bound {bound:?})",
            raw.len()
        );
        match outcome.unwrap() {
            LoadOutcome::Empty => assert!(raw.trim().is_empty()),
            LoadOutcome::Loaded(state, _) => {
                loaded += 1;
                check_state(&state, &raw);
            }
            LoadOutcome::Unreadable { raw: kept, reason } => {
                unreadable += 1;
                assert_eq!(kept, raw, "unreadable text is handed back whole");
                assert!(!reason.is_empty());
            }
            LoadOutcome::Newer { version, .. } => {
                newer += 1;
                assert!(version > 2);
            }
        }
    }
    eprintln!(
        "{TEXTS} texts in {:.2?}: {loaded} loaded, {unreadable} unreadable, {newer} newer; \
         {:.0} ns per byte of a valid text",
        start.elapsed(),
        per_byte * 1e9
    );
    assert!(
        loaded >= 150 && unreadable >= 150 && newer >= 50,
        "the generator must reach every outcome"
    );
}

#[test]
fn a_huge_valid_text_loads_in_linear_time() {
    // 3,000 entries (~10 MB, twice what browsers give a site): MAX_SAVED are read.
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let small = valid_text(&mut rng, MAX_SAVED / 10);
    let huge = valid_text(&mut rng, 3000);
    let time = |text: &str| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(load(Some(text)));
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let (t_small, t_huge) = (time(&small), time(&huge));
    let ratio = huge.len() as f64 / small.len() as f64;
    assert!(
        t_huge.as_secs_f64() <= 5.0 * ratio * t_small.as_secs_f64() + 0.05,
        "{t_huge:?} for {} bytes vs {t_small:?} for {}",
        huge.len(),
        small.len()
    );
    let LoadOutcome::Loaded(state, notes) = load(Some(&huge)) else {
        panic!("a valid text loads");
    };
    assert_eq!(state.saved.len(), MAX_SAVED);
    assert!(notes[0].contains("more than the 200"), "{notes:?}");
}
