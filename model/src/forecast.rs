//! The forecast: P(TAI by Y) = Σ_a w_a · Pr_{F~D_a}[F − A(Y, F) ≤ C(Y)] (Cotra 2020: the
//! probability that the compute affordable in Y covers the requirement F less the
//! algorithmic progress A made by Y), integrated over the uncertain trajectories as `Plan` says.
//!
//! Per year and quadrature node the engine finds the set {F : φ(F) ≤ C} with φ(F) = F − A(t, F).
//! For the default rule φ is increasing in F, so the set is (−∞, F*] and each anchor's
//! probability is one CDF lookup. φ is tabulated on a coarse F grid only where the rule varies
//! with F (outside it, halving time and cap are constant and φ = F − const exactly); a table
//! that is not increasing (odd rule endpoints) falls back to walking every piece of it and
//! summing the mass of each interval of the set.

use serde::{Deserialize, Serialize};

use super::anchor::{Anchor, PerAnchor};
use super::components::ComponentAssumptions;
use super::quadrature::{self, Z_90};
use super::requirements::{self, locate, Adjustments, GridCdf, Located};
use super::scenario::{AlgorithmicProgress, Scenario, Uncertainty, FIRST_YEAR};
use super::trajectories::{
    algorithmic_progress_oom, log10_flop_per_dollar, log10_logistic, log10_spend, log10_spend_cap,
    oom_after, pow10, progress_exponent, progress_from_power, ProgressSeries, TRAJECTORY_BASE_YEAR,
};
use super::uncertain::{self, AffordCurve, Ceiling, ProgressLaw, Rule, LOG10_2};

/// Component samples per anchor: the components sampler's own calibration size; the empirical
/// CDF of 20,000 samples has a standard error under 0.004 anywhere.
pub const COMPONENT_SAMPLES: usize = 20_000;
/// Seed of the component sampler: fixed, so the same scenario always gives the same numbers.
pub const COMPONENT_SEED: u64 = 2020;

/// Years whose P(TAI by year) the summary reports (the report's checkpoints; its bottom line is ~15% by 2036).
const MILESTONE_YEARS: [i32; 6] = [2030, 2036, 2040, 2050, 2070, 2100];
/// Quantiles of the arrival year the summary reports.
const QUANTILES: [f64; 5] = [0.10, 0.25, 0.50, 0.75, 0.90];
/// Step of the requirements chart's grid, OOM (the engine's own grid is 5× finer).
const CHART_STEP: f64 = 0.1;
/// Widest spacing of the coarse F table of φ, OOM. The exact φ is evaluated once more at each
/// crossing (one regula-falsi step), which leaves an error far below 1e-6 OOM.
const PHI_TABLE_STEP: f64 = 1.0;

/// Fewest table pieces between two rule endpoints: a rule that changes steeply within a
/// fraction of an OOM still gets enough points to see where φ turns.
const MIN_PIECES_PER_SEGMENT: usize = 4;

/// A trajectory's 10th, 50th and 90th percentiles per year, over the quadrature nodes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub p10: Vec<f64>,
    pub median: Vec<f64>,
    pub p90: Vec<f64>,
}

impl Band {
    fn with_capacity(years: usize) -> Band {
        Band {
            p10: Vec::with_capacity(years),
            median: Vec::with_capacity(years),
            p90: Vec::with_capacity(years),
        }
    }

    /// Adds a year's quantiles of `(value, weight)` points. `order` is the band's sorted
    /// order of the year before (see [`quadrature::sort_order_by_value`]).
    fn push(&mut self, points: &[(f64, f64)], order: &mut Vec<u32>, s: &mut BandScratch) {
        quadrature::sort_order_by_value(points, order, &mut s.keys);
        let [p10, median, p90] =
            quadrature::weighted_quantiles_ordered(points, order, [0.1, 0.5, 0.9]);
        self.p10.push(p10);
        self.median.push(median);
        self.p90.push(p90);
    }
}

/// Buffers of [`Band::push`], reused across bands and years.
#[derive(Default)]
struct BandScratch {
    keys: Vec<u64>,
}

/// The requirement distributions as the chart shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Requirements {
    /// Grid, ascending, log10 FLOP.
    pub log10_flop: Vec<f64>,
    /// Each anchor's CDF on the grid, after all adjustments.
    pub cdf: PerAnchor<Vec<f64>>,
    /// Density per OOM on the grid.
    pub pdf: PerAnchor<Vec<f64>>,
    /// Median, log10 FLOP (GRID_MAX if more than half the mass is beyond the grid).
    pub median: PerAnchor<f64>,
    /// Normalized weights.
    pub weights: PerAnchor<f64>,
}

/// Everything the UI, the CLI and the benchmarks read from one run of the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// 2025 ..= end year.
    pub years: Vec<i32>,
    /// P(TAI by year), in [0, 1 − beyond].
    pub p_by_year: Vec<f64>,
    /// Each anchor's weighted contribution; they sum to `p_by_year`.
    pub p_by_year_per_anchor: PerAnchor<Vec<f64>>,
    /// P(TAI arrives in that year): differences of `p_by_year` (the first is `p_by_year[0]`).
    pub p_per_year: Vec<f64>,
    /// (quantile, fractional year where P(TAI by year) reaches it); None = not by the end.
    pub quantile_years: Vec<(f64, Option<f64>)>,
    /// P by 2030, 2036, 2040, 2050, 2070, 2100 (those within range).
    pub milestones: Vec<(i32, f64)>,
    pub log10_flop_per_dollar: Band,
    pub log10_spend_dollars: Band,
    /// C(Y), log10 FLOP.
    pub log10_affordable_compute: Band,
    /// A(Y, F*) at the effective-compute threshold below.
    pub algorithmic_progress_oom: Band,
    /// F* with F* − A(Y, F*) = C(Y): 2020-FLOP equivalent affordable in Y (default rule).
    pub log10_effective_compute: Band,
    pub requirements: Requirements,
}

/// What a prepared requirement distribution depends on.
#[derive(Clone, Debug, PartialEq)]
struct PreparedKey {
    /// The components relevant to the anchor (None = tabulated).
    components: Option<String>,
    adjustments: [u64; 4],
}

/// Runs forecasts, caching what sliders rarely change: component samples per anchor and each
/// anchor's adjusted distribution. A trajectory slider then costs only the yearly loop.
#[derive(Default)]
pub struct Engine {
    /// Base CDF from component samples, keyed by the component assumptions that anchor uses.
    sampled: PerAnchor<Option<(String, GridCdf)>>,
    /// Adjusted distribution, keyed by everything it depends on.
    prepared: PerAnchor<Option<(PreparedKey, GridCdf)>>,
    /// φ tables of the latest algorithmic-progress rules, most recent first (see
    /// [`PHI_CACHE_ENTRIES`]).
    phi: Vec<PhiTables>,
    /// The yearly loop's first stage for the latest trajectories.
    thresholds: Option<Thresholds>,
    /// Its second stage per anchor, on those thresholds.
    shares: PerAnchor<Option<AnchorShares>>,
    /// Counts [`Thresholds`] built, so that shares know which ones they read.
    generation: u64,
}

