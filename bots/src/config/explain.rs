//! Explaining a configuration problem in the operator's language: the language a file
//! declares (read even from a file that does not parse), and serde's and toml's English
//! errors in French.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The language a configuration text declares (`language = "en"`), read line by line so
/// that a file that does not parse is explained in it too; French, as the example, when it
/// declares none.
pub fn declared_language(text: &str) -> Lang {
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix("language"))
        .filter_map(|rest| rest.trim_start().strip_prefix('='))
        .find_map(|value| {
            let value = value.split('#').next().unwrap_or_default().trim();
            Lang::parse(value.trim_matches(['"', '\'']))
        })
        .unwrap_or(Lang::Fr)
}

/// The language to explain a configuration problem in: the environment's, the file's, or
/// French. For `entraide doctor`, when the file cannot be loaded.
pub fn operator_language(path: Option<&Path>) -> Lang {
    let text = match path {
        Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
        None => EXAMPLE.to_owned(),
    };
    env_language(|key| std::env::var(key).ok()).unwrap_or_else(|| declared_language(&text))
}

/// serde's and toml's English account of a parse error, in the operator's language when it
/// is one of serde's usual shapes (a wrong type, an unknown or missing key, an unknown
/// value); otherwise the TOML parser's own words, said to be its.
pub(super) fn explain(lang: Lang, message: &str) -> String {
    let message = message.trim();
    translated(lang, message)
        .unwrap_or_else(|| catalog::text(lang, "config-syntax", &[("detail", message.replace('\n', "; ").into())]))
}

fn translated(lang: Lang, message: &str) -> Option<String> {
    let say = |id: &str, args: &[catalog::Arg<'_>]| Some(catalog::text(lang, id, args));
    // "`a`, `b` or `c`" → "a, b, c"
    let names = |list: &str| list.split('`').skip(1).step_by(2).collect::<Vec<_>>().join(", ");
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, tail) = rest.split_once('`')?;
        return match names(tail) {
            known if known.is_empty() => say("config-unknown-key-none", &[("key", key.into())]),
            known => say("config-unknown-key", &[("key", key.into()), ("known", known.into())]),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`')?;
        return say("config-unknown-value", &[("value", value.into()), ("known", names(tail).into())]);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let (key, _) = rest.split_once('`')?;
        return say("config-missing-key", &[("key", key.into())]);
    }
    if message == "duplicate key" || message.starts_with("duplicate key:") || message.starts_with("duplicate field") {
        return say("config-duplicate-key", &[]);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.rsplit_once(", expected ")?;
        let (found, expected) = (kind(lang, found)?, kind(lang, expected)?);
        return say("config-wrong-type", &[("found", found.into()), ("expected", expected.into())]);
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (_, expected) = rest.rsplit_once(", expected ")?;
        return say("config-wrong-value", &[("expected", kind(lang, expected)?.into())]);
    }
    None
}

/// serde's name for a kind of value ("u32", "a string", "integer `3`"), in `lang`; never
/// the value itself.
fn kind(lang: Lang, described: &str) -> Option<String> {
    let first = described.split([' ', '`']).next()?;
    let id = match first {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "config-kind-count",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "integer" => "config-kind-integer",
        "f32" | "f64" | "floating" => "config-kind-number",
        "string" | "path" | "char" | "character" => "config-kind-text",
        "boolean" => "config-kind-boolean",
        "sequence" | "array" => "config-kind-list",
        "map" | "struct" | "table" => "config-kind-table",
        "a" | "an" => return kind(lang, described.split_once(' ')?.1),
        _ => return None,
    };
    Some(catalog::text(lang, id, &[]))
}
