//! `bioanchors chart`: one of the app's charts, or the card for email and link previews, as a
//! PNG or an SVG file, drawn by the same charts code as the browser (`crate::render`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{load_input_from_preset, ScenarioInput};
use crate::model::condition::condition_forecast;
use crate::model::{preset, presets, Engine, Forecast, Scenario};
use crate::render::{self, Picture, Size};
use bioanchors_charts::card::{address_text, CARD_CSS_HEIGHT, CARD_CSS_WIDTH, CARD_MIN_CSS_HEIGHT};
use bioanchors_charts::{card_alt_text, CardInputs, ChartInputs, ChartKind, Palette};

/// A chart's CSS size when none is given: the app's chart box in a 1280 × 800 window
/// (842 × 330 CSS px in headless Chromium), rounded.
pub const CHART_CSS: (u32, u32) = (840, 330);
/// Widths and heights a picture may have, in CSS pixels.
pub const CSS_RANGE: std::ops::RangeInclusive<u32> = 200..=3000;
/// Device pixels per CSS pixel a PNG may have.
pub const SCALE_RANGE: std::ops::RangeInclusive<u32> = 1..=4;
/// A PNG's device pixels per CSS pixel when none is given: sharp on high-density screens.
pub const DEFAULT_SCALE: u32 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChartChoice {
    /// P(TAI by year), with the preset the scenario starts from dashed.
    Cdf,
    /// The probability that TAI arrives in each year.
    PerYear,
    /// Each anchor's compute requirements against the affordable effective compute.
    Requirements,
    /// FLOP per dollar, spending, algorithmic progress and effective compute.
    Trajectories,
    /// The picture for email, Substack and link previews: name, headline figures, the P(TAI by
    /// year) chart and the app's address (600 × 315 CSS px: 1,200 × 630 at scale 2).
    Card,
}

impl ChartChoice {
    fn kind(self) -> Option<ChartKind> {
        match self {
            ChartChoice::Cdf => Some(ChartKind::Cdf),
            ChartChoice::PerYear => Some(ChartKind::PerYear),
            ChartChoice::Requirements => Some(ChartKind::Requirements),
            ChartChoice::Trajectories => Some(ChartKind::Trajectories),
            ChartChoice::Card => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    Png,
    Svg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}

#[derive(clap::Args)]
pub struct ChartArgs {
    #[command(flatten)]
    input: ScenarioInput,
    /// Condition on the present: P(TAI by Y | no TAI by YEAR). Wins over a `given=` in the
    /// --url link.
    #[arg(long = "given", visible_alias = "given-no-tai-by", value_name = "YEAR")]
    given: Option<i32>,
    /// Which picture.
    #[arg(long, value_enum, default_value_t = ChartChoice::Cdf)]
    chart: ChartChoice,
    /// PNG or SVG; by default the --out file's extension decides (`.svg`), else PNG.
    #[arg(long, value_enum)]
    format: Option<ImageFormat>,
    /// Width in CSS pixels, 200 to 3000 (default: 840 for a chart, 600 for the card).
    #[arg(long, value_name = "CSS_PX")]
    width: Option<u32>,
    /// Height in CSS pixels, 200 to 3000 (default: 330 for a chart; the card keeps its
    /// 600 × 315 aspect).
    #[arg(long, value_name = "CSS_PX")]
    height: Option<u32>,
    /// Device pixels per CSS pixel of a PNG, 1 to 4 (default 2: the PNG is width × 2 pixels
    /// wide).
    #[arg(long, value_name = "N")]
    scale: Option<u32>,
    /// The card's title (default: the preset's name, "(edited)" when the scenario differs).
    #[arg(long)]
    title: Option<String>,
    /// The app's address printed on the card (default: the --url link's, without its query).
    #[arg(long, value_name = "URL")]
    address: Option<String>,
    /// Colors: the page's light or dark theme.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    theme: Theme,
    /// The file to write (for the card, its alt text is also printed).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Everything `chart` checked before drawing.
struct Plan {
    choice: ChartChoice,
    format: ImageFormat,
    size: Size,
}

fn plan(args: &ChartArgs) -> Result<Plan, String> {
    let format = args.format.unwrap_or_else(|| {
        let svg = args
            .out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        if svg {
            ImageFormat::Svg
        } else {
            ImageFormat::Png
        }
    });
    let card = args.chart == ChartChoice::Card;
    let width = args.width.unwrap_or(if card {
        CARD_CSS_WIDTH as u32
    } else {
        CHART_CSS.0
    });
    check_css("--width", width)?;
    let height = match args.height {
        Some(h) => h,
        None if card => (f64::from(width) * CARD_CSS_HEIGHT / CARD_CSS_WIDTH).round() as u32,
        None => CHART_CSS.1,
    };
    check_css("--height", height)?;
    if card && f64::from(height) < CARD_MIN_CSS_HEIGHT {
        return Err(format!(
            "--height {height}: the card needs at least {CARD_MIN_CSS_HEIGHT} CSS pixels"
        ));
    }
    let scale = match (format, args.scale) {
        (ImageFormat::Svg, Some(_)) => {
            return Err("--scale applies to PNG only: an SVG scales without loss".into())
        }
        (ImageFormat::Svg, None) => 1,
        (ImageFormat::Png, scale) => scale.unwrap_or(DEFAULT_SCALE),
    };
    if !SCALE_RANGE.contains(&scale) {
        return Err(format!(
            "--scale {scale}: expected {} to {} device pixels per CSS pixel",
            SCALE_RANGE.start(),
            SCALE_RANGE.end()
        ));
    }
    Ok(Plan {
        choice: args.chart,
        format,
        size: Size {
            css_width: width,
            css_height: height,
            scale,
        },
    })
}

fn check_css(option: &str, value: u32) -> Result<(), String> {
    if CSS_RANGE.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "{option} {value}: expected {} to {} CSS pixels",
            CSS_RANGE.start(),
            CSS_RANGE.end()
        ))
    }
}

