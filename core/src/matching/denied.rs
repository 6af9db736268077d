//! What an offer turns down among the needs it names: "pas de véhicule par contre", "je ne
//! fais pas de création (robes de mariée…)", "les longs trajets, c'est trop pour moi". A
//! request is never read here: in a request, "je n'ai pas de perceuse" is the need itself.

use super::TIME;
use super::hits::without_stop_words;
use super::text::{self, Token};
use super::thesaurus::{Hit, THESAURUS};

/// Splits an offer's hits into those it turns down and those it offers (what a parenthesis of
/// examples after a denial names is in neither); `refused` are the
/// spans it turns down after naming them ("Evenings are not possible for me"). What a parenthesis
/// or a list right after a denial names is denied too ("NOT a sworn translator (traducteur
/// assermenté)", "I don't shoot weddings, events or flats"), and a denial may start on a word
/// the thesaurus does not know ("je ne traite pas le droit de la famille (divorce, garde
/// d'enfants)"). "Non" denies the term it stands before ("traduction non assermentée"); where
/// an offer will not go with someone ("je n'accompagne pas aux prud'hommes") is in neither.
pub(super) fn split_denied(
    text: &str,
    all_tokens: &[Token],
    sentences: &[(usize, usize)],
    refused: &[(usize, usize)],
    hits: Vec<Hit>,
) -> (Vec<Hit>, Vec<Hit>) {
    let thesaurus = &*THESAURUS;
    let concept = |hit: &Hit| &thesaurus.concepts[usize::from(hit.concept)];
    let denied_words: Vec<usize> = all_tokens
        .iter()
        // ("Je ne travaille pas le mercredi" says when the author is free.)
        .filter(|token| !matches!(token.folded.as_str(), "travaille" | "bosse"))
        .filter(|token| !text::free_day(all_tokens, token.span.0))
        .filter(|token| !thesaurus.is_stop(token) && text::negated(all_tokens, token.span.0))
        .map(|token| token.span.1)
        .collect();
    let in_refused = |hit: &Hit| refused.iter().any(|(from, to)| *from <= hit.span.0 && hit.span.1 <= *to);
    let mut denied_span: Option<(usize, usize)> = None;
    let mut denied_time: Option<usize> = None;
    let (denied, offered): (Vec<Hit>, Vec<Hit>) = hits.into_iter().partition(|hit| {
        let word = denied_words.iter().copied().filter(|end| *end <= hit.span.0).max();
        // Two concepts may share one word ("Mac" is a computer and a system): both are
        // denied. A word inside a denied phrase only qualifies it ("pas de robes de mariée"
        // turns down no wedding).
        let from = if denied_span.is_some_and(|(start, end)| start < hit.span.0 && hit.span.1 <= end) {
            denied_span.map(|(_, end)| end)
        } else {
            denied_span.map(|(_, end)| end).filter(|end| *end <= hit.span.0).max(word)
        };
        let same_words = denied_span == Some(hit.span);
        // "No grammar lessons": a denied word right before a term qualifies it.
        // A list does not run over the end of a sentence ("pas de maison entière, ça je peux
        // pas. Le samedi de préférence").
        let one_sentence =
            |end: usize| text.get(end..hit.span.0).is_some_and(|gap| !gap.contains(['.', '!', '?', '\n']));
        let restated = from.is_some_and(|end| {
            text.get(end..hit.span.0) == Some(" ")
                || (one_sentence(end) && text::continues_a_list(&without_stop_words(text, all_tokens, end, hit.span.0)))
                || text.get(end..hit.span.0).is_some_and(text::opens_examples)
        });
        // "Pas de trajets vacances ou aéroport": a list runs on after a time, but what a
        // parenthesis after a time says is why ("pas le week-end (petits-enfants obligent)").
        let after_time = denied_time.is_some_and(|end| {
            end <= hit.span.0
                && text.get(end..hit.span.0).is_some_and(|gap| {
                    !gap.contains('(') && text::continues_a_list(&without_stop_words(text, all_tokens, end, hit.span.0))
                })
        });
        let busy = concept(hit).topic == TIME
            && (text::busy(text, all_tokens, hit.span.0)
                || text::left_out(text, all_tokens, hit.span.0)
                || text::refused_after(text, all_tokens, hit.span));
        // "Pas d'électrique par contre": a phrase may hold its own denial.
        // So may a term around a stop word ("traduction non assermentée"), and "non" right
        // before a term denies it ("traductions non assermentées"; not "non francophones, à
        // partir du niveau A2", where nothing the thesaurus reads follows it).
        // ("Certificat de non gage" is a noun; "les personnes non véhiculées" says whom help is
        // for; "for non-French speakers" whom a class takes.)
        let words = text::tokens(&hit.surface);
        let inner_non =
            words.windows(2).any(|pair| pair[1].folded == "non" && !matches!(pair[0].folded.as_str(), "de" | "d"));
        let non_before = {
            let raw = text.get(..hit.span.0).unwrap_or_default().trim_end_matches([' ', '-']);
            let rest = raw.strip_suffix("non").or_else(|| raw.strip_suffix("Non"));
            let whom = |rest: &str| {
                matches!(
                    text::word_before(all_tokens, rest.len()),
                    Some("personnes" | "personne" | "gens" | "adultes" | "enfants" | "eleves" | "etudiants" | "people")
                )
            };
            let speakers = matches!(text::word_after(all_tokens, hit.span.1), Some("speakers" | "speaking"));
            rest.is_some_and(|rest| (rest.is_empty() || rest.ends_with(' ')) && !whom(rest)) && !speakers
        };
        let self_denied = words
            .first()
            .is_some_and(|word| matches!(word.folded.as_str(), "pas" | "no" | "not" | "ni" | "sans" | "aucun"))
            || inner_non
            || non_before;
        // "Je véhicule les personnes qui n'ont pas de voiture pour leurs rdv médicaux
        // (médecin, kiné)": what those helped lack is turned down by no one.
        let whom = text::lacked_by_whom(text, all_tokens, hit.span.0);
        // "Vous ne savez pas quoi faire de votre chien ?": what a question says its reader
        // does not do turns nothing down ("pour vos petits travaux (pas d'électricité) ?"
        // still does).
        let asked = || {
            text::sentence_of(sentences, hit.span.0).and_then(|index| sentences.get(index)).is_some_and(
                |(start, end)| {
                    let question = text.get(*start..*end).is_some_and(|sentence| sentence.trim_end().ends_with('?'));
                    let in_sentence = |token: &&Token| *start <= token.span.0 && token.span.1 <= *end;
                    let to_reader =
                        all_tokens.iter().enumerate().filter(|(_, token)| in_sentence(token)).any(|(at, token)| {
                            matches!(token.folded.as_str(), "vous" | "you")
                                && all_tokens[at + 1..].iter().take(3).any(|next| {
                                    matches!(
                                        next.folded.as_str(),
                                        "ne" | "pas" | "don" | "cannot" | "not" | "never" | "jamais"
                                    )
                                })
                        });
                    // "Pas à l'aise avec internet ?", "No car?": a question that opens on a
                    // denial says what its reader lacks.
                    // (Only in its opening clause: "Pas de voiture, mais besoin d'aide pour vos
                    // courses ?" still turns a ride down.)
                    let first = all_tokens.partition_point(|token| token.span.0 < *start);
                    let opening =
                        text.get(*start..hit.span.0).is_some_and(|gap| !gap.contains(',') && !gap.contains(" mais "));
                    let opens_denied = opening
                        && all_tokens.get(first).filter(|token| in_sentence(token)).is_some_and(|first| {
                            matches!(first.folded.as_str(), "pas" | "plus" | "no" | "not" | "sans")
                        });
                    question && (to_reader || opens_denied)
                },
            )
        };
        // "On ne répare pas à ta place": the author teaches it, and does not do it for you.
        let for_you = || {
            let after = text::fold_after(text, hit.span.1);
            let after = after.strip_prefix("pas ").unwrap_or(&after);
            ["a ta place", "a votre place", "it for you", "for you"]
                .iter()
                .any(|words| after.strip_prefix(words).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)))
        };
        let denied = !whom
            && (restated
                || after_time
                || same_words
                || (text::negated_in_sentence(text, all_tokens, hit.span.0)
                    && !(concept(hit).topic == TIME && text::free_day(all_tokens, hit.span.0)))
                || in_refused(hit)
                // "Not for businesses, sorry": whom an offer is not for.
                || (concept(hit).context && text::not_for(all_tokens, hit.span.0))
                || busy
                || self_denied)
            && !asked()
            && !for_you();
        // "Pas le week-end (petits-enfants obligent)": after a time, a parenthesis says why.
        if denied && concept(hit).topic != TIME {
            denied_span = Some(hit.span);
        }
        if denied && concept(hit).topic == TIME {
            denied_time = Some(hit.span.1);
        }
        denied
    });
    // "Je n'accompagne pas aux prud'hommes": where the author will not go with someone is
    // neither offered nor turned down (labour law still is, named elsewhere).
    let escort = *super::hits::ESCORT_ID;
    let destinations: Vec<(usize, usize)> = denied
        .windows(2)
        .filter(|pair| Some(pair[0].concept) == escort)
        .filter(|pair| {
            let gap = text::fold(text.get(pair[0].span.1..pair[1].span.0).unwrap_or_default());
            let gap = gap.trim_start_matches("pas ").trim_start_matches("plus ").trim_start_matches("jamais ");
            matches!(gap, "aux" | "au" | "a" | "a la" | "a l'" | "chez" | "chez le" | "chez la" | "to" | "to the")
        })
        .map(|pair| pair[1].span)
        .collect();
    let denied: Vec<Hit> = denied.into_iter().filter(|hit| !destinations.contains(&hit.span)).collect();
    // "Je ne répare pas le matériel cassé (écrans de téléphone, cartes mères...)": a
    // parenthesis right after a denial gives examples of it, which the offer does not give.
    let examples: Vec<(usize, usize)> = denied.iter().filter_map(|hit| parenthesis_after(text, hit.span.1)).collect();
    let offered = offered
        .into_iter()
        .filter(|hit| !examples.iter().any(|(start, end)| *start <= hit.span.0 && hit.span.1 <= *end))
        .collect();
    (denied, offered)
}

/// The byte range of a parenthesis that opens right after byte `end` (spaces aside).
fn parenthesis_after(text: &str, end: usize) -> Option<(usize, usize)> {
    let rest = text.get(end..)?;
    let open = end + rest.len() - rest.trim_start().len();
    if !text.get(open..)?.starts_with('(') {
        return None;
    }
    // "Je ne garde pas les chiens (seulement les chats)" says what is given instead.
    const INSTEAD: [&str; 9] = ["seulement", "uniquement", "juste", "mais", "sauf", "only", "just", "but", "except"];
    let inside = text::tokens(text.get(open..)?);
    if inside.first().is_some_and(|word| INSTEAD.contains(&word.folded.as_str())) {
        return None;
    }
    // An unclosed parenthesis ends with its sentence.
    let close = text.get(open..)?.find([')', '.', '!', '?', '\n']).map_or(text.len(), |at| open + at);
    Some((open, close))
}
