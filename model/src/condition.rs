//! Conditioning on the present: the forecast of someone who knows that TAI has not arrived by
//! some year (say, today). The events "TAI arrives by Y" are nested, so
//! P(TAI by Y | none by YEAR) = (P(Y) − P(YEAR)) / (1 − P(YEAR)) for Y ≥ YEAR, and 0 at YEAR.
//! The "beyond all anchors" mass stays in the denominator: learning that TAI is not here yet
//! makes "never, by this model" more likely too.

use super::anchor::Anchor;
use super::forecast::{crossing_year, Forecast};

/// P(TAI by Y | no TAI by `year`) for every year of `forecast` (0 up to and including `year`).
/// A `year` before the forecast's first year conditions on nothing: the curve is unchanged.
/// None when `year` is after the forecast's last year, or when the model is certain of TAI by
/// `year` (nothing is left to condition on).
pub fn condition_on_no_tai_by(forecast: &Forecast, year: i32) -> Option<Vec<f64>> {
    let (p_given, denominator) = given(forecast, year)?;
    Some(
        forecast
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
            .collect(),
    )
}

/// P(TAI by `year`) and 1 − that, or None if the condition is impossible or out of range.
fn given(forecast: &Forecast, year: i32) -> Option<(f64, f64)> {
    let first = *forecast.years.first()?;
    if year > *forecast.years.last()? {
        return None;
    }
    let p_given = if year < first {
        0.0
    } else {
        forecast.p_by_year[(year - first) as usize]
    };
    let denominator = 1.0 - p_given;
    // Below this the model is certain TAI has arrived; dividing would only amplify rounding.
    (denominator > 1e-12).then_some((p_given, denominator))
}

/// The whole forecast conditioned on no TAI by `year`: P(TAI by year) overall and per anchor,
/// P per year, arrival quantiles and milestones. The trajectories and requirement
/// distributions are the model's inputs, not outcomes, so they are kept as they are. None in
/// the cases [`condition_on_no_tai_by`] returns None.
pub fn condition_forecast(forecast: &Forecast, year: i32) -> Option<Forecast> {
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
    Some(out)
}
