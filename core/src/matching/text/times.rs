//! When a post says help is needed or given: a day with its date ("dimanche 16"), a clock time
//! ("à partir de 18h"), a time said only ("uniquement le samedi"), preferred ("plutôt en
//! soirée"), already covered, or when the author is not free or at work. Re-exported by [`super`], so readers call them
//! `text::said_only` and so on.

use super::{Token, fold, fold_before, is_emoji, sentence_before, tokens, words_before};

/// Whether the day at `span` is one day, not a habit: given with its date or hour ("dimanche
/// 16", "lundi matin à 9h30", "Sunday 16th"), or as the next one ("mardi prochain", "ce
/// samedi", "next Tuesday"). It is when the help is needed.
pub fn dated(text: &str, span: (usize, usize)) -> bool {
    let after = fold(text.get(span.1..).unwrap_or_default());
    let mut words = after.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty());
    let next = words.next().unwrap_or_default();
    let hour = |word: &str| word.starts_with(|c: char| c.is_ascii_digit());
    let dated_after = hour(next)
        || matches!(next, "prochain" | "prochaine")
        || matches!(next, "matin" | "midi" | "apres" | "soir" | "morning" | "afternoon" | "evening")
            && words.take(3).any(hour);
    let before = fold(text.get(..span.0).unwrap_or_default());
    let previous = before.split(|c: char| !c.is_alphanumeric()).rfind(|word| !word.is_empty());
    dated_after || matches!(previous, Some("ce" | "this" | "next"))
}

/// Whether a post says it is free on what stands at `span` only: "uniquement le samedi",
/// "le samedi seulement", "Saturdays only".
pub fn said_only(text: &str, tokens: &[Token], span: (usize, usize)) -> bool {
    const ONLY: [&str; 4] = ["uniquement", "seulement", "only", "que"];
    let after = text.get(span.1..).unwrap_or_default().trim_start();
    // Right before it, or before its article; not across a pause ("Le week-end uniquement,
    // en semaine je bosse" is free on weekends only).
    let paused =
        |word: &Token| text.get(word.span.1..span.0).is_some_and(|gap| gap.contains([',', '.', ';', '!', '?']));
    let end = tokens.partition_point(|token| token.span.1 <= span.0);
    let before: Vec<&Token> = tokens[end.saturating_sub(2)..end].iter().rev().collect();
    let only_before = match before.as_slice() {
        [last, ..] if ONLY.contains(&last.folded.as_str()) => !paused(last),
        [_, second] => ONLY.contains(&second.folded.as_str()) && !paused(second),
        _ => false,
    };
    only_before || ["uniquement", "seulement", "only"].iter().any(|word| after.starts_with(word))
}

/// Whether what stands at `span` comes right after `last` in one list: "mardis et jeudis",
/// "lundi, mercredi ou vendredi", "Mondays and Thursdays".
pub fn listed_after(text: &str, last: (usize, usize), span: (usize, usize)) -> bool {
    const JOINS: [&str; 8] = ["et", "ou", "and", "or", "le", "les", "the", "&"];
    text.get(last.1..span.0).is_some_and(|gap| {
        gap.split(|c: char| c.is_whitespace() || c == ',' || c == '/')
            .all(|word| word.is_empty() || JOINS.contains(&word))
    })
}

/// Words that say someone is free: "libre", "dispo", "available".
pub const FREE: [&str; 5] = ["libre", "dispo", "disponible", "free", "available"];

/// Words that say the author: "je", "I", "nous".
const SUBJECTS: [&str; 6] = ["je", "moi", "i", "nous", "we", "on"];

/// Whether the time at byte `at` is one the author of a request says they are not free:
/// "je ne peux pas l'aider le soir", "je ne peux venir que le dimanche", "I can't leave work
/// before 6:30 on Mondays". It says why help is needed, not when a helper must be free.
pub fn author_unavailable(text: &str, sentences: &[(usize, usize)], tokens: &[Token], at: usize) -> bool {
    const DENIALS: [&str; 7] = ["ne", "pas", "cannot", "can", "not", "don", "jamais"];
    // ("Pas de place en crèche 😞 Je cherche qqn les mardis": an emoji ends what was said.)
    let after_emoji = text.get(..at).and_then(|before| before.rfind(is_emoji)).unwrap_or(0);
    let words: Vec<&str> = sentence_before(sentences, tokens, at)
        .iter()
        .filter(|token| token.span.0 >= after_emoji)
        .map(|token| token.folded.as_str())
        .collect();
    words.iter().enumerate().any(|(index, word)| {
        SUBJECTS.contains(word) && words.iter().skip(index + 1).take(3).any(|next| DENIALS.contains(next))
    })
}

