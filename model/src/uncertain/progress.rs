//! The law of algorithmic progress for one requirement ([`ProgressLaw`]): its survival
//! Pr[A ≥ a] in closed form when the halving factor or the cap is certain, by cells of the
//! narrower of the two when both are uncertain.

use super::gaussian::{ln_fast, ln_from, ln_table, normal_table, phi_fast, phi_from};
use super::rules::{gauss_hermite, Rule};
use super::LOG10_2;
use crate::trajectories::pow10;

/// How the survival of algorithmic progress is computed, chosen from the two uncertainties
/// (σ of the halving factor in natural-log units, σ of the cap shift in OOM). When both are
/// narrow the engine integrates on Gauss–Hermite points instead (see [`ProgressLaw::new`]).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// The halving factor certain: closed form in the cap.
    HalvingCertain,
    /// The cap certain: closed form in the halving factor.
    CapCertain,
    /// Both uncertain: the product of the two survivals minus the sliver where the smooth
    /// minimum falls short of the plain one, by cells of the narrower of the two.
    Sliver,
}

/// A bound on the sliver (the probability that both terms lie within 2 OOM above a) below
/// which it is left out: the sliver itself is then under ~1e-6.
const SLIVER_NEGLIGIBLE: f64 = 1e-5;

/// Cells (OOM above the threshold a) for the sliver of [`Mode::Sliver`]; their ends are
/// shared, their representatives the geometric means. Eight, geometric near 0 where the other
/// term's threshold β(u) runs off to infinity: within 0.01 percentage points of ten finer
/// ones on the leave-one-out tests, at 80% of their cost.
const SLIVER_CELLS: [f64; 9] = [0.0, 0.005, 0.02, 0.06, 0.15, 0.3, 0.6, 1.2, f64::INFINITY];

/// The adaptive refinement stops when the panels' estimated errors sum to less than this
/// (the error of ∫ q against a density of 1 per OOM, steeper than any requirement
/// distribution the sliders make): 1e-5 is 0.001 percentage points.
const CURVE_TOLERANCE: f64 = 2e-4;
/// Most evaluations of q one curve may use: [`Mode::Sliver`]'s cost ~20 normal CDFs each,
/// the closed forms ~2, and their curves have a ceiling point's steep fall to resolve.
const MAX_EVALUATIONS_SLIVER: usize = 40;
const MAX_EVALUATIONS_CLOSED: usize = 96;

/// Which term of the smooth minimum is certain, making Pr[A ≥ a] fall to 0 where a reaches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ceiling {
    /// The uncapped progress t·log10 2 / h(F).
    Uncapped,
    /// The cap m(F).
    Cap,
}

/// −log10(1 − 10^−u): how far above a the other term must be for the smooth minimum of two
/// terms, one of them u above a, to reach a.
fn beta(u: f64) -> f64 {
    // 1 − 10^−u = −expm1(−u ln 10), exact even where 10^−u rounds to 1.
    -libm::log10(-libm::expm1(-u * std::f64::consts::LN_10))
}

/// The distribution of algorithmic progress A = −log10(10^−X + 10^−M⁺) for one requirement:
/// X = x0·e^{σ1 Z1} the uncapped progress (x0 its median, 0 before progress starts), M = m +
/// σ2 Z2 the cap (M⁺ = max(M, 0)), Z1 and Z2 independent standard normals.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressLaw {
    s1: f64,
    s2: f64,
    mode: Mode,
    /// Representative (geometric mean) of each sliver cell, and β there.
    sliver_mid: Vec<f64>,
    sliver_beta: Vec<f64>,
    /// 10^−representative of each cell.
    sliver_pow: Vec<f64>,
}

