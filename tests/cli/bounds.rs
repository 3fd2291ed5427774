//! Hostile input to the CLI is refused at once: years outside the forecast's (for `solve`,
//! `sensitivity` and `forecast --given`) and `--scenario` files that are no scenario file exit
//! 2 with `bioanchors: <message>` and print nothing else. Each run is bounded in memory and
//! time, so a regression that sized a run by the year asked for (a year of 1e9 is gigabytes)
//! or read `/dev/zero` to the end fails here instead of hanging the test run.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bioanchors::model::export::{scenario_to_json, MAX_JSON_CHARS};
use bioanchors::model::Scenario;

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

/// A temporary file holding `bytes`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("bioanchors-bounds-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

#[test]
fn scenario_files_are_read_within_a_size_limit() {
    let forecast = |path: &str| run_bounded(&["forecast", "--scenario", path, "--format", "csv"]);
    // `/dev/zero` never ends: it is refused after the limit.
    assert_refused(
        &["forecast", "--scenario", "/dev/zero"],
        &format!(
            "/dev/zero is larger than {MAX_JSON_CHARS} bytes, the most a scenario file may have"
        ),
    );
    // A file at the limit is read; one byte more is refused (JSON allows leading whitespace).
    let at_limit = TempFile::new(
        "at-limit.json",
        format!("{}{{}}", " ".repeat(MAX_JSON_CHARS - 2)).as_bytes(),
    );
    let (out, err, code) = forecast(at_limit.path());
    assert_eq!(code, Some(0), "{err}");
    let (plain, _, _) = run_bounded(&["forecast", "--format", "csv"]);
    assert_eq!(out, plain, "`{{}}` is the best guess");
    let over = TempFile::new(
        "over-limit.json",
        format!("{}{{}}", " ".repeat(MAX_JSON_CHARS - 1)).as_bytes(),
    );
    assert_refused(
        &["forecast", "--scenario", over.path()],
        &format!(
            "{} is larger than {MAX_JSON_CHARS} bytes, the most a scenario file may have",
            over.path()
        ),
    );

    let dir = std::env::temp_dir();
    let dir = dir.to_str().unwrap();
    assert_refused(
        &["forecast", "--scenario", dir],
        &format!("cannot read {dir}: it is a directory, not a scenario file"),
    );
    let missing = format!(
        "{dir}/bioanchors-bounds-{}-missing.json",
        std::process::id()
    );
    assert_refused(
        &["forecast", "--scenario", &missing],
        &format!("cannot read {missing}: No such file or directory (os error 2)"),
    );
    // Latin-1 text: the byte after `"` is no UTF-8.
    let latin1 = TempFile::new("latin1.json", b"{\"note\": \"caf\xe9\"}");
    assert_refused(
        &["forecast", "--scenario", latin1.path()],
        &format!(
            "{} is not UTF-8 text (invalid byte at offset 13): not a scenario file",
            latin1.path()
        ),
    );
}

#[test]
fn a_scenario_file_with_a_byte_order_mark_is_read() {
    let mut s = Scenario::default();
    s.set("spend.doubling_years", 1.25).unwrap();
    let json = scenario_to_json(&s, "best-guess");
    let plain = TempFile::new("plain.json", json.as_bytes());
    let with_bom = TempFile::new("bom.json", format!("\u{feff}{json}").as_bytes());
    let (expected, err, code) =
        run_bounded(&["forecast", "--scenario", plain.path(), "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    let (out, err, code) =
        run_bounded(&["forecast", "--scenario", with_bom.path(), "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "", "no note: the mark is not part of the text");
    assert_eq!(out, expected);
    // The file was read, not ignored: its spending differs from the best guess.
    let (best_guess, _, _) = run_bounded(&["forecast", "--format", "csv"]);
    assert_ne!(out, best_guess);
}
