//! Relays: once both sides of a match consent, the bot carries their conversation about the
//! request, from any app to any app, so that people who share no app (or would rather not
//! give their handle yet) can talk. Each side may also give their contact, for itself. A
//! relay ends when either side ends it, when the request closes, or when one side is banned,
//! suspended or leaves. The relayed text lives only in the outbox, erased once delivered.

use super::{EventRef, Failure, Handled, Incoming, Outcome, Reply, Service};
use crate::catalog;
use crate::command::{self, CommandName};
use crate::model::{
    AccountRef, Lang, Match, MatchId, MatchState, Member, MemberId, Outgoing, OutgoingBody, Platform, Post, Timestamp,
};
use crate::ports::{Change, IdKind, StoreError};
use crate::rules::{self, Refusal};

/// The largest photo relayed: it waits in the outbox like any message (erased once sent).
pub const MAX_PHOTO_BYTES: usize = 1_000_000;

/// The longest caption relayed with a photo (its label comes on top).
const MAX_CAPTION_CHARS: usize = 600;

/// A photo a member sent the bot privately, as their app gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// A file name, whose extension says the format (`photo.jpg`).
    pub name: String,
    /// The image's bytes.
    pub bytes: Vec<u8>,
    /// What they wrote with it, if anything.
    pub caption: String,
}

impl Service {
    /// A photo sent privately (in reply to a relayed message, or not): it goes to the
    /// member's conversation as words do, labelled the same way; handled once per event.
    /// Outside a conversation, or too large, the member is told.
    pub async fn photo_event(
        &self,
        event: EventRef,
        incoming: Incoming,
        replied_to: Option<&str>,
        photo: Photo,
    ) -> Option<Reply> {
        let incoming = incoming.cleaned();
        let (incoming_account, incoming_lang) = (incoming.account.clone(), incoming.lang);
        let photo = Photo { caption: super::clean_text(photo.caption), ..photo };
        let work = async {
            let actor = self.actor(incoming).await?;
            let Some(member) = &actor.member else { return Ok(Err(Refusal::NotMember.into())) };
            Ok::<_, StoreError>(self.relay_photo(member, &actor.incoming.account, replied_to, photo).await)
        };
        let lang = self.settings().default_lang;
        let held = super::answer::Held::privately(&incoming_account, incoming_lang.unwrap_or(lang));
        match self.exactly_once_answering(event, Some(held), work).await {
            Ok(Handled::Replay) => None,
            Ok(Handled::Panicked) => Some(self.failure_reply(lang, Failure::Refused(Refusal::Internal))),
            Ok(Handled::Done(Ok(outcome))) => Some(outcome.unwrap_or_else(|failure| self.failure_reply(lang, failure))),
            Ok(Handled::Done(Err(error))) | Err(error) => Some(self.failure_reply(lang, Failure::Store(error))),
        }
    }

    async fn relay_photo(
        &self,
        member: &Member,
        account: &AccountRef,
        replied_to: Option<&str>,
        photo: Photo,
    ) -> Outcome {
        rules::may_act(member)?;
        if photo.bytes.len() > MAX_PHOTO_BYTES {
            return Ok(self.reply(member.lang, "photo-too-large", &[("megabytes", 1.into())]));
        }
        let replied = match replied_to {
            Some(id) => self.store.relay_of_message(account.platform, id).await?,
            None => None,
        };
        // Only as a reply to the conversation's messages: never passed on by guess.
        let Some(id) = replied else {
            return match self.open_relays(member).await?.as_slice() {
                [] => Ok(self.reply(member.lang, "photo-outside-relay", &[])),
                _ => Ok(self.reply(member.lang, "photo-which", &[])),
            };
        };
        let (found, request, partner) = self.relay_of(member, id).await?;
        let now = self.clock.now();
        let lang = partner.lang;
        // Short enough for every app's caption (Telegram's: 1,024 characters).
        let caption: String = photo.caption.trim().chars().take(MAX_CAPTION_CHARS).collect();
        let caption = if caption.is_empty() { "📷".to_owned() } else { caption };
        let args = [
            ("name", member.display_name.as_str().into()),
            ("request", request.id.into()),
            ("text", caption.into()),
            ("reply", format!("/{} {}", CommandName::Reply.word(lang), found.id).into()),
        ];
        let body = OutgoingBody::Image {
            name: photo.name,
            caption: catalog::text(lang, "relayed", &args),
            bytes: photo.bytes,
        };
        let key = format!("relay:{}:{}", found.id, self.next_id(IdKind::Reply).await?);
        let change = self.private_message(&partner, key, String::new(), now).await?.map(|change| match change {
            Change::Enqueue(outgoing) => Change::Enqueue(Outgoing { body, ..outgoing }),
            other => other,
        });
        self.commit(change.into_iter().collect()).await?;
        let args = [("name", partner.display_name.as_str().into()), ("request", request.id.into())];
        Ok(self.reply(member.lang, "relay-sent", &args))
    }

