//! The first reading of a post: its words, the sentences that ask or offer, and the terms of
//! the thesaurus it names, each in the sense the post means ("mon MacBook ne démarre plus"
//! names no car trouble) and read in phrases before single words.

use super::hits::{add_clock_times, add_days_between, add_route, drop_awaited, refer_back};
use super::thesaurus::{self, Hit, THESAURUS};
use super::{DAY, WEEK_PART, entry, places, senses, talk, text};
use crate::model::{Lang, Place, PostKind};

/// The concept of idioms: a phrase of one hides every word inside it.
const IDIOM: &str = "idiom";

/// Storage space, and lodging: a room can be either.
const STORAGE: &str = "storage_space";
const SHELTER: &str = "shelter";

/// What the first reading found.
pub(super) struct Found {
    /// Every word, stop words included.
    pub tokens: Vec<text::Token>,
    /// The words that may name help: no stop word, no word of place ("en visio", the town).
    pub content: Vec<text::Token>,
    /// Each content word's thesaurus keys (stems, corrected typos).
    pub keys: Vec<Vec<String>>,
    /// Whether a term of the thesaurus read each content word.
    pub used: Vec<bool>,
    /// Whether each content word is in a sentence that asks or offers.
    pub focus: Vec<bool>,
    /// The same, kept as read before any widening of the focus.
    pub cued: Vec<bool>,
    /// The focus of every word, and what a request gives back, its apposition and its story.
    pub marks: thesaurus::Focus,
    pub language: Option<Lang>,
    /// The languages whose stems are read: the post's own, or both when it is unclear.
    pub langs: &'static [Lang],
    pub sentences: Vec<(usize, usize)>,
    /// The terms it names, in text order.
    pub hits: Vec<Hit>,
}

