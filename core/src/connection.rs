//! Whether an adapter is connected to its platform right now: set by the adapter as it
//! reads from the platform, read by the bot's readiness probe (`/readyz`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Shared by an adapter (which sets it) and the bot (which reads it); down at first.
#[derive(Debug, Clone, Default)]
pub struct Connection(Arc<AtomicBool>);

impl Connection {
    /// Records whether the platform answered the last time the adapter asked it.
    pub fn set(&self, up: bool) {
        self.0.store(up, Ordering::Relaxed);
    }

    /// Whether the platform answered the last time.
    pub fn is_up(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}
