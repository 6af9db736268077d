//! The dashboard's way in: `/tableau` gives a moderator a one-time link in private; the web
//! pages turn it into a session and ask, on every page, whom a session lets in. Each goes
//! through the same rules as chat: a member demoted meanwhile is refused at once.

use crate::catalog;
use crate::dashboard::{self, LINK_TTL, SECRET_BYTES, SEEN_EVERY, SESSION_MAX, WebLink, WebSession};
use crate::model::{AuditAction, AuditEntry, Member, MemberId, MemberStatus, Timestamp};
use crate::ports::{AuditQuery, Change, StoreError};
use crate::rules::{self, Refusal};

use super::{Actor, Failure, Outcome, Service, format_time};

/// Why the dashboard did not let someone in: a refusal to show them, or the store failing.
#[derive(Debug, thiserror::Error)]
pub enum DashboardError {
    /// Said to the person, in their language.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The database failed: they try again.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Refusal> for DashboardError {
    fn from(refusal: Refusal) -> Self {
        DashboardError::Refused(refusal)
    }
}

/// What the dashboard's first page shows: the community at a glance, and what waits for
/// its moderators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// The community's name.
    pub community: String,
    /// Members in each status that has any.
    pub members: Vec<(MemberStatus, u64)>,
    /// Requests open (or proposed to someone).
    pub open_requests: u64,
    /// Offers open.
    pub open_offers: u64,
    /// Reports waiting for a moderator.
    pub reports: usize,
    /// Joins held for a moderator's decision.
    pub held_joins: usize,
    /// Messages the bot could not deliver, waiting for a moderator (at most [`PARKED_SHOWN`]).
    pub parked: usize,
}

/// People on a page of a member's tree, on the dashboard.
pub const TREE_SHOWN: u64 = 200;

/// Parked messages counted at most on the overview.
pub const PARKED_SHOWN: u32 = 1_000;

/// What the audit page looks for: members as a moderator names them (`@name`, `#id`), a
/// kind of action, dates, and words of the reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditSearch {
    /// Done by this member.
    pub actor: Option<String>,
    /// Done to this member.
    pub target: Option<String>,
    /// This kind of action.
    pub action: Option<AuditAction>,
    /// At or after.
    pub since: Option<Timestamp>,
    /// Before.
    pub until: Option<Timestamp>,
    /// Words of the reason.
    pub words: Option<String>,
}

/// A line of the audit log, with the names of the members it names (empty for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    /// The line.
    pub entry: AuditEntry,
    /// Who acted.
    pub actor: String,
    /// To whom.
    pub target: String,
}

/// A session just opened: the secret for the browser's cookie, and whom it lets in.
#[derive(Debug)]
pub struct Opened {
    /// What the cookie carries.
    pub secret: String,
    /// The moderator.
    pub member: Member,
}

/// A command's failure, as the dashboard says it.
fn denied(failure: Failure) -> DashboardError {
    match failure {
        Failure::Refused(refusal) => DashboardError::Refused(refusal),
        Failure::Store(error) => DashboardError::Store(error),
    }
}

