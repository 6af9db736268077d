//! Who and what a post tells about, beside the help it asks or offers: the people it
//! describes or quotes, its author's past habits and former trades, a relative's trade, the
//! pet that comes along, the load taken to the tip, the story before a need, thanks, and what
//! dates the trouble. Re-exported by [`super`], so readers call them `text::relatives_trade`
//! and so on.

use super::{Token, fold, words_before};

/// Whether what stands at byte `at` says what a person a post mentions does: "la dame qui
/// garde les chats", "the guy who fixed my bike", "mon oncle qui conduit ma mère à ses rdv",
/// up to the clause's end ("mon oncle qui m'emmenait est malade, qqn pour m'emmener ?").
pub fn described_person(text: &str, tokens: &[Token], at: usize) -> bool {
    const PERSONS: [&str; 24] = [
        "dame",
        "oncle",
        "tante",
        "uncle",
        "aunt",
        "monsieur",
        "voisin",
        "voisine",
        "ami",
        "amie",
        "copain",
        "copine",
        "collegue",
        "cousin",
        "cousine",
        "lady",
        "man",
        "woman",
        "guy",
        "neighbour",
        "neighbor",
        "friend",
        "colleague",
        "mec",
    ];
    let end = tokens.partition_point(|token| token.span.1 <= at);
    let recent = &tokens[end.saturating_sub(7)..end];
    recent.windows(2).any(|pair| {
        matches!(pair[1].folded.as_str(), "qui" | "who")
            && PERSONS.contains(&pair[0].folded.as_str())
            && text.get(pair[1].span.1..at).is_some_and(|clause| !clause.contains([',', '.', ';', '!', '?', '\n']))
    })
}

/// Whether byte `at` stands in a clause that tells what its author used to do ("Pendant des
/// années j'ai emmené ma voisine au marché, mais…", "for years I drove my gran to the
/// baker's"): a past habit, up to the clause's end, is no help offered or asked now.
pub fn in_past_habit(text: &str, at: usize) -> bool {
    const OPENERS: [&str; 10] = [
        "pendant des annees",
        "pendant longtemps",
        "durant des annees",
        "j'ai longtemps",
        "autrefois",
        "a l'epoque",
        "for years",
        "for many years",
        "i used to",
        "back when",
    ];
    // (Only the sentence so far is folded.)
    let before = text.get(..at).unwrap_or_default();
    let sentence = before.rfind(['.', '!', '?', '\n']).map_or(before, |end| &before[end..]);
    let before = fold(sentence).replace('’', "'");
    OPENERS.iter().filter_map(|opener| before.rfind(opener)).max().is_some_and(|start| {
        let clause = &before[start..];
        !clause.contains([',', '.', '!', '?', ';', ':']) && !clause.contains(" mais ") && !clause.contains(" but ")
    })
}

/// Whether what stands at `span` is what a request wants carried to the tip or to a charity
/// shop ("a trailer to take garden waste to the tip", "des meubles qu'on voudrait emmener à
/// Emmaüs"): the load, not the help asked.
pub fn carried_away(text: &str, tokens: &[Token], span: (usize, usize)) -> bool {
    const CARRY: [&str; 12] = [
        "emmener", "amener", "apporter", "deposer", "porter", "evacuer", "take", "taking", "bring", "carry", "haul",
        "drop",
    ];
    const PLACES: [&str; 8] =
        ["dechetterie", "decheterie", "recyclerie", "ressourcerie", "emmaus", "tip", "dump", "landfill"];
    let end =
        text.get(span.1..).and_then(|after| after.find(['.', '!', '?', ';'])).map_or(text.len(), |at| span.1 + at);
    let start = tokens.partition_point(|token| token.span.0 < span.1);
    let after: Vec<&str> = tokens[start..]
        .iter()
        .take_while(|token| token.span.1 <= end)
        .take(10)
        .map(|token| token.folded.as_str())
        .collect();
    let carry_before = words_before(tokens, span.0).iter().rev().take(4).any(|word| CARRY.contains(word));
    let place_after = after.iter().any(|word| PLACES.contains(word));
    place_after && (carry_before || after.iter().any(|word| CARRY.contains(word)))
}

