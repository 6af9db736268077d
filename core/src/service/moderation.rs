//! Moderation: warnings, suspensions, bans and their lifting, applied to the person on every
//! linked account; reports and their queue; hidden posts; roles. Every action is written to
//! the audit log in the transaction that makes it, and the member concerned is told
//! privately what happened, why, and whom to write to.

use crate::catalog;
use crate::command::{self, ChatContext, CommandName, ReportSubject, Resolution};
use crate::model::{
    AccountRef, AuditAction, Lang, Match, MatchState, Member, MemberId, MemberStatus, Outgoing, OutgoingBody, Post,
    PostId, PostKind, PostState, Report, ReportState, Role, Timestamp,
};
use crate::ports::{AuditQuery, Change, IdKind, StoreError};
use crate::rules::{self, Refusal};

use super::relay::report_with_quote;
use super::{Actor, Failure, Outcome, Reply, Service, follow_up_key};

/// What a moderator does to a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sanction {
    /// A warning; enough of them suspend.
    Warn,
    /// Barred from acting and restricted in the groups until then.
    Suspend {
        /// When it ends.
        until: Timestamp,
    },
    /// Removed from every group, for good.
    Ban,
    /// A suspension or ban lifted.
    Lift,
}

impl Service {
    /// `/avertir`, `/suspendre`, `/bannir`, `/lever`: a sanction on the person, logged.
    pub(super) async fn sanction_command(
        &self,
        moderator: &Member,
        target: &str,
        sanction: Sanction,
        reason: &str,
    ) -> Outcome {
        rules::may_moderate(moderator)?;
        let target = self.find_member(target).await?;
        let (changes, reply) = self.sanction(moderator, &target, sanction, reason).await?;
        self.commit(changes).await?;
        tracing::info!(moderator = moderator.id, target = target.id, ?sanction, "sanction applied");
        Ok(reply)
    }

    /// The changes a sanction makes (state, audit, notices, platform actions) and the reply.
    pub(super) async fn sanction(
        &self,
        moderator: &Member,
        target: &Member,
        sanction: Sanction,
        reason: &str,
    ) -> Result<(Vec<Change>, Reply), Failure> {
        match sanction {
            Sanction::Lift => rules::may_lift(moderator, target)?,
            _ => rules::may_sanction(moderator, target)?,
        }
        let now = self.clock.now();
        // Every message a sanction causes is keyed by it: two sanctions in one second are two.
        let cause = self.next_id(IdKind::Reply).await?;
        let lang = moderator.lang;
        let name = target.display_name.as_str();
        let mut changes = Vec::new();
        let reply = match sanction {
            Sanction::Warn => {
                changes.push(self.audit_change(Some(moderator.id), AuditAction::Warn, Some(target.id), reason, now));
                changes.extend(self.notice(target, "warned-notice", reason, None, moderator, cause).await?);
                changes.extend(self.tell_sponsor_on_trial(target, AuditAction::Warn, reason, cause).await?);
                if self.warning_suspends(target).await? {
                    let settings = self.settings();
                    let until = now + settings.warning_suspension;
                    let why = catalog::text(
                        self.settings().default_lang,
                        "warnings-escalated",
                        &[("count", i64::from(settings.warnings_to_suspend).into())],
                    );
                    changes.extend(self.suspension(moderator, target, until, &why, cause).await?);
                    self.reply(
                        lang,
                        "warn-escalated",
                        &[("name", name.into()), ("date", super::format_time(until).into())],
                    )
                } else {
                    self.reply(lang, "warn-done", &[("name", name.into())])
                }
            }
            Sanction::Suspend { until } => {
                changes.extend(self.suspension(moderator, target, until, reason, cause).await?);
                self.reply(lang, "suspend-done", &[("name", name.into()), ("date", super::format_time(until).into())])
            }
            Sanction::Ban => {
                let accounts = self.store.accounts_of(target.id).await?;
                changes.push(Change::SetStatus { id: target.id, from: target.status, to: MemberStatus::Banned });
                changes.push(self.audit_change(Some(moderator.id), AuditAction::Ban, Some(target.id), reason, now));
                changes.extend(self.wind_up(target, now).await?);
                // Whatever still waited for them is moot; they are told once, then removed everywhere.
                changes.extend(accounts.iter().map(|account| Change::CancelMessagesTo(account.account.clone())));
                changes.extend(self.notice(target, "banned-notice", reason, None, moderator, cause).await?);
                changes.extend(self.tell_sponsor_on_trial(target, AuditAction::Ban, reason, cause).await?);
                changes.extend(self.platform_actions(target, "ban", OutgoingBody::Ban, cause).await?);
                self.reply(
                    lang,
                    "ban-done",
                    &[("name", name.into()), ("id", target.id.into()), ("count", (accounts.len() as i64).into())],
                )
            }
            Sanction::Lift => {
                changes.push(Change::SetStatus { id: target.id, from: target.status, to: MemberStatus::Active });
                changes.push(self.audit_change(Some(moderator.id), AuditAction::Lift, Some(target.id), reason, now));
                let body = match target.status {
                    MemberStatus::Banned => OutgoingBody::Unban,
                    _ => OutgoingBody::Unrestrict,
                };
                changes.extend(self.platform_actions(target, "lift", body, cause).await?);
                changes.extend(self.notice(target, "lifted-notice", reason, None, moderator, cause).await?);
                self.reply(lang, "lift-done", &[("name", name.into())])
            }
        };
        Ok((changes, reply))
    }

