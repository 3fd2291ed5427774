//! Monte Carlo samples of each anchor's requirement from the component assumptions, on the
//! stream layout described in the parent module (common random numbers across parameters).

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{ComponentAssumptions, Uncertain};
use crate::anchor::{Anchor, PerAnchor};

/// Which quantity a stream feeds; part of the stream id, so never renumber.
#[derive(Clone, Copy)]
enum Slot {
    Brain = 0,
    ModelVsBrain = 1,
    FlopPerParam = 2,
    Horizon = 3,
    GenomeParams = 4,
    LifetimeAdjustment = 5,
    EvolutionIndividuals = 6,
    EvolutionFlopsEach = 7,
    EvolutionAdjustment = 8,
}

/// Adds `coef × quantity` for each of the `out.len()` samples. The quantity's draws come from
/// (seed, anchor, slot) alone, so they do not depend on any parameter.
fn add_quantity(
    out: &mut [f64],
    coef: f64,
    dist: Uncertain,
    seed: u64,
    anchor: Anchor,
    slot: Slot,
) {
    if let Uncertain::Fixed(x) = dist {
        out.iter_mut().for_each(|o| *o += coef * x);
        return;
    }
    let stream = ((anchor.index() as u64) << 8) | ((slot as u64) << 1);
    let mut primary = ChaCha8Rng::seed_from_u64(seed);
    primary.set_stream(stream);
    // Only the skew-normal needs a second normal; it reads its own stream, so switching a
    // quantity's kind never shifts the primary draws.
    let mut secondary = matches!(dist, Uncertain::SkewNormal { .. }).then(|| {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream | 1);
        rng
    });
    for o in out.iter_mut() {
        let u = unit_open(primary.next_u64());
        let v = secondary
            .as_mut()
            .map_or(0.5, |rng| unit_open(rng.next_u64()));
        *o += coef * dist.from_uniforms(u, v);
    }
}

/// `n` samples of log10 2020-FLOP needed to train a transformative model under `anchor`,
/// before the update against the low end (the engine applies that). Deterministic in `seed`;
/// sample `i` moves continuously with the assumptions (common random numbers).
///
/// - NN anchors: FLOP/subj-s × horizon × samples, with FLOP/subj-s = brain + model-vs-brain,
///   params = FLOP/subj-s − FLOP/param, samples = ref_samples + α (params − ref_params).
/// - Genome: the same with params = genome size and the genome's horizon.
/// - Lifetime: brain + lifetime seconds + adjustment.
/// - Evolution: seconds + individuals + FLOP/s each + adjustment.
pub fn sample_log10_flop(
    anchor: Anchor,
    a: &ComponentAssumptions,
    n: usize,
    seed: u64,
) -> Vec<f64> {
    let mut out = vec![0.0; n];
    let alpha = a.scaling_exponent;
    let samples_constant = a.reference_log10_samples - alpha * a.reference_log10_params;
    let mut add = |coef: f64, dist: Uncertain, slot: Slot| {
        add_quantity(&mut out, coef, dist, seed, anchor, slot)
    };
    // Each arm adds the uncertain terms and returns the constant one.
    let constant = match anchor {
        Anchor::NnShort | Anchor::NnMedium | Anchor::NnLong => {
            let horizon = a.horizon(anchor).expect("NN anchors have a horizon");
            // log FLOP = F + H + ref_samples + α (F − fpp − ref_params), F = brain + adjustment.
            add(1.0 + alpha, a.brain_log10_flops, Slot::Brain);
            add(1.0 + alpha, a.model_vs_brain_oom, Slot::ModelVsBrain);
            add(-alpha, a.log10_flop_per_param, Slot::FlopPerParam);
            add(1.0, horizon.as_uncertain(), Slot::Horizon);
            samples_constant
        }
        Anchor::Genome => {
            add(1.0, a.brain_log10_flops, Slot::Brain);
            add(1.0, a.model_vs_brain_oom, Slot::ModelVsBrain);
            add(alpha, a.genome_log10_params, Slot::GenomeParams);
            add(1.0, a.horizon_genome.as_uncertain(), Slot::Horizon);
            samples_constant
        }
        Anchor::Lifetime => {
            add(1.0, a.brain_log10_flops, Slot::Brain);
            add(1.0, a.lifetime_adjustment_oom, Slot::LifetimeAdjustment);
            a.lifetime_log10_seconds
        }
        Anchor::Evolution => {
            add(
                1.0,
                a.evolution_log10_individuals,
                Slot::EvolutionIndividuals,
            );
            add(
                1.0,
                a.evolution_log10_flops_per_individual,
                Slot::EvolutionFlopsEach,
            );
            add(1.0, a.evolution_adjustment_oom, Slot::EvolutionAdjustment);
            a.evolution_log10_seconds
        }
    };
    out.iter_mut().for_each(|o| *o += constant);
    out
}

/// [`sample_log10_flop`] for every anchor.
pub fn sample_all(a: &ComponentAssumptions, n: usize, seed: u64) -> PerAnchor<Vec<f64>> {
    PerAnchor::from_fn(|anchor| sample_log10_flop(anchor, a, n, seed))
}

/// A 64-bit word to a uniform in the open interval (0, 1): the top 52 bits, centred in their
/// cell. (With 53 bits the top cell's centre, 1 − 2^-54, would round to 1.0.)
pub(super) fn unit_open(word: u64) -> f64 {
    ((word >> 12) as f64 + 0.5) * (1.0 / (1u64 << 52) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normal::std_normal_quantile;

    #[test]
    fn unit_open_never_hits_the_ends() {
        assert!(unit_open(0) > 0.0);
        assert!(unit_open(u64::MAX) < 1.0);
        // Smallest uniform we ever produce, 2^-53, reaches AS 241's far-tail branch.
        assert_eq!(unit_open(0), 2f64.powi(-53));
        assert!((std_normal_quantile(unit_open(0)) + 8.209_536_151_601_386).abs() < 1e-9);
    }
}
