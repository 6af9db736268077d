//! `entraide-console`: the console adapter. Anyone can run a community in a terminal with no
//! account anywhere: you act as one member at a time (`/as alice`), type the same commands as
//! on a platform, and see each member's private messages as they arrive. A scripted mode
//! (commands from a file or a pipe, transcript to stdout) drives the end-to-end tests.
//!
//! Like every adapter it only translates: a typed line becomes an [`Incoming`] message for
//! the core [`Service`], and the core's outbound messages become printed lines.

use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use entraide_core::catalog;
use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, Lang, Outgoing, OutgoingBody, Platform};
use entraide_core::outbox::Dispatcher;
use entraide_core::ports::{Clock, DeliveryError, Messenger, Store};
use entraide_core::service::{Incoming, Service};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

/// Where a console session's messages are printed as they are delivered.
type Printer = Arc<Mutex<Option<Box<dyn std::io::Write + Send>>>>;

/// The console's side of the outbox: it "delivers" by printing a line, or, without a printer
/// (tests), by keeping it for the caller.
#[derive(Default, Clone)]
pub struct ConsoleMessenger {
    delivered: Arc<Mutex<Vec<String>>>,
    /// When set, each message is written and flushed before the outbox counts it as sent:
    /// a process killed right after loses no line it had marked sent.
    printer: Printer,
    /// Lines printed so far.
    printed: Arc<std::sync::atomic::AtomicUsize>,
    /// The cursor stands after a prompt: the next printed line starts on a line of its own.
    after_prompt: Arc<std::sync::atomic::AtomicBool>,
    lang: Option<Lang>,
    /// Where images (the statistics chart) are written.
    files_dir: std::path::PathBuf,
}

impl ConsoleMessenger {
    /// Takes the lines delivered since the last call.
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.delivered.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Prints a delivered line, or keeps it for [`Self::take`].
    fn emit(&self, line: String) -> Result<(), DeliveryError> {
        let mut printer = self.printer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match printer.as_mut() {
            Some(out) => {
                let fresh = self.after_prompt.swap(false, std::sync::atomic::Ordering::Relaxed);
                writeln!(out, "{}{line}", if fresh { "\n" } else { "" })
                    .and_then(|()| out.flush())
                    .map_err(|error| DeliveryError::Transient(error.to_string()))?;
                self.printed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            None => self.delivered.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(line),
        }
        Ok(())
    }
}

#[async_trait]
impl Messenger for ConsoleMessenger {
    fn platform(&self) -> Platform {
        Platform::Console
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
        let line = match &message.body {
            // The text names the commands the buttons would send.
            OutgoingBody::Text { text } | OutgoingBody::Choices { text, .. } => {
                format!("📩 {} : {}", message.to.user_id, indent(text))
            }
            // The console has no groups: no links, join requests or group messages to edit.
            OutgoingBody::CreateInviteLink { .. }
            | OutgoingBody::RevokeInviteLink { .. }
            | OutgoingBody::Admit
            | OutgoingBody::ListMembers
            | OutgoingBody::EditMessage { .. }
            | OutgoingBody::Announce { .. }
            | OutgoingBody::DeleteMessage { .. }
            | OutgoingBody::RemoveCommand { .. } => return Ok(()),
            OutgoingBody::Image { name, caption, bytes } => {
                // One file per message: the outbox key tells two charts of the same day apart.
                let unique: String = message.key.chars().filter(char::is_ascii_alphanumeric).collect();
                let path = self.files_dir.join(format!("{unique}-{name}"));
                std::fs::write(&path, bytes).map_err(|error| DeliveryError::Transient(error.to_string()))?;
                let lang = self.lang.unwrap_or(Lang::Fr);
                let args = [("caption", caption.as_str().into()), ("path", path.display().to_string().into())];
                format!("🖼 {} : {}", message.to.user_id, catalog::text(lang, "console-image-written", &args))
            }
            OutgoingBody::Document { name, caption, content } => {
                format!("📎 {} : {} — {}\n     {}", message.to.user_id, name, caption, indent(content))
            }
            body => {
                let id = match body {
                    OutgoingBody::Restrict { .. } => "console-restrict-applied",
                    OutgoingBody::Unrestrict => "console-restriction-lifted",
                    OutgoingBody::Unban => "console-unban-applied",
                    _ => "console-ban-applied",
                };
                let lang = self.lang.unwrap_or(Lang::Fr);
                let args = [("platform", "console".into()), ("user", message.to.user_id.as_str().into())];
                format!("⛔ {}", catalog::text(lang, id, &args))
            }
        };
        self.emit(line)
    }
}

/// Continuation lines of a multi-line message, indented under their first line.
fn indent(text: &str) -> String {
    text.replace('\n', "\n     ")
}

/// What a typed line did to the session.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Keep reading.
    Continue,
    /// `/quitter`: stop.
    Quit,
}

