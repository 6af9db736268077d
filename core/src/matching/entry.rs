//! A post as the matcher's index keeps it: its needs, context and the few things rarer posts
//! say, compacted once when the post is indexed; and whom (audience) and what for (purpose) it
//! says the help is.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::thesaurus::{ConceptId, THESAURUS};
use super::{Analysis, FRENCH, Mode, Shape, TRAVEL, ages, places, text};
use crate::model::{MemberId, Place, Post, PostKind};

/// Where a post is in reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Area {
    /// Online: helps anywhere.
    Online,
    /// An area of the gazetteer (interned).
    Local(u32),
    /// No place known: only online help reaches it.
    Unknown,
}

/// A need concept a post names, with its words, whether it was derived from a narrower one,
/// and whether it is named where the post says what it asks or offers.
#[derive(Debug)]
pub(super) struct Need {
    pub(super) concept: ConceptId,
    pub(super) surface: Box<str>,
    pub(super) derived: bool,
    pub(super) focus: bool,
    /// Named directly, in focus, and neither context nor broad: what the post is precisely
    /// about (read once here rather than for every candidate).
    pub(super) precise: bool,
    /// In a request, whether sharing it can make a match: named directly and as broad as the
    /// request asks ([`generalist`]).
    pub(super) asks: bool,
}

/// A post as the index keeps it: compact (boxed slices, not vectors: a hundred thousand of
/// them are held), with the surfaces its reasons quote.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) author: MemberId,
    pub(super) kind: PostKind,
    pub(super) area: Area,
    pub(super) area_name: Option<Box<str>>,
    pub(super) needs: Box<[Need]>,
    pub(super) context: Box<[ConceptId]>,
    /// Whether it names translation.
    pub(super) translation: bool,
    /// Whether it names proofreading.
    pub(super) proofreading: bool,
    /// Whether it names conversation practice.
    pub(super) conversation: bool,
    /// Whom it says the help is for, in its focus: school stages, children, adults.
    pub(super) audience: Audience,
    pub(super) words: Box<[u32]>,
    pub(super) shape: Shape,
    /// Whether it is about learning the skill or having the work done.
    pub(super) mode: Mode,
    /// A request that wants help on the spot, or an offer that comes.
    pub(super) in_person: bool,
    /// What a ride is for, when it says ([`Purpose`]).
    pub(super) purpose: Purpose,
    /// What few posts say, boxed apart: a post that says none of it costs one pointer.
    pub(super) rare: Option<Box<Rare>>,
}

/// What few posts say ([`Entry::rare`]).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Rare {
    /// The languages it names other than French (the community's own), needs or not.
    pub(super) languages: Box<[ConceptId]>,
    /// Needs an offer says it does not meet.
    pub(super) denied: Box<[ConceptId]>,
    /// What a request's author says they have.
    pub(super) possessed: Box<[ConceptId]>,
    /// The variants it names (concepts of a group, such as systems).
    pub(super) variants: Box<[ConceptId]>,
    /// The ages it names.
    pub(super) ages: Option<ages::Ages>,
    /// What it names that only an offer naming it too may meet (a sworn translation).
    pub(super) required: Box<[ConceptId]>,
    /// Words an offer turns down that the thesaurus does not know ("pas pour les gîtes").
    pub(super) denied_words: Box<[u32]>,
    /// The words of the needs a request names in focus, beside its unknown `words` (all known
    /// to the index, for an offer that turns one down): "pas de machine" is not for a "machine
    /// à coudre".
    pub(super) said_words: Box<[u32]>,
    /// What an offer asks whoever takes it to have ("il faut un attelage").
    pub(super) conditions: Box<[ConceptId]>,
    /// What a request's author has none of ("ma voiture n'a pas d'attelage").
    pub(super) lacking: Box<[ConceptId]>,
    /// Where a trip goes, when a post about travel names other cities than its own.
    pub(super) destinations: Box<[Box<str>]>,
    /// An offer that helps now and then only.
    pub(super) occasional: bool,
    /// An offer that teaches nothing, or a request that needs no lessons.
    pub(super) no_lessons: bool,
    /// A request for help every day or every week.
    pub(super) recurring: bool,
}

/// What a post that says none of the rare things says.
static NOTHING_RARE: LazyLock<Rare> = LazyLock::new(Rare::default);

impl Entry {
    /// What few posts say ([`Rare`]); nothing for most.
    pub(super) fn rare(&self) -> &Rare {
        self.rare.as_deref().unwrap_or(&NOTHING_RARE)
    }
}

