//! The built `bioanchors` binary prints the library's numbers, bit for bit.

use bioanchors::model::{forecast, link, preset, Anchor, Scenario};

use crate::run;

/// Parses the CSV output into rows of numbers (Rust's parser is exact for its own output).
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(String::from).collect();
    let rows = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    (header, rows)
}

/// The CSV's header and every number against the library's forecast of `scenario`.
fn assert_same_as_library(csv: &str, scenario: &Scenario) {
    let f = forecast(scenario);
    let (header, _) = parse_csv(csv);
    let mut expected_header = vec!["year".to_string(), "p_by_year".to_string()];
    expected_header.extend(Anchor::ALL.iter().map(|a| a.key().to_string()));
    assert_eq!(header, expected_header);
    assert_csv_is(csv, &f);
}

#[test]
fn csv_matches_the_library_bit_for_bit_and_runs_are_identical() {
    let (first, _, code) = run(&["forecast", "--format", "csv"]);
    assert_eq!(code, 0);
    let (second, _, _) = run(&["forecast", "--format", "csv"]);
    assert_eq!(first, second);
    assert_same_as_library(&first, &Scenario::default());
    // 2030 row: the published 7.72% within half a point.
    let (_, rows) = parse_csv(&first);
    assert!((rows[5][1] - 0.0772).abs() < 0.005);
}

