//! How a forecast integrates over trajectory uncertainty: the [`Plan`] and its quadrature
//! [`Nodes`], and per year the law of affordable compute ([`YearLaw`], [`compute_year`]) with
//! each Gauss point's curve of what is affordable ([`PointCurve`], [`point_curve`]).

use crate::quadrature::{self, Z_90};
use crate::requirements;
use crate::scenario::{AlgorithmicProgress, Scenario, Uncertainty};
use crate::trajectories::{
    log10_logistic, log10_one_plus_pow10, log10_spend_cap, oom_after, pow10, TRAJECTORY_BASE_YEAR,
};
use crate::uncertain::{self, AffordCurve, Ceiling, ProgressLaw, Rule, LOG10_2};

/// σ of a lognormal whose 80% interval is value ×/÷ `factor` (0 when certain).
fn log_sigma(factor: f64) -> f64 {
    if factor.is_finite() && factor > 1.0 {
        libm::log(factor) / Z_90
    } else {
        0.0
    }
}

/// One algorithmic-progress quadrature node.
#[derive(Clone, Copy)]
pub(super) struct AlgoNode {
    /// Multiplies every halving time.
    pub(super) halving_factor: f64,
    /// Added to every cap, OOM.
    pub(super) cap_shift: f64,
    pub(super) weight: f64,
}

/// One compute quadrature node (hardware and spending).
#[derive(Clone, Copy)]
pub(super) struct ComputeNode {
    pub(super) hardware_index: usize,
    pub(super) spend_index: usize,
    pub(super) weight: f64,
}

/// The quadrature nodes of one forecast: algorithmic progress (halving time × cap) and compute
/// (hardware × spending).
pub(super) struct Nodes {
    pub(super) algo: Vec<AlgoNode>,
    pub(super) hardware: Vec<quadrature::Node>,
    pub(super) spend: Vec<quadrature::Node>,
    /// Each hardware node's factor on the FLOP/$ halving time.
    pub(super) hardware_factors: Vec<f64>,
    /// Each spending node's factor on the spend doubling time.
    pub(super) spend_factors: Vec<f64>,
    pub(super) compute: Vec<ComputeNode>,
}

impl Nodes {
    /// The nodes of a plan: the 3-point rule of every uncertain trajectory for
    /// [`Plan::Paths`]; otherwise one algorithmic node (the rule itself) and, for
    /// [`Plan::Points`], a compute node per Gauss point of affordable compute (their values
    /// change every year, see [`YearLaw`]).
    pub(super) fn new(u: &Uncertainty, plan: &Plan) -> Nodes {
        match plan {
            Plan::Paths => {}
            Plan::Points(law) | Plan::Curves(law, _) => {
                let single = vec![quadrature::Node {
                    z: 0.0,
                    weight: 1.0,
                }];
                let points = if matches!(plan, Plan::Points(_)) {
                    law.points
                } else {
                    0
                };
                let algo = if matches!(plan, Plan::Points(_)) {
                    Nodes::algo_nodes(u)
                } else {
                    vec![AlgoNode {
                        halving_factor: 1.0,
                        cap_shift: 0.0,
                        weight: 1.0,
                    }]
                };
                return Nodes {
                    algo,
                    hardware: single.clone(),
                    spend: single,
                    hardware_factors: vec![1.0],
                    spend_factors: vec![1.0],
                    compute: vec![
                        ComputeNode {
                            hardware_index: 0,
                            spend_index: 0,
                            weight: 1.0,
                        };
                        points
                    ],
                };
            }
        }
        let algo = Nodes::algo_nodes(u);
        let hardware = quadrature::nodes(log_sigma(u.hardware_halving_factor) > 0.0);
        let spend = quadrature::nodes(log_sigma(u.spend_doubling_factor) > 0.0);
        let hardware_factors = hardware
            .iter()
            .map(|n| libm::exp(log_sigma(u.hardware_halving_factor) * n.z))
            .collect();
        let spend_factors = spend
            .iter()
            .map(|n| libm::exp(log_sigma(u.spend_doubling_factor) * n.z))
            .collect();
        let mut compute = Vec::new();
        for (hi, h) in hardware.iter().enumerate() {
            for (si, s) in spend.iter().enumerate() {
                compute.push(ComputeNode {
                    hardware_index: hi,
                    spend_index: si,
                    weight: h.weight * s.weight,
                });
            }
        }
        Nodes {
            algo,
            hardware,
            spend,
            hardware_factors,
            spend_factors,
            compute,
        }
    }

