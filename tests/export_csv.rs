//! The forecast CSV the app downloads is byte for byte what `bioanchors forecast --format csv`
//! prints, for presets and for a share link.

use std::process::Command;

use bioanchors::model::export::{forecast_csv, scenario_to_json};
use bioanchors::model::link::scenario_from_query;
use bioanchors::model::{forecast, preset, Anchor};

fn cli_csv(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_bioanchors"))
        .args(["forecast", "--format", "csv"])
        .args(args)
        .output()
        .expect("the CLI runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn csv_matches_the_cli_byte_for_byte() {
    for id in ["best-guess", "aggressive", "cotra-2022"] {
        let ours = forecast_csv(&forecast(&(preset(id).unwrap().scenario)()));
        assert_eq!(ours, cli_csv(&["--preset", id]), "{id}");
    }
    let query = "v=1&preset=conservative&forecast.end_year=2060&hardware.halving_years=2.2";
    let (scenario, _) = scenario_from_query(query);
    assert_eq!(
        forecast_csv(&forecast(&scenario)),
        cli_csv(&["--url", query])
    );
}

#[test]
fn csv_has_a_header_and_one_full_precision_row_per_year() {
    let f = forecast(&(preset("best-guess").unwrap().scenario)());
    let csv = forecast_csv(&f);
    let lines: Vec<&str> = csv.lines().collect();
    let header: Vec<String> = ["year", "p_by_year"]
        .into_iter()
        .map(String::from)
        .chain(Anchor::ALL.iter().map(|a| a.key().to_string()))
        .collect();
    assert_eq!(lines[0], header.join(","));
    assert_eq!(lines.len(), 1 + f.years.len());
    assert_eq!(f.years.first(), Some(&2025));
    let row_2036: Vec<f64> = lines[1 + 11]
        .split(',')
        .map(|x| x.parse().unwrap())
        .collect();
    assert_eq!(row_2036[0], 2036.0);
    assert_eq!(
        row_2036[1].to_bits(),
        f.p_by_year[11].to_bits(),
        "exact value"
    );
    // The published best guess for 2036 is 17.69% (the author's best-guess spreadsheet curve).
    assert!((row_2036[1] - 0.1769).abs() < 0.005, "{}", row_2036[1]);
    let anchors: f64 = row_2036[2..].iter().sum();
    assert!((anchors - row_2036[1]).abs() < 1e-12);
    assert!(csv.ends_with('\n'));
}

#[test]
fn the_cli_reads_a_scenario_file_the_app_exports() {
    let (scenario, _) = scenario_from_query("v=1&preset=aggressive&spend.cap_percent_gdp=0.3");
    let path = std::env::temp_dir().join(format!("bioanchors-export-{}.json", std::process::id()));
    std::fs::write(&path, scenario_to_json(&scenario, "aggressive")).unwrap();
    let csv = cli_csv(&["--scenario", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(csv, forecast_csv(&forecast(&scenario)));
}
