//! The compute factors' normal cells and atoms ([`compute_cells`], [`factor_atoms`]) and the
//! percentiles of a sum of two such measures ([`percentiles_of_sum`], [`safeguarded_quantile`])
//! and its whole law ([`law_of_sum`]).

use super::gaussian::{normal_quantile, normal_quantile_acklam, phi_fast, truncated_normal};

/// The law of one trajectory's log value in one year under a lognormal factor k = e^{σZ} on
/// its doubling (or halving) time, as atoms: `value(k)` at the centroid of each shared normal
/// cell (`cells`, from [`compute_cells`]; `factors` their k, computed once per σ), with the
/// cell where the trajectory reaches its ceiling (`knee_k`, the factor at which it gets there)
/// cut there and in quarters around it, since the value bends sharply in Z there; with each
/// atom's score ([`FactorAtoms`]).
pub fn factor_atoms(
    cells: &[(f64, f64, f64, f64)],
    sigma: f64,
    factors: &[f64],
    knee_k: Option<f64>,
    value: &dyn Fn(f64) -> f64,
) -> FactorAtoms {
    let split = knee_k
        .filter(|k| *k > 0.0 && k.is_finite())
        .map(|k| libm::log(k) / sigma);
    let mut out = FactorAtoms {
        atoms: Vec::with_capacity(cells.len() + 8),
        scores: Vec::with_capacity(cells.len() + 8),
    };
    for (&(lo, hi, z, w), &k) in cells.iter().zip(factors) {
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
                        out.atoms.push((value(libm::exp(sigma * mean)), mass));
                        out.scores.push(mean);
                    }
                }
            }
            _ => {
                out.atoms.push((value(k), w));
                out.scores.push(z);
            }
        }
    }
    out
}

/// A factor's atoms, (value, weight), in the order of its normal score, and each atom's score
/// (its cell's centroid): a trajectory is monotone in its factor, so the CDF of the values is
/// Φ of the score at each atom.
pub struct FactorAtoms {
    pub atoms: Vec<(f64, f64)>,
    pub scores: Vec<f64>,
}

impl FactorAtoms {
    /// One atom of weight 1 (a certain factor).
    pub fn one(value: f64) -> FactorAtoms {
        FactorAtoms {
            atoms: vec![(value, 1.0)],
            scores: vec![0.0],
        }
    }
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

/// A law through atoms: the CDF at each atom Φ of its score (the atoms are centroids of cells
/// of one factor and the value is monotone in the score), linear between consecutive atoms,
/// with the probability below the first atom and above the last as point masses there. So
/// this is the factor's trajectory with its probability spread evenly between centroids;
/// where a trajectory saturates, atoms crowd at its ceiling and the law keeps that near-point
/// mass. Its CDF's integral (exact for this piecewise-linear CDF) lets [`percentiles_of_sum`]
/// convolve two such laws exactly.
pub struct LinearLaw {
    xs: Vec<f64>,
    /// The normal score of each atom (its cell's centroid) and the CDF there, Φ of it.
    zs: Vec<f64>,
    ps: Vec<f64>,
    /// ∫ F from the first atom to each atom.
    gs: Vec<f64>,
    /// The CDF's slope after each atom (0 after the last).
    slopes: Vec<f64>,
}

impl LinearLaw {
    pub fn new(factor: &FactorAtoms) -> LinearLaw {
        let n = factor.atoms.len();
        let (mut xs, mut zs, mut ps) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let values = || factor.atoms.iter().map(|a| a.0);
        let rising = values().zip(values().skip(1)).all(|(a, b)| a <= b);
        let falling = values().zip(values().skip(1)).all(|(a, b)| a >= b);
        if rising || falling {
            // In the order of values, the score is the atoms' own or its mirror.
            let sign = if rising { 1.0 } else { -1.0 };
            let mut push = |k: usize| {
                let z = sign * factor.scores[k];
                xs.push(factor.atoms[k].0);
                zs.push(z);
                ps.push(phi_fast(z));
            };
            if rising {
                (0..n).for_each(&mut push);
            } else {
                (0..n).rev().for_each(&mut push);
            }
        } else {
            // Values that tie at a ceiling, up to rounding: sorted, each atom the centroid of
            // the cell between the weights before and after it (a midpoint for a sliver).
            let mut sorted: Vec<(f64, f64)> = factor.atoms.clone();
            crate::sorting::by_value(&mut sorted);
            let total: f64 = sorted.iter().map(|a| a.1).sum();
            let (mut before, mut z_lo) = (0.0, f64::NEG_INFINITY);
            for (x, w) in sorted {
                let w = w / total;
                let z_hi = normal_quantile_acklam(before + w);
                let z = if w > 1e-9 {
                    truncated_normal(z_lo, z_hi).0
                } else {
                    normal_quantile_acklam(before + 0.5 * w)
                };
                xs.push(x);
                zs.push(z);
                ps.push(phi_fast(z));
                before += w;
                z_lo = z_hi;
            }
        }
        LinearLaw::finish(xs, zs, ps)
    }

