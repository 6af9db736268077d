//! The matcher's index: analysed posts in an inverted index from need concepts and unknown
//! words to posts, partitioned by area (and online), so that one request is scored only
//! against the offers that share something with it and may be in reach. Adding or removing a
//! post touches only its own postings.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::thesaurus::{ConceptId, THESAURUS};
use super::{
    Analysis, CONVERSATION, FRENCH, Mode, PROOFREADING, SCHOOL, Scored, Shape, TRANSLATION, ages, analyze_post, places,
};
use crate::model::{MemberId, Place, Post, PostId, PostKind, Reason};

/// Matches scoring below this share of the best one for the same post are dropped.
const RELATIVE_FLOOR: f64 = 0.7;

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
    /// It fits, but far weaker than the best match, or below the best five.
    Ranked,
}

/// Where a post is in reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Area {
    /// Online: helps anywhere.
    Online,
    /// An area of the gazetteer (interned).
    Local(u32),
    /// No place known: only online help reaches it.
    Unknown,
}

/// What a posting list is keyed by. Only what can make a match is indexed, so that a request
/// is scored against the offers that may fit it and no others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Feature {
    /// A need that can make a match: for an offer, one it names in focus; for a request, one
    /// it names directly, in focus, and as broad as it asks ([`generalist`]).
    Concept(ConceptId),
    /// A word it uses.
    Word(u32),
    /// A word used by a post that names no need: only there can a word alone make a match
    /// with a post the thesaurus understands.
    BareWord(u32),
}

/// A need concept a post names, with its words, whether it was derived from a narrower one,
/// and whether it is named where the post says what it asks or offers.
#[derive(Debug)]
struct Need {
    concept: ConceptId,
    surface: Box<str>,
    derived: bool,
    focus: bool,
    /// Named directly, in focus, and neither context nor broad: what the post is precisely
    /// about (read once here rather than for every candidate).
    precise: bool,
    /// In a request, whether sharing it can make a match: named directly and as broad as the
    /// request asks ([`generalist`]).
    asks: bool,
}

/// A post as the index keeps it: compact (boxed slices, not vectors: a hundred thousand of
/// them are held), with the surfaces its reasons quote.
#[derive(Debug)]
struct Entry {
    author: MemberId,
    kind: PostKind,
    area: Area,
    area_name: Option<Box<str>>,
    needs: Box<[Need]>,
    context: Box<[ConceptId]>,
    /// Whether it names translation.
    translation: bool,
    /// Whether it names proofreading.
    proofreading: bool,
    /// Whether it names conversation practice.
    conversation: bool,
    /// Whom it says the help is for, in its focus: school stages, children, adults.
    audience: Audience,
    words: Box<[u32]>,
    shape: Shape,
    /// Whether it is about learning the skill or having the work done.
    mode: Mode,
    /// A request that wants help on the spot.
    in_person: bool,
    /// What a ride is for, when it says ([`Purpose`]).
    purpose: Purpose,
    /// What few posts say, boxed apart: a post that says none of it costs one pointer.
    rare: Option<Box<Rare>>,
}

/// What few posts say ([`Entry::rare`]).
#[derive(Debug, Default, PartialEq)]
struct Rare {
    /// The languages it names other than French (the community's own), needs or not.
    languages: Box<[ConceptId]>,
    /// Needs an offer says it does not meet.
    denied: Box<[ConceptId]>,
    /// What a request's author says they have.
    possessed: Box<[ConceptId]>,
    /// The variants it names (concepts of a group, such as systems).
    variants: Box<[ConceptId]>,
    /// The ages it names.
    ages: Option<ages::Ages>,
    /// What it names that only an offer naming it too may meet (a sworn translation).
    required: Box<[ConceptId]>,
    /// Words an offer turns down that the thesaurus does not know ("pas pour les gîtes").
    denied_words: Box<[u32]>,
    /// What an offer asks whoever takes it to have ("il faut un attelage").
    conditions: Box<[ConceptId]>,
    /// What a request's author has none of ("ma voiture n'a pas d'attelage").
    lacking: Box<[ConceptId]>,
}

