//! Integration over uncertain trajectories that converges, instead of a few quadrature nodes
//! per uncertainty (ARCHITECTURE.md, "Integrating over trajectory uncertainty", says why).
//!
//! Two facts make it possible. First, each trajectory with fixed factors is monotone in the
//! year (FLOP/$ and spend rise while GDP does not shrink, progress only grows), so "TAI by Y"
//! is "TAI in Y" and only each year's distributions matter. Then, for one year:
//!
//! - hardware and spending enter only through affordable compute C = log FLOP/$ + log spend,
//!   so their two uncertainties collapse into one distribution, which [`gauss_rule`] reduces to
//!   a few Gauss points (the probability is smooth in C, so they converge fast);
//! - algorithmic progress for a requirement F is A = −log10(10^−X + 10^−M⁺) with X the
//!   uncapped progress (lognormal: t·log10 2 / (h(F)·halving factor)) and M⁺ the cap
//!   (normal, clamped at 0). Its survival Pr[A ≥ a] has closed forms when one of the two is
//!   certain and a cheap cell formula when both are uncertain ([`ProgressLaw`]), so for each C
//!   point, P_a = ∫ Pr[A_F ≥ F − C] dD_a(F): an integral of a smooth function against the
//!   requirement CDF ([`AffordCurve`]), with no kinks left in the integrand.
//!
//! All transcendental math goes through `libm`, so native and wasm builds give the same bits.

use super::requirements::{GridCdf, MomentPoint, RawMoments, GRID_MAX};

/// log10 2: the progress a halving time of one year gives per year.
pub const LOG10_2: f64 = std::f64::consts::LOG10_2;

/// Standard normal CDF.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z * std::f64::consts::FRAC_1_SQRT_2)
}

/// Standard normal density.
pub fn normal_pdf(z: f64) -> f64 {
    libm::exp(-0.5 * z * z) * 0.398_942_280_401_432_7
}

/// Φ from a table: cubic Hermite interpolation of Φ and φ tabulated (by libm) at steps of
/// 1/32 on [−8.5, 8.5], within 4e-9 of the exact value; 0 and 1 beyond (Φ(−8.5) ≈ 1e-17).
/// Each step's cubic is stored as its four coefficients, so an evaluation is a lookup and
/// three multiply-adds: plain arithmetic on a table built once, so native and wasm builds
/// give the same bits, at a tenth of `erfc`'s cost; the curves evaluate it ~10^5 times per
/// forecast.
#[inline]
pub fn phi_fast(z: f64) -> f64 {
    phi_from(normal_table(), z)
}

/// [`phi_fast`] with the table already at hand (hot loops fetch it once).
#[inline(always)]
fn phi_from(table: &[[f64; 4]], z: f64) -> f64 {
    let pos = (z + FAST_TABLE_END) * FAST_TABLE_STEPS;
    // NaN and everything left of the table read as 0.
    if pos.is_nan() || pos <= 0.0 {
        return 0.0;
    }
    if pos >= table.len() as f64 {
        return 1.0;
    }
    let i = nearest_index(pos - 0.5).min(table.len() - 1);
    let u = pos - i as f64;
    let [c0, c1, c2, c3] = table[i];
    ((c3 * u + c2) * u + c1) * u + c0
}

const FAST_TABLE_END: f64 = 8.5;
const FAST_TABLE_STEPS: f64 = 32.0;

/// round(x) for 0 ≤ x < 2^31 by the 1.5·2^52 shift (IEEE round-to-nearest leaves the integer
/// in the low bits): a third of the instructions of a saturating `as usize`, and the same on
/// every platform. At an exact half it may round either way, which the interpolations above
/// tolerate (they are continuous across their nodes).
#[inline(always)]
fn nearest_index(x: f64) -> usize {
    const SHIFT: f64 = 6_755_399_441_055_744.0;
    ((x + SHIFT).to_bits() & 0xffff_ffff) as usize
}

/// Per step of 1/32: the cubic Hermite interpolant of Φ through its ends (values and
/// derivatives φ), as coefficients of 1, u, u², u³ for u ∈ [0, 1] across the step.
fn normal_table() -> &'static [[f64; 4]] {
    static TABLE: std::sync::OnceLock<Vec<[f64; 4]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let n = (2.0 * FAST_TABLE_END * FAST_TABLE_STEPS) as usize;
        let h = 1.0 / FAST_TABLE_STEPS;
        let at = |i: usize| {
            let z = i as f64 * h - FAST_TABLE_END;
            (normal_cdf(z), h * normal_pdf(z))
        };
        (0..n)
            .map(|i| {
                let ((p0, d0), (p1, d1)) = (at(i), at(i + 1));
                [
                    p0,
                    d0,
                    3.0 * (p1 - p0) - 2.0 * d0 - d1,
                    2.0 * (p0 - p1) + d0 + d1,
                ]
            })
            .collect()
    })
}

/// Natural log from a table: the exponent from the bits, ln of the mantissa's nearest
/// 1 + k/128 from a table (libm), and the rest by five terms of ln(1 + r), r < 1/128: within
/// 1e-12 of libm for positive normal numbers (NaN for others, as the callers never pass).
#[inline]
pub fn ln_fast(x: f64) -> f64 {
    ln_from(ln_table(), x)
}

