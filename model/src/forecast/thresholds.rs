//! The yearly loop's first stage: per node pair, the set of requirements affordable each year
//! ([`Thresholds`]), which years [`Plan::Curves`] computes and which it interpolates
//! ([`stride_year`], [`bend_years`], [`cubic_through`]), and the trajectories' bands.

use crate::requirements::{locate, Located};
use crate::scenario::{AlgorithmicProgress, Scenario, FIRST_YEAR};
use crate::trajectories::{
    log10_flop_per_dollar, log10_spend, log10_spend_cap, TRAJECTORY_BASE_YEAR,
};
use crate::uncertain::{self, LOG10_2};

use super::phi::{PhiTables, Refining, RulePhi};
use super::plan::{
    compute_year, log10_or_tiny, point_curve, progress_spread, ComputeSum, Nodes, Plan, YearLaw,
};
use super::progress_bands;
use super::{Band, BandScratch};

/// One (algorithmic node, compute node) pair of one year: where the requirement
/// distributions are read.
#[derive(Clone, Copy)]
pub(super) struct Pair {
    /// Quadrature weight of the pair.
    pub(super) w: f64,
    /// Affordable compute C, log10 FLOP.
    pub(super) c: f64,
    /// F*, the end of the first interval of {F : φ(F) ≤ C} (the effective compute).
    threshold: f64,
    /// F* located on the requirements grid: the first interval is (−∞, F*].
    pub(super) upper: Located,
    /// The pair's further intervals (only when φ is not increasing) in `Thresholds::located`.
    pub(super) extra: (u32, u32),
}

/// The first stage of the yearly loop: the trajectories per node and, per node pair, the set
/// of requirements affordable that year, located on the requirements grid. Depends only on the
/// trajectories, their uncertainty and the progress rule, so weight and requirement changes
/// reuse it. Years are added as runs reach them; every per-year vector is year-major.
pub(super) struct Thresholds {
    pub(super) key: String,
    pub(super) plan: Plan,
    pub(super) nodes: Nodes,
    /// Where algorithmic progress starts counting, as in the φ tables.
    pub(super) start_year: f64,
    /// log10 FLOP/$ per hardware node, log10 spend per spending node, (C, weight) per
    /// compute node.
    fpd: Vec<f64>,
    spend: Vec<f64>,
    compute: Vec<(f64, f64)>,
    pub(super) pairs: Vec<Pair>,
    /// The intervals after each pair's first, their ends located (see [`Pair::extra`]).
    pub(super) located: Vec<(Located, Located)>,
    /// Years computed so far.
    years: usize,
    /// Scratch for one pair's intervals, a monotone row's ends and their refinements.
    intervals: Vec<(f64, f64)>,
    ends: Vec<f64>,
    refining: Vec<Refining>,
    /// The bands of the latest full forecast, and over how many years.
    bands: Option<(usize, [Band; 5])>,
    /// Per year, for plans other than [`Plan::Paths`].
    pub(super) laws: Vec<YearLaw>,
    /// [`bend_years`] of the scenario, as years since 2025.
    pub(super) bends: Vec<f64>,
    /// The scenario's progress rule (for the bands of [`Plan::Curves`]).
    rule: AlgorithmicProgress,
}

impl Thresholds {
    /// Everything the thresholds depend on: the trajectories, their uncertainty and the rule.
    /// Debug output is exact (shortest round-trip digits, −0 and NaN spelled out).
    pub(super) fn key(s: &Scenario) -> String {
        format!(
            "{:?}{:?}{:?}{:?}",
            s.algorithmic_progress, s.hardware, s.spending, s.uncertainty
        )
    }

    pub(super) fn new(key: String, plan: Plan, nodes: Nodes, start_year: f64) -> Thresholds {
        Thresholds {
            key,
            plan,
            nodes,
            start_year,
            fpd: Vec::new(),
            spend: Vec::new(),
            compute: Vec::new(),
            pairs: Vec::new(),
            located: Vec::new(),
            years: 0,
            intervals: Vec::with_capacity(8),
            ends: Vec::new(),
            refining: Vec::new(),
            bands: None,
            laws: Vec::new(),
            bends: Vec::new(),
            rule: AlgorithmicProgress::default(),
        }
    }

