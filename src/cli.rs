//! The native command-line interface (`bioanchors forecast`, `presets`, `sensitivity`, `solve`,
//! `chart`, `site`).
//!
//! It runs the same library as the browser, so it prints the same numbers: tables use the
//! shared [`crate::model::format`] functions, CSV and JSON carry the full-precision values.
//!
//! Exit codes: 0 on success; 2 for bad input, refused before any forecast runs (usage errors,
//! an unknown preset or parameter, a year outside the forecast's years, a bad `--metric` or
//! target, a scenario file that cannot be read or parsed); 1 for a failure while running or
//! writing (an output error, a condition the model makes impossible). Every message goes to
//! stderr as `bioanchors: <message>`.

use std::io::{Read, Write};
use std::path::Path;

use clap::{Parser, Subcommand, ValueEnum};

mod chart;

use crate::model::condition::condition_forecast;
use crate::model::{export, forecast, format, link, preset, presets, Anchor, Forecast, Scenario};

#[derive(Parser)]
#[command(
    name = "bioanchors",
    version,
    about = "Ajeya Cotra's 2020 biological-anchors model of transformative-AI timelines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print P(TAI by year) for a scenario (the best guess unless told otherwise).
    Forecast {
        #[command(flatten)]
        input: ScenarioInput,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
        /// Condition on the present: P(TAI by Y | no TAI by YEAR). Wins over a `given=` in
        /// the --url link.
        #[arg(long = "given", visible_alias = "given-no-tai-by", value_name = "YEAR")]
        given: Option<i32>,
    },
    /// List the presets.
    Presets,
    /// Tornado table: the metric with each parameter alone at the low and high end of its
    /// plausible range, widest swing first.
    Sensitivity {
        #[command(flatten)]
        input: ScenarioInput,
        /// `median` (median arrival year) or `pYYYY` (P(TAI by YYYY), e.g. p2036).
        #[arg(long, default_value = "median")]
        metric: String,
    },
    /// The value of one parameter that makes the model reach a target, all else unchanged.
    #[command(group(clap::ArgGroup::new("target").required(true)))]
    Solve {
        /// Parameter key, e.g. hardware.halving_years.
        #[arg(long)]
        param: String,
        /// Target median arrival year.
        #[arg(long, group = "target", value_name = "YEAR")]
        median_year: Option<f64>,
        /// Target P(TAI by YEAR), e.g. 2030:0.25.
        #[arg(long, group = "target", value_name = "YEAR:P")]
        p_by: Option<String>,
        #[command(flatten)]
        input: ScenarioInput,
    },
    /// Draw one of the app's charts, or the card for email and link previews, as PNG or SVG:
    /// the browser's picture, drawn by the same code.
    Chart(chart::ChartArgs),
    /// Write the link-preview pages into a built `dist/`: one page per preset
    /// (p/<id>/index.html), each with Open Graph tags, a 1,200 × 630 og.png and an oEmbed
    /// oembed.json, and the same for the root page.
    Site {
        /// Trunk's output directory.
        #[arg(long, value_name = "DIR", default_value = "dist")]
        dist: std::path::PathBuf,
        /// Where the site is published, e.g. https://example.org/bioanchors/: the absolute URLs
        /// link previews and oEmbed need (scripts/build.sh passes BIOANCHORS_PUBLIC_URL). Without
        /// it those tags are left out.
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
    },
}

/// Where a scenario comes from: `--preset`, `--scenario FILE` or `--url`, shared by every command.
#[derive(clap::Args)]
struct ScenarioInput {
    /// A preset id (see `bioanchors presets`).
    #[arg(long, group = "input")]
    preset: Option<String>,
    /// A scenario file saved by the app (missing parameters take the preset's values).
    #[arg(long, group = "input")]
    scenario: Option<std::path::PathBuf>,
    /// A share link of the app (or just its query string); `forecast` also applies its
    /// `given=YEAR`.
    #[arg(long, group = "input")]
    url: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// Human-readable: a summary, then one row per year in percent.
    Table,
    /// A header row, then per year: year, P(TAI by year), each anchor's contribution.
    Csv,
    /// The whole forecast, as the library returns it.
    Json,
}

