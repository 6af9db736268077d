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

mod index;
pub mod places;
pub mod text;
pub mod thesaurus;

pub use index::Matcher;
pub use text::fold;

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
const TRAVEL: [&str; 3] = ["ride", "car", "van"];

/// The concept of translation, and the community's own language.
pub(super) const TRANSLATION: &str = "translation";
pub(super) const FRENCH: &str = "french_language";

/// How many offers are proposed for one request at most.
pub const MAX_RESULTS: usize = 5;

/// What a text says, as far as matching cares.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Needs it names (or the help that meets them), in text order.
    pub needs: Vec<Hit>,
    /// For whom, when, with what: refines a match, never makes one.
    pub context: Vec<Hit>,
    /// Content words the thesaurus does not know (folded, singular).
    pub words: Vec<String>,
    /// The kind of help (lend, give, ride…), from the words that say it.
    pub category: Category,
    /// What shape of help its focus names: a thing to lend or give, a service (a skill, time,
    /// a ride, a room), both, or neither said.
    pub shape: Shape,
    /// The topic of its first need, for statistics (`other` when none).
    pub topic: String,
}

/// The shape of help a post names, read from its focus: "je prête ma scie" is a thing,
/// "je répare les vélos" a service. A request for a thing is not met by a service around the
/// same object (a bike to borrow is not a bike repair), nor a service by a thing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Lending ("prêter", "emprunter").
    pub lend: bool,
    /// Giving ("donner", "give away"), unless it gives a hand or lessons.
    pub give: bool,
    /// A skill, time, a ride, a room.
    pub service: bool,
}

impl Shape {
    /// Whether a thing is lent or given, rather than a hand ("je donne des cours").
    fn thing(self) -> bool {
        self.lend || (self.give && !self.service)
    }

    /// Whether help of this shape can meet a need of that one: either says nothing of its
    /// shape, or both name a thing, or both a service.
    pub fn meets(self, need: Shape) -> bool {
        let said = |shape: Shape| shape.thing() || shape.service;
        !said(self) || !said(need) || (self.thing() && need.thing()) || (self.service && need.service)
    }
}

