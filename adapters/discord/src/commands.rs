//! The slash commands registered in each guild: one per core command, named in French with
//! English localisations, described by the catalog's usage line (so `/aide` and Discord's
//! menu say the same), with one text option where the command takes words. Moderation
//! commands are hidden from members by default permissions; the core checks roles anyway.
//! Commands typed in a channel answer privately (ephemerally), but for posts, which are
//! announced in the channel.

use entraide_core::catalog;
use entraide_core::command::{CommandName, Takes, Trait};
use entraide_core::model::{Category, Lang};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption, Permissions};

/// The name of the text option.
pub const TEXT: &str = "texte";

/// The name of the number option (a post, a proposal, a report…).
pub const NUMBER: &str = "numero";

/// The name of a request's or an offer's category option.
pub const CATEGORY: &str = "categorie";

/// Discord's locales for English.
const ENGLISH: [&str; 2] = ["en-US", "en-GB"];

/// A command's name as Discord takes it: lowercase letters, digits, `-` and `_`, 1–32.
fn discord_name(word: &str) -> Option<String> {
    let ok = !word.is_empty()
        && word.chars().count() <= 32
        && word.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    ok.then(|| word.to_owned())
}

/// What a command does, from its usage line ("/besoin TEXTE : demander…" → "demander…"),
/// within Discord's 100 characters.
fn describe(lang: Lang, name: CommandName) -> String {
    let usage = name.usage(lang);
    let what = usage.split_once(": ").map_or(usage.as_str(), |(_, what)| what);
    let description: String = what.trim().chars().take(100).collect();
    if description.is_empty() { name.word(lang).to_owned() } else { description }
}

/// An option named and described in French, with its English localisations, from the
/// catalog (`discord-option-ID`).
fn option(kind: CommandOptionType, name: &str, english_name: &str, id: &str) -> CreateCommandOption {
    let key = format!("discord-option-{id}");
    let english = catalog::text(Lang::En, &key, &[]);
    let mut option = CreateCommandOption::new(kind, name, catalog::text(Lang::Fr, &key, &[]));
    for locale in ENGLISH {
        option = option.name_localized(locale, english_name).description_localized(locale, english.clone());
    }
    option
}

/// The option for a number.
fn number_option() -> CreateCommandOption {
    option(CommandOptionType::Integer, NUMBER, "number", "number").min_int_value(1).required(true)
}

/// The option for words (left out of a request or an offer, a form asks for them).
fn text_option() -> CreateCommandOption {
    option(CommandOptionType::String, TEXT, "text", "text").required(false)
}

/// The category a request or an offer may name (the core reads it as a hashtag), with the
/// catalog's names; "other" goes without saying.
fn category_option() -> CreateCommandOption {
    let mut option = option(CommandOptionType::String, CATEGORY, "category", "category").required(false);
    for category in Category::ALL.iter().filter(|category| **category != Category::Other) {
        let id = format!("category-{category}");
        let english = catalog::text(Lang::En, &id, &[]);
        let locales = ENGLISH.map(|locale| (locale, english.clone()));
        option = option.add_string_choice_localized(catalog::text(Lang::Fr, &id, &[]), category.as_str(), locales);
    }
    option
}

/// The hashtag that names a category chosen in Discord's menu, in the member's language.
pub fn category_tag(value: &str, lang: Lang) -> Option<String> {
    let category = Category::ALL.iter().find(|category| category.as_str() == value)?;
    Some(format!("#{}", catalog::text(lang, &format!("category-{category}"), &[]).replace(' ', "-")))
}

