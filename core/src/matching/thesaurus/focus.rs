//! Where a post says what it asks or offers: the sentences its cues mark ("je cherche",
//! "qui aurait", a question in a request; "je propose", "I can" in an offer), what a requester
//! gives back, and the apposition or story that opens a cued sentence.

use super::Thesaurus;
use crate::matching::text::{self, Token};
use crate::model::PostKind;

/// Where a post says what it asks or offers, token by token ([`Thesaurus::focus_marks`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    /// In a sentence that asks or offers.
    pub marks: Vec<bool>,
    /// In a sentence cued only by the other kind's cues: what a requester gives back.
    pub given_back: Vec<bool>,
    /// In the apposition that opens a cued sentence ("Prof d'anglais, je donne des cours"):
    /// the need only when the rest of the sentence names none precisely.
    pub apposition: Vec<bool>,
    /// In the clause that opens a cued sentence of a request ("Ma fille est en 5e, elle a
    /// besoin d'aide en maths"): whom and what it is about, not a need of its own.
    pub story: Vec<bool>,
}

impl Thesaurus {
    /// Where the cues of asking start, as token indices. A need said after "si" or "if" is
    /// someone else's ("si des personnes âgées ont besoin qu'on leur fasse leurs courses",
    /// "je peux venir si besoin"), and a need denied is none ("pas besoin de"): no cue of
    /// asking.
    fn asking_cues(&self, text: &str, tokens: &[Token]) -> Vec<usize> {
        self.asking
            .occurrences(tokens)
            .into_iter()
            .map(|(start, _)| start)
            .filter(|start| {
                let need = matches!(tokens[*start].folded.as_str(), "besoin" | "need" | "needs" | "needed");
                let cue = tokens[*start].span.0;
                // In the same clause: "si vous pouvez, j'ai besoin…" is the author's need.
                let supposed = tokens[start.saturating_sub(10)..*start].iter().any(|t| {
                    matches!(t.folded.as_str(), "si" | "if")
                        && !text.get(t.span.1..cue).is_some_and(|between| between.contains(['.', '!', '?', ';', ',']))
                });
                // "Donc pas besoin de soutien scolaire", "no need for a lawyer": a need
                // denied is no cue.
                let denied = need && text::not_needed(text, tokens, tokens[*start].span.1);
                !(need && supposed || denied)
            })
            .collect()
    }

    /// Whether a text only offers: it offers outright ("pensez à moi !"), or it gives or
    /// lends ("je donne", "je propose") and has neither a cue of asking, a polite conditional
    /// ("qui aurait") nor a question.
    pub fn only_offers(&self, text: &str, tokens: &[Token]) -> bool {
        if !self.offering_outright.occurrences(tokens).is_empty() {
            return true;
        }
        !text.contains('?')
            && self.asking_cues(text, tokens).is_empty()
            && !tokens.iter().any(|token| text::is_conditional(&token.folded))
            && !self.giving.occurrences(tokens).is_empty()
    }

    /// Whether a text only thanks, warns or tells of something found or lost ("Un grand merci
    /// à Sylvie qui a nourri mes chats", "⚠️ Attention, un faux plombier…", "TROUVÉ chat
    /// tigré", "PERDU chat noir et blanc"): it opens so and has neither a cue of asking, a
    /// polite conditional nor a question. Such a post, however much it names, asks nothing.
    pub fn only_thanks(&self, text: &str, tokens: &[Token]) -> bool {
        let opening = text::sentences(text).first().map_or(0, |(_, end)| *end);
        let thanks = tokens.iter().take_while(|token| token.span.0 < opening).any(|token| {
            matches!(
                token.folded.as_str(),
                "merci"
                    | "remercie"
                    | "remercier"
                    | "thank"
                    | "thanks"
                    | "attention"
                    | "arnaque"
                    | "arnaques"
                    | "mefiez"
                    | "alerte"
                    | "warning"
                    | "scam"
                    | "beware"
            )
        });
        let notice = |token: &Token| {
            matches!(
                token.folded.as_str(),
                "trouve" | "trouvee" | "found" | "perdu" | "perdue" | "lost" | "disparu" | "disparue" | "missing"
            )
        };
        // "TROUVÉ chat tigré", "Chat trouvé ce matin", "Chienne perdue"; not "J'ai perdu
        // mon emploi" nor "I lost my job", which go on to ask.
        let found = match tokens {
            [first, ..] if notice(first) => true,
            [first, second, ..] => notice(second) && !text::CLAUSE_OPENERS.contains(&first.folded.as_str()),
            _ => false,
        };
        // A warning about a scam ("un homme se présentant comme bénévole… ce n'est pas
        // quelqu'un du groupe") names someone without asking for anyone; a victim who says
        // "besoin d'aide pour porter plainte" still asks.
        let someone_only = self.asking_cues(text, tokens).iter().all(|start| {
            matches!(
                tokens[*start].folded.as_str(),
                "quelqu" | "qqn" | "qq1" | "someone" | "somebody" | "anyone" | "anybody"
            )
        });
        let scam = someone_only
            && tokens.iter().any(|token| {
                matches!(
                    token.folded.as_str(),
                    "arnaque"
                        | "arnaques"
                        | "arnaqueur"
                        | "escroc"
                        | "escrocs"
                        | "escroquerie"
                        | "presentant"
                        | "scam"
                        | "scammer"
                )
            });
        // (A notice of something found or lost asks only to share it and look out: "Partagez
        // svp", "si vous le voyez appelez-moi".)
        (thanks || found)
            && !text.contains('?')
            && (found || scam || self.asking_cues(text, tokens).is_empty())
            && !tokens.iter().any(|token| text::is_conditional(&token.folded))
    }

