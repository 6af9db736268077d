//! The service: the one entry point adapters call. It reads a message ([`Incoming`]), parses
//! it into a [`Command`], loads what the rules need from the [`Store`], applies the rules
//! and writes the resulting [`Change`]s (state and outbound messages) in one transaction.
//! It answers with a [`Reply`] in the member's language; everything else a command causes
//! (a helper asked, contacts exchanged, a ban applied) leaves through the outbox.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use futures_util::FutureExt;

use tokio::sync::Notify;

pub use crate::calendar::format_time;
use crate::catalog::{self, Arg};
use crate::code;
use crate::command::{self, ChatContext, Command, CommandName, Parsed, Trait};
use crate::matching::{self, Matcher, stored};
use crate::model::{
    Account, AccountRef, AuditAction, AuditEntry, Choice, Community, DeclineReason, HeldJoin, HeldOutcome, Invitation,
    InvitationId, JoinEvidence, Lang, LinkCode, Match, MatchId, MatchState, Member, MemberId, MemberStatus, Outgoing,
    OutgoingBody, Place, Platform, Post, PostId, PostKind, PostState, Reason, Role, Timestamp,
};
use crate::ports::{Change, Clock, IdKind, Randomness, Store, StoreError};
use crate::rules::{self, Acceptance, Closing, Declining, HelperRecord, Refusal};
pub use crate::settings::{Founder, Settings};

mod adopt;
mod announce;
mod answer;
mod asking;
mod by_hand;
mod credits;
mod dashboard;
mod handle;
mod joins;
mod member_record;
mod membership;
mod moderation;
mod posts;
mod privacy;
mod public_invitation;
mod records;
mod refused;
mod relay;
mod upkeep;
mod web_actions;

pub use adopt::Listed;
pub use answer::Answering;
pub use by_hand::ByHand;
pub use dashboard::{AuditLine, AuditSearch, DashboardError, Opened, Overview, PARKED_SHOWN, TREE_SHOWN};
pub use member_record::{MemberRecord, TreeNode, TreePage};
pub use public_invitation::PublicInvitation;
pub use records::{Deliveries, Undelivered};
pub use web_actions::{
    Arrivals, CandidateView, Done, HeldView, REPORTS_SHOWN, ReportView, STATS_DAYS_MAX, SettingView, StatsView,
};

pub use relay::{MAX_PHOTO_BYTES, Photo};

use moderation::Sanction;

tokio::task_local! {
    /// The platform of the command being handled, for the audit log.
    static ACTING_PLATFORM: Platform;
    /// Set while a command from the dashboard is handled, for the audit log.
    static FROM_WEB: ();
    /// The platform event being handled, written with the first changes it makes.
    static INBOUND: Mutex<Inbound>;
}

/// An event from a platform, handled exactly once: its id is recorded in the same
/// transaction as the state it changes, with the adapter's cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRef {
    /// The platform.
    pub platform: Platform,
    /// Its id there (Telegram `update_id`, Matrix event id, Discord interaction id).
    pub id: String,
    /// Where the adapter resumes after it (`telegram:offset` = the next `update_id`).
    pub cursor: Option<(String, String)>,
}

/// The event being handled, and what became of it.
#[derive(Debug)]
struct Inbound {
    event: EventRef,
    /// Written with a command's changes.
    recorded: bool,
    /// Another process (or an earlier run) handled it first.
    duplicate: bool,
    /// Where its answer goes, held from its first changes on (see [`Change::HoldAnswer`]).
    answer: Option<answer::Held>,
}

/// One message from a platform, as an adapter translates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// Who wrote it.
    pub account: AccountRef,
    /// The name the platform shows for them.
    pub display_name: String,
    /// Their language as the platform reports it, if it does.
    pub lang: Option<Lang>,
    /// Where it was written.
    pub chat: ChatContext,
    /// What they wrote.
    pub text: String,
    /// Where the message is on its platform, when the adapter can remove it: a report typed
    /// in a group is taken out of sight of the one reported.
    pub message: Option<MessageRef>,
}