/// [`ln_fast`] with the table already at hand.
#[inline(always)]
fn ln_from(table: &[[f64; 2]; 129], x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || !x.is_normal() {
        return libm::log(x);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mantissa = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let k = nearest_index((mantissa - 1.0) * 128.0);
    let [ln_t, inv_t] = table[k];
    let r = (mantissa * inv_t) - 1.0;
    let series = r * (1.0 - r * (0.5 - r * (1.0 / 3.0 - r * (0.25 - r * 0.2))));
    exponent as f64 * std::f64::consts::LN_2 + ln_t + series
}

fn ln_table() -> &'static [[f64; 2]; 129] {
    static TABLE: std::sync::OnceLock<[[f64; 2]; 129]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|k| {
            let t = 1.0 + k as f64 / 128.0;
            [libm::log(t), 1.0 / t]
        })
    })
}

/// z with Φ(z) = p, for 0 < p < 1: Acklam's rational approximation, then two Newton steps on
/// the exact Φ (full double precision).
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let mut x = if p < 0.024_25 {
        tail(libm::sqrt(-2.0 * libm::log(p)))
    } else if p > 1.0 - 0.024_25 {
        -tail(libm::sqrt(-2.0 * libm::log(1.0 - p)))
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    for _ in 0..2 {
        let density = normal_pdf(x);
        if density > 0.0 {
            x -= (normal_cdf(x) - p) / density;
        }
    }
    x
}

/// A quadrature rule: points and weights summing to 1.
pub type Rule = Vec<(f64, f64)>;

/// The n-point Gauss–Hermite rule for E[f(Z)], Z ~ N(0, 1) (probabilists' Hermite: the
/// Jacobi matrix has zero diagonal and √k off it). Exact for polynomials of degree 2n − 1.
pub fn gauss_hermite(n: usize) -> Rule {
    let alpha = vec![0.0; n];
    let beta: Vec<f64> = (0..n).map(|k| k as f64).collect();
    gauss_from_recurrence(&alpha, &beta)
}