    fn finish(xs: Vec<f64>, zs: Vec<f64>, ps: Vec<f64>) -> LinearLaw {
        let mut gs = Vec::with_capacity(xs.len());
        let mut g = 0.0;
        for k in 0..xs.len() {
            if k > 0 {
                g += (xs[k] - xs[k - 1]) * 0.5 * (ps[k - 1] + ps[k]);
            }
            gs.push(g);
        }
        let slopes = (0..xs.len())
            .map(|k| match (xs.get(k + 1), ps.get(k + 1)) {
                (Some(x1), Some(p1)) => (p1 - ps[k]) / (x1 - xs[k]),
                _ => 0.0,
            })
            .collect();
        LinearLaw {
            xs,
            zs,
            ps,
            gs,
            slopes,
        }
    }

    /// The law whose CDF is `ps` at `xs` (both ascending), linear between them, with the
    /// probability below the first and above the last as point masses there.
    pub fn through(xs: Vec<f64>, ps: Vec<f64>) -> LinearLaw {
        let zs = vec![f64::NAN; xs.len()];
        LinearLaw::finish(xs, zs, ps)
    }

    /// Pr[X ≤ x], the density there (the end atoms' point masses left out) and
    /// ∫_{−∞}^{x} Pr[X ≤ t] dt.
    pub fn cdf_density_integral(&self, x: f64) -> (f64, f64, f64) {
        let i = self.xs.partition_point(|&v| v <= x);
        let (cdf, integral) = self.cdf_and_integral_in(i, x);
        (cdf, self.density_in(i), integral)
    }

    /// The `p` quantile (the first or last atom beyond the law's reach).
    pub fn quantile(&self, p: f64) -> f64 {
        let i = self.ps.partition_point(|&v| v < p);
        match i.checked_sub(1) {
            None => self.xs.first().copied().unwrap_or(f64::NAN),
            Some(k) if i == self.xs.len() => self.xs[k],
            Some(k) if self.slopes[k] > 0.0 => self.xs[k] + (p - self.ps[k]) / self.slopes[k],
            Some(_) => self.xs[i],
        }
    }

    /// Its first and last atoms (None for a law without atoms).
    fn span(&self) -> Option<(f64, f64)> {
        Some((*self.xs.first()?, *self.xs.last()?))
    }

    /// The CDF at `x`, with `i` the number of atoms at or below it.
    fn cdf_in(&self, i: usize, x: f64) -> f64 {
        self.cdf_and_integral_in(i, x).0
    }

    /// The density between atoms (the end atoms' point masses left out), with `i` as in
    /// [`LinearLaw::cdf_in`].
    fn density_in(&self, i: usize) -> f64 {
        if i == 0 {
            0.0
        } else {
            self.slopes[i - 1]
        }
    }