/// φ table sets the engine keeps: a tornado alternates between the base rule and one moved
/// rule parameter, and the base's tables should survive that.
const PHI_CACHE_ENTRIES: usize = 2;

/// One-shot convenience: a fresh [`Engine`] per call.
pub fn forecast(scenario: &Scenario) -> Forecast {
    Engine::new().forecast(scenario)
}

/// The component assumptions that `anchor`'s samples depend on, serialized: the cache key that
/// makes a component slider re-sample only the anchors it feeds. Mirrors the arms of
/// `components::sample_log10_flop`; a test checks that it stays in step.
pub fn component_key(anchor: Anchor, c: &ComponentAssumptions) -> String {
    let brain_and_scaling = (
        &c.brain_log10_flops,
        &c.model_vs_brain_oom,
        c.scaling_exponent,
        c.reference_log10_params,
        c.reference_log10_samples,
    );
    let key = match anchor {
        Anchor::NnShort | Anchor::NnMedium | Anchor::NnLong => serde_json::to_string(&(
            brain_and_scaling,
            &c.log10_flop_per_param,
            c.horizon(anchor),
        )),
        Anchor::Genome => {
            serde_json::to_string(&(brain_and_scaling, &c.genome_log10_params, &c.horizon_genome))
        }
        Anchor::Lifetime => serde_json::to_string(&(
            &c.brain_log10_flops,
            c.lifetime_log10_seconds,
            &c.lifetime_adjustment_oom,
        )),
        Anchor::Evolution => serde_json::to_string(&(
            c.evolution_log10_seconds,
            &c.evolution_log10_individuals,
            &c.evolution_log10_flops_per_individual,
            &c.evolution_adjustment_oom,
        )),
    };
    // Serializing plain numbers and enums cannot fail; fall back to the whole struct anyway.
    key.unwrap_or_else(|_| format!("{c:?}"))
}

/// The adjustments of one anchor: global and per-anchor shifts add, spreads multiply, and the
/// two Gaussian σ combine in quadrature (independent noise).
pub fn adjustments(scenario: &Scenario, anchor: Anchor) -> Adjustments {
    let g = &scenario.requirements;
    let a = scenario.anchors.get(anchor);
    Adjustments {
        shift_oom: g.shift_oom + a.shift_oom,
        spread_scale: g.spread_scale * a.spread_scale,
        extra_sigma_oom: g.extra_sigma_oom.hypot(a.extra_sigma_oom),
        floor_log10_flop: g.floor_log10_flop,
    }
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// The adjusted requirement distribution of `anchor`, from the cache when its inputs did
    /// not change.
    pub fn requirement(&mut self, scenario: &Scenario, anchor: Anchor) -> &GridCdf {
        let adj = adjustments(scenario, anchor);
        let use_components = scenario.anchors.get(anchor).use_components;
        let components = use_components.then(|| component_key(anchor, &scenario.components));
        let key = PreparedKey {
            components: components.clone(),
            adjustments: [
                adj.shift_oom.to_bits(),
                adj.spread_scale.to_bits(),
                adj.extra_sigma_oom.to_bits(),
                adj.floor_log10_flop.to_bits(),
            ],
        };
        let fresh = matches!(self.prepared.get(anchor), Some((k, _)) if *k == key);
        if !fresh {
            let prepared = match components {
                None => requirements::adjust(requirements::tabulated().get(anchor), &adj),
                Some(ckey) => {
                    let cached = matches!(self.sampled.get(anchor), Some((k, _)) if *k == ckey);
                    if !cached {
                        let samples = super::components::sample_log10_flop(
                            anchor,
                            &scenario.components,
                            COMPONENT_SAMPLES,
                            COMPONENT_SEED,
                        );
                        let base = requirements::cdf_from_samples(&samples);
                        *self.sampled.get_mut(anchor) = Some((ckey, base));
                    }
                    let base = &self.sampled.get(anchor).as_ref().expect("just filled").1;
                    requirements::adjust(base, &adj)
                }
            };
            *self.prepared.get_mut(anchor) = Some((key, prepared));
        }
        &self.prepared.get(anchor).as_ref().expect("just filled").1
    }

    /// Runs the model. Deterministic: the same scenario gives the same bits every time.
    pub fn forecast(&mut self, scenario: &Scenario) -> Forecast {
        self.prepare(scenario);
        let years: Vec<i32> = (FIRST_YEAR..=scenario.last_year()).collect();
        self.extend(scenario, years.len());
        let bands = self
            .thresholds
            .as_mut()
            .expect("prepared")
            .bands(years.len());
        self.full_forecast(scenario, years, bands)
    }

    /// P(TAI by year) alone, for 2025 ..= the scenario's last year: the same bits as
    /// `forecast(scenario).p_by_year`, without the bands, the per-anchor curves and the chart
    /// data. With `stop_at`, it ends with the first year whose P reaches that level, which is
    /// all a quantile needs (a year depends only on the years before it). The tornado and the
    /// solver read their metrics from this.
    pub fn p_by_year(&mut self, scenario: &Scenario, stop_at: Option<f64>) -> Vec<f64> {
        self.prepare(scenario);
        let weights = scenario.normalized_weights().anchors;
        let years = (scenario.last_year() - FIRST_YEAR + 1) as usize;
        let mut p_by_year = Vec::with_capacity(years);
        for k in 0..years {
            self.extend(scenario, k + 1);
            let p = total(&self.contributions(&weights, k));
            p_by_year.push(p);
            if stop_at.is_some_and(|level| p >= level) {
                break;
            }
        }
        p_by_year
    }

    /// Points every cache at `scenario`: its distributions prepared, its φ tables, thresholds
    /// and shares found or started empty. No year is computed here.
    fn prepare(&mut self, scenario: &Scenario) {
        for a in Anchor::ALL {
            self.requirement(scenario, a);
        }
        let plan = Plan::for_scenario(scenario);
        let nodes = Nodes::new(&scenario.uncertainty, &plan);
        let phi_key = PhiTables::key(&scenario.algorithmic_progress, &nodes.algo);
        match self.phi.iter().position(|t| t.key == phi_key) {
            Some(i) => self.phi[..=i].rotate_right(1),
            None => {
                let tables = PhiTables::new(phi_key, &scenario.algorithmic_progress, &nodes.algo);
                self.phi.insert(0, tables);
                self.phi.truncate(PHI_CACHE_ENTRIES);
            }
        }
        let key = Thresholds::key(scenario);
        if self.thresholds.as_ref().is_none_or(|t| t.key != key) {
            self.generation += 1;
            let start_year = progress_start_year(&scenario.algorithmic_progress);
            match &mut self.thresholds {
                // Reuse the buffers: growing them anew was a tenth of a tornado.
                Some(t) => t.reset(key, plan, nodes, start_year),
                None => self.thresholds = Some(Thresholds::new(key, plan, nodes, start_year)),
            }
            let t = self.thresholds.as_mut().expect("just set");
            t.bends = bend_years(scenario, start_year);
        }
        for a in Anchor::ALL {
            let key = SharesKey {
                thresholds: self.generation,
                distribution: self
                    .prepared
                    .get(a)
                    .as_ref()
                    .expect("prepared above")
                    .0
                    .clone(),
                fixed_rate: fixed_rate(scenario, a),
            };
            let shares = self.shares.get_mut(a);
            match shares {
                Some(s) if s.key == key => {}
                Some(s) => s.reset(key),
                None => *shares = Some(AnchorShares::new(key)),
            }
        }
    }

    /// Computes what `prepare` pointed at for the first `years` years (those not cached yet).
    fn extend(&mut self, scenario: &Scenario, years: usize) {
        let thresholds = self.thresholds.as_mut().expect("prepared");
        thresholds.extend_to(years, scenario, &mut self.phi[0]);
        for a in Anchor::ALL {
            let dist = &self.prepared.get(a).as_ref().expect("prepared").1;
            let shares = self.shares.get_mut(a).as_mut().expect("prepared");
            shares.extend_to(years, thresholds, dist, scenario.anchors.get(a));
        }
    }

    /// Each anchor's weighted contribution to P(TAI by year) in the year with index `year`.
    fn contributions(&self, weights: &PerAnchor<f64>, year: usize) -> [f64; 6] {
        Anchor::ALL.map(|a| {
            let p = self.shares.get(a).as_ref().expect("prepared").p[year];
            weights.get(a) * p.min(1.0)
        })
    }

    fn full_forecast(&self, scenario: &Scenario, years: Vec<i32>, bands: [Band; 5]) -> Forecast {
        let weights = scenario.normalized_weights().anchors;
        let n = years.len();
        let mut p_anchor: PerAnchor<Vec<f64>> = PerAnchor::from_fn(|_| Vec::with_capacity(n));
        let mut p_by_year = Vec::with_capacity(n);
        for k in 0..n {
            let contributions = self.contributions(&weights, k);
            for a in Anchor::ALL {
                p_anchor.get_mut(a).push(contributions[a.index()]);
            }
            p_by_year.push(total(&contributions));
        }

        let p_per_year = p_by_year
            .iter()
            .enumerate()
            .map(|(i, &p)| if i == 0 { p } else { p - p_by_year[i - 1] })
            .collect();
        let quantile_years = QUANTILES
            .iter()
            .map(|&q| (q, crossing_year(&years, &p_by_year, q)))
            .collect();
        let milestones = MILESTONE_YEARS
            .iter()
            .filter_map(|&my| {
                let i = years.iter().position(|&y| y == my)?;
                Some((my, p_by_year[i]))
            })
            .collect();
        let [fpd, spend, compute, progress, effective] = bands;
        let dists: PerAnchor<&GridCdf> =
            PerAnchor::from_fn(|a| &self.prepared.get(a).as_ref().expect("prepared").1);
        Forecast {
            years,
            p_by_year,
            p_by_year_per_anchor: p_anchor,
            p_per_year,
            quantile_years,
            milestones,
            log10_flop_per_dollar: fpd,
            log10_spend_dollars: spend,
            log10_affordable_compute: compute,
            algorithmic_progress_oom: progress,
            log10_effective_compute: effective,
            requirements: chart_requirements(&dists, &weights),
        }
    }
}

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
struct AlgoNode {
    /// Multiplies every halving time.
    halving_factor: f64,
    /// Added to every cap, OOM.
    cap_shift: f64,
    weight: f64,
}

