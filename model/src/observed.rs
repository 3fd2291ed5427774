//! What actually happened since 2020: the largest training runs each year (for the "reality
//! check" chart), and re-estimated growth trends for a "re-estimated growth" preset.
//!
//! The runs live in `data/observed-training-runs.csv`, embedded at build time; every row names
//! its source and says whether its figure is reported by the developer or an outside estimate.

/// One training run that was actually done.
#[derive(Clone, Debug, PartialEq)]
pub struct ObservedRun {
    /// Year training finished (or the model was announced, where that is all that is known).
    pub year: i32,
    pub model: String,
    /// Training compute, log10 FLOP.
    pub log10_flop: f64,
    /// Cost of the final training run in USD, where a public estimate exists.
    pub training_cost_usd: Option<f64>,
    /// Where the numbers come from; says "reported" or "estimate".
    pub source: String,
}

impl ObservedRun {
    /// True if the compute figure is an outside estimate rather than the developer's own number.
    pub fn is_estimate(&self) -> bool {
        self.source.contains("estimate")
    }
}

const OBSERVED_CSV: &str = include_str!("../data/observed-training-runs.csv");

/// Every observed run in the embedded table, in file order (by year).
pub fn observed_runs() -> Vec<ObservedRun> {
    parse_runs(OBSERVED_CSV).expect("data/observed-training-runs.csv is checked by the tests")
}

/// The largest run of each year, by compute, in ascending year order.
pub fn largest_run_per_year() -> Vec<ObservedRun> {
    let mut largest: Vec<ObservedRun> = Vec::new();
    for run in observed_runs() {
        match largest.iter_mut().find(|r| r.year == run.year) {
            Some(best) if run.log10_flop > best.log10_flop => *best = run,
            Some(_) => {}
            None => largest.push(run),
        }
    }
    crate::sorting::stably(&mut largest, |a, b| a.year.cmp(&b.year));
    largest
}

/// Parses the observed-runs CSV (header `year,model,log10_flop,training_cost_usd,source`;
/// fields may be double-quoted). Errors name the line.
pub fn parse_runs(csv: &str) -> Result<Vec<ObservedRun>, String> {
    let mut lines = csv
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or("empty file")?;
    if split_csv_line(header)? != ["year", "model", "log10_flop", "training_cost_usd", "source"] {
        return Err(format!("unexpected header: {header}"));
    }
    lines
        .map(|(index, line)| parse_run(line).map_err(|e| format!("line {}: {e}", index + 1)))
        .collect()
}

fn parse_run(line: &str) -> Result<ObservedRun, String> {
    let fields = split_csv_line(line)?;
    let [year, model, log10_flop, cost, source] = fields.as_slice() else {
        return Err(format!("expected 5 fields, found {}", fields.len()));
    };
    let number = |name: &str, text: &str| {
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{name} is not a number: {text:?}"))
    };
    let run = ObservedRun {
        year: year
            .trim()
            .parse()
            .map_err(|_| format!("bad year {year:?}"))?,
        model: model.trim().to_string(),
        log10_flop: number("log10_flop", log10_flop)?,
        training_cost_usd: if cost.trim().is_empty() {
            None
        } else {
            Some(number("training_cost_usd", cost)?)
        },
        source: source.trim().to_string(),
    };
    if run.model.is_empty() || run.source.is_empty() {
        return Err("model and source are required".into());
    }
    Ok(run)
}

/// Splits one CSV line; a field in double quotes may hold commas, and `""` inside it is a quote.
fn split_csv_line(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return Err("unterminated quote".into());
    }
    fields.push(field);
    Ok(fields)
}

// ---------------------------------------------------------------------------------------------
// Re-estimated growth trends (for the "re-estimated growth" preset)
//
// Costs here are on a cloud-rental basis throughout, so that FLOP per dollar × spend reproduces
// the compute of the largest run actually done in 2025.

/// Growth of the amortized cost of the most compute-intensive training runs: 2.4× per year since
/// 2016 (95% CI 2.0–3.1×). Source: Cottier, Rahman, Fattorini, Maslej, Besiroglu & Owen 2024,
/// "The rising costs of training frontier AI models", arXiv:2405.21015.
/// Model use: willingness-to-spend growth, `g = ln 2.4` per year.
pub const FRONTIER_SPEND_GROWTH_PER_YEAR: f64 = 2.4;

