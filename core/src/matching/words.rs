//! What each content word of a post says beside its concepts: the shape of help its focus
//! names (a thing lent, given or bought, a service), the words an offer turns down, and the
//! words the thesaurus does not know, which may still make a match.

use super::thesaurus::THESAURUS;
use super::{Analysis, Reading, TRAVEL, entry, places, text};
use crate::model::{Category, PostKind};

/// A post's content words (stop words and words of place dropped), with what was read of each.
#[derive(Clone, Copy)]
pub(super) struct Words<'a> {
    pub content: &'a [text::Token],
    /// Each word's thesaurus keys (stems, corrected typos).
    pub keys: &'a [Vec<String>],
    /// Whether a concept of the thesaurus already read the word.
    pub used: &'a [bool],
    /// Whether the word is in the post's focus, once widened.
    pub focus: &'a [bool],
    /// Whether the word is in a sentence that asks or offers, before any widening.
    pub cued: &'a [bool],
}

/// Reads the shape of help, the words turned down and the unknown words into `analysis`;
/// returns the kind of help the first word of a kind names.
pub(super) fn read(
    post: &Reading<'_>,
    words: Words<'_>,
    focus_marks: &[bool],
    analysis: &mut Analysis,
) -> Option<Category> {
    let thesaurus = &*THESAURUS;
    let (post_kind, text, all_tokens) = (post.kind, post.text, post.tokens);
    let offer = post_kind == Some(PostKind::Offer);
    let Words { content, keys, used, focus, cued } = words;
    // Two posts naming one city share a place, not a need; except for travel, where the
    // city is the destination ("Covoit Lyon-Grenoble").
    let travel = analysis
        .needs
        .iter()
        .chain(&analysis.context)
        .any(|hit| TRAVEL.contains(&thesaurus.concepts[usize::from(hit.concept)].id.as_str()));
    let mut kind = None;
    let mut refused_end: Option<usize> = None;
    let shape_in_cue = content.iter().zip(keys).zip(cued).any(|((_, token_keys), cued)| {
        *cued && thesaurus.help_kind(token_keys).is_some_and(|kind| kind != Category::Other)
    });
    for ((((token, token_keys), used), focus), cued) in content.iter().zip(keys).zip(used).zip(focus).zip(cued) {
        // "Qqn pourrait me dépanner ?" asks a favour: it says nothing of the shape.
        let favour = token.folded == "depanner"
            && matches!(
                text::word_before(all_tokens, token.span.0),
                Some("me" | "nous" | "vous" | "te" | "la" | "le" | "les")
            );
        // "Arrivés en hébergement d'urgence": a word inside a phrase of context says where
        // someone is, not what help is.
        let in_context = analysis.in_context_phrase(token.span);
        // "Pas besoin qu'on me donne à manger" asks for no gift.
        let unneeded = post_kind == Some(PostKind::Request) && text::said_unneeded(text, token.span.0);
        let help_kind = thesaurus.help_kind(token_keys).filter(|_| {
            !(favour
                || in_context
                || unneeded
                || text::means_ready(text, all_tokens, token)
                || text::gives_care(all_tokens, token)
                || text::lends_a_hand(all_tokens, token)
                || text::gives_a_service(text, all_tokens, token))
        });
        kind = kind.or(help_kind);
        // "Je ne les prête pas": what an offer says it does not do is not its shape.
        // "I don't lend my equipment" says no before the verb.
        let denied = offer
            && (text::denied_after(text, all_tokens, token.span.1)
                || (matches!(help_kind, Some(Category::Lend | Category::Give))
                    && (text::negated(all_tokens, token.span.0) || text::nothing_to(text, all_tokens, token.span.0))));
        if denied && matches!(help_kind, Some(Category::Lend | Category::Give)) {
            analysis.shape.no_thing = true;
        }
        // "Pas pour les pros, gîtes ou restos", "je ne travaille pas le cuir ni le simili",
        // "pas de couple ni de famille"; but "pas de souci" turns nothing down, nor do "je ne
        // vends pas de bois" (the wood is split, not sold) and "je ne prête pas de chaînes"
        // (the chains are put on, not lent): they turn down a way of helping.
        let way_denied = matches!(
            text::words_before(all_tokens, token.span.0).as_slice(),
            [
                ..,
                "vends" | "vend" | "vendons" | "sell" | "prete" | "pretons" | "lend" | "donne" | "donnons" | "give",
                "pas" | "not",
                "de" | "d" | "any"
            ]
        );
        let refused = offer
            && !way_denied
            && (text::not_for(all_tokens, token.span.0)
                || text::turned_down(all_tokens, token.span.0)
                || (text::denied_noun(all_tokens, token.span.0) && !text::reassures(&token.folded))
                || refused_end.is_some_and(|end| text.get(end..token.span.0).is_some_and(text::continues_a_list)));
        if refused {
            refused_end = Some(token.span.1);
        }
        // "Il vous donne la liste et l'argent": what a requester hands the helper is no thing
        // asked for.
        // Nor is what the story says was given to the author ("chaque enveloppe me donne des
        // sueurs froides", outside the sentences that ask).
        let to_author = !*cued && matches!(text::word_before(all_tokens, token.span.0), Some("me" | "m" | "nous"));
        let handed = post_kind == Some(PostKind::Request)
            && matches!(help_kind, Some(Category::Lend | Category::Give))
            && (matches!(text::word_before(all_tokens, token.span.0), Some("vous" | "you")) || to_author);
        let shapes = if shape_in_cue { *cued } else { *focus };
        // "Le collège n'en prête plus": what a request says is no longer lent is not its shape.
        let no_longer = post_kind == Some(PostKind::Request)
            && matches!(help_kind, Some(Category::Lend | Category::Give))
            && matches!(text::word_after(all_tokens, token.span.1), Some("pas" | "plus" | "jamais"));
        // "Si ça joue pour quelqu'un, on offre l'apéro !": what a requester gives is given
        // back, not the shape of the help asked ("on nous prête", "we borrow" still ask).
        let gives_back = post_kind == Some(PostKind::Request)
            && matches!(help_kind, Some(Category::Give))
            && (matches!(text::word_before(all_tokens, token.span.0), Some("on" | "je" | "we"))
                || text::elided_before(text, token.span.0) == Some('j'));
        if shapes && !denied && !handed && !no_longer && !gives_back {
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
        // "Le droit de la famille": a head with its complement is denied through the
        // complement; "pas de psy, juste parler" denies no "juste".
        let headed = ["de", "du", "des", "d"].contains(&text::word_after(all_tokens, token.span.1).unwrap_or_default());
        let adverb = ["juste", "seulement", "simplement", "just", "only", "simply"].contains(&word);
        if refused && !used && help_kind.is_none() && word.chars().count() >= 3 && !headed && !adverb {
            analysis.denied_words.push(word.to_owned());
            continue;
        }
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
    // "Votre déclaration de revenus… pas les déclarations URSSAF": a word an offer names in
    // what it offers is not turned down with something else.
    if offer && !analysis.denied_words.is_empty() {
        let offered = entry::said_words(analysis);
        analysis.denied_words.retain(|word| !offered.contains(word) && !analysis.words.contains(word));
    }
    analysis.shape.service |= thesaurus.names_a_service(all_tokens, focus_marks);
    analysis.shape.no_service = offer && thesaurus.only_lends(all_tokens);
    // A thing bought or sold is a thing, like one given: "un vélo d'occasion, qqn vend ?".
    // ("Je vends sur Vinted depuis des années, je peux vous aider": selling is the skill.)
    analysis.shape.buy =
        thesaurus.names_buying(all_tokens, focus_marks) && !entry::names_need(analysis, "online_selling");
    analysis.shape.sells_only = offer && analysis.shape.buy && !analysis.shape.give && !analysis.shape.lend;
    analysis.shape.give |= analysis.shape.buy;
    // "Un berceau à garder (pas un prêt, c'est pour de bon)": a request to keep asks for a
    // gift, and a loan it turns down is not what it asks.
    let request = post_kind == Some(PostKind::Request);
    let folded = if request { text::fold(text) } else { String::new() };
    if request && text::wants_to_keep(&folded) {
        analysis.shape.give = true;
        analysis.shape.lend = false;
        analysis.shape.keep = true;
    } else if request && text::wants_to_borrow(&folded) {
        analysis.shape.lend = true;
    }
    kind
}
