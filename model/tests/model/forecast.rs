//! The forecast engine against the author's published numbers, and its basic contracts.

use bioanchors_model::trajectories::algorithmic_progress_oom;
use bioanchors_model::{forecast, preset, Anchor, Engine, Scenario};

fn p_at(f: &bioanchors_model::Forecast, year: i32) -> f64 {
    let i = f
        .years
        .iter()
        .position(|&y| y == year)
        .expect("year in range");
    f.p_by_year[i]
}

#[test]
fn best_guess_reproduces_the_published_curve() {
    let f = forecast(&Scenario::default());
    // The author's best-guess spreadsheet curve.
    for (year, published) in [
        (2030, 0.0772),
        (2036, 0.1769),
        (2040, 0.2590),
        (2050, 0.4568),
    ] {
        let p = p_at(&f, year);
        assert!(
            (p - published).abs() <= 0.005,
            "{year}: {:.2}% vs published {:.2}%",
            p * 100.0,
            published * 100.0
        );
    }
    // The same curve's 2025 value.
    assert!(
        (p_at(&f, 2025) - 0.0262).abs() <= 0.002,
        "{}",
        p_at(&f, 2025)
    );
    // Her model's median, 2052.9 (the refitted rule gives 2052.6).
    let median = f.quantile_years[2].1.expect("a median before 2100");
    assert!((median - 2052.9).abs() <= 0.5, "median {median}");
    assert_eq!(f.years.first(), Some(&2025));
    assert_eq!(f.years.last(), Some(&2100));
}

/// After 2050 the refitted rule (5 OOM of progress reached at 1e42, 2-year halving at 1e36)
/// follows her curve where the reimplementations' rule (1e44, 1e35) falls short: 2060 58.5%
/// and 2100 77.65% published.
#[test]
fn refitted_rule_follows_the_rest_of_her_curve() {
    use bioanchors_model::presets::version_1_default;
    let (now, before) = (
        forecast(&Scenario::default()),
        forecast(&version_1_default()),
    );
    for (year, published, within) in [(2060, 0.585, 0.005), (2100, 0.7765, 0.012)] {
        let (p, p_before) = (p_at(&now, year), p_at(&before, year));
        assert!((p - published).abs() <= within, "{year}: {p}");
        assert!(
            (p - published).abs() < (p_before - published).abs(),
            "{year}"
        );
    }
    // The reimplementations' rule, the default until the refit: 2060 56.9%, 2100 74.3%, median
    // 2053.7.
    assert!((p_at(&before, 2060) - 0.569).abs() < 0.0005);
    assert!((p_at(&before, 2100) - 0.743).abs() < 0.0005);
    let median_before = before.quantile_years[2].1.unwrap();
    assert!((median_before - 2053.7).abs() < 0.05, "{median_before}");
}

#[test]
fn contributions_sum_and_per_year_differences_match() {
    let f = forecast(&Scenario::default());
    for i in 0..f.years.len() {
        let sum: f64 = Anchor::ALL
            .iter()
            .map(|&a| f.p_by_year_per_anchor.get(a)[i])
            .sum();
        assert!((sum - f.p_by_year[i]).abs() < 1e-12);
        let prev = if i == 0 { 0.0 } else { f.p_by_year[i - 1] };
        assert!((f.p_per_year[i] - (f.p_by_year[i] - prev)).abs() < 1e-15);
    }
    // Ceiling: 90% (10% beyond all anchors); the 2100 value is below it but well above 2050.
    let last = *f.p_by_year.last().unwrap();
    assert!(last < 0.9 && last > p_at(&f, 2050));
    // Median year: where the curve crosses 50%, between 2050 (45.7%) and 2100.
    let (q, median) = f.quantile_years[2];
    assert_eq!(q, 0.5);
    let median = median.expect("the best guess passes 50% before 2100");
    assert!(median > 2050.0 && median < 2060.0, "{median}");
    assert_eq!(
        f.milestones.iter().map(|m| m.0).collect::<Vec<_>>(),
        vec![2030, 2036, 2040, 2050, 2070, 2100]
    );
}