    /// The 3-point rule of each uncertain progress factor, combined.
    fn algo_nodes(u: &Uncertainty) -> Vec<AlgoNode> {
        let sigma_halving = log_sigma(u.algo_halving_factor);
        let sigma_cap = if u.algo_cap_oom > 0.0 {
            u.algo_cap_oom / Z_90
        } else {
            0.0
        };
        let mut algo = Vec::new();
        for h in quadrature::nodes(sigma_halving > 0.0) {
            for m in quadrature::nodes(sigma_cap > 0.0) {
                algo.push(AlgoNode {
                    halving_factor: libm::exp(sigma_halving * h.z),
                    cap_shift: sigma_cap * m.z,
                    weight: h.weight * m.weight,
                });
            }
        }
        algo
    }
}

/// How a forecast integrates over trajectory uncertainty (ARCHITECTURE.md, "Integrating
/// over trajectory uncertainty", says why).
#[derive(Clone, Debug)]
pub(super) enum Plan {
    /// Nodes as paths, each followed year by year with the largest share it reached: every
    /// trajectory certain (one path: exact), or GDP that shrinks, where the spending cap
    /// falls, a path's affordable compute can fall and "TAI by Y" is no longer "TAI in Y".
    /// Three Gauss–Hermite points per uncertain trajectory.
    Paths,
    /// Algorithmic progress certain: Gauss points of affordable compute, a crossing each.
    Points(ComputeLaw),
    /// Algorithmic progress uncertain: for each Gauss point of affordable compute, the curve
    /// of what is affordable ([`AffordCurve`]), integrated against every anchor.
    Curves(ComputeLaw, ProgressLaw),
}

/// Hardware and spending uncertainty: their σ (natural log of the factor), how many Gauss
/// points of affordable compute a year gets, and each factor at the centroids of
/// [`uncertain::compute_cells`] (fixed for the forecast).
#[derive(Clone, Debug)]
pub(super) struct ComputeLaw {
    pub(super) hardware: f64,
    pub(super) spend: f64,
    points: usize,
    hardware_factors: Vec<f64>,
    spend_factors: Vec<f64>,
}

/// Gauss points of affordable compute when progress is certain: the probability is a kinked
/// function of C there (the rule's endpoints, the table's steps), so it takes more points
/// than under uncertain progress, which smooths it.
const COMPUTE_POINTS_CERTAIN_PROGRESS: usize = 16;
/// The most under uncertain progress, which smooths the probability in C over its own spread:
/// the count grows with the ratio of C's spread to progress's ([`compute_points`]).
const COMPUTE_POINTS: usize = 8;

