//! Members' rights over their data: `/mes-donnees` sends everything stored about them as a
//! JSON file; `/supprimer-compte` erases it after a confirmation, leaving a pseudonym where
//! the community's records (sponsor tree, audit log) need one.

use serde_json::json;

use crate::catalog;
use crate::command::CommandName;
use crate::model::{AccountRef, AuditAction, BarredAccount, Member, MemberStatus, Outgoing, OutgoingBody, Timestamp};
use crate::ports::{AuditQuery, Change, IdKind, StoreError};
use crate::rules::{self, Refusal};

use super::{Failure, Outcome, Service};

impl Service {
    /// `/mes-donnees`: a JSON export of what is stored about the member, sent privately.
    /// Reports about them leave out who reported (never revealed to the reported member).
    pub(super) async fn my_data(&self, member: &Member) -> Outcome {
        let now = self.clock.now();
        let store = &self.store;
        let accounts = store.accounts_of(member.id).await?;
        let posts = store.posts_of(member.id).await?;
        let matches = store.matches_of_member(member.id).await?;
        let invitations = store.invitations_of(member.id).await?;
        let joined_with = store.invitation_used_by(member.id).await?;
        let reports = store.reports_involving(member.id).await?;
        let about = AuditQuery { target: Some(member.id), limit: 1_000, ..AuditQuery::default() };
        let by = AuditQuery { actor: Some(member.id), limit: 1_000, ..AuditQuery::default() };
        let mut audit = store.audit(self.community.id, &about).await?;
        audit.extend(store.audit(self.community.id, &by).await?);
        audit.sort_by_key(|entry| entry.at);
        audit.dedup();
        let export = json!({
            "community": self.community.name,
            "exported_at": super::format_time(now),
            "member": {
                "id": member.id,
                "display_name": member.display_name,
                "language": member.lang.as_str(),
                "place": member.place,
                "role": member.role.as_str(),
                "status": member.status.as_str(),
                "sponsor_id": member.sponsor_id,
                "joined_at": member.joined_at,
                "last_seen_at": member.last_seen_at,
                "invite_rights_withdrawn": member.invite_block,
                "suspended_until": member.suspended_until,
            },
            "accounts": accounts.iter().map(|a| json!({
                "platform": a.account.platform.as_str(),
                "user_id": a.account.user_id,
                "display_name": a.display_name,
                "linked_at": a.linked_at,
            })).collect::<Vec<_>>(),
            "posts": posts.iter().map(|p| json!({
                "id": p.id,
                "kind": p.kind.as_str(),
                "text": p.text,
                "place": p.place,
                "state": p.state.as_str(),
                "created_at": p.created_at,
                "on_behalf_of": p.on_behalf_of,
            })).collect::<Vec<_>>(),
            "matches": matches.iter().map(|m| json!({
                "id": m.id,
                "request_id": m.request_id,
                "offer_id": m.offer_id,
                "as": if m.helper_id == member.id { "helper" } else { "requester" },
                "state": m.state.as_str(),
                "created_at": m.created_at,
            })).collect::<Vec<_>>(),
            "invitations_created": invitations.iter().map(|i| json!({
                "id": i.id,
                "created_at": i.created_at,
                "expires_at": i.expires_at,
                "used": i.used_by.is_some(),
                "revoked": i.revoked_at.is_some(),
                "note": i.note,
            })).collect::<Vec<_>>(),
            "joined_with_invitation_from": joined_with.map(|i| i.sponsor_id),
            "reports_made": reports.iter().filter(|r| r.reporter_id == member.id).map(|r| json!({
                "id": r.id,
                "post_id": r.post_id,
                "reason": r.reason,
                "state": r.state.as_str(),
                "created_at": r.created_at,
            })).collect::<Vec<_>>(),
            "reports_received": reports.iter().filter(|r| r.target_id == member.id).map(|r| json!({
                "id": r.id,
                "post_id": r.post_id,
                "state": r.state.as_str(),
                "created_at": r.created_at,
            })).collect::<Vec<_>>(),
            "audit_log": audit.iter().map(|e| json!({
                "at": e.at,
                "action": e.action.as_str(),
                "by_you": e.actor_id == Some(member.id),
                "about_you": e.target_id == Some(member.id),
                "reason": e.reason,
            })).collect::<Vec<_>>(),
        });
        let content = serde_json::to_string_pretty(&export).unwrap_or_default();
        let Some(first) = accounts.first() else { return Err(Refusal::NotMember.into()) };
        let caption =
            catalog::text(member.lang, "my-data-caption", &[("community", self.community.name.as_str().into())]);
        let key = format!("my-data:{}", self.next_id(IdKind::Reply).await?);
        self.commit(vec![Change::Enqueue(Outgoing {
            key,
            to: first.account.clone(),
            body: OutgoingBody::Document { name: "mes-donnees.json".into(), caption, content },
            not_before: now,
        })])
        .await?;
        Ok(self.reply(member.lang, "my-data-sent", &[]))
    }