    /// What each side hears once both consented: the relay is open, how to write through it,
    /// and that their contact stays theirs to give; with buttons to give it or to end.
    pub(super) async fn open_relay(
        &self,
        found: &Match,
        request: &Post,
        requester: &Member,
        helper: &Member,
        now: Timestamp,
    ) -> Result<Vec<Change>, StoreError> {
        let mut changes = Vec::new();
        for (to, other, side) in [(requester, helper, "requester"), (helper, requester, "helper")] {
            let lang = to.lang;
            let args = [
                ("request", request.id.into()),
                ("name", other.display_name.as_str().into()),
                ("reply", format!("/{} {}", CommandName::Reply.word(lang), found.id).into()),
                ("share", format!("/{} {}", CommandName::Share.word(lang), found.id).into()),
                ("end", format!("/{} {}", CommandName::EndRelay.word(lang), found.id).into()),
            ];
            let text = catalog::text(lang, "relay-opened", &args);
            let buttons = [
                ("button-share", format!("/{} {}", CommandName::Share.word(lang), found.id)),
                ("button-end", format!("/{} {}", CommandName::EndRelay.word(lang), found.id)),
            ];
            let key = format!("relay-opened:{}:{side}", found.id);
            changes.extend(self.private_choices(to, key, text, &buttons, now).await?);
        }
        Ok(changes)
    }

    /// The match, its request and the other side, for a member writing in its relay.
    async fn relay_of(&self, member: &Member, id: MatchId) -> Result<(Match, Post, Member), Failure> {
        let (found, request) = self.match_and_request(id).await?;
        let partner = rules::relay_partner(member.id, &found, &request)?;
        let partner = self.member(partner).await?;
        rules::partner_available(&partner).map_err(|_| Refusal::RelayNotOpen(id))?;
        Ok((found, request, partner))
    }

    /// `/repondre M TEXT`: passes the text to the other side, labelled with the request and
    /// the sender's name. It waits in the outbox, in order, until they can be reached.
    pub(super) async fn relay(&self, member: &Member, id: MatchId, text: &str) -> Outcome {
        let (found, request, partner) = self.relay_of(member, id).await?;
        let now = self.clock.now();
        let lang = partner.lang;
        let args = [
            ("name", member.display_name.as_str().into()),
            ("request", request.id.into()),
            ("text", text.into()),
            ("reply", format!("/{} {}", CommandName::Reply.word(lang), found.id).into()),
        ];
        let relayed = catalog::text(lang, "relayed", &args);
        let key = format!("relay:{}:{}", found.id, self.next_id(IdKind::Reply).await?);
        self.commit(self.private_message(&partner, key, relayed, now).await?.into_iter().collect()).await?;
        let args = [("name", partner.display_name.as_str().into()), ("request", request.id.into())];
        Ok(self.reply(member.lang, "relay-sent", &args))
    }

    /// A private message that is no command, from a member in conversations: never passed
    /// on by guess (it may have been meant for the bot), the member learns how to write to
    /// each of them.
    pub(super) async fn relay_hint(&self, member: &Member) -> Outcome {
        rules::may_act(member)?;
        let open = self.open_relays(member).await?;
        match open.as_slice() {
            [] => Ok(self.reply(member.lang, "not-understood", &[])),
            several => {
                let lang = member.lang;
                let mut lines = vec![catalog::text(lang, "relay-which", &[])];
                for (found, request, partner) in several {
                    let args = [
                        ("reply", format!("/{} {}", CommandName::Reply.word(lang), found.id).into()),
                        ("name", partner.display_name.as_str().into()),
                        ("request", request.id.into()),
                    ];
                    lines.push(catalog::text(lang, "relay-which-line", &args));
                }
                Ok(Reply { text: lines.join("\n"), post: None })
            }
        }
    }

