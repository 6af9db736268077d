//! What moderators read and admins change: a member's record, the audit log with its
//! filters, and the community's settings.

use crate::catalog;
use crate::chart;
use crate::command::{AuditFilter, CommandName, When};
use crate::model::{
    AuditAction, Lang, Member, MemberStatus, OutboxMessage, Outgoing, OutgoingBody, Platform, PostKind, PostState,
    ReportState, Timestamp,
};
use crate::ports::{AuditQuery, Change, IdKind, StoreError};
use crate::rules::{self, Refusal};
use crate::settings::{KEYS, SettingError};
use crate::stats::{self, Area, Tally};

use super::{Outcome, Reply, Service, format_time};

/// Audit lines per page: a page fits one chat message.
const AUDIT_PAGE: u32 = 15;

/// Places listed by `/stats`, those with the most requests; the others are summed up.
const AREAS_SHOWN: usize = 10;

/// A message the bot could not deliver, as moderators read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undelivered {
    /// The message, with why it failed.
    pub message: OutboxMessage,
    /// To whom: the member's name, or the account's id on its app.
    pub to: String,
    /// A message (not an action on the platform, such as a ban).
    pub is_message: bool,
}

/// What waits for moderators in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deliveries {
    /// Messages parked after failing for good, newest first.
    pub parked: Vec<Undelivered>,
    /// Members an app will not write to (name, app, since when): their messages wait until
    /// they write to the bot.
    pub unreachable: Vec<(String, Platform, Timestamp)>,
}

/// Sponsor tree lines per page of `/fiche`: a page fits one chat message.
pub(super) const TREE_PAGE: u64 = 15;

