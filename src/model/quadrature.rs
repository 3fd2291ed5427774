//! Gauss–Hermite quadrature for expectations over standard normal inputs: deterministic (the
//! same nodes on every run and machine) and smooth in the parameters (no Monte Carlo jitter).

/// z such that P(Z ≤ z) = 0.9 for a standard normal Z: turns an 80% interval into a σ.
pub const Z_90: f64 = 1.281_551_565_544_600_5;

/// Nodes of the 3-point rule for E[f(Z)], Z ~ N(0, 1): the roots 0 and ±√3 of the
/// probabilists' Hermite polynomial He₃; exact for polynomials up to degree 5. Three points
/// rather than the 5–7 first planned: with four uncertain trajectories the engine visits
/// 3⁴ = 81 node combinations a year instead of 625 (see BENCHMARKS.md for the cost). The bands
/// are weighted quantiles of these few points, so their 10th/90th percentiles are approximate.
pub const NODES: [f64; 3] = [-1.732_050_807_568_877_2, 0.0, 1.732_050_807_568_877_2];

/// Weights of [`NODES`], normalized to sum to 1: 1/6, 2/3, 1/6.
pub const WEIGHTS: [f64; 3] = [1.0 / 6.0, 2.0 / 3.0, 1.0 / 6.0];

/// One quadrature point: a standard-normal value and its weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    pub z: f64,
    pub weight: f64,
}

/// The nodes for one input: all three if it is uncertain (σ > 0), else the single point z = 0.
pub fn nodes(uncertain: bool) -> Vec<Node> {
    if uncertain {
        NODES
            .iter()
            .zip(WEIGHTS)
            .map(|(&z, weight)| Node { z, weight })
            .collect()
    } else {
        vec![Node {
            z: 0.0,
            weight: 1.0,
        }]
    }
}

/// The weighted quantile `q` of `(value, weight)` points: linear interpolation between the
/// points placed at the middle of their weight, so the result moves continuously with the values.
pub fn weighted_quantile(points: &mut [(f64, f64)], q: f64) -> f64 {
    sort_by_value(points);
    weighted_quantile_sorted(points, q)
}

/// Sorts `(value, weight)` points by value, as [`weighted_quantile_sorted`] needs them.
pub fn sort_by_value(points: &mut [(f64, f64)]) {
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
}

/// [`weighted_quantile`] of points already sorted by value ([`sort_by_value`]): several
/// quantiles of the same points then cost one sort.
pub fn weighted_quantile_sorted(points: &[(f64, f64)], q: f64) -> f64 {
    let total: f64 = points.iter().map(|p| p.1).sum();
    let mut before = 0.0;
    let mut prev: Option<(f64, f64)> = None; // (position, value)
    for &(v, w) in points.iter() {
        let pos = (before + w / 2.0) / total;
        if pos >= q {
            return match prev {
                None => v,
                Some((p0, v0)) if pos > p0 => v0 + (q - p0) / (pos - p0) * (v - v0),
                Some(_) => v,
            };
        }
        prev = Some((pos, v));
        before += w;
    }
    prev.map_or(f64::NAN, |p| p.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_integrates_normal_moments_exactly() {
        let moment =
            |k: i32| -> f64 { NODES.iter().zip(WEIGHTS).map(|(z, w)| w * z.powi(k)).sum() };
        assert!((moment(0) - 1.0).abs() < 1e-15);
        assert!(moment(1).abs() < 1e-15);
        assert!((moment(2) - 1.0).abs() < 1e-14);
        assert!(moment(3).abs() < 1e-14);
        assert!((moment(4) - 3.0).abs() < 1e-13);
    }

    #[test]
    fn weighted_quantiles_interpolate() {
        let mut pts = vec![(3.0, 1.0), (1.0, 1.0), (2.0, 2.0)];
        // Positions: 1.0 at 1/8, 2.0 at 1/2, 3.0 at 7/8.
        assert_eq!(weighted_quantile(&mut pts, 0.5), 2.0);
        assert_eq!(weighted_quantile(&mut pts, 0.05), 1.0);
        assert_eq!(weighted_quantile(&mut pts, 0.95), 3.0);
        assert!((weighted_quantile(&mut pts, 0.6875) - 2.5).abs() < 1e-12);
        assert_eq!(weighted_quantile(&mut [(4.0, 1.0)], 0.1), 4.0);
    }
}
