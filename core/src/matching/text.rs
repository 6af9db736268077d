//! Text reading for matching: tokens and sentences, and what the words around a term say of
//! it (when, for whom, who the author is, what a request already has). Folding (case, accents,
//! ligatures) is in `text/folding.rs`, the keys a token is looked up by and the language of a
//! post in `text/keys.rs`, how a post says no in `text/denials.rs`, when in `text/times.rs`,
//! who and what its story tells about in `text/story.rs`, which slips are forgiven in
//! `text/typos.rs`.

mod denials;
mod folding;
mod keys;
mod story;
mod times;
mod typos;
pub use denials::{
    continues_a_list, denied_after, denied_in_clause, denied_nearby, denied_noun, excepted, feared, is_list_word,
    negated, negated_in_sentence, not_for, not_had_done, not_needed, nothing_to, opens_examples, reassures,
    said_useless, turned_down,
};
pub use folding::{fold, fold_after, fold_before};
pub use keys::{keys, language, singular};
pub use story::{
    brought_along, carried_away, dated_by, described_person, in_backstory_clause, in_past_habit, in_thanks, past_trade,
    quoted_person, relatives_trade, schooled_before,
};
pub use times::{
    DayPart, FREE, author_unavailable, author_working, busy, clock_times, covered, dated, free_day, left_out,
    listed_after, preferred, refused_after, said_only,
};
pub use typos::{distance, plausible_typo, typo_budget};

/// One word of a text, as written (lowercase) and folded, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercase, accents kept: what the stemmers read.
    pub lower: String,
    /// Folded: what exact lookups and typo checks read.
    pub folded: String,
    /// Byte range in the text it was read from, to quote the member's own words.
    pub span: (usize, usize),
    /// How long its singular form is (a start of `folded`): worked out once, for the thirty
    /// lists of phrases a post's words are looked up in.
    singular: usize,
}

impl Token {
    /// Folded and singular ([`singular`]): the form phrases are listed in.
    pub fn singular(&self) -> &str {
        &self.folded[..self.singular]
    }
}

/// Splits a text into words: hyphens, apostrophes and punctuation separate words (but a
/// letter hyphened to a word is one word), elisions (`l'`, `d'`, `qu'`…) and single letters
/// but "I" drop out, digits-only words drop out.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    // A letter hyphened to a word is one word: "e-bike", "e-mail", "t-shirt".
    let mut joined: Vec<(usize, usize)> = Vec::with_capacity(words.len());
    for (from, to) in words {
        match joined.last_mut() {
            Some(last) if is_letter(&text[last.0..last.1]) && &text[last.1..from] == "-" => last.1 = to,
            _ => joined.push((from, to)),
        }
    }
    joined
        .into_iter()
        .map(|(from, to)| {
            let mut lower = text[from..to].to_lowercase();
            if let Some(hyphen) = lower.find('-') {
                lower.remove(hyphen);
            }
            // "can't" is one word, a denial: "I can't walk my dog" offers no walks.
            let denied = text[to..].starts_with("'t") || text[to..].starts_with("’t");
            let folded = if denied && lower == "can" { "cannot".to_owned() } else { fold(&lower) };
            let singular = singular(&folded).len();
            Token { lower, folded, span: (from, to), singular }
        })
        // "I" stays: "I can" offers, a bare "can" does not ("Can anyone help?").
        .filter(|token| (token.folded.chars().nth(1).is_some() || token.folded == "i") && token.folded != "qu")
        .filter(|token| !token.folded.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// Whether a word is a single letter.
fn is_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Whether a character is an emoji or pictograph ("😞", "🙏", "❤", "🚗").
fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x2600..=0x27BF | 0x1F300..=0x1FAFF)
}

/// Byte ranges of a text's sentences: each ends after its run of `.`, `!`, `?`, `;`, `…` or a
/// line break, so a question keeps its mark.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start = 0;
    // Inside parentheses only a line break ends a sentence: "(8 pers.)", "(IKEA, But...)".
    let mut depth = 0_usize;
    let mut previous = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let emoticon = matches!(previous, ':' | ';' | '-' | '=');
        previous = c;
        match c {
            // ":(" is a face, not a parenthesis.
            '(' if !emoticon => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            _ => {}
        }
        // "impots.gouv", "2.5 km": a full stop inside a word ends nothing.
        let in_word = c == '.' && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric() && !next.is_uppercase());
        if matches!(c, '.' | '!' | '?' | ';' | '…' | '\n') && (depth == 0 || c == '\n') && !in_word {
            let mut end = at + c.len_utf8();
            while let Some((next_at, next)) = chars.peek().copied() {
                if !matches!(next, '.' | '!' | '?' | ';' | '…' | '\n' | ' ') {
                    break;
                }
                end = next_at + next.len_utf8();
                chars.next();
            }
            sentences.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        sentences.push((start, text.len()));
    }
    sentences
}