impl Plan {
    pub(super) fn for_scenario(s: &Scenario) -> Plan {
        let u = &s.uncertainty;
        let halving = log_sigma(u.algo_halving_factor);
        let cap = if u.algo_cap_oom > 0.0 {
            u.algo_cap_oom / Z_90
        } else {
            0.0
        };
        let (hardware, spend) = (
            log_sigma(u.hardware_halving_factor),
            log_sigma(u.spend_doubling_factor),
        );
        let uncertain = halving > 0.0 || cap > 0.0 || hardware > 0.0 || spend > 0.0;
        if !uncertain
            || s.spending.gdp_growth_percent.is_nan()
            || s.spending.gdp_growth_percent < 0.0
        {
            return Plan::Paths;
        }
        let cells = uncertain::compute_cells();
        let compute = |points: usize| ComputeLaw {
            hardware,
            spend,
            points: if hardware > 0.0 || spend > 0.0 {
                points
            } else {
                1
            },
            hardware_factors: uncertain::cell_factors(cells, hardware),
            spend_factors: uncertain::cell_factors(cells, spend),
        };
        let (narrow_halving, narrow_cap) = (halving < NARROW_HALVING, cap < NARROW_CAP_OOM);
        if narrow_halving && narrow_cap {
            // Narrow or certain progress: its three Gauss–Hermite nodes as paths (smooth at
            // this width), a crossing per node and point of C.
            return Plan::Points(compute(COMPUTE_POINTS_CERTAIN_PROGRESS));
        }
        // A cap narrower than this but a wide halving factor: the cap taken as certain
        // (a second-order effect, under 0.01 percentage points).
        let cap = if narrow_cap { 0.0 } else { cap };
        Plan::Curves(compute(COMPUTE_POINTS), ProgressLaw::new(halving, cap))
    }
}

/// Below these σ (halving factor: natural log; cap: OOM), progress uncertainty is integrated
/// on Gauss–Hermite nodes instead of in closed form: its curves would be steeper than their
/// refinement is worth (an 80% interval of ×/÷ 1.066 or ± 0.064 OOM).
const NARROW_HALVING: f64 = 0.05;
const NARROW_CAP_OOM: f64 = 0.05;

/// One year of a plan other than [`Plan::Paths`].
pub(super) struct YearLaw {
    /// Gauss points of affordable compute (C, weight).
    pub(super) points: Rule,
    /// [`Plan::Curves`]: each point's curve, with its clamped cap.
    pub(super) curves: Vec<PointCurve>,
    /// The bands' values at the 10th, 50th and 90th percentiles: FLOP/$, spend, C, and (for
    /// [`Plan::Points`]) F* − C and F*, which are monotone in C there.
    pub(super) fpd: [f64; 3],
    pub(super) spend: [f64; 3],
    pub(super) compute: [f64; 3],
    /// When both compute factors are uncertain (and progress too): what gives `compute` when
    /// the bands are read ([`ComputeSum::percentiles`]).
    pub(super) compute_sum: Option<ComputeSum>,
    pub(super) effective: [[f64; 3]; 2],
    /// [`Plan::Curves`]' computed years with one compute factor uncertain (or none): C's law
    /// (None otherwise; with both factors uncertain it is found when the bands are read).
    pub(super) compute_law: Option<uncertain::LinearLaw>,
    /// The year's FLOP/$ and spend trajectories, for C's law where the year has none.
    pub(super) trajectories: Trajectories,
}

/// One Gauss point's curve and its clamped cap (see [`ProgressLaw::clamp_mass`]).
pub(super) struct PointCurve {
    pub(super) curve: AffordCurve,
    pub(super) clamp: f64,
    pub(super) lambdas: Rule,
    /// The uncapped progress's median at this point and its σ (natural log): the clamped
    /// part's law in closed form, for the bands.
    pub(super) clamp_progress: (f64, f64),
}

/// The clamped cap's mass above which the bands take its part of A as continuous
/// ([`PointCurve::quantiles`]); below it its atoms' steps are under 0.6% of probability.
const CLAMP_CONTINUOUS: f64 = 0.01;

/// One point of [`PointCurve::quantiles`]' CDF: a, A's CDF there, the clamped mass at or
/// above it and the curve's half-panel (`usize::MAX`: none).
#[derive(Clone, Copy)]
pub(super) struct CdfNode {
    a: f64,
    cdf: f64,
    above: f64,
    panel: usize,
}

impl CdfNode {
    fn new(a: f64, q: f64, above: f64, panel: usize) -> CdfNode {
        CdfNode {
            a,
            cdf: 1.0 - q - above,
            above,
            panel,
        }
    }
}

