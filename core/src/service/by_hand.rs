//! Sanctions made with an app's own tools (a Telegram group admin's "ban" or "restrict", a
//! Discord member menu's ban or timeout, a Matrix client's ban): a moderator acting all the
//! same. The adapter reports what it saw;
//! here it becomes what `/bannir` or `/lever` would have done — applied to the person's every
//! other account and app, and logged as that moderator's action from that app. Someone who is
//! no moderator here (a group admin outside the community's team) is not followed blindly:
//! moderators are told, with the command that applies it everywhere.

use crate::catalog;
use crate::command::CommandName;
use crate::model::{AccountRef, AuditAction, Lang, Member, MemberStatus, OutgoingBody, Timestamp};
use crate::ports::StoreError;

use super::moderation::Sanction;
use super::{EventRef, Service};

/// What a moderator did by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByHand {
    /// Banned from a group.
    Ban,
    /// A ban lifted.
    Unban,
    /// Kept from writing until then (a Telegram restriction, a Discord timeout): a suspension.
    Suspend {
        /// When it ends.
        until: Timestamp,
    },
    /// A restriction or timeout lifted before its end.
    Unsuspend,
    /// Removed from a group, not banned (Discord's kick, a Matrix kick): removed from every
    /// group, free to come back.
    Kick,
}

impl ByHand {
    /// Its name in the catalog's messages.
    fn word(self) -> &'static str {
        match self {
            ByHand::Ban => "ban",
            ByHand::Unban => "unban",
            ByHand::Suspend { .. } => "suspend",
            ByHand::Unsuspend => "unsuspend",
            ByHand::Kick => "kick",
        }
    }
}

impl Service {
    /// A sanction seen on a platform, made by `actor` on `target`, handled exactly once.
    pub async fn sanctioned_by_hand(
        &self,
        event: EventRef,
        actor: AccountRef,
        target: AccountRef,
        action: ByHand,
    ) -> Result<(), StoreError> {
        self.exactly_once(event, self.by_hand(actor, target, action)).await?;
        Ok(())
    }

    async fn by_hand(&self, actor: AccountRef, target: AccountRef, action: ByHand) {
        if let Err(error) = self.apply_by_hand(&actor, &target, action).await {
            tracing::warn!(%error, platform = %target.platform, "could not follow a sanction made by hand");
        }
    }

