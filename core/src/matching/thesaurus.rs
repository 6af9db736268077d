//! The concept thesaurus (`core/data/thesaurus.toml`), compiled once into lookup tables: stop
//! words, words that name a kind of help, and the terms of each concept, matched as phrases
//! (longest first) on token keys, with typos forgiven on words the thesaurus knows.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt, HashSet};
use serde::{Deserialize, Serialize};

use super::text::{self, Token};
use crate::model::{Category, Lang};

mod correction;
mod focus;
mod phrases;

pub use correction::remembering_keys;
pub use focus::Focus;
use phrases::Phrases;

const SOURCE: &str = include_str!("../../data/thesaurus.toml");

/// The compiled thesaurus, built on first use.
pub static THESAURUS: LazyLock<Thesaurus> = LazyLock::new(|| {
    Thesaurus::parse(SOURCE).unwrap_or_else(|error| {
        // The file is compiled in and checked by the tests: this cannot happen in a released build.
        tracing::error!(%error, "the thesaurus does not parse; matching falls back to words only");
        Thesaurus::default()
    })
});

/// Index of a concept in [`Thesaurus::concepts`].
pub type ConceptId = u16;

/// A concept of mutual aid.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// Stable identifier (`saw`, `childcare`).
    pub id: String,
    /// Group for statistics (`tools`, `childcare`).
    pub topic: String,
    /// Refines a match but never makes one alone.
    pub context: bool,
    /// A language: the need in "cours d'arabe", only which language in a translation.
    pub language: bool,
    /// How much sharing it counts; broad concepts count half and need a second clue.
    pub weight: f64,
    /// The broader concept it belongs to (taxes are paperwork), if any.
    pub broader: Option<ConceptId>,
    /// Whether narrower concepts belong to it: paperwork names the kind of need, taxes
    /// the need.
    pub broad: bool,
    /// Variants of one thing that exclude each other (a Mac, a Windows PC): two posts that
    /// both name variants of a group must share one.
    pub group: Option<String>,
    /// A request that names it is met only by an offer that names it too (a sworn
    /// translation: no volunteer translator will do).
    pub required: bool,
}

/// A concept found in a text, with the words that named it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The concept.
    pub concept: ConceptId,
    /// The words as the member wrote them.
    pub surface: String,
    /// Found through a narrower concept (a sofa is furniture), not named directly. Two
    /// derived hits do not make a match: a sofa does not fit a wardrobe.
    pub derived: bool,
    /// Named where the post says what it asks or offers ([`Thesaurus::focus_marks`]), not in
    /// passing ("je travaille en intérim" in a plea for a bed).
    pub focus: bool,
    /// Byte range of those words in the text.
    pub span: (usize, usize),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    online: Vec<String>,
    channels: Vec<String>,
    forms: Vec<String>,
    in_person: Vec<String>,
    regular: Vec<String>,
    weekly: Vec<String>,
    occasional: Vec<String>,
    not_asking: Vec<String>,
    buying: Vec<String>,
    asking: Vec<String>,
    offering: Vec<String>,
    offering_means: Vec<String>,
    giving: Vec<String>,
    offering_outright: Vec<String>,
    minding: Vec<String>,
    services: Vec<String>,
    learning: Vec<String>,
    doing: Vec<String>,
    language_names: Vec<String>,
    language_uses: Vec<String>,
    lending_only: Vec<String>,
    stop_words: Vec<String>,
    help_kinds: BTreeMap<String, Vec<String>>,
    exact: Vec<String>,
    #[serde(default)]
    false_friends: FalseFriendsData,
    concept: Vec<ConceptData>,
}

/// Words the thesaurus knows in one language only ([`Thesaurus::false_friend`]).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FalseFriendsData {
    french: Vec<String>,
    english: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptData {
    id: String,
    topic: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default)]
    broader: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    required: bool,
    terms: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
}

/// One term: a phrase of one or more words, each with its lookup keys.
#[derive(Debug, Default)]
struct Term {
    words: Vec<Vec<String>>,
    concepts: Vec<ConceptId>,
}

