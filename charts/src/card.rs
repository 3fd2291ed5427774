//! The card: one picture that stands alone where no script runs (an email, a Substack post, a
//! link preview): the scenario's name, its headline figures, the P(TAI by year) chart and the
//! app's address, drawn over any backend. At [`CARD_CSS_WIDTH`] × [`CARD_CSS_HEIGHT`] CSS
//! pixels and 2 device pixels per CSS pixel it is 1,200 × 630, the link-preview image size
//! Facebook recommends, 1.91:1 (<https://developers.facebook.com/docs/sharing/webmasters/images>).
//!
//! Every text width is estimated here, never measured through the backend (on a canvas,
//! plotters measures with an inline-styled `<span>`, which the page's CSP refuses), and
//! [`card_alt_text`] says the same figures in words, so the picture and its alt text agree.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::probability::{draw_cdf, draw_condition_note};
use crate::{Geometry, Style};
use bioanchors_model::format::{milestone_text, quantile_text};
use bioanchors_model::Forecast;

/// The card's CSS width: the width of an email's body column (600 px is the common one).
pub const CARD_CSS_WIDTH: f64 = 600.0;
/// The card's CSS height: 1.91:1 with the width, the link-preview aspect (1,200 × 630 at 2×).
pub const CARD_CSS_HEIGHT: f64 = 315.0;
/// The least CSS height that leaves the chart room to be read.
pub const CARD_MIN_CSS_HEIGHT: f64 = 260.0;

/// Who made the model, in the card's footer and its alt text.
pub const MODEL_CREDIT: &str = "Cotra (2020) biological anchors";

/// What the card shows.
#[derive(Clone, Copy)]
pub struct CardInputs<'a> {
    /// The forecast, already conditioned when `given` is set.
    pub forecast: &'a Forecast,
    /// The scenario's name: a preset's name, or a title the writer gave it.
    pub title: &'a str,
    /// The app's address as printed in the footer ([`address_text`] of the page's URL); `None`
    /// prints the app's name alone.
    pub address: Option<&'a str>,
    /// "Given no TAI by YEAR", when the forecast is conditioned on it.
    pub given: Option<i32>,
}

/// One headline figure: what it is and its text, as the app's summary and the CLI print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardFigure {
    pub label: &'static str,
    pub value: String,
}

/// The card's figures, in reading order: the median year, the 10% and 90% years, P(TAI) by
/// 2030 and by 2050 (texts from `model::format`, as the summary and `bioanchors forecast`).
pub fn card_figures(f: &Forecast) -> [CardFigure; 5] {
    let figure = |label, value| CardFigure { label, value };
    [
        figure("Median year", quantile_text(f, 0.5)),
        figure("10% chance by", quantile_text(f, 0.1)),
        figure("90% chance by", quantile_text(f, 0.9)),
        figure("P(TAI by 2030)", milestone_text(f, 2030)),
        figure("P(TAI by 2050)", milestone_text(f, 2050)),
    ]
}

/// "by 2031", or "after 2100" for a quantile the forecast does not reach.
fn by_year(text: &str) -> String {
    if text.starts_with("after") {
        text.to_string()
    } else {
        format!("by {text}")
    }
}

/// The headline figures as one sentence: "10% chance of transformative AI by 2031, 50% by 2053
/// (the median), 90% after 2100; 7.7% by 2030, 45.7% by 2050." For page descriptions.
pub fn headline_text(f: &Forecast) -> String {
    let [median, q10, q90, p2030, p2050] = card_figures(f).map(|c| c.value);
    let mut by = vec![format!("{p2030} by 2030"), format!("{p2050} by 2050")];
    // A forecast that ends before a milestone has no figure for it ("–"): leave it out.
    by.retain(|t| !t.starts_with('\u{2013}'));
    let mut text = format!(
        "10% chance of transformative AI {}, 50% {} (the median), 90% {}",
        by_year(&q10),
        by_year(&median),
        by_year(&q90)
    );
    if !by.is_empty() {
        text.push_str("; ");
        text.push_str(&by.join(", "));
    }
    text.push('.');
    text
}

