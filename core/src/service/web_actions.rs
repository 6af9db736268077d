//! What moderators do from the dashboard: the chat's own commands, run for them by the same
//! rules (a moderator who may not do it in chat may not do it here, with the same message),
//! and logged as done from the dashboard. Also the reports queue and the deliveries as the
//! dashboard shows them.

use crate::catalog;
use crate::command::{ChatContext, Command};
use crate::model::{HeldJoin, Member, MemberId, Post, Report};
use crate::ports::StoreError;
use crate::rules::{self, Refusal};
use crate::stats::{self, Stats, Tally};

use super::dashboard::DashboardError;
use super::{Actor, FROM_WEB, Failure, Incoming, Service};

/// Reports, held joins and candidates shown at most on a dashboard page.
pub const REPORTS_SHOWN: usize = 100;

/// Parked messages listed at most on the deliveries page.
const PARKED_LISTED: u32 = 100;

/// A pending report as the dashboard's queue shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportView {
    /// The report.
    pub report: Report,
    /// The name of the member reported.
    pub target: String,
    /// The name of who reported.
    pub reporter: String,
    /// The name of the moderator who took it, once taken.
    pub handler: Option<String>,
    /// The post reported, when a post is.
    pub post: Option<Post>,
}

/// A join held for moderators, with the sponsors whose invitations may explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldView {
    /// The join.
    pub held: HeldJoin,
    /// The names of the sponsors of the invitations it may have used, sorted, once each.
    pub sponsors: Vec<String>,
}

/// A candidate who asked to join without an invitation, with who vouched for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateView {
    /// The candidate.
    pub candidate: Member,
    /// Who vouched, with their names.
    pub vouchers: Vec<(MemberId, String)>,
}

/// What waits at the door: held joins, and candidates with how many vouches they still need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrivals {
    /// Joins held for moderators, oldest first.
    pub held: Vec<HeldView>,
    /// Candidates waiting for vouches.
    pub candidates: Vec<CandidateView>,
    /// Vouches a candidate needs (the community's setting).
    pub vouches_required: u32,
}

/// The statistics the overview draws: the same series as `/stats`, with topics and places
/// named in the moderator's language.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsView {
    /// The period, in days up to today.
    pub days: u32,
    /// The statistics of the period.
    pub stats: Stats,
    /// Requests by topic, most first.
    pub by_topic: Vec<(String, Tally)>,
    /// Requests by place, most first, the rest summed up last.
    pub by_area: Vec<(String, Tally)>,
}

/// One setting as the settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingView {
    /// Its `/config` key.
    pub key: &'static str,
    /// Its value now.
    pub value: String,
    /// Its value in the configuration file, which "back to the file" restores.
    pub file_value: String,
    /// Its least and greatest values, for a number.
    pub limits: Option<(i64, i64)>,
}

/// The longest period the overview draws, in days (as `/stats`).
pub const STATS_DAYS_MAX: u32 = 3_660;

/// What the dashboard's outcome of an action says to the moderator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Done: the chat's answer.
    Done(String),
    /// Refused: why, in the moderator's language.
    Refused(String),
}

impl Service {
    /// The reports waiting for moderators, oldest first, but not those about the reader (as
    /// `/signalements`).
    pub async fn dashboard_reports(&self, moderator: &Member) -> Result<Vec<ReportView>, DashboardError> {
        rules::may_moderate(moderator)?;
        let pending = self.store.pending_reports(self.community.id).await?;
        let mut views = Vec::new();
        for report in pending.into_iter().filter(|r| r.target_id != moderator.id).take(REPORTS_SHOWN) {
            let name = |id| async move { self.store.member(id).await.map(|m| m.map(|m| m.display_name)) };
            let target = name(report.target_id).await?.unwrap_or_default();
            let reporter = name(report.reporter_id).await?.unwrap_or_default();
            let handler = match report.handler_id {
                Some(id) => name(id).await?,
                None => None,
            };
            let post = match report.post_id {
                Some(id) => self.store.post(id).await?,
                None => None,
            };
            views.push(ReportView { report, target, reporter, handler, post });
        }
        Ok(views)
    }

    /// What waits for moderators in the outbox: the messages parked (the hundred newest) and
    /// the members an app will not write to.
    pub async fn dashboard_deliveries(&self, moderator: &Member) -> Result<super::Deliveries, DashboardError> {
        rules::may_moderate(moderator)?;
        Ok(self.deliveries(moderator.lang, PARKED_LISTED).await?)
    }