/// The card's default title: the preset's name, marked when the scenario is not the preset's.
pub fn default_title(scenario: &Scenario, preset_id: &str) -> String {
    let p = preset(preset_id).unwrap_or(&presets()[0]);
    if scenario.diff(&(p.scenario)()).is_empty() {
        p.name.to_string()
    } else {
        format!("{} (edited)", p.name)
    }
}

/// The forecast of `s`, conditioned on no TAI by `given` when set.
fn forecast_given(
    engine: &mut Engine,
    s: &Scenario,
    given: Option<i32>,
) -> Result<Forecast, String> {
    let f = engine.forecast(s);
    match given {
        Some(year) => condition_forecast(&f, year).map_err(|e| e.to_string()),
        None => Ok(f),
    }
}

/// Runs `bioanchors chart`. Bad input is an `Err` (exit 2), refused before anything runs or
/// is written; a failure while drawing or writing is the inner error (exit 1).
pub fn run(out: &mut impl Write, args: ChartArgs) -> Result<std::io::Result<()>, String> {
    let plan = plan(&args)?;
    let url = args.input.url.clone();
    let (scenario, preset_id, link_given) = load_input_from_preset(args.input)?;
    if let Some(year) = args.given {
        scenario
            .check_year(year as f64)
            .map_err(|e| format!("--given: {e}"))?;
    }
    let given = args.given.or(link_given);
    let mut file = create_output(&args.out)?;

    let result = (|| -> std::io::Result<()> {
        let mut engine = Engine::new();
        let f = forecast_given(&mut engine, &scenario, given).map_err(std::io::Error::other)?;
        let palette = Palette::for_theme(args.theme == Theme::Dark);
        let title = args
            .title
            .clone()
            .unwrap_or_else(|| default_title(&scenario, preset_id));
        let address = args
            .address
            .as_deref()
            .or(url.as_deref().filter(|u| u.contains("://")))
            .map(address_text);
        let card = CardInputs {
            forecast: &f,
            title: &title,
            address: address.as_deref(),
            given,
        };
        let reference;
        let picture = match plan.choice.kind() {
            Some(kind) => {
                // The app draws the preset's curve dashed under the scenario's (chart 1 and 2).
                let base = (preset(preset_id).unwrap_or(&presets()[0]).scenario)();
                reference = if base == scenario {
                    None
                } else {
                    Some(forecast_given(&mut engine, &base, given).map_err(std::io::Error::other)?)
                };
                Picture::Chart(
                    kind,
                    ChartInputs {
                        forecast: &f,
                        reference: Some(reference.as_ref().unwrap_or(&f)),
                        per_anchor: false,
                        overlays: &[],
                        given,
                    },
                )
            }
            None => Picture::Card(card),
        };
        let alt = matches!(picture, Picture::Card(_)).then(|| card_alt_text(&card));
        let bytes = match plan.format {
            ImageFormat::Png => {
                render::png(&picture, palette, plan.size, alt.as_deref())
                    .map_err(std::io::Error::other)?
                    .data
            }
            ImageFormat::Svg => render::svg(&picture, palette, plan.size)
                .map_err(std::io::Error::other)?
                .data
                .into_bytes(),
        };
        file.write_all(&bytes)?;
        file.flush()?;
        if let Some(alt) = alt {
            writeln!(out, "{alt}")?;
        }
        Ok(())
    })();
    if result.is_err() {
        // No half-written picture left behind under the name asked for.
        let _ = std::fs::remove_file(&args.out);
    }
    Ok(result)
}

/// Opens `path` for writing, as a check of the path before anything runs.
fn create_output(path: &Path) -> Result<std::fs::File, String> {
    let name = path.display();
    if path.is_dir() {
        return Err(format!("cannot write {name}: it is a directory"));
    }
    std::fs::File::create(path).map_err(|e| format!("cannot write {name}: {e}"))
}
