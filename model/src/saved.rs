//! What the app keeps in the browser's storage: the scenario on screen (autosaved) and the
//! scenarios people saved under a name. Pure data and text: the UI reads and writes the string,
//! this module decides what it means.
//!
//! The stored text is versioned JSON (`{"version": 2, ...}`). Older versions are upgraded by a
//! table of [`Migration`]s; scenarios are stored as registry `key: number` pairs and read back
//! like a share link (old keys renamed through [`super::link::KEY_RENAMES`], unknown keys
//! dropped, values clamped), so neither a refactor nor a renamed parameter loses a saved scenario.
//! Text that cannot be read is handed back whole ([`LoadOutcome::Unreadable`]) so the caller can
//! keep it under another key instead of overwriting it.
//!
//! Format version 2 (version 1 is the same, read on the presets of version 1):
//! ```json
//! {"version": 2, "revision": 12,
//!  "current": {"preset": "best-guess", "params": {"hardware.halving_years": 2.5, ...}},
//!  "saved": [{"name": "Plan A", "preset": "aggressive", "created": 1.7e12, "updated": 1.7e12,
//!             "params": {...}}]}
//! ```
//! Every parameter is stored, not only those that differ from the preset: a saved scenario keeps
//! giving the numbers it gave when saved even if a preset is re-fitted later. `revision` counts
//! the writes (absent in text written before it existed: 0): several tabs share one storage,
//! and a tab that finds another revision than the one it last read or wrote knows that another
//! tab wrote meanwhile.
//!
//! Reading is linear and bounded whatever the text: at most [`MAX_SAVED`] entries are read
//! (the rest are noted, so the caller keeps the whole text aside), names are checked against a
//! set, and timestamps are clamped to what JavaScript's `Date` can show.

use serde_json::{json, Map, Value};

use super::export::{self, params_object, scenario_from_params};
use super::link::{current_key, quote, Notes};
use super::presets::{preset, preset_version_1, presets};
use super::scenario::Scenario;

/// The format version [`save`] writes. 2 since the presets' rule of algorithmic progress was
/// refitted: format 1 is read with the presets of version 1 (see [`MIGRATIONS`]).
pub const FORMAT_VERSION: u64 = 2;

/// The localStorage key the app keeps its state under.
pub const STORAGE_KEY: &str = "bioanchors.saved";

/// Prefix of the keys unreadable or changed-on-load text is kept under (the caller appends
/// a timestamp), so that nothing people saved is ever overwritten unseen.
pub const BACKUP_KEY_PREFIX: &str = "bioanchors.saved.backup.";

/// Longest name kept, in characters (longer names are cut).
pub const MAX_NAME_CHARS: usize = 80;

/// Most named scenarios [`SavedState::save_as`] and [`SavedState::duplicate`] allow. One entry
/// is ~3.4 KB of JSON (measured, 94 parameters), so 200 take ~0.7 MB, well below the ~5 MB
/// browsers give a site's localStorage.
pub const MAX_SAVED: usize = 200;

/// The scenario on screen, kept so a reload opens where people left off.
#[derive(Clone, Debug, PartialEq)]
pub struct CurrentScenario {
    pub preset_id: String,
    pub scenario: Scenario,
}

/// A scenario saved under a name. Timestamps are whatever number the caller passes in
/// (the app uses `Date.now()`, milliseconds since 1970).
#[derive(Clone, Debug, PartialEq)]
pub struct SavedScenario {
    /// Plain text, stored as given (trimmed, at most [`MAX_NAME_CHARS`]); never interpreted.
    pub name: String,
    /// The preset it started from.
    pub preset_id: String,
    pub scenario: Scenario,
    pub created: f64,
    pub updated: f64,
}

/// Everything the app keeps in storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedState {
    pub current: Option<CurrentScenario>,
    /// In the order they were saved.
    pub saved: Vec<SavedScenario>,
    /// How many times the state was written (see the module docs); the writer increments it.
    pub revision: u64,
}

/// The largest timestamp magnitude JavaScript's `Date` accepts: ±8.64e15 ms, 100 million days
/// either side of 1970 (ECMAScript, "Time Values and Time Range"). Stored times are clamped to
/// it, so that showing one can never throw.
pub const MAX_TIME_MS: f64 = 8.64e15;