    /// A suspension's changes: status, audit, notice, the sponsor on trial, restrictions.
    async fn suspension(
        &self,
        moderator: &Member,
        target: &Member,
        until: Timestamp,
        reason: &str,
        cause: i64,
    ) -> Result<Vec<Change>, StoreError> {
        let now = self.clock.now();
        let mut changes = vec![
            Change::Suspend { id: target.id, from: target.status, until },
            self.audit_change(Some(moderator.id), AuditAction::Suspend, Some(target.id), reason, now),
        ];
        changes.extend(self.notice(target, "suspended-notice", reason, Some(until), moderator, cause).await?);
        changes.extend(self.tell_sponsor_on_trial(target, AuditAction::Suspend, reason, cause).await?);
        changes.extend(self.platform_actions(target, "restrict", OutgoingBody::Restrict { until }, cause).await?);
        changes.extend(self.end_relays_of_member(target, now).await?);
        Ok(changes)
    }

    /// Whether one more warning reaches the community's threshold, counting the warnings
    /// since the member's last suspension.
    async fn warning_suspends(&self, target: &Member) -> Result<bool, StoreError> {
        let community = self.community.id;
        let last =
            AuditQuery { target: Some(target.id), action: Some(AuditAction::Suspend), limit: 1, ..Default::default() };
        let since = self.store.audit(community, &last).await?.first().map(|entry| entry.at + 1);
        let warnings = AuditQuery {
            target: Some(target.id),
            action: Some(AuditAction::Warn),
            since,
            limit: 100,
            ..Default::default()
        };
        let earlier = self.store.audit(community, &warnings).await?.len();
        Ok(rules::warning_suspends(earlier, self.settings().warnings_to_suspend))
    }

    /// The same platform action on each of a member's accounts (ban, restrict…), keyed by
    /// its cause.
    pub(super) async fn platform_actions(
        &self,
        member: &Member,
        what: &str,
        body: OutgoingBody,
        cause: i64,
    ) -> Result<Vec<Change>, StoreError> {
        let now = self.clock.now();
        Ok(self
            .store
            .accounts_of(member.id)
            .await?
            .into_iter()
            .map(|account| {
                Change::Enqueue(Outgoing {
                    key: format!("{what}:{}:{cause}:{}", member.id, account.account),
                    to: account.account,
                    body: body.clone(),
                    not_before: now,
                })
            })
            .collect())
    }

