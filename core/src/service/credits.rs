//! Time credits (échanges solidaires), for a community that counts them: a request closed as
//! done pays each helper in time from the requester's balance, one double-entry transaction
//! per helper, whose cause (the request and the helper) is paid once; balances sum to zero.
//! A moderator corrects a transaction only with a compensating one, logged with its reason.

use super::{Failure, Outcome, Reply, Service};
use crate::catalog;
use crate::command::CommandName;
use crate::model::{AuditAction, Lang, MatchState, Member, MemberId, Post, PostId, PostState, Timestamp, Transfer};
use crate::ports::{Change, IdKind, StoreError};
use crate::rules::{self, Refusal};

impl Service {
    /// A request closed as done: with a fixed unit per service each helper is paid now;
    /// otherwise the requester is asked how long they were helped. Returns what to apply and
    /// a line for the requester.
    pub(super) async fn credits_on_close(
        &self,
        requester: &Member,
        request: &Post,
        helpers: &[MemberId],
        now: Timestamp,
    ) -> Result<(Vec<Change>, Option<String>), StoreError> {
        let settings = self.settings();
        if !settings.time_credits || helpers.is_empty() {
            return Ok((Vec::new(), None));
        }
        if settings.time_unit > 0 {
            let changes = self.payments(requester, request, helpers, settings.time_unit, now).await?;
            let args = [("time", duration(settings.time_unit).into()), ("request", request.id.into())];
            return Ok((changes, Some(catalog::text(requester.lang, "credits-paid-unit", &args))));
        }
        let lang = requester.lang;
        let args = [("cmd", format!("/{}", CommandName::Time.word(lang)).into()), ("request", request.id.into())];
        Ok((Vec::new(), Some(catalog::text(lang, "credits-ask", &args))))
    }

    /// `/temps R H`: the requester of a request closed as done says how long they were
    /// helped; each helper put in touch is credited that much, once.
    pub(super) async fn record_time(&self, member: &Member, id: PostId, minutes: i64) -> Outcome {
        if !self.settings().time_credits {
            return Err(Refusal::CreditsOff.into());
        }
        let request = self.community_post(id).await?;
        if request.author_id != member.id {
            return Err(Refusal::NotYourPost(id).into());
        }
        let helpers: Vec<MemberId> = (self.store.matches_of_request(id).await?.iter())
            .filter(|found| found.state == MatchState::Confirmed)
            .map(|found| found.helper_id)
            .collect();
        if request.state != PostState::Done || helpers.is_empty() {
            return Err(Refusal::TimeNotDue(id).into());
        }
        let now = self.clock.now();
        let changes = self.payments(member, &request, &helpers, minutes, now).await?;
        match self.commit(changes).await {
            Err(StoreError::Conflict(_)) => return Err(Refusal::AlreadyPaid(id).into()),
            other => other?,
        }
        let balance = self.store.balance(member.id).await?;
        let args = [("time", duration(minutes).into()), ("request", id.into()), ("balance", signed(balance).into())];
        Ok(self.reply(member.lang, "credits-paid", &args))
    }

    /// One transaction per helper, and each helper told.
    async fn payments(
        &self,
        requester: &Member,
        request: &Post,
        helpers: &[MemberId],
        minutes: i64,
        now: Timestamp,
    ) -> Result<Vec<Change>, StoreError> {
        let mut changes = Vec::new();
        for helper in helpers {
            let transfer = Transfer {
                id: self.store.allocate_id(IdKind::Transfer).await?,
                community_id: self.community.id,
                cause: format!("request:{}:{helper}", request.id),
                from: requester.id,
                to: *helper,
                minutes,
                request_id: Some(request.id),
                corrects: None,
                reason: None,
                at: now,
            };
            if let Some(helper) = self.store.member(*helper).await? {
                let args = [
                    ("time", duration(minutes).into()),
                    ("name", requester.display_name.as_str().into()),
                    ("request", request.id.into()),
                ];
                let text = catalog::text(helper.lang, "credits-received", &args);
                changes.extend(self.private_message(&helper, format!("credited:{}", transfer.cause), text, now).await?);
            }
            changes.push(Change::Transfer(transfer));
        }
        Ok(changes)
    }