/// What a post's ride is for: how often it goes, and the purposes its concepts name, except a
/// place it leaves from ("départ gare St-Jean"). The text is read again only for posts that
/// name a purpose.
pub(super) fn purpose(post: &Post, analysis: &Analysis) -> Purpose {
    // "Peu importe la raison (rdv, courses, préfecture), montez !": whatever trips it names,
    // such a ride takes anyone. (Folded already.)
    const ANY_REASON: [&str; 6] = [
        "peu importe la raison",
        "quelle que soit la raison",
        "n'importe quelle raison",
        "peu importe le motif",
        "whatever the reason",
        "for any reason",
    ];
    let named: Vec<(Purpose, usize)> = analysis
        .needs
        .iter()
        .chain(&analysis.context)
        .map(|hit| (Purpose::of(hit.concept), hit.span.0))
        .filter(|(purpose, _)| *purpose != Purpose::default())
        .collect();
    if named.is_empty() {
        return Purpose::how_often(analysis);
    }
    let folded = super::text::fold(&post.text);
    if ANY_REASON.iter().any(|phrase| folded.contains(phrase)) {
        return Purpose::how_often(analysis);
    }
    let tokens = super::text::tokens(&post.text);
    named
        .into_iter()
        .filter(|(_, at)| !super::text::departure(&tokens, *at) && !super::text::workplace(&tokens, *at))
        .fold(Purpose::how_often(analysis), |all, (purpose, _)| Purpose(all.0 | purpose.0))
}

/// What few posts say, read once; `None` when a post says none of it.
pub(super) fn rare(post: &Post, analysis: &Analysis, words: &HashMap<String, u32>) -> Option<Box<Rare>> {
    let named = |keep: &dyn Fn(&super::thesaurus::Concept, &super::thesaurus::Hit) -> bool| -> Box<[ConceptId]> {
        analysis
            .needs
            .iter()
            .chain(&analysis.context)
            .filter(|hit| THESAURUS.concepts.get(usize::from(hit.concept)).is_some_and(|c| keep(c, hit)))
            .map(|hit| hit.concept)
            .collect()
    };
    // When help is wanted counts only where a request asks ("les devoirs, une bataille tous
    // les soirs" tells the story), or where it says when only its author is free ("je suis
    // libre seulement le samedi"); an offer says when it can anywhere ("Saturdays only."); a
    // system or a level describes the thing anywhere.
    let anywhere = post.kind == PostKind::Offer;
    let tokens = std::cell::OnceCell::new();
    let said_only = |hit: &super::thesaurus::Hit| {
        let tokens = tokens.get_or_init(|| text::tokens(&post.text));
        // (Said of its author: "ma fille ne peut venir que le week-end" is no time asked.)
        let before = text::words_before(tokens, hit.span.0);
        let near = &before[before.len().saturating_sub(6)..];
        let free = near.iter().any(|word| text::FREE.contains(word));
        let author = near.iter().any(|word| matches!(*word, "je" | "suis" | "i" | "am"));
        // ("Samedi seulement, je bosse…" asks for Saturday where the time opens its clause; "elle
        // vient seulement le lundi" says it of someone else.)
        let opens_clause = text::clause_before(&post.text, tokens, hit.span.0)
            .iter()
            .all(|word| matches!(*word, "le" | "la" | "les" | "the" | "on" | "uniquement" | "seulement" | "only"));
        (free && author || opens_clause) && text::said_only(&post.text, tokens, hit.span)
    };
    let variant = |concept: &super::thesaurus::Concept, hit: &super::thesaurus::Hit| {
        concept
            .group
            .as_deref()
            .is_some_and(|group| hit.focus || anywhere || !WHEN_GROUPS.contains(&group) || said_only(hit))
    };
    let ages = (!analysis.ages.ranges.is_empty() || !analysis.ages.single.is_empty()).then(|| analysis.ages.clone());
    let rare = Rare {
        languages: named(&|c, _| c.language && c.id != FRENCH),
        denied: analysis.denied.clone().into(),
        possessed: analysis.possessed.clone().into(),
        variants: named(&variant),
        ages,
        // What a request already has ("on vient d'avoir une parcelle") is no condition.
        required: named(&|c, _| c.required)
            .iter()
            .filter(|concept| !analysis.possessed.contains(concept))
            .chain(&analysis.required_languages)
            .copied()
            .collect(),
        denied_words: analysis.denied_words.iter().filter_map(|word| words.get(word).copied()).collect(),
        said_words: if post.kind == PostKind::Request {
            said_words(analysis).iter().filter_map(|word| words.get(word).copied()).collect()
        } else {
            Box::default()
        },
        conditions: analysis.conditions.clone().into(),
        lacking: analysis.lacking.clone().into(),
        destinations: destinations(post, analysis),
        occasional: analysis.occasional,
        no_lessons: analysis.no_lessons,
        recurring: post.kind == PostKind::Request && (analysis.regular || analysis.weekly),
    };
    (rare != Rare::default()).then(|| Box::new(rare))
}

