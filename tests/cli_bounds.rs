//! Hostile input to the CLI is refused at once: years outside the forecast's (for `solve`,
//! `sensitivity` and `forecast --given`) exit 2 with `bioanchors: <message>` and print nothing
//! else. Each run is bounded in memory and time, so a regression that sized a run by the year
//! asked for (a year of 1e9 is gigabytes) fails here instead of hanging the test run.
#![cfg(unix)]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Address space a run may use (`ulimit -v`, KiB). A forecast, a tornado or a solve needs a few
/// tens of MB; a run sized by a year of 1e9 would need gigabytes and aborts instead.
const MEMORY_LIMIT_KIB: u64 = 512 * 1024;
/// Wall time a run may take. A refusal takes milliseconds; the successful runs here (one solve,
/// a forecast) take seconds in the unoptimized test build on a loaded machine.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Runs the CLI under [`MEMORY_LIMIT_KIB`] and [`TIME_LIMIT`]: (stdout, stderr, exit code, or
/// None when a signal ended it, as an allocation failure does).
fn run_bounded(args: &[&str]) -> (String, String, Option<i32>) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_bioanchors"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("read the pipe");
            String::from_utf8(bytes).expect("UTF-8 output")
        })
    };
    let out = reader(Box::new(child.stdout.take().unwrap()));
    let err = reader(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + TIME_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the CLI") {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!(
                "`bioanchors {}` ran for more than {TIME_LIMIT:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (out.join().unwrap(), err.join().unwrap(), status.code())
}

/// Asserts a refusal: exit code 2, exactly `message` on stderr, nothing on stdout.
fn assert_refused(args: &[&str], message: &str) {
    let (out, err, code) = run_bounded(args);
    assert_eq!(code, Some(2), "`{}`: {err}", args.join(" "));
    assert_eq!(
        err,
        format!("bioanchors: {message}\n"),
        "`{}`",
        args.join(" ")
    );
    assert_eq!(out, "", "`{}`", args.join(" "));
}

const RANGE: &str = "the forecast's years [2025, 2100]";
/// What follows [`RANGE`] for a year that a longer forecast has.
const LONGER: &str = "; a longer forecast (`forecast.end_year`, up to 2200) includes it";

#[test]
fn solve_refuses_a_median_year_outside_the_forecast() {
    let solve = |year: &str| {
        vec![
            "solve".to_string(),
            "--param".to_string(),
            "hardware.halving_years".to_string(),
            format!("--median-year={year}"),
        ]
    };
    for (year, message) in [
        ("1e9", format!("--median-year: 1e9 is outside {RANGE}")),
        (
            "2147483647",
            format!("--median-year: 2147483647 is outside {RANGE}"),
        ),
        ("-5", format!("--median-year: -5 is outside {RANGE}")),
        (
            "2100.5",
            format!("--median-year: 2100.5 is outside {RANGE}{LONGER}"),
        ),
        (
            "NaN",
            format!("--median-year: the year must be a number within {RANGE}"),
        ),
        (
            "inf",
            format!("--median-year: the year must be a number within {RANGE}"),
        ),
    ] {
        let args = solve(year);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_refused(&args, &message);
    }
    // A fractional year inside the forecast is solved, under the same limits.
    let args = solve("2045.5");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, err, code) = run_bounded(&args);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("hardware.halving_years = ") && out.contains("median arrival year 2045.5"),
        "{out}"
    );
}

#[test]
fn solve_refuses_a_p_by_year_outside_the_forecast() {
    for (target, year, hint) in [
        ("2147483647:0.5", "2147483647", ""),
        ("2101:0.5", "2101", LONGER),
        ("2024:0.5", "2024", ""),
    ] {
        assert_refused(
            &[
                "solve",
                "--param",
                "hardware.halving_years",
                "--p-by",
                target,
            ],
            &format!("--p-by: {year} is outside {RANGE}{hint}"),
        );
    }
    // A year the forecast has, with a probability no year has, is refused for the probability.
    assert_refused(
        &[
            "solve",
            "--param",
            "hardware.halving_years",
            "--p-by",
            "2030:1.5",
        ],
        "bad target: the probability must lie in [0, 1], not 1.5",
    );
    // A longer forecast (at most 2200, the registry's largest `forecast.end_year`) allows later
    // years, and says so in the range of its message.
    assert_refused(
        &[
            "solve",
            "--param",
            "hardware.halving_years",
            "--p-by",
            "2201:0.5",
            "--url",
            "?forecast.end_year=2200",
        ],
        "--p-by: 2201 is outside the forecast's years [2025, 2200]",
    );
}

#[test]
fn sensitivity_refuses_a_metric_year_outside_the_forecast() {
    for (year, hint) in [("2147483647", ""), ("2101", LONGER), ("2024", "")] {
        assert_refused(
            &["sensitivity", "--metric", &format!("p{year}")],
            &format!("--metric: {year} is outside {RANGE}{hint}"),
        );
    }
    // Not a metric at all (the year does not fit an i32, or there is none).
    for text in ["p99999999999", "mean", "p"] {
        assert_refused(
            &["sensitivity", "--metric", text],
            &format!("--metric `{text}`: expected `median` or `pYYYY`, e.g. p2036"),
        );
    }
}

#[test]
fn forecast_refuses_a_given_year_outside_the_forecast() {
    for (year, hint) in [("2147483647", ""), ("2101", LONGER), ("2024", "")] {
        assert_refused(
            &["forecast", "--given", year],
            &format!("--given: {year} is outside {RANGE}{hint}"),
        );
    }
    // The last year is one of the forecast's: conditioned on it, nothing is left by 2100.
    let (out, err, code) = run_bounded(&["forecast", "--given", "2100", "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    let last_row = out.lines().last().unwrap();
    assert!(last_row.starts_with("2100,0,"), "{last_row}");
}
