//! The insight features: tornado sensitivity, the one-parameter solver, conditioning on the
//! present, and their CLI subcommands. Every number is checked against an independent run of
//! `Engine::forecast` or worked out by hand.

use std::process::Command;

use bioanchors::model::condition::{condition_forecast, condition_on_no_tai_by};
use bioanchors::model::sensitivity::{tornado, Metric, TornadoBar};
use bioanchors::model::solve::{solve, Closest, SolveResult, Target};
use bioanchors::model::{format, Anchor, Engine, Forecast, Scenario};

/// The best guess with all four trajectory uncertainties on (the benchmark's scenario).
fn uncertain() -> Scenario {
    let mut s = Scenario::default();
    s.set("uncertainty.algo_halving_factor", 2.0).unwrap();
    s.set("uncertainty.algo_cap_oom", 1.0).unwrap();
    s.set("uncertainty.hardware_halving_factor", 1.5).unwrap();
    s.set("uncertainty.spend_doubling_factor", 1.5).unwrap();
    s
}

fn median(f: &Forecast) -> Option<f64> {
    f.quantile_years
        .iter()
        .find(|(q, _)| *q == 0.5)
        .and_then(|(_, y)| *y)
}

fn p_by(f: &Forecast, year: i32) -> f64 {
    f.p_by_year[f.years.iter().position(|&y| y == year).unwrap()]
}

fn with(s: &Scenario, key: &str, value: f64) -> Scenario {
    let mut m = s.clone();
    m.set(key, value).unwrap();
    m
}

fn bar<'a>(bars: &'a [TornadoBar], key: &str) -> &'a TornadoBar {
    bars.iter()
        .find(|b| b.key == key)
        .unwrap_or_else(|| panic!("no bar for {key}"))
}

/// Keys spread over the three kinds of parameter: trajectory, weight, requirement distribution
/// (re-prepared by the engine) and trajectory uncertainty (changes the quadrature).
const CHECKED_KEYS: [&str; 5] = [
    "hardware.halving_years",
    "spend.dollars_2025",
    "anchor.nn_medium.weight",
    "requirements.shift_oom",
    "uncertainty.algo_halving_factor",
];

