//! The standard normal and skew-normal distributions: CDFs and quantile functions in pure Rust
//! over `libm`, so results are bit-identical natively and in wasm.

/// δ = shape / sqrt(1 + shape²), the skew-normal's weight on |Z0| in Azzalini's representation.
pub fn skew_delta(shape: f64) -> f64 {
    shape / (1.0 + shape * shape).sqrt()
}

/// Standard normal CDF.
pub fn std_normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Standard normal quantile: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3),
/// 1988), relative error about 1e-16. Finite for every p in (0, 1).
pub fn std_normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * horner(&AS241_A, r) / horner(&AS241_B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    if tail <= 0.0 {
        // Only for p outside (0, 1); keeps the result finite and monotone.
        return if q < 0.0 { -38.5 } else { 38.5 };
    }
    let r = (-libm::log(tail)).sqrt();
    let value = if r <= 5.0 {
        horner(&AS241_C, r - 1.6) / horner(&AS241_D, r - 1.6)
    } else {
        horner(&AS241_E, r - 5.0) / horner(&AS241_F, r - 5.0)
    };
    if q < 0.0 {
        -value
    } else {
        value
    }
}

/// c[0] + c[1] x + ... + c[7] x^7, highest power first (the evaluation order of AS 241).
fn horner(c: &[f64; 8], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| acc * x + ci)
}

// AS 241's coefficients exactly as published, lowest power first (more digits than an f64
// holds, so they can be checked against the paper digit by digit).
#[allow(clippy::excessive_precision)]
const AS241_A: [f64; 8] = [
    3.3871328727963666080e0,
    1.3314166789178437745e+2,
    1.9715909503065514427e+3,
    1.3731693765509461125e+4,
    4.5921953931549871457e+4,
    6.7265770927008700853e+4,
    3.3430575583588128105e+4,
    2.5090809287301226727e+3,
];
#[allow(clippy::excessive_precision)]
const AS241_B: [f64; 8] = [
    1.0,
    4.2313330701600911252e+1,
    6.8718700749205790830e+2,
    5.3941960214247511077e+3,
    2.1213794301586595867e+4,
    3.9307895800092710610e+4,
    2.8729085735721942674e+4,
    5.2264952788528545610e+3,
];
#[allow(clippy::excessive_precision)]
const AS241_C: [f64; 8] = [
    1.42343711074968357734e0,
    4.63033784615654529590e0,
    5.76949722146069140550e0,
    3.64784832476320460504e0,
    1.27045825245236838258e0,
    2.41780725177450611770e-1,
    2.27238449892691845833e-2,
    7.74545014278341407640e-4,
];
#[allow(clippy::excessive_precision)]
const AS241_D: [f64; 8] = [
    1.0,
    2.05319162663775882187e0,
    1.67638483018380384940e0,
    6.89767334985100004550e-1,
    1.48103976427480074590e-1,
    1.51986665636164571966e-2,
    5.47593808499534494600e-4,
    1.05075007164441684324e-9,
];
#[allow(clippy::excessive_precision)]
const AS241_E: [f64; 8] = [
    6.65790464350110377720e0,
    5.46378491116411436990e0,
    1.78482653991729133580e0,
    2.96560571828504891230e-1,
    2.65321895265761230930e-2,
    1.24266094738807843860e-3,
    2.71155556874348757815e-5,
    2.01033439929228813265e-7,
];
#[allow(clippy::excessive_precision)]
const AS241_F: [f64; 8] = [
    1.0,
    5.99832206555887937690e-1,
    1.36929880922735805310e-1,
    1.48753612908506148525e-2,
    7.86869131145613259100e-4,
    1.84631831751005468180e-5,
    1.42151175831644588870e-7,
    2.04426310338993978564e-15,
];

