//! Whether an offer fits a request, and how well: the rules that keep a match to the help
//! asked (kind of help, denials, conditions, variants, languages, audience, ages, purpose), and
//! a score graded by how many clues agree and how specific they are.

use super::entry::{Area, Audience, Entry, Need, PURPOSES};
use super::thesaurus::{ConceptId, THESAURUS};
use super::{FRENCH, QUOTED_TOPICS, SCHOOL, TRAVEL, ages};

/// Long trips ("longs trajets", "partout en France"): an offer that names them takes a trip
/// to any city.
static LONG_DISTANCE: std::sync::LazyLock<Option<ConceptId>> =
    std::sync::LazyLock::new(|| THESAURUS.concept_id("long_distance"));

/// "En semaine", "du lundi au vendredi": every weekday.
static WEEKDAYS: std::sync::LazyLock<Option<ConceptId>> = std::sync::LazyLock::new(|| THESAURUS.concept_id("weekdays"));

/// Why an offer does not fit a request: what `entraide match --explain` says of a labelled
/// offer that was not found, so that a miss points at the rule that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    /// Another author's post is out of reach, or it is the same author's.
    Reach,
    /// The offer lends, gives or does something else than asked ("prêt uniquement").
    Shape,
    /// The offer excludes what the request names, or is online for an in-person need.
    Denied,
    /// A translator for someone who wants lessons or conversation.
    Translator,
    /// A class for someone who wants a text proofread.
    NotProofreader,
    /// A proofreader for someone who wants lessons, conversation or schoolwork.
    Proofreader,
    /// The request wants a translation, the offer does not translate.
    NotTranslator,
    /// The ages the offer takes are not the child's.
    Ages,
    /// The request requires something the offer does not name (a language spoken, a plot).
    Required,
    /// The offer asks its taker to have what the request says its author lacks.
    Condition,
    /// Help now and then for a request of help every week ("pas de garde régulière").
    Occasional,
    /// Another variant of the same thing (Windows and Mac, Monday and Saturday).
    Variant,
    /// Another language.
    Language,
    /// Another audience (children, women, seniors).
    Audience,
    /// Lessons for someone who wants it done, or the reverse.
    Mode,
    /// Nothing shared is enough to fit: no precise need, or a broad one unconfirmed.
    Fit,
    /// A ride for another purpose (shopping, airport).
    Purpose,
    /// A trip to another city, for an offer that names neither it nor long trips.
    Destination,
    /// It fits, but far weaker than the best match, or below the best five.
    Ranked,
}