/// The Gauss rule of a measure from its three-term recurrence: p_{k+1} = (x − α_k) p_k −
/// β_k p_{k−1}, with β_0 the total mass. Golub–Welsch: the points are the eigenvalues of the
/// Jacobi matrix, the weights β_0 times the squared first components of its eigenvectors
/// (implicit QL with Wilkinson shifts, as in Numerical Recipes' `tqli`). Weights are
/// normalized to sum to 1 and points sorted ascending.
pub fn gauss_from_recurrence(alpha: &[f64], beta: &[f64]) -> Rule {
    let n = alpha.len();
    if n == 0 {
        return Vec::new();
    }
    let mut d = alpha.to_vec();
    // e[i] couples i and i + 1; e[n − 1] is scratch.
    let mut e: Vec<f64> = (1..=n)
        .map(|k| {
            if k < n {
                libm::sqrt(beta[k].max(0.0))
            } else {
                0.0
            }
        })
        .collect();
    // First components of the eigenvectors.
    let mut z = vec![0.0; n];
    z[0] = 1.0;
    for l in 0..n {
        let mut iterations = 0;
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l || iterations >= 60 {
                break;
            }
            iterations += 1;
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            // √(x² + y²) without libm's overflow care: these entries are O(1) (scaled atoms,
            // Hermite's √k), and `f64::sqrt` is correctly rounded everywhere.
            let mut r = (g * g + 1.0).sqrt();
            g = d[m] - d[l] + e[l] / (g + if g >= 0.0 { r } else { -r });
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut i = m;
            let mut underflow = false;
            while i > l {
                i -= 1;
                let f = s * e[i];
                let b = c * e[i];
                r = (f * f + g * g).sqrt();
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    underflow = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                let zf = z[i + 1];
                z[i + 1] = s * z[i] + c * zf;
                z[i] = c * z[i] - s * zf;
            }
            if underflow {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    let mut rule: Rule = d.into_iter().zip(z).map(|(x, v)| (x, v * v)).collect();
    let total: f64 = rule.iter().map(|p| p.1).sum();
    for p in &mut rule {
        p.1 /= total;
    }
    rule.sort_by(|a, b| a.0.total_cmp(&b.0));
    rule
}

/// The n-point Gauss rule of a discrete measure (atoms and weights), by the Stieltjes
/// procedure on the atoms (centred and scaled first, for stability). Fewer points when the
/// measure has fewer distinct atoms than n (a certain quantity gives one point).
pub fn gauss_rule(atoms: &[(f64, f64)], n: usize) -> Rule {
    let total: f64 = atoms.iter().map(|a| a.1).sum();
    if atoms.is_empty() || total <= 0.0 {
        return Vec::new();
    }
    let mean = atoms.iter().map(|a| a.0 * a.1).sum::<f64>() / total;
    let var = atoms
        .iter()
        .map(|a| (a.0 - mean) * (a.0 - mean) * a.1)
        .sum::<f64>()
        / total;
    let scale = libm::sqrt(var);
    if scale.is_nan() || scale <= 1e-12 * (1.0 + mean.abs()) {
        return vec![(mean, 1.0)];
    }
    let xs: Vec<f64> = atoms.iter().map(|a| (a.0 - mean) / scale).collect();
    let ws: Vec<f64> = atoms.iter().map(|a| a.1 / total).collect();
    let mut alpha = Vec::with_capacity(n);
    let mut beta = Vec::with_capacity(n);
    let mut p_prev = vec![0.0; xs.len()];
    let mut p = vec![1.0; xs.len()];
    let mut norm_prev = 1.0;
    for k in 0..n {
        let norm: f64 = ws.iter().zip(&p).map(|(w, p)| w * p * p).sum();
        // A measure with k distinct atoms has no k-th orthogonal polynomial.
        if k > 0 && (norm.is_nan() || norm <= 1e-13 * norm_prev) {
            break;
        }
        let a = ws
            .iter()
            .zip(&p)
            .zip(&xs)
            .map(|((w, p), x)| w * x * p * p)
            .sum::<f64>()
            / norm;
        let b = if k == 0 { 1.0 } else { norm / norm_prev };
        alpha.push(a);
        beta.push(b);
        for i in 0..xs.len() {
            let next = (xs[i] - a) * p[i] - b * p_prev[i];
            p_prev[i] = p[i];
            p[i] = next;
        }
        norm_prev = norm;
    }
    gauss_from_recurrence(&alpha, &beta)
        .into_iter()
        .map(|(x, w)| (mean + scale * x, w))
        .collect()
}

/// Equal-probability cells of N(0, 1): `n` cells, each with its centroid E[Z | cell] (closed
/// form) and weight 1/n. Exact for functions linear in Z; the engine refines the cell where a
/// trajectory reaches its ceiling (see [`FactorLaw`]).
pub fn normal_cells(n: usize) -> Vec<(f64, f64, f64)> {
    let bounds: Vec<f64> = (0..=n)
        .map(|i| normal_quantile(i as f64 / n as f64))
        .collect();
    bounds
        .windows(2)
        .map(|b| (b[0], b[1], 1.0 / n as f64))
        .collect()
}

/// E[Z | lo < Z < hi] and Pr[lo < Z < hi] for Z ~ N(0, 1).
pub fn truncated_normal(lo: f64, hi: f64) -> (f64, f64) {
    let pdf = |z: f64| if z.is_finite() { normal_pdf(z) } else { 0.0 };
    let mass = normal_cdf(hi) - normal_cdf(lo);
    if mass <= 0.0 {
        let mid = if lo.is_finite() && hi.is_finite() {
            0.5 * (lo + hi)
        } else if lo.is_finite() {
            lo
        } else {
            hi
        };
        return (mid, 0.0);
    }
    ((pdf(lo) - pdf(hi)) / mass, mass)
}

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

/// Gauss points of affordable compute C = a + b for independent a and b given by Gauss rules
/// `ra` and `rb`: their sums combined and reduced to `n` points, exact for the moments of C up
/// to degree 2·min(n, |ra|, |rb|) − 1.
pub fn gauss_rule_of_rules(ra: &[(f64, f64)], rb: &[(f64, f64)], n: usize) -> Rule {
    let sum: Vec<(f64, f64)> = ra
        .iter()
        .flat_map(|&(x, w)| rb.iter().map(move |&(y, v)| (x + y, w * v)))
        .collect();
    gauss_rule(&sum, n)
}

/// How the survival of algorithmic progress is computed, chosen from the two uncertainties
/// (σ of the halving factor in natural-log units, σ of the cap shift in OOM). When both are
/// narrow the engine integrates on Gauss–Hermite points instead (see [`ProgressLaw::new`]).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// The halving factor certain: closed form in the cap.
    HalvingCertain,
    /// The cap certain: closed form in the halving factor.
    CapCertain,
    /// Both uncertain: the product of the two survivals minus the sliver where the smooth
    /// minimum falls short of the plain one, by cells of the narrower of the two.
    Sliver,
}

/// A bound on the sliver (the probability that both terms lie within 2 OOM above a) below
/// which it is left out: the sliver itself is then under ~1e-6.
const SLIVER_NEGLIGIBLE: f64 = 1e-5;

/// Cells (OOM above the threshold a) for the sliver of [`Mode::Sliver`]; their ends are
/// shared, their representatives the geometric means. Eight, geometric near 0 where the other
/// term's threshold β(u) runs off to infinity: within 0.01 percentage points of ten finer
/// ones on the leave-one-out tests, at 80% of their cost (BENCHMARKS.md).
const SLIVER_CELLS: [f64; 9] = [0.0, 0.005, 0.02, 0.06, 0.15, 0.3, 0.6, 1.2, f64::INFINITY];

/// Which term of the smooth minimum is certain, making Pr[A ≥ a] fall to 0 where a reaches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ceiling {
    /// The uncapped progress t·log10 2 / h(F).
    Uncapped,
    /// The cap m(F).
    Cap,
}

/// The a in [lo, hi] where a = value(c + a): where one C point's curve reaches a certain
/// term's ceiling. `breaks` are the requirements where `value` changes slope (the rule's
/// endpoints); between them it is smooth and monotone, so eight samples and bisection (to
/// within `precision`) find every crossing.
pub fn ceiling_points(
    c: f64,
    (lo, hi): (f64, f64),
    breaks: &[f64],
    precision: f64,
    value: &dyn Fn(f64) -> f64,
) -> Vec<f64> {
    let g = |a: f64| value(c + a) - a;
    let mut ends: Vec<f64> = vec![lo, hi];
    ends.extend(breaks.iter().map(|&f| f - c).filter(|&a| a > lo && a < hi));
    ends.sort_by(f64::total_cmp);
    let mut roots = Vec::new();
    for w in ends.windows(2) {
        let samples = 8;
        let mut previous = (w[0], g(w[0]));
        for k in 1..=samples {
            let a = w[0] + (w[1] - w[0]) * k as f64 / samples as f64;
            let ga = g(a);
            if (previous.1 > 0.0) != (ga > 0.0) {
                let (mut l, mut r, gl) = (previous.0, a, previous.1);
                while r - l > precision {
                    let mid = 0.5 * (l + r);
                    if (g(mid) > 0.0) == (gl > 0.0) {
                        l = mid;
                    } else {
                        r = mid;
                    }
                }
                roots.push(0.5 * (l + r));
            }
            previous = (a, ga);
        }
    }
    roots
}

