//! Share links: a scenario as a query string of registry `key=value` pairs, plus `preset=ID`
//! (the base the pairs apply to) and `v=2` (schema version). Only keys that differ from the
//! preset are written; values use the shortest text that parses back to the same number.
//! Parsing never panics: whatever it cannot use is ignored and reported in a note.
//!
//! Version 1 links were written while the presets had the rule of algorithmic progress of the
//! public reimplementations; they are read on those presets ([`preset_version_1`]), so an old
//! link gives the numbers it gave. A link without `v` is read as the current version.
//!
//! One link-level key is not a parameter: `given=YEAR` ([`GIVEN_KEY`]), written only when the
//! reader conditions the forecast on "no TAI by YEAR" ([`share_query`], read back by
//! [`given_from_query`]). Conditioning is a way of reading a scenario, not part of it: the
//! scenario's parameters, saved scenarios and files never hold it. A reader without this key
//! notes it as an unknown parameter and shows the plain forecast.

use super::params::param_spec;
use super::presets::{preset, preset_version_1, presets};
use super::scenario::{Scenario, FIRST_YEAR};

/// Version of the link format this code writes and reads: 2 since the rule of algorithmic
/// progress was refitted to the author's whole curve (what version 1 meant is still read).
pub const LINK_VERSION: &str = "2";

/// The version whose links are read on [`preset_version_1`].
pub const LINK_VERSION_1: &str = "1";

/// Parameter keys that were renamed, as (old key, new key). Links, saved scenarios and imported
/// JSON all read old keys through this one table, so a rename never breaks what people kept.
/// Append when a registry key is renamed; never remove an entry.
pub const KEY_RENAMES: &[(&str, &str)] = &[];

/// The link-level key of "given no TAI by YEAR": `given=2026`. Not a scenario parameter.
pub const GIVEN_KEY: &str = "given";

/// How much of a link the decoder reads. A link that spells out every parameter is ~4,000
/// characters; past this cap the rest is ignored (with a note), so a pasted megabyte costs nothing.
pub const MAX_QUERY_CHARS: usize = 16 * 1024;

/// Most notes any decoder returns; the rest are summed up in one final note.
pub const MAX_NOTES: usize = 20;

/// Longest piece of user text quoted in a note.
const MAX_QUOTED_CHARS: usize = 40;

/// The current name of a parameter key: follows [`KEY_RENAMES`] (also chains of renames).
pub fn current_key(key: &str) -> &str {
    follow_renames(KEY_RENAMES, key)
}

/// [`current_key`] over any rename table (public so the mechanism can be tested with a table
/// that has entries). Stops after as many steps as the table has entries, so a cycle cannot hang.
pub fn follow_renames<'a>(table: &[(&'a str, &'a str)], key: &'a str) -> &'a str {
    let mut key = key;
    for _ in 0..table.len() {
        match table.iter().find(|(old, _)| *old == key) {
            Some((_, new)) => key = new,
            None => break,
        }
    }
    key
}

/// Notes for people, capped at [`MAX_NOTES`] (the rest are counted in a last note).
#[derive(Debug, Default)]
pub struct Notes {
    notes: Vec<String>,
    not_shown: usize,
}

impl Notes {
    pub fn new() -> Notes {
        Notes::default()
    }

    pub fn push(&mut self, note: String) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(note);
        } else {
            self.not_shown += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// The notes, with "… and N more" last if any were left out.
    pub fn into_vec(mut self) -> Vec<String> {
        if self.not_shown > 0 {
            self.notes.push(format!(
                "… and {} more problem{} like these",
                self.not_shown,
                if self.not_shown == 1 { "" } else { "s" }
            ));
        }
        self.notes
    }
}

