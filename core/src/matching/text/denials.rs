//! How a post says no: the words around a term that deny it ("pas de chats", "I can't do
//! any", "je ne travaille pas le cuir"), run a denial through a list, or say a need is not
//! one ("pas forcément besoin d'un psy", "une remorque ne m'aiderait pas"). Re-exported by
//! [`super`], so readers call them `text::negated` and so on.

use super::{Token, fold, last_two, singular, tokens, words_before};

/// Whether what ends at byte `end` is said to be of no help: "une remorque ne m'aiderait
/// pas", "a trailer won't help". A request that says so does not ask for it.
pub fn said_useless(tokens: &[Token], end: usize) -> bool {
    const USE: [&str; 12] = [
        "aiderait",
        "aide",
        "aidera",
        "servirait",
        "sert",
        "servira",
        "suffit",
        "suffira",
        "suffirait",
        "help",
        "do",
        "work",
    ];
    let after: Vec<&str> =
        tokens.iter().skip_while(|token| token.span.0 < end).take(4).map(|token| token.folded.as_str()).collect();
    let denies = matches!(after.first(), Some(&("ne" | "won" | "wouldn" | "doesn" | "cannot")));
    denies && after.iter().skip(1).take(3).any(|word| USE.contains(word))
}

/// Words for people, folded and singular, or the "ou" joining them: "sans" after them says
/// whom help is for ("si quelqu'un sans voiture veut venir avec moi": "quelqu'un" ends on
/// "un").
const PEOPLE: [&str; 15] = [
    "personne", "gen", "ceux", "celle", "celui", "voisin", "people", "those", "anyone", "ou", "qqn", "un", "quelqu",
    "someone", "anybody",
];

/// English words that qualify a trade: "not a certified teacher" denies the teacher.
const QUALIFIERS: [&str; 7] = ["certified", "qualified", "professional", "real", "trained", "licensed", "official"];

/// Adjectives that stand before their noun ("grands débutants", "gros travaux"), folded and
/// singular.
const BEFORE_NOUN: [&str; 14] = [
    "grand", "grande", "petit", "petite", "gro", "grosse", "vieu", "vieille", "jeune", "nouveau", "bon", "bonne",
    "long", "beau",
];

/// Whether the words just before byte `at` deny what follows: "pas de véhicule", "sans
/// voiture", "aucun outil", "no car", "not a plumber".
pub fn negated(tokens: &[Token], at: usize) -> bool {
    // "Pas de niveau fac", "no university level": a level names what follows it.
    let end = tokens.partition_point(|token| token.span.1 <= at);
    if let Some(level) = end.checked_sub(1).map(|last| &tokens[last])
        && matches!(level.folded.as_str(), "niveau" | "niveaux" | "level")
    {
        return negated(tokens, level.span.0);
    }
    let mut before = words_before(tokens, at);
    // "Pas valable pour la préfecture", "not valid for official use".
    if let [.., "pas" | "not" | "non", "valable" | "valables" | "valid", "pour" | "for"]
    | [.., "pas" | "not" | "non", "valable" | "valables" | "valid", "pour" | "for", "la" | "le" | "les" | "the"] =
        before.as_slice()
    {
        return true;
    }
    // "Ni les très gros gabarits": an adverb of degree qualifies what follows.
    while before.last().is_some_and(|word| matches!(*word, "tres" | "trop" | "very" | "too")) {
        before.pop();
    }
    // "pas de grands débutants": an adjective that comes before its noun may stand between
    // the article and what is denied ("pas de conseils médicaux" denies no medicine).
    if let [.., "pas" | "ni", "de" | "d" | "des", adjective] = before.as_slice()
        && BEFORE_NOUN.contains(&singular(adjective))
    {
        return true;
    }
    // "I can't do any nursing care", "we don't take any dogs".
    if let [.., denial, _, "any"] | [.., denial, "any"] = before.as_slice()
        && matches!(*denial, "cannot" | "don" | "doesn" | "won" | "not" | "never")
    {
        return true;
    }
    let (second, last) = last_two(&before);
    match (second, last) {
        // "pas de chats ni de NAC", "je ne connais pas les Mac", "pas d'animaux".
        (Some("pas" | "ni"), Some("de" | "d" | "du" | "des" | "le" | "la" | "les" | "l" | "au" | "aux"))
        | (_, Some("pas")) => true,
        // "Je ne connais rien aux Mac", "je n'y connais rien en plomberie".
        (Some("rien"), Some("aux" | "au" | "en" | "de" | "du" | "des" | "le" | "la" | "les")) => true,
        // "Je ne répare pas les appareils", "I don't repair phones" (single letters are no
        // words: "don't" reads "don"; "can't" reads "cannot").
        (_, Some("ne" | "don" | "doesn" | "won" | "didn" | "cannot")) => true,
        // "I don't know Macs", "we don't take dogs", "I can't do certified translations".
        (Some("don" | "doesn" | "won" | "didn" | "cannot"), Some(_)) => true,
        // "I'm a bit scared of dogs", "allergique aux chiens": what the author fears or is
        // allergic to is what they turn down.
        (
            Some("scared" | "afraid" | "allergic" | "peur" | "allergique"),
            Some("of" | "to" | "des" | "du" | "aux" | "au"),
        ) => true,
        // "I'm not a certified teacher".
        (Some("not" | "no"), Some(last)) if QUALIFIERS.contains(&last) => true,
        // "Les personnes âgées ou sans voiture", "people without a car" say whom help is for.
        (Some(people), Some("sans" | "without")) if PEOPLE.contains(&singular(people)) => false,
        (_, Some(last)) => ["sans", "aucun", "aucune", "ni", "no", "not", "without", "never"].contains(&last),
        (_, None) => false,
    }
}

