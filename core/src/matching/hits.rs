//! Rules that rewrite what the thesaurus found in a post before it is read as needs: which
//! sense a word has ("le fauteuil" after "fauteuil roulant"), which days a range holds, which
//! languages are only spoken, when minding means childcare, and which complements or examples
//! are no needs of their own. Each takes the hits of one post, in text order.

use std::sync::LazyLock;

use super::SCHOOL;
use super::text;
use super::thesaurus::{self, Hit, THESAURUS};

/// The days of the week's concepts, from Monday.
const DAYS: [&str; 7] =
    ["day_monday", "day_tuesday", "day_wednesday", "day_thursday", "day_friday", "day_saturday", "day_sunday"];
/// The days' concepts, looked up once.
static DAY_IDS: LazyLock<Vec<Option<thesaurus::ConceptId>>> =
    LazyLock::new(|| DAYS.iter().map(|id| THESAURUS.concept_id(id)).collect());
/// The topic of languages: lessons, translation, conversation, proofreading.
const LANGUAGES: &str = "languages";

/// "En fauteuil roulant… le fauteuil se plie": one word that heads a thing named before in
/// full names that thing again, not another sense of the word (a sofa).
pub(super) fn refer_back(hits: &mut [Hit]) {
    for at in 1..hits.len() {
        let word = text::fold(&hits[at].surface);
        if word.contains(' ') {
            continue;
        }
        let earlier = hits[..at].iter().find(|before| {
            let full = text::fold(&before.surface);
            full.split(' ').next() == Some(word.as_str()) && full.contains(' ') && before.span.1 < hits[at].span.0
        });
        if let Some(concept) = earlier.map(|before| before.concept) {
            hits[at].concept = concept;
        }
    }
}

/// "Je connais bien les dossiers MDPH… Je peux aider à remplir le dossier": a broad need in
/// focus refers back to the narrower one named before it. (Named after, it is a detail or an
/// exception: "petit électroménager… pas les gros appareils (frigo)".)
pub(super) fn promote_narrower(hits: &mut [Hit]) {
    let thesaurus = &*THESAURUS;
    let broad_in_focus: Vec<(thesaurus::ConceptId, usize)> = hits
        .iter()
        .filter(|hit| hit.focus && thesaurus.concepts[usize::from(hit.concept)].broad)
        .map(|hit| (hit.concept, hit.span.0))
        .collect();
    for hit in hits.iter_mut().filter(|hit| !hit.focus) {
        let concept = &thesaurus.concepts[usize::from(hit.concept)];
        let named_before =
            |(broad, at): &(thesaurus::ConceptId, usize)| concept.broader == Some(*broad) && hit.span.1 <= *at;
        if !concept.context && broad_in_focus.iter().any(named_before) {
            hit.focus = true;
        }
    }
}

/// "Du lundi au jeudi", "Monday to Thursday": the days between two days named as a range are
/// named too.
pub(super) fn add_days_between(text: &str, hits: &mut Vec<Hit>) {
    let days = &*DAY_IDS;
    let day_of = |hit: &Hit| days.iter().position(|day| *day == Some(hit.concept));
    let named: Vec<(usize, &Hit)> = hits.iter().filter_map(|hit| Some((day_of(hit)?, hit))).collect();
    let mut added = Vec::new();
    for pair in named.windows(2) {
        let [(first, from), (last, to)] = [pair[0], pair[1]];
        let between = text.get(from.span.1..to.span.0).unwrap_or_default().trim();
        if !["au", "à", "a", "-", "–", "to", "through", "till", "until"].contains(&text::fold(between).as_str()) {
            continue;
        }
        let mut day = (first + 1) % DAYS.len();
        while day != last {
            if let Some(concept) = days[day] {
                added.push(Hit { concept, derived: false, ..from.clone() });
            }
            day = (day + 1) % DAYS.len();
        }
    }
    hits.extend(added);
    hits.sort_by_key(|hit| hit.span.0);
}

