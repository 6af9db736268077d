//! What moderators read and admins change: a member's record, the audit log with its
//! filters, and the community's settings.

use std::collections::{HashMap, HashSet};

use crate::catalog;
use crate::chart;
use crate::command::{AuditFilter, CommandName, When};
use crate::model::{
    AuditAction, AuditEntry, Member, MemberId, MemberStatus, Outgoing, OutgoingBody, PostKind, PostState, Report,
    ReportState,
};
use crate::ports::{AuditQuery, Change, IdKind};
use crate::rules::{self, Refusal};
use crate::settings::{KEYS, SettingError};
use crate::stats::{self, Area, Tally};

use super::{Outcome, Reply, Service, format_time};

/// Audit lines per page: a page fits one chat message.
const AUDIT_PAGE: u32 = 15;

impl Service {
    /// `/fiche NAME [PAGE]`: a moderator sees a member's record (status, role, platforms,
    /// posts, reports, sanctions), the sponsor chain up to a founder, and the tree of people
    /// they brought in, page by page.
    pub(super) async fn record(&self, moderator: &Member, target: &str, page: u32) -> Outcome {
        /// Tree lines per page: a page fits one chat message.
        const PER_PAGE: usize = 15;
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let member = self.find_member(target).await?;
        let now = self.clock.now();
        let status = catalog::text(lang, &format!("status-{}", member.status), &[]);
        let mut lines = vec![catalog::text(
            lang,
            "record-header",
            &[
                ("name", member.display_name.as_str().into()),
                ("id", member.id.into()),
                ("status", status.into()),
                ("joined", crate::calendar::format_date(member.joined_at).into()),
            ],
        )];
        if rules::on_trial(&member, now, &self.settings().sponsorship) {
            let until = member.joined_at + self.settings().sponsorship.trial;
            lines.push(catalog::text(lang, "record-trial", &[("date", crate::calendar::format_date(until).into())]));
        }
        let role = catalog::text(lang, &format!("role-{}", member.role), &[]);
        let platforms: Vec<String> =
            self.store.accounts_of(member.id).await?.iter().map(|a| a.account.platform.to_string()).collect();
        let posts = self.store.posts_of(member.id).await?;
        let count = |kind: PostKind, live: bool| {
            posts
                .iter()
                .filter(|p| p.kind == kind && (!live || p.state.is_open() || p.state == PostState::InContact))
                .count() as i64
        };
        let reports = self.store.reports_involving(member.id).await?;
        let made = reports.iter().filter(|r| r.reporter_id == member.id).count() as i64;
        let received: Vec<&Report> = reports.iter().filter(|r| r.target_id == member.id).collect();
        let upheld = received.iter().filter(|r| r.state == ReportState::Upheld).count() as i64;
        lines.push(catalog::text(
            lang,
            "record-details",
            &[
                ("role", role.into()),
                ("platforms", platforms.join(", ").into()),
                ("requests", count(PostKind::Request, false).into()),
                ("open-requests", count(PostKind::Request, true).into()),
                ("offers", count(PostKind::Offer, false).into()),
                ("open-offers", count(PostKind::Offer, true).into()),
                ("made", made.into()),
                ("received", (received.len() as i64).into()),
                ("upheld", upheld.into()),
            ],
        ));
        if let Some(until) = member.suspended_until.filter(|_| member.status == MemberStatus::Suspended) {
            lines.push(catalog::text(lang, "record-suspended-until", &[("date", format_time(until).into())]));
        }
        let history = AuditQuery { target: Some(member.id), limit: 50, ..AuditQuery::default() };
        let sanctions: Vec<AuditEntry> = self
            .store
            .audit(self.community.id, &history)
            .await?
            .into_iter()
            .filter(|e| {
                matches!(e.action, AuditAction::Warn | AuditAction::Suspend | AuditAction::Ban | AuditAction::Lift)
            })
            .collect();
        let warnings = sanctions.iter().filter(|e| e.action == AuditAction::Warn).count() as i64;
        lines.push(catalog::text(
            lang,
            "record-sanctions",
            &[("warnings", warnings.into()), ("count", (sanctions.len() as i64).into())],
        ));
        for entry in sanctions.iter().take(5) {
            let action = catalog::text(lang, &format!("audit-action-{}", entry.action), &[]);
            let args = [
                ("date", crate::calendar::format_date(entry.at).into()),
                ("action", action.into()),
                ("reason", entry.reason.as_str().into()),
            ];
            lines.push(format!("  {}", catalog::text(lang, "record-sanction-line", &args)));
        }
        if let Some(reason) = &member.invite_block {
            lines.push(catalog::text(lang, "record-invites-withdrawn", &[("reason", reason.as_str().into())]));
        }
        if let Some(note) = self.store.invitation_used_by(member.id).await?.and_then(|i| i.note) {
            lines.push(catalog::text(lang, "record-invitation-note", &[("note", note.into())]));
        }
        // Up: sponsor, their sponsor… to a founder (a cycle cannot happen, but is cut anyway).
        let mut chain = Vec::new();
        let mut next = member.sponsor_id;
        while let Some(id) = next {
            if chain.len() >= 50 || chain.iter().any(|m: &Member| m.id == id) {
                break;
            }
            let Some(sponsor) = self.store.member(id).await? else { break };
            next = sponsor.sponsor_id;
            chain.push(sponsor);
        }
        lines.push(match chain.is_empty() {
            true => catalog::text(lang, "record-no-sponsor", &[]),
            false => {
                let names = chain.iter().map(|m| format!("{} (#{})", m.display_name, m.id)).collect::<Vec<_>>();
                catalog::text(lang, "record-chain", &[("chain", names.join(" ← ").into())])
            }
        });
        // Down: everyone they brought in, depth first; the tree's shape in one query, then only
        // the page's members read.
        let tree = depth_first(member.id, &self.store.sponsor_tree(member.id).await?);
        let pages = tree.len().div_ceil(PER_PAGE).max(1);
        let page = (page as usize).min(pages);
        lines.push(catalog::text(
            lang,
            "record-tree",
            &[("count", (tree.len() as i64).into()), ("page", (page as i64).into()), ("pages", (pages as i64).into())],
        ));
        for (depth, child) in tree.iter().skip((page - 1) * PER_PAGE).take(PER_PAGE) {
            let Some(child) = self.store.member(*child).await? else { continue };
            let status = catalog::text(lang, &format!("status-{}", child.status), &[]);
            lines.push(format!("{}• {} (#{}, {status})", "  ".repeat(*depth), child.display_name, child.id));
        }
        Ok(Reply { post: None, text: lines.join("\n") })
    }

