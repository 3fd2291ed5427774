//! The compute factors' normal cells and atoms ([`compute_cells`], [`factor_atoms`]) and the
//! percentiles of a sum of two such measures ([`percentiles_of_sum`], [`solve_quantile`]).

use super::gaussian::{normal_quantile, phi_fast, truncated_normal};

/// The law of one trajectory's log value in one year under a lognormal factor k = e^{σZ} on
/// its doubling (or halving) time, as atoms: `value(k)` at the centroid of each shared normal
/// cell (`cells`, from [`compute_cells`]; `factors` their k, computed once per σ), with the
/// cell where the trajectory reaches its ceiling (`knee_k`, the factor at which it gets there)
/// cut there and in quarters around it, since the value bends sharply in Z there.
pub fn factor_atoms(
    cells: &[(f64, f64, f64, f64)],
    sigma: f64,
    factors: &[f64],
    knee_k: Option<f64>,
    value: &dyn Fn(f64) -> f64,
) -> Vec<(f64, f64)> {
    let split = knee_k
        .filter(|k| *k > 0.0 && k.is_finite())
        .map(|k| libm::log(k) / sigma);
    let mut out = Vec::with_capacity(cells.len() + 8);
    for (&(lo, hi, _, w), &k) in cells.iter().zip(factors) {
        match split {
            Some(s) if s > lo && s < hi => {
                let width = if lo.is_finite() && hi.is_finite() {
                    hi - lo
                } else {
                    0.5
                };
                let mut cuts = vec![lo];
                for f in [-0.5, -0.25, 0.0, 0.25, 0.5] {
                    let c = s + f * width;
                    if c > lo && c < hi {
                        cuts.push(c);
                    }
                }
                cuts.push(hi);
                for p in cuts.windows(2) {
                    let (mean, mass) = truncated_normal(p[0], p[1]);
                    if mass > 0.0 {
                        out.push((value(libm::exp(sigma * mean)), mass));
                    }
                }
            }
            _ => out.push((value(k), w)),
        }
    }
    out
}

/// The factor k = e^{σz} at each cell's centroid.
pub fn cell_factors(cells: &[(f64, f64, f64, f64)], sigma: f64) -> Vec<f64> {
    cells.iter().map(|c| libm::exp(sigma * c.2)).collect()
}

/// The normal cells every uncertain compute factor uses, as (low end, high end, centroid,
/// weight): 32 of equal probability, the outermost of them cut in halves three times towards
/// the tail (cells of 1/64, 1/128, 1/256 and 1/256). A factor on a doubling time makes its
/// trajectory lognormal in the growth, and the tail of fast growth reaches far in one cell
/// (with ×/÷ 5, the fastest 1/32 of FLOP/$ paths gain from 1.3 OOM in a year up to the
/// ceiling): equal cells alone left 0.03 percentage points of error in the first years,
/// these under 0.01 (against `model/tests/model/convergence.rs`'s references).
pub fn compute_cells() -> &'static [(f64, f64, f64, f64)] {
    static CELLS: std::sync::OnceLock<Vec<(f64, f64, f64, f64)>> = std::sync::OnceLock::new();
    CELLS.get_or_init(|| {
        let n = COMPUTE_CELLS as f64;
        let tail = [1.0 / 8.0, 1.0 / 4.0, 1.0 / 2.0].map(|f| f / n);
        let mut ps = vec![0.0];
        ps.extend(tail);
        ps.extend((1..COMPUTE_CELLS).map(|i| i as f64 / n));
        ps.extend(tail.iter().rev().map(|f| 1.0 - f));
        ps.push(1.0);
        ps.windows(2)
            .map(|w| {
                let (lo, hi) = (normal_quantile(w[0]), normal_quantile(w[1]));
                (lo, hi, truncated_normal(lo, hi).0, w[1] - w[0])
            })
            .collect()
    })
}

/// Equal-probability cells in the body of [`compute_cells`].
pub const COMPUTE_CELLS: usize = 32;

