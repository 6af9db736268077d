//! Which sense a word has, read from the other concepts a post names: beside a computer,
//! "portable" is a laptop and "ne démarre plus" the device, not a car; beside an injury,
//! "plâtre" is a cast; "j'ai perdu 15 kilos" lost no object. Most rules drop the hits of the
//! sense the post does not mean; a few name the sense it does ("un canapé pour 3 nuits" is
//! lodging, "en fauteuil" a wheelchair).

use std::sync::LazyLock;

use super::text::{self, Token};
use super::thesaurus::{ConceptId, Hit, THESAURUS};
use crate::model::Category;

/// Words that name a child in a phrase of minding ("garder mon fils", "look after the kids").
const CHILD_WORDS: [&str; 12] =
    ["enfant", "fils", "fille", "bebe", "petit", "kid", "son", "daughter", "child", "baby", "boy", "girl"];

/// Drops the hits of the senses a post does not mean (see the module header).
pub(super) fn drop_other_senses(tokens: &[Token], hits: &mut Vec<Hit>) {
    let id = |hit: &Hit| THESAURUS.concepts[usize::from(hit.concept)].id.as_str();
    let names = |ids: &[&str]| hits.iter().any(|hit| ids.contains(&id(hit)));
    let (computer, device, car, injury) = (
        names(&["computer"]),
        names(&["computer", "phone", "mobility_equipment"]),
        names(&["car", "engine"]),
        names(&["injury"]),
    );
    let station = names(&["station_airport"]);
    let school = names(&["reading_writing", "tutoring", "math"]);
    let sewing = names(&["sewing", "clothes"]);
    let pets = names(&["pets", "small_animals", "cat", "dog"]);
    let music = names(&["piano", "music"]);
    let motoring = names(&["car", "engine", "car_repair", "car_body"]);
    let firewood = names(&["firewood"]);
    let bike = names(&["bike"]);
    let screen = names(&["phone", "computer"]);
    // Where a thing's words end ("taille-haie électrique", "vélo électrique"): not a fault
    // nor works ("panne électrique", "petits travaux électriques" are wiring).
    let ends: Vec<usize> = hits
        .iter()
        .filter(|hit| {
            !matches!(id(hit), "electricity" | "repair_general")
                && THESAURUS.concepts[usize::from(hit.concept)].topic != "diy"
        })
        .map(|hit| hit.span.1)
        .collect();
    // Where the words of a car stand: its bulbs are said beside them.
    let car_words: Vec<usize> = hits
        .iter()
        .filter(|hit| matches!(id(hit), "car" | "engine" | "car_repair" | "car_body"))
        .map(|hit| hit.span.0)
        .collect();
    hits.retain(|hit| {
        let word = text::fold(&hit.surface);
        let other_sense = match id(hit) {
            // "Le portable de ma fille (un HP, sous Windows 10)" is a laptop; cleaning it
            // ("l'aider à nettoyer tout ça", of a virus) is no housework.
            // "Des appels téléphoniques pour papoter" are calls, no phone to fix.
            "phone" => computer && matches!(word.as_str(), "portable" | "portables") || word.starts_with("telephoniq"),
            // "Mon tel est tombé, la vitre est en miettes": a device's glass is its screen.
            "cleaning" => {
                computer && matches!(word.as_str(), "nettoyer" | "nettoyage" | "clean" | "cleaning")
                    || screen && word.starts_with("vitre")
            }
            // "Vidange, plaquettes de frein, ampoules": a car's bulbs, no house wiring; "taille-haie
            // électrique" is an electric tool, no wiring either.
            "electricity" => {
                matches!(word.as_str(), "ampoule" | "ampoules" | "bulb" | "bulbs")
                    && car_words.iter().any(|at| at.abs_diff(hit.span.0) < 80)
                    || matches!(word.as_str(), "electrique" | "electriques" | "electric")
                        && tokens
                            .iter()
                            .rev()
                            .find(|token| token.span.1 <= hit.span.0)
                            .is_some_and(|before| ends.contains(&before.span.1))
            }
            // "Mon MacBook ne démarre plus", with no car named.
            "car_repair" => device && !car && (word.contains("demarre") || word.contains("start")),
            // "Une entorse (plâtre 4 semaines)".
            "tiling_masonry" => injury && word.starts_with("platre"),
            // "J'ai perdu 15 kilos", "I lost weight".
            "lost_found" => weight_follows(tokens, hit.span.1),
            // "Je vide l'appartement de ma mère", "un appart vide", "il tourne en rond dans
            // l'appartement", "je vis en appartement" look for no flat.
            "housing_search" => {
                text::words_before(tokens, hit.span.0).iter().rev().take(2).any(|word| {
                    matches!(
                        *word,
                        "vide" | "vider" | "vidons" | "videz" | "debarrasse" | "debarrasser" | "clearing" | "emptying"
                    )
                }) || follows(tokens, hit.span.1, 1, &["vide", "empty"])
                    // "Mon coloc est en L2 de physique": a person, no flatshare.
                    || matches!(word.as_str(), "coloc" | "colocataire" | "flatmate" | "roommate")
                        && matches!(text::word_before(tokens, hit.span.0), Some("mon" | "my"))
                    || matches!(
                        text::words_before(tokens, hit.span.0).as_slice(),
                        [.., "dans" | "in" | "into"]
                            | [.., "dans", "l" | "le" | "mon" | "son" | "un"]
                            | [.., "vis" | "vit" | "habite" | "live" | "lives", "en" | "a"]
                    )
            }
            // "Notre 4e a déménagé chez sa fille", "je viens d'emménager", "just moved in": a
            // move told is no move asked.
            "moving" => {
                let lower = hit.surface.to_lowercase();
                ["déménagé", "déménagée", "déménagés", "déménagées", "moved"].iter().any(|past| lower.ends_with(past))
                    || matches!(
                        text::words_before(tokens, hit.span.0).as_slice(),
                        [.., "viens" | "vient" | "venons" | "venez" | "viennent", "d" | "de"]
                            | [.., "viens" | "vient" | "venons" | "venez" | "viennent"]
                    )
            }
            // "Vélos avec antivol et lumières": a bike's lights are no party lights.
            "party_gear" => bike && word.starts_with("lumiere"),
            // "Tout ce qui est physique" is hard work, no physics.
            "science" => {
                word.starts_with("physique")
                    && matches!(
                        text::words_before(tokens, hit.span.0).last(),
                        Some(&("est" | "travail" | "travaux" | "effort" | "efforts" | "aide" | "condition" | "forme"))
                    )
            }
            // "Je suis au chômage en ce moment" says who the author is.
            "unemployment" => matches!(text::words_before(tokens, hit.span.0).as_slice(), [.., "suis", "au" | "en"]),
            // "Qqn pour l'aider après l'école", of a pupil's reading: help with school, no sitter.
            "childcare" if school && word.contains("ecole") => true,
            // "Les dents de la fermeture sont foutues": a zip's teeth, no dentist.
            "dentist" => sewing && word.starts_with("dent"),
            // "Could someone look after him?", of a hamster: no child to mind.
            "childcare" if pets => !CHILD_WORDS.iter().any(|child| word.contains(child)),
            // "Des personnes en fauteuil roulant" are whom help is for, no wheelchair to fix.
            "mobility_equipment" => text::words_before(tokens, hit.span.0).last() == Some(&"en"),
            // "Une machine à coudre dont il veut se séparer" is given, no divorce.
            "family_law" => word.starts_with("separ") && before_within(tokens, hit.span.0, 4, "dont"),
            // "Aller chercher mon fils à la gare", back from Erasmus: a ride, no childminder.
            "childcare" => station && word.contains("chercher"),
            // "Mon frigo commence à être bien vide": food is short, the fridge works.
            "fridge" => follows(tokens, hit.span.1, 5, &["vide", "vides", "empty"]),
            // "Des meubles dont il veut se débarrasser" are given, not taken to the tip.
            "waste_removal" => word.starts_with("debarrass") && before_within(tokens, hit.span.0, 4, "dont"),
            // "Des pelotes au fond d'un placard", "dans mes placards": where things lie, no
            // furniture.
            "storage_furniture" => matches!(
                text::words_before(tokens, hit.span.0).as_slice(),
                [.., "fond", "d" | "du" | "de" | "des"]
                    | [.., "dans" | "in", "un" | "le" | "mon" | "mes" | "les" | "nos" | "my" | "the" | "a"]
            ),
            // "J'ai un clavier numérique" beside a piano lesson is an instrument, no computer.
            "computer" | "computing" => {
                music && (word.starts_with("clavier") || word.starts_with("numerique") || word == "keyboard")
            }
            // "80€ au garage juste pour un diagnostic", of a car: a mechanic, no storage (but "un
            // garage ou un box à louer" is rented); "les ranger dans l'abri", of logs: a woodshed.
            "storage_space" => {
                motoring && word.starts_with("garage") && !follows(tokens, hit.span.1, 4, &["louer", "rent", "box"])
                    || firewood && word.starts_with("abri")
            }
            // "Passer chez elle pour l'aider à y voir clair" comes to help with something else
            // (read as "passer voir" across the small words).
            "company_visits" if word.starts_with("passer") || word.starts_with("venir") => word.contains(" pour "),
            // "N'importe quel endroit un peu isolé": a place far from neighbours, nobody lonely.
            "company_visits" => {
                word.starts_with("isol")
                    && text::words_before(tokens, hit.span.0).iter().rev().take(4).any(|word| {
                        matches!(
                            *word,
                            "endroit"
                                | "lieu"
                                | "coin"
                                | "maison"
                                | "grange"
                                | "local"
                                | "hameau"
                                | "ferme"
                                | "place"
                                | "spot"
                        )
                    })
            }
            _ => false,
        };
        !other_sense
    });
}