/// Whether what stands at byte `at` is the trade of someone a request names ("mon fils est
/// plombier à Toulouse", "my sister is a nurse", "mon voisin apiculteur"): who they are, not
/// the help asked.
pub fn relatives_trade(tokens: &[Token], at: usize) -> bool {
    const RELATIVES: [&str; 29] = [
        "fils",
        "fille",
        "mari",
        "femme",
        "frere",
        "soeur",
        "pere",
        "mere",
        "cousin",
        "cousine",
        "oncle",
        "tante",
        "gendre",
        "voisin",
        "voisine",
        "copain",
        "copine",
        "son",
        "daughter",
        "husband",
        "wife",
        "brother",
        "sister",
        "father",
        "mother",
        "dad",
        "mum",
        "neighbour",
        "neighbor",
    ];
    // "Mon voisin apiculteur": a trade right after the relative ("ma fille dyslexique" is
    // whom help is for, and stays).
    let trade = tokens.iter().find(|token| token.span.0 == at).is_some_and(|token| {
        ["eur", "euse", "ier", "iere", "ien", "ienne", "rice"].iter().any(|ending| token.folded.ends_with(ending))
    });
    let before = words_before(tokens, at);
    let named_with = matches!(
        before.as_slice(),
        [.., "mon" | "ma" | "notre" | "my" | "our", relative] if RELATIVES.contains(relative)
    );
    // ("Ma fille est prof d'allemand": the trade's complement too; the elided "d'" is no word.)
    trade && named_with
        || matches!(
            before.as_slice(),
            [.., relative, "est" | "is"]
                | [.., relative, "est" | "is", "un" | "une" | "an"]
                | [.., relative, "est" | "is", _, "de" | "of"]
                | [.., relative, "est" | "is", "prof" | "professeur" | "professeure" | "teacher"]
                | [.., relative, "est" | "is", "un" | "une" | "an", _, "de" | "of"]
                if RELATIVES.contains(relative)
        )
}

/// Whether what stands at byte `at` is a trade its author had ("j'ai été infirmière pendant
/// 32 ans", "ancienne aide-soignante", "I was a nurse", where the single letter "a" is no
/// word): who they were, which may not be what they offer now.
pub fn past_trade(tokens: &[Token], at: usize) -> bool {
    // ("Je donne mon ancien lit bébé": a thing of the past is no trade.)
    const OWNED: [&str; 13] = ["mon", "ma", "mes", "son", "sa", "ses", "un", "une", "le", "la", "les", "my", "our"];
    let before = words_before(tokens, at);
    if let [.., owner, "ancienne" | "ancien" | "ex" | "former"] = before.as_slice()
        && OWNED.contains(owner)
    {
        return false;
    }
    matches!(
        before.as_slice(),
        [.., "ai", "ete"]
            | [.., "ai", "ete", "un" | "une"]
            | [.., "etais"]
            | [.., "etais", "un" | "une"]
            | [.., "i", "was"]
            | [.., "i", "was", "an"]
            | [.., "used", "to", "be"]
            | [.., "used", "to", "be", "an"]
            | [.., "ancienne" | "ancien" | "ex" | "former" | "retired"]
    )
}

/// Whether the person named just before byte `end` speaks or asks in the words that follow
/// ("le médecin veut qu'on note sa tension", "mon kiné m'a conseillé", "the GP said"): whom
/// a request quotes is no help it asks for.
pub fn quoted_person(text: &str, tokens: &[Token], end: usize) -> bool {
    const SAYS: [&str; 16] = [
        "conseille",
        "recommande",
        "prescrit",
        "insiste",
        "exige",
        "dit",
        "said",
        "says",
        "told",
        "recommends",
        "recommended",
        "suggested",
        "suggests",
        "insists",
        "advised",
        "prescribed",
    ];
    // "Veut" needs whom or what it wants done: "mon ordi veut plus démarrer" quotes nobody.
    const WANTS: [&str; 6] = ["veut", "voudrait", "demande", "wants", "asked", "asks"];
    // (Elisions and single letters are no words: "qu'on" reads "on", "m'a dit" reads "dit".)
    const WHOM: [&str; 10] = ["que", "on", "me", "nous", "lui", "that", "us", "him", "her", "them"];
    let start = tokens.partition_point(|token| token.span.0 < end);
    let sentence_end =
        text.get(end..).and_then(|after| after.find(['.', '!', '?', ';'])).map_or(text.len(), |at| end + at);
    let next: Vec<&str> = tokens[start..]
        .iter()
        .take_while(|token| token.span.1 <= sentence_end)
        .take(3)
        .map(|token| token.folded.as_str())
        .collect();
    let says = |word: &str| SAYS.contains(&word);
    match next.as_slice() {
        [first, ..] if says(first) => true,
        [first, second, ..] if WANTS.contains(first) => WHOM.contains(second),
        ["nous" | "lui" | "me", second, ..] => says(second),
        _ => false,
    }
}

