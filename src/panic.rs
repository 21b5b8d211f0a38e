//! Panics: silent where the engine catches them, reported as an internal error where they are not.
//!
//! The engine runs each rule under `catch_unwind` and reports a panicking rule as
//! `FileError::RulePanic`, so the default hook's "thread panicked at" message would only be noise. The
//! hook installed here prints nothing and remembers where the panic happened; a panic that reaches the top
//! of [`crate::run`] is then described with that location.

use std::any::Any;
use std::cell::RefCell;
use std::sync::Once;

thread_local! {
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the silent hook (once per process).
pub(crate) fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let location = info.location().map(ToString::to_string);
            // `try_with`: a panic while the thread is being torn down must not panic again.
            let _ = LOCATION.try_with(|slot| {
                if let Ok(mut slot) = slot.try_borrow_mut() {
                    *slot = location;
                }
            });
        }));
    });
}

/// The message for a panic that escaped to the top of the run.
pub(crate) fn describe(payload: &(dyn Any + Send)) -> String {
    let message = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    };
    let location = LOCATION
        .try_with(|slot| slot.try_borrow_mut().ok().and_then(|mut s| s.take()))
        .ok()
        .flatten();
    match location {
        Some(location) => format!(
            "internal error: {message} (at {location}); this is a bug in snag, please report it"
        ),
        None => format!("internal error: {message}; this is a bug in snag, please report it"),
    }
}
