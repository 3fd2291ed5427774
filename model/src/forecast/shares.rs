//! The yearly loop's second stage, per anchor: the probability mass of its requirement
//! distribution reached by each year, summed over node pairs ([`AnchorShares`]), and what it
//! depends on ([`SharesKey`]).

use crate::anchor::Anchor;
use crate::requirements::{GridCdf, Located};
use crate::scenario::{Scenario, FIRST_YEAR};
use crate::trajectories::algorithmic_progress_oom;
use crate::uncertain::{ProgressLaw, LOG10_2};

use super::plan::{point_curve, Plan};
use super::thresholds::{cubic_through, Thresholds};
use super::PreparedKey;

/// Mass of a pair's set under one anchor's CDF: the first interval (−∞, upper], then the
/// `extra` intervals (a, b], their ends located on the grid once for all six anchors. The same
/// sum in the same order as Σ max(CDF(b) − CDF(a), 0) over all intervals with CDF(−∞) = 0
/// (a CDF value is never negative), with comparisons in place of `f64::max`/`min`, whose
/// NaN handling was a tenth of the run and cannot matter here: CDF values are never NaN.
fn mass(dist: &GridCdf, upper: Located, extra: &[(Located, Located)]) -> f64 {
    let mut m = dist.at_located(upper);
    for &(a, b) in extra {
        let d = dist.at_located(b) - dist.at_located(a);
        if d > 0.0 {
            m += d;
        }
    }
    if m > 1.0 {
        1.0
    } else {
        m
    }
}

/// What one anchor's shares depend on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct SharesKey {
    /// The [`Engine::generation`](super::Engine::generation) of the thresholds they read.
    pub(super) thresholds: u64,
    pub(super) distribution: PreparedKey,
    /// The anchor's own progress rate, when it overrides the rule (halving, cap bits).
    pub(super) fixed_rate: Option<(u64, u64)>,
}

pub(super) fn fixed_rate(scenario: &Scenario, anchor: Anchor) -> Option<(u64, u64)> {
    let s = scenario.anchors.get(anchor);
    s.algo_override
        .then(|| (s.algo_halving_years.to_bits(), s.algo_cap_oom.to_bits()))
}

/// The second stage: one anchor's probability mass reached by each year, Σ over node pairs
/// of weight × share, before the anchor's weight. Each anchor is independent of the others,
/// so moving one anchor's distribution recomputes only its shares, and a weight recomputes
/// none.
pub(super) struct AnchorShares {
    pub(super) key: SharesKey,
    /// Per node pair: the largest share reached so far. TAI "by Y" means the condition held in
    /// some year up to Y; with default inputs the share only grows, but affordable compute can
    /// shrink (negative GDP growth under a binding spend cap).
    reached: Vec<f64>,
    /// Per year computed.
    pub(super) p: Vec<f64>,
    /// [`Plan::Curves`]: the share of each computed year, as integrated (before the curve
    /// is kept monotone), for the interpolated years between them.
    computed: Vec<Option<f64>>,
}

impl AnchorShares {
    pub(super) fn new(key: SharesKey) -> AnchorShares {
        AnchorShares {
            key,
            reached: Vec::new(),
            p: Vec::new(),
            computed: Vec::new(),
        }
    }

    pub(super) fn reset(&mut self, key: SharesKey) {
        self.key = key;
        self.reached.clear();
        self.p.clear();
        self.computed.clear();
    }

    pub(super) fn extend_to(
        &mut self,
        years: usize,
        t: &Thresholds,
        dist: &GridCdf,
        settings: &crate::scenario::AnchorSettings,
    ) {
        if let Plan::Curves(_, progress) = &t.plan {
            while self.p.len() < years {
                let k = self.p.len();
                let share = |j: usize, me: &mut Self| {
                    if me.computed.len() <= j {
                        me.computed.resize(j + 1, None);
                    }
                    match me.computed[j] {
                        Some(v) => v,
                        None => {
                            let v = me.curve_share(j, t, dist, settings, progress);
                            me.computed[j] = Some(v);
                            v
                        }
                    }
                };
                let p = if t.curve_year(k) {
                    share(k, self)
                } else {
                    let stencil = t.stencil(k);
                    let values = stencil.map(|j| share(j, self));
                    cubic_through(stencil, values, k).clamp(0.0, values[2].max(values[1]))
                };
                // Monotone in the year, as every path is: the integration's own error,
                // ~1e-6, must not make the curve fall.
                self.p.push(p.max(self.p.last().copied().unwrap_or(0.0)));
            }
            return;
        }
        self.extend_paths(years, t, dist, settings);
    }

