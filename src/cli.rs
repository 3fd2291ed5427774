//! The native command-line interface (`bioanchors forecast`, `bioanchors presets`).
//!
//! It runs the same library as the browser, so it prints the same numbers: tables use the
//! shared [`crate::model::format`] functions, CSV and JSON carry the full-precision values.

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};

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
        /// A preset id (see `bioanchors presets`).
        #[arg(long, group = "input")]
        preset: Option<String>,
        /// A scenario file saved by the app (missing parameters take the preset's values).
        #[arg(long, group = "input")]
        scenario: Option<std::path::PathBuf>,
        /// A share link of the app (or just its query string).
        #[arg(long, group = "input")]
        url: Option<String>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// List the presets.
    Presets,
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
        Err(e) => {
            // Help and version go to stdout with code 0; usage errors to stderr with code 2.
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Presets => print_presets(&mut out),
        Command::Forecast {
            preset,
            scenario,
            url,
            format,
        } => match load_scenario(preset, scenario, url) {
            Ok(s) => print_forecast(&mut out, &s, format),
            Err(msg) => {
                eprintln!("bioanchors: {msg}");
                return 1;
            }
        },
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

fn load_scenario(
    preset_id: Option<String>,
    file: Option<std::path::PathBuf>,
    url: Option<String>,
) -> Result<Scenario, String> {
    if let Some(id) = preset_id {
        let p = preset(&id).ok_or_else(|| {
            let ids: Vec<_> = presets().iter().map(|p| p.id).collect();
            format!("unknown preset `{id}` (known: {})", ids.join(", "))
        })?;
        return Ok((p.scenario)());
    }
    if let Some(path) = file {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // The app's scenario files, bare `key: number` objects and the serde form of
        // `Scenario`, validated and clamped like a share link.
        let (s, notes) = export::scenario_from_json(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        for n in notes {
            eprintln!("bioanchors: note: {n}");
        }
        return Ok(s);
    }
    if let Some(url) = url {
        let (s, notes) = link::scenario_from_query(&url);
        for n in notes {
            eprintln!("bioanchors: note: {n}");
        }
        return Ok(s);
    }
    Ok(Scenario::default())
}

fn print_presets(out: &mut impl Write) -> std::io::Result<()> {
    for p in presets() {
        writeln!(out, "{:<20} {}", p.id, p.name)?;
        writeln!(out, "{:<20} {}", "", p.description)?;
    }
    Ok(())
}

fn print_forecast(out: &mut impl Write, s: &Scenario, fmt: OutputFormat) -> std::io::Result<()> {
    let f = forecast(s);
    match fmt {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &f)?;
            writeln!(out)
        }
        OutputFormat::Csv => out.write_all(export::forecast_csv(&f).as_bytes()),
        OutputFormat::Table => write_table(out, &f, s.last_year()),
    }
}

fn write_table(out: &mut impl Write, f: &Forecast, end_year: i32) -> std::io::Result<()> {
    write!(out, "P(TAI by year):")?;
    for (y, p) in &f.milestones {
        write!(out, "  {y} {}", format::percent(*p))?;
    }
    writeln!(out)?;
    write!(out, "Arrival year:  ")?;
    for (q, y) in &f.quantile_years {
        write!(out, "  {:.0}% {}", q * 100.0, format::year(*y, end_year))?;
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