/// "À partir de 18h", "jusqu'à 19h": the clock times an offer gives name the parts of the day
/// it is free, as "le soir" would.
pub(super) fn add_clock_times(text: &str, tokens: &[text::Token], focus: &[bool], hits: &mut Vec<Hit>) {
    static PARTS: LazyLock<[Option<thesaurus::ConceptId>; 4]> = LazyLock::new(|| {
        ["time_morning", "time_afternoon", "time_evening", "time_night"].map(|id| THESAURUS.concept_id(id))
    });
    let before = hits.len();
    for (span, parts) in text::clock_times(text, tokens) {
        let at = tokens.partition_point(|token| token.span.1 <= span.0);
        let focus = focus.get(at).copied().unwrap_or(false);
        let surface = text.get(span.0..span.1).unwrap_or_default().to_owned();
        for part in parts {
            let index = match part {
                text::DayPart::Morning => 0,
                text::DayPart::Afternoon => 1,
                text::DayPart::Evening => 2,
                text::DayPart::Night => 3,
            };
            if let Some(concept) = PARTS[index] {
                hits.push(Hit { concept, surface: surface.clone(), derived: false, focus, span });
            }
        }
    }
    if hits.len() > before {
        hits.sort_by_key(|hit| hit.span.0);
    }
}

/// "Je peux héberger un étudiant quelques nuits, en attendant son logement", "while waiting
/// for my car to be fixed": what is awaited is neither asked nor offered.
pub(super) fn drop_awaited(text: &str, tokens: &[text::Token], hits: &mut Vec<Hit>) {
    hits.retain(|hit| {
        let end = tokens.partition_point(|token| token.span.1 <= hit.span.0);
        let near = &tokens[end.saturating_sub(6)..end];
        let Some(at) = near.windows(2).rposition(|pair| {
            matches!([pair[0].folded.as_str(), pair[1].folded.as_str()], ["en", "attendant"] | ["waiting", "for"])
        }) else {
            return true;
        };
        // ("En attendant, je cherche qqn pour le chien", "while waiting for my visa, looking for
        // lessons": a clause of its own.)
        let clause =
            text.get(near[at + 1].span.1..hit.span.0).is_some_and(|gap| gap.contains([',', ';', '.', ':', '!', '?']));
        let asks = near[at + 2..].iter().any(|word| {
            matches!(
                word.folded.as_str(),
                "je" | "qqn"
                    | "quelqu"
                    | "on"
                    | "il"
                    | "elle"
                    | "nous"
                    | "i"
                    | "we"
                    | "someone"
                    | "anyone"
                    | "besoin"
                    | "cherche"
                    | "need"
                    | "looking"
            )
        });
        clause || asks
    });
}

/// "Je fais Ancenis → Nantes tous les jours": an arrow between two names is a trip, and
/// whoever writes it takes or wants a ride, whether or not the post says "covoiturage".
pub(super) fn add_route(text: &str, tokens: &[text::Token], focus: &[bool], hits: &mut Vec<Hit>) {
    let Some(ride) = THESAURUS.concept_id("ride") else { return };
    if hits.iter().any(|hit| hit.concept == ride) {
        return;
    }
    // ("Français → Anglais" and "Lundi → Vendredi" are no trips: a name the thesaurus reads
    // is no town.)
    let read = |token: &text::Token| hits.iter().any(|hit| hit.span.0 <= token.span.0 && token.span.1 <= hit.span.1);
    let named = |token: &text::Token| {
        text.get(token.span.0..).and_then(|rest| rest.chars().next()).is_some_and(char::is_uppercase) && !read(token)
    };
    for (at, pair) in tokens.windows(2).enumerate() {
        let between = text.get(pair[0].span.1..pair[1].span.0).unwrap_or_default().trim();
        if ["→", "->", "=>", "⇒", "➡", "➡️"].contains(&between) && named(&pair[0]) && named(&pair[1]) {
            let span = (pair[0].span.0, pair[1].span.1);
            let surface = text.get(span.0..span.1).unwrap_or_default().to_owned();
            let focus = focus.get(at).copied().unwrap_or(false) || focus.get(at + 1).copied().unwrap_or(false);
            hits.push(Hit { concept: ride, surface, derived: false, focus, span });
            hits.sort_by_key(|hit| hit.span.0);
            return;
        }
    }
}

