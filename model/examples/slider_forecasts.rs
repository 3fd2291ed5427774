//! A trajectory slider dragged through `N` values after one cold forecast, for instruction
//! counts under valgrind (`BENCHMARKS.md`, "Native forecast"): callgrind's counts are stable
//! to 0.1% where criterion's timings on a shared machine move by 30%.
//!
//! `cargo build --profile bench -p bioanchors-model --example slider_forecasts`, then
//! `valgrind --tool=callgrind target/release/examples/slider_forecasts [bench|widest|certain_cap|certain_halving] [N]`.

use bioanchors_model::{link, Engine};

const WIDEST: &str = "uncertainty.algo_halving_factor=5&uncertainty.algo_cap_oom=5&\
    uncertainty.hardware_halving_factor=5&uncertainty.spend_doubling_factor=5";
/// The widest with the cap certain, then the halving certain: progress in closed form.
const WIDEST_CERTAIN_CAP: &str = "uncertainty.algo_halving_factor=5&uncertainty.algo_cap_oom=0&\
    uncertainty.hardware_halving_factor=5&uncertainty.spend_doubling_factor=5";
const WIDEST_CERTAIN_HALVING: &str = "uncertainty.algo_halving_factor=1&\
    uncertainty.algo_cap_oom=5&uncertainty.hardware_halving_factor=5&\
    uncertainty.spend_doubling_factor=5";

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "bench".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(61);
    let query = match which.as_str() {
        // The browser bench's and criterion's scenario: all four trajectory uncertainties on.
        "bench" => include_str!("../tests/data/uncertain.query").trim(),
        // Every trajectory uncertainty at its allowed maximum.
        "widest" => WIDEST,
        "certain_cap" => WIDEST_CERTAIN_CAP,
        "certain_halving" => WIDEST_CERTAIN_HALVING,
        other => {
            panic!("unknown scenario {other:?}: bench, widest, certain_cap or certain_halving")
        }
    };
    let mut scenario = link::read_link(query).scenario;
    let mut engine = Engine::new();
    let mut checksum = engine.forecast(&scenario).p_by_year.iter().sum::<f64>();
    for i in 0..n {
        scenario
            .set("hardware.halving_years", 2.0 + 0.01 * i as f64)
            .unwrap();
        checksum += engine.forecast(&scenario).p_by_year.iter().sum::<f64>();
    }
    println!(
        "{which}: {} forecasts, P(TAI by year) summing to {checksum:.6}",
        n + 1
    );
}