/// One console session: who is typing, where, and the service behind it.
pub struct Console {
    service: Arc<Service>,
    dispatcher: Dispatcher,
    messenger: ConsoleMessenger,
    acting_as: String,
    chat: ChatContext,
    lang: Lang,
}

impl Console {
    /// A session acting first as `name`, in a private chat with the bot.
    /// Images are written to `files_dir`.
    pub fn new(
        service: Arc<Service>,
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        name: &str,
        lang: Lang,
        files_dir: std::path::PathBuf,
    ) -> Self {
        let messenger = ConsoleMessenger { lang: Some(lang), files_dir, ..ConsoleMessenger::default() };
        let dispatcher = Dispatcher::new(store, clock).with_messenger(Arc::new(messenger.clone()));
        Self {
            service,
            dispatcher,
            messenger,
            acting_as: valid_name(name).unwrap_or("alice").to_owned(),
            chat: ChatContext::Private,
            lang,
        }
    }

    /// Prints each message to `out` as it is delivered, before the outbox marks it sent
    /// (the binary's sessions); without it, [`Self::execute`] returns them.
    pub fn printing_to(self, out: impl std::io::Write + Send + 'static) -> Self {
        *self.messenger.printer.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Box::new(out));
        self
    }

    /// Delivers with these limits, attempts and lease.
    pub fn with_delivery(mut self, settings: entraide_core::outbox::DeliverySettings) -> Self {
        self.dispatcher = self.dispatcher.with_settings(settings);
        self
    }

    /// Who is typing now.
    pub fn acting_as(&self) -> &str {
        &self.acting_as
    }

    /// The greeting printed when an interactive session starts.
    pub fn banner(&self) -> String {
        catalog::text(
            self.lang,
            "console-banner",
            &[("community", self.service.community().name.as_str().into()), ("name", self.acting_as.as_str().into())],
        )
    }

    /// Runs one typed line; returns what to print (the answer, then the messages delivered)
    /// and whether to go on.
    pub async fn execute(&mut self, line: &str) -> (Vec<String>, Step) {
        let (mut out, step) = self.respond(line).await;
        out.extend(self.deliver().await);
        (out, step)
    }

    /// Runs one typed line without delivering: the answer, and whether to go on.
    pub async fn respond(&mut self, line: &str) -> (Vec<String>, Step) {
        let line = line.trim();
        let mut out = Vec::new();
        let word = line.split_whitespace().next().unwrap_or_default().to_lowercase();
        match word.as_str() {
            "" => {}
            "/as" => {
                let name = line.split_whitespace().nth(1).unwrap_or_default();
                match valid_name(name) {
                    Some(name) => {
                        self.acting_as = name.to_owned();
                        out.push(self.say("console-acting-as", Some(name)));
                    }
                    None => out.push(self.say("console-usage-as", None)),
                }
            }
            "/groupe" | "/group" => {
                self.chat = ChatContext::Group { request_channel: false };
                out.push(self.say("console-in-group", None));
            }
            "/prive" | "/privé" | "/private" => {
                self.chat = ChatContext::Private;
                out.push(self.say("console-in-private", None));
            }
            "/quitter" | "/quit" | "/exit" => {
                out.push(self.say("console-goodbye", None));
                return (out, Step::Quit);
            }
            _ => {
                self.upkeep().await;
                let incoming = Incoming {
                    account: AccountRef::new(Platform::Console, self.acting_as.clone()),
                    display_name: self.acting_as.clone(),
                    lang: None,
                    chat: self.chat,
                    text: line.to_owned(),
                    message: None,
                };
                if let Some(reply) = self.service.handle(incoming).await {
                    out.push(format!("↳ {}", indent(&reply.text)));
                }
            }
        }
        (out, Step::Continue)
    }

    /// Runs the community's upkeep, then delivers what is due (scheduled follow-ups
    /// included); returns the lines to print.
    pub async fn deliver(&mut self) -> Vec<String> {
        self.upkeep().await;
        if let Err(error) = self.dispatcher.deliver_due().await {
            tracing::error!(%error, "console delivery failed");
        }
        self.messenger.take()
    }

    /// Says whether the cursor stands after a prompt (interactive sessions), so that a
    /// message printed meanwhile starts on a line of its own.
    pub fn at_prompt(&self, yes: bool) {
        self.messenger.after_prompt.store(yes, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many lines the printer has printed (see [`Self::printing_to`]).
    pub fn printed(&self) -> usize {
        self.messenger.printed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Expires stale requests, so that a command sees the community as it is now.
    async fn upkeep(&self) {
        if let Err(error) = self.service.upkeep().await {
            tracing::error!(%error, "console upkeep failed");
        }
    }

    fn say(&self, id: &str, name: Option<&str>) -> String {
        let args = name.map(|name| vec![("name", name.into())]).unwrap_or_default();
        format!("· {}", catalog::text(self.lang, id, &args))
    }
}

/// A console member name: 1–32 letters, digits, `-` or `_`.
fn valid_name(name: &str) -> Option<&str> {
    let ok = !name.is_empty() && name.len() <= 32 && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    ok.then_some(name)
}

/// Reads lines until end of input or `/quitter`. Scripted mode echoes each command after a
/// `name> ` prompt and ends each command's output with an empty line, so a transcript reads
/// like a chat log and a driving program knows when a command is done. Interactive mode
/// prints a prompt, and scheduled messages as they fall due.
pub async fn run<R, W>(console: &mut Console, input: R, mut output: W, interactive: bool) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    // Split on bytes, not UTF-8 lines: a stray invalid byte must not end the session.
    let mut lines = input.split(b'\n');
    if interactive {
        write_lines(&mut output, &[console.banner()]).await?;
    }
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut show_prompt = true;
    loop {
        let prompt = format!("{}> ", console.acting_as());
        if interactive && show_prompt {
            output.write_all(prompt.as_bytes()).await?;
            output.flush().await?;
            console.at_prompt(true);
        }
        show_prompt = true;
        let line = tokio::select! {
            segment = lines.next_segment() => segment?.map(|bytes| String::from_utf8_lossy(&bytes).trim_end_matches('\r').to_owned()),
            _ = tick.tick(), if interactive => {
                // Scheduled messages fall due while the member is typing: show them, then the prompt again.
                let before = console.printed();
                let due = console.deliver().await;
                if due.is_empty() {
                    // Printed as delivered: the prompt again after them, if any.
                    show_prompt = console.printed() != before;
                } else {
                    write_lines(&mut output, &[String::new()]).await?;
                    write_lines(&mut output, &due).await?;
                }
                continue;
            }
        };
        let Some(line) = line else { break };
        console.at_prompt(false);
        if !interactive {
            write_lines(&mut output, &[format!("{prompt}{line}")]).await?;
        }
        // The answer first, flushed, then the messages, each printed as it is delivered.
        let (printed, step) = console.respond(&line).await;
        write_lines(&mut output, &printed).await?;
        output.flush().await?;
        let delivered = console.deliver().await;
        write_lines(&mut output, &delivered).await?;
        if !interactive {
            write_lines(&mut output, &[String::new()]).await?;
        }
        if step == Step::Quit {
            break;
        }
    }
    output.flush().await
}

async fn write_lines<W: AsyncWrite + Unpin>(output: &mut W, lines: &[String]) -> std::io::Result<()> {
    for line in lines {
        output.write_all(line.as_bytes()).await?;
        output.write_all(b"\n").await?;
    }
    output.flush().await
}