/// The card's alt text: what it shows and every figure on it, in words, so a reader who cannot
/// see the picture gets all of it. The app's "Image for email" and `bioanchors chart --chart
/// card` give the same text for the same inputs.
pub fn card_alt_text(inputs: &CardInputs) -> String {
    let condition = inputs
        .given
        .map(|y| format!(", given no transformative AI by {y}"))
        .unwrap_or_default();
    let address = inputs
        .address
        .map(|a| format!(" Explore it at {a}."))
        .unwrap_or_default();
    format!(
        "{}: a chart of the probability of transformative AI by each year{condition}, from Ajeya \
         Cotra's 2020 biological-anchors model. {}{address}",
        inputs.title.trim(),
        headline_text(inputs.forecast)
    )
}

/// A URL as the card prints it: without the scheme, the query and the fragment
/// ("example.org/bioanchors/"), since a share link's query is too long to read off a picture.
pub fn address_text(url: &str) -> String {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    rest[..end].to_string()
}

/// A generous estimate of a text's width in CSS pixels at `css_size`: 0.62 em a character
/// (0.68 bold), wider than the average of common sans-serif faces (Noto Sans, DejaVu Sans,
/// Arial, Helvetica), so what is laid out by it never overlaps.
pub fn estimate_text_width(text: &str, css_size: f64, bold: bool) -> f64 {
    let em = if bold { 0.68 } else { 0.62 };
    text.chars().count() as f64 * css_size * em
}

/// `text` cut with an ellipsis to fit `css_width` by [`estimate_text_width`].
pub fn fit_text(text: &str, css_size: f64, bold: bool, css_width: f64) -> String {
    let text = text.trim();
    if estimate_text_width(text, css_size, bold) <= css_width {
        return text.to_string();
    }
    let per_char = estimate_text_width("m", css_size, bold);
    let keep = ((css_width / per_char).floor() as usize).saturating_sub(1);
    text.chars()
        .take(keep)
        .collect::<String>()
        .trim_end()
        .to_string()
        + "\u{2026}"
}

/// CSS geometry of the card, for a card `css_height` tall (the chart takes what the header and
/// footer leave).
const PAD: f64 = 20.0;
const TITLE_SIZE: f64 = 20.0;
const SUBTITLE_SIZE: f64 = 12.5;
const BODY_TOP: f64 = 72.0;
const FOOTER_HEIGHT: f64 = 34.0;
const FIGURES_WIDTH: f64 = 224.0;
const MEDIAN_SIZE: f64 = 36.0;
const LABEL_SIZE: f64 = 12.5;
const VALUE_SIZE: f64 = 15.0;
const ROW: f64 = 27.0;
const FOOTER_SIZE: f64 = 12.0;