/// Panel ends placed just below a ceiling point, where q falls steeply (logarithmically) to 0.
pub const CEILING_SEEDS: [f64; 6] = [1.0, 0.1, 0.01, 1e-3, 1e-4, 0.0];

/// −log10(1 − 10^−u): how far above a the other term must be for the smooth minimum of two
/// terms, one of them u above a, to reach a.
fn beta(u: f64) -> f64 {
    // 1 − 10^−u = −expm1(−u ln 10), exact even where 10^−u rounds to 1.
    -libm::log10(-libm::expm1(-u * std::f64::consts::LN_10))
}

fn pow10(x: f64) -> f64 {
    libm::exp(x * std::f64::consts::LN_10)
}

/// The distribution of algorithmic progress A = −log10(10^−X + 10^−M⁺) for one requirement:
/// X = x0·e^{σ1 Z1} the uncapped progress (x0 its median, 0 before progress starts), M = m +
/// σ2 Z2 the cap (M⁺ = max(M, 0)), Z1 and Z2 independent standard normals.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressLaw {
    s1: f64,
    s2: f64,
    mode: Mode,
    /// Representative (geometric mean) of each sliver cell, and β there.
    sliver_mid: Vec<f64>,
    sliver_beta: Vec<f64>,
    /// 10^−representative of each cell.
    sliver_pow: Vec<f64>,
}

impl ProgressLaw {
    /// σ1: natural-log σ of the halving factor; σ2: σ of the cap shift, OOM (each > 0 or 0).
    pub fn new(s1: f64, s2: f64) -> ProgressLaw {
        let (s1, s2) = (s1.max(0.0), s2.max(0.0));
        let mode = if s1 == 0.0 {
            Mode::HalvingCertain
        } else if s2 == 0.0 {
            Mode::CapCertain
        } else {
            Mode::Sliver
        };
        let sliver_mid: Vec<f64> = SLIVER_CELLS
            .windows(2)
            .map(|w| {
                if w[0] == 0.0 {
                    0.5 * w[1]
                } else if w[1].is_infinite() {
                    1.5 * w[0]
                } else {
                    libm::sqrt(w[0] * w[1])
                }
            })
            .collect();
        let sliver_beta = sliver_mid.iter().map(|&r| beta(r)).collect();
        let sliver_pow = sliver_mid.iter().map(|&r| pow10(-r)).collect();
        ProgressLaw {
            s1,
            s2,
            mode,
            sliver_mid,
            sliver_beta,
            sliver_pow,
        }
    }

    /// σ of the halving factor (natural log) and of the cap shift (OOM).
    pub fn sigmas(&self) -> (f64, f64) {
        (self.s1, self.s2)
    }

    /// Both uncertainties are zero: progress is a number, not a distribution.
    pub fn is_certain(&self) -> bool {
        self.s1 == 0.0 && self.s2 == 0.0
    }

    /// Pr[X ≥ x].
    fn x_survival(&self, x: f64, x0: f64) -> f64 {
        if x <= 0.0 {
            1.0
        } else if x0 <= 0.0 {
            0.0
        } else if self.s1 == 0.0 {
            if x0 >= x {
                1.0
            } else {
                0.0
            }
        } else {
            phi_fast((ln_fast(x0) - ln_fast(x)) / self.s1)
        }
    }

    /// Pr[M ≥ v] (the cap before clamping).
    fn m_survival(&self, v: f64, m: f64) -> f64 {
        if self.s2 == 0.0 {
            if m >= v {
                1.0
            } else {
                0.0
            }
        } else {
            phi_fast((m - v) / self.s2)
        }
    }

    /// Pr[A ≥ a] with the cap fixed at m⁺ (≥ 0) and the uncapped progress uncertain.
    fn given_cap(&self, a: f64, cap: f64, x0: f64) -> f64 {
        let room = pow10(-a) - pow10(-cap);
        if room <= 0.0 {
            0.0
        } else {
            self.x_survival(-libm::log10(room), x0)
        }
    }

    /// Pr[M ≤ 0]: the chance that the cap is clamped to 0, where progress is
    /// A = −log10(10^−X + 1) ∈ (−log10 2, 0). [`ProgressLaw::survival`] leaves this part out
    /// when the cap is uncertain (it would be a step in a) and [`ProgressLaw::clamp_rule`]
    /// gives its progress.
    pub fn clamp_mass(&self, m: f64) -> f64 {
        if self.s2 == 0.0 {
            0.0
        } else {
            1.0 - self.m_survival(0.0, m)
        }
    }

    /// The clamped part's −A = log10(10^−X + 1) at five Gauss–Hermite points of X (one when
    /// X is certain). Smooth in Z1, so five points are exact far beyond what it weighs.
    pub fn clamp_rule(&self, x0: f64) -> Rule {
        let lambda = |x: f64| libm::log10(1.0 + pow10(-x));
        if self.s1 == 0.0 || x0 <= 0.0 {
            vec![(lambda(x0.max(0.0)), 1.0)]
        } else {
            gauss_hermite(5)
                .into_iter()
                .map(|(z, w)| (lambda(x0 * libm::exp(self.s1 * z)), w))
                .collect()
        }
    }