    /// `/journal [filters]`: the audit log, newest first, a page at a time.
    pub(super) async fn audit(&self, moderator: &Member, filter: AuditFilter) -> Outcome {
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let now = self.clock.now();
        let target = match &filter.target {
            Some(name) => Some(self.find_member(name).await?.id),
            None => None,
        };
        let actor = match &filter.actor {
            Some(name) => Some(self.find_member(name).await?.id),
            None => None,
        };
        let query = AuditQuery {
            actor,
            target,
            action: filter.action,
            since: filter.since.map(|when: When| when.resolve(now)),
            until: filter.until.map(|when: When| when.resolve(now)),
            offset: (filter.page.max(1) - 1) * AUDIT_PAGE,
            limit: AUDIT_PAGE,
        };
        let entries = self.store.audit(self.community.id, &query).await?;
        if entries.is_empty() {
            return Ok(self.reply(lang, "audit-empty", &[]));
        }
        let mut lines = vec![catalog::text(lang, "audit-title", &[("page", i64::from(filter.page.max(1)).into())])];
        for entry in entries {
            let who = self.name_of(entry.actor_id, lang).await?;
            let whom = match entry.target_id {
                Some(_) => self.name_of(entry.target_id, lang).await?,
                None => "—".to_owned(),
            };
            let platform = entry.platform.map(|p| format!(" [{p}]")).unwrap_or_default();
            lines.push(catalog::text(
                lang,
                "audit-line",
                &[
                    ("at", format_time(entry.at).into()),
                    ("actor", format!("{who}{platform}").into()),
                    ("action", catalog::text(lang, &format!("audit-action-{}", entry.action), &[]).into()),
                    ("target", whom.into()),
                    ("reason", entry.reason.into()),
                ],
            ));
        }
        Ok(Reply { post: None, text: lines.join("\n") })
    }