    /// Empties the tables for other trajectories, keeping the buffers.
    pub(super) fn reset(&mut self, key: String, plan: Plan, nodes: Nodes, start_year: f64) {
        self.key = key;
        self.plan = plan;
        self.nodes = nodes;
        self.start_year = start_year;
        self.fpd.clear();
        self.spend.clear();
        self.compute.clear();
        self.pairs.clear();
        self.located.clear();
        self.years = 0;
        self.bands = None;
        self.laws.clear();
    }

    /// Whether [`Plan::Curves`] computes year index `k`: the years of [`STRIDES`], and every
    /// year within three of a [`bend_years`] year. The others come from their neighbours: the
    /// plan's probability is smooth in the year there, so a cubic through the two computed
    /// years on each side ([`Thresholds::stencil`]) is within ~1e-5 of it.
    pub(super) fn curve_year(&self, k: usize) -> bool {
        let Plan::Curves(law, _) = &self.plan else {
            return true;
        };
        // A certain (or narrow) FLOP/$ or spend trajectory bends sharply where it reaches
        // its ceiling, and so does the probability, over a few years: every year is computed.
        let narrower = law.hardware.min(law.spend);
        // From twice that σ the ceilings are spread over a decade or more of years, and the
        // years around them need no care either.
        let near_bend = narrower < 2.0 * STRIDE_MIN_SIGMA
            && self.bends.iter().any(|&b| (k as f64 - b).abs() <= 3.0);
        narrower < STRIDE_MIN_SIGMA || stride_year(k) || near_bend
    }

    /// For an interpolated year `k` of [`Plan::Curves`]: the two computed years before it and
    /// the two after, through which a cubic gives it.
    pub(super) fn stencil(&self, k: usize) -> [usize; 4] {
        let below = |from: usize| (0..from).rev().find(|&j| self.curve_year(j)).unwrap_or(0);
        let above = |from: usize| {
            (from + 1..)
                .find(|&j| self.curve_year(j))
                .unwrap_or(from + 1)
        };
        let (b, c) = (below(k), above(k));
        [below(b), b, c, above(c)]
    }

    pub(super) fn pairs_per_year(&self) -> usize {
        self.nodes.algo.len() * self.nodes.compute.len()
    }

    /// The five bands over the first `years` years: quantiles over the nodes of each
    /// trajectory, which depend on nothing but these thresholds, so a weight or requirement
    /// slider reuses them (they were most of such a run).
    pub(super) fn bands(&mut self, years: usize) -> [Band; 5] {
        if let Some((cached_years, bands)) = &self.bands {
            if *cached_years == years {
                return bands.clone();
            }
        }
        if !matches!(self.plan, Plan::Paths) {
            let bands = self.law_bands(years);
            self.bands = Some((years, bands.clone()));
            return bands;
        }
        let (hardware, spend, compute) = (
            self.nodes.hardware.len(),
            self.nodes.spend.len(),
            self.nodes.compute.len(),
        );
        let pairs = self.pairs_per_year();
        let mut bands: [Band; 5] = std::array::from_fn(|_| Band::with_capacity(years));
        let mut scratch = BandScratch::default();
        // Each band's sorted order of the year before: the points move slowly, so it is
        // nearly sorted for the next year.
        let mut orders: [Vec<u32>; 5] = Default::default();
        let mut points: Vec<(f64, f64)> = Vec::with_capacity(pairs);
        for k in 0..years {
            let s = &mut scratch;
            points.clear();
            points.extend(
                self.fpd[k * hardware..(k + 1) * hardware]
                    .iter()
                    .zip(&self.nodes.hardware)
                    .map(|(&v, n)| (v, n.weight)),
            );
            bands[0].push(&points, &mut orders[0], s);
            points.clear();
            points.extend(
                self.spend[k * spend..(k + 1) * spend]
                    .iter()
                    .zip(&self.nodes.spend)
                    .map(|(&v, n)| (v, n.weight)),
            );
            bands[1].push(&points, &mut orders[1], s);
            let co = &self.compute[k * compute..(k + 1) * compute];
            bands[2].push(co, &mut orders[2], s);
            let year_pairs = &self.pairs[k * pairs..(k + 1) * pairs];
            points.clear();
            points.extend(year_pairs.iter().map(|p| (p.threshold - p.c, p.w)));
            bands[3].push(&points, &mut orders[3], s);
            points.clear();
            points.extend(year_pairs.iter().map(|p| (p.threshold, p.w)));
            bands[4].push(&points, &mut orders[4], s);
        }
        self.bands = Some((years, bands.clone()));
        bands
    }