    /// The member's open relays, oldest first.
    pub(super) async fn open_relays(&self, member: &Member) -> Result<Vec<(Match, Post, Member)>, Failure> {
        let mut open = Vec::new();
        for found in self.store.matches_of_member(member.id).await? {
            if found.state != MatchState::Confirmed || found.relay_closed_at.is_some() {
                continue;
            }
            if let Ok(relay) = self.relay_of(member, found.id).await {
                open.push(relay);
            }
        }
        Ok(open)
    }

    /// `/partager M`: the member gives their contact (every linked account) to the other side.
    pub(super) async fn share_contact(&self, member: &Member, id: MatchId) -> Outcome {
        let (found, request, partner) = self.relay_of(member, id).await?;
        let now = self.clock.now();
        let card = self.contact_card(member, partner.lang).await?;
        let args =
            [("name", member.display_name.as_str().into()), ("request", request.id.into()), ("contact", card.into())];
        let text = catalog::text(partner.lang, "contact-revealed", &args);
        let key = format!("contact:{}:{}", found.id, member.id);
        self.commit(self.private_message(&partner, key, text, now).await?.into_iter().collect()).await?;
        Ok(self.reply(member.lang, "contact-shared", &[("name", partner.display_name.as_str().into())]))
    }

    /// `/terminer M`: either side ends the relay; the other is told.
    pub(super) async fn end_relay(&self, member: &Member, id: MatchId) -> Outcome {
        let (found, request) = self.match_and_request(id).await?;
        let partner = rules::relay_partner(member.id, &found, &request)?;
        let partner = self.member(partner).await?;
        let now = self.clock.now();
        let mut changes = closing(id, now);
        changes.extend(self.relay_ended_notice(&partner, member, &found, &request, now).await?);
        self.commit(changes).await?;
        let args = [("name", partner.display_name.as_str().into()), ("request", request.id.into())];
        Ok(self.reply(member.lang, "relay-ended", &args))
    }

    /// The relays of a request that closes (met, closed, expired, hidden) end; both sides
    /// are told.
    pub(super) async fn end_relays_of_request(
        &self,
        request: &Post,
        now: Timestamp,
    ) -> Result<Vec<Change>, StoreError> {
        let mut changes = Vec::new();
        for found in self.store.matches_of_request(request.id).await? {
            if found.state != MatchState::Confirmed || found.relay_closed_at.is_some() {
                continue;
            }
            changes.extend(closing(found.id, now));
            let requester = self.store.member(found.requester_id).await?;
            let helper = self.store.member(found.helper_id).await?;
            if let (Some(requester), Some(helper)) = (requester, helper) {
                changes.extend(self.relay_ended_notice(&helper, &requester, &found, request, now).await?);
                changes.extend(self.relay_ended_notice(&requester, &helper, &found, request, now).await?);
            }
        }
        Ok(changes)
    }

    /// The relays of a member who can no longer take part (banned, suspended, gone) end; the
    /// other side is told that the conversation ended, not why.
    pub(super) async fn end_relays_of_member(
        &self,
        member: &Member,
        now: Timestamp,
    ) -> Result<Vec<Change>, StoreError> {
        let mut changes = Vec::new();
        for found in self.store.matches_of_member(member.id).await? {
            if found.state != MatchState::Confirmed || found.relay_closed_at.is_some() {
                continue;
            }
            let Some(request) = self.store.post(found.request_id).await? else { continue };
            changes.extend(closing(found.id, now));
            let other = if found.requester_id == member.id { found.helper_id } else { found.requester_id };
            if let Some(other) = self.store.member(other).await? {
                changes.extend(self.relay_ended_notice(&other, member, &found, &request, now).await?);
            }
        }
        Ok(changes)
    }

    /// A platform showed an outbox message under its own id: when the message belongs to a
    /// relay (relayed, or the one that opened it), a reply to it on that app will go there.
    pub async fn record_sent(&self, key: &str, platform: Platform, message_id: &str) -> Result<(), StoreError> {
        let Some(relay) = relay_of_key(key) else { return Ok(()) };
        let change = Change::RelayMessage { platform, message_id: message_id.to_owned(), relay };
        self.store.apply(vec![change]).await
    }