impl PointCurve {
    /// A's quantiles given C at the CDF `levels` (ascending, in [0, 1]) into `out`: the
    /// inverse of 1 − survival, the curve's own quadratic between its points (its points
    /// alone were 0.1 OOM off at the 90th percentile where the panels are wide), with a jump
    /// at each atom of the clamped cap. `nodes` is scratch.
    pub(super) fn quantiles(&self, levels: &[f64], nodes: &mut Vec<CdfNode>, out: &mut [f64]) {
        let (x0, sigma) = self.clamp_progress;
        if self.clamp > CLAMP_CONTINUOUS && x0 > 0.0 && sigma > 0.0 {
            self.clamped_nodes(x0, sigma, nodes);
        } else {
            self.atom_nodes(nodes);
        }
        self.invert(nodes, levels, out);
    }

    /// The CDF's points where the clamped part is continuous: −A = log10(1 + 10^−X) with
    /// X = x0·e^{σZ}, so Pr[A ≥ a] = Pr[X ≥ −log10(10^−a − 1)] in closed form. Its five
    /// Gauss–Hermite atoms (enough for the probability's integral) made A's 10th percentile a
    /// staircase, 0.07 OOM off with halving and cap uncertain; points at 9 of its quantiles
    /// join the curve's.
    fn clamped_nodes(&self, x0: f64, sigma: f64, nodes: &mut Vec<CdfNode>) {
        let ln_x0 = libm::log(x0);
        let above = |a: f64| -> f64 {
            if a >= 0.0 {
                return 0.0;
            }
            let b = pow10(-a) - 1.0;
            if b >= 1.0 {
                return self.clamp;
            }
            let x = -libm::log10(b);
            self.clamp * (1.0 - uncertain::phi_fast((libm::log(x) - ln_x0) / sigma))
        };
        let clamped =
            (0..9).map(|j| -log10_one_plus_pow10(-x0 * libm::exp(sigma * (j as f64 - 4.0))));
        let mut clamped = clamped.peekable();
        nodes.clear();
        for (a, q, panel) in self.curve.nodes() {
            while let Some(&x) = clamped.peek() {
                if x >= a {
                    break;
                }
                nodes.push(CdfNode::new(x, self.curve.at(x), above(x), usize::MAX));
                clamped.next();
            }
            nodes.push(CdfNode::new(a, q, above(a), panel));
        }
    }

    /// The CDF's points with the clamped part as atoms at −λ (one when X is certain).
    fn atom_nodes(&self, nodes: &mut Vec<CdfNode>) {
        // The clamped atoms at −λ, ascending: `clamp_rule` gives λ at ascending Gauss points
        // of X, and λ falls as X rises.
        let mut above: f64 = self.clamp * self.lambdas.iter().map(|l| l.1).sum::<f64>();
        let mut atoms = self
            .lambdas
            .iter()
            .map(|&(l, w)| (-l, self.clamp * w))
            .peekable();
        nodes.clear();
        let mut last: Option<(f64, f64)> = None;
        for (a, q, panel) in self.curve.nodes() {
            while let Some(&(x, w)) = atoms.peek() {
                if x >= a {
                    break;
                }
                // The curve's q at the atom, linear from the last point.
                let qx = match last {
                    Some((a0, q0)) if a - a0 > 1e-12 => q0 + (x - a0) / (a - a0) * (q - q0),
                    _ => q,
                };
                nodes.push(CdfNode::new(x, qx, above, panel));
                above -= w;
                nodes.push(CdfNode::new(x, qx, above, panel));
                atoms.next();
            }
            nodes.push(CdfNode::new(a, q, above, panel));
            last = Some((a, q));
        }
        for (x, w) in atoms {
            nodes.push(CdfNode::new(x, 0.0, above, usize::MAX));
            above -= w;
            nodes.push(CdfNode::new(x, 0.0, above, usize::MAX));
        }
    }