/// Whether an offer fits a request, and how well (in (0, 1)); the place is checked by
/// the index. Fits on a shared need concept (broad ones need a second clue: another
/// concept or a shared word), or, when the thesaurus understands neither, a shared word.
pub(super) fn fit(request: &Entry, offer: &Entry, specific: &[(ConceptId, f64)]) -> Result<f64, Mismatch> {
    // Nothing is handed over by video call: a thing to borrow, be given or buy is not met by
    // help at a distance.
    if !offer.shape.meets(request.shape) || (request.shape.thing() && offer.area == Area::Online) {
        return Err(Mismatch::Shape);
    }
    // "Pas d'animaux" is no room for a tenant with a cat; "in person" wants no video call.
    // "L'infirmière passe, mais elle ne parle à personne" tells of care it does not ask: a
    // profession named only in passing is no help asked, whatever an offer turns down.
    let told = |need: &Need| {
        !need.focus
            && THESAURUS
                .concepts
                .get(usize::from(need.concept))
                .is_some_and(|c| QUOTED_TOPICS.contains(&c.topic.as_str()))
    };
    let names = |concept: &ConceptId| {
        (request.needs.iter().any(|need| need.concept == *concept && !told(need)) || request.context.contains(concept))
            && !request.rare().possessed.contains(concept)
            && !request.rare().lacking.contains(concept)
    };
    if offer.rare().denied.iter().any(names)
        || offer
            .rare()
            .denied_words
            .iter()
            .any(|word| request.words.contains(word) || request.rare().said_words.contains(word))
        || (request.in_person && offer.area == Area::Online && !offer.in_person)
    {
        return Err(Mismatch::Denied);
    }
    // "Je dépanne ponctuellement" is no sitter for every Wednesday of the year.
    if offer.rare().occasional && request.rare().recurring {
        return Err(Mismatch::Occasional);
    }
    // "Je donne pas de cours, j'ai pas la patience" is no teacher for whoever wants to learn.
    // (A conversation partner who gives "pas de cours" still trains whoever wants to speak.)
    if offer.rare().no_lessons && request.mode.learning && !offer.mode.learning && !offer.conversation {
        return Err(Mismatch::Mode);
    }
    // "Il parle très bien, il n'a pas besoin de cours, juste l'attestation": no class meets it.
    if request.rare().no_lessons && offer.mode.learning && !offer.mode.doing {
        return Err(Mismatch::Mode);
    }
    // "Il faut un attelage" is no help to whom says their car has none.
    if offer.rare().conditions.iter().any(|concept| request.rare().lacking.contains(concept)) {
        return Err(Mismatch::Condition);
    }
    // A translator translates: someone who wants lessons in a language wants a teacher.
    if offer.translation && !request.translation && request.mode.learning && !offer.mode.learning {
        return Err(Mismatch::Translator);
    }
    // Someone who wants a text proofread wants a proofreader, not a class.
    if request.proofreading && !offer.proofreading && !offer.translation && offer.mode.learning && !offer.mode.doing {
        return Err(Mismatch::NotProofreader);
    }
    // Someone who wants to learn a language wants a teacher, not a proofreader; someone
    // who wants to practise speaking it wants a partner, not a translator.
    if offer.proofreading && !request.proofreading && request.mode.learning && !offer.mode.learning {
        return Err(Mismatch::Proofreader);
    }
    if offer.translation && !request.translation && request.conversation && !offer.conversation {
        return Err(Mismatch::Translator);
    }
    // Someone who wants to speak a language wants a partner, not a proofreader.
    if offer.proofreading && !request.proofreading && request.conversation && !offer.conversation {
        return Err(Mismatch::Proofreader);
    }
    // A proofreader is no tutor: a pupil's oral exam in French asks for someone else, and so
    // does a boy in 4e who struggles with dictations (not a pupil's letter for a placement).
    let topic = |need: &Need| THESAURUS.concepts.get(usize::from(need.concept)).map(|c| c.topic.as_str());
    let pupil = request.audience.0 & (Audience::PRIMARY.0 | Audience::MIDDLE.0 | Audience::HIGH.0) != 0;
    let french = |need: &Need| THESAURUS.concepts.get(usize::from(need.concept)).is_some_and(|c| c.id == FRENCH);
    let schoolwork = request.needs.iter().any(|need| need.focus && topic(need) == Some(SCHOOL))
        || pupil
            && request.needs.iter().any(french)
            && !request.needs.iter().any(|need| matches!(topic(need), Some("paperwork" | "employment")));
    if offer.proofreading && !request.proofreading && schoolwork && !offer.mode.learning {
        return Err(Mismatch::Proofreader);
    }
    // A request that says "translate" wants a translator, not a conversation partner in
    // that language; one that only says the letter is in Arabic may meet either.
    if request.translation && !offer.translation {
        return Err(Mismatch::NotTranslator);
    }
    // "J'ai une tondeuse, il me faudrait quelqu'un pour la passer": a lender of mowers who
    // does not do the work brings only what the requester has.
    // (Read only for such lenders, and without collecting: this runs for every candidate.)
    if offer.shape.lend && offer.shape.no_service {
        let mut met = request
            .needs
            .iter()
            .filter(|need| need.focus && !need.derived && offered(need, offer).is_some())
            .peekable();
        if met.peek().is_some() && met.all(|need| request.rare().possessed.contains(&need.concept)) {
            return Err(Mismatch::Shape);
        }
    }
    // A sitter for 3 to 10 year olds is no help with a baby of 6 months.
    if let (Some(offered), Some(asked)) = (offer.rare().ages.as_ref(), request.rare().ages.as_ref())
        && !ages::agree(offered, asked)
    {
        return Err(Mismatch::Ages);
    }
    // "Je dois préparer le TOEIC… 38 ans": a learner whose every age is grown up wants no tutor
    // of pupils ("de la 6e à la terminale").
    let pupils = Audience::PRIMARY.0 | Audience::MIDDLE.0 | Audience::HIGH.0;
    let grown_up = request
        .rare()
        .ages
        .as_ref()
        .is_some_and(|ages| !ages.single.is_empty() && ages.single.iter().all(|age| *age > 18.0));
    // (At 18 a pupil may still be in terminale; a request that names a school stage is a pupil's.)
    if request.mode.learning
        && grown_up
        && request.audience.0 & Audience::STAGES == 0
        && offer.audience.0 & pupils != 0
        && !offer.audience.adults()
    {
        return Err(Mismatch::Ages);
    }
    // A volunteer translator is no sworn translator.
    let offers = |concept: &ConceptId| {
        offer.needs.iter().any(|need| need.concept == *concept) || offer.context.contains(concept)
    };
    if !request.rare().required.iter().all(offers) {
        return Err(Mismatch::Required);
    }
    // A Windows helper is no help with a Mac.
    if !variants_agree(request, offer) {
        return Err(Mismatch::Variant);
    }
    // A Portuguese interpreter is no help with an Arabic letter.
    if !request.rare().languages.is_empty()
        && !offer.rare().languages.is_empty()
        && !request.rare().languages.iter().any(|language| offer.rare().languages.contains(language))
    {
        return Err(Mismatch::Language);
    }
    // Catalan lessons are no French conversation: a request to learn a language other
    // than French is not met by help in French alone.
    let language = |need: &Need, french: bool| {
        THESAURUS.concepts.get(usize::from(need.concept)).is_some_and(|c| c.language && (c.id == FRENCH) == french)
    };
    // Nor are reading and maths lessons for children, which name no language: they are in
    // French. (Tutoring in every subject may take Spanish.)
    let other_subject = |need: &Need| {
        need.precise && THESAURUS.concepts.get(usize::from(need.concept)).is_some_and(|c| c.topic == super::SCHOOL)
    };
    if request.mode.learning
        && request.needs.iter().any(|need| need.focus && !need.derived && language(need, false))
        && offer.rare().languages.is_empty()
        && (offer.needs.iter().any(|need| need.focus && language(need, true))
            || !offer.needs.iter().any(|need| language(need, true) || language(need, false))
                && offer.needs.iter().any(other_subject))
    {
        return Err(Mismatch::Language);
    }
    // English homework help is no help with French: a request about French is not met by an
    // offer about other languages only.
    // ("Fine with French, we'd love to learn Catalan" is about Catalan.)
    if request.needs.iter().any(|need| need.focus && !need.derived && language(need, true))
        && !request.needs.iter().any(|need| need.focus && language(need, false))
        && offer.needs.iter().any(|need| need.focus && language(need, false))
        && !offer.needs.iter().any(|need| language(need, true))
    {
        return Err(Mismatch::Language);
    }
    // A proofreader in French is no help with a thesis in English.
    if request.proofreading
        && request.needs.iter().any(|need| !need.derived && language(need, false))
        && !request.needs.iter().any(|need| language(need, true))
        && offer.needs.iter().any(|need| need.focus && language(need, true))
        && !offer.needs.iter().any(|need| language(need, false))
    {
        return Err(Mismatch::Language);
    }
    // Whom a service is for matters; a thing given or lent serves anyone of its size: a
    // child's skis or clothes are no help to whom asks for an adult's.
    let other_audience = if offer.shape.thing() {
        request.audience.adults_only() && offer.audience.young() && !offer.audience.adults()
    } else {
        !offer.audience.agrees(request.audience)
    };
    if other_audience {
        return Err(Mismatch::Audience);
    }
    // One pass over the request's needs: those the offer shares, and which of them make
    // the match (bit i for the request's i-th need).
    let (mut need, mut aside, mut making, mut school_makes) = (0.0, 0.0, 0_u64, false);
    for (at, asked) in request.needs.iter().enumerate() {
        let Some(offered) = offered(asked, offer) else { continue };
        let concept = THESAURUS.concepts.get(usize::from(asked.concept));
        let weight = concept.map_or(1.0, |c| c.weight);
        if makes(asked, offered) {
            need += weight;
            making |= bit(at);
            // Piano lessons do not tune a piano, nor does a baker teach baking; in school
            // subjects and languages, lessons and help are one need.
            school_makes |= concept.is_some_and(|c| c.topic == SCHOOL || c.language);
        } else {
            aside += weight;
        }
    }
    if !request.mode.agrees(offer.mode) && !school_makes {
        return Err(Mismatch::Mode);
    }
    let makes_concept = |concept: ConceptId| {
        request.needs.iter().enumerate().any(|(at, need)| need.concept == concept && making & bit(at) != 0)
    };
    let lexical = request.words.iter().filter(|word| offer.words.contains(word)).count() as f64;
    let understood = !request.needs.is_empty() && !offer.needs.is_empty();
    let mut context = 0.0;
    let mut confirmed = false;
    for shared in request.context.iter().filter(|c| offer.context.contains(c)) {
        context += 1.0;
        // A context of the broad need's own topic confirms it: tutoring for "collégiens"
        // meets lessons for a son "en 6e".
        let topic = THESAURUS.concepts.get(usize::from(*shared)).map(|c| &c.topic);
        confirmed |= request.needs.iter().enumerate().any(|(at, need)| {
            making & bit(at) != 0 && THESAURUS.concepts.get(usize::from(need.concept)).map(|c| &c.topic) == topic
        });
    }
    // Words alone make a match when two agree, or when both posts are about a thing the
    // thesaurus does not know ("un thérémine à prêter"): one shared word between two
    // services is mostly chance ("une place" in a car, "my place" for a dog).
    let words_fit = lexical >= 2.0 || (lexical >= 1.0 && request.shape.thing() && offer.shape.thing());
    let fits = need >= 1.0 || (need > 0.0 && (lexical >= 1.0 || confirmed)) || (!understood && words_fit);
    if !fits {
        return Err(Mismatch::Fit);
    }
    // "Qqn fait Tours-Paris ?" is no ride for a driver who takes neighbours around Tours: a
    // trip to another city is met by an offer that names it, or long trips.
    // (Checked in the order of cost: few requests name a destination.)
    let travels = || {
        request.needs.iter().enumerate().any(|(at, need)| {
            making & bit(at) != 0
                && THESAURUS.concepts.get(usize::from(need.concept)).is_some_and(|c| TRAVEL.contains(&c.id.as_str()))
        })
    };
    let long_trips = || LONG_DISTANCE.is_some_and(|id| offer.context.contains(&id));
    let asked_destinations = &request.rare().destinations;
    let same_destination = !asked_destinations.is_empty()
        && offer.rare().destinations.iter().any(|city| asked_destinations.contains(city));
    if !asked_destinations.is_empty() && !same_destination && !long_trips() && travels() {
        return Err(Mismatch::Destination);
    }
    // A driver who takes neighbours shopping, or to the airport, offers those rides only.
    if PURPOSES.ride.is_some_and(&makes_concept) && !offer.purpose.allows(request.purpose, same_destination) {
        return Err(Mismatch::Purpose);
    }
    let raw = need + 0.4 * lexical + 0.2 * (context + aside);
    Ok(raw / (raw + 1.0) * quality(request, offer, makes_concept, specific))
}

