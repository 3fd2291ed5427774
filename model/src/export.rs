//! Scenarios as JSON files people download and import, and forecasts as CSV.
//!
//! A scenario file holds every registry parameter by its dotted key (not the `Scenario` struct's
//! field layout), so it survives refactors of the struct and key renames ([`link::KEY_RENAMES`]).
//! Reading validates like a share link: unknown keys are dropped, values are clamped to the
//! registry's range, and every change is reported in plain words. `forecast_csv` is the one
//! writer of the CLI's `--format csv`, so the app's download and the CLI cannot drift.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::anchor::Anchor;
use super::forecast::Forecast;
use super::link::{self, quote, Notes};
use super::number::shortest;
use super::params::{param_spec, param_specs, ParamKind};
use super::presets::{preset, preset_version_1, presets};
use super::scenario::Scenario;

/// The `format` field of a scenario file, so a file says what it is.
pub const SCENARIO_FORMAT: &str = "bioanchors-scenario";

/// Version of the scenario file this code writes: 2 since the presets' rule of algorithmic
/// progress was refitted. A file of version 1 is read on the presets of version 1
/// ([`preset_version_1`]): its missing parameters take the values they had then.
pub const SCENARIO_FILE_VERSION: u64 = 2;

/// Largest scenario file read. A file with every parameter is ~8 KB; this leaves room for
/// hand edits and whitespace while refusing to parse a wrong multi-megabyte file.
pub const MAX_JSON_CHARS: usize = 1024 * 1024;

/// Every registry parameter of `scenario` with its value, in display order.
pub fn scenario_params(scenario: &Scenario) -> Vec<(&'static str, f64)> {
    param_specs()
        .iter()
        .filter_map(|s| Some((s.key, scenario.get(s.key)?)))
        .collect()
}

/// Every finite parameter as a JSON object (key → number). Non-finite values cannot be written
/// as JSON and cannot come from `Scenario::set`; they are left out and read back as the preset's.
pub fn params_object(scenario: &Scenario) -> Map<String, Value> {
    scenario_params(scenario)
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), Value::from(serde_json::Number::from_f64(v)?))))
        .collect()
}

/// A scenario file: `{"format", "version", "preset", "params": {every key: number}}`, pretty
/// printed with the parameters in display order. `preset_id` is the preset the scenario started
/// from (the first preset if unknown).
pub fn scenario_to_json(scenario: &Scenario, preset_id: &str) -> String {
    let preset_id = preset(preset_id).unwrap_or(&presets()[0]).id;
    let mut out = String::new();
    out.push_str("{\n");
    let _ = writeln!(out, "  \"format\": \"{SCENARIO_FORMAT}\",");
    let _ = writeln!(out, "  \"version\": {SCENARIO_FILE_VERSION},");
    let _ = writeln!(out, "  \"preset\": {},", Value::from(preset_id));
    out.push_str("  \"params\": {");
    let params: Vec<_> = scenario_params(scenario)
        .into_iter()
        .filter(|(_, v)| v.is_finite())
        .collect();
    for (i, (key, value)) in params.iter().enumerate() {
        let sep = if i + 1 == params.len() { "" } else { "," };
        // `shortest` is valid JSON for finite numbers ("2.5", "1e24") and parses back exactly.
        let _ = write!(
            out,
            "\n    {}: {}{sep}",
            Value::from(*key),
            shortest(*value)
        );
    }
    out.push_str("\n  }\n}\n");
    out
}

/// A scenario read from a file, the preset it started from, and what was changed on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedScenario {
    pub scenario: Scenario,
    pub preset_id: &'static str,
    pub notes: Vec<String>,
}

/// A JSON parser: text to a `serde_json::Value`, or why it is not JSON. [`parse_json`]
/// (serde_json's) natively; the browser app passes one over `JSON.parse`, which is correctly
/// rounded like serde_json with `float_roundtrip` and keeps serde_json's parser (~10 KB of
/// gzipped wasm) out of the page.
pub type JsonParser = fn(&str) -> Result<Value, String>;

/// serde_json's parser, as a [`JsonParser`].
pub fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The scenario in a scenario file, with notes on everything ignored or clamped. See
/// [`import_scenario_json`] for the forms accepted.
pub fn scenario_from_json(text: &str) -> Result<(Scenario, Vec<String>), String> {
    import_scenario_json(text).map(|i| (i.scenario, i.notes))
}

