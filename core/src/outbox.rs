//! The outbox dispatcher: delivers the messages the rules enqueued, through each platform's
//! [`Messenger`], and marks them sent. A message is marked sent only after its delivery
//! succeeded, so a restart re-sends nothing already marked and loses nothing pending.
//! A failed delivery is retried later with exponential backoff; messages to the same
//! recipient keep their order (a later one waits while an earlier one is failing).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::model::{AccountRef, Platform};
use crate::ports::{Clock, Messenger, Store, StoreError};

/// Messages read from the store per platform per round.
const BATCH: u32 = 100;
/// Longest wait before a failed message is tried again, in seconds.
const MAX_BACKOFF: i64 = 3_600;

/// Delivers the outbox through the adapters' messengers.
pub struct Dispatcher {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    messengers: HashMap<Platform, Arc<dyn Messenger>>,
}

impl Dispatcher {
    /// A dispatcher with no messenger yet.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            messengers: HashMap::new(),
        }
    }

    /// Adds the messenger of one platform; messages for platforms without one wait.
    pub fn with_messenger(mut self, messenger: Arc<dyn Messenger>) -> Self {
        self.messengers.insert(messenger.platform(), messenger);
        self
    }

    /// Delivers every message that is due now; returns how many were delivered.
    pub async fn deliver_due(&self) -> Result<usize, StoreError> {
        let mut delivered = 0;
        for (platform, messenger) in &self.messengers {
            let now = self.clock.now();
            let mut blocked: HashSet<AccountRef> = HashSet::new();
            for queued in self.store.due_messages(*platform, now, BATCH).await? {
                let to = &queued.message.to;
                if blocked.contains(to) {
                    continue;
                }
                match messenger.deliver(&queued.message).await {
                    Ok(()) => {
                        self.store.mark_sent(queued.id, self.clock.now()).await?;
                        delivered += 1;
                    }
                    Err(error) => {
                        let wait = (1_i64 << queued.attempts.clamp(0, 12)).min(MAX_BACKOFF);
                        tracing::warn!(%error, message = queued.id, %platform, attempts = queued.attempts + 1, "delivery failed, will retry");
                        self.store
                            .mark_failed(queued.id, self.clock.now() + wait)
                            .await?;
                        blocked.insert(to.clone());
                    }
                }
            }
        }
        Ok(delivered)
    }

    /// Delivers until `shutdown` completes: at once when woken, else every `tick`.
    pub async fn run(
        self,
        wake: Arc<Notify>,
        tick: Duration,
        shutdown: impl std::future::Future<Output = ()>,
    ) {
        tokio::pin!(shutdown);
        loop {
            if let Err(error) = self.deliver_due().await {
                tracing::error!(%error, "outbox round failed");
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = wake.notified() => {}
                () = tokio::time::sleep(tick) => {}
            }
        }
    }
}