/// A CDF through atoms sorted by value, each at the middle of its weight (the convention of
/// the bands' weighted quantiles), interpolated linearly in normal scores between atoms: the
/// atoms are centroids of normal cells of a factor, so the CDF is close to Φ of a smooth
/// function of the value there, where linear interpolation of the probability itself makes
/// C's median wavy at the widest settings (0.08 OOM against a fine grid).
pub struct AtomCdf {
    xs: Vec<f64>,
    ps: Vec<f64>,
    zs: Vec<f64>,
}

impl AtomCdf {
    pub fn new(atoms: &[(f64, f64)]) -> AtomCdf {
        let mut sorted = atoms.to_vec();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: f64 = sorted.iter().map(|a| a.1).sum();
        let mut before = 0.0;
        let mut xs = Vec::with_capacity(sorted.len());
        let mut ps = Vec::with_capacity(sorted.len());
        for (x, w) in sorted {
            xs.push(x);
            ps.push((before + w / 2.0) / total);
            before += w;
        }
        let zs = ps.iter().map(|&p| normal_quantile(p)).collect();
        AtomCdf { xs, ps, zs }
    }

    pub fn at(&self, x: f64) -> f64 {
        let n = self.xs.len();
        if n == 0 {
            return 0.0;
        }
        if x <= self.xs[0] {
            return if x < self.xs[0] { 0.0 } else { self.ps[0] };
        }
        if x >= self.xs[n - 1] {
            return 1.0;
        }
        let i = self.xs.partition_point(|&v| v <= x);
        let (x0, x1) = (self.xs[i - 1], self.xs[i]);
        if x1 > x0 {
            let (z0, z1) = (self.zs[i - 1], self.zs[i]);
            phi_fast(z0 + (x - x0) / (x1 - x0) * (z1 - z0))
        } else {
            self.ps[i]
        }
    }
}

/// The `q` quantile of a non-decreasing function `cdf` on [lo, hi], by the Illinois variant
/// of regula falsi (to 1e-4 OOM, or the bracket if it has no crossing).
pub fn solve_quantile(cdf: &dyn Fn(f64) -> f64, q: f64, lo: f64, hi: f64) -> f64 {
    let (mut a, mut b) = (lo, hi);
    let (mut fa, mut fb) = (cdf(a) - q, cdf(b) - q);
    if fa >= 0.0 {
        return a;
    }
    if fb <= 0.0 {
        return b;
    }
    let mut side = 0;
    for _ in 0..100 {
        if b - a < 1e-4 {
            break;
        }
        let mut x = (a * fb - b * fa) / (fb - fa);
        if !(x > a && x < b) {
            x = 0.5 * (a + b);
        }
        let fx = cdf(x) - q;
        if fx > 0.0 {
            b = x;
            fb = fx;
            if side == -1 {
                fa /= 2.0;
            }
            side = -1;
        } else {
            a = x;
            fa = fx;
            if side == 1 {
                fb /= 2.0;
            }
            side = 1;
        }
    }
    0.5 * (a + b)
}

/// The 10th, 50th and 90th percentiles of A + B for independent A and B: A (the narrower)
/// on Gauss points, B through the piecewise-linear CDF of its atoms. `near`: last year's
/// percentiles, which bracket this year's within 1 OOM (a trajectory moves less in a year),
/// else the whole range.
pub fn percentiles_of_sum(a: &[(f64, f64)], b: &[(f64, f64)], near: Option<[f64; 3]>) -> [f64; 3] {
    let inner = AtomCdf::new(b);
    let range = |atoms: &[(f64, f64)]| {
        atoms
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x.0), hi.max(x.0))
            })
    };
    let ((alo, ahi), (blo, bhi)) = (range(a), range(b));
    let cdf = |c: f64| a.iter().map(|&(x, w)| w * inner.at(c - x)).sum::<f64>();
    let (lo, hi) = (alo + blo - 1.0, ahi + bhi + 1.0);
    let mut out = [0.0; 3];
    for (i, q) in [0.1, 0.5, 0.9].into_iter().enumerate() {
        let bracket = near
            .map(|n| (n[i] - 1.0, n[i] + 1.0))
            .filter(|&(l, h)| l > lo && h < hi && cdf(l) < q && cdf(h) > q);
        let (l, h) = bracket.unwrap_or((lo, hi));
        out[i] = solve_quantile(&cdf, q, l, h);
    }
    out
}