/// The text between bytes `from` and `to`, its stop words blanked: "ni d'aide à la" between
/// two things denied is "ni d' à la".
pub(super) fn without_stop_words(text: &str, tokens: &[text::Token], from: usize, to: usize) -> String {
    let mut gap = String::new();
    let mut at = from;
    for token in tokens.iter().filter(|token| token.span.0 >= from && token.span.1 <= to) {
        if THESAURUS.is_stop(token) && !text::is_list_word(&token.folded) {
            gap.push_str(text.get(at..token.span.0).unwrap_or_default());
            at = token.span.1;
        }
    }
    gap.push_str(text.get(at..to).unwrap_or_default());
    gap
}

/// Takes out of `hits` the languages a post only speaks: named by their name alone, beside
/// another need, in a post that names no lessons, translation, conversation, proofreading,
/// school, reading or writing ("I'm English, so someone who speaks a bit of English would be great").
pub(super) fn spoken_languages(text: &str, tokens: &[text::Token], offer: bool, hits: &mut Vec<Hit>) -> Vec<Hit> {
    let thesaurus = &*THESAURUS;
    let concept = |hit: &Hit| &thesaurus.concepts[usize::from(hit.concept)];
    // Learning or writing counts in a sentence that names a language or no other need: "until
    // he learns to do them himself", of insulin injections, is no English lesson.
    let sentences = text::sentences(text);
    let sentence_of = |at: usize| text::sentence_of(&sentences, at);
    let other_need = |hit: &Hit| {
        let concept = concept(hit);
        !concept.context && concept.weight >= 1.0 && concept.topic != LANGUAGES
    };
    let about_a_language = |sentence: Option<usize>| {
        let named =
            |keep: &dyn Fn(&Hit) -> bool| hits.iter().any(|hit| keep(hit) && sentence_of(hit.span.0) == sentence);
        named(&|hit| concept(hit).language) || !named(&other_need)
    };
    let language_work = thesaurus.language_work(tokens).into_iter().any(|at| about_a_language(sentence_of(at)))
        || hits.iter().any(|hit| {
            let concept = concept(hit);
            // A pupil's school year counts ("mon fils en 5e, nul en français"); a level does
            // not ("write your CV from scratch").
            let school = concept.topic == SCHOOL && concept.group.is_none();
            let languages = concept.topic == LANGUAGES && !concept.language && !concept.context;
            school || languages || (concept.language && !thesaurus.only_names_a_language(hit))
        });
    // "Il parle tigrinya et un peu anglais mais pas français. Il veut apprendre": in a post
    // about learning, a language it says is spoken (not lacked) is not the one learnt.
    let work_at = thesaurus.language_work(tokens);
    // "Piano lessons… Lessons in English or French": an offer beside another need says
    // which language it gives them in ("chatting in French" is what a request wants).
    let given_in = offer
        && text::language(tokens) == Some(crate::model::Lang::En)
        && hits.iter().any(|hit| other_need(hit) && concept(hit).topic != SCHOOL);
    let said_spoken = |hit: &Hit| {
        concept(hit).language
            && thesaurus.only_names_a_language(hit)
            && (!work_at.iter().any(|at| sentence_of(*at) == sentence_of(hit.span.0))
                && text::spoken_before(text, tokens, hit.span.0)
                || given_in && text::given_in(text, tokens, hit.span))
            && !text::negated(tokens, hit.span.0)
    };
    let spoken;
    if language_work {
        (spoken, *hits) = std::mem::take(hits).into_iter().partition(said_spoken);
    } else if hits.iter().any(other_need) {
        (spoken, *hits) = std::mem::take(hits).into_iter().partition(|hit| concept(hit).language);
    } else {
        // "Quelqu'un parle portugais par ici ?": the language is all it asks.
        spoken = Vec::new();
    }
    spoken
}