/// The offer's need of the same concept as `asked`, if it has one (two derived hits do not
/// count: a sofa does not fit a wardrobe).
pub(super) fn offered<'a>(asked: &Need, offer: &'a Entry) -> Option<&'a Need> {
    offer.needs.iter().find(|offered| offered.concept == asked.concept && !(asked.derived && offered.derived))
}

/// Whether, for each group of variants both posts name (systems: a Mac, Windows), they
/// name one in common.
/// Help every weekday ("du lundi au vendredi", every week) is not met by a helper free on
/// Wednesdays only.
pub(super) fn variants_agree(request: &Entry, offer: &Entry) -> bool {
    let group = |concept: &ConceptId| THESAURUS.concepts.get(usize::from(*concept)).and_then(|c| c.group.as_deref());
    let days = |entry: &Entry| entry.rare().variants.iter().filter(|v| group(v) == Some(super::DAY)).count();
    let every_weekday = request.rare().recurring
        && days(request) == 0
        && WEEKDAYS.is_some_and(|weekdays| request.rare().variants.contains(&weekdays));
    if every_weekday && (1..5).contains(&days(offer)) {
        return false;
    }
    request.rare().variants.iter().all(|asked| {
        let of_group: Vec<&ConceptId> =
            offer.rare().variants.iter().filter(|offered| group(offered) == group(asked)).collect();
        of_group.is_empty()
            || of_group.contains(&asked)
            || request.rare().variants.iter().any(|other| group(other) == group(asked) && of_group.contains(&other))
    })
}

