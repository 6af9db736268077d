//! What an offer turns down after naming it: "Evenings are not possible for me", "Long trips
//! (Bordeaux, Nantes) are too much for me", "Le repassage, je ne fais pas". The denial comes
//! after its subject, where [`text::negated`] (which reads the words before) cannot see it.

use super::text::{self, Token};

/// Words that end a clause's subject and start another clause: what stands before them is not
/// what the predicate turns down ("I drive to appointments but long trips are too much").
const CLAUSE_BREAKS: [&str; 8] = ["but", "mais", "however", "sauf", "except", "contre", "cependant", "though"];

/// Words that turn a subject's meaning over: "aucun meuble n'est trop lourd", "nothing is too
/// much trouble" refuse nothing.
const NEGATIVE_SUBJECTS: [&str; 9] = ["aucun", "aucune", "no", "nothing", "rien", "none", "never", "jamais", "pas"];

/// The longest subject a refusal reaches back over, in words (parentheses left out).
const MAX_SUBJECT: usize = 6;

/// Byte spans of an offer's text that it turns down: each is the subject of a refusing
/// predicate, from the start of its clause to the predicate.
pub fn refused_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (start, end) in text::sentences(text) {
        let tokens = text::tokens(&text[start..end]);
        let words: Vec<&str> = tokens.iter().map(|token| token.folded.as_str()).collect();
        for at in 0..words.len() {
            if !refuses(&text[start..end], &tokens, &words, at) {
                continue;
            }
            let predicate = start + tokens[at].span.0;
            if let Some(from) = subject_start(text, start, predicate) {
                spans.push((from, predicate));
            }
            break;
        }
    }
    spans
}

/// Whether the words from `at` refuse what comes before them ("are not possible", "c'est
/// trop loin", "je ne fais pas.").
fn refuses(sentence: &str, tokens: &[Token], words: &[&str], at: usize) -> bool {
    let word = |offset: usize| words.get(at + offset).copied().unwrap_or_default();
    let resumed = matches!(word(0), "ce" | "ca" | "that" | "it" | "this");
    let verb = usize::from(resumed);
    let is_verb = matches!(word(verb), "est" | "sont" | "is" | "are" | "isn" | "aren" | "was");
    let predicate = is_verb
        && match (word(verb + 1), word(verb + 2)) {
            ("pas" | "not", "possible" | "possibles" | "envisageable" | "envisageables" | "option") => true,
            ("pas" | "not", "pour" | "for") => matches!(word(verb + 3), "moi" | "me"),
            // "Les soirées et les week-ends, c'est pour ma famille."
            ("pour" | "for", "ma" | "mon" | "mes" | "my" | "la") => {
                matches!(word(verb + 3), "famille" | "family" | "enfants" | "kids" | "children" | "proches")
            }
            ("pas" | "not", "my" | "mon") => matches!(word(verb + 3), "thing" | "truc" | "domaine"),
            ("possible" | "option", _) => matches!(word(verb), "isn" | "aren"),
            ("too" | "trop", next) => {
                matches!(
                    next,
                    "much" | "far" | "loin" | "pour" | "complique" | "complicated" | "difficult" | "difficile"
                )
            }
            ("impossible" | "impossibles" | "exclu" | "exclus" | "exclue" | "exclues" | "excluded", _) => true,
            ("hors", "de") | ("out", "of") => matches!(word(verb + 3), "question" | "the"),
            _ => false,
        };
    // "Le repassage, je ne fais pas.", "Evenings I can't (my mum)": a first person that turns
    // down what it just named, with nothing after it.
    let first_person = !resumed
        && match words.get(at..).unwrap_or_default() {
            ["je", "ne", "fais" | "peux" | "prends", "pas", ..] => Some(at + 3),
            ["je", "fais" | "peux" | "prends", "pas", ..] => Some(at + 2),
            ["i", "cannot" | "don", ..] => Some(at + 1),
            _ => None,
        }
        .is_some_and(|last| ends_clause(sentence, tokens, last));
    predicate || first_person
}