    /// Tells a sanctioned member what happened, why, and whom to write to about it.
    async fn notice(
        &self,
        target: &Member,
        id: &str,
        reason: &str,
        until: Option<Timestamp>,
        moderator: &Member,
        cause: i64,
    ) -> Result<Option<Change>, StoreError> {
        let now = self.clock.now();
        let lang = target.lang;
        let others: Vec<String> = self
            .store
            .moderators(self.community.id)
            .await?
            .into_iter()
            .filter(|m| m.id != target.id && m.id != moderator.id)
            .take(3)
            .map(|m| m.display_name)
            .collect();
        let contacts = if others.is_empty() { moderator.display_name.clone() } else { others.join(", ") };
        let appeal = catalog::text(lang, "appeal-how", &[("moderators", contacts.into())]);
        let text = catalog::text(
            lang,
            id,
            &[
                ("community", self.community.name.as_str().into()),
                ("reason", reason.into()),
                ("date", super::format_time(until.unwrap_or(now)).into()),
                ("appeal", appeal.into()),
            ],
        );
        self.private_message(target, format!("{id}:{}:{cause}", target.id), text, now).await
    }

    /// During an invitee's trial, their sponsor hears of any sanction (privately).
    pub(super) async fn tell_sponsor_on_trial(
        &self,
        invitee: &Member,
        action: AuditAction,
        reason: &str,
        cause: i64,
    ) -> Result<Option<Change>, StoreError> {
        let now = self.clock.now();
        if !rules::on_trial(invitee, now, &self.settings().sponsorship) {
            return Ok(None);
        }
        let Some(sponsor) = invitee.sponsor_id else { return Ok(None) };
        let Some(sponsor) = self.store.member(sponsor).await?.filter(|s| s.status == MemberStatus::Active) else {
            return Ok(None);
        };
        let text = catalog::text(
            sponsor.lang,
            "sponsor-invitee-sanctioned",
            &[
                ("name", invitee.display_name.as_str().into()),
                ("action", catalog::text(sponsor.lang, &format!("audit-action-{action}"), &[]).into()),
                ("reason", reason.into()),
            ],
        );
        self.private_message(&sponsor, format!("sponsor-told:{action}:{}:{cause}", invitee.id), text, now).await
    }