    /// `/solde`: the member's balance and latest exchanges.
    pub(super) async fn time_balance(&self, member: &Member) -> Outcome {
        let lang = member.lang;
        let balance = self.store.balance(member.id).await?;
        let mut lines = vec![catalog::text(lang, "balance-title", &[("balance", signed(balance).into())])];
        let transfers = self.store.transfers_of(member.id, 10).await?;
        if transfers.is_empty() {
            lines.push(catalog::text(lang, "balance-empty", &[]));
        }
        for transfer in transfers {
            let (amount, other) = match transfer.to == member.id {
                true => (transfer.minutes, transfer.from),
                false => (-transfer.minutes, transfer.to),
            };
            let other = self.name_of(Some(other), lang).await?;
            let what = match (transfer.corrects, transfer.request_id) {
                (Some(corrected), _) => catalog::text(
                    lang,
                    "balance-correction",
                    &[("id", corrected.into()), ("reason", transfer.reason.unwrap_or_default().into())],
                ),
                (None, Some(request)) => catalog::text(lang, "balance-request", &[("request", request.into())]),
                (None, None) => String::new(),
            };
            let args = [
                ("id", transfer.id.into()),
                ("date", crate::calendar::format_date(transfer.at).into()),
                ("amount", signed(amount).into()),
                ("name", other.into()),
                ("what", what.into()),
            ];
            lines.push(catalog::text(lang, "balance-line", &args));
        }
        Ok(Reply { text: lines.join("\n"), post: None })
    }

    /// `/corriger T MOTIF`: a moderator compensates a transaction with its reverse, once,
    /// written to the audit log; the ledger keeps both.
    pub(super) async fn correct_credit(&self, moderator: &Member, id: i64, reason: &str) -> Outcome {
        rules::may_moderate(moderator)?;
        let original = self.store.transfer(self.community.id, id).await?.ok_or(Refusal::UnknownTransfer(id))?;
        let now = self.clock.now();
        let correction = Transfer {
            id: self.store.allocate_id(IdKind::Transfer).await?,
            community_id: self.community.id,
            cause: format!("correction:{id}"),
            from: original.to,
            to: original.from,
            minutes: original.minutes,
            request_id: None,
            corrects: Some(id),
            reason: Some(reason.to_owned()),
            at: now,
        };
        let changes = vec![
            self.audit_change(Some(moderator.id), AuditAction::CorrectCredit, Some(original.to), reason, now),
            Change::Transfer(correction.clone()),
        ];
        match self.commit(changes).await {
            Err(StoreError::Conflict(_)) => return Err(Refusal::AlreadyCorrected(id).into()),
            other => other?,
        }
        let lang = moderator.lang;
        let name = self.name_of(Some(original.from), lang).await?;
        let args = [
            ("id", id.into()),
            ("correction", correction.id.into()),
            ("time", duration(original.minutes).into()),
            ("name", name.into()),
        ];
        Ok(self.reply(lang, "credits-corrected", &args))
    }

    /// A line for a member asking while below the community's floor: a reminder to offer.
    pub(super) async fn floor_reminder(&self, member: &Member) -> Result<Option<String>, Failure> {
        let settings = self.settings();
        if !settings.time_credits {
            return Ok(None);
        }
        let balance = self.store.balance(member.id).await?;
        if balance >= settings.time_floor {
            return Ok(None);
        }
        let lang: Lang = member.lang;
        let args =
            [("balance", signed(balance).into()), ("offer", format!("/{}", CommandName::Offer.word(lang)).into())];
        Ok(Some(catalog::text(lang, "credits-floor", &args)))
    }
}

/// A length of time as members read it: `45 min`, `2 h`, `1 h 30`.
pub fn duration(minutes: i64) -> String {
    let (hours, rest) = (minutes.abs() / 60, minutes.abs() % 60);
    let sign = if minutes < 0 { "-" } else { "" };
    match (hours, rest) {
        (0, rest) => format!("{sign}{rest} min"),
        (hours, 0) => format!("{sign}{hours} h"),
        (hours, rest) => format!("{sign}{hours} h {rest:02}"),
    }
}