impl ProgressLaw {
    /// σ1: natural-log σ of the halving factor; σ2: σ of the cap shift, OOM (each > 0 or 0).
    pub fn new(s1: f64, s2: f64) -> ProgressLaw {
        let (s1, s2) = (s1.max(0.0), s2.max(0.0));
        let mode = if s1 == 0.0 {
            Mode::HalvingCertain
        } else if s2 == 0.0 {
            Mode::CapCertain
        } else {
            Mode::Sliver
        };
        let sliver_mid: Vec<f64> = SLIVER_CELLS
            .windows(2)
            .map(|w| {
                if w[0] == 0.0 {
                    0.5 * w[1]
                } else if w[1].is_infinite() {
                    1.5 * w[0]
                } else {
                    libm::sqrt(w[0] * w[1])
                }
            })
            .collect();
        let sliver_beta = sliver_mid.iter().map(|&r| beta(r)).collect();
        let sliver_pow = sliver_mid.iter().map(|&r| pow10(-r)).collect();
        ProgressLaw {
            s1,
            s2,
            mode,
            sliver_mid,
            sliver_beta,
            sliver_pow,
        }
    }

    /// σ of the halving factor (natural log) and of the cap shift (OOM).
    pub fn sigmas(&self) -> (f64, f64) {
        (self.s1, self.s2)
    }

    /// Both uncertainties are zero: progress is a number, not a distribution.
    pub fn is_certain(&self) -> bool {
        self.s1 == 0.0 && self.s2 == 0.0
    }

    /// Pr[X ≥ x].
    fn x_survival(&self, x: f64, x0: f64) -> f64 {
        if x <= 0.0 {
            1.0
        } else if x0 <= 0.0 {
            0.0
        } else if self.s1 == 0.0 {
            if x0 >= x {
                1.0
            } else {
                0.0
            }
        } else {
            phi_fast((ln_fast(x0) - ln_fast(x)) / self.s1)
        }
    }

    /// Pr[M ≥ v] (the cap before clamping).
    fn m_survival(&self, v: f64, m: f64) -> f64 {
        if self.s2 == 0.0 {
            if m >= v {
                1.0
            } else {
                0.0
            }
        } else {
            phi_fast((m - v) / self.s2)
        }
    }

    /// Pr[A ≥ a] with the cap fixed at m⁺ (≥ 0) and the uncapped progress uncertain.
    /// `power`: 10^−a.
    fn given_cap(&self, power: f64, cap: f64, x0: f64) -> f64 {
        let room = power - pow10(-cap);
        if room <= 0.0 {
            0.0
        } else {
            self.x_survival(-libm::log10(room), x0)
        }
    }

    /// Pr[M ≤ 0]: the chance that the cap is clamped to 0, where progress is
    /// A = −log10(10^−X + 1) ∈ (−log10 2, 0). [`ProgressLaw::survival`] leaves this part out
    /// when the cap is uncertain (it would be a step in a) and [`ProgressLaw::clamp_rule`]
    /// gives its progress.
    pub fn clamp_mass(&self, m: f64) -> f64 {
        if self.s2 == 0.0 {
            0.0
        } else {
            1.0 - self.m_survival(0.0, m)
        }
    }

    /// The clamped part's −A = log10(10^−X + 1) at five Gauss–Hermite points of X (one when
    /// X is certain). Smooth in Z1, so five points are exact far beyond what it weighs.
    pub fn clamp_rule(&self, x0: f64) -> Rule {
        let lambda = |x: f64| libm::log10(1.0 + pow10(-x));
        if self.s1 == 0.0 || x0 <= 0.0 {
            vec![(lambda(x0.max(0.0)), 1.0)]
        } else {
            gauss_hermite(5)
                .into_iter()
                .map(|(z, w)| (lambda(x0 * libm::exp(self.s1 * z)), w))
                .collect()
        }
    }

    /// Pr[A ≥ a] for median uncapped progress `x0` (OOM, ≥ 0) and central cap `m` (OOM),
    /// without the clamped cap when the cap is uncertain ([`ProgressLaw::clamp_mass`]). 1 for
    /// a ≤ −log10 2 when the cap is certain, Pr\[M > 0\] when it is not.
    pub fn survival(&self, a: f64, x0: f64, m: f64) -> f64 {
        match self.mode {
            Mode::CapCertain | Mode::HalvingCertain => self.survival_at_power(a, pow10(-a), x0, m),
            Mode::Sliver => {
                if a <= -LOG10_2 {
                    self.m_survival(0.0, m)
                } else {
                    self.sliver(a, x0, m)
                }
            }
        }
    }

