//! Presets: each does what its description says.

use bioanchors::model::{forecast, preset, presets, Anchor, Scenario};

fn p_at(f: &bioanchors::model::Forecast, year: i32) -> f64 {
    f.p_by_year[(year - 2025) as usize]
}

#[test]
fn first_preset_is_the_default_and_ids_are_unique() {
    assert_eq!(presets()[0].id, "best-guess");
    assert_eq!((presets()[0].scenario)(), Scenario::default());
    let mut ids: Vec<_> = presets().iter().map(|p| p.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), presets().len());
    assert_eq!(presets().len(), 6);
}

#[test]
fn cotra_2022_fit_is_as_close_as_its_description_says() {
    let f = forecast(&(preset("cotra-2022").unwrap().scenario)());
    // The numbers the description states, to the shown precision.
    for (year, stated) in [(2030, 0.163), (2036, 0.350), (2040, 0.450), (2050, 0.643)] {
        let p = p_at(&f, year);
        assert!(
            (p - stated).abs() < 0.0006,
            "{year}: {p} vs stated {stated}"
        );
    }
    assert_eq!(f.quantile_years[2].1.map(|y| y.ceil()), Some(2043.0));
    // And the distances to her 2022 numbers it admits to.
    for (year, hers, admitted) in [
        (2030, 0.15, 0.015),
        (2036, 0.35, 0.015),
        (2040, 0.50, 0.050),
        (2050, 0.60, 0.0435),
    ] {
        assert!((p_at(&f, year) - hers).abs() <= admitted, "{year}");
    }
}

#[test]
fn conservative_and_aggressive_bracket_the_best_guess() {
    let best = forecast(&Scenario::default());
    let cons = forecast(&(preset("conservative").unwrap().scenario)());
    let aggr = forecast(&(preset("aggressive").unwrap().scenario)());
    for year in [2030, 2040, 2050, 2070] {
        assert!(p_at(&cons, year) < p_at(&best, year) - 0.01, "{year}");
        assert!(p_at(&aggr, year) > p_at(&best, year) + 0.01, "{year}");
    }
}

#[test]
fn wider_uncertainty_uses_components_noise_and_uncertain_progress() {
    let s = (preset("wider-uncertainty").unwrap().scenario)();
    assert!(Anchor::ALL.iter().all(|&a| s.anchors.get(a).use_components));
    assert_eq!(s.get("components.model_vs_brain.sd"), Some(4.0));
    assert!(s.uncertainty.algo_halving_factor > 1.0 && s.uncertainty.algo_cap_oom > 0.0);
    let f = forecast(&s);
    let best = forecast(&Scenario::default());
    // Flatter: more by 2030, and the band on effective compute is wide.
    assert!(p_at(&f, 2030) > p_at(&best, 2030));
    let i = 25;
    assert!(f.log10_effective_compute.p90[i] - f.log10_effective_compute.p10[i] > 1.0);
}

#[test]
fn reestimated_growth_uses_the_observed_trends_and_arrives_earlier() {
    use bioanchors::model::observed;
    let s = (preset("reestimated-growth").unwrap().scenario)();
    assert_eq!(
        s.spending.doubling_years,
        observed::FRONTIER_SPEND_DOUBLING_YEARS
    );
    assert_eq!(
        s.algorithmic_progress.halving_years_large,
        observed::ALGORITHMIC_HALVING_YEARS
    );
    let f = forecast(&s);
    let best = forecast(&Scenario::default());
    assert!(p_at(&f, 2035) > p_at(&best, 2035) + 0.1);
    // 2025 compute: the observed ~4.6e26 FLOP run (log10 ≈ 26.66).
    assert!((f.log10_affordable_compute.median[0] - 26.66).abs() < 0.03);
}