    /// Pr[A ≥ a] for median uncapped progress `x0` (OOM, ≥ 0) and central cap `m` (OOM),
    /// without the clamped cap when the cap is uncertain ([`ProgressLaw::clamp_mass`]). 1 for
    /// a ≤ −log10 2 when the cap is certain, Pr[M > 0] when it is not.
    pub fn survival(&self, a: f64, x0: f64, m: f64) -> f64 {
        match self.mode {
            Mode::CapCertain => {
                if a <= -LOG10_2 {
                    1.0
                } else {
                    self.given_cap(a, m.max(0.0), x0)
                }
            }
            Mode::HalvingCertain => {
                if a <= -LOG10_2 {
                    self.m_survival(0.0, m)
                } else {
                    self.given_x_unclamped(a, x0, m)
                }
            }
            Mode::Sliver => {
                if a <= -LOG10_2 {
                    self.m_survival(0.0, m)
                } else {
                    self.sliver(a, x0, m)
                }
            }
        }
    }

    /// [`ProgressLaw::given_x`] without the clamped cap: Pr[M > 0, A ≥ a].
    fn given_x_unclamped(&self, a: f64, x: f64, m: f64) -> f64 {
        let room = pow10(-a) - pow10(-x);
        if room <= 0.0 {
            0.0
        } else if room >= 1.0 {
            self.m_survival(0.0, m)
        } else {
            self.m_survival(-libm::log10(room), m)
        }
    }

    /// How many evaluations of [`ProgressLaw::survival`] a curve may use, and its tolerance.
    pub fn evaluation_budget(&self) -> (usize, f64) {
        match self.mode {
            Mode::Sliver => (MAX_EVALUATIONS_SLIVER, CURVE_TOLERANCE),
            Mode::HalvingCertain | Mode::CapCertain => (MAX_EVALUATIONS_CLOSED, CURVE_TOLERANCE),
        }
    }

    /// Where Pr[A ≥ a] falls to 0 because one term of the smooth minimum is certain: at the
    /// uncapped progress (halving certain) or at the cap (cap certain), as a function of the
    /// requirement. None when both are uncertain (no such point).
    pub fn ceiling(&self) -> Option<Ceiling> {
        match self.mode {
            Mode::HalvingCertain => Some(Ceiling::Uncapped),
            Mode::CapCertain => Some(Ceiling::Cap),
            Mode::Sliver => None,
        }
    }

    /// [`Mode::Sliver`]: both uncertain, a > −log10 2, the cap above 0. For a > 0 it is
    /// Pr[X ≥ a]·Pr[M ≥ a] less the sliver where both exceed a but the smooth minimum does
    /// not, summed over cells of the narrower variable (its exact mass per cell, the other's
    /// probability at the cell's representative).
    fn sliver(&self, a: f64, x0: f64, m: f64) -> f64 {
        if x0 <= 0.0 {
            return self.given_x_unclamped(a, 0.0, m);
        }
        if a <= 0.0 {
            // Progress below 0 needs both terms near 0: rare (first years, caps near 0).
            // Cells of M over (0, ∞), exact masses, X's probability at each representative.
            let b = pow10(-a);
            let mut unclamped = 0.0;
            let mut previous = self.m_survival(0.0, m);
            for (k, w) in SLIVER_CELLS.windows(2).enumerate() {
                let next = if w[1].is_infinite() {
                    0.0
                } else {
                    self.m_survival(w[1], m)
                };
                let room = b - self.sliver_pow[k];
                let px = if room >= 1.0 {
                    1.0
                } else {
                    self.x_survival(-ln_fast(room) * std::f64::consts::LOG10_E, x0)
                };
                unclamped += (previous - next) * px;
                previous = next;
            }
            return unclamped;
        }
        // The survivals inline, with both tables and ln x0 fetched once: ~30 of them here.
        let (normal, logs) = (normal_table(), ln_table());
        let ln_x0 = ln_from(logs, x0);
        let (per_s1, per_s2) = (1.0 / self.s1, 1.0 / self.s2);
        let sx_at = |x: f64| phi_from(normal, (ln_x0 - ln_from(logs, x)) * per_s1);
        let sm_at = |v: f64| phi_from(normal, (m - v) * per_s2);
        let (sx, sm) = (sx_at(a), sm_at(a));
        // The sliver lies within ~2 OOM of (a, a): where either variable has (almost) no mass
        // above a, or all of it far above, there is none to take off.
        let far = 2.0;
        let (sx_far, sm_far) = (sx_at(a + far), sm_at(a + far));
        if (sx - sx_far) * (sm - sm_far) < SLIVER_NEGLIGIBLE {
            return sx * sm;
        }
        let narrow_x = self.s1 * a < self.s2;
        let mut sliver = 0.0;
        let mut previous = if narrow_x { sx } else { sm };
        let cells = SLIVER_CELLS.len() - 1;
        for (k, &b) in self.sliver_beta.iter().enumerate() {
            let next = if k + 1 == cells {
                0.0
            } else if narrow_x {
                sx_at(a + SLIVER_CELLS[k + 1])
            } else {
                sm_at(a + SLIVER_CELLS[k + 1])
            };
            let other = if narrow_x {
                sm - sm_at(a + b)
            } else {
                sx - sx_at(a + b)
            };
            sliver += (previous - next) * other;
            previous = next;
        }
        (sx * sm - sliver).max(0.0)
    }
}