/// Whether one of the two words after byte `end` is a weight ("15 kilos", "du poids").
fn weight_follows(tokens: &[Token], end: usize) -> bool {
    follows(tokens, end, 2, &["kilos", "kilo", "kg", "poids", "weight", "pounds", "lbs"])
}

/// Whether one of the `within` words after byte `end` is one of `words`.
fn follows(tokens: &[Token], end: usize, within: usize, words: &[&str]) -> bool {
    let from = tokens.partition_point(|token| token.span.0 < end);
    tokens[from..].iter().take(within).any(|token| words.contains(&token.folded.as_str()))
}

/// Whether `word` stands among the `within` words before byte `at`.
fn before_within(tokens: &[Token], at: usize, within: usize, word: &str) -> bool {
    text::words_before(tokens, at).iter().rev().take(within).any(|before| *before == word)
}

/// "Un canapé pour 3 nuits", "a bed for the night": somewhere to sleep for some nights is
/// lodging, no furniture.
pub(super) fn place_to_sleep(tokens: &[Token], hits: &mut [Hit]) {
    static SHELTER: LazyLock<Option<ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("shelter"));
    let Some(shelter) = *SHELTER else { return };
    for hit in hits.iter_mut() {
        let furniture =
            matches!(THESAURUS.concepts[usize::from(hit.concept)].id.as_str(), "sofa_seating" | "bed_mattress");
        // ("Qqn peut me prêter un matelas gonflable pour 2 nuits ?" borrows a thing: a word of
        // lending or giving among the five before.)
        let start = tokens.partition_point(|token| token.span.1 <= hit.span.0);
        let lent = tokens[start.saturating_sub(5)..start]
            .iter()
            .any(|token| matches!(THESAURUS.help_kind(&THESAURUS.keys(token)), Some(Category::Lend | Category::Give)))
            || follows(tokens, hit.span.1, 2, &["gonflable", "gonflables", "inflatable"]);
        if furniture && !lent && follows(tokens, hit.span.1, 4, &["nuit", "nuits", "night", "nights"]) {
            hit.concept = shelter;
        }
    }
}