/// Reads a post's words and the terms it names. The author's own place, written in the text,
/// says where, never what.
pub(super) fn read(post_kind: Option<PostKind>, text: &str, place: &Place) -> Found {
    let thesaurus = &*THESAURUS;
    let tokens = text::tokens(text);
    // Words that say where help happens, not what it is: "en visio", the author's own town.
    let mut where_marks = thesaurus.online_marks(text, &tokens, post_kind == Some(PostKind::Offer));
    if let Place::Local(place) = place {
        for (mark, own) in where_marks.iter_mut().zip(places::own_place_marks(text, &tokens, place)) {
            *mark |= own;
        }
    }
    // Cues are mostly stop words ("je cherche"): focus is read before they are dropped.
    let marks = thesaurus.focus_marks(text, &tokens, post_kind);
    let focus_marks = &marks.marks;
    let all_tokens = tokens.clone();
    let (content, focus): (Vec<text::Token>, Vec<bool>) = tokens
        .into_iter()
        .zip(where_marks)
        .zip(focus_marks.iter().copied())
        .filter(|((token, said_where), _)| !said_where && !thesaurus.is_stop(token))
        .map(|((token, _), focus)| (token, focus))
        .unzip();
    // What the cued sentences themselves say, before a vague request widens its focus: the
    // shape of help is read there first ("la réparation coûte plus cher… si quelqu'un en donne
    // une" asks for a thing).
    let cued = focus.clone();
    let language = text::language(&all_tokens);
    // Stems in the post's language only: in a French post, "carrière" is not "carry".
    let langs: &'static [Lang] = match language {
        Some(Lang::Fr) => &[Lang::Fr],
        Some(Lang::En) => &[Lang::En],
        None => &[Lang::Fr, Lang::En],
    };
    let keys: Vec<Vec<String>> = content.iter().map(|token| thesaurus.corrected_keys(token, langs)).collect();
    let (mut hits, used) = thesaurus.find(text, &content, &keys, &focus);
    hits.retain(|hit| !thesaurus.false_friend(&hit.surface, language));
    // "Besoin de parler à quelqu'un": phrases whose small words carry the meaning. A phrase
    // reads its words more closely than the terms inside it: "j'habite en appart" asks no
    // flat, "conseils sur le logement" are housing law.
    // A context stays unless both are variants ("du lundi au vendredi" is no weekend, nor a
    // Monday only): "en voiture" is a ride, and by car; "mon fils" is a man, and a child. A
    // language stays too: "papoter en anglais" is conversation, in English.
    let phrased = thesaurus.phrase_hits(text, &all_tokens, focus_marks);
    let concept = |hit: &Hit| &thesaurus.concepts[usize::from(hit.concept)];
    hits.retain(|hit| {
        !phrased.iter().any(|phrase| {
            phrase.concept != hit.concept
                && phrase.span.0 <= hit.span.0
                && hit.span.1 <= phrase.span.1
                && (!concept(hit).context || (concept(hit).group.is_some() && concept(phrase).group.is_some()))
                // "Petits et moyens chiens": a variant phrase qualifies the need inside it.
                && (concept(hit).context || !concept(phrase).context || concept(phrase).group.is_none())
                // (An idiom hides a language too: "c'est du chinois pour lui".)
                && (!concept(hit).language || concept(phrase).language || concept(phrase).id == IDIOM)
        })
    });
    // "Jardinier du dimanche" is an amateur, free any day ("du lundi au jeudi" is a range).
    hits.retain(|hit| {
        let range = text.get(hit.span.1..).is_some_and(|rest| rest.starts_with(" au ") || rest.starts_with(" à "));
        concept(hit).group.as_deref() != Some(DAY) || text::word_before(&all_tokens, hit.span.0) != Some("du") || range
    });
    // A phrase in focus still counts when its concept was named in passing elsewhere ("qqn
    // pourrait m'y déposer ?… je ramène des pastéis").
    for hit in phrased {
        if !hits.iter().any(|known| known.concept == hit.concept && (known.focus || !hit.focus)) {
            let at = hits.iter().position(|known| known.span.0 > hit.span.0).unwrap_or(hits.len());
            hits.insert(at, hit);
        }
    }
    add_days_between(text, &mut hits);
    // (A request's hours are mostly its author's own: a flight, a shift.)
    if post_kind == Some(PostKind::Offer) {
        add_clock_times(text, &all_tokens, focus_marks, &mut hits);
    }
    add_route(text, &all_tokens, focus_marks, &mut hits);
    drop_awaited(text, &all_tokens, &mut hits);
    let sentences = text::sentences(text);
    // "A spare room or garage where I could store furniture": a room to store things in is
    // storage, not lodging.
    if post_kind == Some(PostKind::Request) {
        let sentence_of = |hit: &Hit| text::sentence_of(&sentences, hit.span.0);
        let stored: Vec<Option<usize>> =
            hits.iter().filter(|hit| concept(hit).id == STORAGE).map(sentence_of).collect();
        hits.retain(|hit| concept(hit).id != SHELTER || !stored.contains(&sentence_of(hit)));
    }
    // "Uniquement le samedi" (the rugby on Sundays is the author's own), "Le week-end
    // uniquement, en semaine je bosse": an offer that says which days only is free those days
    // only.
    if post_kind == Some(PostKind::Offer) {
        let only = |hit: &Hit| text::said_only(text, &all_tokens, hit.span);
        for group in [DAY, WEEK_PART] {
            let in_group = |hit: &Hit| concept(hit).group.as_deref() == Some(group);
            if !hits.iter().any(|hit| in_group(hit) && only(hit)) {
                continue;
            }
            // "Uniquement les mardis et jeudis", "samedi et dimanche uniquement": the days
            // listed with the one said only are only too, after it or before it.
            let spans: Vec<(usize, usize)> = hits.iter().filter(|hit| in_group(hit)).map(|hit| hit.span).collect();
            let mut kept: Vec<bool> = hits.iter().filter(|hit| in_group(hit)).map(only).collect();
            for at in 1..spans.len() {
                kept[at] |= kept[at - 1] && text::listed_after(text, spans[at - 1], spans[at]);
            }
            for at in (0..spans.len().saturating_sub(1)).rev() {
                kept[at] |= kept[at + 1] && text::listed_after(text, spans[at], spans[at + 1]);
            }
            let mut kept = kept.into_iter();
            hits.retain(|hit| !in_group(hit) || kept.next().unwrap_or(true));
        }
    }
    // "Je ne peux pas l'aider le soir": when a requester is not free says why help is
    // needed, not when a helper must be. "Plutôt en soirée" is a preference, no condition.
    let request = post_kind == Some(PostKind::Request);
    hits.retain(|hit| {
        !concept(hit).group.as_deref().is_some_and(|group| entry::WHEN_GROUPS.contains(&group))
            || !(request
                && (text::author_unavailable(text, &sentences, &all_tokens, hit.span.0)
                    || text::covered(text, hit.span))
                || text::author_working(text, &all_tokens, hit.span)
                || text::preferred(&all_tokens, hit.span.0))
    });
    refer_back(&mut hits);
    // "Mon MacBook ne démarre plus" names no car trouble: words in the sense the post means.
    senses::drop_other_senses(&all_tokens, &mut hits);
    senses::place_to_sleep(&all_tokens, &mut hits);
    senses::wheelchair(&mut hits);
    senses::drop_city_names(text, &all_tokens, &mut hits);
    senses::talk_in_a_language(text, &all_tokens, &mut hits);
    if post_kind == Some(PostKind::Offer) {
        senses::drop_own_family_care(&all_tokens, &mut hits);
        if thesaurus.says_online(text, &all_tokens) {
            talk::company_at_a_distance(&mut hits);
        }
    } else {
        talk::company_by_phone(text, &all_tokens, &mut hits);
    }
    Found { tokens: all_tokens, content, keys, used, focus, cued, marks, language, langs, sentences, hits }
}