/// CDF of the standard skew-normal with this shape, from Azzalini's representation:
/// P(δ|Z0| + c Z1 ≤ x) = ∫₀^∞ 2φ(s) Φ((x − δs)/c) ds, c = sqrt(1 − δ²), by Simpson's rule.
pub fn std_skew_normal_cdf(x: f64, shape: f64) -> f64 {
    let delta = skew_delta(shape);
    let c = (1.0 - delta * delta).sqrt();
    // |Z0| beyond 9 has probability 2e-19: nothing to integrate there.
    const INTERVALS: usize = 600;
    const S_MAX: f64 = 9.0;
    let h = S_MAX / INTERVALS as f64;
    let integrand = |s: f64| {
        let density = 2.0 * libm::exp(-0.5 * s * s) / (2.0 * std::f64::consts::PI).sqrt();
        let inner = if c > 0.0 {
            std_normal_cdf((x - delta * s) / c)
        } else if delta * s <= x {
            1.0
        } else {
            0.0
        };
        density * inner
    };
    let mut sum = integrand(0.0) + integrand(S_MAX);
    for i in 1..INTERVALS {
        let weight = if i % 2 == 1 { 4.0 } else { 2.0 };
        sum += weight * integrand(i as f64 * h);
    }
    (sum * h / 3.0).clamp(0.0, 1.0)
}

/// Quantile of the standard skew-normal: Newton steps on its CDF (density 2φ(x)Φ(shape·x)),
/// kept inside a shrinking bracket, to 1e-10. Typically 4–6 CDF evaluations: sliders call this
/// through `median()` on every change of the lifetime adjustment.
pub fn std_skew_normal_quantile(p: f64, shape: f64) -> f64 {
    if shape == 0.0 {
        return std_normal_quantile(p);
    }
    // Quantiles of p in (2^-53, 1 − 2^-53) lie within ±9; the bracket only has to hold them.
    let (mut lo, mut hi) = (-40.0_f64, 40.0_f64);
    // Start from the normal quantile shifted by the mean, δ sqrt(2/π).
    let mut x = std_normal_quantile(p) + skew_delta(shape) * (2.0 / std::f64::consts::PI).sqrt();
    for _ in 0..100 {
        let excess = std_skew_normal_cdf(x, shape) - p;
        if excess < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let density = 2.0 * libm::exp(-0.5 * x * x) / (2.0 * std::f64::consts::PI).sqrt()
            * std_normal_cdf(shape * x);
        let newton = x - excess / density;
        let next = if density > 1e-300 && newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - x).abs() < 1e-10 || hi - lo < 1e-10 {
            return next;
        }
        x = next;
    }
    x
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_matches_reference_values() {
        // Reference: Python's statistics.NormalDist().inv_cdf (also AS 241).
        let cases = [
            (0.5, 0.0),
            (0.9, 1.281_551_565_544_600_8),
            (0.975, 1.959_963_984_540_053_6),
            (0.025, -1.959_963_984_540_053_8),
            (0.3, -0.524_400_512_708_040_7),
            (1e-12, -7.034_483_825_301_132),
            (0.999_999, 4.753_424_308_817_089),
        ];
        for (p, z) in cases {
            assert!((std_normal_quantile(p) - z).abs() < 1e-12, "p = {p}");
        }
        // 2^-53, the smallest uniform the sampler produces, reaches AS 241's far-tail branch.
        assert!((std_normal_quantile(2f64.powi(-53)) + 8.209_536_151_601_386).abs() < 1e-9);
    }

    #[test]
    fn skew_normal_cdf_matches_direct_integration_of_the_density() {
        // With shape 0 the skew-normal is the standard normal: Φ(1).
        assert!((std_skew_normal_cdf(1.0, 0.0) - 0.841_344_746_068_543).abs() < 1e-9);
        // References: trapezoid integration (2e5 steps from −12) of the density 2φ(t)Φ(a t),
        // a different formula from the one under test.
        assert!((std_skew_normal_cdf(1.0, 3.0) - 0.682_745_736_402_912).abs() < 1e-7);
        assert!((std_skew_normal_cdf(-0.3, -2.0) - 0.707_297_189_578_979).abs() < 1e-7);
        assert!((std_skew_normal_cdf(0.2, 10.0) - 0.159_178_285_488_905).abs() < 1e-6);
        assert!((std_skew_normal_quantile(0.5, 3.0) - 0.671_993_979_315_078).abs() < 1e-7);
        // The quantile inverts the CDF in the tails and for either sign of skew.
        for shape in [-2.0, 0.5, 3.0, 10.0] {
            for p in [1e-6, 0.01, 0.3, 0.99, 1.0 - 1e-6] {
                let x = std_skew_normal_quantile(p, shape);
                let back = std_skew_normal_cdf(x, shape);
                assert!(
                    (back - p).abs() < 1e-8 * p.min(1.0 - p).max(1e-3),
                    "{shape} {p}: {back}"
                );
            }
        }
    }
}
