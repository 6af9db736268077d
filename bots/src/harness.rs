//! The crash harness's worker (`entraide harness`, hidden): plays a scripted load of
//! commands as platform events, through the real core and store, while a dispatcher
//! delivers the outbox to a recording messenger that appends each delivered key to a file.
//! The crash test kills it with SIGKILL at random moments and starts it again; at the end
//! the file and the database say whether anything was lost or sent twice.
//!
//! Every event carries the cursor of the next one, written with the state it changes, so a
//! restarted worker resumes where the last one stopped; several workers may run at once on
//! one PostgreSQL database. The graceful-stop test sends it SIGTERM instead: then nothing
//! at all may be sent twice.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use entraide_core::command::ChatContext;
use entraide_core::model::{Account, AccountRef, Lang, Member, Outgoing, Platform};
use entraide_core::outbox::{DeliverySettings, Dispatcher, Limits, Rate};
use entraide_core::ports::{Change, DeliveryError, IdKind, Messenger, StoreError};
use entraide_core::service::{Answering, EventRef, Incoming};
use tokio::sync::watch;

use crate::App;

/// Members the load is spread over.
pub const MEMBERS: usize = 25;
/// The cursor the worker resumes from.
pub const CURSOR: &str = "harness:next";

/// The number a reply gives the post it made ("demande n°42"), for loads that go on with it.
pub fn post_number(reply: &str) -> Option<i64> {
    let digits: String = reply.split("n°").nth(1)?.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The command the load plays as event `index`: mostly private answers to commands typed in
/// a group (one outbox message each), and now and then an offer or a request to match.
pub fn command(index: u64) -> String {
    match index % 10 {
        0 => format!("/offre je prête une perceuse et une scie, lot {index}"),
        5 => format!("/besoin une perceuse pour le lot {index}"),
        _ => "/mes".to_owned(),
    }
}

/// Appends each delivered message's key to a file, one line each, written before the
/// dispatcher marks it sent (as a platform would have received it).
struct FileRecorder {
    file: Mutex<std::fs::File>,
}

#[async_trait]
impl Messenger for FileRecorder {
    fn platform(&self) -> Platform {
        Platform::Telegram
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
        let mut file = self.file.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // One write for the whole line: `writeln!` may write the key and its newline apart,
        // and a kill between the two would glue this line to the next process's first.
        let line = format!("{}\n", message.key);
        file.write_all(line.as_bytes()).map_err(|error| DeliveryError::Transient(error.to_string()))
    }
}

/// The load's members, created once (a second worker finds them there).
async fn ensure_members(app: &App) -> anyhow::Result<()> {
    let store = &app.store;
    let community = app.service.community().id;
    for k in 0..MEMBERS {
        let account = AccountRef::new(Platform::Telegram, format!("h{k}"));
        if store.account(community, &account).await?.is_some() {
            continue;
        }
        let id = store.allocate_id(IdKind::Member).await?;
        let now = app.clock.now();
        let member = Member {
            place: Some("Lyon".into()),
            ..Member::newcomer(id, community, format!("h{k}"), Lang::Fr, None, now)
        };
        let link =
            Account { account, member_id: id, community_id: community, display_name: format!("h{k}"), linked_at: now };
        match store.apply(vec![Change::InsertMember(member), Change::LinkAccount(link)]).await {
            Ok(()) | Err(StoreError::Conflict(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

/// Plays events from the saved cursor to `commands`, then waits until the outbox is empty,
/// or until `stopped` turns true (then it stops as `entraide run` does: the event and the
/// send in hand are finished, the rest given back).
pub async fn run(app: App, commands: u64, sent: &Path, stopped: watch::Receiver<bool>) -> anyhow::Result<()> {
    ensure_members(&app).await?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(sent)
        .with_context(|| format!("cannot open {}", sent.display()))?;
    let unlimited = Limits { global: Rate::UNLIMITED, per_chat: Rate::UNLIMITED, per_recipient: Rate::UNLIMITED };
    let settings = DeliverySettings {
        limits: [(Platform::Telegram, unlimited)].into_iter().collect(),
        lease: 3,
        ..DeliverySettings::default()
    };
    let dispatcher = Dispatcher::new(Arc::clone(&app.store), Arc::clone(&app.clock))
        .with_messenger(Arc::new(FileRecorder { file: Mutex::new(file) }))
        .with_settings(settings);
    let (stop, dispatcher_stopped) = watch::channel(false);
    let delivery = tokio::spawn(dispatcher.run(
        app.service.outbox_ready(),
        Duration::from_millis(200),
        crate::shutdown::until(dispatcher_stopped),
    ));
    let start: u64 = app.service.cursor(CURSOR).await?.and_then(|value| value.parse().ok()).unwrap_or(0);
    for index in start..commands {
        if *stopped.borrow() {
            break;
        }
        let event = EventRef {
            platform: Platform::Telegram,
            id: format!("h{index}"),
            cursor: Some((CURSOR.to_owned(), (index + 1).to_string())),
        };
        let incoming = Incoming {
            account: AccountRef::new(Platform::Telegram, format!("h{}", index as usize % MEMBERS)),
            display_name: String::new(),
            lang: None,
            chat: ChatContext::Group { request_channel: false },
            text: command(index),
            message: None,
        };
        app.service.handle_event(event, incoming, Answering::Directly).await;
    }
    // Done when nothing is left to deliver on the platform.
    while !*stopped.borrow() && !app.store.due_messages(Platform::Telegram, i64::MAX, 1).await?.is_empty() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(true);
    delivery.await.context("the dispatcher stopped")?;
    app.store.close().await;
    Ok(())
}

/// Where a worker's sent log goes by default.
pub fn default_log() -> PathBuf {
    PathBuf::from("harness-sent.log")
}