/// Every command, ready to register in a guild.
pub fn all() -> Vec<CreateCommand> {
    CommandName::all()
        .filter_map(|name| {
            let french = discord_name(name.word(Lang::Fr))?;
            let english = discord_name(name.word(Lang::En));
            let description = describe(Lang::Fr, name);
            let english_description = describe(Lang::En, name);
            let mut command = CreateCommand::new(french).description(description);
            for locale in ENGLISH {
                if let Some(english) = &english {
                    command = command.name_localized(locale, english.clone());
                }
                command = command.description_localized(locale, english_description.clone());
            }
            match name.facts().takes {
                Takes::Nothing => {}
                Takes::Number if name.has(Trait::OwnPost) => {
                    command = command.add_option(number_option().set_autocomplete(true));
                }
                Takes::Number => command = command.add_option(number_option()),
                // `/signaler N MOTIF` or `/signaler @MEMBRE MOTIF`: the number may be left out.
                Takes::NumberThenText if name == CommandName::Report => {
                    command = command.add_option(number_option().required(false)).add_option(text_option());
                }
                Takes::NumberThenText => command = command.add_option(number_option()).add_option(text_option()),
                // A place is completed from the places the core knows.
                Takes::Text if name == CommandName::Place => {
                    command = command.add_option(text_option().set_autocomplete(true));
                }
                Takes::Text if name.has(Trait::Announces) => {
                    command = command.add_option(text_option()).add_option(category_option());
                }
                Takes::Text => command = command.add_option(text_option()),
            }
            if name.is_moderation() {
                command = command.default_member_permissions(Permissions::MODERATE_MEMBERS);
            }
            Some(command)
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_registered_in_both_languages() {
        let commands = all();
        assert!(!commands.is_empty() && commands.len() <= 100, "{}", commands.len());
        let json = serde_json::to_value(&commands).expect("serializable");
        let need = json.as_array().unwrap().iter().find(|c| c["name"] == "besoin").expect("/besoin");
        assert_eq!(need["name_localizations"]["en-US"], "need");
        assert!(need["description"].as_str().unwrap().contains("demander"), "{need}");
        assert_eq!(need["options"][0]["name"], TEXT);
        let categories = need["options"][1]["choices"].as_array().expect("categories to choose from");
        let mentoring = categories.iter().find(|c| c["value"] == "mentoring").expect("mentoring");
        assert_eq!(
            (mentoring["name"].as_str(), mentoring["name_localizations"]["en-GB"].as_str()),
            (Some("tutorat"), Some("mentoring"))
        );
        assert_eq!(category_tag("room", Lang::Fr).as_deref(), Some("#hébergement"));
        let place = json.as_array().unwrap().iter().find(|c| c["name"] == "lieu").expect("/lieu");
        assert_eq!(place["options"][0]["autocomplete"], true, "completed from known places");
        let close = json.as_array().unwrap().iter().find(|c| c["name"] == "fermer").expect("/fermer");
        assert_eq!(
            (close["options"][0]["name"].as_str(), close["options"][0]["type"].as_u64()),
            (Some(NUMBER), Some(4))
        );
        assert_eq!(close["options"][0]["autocomplete"], true, "completed from the member's open posts");
        let hide = json.as_array().unwrap().iter().find(|c| c["name"] == "masquer").expect("/masquer");
        assert_eq!(hide["options"].as_array().map(Vec::len), Some(2), "a number, then a reason: {hide}");
        assert_eq!(need["options"][0]["description"], "ce que tu veux dire", "{need}");
        assert_eq!(need["options"][0]["description_localizations"]["en-GB"], "what you want to say", "{need}");
        let report = json.as_array().unwrap().iter().find(|c| c["name"] == "signaler").expect("/signaler");
        assert_eq!(report["options"][0]["required"], false, "/signaler @MEMBRE MOTIF needs no number: {report}");
        let ban = json.as_array().unwrap().iter().find(|c| c["name"] == "bannir").expect("/bannir");
        assert!(ban["default_member_permissions"].is_string(), "hidden from members: {ban}");
        for command in json.as_array().unwrap() {
            let description = command["description"].as_str().unwrap();
            assert!((1..=100).contains(&description.chars().count()), "{command}");
        }
    }
}
