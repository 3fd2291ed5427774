//! Conditioning on the present: the forecast of someone who knows that TAI has not arrived by
//! some year (say, today). The events "TAI arrives by Y" are nested, so
//! P(TAI by Y | none by YEAR) = (P(Y) − P(YEAR)) / (1 − P(YEAR)) for Y ≥ YEAR, and 0 at YEAR.
//! The "beyond all anchors" mass stays in the denominator: learning that TAI is not here yet
//! makes "never, by this model" more likely too.

use super::anchor::Anchor;
use super::forecast::{crossing_year, Forecast};
use super::scenario::{check_year, YearError};

/// Why a forecast cannot be conditioned on "no TAI by YEAR". `Display` is the message the CLI
/// and the app show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ConditionError {
    /// YEAR is not one of the forecast's years.
    Year(YearError),
    /// The model is certain of TAI by YEAR: nothing is left to condition on.
    Certain(i32),
}

impl std::fmt::Display for ConditionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConditionError::Year(e) => write!(f, "{e}"),
            ConditionError::Certain(year) => write!(
                f,
                "the model is certain of TAI by {year}: nothing to condition on"
            ),
        }
    }
}

impl std::error::Error for ConditionError {}

/// P(TAI by Y | no TAI by `year`) for every year of `forecast` (0 up to and including `year`).
/// Refused when `year` is not one of the forecast's years (2025 ..= its last), or when the
/// model is certain of TAI by `year`.
pub fn condition_on_no_tai_by(forecast: &Forecast, year: i32) -> Result<Vec<f64>, ConditionError> {
    let (p_given, denominator) = given(forecast, year)?;
    Ok(forecast
        .years
        .iter()
        .zip(&forecast.p_by_year)
        .map(|(&y, &p)| {
            if y <= year {
                0.0
            } else {
                ((p - p_given) / denominator).max(0.0)
            }
        })
        .collect())
}

/// P(TAI by `year`) and 1 − that, or why the condition is out of range or impossible.
fn given(forecast: &Forecast, year: i32) -> Result<(f64, f64), ConditionError> {
    let last = *forecast
        .years
        .last()
        .expect("a forecast has at least one year");
    check_year(year as f64, last).map_err(ConditionError::Year)?;
    let first = forecast.years[0];
    // Every forecast starts in 2025; a hand-made one that starts later has P = 0 before.
    let p_given = if year < first {
        0.0
    } else {
        forecast.p_by_year[(year - first) as usize]
    };
    let denominator = 1.0 - p_given;
    // Below this the model is certain TAI has arrived; dividing would only amplify rounding.
    if denominator > 1e-12 {
        Ok((p_given, denominator))
    } else {
        Err(ConditionError::Certain(year))
    }
}

/// The whole forecast conditioned on no TAI by `year`: P(TAI by year) overall and per anchor,
/// P per year, arrival quantiles and milestones. The trajectories and requirement
/// distributions are the model's inputs, not outcomes, so they are kept as they are. Refused
/// in the cases [`condition_on_no_tai_by`] refuses.
pub fn condition_forecast(forecast: &Forecast, year: i32) -> Result<Forecast, ConditionError> {
    let (_, denominator) = given(forecast, year)?;
    let p_by_year = condition_on_no_tai_by(forecast, year)?;
    let first = forecast.years[0];
    let at_given = |values: &[f64]| -> f64 {
        if year < first {
            0.0
        } else {
            values[(year - first) as usize]
        }
    };
    let mut out = forecast.clone();
    // Each anchor's share of the arrivals after `year`: the shares still sum to the total,
    // because arrivals by different anchors are disjoint events.
    for a in Anchor::ALL {
        let values = forecast.p_by_year_per_anchor.get(a);
        let before = at_given(values);
        *out.p_by_year_per_anchor.get_mut(a) = forecast
            .years
            .iter()
            .zip(values)
            .map(|(&y, &p)| {
                if y <= year {
                    0.0
                } else {
                    ((p - before) / denominator).max(0.0)
                }
            })
            .collect();
    }
    out.p_per_year = p_by_year
        .iter()
        .enumerate()
        .map(|(i, &p)| if i == 0 { p } else { p - p_by_year[i - 1] })
        .collect();
    out.quantile_years = forecast
        .quantile_years
        .iter()
        .map(|&(q, _)| (q, crossing_year(&forecast.years, &p_by_year, q)))
        .collect();
    out.milestones = forecast
        .milestones
        .iter()
        .map(|&(y, _)| (y, p_by_year[(y - first) as usize]))
        .collect();
    out.p_by_year = p_by_year;
    Ok(out)
}
