//! Matching, first version: which open offers fit a request, and which open requests fit an
//! offer, each with its reasons. The interface ([`best_offers`], [`fitting_requests`],
//! [`infer_place`], [`infer_category`]) is what the rest of core uses; its insides are simple
//! on purpose and will be replaced by a better matcher.
//!
//! A pair fits when the place allows it (same city, or the offer is online) and the two texts
//! share at least one meaningful word after normalization (accents, case, elisions, plurals).
//! Nothing fits → nobody is notified.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use crate::model::{Category, Place, Post, PostId, Reason};

/// One post that fits, with how well and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The post that fits.
    pub post_id: PostId,
    /// Higher is better; in (0, 1].
    pub score: f64,
    /// Why, for the members and for the evaluation set.
    pub reasons: Vec<Reason>,
}

/// The best `limit` offers for a request, best first; empty when nothing fits.
pub fn best_offers(request: &Post, offers: &[Post], limit: usize) -> Vec<Scored> {
    rank(request, offers, limit, fit)
}

/// The best `limit` open requests that an offer fits, best first.
pub fn fitting_requests(offer: &Post, requests: &[Post], limit: usize) -> Vec<Scored> {
    rank(offer, requests, limit, |offer, request| fit(request, offer))
}

/// Scores every candidate (never the post's own author), keeps those that fit, best first.
fn rank(
    post: &Post,
    candidates: &[Post],
    limit: usize,
    score: impl Fn(&Post, &Post) -> Option<(f64, Vec<Reason>)>,
) -> Vec<Scored> {
    let mut scored: Vec<Scored> = candidates
        .iter()
        .filter(|candidate| candidate.author_id != post.author_id && candidate.kind != post.kind)
        .filter_map(|candidate| {
            score(post, candidate).map(|(score, reasons)| Scored { post_id: candidate.id, score, reasons })
        })
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.post_id.cmp(&b.post_id)));
    scored.truncate(limit);
    scored
}

/// Whether an offer fits a request, with a score and reasons.
pub fn fit(request: &Post, offer: &Post) -> Option<(f64, Vec<Reason>)> {
    let place = place_reason(&request.place, &offer.place)?;
    let request_words = words(&request.text);
    let offer_words = words(&offer.text);
    let shared: BTreeSet<String> =
        request_words.iter().filter(|word| offer_words.iter().any(|other| similar(word, other))).cloned().collect();
    if shared.is_empty() {
        return None;
    }
    let size = (request_words.len() * offer_words.len()) as f64;
    let score = shared.len() as f64 / size.sqrt().max(1.0);
    Some((score.min(1.0), vec![Reason::Words(shared.into_iter().collect()), place]))
}

/// Place rule: an online offer helps anywhere; otherwise both must be in the same city.
fn place_reason(request: &Place, offer: &Place) -> Option<Reason> {
    match (request, offer) {
        (_, Place::Online) => Some(Reason::Online),
        (Place::Local(a), Place::Local(b)) if fold(a) == fold(b) => Some(Reason::SamePlace(b.clone())),
        _ => None,
    }
}

/// Where a post applies: online when its text says so, else the author's place.
pub fn infer_place(text: &str, author_place: Option<&str>) -> Place {
    const ONLINE: &[&str] = &[
        "en ligne",
        "visio",
        "en visio",
        "a distance",
        "par telephone",
        "au telephone",
        "remote",
        "remotely",
        "online",
        "by phone",
        "video call",
    ];
    let folded = fold(text);
    if ONLINE.iter().any(|marker| contains_phrase(&folded, marker)) {
        return Place::Online;
    }
    match author_place {
        Some(place) => Place::Local(place.to_owned()),
        None => Place::Unknown,
    }
}

