//! `entraide-console`: the console adapter. Anyone can run a community in a terminal with no
//! account anywhere: you act as one member at a time (`/as alice`), type the same commands as
//! on a platform, and see each member's private messages as they arrive. A scripted mode
//! (commands from a file or a pipe, transcript to stdout) drives the end-to-end tests.
//!
//! Like every adapter it only translates: a typed line becomes an [`Incoming`] message for
//! the core [`Service`], and the core's outbound messages become printed lines.

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

/// The console's side of the outbox: it "delivers" by keeping lines to print.
#[derive(Debug, Default, Clone)]
pub struct ConsoleMessenger {
    delivered: Arc<Mutex<Vec<String>>>,
    lang: Option<Lang>,
    /// Where images (the statistics chart) are written.
    files_dir: std::path::PathBuf,
}

impl ConsoleMessenger {
    /// Takes the lines delivered since the last call.
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.delivered.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
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
            // The console has no groups to make invite links for.
            // The console has no groups: no links, join requests or group messages to edit.
            OutgoingBody::CreateInviteLink { .. }
            | OutgoingBody::RevokeInviteLink { .. }
            | OutgoingBody::Admit
            | OutgoingBody::EditMessage { .. }
            | OutgoingBody::Announce { .. }
            | OutgoingBody::DeleteMessage { .. }
            | OutgoingBody::RemoveCommand { .. } => return Ok(()),
            OutgoingBody::Image { name, caption, png } => {
                // One file per message: the outbox key tells two charts of the same day apart.
                let unique: String = message.key.chars().filter(char::is_ascii_alphanumeric).collect();
                let path = self.files_dir.join(format!("{unique}-{name}"));
                std::fs::write(&path, png).map_err(|error| DeliveryError::Transient(error.to_string()))?;
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
        self.delivered.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(line);
        Ok(())
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
        let messenger = ConsoleMessenger { delivered: Arc::default(), lang: Some(lang), files_dir };
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

    /// Runs one typed line; returns what to print and whether to go on.
    pub async fn execute(&mut self, line: &str) -> (Vec<String>, Step) {
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
        out.extend(self.deliver().await);
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
        }
        show_prompt = true;
        let line = tokio::select! {
            segment = lines.next_segment() => segment?.map(|bytes| String::from_utf8_lossy(&bytes).trim_end_matches('\r').to_owned()),
            _ = tick.tick(), if interactive => {
                // Scheduled messages fall due while the member is typing: show them, then the prompt again.
                let due = console.deliver().await;
                if due.is_empty() {
                    show_prompt = false;
                } else {
                    write_lines(&mut output, &[String::new()]).await?;
                    write_lines(&mut output, &due).await?;
                }
                continue;
            }
        };
        let Some(line) = line else { break };
        if !interactive {
            write_lines(&mut output, &[format!("{prompt}{line}")]).await?;
        }
        let (printed, step) = console.execute(&line).await;
        write_lines(&mut output, &printed).await?;
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