/// A balance, with its sign: `+2 h`, `-1 h 30`, `0 min`.
fn signed(minutes: i64) -> String {
    match minutes {
        m if m > 0 => format!("+{}", duration(m)),
        m => duration(m),
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::super::tests::{alice, bob, founded, number_after};
    use super::*;
    use crate::memory::MemoryStore;
    use crate::model::Platform;
    use crate::ports::store_prelude::*;
    use crate::service::Incoming;
    use crate::settings::Settings;

    /// Alice's request for a drill, met by Bob: both consented, then it is closed with `how`.
    async fn met(settings: Settings, how: &str) -> (Service, std::sync::Arc<MemoryStore>, i64, String) {
        let (service, store) = founded(settings).await;
        let say = async |incoming: Incoming| -> String { service.handle(incoming).await.expect("an answer").text };
        let code = say(alice("/inviter")).await.split_whitespace().find(|w| w.len() == 19).expect("code").to_owned();
        say(bob(&format!("/rejoindre {code}"))).await;
        say(bob("/lieu Lyon")).await;
        say(bob("/offre je prête ma perceuse")).await;
        say(alice("/lieu Lyon")).await;
        let request = number_after(&say(alice("/besoin une perceuse pour samedi")).await, "n°").expect("a number");
        let due = store.due_messages(Platform::Telegram, i64::MAX, 100).await.expect("store");
        let asked = due.iter().rev().find_map(|m| match &m.message.body {
            crate::model::OutgoingBody::Choices { text, .. } if text.contains("/accepter") => Some(text.clone()),
            _ => None,
        });
        let proposal = number_after(&asked.expect("Bob asked"), "/accepter ").expect("a number");
        say(bob(&format!("/accepter {proposal}"))).await;
        say(alice(&format!("/accepter {proposal}"))).await;
        let closed = say(alice(&format!("{how} {request}"))).await;
        (service, store, request, closed)
    }

    fn counting() -> Settings {
        Settings { time_credits: true, ..Settings::default() }
    }

    #[tokio::test]
    async fn the_requester_says_how_long_and_the_helper_is_credited_once() {
        let (service, store, request, closed) = met(counting(), "/merci").await;
        assert!(closed.contains(&format!("/temps {request} HEURES")), "{closed}");
        let paid = service.handle(alice(&format!("/temps {request} 1,5"))).await.expect("an answer").text;
        assert!(paid.contains("1 h 30") && paid.contains("-1 h 30"), "{paid}");
        let again = service.handle(alice(&format!("/temps {request} 3"))).await.expect("an answer").text;
        assert!(again.contains("déjà enregistré"), "{again}");
        let balance = service.handle(bob("/solde")).await.expect("an answer").text;
        assert!(balance.contains("+1 h 30") && balance.contains(&format!("demande n°{request}")), "{balance}");
        assert!(balance.contains("alice"), "{balance}");
        assert_eq!(store.ledger_sum(service.community().id).await.expect("store"), 0);
        let not_hers = service.handle(bob(&format!("/temps {request} 1"))).await.expect("an answer").text;
        assert!(not_hers.contains("n'est pas la tienne"), "{not_hers}");
    }

    #[tokio::test]
    async fn a_fixed_unit_pays_at_closing_and_a_correction_compensates() {
        let settings = Settings { time_unit: 60, ..counting() };
        let (service, store, _, closed) = met(settings, "/fait").await;
        assert!(closed.contains("1 h"), "{closed}");
        let bob_balance = service.handle(bob("/solde")).await.expect("an answer").text;
        assert!(bob_balance.starts_with("Ton solde de temps : +1 h"), "{bob_balance}");
        let transfer = number_after(&bob_balance, "• n°").expect("a number");
        let refused = service.handle(bob(&format!("/corriger {transfer} erreur"))).await.expect("answer").text;
        assert_eq!(refused, crate::rules::Refusal::NotModerator.render(crate::model::Lang::Fr));
        let corrected =
            service.handle(alice(&format!("/corriger {transfer} service non rendu"))).await.expect("answer").text;
        assert!(corrected.contains(&format!("Échange n°{transfer} compensé")), "{corrected}");
        let twice = service.handle(alice(&format!("/corriger {transfer} encore"))).await.expect("answer").text;
        assert!(twice.contains("déjà corrigé"), "{twice}");
        let bob_balance = service.handle(bob("/solde")).await.expect("an answer").text;
        assert!(bob_balance.starts_with("Ton solde de temps : 0 min"), "{bob_balance}");
        assert!(bob_balance.contains("service non rendu"), "both stay in the ledger: {bob_balance}");
        assert_eq!(store.ledger_sum(service.community().id).await.expect("store"), 0);
        let audit = service.handle(alice("/journal")).await.expect("an answer").text;
        assert!(audit.contains("service non rendu"), "{audit}");
    }

    #[tokio::test]
    async fn below_the_floor_a_member_may_still_ask_and_is_reminded_to_offer() {
        let settings = Settings { time_unit: 120, time_floor: -60, ..counting() };
        let (service, _, _, _) = met(settings, "/fait").await;
        let asked = service.handle(alice("/besoin une échelle pour dimanche")).await.expect("an answer").text;
        assert!(asked.contains("enregistrée") && asked.contains("-2 h") && asked.contains("/offre"), "{asked}");
        let (service, _, request, closed) = met(Settings::default(), "/merci").await;
        assert!(!closed.contains("/temps"), "off by default: {closed}");
        let off = service.handle(alice(&format!("/temps {request} 1"))).await.expect("an answer").text;
        assert!(off.contains("ne compte pas le temps"), "{off}");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(
            (duration(45), duration(120), duration(90), duration(-90)),
            ("45 min".into(), "2 h".into(), "1 h 30".into(), "-1 h 30".into())
        );
        assert_eq!((signed(60), signed(0)), ("+1 h".into(), "0 min".into()));
    }
}
