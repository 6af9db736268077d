//! The matcher's index: analysed posts in an inverted index from need concepts and unknown
//! words to posts, partitioned by area (and online), so that one request is scored only
//! against the offers that share something with it and may be in reach. Adding or removing a
//! post touches only its own postings.

use std::collections::{HashMap, HashSet};

use super::entry::{Area, Audience, Entry, Need, generalist, names_need, purpose, rare};
use super::fit::{Mismatch, fit, makes, offered};
use super::thesaurus::{self, ConceptId, THESAURUS};
use super::{Analysis, CONVERSATION, PROOFREADING, Scored, TRANSLATION, analyze_post, places};
use crate::model::{Place, Post, PostId, PostKind, Reason};

/// Matches scoring below this share of the best one for the same post are dropped.
const RELATIVE_FLOOR: f64 = 0.7;

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
        self.insert_analyzed(post, &analyze_post(post.kind, &post.text, &post.place));
    }

    /// Adds (or replaces) a post already read.
    fn insert_analyzed(&mut self, post: &Post, analysis: &Analysis) {
        self.remove(post.id);
        if let Place::Local(place) = &post.place {
            let next = self.areas.len() as u32;
            self.areas.entry(places::area(place)).or_insert(next);
        }
        // (A request's words are known, so that an offer added later may turn them down.)
        let said = if post.kind == PostKind::Request { super::entry::said_words(analysis) } else { Vec::new() };
        for word in analysis.words.iter().chain(&analysis.denied_words).chain(&said) {
            if !self.words.contains_key(word) {
                self.words.insert(word.clone(), self.word_names.len() as u32);
                self.word_names.push(word.clone().into_boxed_str());
            }
        }
        let entry = self.compact(post, analysis);
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
    /// text does not change). Returns the analysis it made, for the store to keep.
    pub fn insert_new(&mut self, post: &Post) -> Option<Analysis> {
        if self.entries.contains_key(&post.id) {
            return None;
        }
        let analysis = analyze_post(post.kind, &post.text, &post.place);
        self.insert_analyzed(post, &analysis);
        Some(analysis)
    }

    /// Whether it holds a post.
    pub fn contains(&self, id: PostId) -> bool {
        self.entries.contains_key(&id)
    }

    /// Makes the index hold exactly `posts` (the open posts of one kind, as the store has
    /// them): posts no longer there are removed, new ones added with the analysis `known`
    /// gives (one kept from an earlier start), or else read. Each analysis it makes goes to
    /// `made` (for the store to keep) as soon as it is indexed: a national board's 100,000
    /// analyses are never all in memory at once (`made` may keep them smaller).
    pub fn sync(
        &mut self,
        posts: &[Post],
        known: impl Fn(&Post) -> Option<Analysis>,
        mut made: impl FnMut(PostId, Analysis),
    ) {
        let wanted: HashSet<PostId> = posts.iter().map(|post| post.id).collect();
        let gone: Vec<PostId> = self.entries.keys().copied().filter(|id| !wanted.contains(id)).collect();
        for id in gone {
            self.remove(id);
        }
        let new: Vec<&Post> = posts.iter().filter(|post| !self.entries.contains_key(&post.id)).collect();
        let mut unknown = Vec::new();
        for post in new {
            match known(post) {
                Some(analysis) => self.insert_analyzed(post, &analysis),
                None => unknown.push(post),
            }
        }
        read_all(&unknown, |post, analysis| {
            self.insert_analyzed(post, &analysis);
            made(post.id, analysis);
        });
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
        let query = self.compact(post, &analyze_post(post.kind, &post.text, &post.place));
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
        let query = self.compact(post, &analyze_post(post.kind, &post.text, &post.place));
        let candidates = self
            .entries
            .iter()
            .filter(|(_, entry)| entry.kind != post.kind && reaches(&query, entry.area))
            .map(|(id, _)| *id)
            .collect();
        self.ranked(post, &query, candidates, limit)
    }

    /// Why the post `other` does not fit `post`, for a post [`Matcher::best_for`] did not
    /// return: [`Mismatch::Ranked`] when it fits but others were kept before it.
    pub fn mismatch(&self, post: &Post, other: PostId) -> Mismatch {
        let query = self.compact(post, &analyze_post(post.kind, &post.text, &post.place));
        let Some(entry) =
            self.entries.get(&other).filter(|entry| entry.author != query.author && reaches(&query, entry.area))
        else {
            return Mismatch::Reach;
        };
        let (request, offer) = oriented(post.kind, &query, entry);
        let specific: Vec<(ConceptId, f64)> = query
            .needs
            .iter()
            .map(|need| (need.concept, self.specificity(searched_kind(post.kind), need.concept)))
            .collect();
        fit(request, offer, &specific).err().unwrap_or(Mismatch::Ranked)
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
                Some((fit(request, offer, &specific).ok()?, id))
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
        // Read only when a request names a school stage ("j'ai fait anglais au collège").
        let tokens = std::cell::OnceCell::new();
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
                    // "J'ai fait anglais au collège mais j'ai tout oublié" is no pupil's request.
                    if post.kind == PostKind::Request
                        && bit.0 & Audience::STAGES != 0
                        && super::text::schooled_before(
                            tokens.get_or_init(|| super::text::tokens(&post.text)),
                            hit.span.0,
                        )
                    {
                        return None;
                    }
                    // A child named in a request is the beneficiary only when the help is said
                    // to be for them ("mon fils", "pour les enfants"), not "le carnet de ses enfants".
                    let beneficiary = bit != Audience::CHILDREN
                        || post.kind == PostKind::Offer
                        || super::text::for_whom(&post.text, hit.span.0);
                    // "Étudiant en L2, je donne un coup de main aux lycéens": the helper is the
                    // student, not whom the help is for ("aux étudiants", "si un étudiant a
                    // besoin" would say so).
                    let author = post.kind == PostKind::Offer
                        && super::text::fold(&hit.surface).starts_with("etudiant")
                        && !super::text::for_whom(&post.text, hit.span.0)
                        && !matches!(
                            super::text::words_before(&super::text::tokens(&post.text), hit.span.0).last(),
                            Some(&("aux" | "les" | "des" | "pour" | "d" | "un" | "une" | "tout"))
                        );
                    (beneficiary && !author).then_some(bit)
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

/// The need concepts a post is counted under for specificity.
fn named(entry: &Entry) -> impl Iterator<Item = ConceptId> + '_ {
    entry.needs.iter().map(|need| need.concept)
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

/// Reads posts on every core the machine has, and hands each analysis to `take` on this
/// thread as it comes: a national board (100,000 open offers) is read whole at the first start
/// of a build (later starts read back the analyses kept, see [`super::stored`]), and reading
/// is the cost of it. Indexing what was read overlaps the reading instead of waiting for it.
fn read_all<'a>(posts: &[&'a Post], mut take: impl FnMut(&'a Post, Analysis)) {
    /// Posts a reader takes at a time: small enough to keep the cores evenly busy.
    const TAKEN: usize = 256;
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if posts.len() < 2 * TAKEN || cores == 1 {
        thesaurus::remembering_keys(|| {
            for post in posts {
                take(post, analyze_post(post.kind, &post.text, &post.place));
            }
        });
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        // A few batches in flight at most: what was read waits little before it is indexed.
        // Made inside the scope: should `take` panic, the receiver goes with it, the readers'
        // sends fail, they stop, and the scope ends instead of waiting for them forever.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(&'a Post, Analysis)>>(2 * cores);
        let readers: Vec<_> = (0..cores)
            .map(|_| {
                let (sender, next) = (sender.clone(), &next);
                scope.spawn(move || {
                    thesaurus::remembering_keys(|| {
                        loop {
                            let from = next.fetch_add(TAKEN, std::sync::atomic::Ordering::Relaxed);
                            let Some(part) = posts.get(from..posts.len().min(from + TAKEN)) else { break };
                            if part.is_empty() {
                                break;
                            }
                            let read = part
                                .iter()
                                .map(|post| (*post, analyze_post(post.kind, &post.text, &post.place)))
                                .collect();
                            // Fails only once the receiver is gone (`take` panicked).
                            if sender.send(read).is_err() {
                                break;
                            }
                        }
                    })
                })
            })
            .collect();
        drop(sender);
        for (post, analysis) in receiver.iter().flatten() {
            take(post, analysis);
        }
        // A reader that panicked would have panicked here alone: the same panic, passed on.
        for reader in readers {
            reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
}