/// The compiled thesaurus.
#[derive(Debug, Default)]
pub struct Thesaurus {
    /// Every concept, by [`ConceptId`].
    pub concepts: Vec<Concept>,
    /// Phrases of help at a distance, as folded words (stop words kept).
    online: Phrases,
    /// Means of contact ("téléphone", "mail", "visio"), folded and singular: listed with a
    /// phrase of help at a distance, they say how the help is given too.
    channels: HashSet<String>,
    /// Words for a form or a procedure ("déclaration", "démarches"), folded and singular.
    forms: HashSet<String>,
    /// Phrases that ask for help on the spot ("en présentiel", "in person").
    in_person: Phrases,
    /// Phrases of concepts whose small words matter ("parler à quelqu'un"), read word for word
    /// with stop words kept, and the concept of each.
    concept_phrases: Phrases,
    concept_of_phrase: Vec<ConceptId>,
    /// Phrases of a trip made every day ("tous les matins", "quotidien").
    regular: Phrases,
    /// Phrases of a trip made every week ("toutes les semaines", "tous les vendredis").
    weekly: Phrases,
    /// Phrases of help given now and then, not every week ("ponctuellement", "pas de garde
    /// régulière").
    occasional: Phrases,
    /// Phrases of a post that asks no neighbour's help: a job with a wage ("rémunération
    /// CESU"), an event announced ("entrée libre").
    not_asking: Phrases,
    /// Words of buying and selling ("qqn vend ?", "d'occasion").
    buying: Phrases,
    /// Phrases that introduce what a post asks, as folded words.
    asking: Phrases,
    /// Phrases that introduce what a post offers, as folded words.
    offering: Phrases,
    /// Phrases by which an offer says what it has to help with ("j'ai une remorque"): cues
    /// in an offer only (in a request, "j'ai une voiture mais pas de remorque" is the story).
    offering_means: Phrases,
    /// Phrases that give or lend outright ("je donne"): with no cue of asking, a request
    /// that says one is an offer.
    giving: Phrases,
    /// Phrases that offer whatever else a post says ("pensez à moi !").
    offering_outright: Phrases,
    /// Verbs of minding someone ("garder", "look after"), childcare when a child is named.
    minding: Phrases,
    /// Phrases that name a service whatever their verb ("donner un coup de main").
    services: Phrases,
    /// Phrases that say a post is about learning a skill ("cours de", "m'apprendre").
    learning: Phrases,
    /// Phrases that say a post is about having the work done ("je répare", "sur mesure").
    doing: Phrases,
    /// Words that only name a language ("anglais", "French"), folded.
    language_names: HashSet<String>,
    /// Verbs that make a language named beside them the need ("qqn qui lit l'allemand").
    language_uses: Phrases,
    /// Phrases of an offer that lends and does not do the work ("c'est juste du prêt").
    lending_only: Phrases,
    stop: HashSet<String>,
    exact: HashSet<String>,
    /// Terms that are words of French only, and of English only, folded.
    french_only: HashSet<String>,
    english_only: HashSet<String>,
    help_kinds: HashMap<String, Category>,
    terms: Vec<Term>,
    by_first_key: HashMap<String, Vec<usize>>,
    /// Every key of every term word: a token with none of these may be a typo.
    known_keys: HashSet<String>,
    /// Folded singular term words → their keys, for typo correction.
    vocabulary: HashMap<String, Vec<String>>,
    /// Single-deletion variants of long vocabulary words → the words.
    deletions: HashMap<String, Vec<String>>,
}

