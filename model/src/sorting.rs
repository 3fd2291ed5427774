//! The model's sorts, through three instances of the standard library's stable sort. Each
//! `sort_by` call with a closure of its own compiles a copy of that sort (1.5–4 KB of wasm
//! each); the model's dozen call sites made ten copies. Everything sorts through these:
//! [`floats`], [`by_value`] and, for anything else, [`stable_order`] of indices.

use std::cmp::Ordering;

/// Sorts values ascending in `f64::total_cmp` order (values that compare equal are identical,
/// so stability does not matter here).
pub fn floats(values: &mut [f64]) {
    values.sort_by(f64::total_cmp);
}

/// Sorts `(value, weight)` points by value, stably.
pub fn by_value(points: &mut [(f64, f64)]) {
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
}

/// The indices `0..len` in the order a stable sort by `compare` (of two indices) gives.
pub fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&i, &j| compare(i, j));
    order
}

/// Sorts `items` stably by `compare`, as `items.sort_by(compare)` would, through
/// [`stable_order`].
pub fn stably<T: Clone>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|i, j| compare(&items[i], &items[j]));
    let sorted: Vec<T> = order.iter().map(|&i| items[i].clone()).collect();
    items.clone_from_slice(&sorted);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stably_matches_the_standard_stable_sort() {
        // Many ties, so an unstable order would show.
        let items: Vec<(u8, usize)> = (0..200).map(|i| (((i * 37) % 7) as u8, i)).collect();
        let mut ours = items.clone();
        stably(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut expected = items;
        expected.sort_by_key(|a| a.0);
        assert_eq!(ours, expected);
        assert!(ours.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn floats_and_points_sort_in_total_order() {
        let mut v = vec![3.0, -0.0, 0.0, -1.5, f64::INFINITY, 2.0];
        floats(&mut v);
        assert_eq!(v.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), {
            let want = [-1.5, -0.0, 0.0, 2.0, 3.0, f64::INFINITY];
            want.iter().map(|x: &f64| x.to_bits()).collect::<Vec<_>>()
        });
        let mut p = vec![(2.0, 0.1), (1.0, 0.2), (2.0, 0.3), (1.0, 0.4)];
        by_value(&mut p);
        assert_eq!(p, vec![(1.0, 0.2), (1.0, 0.4), (2.0, 0.1), (2.0, 0.3)]);
    }
}