    /// The bands of a plan other than [`Plan::Paths`]: FLOP/$, spend and C from each year's
    /// law; F* − C and F* from it too when progress is certain (they are monotone in C), else
    /// the percentiles of the mixture of the points' curves.
    fn law_bands(&self, years: usize) -> [Band; 5] {
        let mut bands: [Band; 5] = std::array::from_fn(|_| Band::with_capacity(years));
        let push = |band: &mut Band, mut v: [f64; 3]| {
            // Three roots of one non-decreasing function: in order but for rounding.
            crate::sorting::floats(&mut v);
            band.p10.push(v[0]);
            band.median.push(v[1]);
            band.p90.push(v[2]);
        };
        let curves = matches!(self.plan, Plan::Curves(..));
        // C's percentiles: the year's own, or (both compute factors and progress uncertain)
        // from the year's trajectories, first in the computed years, then in the others
        // from the cubic through their stencils (within a few hundredths of an OOM, so
        // Newton's method needs one or two steps from there).
        let mut compute: Vec<[f64; 3]> = self.laws.iter().map(|l| l.compute).collect();
        if let Plan::Curves(compute_law, _) = &self.plan {
            let mut last: [Option<(usize, [f64; 3])>; 2] = [None; 2];
            for (k, law) in self.laws.iter().enumerate() {
                if let (Some(t), true) = (&law.compute_sum, self.curve_year(k)) {
                    compute[k] = t.percentiles(compute_law, extrapolate(last, k));
                    last = [last[1], Some((k, compute[k]))];
                }
            }
            for (k, law) in self.laws.iter().enumerate().take(years) {
                if let (Some(t), false) = (&law.compute_sum, self.curve_year(k)) {
                    let stencil = self.stencil(k);
                    let at = stencil.map(|j| compute[j]);
                    let guess = [0, 1, 2].map(|j| cubic_through(stencil, at.map(|e| e[j]), k));
                    compute[k] = t.percentiles(compute_law, Some(guess));
                }
            }
        }
        // F* − C and F* per year: from the curves in the years that have them (F*'s
        // searched from the line through the last two such years).
        let mut scratch = progress_bands::Scratch::default();
        let mut effective: Vec<[[f64; 3]; 2]> = Vec::with_capacity(self.laws.len());
        let mut last: [Option<(usize, [[f64; 3]; 2])>; 2] = [None; 2];
        let progress_law = match &self.plan {
            Plan::Curves(_, progress) => Some(progress),
            _ => None,
        };
        // Year k's progress in closed form, when one of its two factors is certain.
        let closed_at = |k: usize| {
            let t_algo = ((FIRST_YEAR + k as i32) as f64 - self.start_year).max(0.0);
            progress_law.and_then(|p| progress_bands::ClosedProgress::new(&self.rule, p, t_algo))
        };
        for (k, law) in self.laws.iter().enumerate() {
            effective.push(if !curves {
                law.effective
            } else if self.curve_year(k) {
                let two_factors;
                let compute_law = match (&law.compute_sum, &law.compute_law) {
                    (Some(ComputeSum::Atoms(a, b)), _) => {
                        two_factors = sum_law(a, b, &law.points, compute[k]);
                        &two_factors
                    }
                    (_, Some(l)) => l,
                    _ => unreachable!("a computed year of Plan::Curves has C's law"),
                };
                let closed = closed_at(k);
                let band = |i: usize| extrapolate(last.map(|l| l.map(|(j, e)| (j, e[i]))), k);
                let near = band(0).zip(band(1)).map(|(a, f)| [a, f]);
                let e = progress_bands::percentiles(
                    law,
                    compute_law,
                    closed.as_ref(),
                    near,
                    &mut scratch,
                );
                last = [last[1], Some((k, e))];
                e
            } else {
                [[f64::NAN; 3]; 2]
            });
        }
        let breaks = rule_breaks(&self.rule);
        for k in 0..years {
            if curves && !self.curve_year(k) {
                let stencil = self.stencil(k);
                let at = stencil.map(|j| effective[j]);
                for j in 0..3 {
                    effective[k][0][j] = cubic_through(stencil, at.map(|e| e[0][j]), k);
                    // F* above C's same percentile: C bends where the trajectories saturate,
                    // and its percentiles are exact in every year.
                    let above = stencil.map(|s| effective[s][1][j] - compute[s][j]);
                    effective[k][1][j] = compute[k][j] + cubic_through(stencil, above, k);
                }
                // One of progress's factors certain: where a percentile's stencil reaches one
                // of the rule's endpoints (a kink in F* − C that the cubic misses: F*'s median
                // 0.17 OOM off in 2058 with compute and cap uncertain), F* is solved from C's
                // law in closed form, searched from the cubic's value.
                let wanted: [bool; 3] = std::array::from_fn(|j| {
                    let (lo, hi) = at.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |r, e| {
                        (r.0.min(e[1][j]), r.1.max(e[1][j]))
                    });
                    breaks
                        .iter()
                        .any(|&b| b > lo - KINK_REACH && b < hi + KINK_REACH)
                });
                let closed = if wanted.contains(&true) {
                    closed_at(k)
                } else {
                    None
                };
                if let (Some(closed), Plan::Curves(compute_law, _)) = (closed, &self.plan) {
                    let law = &self.laws[k];
                    let c_law = match &law.compute_sum {
                        // Without Gauss points to span: ±3.2 σ of a normal C.
                        Some(sum) => sum.with_atoms(compute_law, |a, b| {
                            let [p10, _, p90] = compute[k];
                            let reach = 0.75 * (p90 - p10).max(0.01);
                            sum_law_in(a, b, (p10 - reach, p90 + reach), compute[k])
                        }),
                        None => law.trajectories.one_factor_law(compute_law),
                    };
                    effective[k][1] =
                        progress_bands::closed_effective(&closed, &c_law, effective[k][1], wanted);
                }
            }
        }
        for (k, (law, [progress, effective])) in
            self.laws[..years].iter().zip(effective).enumerate()
        {
            push(&mut bands[0], law.fpd);
            push(&mut bands[1], law.spend);
            push(&mut bands[2], compute[k]);
            push(&mut bands[3], progress);
            push(&mut bands[4], effective);
        }
        bands
    }

    pub(super) fn extend_to(&mut self, years: usize, s: &Scenario, phi: &mut PhiTables) {
        // Curves: an interpolated year needs the two computed years after it (the last
        // interpolated year before `years` reaches furthest).
        let years = match self.plan {
            Plan::Curves(..) => (0..years)
                .rev()
                .find(|&k| !self.curve_year(k))
                .map_or(years, |k| years.max(self.stencil(k)[3] + 1)),
            _ => years,
        };
        if self.years == 0 {
            self.rule = s.algorithmic_progress.clone();
        }
        while self.years < years {
            let k = self.years;
            let y = (FIRST_YEAR + k as i32) as f64;
            let t_algo = (y - self.start_year).max(0.0);
            let compute_start = self.compute.len();
            match &self.plan {
                Plan::Paths => {
                    let nodes = &self.nodes;
                    let (fpd_start, spend_start) = (self.fpd.len(), self.spend.len());
                    self.fpd.extend(
                        nodes
                            .hardware_factors
                            .iter()
                            .map(|&f| log10_flop_per_dollar(&s.hardware, y, f)),
                    );
                    self.spend.extend(
                        nodes
                            .spend_factors
                            .iter()
                            .map(|&f| log10_spend(&s.spending, y, f)),
                    );
                    for n in &nodes.compute {
                        let c = self.fpd[fpd_start + n.hardware_index]
                            + self.spend[spend_start + n.spend_index];
                        self.compute.push((c, n.weight));
                    }
                }
                Plan::Points(law) => {
                    let n = self.laws.len();
                    let last = [n.checked_sub(2), n.checked_sub(1)]
                        .map(|j| j.map(|j| (j, self.laws[j].compute)));
                    let year = compute_year(s, y, law, true, None, extrapolate(last, n));
                    // As many points as nodes: a law with fewer distinct values repeats the
                    // last with weight 0.
                    for i in 0..self.nodes.compute.len() {
                        let point = year
                            .points
                            .get(i)
                            .copied()
                            .unwrap_or((year.points.last().map_or(0.0, |p| p.0), 0.0));
                        self.compute.push(point);
                    }
                    self.laws.push(year);
                }
                Plan::Curves(law, progress) => {
                    let computed = self.curve_year(k);
                    let rule = &s.algorithmic_progress;
                    let spread = |c: f64| progress_spread(rule, progress, t_algo, c);
                    let mut year = compute_year(s, y, law, computed, Some(&spread), None);
                    if !computed {
                        // Interpolated from its neighbours (AnchorShares, law_bands).
                        self.laws.push(year);
                        self.years += 1;
                        continue;
                    }
                    let x0 = |f: f64| t_algo * LOG10_2 / rule.halving_years_at(f).max(1e-6);
                    let cap = |f: f64| rule.cap_oom_at(f);
                    let h_min = rule
                        .halving_years_small
                        .min(rule.halving_years_large)
                        .max(1e-6);
                    let cap_top = rule.cap_oom_small.max(rule.cap_oom_large);
                    let breaks = rule_breaks(rule);
                    year.curves = year
                        .points
                        .iter()
                        .map(|&(c, _)| {
                            point_curve(
                                c,
                                t_algo,
                                progress,
                                &x0,
                                &cap,
                                t_algo * LOG10_2 / h_min,
                                cap_top,
                                &breaks,
                            )
                        })
                        .collect();
                    self.laws.push(year);
                    self.years += 1;
                    continue;
                }
            }
            phi.extend_to(k);
            let nodes = &self.nodes;
            let points = phi.table_f.len();
            for (ai, &node) in nodes.algo.iter().enumerate() {
                let row_index = k * nodes.algo.len() + ai;
                let row = phi.rows[row_index];
                let rule_phi = RulePhi {
                    rule: &s.algorithmic_progress,
                    t: t_algo,
                    node,
                    a_left: row.a_left,
                    a_right: row.a_right,
                    table_f: &phi.table_f,
                    table_phi: &phi.phi[row_index * points..(row_index + 1) * points],
                    monotone: row.monotone,
                };
                let central = node.halving_factor == 1.0 && node.cap_shift == 0.0;
                if let (Plan::Points(_), Some(year), true) =
                    (&self.plan, self.laws.last_mut(), central)
                {
                    // F* at the percentiles of C: F* rises with C, so these are its own (with
                    // narrow progress uncertainty, at its central node).
                    let at: Vec<(f64, f64)> = year.compute.iter().map(|&c| (c, 1.0)).collect();
                    let effective: Vec<f64> = if row.monotone {
                        rule_phi.monotone_ends(&at, &mut self.ends, &mut self.refining);
                        self.ends.clone()
                    } else {
                        at.iter()
                            .map(|&(c, _)| {
                                rule_phi.sublevel_set(c, &mut self.intervals);
                                self.intervals[0].1
                            })
                            .collect()
                    };
                    for (i, (&f, &c)) in effective.iter().zip(&year.compute).enumerate() {
                        year.effective[0][i] = f - c;
                        year.effective[1][i] = f;
                    }
                }
                let compute = &self.compute[compute_start..];
                if row.monotone {
                    rule_phi.monotone_ends(compute, &mut self.ends, &mut self.refining);
                    let start = self.located.len() as u32;
                    for (&(c, cw), &threshold) in compute.iter().zip(&self.ends) {
                        self.pairs.push(Pair {
                            w: node.weight * cw,
                            c,
                            threshold,
                            upper: locate(threshold),
                            extra: (start, start),
                        });
                    }
                    continue;
                }
                for &(c, cw) in compute {
                    rule_phi.sublevel_set(c, &mut self.intervals);
                    let start = self.located.len() as u32;
                    self.located.extend(
                        self.intervals[1..]
                            .iter()
                            .map(|&(a, b)| (locate(a), locate(b))),
                    );
                    let threshold = self.intervals[0].1;
                    self.pairs.push(Pair {
                        w: node.weight * cw,
                        c,
                        threshold,
                        upper: locate(threshold),
                        extra: (start, self.located.len() as u32),
                    });
                }
            }
            self.years += 1;
        }
    }
}