/// [`negated`], within the sentence of byte `at`: "ça je peux pas. Le samedi de préférence"
/// denies no Saturday.
pub fn negated_in_sentence(text: &str, tokens: &[Token], at: usize) -> bool {
    let breaks = |from: usize, to: usize| text.get(from..to).unwrap_or_default().contains(['.', '!', '?', '\n']);
    let end = tokens.partition_point(|token| token.span.1 <= at);
    let (Some(last), Some(second)) = (end.checked_sub(1).map(|i| &tokens[i]), end.checked_sub(2).map(|i| &tokens[i]))
    else {
        return negated(tokens, at);
    };
    let denial_before_break =
        matches!(second.folded.as_str(), "pas" | "ni" | "not" | "no" | "sans" | "jamais" | "never")
            && breaks(second.span.1, last.span.0);
    (negated(tokens, at) && !breaks(last.span.1, at) && !denial_before_break)
        || elided_denial(text, tokens, at)
        || denied_where(tokens, at)
}

/// Whether an offer's author denies going where byte `at` stands: "je monte pas dans les
/// arbres". (In a request, "il ne rentre pas dans la voiture" tells what happened.)
fn denied_where(tokens: &[Token], at: usize) -> bool {
    matches!(
        words_before(tokens, at).as_slice(),
        [.., "pas" | "jamais", "dans" | "sur" | "sous", "le" | "la" | "les" | "des"]
    )
}

/// Whether the verb at byte `at` is denied by an elided "n'" before it and a "pas" after:
/// "je n'accorde pas les pianos" (the elision is no word of its own). "Je n'accorde que les
/// pianos droits" restricts, and denies nothing.
fn elided_denial(text: &str, tokens: &[Token], at: usize) -> bool {
    let elided = super::elided_before(text, at) == Some('n');
    let after = tokens.iter().skip_while(|token| token.span.0 <= at).take(2);
    elided && after.map(|token| token.folded.as_str()).any(|word| matches!(word, "pas" | "plus" | "jamais" | "rien"))
}

/// Whether the words just before byte `at` say whom an offer is not for: "pas pour les
/// pros", "not for beginners".
pub fn not_for(tokens: &[Token], at: usize) -> bool {
    match words_before(tokens, at).as_slice() {
        [.., "pas" | "not" | "ni", "pour" | "for", article] => ["les", "le", "la", "l", "des", "the"].contains(article),
        [.., "pas" | "not" | "ni", "pour" | "for"] => true,
        _ => false,
    }
}

/// Whether the words just before byte `at` say an offer's author does not work on what
/// follows: "je ne travaille pas le cuir", "je ne répare pas les", "I don't fix".
pub fn turned_down(tokens: &[Token], at: usize) -> bool {
    const ARTICLES: [&str; 11] = ["le", "la", "les", "l", "de", "d", "du", "des", "the", "any", "a"];
    match words_before(tokens, at).as_slice() {
        [.., "ne", _, "pas" | "jamais", article] => ARTICLES.contains(article),
        [.., "don" | "doesn" | "cannot" | "won", verb, article] => {
            ARTICLES.contains(article) && !ARTICLES.contains(verb)
        }
        _ => false,
    }
}

/// Whether a negation stands among the four words just before byte `at` ("pas de trajets
/// réguliers / quotidiens", "not for regular commutes").
pub fn denied_nearby(tokens: &[Token], at: usize) -> bool {
    const NEGATIONS: [&str; 7] = ["pas", "ni", "not", "no", "never", "jamais", "sans"];
    words_before(tokens, at).iter().rev().take(4).any(|word| NEGATIONS.contains(word))
}