impl Service {
    /// `/fiche NAME [PAGE]`: a moderator sees a member's record (status, role, platforms,
    /// posts, reports, sanctions), the sponsor chain up to a founder, and the tree of people
    /// they brought in, page by page.
    pub(super) async fn record(&self, moderator: &Member, target: &str, page: u32) -> Outcome {
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let member = self.find_member(target).await?;
        let record = self.member_record(member, u64::from(page), TREE_PAGE).await?;
        let member = &record.member;
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
        if let Some(until) = record.trial_until {
            lines.push(catalog::text(lang, "record-trial", &[("date", crate::calendar::format_date(until).into())]));
        }
        let role = catalog::text(lang, &format!("role-{}", member.role), &[]);
        let platforms: Vec<String> = record.platforms.iter().map(ToString::to_string).collect();
        let count = |kind: PostKind, live: bool| {
            record
                .posts
                .iter()
                .filter(|p| p.kind == kind && (!live || p.state.is_open() || p.state == PostState::InContact))
                .count() as i64
        };
        let received = &record.reports_received;
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
                ("made", (record.reports_made.len() as i64).into()),
                ("received", (received.len() as i64).into()),
                ("upheld", upheld.into()),
            ],
        ));
        if let Some(until) = member.suspended_until.filter(|_| member.status == MemberStatus::Suspended) {
            lines.push(catalog::text(lang, "record-suspended-until", &[("date", format_time(until).into())]));
        }
        let sanctions = &record.sanctions;
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
        if let Some(note) = &record.invitation_note {
            lines.push(catalog::text(lang, "record-invitation-note", &[("note", note.as_str().into())]));
        }
        lines.push(match record.chain.is_empty() {
            true => catalog::text(lang, "record-no-sponsor", &[]),
            false => {
                let names = record.chain.iter().map(|m| format!("{} (#{})", m.display_name, m.id)).collect::<Vec<_>>();
                catalog::text(lang, "record-chain", &[("chain", names.join(" ← ").into())])
            }
        });
        // Down: everyone they brought in, depth first, a page at a time.
        let tree = &record.tree;
        lines.push(catalog::text(
            lang,
            "record-tree",
            &[
                ("count", i64::try_from(tree.total).unwrap_or(i64::MAX).into()),
                ("page", (tree.page as i64).into()),
                ("pages", (tree.pages as i64).into()),
            ],
        ));
        for node in &tree.members {
            let Some(child) = record.people.get(&node.id) else { continue };
            let status = catalog::text(lang, &format!("status-{}", child.status), &[]);
            lines.push(format!("{}• {} (#{}, {status})", "  ".repeat(node.depth), child.display_name, child.id));
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
            words: None,
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
            let platform = match (entry.from_web, entry.platform) {
                (true, _) => " [web]".to_owned(),
                (false, Some(platform)) => format!(" [{platform}]"),
                (false, None) => String::new(),
            };
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
    /// to a first offer of help, active members and invitations, over the last days (today
    /// and the whole days before it).
    pub(super) async fn stats(&self, moderator: &Member, days: u32) -> Outcome {
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let now = self.clock.now();
        let since = stats::period_start(now, days);
        let activity = self.store.activity(self.community.id, since, now).await?;
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
            for (name, t) in areas_shown(lang, &stats) {
                lines.push(format!(
                    "  {}",
                    catalog::text(lang, "stats-line", &[("name", name.into()), ("tally", tally(&t).into())])
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

    /// The messages parked after failing for good (the `limit` newest), and the members an
    /// app will not write to: what `/envois` and the dashboard's deliveries page show.
    pub(super) async fn deliveries(&self, lang: Lang, limit: u32) -> Result<Deliveries, StoreError> {
        let mut parked = Vec::new();
        for message in self.store.parked_messages(self.community.id, limit).await? {
            let to = &message.message.to;
            let whom = match self.store.account(self.community.id, to).await? {
                Some(account) => self.name_of(Some(account.member_id), lang).await?,
                None => to.user_id.clone(),
            };
            let is_message = matches!(
                message.message.body,
                OutgoingBody::Text { .. }
                    | OutgoingBody::Choices { .. }
                    | OutgoingBody::Answer { .. }
                    | OutgoingBody::Document { .. }
                    | OutgoingBody::Image { .. }
            );
            parked.push(Undelivered { message, to: whom, is_message });
        }
        let mut unreachable = Vec::new();
        for (member, platform, since) in self.store.unreachable_members(self.community.id).await? {
            unreachable.push((self.name_of(Some(member), lang).await?, platform, since));
        }
        Ok(Deliveries { parked, unreachable })
    }

    /// `/envois`: messages parked after failing for good, with why, newest first.
    pub(super) async fn undelivered(&self, moderator: &Member) -> Outcome {
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let Deliveries { parked, unreachable } = self.deliveries(lang, 20).await?;
        // Members a platform will not write to: their messages wait until they write to the bot.
        let mut waiting = Vec::new();
        for (name, platform, since) in unreachable {
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
        for Undelivered { message, to, is_message } in parked {
            let what = match is_message {
                true => catalog::text(lang, "undelivered-message", &[]),
                false => catalog::text(lang, "undelivered-action", &[]),
            };
            lines.push(catalog::text(
                lang,
                "undelivered-line",
                &[
                    ("id", message.id.into()),
                    ("what", what.into()),
                    ("to", to.into()),
                    ("platform", message.message.to.platform.as_str().into()),
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

/// The places with the most requests, named, then the others summed up: a national network
/// has thousands of them. (One place more is named rather than summed up.)
pub(super) fn areas_shown(lang: Lang, stats: &stats::Stats) -> Vec<(String, Tally)> {
    let mut areas: Vec<(&Area, &Tally)> = stats.by_area.iter().collect();
    areas.sort_by_key(|(_, t)| std::cmp::Reverse(t.total()));
    let shown = if areas.len() > AREAS_SHOWN + 1 { AREAS_SHOWN } else { areas.len() };
    let others = areas.split_off(shown);
    let mut named: Vec<(String, Tally)> = areas.into_iter().map(|(area, t)| (area_name(lang, area), *t)).collect();
    if !others.is_empty() {
        let rest = others.iter().fold(Tally::default(), |sum, (_, t)| sum.plus(t));
        named.push((catalog::text(lang, "stats-area-others", &[("count", (others.len() as i64).into())]), rest));
    }
    named
}

/// A place as `/stats` names it.
fn area_name(lang: Lang, area: &Area) -> String {
    match area {
        Area::Local(name) => name.clone(),
        Area::Online => catalog::text(lang, "stats-area-online", &[]),
        Area::Unknown => catalog::text(lang, "stats-area-unknown", &[]),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::TREE_PAGE;
    use crate::model::{Member, MemberId};
    use crate::ports::store_prelude::*;
    use crate::ports::{Change, IdKind};
    use crate::service::tests::founded;
    use crate::settings::Settings;

    #[tokio::test]
    async fn a_sponsor_tree_reads_depth_first_oldest_first_a_page_at_a_time() {
        let (service, store) = founded(Settings::default()).await;
        let founder = store.members_named(service.community().id, "alice").await.unwrap()[0].id;
        // A tree of 100 below the founder: a binary tree seven deep, and one member who
        // brought in every tenth.
        let mut ids = vec![founder];
        for k in 1..=100usize {
            let id = store.allocate_id(IdKind::Member).await.unwrap();
            let sponsor = if k % 10 == 0 { ids[1] } else { ids[k / 2] };
            let member =
                Member::newcomer(id, service.community().id, format!("m{k}"), crate::model::Lang::Fr, Some(sponsor), 0);
            store.apply(vec![Change::InsertMember(member)]).await.unwrap();
            ids.push(id);
        }
        // The reading order, the plain way: each sponsor's invitees by id, depth first.
        fn below(ids: &[(MemberId, MemberId)], sponsor: MemberId, depth: usize, order: &mut Vec<(usize, MemberId)>) {
            for (id, _) in ids.iter().filter(|(_, s)| *s == sponsor) {
                order.push((depth, *id));
                below(ids, *id, depth + 1, order);
            }
        }
        let pairs: Vec<(MemberId, MemberId)> = {
            let mut pairs = Vec::new();
            for id in &ids[1..] {
                let member = store.member(*id).await.unwrap().unwrap();
                pairs.push((*id, member.sponsor_id.unwrap()));
            }
            pairs
        };
        let mut expected = Vec::new();
        below(&pairs, founder, 1, &mut expected);
        assert!(expected.iter().map(|(depth, _)| *depth).max().unwrap() >= 4, "a deep tree");

        let mut read = Vec::new();
        for page in 1..=7 {
            let tree = service.tree_page(founder, page, TREE_PAGE).await.unwrap();
            assert_eq!((tree.total, tree.pages), (100, 7));
            assert_eq!(tree.page, page);
            read.extend(tree.members.iter().map(|node| (node.depth, node.id)));
        }
        assert_eq!(read, expected);
        let past = service.tree_page(founder, 99, TREE_PAGE).await.unwrap();
        assert_eq!((past.page, past.members.len() as u64), (7, 100 - 6 * TREE_PAGE), "past the end: the last page");
        // A member in the middle: their own branch, in the same order.
        let (_, middle) = expected[3];
        let mut branch = Vec::new();
        below(&pairs, middle, 1, &mut branch);
        let tree = service.tree_page(middle, 1, TREE_PAGE).await.unwrap();
        assert_eq!(tree.total, branch.len() as u64);
        let members: Vec<(usize, MemberId)> = tree.members.iter().map(|node| (node.depth, node.id)).collect();
        assert_eq!(members, branch.into_iter().take(TREE_PAGE as usize).collect::<Vec<_>>());
        let leaf = service.tree_page(expected[expected.len() - 1].1, 1, TREE_PAGE).await.unwrap();
        assert_eq!((leaf.total, leaf.page, leaf.pages, leaf.members.len()), (0, 1, 1, 0));
    }

    #[tokio::test]
    async fn stats_name_the_ten_places_with_most_requests_and_sum_up_the_others() {
        use crate::model::{Category, Place, Post, PostKind, PostState};
        let (service, store) = founded(Settings::default()).await;
        let community = service.community().id;
        let alice = store.members_named(community, "alice").await.unwrap()[0].id;
        // Place k has k requests, for k = 1..=13: the three with one, two and three are summed up.
        let mut changes = Vec::new();
        for k in 1..=13u32 {
            for _ in 0..k {
                let id = store.allocate_id(IdKind::Post).await.unwrap();
                changes.push(Change::InsertPost(Post {
                    id,
                    community_id: community,
                    author_id: alice,
                    kind: PostKind::Request,
                    category: Category::Lend,
                    topic: "tools".into(),
                    text: "une perceuse".into(),
                    place: Place::Local(format!("Ville{k:02}")),
                    state: PostState::Open,
                    created_at: 0,
                    updated_at: 0,
                    on_behalf_of: None,
                }));
            }
        }
        store.apply(changes).await.unwrap();
        let reply = service.handle(crate::service::tests::alice("/stats 30")).await.unwrap().text;
        for shown in 4..=13 {
            assert!(reply.contains(&format!("Ville{shown:02} : {shown} (")), "{reply}");
        }
        assert!(!reply.contains("Ville03") && !reply.contains("Ville01"), "{reply}");
        assert!(reply.contains("3 autres lieux : 6 (0 satisfaites, 0 sans suite, 6 en cours)"), "{reply}");
        let top = reply.find("Ville13").unwrap();
        assert!(top < reply.find("Ville12").unwrap(), "the most requests first: {reply}");
    }
}