    /// Upkeep: suspensions whose time is over end by themselves; the member is told.
    pub(super) async fn end_suspensions(&self) -> Result<(), StoreError> {
        let now = self.clock.now();
        for member in self.store.suspensions_over(self.community.id, now).await? {
            let mut changes = vec![
                Change::SetStatus { id: member.id, from: MemberStatus::Suspended, to: MemberStatus::Active },
                self.audit_change(None, AuditAction::Lift, Some(member.id), "", now),
            ];
            changes.extend(self.platform_actions(&member, "unrestrict", OutgoingBody::Unrestrict, now).await?);
            let text =
                catalog::text(member.lang, "suspension-ended", &[("community", self.community.name.as_str().into())]);
            changes.extend(
                self.private_message(&member, format!("suspension-ended:{}:{now}", member.id), text, now).await?,
            );
            match self.commit(changes).await {
                // Lifted or changed by a moderator or another process meanwhile.
                Ok(()) | Err(StoreError::Conflict(_)) => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    // ----- reports -------------------------------------------------------------------------

    /// `/signaler N|@name REASON`: a member reports a post or a member; moderators are told,
    /// the reported member never learns who reported. Typed in a group, it is acknowledged
    /// privately and removed from the group, in the same transaction.
    pub(super) async fn report(
        &self,
        actor: &Actor,
        reporter: &Member,
        subject: ReportSubject,
        reason: String,
    ) -> Outcome {
        let (target, post) = match subject {
            ReportSubject::Post(id) => {
                let post = self.community_post(id).await?;
                (self.member(post.author_id).await?, Some(post))
            }
            ReportSubject::Member(name) => (self.find_member(&name).await?, None),
        };
        if target.id == reporter.id {
            return Err(Refusal::SelfReport.into());
        }
        let now = self.clock.now();
        let report = Report {
            id: self.store.allocate_id(IdKind::Report).await?,
            community_id: self.community.id,
            reporter_id: reporter.id,
            target_id: target.id,
            post_id: post.as_ref().map(|p| p.id),
            reason,
            state: ReportState::Open,
            handler_id: None,
            resolution: None,
            created_at: now,
            settled_at: None,
        };
        let mut changes = vec![Change::InsertReport(report.clone())];
        // A moderator who is reported does not hear of it (nor of who reported them).
        for moderator in self.store.moderators(self.community.id).await? {
            if moderator.id == target.id {
                continue;
            }
            let text = self.report_line(&report, &moderator, "report-notice").await?;
            changes.extend(
                self.private_message(&moderator, format!("report:{}:{}", report.id, moderator.id), text, now).await?,
            );
        }
        let reply = self.reply(reporter.lang, "report-sent", &[("id", report.id.into())]);
        if actor.incoming.chat == ChatContext::Private {
            self.commit(changes).await?;
            return Ok(reply);
        }
        changes.extend(self.out_of_group(actor, reply.text).await?);
        self.commit(changes).await?;
        // Nothing for the group (see `Service::out_of_sight`).
        Ok(Reply { post: None, text: String::new() })
    }

    /// What a member wrote in a group in reply to someone's message (`author`, with its text
    /// as their app sent it along): `/signaler MOTIF` reports that message's author, with the
    /// message quoted for moderators, as for a relayed message. A report that names what it
    /// reports (`@NAME`, a post's number) and anything else stay as written.
    pub async fn group_reply_text(
        &self,
        reporter: &AccountRef,
        author: &AccountRef,
        quoted: Option<&str>,
        text: &str,
    ) -> String {
        if command::command_name(text) != Some(CommandName::Report) {
            return text.to_owned();
        }
        let first = text.split_whitespace().nth(1).unwrap_or_default();
        let named =
            first.starts_with('@') || first.starts_with("<@") || first.trim_start_matches('#').parse::<i64>().is_ok();
        if named {
            return text.to_owned();
        }
        match self.reported_author(reporter, author).await {
            Ok(Some((target, lang))) => report_with_quote(target, text, quoted, lang),
            // Not a member's message (the bot's, someone who left): as written.
            Ok(None) => text.to_owned(),
            Err(error) => {
                tracing::warn!(%error, "could not read whose message is reported");
                text.to_owned()
            }
        }
    }

    /// The member who wrote a message being reported by reply, if a member did, and the
    /// reporter's language.
    async fn reported_author(
        &self,
        reporter: &AccountRef,
        author: &AccountRef,
    ) -> Result<Option<(MemberId, Lang)>, StoreError> {
        let Some(account) = self.store.account(self.community.id, author).await? else { return Ok(None) };
        let lang = match self.store.account(self.community.id, reporter).await? {
            Some(found) => self.store.member(found.member_id).await?.map(|m| m.lang),
            None => None,
        };
        Ok(Some((account.member_id, lang.unwrap_or(self.settings().default_lang))))
    }

    /// A report as a moderator reads it; the reporter is named unless the reader is the one
    /// reported.
    async fn report_line(&self, report: &Report, reader: &Member, id: &str) -> Result<String, StoreError> {
        let lang = reader.lang;
        let target = self.name_of(Some(report.target_id), lang).await?;
        let reporter = match reader.id == report.target_id {
            true => catalog::text(lang, "report-reporter-hidden", &[]),
            false => self.name_of(Some(report.reporter_id), lang).await?,
        };
        let subject = match report.post_id {
            Some(post) => {
                let text = self.store.post(post).await?.map(|p| excerpt(&p.text)).unwrap_or_default();
                catalog::text(lang, "report-subject-post", &[("post", post.into()), ("text", text.into())])
            }
            None => catalog::text(lang, "report-subject-member", &[]),
        };
        let handler = match report.handler_id {
            Some(handler) => self.name_of(Some(handler), lang).await?,
            None => "—".to_owned(),
        };
        Ok(catalog::text(
            lang,
            id,
            &[
                ("id", report.id.into()),
                ("target", target.into()),
                ("subject", subject.into()),
                ("reason", report.reason.as_str().into()),
                ("reporter", reporter.into()),
                ("state", catalog::text(lang, &format!("report-state-{}", report.state), &[]).into()),
                ("handler", handler.into()),
                ("take", format!("/{} {}", CommandName::Take.word(lang), report.id).into()),
                ("resolve", format!("/{} {}", CommandName::Resolve.word(lang), report.id).into()),
                ("dismiss", format!("/{} {}", CommandName::Dismiss.word(lang), report.id).into()),
            ],
        ))
    }

    /// `/signalements`: the reports waiting for moderators (not those about the reader).
    pub(super) async fn reports(&self, moderator: &Member) -> Outcome {
        rules::may_moderate(moderator)?;
        let pending: Vec<Report> = self
            .store
            .pending_reports(self.community.id)
            .await?
            .into_iter()
            .filter(|r| r.target_id != moderator.id)
            .collect();
        if pending.is_empty() {
            return Ok(self.reply(moderator.lang, "reports-empty", &[]));
        }
        let mut lines = vec![catalog::text(moderator.lang, "reports-title", &[])];
        for report in pending.iter().take(20) {
            lines.push(self.report_line(report, moderator, "report-line").await?);
        }
        Ok(Reply { post: None, text: lines.join("\n") })
    }

    /// A pending report of this community that the moderator may handle.
    async fn pending_report(&self, moderator: &Member, id: i64) -> Result<Report, Failure> {
        rules::may_moderate(moderator)?;
        let report = self.store.report(self.community.id, id).await?.ok_or(Refusal::UnknownReport(id))?;
        if report.target_id == moderator.id {
            // Nobody judges a report about themself.
            return Err(Refusal::SelfSanction.into());
        }
        if !report.state.is_pending() {
            return Err(Refusal::ReportSettled(id).into());
        }
        Ok(report)
    }

    /// `/prendre N`: a moderator takes a report, so that others know it is handled.
    pub(super) async fn take_report(&self, moderator: &Member, id: i64) -> Outcome {
        let report = self.pending_report(moderator, id).await?;
        let now = self.clock.now();
        self.commit(vec![Change::SetReportState {
            id: report.id,
            from: vec![ReportState::Open, ReportState::Taken],
            to: ReportState::Taken,
            handler: moderator.id,
            resolution: None,
            at: now,
        }])
        .await?;
        Ok(self.reply(moderator.lang, "report-taken", &[("id", id.into())]))
    }

    /// `/resoudre N ACTION REASON`: the report is upheld and acted on, in one transaction;
    /// the reporter hears that it was, and a sponsor on trial hears of it.
    pub(super) async fn resolve_report(
        &self,
        moderator: &Member,
        id: i64,
        action: Resolution,
        reason: String,
    ) -> Outcome {
        let report = self.pending_report(moderator, id).await?;
        let target = self.member(report.target_id).await?;
        let now = self.clock.now();
        let (mut changes, acted) = match action {
            Resolution::Warn => self.sanction(moderator, &target, Sanction::Warn, &reason).await?,
            Resolution::Suspend(span) => {
                self.sanction(moderator, &target, Sanction::Suspend { until: now + span }, &reason).await?
            }
            Resolution::Ban => self.sanction(moderator, &target, Sanction::Ban, &reason).await?,
            Resolution::Hide => {
                let post = report.post_id.ok_or(Refusal::NotAPostReport(id))?;
                let post = self.community_post(post).await?;
                let changes = self.hiding(moderator, &post, &reason, now).await?;
                (changes, self.reply(moderator.lang, "hide-done", &[("id", post.id.into())]))
            }
            Resolution::Nothing => (Vec::new(), Reply { post: None, text: String::new() }),
        };
        changes.push(Change::SetReportState {
            id,
            from: vec![ReportState::Open, ReportState::Taken],
            to: ReportState::Upheld,
            handler: moderator.id,
            resolution: Some(reason.clone()),
            at: now,
        });
        changes.push(self.audit_change(
            Some(moderator.id),
            AuditAction::Uphold,
            Some(target.id),
            format!("#{id}: {reason}"),
            now,
        ));
        // Upheld with nothing done (already handled elsewhere): the reporter hears that it was
        // found right, not that it was acted on; the sponsor hears nothing, as no sanction came.
        let notice = match action {
            Resolution::Nothing => "report-noted-notice",
            _ => "report-upheld-notice",
        };
        changes.extend(self.tell_reporter(&report, notice, now).await?);
        // A sanction already told the sponsor; a hidden post is news to them.
        if action == Resolution::Hide {
            changes.extend(self.tell_sponsor_on_trial(&target, AuditAction::Uphold, &reason, id).await?);
        }
        self.commit(changes).await?;
        let done = self.reply(moderator.lang, "report-upheld", &[("id", id.into())]);
        Ok(Reply { post: None, text: [done.text, acted.text].join("\n").trim_end().to_owned() })
    }

    /// `/classer N REASON`: nothing to do; the reporter hears so, the reported member nothing.
    pub(super) async fn dismiss_report(&self, moderator: &Member, id: i64, reason: String) -> Outcome {
        let report = self.pending_report(moderator, id).await?;
        let now = self.clock.now();
        let mut changes = vec![
            Change::SetReportState {
                id,
                from: vec![ReportState::Open, ReportState::Taken],
                to: ReportState::Dismissed,
                handler: moderator.id,
                resolution: Some(reason.clone()),
                at: now,
            },
            self.audit_change(
                Some(moderator.id),
                AuditAction::Dismiss,
                Some(report.target_id),
                format!("#{id}: {reason}"),
                now,
            ),
        ];
        changes.extend(self.tell_reporter(&report, "report-dismissed-notice", now).await?);
        self.commit(changes).await?;
        Ok(self.reply(moderator.lang, "report-dismissed", &[("id", id.into())]))
    }

    async fn tell_reporter(&self, report: &Report, id: &str, now: Timestamp) -> Result<Option<Change>, StoreError> {
        let Some(reporter) = self.store.member(report.reporter_id).await? else { return Ok(None) };
        let text = catalog::text(reporter.lang, id, &[("id", report.id.into())]);
        self.private_message(&reporter, format!("{id}:{}", report.id), text, now).await
    }

    // ----- posts --------------------------------------------------------------------------

    /// `/masquer N REASON`: a moderator hides a post; its author is told why.
    pub(super) async fn hide(&self, moderator: &Member, id: PostId, reason: String) -> Outcome {
        rules::may_moderate(moderator)?;
        let post = self.community_post(id).await?;
        let now = self.clock.now();
        let changes = self.hiding(moderator, &post, &reason, now).await?;
        self.commit(changes).await?;
        Ok(self.reply(moderator.lang, "hide-done", &[("id", id.into())]))
    }

    /// Hiding a post: its proposals end, its follow-ups are withdrawn, its author is told.
    async fn hiding(
        &self,
        moderator: &Member,
        post: &Post,
        reason: &str,
        now: Timestamp,
    ) -> Result<Vec<Change>, Failure> {
        if post.state == PostState::Hidden {
            return Err(Refusal::PostFinished(post.id).into());
        }
        let mut changes = vec![
            Change::SetPostState { id: post.id, from: vec![post.state], to: PostState::Hidden, at: now },
            self.audit_change(
                Some(moderator.id),
                AuditAction::HidePost,
                Some(post.author_id),
                format!("#{}: {reason}", post.id),
                now,
            ),
        ];
        // Hidden from the group too: its announcement no longer says what it said, and the
        // member's own message is removed where the bot may (else moderators are told).
        changes.extend(self.announce_closed(post, PostState::Hidden, now).await?);
        for (platform, chat, message, author) in self.store.post_sources(post.id).await? {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("hide-source:{}:{platform}:{chat}:{message}", post.id),
                to: AccountRef::new(platform, chat),
                body: OutgoingBody::RemoveCommand { message, author },
                not_before: now,
            }));
        }
        let matches: Vec<Match> = match post.kind {
            PostKind::Request => self.store.matches_of_request(post.id).await?,
            PostKind::Offer => self
                .store
                .matches_of_member(post.author_id)
                .await?
                .into_iter()
                .filter(|m| m.offer_id == post.id)
                .collect(),
        };
        for found in matches {
            match found.state {
                MatchState::Asked | MatchState::Accepted => changes.push(Change::SetMatchState {
                    id: found.id,
                    from: found.state,
                    to: MatchState::Declined,
                    at: now,
                }),
                MatchState::Confirmed => changes.push(Change::CancelMessage(follow_up_key(found.id))),
                MatchState::Declined => {}
            }
        }
        if post.kind == PostKind::Request {
            changes.extend(self.end_relays_of_request(post, now).await?);
        }
        let author = self.member(post.author_id).await?;
        let text =
            catalog::text(author.lang, "post-hidden-notice", &[("id", post.id.into()), ("reason", reason.into())]);
        changes.extend(self.private_message(&author, format!("hidden:{}", post.id), text, now).await?);
        Ok(changes)
    }