    /// `/config [KEY VALUE|default]`: an admin reads the settings, or changes one (validated,
    /// logged, seen at once by every process).
    pub(super) async fn config(&self, admin: &Member, change: Option<(String, Option<String>)>) -> Outcome {
        rules::may_configure(admin)?;
        let lang = admin.lang;
        let Some((key, value)) = change else {
            let settings = self.settings();
            let mut lines = vec![catalog::text(lang, "config-title", &[])];
            for key in KEYS {
                let value = settings.get(key).unwrap_or_default();
                let value = if value.is_empty() { "—".to_owned() } else { value };
                lines.push(catalog::text(lang, "config-line", &[("key", (*key).into()), ("value", value.into())]));
            }
            lines.push(catalog::text(lang, "config-hint", &[]));
            return Ok(Reply { post: None, text: lines.join("\n") });
        };
        if !KEYS.contains(&key.as_str()) {
            return Err(Refusal::UnknownSetting(key.chars().take(40).collect()).into());
        }
        // Validated against what it would become, then stored as typed.
        let typed = match &value {
            Some(value) => {
                let mut trial = (*self.settings()).clone();
                trial.set(&key, value).map_err(Refusal::from)?;
                // Taken together with the others, as the configuration file is.
                trial.validate().map_err(|invalid| Refusal::from(SettingError::from(invalid)))?;
                trial.get(&key)
            }
            None => None,
        };
        let now = self.clock.now();
        let shown = typed.clone().unwrap_or_else(|| self.base.get(&key).unwrap_or_default());
        self.commit(vec![
            Change::SetSetting { community: self.community.id, key: key.clone(), value: typed },
            self.audit_change(
                Some(admin.id),
                crate::model::AuditAction::Configure,
                None,
                format!("{key} = {shown}"),
                now,
            ),
        ])
        .await?;
        self.refresh_settings().await?;
        Ok(self.reply(lang, "config-set", &[("key", key.into()), ("value", shown.into())]))
    }

    /// `/stats [DAYS]`: requests met, unmet and open, by category and area, the median time
    /// to a first offer of help, active members and invitations, over the last days.
    pub(super) async fn stats(&self, moderator: &Member, days: u32) -> Outcome {
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let now = self.clock.now();
        let since = now - i64::from(days) * 86_400;
        let activity = self.store.activity(self.community.id, since).await?;
        let stats = stats::compute(&activity, since, now);
        let tally = |t: &Tally| {
            catalog::text(
                lang,
                "stats-tally",
                &[
                    ("total", (t.total() as i64).into()),
                    ("met", (t.met as i64).into()),
                    ("unmet", (t.unmet as i64).into()),
                    ("open", (t.open as i64).into()),
                ],
            )
        };
        let median = match stats.median_first_help {
            Some(seconds) => catalog::text(lang, "stats-median", &[("hours", ((seconds + 1_800) / 3_600).into())]),
            None => catalog::text(lang, "stats-median-none", &[]),
        };
        let mut lines = vec![
            catalog::text(lang, "stats-title", &[("days", i64::from(days).into()), ("all", tally(&stats.all).into())]),
            median,
            catalog::text(
                lang,
                "stats-members",
                &[
                    ("active", (stats.active_members as i64).into()),
                    ("sent", (stats.invitations_sent as i64).into()),
                    ("accepted", (stats.invitations_accepted as i64).into()),
                ],
            ),
        ];
        if !stats.by_category.is_empty() {
            lines.push(catalog::text(lang, "stats-by-category", &[]));
            for (category, t) in &stats.by_category {
                let name = catalog::text(lang, &format!("category-{category}"), &[]);
                lines.push(format!(
                    "  {}",
                    catalog::text(lang, "stats-line", &[("name", name.into()), ("tally", tally(t).into())])
                ));
            }
            lines.push(catalog::text(lang, "stats-by-area", &[]));
            for (area, t) in &stats.by_area {
                let name = match area {
                    Area::Local(name) => name.clone(),
                    Area::Online => catalog::text(lang, "stats-area-online", &[]),
                    Area::Unknown => catalog::text(lang, "stats-area-unknown", &[]),
                };
                lines.push(format!(
                    "  {}",
                    catalog::text(lang, "stats-line", &[("name", name.into()), ("tally", tally(t).into())])
                ));
            }
            lines.push(catalog::text(lang, "stats-weeks", &[]));
            let weeks: Vec<String> = stats.weeks.iter().map(|w| format!("{}/{}", w.met, w.unmet)).collect();
            lines.push(format!("  {}", weeks.join(" · ")));
        }
        if stats.answers.asked > 0 {
            lines.extend(answers_lines(lang, &stats));
        }
        // The chart goes privately, as an image the adapters post (the console writes a file).
        if let Some(account) = self.store.accounts_of(moderator.id).await?.into_iter().next() {
            let t = |id: &str| catalog::text(lang, id, &[]);
            let png = chart::weekly(&stats.weeks, &t("chart-met"), &t("chart-unmet"), &t("chart-week"));
            let caption = catalog::text(lang, "chart-caption", &[("days", i64::from(days).into())]);
            let key = format!("stats-chart:{}", self.next_id(IdKind::Reply).await?);
            let name = format!("stats-{}.png", crate::calendar::format_date(now));
            let body = OutgoingBody::Image { name, caption, bytes: png };
            self.commit(vec![Change::Enqueue(Outgoing { key, to: account.account, body, not_before: now })]).await?;
            lines.push(catalog::text(lang, "chart-sent", &[]));
        }
        Ok(Reply { post: None, text: lines.join("\n") })
    }

