//! Work that waits for the scenario to stop changing. The Insight section's tornado and
//! reality check answer questions about the scenario on screen, and a drag changes it every
//! frame: computed during the drag they would be thrown away a frame later, and they would share
//! the main thread with the drag (a tornado slice in progress when an input arrives delays that
//! input's frame by up to the slice). So they start once the scenario has been still for
//! [`QUIET_MS`].

use leptos::prelude::*;

/// How long the scenario must stay unchanged before the slower work starts: longer than the
/// gap between two input events of a drag (a frame, ~16 ms; a slow phone's drag delivers them
/// tens of ms apart), short enough that the answer seems to follow the release of the slider.
pub const QUIET_MS: u64 = 150;

/// Runs the latest job given to [`Debounce::run`] once [`QUIET_MS`] have passed without another.
#[derive(Clone, Copy)]
pub struct Debounce(StoredValue<Option<TimeoutHandle>>);

impl Debounce {
    pub fn new() -> Self {
        Debounce(StoredValue::new(None))
    }

    /// Runs `job` after [`QUIET_MS`] unless another job is given before then.
    pub fn run(self, job: impl FnOnce() + 'static) {
        let handle = set_timeout_with_handle(job, std::time::Duration::from_millis(QUIET_MS)).ok();
        if let Some(previous) = self
            .0
            .try_update_value(|h| std::mem::replace(h, handle))
            .flatten()
        {
            previous.clear();
        }
    }
}
