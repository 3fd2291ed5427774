//! The component assumptions people argue about, as entries of the parameter registry: key,
//! range, help and source of each ([`ComponentParam`]). `crate::params` turns them into `ParamSpec`s.

use crate::anchor::Anchor;

/// One adjustable component assumption. The registry (`crate::params`) maps these into `ParamSpec`s
/// (group Components); values are in the units shown (log10 units are plain numbers here).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ComponentParam {
    /// Key for [`get`](super::ComponentAssumptions::get) and
    /// [`set`](super::ComponentAssumptions::set), e.g. "brain_flops.median".
    pub key: &'static str,
    /// Some if the parameter affects one anchor only.
    pub anchor: Option<Anchor>,
    pub label: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    /// Values are already log10, so sliders move linearly: false for every current parameter.
    pub log_scale: bool,
    pub help: &'static str,
    pub source: &'static str,
    /// Low/high ends for sensitivity analysis; their source is in `source`.
    pub plausible: (f64, f64),
}

macro_rules! horizon_params {
    ($anchor:expr, $name:literal, $lo:literal, $hi:literal, $source:literal) => {
        [
            ComponentParam {
                key: concat!("horizon.", $name, ".lo"),
                anchor: Some($anchor),
                label: "Horizon, shortest",
                unit: "log10 subjective s",
                min: 0.0,
                max: 10.0,
                log_scale: false,
                help: "Shortest effective horizon: subjective seconds of experience the model \
                       needs per training sample to tell how well it did. Sampled log-uniform \
                       between the two ends.",
                source: $source,
                // Not below 1 subjective second, the shortest horizon the report considers.
                plausible: (if $lo >= 1.0 { $lo - 1.0 } else { 0.0 }, $lo + 1.0),
            },
            ComponentParam {
                key: concat!("horizon.", $name, ".hi"),
                anchor: Some($anchor),
                label: "Horizon, longest",
                unit: "log10 subjective s",
                min: 0.0,
                max: 10.0,
                log_scale: false,
                help: "Longest effective horizon, in subjective seconds per training sample \
                       (one subjective second ≈ 3–4 words of text).",
                source: $source,
                plausible: ($hi - 1.0, $hi + 1.0),
            },
        ]
    };
}