impl Entry {
    fn languages(&self) -> &[ConceptId] {
        self.rare.as_ref().map_or(&[], |rare| &rare.languages)
    }
    fn denied(&self) -> &[ConceptId] {
        self.rare.as_ref().map_or(&[], |rare| &rare.denied)
    }
    fn conditions(&self) -> &[ConceptId] {
        self.rare.as_ref().map_or(&[], |rare| &rare.conditions)
    }
    fn lacking(&self) -> &[ConceptId] {
        self.rare.as_ref().map_or(&[], |rare| &rare.lacking)
    }
    fn possessed(&self) -> &[ConceptId] {
        self.rare.as_ref().map_or(&[], |rare| &rare.possessed)
    }
    fn variants(&self) -> &[ConceptId] {
        self.rare.as_ref().map_or(&[], |rare| &rare.variants)
    }
    fn required(&self) -> &[ConceptId] {
        self.rare.as_ref().map_or(&[], |rare| &rare.required)
    }
    fn denied_words(&self) -> &[u32] {
        self.rare.as_ref().map_or(&[], |rare| &rare.denied_words)
    }
    fn ages(&self) -> Option<&ages::Ages> {
        self.rare.as_ref().and_then(|rare| rare.ages.as_ref())
    }
}

/// Analysed posts, indexed for matching.
#[derive(Debug, Default)]
pub struct Matcher {
    entries: HashMap<PostId, Entry>,
    areas: HashMap<String, u32>,
    words: HashMap<String, u32>,
    word_names: Vec<Box<str>>,
    postings: HashMap<(PostKind, Feature), HashMap<Area, Vec<PostId>>>,
    /// How many posts of each kind it holds, and how many of them name each need concept:
    /// what a concept's specificity is read from.
    counts: HashMap<PostKind, u32>,
    naming: HashMap<(PostKind, ConceptId), u32>,
}

impl Matcher {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many posts it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no post.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds (or replaces) a post.
    pub fn insert(&mut self, post: &Post) {
        self.remove(post.id);
        let analysis = analyze_post(post.kind, &post.text);
        if let Place::Local(place) = &post.place {
            let next = self.areas.len() as u32;
            self.areas.entry(places::area(place)).or_insert(next);
        }
        for word in analysis.words.iter().chain(&analysis.denied_words) {
            if !self.words.contains_key(word) {
                self.words.insert(word.clone(), self.word_names.len() as u32);
                self.word_names.push(word.clone().into_boxed_str());
            }
        }
        let entry = self.compact(post, &analysis);
        for feature in features(&entry) {
            self.postings.entry((entry.kind, feature)).or_default().entry(entry.area).or_default().push(post.id);
        }
        *self.counts.entry(entry.kind).or_default() += 1;
        for concept in named(&entry) {
            *self.naming.entry((entry.kind, concept)).or_default() += 1;
        }
        self.entries.insert(post.id, entry);
    }

    /// Adds a post it does not hold yet; one it holds keeps its analysis (an open post's
    /// text does not change).
    pub fn insert_new(&mut self, post: &Post) {
        if !self.entries.contains_key(&post.id) {
            self.insert(post);
        }
    }

    /// Makes the index hold exactly `posts` (the open posts of one kind, as the store has
    /// them): posts no longer there are removed, new ones analysed and added.
    pub fn sync(&mut self, posts: &[Post]) {
        let wanted: HashSet<PostId> = posts.iter().map(|post| post.id).collect();
        let gone: Vec<PostId> = self.entries.keys().copied().filter(|id| !wanted.contains(id)).collect();
        for id in gone {
            self.remove(id);
        }
        for post in posts {
            if !self.entries.contains_key(&post.id) {
                self.insert(post);
            }
        }
    }

    /// Removes a post (closed, met, expired, or its author banned).
    pub fn remove(&mut self, id: PostId) {
        let Some(entry) = self.entries.remove(&id) else { return };
        if let Some(count) = self.counts.get_mut(&entry.kind) {
            *count = count.saturating_sub(1);
        }
        for concept in named(&entry) {
            if let Some(count) = self.naming.get_mut(&(entry.kind, concept)) {
                *count = count.saturating_sub(1);
            }
        }
        for feature in features(&entry) {
            if let Some(by_area) = self.postings.get_mut(&(entry.kind, feature))
                && let Some(list) = by_area.get_mut(&entry.area)
            {
                list.retain(|other| *other != id);
            }
        }
    }

