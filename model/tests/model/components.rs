//! Component mode (spec §3.2) through the whole pipeline: sampler → grid CDF → low-end update
//! → forecast.

use bioanchors_model::components::{component_params, sample_log10_flop};
use bioanchors_model::forecast::{component_key, COMPONENT_SEED};
use bioanchors_model::requirements::tabulated;
use bioanchors_model::{forecast, Anchor, Engine, Scenario};

fn all_components() -> Scenario {
    let mut s = Scenario::default();
    for a in Anchor::ALL {
        s.set(&format!("anchor.{}.use_components", a.key()), 1.0)
            .unwrap();
    }
    s
}

/// The width between the 10th and 90th percentiles of a chart CDF, OOM.
fn width_10_90(xs: &[f64], cdf: &[f64]) -> f64 {
    let at = |q: f64| xs[cdf.iter().position(|&c| c >= q).unwrap()];
    at(0.9) - at(0.1)
}

#[test]
fn component_medians_land_within_one_oom_of_the_table() {
    let f = forecast(&all_components());
    for a in Anchor::ALL {
        let built = *f.requirements.median.get(a);
        let table = tabulated().get(a).median;
        assert!(
            (built - table).abs() <= 1.0,
            "{a:?}: components {built:.2} vs table {table:.2}"
        );
    }
    // The low-end update holds in component mode too: nothing below the floor.
    let floor = Scenario::default().requirements.floor_log10_flop;
    for a in Anchor::ALL {
        let i = f
            .requirements
            .log10_flop
            .iter()
            .position(|&x| x >= floor - 0.1)
            .unwrap();
        assert_eq!(f.requirements.cdf.get(a)[i - 1], 0.0, "{a:?}");
    }
    // And the forecast is in the same ballpark as the table's.
    let table = forecast(&Scenario::default());
    let i2050 = 25;
    assert!((f.p_by_year[i2050] - table.p_by_year[i2050]).abs() < 0.15);
}

#[test]
fn wider_brain_uncertainty_spreads_requirements_and_moves_early_years_up() {
    let base = all_components();
    let mut wide = base.clone();
    wide.set("components.model_vs_brain.sd", 4.0).unwrap();
    let fb = forecast(&base);
    let fw = forecast(&wide);
    let xs = &fb.requirements.log10_flop;
    for a in [
        Anchor::NnShort,
        Anchor::NnMedium,
        Anchor::NnLong,
        Anchor::Genome,
    ] {
        let wb = width_10_90(xs, fb.requirements.cdf.get(a));
        let ww = width_10_90(xs, fw.requirements.cdf.get(a));
        assert!(ww > wb + 3.0, "{a:?}: width {wb:.1} -> {ww:.1}");
        // The median barely moves: the spread grows around it.
        let (mb, mw) = (fb.requirements.median.get(a), fw.requirements.median.get(a));
        assert!((mb - mw).abs() < 1.0, "{a:?}: median {mb:.2} -> {mw:.2}");
    }
    // Evolution does not use brain compute at all.
    assert_eq!(
        fb.requirements.cdf.get(Anchor::Evolution),
        fw.requirements.cdf.get(Anchor::Evolution)
    );
    // More mass at the low end: TAI is more likely early; more at the high end: less likely
    // by the end of the century.
    assert!(fw.p_by_year[5] > fb.p_by_year[5] + 0.02, "2030");
    assert!(fw.p_by_year.last() < fb.p_by_year.last(), "2100");
}

#[test]
fn cache_keys_follow_exactly_the_assumptions_each_anchor_samples() {
    let base = Scenario::default().components;
    for p in component_params() {
        let mut changed = base.clone();
        let old = changed.get(p.key).unwrap();
        let target = if old + 0.5 <= p.max {
            old + 0.5
        } else {
            old - 0.5
        };
        assert!(changed.set(p.key, target), "{}", p.key);
        for a in Anchor::ALL {
            let samples_differ = sample_log10_flop(a, &base, 64, COMPONENT_SEED)
                != sample_log10_flop(a, &changed, 64, COMPONENT_SEED);
            let key_differs = component_key(a, &base) != component_key(a, &changed);
            assert_eq!(
                samples_differ, key_differs,
                "{} on {a:?}: samples differ {samples_differ}, key differs {key_differs}",
                p.key
            );
        }
    }
}

#[test]
fn engine_reuses_samples_across_trajectory_changes() {
    let mut engine = Engine::new();
    let s = all_components();
    let first = engine.forecast(&s);
    let mut t = s.clone();
    t.set("hardware.halving_years", 3.0).unwrap();
    engine.forecast(&t);
    let back = engine.forecast(&s);
    assert_eq!(first, back);
    assert_eq!(first.requirements, forecast(&t).requirements);
}