/// User text as it may appear in a note: at most [`MAX_QUOTED_CHARS`] characters, control
/// characters shown as escapes. Notes are plain text; the UI must still show them as text.
pub fn quote(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix_at_most(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The scenario a query string describes, and human-readable notes about every part that was
/// ignored or clamped. Accepts a bare query (`a=1&b=2`), one with a leading `?`, or a whole URL
/// (the part after `?`, up to any `#`). Reads at most [`MAX_QUERY_CHARS`] and returns at most
/// [`MAX_NOTES`] + 1 notes. A key given twice counts once: the last value wins, as when a
/// parameter is appended to a link by hand. `given` is not a parameter and not noted here:
/// [`given_from_query`] reads it.
pub fn scenario_from_query(query: &str) -> (Scenario, Vec<String>) {
    let mut notes = Notes::new();
    let (pairs, truncated) = query_pairs(query);
    if let Some(note) = truncated {
        notes.push(note);
    }

    // The last occurrence of each key wins; earlier ones are noted once per key.
    let mut last_index = std::collections::HashMap::new();
    for (i, (k, _)) in pairs.iter().enumerate() {
        last_index.insert(current_key(k), i);
    }
    let mut repeated_noted = std::collections::HashSet::new();
    for (i, (k, _)) in pairs.iter().enumerate() {
        let k = current_key(k);
        if last_index[k] != i && repeated_noted.insert(k) {
            notes.push(format!(
                "`{}` is given more than once: the last value is used",
                quote(k)
            ));
        }
    }
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .enumerate()
        .filter(|(i, (k, _))| last_index[current_key(k)] == *i)
        .map(|(_, (k, v))| (current_key(k), v.as_str()))
        .collect();

    let mut base = presets()[0].id;
    let mut version_1 = false;
    for &(k, v) in &pairs {
        match k {
            "preset" => match preset(v) {
                Some(p) => base = p.id,
                None => notes.push(format!("unknown preset `{}`: using `{base}`", quote(v))),
            },
            "v" if v.trim() == LINK_VERSION_1 => version_1 = true,
            "v" if v != LINK_VERSION => notes.push(format!(
                "link version `{}` is not {LINK_VERSION}: read as version {LINK_VERSION}",
                quote(v)
            )),
            _ => {}
        }
    }
    // A version 1 link opens as it did (no note: nothing in it was ignored or adjusted); its
    // rule endpoints then show as changed from the current preset.
    let mut scenario = if version_1 {
        preset_version_1(base).expect("every preset has a version 1")
    } else {
        (preset(base).expect("base is a known preset").scenario)()
    };

    for &(k, v) in &pairs {
        if k == "preset" || k == "v" || k == GIVEN_KEY {
            continue;
        }
        let Some(spec) = param_spec(k) else {
            notes.push(format!("unknown parameter `{}` ignored", quote(k)));
            continue;
        };
        let value: f64 = match v.trim().parse() {
            Ok(x) if f64::is_finite(x) => x,
            _ => {
                notes.push(format!(
                    "`{k}={}` is not a finite number: ignored",
                    quote(v)
                ));
                continue;
            }
        };
        if scenario.set(k, value).is_err() {
            notes.push(format!("`{k}={}` could not be set: ignored", quote(v)));
            continue;
        }
        if value < spec.min || value > spec.max {
            let got = scenario.get(k).unwrap_or(value);
            notes.push(format!(
                "`{k}={}` is outside [{}, {}]: clamped to {}",
                quote(v),
                spec.min,
                spec.max,
                shortest(got)
            ));
        }
    }
    (scenario, notes.into_vec())
}

/// The decoded `key=value` pairs of a query (bare, after a `?`, or a whole URL: the part after
/// `?`, up to any `#`), in order, and a note if it was longer than [`MAX_QUERY_CHARS`].
fn query_pairs(query: &str) -> (Vec<(String, String)>, Option<String>) {
    let query = match query.split_once('?') {
        Some((_, q)) => q,
        None => query,
    };
    let query = query.split('#').next().unwrap_or("");
    let kept = prefix_at_most(query, MAX_QUERY_CHARS);
    let truncated = (kept.len() < query.len()).then(|| {
        format!(
            "the link is {} characters long: only the first {} were read",
            query.len(),
            kept.len()
        )
    });
    let pairs = kept
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    (pairs, truncated)
}

/// Everything a share link says: its scenario ([`scenario_from_query`]), its conditioning year
/// ([`given_from_query`]; None when absent or bad) and the notes of both, the scenario's first.
pub fn read_link(query: &str) -> (Scenario, Option<i32>, Vec<String>) {
    let (scenario, mut notes) = scenario_from_query(query);
    let given = given_from_query(query, &scenario).unwrap_or_else(|note| {
        notes.push(note);
        None
    });
    (scenario, given, notes)
}

/// The year of a link's `given=YEAR` (conditioning on "no TAI by YEAR"), read from the same
/// forms as [`scenario_from_query`] (the last `given` wins; that function notes repeats).
/// `Ok(None)`: the link does not condition. `Err(note)`: it has a `given` that is not a whole
/// year within the years the forecast of `scenario` (the link's own) covers, 2025 ..=
/// [`Scenario::last_year`]; the caller shows the note with the link's others and does not
/// condition.
pub fn given_from_query(query: &str, scenario: &Scenario) -> Result<Option<i32>, String> {
    let (pairs, _) = query_pairs(query);
    let Some((_, v)) = pairs.iter().rev().find(|(k, _)| k == GIVEN_KEY) else {
        return Ok(None);
    };
    let last = scenario.last_year();
    match v.trim().parse::<i64>() {
        Ok(year) if (FIRST_YEAR as i64..=last as i64).contains(&year) => Ok(Some(year as i32)),
        Ok(_) => Err(format!(
            "`{GIVEN_KEY}={}` is outside the forecast's years [{FIRST_YEAR}, {last}]: ignored, the forecast is not conditioned",
            quote(v)
        )),
        Err(_) => Err(format!(
            "`{GIVEN_KEY}={}` is not a whole year: ignored, the forecast is not conditioned",
            quote(v)
        )),
    }
}

/// [`query_from_scenario`], plus `given=YEAR` when the reader conditions on "no TAI by YEAR".
pub fn share_query(scenario: &Scenario, preset_id: &str, given: Option<i32>) -> String {
    let query = query_from_scenario(scenario, preset_id);
    match given {
        Some(year) => format!("{query}&{GIVEN_KEY}={year}"),
        None => query,
    }
}

/// The query string (without `?`) for `scenario` relative to the preset `preset_id` (the first
/// preset if the id is unknown): `v=2&preset=ID` and the keys whose values differ.
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
                // Both must be hex digits: `from_str_radix` alone would take "%+1" as byte 1.
                let hex = (bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit())
                    .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok())
                    .flatten()
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
        // A sign is not a hex digit (`from_str_radix` would take "%+1" as byte 1).
        assert_eq!(percent_decode("%+1%-f"), "% 1%-f");
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
