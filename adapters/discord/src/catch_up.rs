//! Reading back what a shard missed. Discord replays missed events only to a session that
//! resumes; a new session (a process taking a shard over from one that died, or a session
//! Discord would not resume) starts from now. So once a shard is ready, the bot reads back
//! through REST what was written since it was last known connected (`discord:seen:SHARD`,
//! saved every 10 s while connected, read from 90 s before): messages in the community's channels and in the DM
//! channels people wrote to it lately (Discord gives a bot no list of its DM channels: the
//! 500 most recent within 30 days are kept in `discord:dms`), members who joined (held for
//! a moderator: the invites that explain them were used in the gap), and bans, kicks and
//! timeouts made by hand (the audit log). Each goes through the same handler as the live
//! event, under the same id, so what came live as well is handled once.
//!
//! Interactions (slash commands, buttons) sent in the gap are not replayable: Discord tells
//! the member the application did not respond, and they can try again. Threads and forum
//! posts are not read back (only text and announcement channels).

use std::collections::HashMap;

use serenity::all::{
    AuditLogEntry, AuditLogEntryId, ChannelId, ChannelType, Context, GetMessages, GuildId, Message, MessageId,
    Timestamp, UserId,
};

use entraide_core::model::Platform;

use crate::{Handler, translate};

/// The cursor saying when a shard was last known connected, per shard.
fn seen_cursor(shard: u32) -> String {
    format!("discord:seen:{shard}")
}

/// The cursor listing the DM channels people wrote to the bot in lately.
const DMS_CURSOR: &str = "discord:dms";
/// How many DM channels are read back at most, the most recently active first.
const DMS_KEPT: usize = 500;
/// How long a DM channel stays in the list without a message.
const DMS_FOR: i64 = 30 * 24 * 3600;
/// Read back from well before the shard was last known connected: a connection that died
/// silently is noticed only once two heartbeats (41 s apart) go unanswered, and what was
/// waiting to be handled then was not handled yet.
const MARGIN: i64 = 90;
/// Read back a day at most (as Telegram keeps updates): older commands are stale.
const LONGEST: i64 = 24 * 3600;
/// How often a connected shard says so.
pub(crate) const SEEN_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// Discord's first second (2015-01-01), where snowflake times start.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

/// The smallest snowflake of a second (Unix time): ids after it were made then or later.
pub(crate) fn snowflake(unix_seconds: i64) -> u64 {
    u64::try_from(unix_seconds * 1000 - DISCORD_EPOCH_MS).unwrap_or(0) << 22
}

/// The DM channels people wrote to the bot in, with when they last did.
#[derive(Default)]
pub(crate) struct RecentDms(std::sync::Mutex<HashMap<u64, i64>>);

impl RecentDms {
    fn channels(&self) -> std::sync::MutexGuard<'_, HashMap<u64, i64>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Someone wrote in `channel` at `at`: whether the channel is new here.
    pub(crate) fn wrote(&self, channel: u64, at: i64) -> bool {
        self.channels().insert(channel, at).is_none()
    }

    /// Adds the channels saved (`channel:at,…`), keeping the latest time of each.
    fn merge(&self, saved: &str) {
        let mut channels = self.channels();
        for (channel, at) in parse(saved) {
            let latest = channels.entry(channel).or_insert(at);
            *latest = (*latest).max(at);
        }
    }

    /// The channels to keep, most recent first, as saved.
    fn to_saved(&self, now: i64) -> String {
        let mut channels: Vec<(u64, i64)> =
            self.channels().iter().filter(|(_, at)| now - **at <= DMS_FOR).map(|(c, at)| (*c, *at)).collect();
        channels.sort_by_key(|(channel, at)| (std::cmp::Reverse(*at), *channel));
        channels.truncate(DMS_KEPT);
        channels.iter().map(|(channel, at)| format!("{channel}:{at}")).collect::<Vec<_>>().join(",")
    }
}

/// The channels of a saved list; what is malformed is left out.
fn parse(saved: &str) -> impl Iterator<Item = (u64, i64)> + '_ {
    saved.split(',').filter_map(|pair| {
        let (channel, at) = pair.split_once(':')?;
        Some((channel.parse().ok()?, at.parse().ok()?))
    })
}

impl Handler {
    /// Adds the DM channels saved (another process may have added some) to those known here;
    /// false when they could not be read.
    async fn load_dms(&self) -> bool {
        match self.shared.service.cursor(DMS_CURSOR).await {
            Ok(saved) => {
                self.shared.recent_dms.merge(saved.as_deref().unwrap_or(""));
                true
            }
            Err(error) => {
                tracing::warn!(%error, "could not read the recent Discord DM channels");
                false
            }
        }
    }