/// A message's place on its platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRef {
    /// The chat it was written in (a Telegram chat id, a Matrix room id, a Discord channel id).
    pub chat: String,
    /// Its id in that chat (a Telegram message id, a Matrix event id, a Discord message id).
    pub id: String,
}

impl Incoming {
    /// The same message without control characters in what was written (see [`clean_text`]).
    fn cleaned(self) -> Self {
        Self { text: clean_text(self.text), display_name: clean_text(self.display_name), ..self }
    }
}

/// Text as a platform gave it, without the control characters no one means to write (a NUL,
/// a bell, C1 codes), which one database refuses (PostgreSQL: NUL) and another keeps: every
/// backend stores the same text. Line breaks and tabs stay; a carriage return becomes a line
/// break.
pub fn clean_text(text: String) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return text;
    }
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Someone appeared in a community group, as a platform adapter reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinEvent {
    /// Who joined.
    pub account: AccountRef,
    /// The name the platform shows for them.
    pub display_name: String,
    /// Their language as the platform reports it, if it does.
    pub lang: Option<Lang>,
    /// How they joined, as far as the platform says.
    pub evidence: JoinEvidence,
    /// They asked to join (a Telegram join request) and wait outside until let in.
    pub request: bool,
}

/// What became of a join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinOutcome {
    /// Attributed to an invitation: a new member (or candidate).
    Joined(MemberId),
    /// Already a member: nothing to do.
    AlreadyMember,
    /// A banned member came back: removed again.
    Banned,
    /// A suspended member came back: restricted again until their suspension ends.
    Restricted,
    /// Nothing explains it (or not for sure): held for moderators.
    Held(i64),
}

/// The bot's answer in the chat where the message was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The answer, in the member's language.
    pub text: String,
    /// The post it announces (`/besoin` in a group): an adapter reports where its answer went
    /// with `Service::record_post_message`, so that it can be edited when the post closes.
    pub post: Option<PostId>,
}

/// The open posts of one kind, indexed for matching, and when the store was last read.
#[derive(Default)]
struct Index {
    matcher: Matcher,
    /// Changes were read up to then.
    synced_at: Option<Timestamp>,
    /// Every open post was read then.
    full_at: Timestamp,
    /// Analyses made since the store last kept them, encoded, by post (see
    /// `Service::keep_analyses`).
    unkept: std::collections::BTreeMap<PostId, Vec<u8>>,
}

/// Seconds between the welcome of someone let in from a join request and their admission:
/// the welcome goes first, while Telegram still lets the bot write to them.
const ADMIT_AFTER_WELCOME: i64 = 3;

/// How long a held join stays restricted at most, in seconds: past a year, Telegram reads it
/// as "until lifted"; a moderator's decision lifts it or removes them.
const HELD_RESTRICTION: i64 = 400 * 86_400;

/// The rules, wired to their ports.
pub struct Service {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    randomness: Arc<dyn Randomness>,
    /// The configuration file's settings.
    base: Settings,
    /// Those, with what admins changed from the chat laid over; refreshed from the store
    /// before each command, so that every process sees a change at once.
    settings: std::sync::RwLock<Arc<Settings>>,
    community: Community,
    outbox_ready: Arc<Notify>,
    /// Open offers, analysed and indexed for matching; synced with the store on use.
    offer_index: Mutex<Index>,
    /// Open requests, likewise.
    request_index: Mutex<Index>,
    /// Ids handed out from blocks reserved in the store, by kind (one round trip per block).
    id_blocks: Mutex<HashMap<&'static str, (i64, i64)>>,
}

/// A command's outcome before rendering: a refusal, or a store failure.
enum Failure {
    Refused(Refusal),
    Store(StoreError),
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        Failure::Refused(refusal)
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        Failure::Store(error)
    }
}

type Outcome = Result<Reply, Failure>;

/// How many helpers a request was sent to, and how many more would fit but were asked
/// enough this week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Asked {
    asked: usize,
    busy: usize,
}

/// What became of a platform event run through [`Service::exactly_once`].
enum Handled<T> {
    /// Handled now, with this result.
    Done(T),
    /// Handled before (a replay): nothing was done.
    Replay,
    /// Its handling panicked; the event is recorded, the panic logged.
    Panicked,
}