/// What kind of help a post is about, from its words.
pub fn infer_category(text: &str) -> Category {
    const RULES: &[(Category, &[&str])] = &[
        (Category::Mentoring, &["mentor", "tutorat", "tutor", "stage", "orientation"]),
        (Category::Ride, &["covoiturage", "trajet", "ride", "lift", "conduire", "emmener"]),
        (Category::Room, &["chambre", "heberg", "garage", "stock", "cave", "room", "storage"]),
        (Category::Give, &["donne", "don", "give", "gratuit", "free"]),
        (Category::Lend, &["prete", "preter", "pret", "lend", "borrow", "emprunt"]),
        (Category::Time, &["garder", "courses", "accompagn", "visite", "babysit", "baby"]),
        (Category::Skill, &["cours", "aide", "repar", "install", "help", "fix", "teach"]),
    ];
    let folded = words_unfiltered(text);
    RULES
        .iter()
        .find(|(_, stems)| folded.iter().any(|word| stems.iter().any(|stem| word.starts_with(stem))))
        .map(|(category, _)| *category)
        .unwrap_or(Category::Other)
}

/// Lowercase, accents removed, whitespace folded.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `phrase` stands in `text` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let padded = format!(
        " {} ",
        text.replace(|c: char| !c.is_alphanumeric(), " ").split_whitespace().collect::<Vec<_>>().join(" ")
    );
    padded.contains(&format!(" {phrase} "))
}

/// Folded words, elisions dropped (`l'`, `d'`, `qu'` split off and too short to count).
fn words_unfiltered(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() > 2)
        .map(str::to_owned)
        .collect()
}

/// The meaningful words of a text, crudely stemmed, without stop words.
fn words(text: &str) -> BTreeSet<String> {
    words_unfiltered(text)
        .into_iter()
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .map(|word| stem(&word))
        .filter(|word| word.chars().count() > 2)
        .collect()
}

/// Drops one plural or verb ending so that `prête`, `prêter`, `scies` meet.
fn stem(word: &str) -> String {
    const ENDINGS: &[&str] = &["ing", "ez", "er", "es", "ed", "e", "s", "x"];
    for ending in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.chars().count() >= 3
        {
            return stem.to_owned();
        }
    }
    word.to_owned()
}

/// Two stems meet when equal, or when long enough and one begins the other.
fn similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 5 && long.starts_with(short)
}

