//! Which session a piece of state belongs to. Every new session and every sign-out
//! moves the epoch; state tagged with an older one is never handed out again.

use super::lock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The number of the current session (or of the gap between two).
#[derive(Debug, Default)]
pub struct Epoch(AtomicU64);

impl Epoch {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    /// A new session began, or the last one ended.
    pub(crate) fn advance(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// A value that belongs to the session of one epoch.
#[derive(Debug)]
pub(crate) struct SessionSlot<T>(Mutex<Option<(u64, T)>>);

impl<T> Default for SessionSlot<T> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<T> SessionSlot<T> {
    pub fn set(&self, epoch: u64, value: T) {
        *lock(&self.0) = Some((epoch, value));
    }

    /// Runs `f` on the value if it belongs to `epoch`; a stale value is dropped.
    pub fn with<R>(&self, epoch: u64, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut slot = lock(&self.0);
        match slot.as_mut() {
            Some((tag, value)) if *tag == epoch => Some(f(value)),
            Some(_) => {
                *slot = None;
                None
            }
            None => None,
        }
    }

    pub fn clear(&self) {
        *lock(&self.0) = None;
    }

    pub fn is_current(&self, epoch: u64) -> bool {
        self.with(epoch, |_| ()).is_some()
    }
}

impl<T: Clone> SessionSlot<T> {
    pub fn get(&self, epoch: u64) -> Option<T> {
        self.with(epoch, |value| value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_of_an_earlier_session_is_never_handed_out() {
        let epoch = Epoch::default();
        let slot = SessionSlot::default();
        let first = epoch.advance();
        slot.set(first, "credentials of the first user");
        assert_eq!(slot.get(first), Some("credentials of the first user"));
        let second = epoch.advance();
        assert_eq!(slot.get(second), None);
        // …and it is gone, not just hidden.
        assert_eq!(slot.get(first), None);
        slot.set(second, "second");
        assert!(slot.is_current(second));
        slot.clear();
        assert!(!slot.is_current(second));
    }
}