    /// [`ProgressLaw::survival`] given `power` = 10^−a, for a caller that evaluates many
    /// requirements at one a: the same bits. With both factors uncertain `power` is unused.
    pub fn survival_at_power(&self, a: f64, power: f64, x0: f64, m: f64) -> f64 {
        match self.mode {
            Mode::CapCertain if a <= -LOG10_2 => 1.0,
            Mode::CapCertain => self.given_cap(power, m.max(0.0), x0),
            Mode::HalvingCertain if a <= -LOG10_2 => self.m_survival(0.0, m),
            Mode::HalvingCertain => self.given_x_unclamped(power, x0, m),
            Mode::Sliver => self.survival(a, x0, m),
        }
    }

    /// [`ProgressLaw::given_x`] without the clamped cap: Pr[M > 0, A ≥ a]; `power`: 10^−a.
    fn given_x_unclamped(&self, power: f64, x: f64, m: f64) -> f64 {
        let room = power - pow10(-x);
        if room <= 0.0 {
            0.0
        } else if room >= 1.0 {
            self.m_survival(0.0, m)
        } else {
            self.m_survival(-libm::log10(room), m)
        }
    }

    /// How many evaluations of [`ProgressLaw::survival`] a curve may use, and its tolerance.
    pub fn evaluation_budget(&self) -> (usize, f64) {
        match self.mode {
            Mode::Sliver => (MAX_EVALUATIONS_SLIVER, CURVE_TOLERANCE),
            Mode::HalvingCertain | Mode::CapCertain => (MAX_EVALUATIONS_CLOSED, CURVE_TOLERANCE),
        }
    }

    /// Where Pr[A ≥ a] falls to 0 because one term of the smooth minimum is certain: at the
    /// uncapped progress (halving certain) or at the cap (cap certain), as a function of the
    /// requirement. None when both are uncertain (no such point).
    pub fn ceiling(&self) -> Option<Ceiling> {
        match self.mode {
            Mode::HalvingCertain => Some(Ceiling::Uncapped),
            Mode::CapCertain => Some(Ceiling::Cap),
            Mode::Sliver => None,
        }
    }