impl Thesaurus {
    /// Compiles the TOML source.
    pub fn parse(source: &str) -> Result<Self, String> {
        let data: Data = toml::from_str(source).map_err(|error| error.to_string())?;
        let mut thesaurus = Thesaurus {
            // Single words only: "coup de main" must not make "main" or "de" stop words twice over.
            stop: data
                .stop_words
                .iter()
                .filter_map(|w| match text::tokens(w).as_slice() {
                    [token] => Some(text::singular(&token.folded).to_owned()),
                    _ => None,
                })
                .collect(),
            language_names: data.language_names.iter().map(|w| text::fold(w)).collect(),
            exact: data.exact.iter().map(|w| text::singular(&text::fold(w)).to_owned()).collect(),
            french_only: data.false_friends.french.iter().map(|w| text::fold(w)).collect(),
            english_only: data.false_friends.english.iter().map(|w| text::fold(w)).collect(),
            ..Thesaurus::default()
        };
        thesaurus.online = Phrases::new(&data.online);
        thesaurus.in_person = Phrases::new(&data.in_person);
        thesaurus.channels = data.channels.iter().map(|w| text::singular(&text::fold(w)).to_owned()).collect();
        thesaurus.forms = data.forms.iter().map(|w| text::singular(&text::fold(w)).to_owned()).collect();
        thesaurus.regular = Phrases::new(&data.regular);
        thesaurus.weekly = Phrases::new(&data.weekly);
        thesaurus.occasional = Phrases::new(&data.occasional);
        thesaurus.not_asking = Phrases::new(&data.not_asking);
        thesaurus.buying = Phrases::new(&data.buying);
        thesaurus.asking = Phrases::new(&data.asking);
        thesaurus.offering = Phrases::new(&data.offering);
        thesaurus.offering_means = Phrases::new(&data.offering_means);
        thesaurus.giving = Phrases::new(&data.giving);
        thesaurus.offering_outright = Phrases::new(&data.offering_outright);
        thesaurus.minding = Phrases::new(&data.minding);
        thesaurus.services = Phrases::new(&data.services);
        thesaurus.learning = Phrases::new(&data.learning);
        thesaurus.doing = Phrases::new(&data.doing);
        thesaurus.language_uses = Phrases::new(&data.language_uses);
        thesaurus.lending_only = Phrases::new(&data.lending_only);
        // A word the thesaurus reads in its phrases is no typo: "selling" is not "spelling".
        let phrase_lists = [
            &data.online,
            &data.in_person,
            &data.regular,
            &data.weekly,
            &data.occasional,
            &data.not_asking,
            &data.buying,
            &data.asking,
            &data.offering,
            &data.offering_means,
            &data.giving,
            &data.offering_outright,
            &data.minding,
            &data.services,
            &data.learning,
            &data.doing,
            &data.language_uses,
            &data.lending_only,
        ];
        for phrase in phrase_lists.into_iter().flatten() {
            for token in text::tokens(phrase) {
                let keys = thesaurus.keys(&token);
                thesaurus.known_keys.extend(keys);
            }
        }
        for (kind, words) in &data.help_kinds {
            let category = Category::parse(kind).ok_or_else(|| format!("unknown help kind {kind}"))?;
            for word in words {
                let tokens = text::tokens(word);
                if let [token] = tokens.as_slice() {
                    for key in thesaurus.keys(token) {
                        thesaurus.help_kinds.entry(key).or_insert(category);
                    }
                }
            }
        }
        let mut term_index: HashMap<Vec<Vec<String>>, usize> = HashMap::new();
        for (index, concept) in data.concept.iter().enumerate() {
            let id = ConceptId::try_from(index).map_err(|_| "too many concepts".to_owned())?;
            let (context, language) = match concept.kind.as_deref() {
                None | Some("need") => (false, false),
                Some("context") => (true, false),
                Some("language") => (false, true),
                Some(other) => return Err(format!("concept {}: unknown kind {other}", concept.id)),
            };
            thesaurus.concepts.push(Concept {
                id: concept.id.clone(),
                topic: concept.topic.clone(),
                context,
                language,
                weight: concept.weight.unwrap_or(1.0),
                broader: None,
                broad: false,
                group: concept.group.clone(),
                required: concept.required,
            });
            for phrase in &concept.phrases {
                thesaurus.concept_of_phrase.push(id);
                thesaurus.concept_phrases.push(phrase);
            }
            for term in &concept.terms {
                let content: Vec<Token> = text::tokens(term).into_iter().filter(|t| !thesaurus.is_stop(t)).collect();
                if content.is_empty() {
                    continue;
                }
                let words: Vec<Vec<String>> = content.iter().map(|t| thesaurus.keys(t)).collect();
                for (token, keys) in content.iter().zip(&words) {
                    thesaurus.known_keys.extend(keys.iter().cloned());
                    thesaurus.vocabulary.insert(text::singular(&token.folded).to_owned(), keys.clone());
                }
                let slot = *term_index.entry(words.clone()).or_insert_with(|| {
                    thesaurus.terms.push(Term { words, concepts: Vec::new() });
                    thesaurus.terms.len() - 1
                });
                if !thesaurus.terms[slot].concepts.contains(&id) {
                    thesaurus.terms[slot].concepts.push(id);
                }
            }
        }
        for (index, concept) in data.concept.iter().enumerate() {
            if let Some(broader) = &concept.broader {
                let found = thesaurus.concepts.iter().position(|c| &c.id == broader);
                let found =
                    found.ok_or_else(|| format!("concept {}: unknown broader concept {broader}", concept.id))?;
                thesaurus.concepts[index].broader = ConceptId::try_from(found).ok();
                thesaurus.concepts[found].broad = true;
            }
        }
        for (index, term) in thesaurus.terms.iter().enumerate() {
            for key in &term.words[0] {
                thesaurus.by_first_key.entry(key.clone()).or_default().push(index);
            }
        }
        // Ambiguous (exact) words are never typo targets: "donne" is no typo of "donnée".
        for word in thesaurus.vocabulary.keys().filter(|word| !thesaurus.exact.contains(*word)) {
            if text::typo_budget(word) > 0 {
                for variant in deletions(word) {
                    thesaurus.deletions.entry(variant).or_default().push(word.clone());
                }
            }
        }
        Ok(thesaurus)
    }

