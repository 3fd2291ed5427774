//! [`Plan::Curves`](super::plan::Plan): the 10th, 50th and 90th percentiles of effective
//! compute F* and of algorithmic progress A = F* − C in one computed year, from C's law (a
//! [`LinearLaw`]) and the law of A given C at each of C's Gauss points ([`PointCurve`]).
//!
//! Both are read through A's quantiles given C at fixed CDF levels u ([`LEVELS`]), linear in
//! C between the Gauss points at the same u. The law of A moves with C (through the rule's
//! F-dependence), and interpolating quantiles moves its features with it, its near-point
//! masses (a certain ceiling, the clamped cap) included; mixing the points' laws left a
//! staircase of them, 1 OOM off F*'s 10th percentile with all four uncertainties at their
//! widest.
//!
//! - F*: Pr[F* ≤ f] = ∫₀¹ Pr[C ≤ c*(u, f)] du, with c*(u, f) the C at which C plus A's u
//!   quantile reaches f (C + A rises with C). Between two levels c* is taken linear in u, so
//!   each strip of u is an exact difference of the integral of C's CDF. When one of
//!   progress's two factors is certain, A's quantiles at a fixed requirement are in closed
//!   form ([`ClosedProgress`]) and c*(u, f) = f − A's u quantile at f exactly, with no
//!   interpolation in C; else c* comes from the Gauss points' quantiles.
//! - A: the mixture over C's levels (each cell of [`LEVELS`] at its middle) of A's law given
//!   that C, each linear in u between its quantiles, so its CDF and density are exact sums.
//!   With one of progress's factors certain, A's CDF given C is in closed form too, and the
//!   percentiles are polished on that mixture of exact CDFs.
//!
//! Where C is certain, both are A's quantile function linear between the levels, exact at
//! the bands' three levels, which are among them.

use crate::scenario::AlgorithmicProgress;
use crate::trajectories::{pow10, progress_from_power};
use crate::uncertain::{self, LinearLaw, ProgressLaw, LOG10_2};

use super::plan::{CdfNode, PointCurve, YearLaw};

/// The CDF levels of A given C (and C's cells for A's mixture): the bands' three among them,
/// finer in the tails. 0.075 and 0.925 halve the cells beside the outer bands' levels: without
/// them A's 90th percentile was 0.10 OOM off with all four uncertainties at their widest, and
/// with FLOP/$ and progress uncertain 0.11 (0.04 with them, against 2^16 Sobol points).
const LEVELS: [f64; 27] = [
    0.0, 0.005, 0.02, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6,
    0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.98, 0.995, 1.0,
];
const N: usize = LEVELS.len();
/// Where the bands' 10th, 50th and 90th percentiles stand in [`LEVELS`].
const BAND_LEVELS: [usize; 3] = [5, 13, 21];
const MEDIAN: usize = BAND_LEVELS[1];

/// Where the end levels' quantiles are read: A's support reaches 5.6 σ of its factors, far
/// beyond its body, and C's ends are its outermost atoms.
const END_LEVELS: [f64; 2] = [1e-4, 1.0 - 1e-4];

fn read_at(level: f64) -> f64 {
    level.clamp(END_LEVELS[0], END_LEVELS[1])
}

/// The normal scores of [`LEVELS`] (read at [`END_LEVELS`] at the ends).
fn level_scores() -> &'static [f64; N] {
    static SCORES: std::sync::OnceLock<[f64; N]> = std::sync::OnceLock::new();
    SCORES.get_or_init(|| LEVELS.map(|p| uncertain::normal_quantile(read_at(p))))
}

/// Algorithmic progress with one of its two factors certain: A's quantiles at a fixed
/// requirement are then in closed form, A = −log10(10^−X + 10^−max(M, 0)) being monotone in
/// the uncertain one (X = x0(F)·e^{σ1 z} the uncapped progress, M = m(F) + σ2 z the cap).
pub(super) struct ClosedProgress<'a> {
    rule: &'a AlgorithmicProgress,
    law: &'a ProgressLaw,
    t: f64,
    /// Per level of [`LEVELS`]: e^{σ1 z} and σ2 z.
    halving_factors: [f64; N],
    cap_shifts: [f64; N],
}

