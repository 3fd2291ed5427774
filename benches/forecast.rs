//! Native benchmarks of the model (`cargo bench --bench forecast`). Results go to BENCHMARKS.md.
//!
//! Budgets (native release): a tabulated forecast with trajectory uncertainty ≤ 2 ms, and
//! re-sampling one anchor's components ≤ 20 ms: the browser recomputes on every slider event.
use criterion::{black_box, criterion_group, criterion_main, Criterion};

use bioanchors::model::{forecast, preset, Anchor, Engine, Scenario};

/// The best guess with all four trajectory uncertainties on: the model's tests and the browser
/// bench read the same file.
fn uncertain() -> Scenario {
    let query = include_str!("../model/tests/data/uncertain.query").trim();
    bioanchors::model::link::read_link(query).scenario
}

/// Every trajectory uncertainty at its allowed maximum (×/÷ 5, ± 5 OOM): the budget holds
/// here too.
fn widest() -> Scenario {
    let mut s = Scenario::default();
    for key in [
        "uncertainty.algo_halving_factor",
        "uncertainty.algo_cap_oom",
        "uncertainty.hardware_halving_factor",
        "uncertainty.spend_doubling_factor",
    ] {
        s.set(key, 5.0).unwrap();
    }
    s
}

/// The widest settings with algorithmic progress's cap certain, then its halving time: the
/// plans that compute every year.
fn widest_certain_cap() -> Scenario {
    let mut s = widest();
    s.set("uncertainty.algo_cap_oom", 0.0).unwrap();
    s
}

fn widest_certain_halving() -> Scenario {
    let mut s = widest();
    s.set("uncertainty.algo_halving_factor", 1.0).unwrap();
    s
}

