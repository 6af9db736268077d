//! Matching: which open offers fit a request, and which open requests fit a new offer, each
//! with reasons a member can read ("scie ~ scie sauteuse", "Rennes").
//!
//! A text is analysed once ([`analyze`]): folded, split into words, stop words dropped, then
//! read against the concept thesaurus (`core/data/thesaurus.toml`: phrases, stems, typos) into
//! the needs it names, the context it gives (for whom, when), the shape of help (a thing, a
//! service) and the words it uses that the thesaurus does not know. Each need is marked as in
//! the post's focus (the sentences that ask or offer) or in passing. Two posts fit when the
//! place allows it ([`places`]: the same area, or online help), the shapes agree, and they
//! share a need concept both name in focus (a broader one only when the request is that broad
//! itself), or a broad concept and a word, or — when the thesaurus understands neither — a
//! word. Below that, nothing is returned: a request that nothing fits notifies nobody. The [`Matcher`] keeps analysed posts in an inverted index
//! partitioned by area, so a request is scored only against the offers that could fit.

pub mod ages;
mod analysis;
mod denied;
mod entry;
mod fit;
mod found;
mod hits;
mod index;
pub mod places;
mod posts;
mod refused;
mod senses;
mod shape;
pub mod stored;
mod talk;
mod tasks;
pub mod text;
pub mod thesaurus;
mod words;

pub use analysis::Analysis;
pub use fit::Mismatch;
pub use index::Matcher;
pub use posts::{
    best_offers, fitting_requests, infer_category, infer_place, needs_between, tagged_category, without_excluded,
};
pub use shape::{Mode, Shape};
pub use text::fold;

use self::found::Found;
use self::hits::{
    add_medical_escort, add_minding, demote_examples, demote_modifiers, drop_full_places, promote_narrower,
    spoken_languages,
};
use self::thesaurus::{Hit, THESAURUS};
use crate::catalog;
use crate::model::{Category, Lang, Place, Post, PostKind, Reason};

/// One post that fits, with how well and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The post that fits.
    pub post_id: crate::model::PostId,
    /// Higher is better; in (0, 1).
    pub score: f64,
    /// Why, for the members and for the evaluation set.
    pub reasons: Vec<Reason>,
    /// The needs that make the match (thesaurus concept ids): what a helper's "not what I
    /// offer" excludes.
    pub needs: Vec<String>,
}

/// Concepts of travel: a post naming one names cities as destinations.
pub(super) const TRAVEL: [&str; 3] = ["ride", "car", "van"];

/// The concept of translation, and the community's own language.
pub(super) const TRANSLATION: &str = "translation";
pub(super) const FRENCH: &str = "french_language";
/// The concept of proofreading: a text corrected, not a language taught.
pub(super) const PROOFREADING: &str = "proofreading";
/// The concept of conversation practice: speaking a language, not translating it.
pub(super) const CONVERSATION: &str = "conversation_practice";

/// The topic of school subjects, where help with homework and lessons are one need.
pub(super) const SCHOOL: &str = "tutoring";
/// The topic of times: days, parts of the day and of the week.
const TIME: &str = "time";
/// The topics whose concepts name people a request may quote ("le médecin veut…", "mon
/// avocat dit…"): a computer that "says" an error is still the need.
/// ("Son prof dit qu'il faudrait qu'il pratique": the teacher is quoted, not asked.) They are
/// also the topics of professions a request tells of in passing ("l'infirmière passe", "depuis
/// ma séparation"), which an offer's "je ne fais pas de soins" does not turn down.
pub(super) const QUOTED_TOPICS: [&str; 3] = ["health", "legal", SCHOOL];
/// What carries a load, or the load to the tip itself: never the load of another need.
const NEVER_CARRIED: [&str; 5] = ["waste_removal", "trailer", "van", "car", "ride"];
/// The group of the days of the week.
pub(super) const DAY: &str = "day";
/// The group of "weekdays" and "weekend".
const WEEK_PART: &str = "week_part";

