//! Leases on platform connections: one process at a time holds the Telegram poller, the Matrix
//! sync or a Discord shard, through a row in the shared database renewed by heartbeat (see
//! [`LeaseStore`](crate::ports::LeaseStore)). The timing rules are here, as plain functions:
//! when to renew, and when a holder that cannot reach the database must stop its connection,
//! which is before anyone else may take the lease.

use crate::model::Timestamp;

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
    /// Whether these times can work: a renewal (and a retry) fits in a lease before its
    /// margin.
    pub fn valid(self) -> bool {
        self.renew_every > 0 && self.margin > 0 && 2 * self.renew_every + self.margin <= self.lasts
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!LeaseTimes { lasts: 12, renew_every: 4, margin: 0 }.valid(), "no margin");
    }
}