/// Whether a negation stands among the four words just before byte `at` in its clause: "I'm
/// not a fan of video calls" (not "pas de traduction. Envoi par mail").
pub fn denied_in_clause(text: &str, tokens: &[Token], at: usize) -> bool {
    const NEGATIONS: [&str; 7] = ["pas", "ni", "not", "no", "never", "jamais", "sans"];
    let end = tokens.partition_point(|token| token.span.1 <= at);
    tokens[end.saturating_sub(4)..end].iter().any(|token| {
        NEGATIONS.contains(&token.folded.as_str())
            && text.get(token.span.1..at).is_some_and(|gap| !gap.contains(['.', '!', '?', ';', ',', '\n']))
    })
}

/// Words that join a list, and the small words a list may hold between its items.
const JOINS: [&str; 6] = ["ou", "or", "ni", "nor", "et", "and"];

const SMALL: [&str; 12] = ["de", "d", "du", "l", "les", "des", "la", "le", "a", "of", "the", "any"];

/// Words that tie a complement to what it completes: "robes de mariée", "travaux sur
/// échafaudage".
const OF: [&str; 8] = ["de", "d", "du", "des", "sur", "en", "of", "on"];

/// Whether a folded word may stand between the items of a list ([`continues_a_list`]).
pub fn is_list_word(word: &str) -> bool {
    JOINS.contains(&word) || SMALL.contains(&word) || OF.contains(&word)
}

/// Whether the text between two names goes on listing, with nothing else between: ", ",
/// " ou ", " or ", " ni de ", " (" ("weddings, events or flats").
/// The denied phrase may end with its complement first: "pas le droit de la famille
/// (divorce, garde d'enfants)".
pub fn continues_a_list(gap: &str) -> bool {
    let words: Vec<String> = gap.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold).collect();
    let joined = gap.contains([',', '(', '/']) || words.iter().any(|word| JOINS.contains(&word.as_str()));
    let small = |word: &String| JOINS.contains(&word.as_str()) || SMALL.contains(&word.as_str());
    let others: Vec<usize> = (0..words.len()).filter(|at| !small(&words[*at])).collect();
    let complement = match others.as_slice() {
        [] => true,
        [at] => *at > 0 && SMALL.contains(&words[at - 1].as_str()),
        _ => false,
    };
    // "Pas de robes de mariée ni de tenues de cérémonie": a complement right after an item
    // denied is denied with it.
    let of = !words.is_empty()
        && !gap.contains(|c: char| !c.is_alphanumeric() && !c.is_whitespace() && c != '\'' && c != '’')
        && words.iter().all(|word| OF.contains(&word.as_str()));
    (joined && complement) || of
}

/// Whether the text between a denied term and another opens a parenthesis of examples a few
/// words on, in the same clause: "nursing care at people's homes (injections".
pub fn opens_examples(gap: &str) -> bool {
    let Some(open) = gap.find('(') else { return false };
    let (before, inside) = gap.split_at(open);
    !before.contains(['.', '!', '?', ';', ',', ')'])
        && !inside.contains(')')
        && tokens(before).len() <= 4
        && tokens(inside).is_empty()
}

/// Whether the words just before byte `at` deny a noun: "pas de couple ni de famille", "sans
/// animaux", "no pets" (not "pas cher", "qui ne peuvent pas", "même sans ascenseur").
pub fn denied_noun(tokens: &[Token], at: usize) -> bool {
    match words_before(tokens, at).as_slice() {
        // "Même sans ascenseur", "even without a lift" accept it.
        [.., "meme" | "even", "sans" | "without" | "no"] => false,
        [.., "pas" | "ni", "de" | "d" | "des"] | [.., "sans" | "aucun" | "aucune" | "no"] => true,
        _ => false,
    }
}

/// Whether a folded word, denied, reassures rather than turns something down: "pas de
/// souci", "sans engagement", "no pressure", "no rush".
pub fn reassures(folded: &str) -> bool {
    const WORDS: [&str; 30] = [
        "souci",
        "soucis",
        "probleme",
        "problemes",
        "pb",
        "stress",
        "pression",
        "panique",
        "chichi",
        "chichis",
        "engagement",
        "obligation",
        "inquietude",
        "gene",
        "jugement",
        "urgence",
        "presse",
        "worry",
        "worries",
        "problem",
        "problems",
        "pressure",
        "rush",
        "hurry",
        "fuss",
        "judgement",
        "judgment",
        "obligation",
        "commitment",
        "charge",
    ];
    WORDS.contains(&folded)
}