/// Which of `sentences` ([`sentences`]) holds byte `at`.
pub fn sentence_of(sentences: &[(usize, usize)], at: usize) -> Option<usize> {
    sentences.iter().position(|(_, end)| at < *end)
}

/// The tokens of the sentence holding byte `at` that stand before it. `sentences` are the
/// text's ([`sentences`]), read once per post by the caller.
pub fn sentence_before<'a>(sentences: &[(usize, usize)], tokens: &'a [Token], at: usize) -> &'a [Token] {
    let start = sentence_of(sentences, at).and_then(|index| sentences.get(index)).map_or(0, |(start, _)| *start);
    let from = tokens.partition_point(|token| token.span.0 < start);
    let to = tokens.partition_point(|token| token.span.1 <= at).max(from);
    &tokens[from..to]
}

/// Whether what stands at byte `at` is what an offer asks whoever takes it to have: "il faut
/// un attelage", "il faut avoir sa guitare", "your car needs a tow bar", "you need a licence".
pub fn required_of_taker(sentences: &[(usize, usize)], tokens: &[Token], at: usize) -> bool {
    const HOLDERS: [&str; 5] = ["you", "your", "car", "vehicle", "ll"];
    let words: Vec<&str> = sentence_before(sentences, tokens, at).iter().map(|token| token.folded.as_str()).collect();
    let from = words.len().saturating_sub(8);
    (from..words.len()).any(|index| match words[index] {
        "faut" | "necessite" => true,
        "need" | "needs" => words[..index].iter().rev().take(2).any(|word| HOLDERS.contains(word)),
        _ => false,
    })
}

/// Whether a sentence says something is given in exchange: "en échange", "in return".
pub fn says_in_exchange(sentence: &str) -> bool {
    let folded = fold(sentence);
    ["en echange", "en retour", "echanger contre", "in exchange", "in return", "swap for"]
        .iter()
        .any(|words| folded.contains(words))
}

/// Whether what stands at byte `at` says who the author is ("I'm a nurse", "je suis
/// infirmière", "ancienne prof"): their trade, not always what they offer.
pub fn identity(tokens: &[Token], at: usize) -> bool {
    matches!(
        words_before(tokens, at).as_slice(),
        [.., "i" | "am" | "suis" | "ancien" | "ancienne" | "former" | "retired"]
            | [.., "i" | "am" | "suis", "un" | "une" | "an"]
    )
}

/// Whether what stands at byte `at` is someone else an offer sends its reader to: "for that
/// you need an infirmière libérale", "voyez avec un kiné pour ça", "ask a plumber".
pub fn referred(tokens: &[Token], at: usize) -> bool {
    let before = words_before(tokens, at);
    let recent = &before[before.len().saturating_sub(4)..];
    recent.iter().any(|word| matches!(*word, "voyez" | "adressez" | "consultez" | "contactez" | "consult"))
        || recent.windows(2).any(|pair| {
            matches!(pair, ["you", "need" | "should"] | ["vous" | "ca", "faut"] | ["voir", "avec"] | ["ask" | "see", _])
        })
}

/// Whether the place at byte `at` is where the author works ("I work at the hospital there",
/// "je travaille au CHU"): a driver's workplace is no purpose of the rides they offer.
pub fn workplace(tokens: &[Token], at: usize) -> bool {
    const WORK: [&str; 10] =
        ["work", "works", "working", "travaille", "travail", "bosse", "boulot", "taf", "taff", "job"];
    words_before(tokens, at).iter().rev().take(4).any(|word| WORK.contains(word))
}

/// Words that open a clause rather than a description of someone: determiners, pronouns,
/// prepositions, conjunctions. "Mon chien vomit, qqn connaît un véto ?" still asks about the
/// dog; "Informaticien, je dépanne vos PC" does not offer computer science.
pub(super) const CLAUSE_OPENERS: &[&str] = &[
    "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "le",
    "la", "les", "un", "une", "des", "du", "de", "ce", "cet", "cette", "ces", "je", "tu", "il", "elle", "on", "nous",
    "vous", "ils", "elles", "ai", "pour", "avec", "si", "quand", "comme", "apres", "depuis", "my", "our", "your",
    "his", "her", "their", "the", "a", "an", "this", "that", "these", "i", "we", "it", "he", "she", "they", "for",
    "with", "if", "when", "since", "after",
];

/// Whether the words before a comma that opens a sentence describe its author ("Ancienne
/// infirmière", "Web developer", "Bonjour à tous") rather than start a clause of their own.
pub fn is_apposition(opening: &str) -> bool {
    let words = tokens(opening);
    // "J'ai", "L'an dernier", "C'est": an elided article or pronoun opens a clause.
    let mut start = opening.trim_start().chars();
    let elided = start.next().is_some_and(char::is_alphabetic) && matches!(start.next(), Some('\'' | '’'));
    match words.first() {
        Some(first) => !elided && words.len() <= 6 && !CLAUSE_OPENERS.contains(&first.folded.as_str()),
        None => false,
    }
}