    /// Saves the DM channels known here merged with those saved.
    pub(crate) async fn save_dms(&self) {
        self.load_dms().await;
        let now = Timestamp::now().unix_timestamp();
        if let Err(error) = self.shared.service.save_cursor(DMS_CURSOR, &self.shared.recent_dms.to_saved(now)).await {
            tracing::warn!(%error, "could not save the recent Discord DM channels");
        }
    }

    /// A connected, caught-up shard says so (and shard 0, which receives DMs, saves where
    /// people wrote): a later session reads back from here.
    pub(crate) async fn mark_seen(&self, shard: u32) {
        if !self.shared.is_caught_up(shard) {
            return;
        }
        let now = Timestamp::now().unix_timestamp();
        if let Err(error) = self.shared.service.save_cursor(&seen_cursor(shard), &now.to_string()).await {
            tracing::warn!(%error, "could not save when a Discord shard was connected");
        }
        if shard == 0 {
            self.save_dms().await;
        }
    }

    /// Reads back what `shard` missed in `guilds` (and, on shard 0, in DMs) since it was last
    /// known connected; nothing the first time. Once all was read, the shard is caught up in
    /// this `session` (and says so from then on); after an error it is not, so the next
    /// session reads back from the same point.
    pub(crate) async fn catch_up(&self, ctx: &Context, shard: u32, guilds: Vec<GuildId>, session: u64) {
        let now = Timestamp::now().unix_timestamp();
        let since = match self.shared.service.cursor(&seen_cursor(shard)).await {
            Ok(saved) => saved.and_then(|at| at.parse::<i64>().ok()),
            Err(error) => {
                tracing::warn!(%error, "could not read when a Discord shard was last connected; nothing read back");
                return;
            }
        };
        if let Some(since) = since {
            let from = (since - MARGIN).max(now - LONGEST);
            let mut read = Read::default();
            for guild in &guilds {
                read.add(self.audit_since(*guild, from).await);
                read.add(self.joins_since(ctx, *guild, from).await);
            }
            let mut channels = Vec::new();
            for guild in guilds {
                match guild.channels(&ctx.http).await {
                    Ok(found) => channels.extend(
                        found
                            .into_values()
                            .filter(|channel| matches!(channel.kind, ChannelType::Text | ChannelType::News))
                            .map(|channel| (channel.id, Some(guild))),
                    ),
                    Err(error) => {
                        tracing::warn!(%guild, %error, "could not list a guild's channels to read back");
                        read.whole = false;
                    }
                }
            }
            if shard == 0 {
                read.whole &= self.load_dms().await;
                let saved = self.shared.recent_dms.to_saved(now);
                channels.extend(parse(&saved).map(|(channel, _)| (ChannelId::new(channel.max(1)), None)));
            }
            read.add(self.messages_since(ctx, shard, channels, from).await);
            if read.events > 0 {
                tracing::warn!(
                    shard,
                    read_back = read.events,
                    "read back events sent while no session held a Discord shard"
                );
            }
            if !read.whole {
                tracing::warn!(shard, "could not read back all a Discord shard missed: the next session tries again");
                return;
            }
        }
        self.shared.caught_up(shard, session);
        self.mark_seen(shard).await;
    }

    /// Bans, kicks and timeouts made by hand since `from` (the audit log, newest first, paged
    /// back), oldest first.
    async fn audit_since(&self, guild: GuildId, from: i64) -> Read {
        let after = snowflake(from);
        let http = &self.shared.http;
        let (mut entries, mut before): (Vec<AuditLogEntry>, Option<AuditLogEntryId>) = (Vec::new(), None);
        let mut whole = true;
        loop {
            let page = match guild.audit_logs(http, None, None, before, Some(100)).await {
                Ok(page) => page.entries,
                Err(error) => {
                    tracing::warn!(%guild, %error, "could not read the audit log back");
                    whole = false;
                    break;
                }
            };
            let full = page.len() == 100;
            let oldest = page.iter().map(|entry| entry.id).min();
            entries.extend(page.into_iter().filter(|entry| entry.id.get() > after));
            match oldest {
                Some(oldest) if full && oldest.get() > after => before = Some(oldest),
                _ => break,
            }
        }
        entries.sort_by_key(|entry| entry.id);
        for entry in &entries {
            self.audit(entry, guild).await;
        }
        Read { events: entries.len(), whole }
    }

    /// Members who joined since `from` (the whole list, by id, 1,000 at a time), held for a
    /// moderator: what explains each join passed unseen.
    async fn joins_since(&self, ctx: &Context, guild: GuildId, from: i64) -> Read {
        let mut joined = Vec::new();
        let mut after: Option<UserId> = None;
        let mut whole = true;
        loop {
            let page = match guild.members(&ctx.http, Some(1000), after).await {
                Ok(page) => page,
                Err(error) => {
                    tracing::warn!(%guild, %error, "could not list the guild's members to read joins back");
                    whole = false;
                    break;
                }
            };
            let full = page.len() == 1000;
            after = page.iter().map(|member| member.user.id).max();
            joined.extend(
                page.into_iter().filter(|member| member.joined_at.is_some_and(|at| at.unix_timestamp() >= from)),
            );
            if !full {
                break;
            }
        }
        joined.sort_by_key(|member| member.joined_at.map(|at| at.unix_timestamp()));
        let events = joined.len();
        for member in joined {
            let at = member.joined_at.map_or(0, |at| at.unix_timestamp());
            self.joined(member, translate::Attribution::default().join(None, at)).await;
        }
        Read { events, whole }
    }