#[test]
fn presets_files_and_links_select_the_same_scenarios() {
    let (csv, _, code) = run(&["forecast", "--preset", "aggressive", "--format", "csv"]);
    assert_eq!(code, 0);
    let aggressive = (preset("aggressive").unwrap().scenario)();
    assert_same_as_library(&csv, &aggressive);

    let mut s = Scenario::default();
    s.set("spend.doubling_years", 1.25).unwrap();
    s.set("anchor.lifetime.weight", 12.0).unwrap();
    let url = format!(
        "https://x.test/?{}",
        link::query_from_scenario(&s, "best-guess")
    );
    let (csv, _, code) = run(&["forecast", "--url", &url, "--format", "csv"]);
    assert_eq!(code, 0);
    assert_same_as_library(&csv, &s);

    let path = std::env::temp_dir().join(format!("bioanchors-cli-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&s).unwrap()).unwrap();
    let (csv, _, code) = run(&[
        "forecast",
        "--scenario",
        path.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 0);
    assert_same_as_library(&csv, &s);
}

#[test]
fn table_and_json_and_presets_list() {
    let (table, _, code) = run(&["forecast"]);
    assert_eq!(code, 0);
    // The table shows the library's numbers through the shared formatter.
    let f = forecast(&Scenario::default());
    for (year, p) in &f.milestones {
        let cell = format!("{year} {}", bioanchors::model::format::percent(*p));
        assert!(table.contains(&cell), "no `{cell}` in {table}");
    }
    assert!(table.contains("2030 7.7%"), "{table}");
    let (json, _, code) = run(&["forecast", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["years"][0], 2025);
    assert_eq!(v["p_by_year"].as_array().unwrap().len(), 76);
    let (list, _, code) = run(&["presets"]);
    assert_eq!(code, 0);
    for p in bioanchors::model::presets() {
        assert!(list.contains(p.id));
    }
}

#[test]
fn bad_input_fails_cleanly() {
    let (_, err, code) = run(&["forecast", "--preset", "nope"]);
    assert_eq!(code, 2, "a bad value on the command line, like clap's own");
    assert!(err.contains("unknown preset"));
    let (_, _, code) = run(&["forecast", "--preset", "aggressive", "--url", "v=2"]);
    assert_eq!(code, 2, "two inputs at once is a usage error");
    let (_, err, code) = run(&["forecast", "--url", "?bogus=1"]);
    assert_eq!(code, 0);
    assert!(err.contains("bogus"));
}

/// Every year and number of a CSV against a forecast, bit for bit.
fn assert_csv_is(csv: &str, f: &bioanchors::model::Forecast) {
    let (_, rows) = parse_csv(csv);
    assert_eq!(rows.len(), f.years.len());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row[0], f.years[i] as f64);
        assert_eq!(
            row[1].to_bits(),
            f.p_by_year[i].to_bits(),
            "year {}",
            f.years[i]
        );
        for (j, a) in Anchor::ALL.iter().enumerate() {
            assert_eq!(
                row[2 + j].to_bits(),
                f.p_by_year_per_anchor.get(*a)[i].to_bits()
            );
        }
    }
}

#[test]
fn a_link_with_given_prints_the_conditioned_forecast() {
    use bioanchors::model::condition::condition_forecast;
    let mut s = Scenario::default();
    s.set("hardware.halving_years", 1.7).unwrap();
    let plain = forecast(&s);
    let conditioned = condition_forecast(&plain, 2030).unwrap();
    let link = format!(
        "https://x.test/?{}",
        link::share_query(&s, "best-guess", Some(2030))
    );
    assert!(link.ends_with("&given=2030"), "{link}");

    let (csv, err, code) = run(&["forecast", "--url", &link, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "a good link has nothing to note: {err}");
    assert_csv_is(&csv, &conditioned);

    let (json, _, code) = run(&["forecast", "--url", &link, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let p: Vec<f64> = serde_json::from_value(v["p_by_year"].clone()).unwrap();
    assert_eq!(p, conditioned.p_by_year);
    let q: Vec<(f64, Option<f64>)> = serde_json::from_value(v["quantile_years"].clone()).unwrap();
    assert_eq!(q, conditioned.quantile_years);

    let (table, _, code) = run(&["forecast", "--url", &link]);
    assert_eq!(code, 0);
    assert!(
        table.starts_with("Conditioned: given no TAI by 2030"),
        "{table}"
    );
    for (year, p) in &conditioned.milestones {
        let cell = format!("{year} {}", bioanchors::model::format::percent(*p));
        assert!(table.contains(&cell), "no `{cell}` in {table}");
    }

    // The flag does the same for any source, and wins over the link.
    let (csv, _, code) = run(&[
        "forecast", "--url", &link, "--given", "2040", "--format", "csv",
    ]);
    assert_eq!(code, 0);
    assert_csv_is(&csv, &condition_forecast(&plain, 2040).unwrap());
    let (csv, _, code) = run(&[
        "forecast",
        "--preset",
        "aggressive",
        "--given",
        "2027",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    let aggressive = forecast(&(preset("aggressive").unwrap().scenario)());
    assert_csv_is(&csv, &condition_forecast(&aggressive, 2027).unwrap());
    // The old spelling of the flag still works.
    let (csv2, _, code) = run(&[
        "forecast",
        "--preset",
        "aggressive",
        "--given-no-tai-by",
        "2027",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert_eq!(csv, csv2);
}

#[test]
fn a_bad_given_in_a_link_is_noted_and_the_forecast_is_plain() {
    let (plain, _, _) = run(&["forecast", "--format", "csv"]);
    for value in ["abc", "1900", "2500", "2030.5"] {
        let link = format!("?v=2&preset=best-guess&given={value}");
        let (csv, err, code) = run(&["forecast", "--url", &link, "--format", "csv"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(csv, plain, "given={value} does not condition");
        assert!(
            err.starts_with(&format!("bioanchors: note: `given={value}` is "))
                && err.contains("ignored"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        let (table, _, _) = run(&["forecast", "--url", &link]);
        assert!(table.starts_with("P(TAI by year):"), "{table}");
    }
    // Other commands read no `given`, and say so.
    let (_, err, code) = run(&[
        "solve",
        "--param",
        "hardware.halving_years",
        "--median-year",
        "2050",
        "--url",
        "?given=2030",
    ]);
    assert_eq!(code, 0);
    assert!(err.contains("applies to `forecast` only"), "{err}");
}
