//! Quadrature rules ([`Rule`]): Gauss–Hermite, Golub–Welsch from a three-term recurrence,
//! and the Gauss rule of a discrete measure (Stieltjes), alone or of the sum of two.

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
    crate::sorting::by_value(&mut rule);
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
}