/// What [`load`] found.
// Made once per page load: boxing the state would only make matching on it clumsier.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum LoadOutcome {
    /// Nothing stored yet.
    Empty,
    /// The state, and notes on anything upgraded, renamed, clamped or dropped. When there are
    /// notes, the stored text means something other than what [`save`] will write back: keep
    /// the raw text under a [`BACKUP_KEY_PREFIX`] key before saving over it.
    Loaded(SavedState, Vec<String>),
    /// The text could not be read at all (not JSON, not ours, or an old format with no upgrade
    /// path). Keep `raw` under a [`BACKUP_KEY_PREFIX`] key; start from an empty state.
    Unreadable { raw: String, reason: String },
    /// The text was written by a newer version of the app (format `version`): it cannot be
    /// read, and must not be written over either, since that newer version still reads it.
    Newer { version: u64, reason: String },
}

/// Why an operation on saved scenarios was refused; `Display` says it to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedError {
    EmptyName,
    NameTaken(String),
    NotFound(String),
    TooMany,
}

impl std::fmt::Display for SavedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SavedError::EmptyName => write!(f, "Give the scenario a name."),
            SavedError::NameTaken(n) => write!(
                f,
                "There is already a saved scenario called \u{201c}{n}\u{201d}. Choose another name."
            ),
            SavedError::NotFound(n) => {
                write!(f, "There is no saved scenario called \u{201c}{n}\u{201d}.")
            }
            SavedError::TooMany => write!(
                f,
                "You have {MAX_SAVED} saved scenarios, the most this page keeps. Delete one first."
            ),
        }
    }
}

impl std::error::Error for SavedError {}

/// A name as it is stored: trimmed and cut to [`MAX_NAME_CHARS`] characters; otherwise as given.
pub fn clean_name(name: &str) -> Result<String, SavedError> {
    let cut: String = name.trim().chars().take(MAX_NAME_CHARS).collect();
    let cut = cut.trim_end();
    if cut.is_empty() {
        Err(SavedError::EmptyName)
    } else {
        Ok(cut.to_string())
    }
}

/// `wanted` (cleaned) if `taken` does not hold it, else `wanted (2)`, `wanted (3)`, … still
/// within [`MAX_NAME_CHARS`]. At most `taken.len() + 1` tries.
fn unique_name_in(
    taken: &std::collections::HashSet<String>,
    wanted: &str,
) -> Result<String, SavedError> {
    let base = clean_name(wanted)?;
    if !taken.contains(&base) {
        return Ok(base);
    }
    for i in 2.. {
        let suffix = format!(" ({i})");
        let room = MAX_NAME_CHARS - suffix.chars().count();
        let stem: String = base.chars().take(room).collect();
        let candidate = format!("{}{suffix}", stem.trim_end());
        if !taken.contains(&candidate) {
            return Ok(candidate);
        }
    }
    unreachable!("some suffix is free: `taken` is finite")
}

/// A known preset id, or the first preset's.
fn known_preset_id(id: &str) -> String {
    preset(id).unwrap_or(&presets()[0]).id.to_string()
}

impl SavedState {
    /// The names of the saved scenarios, in order.
    pub fn names(&self) -> Vec<&str> {
        self.saved.iter().map(|s| s.name.as_str()).collect()
    }

    /// The saved scenario called `name` (compared after [`clean_name`]).
    pub fn get(&self, name: &str) -> Result<&SavedScenario, SavedError> {
        let wanted = clean_name(name)?;
        self.saved
            .iter()
            .find(|s| s.name == wanted)
            .ok_or(SavedError::NotFound(wanted))
    }

    fn index_of(&self, name: &str) -> Result<usize, SavedError> {
        let wanted = clean_name(name)?;
        self.saved
            .iter()
            .position(|s| s.name == wanted)
            .ok_or(SavedError::NotFound(wanted))
    }

    /// Remembers the scenario on screen (the autosave).
    pub fn set_current(&mut self, preset_id: &str, scenario: &Scenario) {
        self.current = Some(CurrentScenario {
            preset_id: known_preset_id(preset_id),
            scenario: scenario.clone(),
        });
    }

