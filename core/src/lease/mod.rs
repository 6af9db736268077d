//! Leases on platform connections: one process at a time holds the Telegram poller, the Matrix
//! sync or a Discord shard, through a row in the shared database renewed by heartbeat (see
//! [`LeaseStore`](crate::ports::LeaseStore)). The timing rules are here, as plain functions:
//! when to renew, and when a holder that cannot reach the database must stop its connection,
//! which is before anyone else may take the lease.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use crate::model::Timestamp;
use crate::ports::{Clock, LeaseStore};

mod share;
pub use share::{LeaseShare, fair_share};

/// A lease as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// What it is for (`telegram`, `matrix`, `discord:0`).
    pub name: String,
    /// The process holding it (a name unique per process).
    pub holder: String,
    /// Grows each time the lease changes hands (or is taken again after it ran out): a
    /// holder whose token is no longer the row's has lost it.
    pub token: i64,
    /// It runs out then unless renewed.
    pub until: Timestamp,
    /// When it was last taken or renewed.
    pub renewed_at: Timestamp,
}

/// How long a lease lasts and how often it is renewed, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaseTimes {
    /// How long a lease runs without renewal.
    pub lasts: i64,
    /// How often its holder renews it.
    pub renew_every: i64,
    /// How long before it runs out a holder that could not renew stops its connection, so
    /// that two never run at once, even when their clocks differ by less than this.
    pub margin: i64,
}

impl Default for LeaseTimes {
    /// Fail-over within about 15 s of a holder's death; three renewals per lease.
    fn default() -> Self {
        Self { lasts: 12, renew_every: 4, margin: 3 }
    }
}

impl LeaseTimes {
    /// Times for leases lasting `lasts` seconds: renewed three times per lease, stopped a
    /// quarter of a lease before it runs out when it could not be.
    pub fn lasting(lasts: i64) -> Self {
        Self { lasts, renew_every: lasts / 3, margin: lasts / 4 }
    }

    /// Whether these times can work: a renewal (and a retry) fits in a lease before its
    /// margin.
    pub fn valid(self) -> bool {
        // The clock counts whole seconds: a margin of 2 leaves at least one whole second.
        self.renew_every > 0 && self.margin >= 2 && 2 * self.renew_every + self.margin <= self.lasts
    }

    /// Until when a lease taken or renewed `at` runs.
    pub fn until(self, at: Timestamp) -> Timestamp {
        at + self.lasts
    }

    /// Whether a holder that last renewed `renewed_at` must stop its connection at `now`
    /// because it could not renew since: from the lease's end minus the margin on, another
    /// process may be about to take it.
    pub fn must_step_down(self, renewed_at: Timestamp, now: Timestamp) -> bool {
        now >= self.until(renewed_at) - self.margin
    }

    /// Whether it is time to renew a lease last renewed `renewed_at`.
    pub fn due(self, renewed_at: Timestamp, now: Timestamp) -> bool {
        now >= renewed_at + self.renew_every
    }
}

/// Completes when `lease` is lost; never when there is none (a connection run by the only
/// process).
pub async fn lost(lease: &mut Option<LeaseWatch>) {
    match lease.as_mut() {
        Some(held) => held.lost().await,
        None => std::future::pending().await,
    }
}

/// Completes once `lease` is held; at once when there is none.
pub async fn taken(lease: &mut Option<LeaseWatch>) {
    if let Some(held) = lease.as_mut() {
        held.taken().await;
    }
}

impl Lease {
    /// Whether it guards a platform connection (`telegram`, `discord:0`), rather than saying
    /// that a process is there (`discord@HOST:PID:…`).
    pub fn is_connection(&self) -> bool {
        !self.name.contains('@')
    }
}