    /// A's quantiles at `levels` from the CDF's points.
    fn invert(&self, nodes: &mut [CdfNode], levels: &[f64], out: &mut [f64]) {
        // The CDF non-decreasing (the curve's quadratics may wiggle), from 0 to 1.
        let mut running = 0.0f64;
        for n in nodes.iter_mut() {
            running = running.max(n.cdf.clamp(0.0, 1.0));
            n.cdf = running;
        }
        let top = nodes.last().map_or(0.0, |n| n.a);
        let mut j = 0;
        for (o, &u) in out.iter_mut().zip(levels) {
            while j < nodes.len() && nodes[j].cdf < u {
                j += 1;
            }
            *o = match (j.checked_sub(1), nodes.get(j)) {
                (_, None) => top,
                (None, Some(n)) => n.a,
                (Some(i), Some(n1)) => {
                    let n0 = nodes[i];
                    if n1.cdf - n0.cdf > 1e-15 && n1.a > n0.a {
                        let near = n0.a + (u - n0.cdf) / (n1.cdf - n0.cdf) * (n1.a - n0.a);
                        if n1.panel == usize::MAX || n0.above != n1.above {
                            near
                        } else {
                            // The clamped mass is fixed between them: the curve's quadratic.
                            self.curve
                                .solve_in(n1.panel, 1.0 - u - n1.above, near)
                                .clamp(n0.a, n1.a)
                        }
                    } else {
                        n1.a
                    }
                }
            };
        }
    }
}

/// The curve of one Gauss point `c` in a year with `t` years of progress: A's law at each
/// requirement from `x0(F)` (median uncapped progress) and `cap(F)` (central cap).
#[allow(clippy::too_many_arguments)]
pub(super) fn point_curve(
    c: f64,
    t: f64,
    law: &ProgressLaw,
    x0: &dyn Fn(f64) -> f64,
    cap: &dyn Fn(f64) -> f64,
    x0_top: f64,
    cap_top: f64,
    breaks: &[f64],
) -> PointCurve {
    let (s1, s2) = law.sigmas();
    let lo = -LOG10_2;
    // A < min(X, M⁺): nothing is reached where a is beyond 5.6 σ (Φ(−5.6) = 1e-8) of the
    // uncapped progress or of the cap at F = C + a, nor beyond the grid.
    let top = if t > 0.0 {
        x0_top * libm::exp(5.6 * s1)
    } else {
        0.0
    };
    let rough = top.min(cap_top + 5.6 * s2).max(0.0) + 0.5;
    let rough = rough.min(requirements::GRID_MAX - c + 0.5).max(0.1);
    let last_root = |value: &dyn Fn(f64) -> f64| {
        // Only a bound: the curve's end is put 0.05 beyond it.
        uncertain::ceiling_points(c, (lo, rough), breaks, 1e-3, value)
            .last()
            .copied()
    };
    let spread_x = libm::exp(5.6 * s1);
    let beyond_x = last_root(&|f| x0(f) * spread_x).unwrap_or(rough);
    let beyond_cap = last_root(&|f| cap(f).max(0.0) + 5.6 * s2).unwrap_or(rough);
    let hi = (beyond_x.min(beyond_cap) + 0.05).clamp(0.1, rough);
    // Panel ends from the start: 0, where the cap's clamping changes q's formula, the rule's
    // endpoints (kinks in q) and the ceiling's steep fall.
    let mut seeds: Vec<f64> = vec![0.0];
    seeds.extend(breaks.iter().map(|&f| f - c));
    if let Some(ceiling) = law.ceiling() {
        let value = |f: f64| match ceiling {
            Ceiling::Uncapped => x0(f),
            Ceiling::Cap => cap(f).max(0.0),
        };
        // The seeds reach 1e-4 below the point: it is found to well within that.
        for r in uncertain::ceiling_points(c, (lo, hi), breaks, 1e-9, &value) {
            seeds.extend(uncertain::CEILING_SEEDS.iter().map(|d| r - d));
        }
    }
    let mut q = |a: f64| {
        let f = c + a;
        law.survival(a, x0(f), cap(f))
    };
    PointCurve {
        curve: AffordCurve::build(c, lo, hi, &seeds, law.evaluation_budget(), &mut q),
        clamp: law.clamp_mass(cap(c)),
        lambdas: law.clamp_rule(x0(c)),
        clamp_progress: (x0(c), s1),
    }
}

