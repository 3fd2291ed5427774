//! Named scenarios: the report's best guess and range, the author's 2022 update (fitted), the
//! readers' wider uncertainty, and growth re-estimated from 2020–2025 trends.

use super::anchor::Anchor;
use super::observed;
use super::scenario::{AlgorithmicProgress, AnchorSettings, Scenario};

/// A named scenario.
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub scenario: fn() -> Scenario,
}

/// Every preset; the first is the default ("best-guess").
pub fn presets() -> &'static [Preset] {
    &PRESETS
}

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

static PRESETS: [Preset; 6] = [
    Preset {
        id: "best-guess",
        name: "Cotra 2020 best guess",
        description: "The report's best-guess inputs, with the rule of algorithmic progress \
            fitted to the author's published curve (its endpoints are in no public text). Gives \
            7.7% by 2030, 17.5% by 2036, 25.5% by 2040, 46.0% by 2050 and a median of 2052.6; \
            hers are 7.72%, 17.69%, 25.90%, 45.68% and 2052.9.",
        scenario: Scenario::default,
    },
    Preset {
        id: "conservative",
        name: "Conservative",
        description: "The report's conservative end for compute (inputs from public \
            reimplementations' notes): FLOP/$ halving every 3.5 years up to 1e22, spend $1e8 in 2025 doubling every \
            3 years up to 0.5% of GDP, GDP growth 2%.",
        scenario: conservative,
    },
    Preset {
        id: "aggressive",
        name: "Aggressive",
        description: "The report's aggressive end for compute (inputs from public \
            reimplementations' notes): FLOP/$ halving every 1.5 years up to 1e26, spend $1e10 in \
            2025 doubling every year up to 2% of GDP, GDP growth 5%.",
        scenario: aggressive,
    },
    Preset {
        id: "cotra-2022",
        name: "Cotra 2022 update (fitted)",
        description: "FITTED, not a run of the author's model: in 2022 she gave ~15% by 2030, \
            ~35% by 2036, a median of ~2040 and ~60% by 2050 without re-running it. This preset \
            lowers every requirement by 2.4 OOM, narrows every spread to 0.7× and lets spend \
            double every 1.2 years (fitted by grid search, least squares on those four numbers; \
            refitted on the present rule of algorithmic progress the best grid point, −2.5 OOM, \
            0.74× and 1.3 years, is only 2% better, so the values stay). It gives 16.3% by 2030, \
            35.0% by 2036, 45.0% by 2040 (median 2043) and 64.3% by 2050: within 1.5 pp at 2030 \
            and 2036, 5.0 pp short at 2040 and 4.3 pp over at 2050. No setting of these knobs \
            rises 15 pp from 2036 to 2040 and then only 10 pp to 2050.",
        scenario: cotra_2022,
    },
    Preset {
        id: "wider-uncertainty",
        name: "Wider uncertainty",
        description: "A reader's suggestions in reply to the report: every anchor built from \
            components with a 4 OOM σ on model-vs-brain FLOP/s (the reader's \"probably closer \
            to 3 - 5 OOM standard deviation\"), and algorithmic progress uncertain (halving times \
            ×/÷ 2, caps ± 1.5 OOM, 80% intervals), which the author agreed \"would be pretty \
            wide\". On top, our extension: Gaussian noise of σ 2.5 OOM on every requirement. That \
            is not the author's \"±5 OOM\", which is the spread already inside her anchors' \
            distributions.",
        scenario: wider_uncertainty,
    },
    Preset {
        id: "reestimated-growth",
        name: "Re-estimated growth",
        description: "The best guess with 2020–2025's observed growth: frontier training \
            spend growing 2.4×/year (Cottier et al. 2024, arXiv:2405.21015) from $6.5e8 in 2025, \
            GPU FLOP/$ doubling every 2.07 years (Hobbhahn & Besiroglu 2022, Epoch AI) from \
            7.1e17 (H100 at 40% utilization, $2/hour), so the largest run of 2025 is Grok 3's \
            4.6e26 FLOP (Epoch AI), and algorithmic efficiency doubling every 8 months (Ho et al. \
            2024, arXiv:2403.05812) for every requirement, counted from 2020 like the \
            requirements' 2020 FLOP. Effective compute grows 5.4 OOM over 2020–2025: 3.2 of \
            physical compute (GPT-3's 3.1e23 FLOP to Grok 3's) and 2.3 of algorithms. The best \
            guess's caps would be used up by then (the small one, 2 OOM, already exceeded), so \
            they are kept as room above 2025's algorithms: 4.3 to 7.3 OOM above 2020's. Below \
            10^28.92 (2020 FLOP: Grok 3 with its algorithms) requirements are ruled out, the \
            report's update against the low end redone in 2025. Median 2034.3, 18.3 years \
            before the best guess's 2052.6: the spend and FLOP/$ trends take 5.0 years off, the \
            8-month halving 1.4 more (under the old caps, reached within a few years, it can do \
            little), counting from 2020 nothing, the caps 13.0 more, and the floor puts 1.1 \
            back. 31.0% by 2030, 53.3% by 2036, 70.9% by 2050.",
        scenario: reestimated_growth,
    },
];

fn conservative() -> Scenario {
    conservative_on(Scenario::default())
}

fn conservative_on(mut s: Scenario) -> Scenario {
    s.hardware.halving_years = 3.5;
    s.hardware.max_flop_per_dollar = 1e22;
    s.spending.doubling_years = 3.0;
    s.spending.dollars_2025 = 1e8;
    s.spending.cap_percent_gdp = 0.5;
    s.spending.gdp_growth_percent = 2.0;
    s
}

fn aggressive() -> Scenario {
    aggressive_on(Scenario::default())
}