#[test]
fn the_low_end_update_leaves_the_table_unchanged() {
    // The author's table already excludes mass below ~23.1; conditioning on F > 23.12
    // removes at most the few 1e-4 the Monte Carlo table put just below it.
    let mut no_floor = Scenario::default();
    no_floor.set("requirements.floor_log10_flop", 15.0).unwrap();
    let a = forecast(&Scenario::default());
    let b = forecast(&no_floor);
    for (pa, pb) in a.p_by_year.iter().zip(&b.p_by_year) {
        assert!((pa - pb).abs() < 2e-5, "{pa} vs {pb}");
    }
    // A floor at 2025's affordable compute removes everything reachable in 2025.
    let mut high = Scenario::default();
    high.set("requirements.floor_log10_flop", 26.7).unwrap();
    let h = forecast(&high);
    assert!(h.p_by_year[0] < 1e-9, "{}", h.p_by_year[0]);
    assert!(p_at(&h, 2050) > p_at(&a, 2050) - 0.05);
}

#[test]
fn trajectories_start_from_their_2025_values() {
    let f = forecast(&Scenario::default());
    assert!((f.log10_flop_per_dollar.median[0] - 4e17f64.log10()).abs() < 1e-3);
    assert!((f.log10_spend_dollars.median[0] - 9.0).abs() < 1e-2);
    assert!((f.log10_affordable_compute.median[0] - 26.6).abs() < 0.01);
    // Certain trajectories: the band collapses.
    assert_eq!(
        f.log10_affordable_compute.p10,
        f.log10_affordable_compute.p90
    );
    // Effective compute F* solves F* − A(t, F*) = C with the rule's exact A (the engine finds
    // it from a coarse table plus one regula-falsi step).
    let rule = Scenario::default().algorithmic_progress;
    let n = f.years.len() - 1;
    for i in [0, 5, 11, 15, 25, 45, n] {
        let c = f.log10_affordable_compute.median[i];
        let fstar = f.log10_effective_compute.median[i];
        let exact_a = algorithmic_progress_oom(
            i as f64,
            rule.halving_years_at(fstar),
            rule.cap_oom_at(fstar),
        );
        assert!(
            (fstar - exact_a - c).abs() < 1e-6,
            "year {i}: F* {fstar} − A {exact_a} ≠ C {c}"
        );
        assert!((f.algorithmic_progress_oom.median[i] - exact_a).abs() < 1e-6);
    }
    assert!(f.algorithmic_progress_oom.median[n] > 3.0);
}

#[test]
fn trajectory_uncertainty_spreads_bands_and_flattens_the_curve() {
    let base = forecast(&Scenario::default());
    let f = forecast(&crate::fixtures::uncertain());
    let i2050 = 25;
    assert!(f.log10_affordable_compute.p90[i2050] > f.log10_affordable_compute.p10[i2050] + 0.5);
    assert!(f.log10_effective_compute.p90[i2050] > f.log10_effective_compute.p10[i2050] + 1.0);
    // Still a CDF under the ceiling, and different from the certain curve.
    for w in f.p_by_year.windows(2) {
        assert!(w[1] >= w[0] - 1e-12);
    }
    assert!((p_at(&f, 2050) - p_at(&base, 2050)).abs() > 0.005);
    assert!(*f.p_by_year.last().unwrap() <= 0.9 + 1e-12);
}

#[test]
fn small_slider_moves_make_small_changes() {
    let base = forecast(&Scenario::default());
    let mut s = Scenario::default();
    s.set("uncertainty.algo_halving_factor", 1.01).unwrap();
    let nudged = forecast(&s);
    for (a, b) in base.p_by_year.iter().zip(&nudged.p_by_year) {
        assert!((a - b).abs() < 0.003, "{a} vs {b}");
    }
    let mut s = Scenario::default();
    s.set("hardware.halving_years", 2.51).unwrap();
    let nudged = forecast(&s);
    for (a, b) in base.p_by_year.iter().zip(&nudged.p_by_year) {
        assert!((a - b).abs() < 0.002, "{a} vs {b}");
    }
}