impl<'a> ClosedProgress<'a> {
    pub(super) fn new(
        rule: &'a AlgorithmicProgress,
        law: &'a ProgressLaw,
        t: f64,
    ) -> Option<ClosedProgress<'a>> {
        let (s1, s2) = law.sigmas();
        let zs = level_scores();
        (s1 == 0.0 || s2 == 0.0).then(|| ClosedProgress {
            rule,
            law,
            t,
            halving_factors: zs.map(|z| libm::exp(s1 * z)),
            cap_shifts: zs.map(|z| s2 * z),
        })
    }

    /// A's quantiles at requirement `f` at [`LEVELS`].
    fn quantiles(&self, f: f64, out: &mut [f64; N]) {
        let x0 = self.t * LOG10_2 / self.rule.halving_years_at(f).max(1e-6);
        let m = self.rule.cap_oom_at(f);
        for (k, o) in out.iter_mut().enumerate() {
            let x = x0 * self.halving_factors[k];
            let cap = (m + self.cap_shifts[k]).max(0.0);
            // −log10(10^−x + 10^−cap), from the smaller.
            let (lo, hi) = (x.min(cap), x.max(cap));
            *o = progress_from_power(lo, pow10(lo - hi));
        }
    }

    /// Pr[A ≤ a | C = c] exactly: A's law at the requirement F = c + a that A = a would
    /// make ([`ProgressLaw::survival`]), with the clamped cap's atom at −log10(1 + 10^−X)
    /// when the halving is certain. `power`: 10^−a, shared by the cells of one a.
    fn cdf_given_compute(&self, c: f64, a: f64, power: f64) -> f64 {
        let f = c + a;
        let x0 = self.t * LOG10_2 / self.rule.halving_years_at(f).max(1e-6);
        let m = self.rule.cap_oom_at(f);
        // With the cap clamped to 0, A = −log10(10^−X + 1) < 0, X = x0 certain here (s2 > 0
        // means s1 = 0).
        let clamped_above = if a < 0.0 && a <= -libm::log10(1.0 + pow10(-x0.max(0.0))) {
            self.law.clamp_mass(m)
        } else {
            0.0
        };
        (1.0 - self.law.survival_at_power(a, power, x0, m) - clamped_above).clamp(0.0, 1.0)
    }
}

/// Scratch for [`percentiles`].
#[derive(Default)]
pub(super) struct Scratch {
    nodes: Vec<CdfNode>,
}

/// The 10th, 50th and 90th percentiles of A and of F* in a computed year of
/// [`Plan::Curves`](super::plan::Plan) with C's law `compute`; `near`: guesses for F*'s.
pub(super) fn percentiles(
    law: &YearLaw,
    compute: &LinearLaw,
    closed: Option<&ClosedProgress>,
    near: Option<[[f64; 3]; 2]>,
    scratch: &mut Scratch,
) -> [[f64; 3]; 2] {
    let levels = LEVELS.map(read_at);
    // The Gauss points in ascending C, each with A's quantiles.
    let mut rows: Vec<(f64, [f64; N])> = law
        .points
        .iter()
        .zip(&law.curves)
        .map(|(p, curve): (&(f64, f64), &PointCurve)| {
            let mut q = [0.0; N];
            curve.quantiles(&levels, &mut scratch.nodes, &mut q);
            (p.0, q)
        })
        .collect();
    crate::sorting::stably(&mut rows, |a, b| a.0.total_cmp(&b.0));
    if rows.is_empty() {
        return [[f64::NAN; 3]; 2];
    }
    let a = progress_percentiles(&rows, compute, closed, near.map(|n| n[0]));
    let near = near.map(|n| n[1]);
    let e = match closed {
        Some(p) => closed_effective_percentiles(&rows, p, compute, near),
        None => effective_percentiles(&rows, compute, near),
    };
    [a, e]
}

/// The smallest and largest of A's quantiles over the rows.
fn span(rows: &[(f64, [f64; N])]) -> (f64, f64) {
    rows.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), r| {
            (lo.min(r.1[0]), hi.max(r.1[N - 1]))
        })
}

/// A's quantiles at C = `c`: linear between the rows (ascending C), the end rows beyond.
fn row_at(rows: &[(f64, [f64; N])], c: f64) -> [f64; N] {
    let i = rows.partition_point(|r| r.0 < c);
    match (i.checked_sub(1), rows.get(i)) {
        (Some(k), Some(r1)) if r1.0 - rows[k].0 > 1e-12 => {
            let (c0, q0) = (rows[k].0, &rows[k].1);
            let t = (c - c0) / (r1.0 - c0);
            std::array::from_fn(|j| q0[j] + t * (r1.1[j] - q0[j]))
        }
        (_, Some(r)) => r.1,
        (Some(k), None) => rows[k].1,
        (None, None) => [f64::NAN; N],
    }
}

