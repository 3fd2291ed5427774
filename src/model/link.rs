//! Share links: a scenario as a query string of registry `key=value` pairs, plus `preset=ID`
//! (the base the pairs apply to) and `v=1` (schema version). Only keys that differ from the
//! preset are written; values use the shortest text that parses back to the same number.
//! Parsing never panics: whatever it cannot use is ignored and reported in a note.

use super::params::param_spec;
use super::presets::{preset, presets};
use super::scenario::Scenario;

/// Version of the link format this code writes and reads.
pub const LINK_VERSION: &str = "1";

/// The scenario a query string describes, and human-readable notes about every part that was
/// ignored or clamped. Accepts a bare query (`a=1&b=2`), one with a leading `?`, or a whole URL
/// (the part after `?`, up to any `#`).
pub fn scenario_from_query(query: &str) -> (Scenario, Vec<String>) {
    let mut notes = Vec::new();
    let query = match query.split_once('?') {
        Some((_, q)) => q,
        None => query,
    };
    let query = query.split('#').next().unwrap_or("");
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();

    let mut base = presets()[0].id;
    for (k, v) in &pairs {
        match k.as_str() {
            "preset" => match preset(v) {
                Some(p) => base = p.id,
                None => notes.push(format!("unknown preset `{v}`: using `{base}`")),
            },
            "v" if v != LINK_VERSION => notes.push(format!(
                "link version `{v}` is not {LINK_VERSION}: read as version {LINK_VERSION}"
            )),
            _ => {}
        }
    }
    let mut scenario = (preset(base).expect("base is a known preset").scenario)();

    for (k, v) in &pairs {
        if k == "preset" || k == "v" {
            continue;
        }
        let Some(spec) = param_spec(k) else {
            notes.push(format!("unknown parameter `{k}` ignored"));
            continue;
        };
        let value: f64 = match v.trim().parse() {
            Ok(x) if f64::is_finite(x) => x,
            _ => {
                notes.push(format!("`{k}={v}` is not a finite number: ignored"));
                continue;
            }
        };
        if scenario.set(k, value).is_err() {
            notes.push(format!("`{k}={v}` could not be set: ignored"));
            continue;
        }
        if value < spec.min || value > spec.max {
            let got = scenario.get(k).unwrap_or(value);
            notes.push(format!(
                "`{k}={v}` is outside [{}, {}]: clamped to {}",
                spec.min,
                spec.max,
                shortest(got)
            ));
        }
    }
    (scenario, notes)
}

/// The query string (without `?`) for `scenario` relative to the preset `preset_id` (the first
/// preset if the id is unknown): `v=1&preset=ID` and the keys whose values differ.
pub fn query_from_scenario(scenario: &Scenario, preset_id: &str) -> String {
    let base = preset(preset_id).unwrap_or(&presets()[0]);
    let mut parts = vec![format!("v={LINK_VERSION}"), format!("preset={}", base.id)];
    for (key, value) in scenario.diff(&(base.scenario)()) {
        parts.push(format!("{key}={}", shortest(value)));
    }
    parts.join("&")
}

/// The shorter of Rust's two shortest round-trip forms (plain and scientific): both parse back
/// to exactly `v`.
pub fn shortest(v: f64) -> String {
    let plain = format!("{v}");
    let sci = format!("{v:e}");
    if sci.len() < plain.len() {
        sci
    } else {
        plain
    }
}

/// Decodes `%XX` escapes and `+` (a space in form encoding); invalid escapes stay as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_broken_ones() {
        assert_eq!(percent_decode("a%2Eb+c"), "a.b c");
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }

    #[test]
    fn shortest_picks_the_shorter_exact_form() {
        assert_eq!(shortest(1e24), "1e24");
        assert_eq!(shortest(2.5), "2.5");
        assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
        for v in [1e24, 4e17, 0.791_7, 2.13e13, 23.120_573_931_529_42] {
            assert_eq!(shortest(v).parse::<f64>().unwrap().to_bits(), v.to_bits());
        }
    }
}
