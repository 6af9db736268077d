//! The message catalog: every user-facing string, in French and English, as Project Fluent
//! files (`core/locales/*.ftl`) compiled into the binary. Core renders messages in the
//! reader's language; adapters never write user-facing text of their own.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::Lang;

const FRENCH: &str = include_str!("../locales/fr.ftl");
const ENGLISH: &str = include_str!("../locales/en.ftl");

/// Both languages' bundles, parsed once.
struct Catalog {
    fr: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog { fr: bundle("fr", FRENCH), en: bundle("en", ENGLISH) });

/// Parses one language's file. A syntax error is a bug caught by the tests below.
fn bundle(tag: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, errors)| {
        tracing::error!(?errors, tag, "message catalog has syntax errors");
        resource
    });
    let locale = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Chat apps show Unicode isolation marks as garbage; our arguments are plain text.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(?errors, tag, "message catalog has duplicate ids");
    }
    bundle
}

/// An argument for a message: text or a number (numbers drive plural forms).
pub type Arg<'a> = (&'a str, FluentValue<'a>);

/// Renders message `id` in `lang`. A missing id renders as `⟨id⟩`, which tests look for.
pub fn text(lang: Lang, id: &str, args: &[Arg<'_>]) -> String {
    let bundle = match lang {
        Lang::Fr => &CATALOG.fr,
        Lang::En => &CATALOG.en,
    };
    let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) else {
        tracing::error!(id, %lang, "message missing from the catalog");
        return format!("⟨{id}⟩");
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let rendered = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if !errors.is_empty() {
        tracing::error!(id, %lang, ?errors, "message could not be rendered");
    }
    rendered.into_owned()
}

/// Every message id defined in a language's file (lines `id = …` at the start of a line).
pub fn ids(lang: Lang) -> Vec<String> {
    let source = match lang {
        Lang::Fr => FRENCH,
        Lang::En => ENGLISH,
    };
    source
        .lines()
        .filter_map(|line| line.split_once(" ="))
        .map(|(id, _)| id)
        .filter(|id| id.starts_with(|c: char| c.is_ascii_lowercase()) && !id.contains(' '))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_left_reads_as_a_native_speaker_writes_it() {
        let none = |id: &str, arg: &'static str| {
            text(Lang::Fr, id, &[(arg, 0_i64.into()), ("page", 1_i64.into()), ("pages", 1_i64.into())])
        };
        assert!(none("invite-quota", "remaining").starts_with("Il ne te reste aucune invitation"));
        assert!(none("record-tree", "count").starts_with("N'a fait entrer personne"));
        let one = text(Lang::Fr, "held-ambiguous", &[("count", 1_i64.into()), ("sponsors", "alice".into())]);
        assert_eq!(one, "une invitation possible (parrainage : alice)");
    }

    #[test]
    fn both_files_parse_and_define_the_same_ids() {
        for source in [FRENCH, ENGLISH] {
            assert!(FluentResource::try_new(source.to_owned()).is_ok());
        }
        let mut fr = ids(Lang::Fr);
        let mut en = ids(Lang::En);
        assert!(fr.len() > 40, "{}", fr.len());
        fr.sort();
        en.sort();
        assert_eq!(fr, en);
    }

    #[test]
    fn every_name_the_code_builds_an_id_from_has_a_message() {
        use crate::command::CommandName;
        use crate::model::{AuditAction, MemberStatus, PostState, ReportState, Role};
        let mut needed: Vec<String> = CommandName::all().map(|n| format!("usage-{}", n.word(Lang::En))).collect();
        needed.extend(MemberStatus::ALL.iter().map(|s| format!("status-{s}")));
        needed.extend(PostState::ALL.iter().map(|s| format!("state-{s}")));
        needed.extend(AuditAction::ALL.iter().map(|a| format!("audit-action-{a}")));
        needed.extend(ReportState::ALL.iter().map(|s| format!("report-state-{s}")));
        needed.extend(Role::ALL.iter().map(|r| format!("role-{r}")));
        needed.extend(crate::model::Category::ALL.iter().map(|c| format!("category-{c}")));
        needed.extend(crate::place::PlaceError::ALL.iter().map(|why| why.catalog_id().to_owned()));
        needed.extend(crate::model::Platform::ALL.iter().map(|p| format!("user-id-{p}")));
        for lang in [Lang::Fr, Lang::En] {
            let defined = ids(lang);
            let missing: Vec<&String> = needed.iter().filter(|id| !defined.contains(id)).collect();
            assert!(missing.is_empty(), "{lang}: {missing:?}");
        }
    }

    #[test]
    fn renders_arguments_and_plurals() {
        let one = text(Lang::Fr, "need-posted", &[("id", 3.into()), ("count", 1.into())]);
        let two = text(Lang::En, "need-posted", &[("id", 3.into()), ("count", 2.into())]);
        assert!(one.contains("n°3") && one.contains("1 membre qui"), "{one}");
        assert!(two.contains("#3") && two.contains("2 members"), "{two}");
        assert_eq!(text(Lang::Fr, "no-such-message", &[]), "⟨no-such-message⟩");
    }
}