    /// Marks the tokens that say help is given at a distance (see [`Self::distance_spans`]).
    pub fn online_marks(&self, text: &str, tokens: &[Token], offer: bool) -> Vec<bool> {
        let mut marks = vec![false; tokens.len()];
        for (start, length, _) in self.distance_spans(text, tokens, offer) {
            marks[start..start + length].iter_mut().for_each(|mark| *mark = true);
        }
        marks
    }

    /// Whether an offer says its help is given at a distance: a span of
    /// [`Self::distance_spans`] that is not denied and does not describe a procedure named
    /// before it in its clause ("je vous aide en visio" is online, "la déclaration d'impôts en ligne" is not).
    pub fn says_online(&self, text: &str, tokens: &[Token]) -> bool {
        // "En personne uniquement, la visio très peu pour moi" turns distance down.
        let in_person_only = self.in_person.occurrences(tokens).into_iter().any(|(start, length)| {
            text::said_only(text, tokens, (tokens[start].span.0, tokens[start + length - 1].span.1))
        });
        if in_person_only {
            return false;
        }
        self.distance_spans(text, tokens, true).into_iter().any(|(start, length, phrase)| {
            // "Je ne fais pas de visio", "pas en visio" say the opposite; "pas de longue
            // distance" is a trip, not help at a distance ("à" is no word: "distance" is read).
            let before = start.checked_sub(1).map(|at| tokens[at].folded.as_str());
            let manner = before.is_some_and(|word| ["en", "par", "au", "by", "over"].contains(&word));
            // "Les aider à faire des visios avec les petits-enfants", "faire une visio avec la
            // famille": calls they learn to make ("je passe chez vous ou on fait une visio"
            // still helps at a distance).
            let made = start >= 2
                && ["une", "un"].contains(&tokens[start - 1].folded.as_str())
                && ["faire", "passer"].contains(&tokens[start - 2].folded.as_str())
                && tokens.get(start + 1).is_some_and(|next| next.folded == "avec");
            let activity = length == 1
                && (tokens[start].folded.ends_with('s') && tokens[start].folded != "remotely"
                    || made
                    || before.is_some_and(|word| ["des", "les", "ses", "leurs", "their"].contains(&word)));
            // "Câlins et nouvelles par SMS": how news is sent, not how help is given ("je prends
            // des nouvelles par téléphone" is a call to someone alone).
            let taken = start >= 3 && tokens[start - 3].folded.starts_with("pren");
            let news = before.is_some_and(|word| ["nouvelles", "news", "photos", "updates"].contains(&word)) && !taken;
            // "I'm not a fan of video calls" turns them down too.
            if activity
                || news
                || text::negated(tokens, tokens[start].span.0)
                || text::denied_in_clause(text, tokens, tokens[start].span.0)
                || (manner && text::negated(tokens, tokens[start - 1].span.0))
                || (tokens[start].folded == "distance"
                    && before.is_some_and(|word| ["longue", "long", "grande", "courte"].contains(&word)))
            {
                return false;
            }
            // Only "en ligne" and "online" name how a procedure is done; "par téléphone" is
            // always help at a distance.
            let may_describe =
                phrase && tokens[start..start + length].iter().any(|t| t.folded == "ligne" || t.folded == "online");
            if !may_describe {
                return true;
            }
            let at = tokens[start].span.0;
            // ("la déclaration de revenus (en ligne ou papier)" still describes the declaration.)
            let clause = text[..at].rfind([',', ';', ':', '.', '!', '?', '\n']).map_or(0, |end| end + 1);
            !tokens
                .iter()
                .take(start)
                .any(|token| token.span.0 >= clause && self.forms.contains(text::singular(&token.folded)))
        })
    }