impl Service {
    /// `/tableau`: a one-time link to the dashboard, answered in private; `/tableau fin`:
    /// every session of the moderator's ends.
    pub(super) async fn dashboard(&self, actor: &Actor, member: &Member, end: bool) -> Outcome {
        rules::may_moderate(member)?;
        let now = self.clock.now();
        if end {
            let live = self.store.web_sessions_of(member.id).await?.iter().filter(|s| s.is_live(now)).count();
            self.commit(vec![Change::EndWebSessions { member: member.id, digest: None, at: now }]).await?;
            let count = i64::try_from(live).unwrap_or(i64::MAX);
            return Ok(self.reply(member.lang, "dashboard-ended", &[("count", count.into())]));
        }
        let Some(address) = self.settings().dashboard_url.clone() else {
            return Err(Refusal::DashboardOff.into());
        };
        let secret = self.new_secret();
        let link = WebLink {
            digest: dashboard::digest(&secret),
            community_id: self.community.id,
            member_id: member.id,
            created_at: now,
            expires_at: now + LINK_TTL,
            used_at: None,
        };
        let args = [
            ("link", format!("{}/entree/{secret}", address.trim_end_matches('/')).into()),
            ("minutes", (LINK_TTL / 60).into()),
        ];
        let mut text = catalog::text(member.lang, "dashboard-link", &args);
        // The sessions already open, so that one the moderator does not know is seen.
        let open: Vec<WebSession> =
            self.store.web_sessions_of(member.id).await?.into_iter().filter(|s| s.is_live(now)).collect();
        if !open.is_empty() {
            let count = i64::try_from(open.len()).unwrap_or(i64::MAX);
            text.push_str(&format!(
                "\n{}",
                catalog::text(member.lang, "dashboard-sessions", &[("count", count.into())])
            ));
            for session in &open {
                let times =
                    [("opened", format_time(session.created_at).into()), ("seen", format_time(session.seen_at).into())];
                text.push_str(&format!("\n{}", catalog::text(member.lang, "dashboard-session-line", &times)));
            }
        }
        let key = format!("dashboard-link:{}", link.digest);
        self.answer_privately(actor, member, key, text, vec![Change::InsertWebLink(link)]).await
    }

    /// Opens a session with the secret of a dashboard link: once, before it expires, for the
    /// moderator it was made for while they still moderate.
    pub async fn open_dashboard(&self, link_secret: &str) -> Result<Opened, DashboardError> {
        if !dashboard::is_secret(link_secret) {
            return Err(Refusal::DashboardLinkUnknown.into());
        }
        let digest = dashboard::digest(link_secret);
        let link = self.store.web_link(self.community.id, &digest).await?.ok_or(Refusal::DashboardLinkUnknown)?;
        let now = self.clock.now();
        if link.used_at.is_some() {
            return Err(Refusal::DashboardLinkUsed.into());
        }
        if now >= link.expires_at {
            return Err(Refusal::DashboardLinkExpired.into());
        }
        let member = self.store.member(link.member_id).await?.ok_or(Refusal::DashboardLinkUnknown)?;
        rules::may_moderate(&member)?;
        let secret = self.new_secret();
        let session = WebSession {
            digest: dashboard::digest(&secret),
            community_id: self.community.id,
            member_id: member.id,
            created_at: now,
            seen_at: now,
            expires_at: now + SESSION_MAX,
            ended_at: None,
        };
        match self
            .commit(vec![
                Change::UseWebLink { community: self.community.id, digest, at: now },
                Change::OpenWebSession(session),
            ])
            .await
        {
            Ok(()) => Ok(Opened { secret, member }),
            // Used by another browser meanwhile.
            Err(StoreError::Conflict(_)) => Err(Refusal::DashboardLinkUsed.into()),
            Err(error) => Err(error.into()),
        }
    }

    /// Whom a session's cookie lets in now: a moderator in good standing, with a session
    /// that has neither ended, nor idled too long, nor outlived its day.
    pub async fn dashboard_moderator(&self, session_secret: &str) -> Result<Member, DashboardError> {
        let session = self.live_session(session_secret).await?;
        let member = self.store.member(session.member_id).await?.ok_or(Refusal::DashboardSessionOver)?;
        rules::may_moderate(&member)?;
        let now = self.clock.now();
        if now - session.seen_at >= SEEN_EVERY {
            self.commit(vec![Change::SeeWebSession { digest: session.digest, at: now }]).await?;
        }
        Ok(member)
    }

    /// The overview, for a moderator.
    pub async fn dashboard_overview(&self, moderator: &Member) -> Result<Overview, DashboardError> {
        rules::may_moderate(moderator)?;
        let community = self.community.id;
        let census = self.store.census(community).await?;
        Ok(Overview {
            community: self.community.name.clone(),
            members: census.members,
            open_requests: census.open_requests,
            open_offers: census.open_offers,
            reports: self.store.pending_reports(community).await?.len(),
            held_joins: self.store.open_held_joins(community).await?.len(),
            parked: self.store.parked_messages(community, PARKED_SHOWN).await?.len(),
        })
    }