/// Reads a scenario file. Accepts the file [`scenario_to_json`] writes, a bare object of
/// `key: number` pairs, and the `Scenario` struct as serde writes it (what the CLI's
/// `--scenario` took first). Errors only when nothing usable is there (not JSON, not an object,
/// too long); everything else is read as far as it goes, with notes.
pub fn import_scenario_json(text: &str) -> Result<ImportedScenario, String> {
    import_scenario_json_parsed(text, parse_json)
}

/// [`import_scenario_json`] with a given JSON parser (see [`JsonParser`]).
pub fn import_scenario_json_parsed(
    text: &str,
    parse: JsonParser,
) -> Result<ImportedScenario, String> {
    if text.len() > MAX_JSON_CHARS {
        return Err(format!(
            "the file is {} bytes; a scenario file is at most {MAX_JSON_CHARS}",
            text.len()
        ));
    }
    let value = parse(text).map_err(|e| format!("this is not a scenario file: {e}"))?;
    let Value::Object(object) = value else {
        return Err("this is not a scenario file: it holds no JSON object".to_string());
    };
    let mut notes = Notes::new();

    if let Some(params) = object.get("params") {
        match object.get("format") {
            None => {}
            Some(Value::String(f)) if f == SCENARIO_FORMAT => {}
            Some(other) => notes.push(format!(
                "the file says its format is {}, not \"{SCENARIO_FORMAT}\": read anyway",
                quote(&other.to_string())
            )),
        }
        let mut version_1 = false;
        match object.get("version") {
            None => {}
            Some(v) if v.as_u64() == Some(SCENARIO_FILE_VERSION) => {}
            Some(v) if v.as_u64() == Some(1) => version_1 = true,
            Some(v) => notes.push(format!(
                "scenario file version {} is not {SCENARIO_FILE_VERSION}: read as version \
                 {SCENARIO_FILE_VERSION}",
                quote(&v.to_string())
            )),
        }
        let preset_id = object.get("preset");
        let (scenario, preset_id) =
            scenario_from_params_of(preset_id, params, version_1, "", &mut notes);
        return Ok(ImportedScenario {
            scenario,
            preset_id,
            notes: notes.into_vec(),
        });
    }

    if looks_like_scenario_struct(&object) {
        let scenario = scenario_from_struct(Value::Object(object), &mut notes);
        return Ok(ImportedScenario {
            scenario,
            preset_id: presets()[0].id,
            notes: notes.into_vec(),
        });
    }

    // A bare `{key: number}` object, optionally with "preset".
    let preset_id = object.get("preset").cloned();
    let mut params = object;
    params.remove("preset");
    let (scenario, preset_id) =
        scenario_from_params(preset_id.as_ref(), &Value::Object(params), "", &mut notes);
    Ok(ImportedScenario {
        scenario,
        preset_id,
        notes: notes.into_vec(),
    })
}

/// Top-level field names of the serde form of `Scenario`.
const SCENARIO_STRUCT_FIELDS: &[&str] = &[
    "anchors",
    "beyond_weight",
    "requirements",
    "components",
    "algorithmic_progress",
    "hardware",
    "spending",
    "uncertainty",
    "end_year",
];

fn looks_like_scenario_struct(object: &Map<String, Value>) -> bool {
    object
        .keys()
        .any(|k| SCENARIO_STRUCT_FIELDS.contains(&k.as_str()))
}