    /// `/supprimer-compte`: asks for a confirmation; `/supprimer-compte confirmer` erases the
    /// member's personal data for good. Their business winds up as for a member who leaves.
    pub(super) async fn delete_me(&self, member: &Member, confirmed: bool) -> Outcome {
        let lang = member.lang;
        if !confirmed {
            let confirm =
                format!("/{} {}", CommandName::DeleteMe.word(lang), catalog::text(lang, "delete-confirm-word", &[]));
            return Ok(self.reply(lang, "delete-confirm", &[("cmd", confirm.into())]));
        }
        let now = self.clock.now();
        let pseudonym = catalog::text(self.settings().default_lang, "pseudonym", &[("id", member.id.into())]);
        // Whoever this winds up tells (a conversation ended) hears the pseudonym already: a
        // message still waiting, or its copy in the store's files, must not keep the name.
        let erased = Member { display_name: pseudonym.clone(), ..member.clone() };
        let mut changes = self.wind_up(&erased, now).await?;
        // Erasure is no way back in: a banned person's accounts stay recognisable, each by a
        // salted digest and nothing more; a suspended person's until their suspension ends.
        let until = match member.status {
            MemberStatus::Banned => Some(None),
            _ => member.suspended_until.filter(|until| *until > now).map(Some),
        };
        if let Some(until) = until {
            for account in self.store.accounts_of(member.id).await? {
                let mut bytes = [0u8; 16];
                self.randomness.fill(&mut bytes);
                let salt = hex(&bytes);
                changes.push(Change::BarAccount(BarredAccount {
                    community_id: self.community.id,
                    member_id: member.id,
                    digest: rules::account_digest(&salt, &account.account),
                    salt,
                    barred_at: now,
                    until,
                }));
            }
        }
        // A name too short to be told apart from other words stays in the log's reasons.
        let name = if member.display_name.chars().count() >= 3 { member.display_name.clone() } else { String::new() };
        changes.push(Change::Erase { id: member.id, name, pseudonym });
        changes.push(self.audit_change(Some(member.id), AuditAction::Erase, Some(member.id), "", now));
        self.commit(changes).await?;
        tracing::info!(member = member.id, "member erased their data");
        // Erased rows leave earlier versions in the store's files (SQLite's log) until then.
        if let Err(error) = self.store.scrub().await {
            tracing::warn!(%error, "erased, but earlier copies stay in the database files until the next scrub");
        }
        Ok(self.reply(lang, "deleted", &[("community", self.community.name.as_str().into())]))
    }

    /// Whether an account is one of an erased banned person's (`Some(None)`), or of an erased
    /// suspended person's until their suspension ends (`Some(Some(end))`).
    pub(super) async fn barred(&self, account: &AccountRef) -> Result<Option<Option<Timestamp>>, StoreError> {
        let barred = self.store.barred_accounts(self.community.id).await?;
        Ok(rules::bar(&barred, account, self.clock.now()).map(|bar| bar.until))
    }

    /// Refuses an account of an erased banned (or still suspended) person a way back in (a
    /// code, a link, an application).
    pub(super) async fn refuse_barred(&self, account: &AccountRef) -> Result<(), Failure> {
        match self.barred(account).await? {
            None => Ok(()),
            Some(None) => Err(Refusal::Banned.into()),
            Some(Some(_)) => Err(Refusal::Suspended.into()),
        }
    }
}