/// C's law when both compute factors are uncertain: through its CDF at points spread evenly
/// from two spacings of the Gauss points below them to two above (within C's support),
/// just below the top of its support (where both trajectories' ceilings meet, a point mass
/// when both saturate), and at its three percentiles
/// (`percentiles`, exact). The Gauss points alone left F*'s band 0.5 OOM off where the
/// trajectories saturate; 80 evenly spread points were no closer than 24.
fn sum_law(
    a: &uncertain::FactorAtoms,
    b: &uncertain::FactorAtoms,
    points: &[(f64, f64)],
    percentiles: [f64; 3],
) -> uncertain::LinearLaw {
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), p| {
            (l.min(p.0), h.max(p.0))
        });
    let step = (hi - lo).max(0.01) / points.len().max(1) as f64;
    sum_law_in(a, b, (lo - 2.0 * step, hi + 2.0 * step), percentiles)
}

/// C's law through its CDF at points spread evenly over `range` and at its three
/// `percentiles` (see [`sum_law`]).
fn sum_law_in(
    a: &uncertain::FactorAtoms,
    b: &uncertain::FactorAtoms,
    range: (f64, f64),
    percentiles: [f64; 3],
) -> uncertain::LinearLaw {
    let known: Vec<(f64, f64)> = percentiles.into_iter().zip([0.1, 0.5, 0.9]).collect();
    uncertain::law_of_sum(a, b, SUM_LAW_CUTS, range, SUM_LAW_POINTS, &known)
}

