//! Announcements ("veille sociale", community news): a moderator posts once and it appears in
//! every group of the community on every platform, through the outbox and its limits; a
//! member may propose an alert that moderators publish; an announcement is withdrawn
//! everywhere at once, from where the adapters said they showed it.

use super::{Outcome, Service};
use crate::catalog;
use crate::command::CommandName;
use crate::model::{AccountRef, Announcement, AnnouncementState, Member, Outgoing, OutgoingBody, Platform, Timestamp};
use crate::ports::{Change, IdKind, StoreError};
use crate::rules::{self, Refusal};

impl Service {
    /// `/annonce TEXTE`: shown in every group at once.
    pub(super) async fn announce(&self, moderator: &Member, text: String) -> Outcome {
        rules::may_moderate(moderator)?;
        let announcement = self.new_announcement(moderator, text, AnnouncementState::Published).await?;
        let now = self.clock.now();
        let mut changes = vec![Change::InsertAnnouncement(announcement.clone())];
        changes.extend(self.broadcast(&announcement, now));
        self.commit(changes).await?;
        let lang = moderator.lang;
        let withdraw = format!("/{} {}", CommandName::Withdraw.word(lang), announcement.id);
        Ok(self.reply(lang, "announced", &[("id", announcement.id.into()), ("withdraw", withdraw.into())]))
    }

    /// `/alerte TEXTE`: proposed to the moderators, who publish it or not.
    pub(super) async fn propose_alert(&self, member: &Member, text: String) -> Outcome {
        let alert = self.new_announcement(member, text, AnnouncementState::Proposed).await?;
        let now = self.clock.now();
        let mut changes = vec![Change::InsertAnnouncement(alert.clone())];
        for moderator in self.store.moderators(self.community.id).await? {
            let lang = moderator.lang;
            let args = [
                ("id", alert.id.into()),
                ("name", member.display_name.as_str().into()),
                ("text", alert.text.as_str().into()),
                ("publish", format!("/{} {}", CommandName::Publish.word(lang), alert.id).into()),
            ];
            let text = catalog::text(lang, "alert-notice", &args);
            changes.extend(
                self.private_message(&moderator, format!("alert:{}:{}", alert.id, moderator.id), text, now).await?,
            );
        }
        self.commit(changes).await?;
        Ok(self.reply(member.lang, "alert-proposed", &[("id", alert.id.into())]))
    }

    /// `/publier N`: a proposed alert goes to every group; its author is told.
    pub(super) async fn publish_alert(&self, moderator: &Member, id: i64) -> Outcome {
        rules::may_moderate(moderator)?;
        let alert = self.store.announcement(self.community.id, id).await?;
        let alert = alert.filter(|a| a.state == AnnouncementState::Proposed).ok_or(Refusal::UnknownAnnouncement(id))?;
        let now = self.clock.now();
        let mut changes = vec![Change::SetAnnouncementState {
            id,
            from: AnnouncementState::Proposed,
            to: AnnouncementState::Published,
        }];
        changes.extend(self.broadcast(&alert, now));
        if let Some(author) = self.store.member(alert.author_id).await? {
            let text = catalog::text(author.lang, "alert-published", &[("id", id.into())]);
            changes.extend(self.private_message(&author, format!("alert-published:{id}"), text, now).await?);
        }
        self.commit(changes).await?;
        let lang = moderator.lang;
        let withdraw = format!("/{} {id}", CommandName::Withdraw.word(lang));
        Ok(self.reply(lang, "announced", &[("id", id.into()), ("withdraw", withdraw.into())]))
    }