    /// Where a text says help is given at a distance, as (start, length, whether an `online`
    /// phrase): those phrases, and the means of contact listed with one ("par mail ou
    /// téléphone"). In an offer, means of contact offered as alternatives say it too ("phone
    /// or video"); a list of them names what the help is about ("appels vidéo, WhatsApp,
    /// photos"), and in a request they may be the need itself ("configurer WhatsApp").
    fn distance_spans(&self, text: &str, tokens: &[Token], offer: bool) -> Vec<(usize, usize, bool)> {
        let mut items: Vec<(usize, usize, bool)> =
            self.online.occurrences(tokens).into_iter().map(|(start, length)| (start, length, true)).collect();
        let in_phrase = self.online.marks(tokens);
        for (at, token) in tokens.iter().enumerate() {
            if !in_phrase[at] && self.channels.contains(text::singular(&token.folded)) {
                items.push((at, 1, false));
            }
        }
        items.sort_unstable();
        let mut spans = Vec::new();
        let mut run: Vec<(usize, usize, bool)> = Vec::new();
        let mut listed = false;
        let mut flush = |run: &mut Vec<(usize, usize, bool)>, listed: bool| {
            if run.iter().any(|item| item.2) || (offer && run.len() >= 2 && !listed) {
                spans.extend(run.iter().copied());
            }
            run.clear();
        };
        for item in items {
            if let Some(&(start, length, _)) = run.last() {
                match link(text, tokens, start + length, item.0) {
                    Some(Link::Alternative) => {}
                    Some(Link::List) => listed = true,
                    None => {
                        flush(&mut run, listed);
                        listed = false;
                    }
                }
            }
            run.push(item);
        }
        flush(&mut run, listed);
        spans
    }

    /// The concepts named by phrases whose small words matter ("besoin de parler", "parler à
    /// quelqu'un"), with where they stand in the text (`tokens` with stop words kept).
    pub fn phrase_hits(&self, text: &str, tokens: &[Token], focus: &[bool]) -> Vec<Hit> {
        self.concept_phrases
            .occurrences_with_phrase(tokens)
            .into_iter()
            .filter_map(|(start, length, phrase)| {
                let span = (tokens[start].span.0, tokens[start + length - 1].span.1);
                // Word for word means in one stretch: "il n'ose pas parler 😅 qqn pourrait…"
                // is not "parler à qqn" (whose "à" the tokenizer drops).
                if !text::one_stretch(text.get(span.0..span.1)?) {
                    return None;
                }
                Some(Hit {
                    concept: *self.concept_of_phrase.get(phrase)?,
                    surface: text.get(span.0..span.1)?.to_owned(),
                    derived: false,
                    focus: focus.get(start).copied().unwrap_or(true),
                    span,
                })
            })
            .collect()
    }

    /// Whether a text asks for help on the spot: it says so ("en présentiel", "in person"),
    /// or denies help at a distance ("pas en visio", "not online").
    pub fn asks_in_person(&self, text: &str, tokens: &[Token]) -> bool {
        self.comes_in_person(text, tokens)
            || self.online.occurrences(tokens).into_iter().any(|(start, _)| text::negated(tokens, tokens[start].span.0))
    }