/// One C point's curve q(a) = Pr[a requirement C + a is affordable], piecewise quadratic in
/// a between the points that adaptive Simpson refinement kept, for a ∈ [−log10 2, top]
/// (1 below, 0 above). Built once per year and C point; every anchor integrates it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AffordCurve {
    /// C, log10 FLOP.
    pub c: f64,
    /// Panels (a_left, a_mid, a_right) with q at each.
    panels: Vec<[f64; 6]>,
    /// C + each panel end (the first panel's left, then every right end) on the grid.
    ends: Vec<MomentPoint>,
}

/// The adaptive refinement stops when the panels' estimated errors sum to less than this
/// (the error of ∫ q against a density of 1 per OOM, steeper than any requirement
/// distribution the sliders make): 1e-5 is 0.001 percentage points.
const CURVE_TOLERANCE: f64 = 2e-4;
/// Most evaluations of q one curve may use: [`Mode::Sliver`]'s cost ~20 normal CDFs each,
/// the closed forms ~2, and their curves have a ceiling point's steep fall to resolve.
const MAX_EVALUATIONS_SLIVER: usize = 40;
const MAX_EVALUATIONS_CLOSED: usize = 96;
/// Largest drop of q a panel may span before its error estimate is trusted: a feature
/// narrower than a panel then always shows as a drop between its ends (q falls with a).
const MAX_PANEL_DROP: f64 = 0.6;

/// A panel being refined: a, q at its ends, midpoint and quarter points.
#[derive(Clone, Copy)]
struct Panel {
    a: [f64; 5],
    q: [f64; 5],
    error: f64,
}

impl Panel {
    fn new(
        l: f64,
        r: f64,
        [ql, qm, qr]: [f64; 3],
        tolerance: f64,
        q: &mut dyn FnMut(f64) -> f64,
    ) -> Panel {
        let m = 0.5 * (l + r);
        let (lm, rm) = (0.5 * (l + m), 0.5 * (m + r));
        let (qlm, qrm) = (q(lm), q(rm));
        let width = r - l;
        let whole = width / 6.0 * (ql + 4.0 * qm + qr);
        let halves = width / 12.0 * (ql + 4.0 * qlm + 2.0 * qm + 4.0 * qrm + qr);
        let mut error = (whole - halves).abs() / 15.0;
        if (ql - qr).abs() > MAX_PANEL_DROP && width > 1e-6 {
            error = error.max(tolerance);
        }
        Panel {
            a: [l, lm, m, rm, r],
            q: [ql, qlm, qm, qrm, qr],
            error,
        }
    }
}

impl AffordCurve {
    /// Refines q on [lo, hi] (`seeds` inside it are panel ends from the start), splitting the
    /// panel with the largest estimated error until the errors are small enough or the
    /// evaluations run out.
    pub fn build(
        c: f64,
        lo: f64,
        hi: f64,
        seeds: &[f64],
        (max_evaluations, tolerance): (usize, f64),
        q: &mut dyn FnMut(f64) -> f64,
    ) -> Self {
        let mut ends: Vec<f64> = Vec::with_capacity(seeds.len() + 2);
        ends.push(lo);
        ends.extend(seeds.iter().copied().filter(|&s| s > lo && s < hi));
        ends.push(hi.max(lo + 1e-6));
        ends.sort_by(f64::total_cmp);
        ends.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        let values: Vec<f64> = ends.iter().map(|&a| q(a)).collect();
        let mut evaluations = values.len();
        let mut panels: Vec<Panel> = Vec::with_capacity(max_evaluations / 2);
        for i in 0..ends.len() - 1 {
            let (l, r) = (ends[i], ends[i + 1]);
            let qm = q(0.5 * (l + r));
            panels.push(Panel::new(
                l,
                r,
                [values[i], qm, values[i + 1]],
                tolerance,
                q,
            ));
            evaluations += 3;
        }
        while evaluations + 4 <= max_evaluations {
            let total: f64 = panels.iter().map(|p| p.error).sum();
            if total <= tolerance {
                break;
            }
            let (worst, _) = panels.iter().enumerate().fold((0, -1.0), |best, (i, p)| {
                if p.error > best.1 {
                    (i, p.error)
                } else {
                    best
                }
            });
            let p = panels[worst];
            if p.a[4] - p.a[0] < 1e-7 {
                panels[worst].error = 0.0;
                continue;
            }
            let left = Panel::new(p.a[0], p.a[2], [p.q[0], p.q[1], p.q[2]], tolerance, q);
            let right = Panel::new(p.a[2], p.a[4], [p.q[2], p.q[3], p.q[4]], tolerance, q);
            panels[worst] = left;
            panels.insert(worst + 1, right);
            evaluations += 4;
        }
        // Each panel integrates as two Simpson panels over its halves.
        let halves: Vec<[f64; 6]> = panels
            .iter()
            .flat_map(|p| {
                [
                    [p.a[0], p.a[1], p.a[2], p.q[0], p.q[1], p.q[2]],
                    [p.a[2], p.a[3], p.a[4], p.q[2], p.q[3], p.q[4]],
                ]
            })
            .collect();
        let ends = halves
            .first()
            .map(|p| p[0])
            .into_iter()
            .chain(halves.iter().map(|p| p[2]))
            .map(|a| MomentPoint::new(c + a))
            .collect();
        AffordCurve {
            c,
            panels: halves,
            ends,
        }
    }