    /// A post of this community.
    pub(super) async fn community_post(&self, id: PostId) -> Result<Post, Failure> {
        let post = self.store.post(id).await?.filter(|p| p.community_id == self.community.id);
        Ok(post.ok_or(Refusal::UnknownPost(id))?)
    }

    // ----- roles -------------------------------------------------------------------------

    /// `/role NAME ROLE`: an admin makes someone a member, relais, moderator or admin.
    pub(super) async fn set_role(&self, admin: &Member, target: &str, role: Role) -> Outcome {
        rules::may_configure(admin)?;
        let target = self.find_member(target).await?;
        if target.id == admin.id {
            return Err(Refusal::SelfRole.into());
        }
        let now = self.clock.now();
        let role_name = |lang| catalog::text(lang, &format!("role-{role}"), &[]);
        let mut changes = vec![
            Change::SetRole(target.id, role),
            self.audit_change(Some(admin.id), AuditAction::SetRole, Some(target.id), role.as_str(), now),
        ];
        let text = catalog::text(target.lang, "role-changed-notice", &[("role", role_name(target.lang).into())]);
        changes.extend(self.private_message(&target, format!("role:{}:{now}", target.id), text, now).await?);
        self.commit(changes).await?;
        Ok(self.reply(
            admin.lang,
            "role-set",
            &[("name", target.display_name.as_str().into()), ("role", role_name(admin.lang).into())],
        ))
    }
}