    /// The CDF and its integral ∫_{−∞}^{x} F(t) dt at `x`, with `i` as in
    /// [`LinearLaw::cdf_in`].
    #[inline]
    fn cdf_and_integral_in(&self, i: usize, x: f64) -> (f64, f64) {
        if i == 0 {
            return (0.0, 0.0);
        }
        let k = i - 1;
        let dx = x - self.xs[k];
        if i == self.xs.len() {
            (1.0, self.gs[k] + dx)
        } else {
            let slope = self.slopes[k];
            (
                self.ps[k] + dx * slope,
                self.gs[k] + dx * (self.ps[k] + 0.5 * dx * slope),
            )
        }
    }
}

/// A [`LinearLaw`] as pieces of even probability density in value: between consecutive atoms
/// the value is taken linear in the atoms' scores (so the CDF is Φ of a piecewise-linear
/// function, as a factor's cells make it) and cut in up to [`SUB_PIECES`] pieces of equal
/// width in the score (as many as Φ's bend over the gap asks, [`PIECE_BEND`]), each with its
/// own probability; the law's end masses are point masses, as is any piece under a millionth
/// of an OOM wide (where a trajectory saturates). A trajectory's value is convex in its
/// factor's score in the tail of fast growth, where a CDF linear between the atoms was 0.06
/// OOM off C's 90th percentile with FLOP/$ at ×/÷ 5.
///
/// Stored for [`cdf_of_sum`]: a piece of density d on [x0, x1] adds d·(G(c − x0) − G(c − x1))
/// to Pr[A + B ≤ c], with G the other law's integral ([`LinearLaw::cdf_and_integral_in`]),
/// so each knot (a piece's end) carries the sum of its pieces' ±d and G is evaluated once per
/// knot.
struct Pieces {
    /// (value, coefficient of G(c − value)), values ascending.
    knots: Vec<(f64, f64)>,
    /// (value, probability), values ascending.
    points: Vec<(f64, f64)>,
}

/// The most pieces between two consecutive atoms of [`Pieces`].
const SUB_PIECES: usize = 8;

/// How far from linear in probability (at its middle) one piece may bend: at 4e-4, C's 90th
/// percentile with FLOP/$ at ×/÷ 5 and spend at ×/÷ 1.1 was 0.053 OOM off the reference; at
/// 1e-4 it is as close as with four pieces everywhere, with half the pieces.
const PIECE_BEND: f64 = 1e-4;

impl Pieces {
    fn new(law: &LinearLaw) -> Pieces {
        Pieces::cut(law, SUB_PIECES)
    }

    /// As [`Pieces::new`] with at most `most` pieces between two atoms.
    fn cut(law: &LinearLaw, most: usize) -> Pieces {
        let n = law.xs.len();
        let mut out = Pieces {
            knots: Vec::with_capacity(1 + SUB_PIECES * n),
            points: Vec::new(),
        };
        if n == 0 {
            return out;
        }
        out.point(law.xs[0], law.ps[0]);
        let zs = &law.zs;
        for k in 0..n - 1 {
            let (x0, x1) = (law.xs[k], law.xs[k + 1]);
            let (z0, z1) = (zs[k], zs[k + 1]);
            let mut from = (x0, law.ps[k]);
            // (An atom without a finite score, or a gap too narrow to cut: one piece.)
            let cuts = if z0.is_finite() && z1.is_finite() && x1 - x0 > 1e-6 {
                // Linear interpolation's error falls as the square of the pieces: as many as
                // bring the bend of Φ over the gap (at its middle) under PIECE_BEND.
                let bend = (phi_fast(0.5 * (z0 + z1)) - 0.5 * (law.ps[k] + law.ps[k + 1])).abs();
                (libm::sqrt(bend / PIECE_BEND).ceil() as usize).clamp(1, most)
            } else {
                1
            };
            for j in 1..=cuts {
                let f = j as f64 / cuts as f64;
                let to = if j == cuts {
                    (x1, law.ps[k + 1])
                } else {
                    (x0 + f * (x1 - x0), phi_fast(z0 + f * (z1 - z0)))
                };
                out.piece(from.0, to.0, to.1 - from.1);
                from = to;
            }
        }
        out.point(law.xs[n - 1], 1.0 - law.ps[n - 1]);
        out
    }

