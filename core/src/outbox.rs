//! The outbox dispatcher: delivers what the rules enqueued through each platform's
//! [`Messenger`]. Each round it claims due messages (a lease, so that several processes
//! share the work and a dead one's rows come back), sends them within the platform's rate
//! limits, and marks each sent, failed (retried with exponential backoff, or after the
//! platform's "retry after") or parked (a dead letter moderators can see and retry).
//!
//! Rate limits are token buckets: one per platform, one per group chat and one per private
//! recipient. Urgent platform actions (a ban) are claimed first; a recipient's messages
//! arrive in order, because only the oldest pending message of each recipient is claimable.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::FutureExt;

use tokio::sync::Notify;

use crate::model::{AccountRef, OutboxMessage, Platform, Timestamp};
use crate::ports::{Clock, DeliveryError, Messenger, ParkedListener, Store, StoreError};

/// Messages claimed per platform per round at most.
const BATCH: u32 = 100;
/// Longest wait before a failed message is tried again, in seconds.
const MAX_BACKOFF: i64 = 3_600;
/// How often a message to an unreachable person is tried again anyway, in seconds.
const UNREACHABLE_RETRY: i64 = 6 * 3_600;

/// A token bucket's setting: `per_second` tokens flow in, at most `burst` are kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Sustained rate.
    pub per_second: f64,
    /// How many may go at once after a quiet spell.
    pub burst: f64,
}

/// Whether an outbox message carries what one member wrote to another (`relay:M:N`, see
/// `service::relay`): once delivered, no copy of it may stay in the store.
fn is_relayed(key: &str) -> bool {
    key.starts_with("relay:")
}

/// A hash of an outbox key, the same in every build and process (unlike std's hasher):
/// adapters derive the ids a platform deduplicates sends by (Matrix's transaction id,
/// Discord's nonce) from it, so a retried message is recognised. FNV-1a, 64 bits.
pub fn key_hash(key: &str) -> u64 {
    key.bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3))
}

impl Rate {
    /// No limit (the console).
    pub const UNLIMITED: Rate = Rate { per_second: f64::INFINITY, burst: f64::INFINITY };

    /// `count` per `seconds`, with a burst of `burst`.
    pub fn new(count: f64, seconds: f64, burst: f64) -> Self {
        Rate { per_second: count / seconds, burst }
    }
}

/// A platform's sending limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Everything the bot sends on the platform.
    pub global: Rate,
    /// Messages to one group chat.
    pub per_chat: Rate,
    /// Messages to one person.
    pub per_recipient: Rate,
}

impl Limits {
    /// The platforms' documented limits. Telegram: about 30 messages/s overall, 20/min per
    /// group, about 1/s per private chat. Discord: 50 requests/s overall (serenity keeps
    /// the per-route buckets). Matrix: Synapse's default `rc_message`, 0.2/s with a burst of
    /// 10, for the bot's account as a whole.
    pub fn documented(platform: Platform) -> Self {
        match platform {
            Platform::Console => {
                Limits { global: Rate::UNLIMITED, per_chat: Rate::UNLIMITED, per_recipient: Rate::UNLIMITED }
            }
            Platform::Telegram => Limits {
                global: Rate::new(30.0, 1.0, 30.0),
                per_chat: Rate::new(20.0, 60.0, 1.0),
                per_recipient: Rate::new(1.0, 1.0, 1.0),
            },
            Platform::Discord => Limits {
                global: Rate::new(50.0, 1.0, 50.0),
                per_chat: Rate::new(5.0, 1.0, 5.0),
                per_recipient: Rate::new(5.0, 1.0, 5.0),
            },
            Platform::Matrix => Limits {
                global: Rate::new(0.2, 1.0, 10.0),
                per_chat: Rate::new(0.2, 1.0, 10.0),
                per_recipient: Rate::new(0.2, 1.0, 10.0),
            },
        }
    }
}

/// How the dispatcher behaves; the defaults suit production.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliverySettings {
    /// Limits per platform (missing: the documented ones).
    pub limits: HashMap<Platform, Limits>,
    /// Failed attempts before a message is parked.
    pub max_attempts: i32,
    /// How long a claim lasts, in seconds; a send still running when it ends may go twice.
    pub lease: i64,
    /// A send that takes longer is abandoned and counted as a failure.
    pub send_timeout: Duration,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self { limits: HashMap::new(), max_attempts: 8, lease: 120, send_timeout: Duration::from_secs(30) }
    }
}