/// One compute quadrature node (hardware and spending).
#[derive(Clone, Copy)]
struct ComputeNode {
    hardware_index: usize,
    spend_index: usize,
    weight: f64,
}

/// φ(F) = F − A(t, F) under the rule, for one year and algorithmic node: exact evaluation and
/// the coarse table (from [`PhiTables`]) used to find the set where φ ≤ C.
struct RulePhi<'a> {
    rule: &'a AlgorithmicProgress,
    t: f64,
    node: AlgoNode,
    /// Progress where the rule is at its small-requirement end (F below every endpoint).
    a_left: f64,
    /// Progress where it is at its large-requirement end (F above every endpoint).
    a_right: f64,
    table_f: &'a [f64],
    table_phi: &'a [f64],
    monotone: bool,
}

impl<'a> RulePhi<'a> {
    /// The first step of the progress at requirement `f` (see
    /// [`trajectories::progress_exponent`]).
    fn progress_exponent(&self, f: f64) -> (f64, f64) {
        // `f64::max` as comparisons (NaN still gives the bound): its NaN-aware form costs
        // more than the comparison in this hot path.
        let h = self.rule.halving_years_at(f) * self.node.halving_factor;
        let h = if h > 1e-6 { h } else { 1e-6 };
        let m = self.rule.cap_oom_at(f) + self.node.cap_shift;
        let m = if m > 0.0 { m } else { 0.0 };
        progress_exponent(self.t, h, m)
    }

    fn exact(&self, f: f64) -> f64 {
        let (small, exponent) = self.progress_exponent(f);
        f - progress_from_power(small, pow10(exponent))
    }

    /// Where φ crosses `c` inside table segment `i`: linear guess, then one regula-falsi step
    /// on the exact φ within the bracket.
    fn crossing(&self, i: usize, c: f64) -> f64 {
        match self.guess(i, c) {
            Ok(guess) => self.refine(i, c, guess, self.exact(guess)),
            Err(end) => end,
        }
    }

    /// The linear guess for the crossing in segment `i`, or (Err) the answer when the
    /// segment is flat.
    fn guess(&self, i: usize, c: f64) -> Result<f64, f64> {
        let (f0, f1) = (self.table_f[i], self.table_f[i + 1]);
        let (p0, p1) = (self.table_phi[i], self.table_phi[i + 1]);
        if p1 == p0 {
            return Err(f0);
        }
        Ok(f0 + (c - p0) / (p1 - p0) * (f1 - f0))
    }