/// Draws the card on the whole of `area` (its CSS size is `area`'s pixels over `style.dpr`;
/// [`CARD_CSS_WIDTH`] × [`CARD_CSS_HEIGHT`] is the size it is laid out for). Returns where the
/// chart's plot area is, in backing pixels, like [`crate::draw`].
pub fn draw_card<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    inputs: &CardInputs,
) -> Result<Geometry, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let p = style.palette;
    let (w_px, h_px) = area.dim_in_pixel();
    let css_w = w_px as f64 / style.dpr;
    let css_h = (h_px as f64 / style.dpr).max(CARD_MIN_CSS_HEIGHT);
    let px = |css: f64| style.px(css);
    let text_at = |text: String, x: f64, y: f64, font: TextStyle, h: HPos| {
        put_text(area, style, text, (x, y), font, h)
    };

    area.fill(&p.background).map_err(err)?;
    // A hairline frame: in an inbox the card sits on the same white as the mail around it.
    area.draw(&Rectangle::new(
        [(0, 0), (w_px as i32 - 1, h_px as i32 - 1)],
        style.line(p.grid, 1.0),
    ))
    .map_err(err)?;

    // Header: the scenario's name, then what the picture is.
    let inner = css_w - 2.0 * PAD;
    text_at(
        fit_text(inputs.title, TITLE_SIZE, true, inner),
        PAD,
        PAD - 4.0,
        style.bold_font(TITLE_SIZE),
        HPos::Left,
    )?;
    let subtitle = match inputs.given {
        Some(y) => format!("Chance of transformative AI by each year, given none by {y}"),
        None => "Chance of transformative AI by each year".to_string(),
    };
    text_at(
        fit_text(&subtitle, SUBTITLE_SIZE, false, inner),
        PAD,
        PAD + 24.0,
        style.muted_font(SUBTITLE_SIZE),
        HPos::Left,
    )?;

    // Left column: the median large, then the other figures as label and value.
    let [median, rest @ ..] = card_figures(inputs.forecast);
    text_at(
        median.label.to_string(),
        PAD,
        BODY_TOP,
        style.muted_font(LABEL_SIZE),
        HPos::Left,
    )?;
    // In the accent color of the app's lead figure (`--accent` in style/main.css).
    let median_font = ("sans-serif", MEDIAN_SIZE * style.dpr)
        .into_font()
        .style(FontStyle::Bold)
        .color(&p.anchors[3]);
    text_at(
        fit_text(&median.value, MEDIAN_SIZE, true, FIGURES_WIDTH - 8.0),
        PAD - 1.0,
        BODY_TOP + 17.0,
        median_font,
        HPos::Left,
    )?;
    let column_right = PAD + FIGURES_WIDTH - 14.0;
    for (i, figure) in rest.iter().enumerate() {
        let y = BODY_TOP + 72.0 + ROW * i as f64;
        text_at(
            figure.label.to_string(),
            PAD,
            y + 2.0,
            style.muted_font(LABEL_SIZE),
            HPos::Left,
        )?;
        let room = FIGURES_WIDTH - 14.0 - estimate_text_width(figure.label, LABEL_SIZE, false);
        text_at(
            fit_text(&figure.value, VALUE_SIZE, true, room.max(40.0)),
            column_right,
            y,
            style.bold_font(VALUE_SIZE),
            HPos::Right,
        )?;
    }

    // Footer: a rule, the app's address (or name) and the model's credit.
    let footer_top = css_h - FOOTER_HEIGHT;
    area.draw(&PathElement::new(
        vec![(px(PAD), px(footer_top)), (px(css_w - PAD), px(footer_top))],
        style.line(p.grid, 1.0),
    ))
    .map_err(err)?;
    let credit_w = estimate_text_width(MODEL_CREDIT, FOOTER_SIZE, false);
    let footer_y = footer_top + (FOOTER_HEIGHT - FOOTER_SIZE * 1.2) / 2.0;
    text_at(
        MODEL_CREDIT.to_string(),
        css_w - PAD,
        footer_y,
        style.muted_font(FOOTER_SIZE),
        HPos::Right,
    )?;
    let address = inputs.address.unwrap_or("bioanchors");
    text_at(
        fit_text(address, FOOTER_SIZE, true, inner - credit_w - 16.0),
        PAD,
        footer_y,
        style.bold_font(FOOTER_SIZE).color(&p.muted),
        HPos::Left,
    )?;

    // Right: the app's chart 1, in what is left between header, column and footer.
    let chart_left = PAD + FIGURES_WIDTH;
    let chart_top = BODY_TOP - 10.0;
    let chart = area.clone().shrink(
        (px(chart_left), px(chart_top)),
        (
            px(css_w - PAD + 8.0 - chart_left).max(1) as u32,
            px(footer_top - 4.0 - chart_top).max(1) as u32,
        ),
    );
    let chart_style = Style {
        palette: p,
        dpr: style.dpr,
        css_width: css_w - PAD - chart_left,
    };
    let geometry = draw_cdf(
        &chart,
        &chart_style,
        crate::Layer::Whole,
        inputs.forecast,
        None,
        false,
        &[],
    )?;
    if let Some(year) = inputs.given {
        // On the whole card: the geometry is in the backend's pixels, the chart's area is not.
        draw_condition_note(area, &chart_style, &geometry, year)?;
    }
    Ok(geometry)
}