/// The words of the needs a post names in focus ("machine à coudre"), folded and singular as
/// denied words are kept, other than its unknown words (kept apart). Not its story: "je
/// mesure 1m58" asks for nothing "sur mesure".
pub(super) fn said_words(analysis: &Analysis) -> Vec<String> {
    let mut said: Vec<String> = analysis
        .needs
        .iter()
        .filter(|hit| hit.focus)
        .flat_map(|hit| text::tokens(&hit.surface))
        .filter(|token| !THESAURUS.is_stop(token))
        .map(|token| text::singular(&token.folded).to_owned())
        .filter(|word| word.chars().count() >= 3 && !analysis.words.contains(word))
        .collect();
    said.dedup();
    said
}

/// The cities a post about travel names other than its own: where a trip goes ("Tours-Paris"
/// from Tours goes to Paris). A request for a trip to the station or the airport goes there,
/// wherever the train or the plane then goes ("a TGV to Paris").
fn destinations(post: &Post, analysis: &Analysis) -> Box<[Box<str>]> {
    let names =
        |ids: &[&str]| {
            analysis.needs.iter().chain(&analysis.context).any(|hit| {
                THESAURUS.concepts.get(usize::from(hit.concept)).is_some_and(|c| ids.contains(&c.id.as_str()))
            })
        };
    if !names(&TRAVEL) || (post.kind == PostKind::Request && names(&["station_airport"])) {
        return Box::default();
    }
    let own = match &post.place {
        Place::Local(place) => Some(places::area(place)),
        Place::Online | Place::Unknown => None,
    };
    // "Long trips (Bordeaux, Nantes) are too much for me" goes to neither, nor does a
    // requester's "je bosse à Metz": a lower-case word names no city. (A helper who works in
    // Besançon and drives there every day does go there.)
    let mut text = post.text.clone();
    let tokens = text::tokens(&post.text);
    // Nor does where someone comes from ("my sister is flying in from Dublin", "depuis Lyon").
    // Nor where someone lives or is ("moi j'habite à Tours", "moi je suis à Paris pour le
    // travail", "son fils est à Rennes").
    const KIN: [&str; 10] =
        ["fils", "fille", "mari", "femme", "frere", "soeur", "enfants", "parents", "famille", "son"];
    let origin = |token: &text::Token| {
        let before = text::words_before(&tokens, token.span.0);
        let recent: Vec<&str> = before.iter().rev().take(3).copied().collect();
        matches!(before.last(), Some(&("from" | "depuis" | "provenance")))
            || post.kind == PostKind::Request && matches!(before.last(), Some(&("suis" | "sommes" | "am")))
            || recent.iter().take(2).any(|word| {
                matches!(
                    *word,
                    "habite"
                        | "habites"
                        | "habitent"
                        | "habitons"
                        | "habitez"
                        | "resident"
                        | "residant"
                        | "vis"
                        | "live"
                        | "lives"
                )
            })
            || recent.iter().any(|word| matches!(*word, "est" | "sont" | "vit" | "vivent"))
                && before.iter().rev().take(4).any(|word| KIN.contains(word))
    };
    let workplaces: Vec<(usize, usize)> = tokens
        .iter()
        .filter(|token| (post.kind == PostKind::Request && text::workplace(&tokens, token.span.0)) || origin(token))
        .map(|token| token.span)
        .collect();
    for (from, to) in analysis.refused.iter().chain(&workplaces) {
        if let Some(span) = text.get_mut(*from..*to) {
            span.make_ascii_lowercase();
        }
    }
    places::cities_named(&text)
        .into_iter()
        .filter(|city| Some(city) != own.as_ref())
        .map(String::into_boxed_str)
        .collect()
}

/// Groups of variants that say when help is wanted.
pub(super) const WHEN_GROUPS: [&str; 3] = ["time_of_day", "week_part", "day"];

/// Whether an analysis names the concept `id` among its needs.
pub(super) fn names_need(analysis: &Analysis, id: &str) -> bool {
    analysis.needs.iter().any(|hit| THESAURUS.concepts.get(usize::from(hit.concept)).is_some_and(|c| c.id == id))
}

/// Whether a post names `broad` and none of the narrower concepts under it. A weak broad
/// concept (lessons, tutoring) next to another precise need is how that need is met, not a
/// need of its own: "des leçons de piano" asks for piano, not for any tutor.
pub(super) fn generalist(entry: &Entry, broad: ConceptId) -> bool {
    let concept = |id: ConceptId| THESAURUS.concepts.get(usize::from(id));
    let weak = concept(broad).is_some_and(|c| c.weight < 1.0);
    // "Un sapin qui penche, dans mon jardin": a need anywhere under the broad one (a tree is
    // hedges and trees, which is gardening) says what of it is asked.
    !entry.needs.iter().any(|need| {
        let Some(other) = concept(need.concept) else { return false };
        !need.derived
            && (THESAURUS.is_under(need.concept, broad)
                || (weak && need.focus && need.concept != broad && !other.context && other.weight >= 1.0))
    })
}