/// Entry point of the `bioanchors` binary. Returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Usage errors to stderr with code 2, in the CLI's `bioanchors: <message>` form.
            let text = e.render().to_string();
            eprint!(
                "bioanchors: {}",
                text.strip_prefix("error: ").unwrap_or(&text)
            );
            return 2;
        }
        Err(e) => {
            // Help and version go to stdout with code 0.
            let _ = e.print();
            return 0;
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Presets => print_presets(&mut out),
        Command::Forecast {
            input,
            format,
            given,
        } => match load_input(input).and_then(|(s, from_link)| {
            // The link's `given` was checked by `read_link`; the option's is checked here,
            // before the forecast runs.
            if let Some(year) = given {
                s.check_year(year as f64)
                    .map_err(|e| format!("--given: {e}"))?;
            }
            Ok((s, given.or(from_link)))
        }) {
            Ok((s, given)) => print_forecast(&mut out, &s, format, given),
            Err(msg) => {
                eprintln!("bioanchors: {msg}");
                return 2;
            }
        },
        Command::Sensitivity { input, metric } => {
            match insight::sensitivity(&mut out, input, &metric) {
                Ok(r) => r,
                Err(msg) => {
                    eprintln!("bioanchors: {msg}");
                    return 2;
                }
            }
        }
        Command::Solve {
            param,
            median_year,
            p_by,
            input,
        } => match insight::solve(&mut out, input, &param, median_year, p_by.as_deref()) {
            Ok(r) => r,
            Err(msg) => {
                eprintln!("bioanchors: {msg}");
                return 2;
            }
        },
        Command::Chart(args) => match chart::run(&mut out, args) {
            Ok(r) => r,
            Err(msg) => {
                eprintln!("bioanchors: {msg}");
                return 2;
            }
        },
        Command::Site { dist, public_url } => {
            return run_site(&mut out, &dist, public_url.as_deref());
        }
    };
    match result {
        Ok(()) => 0,
        // A closed pipe (e.g. `| head`) is not worth an error message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("bioanchors: {e}");
            1
        }
    }
}

/// `bioanchors site`: the files written on stdout, one a line; the exit code.
fn run_site(out: &mut impl Write, dist: &Path, public_url: Option<&str>) -> i32 {
    // An empty URL (an unset BIOANCHORS_PUBLIC_URL in scripts/build.sh) is none.
    let public_url = public_url.filter(|u| !u.trim().is_empty());
    match crate::site::write_site(dist, public_url) {
        Ok(report) => {
            if let Some(note) = report.note {
                eprintln!("bioanchors: note: {note}");
            }
            for f in report.files {
                if writeln!(out, "{}", f.display()).is_err() {
                    return 1;
                }
            }
            0
        }
        Err(crate::site::SiteError::Input(msg)) => {
            eprintln!("bioanchors: {msg}");
            2
        }
        Err(crate::site::SiteError::Write(msg)) => {
            eprintln!("bioanchors: {msg}");
            1
        }
    }
}

/// The scenario, for the commands that read no `given=` (it is noted as unused).
fn load_scenario(input: ScenarioInput) -> Result<Scenario, String> {
    let (s, given) = load_input(input)?;
    if let Some(year) = given {
        eprintln!(
            "bioanchors: note: `{}={year}` in the link applies to `forecast` only: ignored",
            link::GIVEN_KEY
        );
    }
    Ok(s)
}

/// The scenario and, for a `--url` link with a usable `given=YEAR`, that year. Every note (the
/// link's, the file's) goes to stderr.
fn load_input(input: ScenarioInput) -> Result<(Scenario, Option<i32>), String> {
    load_input_from_preset(input).map(|(s, _, given)| (s, given))
}