    /// `/envois`: messages parked after failing for good, with why, newest first.
    pub(super) async fn undelivered(&self, moderator: &Member) -> Outcome {
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let parked = self.store.parked_messages(self.community.id, 20).await?;
        // Members a platform will not write to: their messages wait until they write to the bot.
        let mut waiting = Vec::new();
        for (member, platform, since) in self.store.unreachable_members(self.community.id).await? {
            let name = self.name_of(Some(member), lang).await?;
            waiting.push(catalog::text(
                lang,
                "unreachable-line",
                &[
                    ("name", name.into()),
                    ("platform", platform.as_str().into()),
                    ("date", crate::calendar::format_date(since).into()),
                ],
            ));
        }
        if !waiting.is_empty() {
            waiting.insert(0, catalog::text(lang, "unreachable-title", &[]));
        }
        if parked.is_empty() && waiting.is_empty() {
            return Ok(self.reply(lang, "undelivered-empty", &[]));
        }
        if parked.is_empty() {
            return Ok(Reply { text: waiting.join("\n"), post: None });
        }
        let mut lines = vec![catalog::text(lang, "undelivered-title", &[])];
        for message in parked {
            let to = &message.message.to;
            let whom = match self.store.account(self.community.id, to).await? {
                Some(account) => self.name_of(Some(account.member_id), lang).await?,
                None => to.user_id.clone(),
            };
            let what = match &message.message.body {
                OutgoingBody::Text { .. }
                | OutgoingBody::Choices { .. }
                | OutgoingBody::Answer { .. }
                | OutgoingBody::Document { .. }
                | OutgoingBody::Image { .. } => catalog::text(lang, "undelivered-message", &[]),
                _ => catalog::text(lang, "undelivered-action", &[]),
            };
            lines.push(catalog::text(
                lang,
                "undelivered-line",
                &[
                    ("id", message.id.into()),
                    ("what", what.into()),
                    ("to", whom.into()),
                    ("platform", to.platform.as_str().into()),
                    ("attempts", i64::from(message.attempts).into()),
                    ("error", message.last_error.unwrap_or_default().into()),
                    ("resend", format!("/{} {}", CommandName::Resend.word(lang), message.id).into()),
                ],
            ));
        }
        lines.extend(waiting);
        Ok(Reply { post: None, text: lines.join("\n") })
    }