/// "Qqn pourrait le garder 2-3 jours ?" about "mon fils de 2 ans", "je peux garder les
/// vôtres (3-10 ans)": a verb of minding someone, in a post that names a child and nothing
/// else one minds (an animal, a plant, an elder, things to store), asks or offers childcare.
pub(super) fn add_minding(text: &str, tokens: &[text::Token], focus: &[bool], hits: &mut Vec<Hit>) {
    let thesaurus = &*THESAURUS;
    let Some(childcare) = *CHILDCARE_ID else { return };
    let concept = |hit: &Hit| &thesaurus.concepts[usize::from(hit.concept)];
    let names_child = hits.iter().any(|hit| [CHILDREN, BABIES].contains(&concept(hit).id.as_str()));
    if !names_child || hits.iter().any(|hit| hit.concept == childcare && hit.focus) {
        return;
    }
    if let Some((start, length)) = thesaurus.minding(tokens).into_iter().next() {
        let span = (tokens[start].span.0, tokens[start + length - 1].span.1);
        // What else is minded counts in the sentence that minds ("les garder chez moi. Pas le
        // mercredi, je m'occupe de ma voisine âgée" still minds children).
        let same_sentence = |hit: &Hit| {
            let (from, to) = if hit.span.0 < span.0 { (hit.span.1, span.0) } else { (span.1, hit.span.0) };
            from >= to || text.get(from..to).is_some_and(|gap| !gap.contains(['.', '!', '?', '\n']))
        };
        let minds_other = hits
            .iter()
            .any(|hit| hit.focus && MINDED_TOPICS.contains(&concept(hit).topic.as_str()) && same_sentence(hit));
        if minds_other {
            return;
        }
        let at = hits.iter().position(|known| known.span.0 > span.0).unwrap_or(hits.len());
        let hit = Hit {
            concept: childcare,
            surface: text.get(span.0..span.1).unwrap_or_default().to_owned(),
            derived: false,
            focus: focus.get(start).copied().unwrap_or(true),
            span,
        };
        hits.insert(at, hit);
    }
}

/// A ride and a medical escort, looked up once.
static RIDE_ID: LazyLock<Option<thesaurus::ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("ride"));
static MEDICAL_ESCORT_ID: LazyLock<Option<thesaurus::ConceptId>> =
    LazyLock::new(|| THESAURUS.concept_id("medical_escort"));

pub(super) static ESCORT_ID: LazyLock<Option<thesaurus::ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("escort"));

/// "Rdv chez l'ophtalmo au CHU mardi… qqn pourrait l'y emmener ?", "…qqn pourrait
/// l'accompagner ?": a ride or company asked for in a request that names care anywhere is a
/// medical escort too, which a driver or a companion who takes people to their appointments
/// offers.
pub(super) fn add_medical_escort(hits: &mut Vec<Hit>) {
    let (Some(ride), Some(escort)) = (*RIDE_ID, *MEDICAL_ESCORT_ID) else { return };
    let going = |hit: &Hit| hit.focus && (hit.concept == ride || Some(hit.concept) == *ESCORT_ID);
    let Some(asked) = hits.iter().find(|hit| going(hit)).cloned() else { return };
    // ("Elle déprime un peu depuis qu'elle ne conduit plus" says why a ride would cheer her,
    // no appointment.)
    let care = hits.iter().any(|hit| {
        let concept = &THESAURUS.concepts[usize::from(hit.concept)];
        hit.concept != escort
            && Some(hit.concept) != *ESCORT_ID
            && concept.topic == "health"
            && concept.id != "mental_health"
    });
    if let Some(named) = hits.iter_mut().find(|hit| hit.concept == escort) {
        named.focus = true;
    } else if care {
        hits.push(Hit { concept: escort, ..asked });
    }
}

/// Childcare, looked up once, and the children a post names.
static CHILDCARE_ID: LazyLock<Option<thesaurus::ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("childcare"));
const CHILDREN: &str = "children";
const BABIES: &str = "babies";
/// Topics of what else one minds: "garder mon chien" is no childcare.
const MINDED_TOPICS: [&str; 6] = ["pets", "gardening", "storage", "elderly", "care", "farm"];

