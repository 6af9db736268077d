//! What `entraide doctor` checks on Discord: that the token is accepted; in each guild, the
//! permissions the community needs (as Discord computes them from the bot's roles, the
//! owner and administrators aside), with the bot's role above the member role it hands out;
//! and in the channels the bot posts in or makes invites for, what an overwrite may take away.

use entraide_core::diagnosis::{Finding, Severity};
use serenity::all::{Channel, ChannelId, GuildId, Member, PartialGuild, Permissions};

use crate::Discord;

/// The permissions the bot uses in a guild, the finding when one is missing, and how much it
/// matters.
const NEEDED: [(Permissions, &str, Severity); 8] = [
    (Permissions::SEND_MESSAGES, "doctor-discord-perm-post", Severity::Blocking),
    (Permissions::CREATE_INSTANT_INVITE, "doctor-discord-perm-invite", Severity::Blocking),
    (Permissions::BAN_MEMBERS, "doctor-discord-perm-ban", Severity::Blocking),
    (Permissions::MODERATE_MEMBERS, "doctor-discord-perm-timeout", Severity::Blocking),
    (Permissions::MANAGE_ROLES, "doctor-discord-perm-roles", Severity::Blocking),
    (Permissions::MANAGE_GUILD, "doctor-discord-perm-guild", Severity::Warning),
    (Permissions::MANAGE_MESSAGES, "doctor-discord-perm-messages", Severity::Warning),
    (Permissions::VIEW_AUDIT_LOG, "doctor-discord-perm-audit", Severity::Warning),
];

/// In the invite channel: making invites there.
const INVITE_CHANNEL: [(Permissions, &str, Severity); 1] =
    [(Permissions::CREATE_INSTANT_INVITE, "doctor-discord-channel-invite", Severity::Blocking)];

/// In an announcement channel: seeing it, posting, pinning.
const ANNOUNCE_CHANNEL: [(Permissions, &str, Severity); 2] = [
    (Permissions::VIEW_CHANNEL.union(Permissions::SEND_MESSAGES), "doctor-discord-channel-post", Severity::Warning),
    (Permissions::MANAGE_MESSAGES, "doctor-discord-channel-pin", Severity::Warning),
];

impl Discord {
    /// The token, then each guild's permissions and channels.
    pub async fn diagnose(&self) -> Vec<Finding> {
        let http = &self.shared.http;
        let me = match http.get_current_user().await {
            Ok(me) => me,
            Err(error) if refused(&error).is_some_and(|(status, _)| status == 401) => {
                return vec![Finding::new(Severity::Blocking, "doctor-discord-token")];
            }
            Err(_) => return vec![Finding::new(Severity::Blocking, "doctor-discord-unreachable")],
        };
        let mut found = vec![Finding::new(Severity::Fine, "doctor-discord-ok").with("name", &me.name)];
        // The gateway closes on intents the developer portal does not allow (4014).
        match self.missing_intents().await {
            Ok(missing) if missing.is_empty() => {}
            Ok(missing) => found
                .push(Finding::new(Severity::Blocking, "doctor-discord-intents").with("intents", missing.join(", "))),
            Err(_) => found.push(Finding::new(Severity::Warning, "doctor-discord-intents-unknown")),
        }
        let settings = &self.shared.settings;
        if settings.guilds.is_empty() {
            found.push(Finding::new(Severity::Warning, "doctor-discord-no-guild"));
        }
        for (n, guild) in settings.guilds.iter().enumerate() {
            let id = GuildId::new(*guild);
            let (member, server) = match tokio::try_join!(http.get_member(id, me.id), http.get_guild(id)) {
                Ok(both) => both,
                Err(error) if refused(&error).is_some_and(|(status, _)| matches!(status, 403 | 404)) => {
                    found.push(Finding::new(Severity::Blocking, "doctor-discord-not-in-guild").with("guild", guild));
                    continue;
                }
                Err(error) => {
                    tracing::warn!(%error, "doctor: could not read the bot's roles in a guild");
                    found.push(Finding::new(Severity::Blocking, "doctor-discord-unreachable"));
                    continue;
                }
            };
            let before = found.len();
            let permissions = server.member_permissions(&member);
            found.extend(missing(permissions, &NEEDED, |finding| finding.with("guild", guild)));
            if let Some(role) = settings.member_roles.get(guild) {
                found.extend(member_role(&server, &member, *role));
            }
            // Invites are made in the first guild only.
            let invite = settings.invite_channel.filter(|_| n == 0).map(|channel| (channel, &INVITE_CHANNEL[..]));
            let announce = settings.announce_channels.get(guild).map(|channel| (*channel, &ANNOUNCE_CHANNEL[..]));
            for (channel, needed) in invite.into_iter().chain(announce) {
                found.extend(self.channel(&server, &member, channel, needed).await);
            }
            if found.len() == before {
                found.push(Finding::new(Severity::Fine, "doctor-discord-guild-ok").with("guild", guild));
            }
        }
        found
    }

    /// What the bot lacks in one channel of the guild (an overwrite may deny what the guild
    /// grants), or that the channel is not there.
    async fn channel(
        &self,
        server: &PartialGuild,
        member: &Member,
        channel: u64,
        needed: &[(Permissions, &'static str, Severity)],
    ) -> Vec<Finding> {
        let tag = |finding: Finding| finding.with("guild", server.id).with("channel", channel);
        match self.shared.http.get_channel(ChannelId::new(channel)).await {
            Ok(Channel::Guild(found)) if found.guild_id == server.id => {
                missing(server.user_permissions_in(&found, member), needed, tag)
            }
            Ok(_) => vec![tag(Finding::new(Severity::Blocking, "doctor-discord-channel-unknown"))],
            Err(error) if refused(&error).is_some_and(|(status, _)| matches!(status, 403 | 404)) => {
                vec![tag(Finding::new(Severity::Blocking, "doctor-discord-channel-unknown"))]
            }
            Err(_) => vec![Finding::new(Severity::Blocking, "doctor-discord-unreachable")],
        }
    }
}

/// A finding for each needed permission not among `has` (an administrator has them all).
fn missing(
    has: Permissions,
    needed: &[(Permissions, &'static str, Severity)],
    tag: impl Fn(Finding) -> Finding,
) -> Vec<Finding> {
    let admin = has.contains(Permissions::ADMINISTRATOR);
    let lacking = needed.iter().filter(|(permission, ..)| !admin && !has.contains(*permission));
    lacking.map(|(_, key, severity)| tag(Finding::new(*severity, key))).collect()
}

/// The member role must exist, and sit below the bot's highest role for the bot to give it.
fn member_role(server: &PartialGuild, member: &Member, role: u64) -> Option<Finding> {
    let top = member.roles.iter().filter_map(|id| server.roles.get(id)).map(|r| r.position).max().unwrap_or(0);
    let guild = server.id;
    match server.roles.values().find(|r| r.id.get() == role) {
        None => Some(
            Finding::new(Severity::Blocking, "doctor-discord-role-unknown").with("guild", guild).with("role", role),
        ),
        Some(r) if r.position >= top => Some(
            Finding::new(Severity::Blocking, "doctor-discord-role-above").with("guild", guild).with("role", &r.name),
        ),
        Some(_) => None,
    }
}

/// The status and Discord's error code of a refused request.
fn refused(error: &serenity::Error) -> Option<(u16, isize)> {
    match error {
        serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(response)) => {
            Some((response.status_code.as_u16(), response.error.code))
        }
        _ => None,
    }
}