/// Words after which a French infinitive names something to be done for the asker: "qqn
/// pour tondre", "qui pourrait me coudre", "m'aider à monter".
const DOING: &[&str] =
    &["pour", "peut", "peux", "pourrait", "pourriez", "pouvez", "sait", "saurait", "sauriez", "aider", "venir"];
/// Words for someone, before "pour" ("qqn pour", "quelqu'un pour", "une personne pour").
const SOMEONE: &[&str] = &["qqn", "qq1", "un", "une", "personne", "benevole", "voisin", "voisine"];
/// Object pronouns that may stand between ("pour me coudre", "venir nous aider").
const OBJECT_PRONOUNS: &[&str] = &["me", "te", "nous", "vous", "lui", "leur"];

/// Whether a request, folded, says it wants to keep what it asks for: "c'est pour de bon",
/// "pas un prêt", "to keep, not to borrow".
pub fn wants_to_keep(folded: &str) -> bool {
    const KEEP: [&str; 26] = [
        "pour de bon",
        "dont il n'a plus besoin",
        "dont elle n'a plus besoin",
        "dont vous n'avez plus besoin",
        "dont ils n'ont plus besoin",
        "you no longer need",
        "they no longer need",
        ", pas a emprunter",
        "(pas a emprunter",
        "pas pour un pret",
        "pas un pret",
        "pas en pret",
        "pas a preter",
        "not a loan",
        "to keep",
        "for good",
        "not to borrow",
        "dont il veut se separer",
        "dont vous voulez vous separer",
        "dont il veut se debarrasser",
        "dont vous voulez vous debarrasser",
        "dont il ne se sert plus",
        "dont vous ne vous servez plus",
        "qui traine au fond",
        "no longer use",
        "don't use anymore",
    ];
    KEEP.iter().any(|words| folded.contains(words))
}

/// Whether a request, folded, says it will give back what it asks: "qqn pourrait m'en
/// dépanner un ? Je le rends début juin", "un vélo à me passer jusqu'à l'été". It borrows.
pub fn wants_to_borrow(folded: &str) -> bool {
    const BORROW: [&str; 10] = [
        "je le rends",
        "je la rends",
        "je les rends",
        "je le rendrai",
        "je la rendrai",
        "je les rendrai",
        "i'll give it back",
        "i'll return it",
        "i'd return it",
        "i will return it",
    ];
    // Words end where letters do ("va me passer" is no "à me passer").
    let folded = format!(" {} ", folded.replace(|c: char| !c.is_alphanumeric() && c != '\'', " "));
    let bounded = |words: &str| folded.contains(&format!(" {words} "));
    // ("Je n'arrive pas à me passer de café" does without.)
    let passed = folded.match_indices(" a me passer ").any(|(at, found)| {
        !folded[at + found.len()..].starts_with("de ") && !folded[at + found.len()..].starts_with("d'")
    });
    BORROW.iter().any(|words| bounded(words)) || passed
}

/// Verbs of talking with someone, folded: asking someone to talk asks for company, neither
/// for work done nor for lessons.
pub const TALKING: [&str; 9] =
    ["discuter", "bavarder", "parler", "papoter", "causer", "echanger", "talk", "chat", "chatter"];

