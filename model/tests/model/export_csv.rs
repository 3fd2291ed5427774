//! The forecast CSV: a header, one full-precision row per year, the published 2036 value.

use bioanchors_model::export::forecast_csv;
use bioanchors_model::{forecast, preset, Anchor};

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
