//! `entraide-telegram`: the community on Telegram, through the Bot API (teloxide). Like
//! every adapter it only translates: updates become core commands and joins
//! ([`translate`]), the outbox's messages and actions become Bot API calls ([`messenger`]).
//!
//! Updates are read by long polling; each is handled exactly once through
//! `Service::handle_event` / `Service::join_event`, which write the update's id and the next
//! offset with the state it changes, so a restart resumes where it stopped.

pub mod menu;
pub mod messenger;
pub mod translate;

use std::sync::Arc;
use std::time::Duration;

use entraide_core::command::ChatContext;
use entraide_core::connection::Connection;
use entraide_core::diagnosis::{Finding, Severity};
use entraide_core::lease::{LeaseWatch, lost, taken};
use entraide_core::model::{AccountRef, Lang};
use entraide_core::service::{Answering, EventRef, Photo, Reply, Service};
use teloxide::payloads::{GetUpdatesSetters, SetMyCommandsSetters};
use teloxide::prelude::Requester;
use teloxide::types::{AllowedUpdate, CallbackQueryId, ChatId, ChatMemberKind, FileId, MessageId, Update, UserId};
use teloxide::{Bot, RequestError};

pub use messenger::TelegramMessenger;
use translate::Inbound;

/// Where the adapter resumes reading updates.
pub const OFFSET: &str = "telegram:offset";

/// The updates the bot asks for: `chat_member` and join requests are only sent when asked.
const ALLOWED: [AllowedUpdate; 5] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::ChatMember,
    AllowedUpdate::MyChatMember,
    AllowedUpdate::ChatJoinRequest,
];

/// How long to wait before asking Telegram again: as long as a 429 says, else `pause`.
fn wait_after(error: &RequestError, pause: Duration) -> Duration {
    match error {
        RequestError::RetryAfter(seconds) => Duration::from_secs(u64::from(seconds.seconds())),
        _ => pause,
    }
}

