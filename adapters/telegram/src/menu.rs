//! The command menu Telegram shows under the message box, in French and in English: what a
//! member can do in a private chat, the few commands that make sense in a group, and the
//! moderators' commands for the groups' administrators. Descriptions are the catalog's
//! usage lines, so the menu says what `/aide` says.

use entraide_core::command::{CommandName, Trait};
use entraide_core::model::Lang;
use teloxide::types::{BotCommand, BotCommandScope};

/// Where a menu shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Private chats with the bot.
    Private,
    /// Groups, for everyone.
    Groups,
    /// Groups, for their administrators.
    Administrators,
}

impl Scope {
    /// Every scope.
    pub const ALL: [Scope; 3] = [Scope::Private, Scope::Groups, Scope::Administrators];

    /// Telegram's name for it.
    pub fn telegram(self) -> BotCommandScope {
        match self {
            Scope::Private => BotCommandScope::AllPrivateChats,
            Scope::Groups => BotCommandScope::AllGroupChats,
            Scope::Administrators => BotCommandScope::AllChatAdministrators,
        }
    }
}

/// The menu of a scope in a language. Telegram takes lowercase Latin letters, digits and `_`
/// only, so a name like `mes-donnees` appears with `_`; the core reads both. A name Telegram
/// would refuse is not hidden here: the tests refuse it.
pub fn commands(scope: Scope, lang: Lang) -> Vec<BotCommand> {
    CommandName::all()
        .filter(|name| match scope {
            Scope::Private => !name.is_moderation(),
            Scope::Groups => name.has(Trait::InGroups),
            Scope::Administrators => name.has(Trait::InGroups) || name.is_moderation(),
        })
        .map(|name| {
            let command = name.word(lang).replace('-', "_");
            let usage = name.usage(lang);
            // "/besoin TEXTE : demander…" → "demander…"; at most 256 characters.
            let description = usage.split_once(": ").map_or(usage.as_str(), |(_, what)| what).trim();
            let description: String = description.chars().take(256).collect();
            BotCommand::new(command, description)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_follow_telegram_rules_in_both_languages() {
        for lang in [Lang::Fr, Lang::En] {
            for scope in Scope::ALL {
                let menu = commands(scope, lang);
                assert!(!menu.is_empty() && menu.len() <= 100);
                for command in &menu {
                    assert!((1..=32).contains(&command.command.len()), "{}", command.command);
                    assert!(command.command.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
                    assert!((1..=256).contains(&command.description.chars().count()), "{}", command.command);
                }
            }
        }
        // Nothing is left out for its spelling: every command is in some menu, in each language.
        for lang in [Lang::Fr, Lang::En] {
            let shown: Vec<String> =
                Scope::ALL.iter().flat_map(|scope| commands(*scope, lang)).map(|c| c.command).collect();
            for name in CommandName::all() {
                let word = name.word(lang).replace('-', "_");
                assert!(shown.contains(&word), "/{word} is in no {lang:?} menu");
            }
        }
        let private = commands(Scope::Private, Lang::Fr);
        assert!(private.iter().any(|c| c.command == "besoin" && c.description.contains("demander")));
        assert!(private.iter().any(|c| c.command == "mes_donnees"));
        assert!(!private.iter().any(|c| c.command == "bannir"), "moderation is for administrators");
        let admins = commands(Scope::Administrators, Lang::En);
        assert!(admins.iter().any(|c| c.command == "ban") && admins.iter().any(|c| c.command == "need"));
        assert!(!commands(Scope::Groups, Lang::Fr).iter().any(|c| c.command == "inviter"), "codes are private");
    }
}