    /// `wanted` (cleaned) if no saved scenario has that name, else `wanted (2)`, `wanted (3)`, …
    /// still within [`MAX_NAME_CHARS`].
    pub fn unique_name(&self, wanted: &str) -> Result<String, SavedError> {
        let taken: std::collections::HashSet<String> =
            self.saved.iter().map(|s| s.name.clone()).collect();
        unique_name_in(&taken, wanted)
    }

    /// Saves `scenario` under a new name; refuses a name already in use.
    pub fn save_as(
        &mut self,
        name: &str,
        preset_id: &str,
        scenario: &Scenario,
        now: f64,
    ) -> Result<&SavedScenario, SavedError> {
        let name = clean_name(name)?;
        if self.saved.iter().any(|s| s.name == name) {
            return Err(SavedError::NameTaken(name));
        }
        if self.saved.len() >= MAX_SAVED {
            return Err(SavedError::TooMany);
        }
        self.saved.push(SavedScenario {
            name,
            preset_id: known_preset_id(preset_id),
            scenario: scenario.clone(),
            created: now,
            updated: now,
        });
        Ok(self.saved.last().expect("just pushed"))
    }

    /// Replaces the scenario saved as `name` (keeping its creation time).
    pub fn update(
        &mut self,
        name: &str,
        preset_id: &str,
        scenario: &Scenario,
        now: f64,
    ) -> Result<(), SavedError> {
        let i = self.index_of(name)?;
        let entry = &mut self.saved[i];
        entry.preset_id = known_preset_id(preset_id);
        entry.scenario = scenario.clone();
        entry.updated = now;
        Ok(())
    }

    /// Renames a saved scenario; refuses a new name already used by another one.
    pub fn rename(&mut self, old: &str, new: &str, now: f64) -> Result<(), SavedError> {
        let i = self.index_of(old)?;
        let new = clean_name(new)?;
        if self
            .saved
            .iter()
            .enumerate()
            .any(|(j, s)| j != i && s.name == new)
        {
            return Err(SavedError::NameTaken(new));
        }
        if self.saved[i].name != new {
            self.saved[i].name = new;
            self.saved[i].updated = now;
        }
        Ok(())
    }

    /// Copies a saved scenario under a free name (`name (2)`, …), placed right after it.
    /// Returns the new name.
    pub fn duplicate(&mut self, name: &str, now: f64) -> Result<String, SavedError> {
        let i = self.index_of(name)?;
        if self.saved.len() >= MAX_SAVED {
            return Err(SavedError::TooMany);
        }
        let new_name = self.unique_name(&self.saved[i].name)?;
        let copy = SavedScenario {
            name: new_name.clone(),
            created: now,
            updated: now,
            ..self.saved[i].clone()
        };
        self.saved.insert(i + 1, copy);
        Ok(new_name)
    }

    /// Deletes a saved scenario and returns it (so the UI can offer "undo").
    pub fn delete(&mut self, name: &str) -> Result<SavedScenario, SavedError> {
        let i = self.index_of(name)?;
        Ok(self.saved.remove(i))
    }
}

/// The text to store: format version [`FORMAT_VERSION`], every parameter of every scenario.
pub fn save(state: &SavedState) -> String {
    let scenario_json = |preset_id: &str, scenario: &Scenario| json!({"preset": preset_id, "params": params_object(scenario)});
    let saved: Vec<Value> = state
        .saved
        .iter()
        .map(|s| {
            let mut entry = Map::new();
            entry.insert("name".into(), Value::from(s.name.as_str()));
            entry.insert("preset".into(), Value::from(s.preset_id.as_str()));
            entry.insert("created".into(), finite_number(s.created));
            entry.insert("updated".into(), finite_number(s.updated));
            entry.insert("params".into(), Value::Object(params_object(&s.scenario)));
            Value::Object(entry)
        })
        .collect();
    let current = match &state.current {
        Some(c) => scenario_json(&c.preset_id, &c.scenario),
        None => Value::Null,
    };
    json!({"version": FORMAT_VERSION, "revision": state.revision, "current": current, "saved": saved})
        .to_string()
}

/// JSON has no NaN or infinity: such a timestamp is written as 0.
fn finite_number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::from(0), Value::from)
}

