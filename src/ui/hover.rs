//! What the hover (or tap) overlay says about the point under the pointer: exact values from
//! the forecast, as plain strings (the overlay renders them as text nodes, never as HTML).

use super::format::{sci, sci_log10};
use crate::model::format::percent;
use crate::model::Forecast;
use bioanchors_charts::{trajectories, ChartKind};

/// The data x the overlay snaps to (a whole year on year axes) and the lines to show.
pub fn hover_lines(
    kind: ChartKind,
    f: &Forecast,
    reference: Option<&Forecast>,
    per_anchor: bool,
    x: f64,
) -> Option<(f64, Vec<String>)> {
    match kind {
        ChartKind::Requirements => requirements_lines(f, x),
        _ => {
            let year = x.round() as i32;
            let i = f.years.iter().position(|&y| y == year)?;
            let ref_at = |pick: fn(&Forecast) -> &Vec<f64>| {
                reference.and_then(|r| {
                    let j = r.years.iter().position(|&y| y == year)?;
                    pick(r).get(j).copied()
                })
            };
            let mut lines = vec![year.to_string()];
            match kind {
                ChartKind::Cdf => {
                    lines.push(format!("P(TAI by {year}): {}", percent(f.p_by_year[i])));
                    if let Some(p) = ref_at(|r| &r.p_by_year) {
                        lines.push(format!("preset: {}", percent(p)));
                    }
                    if per_anchor {
                        for (anchor, p) in f.p_by_year_per_anchor.iter() {
                            lines.push(format!("{}: {}", anchor.label(), percent(p[i])));
                        }
                    }
                }
                ChartKind::PerYear => {
                    lines.push(format!("arrives in {year}: {}", percent(f.p_per_year[i])));
                    if let Some(p) = ref_at(|r| &r.p_per_year) {
                        lines.push(format!("preset: {}", percent(p)));
                    }
                }
                _ => {
                    for t in trajectories(f) {
                        let median = t.band.median[i];
                        let gained = median - t.origin;
                        let absolute = match t.label {
                            "FLOP per $" => format!("{} FLOP/$", sci_log10(median)),
                            "Spending on the largest run" => format!("${}", sci_log10(median)),
                            "Effective compute" => format!("{} 2020-FLOP", sci_log10(median)),
                            _ => String::new(),
                        };
                        let sep = if absolute.is_empty() { "" } else { ", " };
                        lines.push(format!("{}: {absolute}{sep}+{gained:.1} OOM", t.label));
                    }
                }
            }
            Some((year as f64, lines))
        }
    }
}

fn requirements_lines(f: &Forecast, x: f64) -> Option<(f64, Vec<String>)> {
    let grid = &f.requirements.log10_flop;
    // The grid is ascending: the nearest point at or after x.
    let i = grid
        .partition_point(|&g| g < x)
        .min(grid.len().checked_sub(1)?);
    let mut lines = vec![format!(
        "{} FLOP: P(requirement \u{2264} this)",
        sci(10f64.powf(grid[i]))
    )];
    for (anchor, cdf) in f.requirements.cdf.iter() {
        lines.push(format!("{}: {}", anchor.label(), percent(cdf[i])));
    }
    Some((grid[i], lines))
}
