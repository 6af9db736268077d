//! The answer to a platform event, never lost between the command's changes and its answer:
//! the answer's place in its recipient's queue is taken in the same transaction as the
//! event's first changes, by a notice saying the answer was lost; the answer replaces it a
//! moment later. Only a process that dies in between leaves the notice, which then goes
//! after a grace period: a member learns their command was received instead of nothing.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Where the answer to a platform event goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answering {
    /// The adapter answers at once itself (a Discord interaction's first answer).
    Directly,
    /// Through the outbox, privately to the member's account.
    Privately,
    /// Through the outbox, in the group where they wrote (its chat id).
    InGroup(String),
}

/// The answer held for the event being handled.
#[derive(Debug, Clone)]
pub(super) struct Held {
    to: AccountRef,
    /// Whose answer it is, named in a group.
    name: Option<String>,
    lang: Lang,
}

impl Held {
    /// An answer held for `account`, privately.
    pub(super) fn privately(account: &AccountRef, lang: Lang) -> Self {
        Self { to: account.clone(), name: None, lang }
    }
}

/// Seconds the held notice waits for its answer: far more than any command takes.
const GRACE: i64 = 60;

/// The outbox key of an event's answer: one answer per event, whoever writes it.
fn key(event: &EventRef) -> String {
    format!("answer:{}:{}", event.platform, event.id)
}

impl Service {
    /// Handles a message that came as a platform event, exactly once (see [`Self::exactly_once`]): a
    /// replay answers nothing and changes nothing. Answered through the outbox
    /// ([`Answering::Privately`], [`Answering::InGroup`]), the answer is held from the
    /// command's first change on and the adapter gives it with [`Self::enqueue_answer`].
    pub async fn handle_event(&self, event: EventRef, incoming: Incoming, answering: Answering) -> Option<Reply> {
        let lang = incoming.lang.unwrap_or(self.settings().default_lang);
        let held = match answering {
            Answering::Directly => None,
            Answering::Privately => Some(Held::privately(&incoming.account, lang)),
            Answering::InGroup(chat) => Some(Held {
                to: AccountRef::group(incoming.account.platform, &chat),
                name: Some(super::clean_text(incoming.display_name.clone())),
                lang,
            }),
        };
        let work = async {
            let reply = self.handle(incoming).await;
            if reply.is_none() {
                self.answer_nothing().await;
            }
            reply
        };
        match self.exactly_once_answering(event, held, work).await {
            Ok(Handled::Done(reply)) => reply,
            Ok(Handled::Replay) => None,
            Ok(Handled::Panicked) => {
                Some(self.failure_reply(self.settings().default_lang, Failure::Refused(Refusal::Internal)))
            }
            Err(error) => {
                crate::metrics::error("event");
                tracing::error!(%error, "could not record an inbound event");
                Some(self.failure_reply(self.settings().default_lang, Failure::Store(error)))
            }
        }
    }

    /// Enqueues the answer to a platform event where the member wrote: privately to their
    /// account, or in the group `group` (the chat's id), in the place held for it. Through
    /// the outbox it waits out the platform's limits, survives a refusal or a restart, and
    /// comes after what was already held for that person; keyed by the event, it is never
    /// sent twice.
    pub async fn enqueue_answer(
        &self,
        event: &EventRef,
        account: &AccountRef,
        group: Option<&str>,
        reply: Reply,
    ) -> Result<(), StoreError> {
        let (to, body) = match group {
            Some(chat) => {
                (AccountRef::group(account.platform, chat), OutgoingBody::Answer { text: reply.text, post: reply.post })
            }
            None => (account.clone(), OutgoingBody::Text { text: reply.text }),
        };
        self.commit(vec![Change::Answer(Outgoing { key: key(event), to, body, not_before: self.clock.now() })]).await
    }

    /// The adapter gave the answer itself (the outbox could not take it): the notice held in
    /// its place is withdrawn if the store lets it be, so that it does not follow the answer.
    pub async fn answered_directly(&self, event: &EventRef) {
        if let Err(error) = self.store.apply(vec![Change::CancelMessage(key(event))]).await {
            tracing::warn!(%error, "could not withdraw the notice held for an answer given directly");
        }
    }

    /// The held answer written with an event's first changes: a notice that the answer was
    /// lost, in its recipient's queue from now, sent only if the answer never comes.
    pub(super) fn hold_answer(&self, event: &EventRef, held: &Held) -> Change {
        let now = self.clock.now();
        let text = match &held.name {
            Some(name) => catalog::text(held.lang, "answer-lost-in-group", &[("name", name.as_str().into())]),
            None => catalog::text(held.lang, "answer-lost", &[]),
        };
        let body = match held.name {
            Some(_) => OutgoingBody::Answer { text, post: None },
            None => OutgoingBody::Text { text },
        };
        let message = Outgoing { key: key(event), to: held.to.clone(), body, not_before: now };
        Change::HoldAnswer { message, until: now + GRACE }
    }

    /// The writer's language, once known, for the held notice.
    pub(super) fn answer_in(lang: Lang) {
        let _ = INBOUND.try_with(|inbound| {
            if let Some(held) = &mut inbound.lock().unwrap_or_else(std::sync::PoisonError::into_inner).answer {
                held.lang = lang;
            }
        });
    }

    /// There is nothing to answer (group chatter, a report kept out of sight): no place is
    /// held any more, and one already written is withdrawn.
    pub(super) async fn answer_nothing(&self) {
        let written = INBOUND.try_with(|inbound| {
            let mut inbound = inbound.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let held = inbound.answer.take().is_some();
            held && inbound.recorded
        });
        let Ok(true) = written else { return };
        let key = INBOUND.with(|inbound| key(&inbound.lock().unwrap_or_else(std::sync::PoisonError::into_inner).event));
        if let Err(error) = self.store.apply(vec![Change::CancelMessage(key)]).await {
            tracing::warn!(%error, "could not withdraw the notice held for an answer");
        }
    }
}