#[test]
fn engine_is_deterministic_and_its_cache_is_invisible() {
    let s = preset("wider-uncertainty").unwrap();
    let scenario = (s.scenario)();
    let mut engine = Engine::new();
    let first = engine.forecast(&scenario);
    // Through a different scenario and back: the cache must not leak state.
    engine.forecast(&Scenario::default());
    let again = engine.forecast(&scenario);
    let fresh = forecast(&scenario);
    for other in [&again, &fresh] {
        let bits = |f: &bioanchors_model::Forecast| -> Vec<u64> {
            f.p_by_year.iter().map(|p| p.to_bits()).collect()
        };
        assert_eq!(bits(&first), bits(other));
        assert_eq!(first, *other);
    }
}

#[test]
fn per_anchor_override_with_the_rule_value_changes_little() {
    // The override defaults are the rule at each anchor's median, so switching one on moves
    // that anchor's contribution only a little; a much slower rate moves it down a lot.
    let base = forecast(&Scenario::default());
    let mut s = Scenario::default();
    s.set("anchor.nn_medium.algo_override", 1.0).unwrap();
    let on = forecast(&s);
    let i2050 = 25;
    let b = base.p_by_year_per_anchor.nn_medium[i2050];
    let o = on.p_by_year_per_anchor.nn_medium[i2050];
    assert!((b - o).abs() < 0.03, "{b} vs {o}");
    s.set("anchor.nn_medium.algo_halving_years", 10.0).unwrap();
    s.set("anchor.nn_medium.algo_cap_oom", 0.5).unwrap();
    let slow = forecast(&s);
    assert!(slow.p_by_year_per_anchor.nn_medium[i2050] < o - 0.03);
    // Other anchors are untouched.
    assert_eq!(
        slow.p_by_year_per_anchor.nn_short,
        base.p_by_year_per_anchor.nn_short
    );
}

#[test]
fn non_monotone_progress_rule_matches_brute_force() {
    use bioanchors_model::trajectories::{log10_flop_per_dollar, log10_spend};
    // A halving time that collapses from 10 years to 3 months within half an OOM makes
    // φ(F) = F − A(t, F) fall with F there: the engine must sum the set {φ ≤ C} piece by piece.
    let mut s = Scenario::default();
    s.set("algo.halving_years_small", 10.0).unwrap();
    s.set("algo.halving_years_large", 0.25).unwrap();
    s.set("algo.halving_f_low", 33.0).unwrap();
    s.set("algo.halving_f_high", 33.5).unwrap();
    s.set("algo.cap_oom_large", 12.0).unwrap();
    let mut engine = Engine::new();
    let f = engine.forecast(&s);
    let rule = s.algorithmic_progress.clone();
    let phi = |t: f64, x: f64| {
        x - algorithmic_progress_oom(t, rule.halving_years_at(x), rule.cap_oom_at(x))
    };
    // φ really is non-monotone here in 2040.
    assert!(phi(15.0, 33.5) < phi(15.0, 33.0) - 0.5);
    let weights = s.normalized_weights();
    for (i, &year) in f.years.iter().enumerate().step_by(5) {
        let t = (year - 2025) as f64;
        let c = log10_flop_per_dollar(&s.hardware, year as f64, 1.0)
            + log10_spend(&s.spending, year as f64, 1.0);
        let mut total = 0.0;
        for a in Anchor::ALL {
            let dist = engine.requirement(&s, a).clone();
            // Cells of 0.002 OOM whose midpoint satisfies the condition (all mass is in 15–75).
            let step = 0.002;
            let share: f64 = (0..30_000)
                .map(|k| 15.0 + k as f64 * step)
                .filter(|&x| phi(t, x + step / 2.0) <= c)
                .map(|x| dist.at(x + step) - dist.at(x))
                .sum();
            total += weights.anchors.get(a) * share;
        }
        assert!(
            (f.p_by_year[i] - total).abs() < 2e-3,
            "{year}: engine {} vs brute force {total}",
            f.p_by_year[i]
        );
    }
}