/// Gauss points of affordable compute under uncertain progress: the probability is smooth
/// in C over progress's spread, so few points do while C's spread is below it, more as it
/// grows past it (calibrated against pathwise references on 128 nodes per dimension, as in
/// `model/tests/model/convergence.rs`).
fn compute_points(spread_c: f64, spread_a: f64, most: usize) -> usize {
    let ratio = spread_c / spread_a.max(0.05);
    let n = if ratio < 0.35 {
        2
    } else if ratio < 0.7 {
        3
    } else if ratio < 1.2 {
        4
    } else if ratio < 2.0 {
        5
    } else if ratio < 3.0 {
        6
    } else {
        most
    };
    n.min(most)
}

/// A rough spread (OOM) of algorithmic progress at the requirement a point C affords: the
/// uncapped progress's where the cap rarely binds, the cap's where it does.
pub(super) fn progress_spread(
    rule: &AlgorithmicProgress,
    law: &ProgressLaw,
    t: f64,
    c: f64,
) -> f64 {
    let (s1, s2) = law.sigmas();
    let x0 = |f: f64| t * LOG10_2 / rule.halving_years_at(f).max(1e-6);
    let cap = |f: f64| rule.cap_oom_at(f).max(0.0);
    let mut f = c;
    for _ in 0..3 {
        f = c + x0(f).min(cap(f));
    }
    let (x, m) = (x0(f), cap(f));
    let binds = uncertain::normal_cdf((x - m) / s2.max(0.3));
    (1.0 - binds) * x * s1 + binds * s2
}

/// log10 of a positive number, else a very small one (as `trajectories` does).
pub(super) fn log10_or_tiny(v: f64) -> f64 {
    if v > 0.0 {
        libm::log10(v)
    } else {
        -300.0
    }
}

/// One year's FLOP/$ and spend logistics (`trajectories`), their logs taken once, as
/// functions of the factor on their halving and doubling times.
#[derive(Clone, Copy, Debug)]
pub(super) struct Trajectories {
    t: f64,
    fpd_start: f64,
    fpd_cap: f64,
    halving: f64,
    spend_start: f64,
    spend_cap: f64,
    doubling: f64,
}

impl Trajectories {
    fn new(s: &Scenario, y: f64) -> Trajectories {
        let (hw, sp) = (&s.hardware, &s.spending);
        Trajectories {
            t: y - TRAJECTORY_BASE_YEAR,
            fpd_start: log10_or_tiny(hw.flop_per_dollar_2025),
            fpd_cap: log10_or_tiny(hw.max_flop_per_dollar),
            halving: hw.halving_years,
            spend_start: log10_or_tiny(sp.dollars_2025),
            spend_cap: log10_spend_cap(sp, y),
            doubling: sp.doubling_years,
        }
    }

    fn fpd(&self, k: f64) -> f64 {
        log10_logistic(
            self.fpd_start,
            oom_after(self.t, self.halving * k),
            self.fpd_cap,
        )
    }

    fn spend(&self, k: f64) -> f64 {
        log10_logistic(
            self.spend_start,
            oom_after(self.t, self.doubling * k),
            self.spend_cap,
        )
    }

    /// The factors with which FLOP/$ and spend just reach their ceilings this year.
    fn knees(&self) -> (Option<f64>, Option<f64>) {
        let t = self.t;
        let knee = |doubling: f64, room: f64| {
            (t > 0.0 && room > 0.0).then(|| t * LOG10_2 / (doubling * room))
        };
        (
            knee(self.halving, self.fpd_cap - self.fpd_start),
            knee(self.doubling, self.spend_cap - self.spend_start),
        )
    }
}