    fn point(&mut self, x: f64, mass: f64) {
        match self.points.last_mut() {
            Some(last) if x - last.0 <= 1e-6 => last.1 += mass,
            _ => self.points.push((x, mass)),
        }
    }

    fn piece(&mut self, x0: f64, x1: f64, mass: f64) {
        if x1 - x0 <= 1e-6 {
            // Its mean is its midpoint's value (a difference of G would lose its digits).
            return self.point(0.5 * (x0 + x1), mass);
        }
        let d = mass / (x1 - x0);
        for (x, c) in [(x0, d), (x1, -d)] {
            match self.knots.last_mut() {
                Some(last) if last.0 == x => last.1 += c,
                _ => self.knots.push((x, c)),
            }
        }
    }
}

/// Pr[A + B ≤ c] for independent A (as [`Pieces`]) and B (a [`LinearLaw`]), and its
/// density: each piece of A contributes its probability times the mean of B's CDF over an
/// interval, a difference of B's integral, and its derivative in c the same
/// difference of B's CDF. Mixing B over A's atoms alone is a staircase in c wherever B's CDF
/// is steep (both trajectories near their ceilings at ×/÷ 5: 0.8 percentage points off a
/// fine grid). The knots' arguments c − x fall as x rises, so B's segment is found by a walk
/// down its atoms instead of a search per knot.
fn cdf_of_sum(a: &Pieces, b: &LinearLaw, c: f64) -> (f64, f64) {
    let mut k = b.xs.len();
    let (mut cdf, mut density) = (0.0, 0.0);
    for &(x, coefficient) in &a.knots {
        let t = c - x;
        while k > 0 && b.xs[k - 1] > t {
            k -= 1;
        }
        let (f, g) = b.cdf_and_integral_in(k, t);
        cdf += coefficient * g;
        density += coefficient * f;
    }
    for &(x, m) in &a.points {
        let i = b.xs.partition_point(|&v| v <= c - x);
        cdf += m * b.cdf_in(i, c - x);
        density += m * b.density_in(i);
    }
    (cdf, density)
}

/// The `q` quantile of a CDF given with its density (`cdf`) by Newton's method from `guess`,
/// safeguarded as in Numerical Recipes' `rtsafe` (Press et al., 3rd ed., §9.4): the bracket
/// narrows with each evaluation, and a step that would leave it or that does not halve the
/// last one is a bisection instead (where a trajectory saturates, the density is a narrow
/// spike that a Newton step alone creeps along). While one side of the bracket is still only
/// the support's end [lo, hi], it is sought by steps from the guess doubling from 0.01 OOM
/// (the guess is within a few hundredths, and a bisection of the whole support takes a dozen
/// steps). To 1e-4 OOM or better; from a good guess, one to three evaluations. `smooth`: the CDF has a
/// continuous density and it is exact, so a Newton step under 3e-3 OOM leaves an error of
/// its square's order and ends the search; else (a density with steps, or approximate) only
/// a bracket under 1e-4, a step under 1e-4 with both sides found, or a CDF within 1e-9 of
/// `q` does.
pub fn safeguarded_quantile(
    mut cdf: impl FnMut(f64) -> (f64, f64),
    q: f64,
    guess: f64,
    (lo, hi): (f64, f64),
    smooth: bool,
) -> f64 {
    let (mut lo, mut hi) = (lo, hi);
    let (mut lo_found, mut hi_found) = (false, false);
    let mut x = guess.clamp(lo, hi);
    let (mut step, mut last_step) = (hi - lo, hi - lo);
    let mut reach = 0.005;
    for _ in 0..100 {
        let (value, density) = cdf(x);
        let f = value - q;
        if !smooth && f.abs() <= 1e-9 {
            // Within a billionth of the level: exact for any use of a band.
            return x;
        }
        if f < 0.0 {
            lo = x;
            lo_found = true;
        } else {
            hi = x;
            hi_found = true;
        }
        let newton = x - f / density;
        let newton_ok =
            newton > lo && newton < hi && (2.0 * f).abs() <= (last_step * density).abs();
        last_step = step;
        let next = if newton_ok {
            newton
        } else if !lo_found {
            reach *= 2.0;
            (x - reach).max(lo)
        } else if !hi_found {
            reach *= 2.0;
            (x + reach).min(hi)
        } else {
            0.5 * (lo + hi)
        };
        step = (next - x).abs();
        x = next;
        // (A step under 1e-4 ends it only once both sides are found: Newton steps creep
        // along a steep spike of the density.)
        let bracketed = smooth || (lo_found && hi_found);
        if (smooth && newton_ok && step < 3e-3) || (bracketed && step < 1e-4) || hi - lo < 1e-4 {
            break;
        }
    }
    x
}

/// The 10th, 50th and 90th percentiles of A + B for independent A and B, each given by its
/// atoms: the wider as pieces of even density, the other as a piecewise-linear law, the sum's
/// CDF exact for the two, its percentiles by a safeguarded Newton method (this file's private
/// `Pieces`, [`LinearLaw`] and [`safeguarded_quantile`]). `near`: guesses to start from (last
/// year's percentiles, or a cubic through neighbouring years').
pub fn percentiles_of_sum(a: &FactorAtoms, b: &FactorAtoms, near: Option<[f64; 3]>) -> [f64; 3] {
    let (a, b) = (LinearLaw::new(a), LinearLaw::new(b));
    let (Some((alo, ahi)), Some((blo, bhi))) = (a.span(), b.span()) else {
        return [f64::NAN; 3];
    };
    let (lo, hi) = (alo + blo - 1e-3, ahi + bhi + 1e-3);
    let qs = [0.1, 0.5, 0.9];
    // Else the sum of the middle atoms (the first year's laws are narrow).
    let near = near.filter(|n| n.iter().all(|v| v.is_finite()));
    let guess = near.unwrap_or([a.xs[a.xs.len() / 2] + b.xs[b.xs.len() / 2]; 3]);
    let (outer, inner) = wider_first(a, b);
    let outer = Pieces::new(&outer);
    let mut out = [0.0; 3];
    for i in 0..3 {
        out[i] = safeguarded_quantile(
            |x| cdf_of_sum(&outer, &inner, x),
            qs[i],
            guess[i],
            (lo, hi),
            true,
        );
    }
    out
}

/// The two laws, the wider (from first to last atom) first: it is cut in pieces, the other
/// integrated.
fn wider_first(a: LinearLaw, b: LinearLaw) -> (LinearLaw, LinearLaw) {
    let width = |l: &LinearLaw| l.span().map_or(0.0, |(lo, hi)| hi - lo);
    if width(&a) >= width(&b) {
        (a, b)
    } else {
        (b, a)
    }
}

/// Where [`law_of_sum`] reads the CDF below the top of the sum's support: at it, just below
/// it (a millionth of an OOM, as [`Pieces`] takes a saturated piece) and closer than the
/// grid below it. Where both trajectories saturate, their ceilings are the tops of their laws
/// and hold point masses, so the sum has one at its top, and the rest of each saturating
/// trajectory crowds just below.
const SUM_TOP_STEPS: [f64; 7] = [0.0, 1e-6, 0.003, 0.01, 0.03, 0.1, 0.3];

/// The law of A + B (independent, each given by its atoms) as a [`LinearLaw`] through its
/// CDF at `count` points spread evenly over `grid` (within the sum's support), below the
/// top of its support (`SUM_TOP_STEPS`) and at `known` (points whose CDF is already
/// known, such as its percentiles): exact for the wider as pieces between its atoms (at most
/// `cuts` between two) against the other's piecewise-linear law, as in
/// [`percentiles_of_sum`], in one pass over the points (each knot's argument rises with x, so
/// its segment of the other law is found by a walk). Where both trajectories saturate, the
/// sum of their ceilings holds a quarter of C's probability at the widest settings in late
/// years; spread over a grid step it put C's 95th percentile 0.1 OOM above that ceiling, and
/// F*'s median 0.12 OOM off.
pub fn law_of_sum(
    a: &FactorAtoms,
    b: &FactorAtoms,
    cuts: usize,
    grid: (f64, f64),
    count: usize,
    known: &[(f64, f64)],
) -> LinearLaw {
    let (a, b) = (LinearLaw::new(a), LinearLaw::new(b));
    let (Some((alo, ahi)), Some((blo, bhi))) = (a.span(), b.span()) else {
        return LinearLaw::through(Vec::new(), Vec::new());
    };
    // The sum's support: its CDF is neither 0 nor 1 only within it.
    let support = (alo + blo, ahi + bhi);
    let (outer, inner) = wider_first(a, b);
    let outer = Pieces::cut(&outer, cuts);
    let mut at_knot = vec![0usize; outer.knots.len()];
    let mut at_point = vec![0usize; outer.points.len()];
    let locate = |i: &mut usize, t: f64| {
        while *i < inner.xs.len() && inner.xs[*i] <= t {
            *i += 1;
        }
    };
    let (from, to) = (grid.0.max(support.0), grid.1.min(support.1));
    let mut at: Vec<f64> = (0..count)
        .map(|j| from + (to - from) * j as f64 / (count.max(2) - 1) as f64)
        .collect();
    at.extend(SUM_TOP_STEPS.iter().map(|d| support.1 - d));
    crate::sorting::floats(&mut at);
    let mut points: Vec<(f64, f64)> = at
        .iter()
        .map(|&x| {
            let mut p = 0.0;
            for (&(k, coefficient), i) in outer.knots.iter().zip(at_knot.iter_mut()) {
                locate(i, x - k);
                p += coefficient * inner.cdf_and_integral_in(*i, x - k).1;
            }
            for (&(v, m), i) in outer.points.iter().zip(at_point.iter_mut()) {
                locate(i, x - v);
                p += m * inner.cdf_in(*i, x - v);
            }
            (x, p.clamp(0.0, 1.0))
        })
        .chain(known.iter().copied())
        .collect();
    crate::sorting::by_value(&mut points);
    let (mut px, mut pp) = (
        Vec::with_capacity(points.len()),
        Vec::with_capacity(points.len()),
    );
    let mut last = 0.0f64;
    for (x, p) in points {
        last = last.max(p);
        if px.last().is_some_and(|&l: &f64| x - l < 1e-9) {
            *pp.last_mut().unwrap() = last;
        } else {
            px.push(x);
            pp.push(last);
        }
    }
    LinearLaw::through(px, pp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A factor of σ = 1 on [`compute_cells`] whose value rises with its score from
    /// `ceiling − 3` and stays at `ceiling` from score 0 up.
    fn saturating(ceiling: f64) -> FactorAtoms {
        let cells = compute_cells();
        FactorAtoms {
            atoms: cells
                .iter()
                .map(|c| (ceiling + c.2.min(0.0), c.3))
                .collect(),
            scores: cells.iter().map(|c| c.2).collect(),
        }
    }

    #[test]
    fn the_sum_keeps_the_point_mass_of_both_ceilings() {
        let (a, b) = (saturating(3.0), saturating(2.0));
        // Each law's mass at its ceiling (about a half), and the sum's at 5.
        let at_ceiling =
            |f: &FactorAtoms, c: f64| 1.0 - LinearLaw::new(f).cdf_density_integral(c - 1e-9).0;
        let mass = at_ceiling(&a, 3.0) * at_ceiling(&b, 2.0);
        assert!((0.2..0.3).contains(&mass), "{mass}");
        let law = law_of_sum(&a, &b, 1, (-6.0, 9.0), 24, &[]);
        let top = 5.0;
        assert_eq!(law.cdf_density_integral(top).0, 1.0);
        let below = law.cdf_density_integral(top - 1e-4).0;
        assert!(
            (below - (1.0 - mass)).abs() < 2e-3,
            "{below} vs {}",
            1.0 - mass
        );
        for p in [1.0 - mass + 2e-3, 0.9, 0.99, 1.0] {
            assert!(
                (law.quantile(p) - top).abs() < 1e-5,
                "{p}: {}",
                law.quantile(p)
            );
        }
    }
}