    /// The joins held for moderators and the candidates waiting for vouches (as `/arrivees`
    /// and `/candidats`).
    pub async fn dashboard_arrivals(&self, moderator: &Member) -> Result<Arrivals, DashboardError> {
        rules::may_moderate(moderator)?;
        let name = |id| async move { self.store.member(id).await.map(|m| m.map(|m| m.display_name)) };
        let mut held = Vec::new();
        // A raid shows its first hundred, the rest once those are settled.
        for join in self.store.open_held_joins(self.community.id).await?.into_iter().take(REPORTS_SHOWN) {
            let sponsors = self.held_sponsors(&join).await?;
            held.push(HeldView { held: join, sponsors });
        }
        let mut candidates = Vec::new();
        for candidate in self.store.candidates(self.community.id).await?.into_iter().take(REPORTS_SHOWN) {
            let mut vouchers = Vec::new();
            for id in self.store.vouchers_of(candidate.id).await? {
                vouchers.push((id, name(id).await?.unwrap_or_else(|| format!("#{id}"))));
            }
            candidates.push(CandidateView { candidate, vouchers });
        }
        Ok(Arrivals { held, candidates, vouches_required: self.settings().sponsorship.required })
    }

    /// The statistics of the last `days` days (1 to [`STATS_DAYS_MAX`]), as `/stats` counts them.
    pub async fn dashboard_stats(&self, moderator: &Member, days: u32) -> Result<StatsView, DashboardError> {
        rules::may_moderate(moderator)?;
        let days = days.clamp(1, STATS_DAYS_MAX);
        let now = self.clock.now();
        let since = stats::period_start(now, days);
        let activity = self.store.activity(self.community.id, since, now).await?;
        let stats = stats::compute(&activity, since, now);
        let lang = moderator.lang;
        let mut by_topic: Vec<(String, Tally)> = (stats.by_category.iter())
            .map(|(category, t)| (catalog::text(lang, &format!("category-{category}"), &[]), *t))
            .collect();
        by_topic.sort_by_key(|(_, t)| std::cmp::Reverse(t.total()));
        let by_area = super::records::areas_shown(lang, &stats);
        Ok(StatsView { days, stats, by_topic, by_area })
    }

    /// The settings `/config` shows and changes, for an admin: each with its value now, the
    /// file's, and its bounds.
    pub async fn dashboard_settings(&self, admin: &Member) -> Result<Vec<SettingView>, DashboardError> {
        rules::may_configure(admin)?;
        let settings = self.settings();
        let views = (crate::settings::KEYS.iter())
            .map(|key| SettingView {
                key,
                value: settings.get(key).unwrap_or_default(),
                file_value: self.base.get(key).unwrap_or_default(),
                limits: (crate::settings::LIMITS.iter())
                    .find(|(name, _, _)| name == key)
                    .map(|(_, min, max)| (*min, *max)),
            })
            .collect();
        Ok(views)
    }

    /// Runs a moderation command for a moderator at the dashboard, exactly as in a private
    /// chat with the bot, and logged as done from the dashboard. Only the commands the
    /// dashboard offers are run.
    pub async fn act_from_web(&self, moderator: &Member, command: Command) -> Result<Done, DashboardError> {
        rules::may_moderate(moderator)?;
        let offered = matches!(
            command,
            Command::Take(_)
                | Command::Resolve { .. }
                | Command::Dismiss { .. }
                | Command::Resend(_)
                | Command::Approve(_)
                | Command::Reject(_)
                | Command::Vouch(_)
                | Command::Config(Some(_))
        );
        if !offered {
            return Err(DashboardError::Refused(Refusal::NotModerator));
        }
        // The moderator's first account stands for them, as the chat's private answers do.
        let Some(account) = self.store.accounts_of(moderator.id).await?.into_iter().next() else {
            return Err(DashboardError::Refused(Refusal::DashboardSessionOver));
        };
        let actor = Actor {
            incoming: Incoming {
                account: account.account,
                display_name: moderator.display_name.clone(),
                lang: Some(moderator.lang),
                chat: ChatContext::Private,
                text: String::new(),
                message: None,
            },
            member: Some(moderator.clone()),
            lang: moderator.lang,
        };
        match FROM_WEB.scope((), self.run(&actor, command)).await {
            Ok(reply) => Ok(Done::Done(reply.text)),
            Err(Failure::Store(error @ StoreError::Backend(_))) => Err(error.into()),
            Err(failure) => Ok(Done::Refused(self.failure_reply(moderator.lang, failure).text)),
        }
    }
}