/// Marks the tokens that are infinitives of a task ("qqn pour tondre ma pelouse", "qui
/// pourrait me faire un gâteau", "m'aider à monter un canapé"): a post that names one asks for
/// something to be done.
pub fn task_infinitives(text: &str, tokens: &[Token]) -> Vec<bool> {
    tokens
        .iter()
        .enumerate()
        .map(|(at, token)| {
            let word = token.folded.as_str();
            // "à partir de" is a date, not a task.
            let infinitive = word.chars().count() >= 4
                && word != "partir"
                && ["er", "ir", "re"].iter().any(|end| word.ends_with(end));
            if !infinitive {
                return false;
            }
            // "Venir me les fixer", "pourrait la garder": "le", "la", "les" after a pronoun or a
            // verb of doing are pronouns too.
            let mut before = at;
            let pronoun = |at: usize| {
                let word = tokens[at].folded.as_str();
                OBJECT_PRONOUNS.contains(&word)
                    || (["le", "la", "les"].contains(&word)
                        && at.checked_sub(1).is_some_and(|previous| {
                            let previous = tokens[previous].folded.as_str();
                            OBJECT_PRONOUNS.contains(&previous) || (previous != "pour" && DOING.contains(&previous))
                        }))
            };
            while before > 0 && pronoun(before - 1) {
                before -= 1;
            }
            let gap_start = if before > 0 { tokens[before - 1].span.1 } else { 0 };
            let gap = text[gap_start..tokens[before].span.0].to_lowercase();
            // "à" is one letter, so no token: it is read from the gap ("aider à", "m'aider à").
            // ...after a word of helping ("m'aider à porter", "un coup de main à monter"), not
            // after a thing ("15 allers-retours à faire" are the asker's own).
            let helping = before.checked_sub(1).is_some_and(|at| {
                let word = tokens[at].folded.as_str();
                word.starts_with("aid") || ["main", "qqn", "quelqu", "personne", "help"].contains(&word)
            });
            let after_a = helping && gap.split(|c: char| !c.is_alphabetic()).any(|word| word == "à");
            let cue = before.checked_sub(1).map(|at| tokens[at].folded.as_str());
            // "pour" after a person ("qqn pour tondre"), not after a thing ("une scie pour
            // découper", which says what the thing is for).
            let for_someone = cue == Some("pour")
                && before.checked_sub(2).is_some_and(|at| SOMEONE.contains(&tokens[at].folded.as_str()));
            // "Je peux me déplacer" is what the asker can do, not a task for someone.
            let by_asker = before
                .checked_sub(2)
                .is_some_and(|at| ["je", "on", "nous", "i", "we"].contains(&tokens[at].folded.as_str()));
            after_a || for_someone || cue.is_some_and(|cue| cue != "pour" && DOING.contains(&cue) && !by_asker)
        })
        .collect()
}

/// English modals and the words for someone that name who is asked to do something.
const MODALS: &[&str] = &["could", "can", "would", "will"];
const ANYONE: &[&str] = &["anyone", "someone", "somebody", "anybody", "you"];

/// Marks the English verbs of a task: "who could water my plants", "can anyone fix my
/// bike", "someone to walk my dog". (Which of them is a task is decided by the caller: not a
/// stop word, not lending or giving, not learning.)
pub fn english_tasks(tokens: &[Token]) -> Vec<bool> {
    let word = |at: Option<usize>| at.and_then(|at| tokens.get(at)).map(|token| token.folded.as_str());
    (0..tokens.len())
        .map(|at| {
            let (one, two) = (word(at.checked_sub(1)), word(at.checked_sub(2)));
            let after_modal = one.is_some_and(|w| MODALS.contains(&w))
                || (one.is_some_and(|w| ANYONE.contains(&w)) && two.is_some_and(|w| MODALS.contains(&w)));
            let someone_to = one == Some("to") && two.is_some_and(|w| ANYONE.contains(&w) && w != "you");
            after_modal || someone_to
        })
        .collect()
}

/// The (at most eight) folded words that end before byte `at`, in order.
pub fn words_before(tokens: &[Token], at: usize) -> WordsBefore<'_> {
    // Every reader here looks a few words back: a window keeps reading a long post linear.
    let end = tokens.partition_point(|token| token.span.1 <= at);
    tokens[end.saturating_sub(8)..end].iter().map(|token| token.folded.as_str()).collect()
}

/// What [`words_before`] gives, kept on the stack: it is read several times for every word
/// of every post.
pub type WordsBefore<'a> = arrayvec::ArrayVec<&'a str, 8>;

/// [`words_before`], only those of the clause of byte `at`: no punctuation or line break
/// stands between them and `at` ("J'ai cours. Samedi je suis libre" has none before "samedi").
pub fn clause_before<'a>(text: &str, tokens: &'a [Token], at: usize) -> WordsBefore<'a> {
    stretch_before(text, tokens, at, &[',', '.', ';', ':', '!', '?', '(', ')', '\n'])
}

/// [`words_before`], only those of the sentence of byte `at`.
pub fn sentence_words_before<'a>(text: &str, tokens: &'a [Token], at: usize) -> WordsBefore<'a> {
    stretch_before(text, tokens, at, &['.', '!', '?', '\n'])
}

/// [`words_before`], back to the last of `breaks`.
fn stretch_before<'a>(text: &str, tokens: &'a [Token], at: usize, breaks: &[char]) -> WordsBefore<'a> {
    let end = tokens.partition_point(|token| token.span.1 <= at);
    let start = end.saturating_sub(8);
    let open = (start..end)
        .rev()
        .find(|&index| {
            let next = tokens.get(index + 1).map_or(at, |next| next.span.0.min(at));
            text.get(tokens[index].span.1..next).is_none_or(|gap| gap.contains(breaks))
        })
        .map_or(start, |index| index + 1);
    tokens[open..end].iter().map(|token| token.folded.as_str()).collect()
}

/// Whether the words before byte `at`, in its sentence, say the language there is spoken:
/// "il parle tigrinya et un peu anglais", "someone who speaks English"; not "je parle pas un
/// mot d'allemand", nor "on parle ni ukrainien ni russe" (but ", un peu anglais" after it).
pub fn spoken_before(text: &str, tokens: &[Token], at: usize) -> bool {
    speaker(text, tokens, at).is_some()
}