/// Holds one lease for this process: takes it when it is free, renews it in time, and lets
/// go of it (says so at once through [`LeaseHolder::held`]) when it was lost or could not be
/// renewed before its margin. The connection it guards runs only while `held` says so.
pub struct LeaseHolder {
    name: String,
    holder: String,
    times: LeaseTimes,
    store: Arc<dyn LeaseStore>,
    clock: Arc<dyn Clock>,
    /// The token held, and when it was last taken or renewed (shared with each
    /// [`LeaseWatch`], which checks it against the clock).
    state: Arc<Mutex<Option<(i64, Timestamp)>>>,
    held: watch::Sender<Option<i64>>,
    /// Until when this process leaves the lease to others, its connection having failed here
    /// (see [`LeaseWatch::step_aside`]).
    aside_until: Arc<Mutex<Timestamp>>,
    /// A lease let go while its connection was closing: given back once the connection says
    /// it has stopped (see [`LeaseWatch::stopped`]).
    letting_go: Mutex<Option<i64>>,
    closed: Arc<std::sync::atomic::AtomicBool>,
}

/// What a connection guarded by a lease watches: whether this process holds it now, by
/// the holder's last word *and* the clock, so that a process that was frozen (SIGSTOP, a
/// suspended machine) stops at once on waking, before its holder's next beat says so.
#[derive(Clone)]
pub struct LeaseWatch {
    held: watch::Receiver<Option<i64>>,
    state: Arc<Mutex<Option<(i64, Timestamp)>>>,
    aside_until: Arc<Mutex<Timestamp>>,
    closed: Arc<std::sync::atomic::AtomicBool>,
    times: LeaseTimes,
    clock: Arc<dyn Clock>,
}

impl LeaseWatch {
    /// The token held now, if the connection may run.
    pub fn now(&mut self) -> Option<i64> {
        self.held.borrow_and_update();
        let now = self.clock.now();
        if now < *self.aside_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner) {
            return None;
        }
        let state = *self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.filter(|(_, renewed_at)| !self.times.must_step_down(*renewed_at, now)).map(|(token, _)| token)
    }

    /// The connection has stopped after losing the lease: a lease let go (not lost) is given
    /// back at once rather than left to run out.
    pub fn stopped(&self) {
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// The connection could not come up from this process (the homeserver refuses it here,
    /// the shared folder is not mounted…): the lease is given back at the holder's next beat
    /// and not taken again for `seconds`, so that another process may try. Only for a
    /// connection that is not running.
    pub fn step_aside(&self, seconds: i64) {
        *self.aside_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = self.clock.now() + seconds;
    }

    /// Completes when the holder says something changed (taken, lost, given back), or, if
    /// nothing does, when the margin comes: time to look at [`Self::now`] again.
    pub async fn changed(&mut self) {
        let state = *self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let wait = match state {
            Some((_, renewed_at)) => {
                let left = self.times.until(renewed_at) - self.times.margin - self.clock.now();
                Duration::from_secs(u64::try_from(left).unwrap_or(0))
            }
            None => Duration::MAX,
        };
        let wait = wait.min(Duration::from_secs(3600));
        tokio::select! {
            // The holder gone (its task ended): the clock alone says when to stop.
            changed = self.held.changed() => if changed.is_err() { tokio::time::sleep(wait).await },
            () = tokio::time::sleep(wait) => {}
        }
    }

    /// Completes once this process holds the lease.
    pub async fn taken(&mut self) {
        while self.now().is_none() {
            self.changed().await;
        }
    }

    /// Completes once the connection must stop (the lease lost, or not renewed in time).
    pub async fn lost(&mut self) {
        while self.now().is_some() {
            self.changed().await;
        }
    }
}

impl LeaseHolder {
    /// A holder of the lease `name` for the process `holder`, not holding it yet.
    pub fn new(
        name: impl Into<String>,
        holder: impl Into<String>,
        times: LeaseTimes,
        store: Arc<dyn LeaseStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let (held, _) = watch::channel(None);
        let (state, aside_until, closed) = (Arc::default(), Arc::default(), Arc::default());
        let letting_go = Mutex::default();
        Self {
            name: name.into(),
            holder: holder.into(),
            times,
            store,
            clock,
            state,
            held,
            aside_until,
            letting_go,
            closed,
        }
    }