/// Whether the words just before byte `at` say its author does not want it done for them:
/// "pas le faire réparer", "not have it fixed".
pub fn not_had_done(tokens: &[Token], at: usize) -> bool {
    matches!(
        words_before(tokens, at).as_slice(),
        [.., "pas" | "not", "le" | "la" | "les", "faire"] | [.., "not", "have", "it" | "them"]
    )
}

/// Whether the words just before byte `at` say a request does not need what follows: "pas
/// forcément besoin d'un psy", "je n'ai pas besoin de", "no need for a". The denial stands
/// right before the need, or one adverb away, with no pause between: "il ne comprend pas,
/// besoin de cours" needs them. (A request's own lack, "je n'ai pas de perceuse", is its
/// need: see [`negated`].)
pub fn not_needed(text: &str, tokens: &[Token], at: usize) -> bool {
    let end = tokens.partition_point(|token| token.span.1 <= at);
    let Some(need) =
        (end.saturating_sub(4)..end).rev().find(|i| matches!(tokens[*i].folded.as_str(), "besoin" | "need"))
    else {
        return false;
    };
    let denial = |i: usize| matches!(tokens[i].folded.as_str(), "pas" | "no" | "not" | "don" | "doesn" | "plus");
    let adverb = |i: usize| {
        matches!(tokens[i].folded.as_str(), "vraiment" | "forcement" | "trop" | "really" | "necessarily" | "actually")
    };
    let no_pause = |from: usize| {
        text.get(tokens[from].span.1..tokens[need].span.0)
            .is_some_and(|gap| !gap.contains([',', '.', ';', ':', '!', '?']))
    };
    let before = need.checked_sub(1);
    before.is_some_and(|i| denial(i) && no_pause(i))
        || before.zip(need.checked_sub(2)).is_some_and(|(i, j)| adverb(i) && denial(j) && no_pause(j))
}

/// Whether the words just before byte `at` say what follows is feared: "elle a peur de
/// « casser quelque chose »", "scared of breaking it". A fear in a request is no need.
pub fn feared(tokens: &[Token], at: usize) -> bool {
    matches!(
        words_before(tokens, at).as_slice(),
        [.., "peur" | "afraid" | "scared" | "frightened", "de" | "d" | "of"]
            | [.., "peur", "de" | "d", "le" | "la" | "les" | "l" | "tout"]
            | [.., "afraid" | "scared" | "frightened", "of", "breaking" | "damaging" | "losing"]
    )
}

/// Whether the words just before byte `at` set what follows apart: "il ne voit plus personne
/// à part l'infirmière", "apart from the nurse". In a request, it is no need.
pub fn excepted(tokens: &[Token], at: usize) -> bool {
    // ("à" and "l'" are single letters, no words.)
    matches!(
        words_before(tokens, at).as_slice(),
        [.., "part" | "from"]
            | [.., "part" | "from", "la" | "le" | "les" | "son" | "sa" | "ses" | "the" | "his" | "her"]
    ) && words_before(tokens, at).iter().rev().take(3).any(|word| matches!(*word, "part" | "apart"))
}

/// Whether the word just after byte `at` denies the verb before it, French style: "je ne
/// les prête pas", "je ne donne jamais".
/// Not across a parenthesis or a clause: "je les PRÊTE (pas de don)" lends.
pub fn denied_after(text: &str, tokens: &[Token], at: usize) -> bool {
    tokens.iter().find(|token| token.span.0 >= at).is_some_and(|next| {
        matches!(next.folded.as_str(), "pas" | "jamais")
            && text.get(at..next.span.0).is_some_and(|gap| !gap.contains(['(', ',', '.', ':', ';', '!', '-', '–']))
    })
}

/// Whether the word at byte `at` follows "à" or "to" after a thing denied a few words
/// before: "je n'ai pas d'offres d'emploi à donner", "no spare tools to lend" give nothing.
pub fn nothing_to(text: &str, tokens: &[Token], at: usize) -> bool {
    let end = tokens.partition_point(|token| token.span.1 <= at);
    let Some(last) = end.checked_sub(1) else { return false };
    // ("À" is a single letter, which is no word: it stands between the words.)
    let between = text.get(tokens[last].span.1..at).map(|gap| fold(gap.trim()));
    let (to, from) = match between.as_deref() {
        Some("a") => (end, end.saturating_sub(4)),
        Some("") if tokens[last].folded == "to" => (last, last.saturating_sub(4)),
        _ => return false,
    };
    // ("Pas de livraison, meubles à donner" gives the furniture.)
    let same_clause =
        |token: &Token| text.get(token.span.0..at).is_some_and(|gap| !gap.contains([',', '.', ';', ':', '!', '?']));
    tokens[from..to].iter().any(|token| same_clause(token) && negated(tokens, token.span.0))
}