/// Whether the time at `span` is when its author works, said right before or after it: "je
/// bosse tout le week-end", "en semaine la journée je bosse". Nobody offers or asks help
/// then; work says so only of the time beside it ("je travaille toute la semaine… donc
/// forcément un samedi" asks for a Saturday).
pub fn author_working(text: &str, tokens: &[Token], span: (usize, usize)) -> bool {
    const WORK: [&str; 4] = ["bosse", "travaille", "work", "works"];
    let start = tokens.partition_point(|token| token.span.1 <= span.0);
    // ("Je travaille pas le mercredi": the day the author is free.)
    let denied = |pair: &[&Token]| {
        let at = tokens.partition_point(|token| token.span.0 < pair[1].span.1);
        tokens.get(at).is_some_and(|next| next.folded == "pas")
    };
    let works = |pair: &[&Token]| {
        SUBJECTS.contains(&pair[0].folded.as_str()) && WORK.contains(&pair[1].folded.as_str()) && !denied(pair)
    };
    let end = tokens.partition_point(|token| token.span.0 < span.1).max(start);
    let before: Vec<&Token> = tokens[start.saturating_sub(6)..start].iter().collect();
    let after: Vec<&Token> = tokens[end..(end + 4).min(tokens.len())].iter().collect();
    // ("Uniquement le samedi (je bosse la semaine)": a pause ends what work is said of, and
    // so does a reason: "uniquement le week-end car je bosse en semaine".)
    let unbroken = |pair: &[&Token]| {
        text.get(span.1..pair[0].span.0).is_some_and(|gap| {
            !gap.contains([',', '(', ')', '.', ';', ':', '!', '?'])
                && !fold(gap)
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| matches!(word, "car" | "parce" | "because" | "puisque" | "puisqu" | "since"))
        })
    };
    // ("(je bosse vers la Pardieu), départ 7h15": a closed aside or sentence ends it too.)
    let closed =
        |pair: &[&Token]| text.get(pair[1].span.1..span.0).is_some_and(|gap| gap.contains([')', '.', ';', '!', '?']));
    before.windows(2).any(|pair| works(pair) && !closed(pair))
        || after.windows(2).any(|pair| works(pair) && unbroken(pair))
}

/// Whether the time at byte `at` is one its author says they do not work ("je ne travaille pas
/// le mercredi", "je bosse pas les lundis", "je travaille pas mercredi"): when they are free,
/// which denies no time.
pub fn free_day(tokens: &[Token], at: usize) -> bool {
    matches!(
        words_before(tokens, at).as_slice(),
        [.., "travaille" | "bosse", "pas"] | [.., "travaille" | "bosse", "pas", "le" | "les"]
    )
}

/// Whether the time at `span` is one a request says is already covered, by its author or
/// someone else: "My neighbour helps on weekdays", "Mornings I can do it myself", "le matin
/// ma sœur s'en occupe", "le soir j'ai la garderie ça va", "le mercredi ils sont au centre
/// aéré". Only the rest is asked.
pub fn covered(text: &str, span: (usize, usize)) -> bool {
    const BREAKS: [char; 6] = [',', ';', '.', ':', '!', '?'];
    let start = text.get(..span.0).and_then(|before| before.rfind(BREAKS)).map_or(0, |at| at + 1);
    let end = text.get(span.1..).and_then(|after| after.find(BREAKS)).map_or(text.len(), |at| span.1 + at);
    let clause = tokens(text.get(start..end).unwrap_or_default());
    let words: Vec<&str> = clause.iter().map(|token| token.folded.as_str()).collect();
    // (The after-school club covers a time only in a clause of its own: "qqn pour le récupérer
    // à la garderie le soir ?" asks that evening.)
    let own_subject = words.iter().any(|word| matches!(*word, "ai" | "ont" | "sont" | "vont" | "ils" | "elles"));
    let club = words.windows(2).any(|pair| pair == ["centre", "aere"]) || words.contains(&"garderie");
    words.windows(2).any(|pair| matches!(pair, ["moi", "meme"] | ["en", "occupe" | "charge"]))
        || club && own_subject
        || words.ends_with(&["ca", "va"])
        || words.iter().any(|word| matches!(*word, "myself" | "helps" | "handles" | "covers" | "gere"))
}