/// One token bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Timestamp,
}

impl Bucket {
    fn full(rate: Rate, now: Timestamp) -> Self {
        Bucket { tokens: rate.burst, at: now }
    }

    fn refill(&mut self, rate: Rate, now: Timestamp) {
        if now > self.at {
            self.tokens = (self.tokens + (now - self.at) as f64 * rate.per_second).min(rate.burst);
            self.at = now;
        }
    }

    /// Seconds until one token is there (0: now).
    fn wait(&self, rate: Rate) -> i64 {
        if self.tokens >= 1.0 { 0 } else { ((1.0 - self.tokens) / rate.per_second).ceil() as i64 }
    }
}

/// Which bucket a message draws from besides its platform's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Lane {
    /// A platform action (ban, invite link): the platform's bucket only.
    Action,
    /// A group chat (recipient ids starting with `group:`).
    Chat(AccountRef),
    /// A person.
    Recipient(AccountRef),
}

fn lane(message: &OutboxMessage) -> Lane {
    let outgoing = &message.message;
    if !outgoing.body.is_message() {
        Lane::Action
    } else if outgoing.to.group_chat().is_some() {
        Lane::Chat(outgoing.to.clone())
    } else {
        Lane::Recipient(outgoing.to.clone())
    }
}

/// Every platform's buckets.
#[derive(Debug, Default)]
struct Buckets {
    global: HashMap<Platform, Bucket>,
    lanes: HashMap<Lane, Bucket>,
    /// A platform that said "retry after": nothing goes before then.
    paused: HashMap<Platform, Timestamp>,
}

/// Delivers the outbox through the adapters' messengers.
pub struct Dispatcher {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    messengers: HashMap<Platform, Arc<dyn Messenger>>,
    settings: DeliverySettings,
    worker: String,
    buckets: Mutex<Buckets>,
    /// Set when the process is stopping: the message in flight is finished, the rest of
    /// the round is given back at once for the next process.
    stopping: AtomicBool,
    /// Who hears of a parked message.
    parked: Option<Arc<dyn ParkedListener>>,
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Messages delivered.
    pub delivered: usize,
    /// Seconds until a limit lets more go, when one held messages back.
    pub wait: Option<i64>,
}

