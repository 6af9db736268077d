//! Whether a post's focus names a task to be done ("qqn pour tondre ma pelouse"), and its
//! mode: learning a skill or having the work done.

use super::thesaurus::THESAURUS;
use super::{Analysis, Mode, Reading, text};
use crate::model::{Category, Lang, PostKind};

/// Reads the task and the mode into `analysis`. `term_spans` are where the thesaurus read
/// its terms ("machine à coudre" names a thing, and its "coudre" is no task).
pub(super) fn read(post: &Reading<'_>, term_spans: &[(usize, usize)], focus_marks: &[bool], analysis: &mut Analysis) {
    let thesaurus = &*THESAURUS;
    let (post_kind, text, all_tokens, language, langs, sentences) =
        (post.kind, post.text, post.tokens, post.language, post.langs, post.sentences);
    let offer = post_kind == Some(PostKind::Offer);
    // "Qqn pour tondre ma pelouse" asks for the mowing, not for a mower. (In an offer, "pour"
    // says what help is for.)
    let mut tasks = text::task_infinitives(text, all_tokens);
    if language != Some(Lang::Fr) {
        for (task, english) in tasks.iter_mut().zip(text::english_tasks(all_tokens)) {
            *task |= english;
        }
    }
    // "Qqn pour m'apprendre à coudre", "teach me to cook" are about learning: neither the
    // learning nor what is learnt is a task.
    let learning = thesaurus.learning_marks(all_tokens);
    for at in 0..tasks.len() {
        let span = all_tokens[at].span;
        let inside_term = term_spans.iter().any(|(start, end)| *start < span.0 && span.1 <= *end);
        let learnt = (at.saturating_sub(3)..=at).any(|before| learning[before]);
        // "Qqn pour bavarder un peu", "pour discuter avec lui": company is no work done.
        let company = text::TALKING.contains(&all_tokens[at].folded.as_str());
        if learnt || inside_term || company {
            tasks[at] = false;
        }
    }
    analysis.shape.task = post_kind != Some(PostKind::Offer)
        && all_tokens.iter().zip(&tasks).zip(focus_marks).any(|((token, task), focus)| {
            *task
                && *focus
                && (!thesaurus.is_stop(token) || token.folded == "faire")
                && !matches!(
                    thesaurus.help_kind(&thesaurus.corrected_keys(token, langs)),
                    Some(Category::Lend | Category::Give)
                )
        });
    // "Je ne donne pas de cours": what an offer denies says nothing of its mode, nor does
    // what a request says it does not want done ("pas le faire réparer par quelqu'un").
    // "J'ai cours l'après-midi": a word inside a phrase of context is no mode either.
    let in_context = |token: &text::Token| analysis.in_context_phrase(token.span);
    let affirmed: Vec<bool> = all_tokens
        .iter()
        .zip(focus_marks)
        .map(|(token, focus)| {
            let denied = offer && text::negated(all_tokens, token.span.0);
            *focus && !in_context(token) && !denied && !text::not_had_done(all_tokens, token.span.0)
        })
        .collect();
    // "Free guitar lessons for beginners. I can lend a guitar": an offer's opening line
    // says what it teaches, cue or not.
    let opening_end = sentences.first().map_or(0, |(_, end)| *end);
    let taught: Vec<bool> = affirmed
        .iter()
        .zip(all_tokens)
        .map(|(affirmed, token)| {
            *affirmed
                || (offer
                    && token.span.0 < opening_end
                    && !in_context(token)
                    && !text::negated(all_tokens, token.span.0))
        })
        .collect();
    analysis.mode = Mode {
        learning: thesaurus.names_learning(all_tokens, &taught),
        doing: analysis.shape.task || thesaurus.names_doing(all_tokens, &affirmed),
    };
    // "Je taille les haies et je prête ma tronçonneuse" offers a hand as well as a tool;
    // "j'anime un atelier… je peux prêter des aiguilles" teaches as well as lends.
    analysis.shape.service |= offer && (analysis.mode.doing || analysis.mode.learning);
}
