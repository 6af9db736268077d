//! Leases on platform connections, in memory (one process: what the SQL stores do across
//! processes, for the conformance suite to compare).

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::lease::Lease;

#[async_trait]
impl LeaseStore for MemoryStore {
    async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<Option<Lease>, StoreError> {
        let mut state = self.lock();
        let token = match state.leases.get(name) {
            None => 1,
            Some(held) if held.holder == holder && held.until > now => held.token,
            Some(held) if held.until <= now => held.token + 1,
            Some(_) => return Ok(None),
        };
        let lease = Lease { name: name.to_owned(), holder: holder.to_owned(), token, until, renewed_at: now };
        state.leases.insert(name.to_owned(), lease.clone());
        Ok(Some(lease))
    }

    async fn renew_lease(
        &self,
        name: &str,
        holder: &str,
        token: i64,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut state = self.lock();
        match state.leases.get_mut(name) {
            Some(held) if held.holder == holder && held.token == token && held.until > now => {
                held.until = until;
                held.renewed_at = now;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn release_lease(&self, name: &str, holder: &str, token: i64) -> Result<(), StoreError> {
        if let Some(held) = self.lock().leases.get_mut(name).filter(|held| held.holder == holder && held.token == token)
        {
            held.until = 0;
        }
        Ok(())
    }

    async fn leases(&self) -> Result<Vec<Lease>, StoreError> {
        Ok(self.lock().leases.values().cloned().collect())
    }
}