/// Whether the school stage at byte `at` is where someone once was: "j'ai fait anglais au
/// collège", "quand j'étais au lycée", "I did French at school". A grown-up learner's past
/// says nothing of whom help is for now.
pub fn schooled_before(tokens: &[Token], at: usize) -> bool {
    let before = words_before(tokens, at);
    let recent = &before[before.len().saturating_sub(5)..];
    let at_school = matches!(recent.last(), Some(&("au" | "en" | "at" | "in")));
    at_school
        && (recent.windows(2).any(|pair| {
            matches!(pair, ["ai" | "avais", "fait" | "appris"] | ["i", "did" | "learnt" | "learned" | "was"])
        }) || recent.contains(&"etais"))
}

/// Whether byte `at` stands in a clause that tells what has changed ("Maintenant que ma fille
/// garde les petits-enfants, j'ai du temps", "now that the kids are at school"): the story
/// before a need, up to the clause's comma.
pub fn in_backstory_clause(text: &str, at: usize) -> bool {
    const OPENERS: [&str; 6] =
        ["maintenant que ", "maintenant qu'", "maintenant qu’", "depuis que ", "depuis qu'", "now that "];
    let before = fold(text.get(..at).unwrap_or_default());
    OPENERS
        .iter()
        .filter_map(|opener| before.rfind(opener))
        .max()
        .is_some_and(|start| !before[start..].contains([',', '.', '!', '?', ';', ':', '\n']))
}

/// Whether byte `at` stands in a sentence that thanks ("Un grand merci à celui qui a remis
/// en route l'ordi de ma mère"); thanks in advance go with what is asked.
pub fn in_thanks(text: &str, sentences: &[(usize, usize)], at: usize) -> bool {
    let Some((start, _)) = sentences.iter().copied().find(|(_, end)| at < *end) else { return false };
    let sentence = fold(text.get(start..at).unwrap_or_default());
    // ("D'abord un grand merci à Sylvie" thanks too.)
    let opening: Vec<&str> = sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(5).collect();
    // ("Merci de m'aider à déménager" asks.)
    let thanks = opening
        .windows(2)
        .any(|pair| matches!(pair[0], "merci" | "remercie" | "thanks" | "thank") && !matches!(pair[1], "de" | "d"))
        || opening.last().is_some_and(|word| matches!(*word, "merci" | "remercie" | "thanks" | "thank"));
    let in_advance =
        ["d'avance", "par avance", "in advance", "d’avance"].iter().any(|phrase| sentence.contains(phrase));
    thanks && !in_advance
}

/// Whether the words just before byte `at` date something by it: "depuis le déménagement",
/// "since my surgery" (when the trouble began, not what is asked).
pub fn dated_by(tokens: &[Token], at: usize) -> bool {
    const DETERMINERS: [&str; 12] = ["le", "la", "l", "les", "mon", "ma", "notre", "son", "sa", "the", "my", "our"];
    match words_before(tokens, at).as_slice() {
        // ("Après un licenciement" too: what the trouble followed.)
        [.., "depuis" | "since", determiner] => DETERMINERS.contains(determiner),
        [.., "apres" | "after", determiner] => matches!(*determiner, "un" | "une" | "mon" | "ma" | "son" | "sa" | "my"),
        // ("depuis l'opération": the elision is no word.)
        [.., "depuis" | "since"] => true,
        _ => false,
    }
}

/// Whether what stands at byte `at` comes along with a request's author ("m'héberger deux
/// semaines avec ma chienne", "somewhere to stay with my dog"): who comes, not the help
/// asked. ("M'aider avec mon chat diabétique" is about the cat.)
pub fn brought_along(tokens: &[Token], at: usize) -> bool {
    const COMING: [&str; 14] = [
        "heberger",
        "loger",
        "accueillir",
        "venir",
        "partir",
        "dormir",
        "demenager",
        "stay",
        "staying",
        "come",
        "coming",
        "host",
        "move",
        "moving",
    ];
    let before = words_before(tokens, at);
    matches!(before.as_slice(), [.., "avec" | "with", "mon" | "ma" | "mes" | "notre" | "nos" | "my" | "our"])
        && before.iter().any(|word| COMING.contains(word))
        && !before.iter().any(|word| matches!(*word, "aider" | "aide" | "help"))
}