/// Words that say nothing about what is needed or offered (folded, French and English).
const STOP_WORDS: &[&str] = &[
    "les",
    "des",
    "une",
    "aux",
    "que",
    "qui",
    "quoi",
    "pour",
    "par",
    "avec",
    "sans",
    "sur",
    "dans",
    "chez",
    "est",
    "suis",
    "sont",
    "ont",
    "mon",
    "mes",
    "ton",
    "tes",
    "son",
    "ses",
    "notre",
    "nos",
    "votre",
    "vos",
    "leur",
    "leurs",
    "cette",
    "ces",
    "cet",
    "mais",
    "ou",
    "donc",
    "car",
    "pas",
    "plus",
    "tres",
    "bien",
    "tout",
    "tous",
    "toute",
    "toutes",
    "peu",
    "quelqu",
    "quelque",
    "quelques",
    "aurait",
    "aurais",
    "avoir",
    "avez",
    "ais",
    "etre",
    "fait",
    "faire",
    "besoin",
    "cherche",
    "recherche",
    "aide",
    "aider",
    "peux",
    "peut",
    "pouvez",
    "veux",
    "voudrais",
    "merci",
    "bonjour",
    "salut",
    "svp",
    "stp",
    "coup",
    "main",
    "moi",
    "vous",
    "nous",
    "lui",
    "elle",
    "ils",
    "elles",
    "comme",
    "encore",
    "aussi",
    "ici",
    "the",
    "and",
    "for",
    "with",
    "from",
    "any",
    "anyone",
    "someone",
    "can",
    "could",
    "would",
    "need",
    "needs",
    "help",
    "want",
    "have",
    "has",
    "you",
    "your",
    "our",
    "please",
    "thanks",
    "around",
    "who",
    "what",
    "where",
    "this",
    "that",
    "into",
    "une",
    "ma",
    "mes",
    "cours",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PostKind, PostState};

    fn post(id: PostId, author: i64, kind: PostKind, text: &str, place: Place) -> Post {
        Post {
            id,
            community_id: 1,
            author_id: author,
            kind,
            category: infer_category(text),
            text: text.to_owned(),
            place,
            state: PostState::Open,
            created_at: 0,
            updated_at: 0,
        }
    }

    fn local(city: &str) -> Place {
        Place::Local(city.to_owned())
    }

    #[test]
    fn a_lend_in_lyon_does_not_help_in_marseille() {
        let request = post(1, 1, PostKind::Request, "Quelqu'un aurait une perceuse ?", local("Marseille"));
        let lyon = post(2, 2, PostKind::Offer, "Je prête ma perceuse", local("Lyon"));
        let marseille = post(3, 3, PostKind::Offer, "Je prête ma perceuse", local("marseille"));
        let found = best_offers(&request, &[lyon, marseille], 5);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].post_id, 3);
        assert!(found[0].reasons.contains(&Reason::SamePlace("marseille".into())));
    }

    #[test]
    fn online_help_helps_anywhere() {
        let request = post(1, 1, PostKind::Request, "Je voudrais progresser en anglais", local("Lille"));
        let offer = post(2, 2, PostKind::Offer, "Cours d'anglais en visio", Place::Online);
        let found = best_offers(&request, &[offer], 5);
        assert_eq!(found.len(), 1);
        assert!(found[0].reasons.contains(&Reason::Online));
        assert!(found[0].reasons.contains(&Reason::Words(vec!["anglai".into()])));
    }

    #[test]
    fn nothing_fits_means_nobody() {
        let request = post(1, 1, PostKind::Request, "J'ai perdu mon portable à la gare", local("Lyon"));
        let offers = [
            post(2, 2, PostKind::Offer, "Je prête ma perceuse", local("Lyon")),
            post(3, 3, PostKind::Offer, "Cours de guitare", Place::Online),
        ];
        assert!(best_offers(&request, &offers, 5).is_empty());
    }

    #[test]
    fn never_matches_ones_own_offer_and_respects_the_limit() {
        let request = post(1, 1, PostKind::Request, "besoin d'une scie", local("Rennes"));
        let own = post(2, 1, PostKind::Offer, "je prête une scie", local("Rennes"));
        let others: Vec<Post> =
            (3..10).map(|id| post(id, id, PostKind::Offer, "scies à prêter", local("Rennes"))).collect();
        let mut all = vec![own];
        all.extend(others);
        let found = best_offers(&request, &all, 3);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|scored| scored.post_id != 2));
    }

    #[test]
    fn a_new_offer_finds_open_requests() {
        let offer = post(9, 9, PostKind::Offer, "Je prête ma ponceuse", local("Dijon"));
        let requests = [
            post(1, 1, PostKind::Request, "Besoin d'une ponceuse ce week-end", local("Dijon")),
            post(2, 2, PostKind::Request, "Besoin d'une ponceuse", local("Nancy")),
        ];
        let found = fitting_requests(&offer, &requests, 5);
        assert_eq!(found.iter().map(|s| s.post_id).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn normalizes_accents_elisions_and_plurals() {
        assert_eq!(fold("Réparer  l'ÉTAGÈRE"), "reparer l'etagere");
        let a = words("Qui peut réparer mes étagères ?");
        let b = words("je répare les etagere");
        assert!(a.iter().any(|w| b.iter().any(|v| similar(w, v))));
    }

    #[test]
    fn infers_online_place_and_category() {
        assert_eq!(infer_place("Aide en visio", Some("Lyon")), Place::Online);
        assert_eq!(infer_place("Je prête une scie", Some("Lyon")), local("Lyon"));
        assert_eq!(infer_place("Je prête une scie", None), Place::Unknown);
        assert_eq!(infer_place("J'ai perdu mon téléphone à la gare", Some("Lyon")), local("Lyon"));
        assert_eq!(infer_place("Aide aux démarches par téléphone", Some("Lyon")), Place::Online);
        assert_eq!(infer_category("Je prête ma scie"), Category::Lend);
        assert_eq!(infer_category("Je donne un canapé"), Category::Give);
        assert_eq!(infer_category("Covoiturage vers Lyon"), Category::Ride);
    }
}
