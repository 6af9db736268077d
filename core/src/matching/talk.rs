//! Company and talk: a visit and a call are different help. Company an offer gives at a
//! distance is an ear on the phone; a request for company that takes a call asks for an ear
//! too. What an offer's author likes to talk about is no help it offers ([`talked_about`]).

use std::sync::LazyLock;

use super::text::{self, Token};
use super::thesaurus::{ConceptId, Hit, THESAURUS};

static COMPANY_ID: LazyLock<Option<ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("company_visits"));
static LISTENING_ID: LazyLock<Option<ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("listening"));

/// Words of calling that, with the words of talking ([`text::TALKING`]), company at a distance
/// is made of: "je peux vous appeler pour papoter" visits no one; "rendre visite" or "passer
/// voir" said beside a phone number still visits.
const CALL_WORDS: [&str; 4] = ["appeler", "appel", "appels", "call"];

/// Words of company that says it comes: "rendre visite", "passer voir", "je viens".
const VISIT_WORDS: [&str; 8] = ["visite", "visites", "visiter", "passer", "venir", "viens", "domicile", "visit"];

/// Reads the company an offer gives at a distance as an ear on the phone, so that whoever
/// needs a visit at home is not sent to it, and whoever needs someone to talk to is. An offer
/// that also says it visits keeps its visits: only its talk is read as calls.
pub(super) fn company_at_a_distance(hits: &mut [Hit]) {
    let (Some(company), Some(listening)) = (*COMPANY_ID, *LISTENING_ID) else { return };
    let words = |hit: &Hit, list: &[&str]| text::fold(&hit.surface).split(' ').any(|word| list.contains(&word));
    let visits = hits.iter().any(|hit| hit.concept == company && words(hit, &VISIT_WORDS));
    for hit in hits.iter_mut().filter(|hit| hit.concept == company) {
        if !visits || words(hit, &text::TALKING) || words(hit, &CALL_WORDS) {
            hit.concept = listening;
        }
    }
}

/// Whether the token at `at` asks for a call: "qqn m'appelle" (not "je m'appelle Jeanne"),
/// "l'appeler", "un coup de fil", "au téléphone", "ring him", "call her".
fn asks_a_call(tokens: &[Token], at: usize) -> bool {
    let word = tokens[at].folded.as_str();
    let before = at.checked_sub(1).map(|i| tokens[i].folded.as_str());
    let after = tokens.get(at + 1).map(|token| token.folded.as_str());
    match word {
        "appeler" | "rappeler" => true,
        "appelle" | "appellent" => !matches!(before, Some("je" | "tu" | "il" | "elle" | "on" | "ils" | "elles")),
        "fil" | "fils" => matches!(before, Some("coup" | "coups")),
        "telephone" | "tel" => matches!(before, Some("au" | "par")),
        "phone" => {
            matches!(before, Some("by" | "over" | "the")) || matches!(after, Some("him" | "her" | "me" | "them" | "us"))
        }
        "ring" | "call" => matches!(after, Some("him" | "her" | "me" | "them" | "us")),
        _ => false,
    }
}

/// Reads a request for company that takes a call, said in the same sentence ("juste qqn avec
/// qui bavarder, même au téléphone", "ring him now and then for a chat"), as asking for an
/// ear on the phone too, so that whoever offers calls is asked.
pub(super) fn company_by_phone(text: &str, tokens: &[Token], hits: &mut Vec<Hit>) {
    let (Some(company), Some(listening)) = (*COMPANY_ID, *LISTENING_ID) else { return };
    let sentences = text::sentences(text);
    let called: Vec<Option<usize>> = (0..tokens.len())
        .filter(|at| asks_a_call(tokens, *at))
        .map(|at| text::sentence_of(&sentences, tokens[at].span.0))
        .collect();
    let calls: Vec<Hit> = hits
        .iter()
        .filter(|hit| hit.concept == company && called.contains(&text::sentence_of(&sentences, hit.span.0)))
        .map(|hit| Hit { concept: listening, ..hit.clone() })
        .collect();
    hits.extend(calls);
    hits.sort_by_key(|hit| hit.span.0);
}

/// Whether byte `at` names what an offer's author likes to talk about ("j'adore parler
/// cuisine, jardinage, séries…"): a topic after a verb of liking and one of talking, in the
/// same clause, is no help offered. (A language spoken there is read apart; "je peux échanger
/// sur vos démarches" offers them.)
pub(super) fn talked_about(text: &str, tokens: &[Token], at: usize) -> bool {
    const LIKING: [&str; 8] = ["adore", "aime", "love", "loves", "like", "likes", "enjoy", "passionne"];
    let before = text::words_before(tokens, at);
    // ("Votre chat ou votre chien": "chat" talks only in English.)
    let talking = |word: &&str| text::TALKING.contains(word) && *word != "chat";
    let Some(talk) = before.iter().rev().take(4).position(talking) else {
        return false;
    };
    let liked = before.iter().rev().skip(talk + 1).take(2).any(|word| LIKING.contains(word));
    // The talking verb's byte offset: `talk` words back from `at`.
    let end = tokens.partition_point(|token| token.span.1 <= at);
    let Some(verb) = end.checked_sub(talk + 1).map(|index| tokens[index].span.1) else { return false };
    liked && text.get(verb..at).is_some_and(|gap| !gap.contains(['.', '!', '?', ';', '(', ':', '\n']))
}