impl Dispatcher {
    /// A dispatcher with no messenger yet, the default settings and a worker name unique to
    /// this process.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let serial = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self {
            store,
            clock,
            messengers: HashMap::new(),
            settings: DeliverySettings::default(),
            worker: format!("{}-{serial}", std::process::id()),
            buckets: Mutex::default(),
            stopping: AtomicBool::new(false),
            parked: None,
        }
    }

    /// Who is told when a message is parked (the service, which tells moderators).
    pub fn with_parked_listener(mut self, listener: Arc<dyn ParkedListener>) -> Self {
        self.parked = Some(listener);
        self
    }

    /// Adds the messenger of one platform; messages for platforms without one wait.
    pub fn with_messenger(mut self, messenger: Arc<dyn Messenger>) -> Self {
        self.messengers.insert(messenger.platform(), messenger);
        self
    }

    /// Other limits, attempts or lease.
    pub fn with_settings(mut self, settings: DeliverySettings) -> Self {
        self.settings = settings;
        self
    }

    /// This dispatcher's name in the claims it makes.
    pub fn worker(&self) -> &str {
        &self.worker
    }

    fn limits(&self, platform: Platform) -> Limits {
        self.settings.limits.get(&platform).copied().unwrap_or_else(|| Limits::documented(platform))
    }

    fn buckets(&self) -> std::sync::MutexGuard<'_, Buckets> {
        self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Delivers what is due and allowed now, round after round until nothing more can go;
    /// returns how many were delivered.
    pub async fn deliver_due(&self) -> Result<usize, StoreError> {
        let mut delivered = 0;
        loop {
            let round = self.round().await?;
            delivered += round.delivered;
            if round.delivered == 0 {
                return Ok(delivered);
            }
        }
    }

    /// One round on every platform.
    pub async fn round(&self) -> Result<Round, StoreError> {
        let mut total = Round::default();
        for platform in self.messengers.keys().copied().collect::<Vec<_>>() {
            let round = self.round_on(platform).await?;
            total.delivered += round.delivered;
            total.wait = match (total.wait, round.wait) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        Ok(total)
    }

    async fn round_on(&self, platform: Platform) -> Result<Round, StoreError> {
        let Some(messenger) = self.messengers.get(&platform).cloned() else { return Ok(Round::default()) };
        if self.stopping.load(Ordering::Relaxed) || !messenger.available() {
            return Ok(Round::default());
        }
        let limits = self.limits(platform);
        let now = self.clock.now();
        let allowance = {
            let mut buckets = self.buckets();
            if let Some(until) = buckets.paused.get(&platform).copied() {
                if now < until {
                    return Ok(Round { delivered: 0, wait: Some(until - now) });
                }
                buckets.paused.remove(&platform);
            }
            let global = buckets.global.entry(platform).or_insert_with(|| Bucket::full(limits.global, now));
            global.refill(limits.global, now);
            if global.tokens < 1.0 {
                return Ok(Round { delivered: 0, wait: Some(global.wait(limits.global).max(1)) });
            }
            global.tokens.min(f64::from(BATCH)) as u32
        };
        let lease_until = now + self.settings.lease;
        let claimed = self.store.claim_due(platform, &self.worker, now, lease_until, allowance).await?;
        let mut round = Round::default();
        let mut claimed = claimed.into_iter();
        while let Some(message) = claimed.next() {
            // Stopping: given back due now, so that the next process sends them without
            // waiting out the lease. Past the lease (this process stood still, stopped or
            // starved): another may have claimed and sent them already, so none is sent from
            // here; giving back touches only those still ours. The second before the end is
            // kept as a margin, since times are whole seconds.
            let lapsed = self.clock.now() >= lease_until - 1;
            if lapsed || self.stopping.load(Ordering::Relaxed) {
                if lapsed {
                    tracing::warn!(%platform, "this process's claim on messages ran out before they were sent; they are left to whoever claims them next");
                }
                let due = self.clock.now();
                for message in std::iter::once(message).chain(claimed.by_ref()) {
                    self.store.release(message.id, &self.worker, due).await?;
                }
                break;
            }
            // Within the lane's limit, or given back until it allows.
            let lane = lane(&message);
            let lane_rate = match &lane {
                Lane::Action => None,
                Lane::Chat(_) => Some(limits.per_chat),
                Lane::Recipient(_) => Some(limits.per_recipient),
            };
            let held = {
                let mut buckets = self.buckets();
                let global_wait = buckets.global.get(&platform).map_or(0, |b| b.wait(limits.global));
                let lane_wait = lane_rate.map_or(0, |rate| {
                    let bucket = buckets.lanes.entry(lane.clone()).or_insert_with(|| Bucket::full(rate, now));
                    bucket.refill(rate, now);
                    bucket.wait(rate)
                });
                let wait = global_wait.max(lane_wait);
                if wait == 0 {
                    if let Some(bucket) = buckets.global.get_mut(&platform) {
                        bucket.tokens -= 1.0;
                    }
                    if let Some(bucket) = buckets.lanes.get_mut(&lane) {
                        bucket.tokens -= 1.0;
                    }
                }
                wait
            };
            if held > 0 {
                waited(platform, "ours");
                self.store.release(message.id, &self.worker, now + held).await?;
                round.wait = Some(round.wait.map_or(held, |w| w.min(held)));
                continue;
            }
            // A panic while sending one message is contained: that message is parked (a
            // moderator sees it in `/envois`), and the others go on.
            let send = AssertUnwindSafe(messenger.deliver(&message.message)).catch_unwind();
            let outcome = match tokio::time::timeout(self.settings.send_timeout, send).await {
                Ok(Ok(outcome)) => outcome,
                Ok(Err(_panic)) => {
                    crate::metrics::error("panic");
                    tracing::error!(message = message.id, %platform, "sending a message panicked; it is parked");
                    Err(DeliveryError::Permanent("the adapter failed while sending (a bug)".into()))
                }
                Err(_) => Err(DeliveryError::Transient("the platform did not answer in time".into())),
            };
            match outcome {
                Ok(()) => {
                    sent(platform, "sent");
                    self.store.mark_sent(message.id, self.clock.now()).await?;
                    round.delivered += 1;
                    if is_relayed(&message.message.key) {
                        // Marking it sent emptied it; its earlier copies go from the files too.
                        if let Err(error) = self.store.scrub().await {
                            tracing::warn!(%error, message = message.id, "a relayed message stays in the database files until the next scrub");
                        }
                    }
                }
                Err(DeliveryError::RateLimited(seconds)) => {
                    sent(platform, "rate_limited");
                    waited(platform, "theirs");
                    // The platform knows better than our buckets: nothing goes before then.
                    let until = self.clock.now() + seconds.clamp(1, MAX_BACKOFF);
                    tracing::warn!(%platform, seconds, "rate limited by the platform");
                    self.buckets().paused.insert(platform, until);
                    round.wait = Some(until - now);
                    // This message and those claimed but not tried yet go back.
                    for message in std::iter::once(message).chain(claimed.by_ref()) {
                        self.store.release(message.id, &self.worker, until).await?;
                    }
                    break;
                }
                Err(DeliveryError::Unreachable(why)) => {
                    sent(platform, "unreachable");
                    // Held, in order, until they write to the bot (then due at once), or
                    // tried again now and then in case they did somewhere we did not see.
                    tracing::info!(message = message.id, %platform, error = %why, "recipient unreachable until they write to the bot");
                    let retry = self.clock.now() + UNREACHABLE_RETRY;
                    self.store.mark_unreachable(message.id, &message.message.to, self.clock.now(), retry).await?;
                }
                Err(error) => {
                    let attempts = message.attempts + 1;
                    let park = matches!(error, DeliveryError::Permanent(_)) || attempts >= self.settings.max_attempts;
                    sent(platform, if park { "parked" } else { "failed" });
                    let wait = (1_i64 << attempts.clamp(0, 12)).min(MAX_BACKOFF);
                    tracing::warn!(%error, message = message.id, %platform, attempts, park, "delivery failed");
                    self.store.mark_failed(message.id, self.clock.now() + wait, &error.to_string(), park).await?;
                    if park && let Some(listener) = &self.parked {
                        let why = match &error {
                            DeliveryError::Permanent(why) | DeliveryError::Transient(why) => why.clone(),
                            other => other.to_string(),
                        };
                        listener.parked(&message, &why).await;
                    }
                }
            }
        }
        Ok(round)
    }

    /// Delivers until `shutdown` completes: at once when woken, else when a limit allows
    /// more, at the latest every `tick`. On shutdown the send in flight is finished and
    /// recorded, and the messages claimed but not tried yet are given back.
    pub async fn run(self, wake: Arc<Notify>, tick: Duration, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            let round = self.round();
            tokio::pin!(round);
            let outcome = tokio::select! {
                biased;
                outcome = &mut round => outcome,
                () = &mut shutdown => {
                    self.stopping.store(true, Ordering::Relaxed);
                    if let Err(error) = round.await {
                        tracing::error!(%error, "outbox round failed while stopping");
                    }
                    return;
                }
            };
            let wait = match outcome {
                Ok(Round { delivered, .. }) if delivered > 0 => Duration::ZERO,
                Ok(Round { wait: Some(seconds), .. }) => tick.min(Duration::from_secs(seconds.max(0) as u64)),
                Ok(_) => tick,
                Err(error) => {
                    crate::metrics::error("outbox");
                    tracing::error!(%error, "outbox round failed");
                    tick
                }
            };
            tokio::select! {
                biased;
                () = &mut shutdown => return,
                () = wake.notified(), if !wait.is_zero() => {}
                () = tokio::time::sleep(wait) => {}
            }
        }
    }
}