    /// The messages written in `channels` since `from` (`Some(guild)` for a guild's), each
    /// handled as if it had come live, one after the other in each channel; four channels at
    /// a time, each read then handled.
    async fn messages_since(
        &self,
        ctx: &Context,
        shard: u32,
        channels: Vec<(ChannelId, Option<GuildId>)>,
        from: i64,
    ) -> Read {
        use futures::StreamExt;
        let mut channels = futures::stream::iter(channels)
            .map(|(channel, guild)| async move {
                let (unseen, whole) = self.unseen_in(ctx, shard, channel, guild, from).await;
                let events = unseen.len();
                for message in unseen {
                    self.on_message(ctx.clone(), message, std::time::Duration::ZERO).await;
                }
                Read { events, whole }
            })
            .buffer_unordered(4);
        let mut read = Read::default();
        while let Some(channel) = channels.next().await {
            read.add(channel);
        }
        read
    }

    /// A channel's messages since `from` not handled yet (most were, as they came), people's
    /// only, oldest first, and whether all could be read; nothing once the shard has closed
    /// here (the next session reads on).
    async fn unseen_in(
        &self,
        ctx: &Context,
        shard: u32,
        channel: ChannelId,
        guild: Option<GuildId>,
        from: i64,
    ) -> (Vec<Message>, bool) {
        let mut unseen = Vec::new();
        let mut after = MessageId::new(snowflake(from).max(1));
        loop {
            if !self.shared.is_open(shard) {
                return (unseen, false);
            }
            let page = match channel.messages(&ctx.http, GetMessages::new().after(after).limit(100)).await {
                Ok(page) => page,
                Err(error) => {
                    tracing::warn!(%channel, %error, "could not read a channel back");
                    return (unseen, false);
                }
            };
            let full = page.len() == 100;
            let Some(latest) = page.iter().map(|message| message.id).max() else { break };
            after = latest;
            let people: Vec<Message> = page.into_iter().filter(|message| !message.author.bot).collect();
            let ids: Vec<String> = people.iter().map(|message| message.id.to_string()).collect();
            let seen: std::collections::HashSet<String> =
                match self.shared.service.events_seen(Platform::Discord, &ids).await {
                    Ok(seen) => seen.into_iter().collect(),
                    Err(error) => {
                        tracing::warn!(%error, "could not check which messages were handled");
                        return (unseen, false);
                    }
                };
            for mut message in people.into_iter().filter(|message| !seen.contains(&message.id.to_string())) {
                // A message read through REST does not say its guild.
                message.guild_id = guild;
                unseen.push(message);
            }
            if !full {
                break;
            }
        }
        unseen.sort_by_key(|message| message.id);
        (unseen, true)
    }
}

/// What a read-back found, and whether it could read everything.
struct Read {
    events: usize,
    whole: bool,
}

impl Default for Read {
    fn default() -> Self {
        Self { events: 0, whole: true }
    }
}

impl Read {
    fn add(&mut self, other: Read) {
        self.events += other.events;
        self.whole &= other.whole;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snowflake_orders_by_time() {
        // Discord's documented example: 175928847299117063 was made at 1462015105796 ms.
        assert!(snowflake(1_462_015_105) <= 175_928_847_299_117_063);
        assert!(snowflake(1_462_015_106) > 175_928_847_299_117_063);
        assert_eq!(snowflake(0), 0, "before Discord's epoch");
    }

    #[test]
    fn recent_dm_channels_keep_the_latest_and_drop_the_stale() {
        let dms = RecentDms::default();
        assert!(dms.wrote(10, 1_000));
        assert!(!dms.wrote(10, 2_000), "known");
        dms.merge("10:1500,20:1900,bad,30:x,40:-5");
        let now = 2_000;
        assert_eq!(dms.to_saved(now), "10:2000,20:1900,40:-5");
        assert_eq!(dms.to_saved(now + DMS_FOR + 1), "", "a month without a word");
        for channel in 0..(DMS_KEPT as u64 + 10) {
            dms.wrote(1_000 + channel, 3_000 + channel as i64);
        }
        let saved = dms.to_saved(4_000);
        assert_eq!(parse(&saved).count(), DMS_KEPT);
        assert!(saved.starts_with(&format!("{}:", 1_000 + DMS_KEPT as u64 + 9)), "the most recent first");
    }
}