/// A year's two uncertain compute factors, for C's percentiles: their atoms, when the year
/// made them for its Gauss points, else its trajectories to make them from.
pub(super) enum ComputeSum {
    Atoms(uncertain::FactorAtoms, uncertain::FactorAtoms),
    Trajectories(Trajectories),
}

impl ComputeSum {
    /// C's 10th, 50th and 90th percentiles under both factors of `law`, searched from `near`.
    pub(super) fn percentiles(&self, law: &ComputeLaw, near: Option<[f64; 3]>) -> [f64; 3] {
        self.with_atoms(law, |a, b| uncertain::percentiles_of_sum(a, b, near))
    }

    /// `f` of the atoms of both factors.
    pub(super) fn with_atoms<R>(
        &self,
        law: &ComputeLaw,
        f: impl FnOnce(&uncertain::FactorAtoms, &uncertain::FactorAtoms) -> R,
    ) -> R {
        match self {
            ComputeSum::Atoms(a, b) => f(a, b),
            ComputeSum::Trajectories(t) => {
                let (a, b) = t.factor_atoms(law);
                f(&a, &b)
            }
        }
    }
}

impl Trajectories {
    /// The atoms of log10 FLOP/$ and of log10 spend under `law` (one atom when certain).
    pub(super) fn factor_atoms(
        &self,
        law: &ComputeLaw,
    ) -> (uncertain::FactorAtoms, uncertain::FactorAtoms) {
        let (knee_h, knee_s) = self.knees();
        (
            factor_atoms_or_one(law.hardware, &law.hardware_factors, knee_h, &|k| {
                self.fpd(k)
            }),
            factor_atoms_or_one(law.spend, &law.spend_factors, knee_s, &|k| self.spend(k)),
        )
    }

    /// The atoms of C under `law` with at most one compute factor uncertain: the uncertain
    /// factor's plus the other's value.
    fn one_factor_atoms(&self, law: &ComputeLaw) -> uncertain::FactorAtoms {
        let (knee_h, knee_s) = self.knees();
        if law.hardware > 0.0 {
            let other = self.spend(1.0);
            factor_atoms_or_one(law.hardware, &law.hardware_factors, knee_h, &|k| {
                self.fpd(k) + other
            })
        } else {
            let other = self.fpd(1.0);
            factor_atoms_or_one(law.spend, &law.spend_factors, knee_s, &|k| {
                self.spend(k) + other
            })
        }
    }

    /// C's law under `law` with at most one compute factor uncertain.
    pub(super) fn one_factor_law(&self, law: &ComputeLaw) -> uncertain::LinearLaw {
        uncertain::LinearLaw::new(&self.one_factor_atoms(law))
    }
}

/// A factor's atoms on [`uncertain::compute_cells`] (one atom when it is certain).
fn factor_atoms_or_one(
    sigma: f64,
    factors: &[f64],
    knee: Option<f64>,
    f: &dyn Fn(f64) -> f64,
) -> uncertain::FactorAtoms {
    if sigma > 0.0 {
        uncertain::factor_atoms(uncertain::compute_cells(), sigma, factors, knee, f)
    } else {
        uncertain::FactorAtoms::one(f(1.0))
    }
}