    async fn apply_by_hand(&self, actor: &AccountRef, target: &AccountRef, action: ByHand) -> Result<(), StoreError> {
        let community = self.community.id;
        let Some(account) = self.store.account(community, target).await? else { return Ok(()) };
        let Some(member) = self.store.member(account.member_id).await? else { return Ok(()) };
        // What the bot did itself comes back as an event too: already so, nothing to do.
        let already = match action {
            ByHand::Ban => member.status == MemberStatus::Banned,
            ByHand::Unban => member.status != MemberStatus::Banned,
            ByHand::Suspend { .. } => matches!(member.status, MemberStatus::Suspended | MemberStatus::Banned),
            ByHand::Unsuspend => member.status != MemberStatus::Suspended,
            ByHand::Kick => false,
        };
        if already {
            return Ok(());
        }
        let moderator = match self.store.account(community, actor).await? {
            Some(account) => self.store.member(account.member_id).await?,
            None => None,
        };
        let platform = target.platform.as_str();
        let now = self.clock.now();
        let moderator = moderator.filter(|moderator| crate::rules::may_moderate(moderator).is_ok());
        if action == ByHand::Kick {
            return self.kicked_by_hand(moderator, &member, platform).await;
        }
        match moderator {
            Some(moderator) => {
                let lang = self.settings().default_lang;
                let reason = catalog::text(lang, "by-hand-reason", &[("platform", platform.into())]);
                let sanction = match action {
                    ByHand::Ban => Sanction::Ban,
                    ByHand::Unban | ByHand::Unsuspend => Sanction::Lift,
                    ByHand::Suspend { until } => Sanction::Suspend { until },
                    // Handled above: no sanction the community knows.
                    ByHand::Kick => return Ok(()),
                };
                let (mut changes, reply) = match self.sanction(&moderator, &member, sanction, &reason).await {
                    Ok(done) => done,
                    Err(super::Failure::Store(error)) => return Err(error),
                    // Not theirs to do (a moderator banning an admin): said to them.
                    Err(super::Failure::Refused(refusal)) => {
                        let text = refusal.render(moderator.lang);
                        let key = format!("by-hand-refused:{}:{}:{now}", member.id, action.word());
                        let told = self.private_message(&moderator, key, text, now).await?;
                        return self.commit(told.into_iter().collect()).await;
                    }
                };
                // The moderator learns it now holds everywhere.
                let key = format!("by-hand:{}:{}:{now}", member.id, action.word());
                changes.extend(self.private_message(&moderator, key, reply.text, now).await?);
                self.commit(changes).await
            }
            None => {
                self.tell_moderators(&member, action.word(), |lang| {
                    let command = match action {
                        ByHand::Ban | ByHand::Kick => {
                            format!("/{} @#{}", CommandName::Ban.word(lang), member.id)
                        }
                        ByHand::Unban | ByHand::Unsuspend => {
                            format!("/{} @#{}", CommandName::Lift.word(lang), member.id)
                        }
                        ByHand::Suspend { until } => {
                            let days = ((until - now).max(1) + 86_399) / 86_400;
                            let days = catalog::text(lang, "by-hand-days", &[("count", days.into())]);
                            format!("/{} @#{} {days}", CommandName::Suspend.word(lang), member.id)
                        }
                    };
                    let args = [
                        ("action", action.word().into()),
                        ("name", member.display_name.as_str().into()),
                        ("platform", platform.into()),
                        ("command", command.into()),
                    ];
                    catalog::text(lang, "by-hand-outsider", &args)
                })
                .await
            }
        }
    }

    /// What someone who is no moderator here did by hand, told to the moderators (each in
    /// their language), so that they decide whether it should hold everywhere.
    /// `what` tells apart, in the outbox's keys, two actions on one person within a second.
    async fn tell_moderators(
        &self,
        member: &Member,
        what: &str,
        text: impl Fn(Lang) -> String,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let mut changes = Vec::new();
        for moderator in self.store.moderators(self.community.id).await? {
            let key = format!("by-hand-outsider:{}:{what}:{}:{now}", member.id, moderator.id);
            changes.extend(self.private_message(&moderator, key, text(moderator.lang), now).await?);
        }
        self.commit(changes).await
    }

    /// Someone removed from a group by hand: removed from every group of every app (no ban:
    /// an invitation brings them back), logged as that moderator's; by someone who is no
    /// moderator here, only told to the moderators.
    async fn kicked_by_hand(
        &self,
        moderator: Option<Member>,
        member: &Member,
        platform: &str,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let name = member.display_name.as_str();
        let Some(moderator) = moderator else {
            let text = |lang| {
                catalog::text(lang, "by-hand-outsider-kick", &[("name", name.into()), ("platform", platform.into())])
            };
            return self.tell_moderators(member, ByHand::Kick.word(), text).await;
        };
        // Removed everywhere, logged, and the moderator told, in one transaction.
        let mut changes = Vec::new();
        let text = match crate::rules::may_sanction(&moderator, member) {
            Ok(()) => {
                let lang = self.settings().default_lang;
                let reason = catalog::text(lang, "by-hand-reason", &[("platform", platform.into())]);
                let cause = self.next_id(crate::ports::IdKind::Reply).await?;
                changes.push(self.audit_change(Some(moderator.id), AuditAction::Kick, Some(member.id), reason, now));
                changes.extend(self.platform_actions(member, "kick", OutgoingBody::Remove, cause).await?);
                catalog::text(moderator.lang, "by-hand-kicked", &[("name", name.into())])
            }
            Err(refusal) => refusal.render(moderator.lang),
        };
        let key = format!("by-hand-kick:{}:{now}", member.id);
        changes.extend(self.private_message(&moderator, key, text, now).await?);
        self.commit(changes).await
    }
}