    /// Whether a text says help comes on the spot ("en présentiel", "je rends visite"): an
    /// offer that says so comes too, whatever it also does at a distance.
    pub fn comes_in_person(&self, text: &str, tokens: &[Token]) -> bool {
        // "Doesn't have to be face to face", "pas forcément en présentiel" ask nothing of the
        // kind; nor does "il ne sort plus de chez lui", which says where someone is, nor "je
        // ne peux pas lui rendre visite" (in its clause), nor "qqn pourrait venir en aide"
        // ("venir à bout").
        let waived = |start: usize, length: usize| {
            let before = text::words_before(tokens, tokens[start].span.0);
            let clause = text::clause_before(text, tokens, tokens[start].span.0);
            let after = |offset: usize| tokens.get(start + length + offset).map(|token| token.folded.as_str());
            let only_helps = tokens[start].folded.starts_with("pourr")
                && (after(0) == Some("bout") || after(0) == Some("en") && after(1) == Some("aide"));
            matches!(before.last(), Some(&("de" | "from")))
                || only_helps
                || clause.iter().rev().take(4).any(|word| {
                    matches!(
                        *word,
                        "pas"
                            | "ni"
                            | "not"
                            | "never"
                            | "jamais"
                            | "forcement"
                            | "necessarily"
                            | "doesn"
                            | "don"
                            | "needn"
                            | "ne"
                            | "cannot"
                    )
                })
        };
        self.in_person.occurrences(tokens).into_iter().any(|(start, length)| !waived(start, length))
    }

    /// Whether a text says its trip is made every day ("tous les matins", "daily").
    pub fn says_regular(&self, tokens: &[Token]) -> bool {
        // "Pas de trajets réguliers / quotidiens", "not for regular commutes" say the opposite.
        self.regular
            .occurrences(tokens)
            .into_iter()
            .any(|(start, _)| !text::denied_nearby(tokens, tokens[start].span.0))
    }

    /// Whether a text says its trip is made every week ("toutes les semaines").
    pub fn says_weekly(&self, tokens: &[Token]) -> bool {
        !self.weekly.occurrences(tokens).is_empty()
    }

    /// Whether an offer says it helps now and then only ("je dépanne ponctuellement", "je ne
    /// prends pas de garde régulière").
    pub fn says_occasional(&self, tokens: &[Token]) -> bool {
        !self.occasional.occurrences(tokens).is_empty()
    }

    /// Whether a request asks no neighbour's help: it hires someone for a wage ("rémunération
    /// CESU", "paid position"), or announces an event ("Repair café samedi, entrée libre").
    pub fn asks_no_help(&self, tokens: &[Token]) -> bool {
        !self.not_asking.occurrences(tokens).is_empty()
    }

    /// Where verbs of minding someone stand ("garder", "look after"), as token spans.
    pub fn minding(&self, tokens: &[Token]) -> Vec<(usize, usize)> {
        self.minding.occurrences(tokens)
    }

    /// Whether words of buying or selling stand in the focus ("qqn vend ?").
    pub fn names_buying(&self, tokens: &[Token], focus: &[bool]) -> bool {
        // "Je ne vends pas de bois, c'est juste de l'aide" sells nothing.
        self.buying
            .occurrences(tokens)
            .into_iter()
            .any(|(start, _)| focus.get(start).copied().unwrap_or(true) && !text::negated(tokens, tokens[start].span.0))
    }

    /// Whether a service phrase ("un coup de main", "des cours") stands in the focus.
    pub fn names_a_service(&self, tokens: &[Token], focus: &[bool]) -> bool {
        self.services.in_focus(tokens, focus)
    }

    /// Whether a phrase of learning ("des cours", "m'apprendre") stands in the focus.
    pub fn names_learning(&self, tokens: &[Token], focus: &[bool]) -> bool {
        self.learning.in_focus(tokens, focus)
    }

    /// Marks the tokens of phrases of learning.
    pub fn learning_marks(&self, tokens: &[Token]) -> Vec<bool> {
        self.learning.marks(tokens)
    }

    /// Whether a hit's words only name or speak a language ("French", "speaks a bit of
    /// English"; not "cours de français" nor "orthographe").
    pub fn only_names_a_language(&self, hit: &Hit) -> bool {
        self.concepts.get(usize::from(hit.concept)).is_some_and(|c| c.language)
            && text::tokens(&hit.surface)
                .iter()
                .filter(|token| !self.is_stop(token))
                .all(|token| self.language_names.contains(&token.folded))
    }