/// Affordable compute in year `y` under the compute law: Gauss points (when `points` is set:
/// interpolated years of [`Plan::Curves`] need only the bands) and the bands of FLOP/$, spend
/// and C. FLOP/$ and spend fall with their factor on the doubling time, so their 10th
/// percentile is at the factor's 90th. `last_compute`: last year's C percentiles, where this
/// year's are searched from.
pub(super) fn compute_year(
    s: &Scenario,
    y: f64,
    law: &ComputeLaw,
    points: bool,
    progress_spread: Option<&dyn Fn(f64) -> f64>,
    last_compute: Option<[f64; 3]>,
) -> YearLaw {
    let trajectories = Trajectories::new(s, y);
    let fpd = |k: f64| trajectories.fpd(k);
    let spend = |k: f64| trajectories.spend(k);
    let band = |sigma: f64, f: &dyn Fn(f64) -> f64| {
        if sigma > 0.0 {
            [
                f(libm::exp(sigma * Z_90)),
                f(1.0),
                f(libm::exp(-sigma * Z_90)),
            ]
        } else {
            [f(1.0); 3]
        }
    };
    let (knee_h, knee_s) = trajectories.knees();
    let (fpd_band, spend_band) = (band(law.hardware, &fpd), band(law.spend, &spend));
    // Under uncertain progress, as many points as C's spread needs against progress's.
    let variance = |r: &[(f64, f64)]| {
        let mean: f64 = r.iter().map(|p| p.0 * p.1).sum();
        r.iter()
            .map(|p| (p.0 - mean) * (p.0 - mean) * p.1)
            .sum::<f64>()
    };
    let count = |spread_c: f64, median_c: f64| match progress_spread {
        Some(spread) => compute_points(spread_c, spread(median_c), law.points),
        None => law.points,
    };
    let mut compute_sum = None;
    let mut compute_law = None;
    let (points, compute) = match (law.hardware > 0.0, law.spend > 0.0) {
        // An interpolated year of [`Plan::Curves`]: no points, but C's band is its own (a
        // cubic through the neighbours' misses the bend where the fast paths reach their
        // ceilings: 0.1 OOM at ×/÷ 5 and ×/÷ 2).
        (true, true) if !points && progress_spread.is_some() => {
            compute_sum = Some(ComputeSum::Trajectories(trajectories));
            (Vec::new(), [f64::NAN; 3])
        }
        (true, true) => {
            let a = factor_atoms_or_one(law.hardware, &law.hardware_factors, knee_h, &fpd);
            let b = factor_atoms_or_one(law.spend, &law.spend_factors, knee_s, &spend);
            let spread_c = libm::sqrt(variance(&a.atoms) + variance(&b.atoms));
            let n = count(spread_c, fpd(1.0) + spend(1.0));
            let (ra, rb) = (
                uncertain::gauss_rule(&a.atoms, n + 1),
                uncertain::gauss_rule(&b.atoms, n + 1),
            );
            // C's percentiles from both factors' atoms, found when the bands are read (a full
            // forecast), not for the tornado's runs; but with progress certain, F*'s band is
            // taken at C's percentiles, so they are needed now.
            let compute = if progress_spread.is_none() {
                uncertain::percentiles_of_sum(&a, &b, last_compute)
            } else {
                [f64::NAN; 3]
            };
            let points = if points {
                uncertain::gauss_rule_of_rules(&ra, &rb, n)
            } else {
                Vec::new()
            };
            if progress_spread.is_some() {
                compute_sum = Some(ComputeSum::Atoms(a, b));
            }
            (points, compute)
        }
        // One compute factor uncertain: C's Gauss points from its atoms and, under
        // uncertain progress, C's law for the bands.
        (true, false) | (false, true) => {
            let points = if points {
                let atoms = trajectories.one_factor_atoms(law);
                if progress_spread.is_some() {
                    compute_law = Some(uncertain::LinearLaw::new(&atoms));
                }
                let n = count(libm::sqrt(variance(&atoms.atoms)), fpd(1.0) + spend(1.0));
                uncertain::gauss_rule(&atoms.atoms, n)
            } else {
                Vec::new()
            };
            let compute = if law.hardware > 0.0 {
                fpd_band.map(|v| v + spend(1.0))
            } else {
                spend_band.map(|v| v + fpd(1.0))
            };
            (points, compute)
        }
        (false, false) => {
            let c = fpd(1.0) + spend(1.0);
            compute_law = Some(uncertain::LinearLaw::through(vec![c], vec![1.0]));
            (vec![(c, 1.0)], [c; 3])
        }
    };
    YearLaw {
        points,
        curves: Vec::new(),
        fpd: fpd_band,
        spend: spend_band,
        compute,
        compute_sum,
        effective: [[f64::NAN; 3]; 2],
        compute_law,
        trajectories,
    }
}