/// What a ride is for, as a set: errands, care, a station or an airport, a daily commute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Purpose(u8);

/// The concepts of rides and the purpose each concept names, looked up once.
pub(super) struct Purposes {
    pub(super) ride: Option<ConceptId>,
    /// By [`ConceptId`]: errands, a station or an airport, or care (any concept of health:
    /// "chez le kiné", "au CHU"). A daily commute is read from its phrases ([`Purpose::DAILY`]).
    pub(super) of: Vec<Purpose>,
}

pub(super) static PURPOSES: LazyLock<Purposes> = LazyLock::new(|| {
    let ride = THESAURUS.concept_id("ride");
    let of = THESAURUS
        .concepts
        .iter()
        .map(|concept| match concept.id.as_str() {
            "errands" => Purpose(1),
            "station_airport" => Purpose(1 << 1),
            // A wedding, a funeral, a party.
            "occasion" | "wedding" => Purpose(1 << 5),
            _ if concept.topic == "health" => Purpose(1 << 3),
            _ => Purpose::default(),
        })
        .collect();
    Purposes { ride, of }
});

impl Purpose {
    /// A trip made every day.
    pub(super) const DAILY: Purpose = Purpose(1 << 2);
    /// A trip made every week.
    pub(super) const WEEKLY: Purpose = Purpose(1 << 4);
    /// How often a trip is made, rather than what for: a driver who says it still takes
    /// whoever names no purpose.
    pub(super) const HOW_OFTEN: u8 = Self::DAILY.0 | Self::WEEKLY.0;

    /// How often a post says its trip is made.
    pub(super) fn how_often(analysis: &Analysis) -> Purpose {
        let daily = if analysis.regular { Self::DAILY.0 } else { 0 };
        let weekly = if analysis.weekly { Self::WEEKLY.0 } else { 0 };
        Purpose(daily | weekly)
    }

    /// The purpose a concept names, if it names one.
    pub(super) fn of(concept: ConceptId) -> Purpose {
        PURPOSES.of.get(usize::from(concept)).copied().unwrap_or_default()
    }

    /// Whether a ride offered for these purposes may meet a request for those: an offer
    /// that names none takes anyone anywhere; one that names some meets only requests that
    /// name one of them, except that a daily trip may also take whoever names no purpose
    /// ("Covoiturage vers Monaco le matin ?"), and so may a weekly one; or whoever goes once
    /// where it goes (`same_destination`: a commuter to Besançon takes a patient there).
    pub(super) fn allows(self, asked: Purpose, same_destination: bool) -> bool {
        let once = asked.0 & Self::HOW_OFTEN == 0;
        self.0 == 0
            || self.0 & asked.0 != 0
            || (self.0 & !Self::HOW_OFTEN == 0 && (asked.0 == 0 || (same_destination && once)))
    }
}

/// Whom help is for, as a set: the school stages, children, adults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Audience(pub(super) u8);

impl Audience {
    pub(super) const PRIMARY: Audience = Audience(1);
    pub(super) const MIDDLE: Audience = Audience(1 << 1);
    pub(super) const HIGH: Audience = Audience(1 << 2);
    pub(super) const HIGHER: Audience = Audience(1 << 3);
    pub(super) const CHILDREN: Audience = Audience(1 << 4);
    pub(super) const ADULTS: Audience = Audience(1 << 5);
    pub(super) const WOMEN: Audience = Audience(1 << 6);
    pub(super) const MEN: Audience = Audience(1 << 7);
    pub(super) const SEXES: u8 = Self::WOMEN.0 | Self::MEN.0;
    pub(super) const STAGES: u8 = 0b1111;
    /// Those who are children: named so, or by a school stage below higher education.
    pub(super) const YOUNG: u8 = 0b1_0111;

    /// The audience a context concept names, if it names one.
    pub(super) fn of(concept: &str) -> Option<Audience> {
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

    pub(super) fn young(self) -> bool {
        self.0 & Self::YOUNG != 0
    }

    pub(super) fn adults(self) -> bool {
        self.0 & Self::ADULTS.0 != 0
    }

    /// Named adults and no one young.
    pub(super) fn adults_only(self) -> bool {
        self.adults() && !self.young()
    }

    /// Whether help for this audience may meet a need of that one: homework help for CP–CM2
    /// is no help in 5e, a class for adults takes no child, a shelter for women takes no man.
    /// Either saying nothing agrees.
    pub(super) fn agrees(self, need: Audience) -> bool {
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