/// The secret Telegram sends with each webhook post: derived from the token (which it does
/// not reveal), so that every process sharing the bot checks the same one.
fn webhook_secret(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(format!("entraide-telegram-webhook\0{token}").as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// What the adapter needs besides the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TelegramSettings {
    /// The Bot API server (Telegram's, or one the operator runs; the tests' fake).
    pub api_url: Option<String>,
    /// The community's groups (supergroup ids): sanctions apply in each, invite links are
    /// made for the first.
    pub groups: Vec<i64>,
    /// How long one `getUpdates` waits for news, in seconds.
    pub poll_timeout: u32,
    /// Webhook mode instead of long polling: where to listen, and the public URL Telegram
    /// posts updates to (forwarded to that address).
    pub webhook: Option<(std::net::SocketAddr, String)>,
}

impl Default for TelegramSettings {
    fn default() -> Self {
        Self { api_url: None, groups: Vec::new(), poll_timeout: 30, webhook: None }
    }
}

/// Why the adapter could not start.
#[derive(Debug, thiserror::Error)]
pub enum TelegramError {
    /// The configured Bot API URL does not parse.
    #[error("the Telegram Bot API URL is not a URL: {0}")]
    BadUrl(String),
    /// The webhook could not be set up (Telegram refused it, or the address is taken).
    #[error("the Telegram webhook could not be set up: {0}")]
    Webhook(String),
    /// The HTTP client could not be made (no TLS backend).
    #[error("the HTTP client for Telegram could not be made: {0}")]
    Client(String),
}

/// The Telegram side of a community.
#[derive(Clone)]
pub struct Telegram {
    bot: Bot,
    service: Arc<Service>,
    settings: TelegramSettings,
    /// The bot's username (from `getMe`), for links to its private chat.
    username: Arc<std::sync::OnceLock<String>>,
    /// Up while Telegram answers the bot.
    connection: Connection,
    /// The groups where each person's join request waits, as seen since the start.
    requests: JoinRequests,
    /// The lease on polling when several processes share the database: this one polls only
    /// while it holds it (`None`: it is the only process, it always polls).
    lease: Option<LeaseWatch>,
}

/// Per user id, the groups where their join request waits: approving it elsewhere is a
/// refused call. Shared by the adapter, which sees requests, and the messenger.
pub type JoinRequests = Arc<dashmap::DashMap<u64, Vec<i64>>>;

impl Telegram {
    /// An adapter for the bot with this token (never logged).
    pub fn new(token: &str, settings: TelegramSettings, service: Arc<Service>) -> Result<Self, TelegramError> {
        // A long poll waits up to `poll_timeout` for news: the HTTP client must wait longer,
        // or each poll is cut short (teloxide's default client gives up at 17 s).
        let client = teloxide::net::default_reqwest_settings()
            .timeout(Duration::from_secs(u64::from(settings.poll_timeout) + 15))
            .build()
            .map_err(|error| TelegramError::Client(error.to_string()))?;
        let mut bot = Bot::with_client(token, client);
        if let Some(url) = &settings.api_url {
            let url = url::Url::parse(url).map_err(|_| TelegramError::BadUrl(url.clone()))?;
            bot = bot.set_api_url(url);
        }
        Ok(Self {
            bot,
            service,
            settings,
            username: Arc::default(),
            connection: Connection::default(),
            requests: JoinRequests::default(),
            lease: None,
        })
    }

    /// Polls (or sets the webhook) only while `lease` says this process holds the Telegram
    /// connection (see `entraide_core::lease::LeaseHolder`): several processes on one
    /// database never poll at once, and the one that takes over resumes from the offset
    /// saved with the last update.
    #[must_use]
    pub fn with_lease(mut self, lease: LeaseWatch) -> Self {
        self.lease = Some(lease);
        self
    }

    /// Whether Telegram answered the last poll (or the webhook is set up).
    pub fn connection(&self) -> Connection {
        self.connection.clone()
    }

    /// Keeps the bot's username, once Telegram has told it (`getMe` at start), in `slot`: for
    /// links to the bot's private chat elsewhere, such as the public invitation page.
    pub fn sharing_username(mut self, slot: Arc<std::sync::OnceLock<String>>) -> Self {
        self.username = slot;
        self
    }

    /// The messenger the dispatcher delivers Telegram's share of the outbox through.
    pub fn messenger(&self) -> TelegramMessenger {
        TelegramMessenger::new(self.bot.clone(), self.settings.groups.clone(), Arc::clone(&self.service))
            .with_requests(Arc::clone(&self.requests))
    }

    /// Receives updates until `shutdown` completes: by long polling, or through a webhook
    /// when one is configured.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        tokio::select! {
            () = &mut shutdown => return,
            () = self.start() => {}
        }
        match &self.settings.webhook {
            Some((address, url)) => {
                if let Err(error) = self.serve_webhook(*address, url, shutdown).await {
                    tracing::error!(%error, "Telegram webhook");
                }
            }
            None => self.poll(shutdown).await,
        }
    }

    /// Webhook mode: Telegram posts each update to `url`, forwarded to `address`. Every
    /// process sharing the database listens (an update is handled once whichever receives
    /// it, and Telegram retries one until it is answered); only the lease's holder tells
    /// Telegram where to post, each time it takes the connection. Nobody deletes the webhook
    /// on stopping: another process may still be receiving.
    async fn serve_webhook(
        &self,
        address: std::net::SocketAddr,
        url: &str,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> Result<(), TelegramError> {
        use futures::StreamExt;
        use teloxide::update_listeners::{AsUpdateStream, UpdateListener, webhooks};
        tokio::pin!(shutdown);
        let url = url::Url::parse(url).map_err(|_| TelegramError::BadUrl(url.to_owned()))?;
        let secret = webhook_secret(self.bot.token());
        let options = webhooks::Options::new(address, url.clone()).secret_token(secret.clone());
        let (mut listener, stop_flag, router) = webhooks::axum_no_setup(options);
        let socket = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|error| TelegramError::Webhook(format!("cannot listen on {address}: {error}")))?;
        let server = tokio::spawn(async move {
            if let Err(error) = axum::serve(socket, router).with_graceful_shutdown(stop_flag).await {
                tracing::error!(%error, "the Telegram webhook listener stopped");
            }
        });
        let stop = listener.stop_token();
        self.connection.set(true);
        let registering = self.register_webhook(url, secret);
        tokio::pin!(registering);
        let updates = listener.as_stream();
        tokio::pin!(updates);
        let ended = loop {
            tokio::select! {
                () = &mut shutdown => break Ok(()),
                () = &mut registering => {}
                update = updates.next() => match update {
                    Some(Ok(update)) => self.handle(update).await,
                    Some(Err(never)) => match never {},
                    None => break Ok(()),
                },
            }
        };
        stop.stop();
        let _ = server.await;
        ended
    }

    /// Tells Telegram where to post updates, and which, each time this process takes the
    /// connection (at once when it is the only process); never completes.
    async fn register_webhook(&self, url: url::Url, secret: String) {
        use teloxide::payloads::SetWebhookSetters;
        let mut lease = self.lease.clone();
        loop {
            taken(&mut lease).await;
            let request = self.bot.set_webhook(url.clone()).secret_token(secret.clone()).allowed_updates(ALLOWED);
            match request.await {
                Ok(_) => {
                    tracing::info!("the Telegram webhook is set");
                    // Set again only when this process takes the connection anew.
                    lost(&mut lease).await;
                }
                Err(error) => {
                    tracing::warn!(%error, "setWebhook failed; trying again");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            }
        }
    }

    /// What the bot does once at start: learn its name, check its rights, set its menus.
    /// It asks for its name until Telegram answers: links to the bot's private chat (hints,
    /// the public invitation page) need it, and nothing can be polled before Telegram answers.
    async fn start(&self) {
        let mut pause = Duration::from_secs(1);
        let me = loop {
            match self.bot.get_me().await {
                Ok(me) => break me,
                // Asking again cannot help: `entraide doctor` says so, and polling logs it.
                Err(RequestError::Api(teloxide::ApiError::InvalidToken)) => {
                    tracing::error!("Telegram refuses the bot's token");
                    return;
                }
                Err(error) => {
                    let wait = wait_after(&error, pause);
                    tracing::warn!(%error, "getMe failed; asking again");
                    tokio::time::sleep(wait).await;
                    pause = (pause * 2).min(Duration::from_secs(60));
                }
            }
        };
        // Telegram answers: ready, without waiting for a first long poll to return.
        self.connection.set(true);
        let _ = self.username.set(me.username().to_owned());
        self.check_rights(me.id).await;
        self.register_menus().await;
    }

    /// Long polling: reads updates from the saved offset. A Telegram error never stops it:
    /// it waits (as long as Telegram says after a 429) and asks again.
    async fn poll(&self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        let mut offset: i32 = match self.service.cursor(OFFSET).await {
            Ok(saved) => saved.and_then(|value| value.parse().ok()).unwrap_or(0),
            Err(error) => {
                tracing::error!(%error, "could not read the saved Telegram offset");
                0
            }
        };
        let mut lease = self.lease.clone();
        loop {
            // Standing by while another process holds the connection; taking it over, from
            // the offset that process saved.
            if let Some(held) = lease.as_mut()
                && held.now().is_none()
            {
                self.connection.set(false);
                tokio::select! {
                    () = &mut shutdown => return,
                    () = held.changed() => {}
                }
                if held.now().is_some() {
                    match self.service.cursor(OFFSET).await {
                        Ok(saved) => offset = saved.and_then(|value| value.parse().ok()).unwrap_or(offset),
                        Err(error) => tracing::error!(%error, "could not read the saved Telegram offset"),
                    }
                }
                continue;
            }
            // After a failure, a quick poll first: readiness comes back as soon as Telegram
            // answers, not when a long poll with nothing new ends.
            let timeout = if self.connection.is_up() { self.settings.poll_timeout } else { 0 };
            let request = self.bot.get_updates().offset(offset).timeout(timeout).allowed_updates(ALLOWED);
            let updates = tokio::select! {
                // The lease first: a process woken from a freeze handles nothing it polled
                // before, however ready the answer is.
                biased;
                () = &mut shutdown => return,
                // The lease lost mid-poll: the poll is dropped at once, before another
                // process may take over.
                () = lost(&mut lease) => continue,
                updates = request => updates,
            };
            self.connection.set(updates.is_ok());
            match updates {
                Ok(updates) => {
                    for update in updates {
                        // Lost meanwhile: the rest is the new holder's, from the saved offset.
                        if lease.as_mut().is_some_and(|held| held.now().is_none()) {
                            break;
                        }
                        offset = offset.max(i32::try_from(update.id.0).unwrap_or(i32::MAX).saturating_add(1));
                        self.handle(update).await;
                    }
                }
                Err(error) => {
                    let wait = wait_after(&error, Duration::from_secs(2));
                    tracing::warn!(%error, "getUpdates failed; trying again");
                    tokio::select! {
                        () = &mut shutdown => return,
                        () = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    }

    /// What `entraide doctor` reports: whether Telegram accepts the token, and the bot's
    /// rights in each group (banning and restricting, inviting, posting; deleting and pinning
    /// for announcements).
    pub async fn diagnose(&self) -> Vec<Finding> {
        use teloxide::ApiError;
        let me = match self.bot.get_me().await {
            Ok(me) => me,
            Err(RequestError::Api(ApiError::InvalidToken)) => {
                return vec![Finding::new(Severity::Blocking, "doctor-telegram-token")];
            }
            // The error text is not shown: a network error may carry the URL, and so the token.
            Err(_) => return vec![Finding::new(Severity::Blocking, "doctor-telegram-unreachable")],
        };
        let mut found = vec![Finding::new(Severity::Fine, "doctor-telegram-ok").with("name", me.username())];
        if self.settings.groups.is_empty() {
            found.push(Finding::new(Severity::Warning, "doctor-telegram-no-group"));
        }
        for group in &self.settings.groups {
            let member = match self.bot.get_chat_member(ChatId(*group), me.id).await {
                Ok(member) => member,
                Err(RequestError::Api(error)) => {
                    found.push(
                        Finding::new(Severity::Blocking, "doctor-telegram-group-unknown")
                            .with("group", group)
                            .with("error", error),
                    );
                    continue;
                }
                Err(_) => {
                    found.push(Finding::new(Severity::Blocking, "doctor-telegram-unreachable"));
                    continue;
                }
            };
            let lacking = |right: &'static str, severity| Finding::new(severity, right).with("group", group);
            match &member.kind {
                ChatMemberKind::Owner(_) => found.push(lacking("doctor-telegram-group-ok", Severity::Fine)),
                ChatMemberKind::Administrator(admin) => {
                    let rights = [
                        (admin.can_restrict_members, "doctor-telegram-right-restrict", Severity::Blocking),
                        (admin.can_invite_users, "doctor-telegram-right-invite", Severity::Blocking),
                        (admin.can_delete_messages, "doctor-telegram-right-delete", Severity::Warning),
                        (admin.can_pin_messages, "doctor-telegram-right-pin", Severity::Warning),
                    ];
                    let missing: Vec<Finding> = rights
                        .into_iter()
                        .filter(|(has, ..)| !has)
                        .map(|(_, key, severity)| lacking(key, severity))
                        .collect();
                    if missing.is_empty() {
                        found.push(lacking("doctor-telegram-group-ok", Severity::Fine));
                    }
                    found.extend(missing);
                }
                ChatMemberKind::Member(_) | ChatMemberKind::Restricted(_) => {
                    if let ChatMemberKind::Restricted(restricted) = &member.kind
                        && !restricted.can_send_messages
                    {
                        found.push(lacking("doctor-telegram-right-post", Severity::Blocking));
                    }
                    found.push(lacking("doctor-telegram-not-admin", Severity::Blocking));
                }
                ChatMemberKind::Left | ChatMemberKind::Banned(_) => {
                    found.push(lacking("doctor-telegram-not-in-group", Severity::Blocking));
                }
            }
        }
        found
    }

    /// Says (in the logs) where the bot lacks the rights it needs: banning and restricting
    /// for sanctions, inviting for invitation links.
    async fn check_rights(&self, me: UserId) {
        for group in &self.settings.groups {
            match self.bot.get_chat_member(ChatId(*group), me).await {
                Ok(member) => {
                    let kind = &member.kind;
                    let invite = match kind {
                        ChatMemberKind::Owner(_) => true,
                        ChatMemberKind::Administrator(admin) => admin.can_invite_users,
                        _ => false,
                    };
                    if !kind.can_restrict_members() || !invite {
                        tracing::warn!(
                            group,
                            restrict = kind.can_restrict_members(),
                            invite,
                            "the bot lacks rights in a group: make it an administrator allowed to ban, restrict and invite"
                        );
                    }
                }
                Err(error) => tracing::warn!(group, %error, "could not check the bot's rights in a group"),
            }
        }
    }

    /// Registers the command menus for each scope: in French and in English for apps in
    /// those languages, and in the community's language for every other app (German, or a
    /// language Telegram does not say), which would otherwise show no menu. A failure is
    /// logged: the bot works without a menu.
    async fn register_menus(&self) {
        let default = self.service.settings().default_lang;
        for scope in menu::Scope::ALL {
            for lang in [Some(Lang::Fr), Some(Lang::En), None] {
                let request =
                    self.bot.set_my_commands(menu::commands(scope, lang.unwrap_or(default))).scope(scope.telegram());
                let sent = match lang {
                    Some(lang) => request.language_code(lang.as_str()).await,
                    None => request.await,
                };
                if let Err(error) = sent {
                    tracing::warn!(%error, "could not register the command menu");
                }
            }
        }
    }

    /// Answers where the member wrote (privately, or in `group`), through the outbox. Only
    /// when the database cannot take it is the answer (then saying so) sent at once.
    async fn answer(&self, event: &EventRef, account: &AccountRef, group: Option<&str>, reply: Reply) {
        let text = reply.text.clone();
        let Err(error) = self.service.enqueue_answer(event, account, group, reply).await else { return };
        tracing::warn!(%error, "could not enqueue an answer; sending it at once");
        self.service.answered_directly(event).await;
        let chat = group.map_or_else(|| account.user_id.parse(), str::parse).map(ChatId);
        let Ok(chat) = chat else { return };
        let limit = entraide_core::parts::limit(entraide_core::model::Platform::Telegram);
        let parts = match limit {
            Some(limit) => entraide_core::parts::split(&text, limit.text, limit.unit),
            None => vec![text],
        };
        for part in parts {
            if let Err(error) = self.bot.send_message(chat, part).await {
                tracing::warn!(%error, "could not answer in the chat");
            }
        }
    }

    /// A file's bytes, from Telegram's file storage (errors name no file: paths carry the token).
    async fn download(&self, file: &str) -> Result<Vec<u8>, String> {
        use teloxide::net::Download;
        let file = self.bot.get_file(FileId(file.to_owned())).await.map_err(|_| "getFile failed".to_owned())?;
        let mut bytes = Vec::new();
        self.bot.download_file(&file.path, &mut bytes).await.map_err(|_| "the download failed".to_owned())?;
        Ok(bytes)
    }

    /// Handles one update: a command or post is answered where it was written; a join is
    /// attributed to its invitation (or held for moderators).
    pub async fn handle(&self, update: Update) {
        tracing::trace!(update = update.id.0, "a Telegram update");
        if self.username.get().is_some_and(|me| translate::for_another_bot(&update, me)) {
            return;
        }
        // A group the bot was added to that is not the community's: nothing there is ours
        // (no commands, no joins, no adoption, no sanctions followed).
        if let Some(chat) = update.chat()
            && !chat.is_private()
            && !self.settings.groups.contains(&chat.id.0)
        {
            tracing::debug!("an update from a group that is not the community's");
            return;
        }
        let settings = self.service.settings();
        match translate::translate(&update, &|chat| settings.is_request_channel(chat)) {
            Inbound::Message { event, mut incoming, chat, reply_to, replied_in_group, mentions } => {
                // Someone picked without a username is the member behind that account.
                incoming.text = self.service.with_mentions(std::mem::take(&mut incoming.text), mentions).await;
                // A reply to a relayed message is for the other side of that conversation.
                if let Some((replied, quoted)) = reply_to {
                    let quoted = quoted.as_deref();
                    incoming.text = self.service.reply_text(&incoming.account, &replied, quoted, &incoming.text).await;
                }
                // In a group, a report by reply reports the message's author.
                if let Some((author, quoted)) = replied_in_group {
                    let (account, text) = (&incoming.account, &incoming.text);
                    incoming.text = self.service.group_reply_text(account, &author, Some(quoted.as_str()), text).await;
                }
                let account = incoming.account.clone();
                let in_group = incoming.chat != ChatContext::Private;
                let answering = match in_group {
                    true => Answering::InGroup(chat.to_string()),
                    false => Answering::Privately,
                };
                let Some(mut reply) = self.service.handle_event(event.clone(), incoming, answering).await else {
                    return;
                };
                // Someone the bot cannot write to privately learns, in the group, how to fix it.
                if in_group && let Some(username) = self.username.get() {
                    let link = format!("https://t.me/{username}?start=entraide");
                    match self.service.start_hint(&account, &link).await {
                        Ok(Some(hint)) => reply.text = format!("{}\n{hint}", reply.text),
                        Ok(None) => {}
                        Err(error) => tracing::warn!(%error, "could not check whether an account is reachable"),
                    }
                }
                let group = in_group.then(|| chat.to_string());
                self.answer(&event, &account, group.as_deref(), reply).await;
            }
            Inbound::Photo { event, incoming, file, reply_to } => {
                let account = incoming.account.clone();
                let bytes = match self.download(&file).await {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        tracing::warn!(%error, "could not download a photo");
                        return;
                    }
                };
                let caption = incoming.text.clone();
                let photo = Photo { name: "photo.jpg".into(), bytes, caption };
                let Some(reply) = self.service.photo_event(event.clone(), incoming, reply_to.as_deref(), photo).await
                else {
                    return;
                };
                self.answer(&event, &account, None, reply).await;
            }
            Inbound::Tap { event, incoming, query, message } => {
                let account = incoming.account.clone();
                let reply = self.service.handle_event(event.clone(), incoming, Answering::Privately).await;
                // The spinner stops, the buttons go (each answers once), the answer is written.
                if let Err(error) = self.bot.answer_callback_query(CallbackQueryId(query)).await {
                    tracing::warn!(%error, "could not answer a button");
                }
                if let Some((chat, id)) = message
                    && let Err(error) = self.bot.edit_message_reply_markup(ChatId(chat), MessageId(id)).await
                {
                    tracing::warn!(%error, "could not remove used buttons");
                }
                if let Some(reply) = reply {
                    self.answer(&event, &account, None, reply).await;
                }
            }
            Inbound::ByHand { event, actor, target, action } => {
                if let Err(error) = self.service.sanctioned_by_hand(event, actor, target, action).await {
                    tracing::error!(%error, "could not record a sanction made in Telegram");
                }
            }
            Inbound::Join { event, join, request_in } => {
                // Approved later where it waits, not in every group.
                if let (Some(chat), Ok(user)) = (request_in, join.account.user_id.parse::<u64>()) {
                    let mut waiting = self.requests.entry(user).or_default();
                    if !waiting.contains(&chat) {
                        waiting.push(chat);
                    }
                }
                if let Err(error) = self.service.join_event(event, join).await {
                    tracing::error!(%error, "could not record a Telegram join");
                }
            }
            Inbound::Ignored => {}
        }
    }
}