    /// What a member's reply to one of the bot's messages says. Written to a relay's message,
    /// plain words are for the other side (`/repondre M …`), and `/signaler MOTIF` reports
    /// the other side with that message attached (`quoted`, the reporter's own copy: the bot
    /// kept none), their reply being their consent. Anything else stays as written.
    pub async fn reply_text(&self, account: &AccountRef, replied_to: &str, quoted: Option<&str>, text: &str) -> String {
        let relay = match self.store.relay_of_message(account.platform, replied_to).await {
            Ok(Some(relay)) => relay,
            Ok(None) => return text.to_owned(),
            Err(error) => {
                tracing::warn!(%error, "could not read which conversation a reply belongs to");
                return text.to_owned();
            }
        };
        match command::command_name(text) {
            None => format!("/{} {relay} {text}", CommandName::Reply.word(Lang::Fr)),
            Some(CommandName::Report) => self.report_text(account, relay, quoted, text).await.unwrap_or_else(|error| {
                tracing::warn!(%error, "could not read a conversation being reported");
                text.to_owned()
            }),
            Some(_) => text.to_owned(),
        }
    }

    /// `/signaler MOTIF` in reply to a relayed message: a report of the other side, by
    /// number, with the message quoted after the reason.
    async fn report_text(
        &self,
        account: &AccountRef,
        relay: MatchId,
        quoted: Option<&str>,
        text: &str,
    ) -> Result<String, StoreError> {
        let reporter = match self.store.account(self.community.id, account).await? {
            Some(found) => self.store.member(found.member_id).await?,
            None => None,
        };
        let (Some(reporter), Some(found)) = (reporter, self.store.match_by_id(relay).await?) else {
            return Ok(text.to_owned());
        };
        // Only a side of the conversation reports through it.
        let other = match reporter.id {
            id if id == found.requester_id => found.helper_id,
            id if id == found.helper_id => found.requester_id,
            _ => return Ok(text.to_owned()),
        };
        Ok(report_with_quote(other, text, quoted, reporter.lang))
    }

    /// Tells `to` that their conversation with `with` about the request ended.
    async fn relay_ended_notice(
        &self,
        to: &Member,
        with: &Member,
        found: &Match,
        request: &Post,
        now: Timestamp,
    ) -> Result<Option<Change>, StoreError> {
        let args = [("name", with.display_name.as_str().into()), ("request", request.id.into())];
        let text = catalog::text(to.lang, "relay-ended", &args);
        self.private_message(to, format!("relay-ended:{}:{}", found.id, to.id), text, now).await
    }
}

/// `/signaler MOTIF` (`text`) as a report of member `target` for that reason, with the
/// message it answers (`quoted`, as the reporter's app sent it) after the reason.
pub(super) fn report_with_quote(target: MemberId, text: &str, quoted: Option<&str>, lang: Lang) -> String {
    let reason = text.trim().split_once(char::is_whitespace).map_or("", |(_, reason)| reason.trim());
    let mut report = format!("/{} @#{target} {reason}", CommandName::Report.word(Lang::Fr));
    if let Some(quoted) = quoted.map(str::trim).filter(|quoted| !quoted.is_empty() && !reason.is_empty()) {
        let quoted: String = quoted.chars().take(crate::command::MAX_TEXT_CHARS).collect();
        report.push('\n');
        report.push_str(&catalog::text(lang, "report-quoted", &[("text", quoted.into())]));
    }
    report
}

/// Ends a relay: nothing of it still waiting goes out any more.
fn closing(id: MatchId, at: Timestamp) -> Vec<Change> {
    vec![Change::CloseRelay { id, at }, Change::CancelMessagesStartingWith(format!("relay:{id}:"))]
}

