//! The forecast CSV the app downloads is byte for byte what `bioanchors forecast --format csv`
//! prints, for presets and for a share link.

use bioanchors::model::export::{forecast_csv, scenario_to_json};
use bioanchors::model::link::scenario_from_query;
use bioanchors::model::{forecast, preset};

use crate::run;

fn cli_csv(args: &[&str]) -> String {
    let args: Vec<&str> = ["forecast", "--format", "csv"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    let (out, err, code) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn csv_matches_the_cli_byte_for_byte() {
    for id in ["best-guess", "aggressive", "cotra-2022"] {
        let ours = forecast_csv(&forecast(&(preset(id).unwrap().scenario)()));
        assert_eq!(ours, cli_csv(&["--preset", id]), "{id}");
    }
    let query = "v=2&preset=conservative&forecast.end_year=2060&hardware.halving_years=2.2";
    let (scenario, _) = scenario_from_query(query);
    assert_eq!(
        forecast_csv(&forecast(&scenario)),
        cli_csv(&["--url", query])
    );
}

#[test]
fn the_cli_reads_a_scenario_file_the_app_exports() {
    let (scenario, _) = scenario_from_query("v=2&preset=aggressive&spend.cap_percent_gdp=0.3");
    let path = std::env::temp_dir().join(format!("bioanchors-export-{}.json", std::process::id()));
    std::fs::write(&path, scenario_to_json(&scenario, "aggressive")).unwrap();
    let csv = cli_csv(&["--scenario", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(csv, forecast_csv(&forecast(&scenario)));
}
