//! Delivery end to end: platform events handled exactly once (a replay changes nothing, the
//! cursor is saved with the state), and several processes sharing one PostgreSQL database
//! deliver each message once between them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, Outgoing, Platform};
use entraide_core::outbox::Dispatcher;
use entraide_core::ports::{Clock, DeliveryError, Messenger, Store, SystemClock};
use entraide_core::service::{Answering, EventRef, Incoming, Service};

use crate::moderation::community;
use crate::support;
use crate::support::as_;

fn event(id: u64) -> EventRef {
    EventRef {
        platform: Platform::Telegram,
        id: id.to_string(),
        cursor: Some(("telegram:offset".into(), (id + 1).to_string())),
    }
}

fn from_telegram(user: &str, text: &str) -> Incoming {
    Incoming {
        account: AccountRef::new(Platform::Telegram, user),
        display_name: user.to_owned(),
        lang: None,
        chat: ChatContext::Private,
        text: text.to_owned(),
        message: None,
    }
}

async fn requests_of(store: &dyn Store, service: &Service) -> usize {
    let open = store.open_posts(service.community().id, entraide_core::model::PostKind::Request).await.unwrap();
    open.len()
}

async fn events_once(url: &str) {
    let (app, _clock) = community(url, &["bob"]).await;
    let (service, store) = (&app.service, app.store.as_ref());
    let link = as_(service, "bob", "/lier").await;
    let code = crate::support::link_code_in(&link).unwrap();
    assert!(
        service
            .handle_event(event(500), from_telegram("42", &format!("/lier {code}")), Answering::Directly)
            .await
            .is_some()
    );
    assert_eq!(service.cursor("telegram:offset").await.unwrap().as_deref(), Some("501"));

    let first =
        service.handle_event(event(501), from_telegram("42", "/besoin une brouette"), Answering::Directly).await;
    assert!(first.is_some_and(|r| r.text.contains("enregistrée")));
    assert_eq!(requests_of(store, service).await, 1);
    assert_eq!(
        service.handle_event(event(501), from_telegram("42", "/besoin une brouette"), Answering::Directly).await,
        None,
        "a replay"
    );
    assert_eq!(requests_of(store, service).await, 1, "changes nothing");
    // A command that changes nothing is recorded too, with the cursor.
    assert!(service.handle_event(event(502), from_telegram("42", "/aide"), Answering::Directly).await.is_some());
    assert_eq!(service.handle_event(event(502), from_telegram("42", "/aide"), Answering::Directly).await, None);
    assert_eq!(service.cursor("telegram:offset").await.unwrap().as_deref(), Some("503"));
    // A refused command is an event handled all the same.
    assert!(
        service.handle_event(event(503), from_telegram("42", "/accepter 999"), Answering::Directly).await.is_some()
    );
    assert_eq!(service.handle_event(event(503), from_telegram("42", "/accepter 999"), Answering::Directly).await, None);
}

#[tokio::test]
async fn events_are_handled_once_on_sqlite() {
    events_once(&support::sqlite().url).await;
}

#[tokio::test]
async fn events_are_handled_once_on_postgres() {
    events_once(&support::postgres().await.url).await;
}

/// The texts pending for `to` (not yet due included), by key.
async fn pending_for(store: &dyn Store, to: &AccountRef) -> Vec<(String, String)> {
    use entraide_core::model::OutgoingBody;
    let due = store.due_messages(to.platform, i64::MAX, 1_000).await.unwrap();
    due.into_iter()
        .filter(|message| &message.message.to == to)
        .filter_map(|message| match message.message.body {
            OutgoingBody::Text { text } | OutgoingBody::Answer { text, .. } => Some((message.message.key, text)),
            _ => None,
        })
        .collect()
}