    /// `/retirer N`: taken down wherever it was shown (or an alert turned down).
    pub(super) async fn withdraw_announcement(&self, moderator: &Member, id: i64) -> Outcome {
        rules::may_moderate(moderator)?;
        let found = self.store.announcement(self.community.id, id).await?;
        let found =
            found.filter(|a| a.state != AnnouncementState::Withdrawn).ok_or(Refusal::UnknownAnnouncement(id))?;
        let now = self.clock.now();
        let mut changes =
            vec![Change::SetAnnouncementState { id, from: found.state, to: AnnouncementState::Withdrawn }];
        // Not posted yet: never posted. (One being posted right now is recorded, then taken
        // down at once: see `record_announcement_message`.)
        changes.extend(
            self.settings().group_platforms.iter().map(|platform| Change::CancelMessage(announce_key(id, *platform))),
        );
        changes.extend(self.take_downs(id, now).await?);
        self.commit(changes).await?;
        // Read again once withdrawn: a copy recorded meanwhile (its recorder saw the
        // announcement still up) is taken down too. Keys make a second take-down a no-op.
        self.commit(self.take_downs(id, now).await?).await?;
        Ok(self.reply(moderator.lang, "announcement-withdrawn", &[("id", id.into())]))
    }

    /// Where a platform showed an announcement, so that it can be taken down; shown after it
    /// was withdrawn, it is taken down at once.
    pub async fn record_announcement_message(
        &self,
        id: i64,
        platform: Platform,
        chat: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        let (chat, message) = (chat.to_owned(), message.to_owned());
        let mut changes = vec![Change::InsertAnnouncementMessage {
            announcement: id,
            platform,
            chat: chat.clone(),
            message: message.clone(),
        }];
        let withdrawn = self.withdrawn(id).await?;
        if withdrawn {
            changes.push(take_down(id, platform, chat.clone(), message.clone(), self.clock.now()));
        }
        self.commit(changes).await?;
        // Read again once recorded: withdrawn meanwhile (the withdrawal may not have seen
        // this copy), it is taken down too.
        if !withdrawn && self.withdrawn(id).await? {
            self.commit(vec![take_down(id, platform, chat, message, self.clock.now())]).await?;
        }
        Ok(())
    }

    async fn withdrawn(&self, id: i64) -> Result<bool, StoreError> {
        let found = self.store.announcement(self.community.id, id).await?;
        Ok(found.is_some_and(|a| a.state == AnnouncementState::Withdrawn))
    }

    /// A take-down of every copy recorded so far.
    async fn take_downs(&self, id: i64, now: Timestamp) -> Result<Vec<Change>, StoreError> {
        let shown = self.store.announcement_messages(id).await?;
        Ok(shown.into_iter().map(|(platform, chat, message)| take_down(id, platform, chat, message, now)).collect())
    }

    /// The chats of a platform where an announcement is shown already (a retry skips them).
    pub async fn announced_in(&self, id: i64, platform: Platform) -> Result<Vec<String>, StoreError> {
        let shown = self.store.announcement_messages(id).await?;
        Ok(shown.into_iter().filter(|(p, ..)| *p == platform).map(|(_, chat, _)| chat).collect())
    }

    async fn new_announcement(
        &self,
        author: &Member,
        text: String,
        state: AnnouncementState,
    ) -> Result<Announcement, StoreError> {
        Ok(Announcement {
            id: self.store.allocate_id(IdKind::Announcement).await?,
            community_id: self.community.id,
            author_id: author.id,
            text,
            state,
            created_at: self.clock.now(),
        })
    }

    /// One message per platform that serves groups: its adapter posts in each of them.
    fn broadcast(&self, announcement: &Announcement, now: Timestamp) -> Vec<Change> {
        let text = catalog::text(
            self.settings().default_lang,
            "announcement-text",
            &[("text", announcement.text.as_str().into())],
        );
        (self.settings().group_platforms.iter())
            .map(|platform| {
                Change::Enqueue(Outgoing {
                    key: announce_key(announcement.id, *platform),
                    to: AccountRef::new(*platform, "#groups"),
                    body: OutgoingBody::Announce { announcement: announcement.id, text: text.clone() },
                    not_before: now,
                })
            })
            .collect()
    }
}

/// The outbox key of an announcement's posting on one platform.
fn announce_key(id: i64, platform: Platform) -> String {
    format!("announce:{id}:{platform}")
}