/// Who is acting: the account, and the member it belongs to if any.
struct Actor {
    incoming: Incoming,
    member: Option<Member>,
    lang: Lang,
}

impl Service {
    /// Opens the community (creating it and its founders on first start).
    pub async fn start(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        randomness: Arc<dyn Randomness>,
        settings: Settings,
    ) -> Result<Self, StoreError> {
        let community = store.ensure_community(&settings.community_slug, &settings.community_name).await?;
        let overrides = store.settings(community.id).await?;
        let service = Self {
            store,
            clock,
            randomness,
            settings: std::sync::RwLock::new(Arc::new(settings.with_overrides(&overrides))),
            base: settings,
            community,
            outbox_ready: Arc::new(Notify::new()),
            offer_index: Mutex::new(Index::default()),
            request_index: Mutex::new(Index::default()),
            id_blocks: Mutex::default(),
        };
        service.ensure_founders().await?;
        Ok(service)
    }

    /// The settings in force.
    pub fn settings(&self) -> Arc<Settings> {
        Arc::clone(&self.settings.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Reads what admins changed from the chat (perhaps in another process).
    async fn refresh_settings(&self) -> Result<(), StoreError> {
        let overrides = self.store.settings(self.community.id).await?;
        let fresh = Arc::new(self.base.with_overrides(&overrides));
        *self.settings.write().unwrap_or_else(std::sync::PoisonError::into_inner) = fresh;
        Ok(())
    }

    /// The community this service runs.
    pub fn community(&self) -> &Community {
        &self.community
    }

    /// The language for people whose language is not known.
    pub fn default_lang(&self) -> Lang {
        self.settings().default_lang
    }

    /// The store, for operations that run beside the chat (imports).
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Now, by the service's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Woken whenever messages were enqueued, so the dispatcher need not poll fast.
    pub fn outbox_ready(&self) -> Arc<Notify> {
        Arc::clone(&self.outbox_ready)
    }

    /// Ends a removed member's business: their posts close, the proposals they are part of
    /// are declined (a request they were helping with opens again), and scheduled follow-ups
    /// about them are withdrawn.
    async fn wind_up(&self, member: &Member, now: Timestamp) -> Result<Vec<Change>, StoreError> {
        let mut changes = Vec::new();
        for post in self.store.live_posts_of(member.id).await? {
            changes.push(Change::SetPostState { id: post.id, from: vec![post.state], to: PostState::Closed, at: now });
            changes.extend(self.announce_closed(&post, PostState::Closed, now).await?);
        }
        for found in self.store.matches_of_member(member.id).await? {
            match found.state {
                MatchState::Asked | MatchState::Accepted => {
                    changes.push(Change::SetMatchState {
                        id: found.id,
                        from: found.state,
                        to: MatchState::Declined,
                        at: now,
                    });
                    let others_helping = self
                        .store
                        .matches_of_request(found.request_id)
                        .await?
                        .iter()
                        .any(|m| m.id != found.id && m.state == MatchState::Accepted);
                    if found.state == MatchState::Accepted && found.helper_id == member.id && !others_helping {
                        changes.push(Change::SetPostState {
                            id: found.request_id,
                            from: vec![PostState::Proposed],
                            to: PostState::Open,
                            at: now,
                        });
                    }
                }
                MatchState::Confirmed => changes.push(Change::CancelMessage(follow_up_key(found.id))),
                MatchState::Declined => {}
            }
        }
        changes.extend(self.end_relays_of_member(member, now).await?);
        Ok(changes)
    }

    /// "#12" or a display name → one member of this community.
    async fn find_member(&self, target: &str) -> Result<Member, Failure> {
        let unknown = || Refusal::UnknownMember(target.chars().take(64).collect());
        // `#12`, or `@#12` where a number alone would name a post (`/signaler`).
        let number = target.strip_prefix("@#").or_else(|| target.strip_prefix('#')).unwrap_or(target);
        if let Ok(id) = number.parse::<MemberId>() {
            let member = self.store.member(id).await?.filter(|m| m.community_id == self.community.id);
            return member.ok_or_else(|| unknown().into());
        }
        // "@zoe" as chat apps mention people, or the name as written ("@zoe:matrix.org").
        let mut found = self.store.members_named(self.community.id, &matching::fold(target)).await?;
        if found.is_empty() {
            let key = matching::fold(target.trim_start_matches('@'));
            found = self.store.members_named(self.community.id, &key).await?;
        }
        match found.len() {
            0 => Err(unknown().into()),
            1 => Ok(found.remove(0)),
            _ => Err(Refusal::AmbiguousMember(target.to_owned(), found.iter().map(|m| m.id).collect()).into()),
        }
    }

    /// "alice (#3)" in the reader's language, for the audit log.
    async fn name_of(&self, id: Option<MemberId>, lang: Lang) -> Result<String, StoreError> {
        let Some(id) = id else { return Ok(catalog::text(lang, "audit-system", &[])) };
        let name = self.store.member(id).await?.map(|member| member.display_name).unwrap_or_default();
        Ok(catalog::text(lang, "member-ref", &[("name", name.into()), ("id", id.into())]))
    }

    // ----- helpers ----------------------------------------------------------------------------

    /// The next id of a kind, from a block this process reserved: ids members type stay
    /// small (a block is 16), and a post costs no extra write per id.
    async fn next_id(&self, kind: IdKind) -> Result<i64, StoreError> {
        const BLOCK: u32 = 16;
        {
            let mut blocks = self.id_blocks.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((next, end)) = blocks.get_mut(kind.as_str())
                && *next < *end
            {
                *next += 1;
                return Ok(*next - 1);
            }
        }
        let first = self.store.allocate_ids(kind, BLOCK).await?;
        let mut blocks = self.id_blocks.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        blocks.insert(kind.as_str(), (first + 1, first + i64::from(BLOCK)));
        Ok(first)
    }

    async fn member(&self, id: MemberId) -> Result<Member, Failure> {
        self.store.member(id).await?.ok_or(Failure::Store(StoreError::Corrupt(format!("member {id} missing"))))
    }

    /// A private message to a member, on their first linked account.
    async fn private_message(
        &self,
        member: &Member,
        key: String,
        text: String,
        not_before: Timestamp,
    ) -> Result<Option<Change>, StoreError> {
        let accounts = self.store.accounts_of(member.id).await?;
        let Some(first) = accounts.into_iter().next() else {
            tracing::warn!(member = member.id, "member has no account to write to");
            return Ok(None);
        };
        Ok(Some(Change::Enqueue(Outgoing { key, to: first.account, body: OutgoingBody::Text { text }, not_before })))
    }

    /// A private message with buttons, each sending a command when tapped.
    async fn private_choices(
        &self,
        member: &Member,
        key: String,
        text: String,
        choices: &[(&str, String)],
        not_before: Timestamp,
    ) -> Result<Option<Change>, StoreError> {
        let choices = choices
            .iter()
            .map(|(label, command)| Choice { label: catalog::text(member.lang, label, &[]), command: command.clone() })
            .collect();
        let change = self.private_message(member, key, String::new(), not_before).await?;
        Ok(change.map(|change| match change {
            Change::Enqueue(outgoing) => {
                Change::Enqueue(Outgoing { body: OutgoingBody::Choices { text, choices }, ..outgoing })
            }
            other => other,
        }))
    }

    /// How to reach a member, for someone who consented to be put in touch: every linked
    /// account, in the reader's language.
    async fn contact_card(&self, member: &Member, lang: Lang) -> Result<String, StoreError> {
        let accounts = self.store.accounts_of(member.id).await?;
        Ok(accounts
            .iter()
            .map(|a| {
                let args = [
                    ("name", a.display_name.as_str().into()),
                    ("platform", a.account.platform.as_str().into()),
                    ("id", a.account.user_id.as_str().into()),
                ];
                catalog::text(lang, "contact-account", &args)
            })
            .collect::<Vec<_>>()
            .join(", "))
    }

    /// Applies changes and wakes the dispatcher if messages were enqueued.
    /// A message longer than its platform takes is enqueued in parts (see [`crate::parts`]).
    async fn commit(&self, changes: Vec<Change>) -> Result<(), StoreError> {
        let enqueues = changes.iter().any(|change| matches!(change, Change::Enqueue(_) | Change::Answer(_)));
        let mut changes: Vec<Change> = changes
            .into_iter()
            .flat_map(|change| match change {
                Change::Enqueue(message) => crate::parts::fit(message).into_iter().map(Change::Enqueue).collect(),
                // The first part takes the answer's place; the others follow it.
                Change::Answer(message) => crate::parts::fit(message)
                    .into_iter()
                    .enumerate()
                    .map(|(n, part)| if n == 0 { Change::Answer(part) } else { Change::Enqueue(part) })
                    .collect(),
                other => vec![other],
            })
            .collect();
        // The platform event that caused these changes is written with the first of them.
        let event = INBOUND
            .try_with(|inbound| {
                let inbound = inbound.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                (!inbound.recorded).then(|| (inbound.event.clone(), inbound.answer.clone()))
            })
            .ok()
            .flatten();
        if let Some((event, answer)) = &event {
            changes.splice(0..0, self.event_changes(event, answer.as_ref()));
        }
        match self.store.apply(changes).await {
            Err(StoreError::DuplicateEvent) => {
                let _ = INBOUND.try_with(|inbound| {
                    inbound.lock().unwrap_or_else(std::sync::PoisonError::into_inner).duplicate = true;
                });
                return Err(StoreError::DuplicateEvent);
            }
            result => result?,
        }
        if event.is_some() {
            let _ = INBOUND.try_with(|inbound| {
                inbound.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recorded = true;
            });
        }
        if enqueues {
            self.outbox_ready.notify_one();
        }
        Ok(())
    }

    /// What records `event` as handled: its id, the adapter's cursor, and its answer held.
    fn event_changes(&self, event: &EventRef, answer: Option<&answer::Held>) -> Vec<Change> {
        let mut changes =
            vec![Change::SeenEvent { platform: event.platform, event_id: event.id.clone(), at: self.clock.now() }];
        if let Some((name, value)) = &event.cursor {
            changes.push(Change::SetCursor { name: name.clone(), value: value.clone() });
        }
        changes.extend(answer.map(|answer| self.hold_answer(event, answer)));
        changes
    }

    /// Runs `work` for a platform event, exactly once: the event's id and the adapter's
    /// cursor are written with the first changes it commits, or alone when it changed
    /// nothing. A replay (after a restart, or the same event reaching two processes) changes
    /// nothing. A panic in `work` is contained: logged with the event's id only, the event
    /// recorded so that it is never replayed, and the adapter goes on with the next one.
    async fn exactly_once<T>(&self, event: EventRef, work: impl Future<Output = T>) -> Result<Handled<T>, StoreError> {
        self.exactly_once_answering(event, None, work).await
    }

    /// [`Self::exactly_once`], for an event whose answer is held from its first changes on: `work`
    /// takes the hold back (`answer::Held::release`) when there is nothing to answer.
    async fn exactly_once_answering<T>(
        &self,
        event: EventRef,
        answer: Option<answer::Held>,
        work: impl Future<Output = T>,
    ) -> Result<Handled<T>, StoreError> {
        if self.store.event_seen(event.platform, &event.id).await? {
            return Ok(Handled::Replay);
        }
        let inbound = Mutex::new(Inbound { event: event.clone(), recorded: false, duplicate: false, answer });
        let (result, recorded, duplicate, answer) = INBOUND
            .scope(inbound, async {
                let result = AssertUnwindSafe(work).catch_unwind().await;
                let (recorded, duplicate, answer) = INBOUND.with(|inbound| {
                    let inbound = inbound.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    (inbound.recorded, inbound.duplicate, inbound.answer.clone())
                });
                (result, recorded, duplicate, answer)
            })
            .await;
        if duplicate {
            return Ok(Handled::Replay);
        }
        if result.is_err() {
            crate::metrics::error("panic");
            tracing::error!(platform = %event.platform, event = %event.id, "handling a platform event panicked; it is recorded as failed and not replayed");
        }
        if !recorded {
            match self.store.apply(self.event_changes(&event, answer.as_ref())).await {
                Err(StoreError::DuplicateEvent) => return Ok(Handled::Replay),
                other => other?,
            }
        }
        Ok(result.map_or(Handled::Panicked, Handled::Done))
    }

    /// A join reported as a platform event (a Telegram `chat_member` update), attributed
    /// exactly once: a replay, or a join whose handling panicked (logged), returns `None`.
    pub async fn join_event(&self, event: EventRef, join: JoinEvent) -> Result<Option<JoinOutcome>, StoreError> {
        match self.exactly_once(event, self.member_joined(join)).await? {
            Handled::Done(outcome) => outcome.map(Some),
            Handled::Replay | Handled::Panicked => Ok(None),
        }
    }

    /// Where a platform shows a post (the bot's answer in a group, `Reply::post`), so that
    /// it can be edited when the post closes.
    pub async fn record_post_message(
        &self,
        post: PostId,
        platform: Platform,
        chat: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        let change = Change::InsertPostMessage { post, platform, chat: chat.to_owned(), message: message.to_owned() };
        self.store.apply(vec![change]).await
    }

    /// Edits of the group messages that announced a post, now that it is finished.
    async fn announce_closed(&self, post: &Post, state: PostState, now: Timestamp) -> Result<Vec<Change>, StoreError> {
        let lang = self.settings().default_lang;
        let text = catalog::text(
            lang,
            &format!("{}-announcement-closed", post.kind),
            &[("id", post.id.into()), ("state", catalog::text(lang, &format!("state-{state}"), &[]).into())],
        );
        Ok(self
            .store
            .post_messages(post.id)
            .await?
            .into_iter()
            .map(|(platform, chat, message)| {
                Change::Enqueue(Outgoing {
                    key: format!("closed-message:{}:{platform}:{chat}:{message}", post.id),
                    to: AccountRef::new(platform, chat),
                    body: OutgoingBody::EditMessage { message, text: text.clone() },
                    not_before: now,
                })
            })
            .collect())
    }

    /// How a command names the member behind an account the app mentioned (a Discord
    /// `<@id>`, a Telegram mention of someone without a username, a Matrix pill): `@#12`,
    /// which every command taking a member reads. `None` when the account is no member's.
    pub async fn mention(&self, account: &AccountRef) -> Option<String> {
        match self.store.account(self.community.id, account).await {
            Ok(found) => found.map(|account| format!("@#{}", account.member_id)),
            Err(error) => {
                tracing::warn!(%error, "could not read a mentioned account");
                None
            }
        }
    }

    /// `text` with the mentions found in it (byte ranges and accounts, in order) written as
    /// the members they name, when it is a command; anything else (a message relayed to
    /// someone) stays as written.
    pub async fn with_mentions(&self, text: String, mentions: Vec<(std::ops::Range<usize>, AccountRef)>) -> String {
        if !text.trim_start().starts_with(['/', '!']) {
            return text;
        }
        // Someone who is no member yet is named by their id there, for `/adopter` only: a bare
        // number means a member or a post to other commands.
        let adopting = command::command_name(&text) == Some(CommandName::Adopt);
        let mut written = text;
        for (range, account) in mentions.into_iter().rev() {
            let named = match self.mention(&account).await {
                Some(member) => Some(member),
                None => adopting.then_some(account.user_id),
            };
            if let Some(named) = named
                && written.get(range.clone()).is_some()
            {
                written.replace_range(range, &named);
            }
        }
        written
    }

    /// For someone the platform will not write to until they write to the bot (or, on
    /// Discord, open their direct messages): a line saying how, with the adapter's link to its
    /// private chat, in their language.
    /// Said once (not under every message they write in a group).
    pub async fn start_hint(&self, account: &AccountRef, link: &str) -> Result<Option<String>, StoreError> {
        if self.store.unreachable_since(account).await?.is_none() {
            return Ok(None);
        }
        match self.store.apply(vec![Change::Hinted { account: account.clone(), at: self.clock.now() }]).await {
            Err(StoreError::Conflict(_)) => return Ok(None),
            other => other?,
        }
        let lang = self.lang_of(account).await?;
        // Discord writes to anyone whose direct messages are open: they open them.
        Ok(Some(match account.platform {
            Platform::Discord => catalog::text(lang, "dms-closed-hint", &[]),
            _ => catalog::text(lang, "start-bot-hint", &[("link", link.into())]),
        }))
    }

    /// Someone's posts not finished yet (open, proposed, in touch), newest first, as (number,
    /// first words): what an adapter offers to complete a command that takes one (Discord's
    /// autocomplete). Nothing for an account that is no member.
    pub async fn open_posts_of(&self, account: &AccountRef) -> Result<Vec<(PostId, String)>, StoreError> {
        let Some(found) = self.store.account(self.community.id, account).await? else { return Ok(Vec::new()) };
        let mut posts: Vec<Post> = self.store.posts_of(found.member_id).await?;
        posts.retain(|post| post.state.is_open() || post.state == PostState::InContact);
        posts.sort_by_key(|post| std::cmp::Reverse(post.id));
        Ok(posts.into_iter().map(|post| (post.id, post.text.chars().take(80).collect())).collect())
    }

    /// Which of `event_ids` were handled already (an adapter reading back what it may have
    /// missed skips those before any work).
    pub async fn events_seen(&self, platform: Platform, event_ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.store.events_seen(platform, event_ids).await
    }

    /// Where an adapter resumes reading its platform (saved with the events it handled).
    pub async fn cursor(&self, name: &str) -> Result<Option<String>, StoreError> {
        self.store.cursor(name).await
    }

    /// Saves where an adapter resumes when no single event carries it (Matrix's sync token,
    /// written once a whole batch of events is handled).
    pub async fn save_cursor(&self, name: &str, value: &str) -> Result<(), StoreError> {
        self.store.apply(vec![Change::SetCursor { name: name.to_owned(), value: value.to_owned() }]).await
    }

    /// An audit-log line, with the platform the actor is using when a command caused it.
    fn audit_change(
        &self,
        actor: Option<MemberId>,
        action: AuditAction,
        target: Option<MemberId>,
        reason: impl Into<String>,
        at: Timestamp,
    ) -> Change {
        Change::Audit(AuditEntry {
            community_id: self.community.id,
            actor_id: actor,
            action,
            target_id: target,
            reason: reason.into(),
            at,
            platform: ACTING_PLATFORM.try_with(|platform| *platform).ok(),
            from_web: FROM_WEB.try_with(|()| ()).is_ok(),
        })
    }

    fn reply(&self, lang: Lang, id: &str, args: &[Arg<'_>]) -> Reply {
        Reply { post: None, text: catalog::text(lang, id, args) }
    }
}

/// The key of the follow-up question for a confirmed match.
fn follow_up_key(id: MatchId) -> String {
    format!("follow-up:{id}")
}

/// A display name, or the account id when the platform gave none. Invisible and
/// direction-changing characters are dropped: "al\u{200b}ice" is shown, and found, as "alice".
fn display_name(name: &str, account: &AccountRef) -> String {
    let max = crate::identity::MAX_NAME_CHARS;
    let name: String = crate::identity::clean(name).chars().take(max).collect();
    if name.is_empty() { crate::identity::clean(&account.user_id).chars().take(max).collect() } else { name }
}

/// Reasons as a member reads them.
pub fn render_reasons(lang: Lang, reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|reason| match reason {
            Reason::Words(words) => catalog::text(lang, "reason-words", &[("words", words.join(", ").into())]),
            Reason::Related { asked, offered } if asked == offered => asked.clone(),
            Reason::Related { asked, offered } => catalog::text(
                lang,
                "reason-related",
                &[("asked", asked.as_str().into()), ("offered", offered.as_str().into())],
            ),
            Reason::SamePlace(place) => catalog::text(lang, "reason-place", &[("place", place.as_str().into())]),
            Reason::Online => catalog::text(lang, "reason-online", &[]),
        })
        .collect::<Vec<_>>()
        .join(&catalog::text(lang, "reason-separator", &[]))
}

/// A native invite as a link a member can tap: Discord reports an invite's code alone.
fn tappable(platform: Platform, link: &str) -> String {
    match platform {
        Platform::Discord if !link.contains("://") => format!("https://discord.gg/{link}"),
        _ => link.to_owned(),
    }
}

#[cfg(test)]
mod tests;