    /// [`Plan::Curves`]: the anchor's share in year `k`, from that year's curves (its own,
    /// when it has its own progress rate).
    fn curve_share(
        &self,
        k: usize,
        t: &Thresholds,
        dist: &GridCdf,
        settings: &crate::scenario::AnchorSettings,
        progress: &ProgressLaw,
    ) -> f64 {
        {
            {
                let law = &t.laws[k];
                let p: f64 = if settings.algo_override {
                    // The anchor's own rate: A's law is the same at every requirement.
                    let y = (FIRST_YEAR + k as i32) as f64;
                    let t_algo = (y - t.start_year).max(0.0);
                    let x0 = t_algo * LOG10_2 / settings.algo_halving_years.max(1e-6);
                    let cap = settings.algo_cap_oom;
                    law.points
                        .iter()
                        .map(|&(c, w)| {
                            let pc =
                                point_curve(c, t_algo, progress, &|_| x0, &|_| cap, x0, cap, &[]);
                            w * pc.curve.integrate(dist, pc.clamp, &pc.lambdas)
                        })
                        .sum()
                } else {
                    law.curves
                        .iter()
                        .zip(&law.points)
                        .map(|(pc, &(_, w))| w * pc.curve.integrate(dist, pc.clamp, &pc.lambdas))
                        .sum()
                };
                p
            }
        }
    }

    /// [`Plan::Paths`] and [`Plan::Points`]: Σ over node pairs.
    fn extend_paths(
        &mut self,
        years: usize,
        t: &Thresholds,
        dist: &GridCdf,
        settings: &crate::scenario::AnchorSettings,
    ) {
        // Only paths keep the largest share reached: a Gauss point of affordable compute is
        // a different quantity every year, and there every path rises anyway.
        let keep_largest = matches!(t.plan, Plan::Paths);
        let per_year = t.pairs_per_year();
        let compute_nodes = t.nodes.compute.len();
        self.reached.resize(per_year, 0.0);
        while self.p.len() < years {
            let k = self.p.len();
            let y = (FIRST_YEAR + k as i32) as f64;
            let pairs = &t.pairs[k * per_year..(k + 1) * per_year];
            let mut p = 0.0f64;
            // Adds one pair's share, kept at the largest reached so far (a comparison rather
            // than `f64::max`: a share is never NaN).
            let mut add = |share: f64, reached: &mut f64, w: f64| {
                let share = if keep_largest && share <= *reached {
                    *reached
                } else {
                    share
                };
                *reached = share;
                p += w * share;
            };
            if settings.algo_override {
                for (ai, node) in t.nodes.algo.iter().enumerate() {
                    // Progress at the anchor's own rate, at this node.
                    let t_algo = (y - t.start_year).max(0.0);
                    let h = (settings.algo_halving_years * node.halving_factor).max(1e-6);
                    let m = (settings.algo_cap_oom + node.cap_shift).max(0.0);
                    let progress_oom = algorithmic_progress_oom(t_algo, h, m);
                    let range = ai * compute_nodes..(ai + 1) * compute_nodes;
                    for (pair, reached) in pairs[range.clone()].iter().zip(&mut self.reached[range])
                    {
                        add(dist.at(pair.c + progress_oom), reached, pair.w);
                    }
                }
            } else if t.located.is_empty() {
                // Every set so far is one interval (−∞, F*] (φ monotone): `mass` without
                // the further intervals.
                for (pair, reached) in pairs.iter().zip(&mut self.reached) {
                    add(mass(dist, pair.upper, &[]), reached, pair.w);
                }
            } else {
                for (pair, reached) in pairs.iter().zip(&mut self.reached) {
                    let (from, to) = pair.extra;
                    let share = mass(dist, pair.upper, &t.located[from as usize..to as usize]);
                    add(share, reached, pair.w);
                }
            }
            if !keep_largest {
                // Monotone in the year, as every path is (see the curves above).
                p = p.max(self.p.last().copied().unwrap_or(0.0));
            }
            self.p.push(p);
        }
    }
}
