//! Property tests over the whole allowed input space of the registry: every parameter anywhere
//! in [min, max], endpoints included (zero weights, zero σ, extreme halving times).

use bioanchors_model::{param_specs, Engine, Scenario};
use proptest::prelude::*;

/// A value in the parameter's range: its min, its max, or a point in between (log-uniform for
/// log-scale parameters), chosen by `pick`.
fn value_in_range(spec: &bioanchors_model::ParamSpec, pick: u8, u: f64) -> f64 {
    match pick {
        0 => spec.min,
        1 => spec.max,
        _ if spec.log_scale && spec.min > 0.0 => {
            (spec.min.ln() + u * (spec.max.ln() - spec.min.ln())).exp()
        }
        _ => spec.min + u * (spec.max - spec.min),
    }
}

fn scenario_from(choices: &[(u8, f64)], keep_default: &[bool]) -> Scenario {
    let mut s = Scenario::default();
    for ((spec, &(pick, u)), &keep) in param_specs().iter().zip(choices).zip(keep_default) {
        if !keep {
            s.set(spec.key, value_in_range(spec, pick, u)).unwrap();
        }
    }
    s
}

fn check(s: &Scenario, engine: &mut Engine) -> Result<(), TestCaseError> {
    let f = engine.forecast(s);
    let beyond = s.normalized_weights().beyond;
    prop_assert_eq!(f.years.len(), (s.last_year() - 2025 + 1) as usize);
    let mut prev = 0.0;
    for (i, &p) in f.p_by_year.iter().enumerate() {
        prop_assert!(p.is_finite(), "P not finite at {}", f.years[i]);
        prop_assert!(p >= 0.0, "P < 0 at {}: {}", f.years[i], p);
        prop_assert!(
            p <= 1.0 - beyond + 1e-12,
            "P {} above ceiling {}",
            p,
            1.0 - beyond
        );
        prop_assert!(
            p >= prev - 1e-12,
            "P falls at {}: {} -> {}",
            f.years[i],
            prev,
            p
        );
        prev = p;
    }
    for band in [
        &f.log10_flop_per_dollar,
        &f.log10_spend_dollars,
        &f.log10_affordable_compute,
        &f.algorithmic_progress_oom,
        &f.log10_effective_compute,
    ] {
        for v in band.p10.iter().chain(&band.median).chain(&band.p90) {
            prop_assert!(v.is_finite());
        }
        for i in 0..band.median.len() {
            prop_assert!(
                band.p10[i] <= band.median[i] + 1e-9 && band.median[i] <= band.p90[i] + 1e-9
            );
        }
    }
    for (_, cdf) in f.requirements.cdf.iter() {
        for w in cdf.windows(2) {
            prop_assert!(w[0].is_finite() && w[1] >= w[0] - 1e-12 && w[1] <= 1.0 + 1e-12);
        }
    }
    for (_, pdf) in f.requirements.pdf.iter() {
        prop_assert!(pdf.iter().all(|v| v.is_finite() && *v >= 0.0));
    }
    for (q, y) in &f.quantile_years {
        if let Some(y) = y {
            prop_assert!(
                *y >= 2025.0 && *y <= s.last_year() as f64,
                "q {} at {}",
                q,
                y
            );
        }
    }
    Ok(())
}

// Each case runs a full forecast from a cold engine (often sampling components, convolving
// wide noise and integrating four uncertain trajectories over up to 176 years): up to ~1 s in
// the unoptimized test build on two busy cores. 17 cases keep this file under ~20 s.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_scenario_in_range_gives_a_valid_forecast(
        choices in prop::collection::vec((0u8..8, 0.0f64..1.0), param_specs().len()),
        keep in prop::collection::vec(prop::bool::weighted(0.5), param_specs().len()),
    ) {
        let s = scenario_from(&choices, &keep);
        check(&s, &mut Engine::new())?;
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5))]

    #[test]
    fn every_parameter_at_once_at_its_ends(
        choices in prop::collection::vec((0u8..2, 0.0f64..1.0), param_specs().len()),
    ) {
        let s = scenario_from(&choices, &vec![false; param_specs().len()]);
        check(&s, &mut Engine::new())?;
    }
}
