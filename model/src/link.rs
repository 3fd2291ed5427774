//! Share links: a scenario as a query string of registry `key=value` pairs, plus `preset=ID`
//! (the base the pairs apply to) and `v=2` (schema version). Only keys that differ from the
//! preset are written; values use the shortest text that parses back to the same number.
//! Parsing never panics: whatever it cannot use is ignored and reported in a note.
//! [`read_link`] is the one reader of a link (the page, the embed and the CLI call it);
//! [`split_page_query`] separates the page's own flags (`embed`, `bench`) from the link.
//!
//! In a link, `+` is a plus sign, not a space: numbers are written `1e+24` by JavaScript and
//! by people, and no key or value of ours holds a space. Analytics tags that sites append to
//! shared links (`utm_*`, `fbclid`, …, [`is_tracking_key`]) are dropped without a note, and a
//! query made only of keys that are not ours is not a share link at all ([`is_share_query`]).
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

use super::number::shortest;
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

/// User text as it may appear in a note: at most `MAX_QUOTED_CHARS` (40) characters, control
/// and invisible formatting characters shown as escapes. Notes are plain text; the UI must
/// still show them as text.
pub fn quote(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || is_format_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode's invisible format characters (general category Cf) that can change how the text
/// around them reads: bidirectional embeddings, overrides and isolates (U+202A–202E,
/// U+2066–2069, the "Trojan Source" characters, CVE-2021-42574), marks, zero-width characters,
/// the byte-order mark and tag characters. Listed by hand so that no Unicode table reaches the
/// wasm.
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
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

/// Everything a share link says, read by [`read_link`].
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The scenario: the preset's, with the link's parameters applied (clamped).
    pub scenario: Scenario,
    /// Id of the preset the parameters apply to (the last `preset=` that names one, else the
    /// first preset's): what "changed" and "reset" compare against.
    pub preset: &'static str,
    /// `given=YEAR`: condition on no TAI by YEAR (None when absent or unusable).
    pub given: Option<i32>,
    /// What was ignored or adjusted, in plain words: at most [`MAX_NOTES`] + 1 lines.
    pub notes: Vec<String>,
}

/// Reads a share link: its scenario, its preset, its conditioning year and notes on everything
/// that was ignored or clamped. Accepts a bare query (`a=1&b=2`), one with a leading `?`, or a
/// whole URL (the part after `?`, up to any `#`). Reads at most [`MAX_QUERY_CHARS`]. A key given
/// twice counts once: the last value wins (noted), as when a parameter is appended to a link by
/// hand; `preset` and `given` follow the same rule. Never panics.
pub fn read_link(query: &str) -> Link {
    let (mut link, given_note) = read(query);
    if let Some(note) = given_note {
        // After the scenario's notes, and like them within the cap.
        if link.notes.len() <= MAX_NOTES {
            link.notes.push(note);
        }
    }
    link
}

/// [`read_link`], with the note on a bad `given=` apart.
fn read(query: &str) -> (Link, Option<String>) {
    let mut notes = Notes::new();
    let (pairs, truncated) = query_pairs(query);
    if let Some(note) = truncated {
        notes.push(note);
    }
    let pairs = last_of_each_key(&pairs, &mut notes);

    let mut base = &presets()[0];
    let mut version_1 = false;
    for &(k, v) in &pairs {
        match k {
            "preset" => match preset(v) {
                Some(p) => base = p,
                None => notes.push(format!(
                    "unknown preset `{}`: using `{}`",
                    quote(v),
                    base.id
                )),
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
        preset_version_1(base.id).expect("every preset has a version 1")
    } else {
        (base.scenario)()
    };
    let mut given_text = None;
    for &(k, v) in &pairs {
        match k {
            "preset" | "v" => {}
            GIVEN_KEY => given_text = Some(v),
            _ if is_tracking_key(k) => {}
            _ => apply_param(
                &mut scenario,
                k,
                v.trim().parse().ok(),
                &format!("`{k}={}`", quote(v)),
                "",
                &mut notes,
            ),
        }
    }
    let (given, given_note) = match given_text.map(|v| given_year(v, &scenario)) {
        Some(Ok(year)) => (Some(year), None),
        Some(Err(note)) => (None, Some(note)),
        None => (None, None),
    };
    let link = Link {
        scenario,
        preset: base.id,
        given,
        notes: notes.into_vec(),
    };
    (link, given_note)
}

/// The scenario of a link and the notes about it: [`read_link`] without the preset, the year
/// and the note on a bad year.
pub fn scenario_from_query(query: &str) -> (Scenario, Vec<String>) {
    let (link, _) = read(query);
    (link.scenario, link.notes)
}

/// Sets one parameter read from outside (a link, a scenario file, stored scenarios) on
/// `scenario`, the one way all of them are read: the key renamed ([`current_key`]), an unknown
/// key dropped, a value that is not a finite number ignored, a value outside the parameter's
/// range clamped by [`Scenario::set`]; each of these noted in plain words, starting with
/// `context`. `value` is the number read (None: not a number); `pair` is how notes show the
/// pair as it was written (`` `key=1e9` `` in a link, `` `key` = 1e9 `` in a file).
pub fn apply_param(
    scenario: &mut Scenario,
    raw_key: &str,
    value: Option<f64>,
    pair: &str,
    context: &str,
    notes: &mut Notes,
) {
    let key = current_key(raw_key);
    let Some(spec) = param_spec(key) else {
        notes.push(format!(
            "{context}unknown parameter `{}` ignored",
            quote(raw_key)
        ));
        return;
    };
    let Some(value) = value.filter(|v| v.is_finite()) else {
        notes.push(format!("{context}{pair} is not a finite number: ignored"));
        return;
    };
    if scenario.set(key, value).is_err() {
        notes.push(format!("{context}{pair} could not be set: ignored"));
        return;
    }
    if value < spec.min || value > spec.max {
        let got = scenario.get(key).unwrap_or(value);
        notes.push(format!(
            "{context}{pair} is outside [{}, {}]: clamped to {}",
            spec.min,
            spec.max,
            shortest(got)
        ));
    }
}

/// The pairs with only the last occurrence of each key (keys renamed first), in order; each
/// repeated key noted once.
fn last_of_each_key<'a>(
    pairs: &'a [(String, String)],
    notes: &mut Notes,
) -> Vec<(&'a str, &'a str)> {
    let mut last_index = std::collections::HashMap::new();
    for (i, (k, _)) in pairs.iter().enumerate() {
        last_index.insert(current_key(k), i);
    }
    let mut repeated_noted = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(last_index.len());
    for (i, (k, v)) in pairs.iter().enumerate() {
        let k = current_key(k);
        if last_index[k] == i {
            kept.push((k, v.as_str()));
        } else if repeated_noted.insert(k) && !is_tracking_key(k) {
            notes.push(format!(
                "`{}` is given more than once: the last value is used",
                quote(k)
            ));
        }
    }
    kept
}

/// Query keys that link-sharing sites and mail tools append (Google Analytics' `utm_*`,
/// Facebook's `fbclid`, Google Ads' `gclid`, Microsoft's `msclkid`, Mailchimp's `mc_*`, …):
/// none is ours, and a reader who arrives with one should see no note about it.
pub fn is_tracking_key(key: &str) -> bool {
    const EXACT: [&str; 14] = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
        "yclid", "twclid", "ttclid", "ref_src", "_ga",
    ];
    key.starts_with("utm_") || key.starts_with("_hs") || EXACT.contains(&key)
}

