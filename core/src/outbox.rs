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
        Self { store, clock, messengers: HashMap::new() }
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
                        self.store.mark_failed(queued.id, self.clock.now() + wait).await?;
                        blocked.insert(to.clone());
                    }
                }
            }
        }
        Ok(delivered)
    }

    /// Delivers until `shutdown` completes: at once when woken, else every `tick`.
    pub async fn run(self, wake: Arc<Notify>, tick: Duration, shutdown: impl std::future::Future<Output = ()>) {
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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use async_trait::async_trait;

    use super::*;
    use crate::memory::MemoryStore;
    use crate::model::{Outgoing, OutgoingBody};
    use crate::ports::{Change, DeliveryError, ManualClock};

    /// Records what it was asked to send; fails while `failing` is set.
    #[derive(Default)]
    struct Recorder {
        sent: Mutex<Vec<String>>,
        failing: std::sync::atomic::AtomicBool,
    }

    #[async_trait]
    impl Messenger for Recorder {
        fn platform(&self) -> Platform {
            Platform::Telegram
        }

        async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
            if self.failing.load(std::sync::atomic::Ordering::SeqCst) {
                return Err(DeliveryError::Transient("503".into()));
            }
            self.sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(message.key.clone());
            Ok(())
        }
    }

    fn text(key: &str, to: &str) -> Change {
        Change::Enqueue(Outgoing {
            key: key.into(),
            to: AccountRef::new(Platform::Telegram, to),
            body: OutgoingBody::Text { text: key.into() },
            not_before: 0,
        })
    }

    fn sent(recorder: &Recorder) -> Vec<String> {
        recorder.sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    #[tokio::test]
    async fn delivers_once_retries_later_and_keeps_order() {
        let store = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::at(100));
        let recorder = Arc::new(Recorder::default());
        let dispatcher = Dispatcher::new(store.clone(), clock.clone()).with_messenger(recorder.clone());
        store.apply(vec![text("a1", "ann"), text("a2", "ann"), text("b1", "ben")]).await.unwrap_or_default();

        recorder.failing.store(true, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0));
        recorder.failing.store(false, std::sync::atomic::Ordering::SeqCst);
        // Failed messages wait for their backoff; nothing is delivered early.
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0));
        clock.advance(2);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(3));
        assert_eq!(sent(&recorder), vec!["a1", "a2", "b1"], "ann's messages keep their order");
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0), "nothing is sent twice");
        assert_eq!(store.pending_count().await.ok(), Some(0));
    }

    #[tokio::test]
    async fn run_delivers_when_woken_and_stops_on_shutdown() {
        let store = Arc::new(MemoryStore::new());
        let recorder = Arc::new(Recorder::default());
        let dispatcher =
            Dispatcher::new(store.clone(), Arc::new(ManualClock::at(100))).with_messenger(recorder.clone());
        let wake = Arc::new(Notify::new());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(dispatcher.run(Arc::clone(&wake), Duration::from_secs(3600), async {
            let _ = stopped.await;
        }));
        store.apply(vec![text("k", "ann")]).await.unwrap_or_default();
        wake.notify_one();
        for _ in 0..100 {
            if !sent(&recorder).is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(sent(&recorder), vec!["k"]);
        let _ = stop.send(());
        assert!(tokio::time::timeout(Duration::from_secs(5), task).await.is_ok(), "run stops on shutdown");
    }
}