    /// `/relancer N`: a parked message goes back in the queue, due now; logged.
    pub(super) async fn resend(&self, moderator: &Member, id: i64) -> Outcome {
        rules::may_moderate(moderator)?;
        let now = self.clock.now();
        if !self.store.retry_parked(self.community.id, id, now).await? {
            return Err(Refusal::UnknownUndelivered(id).into());
        }
        self.commit(vec![self.audit_change(Some(moderator.id), AuditAction::Resend, None, format!("#{id}"), now)])
            .await?;
        Ok(self.reply(moderator.lang, "resend-done", &[("id", id.into())]))
    }
}

/// How helpers answered the asks of the period: the live precision of matching, overall, by
/// topic and by week.
fn answers_lines(lang: crate::model::Lang, stats: &stats::Stats) -> Vec<String> {
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let a = &stats.answers;
    let mut lines = vec![catalog::text(
        lang,
        "stats-answers",
        &[
            ("asked", count(a.asked).into()),
            ("accepted", count(a.accepted).into()),
            ("notnow", count(a.not_now).into()),
            ("notmine", count(a.not_mine).into()),
            ("unanswered", count(a.unanswered).into()),
            ("waiting", count(a.waiting).into()),
        ],
    )];
    lines.push(match a.precision() {
        Some(percent) => catalog::text(lang, "stats-precision", &[("percent", count(percent).into())]),
        None => catalog::text(lang, "stats-precision-none", &[]),
    });
    lines.push(catalog::text(lang, "stats-answers-by-topic", &[]));
    for (topic, t) in &stats.answers_by_topic {
        let name = catalog::text(lang, &format!("topic-{topic}"), &[]);
        lines.push(format!(
            "  {}",
            catalog::text(
                lang,
                "stats-answers-line",
                &[
                    ("name", name.into()),
                    ("asked", count(t.asked).into()),
                    ("accepted", count(t.accepted).into()),
                    ("notnow", count(t.not_now).into()),
                    ("notmine", count(t.not_mine).into()),
                    ("unanswered", count(t.unanswered).into()),
                ],
            )
        ));
    }
    lines.push(catalog::text(lang, "stats-answers-weeks", &[]));
    let weeks: Vec<String> = stats
        .answers_by_week
        .iter()
        .map(|w| w.precision().map_or_else(|| "–".to_owned(), |percent| format!("{percent} %")))
        .collect();
    lines.push(format!("  {}", weeks.join(" · ")));
    lines
}

/// A sponsor tree given as (member, sponsor) pairs, in reading order: depth first from
/// `root`, the people each sponsor brought in by id (oldest first), each with their depth
/// (1 for `root`'s own invitees). Pairs not below `root` are left out.
fn depth_first(root: MemberId, pairs: &[(MemberId, MemberId)]) -> Vec<(usize, MemberId)> {
    let mut children: HashMap<MemberId, Vec<MemberId>> = HashMap::new();
    for (member, sponsor) in pairs {
        children.entry(*sponsor).or_default().push(*member);
    }
    for invitees in children.values_mut() {
        // Popped from the end: the oldest last in, first out.
        invitees.sort_unstable_by(|a, b| b.cmp(a));
    }
    let mut order = Vec::with_capacity(pairs.len());
    let mut stack: Vec<(usize, MemberId)> = children.get(&root).into_iter().flatten().map(|id| (1, *id)).collect();
    let mut seen = HashSet::from([root]);
    while let Some((depth, id)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        order.push((depth, id));
        stack.extend(children.get(&id).into_iter().flatten().map(|child| (depth + 1, *child)));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::depth_first;

    #[test]
    fn a_sponsor_tree_reads_depth_first_oldest_first() {
        // 1 → 2 (→ 4 → 6, 5), 3; 7 → 8 is another tree.
        let pairs = [(5, 2), (3, 1), (2, 1), (8, 7), (6, 4), (4, 2)];
        assert_eq!(depth_first(1, &pairs), vec![(1, 2), (2, 4), (3, 6), (2, 5), (1, 3)]);
        assert_eq!(depth_first(2, &pairs), vec![(1, 4), (2, 6), (1, 5)]);
        assert!(depth_first(6, &pairs).is_empty());
        // A cycle, which no rule allows, ends instead of looping.
        assert_eq!(depth_first(1, &[(2, 1), (1, 2)]), vec![(1, 2)]);
    }
}
