//! The keys a word is looked up by in the thesaurus (its folded singular form and its Snowball
//! stems, tagged by language), and the language a post is written in, which says which stems
//! to use.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Token, fold};
use crate::model::Lang;

static FRENCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Shortest stem used as a key: shorter stems conflate unrelated words (`don` for `données`).
const MIN_STEM: usize = 4;

/// French words that end in `s` in the singular too: "dans ma cour" is no "cours".
const INVARIABLE: [&str; 15] = [
    "cours", "corps", "temps", "fois", "pays", "bras", "repas", "tapis", "avis", "souris", "mois", "prix", "poids",
    "parcours", "bois",
];

/// The folded singular form: a trailing `s` or `x` dropped from words of four letters or more
/// (but not from words that always end so).
pub fn singular(folded: &str) -> &str {
    // The ending is looked at first: most words have none, and this runs on every word of a
    // post for every list of phrases it is read against.
    match folded.strip_suffix(['s', 'x']) {
        Some(stripped) if folded.chars().nth(3).is_some() && !INVARIABLE.contains(&folded) => stripped,
        _ => folded,
    }
}

/// The keys a token is looked up by: its singular form, and its stem in `langs` (the post's
/// language, or both for the thesaurus's own words). A stem is tagged with its language, so
/// that stems only meet stems of the same stemmer: run through the French stemmer, "carry"
/// is not "carrière".  `exact` tokens (whose stems collide with unrelated words) only have
/// their singular form.
pub fn keys(token: &Token, exact: bool, langs: &[Lang]) -> Vec<String> {
    let mut keys = vec![singular(&token.folded).to_owned()];
    if exact {
        return keys;
    }
    for lang in langs {
        let (stemmer, tag) = match lang {
            Lang::Fr => (&*FRENCH, "fr:"),
            Lang::En => (&*ENGLISH, "en:"),
        };
        let stem = fold(&stemmer.stem(&token.lower));
        if stem.chars().count() >= MIN_STEM {
            keys.push(format!("{tag}{stem}"));
        }
    }
    keys
}

/// The language a text is written in, from its most common small words; `None` when it
/// could be either (then words are read in both).
pub fn language(tokens: &[Token]) -> Option<Lang> {
    // Tokens of one letter are dropped before this ("j'", "I", "a").
    let french = |word: &str| {
        matches!(
            word,
            "je" | "tu"
                | "il"
                | "elle"
                | "on"
                | "nous"
                | "vous"
                | "le"
                | "la"
                | "les"
                | "un"
                | "une"
                | "des"
                | "du"
                | "de"
                | "et"
                | "est"
                | "ai"
                | "suis"
                | "pour"
                | "qui"
                | "que"
                | "avec"
                | "pas"
                | "mon"
                | "ma"
                | "mes"
                | "dans"
                | "au"
                | "aux"
        )
    };
    let english = |word: &str| {
        matches!(
            word,
            "you"
                | "he"
                | "she"
                | "we"
                | "they"
                | "the"
                | "an"
                | "and"
                | "is"
                | "are"
                | "for"
                | "who"
                | "with"
                | "not"
                | "my"
                | "to"
                | "of"
                | "in"
                | "can"
                | "anyone"
                | "have"
                | "it"
                | "me"
                | "someone"
        )
    };
    let count = |words: fn(&str) -> bool| tokens.iter().filter(|t| words(&t.lower)).count();
    let (fr, en) = (count(french), count(english));
    if fr >= 2 * en.max(1) {
        Some(Lang::Fr)
    } else if en >= 2 * fr.max(1) {
        Some(Lang::En)
    } else {
        None
    }
}