    /// [`Mode::Sliver`]: both uncertain, a > −log10 2, the cap above 0. For a > 0 it is
    /// Pr[X ≥ a]·Pr[M ≥ a] less the sliver where both exceed a but the smooth minimum does
    /// not, summed over cells of the narrower variable (its exact mass per cell, the other's
    /// probability at the cell's representative).
    fn sliver(&self, a: f64, x0: f64, m: f64) -> f64 {
        if x0 <= 0.0 {
            return self.given_x_unclamped(pow10(-a), 0.0, m);
        }
        if a <= 0.0 {
            // Progress below 0 needs both terms near 0: rare (first years, caps near 0).
            // Cells of M over (0, ∞), exact masses, X's probability at each representative.
            let b = pow10(-a);
            let mut unclamped = 0.0;
            let mut previous = self.m_survival(0.0, m);
            for (k, w) in SLIVER_CELLS.windows(2).enumerate() {
                let next = if w[1].is_infinite() {
                    0.0
                } else {
                    self.m_survival(w[1], m)
                };
                let room = b - self.sliver_pow[k];
                let px = if room >= 1.0 {
                    1.0
                } else {
                    self.x_survival(-ln_fast(room) * std::f64::consts::LOG10_E, x0)
                };
                unclamped += (previous - next) * px;
                previous = next;
            }
            return unclamped;
        }
        // The survivals inline, with both tables and ln x0 fetched once: ~30 of them here.
        let (normal, logs) = (normal_table(), ln_table());
        let ln_x0 = ln_from(logs, x0);
        let (per_s1, per_s2) = (1.0 / self.s1, 1.0 / self.s2);
        let sx_at = |x: f64| phi_from(normal, (ln_x0 - ln_from(logs, x)) * per_s1);
        let sm_at = |v: f64| phi_from(normal, (m - v) * per_s2);
        let (sx, sm) = (sx_at(a), sm_at(a));
        // The sliver lies within ~2 OOM of (a, a): where either variable has (almost) no mass
        // above a, or all of it far above, there is none to take off.
        let far = 2.0;
        let (sx_far, sm_far) = (sx_at(a + far), sm_at(a + far));
        if (sx - sx_far) * (sm - sm_far) < SLIVER_NEGLIGIBLE {
            return sx * sm;
        }
        let narrow_x = self.s1 * a < self.s2;
        let mut sliver = 0.0;
        let mut previous = if narrow_x { sx } else { sm };
        let cells = SLIVER_CELLS.len() - 1;
        for (k, &b) in self.sliver_beta.iter().enumerate() {
            let next = if k + 1 == cells {
                0.0
            } else if narrow_x {
                sx_at(a + SLIVER_CELLS[k + 1])
            } else {
                sm_at(a + SLIVER_CELLS[k + 1])
            };
            let other = if narrow_x {
                sm - sm_at(a + b)
            } else {
                sx - sx_at(a + b)
            };
            sliver += (previous - next) * other;
            previous = next;
        }
        (sx * sm - sliver).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uncertain::{normal_cdf, normal_pdf};
    /// The clamped cap's part of Pr[A ≥ a]: Pr[M ≤ 0]·Pr[log10(10^−X + 1) ≤ −a].
    fn clamped_exactly(law: &ProgressLaw, a: f64, x0: f64, m: f64) -> f64 {
        if a >= 0.0 {
            return 0.0;
        }
        law.clamp_mass(m) * law.x_survival(-libm::log10(pow10(-a) - 1.0), x0)
    }

    /// Pr[A ≥ a] against a brute-force double integral over both factors: pointwise where
    /// both are wide (the cell formula) and, for a narrow factor on Gauss–Hermite points
    /// (whose error sits in a band of its own width and averages out), integrated over a.
    #[test]
    fn progress_survival_matches_a_fine_double_integral() {
        let z90 = crate::quadrature::Z_90;
        // Fine in Z1; given X = x, Pr over the cap written out here: A ≥ a ⟺ 10^−M⁺ ≤
        // 10^−a − 10^−x, with M⁺ = 0 (probability Φ(−m/σ2)) or M ≥ −log10(that).
        let brute = |s1: f64, s2: f64, a: f64, x0: f64, m: f64| {
            let n = 8000;
            let (lo, hi) = (-9.0, 9.0);
            let h = (hi - lo) / n as f64;
            let (mut total, mut weight) = (0.0, 0.0);
            for i in 0..=n {
                let z1 = lo + h * i as f64;
                let w = normal_pdf(z1) * if i == 0 || i == n { 0.5 } else { 1.0 };
                let x = x0 * (s1 * z1).exp();
                let room = 10f64.powf(-a) - 10f64.powf(-x);
                let p = if room <= 0.0 {
                    0.0
                } else {
                    let clamped = if room >= 1.0 {
                        normal_cdf(-m / s2)
                    } else {
                        0.0
                    };
                    let need = if room >= 1.0 { 0.0 } else { -room.log10() };
                    clamped + normal_cdf((m - need.max(0.0)) / s2)
                };
                total += w * p;
                weight += w;
            }
            total / weight
        };
        // The last pair has the halving certain: a closed form instead of the sliver
        // (the brute force needs the cap uncertain).
        for (f1, f2) in [(5.0, 5.0), (2.0, 1.0), (1.5, 0.3), (1.1, 3.0), (1.0, 2.0)] {
            let (s1, s2) = (f64::ln(f1) / z90, f2 / z90);
            let law = ProgressLaw::new(s1, s2);
            assert_eq!(law.mode == Mode::Sliver, f1 > 1.0);
            for (x0, m) in [(0.5, 2.0), (3.0, 3.0), (8.0, 4.0)] {
                for a in [-0.2, 0.3, 1.0, 2.5, 4.0] {
                    let got = law.survival(a, x0, m) + clamped_exactly(&law, a, x0, m);
                    let want = brute(s1, s2, a, x0, m);
                    // The brute force's own step error is ~1/n per unit of density.
                    assert!(
                        (got - want).abs() < 3e-3,
                        "({f1}, {f2}) x0 {x0} m {m} a {a}: {got} vs {want}"
                    );
                }
            }
        }
    }
}