/// F*'s percentiles from A's closed-form quantiles at each requirement: c*(u, f) = f − A's
/// u quantile at f, no interpolation in C; searched from [`effective_guess`].
fn closed_effective_percentiles(
    rows: &[(f64, [f64; N])],
    progress: &ClosedProgress,
    compute: &LinearLaw,
    near: Option<[f64; 3]>,
) -> [f64; 3] {
    closed_effective(
        progress,
        compute,
        effective_guess(rows, compute, near),
        [true; 3],
    )
}

/// `near` if it is whole, else C's percentiles plus A's median at C's median.
fn effective_guess(
    rows: &[(f64, [f64; N])],
    compute: &LinearLaw,
    near: Option<[f64; 3]>,
) -> [f64; 3] {
    near.filter(|g| g.iter().all(|v| v.is_finite()))
        .unwrap_or_else(|| {
            let median_row = row_at(rows, compute.quantile(0.5));
            [0.1, 0.5, 0.9].map(|q| compute.quantile(q) + median_row[MEDIAN])
        })
}

/// F*'s percentiles as in [`closed_effective_percentiles`] from C's law alone, for a year
/// without Gauss points too. `near`: guesses, kept where `wanted` is false. Taken as smooth:
/// the density leaves out A's change with f (dc*/df taken as 1, within about 0.3 of it), so
/// the last Newton step of 3e-3 OOM leaves an error of ~1e-3.
pub(super) fn closed_effective(
    progress: &ClosedProgress,
    compute: &LinearLaw,
    near: [f64; 3],
    wanted: [bool; 3],
) -> [f64; 3] {
    // A ≥ −log10 2 (X and the cap are at least 0), and at most its top level's quantile
    // with the rule's fastest halving and highest cap.
    let rule = progress.rule;
    let fastest = rule.halving_years_small.min(rule.halving_years_large);
    let x_top = progress.t * LOG10_2 / fastest.max(1e-6) * progress.halving_factors[N - 1];
    let cap_top = rule.cap_oom_small.max(rule.cap_oom_large) + progress.cap_shifts[N - 1];
    let bounds = (
        compute.quantile(0.0) - LOG10_2 - 1e-3,
        compute.quantile(1.0) + x_top.min(cap_top).max(0.0) + 1e-3,
    );
    let mut q = [0.0; N];
    let mut cdf = |f: f64| -> (f64, f64) {
        progress.quantiles(f, &mut q);
        strips(compute, |k| (f - q[k], 1.0))
    };
    let qs = [0.1, 0.5, 0.9];
    std::array::from_fn(|i| {
        if !wanted[i] {
            return near[i];
        }
        let guess = if near[i].is_finite() {
            near[i]
        } else {
            0.5 * (bounds.0 + bounds.1)
        };
        uncertain::safeguarded_quantile(&mut cdf, qs[i], guess, bounds, true)
    })
}

/// Pr[F* ≤ f] and its derivative in f from c*(u_k, f) and dc*/df at each level
/// (`at(k)`): each strip of u an exact difference of the integral of C's CDF.
fn strips(compute: &LinearLaw, mut at: impl FnMut(usize) -> (f64, f64)) -> (f64, f64) {
    let (mut p, mut dp) = (0.0, 0.0);
    let mut last: Option<(f64, f64, f64, f64, f64)> = None;
    for (k, &level) in LEVELS.iter().enumerate() {
        let (c, dc) = at(k);
        let (cdf_c, density, integral) = compute.cdf_density_integral(c);
        if let Some((c0, dc0, cdf0, density0, integral0)) = last {
            let du = level - LEVELS[k - 1];
            let span = c - c0;
            if span.abs() > 1e-9 {
                let mean = (integral - integral0) / span;
                p += du * mean;
                dp += du * (cdf_c * dc - cdf0 * dc0 - mean * (dc - dc0)) / span;
            } else {
                p += du * 0.5 * (cdf_c + cdf0);
                dp += du * 0.5 * (density * dc + density0 * dc0);
            }
        }
        last = Some((c, dc, cdf_c, density, integral));
    }
    (p, dp)
}