/// Whether what stands at byte `at` is only preferred: "plutôt en soirée", "de préférence
/// le samedi", "ideally on weekends".
pub fn preferred(tokens: &[Token], at: usize) -> bool {
    const RATHER: [&str; 6] = ["plutot", "preference", "idealement", "preferably", "ideally", "rather"];
    words_before(tokens, at).iter().rev().take(3).any(|word| RATHER.contains(word))
}

/// Whether the time at byte `at` is one an offer's author says they are busy: "I work during
/// school holidays", "je bosse le samedi", "pas libre le soir".
pub fn busy(text: &str, tokens: &[Token], at: usize) -> bool {
    if free_day(tokens, at) {
        return false;
    }
    // (Free words are read apart: "pas libre" is busy, "libre" is not.)
    const BUSY: [&str; 10] =
        ["work", "travaille", "bosse", "busy", "occupe", "occupee", "pris", "prise", "unavailable", "indisponible"];
    let before = words_before(tokens, at);
    // "Infirmier de nuit", "je suis de nuit": the author's shift (not "des gardes de nuit",
    // what a sitter offers).
    const TRADE_ENDINGS: [&str; 8] = ["ier", "iere", "eur", "euse", "ien", "ienne", "ant", "ante"];
    let starts_with_de = tokens.iter().find(|token| token.span.0 >= at).is_some_and(|token| token.folded == "de");
    let trade = match before.as_slice() {
        [.., trade, "de"] => Some(*trade),
        [.., trade] if starts_with_de => Some(*trade),
        _ => None,
    };
    if let Some(trade) = trade
        && (matches!(trade, "suis" | "poste" | "equipe")
            || TRADE_ENDINGS.iter().any(|ending| trade.len() > ending.len() + 2 && trade.ends_with(ending)))
    {
        return true;
    }
    // "Je ne peux pas m'engager pour le soir", "I can't commit to evenings" (not "je ne peux
    // pas m'engager mais le samedi je suis libre").
    let committed = before.iter().rposition(|word| matches!(*word, "engager" | "commit"));
    if let Some(verb) = committed
        && before.len() - verb <= 4
        && !before[verb..].iter().any(|word| matches!(*word, "mais" | "but" | "sauf" | "except"))
        && before[..verb].iter().rev().take(2).any(|word| matches!(*word, "pas" | "not" | "cannot"))
    {
        return true;
    }
    // "J'ai cours en semaine", "I have classes during the week" (not "j'ai cours le lundi,
    // mardi je suis dispo", nor "j'ai cours, le week-end je suis libre": only small words
    // stand between, in one clause).
    let clause = super::clause_before(text, tokens, at);
    if let Some(class) = clause.iter().rposition(|word| matches!(*word, "cours" | "classes" | "lectures" | "school"))
        && class > 0
        && matches!(clause[class - 1], "ai" | "have" | "avons")
        && clause[class + 1..]
            .iter()
            .all(|word| matches!(*word, "en" | "le" | "la" | "les" | "during" | "the" | "on" | "in"))
    {
        return true;
    }
    let from = before.len().saturating_sub(3);
    (from..before.len()).any(|index| {
        let denied = index > 0 && matches!(before[index - 1], "not" | "pas" | "never" | "jamais");
        // ("Pas dispo avant samedi" is free from Saturday.)
        let until =
            before[index + 1..].iter().any(|word| matches!(*word, "avant" | "jusqu" | "before" | "until" | "till"));
        match before[index] {
            // "Pas dispo le vendredi", "not available on Fridays".
            word if FREE.contains(&word) => denied && !until,
            word => BUSY.contains(&word),
        }
    })
}

