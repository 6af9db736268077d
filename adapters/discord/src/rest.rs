//! The Discord REST calls the outbox makes, sent and read here rather than through serenity's
//! `Http` methods, which drop a refusal's headers and body: a 429's `retry_after` was lost,
//! and behind a proxy (`api_url`, where serenity's own limiter is off) the bot retried blind.
//! Requests, routes, builders and models stay serenity's; only sending is ours. Each answer's
//! rate-limit headers are kept per bucket, so that a call in a bucket Discord said is empty
//! waits for its reset, and a 429 becomes the outbox's `RateLimited` with Discord's delay
//! (the `Retry-After` header, or the body's `retry_after`).

use std::time::{Duration, Instant};

use dashmap::DashMap;
use entraide_core::ports::DeliveryError;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serenity::all::{
    ChannelId, CreateAttachment, CreateInvite, CreateMessage, CurrentUser, EditMember, EditMessage, GuildId, Member,
    Message, MessageId, PrivateChannel, RichInvite, RoleId, UserId,
};
use serenity::http::{LightMethod, Multipart, MultipartUpload, RatelimitingBucket, Request, Route};

/// How long a call waits in place for an empty bucket to refill; longer, the outbox waits.
const LONGEST_IN_PLACE: Duration = Duration::from_secs(5);

/// Why Discord did not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Discord answered with an error: its HTTP status and its own code (0 when none).
    Status(u16, i64),
    /// Too many requests: try again in this many seconds.
    TooFast(i64),
    /// No answer, or one that could not be read.
    Unreachable(String),
}

impl Refused {
    /// Someone not in the guild, no such ban, invite or message: nothing left to do.
    pub(crate) fn is_absent(&self) -> bool {
        matches!(self, Refused::Status(404, _))
    }

    /// Discord's code, when it gave one.
    pub(crate) fn code(&self) -> Option<i64> {
        match self {
            Refused::Status(_, code) => Some(*code),
            _ => None,
        }
    }
}

impl From<Refused> for DeliveryError {
    /// Discord's answer as the dispatcher's decision (status and code only: messages may
    /// name people).
    fn from(refused: Refused) -> Self {
        match refused {
            // DMs closed, or no guild in common: the messages wait until they write to the bot.
            Refused::Status(_, 50007 | 50278) => {
                DeliveryError::Unreachable("Discord will not deliver DMs to this user".into())
            }
            Refused::TooFast(seconds) => DeliveryError::RateLimited(seconds),
            // A token reset (401): everything waits until the bot runs with the new one.
            Refused::Status(401, code) => {
                DeliveryError::Transient(format!("401 (Discord code {code}): is the token still valid?"))
            }
            Refused::Status(403, 50013) => {
                DeliveryError::Permanent("403 (Discord code 50013): the bot lacks a permission".into())
            }
            Refused::Status(status @ 400..=499, code) => {
                DeliveryError::Permanent(format!("{status} (Discord code {code})"))
            }
            Refused::Status(status, code) => DeliveryError::Transient(format!("{status} (Discord code {code})")),
            Refused::Unreachable(why) => DeliveryError::Transient(why),
        }
    }
}

/// Sends Discord REST calls with the bot's token, to Discord or to a proxy.
pub(crate) struct Rest {
    client: reqwest::Client,
    /// `Bot …`: never logged.
    authorization: String,
    proxy: Option<String>,
    /// Buckets Discord said are empty, and when they refill.
    empty_until: DashMap<RatelimitingBucket, Instant>,
}

impl Rest {
    /// Calls for the bot with this token, to `proxy` instead of Discord when one is given.
    pub(crate) fn new(token: &str, proxy: Option<&str>) -> Self {
        Self {
            client: reqwest::Client::new(),
            authorization: format!("Bot {}", token.trim().trim_start_matches("Bot ")),
            proxy: proxy.map(|proxy| proxy.trim_end_matches('/').to_owned()),
            empty_until: DashMap::new(),
        }
    }

