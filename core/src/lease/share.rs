//! Several leases of one kind shared among the processes that want them (Discord's gateway
//! shards): each process takes its fair share, so that the shards spread across processes
//! and the death of one moves only its own. Processes say they are there with a lease of
//! their own (`KIND@PROCESS`), renewed like the others, which is how each counts the living.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::{LeaseHolder, LeaseTimes, LeaseWatch};
use crate::ports::{Clock, LeaseStore};

/// How many of `leases` each of `processes` living processes should hold: rounded up, so
/// that every lease finds a holder.
pub fn fair_share(leases: usize, processes: usize) -> usize {
    leases.div_ceil(processes.max(1))
}

/// This process's part in sharing the leases `KIND:0` … `KIND:N-1`.
pub struct LeaseShare {
    kind: String,
    /// `KIND@PROCESS`: this process is there.
    presence: LeaseHolder,
    /// One per lease, in order.
    leases: Vec<LeaseHolder>,
    store: Arc<dyn LeaseStore>,
    clock: Arc<dyn Clock>,
}

impl LeaseShare {
    /// This process's share of `count` leases of `kind`, none held yet.
    pub fn new(
        kind: &str,
        count: usize,
        process: &str,
        times: LeaseTimes,
        store: Arc<dyn LeaseStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let holder = |name: String| LeaseHolder::new(name, process, times, Arc::clone(&store), Arc::clone(&clock));
        Self {
            kind: kind.to_owned(),
            presence: holder(format!("{kind}@{process}")),
            leases: (0..count).map(|index| holder(format!("{kind}:{index}"))).collect(),
            store: Arc::clone(&store),
            clock: Arc::clone(&clock),
        }
    }

    /// What each guarded connection (shard `index`) watches, in order.
    pub fn watches(&self) -> Vec<LeaseWatch> {
        self.leases.iter().map(LeaseHolder::watch).collect()
    }

    /// One beat: says this process is there, renews what it holds, gives back what it holds
    /// beyond its share (the last first), takes free leases up to it.
    pub async fn beat(&self) {
        self.presence.beat().await;
        for lease in &self.leases {
            lease.settle().await;
        }
        let Ok(leases) = self.store.leases().await else {
            // Unknown: hold on to what is held (renewing it while the database lets it).
            for lease in &self.leases {
                lease.renew_only().await;
            }
            return;
        };
        let now = self.clock.now();
        let prefix = format!("{}@", self.kind);
        let living = leases.iter().filter(|lease| lease.name.starts_with(&prefix) && lease.until > now).count();
        let fair = fair_share(self.leases.len(), living);
        let mut held = self.leases.iter().filter(|lease| lease.holding()).count();
        for lease in self.leases.iter().rev().filter(|lease| lease.holding()) {
            if held > fair {
                lease.let_go();
                held -= 1;
            } else {
                lease.beat().await;
            }
        }
        for lease in &self.leases {
            if held < fair && !lease.holding() && lease.beat_knowing(Some(&leases)).await.is_some() {
                held += 1;
            }
        }
    }

    /// Beats every second until `stop` says so, then gives everything back.
    pub async fn run(&self, stopping: watch::Receiver<bool>, mut release: watch::Receiver<bool>) {
        while !*release.borrow() {
            if *stopping.borrow() {
                // Stopping: gone from the count at once, renewing only what is held.
                self.presence.give_back().await;
                for lease in &self.leases {
                    lease.renew_only().await;
                }
            } else {
                self.beat().await;
            }
            tokio::select! {
                changed = release.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
        for lease in &self.leases {
            lease.give_back().await;
        }
        self.presence.give_back().await;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::memory::MemoryStore;
    use crate::ports::ManualClock;

    #[test]
    fn every_lease_finds_a_holder() {
        assert_eq!(fair_share(1, 3), 1);
        assert_eq!(fair_share(4, 2), 2);
        assert_eq!(fair_share(3, 2), 2);
        assert_eq!(fair_share(5, 0), 5, "alone, however it counts");
    }

    fn held(share: &LeaseShare) -> Vec<usize> {
        share.leases.iter().enumerate().filter(|(_, lease)| lease.holding()).map(|(index, _)| index).collect()
    }

    /// Four shards: the first process takes them all; a second comes and they split two and
    /// two; the first dies and the second takes its shards once their leases ran out.
    #[tokio::test]
    async fn shards_spread_across_processes_and_move_when_one_dies() {
        let store: Arc<dyn LeaseStore> = Arc::new(MemoryStore::new());
        let clock = Arc::new(ManualClock::at(1_000));
        let times = LeaseTimes::default();
        let a = LeaseShare::new("discord", 4, "a", times, store.clone(), clock.clone());
        let b = LeaseShare::new("discord", 4, "b", times, store.clone(), clock.clone());
        a.beat().await;
        assert_eq!(held(&a), vec![0, 1, 2, 3], "alone: all of them");
        b.beat().await;
        assert_eq!(held(&b), Vec::<usize>::new(), "all held");
        clock.advance(1);
        a.beat().await;
        assert_eq!(held(&a), vec![0, 1], "a lets go beyond its share, the last first");
        // Shard 3's gateway says it has closed: given back at a's next beat, taken at b's.
        // Shard 2's does not: its lease runs out (at 1012) before b may take it.
        a.watches()[3].stopped();
        let mut took = [None, None];
        for _ in 0..12 {
            clock.advance(1);
            a.beat().await;
            b.beat().await;
            assert_eq!(held(&a), vec![0, 1], "a keeps its share");
            for (index, shard) in [2, 3].into_iter().enumerate() {
                if took[index].is_none() && held(&b).contains(&shard) {
                    took[index] = Some(clock.now());
                }
            }
        }
        assert_eq!(took, [Some(1_012), Some(1_002)]);
        for _ in 0..5 {
            clock.advance(4);
            a.beat().await;
            b.beat().await;
            assert_eq!((held(&a), held(&b)), (vec![0, 1], vec![2, 3]), "stable");
        }
        // a dies after its last renewal: b, beating every second, takes a's shards once
        // their leases and a's presence ran out, not before.
        let died = clock.now();
        let mut took_all = None;
        for _ in 0..15 {
            clock.advance(1);
            b.beat().await;
            if took_all.is_none() && held(&b) == vec![0, 1, 2, 3] {
                took_all = Some(clock.now());
            }
            assert!(held(&b).starts_with(&[0, 1]) || held(&b) == vec![2, 3], "{:?}", held(&b));
        }
        assert_eq!(took_all, Some(died + 12), "a renewed last at its death, the lease lasts 12 s");
    }
}