/// [`FRONTIER_SPEND_GROWTH_PER_YEAR`] as a doubling time: ln 2 / ln 2.4 = 0.79 years.
/// Model use: the spend doubling time in years (2 years in Cotra 2020's best guess).
pub const FRONTIER_SPEND_DOUBLING_YEARS: f64 = 0.791_7;

/// Spend on the largest training run of 2025, USD: 6.5e8, on a cloud-rental basis. Derived as
/// Grok 3's 4.6e26 FLOP (Epoch AI estimate, `data/observed-training-runs.csv`) ÷
/// [`FLOP_PER_DOLLAR_2025`]; cross-check: Gemini 1.0 Ultra's $1.91e8 (Stanford AI Index 2024,
/// Epoch AI estimate, cloud prices, Dec 2023) grown 1.5 years at 2.4×/yr gives $7.1e8.
/// Model use: S0, the spend in 2025 (Cotra's best guess: $1e9).
pub const LARGEST_TRAINING_RUN_SPEND_2025_USD: f64 = 6.5e8;

/// Doubling time of GPU FLOP/s per dollar for GPUs used in ML: 2.07 years (95% CI 1.54–3.13;
/// all 470 GPUs: 2.46 years; FP16: 2.30). Source: Hobbhahn & Besiroglu 2022, "Trends in GPU
/// price-performance", Epoch AI.
/// Model use: the FLOP/$ halving time of price in years (2.5 in Cotra 2020).
pub const GPU_FLOP_PER_DOLLAR_DOUBLING_YEARS: f64 = 2.07;

/// Halving time of the compute needed to reach a given language-model performance: about
/// 8 months = 0.67 years (95% CI 5–14 months). Source: Ho, Besiroglu, Erdil, Owen, Rahman, Guo,
/// Atkinson, Thompson & Sevilla 2024, "Algorithmic progress in language models",
/// arXiv:2403.05812.
/// Model use: algorithmic-progress halving time h in years (2–3.5 years under the best guess's rule).
pub const ALGORITHMIC_HALVING_YEARS: f64 = 8.0 / 12.0;

/// Year from which the preset counts algorithmic progress: 2020. The requirements are FLOP
/// with 2020's algorithms (the report's unit), and the halving time above was measured over
/// 2012–2023, so 2020–2025's progress is part of the observed trend, not a fresh start in 2025
/// (the best guess starts in 2025 because that is what reproduces the author's curve).
pub const ALGORITHMIC_PROGRESS_FROM_YEAR: f64 = 2020.0;

/// Algorithmic progress realized over 2020–2025 at [`ALGORITHMIC_HALVING_YEARS`]:
/// 5 × log10 2 / (8/12) = 2.26 OOM (a factor of ~180).
pub const ALGORITHMIC_PROGRESS_2020_2025_OOM: f64 =
    5.0 * std::f64::consts::LOG10_2 / ALGORITHMIC_HALVING_YEARS;

/// The largest training run done by 2025, log10 FLOP: Grok 3, 4.6e26 (Epoch AI estimate, the
/// last row of `data/observed-training-runs.csv`); GPT-3, the largest of 2020, used 3.14e23.
/// Physical compute thus grew 3.17 OOM over 2020–2025 (×4.3 a year, within Epoch AI's 4–5×
/// a year for frontier training compute, "Training compute of frontier AI models grows by
/// 4-5x per year", 2024).
pub const LARGEST_RUN_2025_LOG10_FLOP: f64 = 26.663;

/// Dense BF16 peak of an NVIDIA H100 SXM, FLOP/s (NVIDIA H100 datasheet: 989 TFLOP/s dense,
/// 1,979 with 2:4 sparsity, which training does not use).
pub const H100_DENSE_BF16_FLOPS: f64 = 9.89e14;

/// Model FLOP utilization of large training runs: 0.40. Source: Llama Team, Meta 2024,
/// "The Llama 3 Herd of Models" (arXiv:2407.21783), 38–43% BF16 MFU on 8k–16k H100s.
pub const TRAINING_MFU: f64 = 0.40;

/// Rental price of one H100 for one hour, USD: 2.00, the low end of 2025–26 on-demand quotes
/// ($2.00–2.50 from specialty clouds; market surveys such as mercatus-ai.com's cloud GPU
/// pricing, May 2026). Frontier labs pay reserved or ownership rates at or below this.
pub const H100_USD_PER_HOUR: f64 = 2.0;