/// The start of a post, to recall it in a line.
fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::super::tests::{alice, bob, founded};
    use super::*;
    use crate::model::{AccountRef, Platform};
    use crate::ports::store_prelude::*;
    use crate::service::{Incoming, MessageRef};
    use crate::settings::Settings;

    /// Bob writes message `id` in Telegram group -100.
    fn bob_in_group(text: &str, id: &str) -> Incoming {
        Incoming {
            chat: ChatContext::Group { request_channel: false },
            message: Some(MessageRef { chat: "-100".into(), id: id.into() }),
            ..bob(text)
        }
    }

    /// What waits on Telegram for an account.
    async fn waiting(store: &dyn Store, user: &str) -> Vec<OutgoingBody> {
        let due = store.due_messages(Platform::Telegram, i64::MAX, 100).await.expect("store");
        due.into_iter()
            .filter(|m| m.message.to == AccountRef::new(Platform::Telegram, user))
            .map(|m| m.message.body)
            .collect()
    }

    fn texts(bodies: &[OutgoingBody]) -> Vec<&str> {
        bodies
            .iter()
            .filter_map(|body| match body {
                OutgoingBody::Text { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn a_report_typed_in_a_group_is_acknowledged_privately_and_removed_from_the_group() {
        let (service, store) = founded(Settings::default()).await;
        let invited = service.handle(alice("/inviter")).await.expect("an answer").text;
        let code = invited.split_whitespace().find(|w| w.len() == 19).expect("a code").to_owned();
        service.handle(bob(&format!("/rejoindre {code}"))).await.expect("an answer");
        let before = texts(&waiting(&*store, "43").await).len();

        // Nothing is said in the group; Bob is thanked privately; his message is removed.
        let said = service.handle(bob_in_group("/signaler @alice propos agressifs", "5")).await;
        assert_eq!(said, None, "nothing is said in the group");
        let reports = store.pending_reports(service.community().id).await.expect("store");
        assert_eq!((reports.len(), reports[0].reason.as_str()), (1, "propos agressifs"));
        let to_bob = waiting(&*store, "43").await;
        let to_bob = texts(&to_bob);
        assert_eq!(to_bob.len(), before + 1, "{to_bob:?}");
        assert!(to_bob[before].contains(&format!("signalement n°{}", reports[0].id)), "{to_bob:?}");
        let removal = OutgoingBody::RemoveCommand { message: "5".into(), author: "43".into() };
        assert_eq!(waiting(&*store, "-100").await, vec![removal.clone()], "only the removal goes to the group");
        assert!(removal.is_urgent(), "out of sight before routine messages");

        // A refused report (no reason) is not answered in the group either.
        assert_eq!(service.handle(bob_in_group("/signaler @alice", "6")).await, None);
        let to_bob = waiting(&*store, "43").await;
        assert!(texts(&to_bob).last().expect("told").contains("MOTIF"), "the usage, privately: {to_bob:?}");
        let removal = OutgoingBody::RemoveCommand { message: "6".into(), author: "43".into() };
        assert!(waiting(&*store, "-100").await.contains(&removal));

        // Where the platform refuses to remove it, Bob learns to report privately, once.
        let due = store.due_messages(Platform::Telegram, i64::MAX, 100).await.expect("store");
        let refused = due.iter().find(|m| m.message.body == removal).expect("the removal");
        service.removal_refused(&refused.message).await.expect("recorded");
        service.removal_refused(&refused.message).await.expect("recorded");
        let to_bob = waiting(&*store, "43").await;
        let advice = texts(&to_bob).into_iter().filter(|t| t.contains("signale en privé")).count();
        assert_eq!(advice, 1, "{to_bob:?}");

        // An app that cannot remove it: the advice comes with the answer.
        let unremovable = Incoming { message: None, ..bob_in_group("/signaler @alice encore", "7") };
        assert_eq!(service.handle(unremovable).await, None);
        let to_bob = waiting(&*store, "43").await;
        let last = texts(&to_bob).last().copied().expect("told");
        assert!(last.contains("signalement n°") && last.contains("signale en privé"), "{last}");
        assert_eq!(waiting(&*store, "-100").await.len(), 2, "no removal asked for");
        // In reply to Alice's message in the group, `/signaler MOTIF` reports her, with it.
        let alice_there = AccountRef::new(Platform::Console, "alice");
        let bob_there = AccountRef::new(Platform::Telegram, "43");
        let text =
            service.group_reply_text(&bob_there, &alice_there, Some("Tais-toi"), "/signaler propos agressifs").await;
        assert_eq!(text, "/signaler @#1 propos agressifs\n(message signalé : « Tais-toi »)");
        assert_eq!(service.handle(bob_in_group(&text, "8")).await, None, "nothing said in the group");
        let reports = store.pending_reports(service.community().id).await.expect("store");
        let last = reports.last().expect("a report");
        assert_eq!((last.target_id, last.reason.as_str()), (1, "propos agressifs\n(message signalé : « Tais-toi »)"));
        let named = service.group_reply_text(&bob_there, &alice_there, None, "/signaler @bob spam").await;
        assert_eq!(named, "/signaler @bob spam", "a report that names its subject stays as written");
        let stranger = AccountRef::new(Platform::Telegram, "999");
        let unknown = service.group_reply_text(&bob_there, &stranger, None, "/signaler spam").await;
        assert_eq!(unknown, "/signaler spam", "not a member's message");
        assert_eq!(service.group_reply_text(&bob_there, &alice_there, None, "merci !").await, "merci !");

        // Written privately, a report is answered where it was written, as before.
        let private = service.handle(bob("/signaler @alice toujours")).await.expect("an answer").text;
        assert!(private.contains("signalement n°"), "{private}");
    }
}
