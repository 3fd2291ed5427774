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
//!
//! This file holds the public types and the [`Engine`]; the stages live in submodules: `plan`
//! (how the uncertainty is integrated), `phi` (the φ tables), `thresholds` (the yearly loop's
//! first stage) and `shares` (its second, per anchor).

mod phi;
mod plan;
mod progress_bands;
mod shares;
mod thresholds;

use serde::{Deserialize, Serialize};

use super::anchor::{Anchor, PerAnchor};
use super::components::ComponentAssumptions;
use super::quadrature;
use super::requirements::{self, Adjustments, GridCdf};
use super::scenario::{Scenario, FIRST_YEAR};

use phi::{progress_start_year, PhiTables};
use plan::{Nodes, Plan};
use shares::{fixed_rate, AnchorShares, SharesKey};
use thresholds::{bend_years, Thresholds};

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

    /// The tests' and benchmarks' scenario with all four uncertainties on.
    fn uncertain() -> Scenario {
        let query = include_str!("../../tests/data/uncertain.query").trim();
        crate::link::read_link(query).scenario
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