/// The relay an outbox key belongs to: `relay:M:…` (a relayed message) or `relay-opened:M:…`.
fn relay_of_key(key: &str) -> Option<MatchId> {
    let rest = key.strip_prefix("relay:").or_else(|| key.strip_prefix("relay-opened:"))?;
    rest.split(':').next()?.parse().ok()
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::super::tests::{alice, bob, founded, number_after};
    use super::*;
    use crate::memory::MemoryStore;
    use crate::model::{AccountRef, OutgoingBody, Platform};
    use crate::ports::store_prelude::*;
    use crate::service::Incoming;
    use crate::settings::Settings;

    /// The texts waiting for an account, oldest first.
    async fn waiting(store: &MemoryStore, platform: Platform, user: &str) -> Vec<String> {
        let due = store.due_messages(platform, i64::MAX, 100).await.expect("store");
        due.into_iter()
            .filter(|m| m.message.to.user_id == user)
            .filter_map(|m| match m.message.body {
                OutgoingBody::Text { text } | OutgoingBody::Choices { text, .. } => Some(text),
                _ => None,
            })
            .collect()
    }

    /// Alice (console) asks for a drill; Bob (Telegram) lends one, says yes, Alice confirms.
    async fn in_touch() -> (Service, std::sync::Arc<MemoryStore>, MatchId, i64) {
        let (service, store) = founded(Settings::default()).await;
        let say = async |incoming: Incoming| -> String { service.handle(incoming).await.expect("an answer").text };
        let invited = say(alice("/inviter")).await;
        let code = invited.split_whitespace().find(|w| w.len() == 19).expect("a code").to_owned();
        say(bob(&format!("/rejoindre {code}"))).await;
        say(bob("/lieu Lyon")).await;
        say(bob("/offre je prête ma perceuse")).await;
        say(alice("/lieu Lyon")).await;
        let asked = say(alice("/besoin une perceuse pour samedi")).await;
        let request = number_after(&asked, "n°").expect("a request number");
        let question = waiting(&store, Platform::Telegram, "43").await.pop().expect("Bob asked");
        let proposal = number_after(&question, "/accepter ").expect("a proposal");
        say(bob(&format!("/accepter {proposal}"))).await;
        let confirmed = say(alice(&format!("/accepter {proposal}"))).await;
        assert!(confirmed.contains("confirmé"), "{confirmed}");
        (service, store, proposal, request)
    }

    #[tokio::test]
    async fn both_sides_talk_through_the_bot_and_each_gives_their_contact_only_if_they_choose() {
        let (service, store, proposal, request) = in_touch().await;
        let to_bob = waiting(&store, Platform::Telegram, "43").await;
        let opened = to_bob.last().expect("Bob told");
        assert!(opened.contains("Mise en relation") && opened.contains("alice"), "{opened}");
        assert!(!to_bob.iter().any(|t| t.contains("console")), "no contact given: {to_bob:?}");

        // A plain message is not passed on by guess: she learns how to write to him.
        let plain = service.handle(alice("Samedi 10h, ça te va ?")).await.expect("an answer").text;
        assert!(plain.contains(&format!("/repondre {proposal} ton message → Bob")), "{plain}");
        assert!(!waiting(&store, Platform::Telegram, "43").await.iter().any(|t| t.contains("Samedi 10h")));
        // Written to him, it goes; his answer by command comes back.
        let sent = service
            .handle(alice(&format!("/repondre {proposal} Samedi 10h, ça te va ?")))
            .await
            .expect("an answer")
            .text;
        assert!(sent.contains("Transmis à Bob"), "{sent}");
        let relayed = waiting(&store, Platform::Telegram, "43").await.pop().expect("relayed");
        assert!(relayed.starts_with(&format!("💬 alice (demande n°{request})")), "{relayed}");
        assert!(relayed.contains("Samedi 10h, ça te va ?") && relayed.contains(&format!("/repondre {proposal}")));
        service.handle(bob(&format!("/repondre {proposal} Parfait, à samedi"))).await.expect("an answer");
        let to_alice = waiting(&store, Platform::Console, "alice").await;
        assert!(to_alice.last().expect("relayed").contains("Parfait, à samedi"), "{to_alice:?}");
        assert!(!to_alice.iter().any(|t| t.contains("telegram : 43")), "no contact given: {to_alice:?}");

        // Bob gives his contact: Alice gets it; Bob does not get hers.
        let shared = service.handle(bob(&format!("/partager {proposal}"))).await.expect("an answer").text;
        assert!(shared.contains("J'ai donné ton contact à alice"), "{shared}");
        let mine = service.handle(bob("/mes")).await.expect("an answer").text;
        assert!(mine.contains(&format!("/repondre {proposal} ton message → alice (demande n°{request})")), "{mine}");
        let to_alice = waiting(&store, Platform::Console, "alice").await;
        assert!(to_alice.last().expect("a contact").contains("Bob sur telegram : 43"), "{to_alice:?}");
        assert!(!waiting(&store, Platform::Telegram, "43").await.iter().any(|t| t.contains("sur console")));

        // Someone else cannot write in it.
        let stranger = service.handle(alice(&format!("/repondre {} salut", proposal + 100))).await.expect("answer");
        assert!(stranger.text.contains("Je ne trouve pas"), "{}", stranger.text);

        // Alice ends it: Bob is told, and can no longer write through it.
        let ended = service.handle(alice(&format!("/terminer {proposal}"))).await.expect("an answer").text;
        assert!(ended.contains("est terminée"), "{ended}");
        assert!(waiting(&store, Platform::Telegram, "43").await.last().expect("told").contains("est terminée"));
        let late = service.handle(bob(&format!("/repondre {proposal} encore moi"))).await.expect("answer").text;
        assert!(late.contains("n'est pas ouverte"), "{late}");
        let plain = service.handle(bob("encore moi")).await.expect("an answer").text;
        assert!(!plain.contains("Transmis"), "no conversation left: {plain}");
    }

    #[tokio::test]
    async fn a_reply_to_a_relayed_message_on_an_app_goes_to_its_conversation() {
        let (service, store, proposal, _) = in_touch().await;
        service.handle(alice(&format!("/repondre {proposal} Samedi ?"))).await.expect("an answer");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 100).await.expect("store");
        let relayed = due.iter().find(|m| m.message.key.starts_with("relay:")).expect("relayed");
        service.record_sent(&relayed.message.key, Platform::Telegram, "777").await.expect("recorded");
        service.record_sent("welcome:2", Platform::Telegram, "778").await.expect("ignored");
        let bob_account = AccountRef::new(Platform::Telegram, "43");
        let reply = async |replied: &str, text: &str| service.reply_text(&bob_account, replied, None, text).await;
        assert_eq!(reply("777", "Oui, 10h").await, format!("/repondre {proposal} Oui, 10h"));
        assert_eq!(reply("778", "Oui").await, "Oui", "not a relay's message");
        assert_eq!(reply("777", "/aide").await, "/aide", "a command stays one");
        let elsewhere = AccountRef::new(Platform::Discord, "43");
        assert_eq!(service.reply_text(&elsewhere, "777", None, "Oui").await, "Oui", "another app's message");

        // Bob reports the message he replies to: Alice is reported, with it and only it.
        let report = service.reply_text(&bob_account, "777", Some("Samedi ?"), "/signaler propos déplacés").await;
        assert_eq!(report, "/signaler @#1 propos déplacés\n(message signalé : « Samedi ? »)");
        let answer = service.handle(bob(&report)).await.expect("an answer").text;
        assert!(answer.contains("signalement n°"), "{answer}");
        let reports = store.pending_reports(service.community().id).await.expect("store");
        assert_eq!(
            (reports[0].target_id, reports[0].reason.as_str()),
            (1, "propos déplacés\n(message signalé : « Samedi ? »)")
        );
        assert_eq!(relay_of_key(&format!("relay-opened:{proposal}:helper")), Some(proposal));
    }

    #[tokio::test]
    async fn a_relay_ends_with_its_request_hidden_a_suspension_or_a_ban() {
        let (service, store, proposal, request) = in_touch().await;
        service.handle(alice(&format!("/merci {request}"))).await.expect("an answer");
        assert!(waiting(&store, Platform::Telegram, "43").await.iter().any(|t| t.contains("est terminée")));
        let late = service.handle(bob(&format!("/repondre {proposal} merci à toi"))).await.expect("answer").text;
        assert!(late.contains("n'est pas ouverte"), "{late}");

        let (service, store, proposal, _) = in_touch().await;
        service.handle(alice("/suspendre Bob 3j spam")).await.expect("an answer");
        let found = store.match_by_id(proposal).await.expect("store").expect("the match");
        assert!(found.relay_closed_at.is_some(), "{found:?}");
        let to_alice = waiting(&store, Platform::Console, "alice").await;
        assert!(to_alice.iter().any(|t| t.contains("La conversation avec Bob")), "{to_alice:?}");
        let late = service.handle(alice(&format!("/repondre {proposal} tu es là ?"))).await.expect("answer").text;
        assert!(late.contains("n'est pas ouverte"), "{late}");

        let (service, store, proposal, request) = in_touch().await;
        service.handle(alice(&format!("/masquer {request} doublon"))).await.expect("an answer");
        let found = store.match_by_id(proposal).await.expect("store").expect("the match");
        assert!(found.relay_closed_at.is_some(), "hiding the request ends it: {found:?}");
        assert!(waiting(&store, Platform::Telegram, "43").await.iter().any(|t| t.contains("est terminée")));

        let (service, store, proposal, _) = in_touch().await;
        service.handle(alice(&format!("/repondre {proposal} encore en route"))).await.expect("an answer");
        service.handle(alice("/bannir Bob spam")).await.expect("an answer");
        let found = store.match_by_id(proposal).await.expect("store").expect("the match");
        assert!(found.relay_closed_at.is_some(), "a ban ends it: {found:?}");
        let late = service.handle(alice(&format!("/repondre {proposal} tu es là ?"))).await.expect("answer").text;
        assert!(late.contains("n'est pas ouverte"), "{late}");
    }

    #[tokio::test]
    async fn a_photo_goes_to_the_conversation_and_nowhere_else() {
        let (service, store, proposal, request) = in_touch().await;
        service.record_sent(&format!("relay-opened:{proposal}:requester"), Platform::Console, "m1").await.expect("ok");
        let photo =
            |bytes: usize| Photo { name: "photo.jpg".into(), bytes: vec![7; bytes], caption: "la perceuse".into() };
        let event = |id: &str| EventRef { platform: Platform::Console, id: id.into(), cursor: None };
        let unsure = service.photo_event(event("p0"), alice(""), None, photo(2_000)).await.expect("an answer");
        assert!(unsure.text.contains("en réponse à un message"), "never passed on by guess: {}", unsure.text);
        let sent = service.photo_event(event("p1"), alice(""), Some("m1"), photo(2_000)).await.expect("an answer");
        assert!(sent.text.contains("Transmis à Bob"), "{}", sent.text);
        let due = store.due_messages(Platform::Telegram, i64::MAX, 100).await.expect("store");
        let relayed = due.iter().find(|m| m.message.key.starts_with("relay:")).expect("relayed");
        let OutgoingBody::Image { name, caption, bytes } = &relayed.message.body else { panic!("{relayed:?}") };
        assert_eq!((name.as_str(), bytes.len()), ("photo.jpg", 2_000));
        assert!(caption.starts_with(&format!("💬 alice (demande n°{request})")) && caption.contains("la perceuse"));
        assert!(
            service.photo_event(event("p1"), alice(""), Some("m1"), photo(2_000)).await.is_none(),
            "once per event"
        );
        let big =
            service.photo_event(event("p2"), alice(""), Some("m1"), photo(MAX_PHOTO_BYTES + 1)).await.expect("answer");
        assert!(big.text.contains("trop lourde"), "{}", big.text);
        let stranger = bob("");
        let (service, _) = founded(Settings::default()).await;
        let outside = service.photo_event(event("p3"), stranger, None, photo(10)).await.expect("an answer");
        assert!(outside.text.contains("pas encore membre"), "{}", outside.text);
        let alone = service.photo_event(event("p4"), alice(""), None, photo(10)).await.expect("an answer");
        assert!(alone.text.contains("seulement dans une conversation"), "{}", alone.text);
    }

    #[tokio::test]
    async fn what_was_relayed_is_erased_once_delivered() {
        let (service, store, proposal, _) = in_touch().await;
        service.handle(alice(&format!("/repondre {proposal} Mon code de porte est 4521B"))).await.expect("an answer");
        // Ended before it went out: it never goes, and is gone too.
        service.handle(alice(&format!("/repondre {proposal} Le second code est 7730Z"))).await.expect("an answer");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 100).await.expect("store");
        let relayed = due.iter().find(|m| m.message.key.starts_with("relay:")).expect("relayed");
        assert!(store.dump().contains("4521B"), "kept until delivered");
        store.mark_sent(relayed.id, 5).await.expect("store");
        assert!(!store.dump().contains("4521B"), "the relayed text is gone once delivered");
        service.handle(alice(&format!("/terminer {proposal}"))).await.expect("an answer");
        assert!(!store.dump().contains("7730Z"), "withdrawn with the conversation");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 100).await.expect("store");
        assert!(!due.iter().any(|m| m.message.key.starts_with(&format!("relay:{proposal}:"))), "{due:?}");
    }
}