/// The bit of the `at`-th need in a set of a post's needs (none past the 64th: no post names
/// that many).
pub(super) fn bit(at: usize) -> u64 {
    u32::try_from(at).ok().and_then(|at| 1_u64.checked_shl(at)).unwrap_or(0)
}

/// Whether a need both name makes a match: both in focus, and the request asks for it.
/// A broader concept reached through a narrower one (paperwork, through taxes) is for
/// statistics: it refines the score of a match but never makes one. The one exception is a
/// request as broad as the concept: "une scie" is met by a jigsaw. A request that also names a
/// narrower concept (maths, under tutoring) is met only through it: siblings never meet (a
/// maths pupil and an English teacher).
pub(super) fn makes(asked: &Need, offered: &Need) -> bool {
    asked.focus && offered.focus && asked.asks
}

/// How well the concepts that make a match meet the request, in (0, 1]: whether they are
/// specific (`specific`, from the index's specificity), whether they include the request's
/// main need (the first it asks for), and how much of each post they cover (a helper who lists
/// ten things fits each one less surely).
pub(super) fn quality(
    request: &Entry,
    offer: &Entry,
    making: impl Fn(ConceptId) -> bool,
    specific: &[(ConceptId, f64)],
) -> f64 {
    let specific = specific
        .iter()
        .filter(|(concept, _)| making(*concept))
        .map(|(_, specificity)| *specificity)
        .fold(0.0, f64::max);
    let main = precise_needs(request).next().is_none_or(&making);
    let covered = |entry: &Entry| {
        let (all, met) =
            precise_needs(entry).fold((0_u32, 0_u32), |(all, met), need| (all + 1, met + u32::from(making(need))));
        if all == 0 { 1.0 } else { f64::from(met) / f64::from(all) }
    };
    let main = if main { 1.0 } else { 0.85 };
    (0.75 + 0.25 * specific) * main * (0.8 + 0.2 * covered(request)) * (0.85 + 0.15 * covered(offer))
}

/// The needs a post names directly, in its focus, precisely (no context, no broad concept),
/// in text order.
pub(super) fn precise_needs(entry: &Entry) -> impl Iterator<Item = ConceptId> + '_ {
    entry.needs.iter().filter(|need| need.precise).map(|need| need.concept)
}
