//! The component-built requirement distributions against the author's tabulated ones:
//! with the default assumptions each anchor's median must land within ±1 OOM of the table's.

use bioanchors_model::components::{sample_log10_flop, ComponentAssumptions};
use bioanchors_model::Anchor;

const SAMPLES: usize = 20_000;
const SEED: u64 = 0;

/// Medians (log10 FLOP) of the tabulated CDFs, `model/data/cotra2020-anchor-cdfs.csv`.
fn tabulated_median(anchor: Anchor) -> f64 {
    match anchor {
        Anchor::Lifetime => 28.8,
        Anchor::NnShort => 32.4,
        Anchor::Genome => 33.8,
        Anchor::NnMedium => 34.9,
        Anchor::NnLong => 37.8,
        Anchor::Evolution => 41.25,
    }
}

fn quantile(samples: &[f64], p: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn check_median(anchor: Anchor) {
    let samples = sample_log10_flop(anchor, &ComponentAssumptions::default(), SAMPLES, SEED);
    let median = quantile(&samples, 0.5);
    let table = tabulated_median(anchor);
    println!(
        "{:<18} sampled p10 {:.2} median {:.2} p90 {:.2} | table median {:.2}",
        anchor.label(),
        quantile(&samples, 0.1),
        median,
        quantile(&samples, 0.9),
        table
    );
    assert!(
        (median - table).abs() <= 1.0,
        "{}: sampled median {median:.2} vs tabulated {table}",
        anchor.label()
    );
}

#[test]
fn lifetime_median_within_one_oom_of_table() {
    check_median(Anchor::Lifetime);
}

#[test]
fn nn_short_median_within_one_oom_of_table() {
    check_median(Anchor::NnShort);
}

#[test]
fn nn_medium_median_within_one_oom_of_table() {
    check_median(Anchor::NnMedium);
}

#[test]
fn nn_long_median_within_one_oom_of_table() {
    check_median(Anchor::NnLong);
}

#[test]
fn genome_median_within_one_oom_of_table() {
    check_median(Anchor::Genome);
}

#[test]
fn evolution_median_within_one_oom_of_table() {
    check_median(Anchor::Evolution);
}

#[test]
fn anchors_keep_the_table_order_of_medians() {
    // The table's ordering (lifetime < short < genome < medium < long < evolution) is part of
    // what the anchors mean; the component mode should not swap neighbours.
    let a = ComponentAssumptions::default();
    let order = [
        Anchor::Lifetime,
        Anchor::NnShort,
        Anchor::Genome,
        Anchor::NnMedium,
        Anchor::NnLong,
        Anchor::Evolution,
    ];
    let medians: Vec<f64> = order
        .iter()
        .map(|&anchor| quantile(&sample_log10_flop(anchor, &a, SAMPLES, SEED), 0.5))
        .collect();
    for pair in medians.windows(2) {
        assert!(pair[0] < pair[1], "medians out of order: {medians:?}");
    }
}

/// The "build from components" help's account of the low end: components cut sharply at the
/// floor and keep more mass just above it than the table's soft update. Its numbers, to the
/// stated tenth of a percent.
#[test]
fn the_low_end_is_as_the_components_help_says() {
    use bioanchors_model::{forecast, param_spec, Forecast, Scenario};
    let table = forecast(&Scenario::default());
    let mut s = Scenario::default();
    for a in Anchor::ALL {
        s.anchors.get_mut(a).use_components = true;
    }
    let components = forecast(&s);
    let cdf = |f: &Forecast, a: Anchor, x: f64| {
        let r = &f.requirements;
        let i = r.log10_flop.iter().position(|&v| v >= x - 1e-9).unwrap();
        (r.cdf.get(a)[i] * 1000.0).round() / 10.0
    };
    let help = param_spec("anchor.nn_short.use_components").unwrap().help;
    for (anchor, words) in [
        (Anchor::NnShort, "short-horizon NN"),
        (Anchor::Lifetime, "lifetime"),
        (Anchor::NnMedium, "medium-horizon NN"),
    ] {
        let read = |f: &Forecast| {
            [25.0, 26.0, 27.0]
                .map(|x| format!("{:.1}", cdf(f, anchor, x)))
                .join("/")
        };
        let stated = format!("{words} {}% vs {}%", read(&components), read(&table));
        assert!(help.contains(&stated), "{stated} not in: {help}");
    }
    // Nothing below the floor either way.
    for a in Anchor::ALL {
        assert_eq!(cdf(&components, a, 23.0), 0.0);
    }
    let p = |f: &Forecast, y: usize| format!("{:.1}%", f.p_by_year[y - 2025] * 100.0);
    let stated = format!(
        "P(TAI by 2025) is {} instead of {} and by 2030 {} instead of {}",
        p(&components, 2025),
        p(&table, 2025),
        p(&components, 2030),
        p(&table, 2030)
    );
    assert!(help.contains(&stated), "{stated} not in: {help}");
}
