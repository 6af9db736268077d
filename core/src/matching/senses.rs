//! Which sense a word has, read from the other concepts a post names: beside a computer,
//! "portable" is a laptop and "ne démarre plus" the device, not a car; beside an injury,
//! "plâtre" is a cast; "j'ai perdu 15 kilos" lost no object. Each rule drops the hits of the
//! sense the post does not mean.

use super::text::{self, Token};
use super::thesaurus::{Hit, THESAURUS};

/// Drops the hits of the senses a post does not mean (see the module header).
pub(super) fn drop_other_senses(tokens: &[Token], hits: &mut Vec<Hit>) {
    let id = |hit: &Hit| THESAURUS.concepts[usize::from(hit.concept)].id.as_str();
    let names = |ids: &[&str]| hits.iter().any(|hit| ids.contains(&id(hit)));
    let (computer, device, car, injury) =
        (names(&["computer"]), names(&["computer", "phone"]), names(&["car", "engine"]), names(&["injury"]));
    hits.retain(|hit| {
        let word = text::fold(&hit.surface);
        let other_sense = match id(hit) {
            // "Le portable de ma fille (un HP, sous Windows 10)" is a laptop; cleaning it
            // ("l'aider à nettoyer tout ça", of a virus) is no housework.
            "phone" => computer && matches!(word.as_str(), "portable" | "portables"),
            "cleaning" => computer && matches!(word.as_str(), "nettoyer" | "nettoyage" | "clean" | "cleaning"),
            // "Mon MacBook ne démarre plus", with no car named.
            "car_repair" => device && !car && (word.contains("demarre") || word.contains("start")),
            // "Une entorse (plâtre 4 semaines)".
            "tiling_masonry" => injury && word.starts_with("platre"),
            // "J'ai perdu 15 kilos", "I lost weight".
            "lost_found" => weight_follows(tokens, hit.span.1),
            _ => false,
        };
        !other_sense
    });
}

/// Whether one of the two words after byte `end` is a weight ("15 kilos", "du poids").
fn weight_follows(tokens: &[Token], end: usize) -> bool {
    tokens
        .iter()
        .filter(|token| token.span.0 >= end)
        .take(2)
        .any(|token| matches!(token.folded.as_str(), "kilos" | "kilo" | "kg" | "poids" | "weight" | "pounds" | "lbs"))
}