/// Words that join a noun to its complement ("un stage dans l'informatique", "le volet de la
/// chambre"), with the articles that may follow them.
const LINKS: [&str; 4] = ["de", "du", "des", "dans"];
const ARTICLES: [&str; 9] = ["la", "le", "les", "l", "d", "mon", "ma", "mes", "un"];
/// Heads that hold their complement rather than name a need: "un sac de vêtements" gives
/// clothes, not a bag.
const CONTAINERS: [&str; 10] = ["sac", "carton", "caisse", "boite", "lot", "paquet", "tas", "pile", "kit", "bag"];

/// In "un stage d'observation dans l'informatique" the need is the internship: a precise need
/// followed by its complement ("de la chambre", "dans l'informatique") names what it is about,
/// and the complement is not a need of its own. A complement narrower than its head ("des
/// devoirs de maths") or a language ("des cours d'allemand") is the need itself and stays.
pub(super) fn demote_modifiers(text: &str, tokens: &[text::Token], hits: &mut [Hit]) {
    let thesaurus = &*THESAURUS;
    let concept = |hit: &Hit| &thesaurus.concepts[usize::from(hit.concept)];
    for at in 1..hits.len() {
        let (head, complement) = (&hits[at - 1], &hits[at]);
        let (head_concept, complement_concept) = (concept(head), concept(complement));
        if !head.focus
            || CONTAINERS.contains(&text::singular(&text::fold(&head.surface)))
            || head_concept.context
            || head_concept.weight < 1.0
            || complement_concept.context
            || complement_concept.language
            || complement_concept.broader == Some(head.concept)
            || head_concept.broader == Some(complement.concept)
            || head.span.1 > complement.span.0
        {
            continue;
        }
        let between: Vec<String> =
            text::tokens(&text[head.span.1..complement.span.0]).into_iter().map(|token| token.folded).collect();
        let elided_link = text[head.span.1..complement.span.0].trim().starts_with(['d', 'D']);
        let joined = match between.split_first() {
            Some((link, rest)) => {
                LINKS.contains(&link.as_str()) && rest.iter().all(|word| ARTICLES.contains(&word.as_str()))
            }
            None => elided_link,
        };
        // "Je peux coudre des déguisements": the complement of a verb is what it makes.
        let verb = matches!(
            text::word_before(tokens, head.span.0),
            Some("peux" | "peut" | "pouvez" | "pourrais" | "pourrait" | "sais" | "sait" | "je" | "aime" | "adore")
        ) || text::elided_before(text, head.span.0) == Some('j');
        if joined && !verb {
            hits[at].focus = false;
        }
    }
}

/// "Un garage plein d'outils", "a loft full of toys": a place named as full of something
/// holds what is offered or asked; it is no need of its own.
pub(super) fn drop_full_places(text: &str, hits: &mut Vec<Hit>) {
    hits.retain(|hit| {
        let after = text::fold_after(text, hit.span.1);
        let words: Vec<&str> = after.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(2).collect();
        !matches!(
            words.as_slice(),
            ["plein" | "pleine" | "pleins" | "pleines" | "rempli" | "remplie" | "remplis" | "remplies", "de" | "d"]
                | ["full", "of"]
        )
    });
}

/// Whether the byte `at` of a sentence stands in an elaboration: inside parentheses, or after
/// a colon ("déclaration d'impôts : revenus, frais réels, pension alimentaire").
/// ("J'ai des rehausseurs : je peux emmener vos enfants" opens a clause after its colon, no
/// list.)
fn in_elaboration(sentence: &str, at: usize) -> bool {
    let before = &sentence[..at];
    let open = before.rfind('(').filter(|open| !before[*open..].contains(')'));
    let colon = || before.find(':').filter(|colon| !opens_a_clause(&before[colon + 1..]));
    match open.or_else(colon) {
        Some(opener) => !names_the_object(&before[..opener]),
        None => false,
    }
}

/// Whether words open a clause of the author's: "je peux…", "j'emmène…", "on vient…".
fn opens_a_clause(words: &str) -> bool {
    let lower = words.trim_start().to_lowercase();
    lower.starts_with("j'")
        || lower.starts_with("j’")
        || matches!(
            text::tokens(&lower).first().map(|token| token.folded.as_str()),
            Some("je" | "on" | "nous" | "i" | "we")
        )
}

