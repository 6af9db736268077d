//! Messages of one channel handled in the order they were written. serenity handles each
//! gateway event in a task of its own, so fifteen messages sent milliseconds apart reach the
//! core in any order, and a relayed conversation would arrive shuffled. Each message waits
//! for the earlier ones of its channel (Discord's ids grow with time) that arrived with it:
//! a short settling delay lets those dispatched together register first.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;

/// How long a message waits for earlier ones dispatched at the same moment to register.
pub const SETTLE: Duration = Duration::from_millis(100);

/// The longest a message waits for its turn: an earlier one stuck in the core must not hold
/// the channel for ever.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// The messages of each channel being handled, by id.
#[derive(Default)]
pub struct InOrder {
    handling: Mutex<HashMap<u64, BTreeSet<u64>>>,
    turn: Notify,
}

/// A message's turn: while it is held, later messages of its channel wait.
pub struct Turn<'a> {
    order: &'a InOrder,
    channel: u64,
    id: u64,
}

impl InOrder {
    fn handling(&self) -> std::sync::MutexGuard<'_, HashMap<u64, BTreeSet<u64>>> {
        self.handling.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until every earlier message of `channel` that arrived with this one (within
    /// `settle`: [`SETTLE`] for the gateway's, none for messages read back one by one) was
    /// handled.
    pub async fn turn(&self, channel: u64, id: u64, settle: Duration) -> Turn<'_> {
        self.handling().entry(channel).or_default().insert(id);
        // From here on, dropped (the task ends) it gives the turn back.
        let turn = Turn { order: self, channel, id };
        tokio::time::sleep(settle).await;
        let waited = tokio::time::timeout(LONGEST_WAIT, async {
            loop {
                let notified = self.turn.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                if self.handling().get(&channel).and_then(|ids| ids.first()) == Some(&id) {
                    return;
                }
                notified.await;
            }
        });
        if waited.await.is_err() {
            tracing::warn!("an earlier message of a channel took too long; handling the next one anyway");
        }
        turn
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut handling = self.order.handling();
        if let Some(ids) = handling.get_mut(&self.channel) {
            ids.remove(&self.id);
            if ids.is_empty() {
                handling.remove(&self.channel);
            }
        }
        drop(handling);
        self.order.turn.notify_waiters();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn messages_started_out_of_order_are_handled_in_order() {
        let order = Arc::new(InOrder::default());
        let done = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        // Started last-written first, as a scheduler may.
        for id in (1..=8_u64).rev() {
            let (order, done) = (Arc::clone(&order), Arc::clone(&done));
            tasks.push(tokio::spawn(async move {
                let _turn = order.turn(7, id, SETTLE).await;
                tokio::task::yield_now().await;
                done.lock().unwrap().push(id);
            }));
        }
        // Another channel is not held up by this one.
        let other = order.turn(8, 100, SETTLE).await;
        drop(other);
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(*done.lock().unwrap(), (1..=8).collect::<Vec<_>>());
        assert!(order.handling().is_empty(), "every turn given back");
    }
}