/// Whether nothing but punctuation or a parenthesis follows the word at `last`.
fn ends_clause(sentence: &str, tokens: &[Token], last: usize) -> bool {
    let Some(token) = tokens.get(last) else { return false };
    let rest = sentence.get(token.span.1..).unwrap_or_default().trim_start();
    rest.is_empty() || rest.starts_with(['.', ',', '!', ';', '(', ')', '…'])
}

/// Where the subject of a predicate at byte `predicate` starts: after the last clause break
/// before it (a comma, a colon, "mais", "but"), parentheses left out; none when that subject
/// is empty, too long, or negative.
fn subject_start(text: &str, sentence: usize, predicate: usize) -> Option<usize> {
    let before = text.get(sentence..predicate)?;
    // Parentheses say which ones ("Long trips (Bordeaux, Nantes)"): blanked, not read.
    let mut depth = 0_usize;
    let mut bare = String::with_capacity(before.len());
    for c in before.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 || c == ')' {
            // As many bytes as the character, so offsets stay those of the text.
            bare.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            bare.push(c);
        }
    }
    // "Les longs trajets, c'est trop": a pronoun after a comma takes up the subject before it.
    let resumes = |part: &str| {
        text::tokens(part).iter().all(|token| matches!(token.folded.as_str(), "ce" | "ca" | "that" | "it" | "this"))
    };
    let mut from = 0;
    let mut end = bare.len();
    while let Some(at) = bare[..end].rfind([',', ';', ':', '–']) {
        let after = at + bare[at..].chars().next().map_or(1, char::len_utf8);
        if bare[at..].starts_with(',') && resumes(&bare[after..end]) && end == bare.len() {
            end = at;
            continue;
        }
        from = after;
        break;
    }
    let tokens = text::tokens(&bare[from..]);
    if let Some(cut) = tokens.iter().rposition(|token| CLAUSE_BREAKS.contains(&token.folded.as_str())) {
        from += tokens[cut].span.1;
    }
    let subject = text::tokens(&bare[from..]);
    let negative = subject.iter().any(|token| NEGATIVE_SUBJECTS.contains(&token.folded.as_str()));
    (!subject.is_empty() && subject.len() <= MAX_SUBJECT && !negative).then_some(sentence + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refused part of each text, as written.
    fn refused(text: &str) -> Vec<&str> {
        refused_spans(text).into_iter().map(|(from, to)| text[from..to].trim()).collect()
    }

    #[test]
    fn a_subject_turned_down_after_it_is_named_is_refused() {
        let cases: [(&str, &[&str]); 10] = [
            ("I walk dogs in the morning. Evenings are not possible for me (my mum).", &["Evenings"]),
            (
                "I drive to appointments. Long trips (Bordeaux, Nantes) are too much for me, sorry.",
                &["Long trips (Bordeaux, Nantes)"],
            ),
            ("Je tonds, je taille. Les longs trajets, c'est trop loin pour moi.", &["Les longs trajets, c'"]),
            ("Je fais les courses. Le repassage, je ne fais pas.", &["Le repassage,"]),
            ("Le soir ce n'est pas possible.", &["Le soir"]),
            (
                "En semaine uniquement, les soirées et les week-ends c'est pour ma famille.",
                &["les soirées et les week-ends c'"],
            ),
            ("I drive to appointments but long trips are too much.", &["long trips"]),
            // Negative subjects refuse nothing; a predicate without a refusal is no denial.
            ("Aucun meuble n'est trop lourd pour moi !", &[]),
            ("Big dogs are not a problem, I grew up with them.", &[]),
            ("Je ne fais pas de soudure mais je peux vous prêter le poste.", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(refused(text), expected, "{text}");
        }
    }

    #[test]
    fn a_long_clause_before_the_predicate_is_no_subject() {
        assert!(
            refused("Quand vous m'appelez pour venir chez vous en semaine avec le camion c'est impossible.").is_empty()
        );
    }
}