/// Takes one shown announcement down.
fn take_down(id: i64, platform: Platform, chat: String, message: String, now: Timestamp) -> Change {
    Change::Enqueue(Outgoing {
        key: format!("unannounce:{id}:{platform}:{chat}:{message}"),
        to: AccountRef::new(platform, chat),
        body: OutgoingBody::DeleteMessage { message },
        not_before: now,
    })
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::super::tests::{alice, bob, founded, number_after};
    use super::*;
    use crate::ports::store_prelude::*;
    use crate::settings::Settings;

    #[tokio::test]
    async fn an_announcement_goes_to_every_platform_once_and_is_withdrawn_where_it_was_shown() {
        let settings = Settings { group_platforms: vec![Platform::Telegram, Platform::Discord], ..Settings::default() };
        let (service, store) = founded(settings).await;
        let sent = service.handle(alice("/annonce Collecte de jouets samedi au local")).await.expect("answer").text;
        let id = number_after(&sent, "n°").expect("a number");
        for platform in [Platform::Telegram, Platform::Discord] {
            let due = store.due_messages(platform, i64::MAX, 10).await.expect("store");
            assert_eq!(due.len(), 1, "{due:?}");
            let OutgoingBody::Announce { text, .. } = &due[0].message.body else { panic!("{due:?}") };
            assert_eq!(text, "📢 Collecte de jouets samedi au local");
        }
        service.record_announcement_message(id, Platform::Telegram, "-1001", "77").await.expect("recorded");
        let posted = store.due_messages(Platform::Telegram, i64::MAX, 10).await.expect("store");
        store.mark_sent(posted[0].id, 1).await.expect("sent");
        let withdrawn = service.handle(alice(&format!("/retirer {id}"))).await.expect("answer").text;
        assert!(withdrawn.contains("retirée"), "{withdrawn}");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 10).await.expect("store");
        let delete = due.iter().find(|m| m.message.body == OutgoingBody::DeleteMessage { message: "77".into() });
        assert_eq!(delete.expect("taken down").message.to, AccountRef::new(Platform::Telegram, "-1001"));
        let not_posted = store.due_messages(Platform::Discord, i64::MAX, 10).await.expect("store");
        assert!(not_posted.is_empty(), "not posted yet on Discord: never posted {not_posted:?}");
        // Shown after its withdrawal (a slow platform, posting as it was withdrawn): taken
        // down at once.
        service.record_announcement_message(id, Platform::Discord, "444", "88").await.expect("recorded");
        let due = store.due_messages(Platform::Discord, i64::MAX, 10).await.expect("store");
        assert!(due.iter().any(|m| m.message.body == OutgoingBody::DeleteMessage { message: "88".into() }));
        let again = service.handle(alice(&format!("/retirer {id}"))).await.expect("answer").text;
        assert!(again.contains("Je ne trouve pas d'annonce"), "{again}");
    }

    #[tokio::test]
    async fn a_members_alert_waits_for_a_moderator() {
        let settings = Settings { group_platforms: vec![Platform::Telegram], ..Settings::default() };
        let (service, store) = founded(settings).await;
        let code = service.handle(alice("/inviter")).await.expect("answer").text;
        let code = code.split_whitespace().find(|w| w.len() == 19).expect("a code").to_owned();
        service.handle(bob(&format!("/rejoindre {code}"))).await.expect("answer");
        let refused = service.handle(bob("/annonce Fermeture du local")).await.expect("answer").text;
        assert_eq!(refused, crate::rules::Refusal::NotModerator.render(crate::model::Lang::Fr));
        let proposed = service.handle(bob("/alerte Le local ferme lundi")).await.expect("answer").text;
        let id = number_after(&proposed, "n°").expect("a number");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 10).await.expect("store");
        assert!(!due.iter().any(|m| matches!(m.message.body, OutgoingBody::Announce { .. })), "not before approval");
        let published = service.handle(alice(&format!("/publier {id}"))).await.expect("answer").text;
        assert!(published.contains(&format!("Annonce n°{id}")), "{published}");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 10).await.expect("store");
        assert!(
            due.iter().any(
                |m| matches!(&m.message.body, OutgoingBody::Announce { text, .. } if text.contains("ferme lundi"))
            )
        );
        assert!(
            due.iter().any(|m| matches!(&m.message.body, OutgoingBody::Text { text } if text.contains("est publiée")))
        );
    }
}