/// One step of the upgrade path: turns the stored JSON of version `from` into version `from + 1`.
#[derive(Clone, Copy)]
pub struct Migration {
    pub from: u64,
    /// What changed, for the note shown after upgrading; empty for a step that changes no
    /// number people see (no note, so the page does not announce a non-event).
    pub what: &'static str,
    pub apply: fn(Value) -> Result<Value, String>,
}

/// The upgrade path of the stored format (the mechanism is also tested with a synthetic
/// version 0 in `model/tests/model/saved_migration.rs`). Text without a `version` is version 0.
pub const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    what: "",
    apply: fill_from_version_1,
}];

/// Format 1 → 2: every parameter a format-1 scenario lacks is written in with the value its
/// preset had then ([`preset_version_1`]), so that it is not read with today's presets. Format 1
/// stored every parameter, so this only matters for hand-edited or partial text; either way a
/// scenario keeps the numbers it gave.
fn fill_from_version_1(mut value: Value) -> Result<Value, String> {
    let fill = |entry: &mut Value| {
        let id = entry
            .get("preset")
            .and_then(Value::as_str)
            .and_then(preset)
            .unwrap_or(&presets()[0])
            .id;
        let Some(Value::Object(params)) = entry.get_mut("params") else {
            return;
        };
        let present: std::collections::HashSet<String> =
            params.keys().map(|k| current_key(k).to_string()).collect();
        let old = preset_version_1(id).expect("every preset has a version 1");
        for (key, v) in params_object(&old) {
            if !present.contains(&key) {
                params.insert(key, v);
            }
        }
    };
    if let Some(current) = value.get_mut("current").filter(|c| c.is_object()) {
        fill(current);
    }
    if let Some(Value::Array(entries)) = value.get_mut("saved") {
        entries.iter_mut().filter(|e| e.is_object()).for_each(fill);
    }
    if let Some(object) = value.as_object_mut() {
        object.insert("version".into(), Value::from(2));
    }
    Ok(value)
}

/// Reads the stored text (`None` when the key is absent).
pub fn load(raw: Option<&str>) -> LoadOutcome {
    load_with_migrations(raw, MIGRATIONS)
}

/// [`load`] with a given upgrade path (public so the migration mechanism can be tested).
pub fn load_with_migrations(raw: Option<&str>, migrations: &[Migration]) -> LoadOutcome {
    load_parsed(raw, migrations, export::parse_json)
}

/// [`load_with_migrations`] with a given JSON parser: the browser passes its own `JSON.parse`,
/// so that the wasm carries no JSON parser of its own (see [`export::JsonParser`]).
pub fn load_parsed(
    raw: Option<&str>,
    migrations: &[Migration],
    parse: export::JsonParser,
) -> LoadOutcome {
    let Some(raw) = raw else {
        return LoadOutcome::Empty;
    };
    if raw.trim().is_empty() {
        return LoadOutcome::Empty;
    }
    let unreadable = |reason: String| LoadOutcome::Unreadable {
        raw: raw.to_string(),
        reason,
    };
    let mut value: Value = match parse(raw) {
        Ok(v) => v,
        Err(e) => return unreadable(format!("the saved scenarios are not valid JSON ({e})")),
    };
    let version = match value.get("version") {
        _ if !value.is_object() => {
            return unreadable("the saved scenarios are not a JSON object".to_string())
        }
        None => 0,
        Some(v) => match v.as_u64() {
            Some(n) => n,
            None => {
                return unreadable(format!(
                    "the saved scenarios have no usable version number ({})",
                    quote(&v.to_string())
                ))
            }
        },
    };
    if version > FORMAT_VERSION {
        return LoadOutcome::Newer {
            version,
            reason: format!(
                "the saved scenarios were written by a newer version of this page (format \
                 {version}; this one reads up to {FORMAT_VERSION})"
            ),
        };
    }
    let mut notes = Notes::new();
    for from in version..FORMAT_VERSION {
        let Some(step) = migrations.iter().find(|m| m.from == from) else {
            return unreadable(format!(
                "the saved scenarios use format {from}, which this page cannot upgrade"
            ));
        };
        value = match (step.apply)(value) {
            Ok(v) => v,
            Err(e) => {
                return unreadable(format!(
                    "upgrading the saved scenarios from format {from} failed: {e}"
                ))
            }
        };
        if !step.what.is_empty() {
            notes.push(format!(
                "saved scenarios upgraded from format {from} to {}: {}",
                from + 1,
                step.what
            ));
        }
    }
    let state = decode(&value, &mut notes);
    LoadOutcome::Loaded(state, notes.into_vec())
}