/// "Pas de transport de fauteuil", "il est en fauteuil": beside a ride, care, a disability or
/// medical equipment, a "fauteuil" is a wheelchair, no armchair.
pub(super) fn wheelchair(hits: &mut [Hit]) {
    static WHEELCHAIR: LazyLock<Option<ConceptId>> = LazyLock::new(|| THESAURUS.concept_id("mobility_equipment"));
    let Some(wheelchair) = *WHEELCHAIR else { return };
    let id = |hit: &Hit| THESAURUS.concepts[usize::from(hit.concept)].id.as_str();
    // ("Petit matériel médical… pas de gros matériel (ni lit ni fauteuil)".)
    let care = hits.iter().any(|hit| {
        matches!(id(hit), "ride" | "medical_escort" | "hospital" | "disability" | "doctor" | "mobility_equipment")
    });
    if !care {
        return;
    }
    for hit in hits.iter_mut() {
        if id(hit) == "sofa_seating" && text::fold(&hit.surface).starts_with("fauteuil") {
            hit.concept = wheelchair;
        }
    }
}

static CONVERSATION_ID: LazyLock<Option<ConceptId>> = LazyLock::new(|| THESAURUS.concept_id(super::CONVERSATION));

/// Reads talk in a language as conversation practice: "qqn pour papoter un peu avec lui en
/// anglais" asks for someone to speak English with, not for company.
pub(super) fn talk_in_a_language(text: &str, tokens: &[Token], hits: &mut [Hit]) {
    let Some(conversation) = *CONVERSATION_ID else { return };
    let languages: Vec<usize> =
        hits.iter().filter(|hit| THESAURUS.concepts[usize::from(hit.concept)].language).map(|hit| hit.span.0).collect();
    for hit in hits.iter_mut() {
        // "Someone to chat with in French" (a phrase of listening) asks for practice too.
        let talking = text::fold(&hit.surface).split(' ').any(|word| text::TALKING.contains(&word));
        if !matches!(THESAURUS.concepts[usize::from(hit.concept)].id.as_str(), "company_visits" | "listening")
            || !talking
        {
            continue;
        }
        let after: Vec<&Token> = tokens.iter().filter(|token| token.span.0 >= hit.span.1).take(6).collect();
        let spoken = after.windows(2).any(|pair| {
            matches!(pair[0].folded.as_str(), "en" | "in")
                && languages.contains(&pair[1].span.0)
                && text.get(hit.span.1..pair[1].span.0).is_some_and(|gap| !gap.contains(['.', '!', '?', ',']))
        });
        if spoken {
            hit.concept = conversation;
        }
    }
}