const SUM_LAW_POINTS: usize = 24;

/// Pieces between two atoms of the wider compute factor in [`sum_law`].
const SUM_LAW_CUTS: usize = 1;

/// How far (OOM) beyond an interpolated year's stencil a rule endpoint makes
/// [`Thresholds::law_bands`] solve F*'s percentile there instead of taking the cubic's.
const KINK_REACH: f64 = 0.1;

/// Which year indices [`Plan::Curves`] computes, away from bends: (from index, every n-th
/// from there). The probability's features widen as the years pass (each trajectory's spread
/// grows with time), so the stride can too: every year to 2028, then every second, fourth,
/// sixth and from 2073 every eighth year, 19 years of 2025–2100 and within ~0.01 percentage
/// points of computing them all.
const STRIDES: [(usize, usize); 5] = [(0, 1), (4, 2), (8, 4), (24, 6), (48, 8)];

fn stride_year(k: usize) -> bool {
    let (from, every) = STRIDES
        .iter()
        .rev()
        .find(|s| k >= s.0)
        .copied()
        .unwrap_or((0, 1));
    (k - from).is_multiple_of(every)
}

/// The smallest σ of both compute factors (natural log; ×/÷ 1.2 as an 80% interval) with
/// which [`Plan::Curves`] interpolates every second year: then each path's ceiling is
/// reached over a spread of years wide enough for the probability to be smooth in the year.
const STRIDE_MIN_SIGMA: f64 = 0.15;