/// A post being read: what each phase of [`analyze_as`] looks at.
pub(super) struct Reading<'a> {
    kind: Option<PostKind>,
    text: &'a str,
    /// Every word, stop words included.
    tokens: &'a [text::Token],
    sentences: &'a [(usize, usize)],
    /// The post's language, when its words say it.
    language: Option<Lang>,
    /// The languages whose stems are read.
    langs: &'static [Lang],
}

/// How many offers are proposed for one request at most.
pub const MAX_RESULTS: usize = 5;

/// Reads a text whose kind is not known (cues of both kinds count).
pub fn analyze(text: &str) -> Analysis {
    analyze_as(None, text, &Place::Unknown)
}

/// Reads a post's text: a request's focus is what it asks, an offer's what it offers. The
/// author's own place, written in the text ("sur Mende"), says where, never what.
pub fn analyze_post(kind: PostKind, text: &str, place: &Place) -> Analysis {
    analyze_as(Some(kind), text, place)
}

fn analyze_as(post_kind: Option<PostKind>, text: &str, place: &Place) -> Analysis {
    let Found {
        tokens: all_tokens,
        content,
        keys,
        used,
        mut focus,
        cued,
        marks: thesaurus::Focus { marks: focus_marks, given_back, apposition, story },
        language,
        langs,
        sentences,
        hits,
    } = found::read(post_kind, text, place);
    let thesaurus = &*THESAURUS;
    let concept = |hit: &Hit| &thesaurus.concepts[usize::from(hit.concept)];
    // "Pas de véhicule par contre": what an offer says it does not give is no need it meets.
    // (In a request, "je n'ai pas de perceuse" is the need itself.)
    let offer = post_kind == Some(PostKind::Offer);
    // "Evenings are not possible for me": what an offer turns down after naming it.
    let refused = if offer { refused::refused_spans(text) } else { Vec::new() };
    let (denied_hits, mut hits) =
        if offer { denied::split_denied(text, &all_tokens, &sentences, &refused, hits) } else { (Vec::new(), hits) };
    // "Je n'ai pas forcément besoin d'un psy, juste de parler", "une remorque ne m'aiderait
    // pas": not a need.
    if post_kind == Some(PostKind::Request) {
        hits.retain(|hit| {
            !text::not_needed(text, &all_tokens, hit.span.0)
                && !text::said_useless(&all_tokens, hit.span.1)
                && !text::feared(&all_tokens, hit.span.0)
                && !text::excepted(&all_tokens, hit.span.0)
        });
    }
    add_minding(text, &all_tokens, &focus_marks, &mut hits);
    // What a request's author has, or says in passing they have none of ("je suis seule, sans
    // animaux"): an offer that turns it down may still help. (What it lacks in passing and
    // asks for too, "sans l'attestation… qqn pour signer l'attestation ?", is asked.)
    let asked = |concept: thesaurus::ConceptId| hits.iter().any(|hit| hit.concept == concept && hit.focus);
    let possessed: Vec<thesaurus::ConceptId> = hits
        .iter()
        .filter(|hit| {
            text::possessed(&all_tokens, hit.span.0)
                || text::secured_after(&all_tokens, hit.span.1)
                || text::ticked_off(text, hit.span.1)
                || (!hit.focus && text::negated(&all_tokens, hit.span.0) && !asked(hit.concept))
        })
        .map(|hit| hit.concept)
        .collect();
    // "Ils amènent la poussette mais il me manque un lit parapluie": what a request has,
    // before what it lacks, is not asked.
    let had = |hit: &Hit| {
        post_kind == Some(PostKind::Request)
            && text::possessed(&all_tokens, hit.span.0)
            && text::lack_follows(&sentences, &all_tokens, hit.span.1)
    };
    // "Pas besoin qu'on me donne à manger, c'est apprendre que je veux", "je cherche pas un
    // psy, juste qqn avec qui papoter": what a request says it does not want, it does not ask.
    if post_kind == Some(PostKind::Request) {
        hits.retain(|hit| !text::said_unneeded(text, hit.span.0));
    }
    for hit in hits.iter_mut() {
        hit.focus &= !had(hit);
    }
    // "Il faut un attelage" is no help to whom says "ma voiture n'a pas d'attelage".
    let conditions: Vec<thesaurus::ConceptId> = if offer {
        hits.iter()
            .filter(|hit| text::required_of_taker(&sentences, &all_tokens, hit.span.0))
            .map(|hit| hit.concept)
            .collect()
    } else {
        Vec::new()
    };
    let lacking: Vec<thesaurus::ConceptId> = if post_kind == Some(PostKind::Request) {
        hits.iter().filter(|hit| text::negated(&all_tokens, hit.span.0)).map(|hit| hit.concept).collect()
    } else {
        Vec::new()
    };
    let mut denied: Vec<thesaurus::ConceptId> = Vec::new();
    // "Chats uniquement, pas d'autres animaux" denies no cat: a broad concept is denied only
    // when nothing under it is offered. The same concept named again counts only where the
    // post offers ("on a vendu la voiture… pas de véhicules" still turns cars down).
    let under = |kept: &Hit, broad: thesaurus::ConceptId| {
        // "I'm a nurse… I can't do any nursing care": who the author is does not undo what
        // they turn down.
        // Nor does whom they send others to ("for that you need an infirmière libérale").
        if kept.concept == broad {
            return kept.focus
                && !text::identity(&all_tokens, kept.span.0)
                && !text::referred(&all_tokens, kept.span.0);
        }
        thesaurus.is_under(kept.concept, broad)
    };
    // "Je ne prends pas les enfants du primaire" turns down primary school, not children: a
    // whom qualified by a complement denied with it is denied through the complement.
    let qualified = |hit: &Hit| {
        concept(hit).context
            && denied_hits.iter().any(|next| {
                next.span.0 > hit.span.1
                    && text.get(hit.span.1..next.span.0).is_some_and(|gap| {
                        let gap = text::fold(gap.trim());
                        ["du", "de", "des", "d'", "d’", "de la", "of"].contains(&gap.as_str())
                    })
            })
    };
    // "Pas le mardi" turns down Tuesday, not every weekday ("mardi" names both).
    let a_day = |hit: &Hit| {
        concept(hit).group.as_deref() == Some(WEEK_PART)
            && denied_hits.iter().any(|day| day.span == hit.span && concept(day).group.as_deref() == Some(DAY))
    };
    for hit in &denied_hits {
        if !hits.iter().any(|kept| under(kept, hit.concept))
            && !denied.contains(&hit.concept)
            && !qualified(hit)
            && !a_day(hit)
        {
            denied.push(hit.concept);
        }
    }
    // "I'd love to practise my French": the language an offer's author names as theirs to
    // improve is not one they offer.
    // Nor is the language of whom an offer is for ("French lessons for English speakers",
    // "pour les anglophones").
    if offer {
        for hit in hits.iter_mut().filter(|hit| concept(hit).language) {
            let next = all_tokens.iter().find(|token| token.span.0 >= hit.span.1).map(|token| token.folded.as_str());
            let before = text::words_before(&all_tokens, hit.span.0);
            let audience = matches!(next, Some("speakers" | "speaker" | "speaking"))
                || (text::fold(&hit.surface).starts_with("anglophone")
                    && matches!(
                        before.as_slice(),
                        [.., "aux" | "for" | "to"] | [.., "pour", "les"] | [.., "pour", "des"]
                    ));
            if matches!(text::word_before(&all_tokens, hit.span.0), Some("my" | "mon")) || audience {
                hit.focus = false;
            }
        }
    }
    // "My French is very basic", "CVs in French or English": beside another need, in a post
    // about no language work, a language named by its name alone is the one help is given in.
    let medium = spoken_languages(text, &all_tokens, post_kind == Some(PostKind::Offer), &mut hits);
    // A precise need: in focus, neither context nor broad.
    let precise = |hit: &Hit| {
        let concept = &thesaurus.concepts[usize::from(hit.concept)];
        hit.focus && !concept.context && concept.weight >= 1.0
    };
    let mut focus_marks = focus_marks;
    let within = |marks: &[bool], span: (usize, usize)| {
        all_tokens.iter().zip(marks).any(|(token, mark)| *mark && token.span.0 >= span.0 && token.span.1 <= span.1)
    };
    // "Je peux offrir un gâteau en échange": what a requester gives back is no need of theirs.
    // "Une âme charitable avec une visseuse ?": the tool a helper brings says how, and the
    // story tells what for (an armoire in 87 pieces).
    if post_kind == Some(PostKind::Request) {
        // (A van or a car asked for is the help itself: "qqn avec une camionnette ?"; whoever
        // wants to learn to drive asks no ride: "qqn avec une voiture à double commande ?")
        let learning_to_drive = hits.iter().any(|hit| hit.focus && concept(hit).id == "driving_lessons");
        hits.iter_mut()
            .filter(|hit| {
                let travel = TRAVEL.contains(&concept(hit).id.as_str());
                let means = !travel && concept(hit).id != "trailer";
                within(&given_back, hit.span)
                    || means && text::brought_by_helper(&all_tokens, hit.span.0)
                    || travel && learning_to_drive
            })
            .for_each(|hit| hit.focus = false);
    }
    // "Prof d'anglais, je donne des cours de soutien en grammaire": who the author is says
    // what they teach when it is of the same topic as what they offer, or when the rest of
    // the sentence names nothing precise. An "ancienne infirmière" who walks dogs offers walks.
    // ("Ancienne aide-soignante, je propose une écoute": care and listening are both health,
    // but under two different needs of it: the trade is who the author is.)
    let offered: Vec<thesaurus::ConceptId> = hits.iter().filter(|hit| precise(hit)).map(|hit| hit.concept).collect();
    let none_precise = offered.is_empty();
    let kin = |concept: thesaurus::ConceptId| offered.iter().any(|other| thesaurus.kin(concept, *other));
    // The story before a request's cue says whom the help is for ("Ma fille est en 5e, …"),
    // and it is the need when the cue names it only broadly ("Je dois échanger mon permis,
    // qqn sait comment faire la démarche ?").
    let narrow = hits.iter().any(|hit| precise(hit) && !thesaurus.concepts[usize::from(hit.concept)].broad);
    for hit in hits.iter_mut() {
        if within(&story, hit.span) && (!narrow || thesaurus.concepts[usize::from(hit.concept)].context) {
            hit.focus = true;
        }
    }
    if !narrow {
        for (mark, in_story) in focus_marks.iter_mut().zip(&story) {
            *mark |= in_story;
        }
        for (mark, token) in focus.iter_mut().zip(&content) {
            *mark |= within(&story, token.span);
        }
    }
    for hit in hits.iter_mut() {
        if within(&apposition, hit.span) && (none_precise || kin(hit.concept)) {
            hit.focus = true;
        }
    }
    if none_precise {
        for (mark, in_apposition) in focus_marks.iter_mut().zip(&apposition) {
            *mark |= in_apposition;
        }
        for (mark, token) in focus.iter_mut().zip(&content) {
            *mark |= within(&apposition, token.span);
        }
    }
    // "Qqn s'y connaît ?" asks about what the story before it names: when the sentences
    // that ask or offer name no precise need, the whole post is its focus, except what a
    // requester gives back in return. A request that asks only broadly ("qqn prête des
    // outils ? perceuse, scie...") is read whole too.
    let vague = if post_kind == Some(PostKind::Request) { !narrow } else { !hits.iter().any(precise) };
    if vague {
        let given = |span: (usize, usize)| within(&given_back, span);
        for (mark, given) in focus_marks.iter_mut().zip(&given_back) {
            *mark = !given;
        }
        for (mark, token) in focus.iter_mut().zip(&content) {
            *mark = !given(token.span);
        }
        let was_focus: Vec<bool> = hits.iter().map(|hit| hit.focus).collect();
        // Read whole, a request's story still says when the trouble is ("les devoirs sont une
        // bataille tous les soirs"), not when a helper must come: times count where it asks.
        let when = |hit: &Hit| concept(hit).group.as_deref().is_some_and(|group| entry::WHEN_GROUPS.contains(&group));
        for (hit, was) in hits.iter_mut().zip(&was_focus) {
            hit.focus = !given(hit.span) && (*was || post_kind != Some(PostKind::Request) || !when(hit));
        }
        // Read whole, a request's story still tells what is not asked: what someone lacks
        // ("elle n'a ni internet ni ordinateur") beside a need named precisely, and what a
        // person it mentions does ("la dame qui garde les chats m'a conseillé").
        if post_kind == Some(PostKind::Request) {
            // (A language someone does not speak is what they would learn.)
            let aside = |hit: &Hit| {
                text::negated(&all_tokens, hit.span.0) && !concept(hit).language
                    || text::described_person(text, &all_tokens, hit.span.0)
                    || had(hit)
            };
            let other_need =
                hits.iter().zip(&was_focus).any(|(hit, was)| hit.focus && (*was || !aside(hit)) && precise(hit));
            if other_need {
                for (hit, was) in hits.iter_mut().zip(&was_focus) {
                    hit.focus &= *was || !aside(hit);
                }
            }
        }
    }
    // "The lovely lady who feeds my cats has it all sorted, but my lift fell through": what a
    // person a request mentions does is no need beside one it asks itself; nor is what dates
    // the trouble ("le manche est fendu depuis le déménagement").
    if post_kind == Some(PostKind::Request) {
        // Nor is a ride that says where a trailer asked for goes ("une remorque pour emmener
        // des branchages"), what a clause of story says has changed, or what a thanks names.
        let trailer = hits.iter().any(|hit| hit.focus && concept(hit).id == "trailer");
        let aside = |hit: &Hit| {
            text::described_person(text, &all_tokens, hit.span.0)
                || (text::dated_by(&all_tokens, hit.span.0) && !TRAVEL.contains(&concept(hit).id.as_str()))
                || (trailer && concept(hit).id == "ride")
                || text::in_backstory_clause(text, hit.span.0)
                || text::in_past_habit(text, hit.span.0)
                || (QUOTED_TOPICS.contains(&concept(hit).topic.as_str())
                    && text::quoted_person(text, &all_tokens, hit.span.1))
                || text::relatives_trade(&all_tokens, hit.span.0)
                || (!NEVER_CARRIED.contains(&concept(hit).id.as_str())
                    && text::carried_away(text, &all_tokens, hit.span))
                || text::in_thanks(text, &sentences, hit.span.0)
                || (concept(hit).topic == hits::PETS && text::brought_along(&all_tokens, hit.span.0))
        };
        if hits.iter().any(|hit| precise(hit) && !aside(hit)) {
            hits.iter_mut().filter(|hit| aside(hit)).for_each(|hit| hit.focus = false);
        }
    }
    if post_kind == Some(PostKind::Offer) {
        hits::offer_asides(text, &all_tokens, &mut hits);
    }
    promote_narrower(&mut hits);
    if post_kind == Some(PostKind::Request) {
        add_medical_escort(&mut hits);
        hits::own_language_aside(&all_tokens, &mut hits);
        hits::demote_placement_field(&all_tokens, &mut hits);
        hits::carried_in_a_move(&mut hits);
        // "Je déménage le dimanche 16": a day with its date is when the help is needed,
        // wherever the request says it.
        for hit in hits.iter_mut().filter(|hit| matches!(concept(hit).group.as_deref(), Some(DAY | WEEK_PART))) {
            hit.focus |= text::dated(text, hit.span);
        }
    }
    demote_modifiers(text, &all_tokens, &mut hits);
    if post_kind == Some(PostKind::Offer) {
        hits::demote_cargo(&all_tokens, &mut hits);
        hits::demote_takers_trip(text, &all_tokens, &mut hits);
    }
    drop_full_places(text, &mut hits);
    demote_examples(text, &mut hits);
    let mut analysis = Analysis {
        needs: Vec::new(),
        context: Vec::new(),
        words: Vec::new(),
        category: Category::Other,
        shape: Shape::default(),
        topic: "other".to_owned(),
        mode: Mode::default(),
        denied,
        in_person: if post_kind == Some(PostKind::Offer) {
            thesaurus.comes_in_person(text, &all_tokens)
        } else {
            thesaurus.asks_in_person(text, &all_tokens)
        },
        regular: thesaurus.says_regular(&all_tokens),
        weekly: thesaurus.says_weekly(&all_tokens),
        occasional: post_kind == Some(PostKind::Offer) && thesaurus.says_occasional(&all_tokens),
        no_lessons: thesaurus.learning_marks(&all_tokens).iter().zip(&all_tokens).any(|(learning, token)| {
            *learning
                && match post_kind {
                    Some(PostKind::Offer) => text::negated(&all_tokens, token.span.0),
                    _ => text::not_needed(text, &all_tokens, token.span.0),
                }
        }),
        possessed: if post_kind == Some(PostKind::Offer) { Vec::new() } else { possessed },
        denied_words: Vec::new(),
        refused,
        conditions,
        lacking,
        required_languages: if post_kind == Some(PostKind::Request) {
            medium
                .iter()
                .filter(|hit| text::helper_speaks(text, &all_tokens, hit.span.0))
                .map(|hit| hit.concept)
                .filter(|concept| thesaurus.concepts[usize::from(*concept)].id != FRENCH)
                .collect()
        } else {
            Vec::new()
        },
        ages: ages::read(text),
    };
    // Where each term stands: "machine à coudre" names a thing, and its "coudre" is no task.
    let term_spans: Vec<(usize, usize)> = hits.iter().map(|hit| hit.span).collect();
    let mut all = Vec::with_capacity(hits.len());
    for hit in hits {
        let (surface, focus, span) = (hit.surface.clone(), hit.focus, hit.span);
        let mut broader = thesaurus.concepts[usize::from(hit.concept)].broader;
        all.push(hit);
        // Up the whole chain: listening is mental health, which is health. (The thesaurus
        // has no cycle; the bound only keeps a bad edit from looping.)
        for _ in 0..4 {
            let Some(concept) = broader else { break };
            all.push(Hit { concept, surface: surface.clone(), derived: true, focus, span });
            broader = thesaurus.concepts[usize::from(concept)].broader;
        }
    }
    // In a post about translation, French is only one end of it: an Arabic–French
    // translator does not teach French grammar. The other language stays a need: someone
    // who reads Arabic helps with a letter in Arabic.
    let translation = all.iter().any(|hit| thesaurus.concepts[usize::from(hit.concept)].id == TRANSLATION);
    for hit in all {
        let concept = &thesaurus.concepts[usize::from(hit.concept)];
        let aside = concept.context || (translation && concept.id == FRENCH);
        let list = if aside { &mut analysis.context } else { &mut analysis.needs };
        match list.iter_mut().find(|known| known.concept == hit.concept) {
            // Named in focus beats named in passing; named directly beats derived.
            Some(known) if (hit.focus, !hit.derived) > (known.focus, !known.derived) => *known = hit,
            Some(_) => {}
            None => list.push(hit),
        }
    }
    for hit in medium {
        if !analysis.context.iter().any(|known| known.concept == hit.concept) {
            analysis.context.push(hit);
        }
    }
    if let Some(first) = analysis.needs.first() {
        analysis.topic = thesaurus.concepts[usize::from(first.concept)].topic.clone();
    }
    let post = Reading { kind: post_kind, text, tokens: &all_tokens, sentences: &sentences, language, langs };
    let words = words::Words { content: &content, keys: &keys, used: &used, focus: &focus, cued: &cued };
    let kind = words::read(&post, words, &focus_marks, &mut analysis);
    tasks::read(&post, &term_spans, &focus_marks, &mut analysis);
    analysis.category = tagged_category(text).or(kind).unwrap_or(Category::Other);
    // "Je donne un canapé d'angle, à venir chercher" posted as a request offers, and asks
    // nothing: no offer meets it.
    // "Un grand merci à Sylvie qui a gardé mes chats" asks nothing either.
    // "Rémunération CESU, sérieux exigé" is a job to fill, not help asked of neighbours;
    // "Repair café samedi 14h, entrée libre" an event announced.
    if post_kind == Some(PostKind::Request)
        && (thesaurus.only_offers(text, &all_tokens)
            || thesaurus.only_thanks(text, &all_tokens)
            || thesaurus.asks_no_help(&all_tokens))
    {
        analysis.needs.clear();
        analysis.words.clear();
    }
    analysis
}

#[cfg(test)]
mod tests;