/// FLOP per dollar of 2025 frontier hardware at realistic utilization: H100 BF16 peak × MFU ×
/// 3600 s ÷ $/hour ≈ 7.1e17 (log10 17.85).
/// Model use: F0, FLOP per dollar in 2025 (Cotra's trend gives 4e17).
pub const FLOP_PER_DOLLAR_2025: f64 =
    H100_DENSE_BF16_FLOPS * TRAINING_MFU * 3600.0 / H100_USD_PER_HOUR;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_run_of_2025_is_the_embedded_one() {
        let last = largest_run_per_year().pop().unwrap();
        assert_eq!(
            (last.year, last.log10_flop),
            (2025, LARGEST_RUN_2025_LOG10_FLOP)
        );
        assert!((ALGORITHMIC_PROGRESS_2020_2025_OOM - 2.258).abs() < 1e-3);
    }

    #[test]
    fn every_embedded_row_parses_and_names_its_source() {
        let runs = parse_runs(OBSERVED_CSV).unwrap();
        let data_rows = OBSERVED_CSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(runs.len(), data_rows);
        for run in &runs {
            assert!(run.year >= 2020, "{run:?}");
            assert!(run.source.len() > 20, "{}: source too thin", run.model);
            // Every figure is labelled as the developer's own number or an outside estimate.
            assert!(
                run.source.contains("reported") || run.is_estimate(),
                "{}: say 'reported' or 'estimate'",
                run.model
            );
            // Between GPT-3-scale and 100x Grok 3: catches a FLOP count typed instead of log10.
            assert!((23.0..29.0).contains(&run.log10_flop), "{run:?}");
        }
        // Spot checks of a few rows, as recorded.
        let find = |name: &str| runs.iter().find(|r| r.model.starts_with(name)).unwrap();
        assert!((find("GPT-3").log10_flop - 3.14e23_f64.log10()).abs() < 1e-3);
        assert!((find("Llama 3.1").log10_flop - 3.8e25_f64.log10()).abs() < 1e-3);
        assert!(!find("Llama 3.1").is_estimate());
        assert!(find("Grok 3").is_estimate());
    }

    #[test]
    fn largest_run_per_year_picks_the_maximum() {
        let largest = largest_run_per_year();
        let years: Vec<i32> = largest.iter().map(|r| r.year).collect();
        assert_eq!(years, [2020, 2021, 2022, 2023, 2024, 2025]);
        for best in &largest {
            for run in observed_runs().iter().filter(|r| r.year == best.year) {
                assert!(run.log10_flop <= best.log10_flop);
            }
        }
        assert_eq!(largest[1].model, "Megatron-Turing NLG 530B");
    }

    #[test]
    fn quoted_fields_keep_commas_and_quotes() {
        let fields = split_csv_line(r#"2020,"A, B",1.5,,"say ""hi"", ok""#).unwrap();
        assert_eq!(fields, ["2020", "A, B", "1.5", "", r#"say "hi", ok"#]);
        assert!(split_csv_line(r#"1,"open"#).is_err());
    }

    #[test]
    fn bad_rows_are_rejected_with_their_line() {
        let header = "year,model,log10_flop,training_cost_usd,source\n";
        let err = parse_runs(&format!("{header}2020,X,not-a-number,,src\n")).unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(
            parse_runs(&format!("{header}2020,X,23,,\n")).is_err(),
            "missing source"
        );
        assert!(
            parse_runs(&format!("{header}2020,X,23\n")).is_err(),
            "missing fields"
        );
        assert!(parse_runs("year,model\n").is_err(), "wrong header");
    }

    #[test]
    fn derived_constants_follow_from_their_inputs() {
        let doubling = std::f64::consts::LN_2 / FRONTIER_SPEND_GROWTH_PER_YEAR.ln();
        assert!((FRONTIER_SPEND_DOUBLING_YEARS - doubling).abs() < 1e-3);
        assert!((FLOP_PER_DOLLAR_2025.log10() - 17.85).abs() < 0.01);
        // Spend × FLOP/$ in 2025 reproduces Grok 3's estimated 4.6e26 FLOP within 5%.
        let affordable = (LARGEST_TRAINING_RUN_SPEND_2025_USD * FLOP_PER_DOLLAR_2025).log10();
        assert!(
            (affordable - 4.6e26_f64.log10()).abs() < 0.02,
            "{affordable}"
        );
    }
}