/// A guess at C's percentiles in year `k` from the last two years that have them: the line
/// through them, or the last alone.
pub(super) fn extrapolate(last: [Option<(usize, [f64; 3])>; 2], k: usize) -> Option<[f64; 3]> {
    match last {
        [Some((j0, c0)), Some((j1, c1))] if j1 > j0 => {
            let f = (k - j1) as f64 / (j1 - j0) as f64;
            Some([0, 1, 2].map(|i| c1[i] + f * (c1[i] - c0[i])))
        }
        [_, Some((_, c))] => Some(c),
        _ => None,
    }
}

/// Years around which [`Plan::Curves`] computes every year: where the central FLOP/$ or
/// spending path reaches its ceiling and where progress starts counting, the only places its
/// probability bends sharply in the year (a narrow compute uncertainty leaves the bend).
pub(super) fn bend_years(s: &Scenario, start_year: f64) -> Vec<f64> {
    let (hw, sp) = (&s.hardware, &s.spending);
    let mut years = vec![start_year - TRAJECTORY_BASE_YEAR];
    let room = log10_or_tiny(hw.max_flop_per_dollar) - log10_or_tiny(hw.flop_per_dollar_2025);
    years.push(room * hw.halving_years / LOG10_2);
    // Spend reaches the cap when t·log10 2/d = room₀ + t·log10(1 + g).
    let room = log10_spend_cap(sp, TRAJECTORY_BASE_YEAR) - log10_or_tiny(sp.dollars_2025);
    let growth = libm::log10((1.0 + sp.gdp_growth_percent / 100.0).max(1e-3));
    let rate = LOG10_2 / sp.doubling_years - growth;
    if rate > 0.0 {
        years.push(room / rate);
    }
    years.retain(|t| t.is_finite());
    years
}

/// The cubic through four (year, value) points at year `k` (Lagrange form).
pub(super) fn cubic_through(years: [usize; 4], values: [f64; 4], k: usize) -> f64 {
    let x = years.map(|y| y as f64);
    let at = k as f64;
    (0..4)
        .map(|i| {
            let mut term = values[i];
            for j in 0..4 {
                if j != i {
                    term *= (at - x[j]) / (x[i] - x[j]);
                }
            }
            term
        })
        .sum()
}

/// The requirements where the rule's halving time or cap changes slope.
fn rule_breaks(rule: &AlgorithmicProgress) -> [f64; 4] {
    [
        rule.halving_f_low,
        rule.halving_f_high,
        rule.cap_f_low,
        rule.cap_f_high,
    ]
}