/// Whether what stands before a colon is a verb of giving or lending, whose object the list
/// after it is ("je déménage et je DONNE : canapé, armoire, lit"), rather than a need the list
/// details.
fn names_the_object(before: &str) -> bool {
    const VERBS: [&str; 12] = [
        "donne", "donner", "prete", "preter", "vends", "vendre", "give", "giving", "lend", "lending", "sell", "selling",
    ];
    let words = text::tokens(before);
    words.last().is_some_and(|word| VERBS.contains(&word.folded.as_str()))
}

/// "Je vous conduis à vos rendez-vous médicaux (hôpital, kiné, dentiste)" offers rides, not
/// physiotherapy: what a post lists as examples of a need, in parentheses or after a colon,
/// is that need's detail. An example of another topic than the sentence's first need is no
/// need of its own; one of the same topic (maths after "aide aux devoirs") stays, and so does
/// a task listed ("aide aux démarches : CAF, retrouver un mot de passe").
pub(super) fn demote_examples(text: &str, hits: &mut [Hit]) {
    let thesaurus = &*THESAURUS;
    let concept = |hit: &Hit| &thesaurus.concepts[usize::from(hit.concept)];
    let sentences = text::sentences(text);
    let sentence_of = |at: usize| sentences.iter().copied().find(|(_, end)| at < *end);
    let elaborates = |hit: &Hit| {
        sentence_of(hit.span.0).is_some_and(|(start, end)| in_elaboration(&text[start..end], hit.span.0 - start))
    };
    let examples: Vec<bool> = hits.iter().map(elaborates).collect();
    for at in 0..hits.len() {
        if !examples[at] || !hits[at].focus || concept(&hits[at]).context {
            continue;
        }
        let sentence = sentence_of(hits[at].span.0);
        // The head is precise and no language: "French admin: titre de séjour" is about the
        // residence permit, "Bricoleur : montage de meubles" about the furniture.
        let head = (0..at).find(|before| {
            let head = concept(&hits[*before]);
            !examples[*before]
                && hits[*before].focus
                && !head.context
                && !head.language
                && head.weight >= 1.0
                && sentence_of(hits[*before].span.0) == sentence
        });
        if let Some(head) = head
            && concept(&hits[head]).topic != concept(&hits[at]).topic
            && !task_item(text, hits[at].span.0)
        {
            hits[at].focus = false;
        }
    }
}

/// Whether the item of a list that holds byte `at` opens on a task: "Aide aux démarches en
/// ligne : créer son compte ameli, retrouver un mot de passe" offers each of them.
fn task_item(text: &str, at: usize) -> bool {
    const DETERMINERS: [&str; 13] =
        ["un", "une", "le", "la", "les", "son", "sa", "ses", "mon", "ma", "mes", "votre", "vos"];
    let start = text.get(..at).and_then(|before| before.rfind([',', ':', '(', ';'])).map_or(0, |comma| comma + 1);
    let item = text::tokens(text.get(start..at).unwrap_or_default());
    let words: Vec<&str> = item.iter().map(|token| token.folded.as_str()).collect();
    match words.as_slice() {
        [verb, determiner, ..] => {
            verb.len() > 4 && (verb.ends_with("er") || verb.ends_with("ir")) && DETERMINERS.contains(determiner)
        }
        _ => false,
    }
}

/// In a request written in English by someone who says where English is their own ("British
/// guy here", "we moved from Scotland", "I'm English"), English is what they could give
/// back, not what they ask: "a language exchange: your English for my…" wants French.
pub(super) fn own_language_aside(tokens: &[text::Token], hits: &mut [Hit]) {
    const NATIVE: [&str; 16] = [
        "british",
        "brit",
        "english",
        "american",
        "irish",
        "scottish",
        "welsh",
        "australian",
        "aussie",
        "kiwi",
        "scotland",
        "england",
        "ireland",
        "uk",
        "usa",
        "canadian",
    ];
    if text::language(tokens) != Some(crate::model::Lang::En) {
        return;
    }
    // "English" names the language as often as the person: it counts after "I'm", "we're".
    let native = tokens.iter().enumerate().any(|(at, token)| {
        let word = token.folded.as_str();
        let after_be = at >= 1 && matches!(tokens[at - 1].folded.as_str(), "m" | "am" | "re" | "are");
        // ("A French-American couple" may well want English for their child.)
        let mixed = at >= 1 && tokens[at - 1].folded == "french";
        NATIVE.contains(&word) && (word != "english" || after_be) && !mixed
    });
    if native {
        for hit in hits.iter_mut().filter(|hit| THESAURUS.concepts[usize::from(hit.concept)].id == "english_language") {
            hit.focus = false;
        }
    }
}

