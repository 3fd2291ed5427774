//! Gauss–Hermite quadrature for expectations over standard normal inputs: deterministic (the
//! same nodes on every run and machine) and smooth in the parameters (no Monte Carlo jitter).

/// z such that P(Z ≤ z) = 0.9 for a standard normal Z: turns an 80% interval into a σ.
pub const Z_90: f64 = 1.281_551_565_544_600_5;

/// Nodes of the 3-point rule for E[f(Z)], Z ~ N(0, 1): the roots 0 and ±√3 of the
/// probabilists' Hermite polynomial He₃; exact for polynomials up to degree 5. Three points
/// rather than the 5–7 first planned: with four uncertain trajectories the engine visits
/// 3⁴ = 81 node combinations a year instead of 625. The bands
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
    crate::sorting::by_value(points);
    weighted_quantile_sorted(points, q)
}

/// Sorts `order`, a permutation of the indices of `points` (empty: their own order), into the
/// order of a stable sort of the points by value (`f64::total_cmp`, ties by index), leaving
/// the points where they are. An insertion sort of the indices on integer keys (the value's
/// total-order bits, then the index), so the result is exactly the stable sort's whatever
/// `order` held, and cheap when it is nearly sorted already: the bands pass the previous
/// year's order, in which the 81 points move past few others. `keys` is scratch.
pub fn sort_order_by_value(points: &[(f64, f64)], order: &mut Vec<u32>, keys: &mut Vec<u64>) {
    if order.len() != points.len() {
        order.clear();
        order.extend(0..points.len() as u32);
    }
    keys.clear();
    keys.extend(points.iter().map(|p| total_order_bits(p.0)));
    let key = |i: u32| (u128::from(keys[i as usize]) << 64) | u128::from(i);
    // The largest key so far stays in a register: an index already in place (most of them)
    // costs one comparison, with no load that waits on the step before.
    let mut largest = match order.first() {
        Some(&i) => key(i),
        None => return,
    };
    for i in 1..order.len() {
        let index = order[i];
        let k = key(index);
        if k > largest {
            largest = k;
            continue;
        }
        let mut j = i;
        while j > 0 && key(order[j - 1]) > k {
            order[j] = order[j - 1];
            j -= 1;
        }
        order[j] = index;
    }
}

/// `v`'s bits as an unsigned integer in the order of `f64::total_cmp`.
fn total_order_bits(v: f64) -> u64 {
    let bits = v.to_bits();
    // Negative (sign bit set): flip every bit, larger magnitudes first; else set the sign bit.
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// [`weighted_quantile`] of points already sorted by value ([`crate::sorting::by_value`]).
pub fn weighted_quantile_sorted(points: &[(f64, f64)], q: f64) -> f64 {
    weighted_quantiles_sorted(points, [q])[0]
}

/// Several [`weighted_quantile_sorted`] at once, `qs` ascending: one pass over the points,
/// each quantile computed exactly as alone (the same bits).
pub fn weighted_quantiles_sorted<const N: usize>(points: &[(f64, f64)], qs: [f64; N]) -> [f64; N] {
    weighted_quantiles_iter(points.iter().copied(), qs)
}

/// [`weighted_quantiles_sorted`] of `points` taken in `order` (from [`sort_order_by_value`]),
/// without copying them into that order first.
pub fn weighted_quantiles_ordered<const N: usize>(
    points: &[(f64, f64)],
    order: &[u32],
    qs: [f64; N],
) -> [f64; N] {
    weighted_quantiles_iter(order.iter().map(|&i| points[i as usize]), qs)
}

fn weighted_quantiles_iter<const N: usize>(
    points: impl Iterator<Item = (f64, f64)> + Clone,
    qs: [f64; N],
) -> [f64; N] {
    debug_assert!(qs.windows(2).all(|w| w[0] <= w[1]), "ascending quantiles");
    let total: f64 = points.clone().map(|p| p.1).sum();
    let mut out = [f64::NAN; N];
    let mut next = 0; // the first quantile not found yet
    let mut before = 0.0;
    let mut prev: Option<(f64, f64)> = None; // (position, value)
    for (v, w) in points {
        let pos = (before + w / 2.0) / total;
        while next < N && pos >= qs[next] {
            let q = qs[next];
            out[next] = match prev {
                None => v,
                Some((p0, v0)) if pos > p0 => v0 + (q - p0) / (pos - p0) * (v - v0),
                Some(_) => v,
            };
            next += 1;
        }
        if next == N {
            return out;
        }
        prev = Some((pos, v));
        before += w;
    }
    let last = prev.map_or(f64::NAN, |p| p.1);
    out[next..].fill(last);
    out
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

    /// Whatever order it starts from, the result is exactly a stable `sort_by`'s.
    #[test]
    fn sort_order_by_value_is_a_stable_total_order_sort() {
        let values = [
            2.0,
            -0.0,
            0.0,
            f64::NAN,
            -1.5,
            2.0,
            f64::NEG_INFINITY,
            -f64::NAN,
            f64::INFINITY,
            1e-310,
            -1e-310,
            2.0,
            -1.5,
        ];
        let points: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| (v, i as f64))
            .collect();
        let mut expected = points.clone();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0));
        let sorted: Vec<u32> = expected.iter().map(|p| p.1 as u32).collect();
        let n = points.len() as u32;
        let mut keys = Vec::new();
        for start in [vec![], (0..n).collect(), (0..n).rev().collect::<Vec<u32>>()] {
            let mut order = start;
            sort_order_by_value(&points, &mut order, &mut keys);
            assert_eq!(order, sorted);
            // Again from the sorted order it left.
            sort_order_by_value(&points, &mut order, &mut keys);
            assert_eq!(order, sorted);
        }
        // The quantiles of the points in that order are those of the sorted copy.
        let finite: Vec<(f64, f64)> = points.iter().map(|&(v, w)| (v, w + 1.0)).collect();
        let finite: Vec<(f64, f64)> = finite.into_iter().filter(|p| p.0.is_finite()).collect();
        let mut order = Vec::new();
        sort_order_by_value(&finite, &mut order, &mut keys);
        let copy: Vec<(f64, f64)> = order.iter().map(|&i| finite[i as usize]).collect();
        let qs = [0.1, 0.5, 0.9];
        let bits = |q: [f64; 3]| q.map(f64::to_bits);
        assert_eq!(
            bits(weighted_quantiles_ordered(&finite, &order, qs)),
            bits(weighted_quantiles_sorted(&copy, qs))
        );
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
        // Several at once: the bits of each alone.
        let qs = [0.0, 0.05, 0.5, 0.5, 0.6875, 0.95, 1.0];
        let together = weighted_quantiles_sorted(&pts, qs);
        for (q, v) in qs.iter().zip(together) {
            assert_eq!(v.to_bits(), weighted_quantile_sorted(&pts, *q).to_bits());
        }
        assert!(weighted_quantiles_sorted(&[], [0.5])[0].is_nan());
    }
}
