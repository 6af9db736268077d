//! What the rules ask platforms to do: outbound messages (a text, buttons, an image, a ban,
//! an invite link…), as they are enqueued in the persistent outbox and read back from it.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A button under a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// What it says, in the reader's language.
    pub label: String,
    /// The command a tap sends (`/accepter 12`).
    pub command: String,
}

/// What an outbound message asks a platform to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OutgoingBody {
    /// A private message, already in the recipient's language.
    Text {
        /// The message.
        text: String,
    },
    /// Remove the account from the community's groups and keep it out.
    Ban,
    /// Let a banned account back in (a ban lifted).
    Unban,
    /// Keep the account in the groups but unable to post, until a time (a suspension).
    Restrict {
        /// When the platform may lift it by itself (the bot lifts it too).
        until: Timestamp,
    },
    /// Lift a restriction (a suspension ended).
    Unrestrict,
    /// A private message with buttons under it (the help loop's answers): a tap sends the
    /// button's command, as if typed. Where there are no buttons the text says the commands.
    Choices {
        /// The message.
        text: String,
        /// The buttons, in order.
        choices: Vec<Choice>,
    },
    /// A private image (the statistics chart, a relayed photo).
    Image {
        /// The file's name; its extension says the format (`.png`, `.jpg`).
        name: String,
        /// A line that goes with it.
        caption: String,
        /// The image's bytes (PNG or JPEG, as its name says); `png` in rows written before.
        #[serde(alias = "png")]
        bytes: Vec<u8>,
    },
    /// A private file (a member's data export), already in the recipient's language.
    Document {
        /// The file's name.
        name: String,
        /// A line that goes with it.
        caption: String,
        /// Its content (text: JSON).
        content: String,
    },
    /// Remove the account from the community's groups (a join turned away).
    Remove,
    /// Let the account into the community's groups: a pending join request is approved.
    Admit,
    /// Post an announcement in every community group the platform serves (pinned where it
    /// can be); the adapter reports where with `Service::record_announcement_message`.
    /// Addressed to the platform's groups (`#groups`).
    Announce {
        /// The announcement.
        announcement: i64,
        /// Its text, in the community's language.
        text: String,
    },
    /// Take down a message the bot wrote in a group (a withdrawn announcement). Addressed to
    /// the chat.
    DeleteMessage {
        /// The platform's id of the message.
        message: String,
    },
    /// Remove a member's command from a group, where it must not stay (a report: the one
    /// reported must not learn who reported them). Where the platform refuses (the bot may
    /// not delete others' messages there), the adapter calls `Service::removal_refused`, and
    /// the author is told privately to report in private next time. Addressed to the chat.
    RemoveCommand {
        /// The platform's id of the message.
        message: String,
        /// Who wrote it: their account's id on the platform.
        author: String,
    },
    /// The bot's answer in a group to a command written there, addressed to the group
    /// (`group:` and the chat's id): it waits for the group's rate limit like any message,
    /// and survives a refusal or a restart. The adapter reports where the answer to a post
    /// went with `Service::record_post_message`, so that it can be edited when the post closes.
    Answer {
        /// The answer, in the community's language.
        text: String,
        /// The post it announces (`/besoin` in a group).
        post: Option<PostId>,
    },
    /// Rewrite a message the bot wrote in a group (a post's announcement, once it closed).
    /// Addressed to the chat.
    EditMessage {
        /// The platform's id of the message.
        message: String,
        /// Its new text.
        text: String,
    },
    /// Make a platform-native invite link for an invitation (single-use, expiring); the
    /// adapter reports it back with `Service::record_native_link`. Addressed to the
    /// platform itself (an empty user id).
    CreateInviteLink {
        /// The invitation.
        invitation: InvitationId,
        /// When the link must stop working.
        expires_at: Timestamp,
        /// Joining needs approval (several sponsors required): a join request, not a join.
        join_request: bool,
        /// Who the sponsor named, as they wrote it (`/inviter @lea:example.org`): where the
        /// platform invites people by id (Matrix), the adapter invites the id it finds there.
        #[serde(default)]
        invitee: Option<String>,
    },
    /// Make a native invite link unusable (its invitation was revoked).
    RevokeInviteLink {
        /// The link, as recorded.
        link: String,
    },
    /// List the people in the platform's groups, for an adoption window an admin opened:
    /// the adapter hands them to `Service::adopt_listed`. Addressed to the platform's groups
    /// (`#groups`), only where the platform lets a bot list them (Discord, Matrix).
    ListMembers,
}

impl OutgoingBody {
    /// Platform actions that protect the community (removing, banning, restricting someone;
    /// taking a report out of sight of the one reported) go before routine messages.
    pub fn is_urgent(&self) -> bool {
        matches!(
            self,
            OutgoingBody::Ban
                | OutgoingBody::Remove
                | OutgoingBody::Restrict { .. }
                | OutgoingBody::RemoveCommand { .. }
        )
    }

    /// Whether it is addressed to a chat rather than a person (a group's answer, an
    /// announcement, an edit or removal of a message in a group): such a message concerns
    /// the community whose groups the bot serves, whoever it names.
    pub fn is_for_a_chat(&self) -> bool {
        matches!(
            self,
            OutgoingBody::Answer { .. }
                | OutgoingBody::Announce { .. }
                | OutgoingBody::ListMembers
                | OutgoingBody::EditMessage { .. }
                | OutgoingBody::DeleteMessage { .. }
                | OutgoingBody::RemoveCommand { .. }
        )
    }

    /// Whether it is a message a person reads (rate-limited per recipient), rather than a
    /// platform action.
    pub fn is_message(&self) -> bool {
        matches!(
            self,
            OutgoingBody::Text { .. }
                | OutgoingBody::Answer { .. }
                | OutgoingBody::Choices { .. }
                | OutgoingBody::Image { .. }
                | OutgoingBody::Document { .. }
        )
    }
}

/// A message to send, as the rules produce it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Derived from its cause, so the same cause cannot enqueue it twice.
    pub key: String,
    /// Who receives it.
    pub to: AccountRef,
    /// What to do.
    pub body: OutgoingBody,
    /// Not sent before this time (follow-ups are scheduled this way).
    pub not_before: Timestamp,
}

/// A message waiting in (or gone from) the persistent outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Store id; delivery order within a recipient follows it.
    pub id: i64,
    /// The message.
    pub message: Outgoing,
    /// How many deliveries failed so far.
    pub attempts: i32,
    /// Why the last one failed.
    pub last_error: Option<String>,
}