/// F*'s three percentiles by [`uncertain::safeguarded_quantile`] on `cdf`, from
/// [`effective_guess`].
fn solve_effective(
    rows: &[(f64, [f64; N])],
    compute: &LinearLaw,
    near: Option<[f64; 3]>,
    mut cdf: impl FnMut(f64) -> (f64, f64),
) -> [f64; 3] {
    let (c_lo, c_hi) = (compute.quantile(0.0), compute.quantile(1.0));
    let (a_lo, a_hi) = span(rows);
    let (lo, hi) = (c_lo + a_lo - 1e-3, c_hi + a_hi + 1e-3);
    let guess = effective_guess(rows, compute, near);
    let qs = [0.1, 0.5, 0.9];
    std::array::from_fn(|i| {
        uncertain::safeguarded_quantile(&mut cdf, qs[i], guess[i], (lo, hi), true)
    })
}

/// The least span in C (OOM) of the rows [`effective_percentiles`] takes A's slope beyond the
/// end rows from: the outermost Gauss points crowd where a trajectory saturates, and the slope
/// of so short a segment is noise (0.29 OOM off F*'s 90th percentile with 24 points).
const END_SPAN: f64 = 0.3;

/// F*'s percentiles from the Gauss points' quantiles: c*(u_k, f) inverts the piecewise-linear
/// c ↦ c + A's level-k quantile at c through the points.
fn effective_percentiles(
    rows: &[(f64, [f64; N])],
    compute: &LinearLaw,
    near: Option<[f64; 3]>,
) -> [f64; 3] {
    // g_k(c) = c + A's level-k quantile at c, at the rows, kept non-decreasing in c; beyond
    // the rows, linear at the end segments' slopes. Held at the end rows' instead, A put F*'s
    // 90th percentile 0.11 OOM off with spend and progress at their widest (0.07 extended).
    let g: Vec<[f64; N]> = {
        let mut g: Vec<[f64; N]> = rows.iter().map(|(c, q)| q.map(|a| c + a)).collect();
        for i in 1..g.len() {
            let before = g[i - 1];
            for (v, b) in g[i].iter_mut().zip(before) {
                *v = v.max(b);
            }
        }
        g
    };
    let n = rows.len();
    // dc/dg beyond the end rows: over the rows within END_SPAN of the ends and one more (A
    // keeps rising with C as it does between them, through the rule), with A's slope in C
    // held within [0, 4]; 1 (A held) with one row.
    let low_end = rows
        .partition_point(|r| r.0 < rows[0].0 + END_SPAN)
        .min(n - 1);
    let high_end = rows
        .partition_point(|r| r.0 <= rows[n - 1].0 - END_SPAN)
        .saturating_sub(1);
    let end_slope = |i: usize, j: usize, k: usize| -> f64 {
        let dg = g[j][k] - g[i][k];
        if j > i && dg > 1e-9 {
            ((rows[j].0 - rows[i].0) / dg).clamp(0.2, 1.0)
        } else {
            1.0
        }
    };
    // c*(u_k, f) and dc*/df.
    let invert = |k: usize, f: f64| -> (f64, f64) {
        if f <= g[0][k] {
            let slope = end_slope(0, low_end, k);
            return (rows[0].0 - (g[0][k] - f) * slope, slope);
        }
        if f >= g[n - 1][k] {
            let slope = end_slope(high_end, n - 1, k);
            return (rows[n - 1].0 + (f - g[n - 1][k]) * slope, slope);
        }
        let i = g.partition_point(|r| r[k] <= f).clamp(1, n - 1);
        let (g0, g1) = (g[i - 1][k], g[i][k]);
        let (c0, c1) = (rows[i - 1].0, rows[i].0);
        if g1 - g0 > 1e-12 {
            let slope = (c1 - c0) / (g1 - g0);
            (c0 + (f - g0) * slope, slope)
        } else {
            (c1, 0.0)
        }
    };
    let cdf = |f: f64| strips(compute, |k| invert(k, f));
    solve_effective(rows, compute, near, cdf)
}