/// Whether the language at `span` is one of two help is given in, in English: "Lessons in
/// English or French" ("fully in English" may be the point; in French, "des cours en anglais"
/// are English lessons).
pub fn given_in(text: &str, tokens: &[Token], span: (usize, usize)) -> bool {
    let before = words_before(tokens, span.0);
    let after = text.get(span.1..).unwrap_or_default().to_lowercase();
    let first = before.last() == Some(&"in") && (after.starts_with(" or ") || after.starts_with(" and "));
    let second = matches!(before.iter().rev().take(3).collect::<Vec<_>>().as_slice(),
        [joint, _, preposition] if ["or", "and"].contains(joint) && **preposition == "in");
    first || second
}

/// Whether the helper is the one asked to speak the language at byte `at`: "someone who
/// speaks Arabic", "qqn qui parle portugais".
pub fn helper_speaks(text: &str, tokens: &[Token], at: usize) -> bool {
    speaker(text, tokens, at).is_some_and(|verb| {
        let before = words_before(tokens, verb.span.0);
        before.last().is_some_and(|word| ["qui", "who", "that"].contains(word))
    })
}

/// The verb of speaking that says the language at byte `at` is spoken ([`spoken_before`]).
fn speaker<'a>(text: &str, tokens: &'a [Token], at: usize) -> Option<&'a Token> {
    const SPEAK: [&str; 8] = ["parle", "parles", "parlons", "parlez", "parlent", "parlant", "speak", "speaks"];
    const NOT: [&str; 8] = ["pas", "ni", "not", "no", "jamais", "never", "don", "doesn"];
    let before = sentence_before(&sentences(text), tokens, at);
    let verb = before.iter().rev().take(8).position(|token| SPEAK.contains(&token.folded.as_str()))?;
    let clause = text.get(..at).and_then(|text| text.rfind(',')).unwrap_or(0);
    let denied =
        before.iter().rev().take(verb).any(|token| token.span.0 > clause && NOT.contains(&token.folded.as_str()));
    (!denied).then(|| &before[before.len() - 1 - verb])
}

/// The elided letter right before byte `at`, lower-cased: "l'emmener" gives `l`, "j'emmène"
/// `j`. The tokens keep no one-letter word, so elisions are read from the text.
pub fn elided_before(text: &str, at: usize) -> Option<char> {
    let before = text.get(..at)?;
    let before = before.strip_suffix('\'').or_else(|| before.strip_suffix('’'))?;
    let mut letters = before.chars().rev();
    let letter = letters.next().filter(|c| c.is_alphabetic())?;
    letters.next().is_none_or(|c| !c.is_alphanumeric()).then(|| letter.to_ascii_lowercase())
}

/// The word just before byte `at`, folded.
pub fn word_before(tokens: &[Token], at: usize) -> Option<&str> {
    let end = tokens.partition_point(|token| token.span.1 <= at);
    end.checked_sub(1).map(|last| tokens[last].folded.as_str())
}

/// The word just after byte `at`, folded.
pub fn word_after(tokens: &[Token], at: usize) -> Option<&str> {
    let start = tokens.partition_point(|token| token.span.0 < at);
    tokens.get(start).map(|token| token.folded.as_str())
}

/// Whether the place named at byte `at` is where a trip starts ("départ gare St-Jean",
/// "from the station"): a driver leaving from the station does not drive people to it.
pub fn departure(tokens: &[Token], at: usize) -> bool {
    const FROM: [&str; 5] = ["depart", "depuis", "partant", "from", "leaving"];
    words_before(tokens, at).iter().rev().take(3).any(|word| FROM.contains(word))
}

/// The last two of `words` (say, [`words_before`] a place): (the one before the last, the
/// last).
fn last_two<'a>(words: &[&'a str]) -> (Option<&'a str>, Option<&'a str>) {
    match words {
        [.., second, last] => (Some(*second), Some(*last)),
        [last] => (None, Some(*last)),
        [] => (None, None),
    }
}

/// Whether a "prêt" means ready, not a loan: "les cartons sont prêts", "je suis prête à
/// aider", "repas prêt, juste à réchauffer".
pub fn means_ready(text: &str, tokens: &[Token], token: &Token) -> bool {
    const BE: [&str; 11] = ["est", "sont", "suis", "sommes", "etes", "etre", "sera", "seront", "serai", "fin", "tout"];
    if !matches!(token.folded.as_str(), "pret" | "prete" | "prets" | "pretes") {
        return false;
    }
    let after_be = words_before(tokens, token.span.0).last().is_some_and(|word| BE.contains(word));
    let rest = text.get(token.span.1..).unwrap_or_default().trim_start();
    // "Repas prêt, juste à réchauffer": after a noun, before a pause ("en prêt." is a loan).
    const ARTICLES: [&str; 8] = ["un", "le", "du", "en", "mon", "ma", "mes", "de"];
    let after_noun = rest.starts_with([',', '.', '!', ')'])
        && words_before(tokens, token.span.0).last().is_some_and(|word| !ARTICLES.contains(word));
    after_be || after_noun || rest.starts_with("à ") || rest.starts_with("a ")
}