/// Whether the time at byte `at` is the one an offer leaves out: "tous les soirs sauf le
/// vendredi", "any day except Fridays" (not "pas dispo le week-end, sauf le dimanche", which
/// gives the Sunday back, nor "sauf imprévu, samedi c'est bon").
pub fn left_out(text: &str, tokens: &[Token], at: usize) -> bool {
    const NEGATIONS: [&str; 7] = ["pas", "ne", "not", "cannot", "don", "jamais", "never"];
    // (A denial anywhere in the sentence gives the time back: "pas dispo le week-end, sauf le
    // dimanche".)
    let denied = super::sentence_words_before(text, tokens, at).iter().any(|word| NEGATIONS.contains(word));
    let mut before = super::clause_before(text, tokens, at);
    while before.last().is_some_and(|word| {
        matches!(*word, "le" | "la" | "les" | "the" | "on" | "in" | "en" | "at" | "during" | "pendant" | "au" | "aux")
    }) {
        before.pop();
    }
    matches!(before.last(), Some(&("sauf" | "excepte" | "hormis" | "except"))) && !denied
}

/// Whether the time at `span` is one an offer's author turns down right after it, in its
/// clause: "le soir par contre je peux pas", "weekends I'm not free", "evenings I can't help"
/// (not "le mercredi je ne travaille pas", a free day, nor "le samedi je ne peux que le
/// matin", which gives part of it).
pub fn refused_after(text: &str, tokens: &[Token], span: (usize, usize)) -> bool {
    const DENIALS: [&str; 6] = ["pas", "plus", "jamais", "cannot", "not", "don"];
    const PART: [&str; 5] = ["que", "qu", "only", "seulement", "uniquement"];
    const WORK: [&str; 6] = ["travaille", "bosse", "work", "works", "working", "travaillent"];
    const BECAUSE: [&str; 6] = ["car", "parce", "because", "since", "mais", "but"];
    let end = tokens.partition_point(|token| token.span.0 < span.1);
    let clause: Vec<&str> = tokens[end..]
        .iter()
        .take_while(|token| {
            text.get(span.1..token.span.0).is_some_and(|gap| !gap.contains([',', '(', '.', ';', ':', '!', '?', '\n']))
        })
        .map(|token| token.folded.as_str())
        .take_while(|word| !BECAUSE.contains(word))
        .take(8)
        .collect();
    let Some(subject) = clause.iter().rposition(|word| matches!(*word, "je" | "i" | "on")) else {
        return false;
    };
    let said = &clause[subject + 1..];
    said.iter().any(|word| DENIALS.contains(word))
        && !said.iter().any(|word| PART.contains(word) || WORK.contains(word))
}

/// A part of the day, as a clock time falls in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    /// The part of the day an hour (0–23) falls in.
    fn of(hour: u32) -> DayPart {
        match hour {
            4..=11 => DayPart::Morning,
            12..=17 => DayPart::Afternoon,
            18..=22 => DayPart::Evening,
            _ => DayPart::Night,
        }
    }
}

/// The hour a word writes, if it writes one, and whether it is a whole hour: "18h", "18h30",
/// "6pm", "10am".
fn hour_of(word: &str) -> Option<(u32, bool)> {
    let digits = word.find(|c: char| !c.is_ascii_digit()).filter(|&end| (1..=2).contains(&end))?;
    let hour: u32 = word.get(..digits)?.parse().ok()?;
    let rest = word.get(digits..)?;
    let minutes = |tail: &str| tail.is_empty() || tail.len() == 2 && tail.chars().all(|c| c.is_ascii_digit());
    match rest {
        "am" if (1..=12).contains(&hour) => Some((hour % 12, true)),
        "pm" if (1..=12).contains(&hour) => Some((hour % 12 + 12, true)),
        _ => {
            let tail = rest.strip_prefix('h').filter(|tail| minutes(tail))?;
            (hour < 24).then_some((hour, tail.is_empty() || tail == "00"))
        }
    }
}

