//! `bioanchors sensitivity`, `solve` and `forecast --given` print what the model says.

use bioanchors::model::condition::condition_on_no_tai_by;
use bioanchors::model::{format, Engine, Scenario};

use crate::run;

fn p_by(f: &bioanchors::model::Forecast, year: i32) -> f64 {
    f.p_by_year[f.years.iter().position(|&y| y == year).unwrap()]
}

#[test]
fn cli_sensitivity_solve_and_conditioned_forecast() {
    let best = Engine::new().forecast(&Scenario::default());
    let (out, err, code) = run(&["sensitivity", "--metric", "p2036"]);
    assert_eq!(code, 0, "{err}");
    let header = format!("P(TAI by 2036): {} ", format::percent(p_by(&best, 2036)));
    assert!(out.starts_with(&header), "{out}");
    // The first row is the widest bar: the global requirements shift.
    let first_row = out.lines().nth(2).unwrap();
    assert!(first_row.starts_with("requirements.shift_oom"), "{out}");

    let (out, err, code) = run(&[
        "solve",
        "--param",
        "hardware.halving_years",
        "--median-year",
        "2045",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("hardware.halving_years = ") && out.contains("median arrival year 2045.0"),
        "{out}"
    );

    let (out, _, code) = run(&[
        "solve",
        "--param",
        "hardware.flop_per_dollar_2025",
        "--p-by",
        "2030:0.95",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Out of reach: "), "{out}");
    assert!(out.contains("high end"), "{out}");

    let (_, err, code) = run(&["solve", "--param", "hardware.halving_years"]);
    assert_eq!(code, 2, "a target is required: {err}");

    let (out, err, code) = run(&["forecast", "--given-no-tai-by", "2025"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Conditioned: given no TAI by 2025"),
        "{out}"
    );
    let given = condition_on_no_tai_by(&best, 2025).unwrap();
    let milestone = format!("2036 {}", format::percent(given[11]));
    assert!(out.contains(&milestone), "{milestone} in {out}");
    let (out, err, code) = run(&["forecast", "--given-no-tai-by", "2200"]);
    assert_eq!(code, 2, "a year outside the forecast is bad input");
    assert_eq!(
        err,
        "bioanchors: --given: 2200 is outside the forecast's years [2025, 2100]; a longer \
         forecast (`forecast.end_year`, up to 2200) includes it\n"
    );
    assert_eq!(out, "", "refused before the forecast is printed");
}