static COMPONENT_PARAMS: [ComponentParam; 19] = {
    let h_short = horizon_params!(
        Anchor::NnShort,
        "nn_short",
        0.0,
        3.0,
        "Cotra 2020: short horizon 1–1e3 subjective s. Plausible: ±1 OOM around each end, not below 1 s (our choice)."
    );
    let h_medium = horizon_params!(
        Anchor::NnMedium,
        "nn_medium",
        3.0,
        6.0,
        "Cotra 2020: medium horizon 1e3–1e6 subjective s. Plausible: ±1 OOM around each end (our choice)."
    );
    let h_long = horizon_params!(
        Anchor::NnLong,
        "nn_long",
        6.0,
        9.0,
        "Cotra 2020: long horizon 1e6–1e9 subjective s. Plausible: ±1 OOM around each end (our choice)."
    );
    let h_genome = horizon_params!(
        Anchor::Genome,
        "genome",
        7.0,
        9.0,
        "Cotra 2020 via the Squiggle port (github.com/jqhoogland/ai-timelines): genome horizon 1e7–1e9 subjective s. Plausible: ±1 OOM (our choice)."
    );
    [
        ComponentParam {
            key: "brain_flops.median",
            anchor: None,
            label: "Brain FLOP/s (median)",
            unit: "log10 FLOP/s",
            min: 10.0,
            max: 20.0,
            log_scale: false,
            help: "Computation the human brain performs per second. Sets the size of a \
                   brain-like model (NN and genome anchors) and the lifetime anchor.",
            source: "Carlsmith 2020, 'How Much Computational Power Does It Take to Match the \
                     Human Brain?': 1e15 central, 1e13–1e17 more likely than not (used by Cotra 2020).",
            plausible: (13.0, 17.0),
        },
        ComponentParam {
            key: "brain_flops.sd",
            anchor: None,
            label: "Brain FLOP/s uncertainty (σ)",
            unit: "OOM",
            min: 0.0,
            max: 4.0,
            log_scale: false,
            help: "Standard deviation of log10 brain FLOP/s.",
            source: "Carlsmith 2020's 1e13–1e17 read as a 10–90% range: σ ≈ 1.5 OOM. \
                     Plausible: 1 (a tighter reading) to 2.5 (the Squiggle port's 1e11–1e19.5). Port: github.com/jqhoogland/ai-timelines.",
            plausible: (1.0, 2.5),
        },
        ComponentParam {
            key: "model_vs_brain.median",
            anchor: None,
            label: "Model vs brain FLOP/s (median)",
            unit: "OOM",
            min: -5.0,
            max: 7.0,
            log_scale: false,
            help: "How many more FLOP per subjective second a transformative model needs than a \
                   brain (positive: less efficient than the brain).",
            source: "Cotra 2020: about +1 OOM. Plausible: −1 to +3, the Squiggle port's ±2 OOM \
                     90% interval around it. Port: github.com/jqhoogland/ai-timelines.",
            plausible: (-1.0, 3.0),
        },
        ComponentParam {
            key: "model_vs_brain.sd",
            anchor: None,
            label: "Model vs brain uncertainty (σ)",
            unit: "OOM",
            min: 0.0,
            max: 5.0,
            log_scale: false,
            help: "Standard deviation of the model-vs-brain adjustment. Widens the NN and genome \
                   anchors (each OOM here is ≈1.8 OOM of NN training compute).",
            source: "Default 2 OOM fits the tabulated NN anchors' width. Plausible: 1.2 (the \
                     Squiggle port's ±2 OOM 90% interval) to 5 (a reader of the report: \
                     \"probably closer to 3 - 5 OOM standard deviation\"; the author answered \
                     that she \"was roughly aiming for +- 5 OOM uncertainty in training FLOP \
                     requirements on top of the anchor distribution\"). Port: github.com/jqhoogland/ai-timelines.",
            plausible: (1.2, 5.0),
        },
        ComponentParam {
            key: "scaling_exponent",
            anchor: None,
            label: "Samples scaling exponent α",
            unit: "",
            min: 0.3,
            max: 2.0,
            log_scale: false,
            help: "Training samples needed grow as parameters^α (anchored at 10^11.2 \
                   parameters ↔ 10^12 samples).",
            source: "Cotra 2020: α ≈ 0.8 (references 0.37–1.75). Plausible: 0.5–1.1, the \
                     Squiggle port's interval. Port: github.com/jqhoogland/ai-timelines.",
            plausible: (0.5, 1.1),
        },
        ComponentParam {
            key: "flop_per_param.median",
            anchor: None,
            label: "FLOP per parameter per subjective second",
            unit: "log10 FLOP",
            min: 0.0,
            max: 3.0,
            log_scale: false,
            help: "Converts the model's FLOP per subjective second into a parameter count.",
            source: "The Squiggle port of the report by Wildeford and Hoogland \
                     (github.com/jqhoogland/ai-timelines): 10^1–10^2, median 10^1.5. \
                     Plausible: its ends.",
            plausible: (1.0, 2.0),
        },
        h_short[0],
        h_short[1],
        h_medium[0],
        h_medium[1],
        h_long[0],
        h_long[1],
        ComponentParam {
            key: "genome.params",
            anchor: Some(Anchor::Genome),
            label: "Genome anchor parameters",
            unit: "log10 params",
            min: 7.0,
            max: 11.0,
            log_scale: false,
            help: "Parameters of a model as compact as the genome's description of the brain.",
            source: "Cotra 2020: ≈7.5e8 bytes of information in the human genome. Plausible: \
                     8.3–9.44, the Squiggle port's interval. Port: github.com/jqhoogland/ai-timelines.",
            plausible: (8.3, 9.44),
        },
        h_genome[0],
        h_genome[1],
        ComponentParam {
            key: "lifetime.seconds",
            anchor: Some(Anchor::Lifetime),
            label: "Lifetime to adulthood",
            unit: "log10 s",
            min: 8.0,
            max: 10.0,
            log_scale: false,
            help: "Seconds of experience from birth to adulthood, times brain FLOP/s.",
            source: "Cotra 2020: ≈1e9 s (≈32 years). Plausible: 1e8.5–1e9.5 s (10–100 years).",
            plausible: (8.5, 9.5),
        },
        ComponentParam {
            key: "lifetime.adjustment.median",
            anchor: Some(Anchor::Lifetime),
            label: "Lifetime upward adjustment (median)",
            unit: "OOM",
            min: 0.0,
            max: 12.0,
            log_scale: false,
            help: "How much more compute than a childhood a model needs (it learns less \
                   efficiently than a child). Skew-normal, long upper tail.",
            source: "Ports: skew-normal, scale 5, shape 3; we lower its location from 3 to 1.5 to \
                     match the tabulated lifetime median 28.8 (median adjustment ≈4.9). \
                     Plausible: 3.4–6.5 (6.5 = the ports' loc-3 median).",
            plausible: (3.4, 6.5),
        },
        ComponentParam {
            key: "evolution.total.median",
            anchor: Some(Anchor::Evolution),
            label: "Evolution compute (median)",
            unit: "log10 FLOP",
            min: 34.0,
            max: 48.0,
            log_scale: false,
            help: "All neural computation since the first neurons: seconds × individuals × FLOP/s \
                   each. Setting it moves the adjustment term.",
            source: "Cotra 2020: ≈1e41 FLOP (1e16 s × 1e20–1e21 individuals × 1e4–1e5 FLOP/s). \
                     Plausible: 40–42, those ranges' ends combined.",
            plausible: (40.0, 42.0),
        },
        ComponentParam {
            key: "evolution.adjustment.sd",
            anchor: Some(Anchor::Evolution),
            label: "Evolution uncertainty (σ)",
            unit: "OOM",
            min: 0.0,
            max: 6.0,
            log_scale: false,
            help: "Standard deviation of the evolution anchor's adjustment (a search could be \
                   more or less efficient than evolution was).",
            source: "Squiggle port: −6..+5 and −2..+2 OOM terms, σ ≈ 3.56 together. \
                     Plausible: 2 to 5 (our choice). Port: github.com/jqhoogland/ai-timelines.",
            plausible: (2.0, 5.0),
        },
    ]
};

/// The component assumptions exposed as parameters, in display order.
pub fn component_params() -> &'static [ComponentParam] {
    &COMPONENT_PARAMS
}

/// The parameter with this key.
pub fn component_param(key: &str) -> Option<&'static ComponentParam> {
    COMPONENT_PARAMS.iter().find(|p| p.key == key)
}