    /// The end of the curve's range: q is 0 beyond it.
    pub fn top(&self) -> f64 {
        self.panels.last().map_or(0.0, |p| p[2])
    }

    /// Evaluations of q this curve used.
    pub fn points(&self) -> usize {
        2 * self.panels.len() + 1
    }

    /// q at `a` (1 below the first panel, 0 above the last).
    pub fn at(&self, a: f64) -> f64 {
        let Some(first) = self.panels.first() else {
            return 0.0;
        };
        if a <= first[0] {
            return 1.0;
        }
        let i = self.panels.partition_point(|p| p[2] < a);
        let Some(p) = self.panels.get(i) else {
            return 0.0;
        };
        quadratic_at(p, a)
    }

    /// ∫ q(F − C) dD(F): the probability this anchor's requirement is affordable at C, with
    /// the clamped cap's part: mass `clamp` whose progress is −λ at the points of `lambdas`.
    pub fn integrate(&self, dist: &GridCdf, clamp: f64, lambdas: &[(f64, f64)]) -> f64 {
        let Some(first) = self.panels.first() else {
            return 0.0;
        };
        let below = dist.at(self.c + first[0]);
        let mut total = below;
        // The moments up to each panel end, found once and shared by the two panels there.
        let mut start = dist.raw_moments_at(&self.ends[0]);
        for (p, at) in self.panels.iter().zip(&self.ends[1..]) {
            let end = dist.raw_moments_at(at);
            total += integrate_panel(p, self.c, dist, &start, &end);
            start = end;
        }
        if clamp > 0.0 {
            let reached: f64 = lambdas
                .iter()
                .map(|&(l, w)| w * (dist.at(self.c - l) - below).max(0.0))
                .sum();
            total += clamp * reached;
        }
        total.clamp(0.0, 1.0)
    }
}

fn quadratic_at(p: &[f64; 6], a: f64) -> f64 {
    let [l, m, r, ql, qm, qr] = *p;
    let (dl, dm, dr) = (a - l, a - m, a - r);
    let h = m - l;
    (ql * dm * dr / (2.0 * h * h) - qm * dl * dr / (h * h) + qr * dl * dm / (2.0 * h * h))
        .clamp(0.0, 1.0)
}

/// ∫ over one panel of its quadratic q against dD, D piecewise linear on the grid: with
/// u = F − (C + a_left), Σ_k coef_k ∫ u^k dD from the raw moments at the panel's ends, or
/// (on a panel inside one grid cell, where those differences would cancel) D's slope there.
fn integrate_panel(
    p: &[f64; 6],
    c: f64,
    dist: &GridCdf,
    start: &RawMoments,
    end: &RawMoments,
) -> f64 {
    let [l, m, _, ql, qm, qr] = *p;
    if c + l >= GRID_MAX {
        return 0.0;
    }
    let h = m - l;
    // q(u) = ql + b u + k u², u ∈ [0, 2h].
    let b = (-3.0 * ql + 4.0 * qm - qr) / (2.0 * h);
    let k = (ql - 2.0 * qm + qr) / (2.0 * h * h);
    let [d0, d1, d2] = dist.moments_between(start, end);
    ql * d0 + b * d1 + k * d2
}