    /// The regula-falsi step from the guess and the exact φ there (`pg`).
    fn refine(&self, i: usize, c: f64, guess: f64, pg: f64) -> f64 {
        let (f0, f1) = (self.table_f[i], self.table_f[i + 1]);
        let (p0, p1) = (self.table_phi[i], self.table_phi[i + 1]);
        // Keep the sub-bracket whose ends are on opposite sides of c.
        let ((a, pa), (b, pb)) = if (pg - c) * (p0 - c) <= 0.0 {
            ((f0, p0), (guess, pg))
        } else {
            ((guess, pg), (f1, p1))
        };
        if pb == pa {
            return guess;
        }
        // Within [f0, f1] (table points ascend); comparisons rather than `clamp`, same bits.
        let x = a + (c - pa) / (pb - pa) * (b - a);
        if x < f0 {
            f0
        } else if x > f1 {
            f1
        } else {
            x
        }
    }

    /// For a monotone table, where {F : φ(F) ≤ c} = (−∞, F*]: F* for each c of `cs`, into
    /// `ends`. One crossing is a chain of divisions, an `exp` and a `log1p` that the CPU
    /// waits on; run step by step over all the c (guesses, then exponents, powers, exact φ,
    /// refinements), the chains of different c overlap. The same operations as one c at a
    /// time, so the same bits. `refining` is scratch.
    fn monotone_ends(&self, cs: &[(f64, f64)], ends: &mut Vec<f64>, refining: &mut Vec<Refining>) {
        debug_assert!(self.monotone);
        let n = self.table_f.len();
        let (lo, hi) = (self.table_f[0], self.table_f[n - 1]);
        ends.clear();
        refining.clear();
        for (k, &(c, _)) in cs.iter().enumerate() {
            let end = if c < self.table_phi[0] {
                (c + self.a_left).min(lo)
            } else if c >= self.table_phi[n - 1] {
                (c + self.a_right).max(hi)
            } else {
                // Last node with φ ≤ c; its segment holds the crossing.
                let i = self.table_phi.partition_point(|&p| p <= c) - 1;
                match self.guess(i, c) {
                    Ok(guess) => {
                        refining.push(Refining {
                            k,
                            i,
                            c,
                            guess,
                            small: 0.0,
                            value: 0.0,
                        });
                        f64::NAN
                    }
                    Err(end) => end,
                }
            };
            ends.push(end);
        }
        for r in refining.iter_mut() {
            (r.small, r.value) = self.progress_exponent(r.guess);
        }
        for r in refining.iter_mut() {
            r.value = pow10(r.value);
        }
        for r in refining.iter_mut() {
            r.value = r.guess - progress_from_power(r.small, r.value);
        }
        for r in refining.iter() {
            ends[r.k] = self.refine(r.i, r.c, r.guess, r.value);
        }
    }

    /// The set {F : φ(F) ≤ c} as ascending intervals (a, b] when φ is not monotone (else see
    /// [`RulePhi::monotone_ends`]); the first starts at −∞.
    fn sublevel_set(&self, c: f64, out: &mut Vec<(f64, f64)>) {
        out.clear();
        let n = self.table_f.len();
        let (lo, hi) = (self.table_f[0], self.table_f[n - 1]);
        // General walk: left tail, table segments, right tail.
        let mut open: Option<f64> = None;
        if c + self.a_left >= lo {
            open = Some(f64::NEG_INFINITY);
        } else {
            out.push((f64::NEG_INFINITY, c + self.a_left));
        }
        match (open, self.table_phi[0] <= c) {
            (Some(start), false) => {
                out.push((start, lo));
                open = None;
            }
            (None, true) => open = Some(lo),
            _ => {}
        }
        for i in 0..n - 1 {
            let (p0, p1) = (self.table_phi[i], self.table_phi[i + 1]);
            match (p0 <= c, p1 <= c) {
                (true, false) => {
                    let x = self.crossing(i, c);
                    out.push((open.take().unwrap_or(self.table_f[i]), x));
                }
                (false, true) => open = Some(self.crossing(i, c)),
                _ => {}
            }
        }
        let right_end = c + self.a_right;
        match open {
            Some(start) => out.push((start, right_end.max(hi))),
            None if right_end > hi => out.push((hi, right_end)),
            None => {}
        }
    }
}

/// One crossing of [`RulePhi::monotone_ends`] between its steps.
struct Refining {
    /// Index of its c, its table segment, c, and the linear guess.
    k: usize,
    i: usize,
    c: f64,
    guess: f64,
    /// The smaller of x and the cap at the guess.
    small: f64,
    /// small − large, then 10^ that, then the exact φ at the guess.
    value: f64,
}

/// The F points of the φ table: every rule endpoint, and points at most PHI_TABLE_STEP apart
/// between them. Outside the endpoints the rule is constant, so no table is needed there.
fn phi_table_points(rule: &AlgorithmicProgress) -> Vec<f64> {
    let mut ends = [
        rule.halving_f_low,
        rule.halving_f_high,
        rule.cap_f_low,
        rule.cap_f_high,
    ]
    .map(|v| if v.is_finite() { v } else { 0.0 });
    ends.sort_by(f64::total_cmp);
    let mut points = vec![ends[0]];
    for w in ends.windows(2) {
        let gap = w[1] - w[0];
        if gap <= 0.0 {
            continue;
        }
        let pieces = ((gap / PHI_TABLE_STEP).ceil() as usize).max(MIN_PIECES_PER_SEGMENT);
        for k in 1..=pieces {
            points.push(w[0] + gap * k as f64 / pieces as f64);
        }
    }
    if points.len() == 1 {
        // All endpoints coincide: a step; two points a hair apart keep the table well formed.
        points.push(ends[0] + 1e-9);
    }
    points
}

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

/// The quadrature nodes of one forecast: algorithmic progress (halving time × cap) and compute
/// (hardware × spending).
struct Nodes {
    algo: Vec<AlgoNode>,
    hardware: Vec<quadrature::Node>,
    spend: Vec<quadrature::Node>,
    /// Each hardware node's factor on the FLOP/$ halving time.
    hardware_factors: Vec<f64>,
    /// Each spending node's factor on the spend doubling time.
    spend_factors: Vec<f64>,
    compute: Vec<ComputeNode>,
}