/// Drops, in an offer, the care its author gives their own family: "les autres jours je
/// garde mes petits-enfants", "I walk my dog every morning" say what fills their days, not
/// what they offer.
pub(super) fn drop_own_family_care(tokens: &[Token], hits: &mut Vec<Hit>) {
    const OWN: [&str; 7] = ["mes", "mon", "ma", "my", "our", "nos", "notre"];
    const CARE: [&str; 4] = ["childcare", "elderly", "pets", "care"];
    hits.retain(|hit| {
        let concept = &THESAURUS.concepts[usize::from(hit.concept)];
        let said = tokens.iter().filter(|token| token.span.0 >= hit.span.0 && token.span.0 <= hit.span.1 + 1);
        !(CARE.contains(&concept.topic.as_str()) && said.take(4).any(|token| OWN.contains(&token.folded.as_str())))
    });
}

/// Drops the hits of a city's name written as one, capitalised inside a sentence: "sur
/// Mâcon" names no mason, "à Tours" no turn. (At a sentence's start, "Maçon à la retraite"
/// may be either, and is read as a word.)
pub(super) fn drop_city_names(text: &str, tokens: &[Token], hits: &mut Vec<Hit>) {
    hits.retain(|hit| {
        let Some(token) = tokens.iter().find(|token| token.span == hit.span) else { return true };
        let capitalised = text.get(token.span.0..).and_then(|rest| rest.chars().next()).is_some_and(char::is_uppercase);
        let opening = text.get(..token.span.0).is_none_or(|before| {
            before.trim_end().is_empty() || before.trim_end().ends_with(['.', '!', '?', '\n', ':', '…'])
        });
        !(capitalised && !opening && super::places::is_city(&token.folded))
    });
}
