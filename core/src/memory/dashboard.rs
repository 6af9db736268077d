//! The dashboard's links and sessions, in memory.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::dashboard::{WebLink, WebSession};
use crate::ports::DashboardStore;

#[async_trait]
impl DashboardStore for MemoryStore {
    async fn web_link(&self, community: CommunityId, digest: &str) -> Result<Option<WebLink>, StoreError> {
        Ok(self.lock().web_links.iter().find(|l| l.community_id == community && l.digest == digest).cloned())
    }

    async fn web_session(&self, community: CommunityId, digest: &str) -> Result<Option<WebSession>, StoreError> {
        Ok(self.lock().web_sessions.iter().find(|s| s.community_id == community && s.digest == digest).cloned())
    }

    async fn web_sessions_of(&self, member: MemberId) -> Result<Vec<WebSession>, StoreError> {
        let mut sessions: Vec<WebSession> = self
            .lock()
            .web_sessions
            .iter()
            .filter(|s| s.member_id == member && s.ended_at.is_none())
            .cloned()
            .collect();
        sessions.sort_by_key(|s| std::cmp::Reverse((s.created_at, s.digest.clone())));
        Ok(sessions)
    }
}

impl State {
    /// Applies a change to the dashboard's links and sessions.
    pub(super) fn apply_dashboard(&mut self, change: Change) -> Result<(), StoreError> {
        let conflict = |what: &str| Err(StoreError::Conflict(what.to_owned()));
        match change {
            Change::InsertWebLink(link) => {
                if self.web_links.iter().any(|l| l.digest == link.digest) {
                    return conflict("dashboard link exists");
                }
                self.web_links.push(link);
            }
            Change::UseWebLink { community, digest, at } => {
                match self.web_links.iter_mut().find(|l| l.community_id == community && l.digest == digest) {
                    Some(link) if link.used_at.is_none() && link.expires_at > at => link.used_at = Some(at),
                    _ => return conflict("dashboard link cannot be used"),
                }
            }
            Change::OpenWebSession(session) => {
                if self.web_sessions.iter().any(|s| s.digest == session.digest) {
                    return conflict("dashboard session exists");
                }
                self.web_sessions.push(session);
            }
            Change::SeeWebSession { digest, at } => {
                if let Some(session) = self.web_sessions.iter_mut().find(|s| s.digest == digest && s.ended_at.is_none())
                {
                    session.seen_at = session.seen_at.max(at);
                }
            }
            Change::EndWebSessions { member, digest, at } => {
                let ended = self.web_sessions.iter_mut().filter(|s| {
                    s.member_id == member && s.ended_at.is_none() && digest.as_ref().is_none_or(|d| *d == s.digest)
                });
                for session in ended {
                    session.ended_at = Some(at);
                }
            }
            Change::ForgetWebAccess { community, before } => {
                self.web_links.retain(|l| l.community_id != community || l.expires_at >= before);
                self.web_sessions.retain(|s| {
                    s.community_id != community || (s.expires_at >= before && s.ended_at.is_none_or(|at| at >= before))
                });
            }
            other => return Err(StoreError::Backend(format!("not a dashboard change: {other:?}").into())),
        }
        Ok(())
    }
}