/// Bytes in lowercase hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::super::tests::{alice, bob, founded};
    use super::super::{Incoming, JoinEvent, JoinOutcome};
    use super::*;
    use crate::model::{JoinEvidence, Platform};
    use crate::ports::store_prelude::*;
    use crate::settings::Settings;

    /// A fresh invitation code from alice.
    async fn code(service: &Service) -> String {
        let reply = service.handle(alice("/inviter")).await.expect("a reply").text;
        reply.split_whitespace().find(|w| w.len() == 19).expect("a code").to_owned()
    }

    #[tokio::test]
    async fn a_suspended_member_may_still_read_their_data() {
        let (service, _store) = founded(Settings::default()).await;
        let first = code(&service).await;
        service.handle(bob(&format!("/rejoindre {first}"))).await.expect("a reply");
        let suspended = service.handle(alice("/suspendre Bob 2j spam")).await.expect("a reply").text;
        assert!(suspended.contains("suspendu·e"), "{suspended}");
        assert!(service.handle(bob("/offre une perceuse")).await.expect("a reply").text.contains("suspendu"));
        let data = service.handle(bob("/mes-donnees")).await.expect("a reply").text;
        assert!(data.contains("fichier JSON"), "{data}");
    }

    /// Erasing one's data during a suspension is no way around it, and no ban either.
    #[tokio::test]
    async fn a_suspended_member_who_erases_their_data_stays_out_until_the_suspension_ends() {
        use crate::ports::{Clock, CountingRandomness, ManualClock};
        let store = std::sync::Arc::new(crate::memory::MemoryStore::new());
        let clock = std::sync::Arc::new(ManualClock::at(0));
        let founder =
            crate::settings::Founder { account: AccountRef::new(Platform::Console, "alice"), name: "alice".into() };
        let settings = Settings { founders: vec![founder], ..Settings::default() };
        let randomness = std::sync::Arc::new(CountingRandomness::default());
        let service = Service::start(store.clone(), clock.clone(), randomness, settings).await.expect("start");
        let first = code(&service).await;
        service.handle(bob(&format!("/rejoindre {first}"))).await.expect("a reply");
        let suspended = service.handle(alice("/suspendre Bob 2j spam")).await.expect("a reply").text;
        assert!(suspended.contains("suspendu·e"), "{suspended}");
        let erased = service.handle(bob("/supprimer-compte confirmer")).await.expect("a reply").text;
        assert!(erased.contains("tes données personnelles sont effacées"), "{erased}");

        // While it lasts: not adopted, not back with a code, removed from a group (not banned).
        let account = AccountRef::new(Platform::Telegram, "43");
        service.handle(alice("/adopter ouvrir")).await.expect("a reply");
        assert!(service.settings().adoption_open(clock.now()).is_some(), "the window is open");
        let in_group = Incoming { chat: crate::command::ChatContext::Group { request_channel: false }, ..bob("salut") };
        service.handle(in_group.clone()).await;
        assert!(store.account(service.community().id, &account).await.expect("store").is_none(), "not adopted");
        let second = code(&service).await;
        let again = service.handle(bob(&format!("/rejoindre {second}"))).await.expect("a reply").text;
        assert!(again.contains("suspendu"), "{again}");
        let join = JoinEvent {
            account: account.clone(),
            display_name: "Bob".into(),
            lang: None,
            evidence: JoinEvidence::Unknown,
            request: false,
        };
        assert_eq!(service.member_joined(join).await.expect("handled"), JoinOutcome::Banned);
        let due = store.due_messages(Platform::Telegram, i64::MAX, 50).await.expect("store");
        let removed =
            |body: OutgoingBody| due.iter().filter(|m| m.message.to == account && m.message.body == body).count();
        assert_eq!((removed(OutgoingBody::Remove), removed(OutgoingBody::Ban)), (1, 0), "{due:?}");

        // Once it would have ended, a way back in like anyone's.
        clock.advance(2 * 86_400);
        service.handle(in_group).await;
        let adopted = store.account(service.community().id, &account).await.expect("store");
        assert!(adopted.is_some(), "adopted like anyone who writes during the window");
    }

    #[tokio::test]
    async fn a_banned_member_reads_and_erases_their_data_and_stays_banned() {
        let (service, store) = founded(Settings::default()).await;
        let first = code(&service).await;
        service.handle(bob(&format!("/rejoindre {first}"))).await.expect("a reply");
        let banned = service.handle(alice("/bannir Bob insultes")).await.expect("a reply").text;
        assert!(banned.contains("banni·e"), "{banned}");
        let data = service.handle(bob("/mes-donnees")).await.expect("a reply").text;
        assert!(data.contains("fichier JSON"), "{data}");
        let erased = service.handle(bob("/supprimer-compte confirmer")).await.expect("a reply").text;
        assert!(erased.contains("tes données personnelles sont effacées"), "{erased}");

        // The ban, not delivered yet, still reaches the platform; the account is kept as a
        // digest only.
        let account = AccountRef::new(Platform::Telegram, "43");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 50).await.expect("store");
        assert!(due.iter().any(|m| m.message.to == account && m.message.body == OutgoingBody::Ban), "{due:?}");
        let barred = store.barred_accounts(service.community().id).await.expect("store");
        assert_eq!(barred.len(), 1, "{barred:?}");
        assert!(store.account(service.community().id, &account).await.expect("store").is_none());

        // No way back in: not with a code (which stays usable), not by applying, not by
        // joining a group.
        let second = code(&service).await;
        let again = service.handle(bob(&format!("/rejoindre {second}"))).await.expect("a reply").text;
        assert!(again.contains("banni·e"), "{again}");
        let applied = service.handle(bob("/candidater")).await.expect("a reply").text;
        assert!(applied.contains("banni·e"), "{applied}");
        let join = JoinEvent {
            account: account.clone(),
            display_name: "Bob".into(),
            lang: None,
            evidence: JoinEvidence::Unknown,
            request: false,
        };
        assert_eq!(service.member_joined(join).await.expect("handled"), JoinOutcome::Banned);
        let due = store.due_messages(Platform::Telegram, i64::MAX, 50).await.expect("store");
        let bans = due.iter().filter(|m| m.message.to == account && m.message.body == OutgoingBody::Ban).count();
        assert_eq!(bans, 2, "removed again: {due:?}");
        let carol = Incoming {
            account: AccountRef::new(Platform::Telegram, "44"),
            display_name: "Carol".into(),
            ..bob(&format!("/rejoindre {second}"))
        };
        let welcome = service.handle(carol).await.expect("a reply").text;
        assert!(welcome.contains("Bienvenue"), "someone else may use the code: {welcome}");
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod erasure_tests {
    use super::super::tests::{alice, founded};
    use crate::command::ChatContext;
    use crate::memory::MemoryStore;
    use crate::model::{AccountRef, Platform};
    use crate::ports::store_prelude::*;
    use crate::service::Incoming;
    use crate::settings::Settings;

    /// What Quetzalia writes to the bot privately, on Matrix.
    fn quetzalia(text: &str) -> Incoming {
        Incoming {
            account: AccountRef::new(Platform::Matrix, "@quetzalia:example.org"),
            display_name: "Quetzalia".into(),
            lang: None,
            chat: ChatContext::Private,
            text: text.into(),
            message: None,
        }
    }

    /// Every message due delivered, as the dispatcher marks them.
    async fn deliver_all(store: &MemoryStore) {
        for platform in Platform::ALL {
            for message in store.due_messages(*platform, i64::MAX, 1_000).await.expect("store") {
                store.mark_sent(message.id, 0).await.expect("store");
            }
        }
    }

    /// An erasure leaves nothing of the person in the store: not the account the outbox
    /// wrote to (nor the keys naming it), not their posts' place, not their name in the
    /// notice their conversation partner gets.
    #[tokio::test]
    async fn an_erasure_leaves_nothing_of_the_person_in_the_store() {
        let (service, store) = founded(Settings::default()).await;
        let say = async |incoming: Incoming| -> String { service.handle(incoming).await.expect("an answer").text };
        let invited = say(alice("/inviter pour ma voisine Hippocampe")).await;
        let code = invited.split_whitespace().find(|w| w.len() == 19).expect("a code").to_owned();
        say(alice("/offre Cours d'anglais en visio")).await;
        say(quetzalia(&format!("/rejoindre {code}"))).await;
        say(quetzalia("/lieu Tataouine")).await;
        say(quetzalia("/offre je prête ma ponceuse Kinkajou")).await;
        say(quetzalia("/besoin des cours d'anglais pour mon voyage Ornithorynque")).await;
        let community = service.community().id;
        let founder = store.account(community, &AccountRef::new(Platform::Console, "alice")).await.expect("store");
        let asking = store.matches_asking(founder.expect("alice").member_id).await.expect("store");
        let proposal = asking.first().expect("alice is asked").id;
        say(alice(&format!("/accepter {proposal}"))).await;
        say(quetzalia(&format!("/accepter {proposal}"))).await;
        let sent = say(quetzalia(&format!("/repondre {proposal} Rendez-vous au Capybara samedi"))).await;
        assert!(sent.contains("Transmis à alice"), "{sent}");
        deliver_all(&store).await;
        assert!(!store.dump().to_lowercase().contains("capybara"), "the relayed text, once delivered");

        let done = say(quetzalia("/supprimer-compte confirmer")).await;
        assert!(done.contains("tes données personnelles sont effacées"), "{done}");
        let held = store.dump().to_lowercase();
        for word in ["quetzalia", "tataouine", "hippocampe", "kinkajou", "ornithorynque", "capybara"] {
            if let Some(at) = held.find(word) {
                let around = held.get(at.saturating_sub(160)..(at + 160).min(held.len())).unwrap_or(word);
                panic!("{word} is still held: …{around}…");
            }
        }
        let told = store.due_messages(Platform::Console, i64::MAX, 1_000).await.expect("store");
        let notice = told.iter().find(|m| m.message.key.starts_with("relay-ended:")).expect("alice is told");
        assert!(format!("{:?}", notice.message.body).contains("membre-"), "{notice:?}");
    }
}
