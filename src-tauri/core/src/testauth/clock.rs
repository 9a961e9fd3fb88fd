//! Time as the test authenticator reads it: the system's clock, or one a test moves by
//! hand (waiting for the next 30-second step must be testable without waiting).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// A future a [`Clock`] hands back from `sleep`.
pub type Sleep<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u64) -> Sleep<'_>;
}

/// The computer's clock and tokio's timer.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or_default()
    }

    fn sleep(&self, ms: u64) -> Sleep<'_> {
        Box::pin(tokio::time::sleep(std::time::Duration::from_millis(ms)))
    }
}

/// A clock that stands still until it sleeps: each `sleep` moves it forward by the time
/// slept, at once, and is recorded.
#[derive(Debug, Default)]
pub struct ManualClock {
    now_ms: AtomicU64,
    slept: Mutex<Vec<u64>>,
}

impl ManualClock {
    pub fn at_ms(now_ms: u64) -> Self {
        Self {
            now_ms: AtomicU64::new(now_ms),
            slept: Mutex::default(),
        }
    }

    /// Moves the clock forward (time passing between two calls).
    pub fn advance_ms(&self, ms: u64) {
        self.now_ms.fetch_add(ms, Ordering::SeqCst);
    }

    /// Every sleep so far, in milliseconds.
    pub fn slept(&self) -> Vec<u64> {
        self.slept.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> u64 {
        self.now_ms.load(Ordering::SeqCst)
    }

    fn sleep(&self, ms: u64) -> Sleep<'_> {
        if let Ok(mut slept) = self.slept.lock() {
            slept.push(ms);
        }
        self.advance_ms(ms);
        Box::pin(std::future::ready(()))
    }
}
