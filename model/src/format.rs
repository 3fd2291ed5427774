//! Number formatting shared by the UI and the CLI, so both print identical numbers.

/// A probability as a percentage with one decimal: 0.17694 -> "17.7%".
pub fn percent(p: f64) -> String {
    if !p.is_finite() {
        return "–".to_string();
    }
    let pct = p * 100.0;
    // Tiny negatives from rounding would print as "-0.0%".
    let pct = if pct.abs() < 0.05 { 0.0 } else { pct };
    format!("{pct:.1}%")
}

/// A fractional arrival year as the first whole year whose P(TAI by year) reaches the quantile
/// (`ceil`), or "after <end_year>" when it is not reached: Some(2052.4) -> "2053".
pub fn year(y: Option<f64>, end_year: i32) -> String {
    match y {
        Some(v) if v.is_finite() => format!("{}", v.ceil() as i64),
        _ => format!("after {end_year}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_documented() {
        assert_eq!(percent(0.17694), "17.7%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(-1e-12), "0.0%");
        assert_eq!(year(Some(2052.4), 2100), "2053");
        assert_eq!(year(Some(2040.0), 2100), "2040");
        assert_eq!(year(None, 2100), "after 2100");
    }
}