fn benches(c: &mut Criterion) {
    // A trajectory slider: prepared distributions are cached, only the yearly loop runs.
    let mut engine = Engine::new();
    let best = Scenario::default();
    engine.forecast(&best);
    c.bench_function("best_guess_cached", |b| {
        b.iter(|| engine.forecast(black_box(&best)))
    });

    // The same scenario again: the engine's caches now hold its thresholds and shares too, so
    // this measures assembling a `Forecast` from them (bands, per-anchor curves, chart data).
    let all_on = uncertain();
    engine.forecast(&all_on);
    c.bench_function("uncertainty_all_four_cached", |b| {
        b.iter(|| engine.forecast(black_box(&all_on)))
    });

    // The budget's case, a trajectory slider with all four uncertain: every iteration moves the
    // slider to a value not in any cache but the distributions'. Each rebuilds the curves of
    // affordable compute and every share; a weight slider only mixes the cached shares. Then
    // the same at the widest settings, with the uncertainty sliders themselves and a
    // requirements slider (every anchor re-prepared and re-integrated).
    let bench: fn() -> Scenario = uncertain;
    let wide: fn() -> Scenario = widest;
    for (name, base, key, values) in [
        (
            "uncertainty_all_four_hardware_slider",
            bench,
            "hardware.halving_years",
            [2.5, 2.55, 2.6],
        ),
        (
            "uncertainty_all_four_algo_slider",
            bench,
            "algo.halving_years_large",
            [2.0, 2.05, 2.1],
        ),
        (
            "uncertainty_all_four_weight_slider",
            bench,
            "anchor.nn_medium.weight",
            [30.0, 31.0, 32.0],
        ),
        (
            "widest_algo_slider",
            wide,
            "algo.halving_years_large",
            [2.0, 2.05, 2.1],
        ),
        (
            "widest_hardware_slider",
            wide,
            "hardware.halving_years",
            [2.5, 2.55, 2.6],
        ),
        (
            "widest_spend_slider",
            wide,
            "spend.doubling_years",
            [2.5, 2.55, 2.6],
        ),
        (
            "widest_algo_uncertainty_slider",
            wide,
            "uncertainty.algo_halving_factor",
            [4.9, 4.95, 5.0],
        ),
        (
            "widest_cap_uncertainty_slider",
            wide,
            "uncertainty.algo_cap_oom",
            [4.9, 4.95, 5.0],
        ),
        (
            "widest_hardware_uncertainty_slider",
            wide,
            "uncertainty.hardware_halving_factor",
            [4.9, 4.95, 5.0],
        ),
        (
            "widest_certain_cap_hardware_slider",
            widest_certain_cap,
            "hardware.halving_years",
            [2.5, 2.55, 2.6],
        ),
        (
            "widest_certain_halving_hardware_slider",
            widest_certain_halving,
            "hardware.halving_years",
            [2.5, 2.55, 2.6],
        ),
        (
            "widest_requirements_slider",
            wide,
            "requirements.shift_oom",
            [0.0, 0.05, 0.1],
        ),
    ] {
        let mut moved = base();
        let mut i = 0;
        c.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % values.len();
                moved.set(key, values[i]).unwrap();
                engine.forecast(black_box(&moved))
            })
        });
    }

    let mut algo_only = Scenario::default();
    algo_only
        .set("uncertainty.algo_halving_factor", 2.0)
        .unwrap();
    algo_only.set("uncertainty.algo_cap_oom", 1.0).unwrap();
    engine.forecast(&algo_only);
    c.bench_function("uncertainty_algorithmic_cached", |b| {
        b.iter(|| engine.forecast(black_box(&algo_only)))
    });

    // Cold: a fresh engine prepares all six distributions from the table.
    c.bench_function("best_guess_cold", |b| b.iter(|| forecast(black_box(&best))));

    // A requirements slider with ±3 OOM noise: six convolutions.
    let mut noisy = Scenario::default();
    noisy.set("requirements.extra_sigma_oom", 3.0).unwrap();
    c.bench_function("extra_sigma_3_cold", |b| {
        b.iter(|| forecast(black_box(&noisy)))
    });

    // A component slider: one anchor re-sampled (20,000 samples), the rest cached.
    let mut comp = Scenario::default();
    comp.set("anchor.nn_medium.use_components", 1.0).unwrap();
    let mut comp_engine = Engine::new();
    comp_engine.forecast(&comp);
    let mut flip = false;
    c.bench_function("resample_one_anchor", |b| {
        b.iter(|| {
            // Alternate between two horizon values so every iteration re-samples.
            flip = !flip;
            comp.set(
                "components.horizon.nn_medium.hi",
                if flip { 6.1 } else { 6.0 },
            )
            .unwrap();
            comp_engine.forecast(black_box(&comp))
        })
    });

    // The "wider uncertainty" preset from scratch: six anchors sampled, noise, uncertainty.
    let wide = (preset("wider-uncertainty").unwrap().scenario)();
    c.bench_function("wider_uncertainty_cold", |b| {
        b.iter(|| forecast(black_box(&wide)))
    });

    let _ = Anchor::ALL;
}

/// A full tornado (two runs per parameter) for the best guess with all four trajectory
/// uncertainties on, both metrics. Budget: 100 ms in the browser (wasm runs 1.5–2× slower), so
/// ≤ 50 ms natively. The engine is warm with the base scenario, as in the app.
fn tornado_benches(c: &mut Criterion) {
    use bioanchors::model::sensitivity::{tornado, Metric};
    let s = uncertain();
    let mut engine = Engine::new();
    engine.forecast(&s);
    // About a hundred forecasts per iteration: ten samples keep the run to a minute or two.
    let mut group = c.benchmark_group("tornado");
    group.sample_size(10);
    group.bench_function("median_uncertain", |b| {
        b.iter(|| tornado(&mut engine, black_box(&s), Metric::MedianYear).unwrap())
    });
    group.bench_function("p2036_uncertain", |b| {
        b.iter(|| tornado(&mut engine, black_box(&s), Metric::PBy(2036)).unwrap())
    });
    group.finish();
}

criterion_group!(forecast_benches, benches, tornado_benches);
criterion_main!(forecast_benches);