    /// Sends one request and returns Discord's answer when it succeeded.
    async fn send(&self, request: Request<'_>) -> Result<reqwest::Response, Refused> {
        let bucket = request.route_ref().ratelimiting_bucket();
        if let Some(until) = self.empty_until.get(&bucket).map(|until| *until) {
            let wait = until.saturating_duration_since(Instant::now());
            if wait > LONGEST_IN_PLACE {
                return Err(Refused::TooFast(seconds(wait.as_secs_f64())));
            }
            tokio::time::sleep(wait).await;
        }
        let unsent = |why: String| Refused::Unreachable(why);
        let built = request.build(&self.client, &self.authorization, self.proxy.as_deref());
        let built = built.map_err(|_| unsent("the request could not be built".into()))?;
        let built = built.build().map_err(|_| unsent("the request could not be built".into()))?;
        let response = self.client.execute(built).await.map_err(|_| unsent("Discord could not be reached".into()))?;
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        if header("x-ratelimit-remaining").as_deref() == Some("0")
            && let Some(reset) = header("x-ratelimit-reset-after").and_then(|after| after.parse::<f64>().ok())
        {
            let reset = Duration::from_secs_f64(reset.clamp(0.0, 3_600.0));
            self.empty_until.insert(bucket, Instant::now() + reset);
        }
        let status = response.status().as_u16();
        if response.status().is_success() {
            return Ok(response);
        }
        let retry_header = header("retry-after").and_then(|after| after.parse::<f64>().ok());
        let body = response.bytes().await.unwrap_or_default();
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if status == 429 {
            let after = retry_header.or_else(|| body["retry_after"].as_f64()).unwrap_or(1.0);
            return Err(Refused::TooFast(seconds(after)));
        }
        Err(Refused::Status(status, body["code"].as_i64().unwrap_or(0)))
    }

    /// Sends a request and reads its answer.
    async fn read<T: DeserializeOwned>(&self, request: Request<'_>) -> Result<T, Refused> {
        let unreadable = || Refused::Unreachable("Discord's answer could not be read".into());
        let body = self.send(request).await?.bytes().await.map_err(|_| unreadable())?;
        serde_json::from_slice(&body).map_err(|_| unreadable())
    }

    /// Sends a request whose answer says nothing.
    async fn done(&self, request: Request<'_>) -> Result<(), Refused> {
        self.send(request).await.map(drop)
    }

    pub(crate) async fn current_user(&self) -> Result<CurrentUser, Refused> {
        self.read(Request::new(Route::UserMe, LightMethod::Get)).await
    }

    /// The bot's DM channel with someone (made if there is none).
    pub(crate) async fn dm_channel(&self, user: UserId) -> Result<PrivateChannel, Refused> {
        let body = json!({ "recipient_id": user });
        self.read(Request::new(Route::UserMeDmChannels, LightMethod::Post).body(Some(bytes(&body)))).await
    }

    /// Posts a message, with a file if one is given.
    pub(crate) async fn send_message(
        &self,
        channel: ChannelId,
        message: &CreateMessage,
        file: Option<CreateAttachment>,
    ) -> Result<Message, Refused> {
        let request = Request::new(Route::ChannelMessages { channel_id: channel }, LightMethod::Post);
        let request = match file {
            None => request.body(Some(bytes(message))),
            Some(file) => {
                let mut payload = serde_json::to_value(message).unwrap_or_default();
                payload["attachments"] = json!([{ "id": 0, "filename": file.filename }]);
                let multipart = Multipart {
                    upload: MultipartUpload::Attachments(vec![file]),
                    fields: Vec::new(),
                    payload_json: Some(payload.to_string()),
                };
                request.multipart(Some(multipart))
            }
        };
        self.read(request).await
    }

    pub(crate) async fn edit_message(
        &self,
        channel: ChannelId,
        message: MessageId,
        edit: &EditMessage,
    ) -> Result<(), Refused> {
        let route = Route::ChannelMessage { channel_id: channel, message_id: message };
        self.done(Request::new(route, LightMethod::Patch).body(Some(bytes(edit)))).await
    }

    pub(crate) async fn delete_message(&self, channel: ChannelId, message: MessageId) -> Result<(), Refused> {
        let route = Route::ChannelMessage { channel_id: channel, message_id: message };
        self.done(Request::new(route, LightMethod::Delete)).await
    }