/// A's percentiles: its law given C at the middle of each cell of C's levels (quantiles
/// interpolated in C between the Gauss points), mixed with the cells' weights; each is
/// linear in the level between A's quantiles, so the mixture's CDF and density are exact
/// sums. With one of progress's factors certain (`closed`), each is then polished on the
/// mixture of A's exact CDFs given the cells' C ([`exact_progress_cdf`]): interpolated,
/// A's band was 0.053 OOM off with compute and cap uncertain (0.028 polished) and 0.046 with
/// FLOP/$ and cap (0.041), where the cap's clamping at 0 and the rule's endpoints are kinks
/// in C between the points. `near`: guesses.
fn progress_percentiles(
    rows: &[(f64, [f64; N])],
    compute: &LinearLaw,
    closed: Option<&ClosedProgress>,
    near: Option<[f64; 3]>,
) -> [f64; 3] {
    let cells: Vec<(f64, f64)> = LEVELS
        .windows(2)
        .map(|w| (w[1] - w[0], compute.quantile(0.5 * (w[0] + w[1]))))
        .collect();
    let mixed: Vec<(f64, [f64; N])> = cells.iter().map(|&(w, c)| (w, row_at(rows, c))).collect();
    let cdf = |a: f64| -> (f64, f64) {
        let (mut p, mut density) = (0.0, 0.0);
        for (w, q) in &mixed {
            let k = q.partition_point(|&v| v < a);
            match (k.checked_sub(1), q.get(k)) {
                (None, _) => {}
                (Some(_), None) => p += w,
                (Some(j), Some(&q1)) => {
                    let (q0, du) = (q[j], LEVELS[j + 1] - LEVELS[j]);
                    if q1 - q0 > 1e-12 {
                        p += w * (LEVELS[j] + (a - q0) / (q1 - q0) * du);
                        density += w * du / (q1 - q0);
                    } else {
                        p += w * LEVELS[j];
                    }
                }
            }
        }
        (p, density)
    };
    let guess = near
        .filter(|g| g.iter().all(|v| v.is_finite()))
        .unwrap_or_else(|| BAND_LEVELS.map(|k| mixed[MEDIAN].1[k]));
    let qs = [0.1, 0.5, 0.9];
    let bounds = span(&mixed);
    let interpolated: [f64; 3] = std::array::from_fn(|i| {
        uncertain::safeguarded_quantile(cdf, qs[i], guess[i], bounds, false)
    });
    // A ≥ −log10 2 (X and the cap are at least 0); the rows' end quantiles may be off.
    // Searched from the interpolated percentiles, the exact CDF steered by the interpolated
    // density.
    let support = (-LOG10_2, bounds.1 + 1.0);
    let Some(exact) = closed.and_then(|p| exact_progress_cdf(p, &cells)) else {
        return interpolated;
    };
    let polished = |x: f64| (exact(x), cdf(x).1);
    std::array::from_fn(|i| {
        uncertain::safeguarded_quantile(polished, qs[i], interpolated[i], support, false)
    })
}