/// Whether what stands at byte `at` is what a helper is asked to bring: "une âme charitable
/// avec une visseuse", "someone with a drill".
pub fn brought_by_helper(tokens: &[Token], at: usize) -> bool {
    let before = words_before(tokens, at);
    let with = matches!(before.as_slice(), [.., "avec" | "with", "un" | "une" | "sa" | "son" | "a" | "an" | "their"]);
    with && before
        .iter()
        .rev()
        .take(6)
        .any(|word| matches!(*word, "charitable" | "qqn" | "quelqu" | "someone" | "anyone"))
}

/// Whether the words before byte `at` say what the people an offer helps lack: "les personnes
/// qui n'ont pas de voiture", "people who don't have a car", "les personnes sans véhicule".
pub fn lacked_by_whom(text: &str, tokens: &[Token], at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let sentence = &before[before.rfind(['.', '!', '?', '\n']).map_or(0, |end| end + 1)..];
    // Its words, folded, with the elisions ("n'", "l'") kept as words.
    let folded = fold(sentence);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).collect();
    // The last "qui" / "who" of the sentence, and a denial within the three words after it.
    let relative_lack = words.iter().rposition(|word| *word == "qui" || *word == "who").is_some_and(|who| {
        let after = &words[who + 1..];
        let denial = |word: &&str| matches!(*word, "pas" | "plus" | "not" | "don" | "doesn" | "n" | "ne");
        after.iter().take(3).any(denial)
            || after.is_empty()
                && tokens
                    .iter()
                    .find(|token| token.span.0 >= at)
                    .is_some_and(|token| matches!(token.folded.as_str(), "pas" | "plus" | "no"))
    });
    let before_words = words_before(tokens, at);
    let without =
        matches!(before_words.as_slice(), [.., "personnes" | "gens" | "people" | "those", "sans" | "without"])
            || matches!(before_words.as_slice(), [.., "personnes" | "gens" | "people", "sans" | "without", _]);
    relative_lack || without
}

/// Whether the words around byte `at`, in its clause, say it is not needed: "pas besoin
/// qu'on me donne à manger", "no need for a car", "je cherche pas un psy", "en maths elle a
/// besoin de personne".
pub fn said_unneeded(text: &str, at: usize) -> bool {
    const UNNEEDED: [&str; 9] = [
        "pas besoin",
        "no need",
        "don't need",
        "dont need",
        "don t need",
        "cherche pas",
        "veux pas de",
        "not looking for",
        "don't want",
    ];
    let before = text.get(..at).unwrap_or_default();
    let clause = &before[before.rfind(['.', '!', '?', ',', ';', '\n']).map_or(0, |end| end + 1)..];
    let folded = fold(clause);
    UNNEEDED.iter().any(|words| folded.contains(words)) || needs_nobody(text, at)
}

/// Whether the rest of the clause of byte `at` says nobody is needed for it: "en maths elle a
/// besoin de personne" (not "besoin de personnes pour porter", nor "besoin de personne de
/// confiance").
fn needs_nobody(text: &str, at: usize) -> bool {
    const NOBODY: [&str; 4] = ["besoin de personne", "needs no one", "doesn't need anyone", "don't need anyone"];
    let after = text.get(at..).unwrap_or_default();
    let rest = fold(&after[..after.find(['.', '!', '?', ',', ';', ':', '\n']).unwrap_or(after.len())]);
    NOBODY.iter().any(|words| {
        rest.find(words).is_some_and(|found| {
            let next = rest[found + words.len()..].trim_start();
            !next.starts_with(char::is_alphanumeric)
        })
    })
}

/// Where, in a helper's sentence, what they take in return starts ("for a coffee and a
/// chat", "contre un café"), as a byte offset.
pub fn in_return(sentence: &str) -> Option<usize> {
    const OPENERS: [&str; 8] = [
        " for a coffee",
        " for a cuppa",
        " for a beer",
        " pour un café",
        " pour un petit café",
        " contre un café",
        " contre une bière",
        " pour une bière",
    ];
    let lower = sentence.to_lowercase();
    // (Lower-casing keeps the byte length of French and English letters.)
    OPENERS.iter().filter_map(|opener| lower.find(opener)).min().filter(|_| lower.len() == sentence.len())
}