impl Nodes {
    /// The nodes of a plan: the 3-point rule of every uncertain trajectory for
    /// [`Plan::Paths`]; otherwise one algorithmic node (the rule itself) and, for
    /// [`Plan::Points`], a compute node per Gauss point of affordable compute (their values
    /// change every year, see [`YearLaw`]).
    fn new(u: &Uncertainty, plan: &Plan) -> Nodes {
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
enum Plan {
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
struct ComputeLaw {
    hardware: f64,
    spend: f64,
    points: usize,
    hardware_factors: Vec<f64>,
    spend_factors: Vec<f64>,
}

/// Gauss points of affordable compute when progress is certain: the probability is a kinked
/// function of C there (the rule's endpoints, the table's steps), so it takes more points
/// than under uncertain progress, which smooths it (measured: BENCHMARKS.md).
const COMPUTE_POINTS_CERTAIN_PROGRESS: usize = 16;
/// The most under uncertain progress, which smooths the probability in C over its own spread:
/// the count grows with the ratio of C's spread to progress's ([`compute_points`]).
const COMPUTE_POINTS: usize = 8;

impl Plan {
    fn for_scenario(s: &Scenario) -> Plan {
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
        // (a second-order effect, under 0.01 percentage points: BENCHMARKS.md).
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
struct YearLaw {
    /// Gauss points of affordable compute (C, weight).
    points: Rule,
    /// [`Plan::Curves`]: each point's curve, with its clamped cap.
    curves: Vec<PointCurve>,
    /// The bands' values at the 10th, 50th and 90th percentiles: FLOP/$, spend, C, and (for
    /// [`Plan::Points`]) F* − C and F*, which are monotone in C there.
    fpd: [f64; 3],
    spend: [f64; 3],
    compute: [f64; 3],
    /// When both compute factors are uncertain: the narrower's Gauss points and the wider's
    /// atoms, from which [`uncertain::percentiles_of_sum`] gives `compute` when needed.
    compute_sum: Option<(Rule, Vec<(f64, f64)>)>,
    effective: [[f64; 3]; 2],
}

/// One Gauss point's curve and its clamped cap (see [`ProgressLaw::clamp_mass`]).
struct PointCurve {
    curve: AffordCurve,
    clamp: f64,
    lambdas: Rule,
}

impl PointCurve {
    /// Pr[F* − C ≥ a] at this point: the curve plus the clamped cap's share.
    fn survival(&self, a: f64) -> f64 {
        if a <= -LOG10_2 {
            return 1.0;
        }
        let clamped: f64 = self
            .lambdas
            .iter()
            .filter(|&&(l, _)| -l >= a)
            .map(|&(_, w)| w)
            .sum();
        self.curve.at(a) + self.clamp * clamped
    }
}

/// The curve of one Gauss point `c` in a year with `t` years of progress: A's law at each
/// requirement from `x0(F)` (median uncapped progress) and `cap(F)` (central cap).
#[allow(clippy::too_many_arguments)]
fn point_curve(
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
    }
}

/// Gauss points of affordable compute under uncertain progress: the probability is smooth
/// in C over progress's spread, so few points do while C's spread is below it, more as it
/// grows past it (calibrated on the leave-one-out tests, BENCHMARKS.md).
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
fn progress_spread(rule: &AlgorithmicProgress, law: &ProgressLaw, t: f64, c: f64) -> f64 {
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
fn log10_or_tiny(v: f64) -> f64 {
    if v > 0.0 {
        libm::log10(v)
    } else {
        -300.0
    }
}

/// Affordable compute in year `y` under the compute law: Gauss points (when `points` is set:
/// interpolated years of [`Plan::Curves`] need only the bands) and the bands of FLOP/$, spend
/// and C. FLOP/$ and spend fall with their factor on the doubling time, so their 10th
/// percentile is at the factor's 90th.
fn compute_year(
    s: &Scenario,
    y: f64,
    law: &ComputeLaw,
    points: bool,
    progress_spread: Option<&dyn Fn(f64) -> f64>,
) -> YearLaw {
    let (hw, sp) = (&s.hardware, &s.spending);
    let t = y - TRAJECTORY_BASE_YEAR;
    // The logistics of `trajectories`, their logs taken once a year.
    let (fpd_start, fpd_cap) = (
        log10_or_tiny(hw.flop_per_dollar_2025),
        log10_or_tiny(hw.max_flop_per_dollar),
    );
    let (spend_start, spend_cap) = (log10_or_tiny(sp.dollars_2025), log10_spend_cap(sp, y));
    let fpd = |k: f64| log10_logistic(fpd_start, oom_after(t, hw.halving_years * k), fpd_cap);
    let spend =
        |k: f64| log10_logistic(spend_start, oom_after(t, sp.doubling_years * k), spend_cap);
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
    // The factor with which the trajectory just reaches its ceiling this year.
    let knee =
        |doubling: f64, room: f64| (t > 0.0 && room > 0.0).then(|| t * LOG10_2 / (doubling * room));
    let knee_h = knee(hw.halving_years, fpd_cap - fpd_start);
    let knee_s = knee(sp.doubling_years, spend_cap - spend_start);
    let cells = uncertain::compute_cells();
    let atoms = |sigma: f64, factors: &[f64], knee: Option<f64>, f: &dyn Fn(f64) -> f64| {
        if sigma > 0.0 {
            uncertain::factor_atoms(cells, sigma, factors, knee, f)
        } else {
            vec![(f(1.0), 1.0)]
        }
    };
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
    let (points, compute) = match (law.hardware > 0.0, law.spend > 0.0) {
        // An interpolated year of [`Plan::Curves`]: C's band comes from its neighbours too.
        (true, true) if !points && progress_spread.is_some() => (Vec::new(), [f64::NAN; 3]),
        (true, true) => {
            let a = atoms(law.hardware, &law.hardware_factors, knee_h, &fpd);
            let b = atoms(law.spend, &law.spend_factors, knee_s, &spend);
            let spread_c = libm::sqrt(variance(&a) + variance(&b));
            let n = count(spread_c, fpd(1.0) + spend(1.0));
            let (ra, rb) = (
                uncertain::gauss_rule(&a, n + 1),
                uncertain::gauss_rule(&b, n + 1),
            );
            // C's percentiles: the narrower on its Gauss points, the wider's atoms as a CDF.
            let spread = |r: &Rule| {
                let mean: f64 = r.iter().map(|p| p.0 * p.1).sum();
                r.iter()
                    .map(|p| (p.0 - mean) * (p.0 - mean) * p.1)
                    .sum::<f64>()
            };
            // Found when the bands are read (a full forecast), not for the tornado's runs.
            let sum = if spread(&ra) <= spread(&rb) {
                (ra.clone(), b)
            } else {
                (rb.clone(), a)
            };
            // (Progress certain: F*'s band is taken at C's percentiles, so they are needed now.)
            let compute = if progress_spread.is_none() {
                uncertain::percentiles_of_sum(&sum.0, &sum.1, None)
            } else {
                [f64::NAN; 3]
            };
            let points = if points {
                uncertain::gauss_rule_of_rules(&ra, &rb, n)
            } else {
                Vec::new()
            };
            if progress_spread.is_some() {
                compute_sum = Some(sum);
            }
            (points, compute)
        }
        (true, false) => {
            let other = spend(1.0);
            let points = if points {
                let a = atoms(law.hardware, &law.hardware_factors, knee_h, &|k| {
                    fpd(k) + other
                });
                let n = count(libm::sqrt(variance(&a)), fpd(1.0) + other);
                uncertain::gauss_rule(&a, n)
            } else {
                Vec::new()
            };
            (points, fpd_band.map(|v| v + other))
        }
        (false, true) => {
            let other = fpd(1.0);
            let points = if points {
                let b = atoms(law.spend, &law.spend_factors, knee_s, &|k| spend(k) + other);
                let n = count(libm::sqrt(variance(&b)), spend(1.0) + other);
                uncertain::gauss_rule(&b, n)
            } else {
                Vec::new()
            };
            (points, spend_band.map(|v| v + other))
        }
        (false, false) => {
            let c = fpd(1.0) + spend(1.0);
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
    }
}

/// The start of progress counting: the rule's start year, or 2025 if it is not a number.
fn progress_start_year(rule: &AlgorithmicProgress) -> f64 {
    if rule.start_year.is_finite() {
        rule.start_year
    } else {
        FIRST_YEAR as f64
    }
}

/// Where φ's table sits for one year and algorithmic node, and what it says about φ there.
#[derive(Clone, Copy)]
struct PhiRow {
    /// Progress below every rule endpoint, and above them.
    a_left: f64,
    a_right: f64,
    monotone: bool,
}

/// The coarse φ tables of one algorithmic-progress rule, for every year and algorithmic node.
/// They depend only on the rule (with its start year), the algorithmic nodes and the year, so
/// hardware, spending, weight and requirement changes reuse them; this was a third of an
/// all-four-uncertain forecast. Years are added as runs reach them.
struct PhiTables {
    key: Vec<u64>,
    start_year: f64,
    table_f: Vec<f64>,
    /// Per algorithmic node: the progress at its (halving time, cap) below every endpoint,
    /// at each table point, and above every endpoint, `table_f.len() + 2` series per node,
    /// each carried from year to year (see [`ProgressSeries`]).
    series: Vec<ProgressSeries>,
    /// Algorithmic nodes.
    nodes: usize,
    /// Year-major, `rows[year index × nodes + node]`.
    rows: Vec<PhiRow>,
    /// φ at the table points, `table_f.len()` values per row, in the order of `rows`.
    phi: Vec<f64>,
}

impl PhiTables {
    /// Everything the tables depend on, as bits: the rule and the nodes' factors.
    fn key(rule: &AlgorithmicProgress, algo: &[AlgoNode]) -> Vec<u64> {
        let r = rule;
        let mut key: Vec<u64> = [
            progress_start_year(r),
            r.halving_years_small,
            r.halving_years_large,
            r.halving_f_low,
            r.halving_f_high,
            r.cap_oom_small,
            r.cap_oom_large,
            r.cap_f_low,
            r.cap_f_high,
        ]
        .iter()
        .map(|v| v.to_bits())
        .collect();
        for n in algo {
            key.extend([n.halving_factor.to_bits(), n.cap_shift.to_bits()]);
        }
        key
    }

    fn new(key: Vec<u64>, rule: &AlgorithmicProgress, algo: &[AlgoNode]) -> PhiTables {
        let table_f = phi_table_points(rule);
        let series = algo
            .iter()
            .flat_map(|node| {
                let rate = move |f: f64| {
                    ProgressSeries::new(
                        (rule.halving_years_at(f) * node.halving_factor).max(1e-6),
                        (rule.cap_oom_at(f) + node.cap_shift).max(0.0),
                    )
                };
                std::iter::once(rate(f64::NEG_INFINITY))
                    .chain(table_f.iter().map(move |&f| rate(f)))
                    .chain(std::iter::once(rate(f64::INFINITY)))
            })
            .collect();
        PhiTables {
            key,
            start_year: progress_start_year(rule),
            table_f,
            series,
            nodes: algo.len(),
            rows: Vec::new(),
            phi: Vec::new(),
        }
    }

    /// Adds rows until the year with index `year_index` (years from FIRST_YEAR) has them.
    /// Rows are added a year at a time, in order, so that each series steps one year.
    fn extend_to(&mut self, year_index: usize) {
        let nodes = self.nodes;
        let n = self.table_f.len();
        let rows = (year_index + 1) * nodes;
        self.rows.reserve(rows.saturating_sub(self.rows.len()));
        self.phi.reserve((rows * n).saturating_sub(self.phi.len()));
        while self.rows.len() < rows {
            let node = self.rows.len() % nodes;
            let year_start = self.rows.len() - node;
            let year = FIRST_YEAR as f64 + (year_start / nodes) as f64;
            let t = (year - self.start_year).max(0.0);
            let last_t = (year - 1.0 - self.start_year).max(0.0);
            if year_start > 0 && t == last_t {
                // Progress has not started: the same t as the year before, the same row.
                let row = self.rows.len() - nodes;
                self.rows.push(self.rows[row]);
                self.phi.extend_from_within(row * n..(row + 1) * n);
                continue;
            }
            let next_year = year_start > 0 && last_t > 0.0 && t - last_t == 1.0;
            let series = &mut self.series[node * (n + 2)..(node + 1) * (n + 2)];
            // All the steps, then all the log1p: see ProgressSeries::step.
            for s in series.iter_mut() {
                s.step(t, next_year);
            }
            let a_left = series[0].progress();
            let a_right = series[n + 1].progress();
            let first = self.phi.len();
            self.phi.extend(
                self.table_f
                    .iter()
                    .zip(&series[1..=n])
                    .map(|(&f, s)| f - s.progress()),
            );
            let table_phi = &self.phi[first..];
            let (lo, hi) = (self.table_f[0], self.table_f[n - 1]);
            let monotone = table_phi.windows(2).all(|w| w[1] >= w[0])
                && lo - a_left <= table_phi[0]
                && table_phi[n - 1] <= hi - a_right;
            self.rows.push(PhiRow {
                a_left,
                a_right,
                monotone,
            });
        }
    }
}

/// One (algorithmic node, compute node) pair of one year: where the requirement
/// distributions are read.
#[derive(Clone, Copy)]
struct Pair {
    /// Quadrature weight of the pair.
    w: f64,
    /// Affordable compute C, log10 FLOP.
    c: f64,
    /// F*, the end of the first interval of {F : φ(F) ≤ C} (the effective compute).
    threshold: f64,
    /// F* located on the requirements grid: the first interval is (−∞, F*].
    upper: Located,
    /// The pair's further intervals (only when φ is not increasing) in `Thresholds::located`.
    extra: (u32, u32),
}

/// The first stage of the yearly loop: the trajectories per node and, per node pair, the set
/// of requirements affordable that year, located on the requirements grid. Depends only on the
/// trajectories, their uncertainty and the progress rule, so weight and requirement changes
/// reuse it. Years are added as runs reach them; every per-year vector is year-major.
struct Thresholds {
    key: String,
    plan: Plan,
    nodes: Nodes,
    /// Where algorithmic progress starts counting, as in the φ tables.
    start_year: f64,
    /// log10 FLOP/$ per hardware node, log10 spend per spending node, (C, weight) per
    /// compute node.
    fpd: Vec<f64>,
    spend: Vec<f64>,
    compute: Vec<(f64, f64)>,
    pairs: Vec<Pair>,
    /// The intervals after each pair's first, their ends located (see [`Pair::extra`]).
    located: Vec<(Located, Located)>,
    /// Years computed so far.
    years: usize,
    /// Scratch for one pair's intervals, a monotone row's ends and their refinements.
    intervals: Vec<(f64, f64)>,
    ends: Vec<f64>,
    refining: Vec<Refining>,
    /// The bands of the latest full forecast, and over how many years.
    bands: Option<(usize, [Band; 5])>,
    /// Per year, for plans other than [`Plan::Paths`].
    laws: Vec<YearLaw>,
    /// [`bend_years`] of the scenario, as years since 2025.
    bends: Vec<f64>,
}

impl Thresholds {
    /// Everything the thresholds depend on: the trajectories, their uncertainty and the rule.
    /// Debug output is exact (shortest round-trip digits, −0 and NaN spelled out).
    fn key(s: &Scenario) -> String {
        format!(
            "{:?}{:?}{:?}{:?}",
            s.algorithmic_progress, s.hardware, s.spending, s.uncertainty
        )
    }

    fn new(key: String, plan: Plan, nodes: Nodes, start_year: f64) -> Thresholds {
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
        }
    }

    /// Empties the tables for other trajectories, keeping the buffers.
    fn reset(&mut self, key: String, plan: Plan, nodes: Nodes, start_year: f64) {
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
    /// years on each side ([`Thresholds::stencil`]) is within ~1e-5 of it (BENCHMARKS.md).
    fn curve_year(&self, k: usize) -> bool {
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
    fn stencil(&self, k: usize) -> [usize; 4] {
        let below = |from: usize| (0..from).rev().find(|&j| self.curve_year(j)).unwrap_or(0);
        let above = |from: usize| {
            (from + 1..)
                .find(|&j| self.curve_year(j))
                .unwrap_or(from + 1)
        };
        let (b, c) = (below(k), above(k));
        [below(b), b, c, above(c)]
    }

    fn pairs_per_year(&self) -> usize {
        self.nodes.algo.len() * self.nodes.compute.len()
    }

    /// The five bands over the first `years` years: quantiles over the nodes of each
    /// trajectory, which depend on nothing but these thresholds, so a weight or requirement
    /// slider reuses them (they were most of such a run).
    fn bands(&mut self, years: usize) -> [Band; 5] {
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
            v.sort_by(f64::total_cmp);
            band.p10.push(v[0]);
            band.median.push(v[1]);
            band.p90.push(v[2]);
        };
        let curves = matches!(self.plan, Plan::Curves(..));
        // F* − C and F* per year: from the curves in the years that have them.
        let mut effective: Vec<[[f64; 3]; 2]> = Vec::with_capacity(self.laws.len());
        for (k, law) in self.laws.iter().enumerate() {
            effective.push(if !curves {
                law.effective
            } else if self.curve_year(k) {
                curve_percentiles(law)
            } else {
                [[f64::NAN; 3]; 2]
            });
        }
        for k in 0..years {
            if curves && !self.curve_year(k) {
                let stencil = self.stencil(k);
                let at = stencil.map(|j| effective[j]);
                for i in 0..2 {
                    for j in 0..3 {
                        effective[k][i][j] = cubic_through(stencil, at.map(|e| e[i][j]), k);
                    }
                }
            }
        }
        // C's percentiles where the year has its law, then (when both compute factors are
        // uncertain) the interpolated years' from their stencils, as for F* − C and F*.
        let mut compute: Vec<[f64; 3]> = Vec::with_capacity(years);
        let mut last_compute = None;
        for law in &self.laws {
            let c = match &law.compute_sum {
                Some((outer, inner)) => uncertain::percentiles_of_sum(outer, inner, last_compute),
                None => law.compute,
            };
            if c[0].is_finite() {
                last_compute = Some(c);
            }
            compute.push(c);
        }
        for k in 0..years {
            if compute[k][0].is_nan() {
                let stencil = self.stencil(k);
                let at = stencil.map(|j| compute[j]);
                for j in 0..3 {
                    compute[k][j] = cubic_through(stencil, at.map(|e| e[j]), k);
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

    fn extend_to(&mut self, years: usize, s: &Scenario, phi: &mut PhiTables) {
        // Curves: an interpolated year needs the two computed years after it (the last
        // interpolated year before `years` reaches furthest).
        let years = match self.plan {
            Plan::Curves(..) => (0..years)
                .rev()
                .find(|&k| !self.curve_year(k))
                .map_or(years, |k| years.max(self.stencil(k)[3] + 1)),
            _ => years,
        };
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
                    let year = compute_year(s, y, law, true, None);
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
                    let mut year = compute_year(s, y, law, computed, Some(&spread));
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

/// Which year indices [`Plan::Curves`] computes, away from bends: (from index, every n-th
/// from there). The probability's features widen as the years pass (each trajectory's spread
/// grows with time), so the stride can too: every year to 2028, then every second, fourth,
/// sixth and from 2073 every eighth year, 19 years of 2025–2100 and within ~0.01 percentage
/// points of computing them all (BENCHMARKS.md).
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

/// Years around which [`Plan::Curves`] computes every year: where the central FLOP/$ or
/// spending path reaches its ceiling and where progress starts counting, the only places its
/// probability bends sharply in the year (a narrow compute uncertainty leaves the bend).
fn bend_years(s: &Scenario, start_year: f64) -> Vec<f64> {
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
fn cubic_through(years: [usize; 4], values: [f64; 4], k: usize) -> f64 {
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

/// [`Plan::Curves`]: the 10th, 50th and 90th percentiles of F* − C and of F* in one year,
/// from the mixture over the Gauss points of C of Pr[F* − C ≥ a | C].
fn curve_percentiles(law: &YearLaw) -> [[f64; 3]; 2] {
    let weights: Vec<f64> = law.points.iter().map(|p| p.1).collect();
    let top = law
        .curves
        .iter()
        .map(|p| p.curve.top())
        .fold(0.0f64, f64::max);
    let progress = |a: f64| {
        1.0 - law
            .curves
            .iter()
            .zip(&weights)
            .map(|(p, w)| w * p.survival(a))
            .sum::<f64>()
    };
    let effective = |f: f64| {
        1.0 - law
            .curves
            .iter()
            .zip(&law.points)
            .map(|(p, &(c, w))| w * p.survival(f - c))
            .sum::<f64>()
    };
    let (c_lo, c_hi) = law
        .points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.0), hi.max(p.0))
        });
    let lo = -LOG10_2 - 1e-3;
    [
        [0.1, 0.5, 0.9].map(|q| uncertain::solve_quantile(&progress, q, lo, top)),
        [0.1, 0.5, 0.9].map(|q| uncertain::solve_quantile(&effective, q, c_lo + lo, c_hi + top)),
    ]
}

/// What one anchor's shares depend on.
#[derive(Clone, Debug, PartialEq)]
struct SharesKey {
    /// The [`Engine::generation`] of the thresholds they read.
    thresholds: u64,
    distribution: PreparedKey,
    /// The anchor's own progress rate, when it overrides the rule (halving, cap bits).
    fixed_rate: Option<(u64, u64)>,
}

fn fixed_rate(scenario: &Scenario, anchor: Anchor) -> Option<(u64, u64)> {
    let s = scenario.anchors.get(anchor);
    s.algo_override
        .then(|| (s.algo_halving_years.to_bits(), s.algo_cap_oom.to_bits()))
}

/// The second stage: one anchor's probability mass reached by each year, Σ over node pairs
/// of weight × share, before the anchor's weight. Each anchor is independent of the others,
/// so moving one anchor's distribution recomputes only its shares, and a weight recomputes
/// none.
struct AnchorShares {
    key: SharesKey,
    /// Per node pair: the largest share reached so far. TAI "by Y" means the condition held in
    /// some year up to Y; with default inputs the share only grows, but affordable compute can
    /// shrink (negative GDP growth under a binding spend cap).
    reached: Vec<f64>,
    /// Per year computed.
    p: Vec<f64>,
    /// [`Plan::Curves`]: the share of each computed year, as integrated (before the curve
    /// is kept monotone), for the interpolated years between them.
    computed: Vec<Option<f64>>,
}

impl AnchorShares {
    fn new(key: SharesKey) -> AnchorShares {
        AnchorShares {
            key,
            reached: Vec::new(),
            p: Vec::new(),
            computed: Vec::new(),
        }
    }

    fn reset(&mut self, key: SharesKey) {
        self.key = key;
        self.reached.clear();
        self.p.clear();
        self.computed.clear();
    }

    fn extend_to(
        &mut self,
        years: usize,
        t: &Thresholds,
        dist: &GridCdf,
        settings: &super::scenario::AnchorSettings,
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
        settings: &super::scenario::AnchorSettings,
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
        settings: &super::scenario::AnchorSettings,
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

/// P(TAI by year) from the anchors' contributions of that year.
fn total(contributions: &[f64; 6]) -> f64 {
    contributions.iter().sum()
}

/// The fractional year where `p` first reaches `q` (linear between years).
pub(crate) fn crossing_year(years: &[i32], p: &[f64], q: f64) -> Option<f64> {
    let i = p.iter().position(|&v| v >= q)?;
    if i == 0 {
        return Some(years[0] as f64);
    }
    let (p0, p1) = (p[i - 1], p[i]);
    let frac = if p1 > p0 { (q - p0) / (p1 - p0) } else { 1.0 };
    Some(years[i - 1] as f64 + frac)
}

fn chart_requirements(dists: &PerAnchor<&GridCdf>, weights: &PerAnchor<f64>) -> Requirements {
    // The chart grid is every `stride`-th engine grid point, so no interpolation is needed.
    let stride = (CHART_STEP / requirements::GRID_STEP).round() as usize;
    let points: Vec<usize> = (0..requirements::GRID_LEN).step_by(stride).collect();
    let last = requirements::GRID_LEN - 1;
    Requirements {
        cdf: dists.map(|_, d| points.iter().map(|&i| d.cdf[i]).collect()),
        pdf: dists.map(|_, d| {
            points
                .iter()
                .map(|&i| {
                    // Central difference over one chart step, smoothing the table's noise.
                    let (lo, hi) = (i.saturating_sub(stride), (i + stride).min(last));
                    let width = (hi - lo) as f64 * requirements::GRID_STEP;
                    ((d.cdf[hi] - d.cdf[lo]) / width).max(0.0)
                })
                .collect()
        }),
        median: dists.map(|_, d| d.median),
        weights: weights.clone(),
        log10_flop: points.iter().map(|&i| requirements::grid_x(i)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uncertain() -> Scenario {
        let mut s = Scenario::default();
        for (key, value) in [
            ("uncertainty.algo_halving_factor", 2.0),
            ("uncertainty.algo_cap_oom", 1.0),
            ("uncertainty.hardware_halving_factor", 1.5),
            ("uncertainty.spend_doubling_factor", 1.5),
        ] {
            s.set(key, value).unwrap();
        }
        s
    }

    fn with(s: &Scenario, changes: &[(&str, f64)]) -> Scenario {
        let mut s = s.clone();
        for &(key, value) in changes {
            s.set(key, value).unwrap();
        }
        s
    }

    /// Every number of a forecast as bits, so that −0 and 0 (and NaN) count as different.
    fn bits(f: &Forecast) -> String {
        serde_json::to_string(f).unwrap()
    }

    /// One engine taken through changes that hit and miss each of its caches (φ tables,
    /// thresholds, per-anchor shares, distributions) gives the bits of a fresh engine every
    /// time, and its P-only runs are the full forecast's P, cut at the crossing when asked.
    #[test]
    fn cached_runs_equal_fresh_runs_bit_for_bit() {
        let base = uncertain();
        let steps = [
            base.clone(),
            with(&base, &[("anchor.nn_medium.weight", 45.0)]),
            with(&base, &[("anchor.genome.shift_oom", 2.0)]),
            with(&base, &[("requirements.extra_sigma_oom", 1.5)]),
            with(&base, &[("anchor.lifetime.algo_override", 1.0)]),
            with(
                &base,
                &[
                    ("anchor.lifetime.algo_override", 1.0),
                    ("anchor.lifetime.algo_halving_years", 1.5),
                ],
            ),
            with(&base, &[("hardware.halving_years", 3.0)]),
            with(&base, &[("algo.halving_years_large", 1.5)]),
            with(&base, &[("uncertainty.spend_doubling_factor", 1.0)]),
            with(&base, &[("forecast.end_year", 2060.0)]),
            base.clone(),
            with(&base, &[("spend.gdp_growth_percent", -2.0)]),
            Scenario::default(),
            base.clone(),
        ];
        let mut engine = Engine::new();
        for (i, s) in steps.iter().enumerate() {
            let fresh = Engine::new().forecast(s);
            // Short runs first, so that the full forecast extends cached years.
            let p_all = engine.p_by_year(s, None);
            let p_median = engine.p_by_year(s, Some(0.5));
            let cached = engine.forecast(s);
            assert_eq!(bits(&cached), bits(&fresh), "step {i}");
            let p_bits = |p: &[f64]| p.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(p_bits(&p_all), p_bits(&fresh.p_by_year), "step {i}");
            let cut = fresh
                .p_by_year
                .iter()
                .position(|&p| p >= 0.5)
                .map_or(fresh.p_by_year.len(), |k| k + 1);
            assert_eq!(
                p_bits(&p_median),
                p_bits(&fresh.p_by_year[..cut]),
                "step {i}"
            );
        }
    }
}
