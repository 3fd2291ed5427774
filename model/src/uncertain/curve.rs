//! One C point's curve of what is affordable ([`AffordCurve`]): built by adaptive Simpson
//! refinement from panel ends at the ceiling points ([`ceiling_points`]), integrated against
//! each anchor's requirement CDF.

use crate::requirements::{GridCdf, MomentPoint, RawMoments, GRID_MAX};

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
    crate::sorting::floats(&mut ends);
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
        crate::sorting::floats(&mut ends);
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

    /// The points (a, q) the curve passes through, a ascending, each with the half-panel it
    /// ends (the first, the first panel's left end, with that panel): each half-panel's middle
    /// and right end after the first panel's left end.
    pub fn nodes(&self) -> impl Iterator<Item = (f64, f64, usize)> + '_ {
        let first = self.panels.first().map(|p| (p[0], p[3], 0));
        first.into_iter().chain(
            self.panels
                .iter()
                .enumerate()
                .flat_map(|(i, p)| [(p[1], p[4], i), (p[2], p[5], i)]),
        )
    }

    /// Where q = `target` within half-panel `i` (from [`AffordCurve::nodes`]): the root of
    /// its quadratic nearest `near` (a first guess), else `near`.
    pub fn solve_in(&self, i: usize, target: f64, near: f64) -> f64 {
        let Some(&[l, m, r, ql, qm, qr]) = self.panels.get(i) else {
            return near;
        };
        let h = 0.5 * (r - l);
        if h.is_nan() || h <= 0.0 {
            return near;
        }
        // q = qm + b·s + a·s² in s = (x − m)/h ∈ [−1, 1].
        let (a, b, c) = (0.5 * (qr - 2.0 * qm + ql), 0.5 * (qr - ql), qm - target);
        let guess = (near - m) / h;
        let s = if a.abs() < 1e-12 * b.abs().max(1e-300) {
            -c / b
        } else {
            let d = b * b - 4.0 * a * c;
            if d < 0.0 {
                return near;
            }
            let root = -0.5 * (b + b.signum() * libm::sqrt(d));
            let (s1, s2) = (root / a, c / root);
            if !s2.is_finite() || (s1 - guess).abs() <= (s2 - guess).abs() {
                s1
            } else {
                s2
            }
        };
        if s.is_finite() && (-1.0..=1.0).contains(&s) {
            m + s * h
        } else {
            near
        }
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