/// `text` with its top at CSS (`x`, `y`), anchored left, right or centre at `x`.
fn put_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    text: String,
    (x, y): (f64, f64),
    font: TextStyle,
    h: HPos,
) -> Result<(), String> {
    area.draw(&Text::new(
        text,
        (style.px(x), style.px(y)),
        font.pos(Pos::new(h, VPos::Top)),
    ))
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bioanchors_model::{forecast, preset, Scenario};

    #[test]
    fn figures_and_alt_text_carry_the_forecasts_numbers() {
        let f = forecast(&Scenario::default());
        let figures = card_figures(&f);
        let values: Vec<&str> = figures.iter().map(|c| c.value.as_str()).collect();
        // The texts `bioanchors forecast` and the app's summary print.
        assert_eq!(
            values,
            [
                quantile_text(&f, 0.5),
                quantile_text(&f, 0.1),
                quantile_text(&f, 0.9),
                milestone_text(&f, 2030),
                milestone_text(&f, 2050),
            ]
        );
        // The best guess, as its preset describes it: 7.7% by 2030.
        assert_eq!(values[3], "7.7%");
        let alt = card_alt_text(&CardInputs {
            forecast: &f,
            title: "Cotra 2020 best guess",
            address: Some("example.org/bioanchors/"),
            given: None,
        });
        assert!(alt.starts_with("Cotra 2020 best guess: a chart of the probability"));
        for v in &values {
            assert!(alt.contains(*v), "{alt} lacks {v}");
        }
        let by = format!("7.7% by 2030, {} by 2050.", milestone_text(&f, 2050));
        assert!(alt.contains(&by), "{alt}");
        assert!(
            alt.ends_with("Explore it at example.org/bioanchors/."),
            "{alt}"
        );
    }

    #[test]
    fn a_quantile_past_the_end_reads_after_not_by() {
        // The conservative preset does not reach 90% by 2100.
        let f = forecast(&(preset("conservative").unwrap().scenario)());
        assert_eq!(quantile_text(&f, 0.9), "after 2100");
        let text = headline_text(&f);
        assert!(text.contains("90% after 2100"), "{text}");
        assert!(!text.contains("by after"), "{text}");
    }

    #[test]
    fn a_conditioned_card_says_so() {
        let f = forecast(&Scenario::default());
        let alt = card_alt_text(&CardInputs {
            forecast: &f,
            title: "T",
            address: None,
            given: Some(2030),
        });
        assert!(alt.contains("given no transformative AI by 2030"), "{alt}");
        assert!(!alt.contains("Explore it at"), "{alt}");
    }

    #[test]
    fn addresses_lose_scheme_and_query() {
        assert_eq!(
            address_text("https://example.org/bioanchors/?preset=aggressive#x"),
            "example.org/bioanchors/"
        );
        assert_eq!(address_text("http://host/p/a/"), "host/p/a/");
        assert_eq!(address_text("host"), "host");
    }

    #[test]
    fn long_text_is_cut_to_its_room() {
        let long = "A scenario name far too long to fit on one line of the card, by any measure";
        let cut = fit_text(long, 20.0, true, 300.0);
        assert!(cut.ends_with('\u{2026}'));
        assert!(estimate_text_width(&cut, 20.0, true) <= 300.0, "{cut}");
        assert_eq!(fit_text("Short", 20.0, true, 300.0), "Short");
    }
}