/// Whether a query is a share link: whether it has at least one key of ours (`preset`, `v`,
/// `given`, a registry key or a renamed one). A visitor who arrives with only someone else's
/// keys (`?fbclid=…`, `?utm_source=…`) has not opened a shared scenario, so the page opens their
/// own.
pub fn is_share_query(query: &str) -> bool {
    let (pairs, _) = query_pairs(query);
    pairs.iter().any(|(k, _)| {
        let k = current_key(k);
        matches!(k, "preset" | "v" | GIVEN_KEY) || param_spec(k).is_some()
    })
}

/// The page's own query flags, apart from the share link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageQuery {
    /// `embed=VARIANT` (the last one; `Some("")` for a bare `embed`): the chrome-free view.
    pub embed: Option<String>,
    /// `bench` (with or without a value): record performance marks.
    pub bench: bool,
    /// Every other pair, in order, as the share link to read with [`read_link`].
    pub link: String,
}

/// Splits the page's address query (`location.search`) into its flags and the share link.
/// The link part is the query without those pairs, as written (still encoded), so it reads
/// exactly as the whole query would. Linear in the length of `search`.
pub fn split_page_query(search: &str) -> PageQuery {
    let search = search.strip_prefix('?').unwrap_or(search);
    let search = search.split('#').next().unwrap_or("");
    let mut out = PageQuery::default();
    let mut link = Vec::new();
    // Empty pairs stay: the link is then the query itself, byte for byte, when no flag is in it.
    for pair in search.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match percent_decode(key).as_str() {
            "embed" => out.embed = Some(percent_decode(value)),
            "bench" => out.bench = true,
            _ => link.push(pair),
        }
    }
    out.link = link.join("&");
    out
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

/// The year of a link's `given=YEAR` (conditioning on "no TAI by YEAR"), read as
/// [`read_link`] reads it. `Ok(None)`: the link does not condition. `Err(note)`: its `given`
/// is not a whole year within the years the forecast of `scenario` (the link's own) covers,
/// 2025 ..= [`Scenario::last_year`]; the caller shows the note and does not condition.
pub fn given_from_query(query: &str, scenario: &Scenario) -> Result<Option<i32>, String> {
    let (pairs, _) = query_pairs(query);
    match pairs.iter().rev().find(|(k, _)| k == GIVEN_KEY) {
        Some((_, v)) => given_year(v, scenario).map(Some),
        None => Ok(None),
    }
}

/// The value of `given=` as a year of `scenario`'s forecast, or the note that says why not.
fn given_year(v: &str, scenario: &Scenario) -> Result<i32, String> {
    let last = scenario.last_year();
    match v.trim().parse::<i64>() {
        Ok(year) if (FIRST_YEAR as i64..=last as i64).contains(&year) => Ok(year as i32),
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

/// The address bar's query for a scenario: empty for the first preset unchanged and not
/// conditioned (the plain address, which a reload opens on the visitor's autosave), else
/// [`share_query`].
pub fn address_query(scenario: &Scenario, preset_id: &str, given: Option<i32>) -> String {
    let default = &presets()[0];
    if given.is_none() && preset_id == default.id && scenario.diff(&(default.scenario)()).is_empty()
    {
        String::new()
    } else {
        share_query(scenario, preset_id, given)
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

/// Decodes `%XX` escapes; invalid escapes stay as they are. `+` stays a plus sign (see the
/// module docs).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
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
        assert_eq!(percent_decode("a%2Eb+c"), "a.b+c");
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
        // A sign is not a hex digit (`from_str_radix` would take "%+1" as byte 1).
        assert_eq!(percent_decode("%+1%-f"), "%+1%-f");
    }
}