    /// What the guarded connection watches to know whether it may run.
    pub fn watch(&self) -> LeaseWatch {
        LeaseWatch {
            held: self.held.subscribe(),
            state: Arc::clone(&self.state),
            aside_until: Arc::clone(&self.aside_until),
            closed: Arc::clone(&self.closed),
            times: self.times,
            clock: Arc::clone(&self.clock),
        }
    }

    fn set(&self, state: Option<(i64, Timestamp)>) {
        *self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = state;
        self.held.send_replace(state.map(|(token, _)| token));
    }

    /// One beat: steps down when the lease could not be renewed in time, renews it when due,
    /// takes it when free. Returns the token held after it.
    pub async fn beat(&self) -> Option<i64> {
        self.beat_knowing(None).await
    }

    /// A beat, with the leases as just read when the caller has them (one read for many).
    pub(crate) async fn beat_knowing(&self, known: Option<&[Lease]>) -> Option<i64> {
        let now = self.clock.now();
        if now < *self.aside_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner) {
            // Left to others for a while, at once (its connection never came up: nothing
            // can overlap), and not taken back meanwhile.
            self.give_back().await;
            return None;
        }
        let state = *self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match state {
            Some((_, renewed_at)) if self.times.must_step_down(renewed_at, now) => {
                tracing::warn!(lease = %self.name, "could not renew a lease in time: its connection stops");
                self.set(None);
            }
            Some((token, renewed_at)) if self.times.due(renewed_at, now) => {
                match self.store.renew_lease(&self.name, &self.holder, token, now, self.times.until(now)).await {
                    Ok(true) => self.set(Some((token, now))),
                    Ok(false) => {
                        tracing::warn!(lease = %self.name, "a lease was taken over: its connection stops");
                        self.set(None);
                    }
                    // Tried again next beat, until the margin.
                    Err(error) => tracing::warn!(%error, lease = %self.name, "could not renew a lease"),
                }
            }
            Some(_) => {}
            None => self.take(now, known).await,
        }
        self.held.borrow().as_ref().copied()
    }

    /// Takes the lease if no other process holds it; standing by (reading only) while one
    /// does. Says in the logs why it took it.
    async fn take(&self, now: Timestamp, known: Option<&[Lease]>) {
        let read;
        let leases = match known {
            Some(leases) => leases,
            None => match self.store.leases().await {
                Ok(leases) => {
                    read = leases;
                    &read
                }
                Err(error) => return tracing::warn!(%error, lease = %self.name, "could not read a lease"),
            },
        };
        let current = leases.iter().find(|lease| lease.name == self.name).cloned();
        if let Some(lease) = &current
            && lease.holder != self.holder
            && lease.until > now
        {
            return;
        }
        match self.store.take_lease(&self.name, &self.holder, now, self.times.until(now)).await {
            Ok(Some(lease)) => {
                let token = lease.token;
                match &current {
                    // Another process died or lost the database: operators want to hear of it.
                    Some(before) if before.holder != self.holder && before.until != 0 => {
                        let why = format!(
                            "{} stopped renewing it (last heartbeat {} s ago)",
                            before.holder,
                            now - before.renewed_at
                        );
                        tracing::warn!(lease = %self.name, token, why, "took a lease over: its connection starts here");
                    }
                    Some(before) if before.until == 0 => {
                        let why = format!("{} gave it back", before.holder);
                        tracing::info!(lease = %self.name, token, why, "took a lease: its connection starts here");
                    }
                    _ => tracing::info!(lease = %self.name, token, "took a lease: its connection starts here"),
                }
                self.set(Some((lease.token, now)));
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, lease = %self.name, "could not take a lease"),
        }
    }

    /// Beats every second until `stop` says so, then gives the lease back, so that another
    /// process need not wait for it to run out.
    pub async fn run(&self, stopping: watch::Receiver<bool>, mut release: watch::Receiver<bool>) {
        while !*release.borrow() {
            // Stopping: what is held is renewed until its connection stopped; nothing new
            // is taken.
            let stopping = *stopping.borrow();
            match stopping {
                true => self.renew_only().await,
                false => drop(self.beat().await),
            }
            tokio::select! {
                // Gone (the process is ending): as good as told.
                changed = release.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
        self.give_back().await;
    }

    /// A beat that renews what is held (or steps down) but takes nothing.
    pub async fn renew_only(&self) {
        if self.holding() {
            self.beat().await;
        }
    }

    /// Whether this process holds the lease, by its holder's last word.
    pub fn holding(&self) -> bool {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).is_some()
    }

    /// Stops the connection and stops renewing, leaving the lease to run out: another
    /// process takes it only after the margin, by when the connection has closed (a process
    /// holding more than its share hands a lease on so).
    pub fn let_go(&self) {
        let state = *self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((token, _)) = state {
            tracing::info!(lease = %self.name, "letting a lease go: its connection stops");
            self.closed.store(false, std::sync::atomic::Ordering::SeqCst);
            *self.letting_go.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(token);
            self.set(None);
        }
    }

    /// Gives back a lease let go once its connection says it has stopped (called each beat).
    pub async fn settle(&self) {
        if !self.closed.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let token = self.letting_go.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        if let Some(token) = token
            && let Err(error) = self.store.release_lease(&self.name, &self.holder, token).await
        {
            tracing::warn!(%error, lease = %self.name, "could not give a lease back; it runs out on its own");
        }
    }

    /// Stops the connection and gives the lease back at once, so that another process need
    /// not wait for it to run out: only once the connection it guards has stopped (a
    /// process stopping, after its adapters).
    pub async fn give_back(&self) {
        let state = *self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((token, _)) = state {
            self.set(None);
            if let Err(error) = self.store.release_lease(&self.name, &self.holder, token).await {
                tracing::warn!(%error, lease = %self.name, "could not give a lease back; it runs out on its own");
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use async_trait::async_trait;

    use super::*;
    use crate::memory::MemoryStore;
    use crate::ports::{ManualClock, StoreError};

    /// A database that cannot be reached.
    struct Unreachable;

    #[async_trait]
    impl LeaseStore for Unreachable {
        async fn take_lease(&self, _: &str, _: &str, _: Timestamp, _: Timestamp) -> Result<Option<Lease>, StoreError> {
            Err(StoreError::Backend("unreachable".into()))
        }
        async fn renew_lease(&self, _: &str, _: &str, _: i64, _: Timestamp, _: Timestamp) -> Result<bool, StoreError> {
            Err(StoreError::Backend("unreachable".into()))
        }
        async fn release_lease(&self, _: &str, _: &str, _: i64) -> Result<(), StoreError> {
            Err(StoreError::Backend("unreachable".into()))
        }
        async fn leases(&self) -> Result<Vec<Lease>, StoreError> {
            Err(StoreError::Backend("unreachable".into()))
        }
    }

    /// Two processes share one lease: one holds it and renews it; when it stops beating,
    /// the other takes over once the lease ran out, and the first, back, learns it lost it.
    #[tokio::test]
    async fn one_holder_at_a_time_and_a_take_over_when_it_stops() {
        let store: Arc<dyn LeaseStore> = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::at(1_000));
        let times = LeaseTimes::default();
        let a = LeaseHolder::new("telegram", "a", times, store.clone(), clock.clone());
        let b = LeaseHolder::new("telegram", "b", times, store.clone(), clock.clone());
        assert_eq!(a.beat().await, Some(1));
        assert_eq!(b.beat().await, None, "held by a");
        for _ in 0..5 {
            clock.advance(4);
            assert_eq!(a.beat().await, Some(1), "renewed");
            assert_eq!(b.beat().await, None);
        }
        // a stops beating (killed): b takes over once the lease ran out, not before.
        clock.advance(11);
        assert_eq!(b.beat().await, None, "not run out yet");
        clock.advance(1);
        assert_eq!(b.beat().await, Some(2), "taken over, with a new token");
        assert_eq!(a.beat().await, None, "a learns it lost the lease");
        assert_eq!(a.watch().now(), None);
    }

    /// A holder that cannot reach the database stops its connection before its lease could
    /// be taken by anyone.
    #[tokio::test]
    async fn a_holder_cut_off_from_the_database_steps_down_in_time() {
        let memory: Arc<dyn LeaseStore> = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::at(1_000));
        let times = LeaseTimes::default();
        let a = LeaseHolder::new("telegram", "a", times, memory.clone(), clock.clone());
        assert_eq!(a.beat().await, Some(1));
        // The network goes: a's store can no longer answer.
        let cut = LeaseHolder { store: Arc::new(Unreachable), ..a };
        let mut watch = cut.watch();
        clock.advance(8);
        assert_eq!(cut.beat().await, Some(1), "still within the lease: kept, retried");
        clock.advance(1);
        assert_eq!(cut.beat().await, None, "stopped at the margin");
        assert_eq!(watch.now(), None);
        // Only afterwards may another process take it.
        let b = LeaseHolder::new("telegram", "b", times, memory, clock.clone());
        assert_eq!(b.beat().await, None, "not before the lease ran out");
        clock.advance(3);
        assert_eq!(b.beat().await, Some(2));
    }

    /// A process frozen (SIGSTOP) past its margin: on waking, its connection sees at once
    /// that it must stop, before the holder's next beat could say so.
    #[tokio::test]
    async fn a_frozen_holder_stops_on_waking_before_its_next_beat() {
        let store: Arc<dyn LeaseStore> = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::at(1_000));
        let a = LeaseHolder::new("telegram", "a", LeaseTimes::default(), store, clock.clone());
        let mut watch = a.watch();
        assert_eq!(watch.now(), None, "not taken yet");
        a.beat().await;
        assert_eq!(watch.now(), Some(1));
        clock.advance(8);
        assert_eq!(watch.now(), Some(1), "still before the margin");
        clock.advance(1);
        assert_eq!(watch.now(), None, "at the margin, without a beat");
        tokio::time::timeout(Duration::from_secs(1), watch.lost()).await.unwrap();
    }

    /// A holder whose connection cannot come up here steps aside: its connection stops at
    /// once, the lease runs out and another process takes it; it does not take it back
    /// before its time aside is over.
    #[tokio::test]
    async fn a_holder_that_cannot_connect_steps_aside_for_another() {
        let store: Arc<dyn LeaseStore> = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::at(1_000));
        let times = LeaseTimes::default();
        let a = LeaseHolder::new("matrix", "a", times, store.clone(), clock.clone());
        let b = LeaseHolder::new("matrix", "b", times, store, clock.clone());
        assert_eq!(a.beat().await, Some(1));
        let mut watch = a.watch();
        watch.step_aside(60);
        assert_eq!(watch.now(), None, "stopped at once");
        let mut taken = None;
        for _ in 0..80 {
            clock.advance(1);
            assert_eq!(a.beat().await, None, "given back, not taken back; then held by b");
            if b.beat().await.is_some() && taken.is_none() {
                taken = Some(clock.now());
            }
        }
        assert_eq!(taken, Some(1_001), "given back at a's next beat, taken by b's");
    }

    #[test]
    fn lease_times_scale_with_how_long_a_lease_lasts() {
        assert_eq!(LeaseTimes::lasting(12), LeaseTimes::default());
        for lasts in 8..=600 {
            assert!(LeaseTimes::lasting(lasts).valid(), "{lasts}");
        }
        assert!(!LeaseTimes::lasting(7).valid(), "a margin of one second is none on a whole-second clock");
    }

    #[test]
    fn a_holder_steps_down_before_anyone_may_take_its_lease() {
        let times = LeaseTimes::default();
        assert!(times.valid());
        assert!(!times.due(100, 103) && times.due(100, 104));
        // Renewed at 100, the lease runs until 112: the holder stops at 109 if it could not
        // renew, three seconds before another process may take the lease.
        assert_eq!(times.until(100), 112);
        assert!(!times.must_step_down(100, 108));
        assert!(times.must_step_down(100, 109));
        assert!(!LeaseTimes { lasts: 10, renew_every: 5, margin: 1 }.valid(), "no room for a retry");
        assert!(!LeaseTimes { lasts: 12, renew_every: 4, margin: 1 }.valid(), "no margin");
    }
}
