//! The φ tables of the algorithmic-progress rule: φ(F) = F − A(t, F) per year and algorithmic
//! node on a coarse F grid ([`PhiTables`], cached across runs), and from them the set of
//! requirements where φ ≤ C ([`RulePhi`]).

use crate::scenario::{AlgorithmicProgress, FIRST_YEAR};
use crate::trajectories::{pow10, progress_exponent, progress_from_power, ProgressSeries};

use super::plan::AlgoNode;

/// Widest spacing of the coarse F table of φ, OOM. The exact φ is evaluated once more at each
/// crossing (one regula-falsi step), which leaves an error far below 1e-6 OOM.
const PHI_TABLE_STEP: f64 = 1.0;

/// Fewest table pieces between two rule endpoints: a rule that changes steeply within a
/// fraction of an OOM still gets enough points to see where φ turns.
const MIN_PIECES_PER_SEGMENT: usize = 4;

/// φ(F) = F − A(t, F) under the rule, for one year and algorithmic node: exact evaluation and
/// the coarse table (from [`PhiTables`]) used to find the set where φ ≤ C.
pub(super) struct RulePhi<'a> {
    pub(super) rule: &'a AlgorithmicProgress,
    pub(super) t: f64,
    pub(super) node: AlgoNode,
    /// Progress where the rule is at its small-requirement end (F below every endpoint).
    pub(super) a_left: f64,
    /// Progress where it is at its large-requirement end (F above every endpoint).
    pub(super) a_right: f64,
    pub(super) table_f: &'a [f64],
    pub(super) table_phi: &'a [f64],
    pub(super) monotone: bool,
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
    pub(super) fn monotone_ends(
        &self,
        cs: &[(f64, f64)],
        ends: &mut Vec<f64>,
        refining: &mut Vec<Refining>,
    ) {
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
    pub(super) fn sublevel_set(&self, c: f64, out: &mut Vec<(f64, f64)>) {
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
pub(super) struct Refining {
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
    crate::sorting::floats(&mut ends);
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

/// The start of progress counting: the rule's start year, or 2025 if it is not a number.
pub(super) fn progress_start_year(rule: &AlgorithmicProgress) -> f64 {
    if rule.start_year.is_finite() {
        rule.start_year
    } else {
        FIRST_YEAR as f64
    }
}

/// Where φ's table sits for one year and algorithmic node, and what it says about φ there.
#[derive(Clone, Copy)]
pub(super) struct PhiRow {
    /// Progress below every rule endpoint, and above them.
    pub(super) a_left: f64,
    pub(super) a_right: f64,
    pub(super) monotone: bool,
}

/// The coarse φ tables of one algorithmic-progress rule, for every year and algorithmic node.
/// They depend only on the rule (with its start year), the algorithmic nodes and the year, so
/// hardware, spending, weight and requirement changes reuse them; this was a third of an
/// all-four-uncertain forecast. Years are added as runs reach them.
pub(super) struct PhiTables {
    pub(super) key: Vec<u64>,
    start_year: f64,
    pub(super) table_f: Vec<f64>,
    /// Per algorithmic node: the progress at its (halving time, cap) below every endpoint,
    /// at each table point, and above every endpoint, `table_f.len() + 2` series per node,
    /// each carried from year to year (see [`ProgressSeries`]).
    series: Vec<ProgressSeries>,
    /// Algorithmic nodes.
    nodes: usize,
    /// Year-major, `rows[year index × nodes + node]`.
    pub(super) rows: Vec<PhiRow>,
    /// φ at the table points, `table_f.len()` values per row, in the order of `rows`.
    pub(super) phi: Vec<f64>,
}

impl PhiTables {
    /// Everything the tables depend on, as bits: the rule and the nodes' factors.
    pub(super) fn key(rule: &AlgorithmicProgress, algo: &[AlgoNode]) -> Vec<u64> {
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

    pub(super) fn new(key: Vec<u64>, rule: &AlgorithmicProgress, algo: &[AlgoNode]) -> PhiTables {
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
    pub(super) fn extend_to(&mut self, year_index: usize) {
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