    /// Where a post says it uses a language beyond speaking it (reads, writes or learns it),
    /// as byte offsets. What a post denies does not count ("I don't write your CV").
    pub fn language_work(&self, tokens: &[Token]) -> Vec<usize> {
        let mut found = self.learning.occurrences(tokens);
        found.extend(self.language_uses.occurrences(tokens));
        found.into_iter().map(|(start, _)| tokens[start].span.0).filter(|at| !text::negated(tokens, *at)).collect()
    }

    /// Whether an offer says it only lends and does not do the work.
    pub fn only_lends(&self, tokens: &[Token]) -> bool {
        !self.lending_only.occurrences(tokens).is_empty()
    }

    /// Whether a phrase of work done for someone ("je répare", "sur mesure") stands in the focus.
    pub fn names_doing(&self, tokens: &[Token], focus: &[bool]) -> bool {
        self.doing.in_focus(tokens, focus)
    }

    /// The lookup keys of a thesaurus word, stemmed in both languages (exact words are not
    /// stemmed).
    pub fn keys(&self, token: &Token) -> Vec<String> {
        self.keys_in(token, &[Lang::Fr, Lang::En])
    }

    /// The lookup keys of a post's word, stemmed in the post's languages.
    fn keys_in(&self, token: &Token, langs: &[Lang]) -> Vec<String> {
        text::keys(token, self.exact.contains(text::singular(&token.folded)), langs)
    }

    /// Whether a term, as a post wrote it, is a word of the other language than the post's:
    /// in English, a "chat" is a talk and "pain" hurts; in French, "car" means because.
    pub fn false_friend(&self, surface: &str, lang: Option<Lang>) -> bool {
        let word = text::fold(surface);
        match lang {
            Some(Lang::En) => self.french_only.contains(&word),
            Some(Lang::Fr) => self.english_only.contains(&word),
            None => false,
        }
    }

    /// Whether `concept` stands under `broad`, up its chain of broader concepts (a tree is
    /// hedges and trees, which is gardening). The thesaurus has no cycle; the bound only keeps
    /// a bad edit from looping.
    pub fn is_under(&self, concept: ConceptId, broad: ConceptId) -> bool {
        let mut id = Some(concept);
        (0..4).any(|_| {
            id = id.and_then(|at| self.concepts.get(usize::from(at))?.broader);
            id == Some(broad)
        })
    }

    /// Whether two concepts are of one kind of help: the same topic, and not under two
    /// different needs of it (care and listening are both health, under two needs of it; a
    /// birthday cake and baking are both food).
    pub fn kin(&self, one: ConceptId, two: ConceptId) -> bool {
        let (Some(first), Some(second)) = (self.concepts.get(usize::from(one)), self.concepts.get(usize::from(two)))
        else {
            return false;
        };
        let cousins = first.broader.is_some() && second.broader.is_some() && first.broader != second.broader;
        let related = first.broader == Some(two) || second.broader == Some(one);
        first.topic == second.topic && (!cousins || related)
    }

    /// The concept named `id`, if the thesaurus has it.
    pub fn concept_id(&self, id: &str) -> Option<ConceptId> {
        self.concepts.iter().position(|c| c.id == id).and_then(|at| ConceptId::try_from(at).ok())
    }

    /// Whether a token carries no need.
    pub fn is_stop(&self, token: &Token) -> bool {
        self.stop.contains(text::singular(&token.folded)) || self.stop.contains(&token.folded)
    }

    /// The kind of help a token names, if any.
    pub fn help_kind(&self, keys: &[String]) -> Option<Category> {
        keys.iter().find_map(|key| self.help_kinds.get(key).copied())
    }