/// Reads the current format as far as it goes: a broken entry is noted and skipped, never the
/// whole state.
fn decode(value: &Value, notes: &mut Notes) -> SavedState {
    let current = match value.get("current") {
        None | Some(Value::Null) => None,
        Some(c) => {
            let (scenario, preset_id) = scenario_from_params(
                c.get("preset"),
                c.get("params").unwrap_or(&Value::Null),
                "current scenario: ",
                notes,
            );
            Some(CurrentScenario {
                preset_id: preset_id.to_string(),
                scenario,
            })
        }
    };
    let revision = match value.get("revision") {
        None | Some(Value::Null) => 0,
        Some(v) => v.as_u64().unwrap_or_else(|| {
            notes.push(format!(
                "the revision number {} is not a count: read as 0",
                quote(&v.to_string())
            ));
            0
        }),
    };
    let mut state = SavedState {
        current,
        saved: Vec::new(),
        revision,
    };
    let entries = match value.get("saved") {
        None | Some(Value::Null) => &[][..],
        Some(Value::Array(a)) => &a[..],
        Some(_) => {
            notes.push("the list of saved scenarios is not a list: none were read".to_string());
            &[][..]
        }
    };
    let readable = entries.iter().filter(|e| e.is_object()).count();
    if readable > MAX_SAVED {
        notes.push(format!(
            "there are {readable} saved scenarios, more than the {MAX_SAVED} this page keeps: \
             the first {MAX_SAVED} were read"
        ));
    }
    // Names taken so far: a set, so that thousands of entries cost linear time, not quadratic.
    let mut taken = std::collections::HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        if state.saved.len() == MAX_SAVED {
            break;
        }
        if !entry.is_object() {
            notes.push(format!(
                "saved scenario #{} is not a scenario: skipped",
                i + 1
            ));
            continue;
        }
        let given = entry.get("name").and_then(Value::as_str).unwrap_or("");
        let fallback = format!("Saved scenario {}", i + 1);
        let wanted = if clean_name(given).is_ok() {
            given
        } else {
            notes.push(format!(
                "saved scenario #{} has no name: called \u{201c}{fallback}\u{201d}",
                i + 1
            ));
            &fallback
        };
        let name = unique_name_in(&taken, wanted).expect("a non-empty name");
        if clean_name(wanted).as_deref() != Ok(name.as_str()) {
            notes.push(format!(
                "two saved scenarios are called \u{201c}{}\u{201d}: the later one is now \
                 \u{201c}{}\u{201d}",
                quote(wanted),
                quote(&name)
            ));
        } else if name != wanted {
            notes.push(format!(
                "the name \u{201c}{}\u{201d} was trimmed to \u{201c}{}\u{201d} (at most \
                 {MAX_NAME_CHARS} characters)",
                quote(wanted),
                quote(&name)
            ));
        }
        taken.insert(name.clone());
        let context = format!("saved scenario \u{201c}{}\u{201d}: ", quote(&name));
        let (scenario, preset_id) = scenario_from_params(
            entry.get("preset"),
            entry.get("params").unwrap_or(&Value::Null),
            &context,
            notes,
        );
        let mut time = |field: &str| match entry.get(field).and_then(Value::as_f64) {
            Some(t) if t.is_finite() && t.abs() <= MAX_TIME_MS => t,
            Some(t) if t.is_finite() => {
                let clamped = t.clamp(-MAX_TIME_MS, MAX_TIME_MS);
                notes.push(format!(
                    "{context}`{field}` time {t:e} is beyond any date: set to {clamped:e}"
                ));
                clamped
            }
            _ => {
                notes.push(format!("{context}no usable `{field}` time: set to 0"));
                0.0
            }
        };
        let created = time("created");
        let updated = time("updated");
        state.saved.push(SavedScenario {
            name,
            preset_id: preset_id.to_string(),
            scenario,
            created,
            updated,
        });
    }
    state
}