/// The serde form of `Scenario`, then every parameter put through `Scenario::set` so values
/// outside the registry's range are clamped like anywhere else.
fn scenario_from_struct(value: Value, notes: &mut Notes) -> Scenario {
    // The browser leaves this older form to the CLI: serde's derived readers for the whole
    // `Scenario` cost ~4 KB of the gzipped wasm's 400 KB budget, for files the app never writes.
    #[cfg(target_arch = "wasm32")]
    {
        let _ = value;
        notes.push(
            "this file holds a scenario in the command-line tool's older full form, which the \
             browser does not read: using the best guess (run `bioanchors forecast --scenario \
             FILE` to read it)"
                .to_string(),
        );
        Scenario::default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    scenario_from_struct_fields(value, notes)
}

#[cfg(not(target_arch = "wasm32"))]
fn scenario_from_struct_fields(value: Value, notes: &mut Notes) -> Scenario {
    let mut scenario = match serde_json::from_value::<Scenario>(value) {
        Ok(s) => s,
        Err(e) => {
            notes.push(format!(
                "the scenario could not be read ({}): using the best guess",
                quote(&e.to_string())
            ));
            return Scenario::default();
        }
    };
    let fallback = Scenario::default();
    for spec in param_specs() {
        let Some(value) = scenario.get_unclamped(spec.key) else {
            continue;
        };
        let target = if value.is_finite() {
            value
        } else {
            fallback.get(spec.key).unwrap_or(spec.min)
        };
        let _ = scenario.set(spec.key, target);
        let now = scenario.get_unclamped(spec.key).unwrap_or(target);
        if now.to_bits() != value.to_bits() {
            notes.push(format!(
                "`{}` = {} is outside [{}, {}]: set to {}",
                spec.key,
                value,
                spec.min,
                spec.max,
                shortest(now)
            ));
        }
    }
    scenario
}

/// Builds a scenario from a JSON object of `key: value` pairs on top of a preset, validating
/// like a share link: old keys are renamed ([`link::current_key`]), unknown keys dropped,
/// values clamped (numbers, numeric strings and, for toggles, booleans are accepted). Missing
/// keys keep the preset's value. Every note starts with `context` (e.g. `saved scenario "A": `).
/// Returns the scenario and the id of the preset it was built on.
pub fn scenario_from_params(
    preset_id: Option<&Value>,
    params: &Value,
    context: &str,
    notes: &mut Notes,
) -> (Scenario, &'static str) {
    scenario_from_params_of(preset_id, params, false, context, notes)
}

/// [`scenario_from_params`] on the preset as it was in version 1 (`version_1`) or now.
fn scenario_from_params_of(
    preset_id: Option<&Value>,
    params: &Value,
    version_1: bool,
    context: &str,
    notes: &mut Notes,
) -> (Scenario, &'static str) {
    let base = match preset_id {
        None | Some(Value::Null) => &presets()[0],
        Some(Value::String(id)) => match preset(id) {
            Some(p) => p,
            None => {
                notes.push(format!(
                    "{context}unknown preset `{}`: using `{}`",
                    quote(id),
                    presets()[0].id
                ));
                &presets()[0]
            }
        },
        Some(other) => {
            notes.push(format!(
                "{context}preset {} is not a preset id: using `{}`",
                quote(&other.to_string()),
                presets()[0].id
            ));
            &presets()[0]
        }
    };
    let mut scenario = if version_1 {
        preset_version_1(base.id).expect("every preset has a version 1")
    } else {
        (base.scenario)()
    };
    let Value::Object(params) = params else {
        notes.push(format!(
            "{context}the parameters are not a JSON object: the preset's values are used"
        ));
        return (scenario, base.id);
    };
    for (raw_key, raw_value) in params {
        let key = link::current_key(raw_key);
        let is_toggle = param_spec(key).is_some_and(|s| s.kind == ParamKind::Toggle);
        let value = match raw_value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            Value::Bool(b) if is_toggle => Some(if *b { 1.0 } else { 0.0 }),
            _ => None,
        };
        // A number as the shortest text that reads back the same; anything else as written.
        let shown = match value {
            Some(v) if v.is_finite() => shortest(v),
            _ => quote(&raw_value.to_string()),
        };
        let pair = format!("`{key}` = {shown}");
        link::apply_param(&mut scenario, raw_key, value, &pair, context, notes);
    }
    (scenario, base.id)
}

/// The forecast as CSV: a header `year,p_by_year,<anchor keys…>`, then one row per year with
/// P(TAI by year) and each anchor's contribution, every number in Rust's shortest round-trip
/// form. This is exactly what `bioanchors forecast --format csv` prints.
pub fn forecast_csv(forecast: &Forecast) -> String {
    let mut out = String::from("year,p_by_year");
    for a in Anchor::ALL {
        out.push(',');
        out.push_str(a.key());
    }
    out.push('\n');
    for (i, year) in forecast.years.iter().enumerate() {
        let _ = write!(out, "{year},{}", forecast.p_by_year[i]);
        for a in Anchor::ALL {
            let _ = write!(out, ",{}", forecast.p_by_year_per_anchor.get(a)[i]);
        }
        out.push('\n');
    }
    out
}