#[test]
fn tornado_bars_equal_independent_forecasts_at_both_ends() {
    let s = uncertain();
    let base = Engine::new().forecast(&s);
    for metric in [Metric::PBy(2036), Metric::MedianYear] {
        let bars = tornado(&mut Engine::new(), &s, metric);
        // A median after 2100 is reported as 2100 and flagged.
        let read = |f: &Forecast| match metric {
            Metric::PBy(y) => (p_by(f, y), false),
            Metric::MedianYear => median(f).map_or((2100.0, true), |m| (m, false)),
        };
        for key in CHECKED_KEYS {
            let b = bar(&bars, key);
            let at_low = Engine::new().forecast(&with(&s, key, b.low_value));
            let at_high = Engine::new().forecast(&with(&s, key, b.high_value));
            // A shorter horizon computes the same years the same way: equal to the last bits.
            let low = (b.metric_at_low, b.low_beyond_end);
            let high = (b.metric_at_high, b.high_beyond_end);
            assert_eq!(low, read(&at_low), "{key} low, {metric:?}");
            assert_eq!(high, read(&at_high), "{key} high, {metric:?}");
            assert_eq!((b.base, b.base_beyond_end), read(&base));
        }
        // The ends are the registry's plausible range.
        let hw = bar(&bars, "hardware.halving_years");
        assert_eq!((hw.low_value, hw.high_value), (1.5, 3.5));
        // Widest swing first.
        assert!(bars.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    }
}

#[test]
fn tornado_directions_and_membership_make_sense() {
    let s = uncertain();
    let bars = tornado(&mut Engine::new(), &s, Metric::PBy(2036));
    // Faster hardware progress and bigger budgets bring TAI earlier; bigger requirements later.
    let hw = bar(&bars, "hardware.halving_years");
    assert!(hw.metric_at_low > hw.base && hw.base > hw.metric_at_high);
    let shift = bar(&bars, "requirements.shift_oom");
    assert!(shift.metric_at_low > shift.base && shift.base > shift.metric_at_high);
    // ±5 OOM on every requirement moves P(2036) by tens of points: it must rank near the top.
    assert!(shift.swing() > 0.2, "swing {}", shift.swing());
    assert!(bars.iter().position(|b| b.key == shift.key).unwrap() < 3);
    // Toggles, the display horizon, and inert parameters (components nobody uses, fixed
    // progress rates whose override is off) are not bars.
    for absent in [
        "anchor.genome.use_components",
        "forecast.end_year",
        "components.brain_flops.median",
        "anchor.lifetime.algo_halving_years",
    ] {
        assert!(bars.iter().all(|b| b.key != absent), "{absent} is a bar");
    }
    // The weights' plausible range is half to double the best guess: 30 → 15..60 for medium.
    let w = bar(&bars, "anchor.nn_medium.weight");
    assert_eq!((w.low_value, w.high_value), (15.0, 60.0));
}

#[test]
fn tornado_flags_a_median_after_the_end() {
    // Requirements 5 OOM higher and a cap of 4 OOM for large requirements: the median moves
    // past 2100 (P by 2100 stays below 50%).
    let s = with(
        &with(&Scenario::default(), "algo.cap_oom_large", 4.0),
        "requirements.shift_oom",
        5.0,
    );
    let f = Engine::new().forecast(&s);
    assert!(median(&f).is_none() && p_by(&f, 2100) < 0.5);
    let bars = tornado(&mut Engine::new(), &s, Metric::MedianYear);
    let shift = bar(&bars, "requirements.shift_oom");
    assert!(shift.base_beyond_end);
    assert_eq!(shift.base, 2100.0);
    // At −5 the median is back inside the horizon, at +5 (the scenario itself) it is not.
    assert!(!shift.low_beyond_end && shift.metric_at_low < 2100.0);
    assert!(shift.high_beyond_end && shift.metric_at_high == 2100.0);
    let low = Engine::new().forecast(&with(&s, "requirements.shift_oom", -5.0));
    assert_eq!(Some(shift.metric_at_low), median(&low));
}

#[test]
fn solver_reaches_a_median_target_and_the_answer_holds() {
    let s = Scenario::default();
    let result = solve(
        &mut Engine::new(),
        &s,
        "hardware.halving_years",
        Target::MedianYear(2045.0),
    )
    .unwrap();
    let SolveResult::Reached { value, metric } = result else {
        panic!("expected reached, got {result:?}");
    };
    // The best guess's median is ~2052; an earlier median needs faster hardware progress.
    assert!(value < 2.5, "halving {value}");
    let check = Engine::new().forecast(&with(&s, "hardware.halving_years", value));
    let m = median(&check).unwrap();
    assert!((m - 2045.0).abs() <= 0.1, "median {m}");
    assert_eq!(metric, m);
}

#[test]
fn solver_reaches_a_probability_on_a_log_scale_parameter() {
    let s = uncertain();
    let target = Target::PBy {
        year: 2030,
        p: 0.15,
    };
    let result = solve(&mut Engine::new(), &s, "spend.dollars_2025", target).unwrap();
    let SolveResult::Reached { value, .. } = result else {
        panic!("expected reached, got {result:?}");
    };
    assert!(value > 1e9, "spend {value:e}");
    let check = Engine::new().forecast(&with(&s, "spend.dollars_2025", value));
    let p = p_by(&check, 2030);
    assert!((p - 0.15).abs() <= 0.001, "P(2030) {p}");
}

#[test]
fn solver_reports_an_unreachable_target_and_the_closest_end() {
    // "Beyond all anchors" holds 10% of the mass, so no FLOP/$ reaches 95% by 2030: cheapest
    // compute comes closest, at the top of the range.
    let s = Scenario::default();
    let target = Target::PBy {
        year: 2030,
        p: 0.95,
    };
    let result = solve(
        &mut Engine::new(),
        &s,
        "hardware.flop_per_dollar_2025",
        target,
    )
    .unwrap();
    let SolveResult::Unreachable {
        best_value,
        best_metric,
        closest,
        ..
    } = result
    else {
        panic!("expected unreachable, got {result:?}");
    };
    assert_eq!(closest, Closest::Max);
    assert_eq!(best_value, 1e20);
    let check = Engine::new().forecast(&with(&s, "hardware.flop_per_dollar_2025", 1e20));
    assert_eq!(best_metric, p_by(&check, 2030));
    assert!(best_metric < 0.9);

    // A median in 2026 is out of reach by pushing the halving time down: the low end is closest.
    let result = solve(
        &mut Engine::new(),
        &s,
        "hardware.halving_years",
        Target::MedianYear(2026.0),
    )
    .unwrap();
    assert!(
        matches!(
            result,
            SolveResult::Unreachable {
                closest: Closest::Min,
                best_value,
                ..
            } if best_value == 0.5
        ),
        "{result:?}"
    );
}

#[test]
fn solver_rejects_toggles_and_unknown_keys() {
    let s = Scenario::default();
    let t = Target::MedianYear(2040.0);
    assert!(solve(&mut Engine::new(), &s, "anchor.genome.use_components", t).is_err());
    assert!(solve(&mut Engine::new(), &s, "no.such.key", t).is_err());
    let bad_p = Target::PBy { year: 2030, p: 1.5 };
    assert!(solve(&mut Engine::new(), &s, "hardware.halving_years", bad_p).is_err());
}

/// A six-year forecast (2025–2030) whose curve is replaced by hand-picked numbers, all of it
/// from the lifetime anchor.
fn hand_forecast() -> Forecast {
    let s = Scenario {
        end_year: 2030.0,
        ..Scenario::default()
    };
    let mut f = Engine::new().forecast(&s);
    assert_eq!(f.years, vec![2025, 2026, 2027, 2028, 2029, 2030]);
    f.p_by_year = vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    for a in Anchor::ALL {
        *f.p_by_year_per_anchor.get_mut(a) = vec![0.0; 6];
    }
    // Split 2:1 between two anchors, so the per-anchor renormalization is checked too.
    *f.p_by_year_per_anchor.get_mut(Anchor::Lifetime) =
        f.p_by_year.iter().map(|p| p * 2.0 / 3.0).collect();
    *f.p_by_year_per_anchor.get_mut(Anchor::NnShort) =
        f.p_by_year.iter().map(|p| p / 3.0).collect();
    f
}

#[test]
fn conditioning_renormalizes_by_hand() {
    let f = hand_forecast();
    // Given none by 2027 (P = 0.3): (P(Y) − 0.3) / 0.7.
    let c = condition_on_no_tai_by(&f, 2027).unwrap();
    let expected = [0.0, 0.0, 0.0, 0.1 / 0.7, 0.2 / 0.7, 0.3 / 0.7];
    for (got, want) in c.iter().zip(expected) {
        assert!((got - want).abs() < 1e-15, "{c:?}");
    }
    let cf = condition_forecast(&f, 2027).unwrap();
    assert_eq!(cf.p_by_year, c);
    // 1/7 in 2028, 2/7 in 2029: 25% is crossed 3/4 of the way, at 2028.75; 50% never (3/7).
    let q = |q: f64| cf.quantile_years.iter().find(|x| x.0 == q).unwrap().1;
    assert!((q(0.25).unwrap() - 2028.75).abs() < 1e-12);
    assert_eq!(q(0.5), None);
    assert_eq!(cf.milestones, vec![(2030, c[5])]);
    // Per anchor: the same 2:1 split of the renormalized arrivals, summing to the total.
    let life = cf.p_by_year_per_anchor.get(Anchor::Lifetime);
    let short = cf.p_by_year_per_anchor.get(Anchor::NnShort);
    assert!((life[5] - 0.2 / 0.7).abs() < 1e-15 && (short[5] - 0.1 / 0.7).abs() < 1e-15);
    assert!((cf.p_per_year[4] - 0.1 / 0.7).abs() < 1e-15);
    // Outside the horizon there is nothing to condition on; before it, nothing changes.
    assert!(condition_on_no_tai_by(&f, 2031).is_none());
    assert_eq!(condition_on_no_tai_by(&f, 2024).unwrap(), f.p_by_year);
}

#[test]
fn conditioning_the_best_guess_on_2025() {
    let f = Engine::new().forecast(&Scenario::default());
    let c = condition_on_no_tai_by(&f, 2025).unwrap();
    assert_eq!(c[0], 0.0);
    let (p25, p36) = (p_by(&f, 2025), p_by(&f, 2036));
    let want = (p36 - p25) / (1.0 - p25);
    assert!((c[11] - want).abs() < 1e-15);
    // The published curve: 2.62% by 2025 and 17.69% by 2036 → 15.47% given none by 2025.
    assert!((c[11] - 0.1547).abs() < 0.002, "{}", c[11]);
    // Knowing TAI is not here yet never brings it earlier.
    assert!(c.iter().zip(&f.p_by_year).all(|(c, p)| c <= p));
}

fn cli(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_bioanchors"))
        .args(args)
        .output()
        .expect("run the CLI");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn cli_sensitivity_solve_and_conditioned_forecast() {
    let best = Engine::new().forecast(&Scenario::default());
    let (out, err, code) = cli(&["sensitivity", "--metric", "p2036"]);
    assert_eq!(code, 0, "{err}");
    let header = format!("P(TAI by 2036): {} ", format::percent(p_by(&best, 2036)));
    assert!(out.starts_with(&header), "{out}");
    // The first row is the widest bar: the global requirements shift.
    let first_row = out.lines().nth(2).unwrap();
    assert!(first_row.starts_with("requirements.shift_oom"), "{out}");

    let (out, err, code) = cli(&[
        "solve",
        "--param",
        "hardware.halving_years",
        "--median-year",
        "2045",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("hardware.halving_years = ") && out.contains("median arrival year 2045.0"),
        "{out}"
    );

    let (out, _, code) = cli(&[
        "solve",
        "--param",
        "hardware.flop_per_dollar_2025",
        "--p-by",
        "2030:0.95",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("unreachable: "), "{out}");
    assert!(out.contains("high end"), "{out}");

    let (_, err, code) = cli(&["solve", "--param", "hardware.halving_years"]);
    assert_eq!(code, 2, "a target is required: {err}");

    let (out, err, code) = cli(&["forecast", "--given-no-tai-by", "2025"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Conditioned: given no TAI by 2025"),
        "{out}"
    );
    let given = condition_on_no_tai_by(&best, 2025).unwrap();
    let milestone = format!("2036 {}", format::percent(given[11]));
    assert!(out.contains(&milestone), "{milestone} in {out}");
    let (_, err, code) = cli(&["forecast", "--given-no-tai-by", "2200"]);
    assert_eq!(code, 1);
    assert!(err.contains("after the forecast's last year"), "{err}");
}
