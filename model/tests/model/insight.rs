//! The insight features: tornado sensitivity, the one-parameter solver and conditioning on the
//! present. Every number is checked against an independent run of `Engine::forecast` or worked
//! out by hand.

use bioanchors_model::condition::{condition_forecast, condition_on_no_tai_by};
use bioanchors_model::scenario::MAX_END_YEAR;
use bioanchors_model::sensitivity::{tornado, Metric, TornadoBar};
use bioanchors_model::solve::{solve, Closest, SolveError, SolveResult, Target};
use bioanchors_model::{param_spec, Anchor, Engine, Forecast, Scenario};

use crate::fixtures::{uncertain, with};

fn median(f: &Forecast) -> Option<f64> {
    f.quantile_years
        .iter()
        .find(|(q, _)| *q == 0.5)
        .and_then(|(_, y)| *y)
}

fn p_by(f: &Forecast, year: i32) -> f64 {
    f.p_by_year[f.years.iter().position(|&y| y == year).unwrap()]
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
        let bars = tornado(&mut Engine::new(), &s, metric).unwrap();
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
    let bars = tornado(&mut Engine::new(), &s, Metric::PBy(2036)).unwrap();
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
    let bars = tornado(&mut Engine::new(), &s, Metric::MedianYear).unwrap();
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

#[test]
fn years_outside_the_forecast_are_refused_before_anything_runs() {
    let s = Scenario::default();
    let range = "the forecast's years [2025, 2100]";
    let key = "hardware.halving_years";
    let refused = |target: Target| match solve(&mut Engine::new(), &s, key, target) {
        Err(SolveError::Year(e)) => e.to_string(),
        other => panic!("{target:?}: {other:?}"),
    };
    // A year a longer forecast would have says how to get it.
    let longer = "; a longer forecast (`forecast.end_year`, up to 2200) includes it";
    for (year, message) in [
        (1e9, format!("1e9 is outside {range}")),
        (2147483647.0, format!("2147483647 is outside {range}")),
        (-5.0, format!("-5 is outside {range}")),
        (2024.99, format!("2024.99 is outside {range}")),
        (2100.5, format!("2100.5 is outside {range}{longer}")),
        (2200.5, format!("2200.5 is outside {range}")),
    ] {
        assert_eq!(refused(Target::MedianYear(year)), message);
    }
    for year in [f64::NAN, f64::INFINITY] {
        let message = format!("the year must be a number within {range}");
        assert_eq!(refused(Target::MedianYear(year)), message);
    }
    for (year, hint) in [(i32::MAX, ""), (i32::MIN, ""), (2024, ""), (2101, longer)] {
        let message = format!("{year} is outside {range}{hint}");
        assert_eq!(refused(Target::PBy { year, p: 0.5 }), message);
        // The tornado refuses the same year with the same message.
        let metric = Metric::PBy(year);
        let e = tornado(&mut Engine::new(), &s, metric).unwrap_err();
        assert_eq!(e.to_string(), message);
        assert_eq!(metric.check(&s), Err(e));
    }
    // The forecast's own ends are allowed, and a fractional median is solved.
    assert_eq!(Metric::PBy(2025).check(&s), Ok(()));
    assert_eq!(Metric::PBy(2100).check(&s), Ok(()));
    let result = solve(&mut Engine::new(), &s, key, Target::MedianYear(2045.5)).unwrap();
    let SolveResult::Reached { value, metric } = result else {
        panic!("expected reached, got {result:?}");
    };
    assert!((metric - 2045.5).abs() <= 0.01, "median {metric}");
    let check = Engine::new().forecast(&with(&s, key, value));
    assert_eq!(Some(metric), median(&check));
    // A longer forecast allows later years: its own range is the bound.
    let long = with(&s, "forecast.end_year", 2150.0);
    assert!(Metric::PBy(2150).check(&long).is_ok());
    assert_eq!(
        Metric::PBy(2151).check(&long).unwrap_err().to_string(),
        format!("2151 is outside the forecast's years [2025, 2150]{longer}")
    );
}

#[test]
fn no_scenario_forecasts_past_the_registry_s_last_year() {
    // A hand-built scenario skips `set`'s clamping; its horizon is capped all the same.
    let mut s = Scenario {
        end_year: 1e9,
        ..Scenario::default()
    };
    assert_eq!(s.last_year(), MAX_END_YEAR);
    assert_eq!(
        param_spec("forecast.end_year").unwrap().max,
        MAX_END_YEAR as f64
    );
    let f = Engine::new().forecast(&s);
    assert_eq!(f.years.len(), 176);
    assert_eq!(f.years.last(), Some(&2200));
    s.end_year = -1e9;
    assert_eq!(s.last_year(), 2025);
    s.end_year = f64::NAN;
    assert_eq!(s.last_year(), 2100);
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
    // A year outside the forecast's, after or before it, is refused with the model's message.
    for (year, message) in [
        (
            2031,
            "2031 is outside the forecast's years [2025, 2030]; a longer forecast \
             (`forecast.end_year`, up to 2200) includes it",
        ),
        (2024, "2024 is outside the forecast's years [2025, 2030]"),
    ] {
        let refused = condition_on_no_tai_by(&f, year).unwrap_err();
        assert_eq!(refused.to_string(), message);
        assert_eq!(condition_forecast(&f, year).unwrap_err(), refused);
    }
    // Certain of TAI by 2029: nothing is left to condition on.
    let mut certain = f.clone();
    certain.p_by_year[4] = 1.0;
    assert_eq!(
        condition_forecast(&certain, 2029).unwrap_err().to_string(),
        "the model is certain of TAI by 2029: nothing to condition on"
    );
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