    /// Finds concepts in content tokens (stop words already removed) of `text`, longest
    /// phrase first; among phrases of one length, those matching the words as written beat
    /// those matching only by stem ("fille" is not "fill"). Returns the hits and, for each
    /// token, whether a concept used it.
    pub fn find(&self, text: &str, tokens: &[Token], keys: &[Vec<String>], focus: &[bool]) -> (Vec<Hit>, Vec<bool>) {
        let mut hits = Vec::new();
        let mut used = vec![false; tokens.len()];
        let mut start = 0;
        while start < tokens.len() {
            // (length, words matched as written, concepts)
            let mut best: Option<(usize, usize, Vec<ConceptId>)> = None;
            // In thesaurus order, so that concepts named by one phrase always come out alike.
            let mut candidates: Vec<usize> =
                keys[start].iter().filter_map(|key| self.by_first_key.get(key)).flatten().copied().collect();
            candidates.sort_unstable();
            candidates.dedup();
            for index in candidates {
                let term = &self.terms[index];
                let length = term.words.len();
                if start + length > tokens.len() {
                    continue;
                }
                let have = &keys[start..start + length];
                let fits =
                    term.words.iter().zip(have).all(|(wanted, have)| wanted.iter().any(|key| have.contains(key)));
                // "Big or small, all dogs welcome" names no "small dogs".
                let stretch = text.get(tokens[start].span.0..tokens[start + length - 1].span.1);
                if !fits || !stretch.is_some_and(text::one_stretch) {
                    continue;
                }
                let written =
                    term.words.iter().zip(have).filter(|(wanted, have)| wanted.first() == have.first()).count();
                match &mut best {
                    Some((best_length, best_written, concepts))
                        if (*best_length, *best_written) == (length, written) =>
                    {
                        for concept in &term.concepts {
                            if !concepts.contains(concept) {
                                concepts.push(*concept);
                            }
                        }
                    }
                    Some((best_length, best_written, _)) if (*best_length, *best_written) > (length, written) => {}
                    _ => best = Some((length, written, term.concepts.clone())),
                }
            }
            match best {
                Some((length, _, concepts)) => {
                    let from = tokens[start].span.0;
                    let to = tokens[start + length - 1].span.1;
                    let surface = text.get(from..to).unwrap_or_default().to_lowercase();
                    let focus = focus.get(start..start + length).is_some_and(|marks| marks.contains(&true));
                    for concept in concepts {
                        hits.push(Hit { concept, surface: surface.clone(), derived: false, focus, span: (from, to) });
                    }
                    used[start..start + length].iter_mut().for_each(|u| *u = true);
                    start += length;
                }
                None => start += 1,
            }
        }
        (hits, used)
    }
}

/// How two means of contact are joined.
enum Link {
    /// "ou", "or", a slash: one or the other ("par mail ou téléphone", "phone or video").
    Alternative,
    /// "et", "and", a comma: a list, which may name what help is about.
    List,
}

/// How the words between two means of contact join them, if they do: a joining word or
/// mark, and small words of manner ("par mail ou par téléphone").
fn link(text: &str, tokens: &[Token], from: usize, to: usize) -> Option<Link> {
    // Overlapping phrases ("visio", "en visio") are one.
    if to < from {
        return Some(Link::Alternative);
    }
    const ALTERNATIVES: [&str; 2] = ["ou", "or"];
    const LISTS: [&str; 2] = ["et", "and"];
    const MANNER: [&str; 5] = ["par", "by", "au", "via", "over"];
    let between = &tokens[from..to];
    let is = |list: &[&str], token: &Token| list.contains(&token.folded.as_str());
    if between.len() > 3 || !between.iter().all(|t| is(&ALTERNATIVES, t) || is(&LISTS, t) || is(&MANNER, t)) {
        return None;
    }
    let gap = text.get(tokens[from - 1].span.1..tokens[to].span.0).unwrap_or_default();
    match (between.iter().filter(|t| is(&ALTERNATIVES, t)).count(), between.iter().filter(|t| is(&LISTS, t)).count()) {
        (1, 0) => Some(Link::Alternative),
        (0, 1) => Some(Link::List),
        (0, 0) if gap.contains('/') => Some(Link::Alternative),
        (0, 0) if gap.contains([',', '+']) => Some(Link::List),
        (0, 0) if to == from && gap.trim().is_empty() => Some(Link::Alternative),
        _ => None,
    }
}

/// Every variant of a word with one letter removed.
fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| *c).collect())
        .collect()
}

#[cfg(test)]
mod tests;
