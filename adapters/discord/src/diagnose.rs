//! What `entraide doctor` checks on Discord: that the token is accepted, and that in each
//! guild the bot has the permissions the community needs (from its roles, as Discord
//! computes them), with its role above the member role it hands out.

use entraide_core::diagnosis::{Finding, Severity};
use serenity::all::{GuildId, Permissions, RoleId};

use crate::Discord;
use crate::messenger::refused;

/// The permissions the bot uses, the finding when one is missing, and how much it matters.
const NEEDED: [(Permissions, &str, Severity); 7] = [
    (Permissions::SEND_MESSAGES, "doctor-discord-perm-post", Severity::Blocking),
    (Permissions::CREATE_INSTANT_INVITE, "doctor-discord-perm-invite", Severity::Blocking),
    (Permissions::BAN_MEMBERS, "doctor-discord-perm-ban", Severity::Blocking),
    (Permissions::MODERATE_MEMBERS, "doctor-discord-perm-timeout", Severity::Blocking),
    (Permissions::MANAGE_ROLES, "doctor-discord-perm-roles", Severity::Blocking),
    (Permissions::MANAGE_GUILD, "doctor-discord-perm-guild", Severity::Warning),
    (Permissions::MANAGE_MESSAGES, "doctor-discord-perm-messages", Severity::Warning),
];

impl Discord {
    /// The token, then each guild's permissions.
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
        if self.shared.settings.guilds.is_empty() {
            found.push(Finding::new(Severity::Warning, "doctor-discord-no-guild"));
        }
        for guild in &self.shared.settings.guilds {
            let id = GuildId::new(*guild);
            let (member, roles) = match tokio::try_join!(http.get_member(id, me.id), http.get_guild_roles(id)) {
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
            // @everyone's role has the guild's id; the member's roles add to it.
            let everyone = RoleId::new(*guild);
            let mine = roles.iter().filter(|role| role.id == everyone || member.roles.contains(&role.id));
            let permissions = mine.clone().fold(Permissions::empty(), |all, role| all | role.permissions);
            let top = mine.map(|role| role.position).max().unwrap_or(0);
            let admin = permissions.contains(Permissions::ADMINISTRATOR);
            let before = found.len();
            for (permission, key, severity) in NEEDED {
                if !admin && !permissions.contains(permission) {
                    found.push(Finding::new(severity, key).with("guild", guild));
                }
            }
            if let Some(role) = self.shared.settings.member_roles.get(guild) {
                match roles.iter().find(|r| r.id.get() == *role) {
                    None => found.push(
                        Finding::new(Severity::Blocking, "doctor-discord-role-unknown")
                            .with("guild", guild)
                            .with("role", role),
                    ),
                    Some(r) if r.position >= top => found.push(
                        Finding::new(Severity::Blocking, "doctor-discord-role-above")
                            .with("guild", guild)
                            .with("role", &r.name),
                    ),
                    Some(_) => {}
                }
            }
            if found.len() == before {
                found.push(Finding::new(Severity::Fine, "doctor-discord-guild-ok").with("guild", guild));
            }
        }
        found
    }
}
