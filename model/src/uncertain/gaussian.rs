//! The standard normal: Φ, its density and its quantile, Φ and ln from tables for the hot
//! loops ([`phi_fast`], [`ln_fast`]), and its equal-probability and truncated cells.

pub use crate::normal::std_normal_cdf as normal_cdf;

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
pub(super) fn phi_from(table: &[[f64; 4]], z: f64) -> f64 {
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
pub(super) fn normal_table() -> &'static [[f64; 4]] {
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
pub(super) fn ln_from(table: &[[f64; 2]; 129], x: f64) -> f64 {
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

pub(super) fn ln_table() -> &'static [[f64; 2]; 129] {
    static TABLE: std::sync::OnceLock<[[f64; 2]; 129]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|k| {
            let t = 1.0 + k as f64 / 128.0;
            [libm::log(t), 1.0 / t]
        })
    })
}

/// z with Φ(z) = p ([`crate::normal::std_normal_quantile`], AS 241), −∞ and ∞ at 0 and 1
/// (the outer cells' ends).
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        f64::NEG_INFINITY
    } else if p >= 1.0 {
        f64::INFINITY
    } else {
        crate::normal::std_normal_quantile(p)
    }
}

/// Acklam's rational approximation of the normal quantile alone (relative error under
/// 1.2e-9; P. J. Acklam, "An algorithm for computing the inverse normal cumulative
/// distribution function", 2003), for interpolation in normal scores in hot loops.
pub(super) fn normal_quantile_acklam(p: f64) -> f64 {
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
    if p < 0.024_25 {
        tail(libm::sqrt(-2.0 * libm::log(p)))
    } else if p > 1.0 - 0.024_25 {
        -tail(libm::sqrt(-2.0 * libm::log(1.0 - p)))
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// Equal-probability cells of N(0, 1): `n` cells, each with its centroid E[Z | cell] (closed
/// form) and weight 1/n. Exact for functions linear in Z; the engine refines the cell where a
/// trajectory reaches its ceiling (see [`factor_atoms`](super::factor_atoms)).
pub fn normal_cells(n: usize) -> Vec<(f64, f64, f64)> {
    let bounds: Vec<f64> = (0..=n)
        .map(|i| normal_quantile(i as f64 / n as f64))
        .collect();
    bounds
        .windows(2)
        .map(|b| (b[0], b[1], 1.0 / n as f64))
        .collect()
}

/// E[Z | lo < Z < hi] and Pr\[lo < Z < hi\] for Z ~ N(0, 1).
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