/// Whether the giving word `token` gives care, not a thing: "traitements à donner
/// (comprimés, injections)", "donner ses médicaments", "give him his pills", "give them a
/// cuddle". Nor does giving up.
pub fn gives_care(tokens: &[Token], token: &Token) -> bool {
    const CARE: [&str; 26] = [
        "traitement",
        "traitements",
        "medicament",
        "medicaments",
        "comprimes",
        "comprime",
        "cachets",
        "soins",
        "injections",
        "piqures",
        "insuline",
        "bain",
        "biberon",
        "croquettes",
        "calin",
        "calins",
        "caresses",
        "medication",
        "medicine",
        "pills",
        "cuddle",
        "cuddles",
        "hug",
        "hugs",
        "walk",
        "bath",
    ];
    if !(token.folded.starts_with("donn") || token.folded.starts_with("give") || token.folded == "gave") {
        return false;
    }
    // "I always give up after two outings" gives nothing either.
    if matches!(word_after(tokens, token.span.1), Some("up" | "in")) {
        return true;
    }
    let after = tokens.iter().filter(|next| next.span.0 >= token.span.1).take(3);
    words_before(tokens, token.span.0).iter().rev().take(3).any(|word| CARE.contains(word))
        || after.into_iter().any(|next| CARE.contains(&next.folded.as_str()))
}

/// Whether the lending word `token` lends a hand, not a thing: "2 bras à prêter", "prêter
/// main forte", "lend a hand" are a service.
pub fn lends_a_hand(tokens: &[Token], token: &Token) -> bool {
    const HANDS: [&str; 5] = ["bras", "main", "mains", "hand", "hands"];
    if !(token.folded.starts_with("pret") || token.folded.starts_with("lend")) {
        return false;
    }
    let after = tokens.iter().filter(|next| next.span.0 >= token.span.1).take(2);
    words_before(tokens, token.span.0).iter().rev().take(2).any(|word| HANDS.contains(word))
        || after.into_iter().any(|next| HANDS.contains(&next.folded.as_str()))
}

/// Whether the giving word `token` gives a service, not a thing: "je donne du soutien en
/// maths", "je donne de mon temps", "I give lessons" (not "je donne de temps en temps des
/// légumes", nor "je donne un frigo, aide pour le porter").
pub fn gives_a_service(text: &str, tokens: &[Token], token: &Token) -> bool {
    const SERVICES: [&str; 12] = [
        "soutien", "cours", "lecons", "coup", "aide", "conseils", "conseil", "temps", "lessons", "advice", "help",
        "time",
    ];
    if !(token.folded.starts_with("donn") || token.folded.starts_with("give")) {
        return false;
    }
    let unbroken = |next: &&Token| {
        text.get(token.span.1..next.span.0).is_some_and(|gap| !gap.contains([',', '.', ';', ':', '!', '?']))
    };
    let next: Vec<&Token> =
        tokens.iter().filter(|next| next.span.0 >= token.span.1).take_while(unbroken).take(4).collect();
    next.iter().take(3).enumerate().any(|(at, word)| {
        let often = word.folded == "temps" && next.get(at + 1).is_some_and(|after| after.folded == "en");
        SERVICES.contains(&word.folded.as_str()) && !often
    })
}

/// Whether the words just before byte `at` say someone offers to the author, not that the
/// author offers: "mon employeur me propose", "on m'a proposé", "ils nous offrent".
pub fn offered_to_author(text: &str, at: usize) -> bool {
    let before = fold_before(text, at);
    let mut words = before.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).rev();
    let (last, second) = (words.next(), words.next());
    // "I'm happy to cook" is the author offering.
    if (last, second) == (Some("m"), Some("i")) {
        return false;
    }
    let to_author = |word: Option<&str>| matches!(word, Some("me" | "m" | "nous" | "lui" | "leur"));
    to_author(last) || (matches!(last, Some("a" | "ont" | "avait")) && to_author(second))
}

/// Whether the words just before byte `at` say the author has what follows: "on a le
/// camion", "j'ai une perceuse", "I have a van".
pub fn possessed(tokens: &[Token], at: usize) -> bool {
    let (second, last) = last_two(&words_before(tokens, at));
    let article = |word: Option<&str>| {
        word.is_some_and(|word| {
            ["le", "la", "les", "un", "une", "des", "mon", "ma", "mes", "notre", "nos"].contains(&word)
        })
    };
    // "On a loué un camion", "I've booked a van".
    let secured = matches!(second, Some("loue" | "reserve" | "rented" | "booked" | "hired"));
    // "Ils amènent la poussette", "on vient d'avoir une parcelle".
    matches!(
        second,
        Some(
            "on" | "ai"
                | "avons"
                | "avoir"
                | "eu"
                | "obtenu"
                | "have"
                | "got"
                | "has"
                | "amenent"
                | "apportent"
                | "bring"
                | "bringing"
        )
    ) && article(last)
        || secured && (article(last) || matches!(last, Some("a" | "the")))
        || matches!(last, Some("have" | "got" | "has"))
        // "Elle a une aide-ménagère 2h par semaine": what the person helped has already.
        // (The tokens keep no one-letter word: "elle a une" reads "elle une"; "il y a une
        // fuite" would read "il une", so only "elle" counts.)
        || matches!(words_before(tokens, at).as_slice(), [.., "elle", next] | [.., "ils" | "elles", "ont", next] if article(Some(next)))
}