/// An answer is never lost between a command's changes and its sending: its place is held
/// with the command's first change, by a notice that goes only if the process dies before
/// the answer replaces it.
async fn answers_survive_a_crash(url: &str) {
    let (app, clock) = community(url, &["bob"]).await;
    let (service, store) = (&app.service, app.store.as_ref());
    let link = as_(service, "bob", "/lier").await;
    let code = crate::support::link_code_in(&link).unwrap();
    let bob = AccountRef::new(Platform::Telegram, "42");
    let linked = service.handle_event(event(600), from_telegram("42", &format!("/lier {code}")), Answering::Privately);
    let linked = linked.await.unwrap();
    service.enqueue_answer(&event(600), &bob, None, linked.clone()).await.unwrap();
    assert_eq!(
        pending_for(store, &bob).await,
        vec![("answer:telegram:600".to_owned(), linked.text)],
        "the answer alone"
    );

    // The process dies once the request is written, before its answer is enqueued.
    let reply = service.handle_event(event(601), from_telegram("42", "/besoin une brouette"), Answering::Privately);
    assert!(reply.await.unwrap().text.contains("enregistrée"));
    assert_eq!(requests_of(store, service).await, 1);
    let now = clock.now();
    let due_now = store.due_messages(Platform::Telegram, now, 1_000).await.unwrap();
    assert!(due_now.iter().all(|message| message.message.key != "answer:telegram:601"), "held for its answer");
    let due_later = store.due_messages(Platform::Telegram, now + 61, 1_000).await.unwrap();
    let notice = due_later.iter().find(|message| message.message.key == "answer:telegram:601").expect("the notice");
    assert!(format!("{:?}", notice.message.body).contains("réponse s'est perdue"), "{:?}", notice.message.body);
    // The replay after a restart changes nothing and answers nothing more.
    let replay = service.handle_event(event(601), from_telegram("42", "/besoin une brouette"), Answering::Privately);
    assert_eq!(replay.await, None);
    assert_eq!(requests_of(store, service).await, 1);

    // A long answer: its first part takes the held place, the others follow, in order.
    let reply = service.handle_event(event(602), from_telegram("42", "/aide"), Answering::Privately).await.unwrap();
    let long =
        entraide_core::service::Reply { text: format!("{}\n{}", reply.text, "ligne\n".repeat(1_000)), post: None };
    service.enqueue_answer(&event(602), &bob, None, long.clone()).await.unwrap();
    let parts: Vec<_> =
        pending_for(store, &bob).await.into_iter().filter(|(key, _)| key.starts_with("answer:telegram:602")).collect();
    assert!(parts.len() > 1, "{parts:?}");
    assert_eq!(parts[0].0, "answer:telegram:602");
    assert!(parts[0].1.starts_with(&reply.text[..20]), "the answer, not the notice: {}", parts[0].1);
    let lines: usize = parts.iter().map(|(_, text)| text.matches("ligne").count()).sum();
    assert_eq!(lines, long.text.matches("ligne").count(), "nothing lost between the parts");

    // An answer the adapter had to give itself (the outbox refused it) is not followed by
    // the notice.
    let reply = service.handle_event(event(604), from_telegram("42", "/offre une perceuse"), Answering::Privately);
    assert!(reply.await.is_some());
    service.answered_directly(&event(604)).await;
    let left = store.due_messages(Platform::Telegram, i64::MAX, 1_000).await.unwrap();
    assert!(left.iter().all(|message| message.message.key != "answer:telegram:604"), "withdrawn");

    // Chatter in a group, answered by nothing, holds nothing.
    let mut chatter = from_telegram("42", "on se voit demain ?");
    chatter.chat = ChatContext::Group { request_channel: false };
    assert_eq!(service.handle_event(event(603), chatter, Answering::InGroup("-100".into())).await, None);
    let group = AccountRef::group(Platform::Telegram, "-100");
    assert!(pending_for(store, &group).await.is_empty());
}

#[tokio::test]
async fn answers_survive_a_crash_on_sqlite() {
    answers_survive_a_crash(&support::sqlite().url).await;
}

#[tokio::test]
async fn answers_survive_a_crash_on_postgres() {
    answers_survive_a_crash(&support::postgres().await.url).await;
}

/// Records deliveries shared by several dispatchers (one per "process").
#[derive(Default)]
struct Shared {
    sent: Mutex<HashMap<String, usize>>,
}

struct Recorder(Arc<Shared>);

#[async_trait]
impl Messenger for Recorder {
    fn platform(&self) -> Platform {
        Platform::Telegram
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
        // A little latency, so that the processes really overlap.
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        *self.0.sent.lock().unwrap().entry(message.key.clone()).or_default() += 1;
        Ok(())
    }
}

/// The same event reaching two processes is handled by one; three dispatchers on three
/// connections pools share the outbox and deliver each message exactly once.
#[tokio::test]
async fn several_processes_share_one_postgres_database() {
    let db = support::postgres().await;
    let (first, _) = community(&db.url, &["bob"]).await;
    let (second, _) = community(&db.url, &[]).await;
    let link = as_(&first.service, "bob", "/lier").await;
    let code = crate::support::link_code_in(&link).unwrap();
    first.service.handle_event(event(1), from_telegram("42", &format!("/lier {code}")), Answering::Directly).await;
    let mut handled = 0;
    for id in 2..22 {
        let text = format!("/besoin une échelle n°{id}");
        let (a, b) = tokio::join!(
            first.service.handle_event(event(id), from_telegram("42", &text), Answering::Directly),
            second.service.handle_event(event(id), from_telegram("42", &text), Answering::Directly),
        );
        handled += usize::from(a.is_some()) + usize::from(b.is_some());
    }
    assert_eq!(handled, 20, "each event answered by exactly one process");
    assert_eq!(requests_of(first.store.as_ref(), &first.service).await, 20);

    // 300 messages to 30 people on Telegram, delivered by three processes at once.
    let mut changes = Vec::new();
    for n in 0..300 {
        changes.push(entraide_core::ports::Change::Enqueue(Outgoing {
            key: format!("shared-{n}"),
            to: AccountRef::new(Platform::Telegram, format!("p{}", n % 30)),
            body: entraide_core::model::OutgoingBody::Text { text: format!("n°{n}") },
            not_before: 0,
        }));
    }
    first.store.apply(changes).await.unwrap();
    let shared = Arc::new(Shared::default());
    let mut tasks = Vec::new();
    for _ in 0..3 {
        let store = entraide_store_sql::open(&db.url).await.unwrap();
        let shared = Arc::clone(&shared);
        tasks.push(tokio::spawn(async move {
            let dispatcher =
                Dispatcher::new(store, Arc::new(SystemClock)).with_messenger(Arc::new(Recorder(Arc::clone(&shared))));
            for _ in 0..500 {
                // (Other messages may go too: the linked account's admission.)
                if shared.sent.lock().unwrap().keys().filter(|key| key.starts_with("shared-")).count() >= 300 {
                    break;
                }
                if dispatcher.deliver_due().await.unwrap() == 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let sent = shared.sent.lock().unwrap();
    let ours: Vec<(&String, &usize)> = sent.iter().filter(|(key, _)| key.starts_with("shared-")).collect();
    assert_eq!(ours.len(), 300, "every message delivered");
    assert!(ours.iter().all(|(_, count)| **count == 1), "none twice");
}