/// [`load_input`], with the id of the preset the scenario starts from.
fn load_input_from_preset(
    input: ScenarioInput,
) -> Result<(Scenario, &'static str, Option<i32>), String> {
    let ScenarioInput {
        preset: preset_id,
        scenario: file,
        url,
    } = input;
    if let Some(id) = preset_id {
        let p = preset(&id).ok_or_else(|| {
            let ids: Vec<_> = presets().iter().map(|p| p.id).collect();
            format!("unknown preset `{id}` (known: {})", ids.join(", "))
        })?;
        return Ok(((p.scenario)(), p.id, None));
    }
    if let Some(path) = file {
        let text = read_scenario_file(&path)?;
        // The app's scenario files, bare `key: number` objects and the serde form of
        // `Scenario`, validated and clamped like a share link.
        let imported =
            export::import_scenario_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for n in imported.notes {
            eprintln!("bioanchors: note: {n}");
        }
        return Ok((imported.scenario, imported.preset_id, None));
    }
    if let Some(url) = url {
        let link = link::read_link(&url);
        for n in link.notes {
            eprintln!("bioanchors: note: {n}");
        }
        return Ok((link.scenario, link.preset, link.given));
    }
    Ok((Scenario::default(), presets()[0].id, None))
}

/// The text of a `--scenario` file: at most [`export::MAX_JSON_CHARS`] bytes (1 MiB, the
/// model's limit for a scenario file, which the app's import applies too; a file with every
/// parameter is ~8 KB), read through `take` so that a wrong file (a log, a disk image,
/// `/dev/zero`) is refused after that much; UTF-8; without the byte-order mark some Windows
/// editors write (JSON has none, and serde_json refuses it).
fn read_scenario_file(path: &Path) -> Result<String, String> {
    let name = path.display();
    let limit = export::MAX_JSON_CHARS;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    // A directory opens on Unix; say so instead of the OS's "Is a directory (os error 21)".
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(format!(
            "cannot read {name}: it is a directory, not a scenario file"
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "{name} is larger than {limit} bytes, the most a scenario file may have"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (invalid byte at offset {}): not a scenario file",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

fn print_presets(out: &mut impl Write) -> std::io::Result<()> {
    for p in presets() {
        writeln!(out, "{:<20} {}", p.id, p.name)?;
        writeln!(out, "{:<20} {}", "", p.description)?;
    }
    Ok(())
}

fn print_forecast(
    out: &mut impl Write,
    s: &Scenario,
    fmt: OutputFormat,
    given: Option<i32>,
) -> std::io::Result<()> {
    let mut f = forecast(s);
    if let Some(year) = given {
        // The browser's numbers for the same link: the same `condition_forecast`.
        f = condition_forecast(&f, year).map_err(std::io::Error::other)?;
        if let OutputFormat::Table = fmt {
            writeln!(
                out,
                "Conditioned: given no TAI by {year}, every figure is P(TAI by Y | no TAI by {year})."
            )?;
        }
    }
    match fmt {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &f)?;
            writeln!(out)
        }
        OutputFormat::Csv => out.write_all(export::forecast_csv(&f).as_bytes()),
        OutputFormat::Table => write_table(out, &f),
    }
}

fn write_table(out: &mut impl Write, f: &Forecast) -> std::io::Result<()> {
    write!(out, "P(TAI by year):")?;
    for (y, _) in &f.milestones {
        write!(out, "  {y} {}", format::milestone_text(f, *y))?;
    }
    writeln!(out)?;
    write!(out, "Arrival year:  ")?;
    for (q, _) in &f.quantile_years {
        write!(out, "  {:.0}% {}", q * 100.0, format::quantile_text(f, *q))?;
    }
    writeln!(out)?;
    writeln!(out)?;
    write!(out, "{:>6} {:>8}", "year", "P(TAI)")?;
    for a in Anchor::ALL {
        write!(out, " {:>10}", a.key())?;
    }
    writeln!(out)?;
    for (i, year) in f.years.iter().enumerate() {
        write!(out, "{year:>6} {:>8}", format::percent(f.p_by_year[i]))?;
        for a in Anchor::ALL {
            write!(
                out,
                " {:>10}",
                format::percent(f.p_by_year_per_anchor.get(a)[i])
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The insight subcommands (`sensitivity`, `solve`).
mod insight {
    use std::io::Write;

    use super::{load_scenario, ScenarioInput};
    use crate::model::format::{metric_text, solve_text, value_text};
    use crate::model::sensitivity::{tornado, Metric};
    use crate::model::solve::{solve as solve_for, SolveError, Target};
    use crate::model::{param_spec, Engine};

    type CliResult = Result<std::io::Result<()>, String>;

    fn parse_metric(text: &str) -> Result<Metric, String> {
        if text == "median" {
            return Ok(Metric::MedianYear);
        }
        text.strip_prefix('p')
            .and_then(|y| y.parse::<i32>().ok())
            .map(Metric::PBy)
            .ok_or_else(|| format!("--metric `{text}`: expected `median` or `pYYYY`, e.g. p2036"))
    }

    pub fn sensitivity(out: &mut impl Write, input: ScenarioInput, metric: &str) -> CliResult {
        let metric = parse_metric(metric)?;
        let s = load_scenario(input)?;
        let bars = tornado(&mut Engine::new(), &s, metric).map_err(|e| format!("--metric: {e}"))?;
        Ok(write_tornado(out, metric, &bars))
    }

    fn write_tornado(
        out: &mut impl Write,
        metric: Metric,
        bars: &[crate::model::sensitivity::TornadoBar],
    ) -> std::io::Result<()> {
        let Some(first) = bars.first() else {
            return writeln!(out, "No parameter has a plausible range to move.");
        };
        writeln!(
            out,
            "{}: {} with every parameter as given; each row moves one parameter to the low and \
             high end of its plausible range.",
            metric.label(),
            metric_text(metric, first.base, first.base_beyond_end)
        )?;
        let swing_unit = match metric {
            Metric::MedianYear => "years",
            Metric::PBy(_) => "pp",
        };
        writeln!(
            out,
            "{:<44} {:>10} {:>11} {:>10} {:>11} {:>8}",
            "parameter",
            "low",
            "metric",
            "high",
            "metric",
            format!("swing {swing_unit}")
        )?;
        for b in bars {
            let swing = match metric {
                Metric::MedianYear => b.swing(),
                Metric::PBy(_) => b.swing() * 100.0,
            };
            writeln!(
                out,
                "{:<44} {:>10} {:>11} {:>10} {:>11} {:>8.1}{}",
                b.key,
                value_text(b.low_value),
                metric_text(metric, b.metric_at_low, b.low_beyond_end),
                value_text(b.high_value),
                metric_text(metric, b.metric_at_high, b.high_beyond_end),
                swing,
                // A median cut off at the horizon makes the swing a lower bound.
                if b.low_beyond_end || b.high_beyond_end {
                    "+"
                } else {
                    ""
                }
            )?;
        }
        Ok(())
    }

    fn parse_p_by(text: &str) -> Result<Target, String> {
        let bad = || format!("--p-by `{text}`: expected YEAR:P, e.g. 2030:0.25");
        let (year, p) = text.split_once(':').ok_or_else(bad)?;
        let year = year.trim().parse::<i32>().map_err(|_| bad())?;
        let p = p.trim().parse::<f64>().map_err(|_| bad())?;
        Ok(Target::PBy { year, p })
    }

    pub fn solve(
        out: &mut impl Write,
        input: ScenarioInput,
        key: &str,
        median_year: Option<f64>,
        p_by: Option<&str>,
    ) -> CliResult {
        let target = match (median_year, p_by) {
            (Some(y), _) => Target::MedianYear(y),
            (None, Some(t)) => parse_p_by(t)?,
            (None, None) => return Err("give --median-year or --p-by".into()),
        };
        let s = load_scenario(input)?;
        let spec = param_spec(key).ok_or_else(|| format!("unknown parameter `{key}`"))?;
        let result = solve_for(&mut Engine::new(), &s, key, target).map_err(|e| match e {
            // Which option named the refused year.
            SolveError::Year(e) => match p_by {
                Some(_) => format!("--p-by: {e}"),
                None => format!("--median-year: {e}"),
            },
            e => e.to_string(),
        })?;
        let current = s.get(key).unwrap_or(f64::NAN);
        let written = writeln!(out, "{}", solve_text(key, spec, target, current, &result));
        Ok(written)
    }
}