    pub(crate) async fn pin(&self, channel: ChannelId, message: MessageId) -> Result<(), Refused> {
        let route = Route::ChannelPin { channel_id: channel, message_id: message };
        self.done(Request::new(route, LightMethod::Put)).await
    }

    pub(crate) async fn ban(&self, guild: GuildId, user: UserId) -> Result<(), Refused> {
        let route = Route::GuildBan { guild_id: guild, user_id: user };
        let body = json!({ "delete_message_seconds": 0 });
        self.done(Request::new(route, LightMethod::Put).body(Some(bytes(&body)))).await
    }

    pub(crate) async fn unban(&self, guild: GuildId, user: UserId) -> Result<(), Refused> {
        self.done(Request::new(Route::GuildBan { guild_id: guild, user_id: user }, LightMethod::Delete)).await
    }

    pub(crate) async fn kick(&self, guild: GuildId, user: UserId) -> Result<(), Refused> {
        self.done(Request::new(Route::GuildMember { guild_id: guild, user_id: user }, LightMethod::Delete)).await
    }

    pub(crate) async fn edit_member(&self, guild: GuildId, user: UserId, edit: &EditMember<'_>) -> Result<(), Refused> {
        let route = Route::GuildMember { guild_id: guild, user_id: user };
        self.done(Request::new(route, LightMethod::Patch).body(Some(bytes(edit)))).await
    }

    /// Gives (`true`) or takes a role.
    pub(crate) async fn member_role(
        &self,
        guild: GuildId,
        user: UserId,
        role: RoleId,
        give: bool,
    ) -> Result<(), Refused> {
        let route = Route::GuildMemberRole { guild_id: guild, user_id: user, role_id: role };
        self.done(Request::new(route, if give { LightMethod::Put } else { LightMethod::Delete })).await
    }

    /// One page of a guild's members, after a user id (Discord's paging).
    pub(crate) async fn members(
        &self,
        guild: GuildId,
        limit: usize,
        after: Option<UserId>,
    ) -> Result<Vec<Member>, Refused> {
        let mut params = vec![("limit", limit.to_string())];
        if let Some(after) = after {
            params.push(("after", after.to_string()));
        }
        let request = Request::new(Route::GuildMembers { guild_id: guild }, LightMethod::Get).params(Some(params));
        self.read(request).await
    }

    pub(crate) async fn create_invite(
        &self,
        channel: ChannelId,
        invite: &CreateInvite<'_>,
    ) -> Result<RichInvite, Refused> {
        let route = Route::ChannelInvites { channel_id: channel };
        self.read(Request::new(route, LightMethod::Post).body(Some(bytes(invite)))).await
    }

    pub(crate) async fn invites(&self, channel: ChannelId) -> Result<Vec<RichInvite>, Refused> {
        self.read(Request::new(Route::ChannelInvites { channel_id: channel }, LightMethod::Get)).await
    }

    pub(crate) async fn delete_invite(&self, code: &str) -> Result<(), Refused> {
        self.done(Request::new(Route::Invite { code }, LightMethod::Delete)).await
    }
}

/// A JSON body.
fn bytes(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// Whole seconds to wait, at least one (Discord gives fractions).
fn seconds(after: f64) -> i64 {
    (after.clamp(0.0, 86_400.0).ceil() as i64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discords_answers_become_the_outboxs_decisions() {
        assert!(matches!(DeliveryError::from(Refused::TooFast(6)), DeliveryError::RateLimited(6)));
        assert!(matches!(DeliveryError::from(Refused::Status(403, 50007)), DeliveryError::Unreachable(_)));
        assert!(matches!(DeliveryError::from(Refused::Status(400, 50035)), DeliveryError::Permanent(_)));
        assert!(matches!(DeliveryError::from(Refused::Status(502, 0)), DeliveryError::Transient(_)));
        assert!(matches!(DeliveryError::from(Refused::Status(401, 0)), DeliveryError::Transient(_)));
        assert!(Refused::Status(404, 10008).is_absent() && !Refused::Status(403, 50013).is_absent());
        assert_eq!((seconds(0.2), seconds(6.0), seconds(6.4)), (1, 6, 7));
    }
}