fn aggressive_on(mut s: Scenario) -> Scenario {
    s.hardware.halving_years = 1.5;
    s.hardware.max_flop_per_dollar = 1e26;
    s.spending.doubling_years = 1.0;
    s.spending.dollars_2025 = 1e10;
    s.spending.cap_percent_gdp = 2.0;
    s.spending.gdp_growth_percent = 5.0;
    s
}

fn cotra_2022() -> Scenario {
    cotra_2022_on(Scenario::default())
}

fn cotra_2022_on(mut s: Scenario) -> Scenario {
    s.requirements.shift_oom = -2.4;
    s.requirements.spread_scale = 0.7;
    s.spending.doubling_years = 1.2;
    s
}

fn wider_uncertainty() -> Scenario {
    wider_uncertainty_on(Scenario::default())
}

fn wider_uncertainty_on(mut s: Scenario) -> Scenario {
    for a in Anchor::ALL {
        s.anchors.get_mut(a).use_components = true;
    }
    s.components.model_vs_brain_oom = s.components.model_vs_brain_oom.with_spread(4.0);
    s.uncertainty.algo_halving_factor = 2.0;
    s.uncertainty.algo_cap_oom = 1.5;
    s.requirements.extra_sigma_oom = 2.5;
    s
}

/// The best guess with 2020–2025's observed growth (`observed`): spend and FLOP/$ from their
/// 2025 levels at their measured rates (their product is the largest run of 2025), algorithmic
/// progress at its measured halving time counted from 2020, caps that leave the best guess's
/// room above the algorithms the forecast starts from, and the low-end floor at the largest
/// run done without TAI. Its effective compute grows 5.4 OOM over 2020–2025: 3.2 of physical
/// compute (GPT-3 to Grok 3) and 2.3 of algorithms, the observed.
fn reestimated_growth() -> Scenario {
    let mut s = Scenario::default();
    s.spending.doubling_years = observed::FRONTIER_SPEND_DOUBLING_YEARS;
    s.spending.dollars_2025 = observed::LARGEST_TRAINING_RUN_SPEND_2025_USD;
    s.hardware.halving_years = observed::GPU_FLOP_PER_DOLLAR_DOUBLING_YEARS;
    s.hardware.flop_per_dollar_2025 = observed::FLOP_PER_DOLLAR_2025;
    let rule = &mut s.algorithmic_progress;
    rule.halving_years_small = observed::ALGORITHMIC_HALVING_YEARS;
    rule.halving_years_large = observed::ALGORITHMIC_HALVING_YEARS;
    rule.start_year = observed::ALGORITHMIC_PROGRESS_FROM_YEAR;
    // The best guess's caps (2 OOM for small requirements, 5 for large) measured from 2020's
    // algorithms would be used up, the small one already exceeded by 2025's 2.3 OOM; kept as
    // room above 2025's algorithms instead. Rounded to the sliders' 0.1 OOM.
    let realized = observed::ALGORITHMIC_PROGRESS_2020_2025_OOM;
    rule.cap_oom_small = round_to(rule.cap_oom_small + realized, 0.1);
    rule.cap_oom_large = round_to(rule.cap_oom_large + realized, 0.1);
    // Requirements (in 2020 FLOP) below the largest run done, with its algorithms' 2.3 OOM,
    // did not give TAI: the report's update against the low end, redone in 2025.
    s.requirements.floor_log10_flop =
        round_to(observed::LARGEST_RUN_2025_LOG10_FLOP + realized, 0.01);
    s
}

/// `x` to the nearest multiple of `step` (divided by 1/step, which is exact for 0.1 and 0.01,
/// so 7.3 comes out as 7.3).
fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() / (1.0 / step)
}

/// The default scenario of version 1 of links, saved scenarios and files: the rule of
/// algorithmic progress of the public reimplementations ([`AlgorithmicProgress::version_1`]),
/// and each anchor's fixed-rate override defaults taken from it.
pub fn version_1_default() -> Scenario {
    let mut s = Scenario {
        algorithmic_progress: AlgorithmicProgress::version_1(),
        ..Scenario::default()
    };
    for a in Anchor::ALL {
        let settings = AnchorSettings::best_guess_with_rule(a, &s.algorithmic_progress);
        let now = s.anchors.get_mut(a);
        now.algo_halving_years = settings.algo_halving_years;
        now.algo_cap_oom = settings.algo_cap_oom;
    }
    s
}

/// The preset `id` as version 1 of links, saved scenarios and files had it, so that what was
/// shared or saved before the rule's endpoints were refitted opens with the numbers it gave.
pub fn preset_version_1(id: &str) -> Option<Scenario> {
    let base = version_1_default();
    Some(match id {
        "best-guess" => base,
        "conservative" => conservative_on(base),
        "aggressive" => aggressive_on(base),
        "cotra-2022" => cotra_2022_on(base),
        "wider-uncertainty" => wider_uncertainty_on(base),
        "reestimated-growth" => reestimated_growth_version_1(base),
        _ => return None,
    })
}

/// Version 1 of "re-estimated growth", its values as they were (the constants of `observed`
/// then): only growth rates and 2025 levels re-estimated, the rule's caps left as they were.
fn reestimated_growth_version_1(mut s: Scenario) -> Scenario {
    s.spending.doubling_years = 0.791_7;
    s.spending.dollars_2025 = 6.5e8;
    s.hardware.halving_years = 2.07;
    s.hardware.flop_per_dollar_2025 = 9.89e14 * 0.40 * 3600.0 / 2.0;
    s.algorithmic_progress.halving_years_small = 8.0 / 12.0;
    s.algorithmic_progress.halving_years_large = 8.0 / 12.0;
    s
}