/// Reads a text.
pub fn analyze(text: &str) -> Analysis {
    let thesaurus = &*THESAURUS;
    let tokens = text::tokens(text);
    let online = thesaurus.online_marks(&tokens);
    // Cues are mostly stop words ("je cherche"): focus is read before they are dropped.
    let focus_marks = thesaurus.focus_marks(text, &tokens);
    let all_tokens = tokens.clone();
    let (content, mut focus): (Vec<text::Token>, Vec<bool>) = tokens
        .into_iter()
        .zip(online)
        .zip(focus_marks.iter().copied())
        .filter(|((token, online), _)| !online && !thesaurus.is_stop(token))
        .map(|((token, _), focus)| (token, focus))
        .unzip();
    // Stems in the post's language only: in a French post, "carrière" is not "carry".
    let langs: &[Lang] = match text::language(&all_tokens) {
        Some(Lang::Fr) => &[Lang::Fr],
        Some(Lang::En) => &[Lang::En],
        None => &[Lang::Fr, Lang::En],
    };
    let keys: Vec<Vec<String>> = content.iter().map(|token| thesaurus.corrected_keys(token, langs)).collect();
    let (mut hits, used) = thesaurus.find(text, &content, &keys, &focus);
    // "Qqn s'y connaît ?" asks about what the story before it names: when the sentences
    // that ask or offer name no precise need, the whole post is its focus.
    let precise = |hit: &Hit| {
        let concept = &thesaurus.concepts[usize::from(hit.concept)];
        hit.focus && !concept.context && concept.weight >= 1.0
    };
    let mut focus_marks = focus_marks;
    if !hits.iter().any(precise) {
        focus_marks.iter_mut().for_each(|mark| *mark = true);
        focus.iter_mut().for_each(|mark| *mark = true);
        hits.iter_mut().for_each(|hit| hit.focus = true);
    }
    let mut analysis = Analysis {
        needs: Vec::new(),
        context: Vec::new(),
        words: Vec::new(),
        category: Category::Other,
        shape: Shape::default(),
        topic: "other".to_owned(),
    };
    let mut all = Vec::with_capacity(hits.len());
    for hit in hits {
        let broader = thesaurus.concepts[usize::from(hit.concept)].broader;
        let (surface, focus) = (hit.surface.clone(), hit.focus);
        all.push(hit);
        if let Some(broader) = broader {
            all.push(Hit { concept: broader, surface, derived: true, focus });
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
    if let Some(first) = analysis.needs.first() {
        analysis.topic = thesaurus.concepts[usize::from(first.concept)].topic.clone();
    }
    // Two posts naming one city share a place, not a need; except for travel, where the
    // city is the destination ("Covoit Lyon-Grenoble").
    let travel = analysis
        .needs
        .iter()
        .chain(&analysis.context)
        .any(|hit| TRAVEL.contains(&thesaurus.concepts[usize::from(hit.concept)].id.as_str()));
    let mut kind = None;
    for (((token, token_keys), used), focus) in content.iter().zip(&keys).zip(&used).zip(&focus) {
        let help_kind = thesaurus.help_kind(token_keys);
        kind = kind.or(help_kind);
        if *focus {
            match help_kind {
                Some(Category::Lend) => analysis.shape.lend = true,
                Some(Category::Give) => analysis.shape.give = true,
                // A ride word often names where a thing goes ("une remorque pour emmener des
                // gravats"): it says nothing of the shape.
                Some(Category::Other | Category::Ride) | None => {}
                Some(_) => analysis.shape.service = true,
            }
        }
        let word = text::singular(&token.folded);
        if !used
            && *focus
            && help_kind.is_none()
            && (travel || !places::is_place_word(&token.folded))
            && word.chars().count() >= 3
            && !analysis.words.iter().any(|w| w == word)
        {
            analysis.words.push(word.to_owned());
        }
    }
    analysis.shape.service |= thesaurus.names_a_service(&all_tokens, &focus_marks);
    analysis.category = tagged_category(text).or(kind).unwrap_or(Category::Other);
    analysis
}

/// The category a post names with a hashtag of its name in either language ("#tutorat",
/// "#lodging"): the author's word beats the words' guess. Discord's category option adds it.
pub fn tagged_category(text: &str) -> Option<Category> {
    let tags: Vec<String> = text
        .split_whitespace()
        .filter_map(|word| word.strip_prefix('#'))
        .map(|tag| text::fold(tag.trim_end_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    Category::ALL.iter().copied().find(|category| {
        let id = format!("category-{category}");
        let names =
            [category.as_str().to_owned(), catalog::text(Lang::Fr, &id, &[]), catalog::text(Lang::En, &id, &[])];
        names.iter().any(|name| tags.contains(&text::fold(name)))
    })
}

/// What kind of help a post is about, from its words.
pub fn infer_category(text: &str) -> Category {
    analyze(text).category
}

/// Where a post applies. An offer is online when its text says so ("en visio"); a request
/// always stays where its author is, since online offers reach every request anyway and
/// "ma déclaration en ligne" says nothing about where help may come from.
pub fn infer_place(kind: PostKind, text: &str, author_place: Option<&str>) -> Place {
    let tokens = text::tokens(text);
    if kind == PostKind::Offer && THESAURUS.online_marks(&tokens).contains(&true) {
        return Place::Online;
    }
    match author_place {
        Some(place) => Place::Local(place.to_owned()),
        None => Place::Unknown,
    }
}

/// The best offers for a request, best first, at most `limit`; empty when nothing fits.
pub fn best_offers(request: &Post, offers: &[Post], limit: usize) -> Vec<Scored> {
    let mut matcher = Matcher::new();
    offers.iter().for_each(|offer| matcher.insert(offer));
    matcher.best_for(request, limit)
}

/// The needs an offer was matched to a request for (thesaurus concept ids): those that make
/// their match, or, when they no longer fit, the needs the request names in its focus.
pub fn needs_between(request: &Post, offer: &Post) -> Vec<String> {
    if let Some(found) = best_offers(request, std::slice::from_ref(offer), 1).into_iter().next()
        && !found.needs.is_empty()
    {
        return found.needs;
    }
    analyze(&request.text)
        .needs
        .iter()
        .filter(|hit| hit.focus && !hit.derived)
        .map(|hit| THESAURUS.concepts[usize::from(hit.concept)].id.clone())
        .collect()
}

/// Drops the matches an offer's author said are not what they offer: those all of whose
/// needs they excluded for that offer. `offer_of` names the offer of each match.
pub fn without_excluded(
    found: Vec<Scored>,
    excluded: &[(crate::model::PostId, String)],
    offer_of: impl Fn(&Scored) -> crate::model::PostId,
) -> Vec<Scored> {
    if excluded.is_empty() {
        return found;
    }
    found
        .into_iter()
        .filter(|scored| {
            let offer = offer_of(scored);
            let barred = |need: &String| excluded.iter().any(|(id, concept)| *id == offer && concept == need);
            scored.needs.is_empty() || !scored.needs.iter().all(barred)
        })
        .collect()
}

/// The open requests an offer fits, best first, at most `limit`.
pub fn fitting_requests(offer: &Post, requests: &[Post], limit: usize) -> Vec<Scored> {
    let mut matcher = Matcher::new();
    requests.iter().for_each(|request| matcher.insert(request));
    matcher.best_for(offer, limit)
}

#[cfg(test)]
mod tests;