    /// The posts of the other kind that fit `post` (offers for a request, open requests for
    /// an offer), best first, at most `limit`. Never the author's own posts.
    pub fn best_for(&self, post: &Post, limit: usize) -> Vec<Scored> {
        let query = self.compact(post, &analyze_post(post.kind, &post.text));
        let wanted = searched_kind(post.kind);
        let mut candidates: Vec<PostId> = Vec::new();
        for feature in searched(&query) {
            let Some(by_area) = self.postings.get(&(wanted, feature)) else { continue };
            for (area, ids) in by_area {
                if reaches(&query, *area) {
                    candidates.extend(ids);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        self.ranked(post, &query, candidates, limit)
    }

    /// What [`Matcher::best_for`] finds when every post in reach is scored: the index must
    /// find the same.
    #[cfg(test)]
    pub(super) fn best_by_scanning(&self, post: &Post, limit: usize) -> Vec<Scored> {
        let query = self.compact(post, &analyze_post(post.kind, &post.text));
        let candidates = self
            .entries
            .iter()
            .filter(|(_, entry)| entry.kind != post.kind && reaches(&query, entry.area))
            .map(|(id, _)| *id)
            .collect();
        self.ranked(post, &query, candidates, limit)
    }

    /// Why the post `other` is not among [`Matcher::best_for`] `post` with `limit`; `None` when it is.
    pub fn mismatch(&self, post: &Post, other: PostId, limit: usize) -> Option<Mismatch> {
        if self.best_for(post, limit).iter().any(|found| found.post_id == other) {
            return None;
        }
        let query = self.compact(post, &analyze_post(post.kind, &post.text));
        let Some(entry) =
            self.entries.get(&other).filter(|entry| entry.author != query.author && reaches(&query, entry.area))
        else {
            return Some(Mismatch::Reach);
        };
        let (request, offer) = oriented(post.kind, &query, entry);
        let specific: Vec<(ConceptId, f64)> = query
            .needs
            .iter()
            .map(|need| (need.concept, self.specificity(searched_kind(post.kind), need.concept)))
            .collect();
        Some(self.score(request, offer, &specific).err().unwrap_or(Mismatch::Ranked))
    }

    /// Scores the candidates for a query and keeps the best, with their reasons.
    fn ranked(&self, post: &Post, query: &Entry, candidates: Vec<PostId>, limit: usize) -> Vec<Scored> {
        let wanted = searched_kind(post.kind);
        let pair = |other| oriented(post.kind, query, other);
        // The concepts that can make a match are the query's own: their specificity is read
        // once, not for every candidate.
        let specific: Vec<(ConceptId, f64)> =
            query.needs.iter().map(|need| (need.concept, self.specificity(wanted, need.concept))).collect();
        // Score every candidate, then put reasons into words only for the few kept.
        let mut ranked: Vec<(f64, PostId)> = candidates
            .into_iter()
            .filter_map(|id| {
                let other = self.entries.get(&id).filter(|other| other.author != query.author)?;
                let (request, offer) = pair(other);
                Some((self.score(request, offer, &specific).ok()?, id))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // A match far weaker than the best one is noise to the helper it would ask.
        let best = ranked.first().map_or(0.0, |(score, _)| *score);
        ranked.retain(|(score, _)| *score >= RELATIVE_FLOOR * best);
        ranked.truncate(limit);
        ranked
            .into_iter()
            .filter_map(|(score, id)| {
                let (request, offer) = pair(self.entries.get(&id)?);
                let needs = shared_needs(request, offer)
                    .filter(|(_, makes, ..)| *makes)
                    .filter_map(|(concept, ..)| THESAURUS.concepts.get(usize::from(concept)).map(|c| c.id.clone()))
                    .collect();
                Some(Scored { post_id: id, score, reasons: self.reasons(request, offer), needs })
            })
            .collect()
    }

    /// Compacts an analysis with the index's interned areas and words; what the index has
    /// never seen cannot match anything it holds, and compacts to "nowhere".
    fn compact(&self, post: &Post, analysis: &Analysis) -> Entry {
        let (area, area_name) = match &post.place {
            Place::Online => (Area::Online, None),
            Place::Unknown => (Area::Unknown, None),
            Place::Local(place) => {
                let id = self.areas.get(&places::area(place)).copied().unwrap_or(u32::MAX);
                (Area::Local(id), Some(places::area_name(place).into_boxed_str()))
            }
        };
        let mut entry = Entry {
            author: post.author_id,
            kind: post.kind,
            area,
            area_name,
            needs: analysis
                .needs
                .iter()
                .map(|hit| Need {
                    concept: hit.concept,
                    surface: hit.surface.clone().into_boxed_str(),
                    derived: hit.derived,
                    focus: hit.focus,
                    precise: hit.focus
                        && !hit.derived
                        && THESAURUS
                            .concepts
                            .get(usize::from(hit.concept))
                            .is_some_and(|c| !c.context && c.weight >= 1.0),
                    asks: false,
                })
                .collect(),
            context: analysis.context.iter().map(|hit| hit.concept).collect(),
            translation: names_need(analysis, TRANSLATION),
            proofreading: names_need(analysis, PROOFREADING),
            conversation: names_need(analysis, CONVERSATION),
            audience: analysis
                .context
                .iter()
                .filter_map(|hit| {
                    let id = THESAURUS.concepts.get(usize::from(hit.concept))?.id.as_str();
                    let bit = Audience::of(id)?;
                    // A request names the man it is for, or the school year of the child, in
                    // any sentence ("Mon fils est en CM1. Qqn pour l'aider en maths ?");
                    // otherwise only what a post asks or offers counts.
                    let anywhere = post.kind == PostKind::Request && bit.0 & (Audience::SEXES | Audience::STAGES) != 0;
                    if !hit.focus && !anywhere {
                        return None;
                    }
                    // A child named in a request is the beneficiary only when the help is said
                    // to be for them ("mon fils", "pour les enfants"), not "le carnet de ses enfants".
                    let beneficiary = bit != Audience::CHILDREN
                        || post.kind == PostKind::Offer
                        || super::text::for_whom(&post.text, hit.span.0);
                    beneficiary.then_some(bit)
                })
                .fold(Audience::default(), |all, bit| all | bit),
            words: analysis.words.iter().filter_map(|word| self.words.get(word).copied()).collect(),
            shape: analysis.shape,
            mode: analysis.mode,
            in_person: analysis.in_person,
            rare: rare(post, analysis, &self.words),
            purpose: purpose(post, analysis),
        };
        let asks: Vec<bool> =
            entry.needs.iter().map(|need| !need.derived && generalist(&entry, need.concept)).collect();
        entry.needs.iter_mut().zip(asks).for_each(|(need, asks)| need.asks = asks);
        entry
    }

    /// Whether an offer fits a request, and how well (in (0, 1)); the place is checked by
    /// the index. Fits on a shared need concept (broad ones need a second clue: another
    /// concept or a shared word), or, when the thesaurus understands neither, a shared word.
    fn score(&self, request: &Entry, offer: &Entry, specific: &[(ConceptId, f64)]) -> Result<f64, Mismatch> {
        if !offer.shape.meets(request.shape) {
            return Err(Mismatch::Shape);
        }
        // "Pas d'animaux" is no room for a tenant with a cat; "in person" wants no video call.
        let names = |concept: &ConceptId| {
            (request.needs.iter().any(|need| need.concept == *concept) || request.context.contains(concept))
                && !request.possessed().contains(concept)
        };
        if offer.denied().iter().any(names)
            || offer.denied_words().iter().any(|word| request.words.contains(word))
            || (request.in_person && offer.area == Area::Online)
        {
            return Err(Mismatch::Denied);
        }
        // "Il faut un attelage" is no help to whom says their car has none.
        if offer.conditions().iter().any(|concept| request.lacking().contains(concept)) {
            return Err(Mismatch::Condition);
        }
        // A translator translates: someone who wants lessons in a language wants a teacher.
        if offer.translation && !request.translation && request.mode.learning && !offer.mode.learning {
            return Err(Mismatch::Translator);
        }
        // Someone who wants a text proofread wants a proofreader, not a class.
        if request.proofreading && !offer.proofreading && !offer.translation && offer.mode.learning && !offer.mode.doing
        {
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
        // A proofreader is no tutor: a pupil's oral exam in French asks for someone else.
        let schoolwork = request.needs.iter().any(|need| {
            need.focus && THESAURUS.concepts.get(usize::from(need.concept)).is_some_and(|c| c.topic == SCHOOL)
        });
        if offer.proofreading && !request.proofreading && schoolwork && !offer.mode.learning {
            return Err(Mismatch::Proofreader);
        }
        // A request that says "translate" wants a translator, not a conversation partner in
        // that language; one that only says the letter is in Arabic may meet either.
        if request.translation && !offer.translation {
            return Err(Mismatch::NotTranslator);
        }
        // A sitter for 3 to 10 year olds is no help with a baby of 6 months.
        if let (Some(offered), Some(asked)) = (offer.ages(), request.ages())
            && !ages::agree(offered, asked)
        {
            return Err(Mismatch::Ages);
        }
        // A volunteer translator is no sworn translator.
        let offers = |concept: &ConceptId| {
            offer.needs.iter().any(|need| need.concept == *concept) || offer.context.contains(concept)
        };
        if !request.required().iter().all(offers) {
            return Err(Mismatch::Required);
        }
        // A Windows helper is no help with a Mac.
        if !variants_agree(request, offer) {
            return Err(Mismatch::Variant);
        }
        // A Portuguese interpreter is no help with an Arabic letter.
        if !request.languages().is_empty()
            && !offer.languages().is_empty()
            && !request.languages().iter().any(|language| offer.languages().contains(language))
        {
            return Err(Mismatch::Language);
        }
        // Catalan lessons are no French conversation: a request to learn a language other
        // than French is not met by help in French alone.
        let language = |need: &Need, french: bool| {
            THESAURUS.concepts.get(usize::from(need.concept)).is_some_and(|c| c.language && (c.id == FRENCH) == french)
        };
        if request.mode.learning
            && request.needs.iter().any(|need| need.focus && !need.derived && language(need, false))
            && offer.languages().is_empty()
            && offer.needs.iter().any(|need| need.focus && language(need, true))
        {
            return Err(Mismatch::Language);
        }
        // Whom a service is for matters; a thing given or lent serves anyone.
        if !offer.shape.thing() && !offer.audience.agrees(request.audience) {
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
        // A driver who takes neighbours shopping, or to the airport, offers those rides only.
        if PURPOSES.ride.is_some_and(&makes_concept) && !offer.purpose.allows(request.purpose) {
            return Err(Mismatch::Purpose);
        }
        let raw = need + 0.4 * lexical + 0.2 * (context + aside);
        Ok(raw / (raw + 1.0) * quality(request, offer, makes_concept, specific))
    }

    /// How specific a need concept is, in [0, 1]: how few of the posts of `kind` (those
    /// searched) name it, like IDF.
    fn specificity(&self, kind: PostKind, concept: ConceptId) -> f64 {
        let total = f64::from(self.counts.get(&kind).copied().unwrap_or(0).max(1));
        let naming = f64::from(self.naming.get(&(kind, concept)).copied().unwrap_or(0).max(1));
        ((1.0 + total / naming).ln() / (1.0 + total).ln().max(f64::EPSILON)).min(1.0)
    }

    /// Why an offer fits a request, in the members' words.
    fn reasons(&self, request: &Entry, offer: &Entry) -> Vec<Reason> {
        let mut reasons: Vec<Reason> = shared_needs(request, offer)
            .map(|(_, _, asked, offered)| Reason::Related { asked: asked.to_owned(), offered: offered.to_owned() })
            .collect();
        let words: Vec<String> = request
            .words
            .iter()
            .filter(|word| offer.words.contains(word))
            .filter_map(|id| self.word_names.get(*id as usize))
            .map(|word| word.to_string())
            .collect();
        if !words.is_empty() {
            reasons.push(Reason::Words(words));
        }
        reasons.push(match (&offer.area, &offer.area_name) {
            (Area::Local(_), Some(name)) => Reason::SamePlace(name.to_string()),
            _ => Reason::Online,
        });
        reasons
    }
}

/// The need concepts both name (two derived hits do not count), whether that makes a match,
/// and each side's words.
fn shared_needs<'a>(request: &'a Entry, offer: &'a Entry) -> impl Iterator<Item = (ConceptId, bool, &'a str, &'a str)> {
    request.needs.iter().filter_map(|asked| {
        let offered = offered(asked, offer)?;
        Some((asked.concept, makes(asked, offered), &*asked.surface, &*offered.surface))
    })
}

/// The offer's need of the same concept as `asked`, if it has one (two derived hits do not
/// count: a sofa does not fit a wardrobe).
fn offered<'a>(asked: &Need, offer: &'a Entry) -> Option<&'a Need> {
    offer.needs.iter().find(|offered| offered.concept == asked.concept && !(asked.derived && offered.derived))
}

/// Whether, for each group of variants both posts name (systems: a Mac, Windows), they
/// name one in common.
fn variants_agree(request: &Entry, offer: &Entry) -> bool {
    let group = |concept: &ConceptId| THESAURUS.concepts.get(usize::from(*concept)).and_then(|c| c.group.as_deref());
    request.variants().iter().all(|asked| {
        let of_group: Vec<&ConceptId> =
            offer.variants().iter().filter(|offered| group(offered) == group(asked)).collect();
        of_group.is_empty()
            || of_group.contains(&asked)
            || request.variants().iter().any(|other| group(other) == group(asked) && of_group.contains(&other))
    })
}

/// What a post's ride is for: how often it goes, and the purposes its concepts name, except a
/// place it leaves from ("départ gare St-Jean"). The text is read again only for posts that
/// name a purpose.
fn purpose(post: &Post, analysis: &Analysis) -> Purpose {
    let named: Vec<(Purpose, usize)> = analysis
        .needs
        .iter()
        .chain(&analysis.context)
        .map(|hit| (Purpose::of(hit.concept), hit.span.0))
        .filter(|(purpose, _)| *purpose != Purpose::default())
        .collect();
    let tokens = if named.is_empty() { Vec::new() } else { super::text::tokens(&post.text) };
    named
        .into_iter()
        .filter(|(_, at)| !super::text::departure(&tokens, *at) && !super::text::workplace(&tokens, *at))
        .fold(Purpose::how_often(analysis), |all, (purpose, _)| Purpose(all.0 | purpose.0))
}

/// What few posts say, read once; `None` when a post says none of it.
fn rare(post: &Post, analysis: &Analysis, words: &HashMap<String, u32>) -> Option<Box<Rare>> {
    let named = |keep: &dyn Fn(&super::thesaurus::Concept, bool) -> bool| -> Box<[ConceptId]> {
        analysis
            .needs
            .iter()
            .chain(&analysis.context)
            .filter(|hit| THESAURUS.concepts.get(usize::from(hit.concept)).is_some_and(|c| keep(c, hit.focus)))
            .map(|hit| hit.concept)
            .collect()
    };
    // When help is wanted counts only where a request asks ("les devoirs, une bataille tous
    // les soirs" tells the story); an offer says when it can anywhere ("Saturdays only."); a
    // system or a level describes the thing anywhere.
    let anywhere = post.kind == PostKind::Offer;
    let variant = |concept: &super::thesaurus::Concept, focus: bool| {
        concept.group.as_deref().is_some_and(|group| focus || anywhere || !WHEN_GROUPS.contains(&group))
    };
    let ages = Some(ages::read(&post.text)).filter(|ages| !ages.ranges.is_empty() || !ages.single.is_empty());
    let rare = Rare {
        languages: named(&|c, _| c.language && c.id != FRENCH),
        denied: analysis.denied.clone().into(),
        possessed: analysis.possessed.clone().into(),
        variants: named(&variant),
        ages,
        required: named(&|c, _| c.required).iter().chain(&analysis.required_languages).copied().collect(),
        denied_words: analysis.denied_words.iter().filter_map(|word| words.get(word).copied()).collect(),
        conditions: analysis.conditions.clone().into(),
        lacking: analysis.lacking.clone().into(),
    };
    (rare != Rare::default()).then(|| Box::new(rare))
}

/// Groups of variants that say when help is wanted.
pub(super) const WHEN_GROUPS: [&str; 3] = ["time_of_day", "week_part", "day"];

/// Whether an analysis names the concept `id` among its needs.
fn names_need(analysis: &Analysis, id: &str) -> bool {
    analysis.needs.iter().any(|hit| THESAURUS.concepts.get(usize::from(hit.concept)).is_some_and(|c| c.id == id))
}

/// The bit of the `at`-th need in a set of a post's needs (none past the 64th: no post names
/// that many).
fn bit(at: usize) -> u64 {
    u32::try_from(at).ok().and_then(|at| 1_u64.checked_shl(at)).unwrap_or(0)
}

/// Whether a need both name makes a match: both in focus, and the request asks for it.
/// A broader concept reached through a narrower one (paperwork, through taxes) is for
/// statistics: it refines the score of a match but never makes one. The one exception is a
/// request as broad as the concept: "une scie" is met by a jigsaw. A request that also names a
/// narrower concept (maths, under tutoring) is met only through it: siblings never meet (a
/// maths pupil and an English teacher).
fn makes(asked: &Need, offered: &Need) -> bool {
    asked.focus && offered.focus && asked.asks
}

/// Whether a post names `broad` and none of the narrower concepts under it. A weak broad
/// concept (lessons, tutoring) next to another precise need is how that need is met, not a
/// need of its own: "des leçons de piano" asks for piano, not for any tutor.
fn generalist(entry: &Entry, broad: ConceptId) -> bool {
    let concept = |id: ConceptId| THESAURUS.concepts.get(usize::from(id));
    let weak = concept(broad).is_some_and(|c| c.weight < 1.0);
    !entry.needs.iter().any(|need| {
        let Some(other) = concept(need.concept) else { return false };
        !need.derived
            && (other.broader == Some(broad)
                || (weak && need.focus && need.concept != broad && !other.context && other.weight >= 1.0))
    })
}

/// How well the concepts that make a match meet the request, in (0, 1]: whether they are
/// specific (`specific`, from [`Matcher::specificity`]), whether they include the request's
/// main need (the first it asks for), and how much of each post they cover (a helper who lists
/// ten things fits each one less surely).
fn quality(request: &Entry, offer: &Entry, making: impl Fn(ConceptId) -> bool, specific: &[(ConceptId, f64)]) -> f64 {
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
fn precise_needs(entry: &Entry) -> impl Iterator<Item = ConceptId> + '_ {
    entry.needs.iter().filter(|need| need.precise).map(|need| need.concept)
}

/// The need concepts a post is counted under for specificity.
fn named(entry: &Entry) -> impl Iterator<Item = ConceptId> + '_ {
    entry.needs.iter().map(|need| need.concept)
}

/// What a ride is for, as a set: errands, care, a station or an airport, a daily commute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Purpose(u8);

/// The concepts of rides and the purpose each concept names, looked up once.
struct Purposes {
    ride: Option<ConceptId>,
    /// By [`ConceptId`]: errands, a station or an airport, or care (any concept of health:
    /// "chez le kiné", "au CHU"). A daily commute is read from its phrases ([`Purpose::DAILY`]).
    of: Vec<Purpose>,
}

static PURPOSES: LazyLock<Purposes> = LazyLock::new(|| {
    let ride = THESAURUS.concept_id("ride");
    let of = THESAURUS
        .concepts
        .iter()
        .map(|concept| match concept.id.as_str() {
            "errands" => Purpose(1),
            "station_airport" => Purpose(1 << 1),
            _ if concept.topic == "health" => Purpose(1 << 3),
            _ => Purpose::default(),
        })
        .collect();
    Purposes { ride, of }
});

impl Purpose {
    /// A trip made every day.
    const DAILY: Purpose = Purpose(1 << 2);
    /// A trip made every week.
    const WEEKLY: Purpose = Purpose(1 << 4);
    /// How often a trip is made, rather than what for: a driver who says it still takes
    /// whoever names no purpose.
    const HOW_OFTEN: u8 = Self::DAILY.0 | Self::WEEKLY.0;

    /// How often a post says its trip is made.
    fn how_often(analysis: &Analysis) -> Purpose {
        let daily = if analysis.regular { Self::DAILY.0 } else { 0 };
        let weekly = if analysis.weekly { Self::WEEKLY.0 } else { 0 };
        Purpose(daily | weekly)
    }

    /// The purpose a concept names, if it names one.
    fn of(concept: ConceptId) -> Purpose {
        PURPOSES.of.get(usize::from(concept)).copied().unwrap_or_default()
    }

    /// Whether a ride offered for these purposes may meet a request for those: an offer
    /// that names none takes anyone anywhere; one that names some meets only requests that
    /// name one of them, except that a daily trip may also take whoever names no purpose
    /// ("Covoiturage vers Monaco le matin ?"), and so may a weekly one.
    fn allows(self, asked: Purpose) -> bool {
        self.0 == 0 || self.0 & asked.0 != 0 || (self.0 & !Self::HOW_OFTEN == 0 && asked.0 == 0)
    }
}

/// Whom help is for, as a set: the school stages, children, adults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Audience(u8);

impl Audience {
    const PRIMARY: Audience = Audience(1);
    const MIDDLE: Audience = Audience(1 << 1);
    const HIGH: Audience = Audience(1 << 2);
    const HIGHER: Audience = Audience(1 << 3);
    const CHILDREN: Audience = Audience(1 << 4);
    const ADULTS: Audience = Audience(1 << 5);
    const WOMEN: Audience = Audience(1 << 6);
    const MEN: Audience = Audience(1 << 7);
    const SEXES: u8 = Self::WOMEN.0 | Self::MEN.0;
    const STAGES: u8 = 0b1111;
    /// Those who are children: named so, or by a school stage below higher education.
    const YOUNG: u8 = 0b1_0111;

    /// The audience a context concept names, if it names one.
    fn of(concept: &str) -> Option<Audience> {
        Some(match concept {
            "school_primary" => Self::PRIMARY,
            "school_middle" => Self::MIDDLE,
            "school_high" | "school_final_year" => Self::HIGH,
            "school_higher" => Self::HIGHER,
            "children" | "babies" => Self::CHILDREN,
            "adults" => Self::ADULTS,
            "women" => Self::WOMEN,
            "men" => Self::MEN,
            _ => return None,
        })
    }

    fn young(self) -> bool {
        self.0 & Self::YOUNG != 0
    }

    fn adults(self) -> bool {
        self.0 & Self::ADULTS.0 != 0
    }

    /// Named adults and no one young.
    fn adults_only(self) -> bool {
        self.adults() && !self.young()
    }

    /// Whether help for this audience may meet a need of that one: homework help for CP–CM2
    /// is no help in 5e, a class for adults takes no child, a shelter for women takes no man.
    /// Either saying nothing agrees.
    fn agrees(self, need: Audience) -> bool {
        for set in [Self::STAGES, Self::SEXES] {
            let (offered, asked) = (self.0 & set, need.0 & set);
            if offered != 0 && asked != 0 && offered & asked == 0 {
                return false;
            }
        }
        !(self.adults_only() && need.young() && !need.adults() || need.adults_only() && self.young() && !self.adults())
    }
}

impl std::ops::BitOr for Audience {
    type Output = Audience;
    fn bitor(self, other: Audience) -> Audience {
        Audience(self.0 | other.0)
    }
}

/// The kind of post a query of this kind is matched against.
fn searched_kind(kind: PostKind) -> PostKind {
    match kind {
        PostKind::Request => PostKind::Offer,
        PostKind::Offer => PostKind::Request,
    }
}

/// (request, offer) from the query and another post.
fn oriented<'a>(kind: PostKind, query: &'a Entry, other: &'a Entry) -> (&'a Entry, &'a Entry) {
    match kind {
        PostKind::Request => (query, other),
        PostKind::Offer => (other, query),
    }
}

/// The features a post is found by.
fn features(entry: &Entry) -> impl Iterator<Item = Feature> + '_ {
    let bare = entry.needs.is_empty();
    matching_needs(entry)
        .chain(entry.words.iter().map(|word| Feature::Word(*word)))
        .chain(entry.words.iter().filter(move |_| bare).map(|word| Feature::BareWord(*word)))
}

/// The features a query looks up: its needs that can make a match, and its words, which
/// alone reach only posts naming no need unless the query names none itself (see
/// [`Matcher::score`]: a match needs a shared need, or a word when one side names none).
fn searched(query: &Entry) -> impl Iterator<Item = Feature> + '_ {
    let bare = query.needs.is_empty();
    matching_needs(query)
        .chain(query.words.iter().map(move |word| if bare { Feature::Word(*word) } else { Feature::BareWord(*word) }))
}

/// The needs of a post that can make a match (see [`shared_needs`]): in focus, and for a
/// request, named directly and as broad as it asks.
fn matching_needs(entry: &Entry) -> impl Iterator<Item = Feature> + '_ {
    entry
        .needs
        .iter()
        .filter(|need| need.focus && (entry.kind == PostKind::Offer || need.asks))
        .map(|need| Feature::Concept(need.concept))
}

/// Whether a post in `area` is in reach of the query: a request reaches online offers and
/// offers of its own area; an online offer reaches every request; a local offer, its area.
fn reaches(query: &Entry, area: Area) -> bool {
    match query.kind {
        PostKind::Request => area == Area::Online || (matches!(query.area, Area::Local(_)) && area == query.area),
        PostKind::Offer => match query.area {
            Area::Online => true,
            Area::Local(_) => area == query.area,
            Area::Unknown => false,
        },
    }
}