/// The normal cells every uncertain compute factor uses, as (low end, high end, centroid,
/// weight): 32 of equal probability, the outermost of them cut in halves three times towards
/// the tail (cells of 1/64, 1/128, 1/256 and 1/256). A factor on a doubling time makes its
/// trajectory lognormal in the growth, and the tail of fast growth reaches far in one cell
/// (with ×/÷ 5, the fastest 1/32 of FLOP/$ paths gain from 1.3 OOM in a year up to the
/// ceiling): equal cells alone left 0.03 percentage points of error in the first years,
/// these under 0.01 (BENCHMARKS.md).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauss_hermite_is_exact_to_degree_2n_minus_1() {
        for n in [1, 2, 3, 5, 7, 9] {
            let rule = gauss_hermite(n);
            assert_eq!(rule.len(), n);
            for k in 0..2 * n {
                let moment: f64 = rule.iter().map(|&(z, w)| w * z.powi(k as i32)).sum();
                // E[Z^k] = (k − 1)!! for even k, 0 for odd.
                let exact = if k % 2 == 1 {
                    0.0
                } else {
                    (1..k).step_by(2).map(|j| j as f64).product()
                };
                // Relative to E[Z^2⌊k/2⌋], the size of the terms summed.
                let scale: f64 = (1..2 * (k / 2)).step_by(2).map(|j| j as f64).product();
                assert!(
                    (moment - exact).abs() < 1e-12 * (1.0 + scale),
                    "n {n} k {k}: {moment} vs {exact}"
                );
            }
        }
        let three = gauss_hermite(3);
        assert!((three[0].0 + 3f64.sqrt()).abs() < 1e-13);
        assert!((three[1].1 - 2.0 / 3.0).abs() < 1e-13);
    }

    #[test]
    fn gauss_rule_of_atoms_matches_their_moments() {
        // A skewed measure with a near-atom, like a trajectory at its ceiling.
        let atoms: Vec<(f64, f64)> = (0..200)
            .map(|i| {
                let x = i as f64 / 200.0;
                ((x * 6.0).min(4.0) + 20.0, 1.0 + x)
            })
            .collect();
        let total: f64 = atoms.iter().map(|a| a.1).sum();
        for n in [1, 3, 6] {
            let rule = gauss_rule(&atoms, n);
            assert_eq!(rule.len(), n);
            for k in 0..2 * n {
                let exact: f64 = atoms
                    .iter()
                    .map(|a| a.1 * (a.0 - 22.0).powi(k as i32))
                    .sum::<f64>()
                    / total;
                let got: f64 = rule
                    .iter()
                    .map(|&(x, w)| w * (x - 22.0).powi(k as i32))
                    .sum();
                assert!((got - exact).abs() < 1e-9 * (1.0 + exact.abs()), "{n} {k}");
            }
        }
        // Fewer distinct atoms than points: as many points as atoms.
        assert_eq!(gauss_rule(&[(1.0, 0.5), (2.0, 0.5)], 5).len(), 2);
        assert_eq!(gauss_rule(&[(3.0, 1.0)], 5), vec![(3.0, 1.0)]);
    }

    #[test]
    fn fast_normal_cdf_and_log_match_libm() {
        let mut worst: f64 = 0.0;
        for i in 0..200_000 {
            let z = -9.0 + 18.0 * i as f64 / 200_000.0;
            worst = worst.max((phi_fast(z) - normal_cdf(z)).abs());
        }
        assert!(worst < 5e-9, "{worst}");
        for i in 0..100_000 {
            let x = 1e-6 * 1.0002f64.powi(i);
            let (fast, exact) = (ln_fast(x), libm::log(x));
            assert!(
                (fast - exact).abs() < 1e-12 * (1.0 + exact.abs()),
                "{x}: {fast} vs {exact}"
            );
        }
    }

    #[test]
    fn normal_quantile_inverts_the_cdf() {
        for p in [1e-12, 1e-6, 0.01, 0.1, 0.3, 0.5, 0.77, 0.99, 1.0 - 1e-9] {
            let z = normal_quantile(p);
            assert!((normal_cdf(z) - p).abs() < 1e-14 + 1e-12 * p, "{p}");
        }
        let cells = normal_cells(10);
        assert_eq!(cells.len(), 10);
        let mean: f64 = cells
            .iter()
            .map(|&(lo, hi, w)| truncated_normal(lo, hi).0 * w)
            .sum();
        assert!(mean.abs() < 1e-12);
    }

    /// The clamped cap's part of Pr[A ≥ a]: Pr[M ≤ 0]·Pr[log10(10^−X + 1) ≤ −a].
    fn clamped_exactly(law: &ProgressLaw, a: f64, x0: f64, m: f64) -> f64 {
        if a >= 0.0 {
            return 0.0;
        }
        law.clamp_mass(m) * law.x_survival(-libm::log10(pow10(-a) - 1.0), x0)
    }

    /// Pr[A ≥ a] against a brute-force double integral over both factors: pointwise where
    /// both are wide (the cell formula) and, for a narrow factor on Gauss–Hermite points
    /// (whose error sits in a band of its own width and averages out), integrated over a.
    #[test]
    fn progress_survival_matches_a_fine_double_integral() {
        let z90 = crate::quadrature::Z_90;
        // Fine in Z1; given X = x, Pr over the cap written out here: A ≥ a ⟺ 10^−M⁺ ≤
        // 10^−a − 10^−x, with M⁺ = 0 (probability Φ(−m/σ2)) or M ≥ −log10(that).
        let brute = |s1: f64, s2: f64, a: f64, x0: f64, m: f64| {
            let n = 8000;
            let (lo, hi) = (-9.0, 9.0);
            let h = (hi - lo) / n as f64;
            let (mut total, mut weight) = (0.0, 0.0);
            for i in 0..=n {
                let z1 = lo + h * i as f64;
                let w = normal_pdf(z1) * if i == 0 || i == n { 0.5 } else { 1.0 };
                let x = x0 * (s1 * z1).exp();
                let room = 10f64.powf(-a) - 10f64.powf(-x);
                let p = if room <= 0.0 {
                    0.0
                } else {
                    let clamped = if room >= 1.0 {
                        normal_cdf(-m / s2)
                    } else {
                        0.0
                    };
                    let need = if room >= 1.0 { 0.0 } else { -room.log10() };
                    clamped + normal_cdf((m - need.max(0.0)) / s2)
                };
                total += w * p;
                weight += w;
            }
            total / weight
        };
        // The last pair has the halving certain: a closed form instead of the sliver
        // (the brute force needs the cap uncertain).
        for (f1, f2) in [(5.0, 5.0), (2.0, 1.0), (1.5, 0.3), (1.1, 3.0), (1.0, 2.0)] {
            let (s1, s2) = (f64::ln(f1) / z90, f2 / z90);
            let law = ProgressLaw::new(s1, s2);
            assert_eq!(law.mode == Mode::Sliver, f1 > 1.0);
            for (x0, m) in [(0.5, 2.0), (3.0, 3.0), (8.0, 4.0)] {
                for a in [-0.2, 0.3, 1.0, 2.5, 4.0] {
                    let got = law.survival(a, x0, m) + clamped_exactly(&law, a, x0, m);
                    let want = brute(s1, s2, a, x0, m);
                    // The brute force's own step error is ~1/n per unit of density.
                    assert!(
                        (got - want).abs() < 3e-3,
                        "({f1}, {f2}) x0 {x0} m {m} a {a}: {got} vs {want}"
                    );
                }
            }
        }
    }
}