    /// Marks the tokens of the sentences that say what a post asks or offers: those with a
    /// cue of its kind ("je cherche", "qui aurait" in a request; "je propose", "I can" in an
    /// offer), a polite conditional ("donnerait") or, in a request, a question mark. A post with
    /// no cue of its kind reads the other kind's. The rest of a post (who its author is, where
    /// they work, whom they once helped, what a requester gives back) is context. A post
    /// without any cue is all focus: "Perceuse à prêter" says nothing else.
    ///
    /// Also returns the tokens of the sentences cued only by the other kind's cues: what a
    /// requester gives back ("je peux offrir le café"), never the need even when the focus
    /// falls back to the whole post.
    pub fn focus_marks(&self, text: &str, tokens: &[Token], kind: Option<PostKind>) -> Focus {
        let sentences = text::sentences(text);
        let sentence_of = |token: &Token| text::sentence_of(&sentences, token.span.0);
        let questions: Vec<bool> =
            sentences.iter().map(|(start, end)| text[*start..*end].trim_end().ends_with('?')).collect();
        let conditional = tokens.iter().enumerate().filter(|(_, t)| text::is_conditional(&t.folded)).map(|(i, _)| i);
        let asking = self.asking_cues(text, tokens);
        let offering: Vec<usize> = self
            .offering
            .occurrences(tokens)
            .into_iter()
            .filter(|(start, length)| {
                // "Je viens de reprendre un boulot" is the recent past, no visit offered.
                let end = tokens[start + length - 1].span.1;
                let recent = tokens[start + length - 1].folded == "viens"
                    && text.get(end..).is_some_and(|rest| {
                        rest.starts_with(" de ") || rest.starts_with(" d'") || rest.starts_with(" d’")
                    });
                // "Je fais 8h-17h", "je fais 8 km par jour": a measure of the author's days.
                let measure = matches!(tokens[start + length - 1].folded.as_str(), "fais" | "fait" | "do")
                    && text.get(end..).is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()));
                // "Je peux pas sortir mon chien": what the author cannot do is the need, no
                // help given back.
                let negated = matches!(
                    tokens.get(start + length).map(|t| t.folded.as_str()),
                    Some("pas" | "plus" | "jamais" | "not")
                );
                !recent && !measure && !negated && !text::offered_to_author(text, tokens[*start].span.0)
            })
            .map(|(start, _)| start)
            .collect();
        // "J'ai une machine à coudre industrielle": in an offer that offers, what it has to
        // help with is offered too.
        let mut offering = offering;
        if kind == Some(PostKind::Offer) && !offering.is_empty() {
            offering.extend(self.offering_means.occurrences(tokens).into_iter().map(|(start, _)| start));
        }
        let (mut cues, others, asks): (Vec<usize>, Vec<usize>, bool) = match kind {
            Some(PostKind::Request) if !asking.is_empty() || questions.contains(&true) => (asking, offering, true),
            Some(PostKind::Offer) if !offering.is_empty() => (offering, asking, false),
            // "Il décroche en maths. Je peux échanger contre des repas": with no cue of asking,
            // what a request offers in exchange is still given back.
            Some(PostKind::Request) => {
                let exchange = |start: &usize| {
                    sentence_of(&tokens[*start])
                        .and_then(|index| sentences.get(index))
                        .is_some_and(|(from, to)| text::says_in_exchange(&text[*from..*to]))
                };
                let (given, offered): (Vec<usize>, Vec<usize>) = offering.into_iter().partition(exchange);
                (asking.into_iter().chain(offered).collect(), given, true)
            }
            _ => (asking.into_iter().chain(offering).collect(), Vec::new(), true),
        };
        // Where, in each sentence, the first of some cues stands (byte offset).
        let first_in_sentence = |starts: &[usize]| {
            let mut first: Vec<Option<usize>> = vec![None; sentences.len()];
            for start in starts {
                if let Some(sentence) = sentence_of(&tokens[*start]) {
                    let at = tokens[*start].span.0;
                    first[sentence] = Some(first[sentence].map_or(at, |known| known.min(at)));
                }
            }
            first
        };
        let mut other_sentences = first_in_sentence(&others);
        cues.extend(conditional);
        let own_first = first_in_sentence(&cues);
        let mut cued: Vec<bool> = if asks { questions.clone() } else { vec![false; sentences.len()] };
        for (cued, first) in cued.iter_mut().zip(&own_first) {
            *cued |= first.is_some();
        }
        // "Besoin de bras pour un déménagement ?", "Vous cherchez qqn pour vos vitres ?": an
        // offer's question to its reader names what it offers ("Qqn aurait une remorque ?"
        // asks for its author).
        if kind == Some(PostKind::Offer) {
            for (index, cued) in cued.iter_mut().enumerate() {
                let (start, end) = sentences[index];
                let from = tokens.partition_point(|token| token.span.0 < start);
                let to_reader = tokens[from..]
                    .iter()
                    .take_while(|token| token.span.1 <= end)
                    .any(|token| matches!(token.folded.as_str(), "vous" | "vos" | "votre" | "you" | "your" | "besoin"));
                *cued |= questions[index] && other_sentences[index].is_some() && to_reader;
            }
        }
        // "Je peux offrir un gâteau ou un coup de main en échange": what is offered in
        // exchange is given back, whatever cue follows it.
        for (index, (other, cued)) in other_sentences.iter_mut().zip(&cued).enumerate() {
            let (start, end) = sentences[index];
            let gives_first = other.zip(own_first[index]).is_some_and(|(other, own)| other < own);
            let in_exchange = text::says_in_exchange(&text[start..end]);
            if *cued && !(gives_first && in_exchange) {
                *other = None;
            }
            // "J'ai un bon niveau d'anglais si ça peut servir en échange": a request's
            // sentence that asks nothing and says what it gives in exchange is given back.
            // "Merci encore à Karim qui m'a prêté sa perceuse": thanks for help already given.
            let opening = text::fold(text[start..end].trim_start());
            let thanks = opening.starts_with("merci") || opening.starts_with("thank");
            if !*cued && (in_exchange || thanks) && kind == Some(PostKind::Request) {
                *other = Some(start);
            }
        }
        // "Happy to help at weekends for a coffee and a chat": what a helper takes in return
        // is no help offered.
        if kind == Some(PostKind::Offer) {
            for (other, (start, end)) in other_sentences.iter_mut().zip(&sentences) {
                if let Some(at) = text::in_return(&text[*start..*end]) {
                    *other = Some(other.map_or(start + at, |known| known.min(start + at)));
                }
            }
        }
        // From the cue on: "le frein est mou, je fais 8 km par jour" still asks about brakes.
        let given_back: Vec<bool> = tokens
            .iter()
            .map(|token| {
                sentence_of(token).and_then(|sentence| other_sentences[sentence]).is_some_and(|at| token.span.0 >= at)
            })
            .collect();
        if !cued.contains(&true) {
            let none = vec![false; tokens.len()];
            return Focus { marks: vec![true; tokens.len()], given_back, apposition: none.clone(), story: none };
        }
        // "Ancienne infirmière, je propose de promener vos chiens": an apposition that opens
        // the sentence says who the author is, not what they offer; focus starts after it.
        // In a request, a clause before the cue tells the story ("Mon chien vomit, qqn connaît
        // un véto ?"): the need is what the cue asks, and the story counts only when the
        // cue's words name nothing precise (see `analyze_post`).
        let mut from: Vec<usize> = sentences.iter().map(|(start, _)| *start).collect();
        let mut opened_by_apposition = vec![false; sentences.len()];
        let mut first_cue = vec![true; sentences.len()];
        cues.sort_unstable();
        for start in cues {
            let Some(sentence) = sentence_of(&tokens[start]) else { continue };
            // Only what stands before the sentence's first cue opens it.
            if !std::mem::replace(&mut first_cue[sentence], false) {
                continue;
            }
            let opening = &text[sentences[sentence].0..tokens[start].span.0];
            // "Je travaille à la CAF mais ici je propose…": in an offer, what stands before
            // "mais" says who the author is, like an apposition.
            let contrast = [" mais ", " but "]
                .iter()
                .filter_map(|word| opening.rfind(word))
                .max()
                .filter(|_| kind == Some(PostKind::Offer));
            let Some(comma) = opening.rfind(',').max(contrast) else { continue };
            let by_contrast = contrast.is_some_and(|at| at >= comma);
            let apposition = by_contrast || text::is_apposition(&opening[..comma]);
            if apposition || kind == Some(PostKind::Request) {
                from[sentence] = sentences[sentence].0 + comma;
                opened_by_apposition[sentence] = apposition;
            }
        }
        let marks = tokens
            .iter()
            .zip(&given_back)
            .map(|(token, given)| {
                !given && sentence_of(token).is_some_and(|sentence| cued[sentence] && token.span.0 >= from[sentence])
            })
            .collect();
        let opening = |by_apposition: bool| -> Vec<bool> {
            tokens
                .iter()
                .map(|token| {
                    sentence_of(token).is_some_and(|sentence| {
                        cued[sentence]
                            && opened_by_apposition[sentence] == by_apposition
                            && token.span.0 < from[sentence]
                    })
                })
                .collect()
        };
        Focus { marks, given_back, apposition: opening(true), story: opening(false) }
    }
}