/// The clock times a text gives, with the parts of the day they fall in: "vers 10h" is a
/// morning, "à partir de 18h" an evening, "jusqu'à 19h" an afternoon and an evening, "de 20h
/// à 7h" an evening, a night and a morning; "pas avant 18h" is from 18h. Only an hour after a
/// word that sets a time counts: "3h de ménage", "sous 2h", "à 1h de Lyon" and "1h = 60
/// grains" are lengths. A whole hour that ends a span is not in it ("de 9h à 12h" is a morning).
pub fn clock_times(text: &str, words: &[Token]) -> Vec<((usize, usize), Vec<DayPart>)> {
    const AT: [&str; 11] = ["a", "vers", "entre", "at", "around", "by", "depart", "retour", "pars", "leave", "leaving"];
    const FROM: [&str; 5] = ["des", "apres", "after", "from", "de"];
    const UNTIL: [&str; 5] = ["jusqu", "avant", "before", "until", "till"];
    const NOT: [&str; 3] = ["pas", "not", "jamais"];
    /// How many hours an open side ("après 18h", "jusqu'à 19h") is taken to last.
    const OPEN: u32 = 3;
    const JOINS: [&str; 6] = ["a", "-", "–", "to", "et", "and"];
    // The last three words before byte `at`, nearest first.
    let previous = |at: usize| {
        let before = fold_before(text, at);
        let mut words = before.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).rev();
        [(); 3].map(|_| words.next().unwrap_or_default().to_owned())
    };
    let mut times = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let Some((start, whole)) = hour_of(&words[at].folded) else {
            at += 1;
            continue;
        };
        let end = words.get(at + 1).and_then(|next| {
            let gap = fold(text.get(words[at].span.1..next.span.0).unwrap_or_default());
            JOINS.contains(&gap.trim()).then(|| hour_of(&next.folded)).flatten()
        });
        let [mut before, mut second, third] = previous(words[at].span.0);
        if before == "a" && second == "jusqu" {
            before = "jusqu".to_owned();
            second = third;
        }
        // ("Il a 3h de trajet": only "à" sets a time.)
        if before == "a" && !text.get(..words[at].span.0).unwrap_or_default().trim_end().ends_with(['à', 'À']) {
            before.clear();
        }
        // ("J'habite à 1h de Lyon", "après 2h de route": a length; "départ 7h15 de la gare"
        // is a time.)
        let length = end.is_none()
            && whole
            && start <= 5
            && words.get(at + 1).is_some_and(|next| matches!(next.folded.as_str(), "de" | "d" | "of"))
            && text.get(words[at].span.1..words[at + 1].span.0).is_some_and(|gap| gap.trim().is_empty());
        // ("Une balade de 2h": after "de", only a range or "à partir de" sets a time.)
        let mut from = FROM.contains(&before.as_str()) && (before != "de" || second == "partir" || end.is_some());
        let mut until = UNTIL.contains(&before.as_str());
        // "Pas avant 18h" is from 18h; "pas après 20h" until 20h.
        if end.is_none() && NOT.contains(&second.as_str()) && (from || until) {
            (from, until) = (until, from);
        }
        // A whole hour that ends a span is not in it.
        let exclusive = |(hour, whole): (u32, bool), first: u32| {
            if whole && hour != first { (hour + 23) % 24 } else { hour }
        };
        let (first, last) = match end {
            Some(end) if from || AT.contains(&before.as_str()) => (start, exclusive(end, start)),
            None if length => {
                at += 1;
                continue;
            }
            None if from => (start, (start + OPEN) % 24),
            None if until => {
                let first = (start + 24 - OPEN) % 24;
                (first, exclusive((start, whole), first))
            }
            None if AT.contains(&before.as_str()) => (start, start),
            _ => {
                at += 1;
                continue;
            }
        };
        let mut parts = vec![DayPart::of(first)];
        let mut hour = first;
        while hour != last {
            hour = (hour + 1) % 24;
            let part = DayPart::of(hour);
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        let read = if end.is_some() { at + 1 } else { at };
        times.push(((words[at].span.0, words[read].span.1), parts));
        at = read + 1;
    }
    times
}