/// Pr[A ≤ a] with one of progress's factors certain: A's exact law given C
/// ([`ClosedProgress::cdf_given_compute`]) at each of `cells` (weight, C), mixed. None when
/// progress is certain.
fn exact_progress_cdf<'p>(
    progress: &'p ClosedProgress,
    cells: &'p [(f64, f64)],
) -> Option<impl Fn(f64) -> f64 + 'p> {
    let (s1, s2) = progress.law.sigmas();
    if s1 == 0.0 && s2 == 0.0 {
        return None;
    }
    Some(move |a: f64| {
        let power = pow10(-a);
        cells
            .iter()
            .map(|&(w, c)| w * progress.cdf_given_compute(c, a, power))
            .sum()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_levels_are_the_bands_percentiles() {
        assert_eq!(BAND_LEVELS.map(|k| LEVELS[k]), [0.1, 0.5, 0.9]);
    }

    /// A law through `n` points of N(mean, σ²) between ±4σ.
    fn normal_law(mean: f64, sigma: f64, n: usize) -> LinearLaw {
        let zs: Vec<f64> = (0..n)
            .map(|i| -4.0 + 8.0 * i as f64 / (n - 1) as f64)
            .collect();
        LinearLaw::through(
            zs.iter().map(|z| mean + sigma * z).collect(),
            zs.iter().map(|&z| uncertain::normal_cdf(z)).collect(),
        )
    }

    fn row(f: impl Fn(f64) -> f64) -> [f64; N] {
        level_scores().map(f)
    }

    #[test]
    fn effective_compute_is_compute_plus_a_certain_progress() {
        let compute = normal_law(30.0, 1.5, 201);
        let rows = [(25.0, row(|_| 1.5)), (35.0, row(|_| 1.5))];
        let got = effective_percentiles(&rows, &compute, None);
        for (g, q) in got.iter().zip([0.1, 0.5, 0.9]) {
            let want = compute.quantile(q) + 1.5;
            assert!((g - want).abs() < 2e-3, "q {q}: {g} vs {want}");
        }
    }

    /// A = 1.5 + 0.1 (C − 30) at four points within ±2 of C's median, C ~ N(30, 2²): F* =
    /// 1.1 C − 1.5 at C's percentiles, the 10th and 90th beyond the points.
    #[test]
    fn effective_compute_beyond_the_points_follows_their_slope() {
        let compute = normal_law(30.0, 2.0, 201);
        let at = |c: f64| (c, row(|_| 1.5 + 0.1 * (c - 30.0)));
        let rows = [at(28.0), at(29.0), at(31.0), at(32.0)];
        let got = effective_percentiles(&rows, &compute, None);
        for (g, q) in got.iter().zip([0.1, 0.5, 0.9]) {
            let want = 1.1 * compute.quantile(q) - 1.5;
            assert!((g - want).abs() < 2e-3, "q {q}: {g} vs {want}");
        }
    }

    /// The requirement f with f − (A's level-k quantile at f) = c, by bisection: it rises
    /// with f (A ≥ −log10 2, and A's rise with f is well under 1).
    fn requirement_at(progress: &ClosedProgress, k: usize, c: f64) -> f64 {
        let (mut lo, mut hi) = (c - 1.0, c + 20.0);
        for _ in 0..100 {
            let f = 0.5 * (lo + hi);
            let mut a = [0.0; N];
            progress.quantiles(f, &mut a);
            if f - a[k] < c {
                lo = f;
            } else {
                hi = f;
            }
        }
        lo
    }

    #[test]
    fn closed_form_effective_compute_at_a_certain_compute_solves_f_minus_a() {
        let rule = AlgorithmicProgress::default();
        let c = 28.0;
        let compute = LinearLaw::through(vec![c], vec![1.0]);
        for law in [ProgressLaw::new(0.0, 1.5), ProgressLaw::new(0.8, 0.0)] {
            let progress = ClosedProgress::new(&rule, &law, 10.0).unwrap();
            let rows = [(c, row(|z| (2.0 + 3.0 * z).max(-0.3)))];
            let got = closed_effective_percentiles(&rows, &progress, &compute, None);
            for (g, (q, k)) in got.iter().zip([0.1, 0.5, 0.9].into_iter().zip(BAND_LEVELS)) {
                let want = requirement_at(&progress, k, c);
                assert!((g - want).abs() < 2e-3, "{law:?} q {q}: {g} vs {want}");
            }
        }
    }

    /// With C certain and one of progress's factors certain, A's u quantile is the a with
    /// a = A's u quantile at the requirement c + a, even from rows that put A 0.3 OOM off.
    #[test]
    fn progress_with_one_factor_certain_is_exact_given_compute() {
        let rule = AlgorithmicProgress::default();
        let c = 30.0;
        let compute = LinearLaw::through(vec![c], vec![1.0]);
        for law in [ProgressLaw::new(0.0, 1.5), ProgressLaw::new(0.8, 0.0)] {
            let progress = ClosedProgress::new(&rule, &law, 15.0).unwrap();
            let mut truth = [0.0; N];
            progress.quantiles(c + 2.0, &mut truth);
            let rows = [(c, truth.map(|a| a + 0.3))];
            let got = progress_percentiles(&rows, &compute, Some(&progress), None);
            for (g, (q, k)) in got.iter().zip([0.1, 0.5, 0.9].into_iter().zip(BAND_LEVELS)) {
                let want = requirement_at(&progress, k, c) - c;
                assert!((g - want).abs() < 2e-3, "{law:?} q {q}: {g} vs {want}");
            }
        }
    }

    /// A = 0.1 (C − 30) + 0.5 Z with C ~ N(30, 2²): A ~ N(0, 0.2² + 0.5²).
    #[test]
    fn progress_moving_with_compute_has_the_mixtures_percentiles() {
        let compute = normal_law(30.0, 2.0, 201);
        let at = |c: f64| (c, row(|z| 0.1 * (c - 30.0) + 0.5 * z));
        let rows = [at(20.0), at(30.0), at(40.0)];
        let got = progress_percentiles(&rows, &compute, None, None);
        let sigma = f64::hypot(0.2, 0.5);
        for (g, q) in got.iter().zip([0.1, 0.5, 0.9]) {
            let want = sigma * uncertain::normal_quantile(q);
            assert!((g - want).abs() < 0.01, "q {q}: {g} vs {want}");
        }
    }
}