/// Whether what ends at byte `end` is said to be already secured: "le camion de location est
/// réservé", "the van is booked". A request that has it does not ask for it.
pub fn secured_after(tokens: &[Token], end: usize) -> bool {
    let after: Vec<&str> =
        tokens.iter().skip_while(|token| token.span.0 < end).take(5).map(|token| token.folded.as_str()).collect();
    after
        .windows(2)
        .any(|pair| matches!(pair[0], "est" | "sont" | "is" | "are" | "deja" | "already") && SECURED.contains(&pair[1]))
}

/// Whether a check mark ticks off what ends at byte `end`, maybe after a participle or an
/// "ok": "Camion loué ✅ cartons faits ✅ bras ❌" has its van.
pub fn ticked_off(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default().trim_start();
    let word_end = rest.find(|c: char| !c.is_alphanumeric() && c != '\'').unwrap_or(rest.len());
    let (word, after) = rest.split_at(word_end);
    let after =
        if word.is_empty() || matches!(fold(word).as_str(), "ok" | "fait" | "faits" | "done") || secured_word(word) {
            after.trim_start_matches([' ', ':'])
        } else {
            rest
        };
    after.starts_with(['✅', '✔', '☑'])
}

/// Whether a word says something is already arranged: "loué", "réservé", "booked".
fn secured_word(word: &str) -> bool {
    SECURED.contains(&fold(word).as_str())
}

/// Words that say something is arranged already, folded.
const SECURED: [&str; 12] = [
    "reserve", "reservee", "reserves", "loue", "louee", "booked", "rented", "sorted", "trouve", "trouvee", "prevu",
    "arranged",
];

/// Whether the rest of the sentence after byte `end` says something is lacking: "… mais il
/// me manque un lit", "… but I need a high chair".
pub fn lack_follows(sentences: &[(usize, usize)], tokens: &[Token], end: usize) -> bool {
    let sentence_end = sentence_of(sentences, end).and_then(|index| sentences.get(index)).map_or(end, |(_, to)| *to);
    tokens.iter().skip_while(|token| token.span.0 < end).take_while(|token| token.span.1 <= sentence_end).any(|token| {
        matches!(token.folded.as_str(), "manque" | "manquent" | "missing" | "lack" | "faudrait" | "besoin" | "need")
    })
}

/// Whether the words just before byte `at` say the help is for whom they name: "mon fils",
/// "pour les enfants", "vos enfants", "my daughter" (not "le carnet de ses enfants").
pub fn for_whom(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let last = before.split(|c: char| !c.is_alphanumeric()).rev().find(|word| word.chars().count() > 1);
    last.is_some_and(|word| {
        ["mon", "ma", "mes", "notre", "nos", "votre", "vos", "pour", "my", "our", "your", "for"]
            .contains(&fold(word).as_str())
    })
}

/// Whether a folded word is a French conditional, the mood of a polite request ("qui
/// pourrait", "quelqu'un donnerait", "vous prêteriez"): nouns ending alike are rare.
pub fn is_conditional(folded: &str) -> bool {
    folded.chars().count() >= 6 && ["rait", "raient", "riez"].iter().any(|ending| folded.ends_with(ending))
}

/// Whether words run on with no break between them: no end of sentence ("parler. Qqn"), no
/// comma, semicolon or line, no emoji. A time ("6:35"), a number ("1,5") or an abbreviation
/// ("2 y.o. son") breaks nothing.
pub fn one_stretch(words: &str) -> bool {
    let chars: Vec<char> = words.chars().collect();
    !chars.iter().enumerate().any(|(at, &c)| {
        let between_digits =
            at > 0 && chars[at - 1].is_ascii_digit() && chars.get(at + 1).is_some_and(char::is_ascii_digit);
        let next_opens = chars[at + 1..].iter().find(|c| !c.is_whitespace()).is_none_or(|c| c.is_uppercase());
        match c {
            '.' => !between_digits && chars.get(at + 1).is_some_and(|c| c.is_whitespace()) && next_opens,
            ',' | ':' => !between_digits,
            '!' | '?' | ';' | '\n' => true,
            _ => {
                !(c.is_alphanumeric() || c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '’' | '«' | '»'))
            }
        }
    })
}

#[cfg(test)]
mod tests;