/// Counts a delivery's outcome.
fn sent(platform: Platform, outcome: &'static str) {
    metrics::counter!(crate::metrics::SENDS, "platform" => platform.as_str(), "outcome" => outcome).increment(1);
}

/// Counts a message held back by a rate limit.
fn waited(platform: Platform, limit: &'static str) {
    metrics::counter!(crate::metrics::RATE_LIMIT_WAITS, "platform" => platform.as_str(), "limit" => limit).increment(1);
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;

    use async_trait::async_trait;

    use super::*;
    use crate::memory::MemoryStore;
    use crate::model::{Outgoing, OutgoingBody};
    use crate::ports::store_prelude::*;
    use crate::ports::{Change, ManualClock};

    /// What the recording messenger does on its next calls.
    #[derive(Debug, Clone)]
    enum Next {
        Fail,
        Refuse,
        TooFast(i64),
        Stall,
        /// "This person cannot be written to" (never started the bot, DMs closed).
        Unreachable,
        /// A bug in the adapter.
        Panic,
        /// Says it has started, then waits for the gate before sending.
        Gate(Arc<Notify>, Arc<Notify>),
        /// Sends, while the process stands still for that many seconds (SIGSTOP).
        Freeze(i64),
    }

    /// Records what it was asked to send, and when; can be told to fail, refuse for good,
    /// answer "429, retry after N s" or stall.
    struct Recorder {
        platform: Platform,
        clock: Arc<ManualClock>,
        sent: Mutex<Vec<(String, String, Timestamp)>>,
        script: Mutex<VecDeque<Next>>,
        /// Off: another process holds the connection it needs.
        off: std::sync::atomic::AtomicBool,
    }

    impl Recorder {
        fn new(platform: Platform, clock: Arc<ManualClock>) -> Arc<Self> {
            let off = std::sync::atomic::AtomicBool::new(false);
            Arc::new(Self { platform, clock, sent: Mutex::default(), script: Mutex::default(), off })
        }

        fn then(&self, next: Next, times: usize) {
            let mut script = self.script.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            script.extend(std::iter::repeat_n(next, times));
        }

        fn sent(&self) -> Vec<(String, String, Timestamp)> {
            self.sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
        }

        fn keys(&self) -> Vec<String> {
            self.sent().into_iter().map(|(key, ..)| key).collect()
        }
    }

    #[async_trait]
    impl Messenger for Recorder {
        fn platform(&self) -> Platform {
            self.platform
        }

        fn available(&self) -> bool {
            !self.off.load(Ordering::Relaxed)
        }

        async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
            let next = self.script.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop_front();
            match next {
                Some(Next::Fail) => return Err(DeliveryError::Transient("503".into())),
                Some(Next::Refuse) => return Err(DeliveryError::Permanent("403 bot was blocked".into())),
                Some(Next::TooFast(seconds)) => return Err(DeliveryError::RateLimited(seconds)),
                Some(Next::Stall) => std::future::pending::<()>().await,
                Some(Next::Panic) => panic!("a bug in the adapter"),
                Some(Next::Unreachable) => return Err(DeliveryError::Unreachable("403 can't initiate".into())),
                Some(Next::Gate(started, gate)) => {
                    started.notify_one();
                    gate.notified().await;
                }
                Some(Next::Freeze(seconds)) => self.clock.advance(seconds),
                None => {}
            }
            let mut sent = self.sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            sent.push((message.key.clone(), message.to.user_id.clone(), self.clock.now()));
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

    fn setup(settings: DeliverySettings) -> (Arc<MemoryStore>, Arc<ManualClock>, Arc<Recorder>, Dispatcher) {
        let store = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::at(100));
        let recorder = Recorder::new(Platform::Telegram, clock.clone());
        let dispatcher =
            Dispatcher::new(store.clone(), clock.clone()).with_messenger(recorder.clone()).with_settings(settings);
        (store, clock, recorder, dispatcher)
    }

    fn unlimited() -> DeliverySettings {
        let limits = Limits { global: Rate::UNLIMITED, per_chat: Rate::UNLIMITED, per_recipient: Rate::UNLIMITED };
        DeliverySettings { limits: HashMap::from([(Platform::Telegram, limits)]), ..DeliverySettings::default() }
    }

    #[tokio::test]
    async fn delivers_once_retries_later_and_keeps_order() {
        let (store, clock, recorder, dispatcher) = setup(unlimited());
        store.apply(vec![text("a1", "ann"), text("a2", "ann"), text("b1", "ben")]).await.unwrap_or_default();
        recorder.then(Next::Fail, 1);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(1), "ben's message goes; ann's first one failed");
        assert_eq!(recorder.keys(), vec!["b1"], "ann's second message waits behind her first");
        clock.advance(1);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0), "nothing before the backoff");
        clock.advance(1);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(2));
        assert_eq!(recorder.keys(), vec!["b1", "a1", "a2"], "ann reads hers in order");
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0), "nothing is sent twice");
        assert_eq!(store.pending_count().await.ok(), Some(0));
    }

    /// A messenger that cannot deliver here (another process holds the connection) claims
    /// nothing: no attempt is spent, and the messages go as soon as it can.
    #[tokio::test]
    async fn nothing_is_claimed_for_a_connection_held_elsewhere() {
        let (store, _clock, recorder, dispatcher) = setup(unlimited());
        store.apply(vec![text("a1", "ann")]).await.unwrap_or_default();
        recorder.off.store(true, Ordering::Relaxed);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0));
        assert_eq!(store.pending_count().await.ok(), Some(1), "still waiting, unclaimed");
        recorder.off.store(false, Ordering::Relaxed);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(1));
        assert_eq!(recorder.keys(), vec!["a1"]);
    }

    #[tokio::test]
    async fn a_panic_while_sending_parks_that_message_and_the_rest_go_on() {
        let (store, _clock, recorder, dispatcher) = setup(unlimited());
        store.apply(vec![text("a1", "ann"), text("b1", "ben"), text("c1", "cat")]).await.unwrap_or_default();
        recorder.then(Next::Panic, 1);
        let delivered = dispatcher.deliver_due().await;
        assert_eq!(delivered.ok(), Some(2), "the round goes on after the panic");
        assert_eq!(recorder.keys().len(), 2);
        assert_eq!(
            store.pending_count().await.ok(),
            Some(0),
            "the message that panicked is parked, not retried forever"
        );
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0));
    }

    #[tokio::test]
    async fn a_refused_message_or_one_that_keeps_failing_is_parked() {
        let (store, clock, recorder, dispatcher) = setup(DeliverySettings { max_attempts: 3, ..unlimited() });
        store.apply(vec![text("a1", "ann"), text("a2", "ann")]).await.unwrap_or_default();
        recorder.then(Next::Refuse, 1);
        recorder.then(Next::Fail, 3);
        // a1 is refused for good: parked at once. a2 fails three times: parked too.
        for _ in 0..5 {
            dispatcher.deliver_due().await.unwrap_or_default();
            clock.advance(100);
        }
        assert!(recorder.keys().is_empty());
        assert_eq!(store.pending_count().await.ok(), Some(0), "both parked, none pending");
        let due = store.claim_due(Platform::Telegram, "x", 1_000_000, 1_000_060, 10).await.unwrap_or_default();
        assert!(due.is_empty(), "a parked message is never sent by itself");
        // Parked messages do not hold ann's later messages hostage.
        store.apply(vec![text("a3", "ann")]).await.unwrap_or_default();
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(1));
        assert_eq!(recorder.keys(), vec!["a3"]);
    }

    #[tokio::test]
    async fn honours_retry_after_and_sends_urgent_actions_first() {
        let (store, clock, recorder, dispatcher) = setup(unlimited());
        store.apply(vec![text("a1", "ann"), text("b1", "ben")]).await.unwrap_or_default();
        store
            .apply(vec![Change::Enqueue(Outgoing {
                key: "ban".into(),
                to: AccountRef::new(Platform::Telegram, "cat"),
                body: OutgoingBody::Ban,
                not_before: 0,
            })])
            .await
            .unwrap_or_default();
        recorder.then(Next::TooFast(30), 1);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0));
        clock.advance(29);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0), "nothing before the platform's retry-after");
        clock.advance(1);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(3));
        assert_eq!(recorder.keys(), vec!["ban", "a1", "b1"], "the ban goes first");
        let attempts = store.due_messages(Platform::Telegram, i64::MAX, 10).await.unwrap_or_default();
        assert!(attempts.is_empty());
    }

    fn action(key: &str, to: &str, body: OutgoingBody) -> Change {
        Change::Enqueue(Outgoing { key: key.into(), to: AccountRef::new(Platform::Telegram, to), body, not_before: 0 })
    }

    #[tokio::test]
    async fn platform_actions_never_wait_behind_a_message_the_person_cannot_receive() {
        let (store, clock, recorder, dispatcher) = setup(unlimited());
        let restrict = OutgoingBody::Restrict { until: 5_000 };
        store.apply(vec![text("suspended-notice", "dan")]).await.unwrap_or_default();
        recorder.then(Next::Unreachable, 1);
        dispatcher.deliver_due().await.unwrap_or_default();
        store
            .apply(vec![
                action("restrict", "dan", restrict),
                text("banned-notice", "dan"),
                action("ban", "dan", OutgoingBody::Ban),
                action("unban", "dan", OutgoingBody::Unban),
                action("admit", "dan", OutgoingBody::Admit),
            ])
            .await
            .unwrap_or_default();
        for _ in 0..6 {
            dispatcher.deliver_due().await.unwrap_or_default();
            clock.advance(1);
        }
        assert_eq!(recorder.keys(), vec!["restrict", "ban", "unban", "admit"], "every action, in its own order");
        assert_eq!(store.pending_count().await.ok(), Some(2), "the two notices wait for dan to write to the bot");
    }

    #[tokio::test]
    async fn stopping_finishes_the_send_in_flight_and_gives_the_rest_back() {
        let (store, clock, recorder, dispatcher) = setup(unlimited());
        store.apply(vec![text("k1", "a"), text("k2", "b"), text("k3", "c")]).await.expect("enqueued");
        let (started, gate) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        recorder.then(Next::Gate(started.clone(), gate.clone()), 1);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(dispatcher.run(Arc::new(Notify::new()), Duration::from_secs(60), async {
            let _ = stopped.await;
        }));
        started.notified().await;
        stop.send(()).expect("the dispatcher listens");
        tokio::task::yield_now().await;
        gate.notify_one();
        running.await.expect("the dispatcher stops");

        let sent = recorder.keys();
        assert_eq!(sent.len(), 1, "only the send in flight: {sent:?}");
        // The others are free for another process at once, not after the lease.
        let now = clock.now();
        let left = store.claim_due(Platform::Telegram, "next", now, now + 60, 10).await.expect("claimed");
        let mut keys: Vec<String> = left.iter().map(|m| m.message.key.clone()).collect();
        keys.sort();
        let mut expected: Vec<String> = ["k1", "k2", "k3"].iter().map(|k| k.to_string()).collect();
        expected.retain(|k| k != &sent[0]);
        assert_eq!(keys, expected, "the sent one is not claimable again, the others are");
    }

    /// A process frozen past its lease while sending (SIGSTOP, a starved machine) sends
    /// nothing more of what it had claimed once it wakes: another process may have claimed
    /// and sent those already. The one in flight is the only one that can go twice. With a
    /// lease of 10 s from 100, a claim lapses at 109 (the last second is a margin), and what is
    /// left is claimable at once, not at 110.
    #[tokio::test]
    async fn a_claim_that_ran_out_while_frozen_is_not_sent_from_here() {
        let (store, clock, recorder, dispatcher) = setup(DeliverySettings { lease: 10, ..unlimited() });
        store.apply(vec![text("k1", "a"), text("k2", "b"), text("k3", "c")]).await.expect("enqueued");
        recorder.then(Next::Freeze(9), 1);
        assert_eq!(dispatcher.round().await.expect("a round").delivered, 1, "only the one in flight");
        assert_eq!(recorder.keys(), vec!["k1"]);
        assert_eq!(clock.now(), 109);
        let rest = store.claim_due(Platform::Telegram, "next", 109, 119, 10).await.expect("claimed");
        let mut keys: Vec<String> = rest.iter().map(|m| m.message.key.clone()).collect();
        keys.sort();
        assert_eq!(keys, vec!["k2", "k3"], "given back at once");
    }

    /// The same round on a process that never stood still sends everything it claimed.
    #[tokio::test]
    async fn a_round_within_its_lease_sends_everything_it_claimed() {
        let (store, clock, recorder, dispatcher) = setup(DeliverySettings { lease: 10, ..unlimited() });
        store.apply(vec![text("k1", "a"), text("k2", "b"), text("k3", "c")]).await.expect("enqueued");
        recorder.then(Next::Freeze(8), 1);
        assert_eq!(dispatcher.round().await.expect("a round").delivered, 3);
        assert_eq!(clock.now(), 108);
    }

    #[tokio::test]
    async fn a_stalled_send_is_abandoned_and_retried() {
        let settings = DeliverySettings { send_timeout: Duration::from_millis(50), ..unlimited() };
        let (store, clock, recorder, dispatcher) = setup(settings);
        store.apply(vec![text("a1", "ann")]).await.unwrap_or_default();
        recorder.then(Next::Stall, 1);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0));
        clock.advance(2);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(1));
        assert_eq!(recorder.keys(), vec!["a1"]);
    }

    #[tokio::test]
    async fn a_dead_workers_claims_come_back_when_their_lease_ends() {
        let (store, clock, recorder, dispatcher) = setup(DeliverySettings { lease: 60, ..unlimited() });
        store.apply(vec![text("a1", "ann")]).await.unwrap_or_default();
        let taken = store.claim_due(Platform::Telegram, "dead", 100, 160, 10).await.unwrap_or_default();
        assert_eq!(taken.len(), 1);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(0), "held by another process");
        clock.advance(60);
        assert_eq!(dispatcher.deliver_due().await.ok(), Some(1));
        assert_eq!(recorder.keys(), vec!["a1"]);
    }

    /// A simulated hour of traffic above the limits: no bucket is ever exceeded, and the
    /// platform's allowance is used at least at 95%.
    #[tokio::test]
    async fn rate_limits_hold_over_an_hour_and_throughput_stays_near_them() {
        let limits = Limits {
            global: Rate::new(6.0, 1.0, 6.0),
            per_chat: Rate::new(20.0, 60.0, 1.0),
            per_recipient: Rate::new(1.0, 1.0, 1.0),
        };
        let settings =
            DeliverySettings { limits: HashMap::from([(Platform::Telegram, limits)]), ..DeliverySettings::default() };
        let (store, clock, recorder, dispatcher) = setup(settings);
        const HOUR: i64 = 3_600;
        // 6.5 new messages a second to twenty people (the limit is 6), and one to a group
        // every 2 s: always more than may go. Enqueued a minute at a time, each due at its
        // second (the in-memory store copies its state per transaction).
        let start = clock.now();
        let mut serial = 0;
        for minute in 0..HOUR / 60 {
            let mut changes = Vec::new();
            for second in minute * 60..(minute + 1) * 60 {
                let due = |key: String, to: String| {
                    Change::Enqueue(Outgoing {
                        key,
                        to: AccountRef::new(Platform::Telegram, to),
                        body: OutgoingBody::Text { text: String::new() },
                        not_before: start + second,
                    })
                };
                for _ in 0..(6 + second % 2) {
                    serial += 1;
                    changes.push(due(format!("m{serial}"), format!("member{}", serial % 20)));
                }
                if second % 2 == 0 {
                    changes.push(due(format!("g{second}"), "group:-100200".into()));
                }
            }
            store.apply(changes).await.unwrap_or_default();
            for _ in 0..60 {
                dispatcher.deliver_due().await.unwrap_or_default();
                clock.advance(1);
            }
        }
        let sent = recorder.sent();
        let mut per_second: HashMap<Timestamp, usize> = HashMap::new();
        let mut per_recipient: HashMap<(String, Timestamp), usize> = HashMap::new();
        let mut group: Vec<Timestamp> = Vec::new();
        for (_, to, at) in &sent {
            *per_second.entry(*at).or_default() += 1;
            if to.starts_with("group:") {
                group.push(*at);
            } else {
                *per_recipient.entry((to.clone(), *at)).or_default() += 1;
            }
        }
        assert!(per_second.values().all(|n| *n <= 6), "never more than 6 a second overall");
        assert!(per_recipient.values().all(|n| *n <= 1), "never more than 1 a second to one person");
        for (index, at) in group.iter().enumerate() {
            let in_minute = group[index..].iter().take_while(|later| **later < at + 60).count();
            assert!(in_minute <= 21, "about 20 a minute to a group");
        }
        let allowed = 6 * HOUR as usize;
        assert!(sent.len() * 100 >= allowed * 95, "{} sent of {allowed} allowed", sent.len());
    }

    #[tokio::test]
    async fn run_delivers_when_woken_and_stops_on_shutdown() {
        let (store, _clock, recorder, dispatcher) = setup(unlimited());
        let wake = Arc::new(Notify::new());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(dispatcher.run(Arc::clone(&wake), Duration::from_secs(3600), async {
            let _ = stopped.await;
        }));
        store.apply(vec![text("k", "ann")]).await.unwrap_or_default();
        wake.notify_one();
        for _ in 0..100 {
            if !recorder.keys().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(recorder.keys(), vec!["k"]);
        let _ = stop.send(());
        assert!(tokio::time::timeout(Duration::from_secs(5), task).await.is_ok(), "run stops on shutdown");
    }
}