    /// Lines of the audit log, newest first, for a moderator: `limit` of them after the
    /// `offset` newest.
    pub async fn dashboard_audit(
        &self,
        moderator: &Member,
        search: &AuditSearch,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<AuditLine>, DashboardError> {
        rules::may_moderate(moderator)?;
        let query = AuditQuery {
            actor: self.member_named(search.actor.as_deref()).await?,
            target: self.member_named(search.target.as_deref()).await?,
            action: search.action,
            since: search.since,
            until: search.until,
            words: search.words.clone(),
            offset,
            limit,
        };
        Ok(self.audit_lines(&query).await?)
    }

    /// Lines of the audit log with the names of whom they name: for the operator's export
    /// (`entraide audit`), and for moderators behind the rules above.
    pub async fn audit_lines(&self, query: &AuditQuery) -> Result<Vec<AuditLine>, StoreError> {
        let entries = self.store.audit(self.community.id, query).await?;
        let mut names: std::collections::HashMap<MemberId, String> = std::collections::HashMap::new();
        let mut lines = Vec::with_capacity(entries.len());
        for entry in entries {
            let mut name_of = async |id: Option<MemberId>| -> Result<String, StoreError> {
                let Some(id) = id else { return Ok(String::new()) };
                if let Some(name) = names.get(&id) {
                    return Ok(name.clone());
                }
                let name = self.store.member(id).await?.map(|m| m.display_name).unwrap_or_default();
                names.insert(id, name.clone());
                Ok(name)
            };
            let actor = name_of(entry.actor_id).await?;
            let target = name_of(entry.target_id).await?;
            lines.push(AuditLine { entry, actor, target });
        }
        Ok(lines)
    }

    /// A member's record, with the page `page` of their tree, for a moderator.
    pub async fn dashboard_member(
        &self,
        moderator: &Member,
        target: &str,
        page: u64,
    ) -> Result<super::MemberRecord, DashboardError> {
        rules::may_moderate(moderator)?;
        let member = self.find_member(target).await.map_err(denied)?;
        Ok(self.member_record(member, page, TREE_SHOWN).await?)
    }

    /// The members named `name` below `root` in the sponsor tree, each with the way down to
    /// them, for a moderator.
    pub async fn dashboard_found_below(
        &self,
        moderator: &Member,
        root: MemberId,
        name: &str,
    ) -> Result<Vec<Vec<Member>>, DashboardError> {
        rules::may_moderate(moderator)?;
        Ok(self.found_below(root, name).await?)
    }

    /// The member a moderator names, if they name one.
    async fn member_named(&self, name: Option<&str>) -> Result<Option<MemberId>, DashboardError> {
        match name {
            Some(name) => self.find_member(name).await.map(|member| Some(member.id)).map_err(denied),
            None => Ok(None),
        }
    }

    /// Signs a session out (the others of the same moderator stay).
    pub async fn close_dashboard(&self, session_secret: &str) -> Result<(), DashboardError> {
        let session = self.live_session(session_secret).await?;
        let end =
            Change::EndWebSessions { member: session.member_id, digest: Some(session.digest), at: self.clock.now() };
        Ok(self.commit(vec![end]).await?)
    }

    /// The live session a cookie's secret names.
    async fn live_session(&self, secret: &str) -> Result<WebSession, DashboardError> {
        if !dashboard::is_secret(secret) {
            return Err(Refusal::DashboardSessionOver.into());
        }
        let session = self.store.web_session(self.community.id, &dashboard::digest(secret)).await?;
        match session {
            Some(session) if session.is_live(self.clock.now()) => Ok(session),
            _ => Err(Refusal::DashboardSessionOver.into()),
        }
    }

    /// A new secret for a link or a session.
    fn new_secret(&self) -> String {
        let mut bytes = [0u8; SECRET_BYTES];
        self.randomness.fill(&mut bytes);
        dashboard::secret(&bytes)
    }
}