static INTERNSHIP_ID: LazyLock<Option<thesaurus::ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("internship"));
static MOVING_ID: LazyLock<Option<thesaurus::ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("moving"));
/// What a move carries: appliances and furniture, and their narrower concepts.
static CARGO_IDS: LazyLock<Vec<thesaurus::ConceptId>> =
    LazyLock::new(|| ["appliance_repair", "furniture"].iter().filter_map(|id| THESAURUS.concept_id(id)).collect());

/// "Il doit trouver un stage d'observation… un garage qui accepterait de le prendre": a
/// request that looks for a placement names its field (car repair, computing) only as where
/// it would be, no need. ("Je commence un stage lundi et je cherche une chambre" looks for a
/// room.)
pub(super) fn demote_placement_field(tokens: &[text::Token], hits: &mut [Hit]) {
    const LOOKING: [&str; 8] = ["trouver", "cherche", "chercher", "recherche", "looking", "find", "finding", "need"];
    let Some(internship) = *INTERNSHIP_ID else { return };
    let sought = |hit: &Hit| {
        hit.concept == internship
            && hit.focus
            && text::words_before(tokens, hit.span.0).iter().rev().take(4).any(|word| LOOKING.contains(word))
    };
    if !hits.iter().any(sought) {
        return;
    }
    // Help to get there (writing the letter, a ride, a room) is still asked.
    const GETTING_THERE: [&str; 6] = ["paperwork", "languages", "employment", "tutoring", "transport", "housing"];
    for hit in hits.iter_mut().filter(|hit| hit.concept != internship) {
        let concept = &THESAURUS.concepts[usize::from(hit.concept)];
        if !concept.context && !GETTING_THERE.contains(&concept.topic.as_str()) {
            hit.focus = false;
        }
    }
}

/// "Je déménage samedi… qqn avait de quoi monter le frigo et le lave-linge ?": in a request
/// about a move, appliances and furniture are what is carried, and the move is the need.
pub(super) fn carried_in_a_move(hits: &mut [Hit]) {
    let Some(moving) = *MOVING_ID else { return };
    if !hits.iter().any(|hit| hit.concept == moving) {
        return;
    }
    let cargo_ids = &*CARGO_IDS;
    let carried = |hit: &Hit| {
        let concept = &THESAURUS.concepts[usize::from(hit.concept)];
        cargo_ids.contains(&hit.concept) || concept.broader.is_some_and(|broader| cargo_ids.contains(&broader))
    };
    let any_carried = hits.iter().any(|hit| hit.focus && carried(hit));
    for hit in hits.iter_mut() {
        if carried(hit) {
            hit.focus = false;
        } else if hit.concept == moving && any_carried {
            hit.focus = true;
        }
    }
}

/// "Dans mon garage, vous amenez le vélo", "gratuit, faut juste venir le chercher": a trip an
/// offer says its taker makes is no ride it gives ("je vous emmène" is one). Nor is what it
/// says a lent trailer carries ("ramener du bois"): people are never carried by the pound.
pub(super) fn demote_takers_trip(text: &str, tokens: &[text::Token], hits: &mut [Hit]) {
    for hit in hits.iter_mut() {
        let yours = hit.surface.ends_with("ez") && text::word_before(tokens, hit.span.0) == Some("vous");
        let before = text::words_before(tokens, hit.span.0);
        // ("À venir chercher": the one-letter "à" is read from the text, a few words of it.)
        let to_come = || {
            let before = text::fold_before(text, hit.span.0);
            let before = before.trim_end();
            before.ends_with(" a") || before == "a"
        };
        let takers = text::fold(&hit.surface).starts_with("venir")
            && (to_come()
                || matches!(
                    before.as_slice(),
                    [.., "faut" | "pouvez" | "devez"] | [.., "faut", "juste" | "seulement" | "simplement"]
                ));
        let from = tokens.partition_point(|token| token.span.0 < hit.span.1);
        let after: Vec<&str> = tokens[from..].iter().take(2).map(|token| token.folded.as_str()).collect();
        // ("Je peux vous ramener de la gare" carries whom its pronoun names.)
        let whom = matches!(before.last(), Some(&("vous" | "te" | "me" | "nous" | "les" | "la" | "le" | "lui")))
            || matches!(text::elided_before(text, hit.span.0), Some('l' | 'm' | 't'));
        let carry = matches!(text::fold(&hit.surface).as_str(), "ramener" | "emmener" | "amener" | "rapporter");
        let load = carry && !whom && matches!(after.as_slice(), ["du", next] if *next != "monde");
        if (yours || takers || load)
            && super::TRAVEL.contains(&THESAURUS.concepts[usize::from(hit.concept)].id.as_str())
        {
            hit.focus = false;
        }
    }
}

/// "Je prête ma remorque pour vos allers-retours à la déchetterie, transport de meubles": what
/// an offer says it carries is no need it meets (furniture is not given away).
pub(super) fn demote_cargo(tokens: &[text::Token], hits: &mut [Hit]) {
    const CARRY: [&str; 6] = ["transport", "transporter", "transporte", "carry", "carrying", "haul"];
    for hit in hits.iter_mut() {
        let before = text::words_before(tokens, hit.span.0);
        let carried = match before.as_slice() {
            [.., verb, link] if ["de", "des", "du", "d", "vos", "les", "your"].contains(link) => CARRY.contains(verb),
            [.., verb] => CARRY.contains(verb),
            [] => false,
        };
        if carried {
            hit.focus = false;
        }
    }
}

/// The topic of animals and their care.
pub(super) const PETS: &str = "pets";

/// What an offer names beside the help it offers now: what its author used to do ("Pendant
/// des années j'ai emmené ma voisine au marché… je peux vous aider pour la paperasse"), the pet
/// they bring along ("je viens souvent avec mon chien"), what they like to talk about
/// ("j'adore parler cuisine, jardinage"), and a trade they had beside help of another kind
/// ([`thesaurus::Thesaurus::kin`]: "J'ai été infirmière 32 ans, je propose de la conversation en anglais",
/// "ancienne aide-soignante, je propose une écoute"; an ex-teacher's maths lessons stay maths).
/// Each leaves the focus only when a precise need remains.
pub(super) fn offer_asides(text: &str, tokens: &[text::Token], hits: &mut [Hit]) {
    let concept = |hit: &Hit| &THESAURUS.concepts[usize::from(hit.concept)];
    let precise = |hit: &Hit| hit.focus && !concept(hit).context && concept(hit).weight >= 1.0;
    let aside = |hit: &Hit| {
        text::in_past_habit(text, hit.span.0)
            || (concept(hit).topic == PETS
                && matches!(text::word_before(tokens, hit.span.0), Some("mon" | "ma" | "mes" | "my")))
            || (!concept(hit).language && super::talk::talked_about(text, tokens, hit.span.0))
    };
    if hits.iter().any(|hit| precise(hit) && !aside(hit)) {
        hits.iter_mut().filter(|hit| aside(hit)).for_each(|hit| hit.focus = false);
    }
    let offered: Vec<thesaurus::ConceptId> = hits
        .iter()
        .filter(|hit| precise(hit) && !text::past_trade(tokens, hit.span.0))
        .map(|hit| hit.concept)
        .collect();
    if !offered.is_empty() {
        for hit in hits.iter_mut() {
            if text::past_trade(tokens, hit.span.0) && !offered.iter().any(|other| THESAURUS.kin(hit.concept, *other)) {
                hit.focus = false;
            }
        }
    }
}
