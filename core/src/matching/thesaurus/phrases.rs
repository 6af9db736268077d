//! Lists of phrases, as folded singular words, found by their first word: the cues, manners
//! and kinds of help a post is read against, word for word.

use foldhash::HashMap;

use crate::matching::text::{self, Token};

/// Phrases as folded singular words (empty ones dropped), found by their first word: a post
/// is read against several lists of them, and scanning every phrase at every word was most of
/// the time spent analysing a post.
#[derive(Debug, Default)]
pub(super) struct Phrases {
    list: Vec<Vec<String>>,
    by_first: HashMap<String, Vec<usize>>,
    /// A bit for each first word's [`sign`]: most words of a post begin no phrase of a list,
    /// and are passed over without a lookup (a post is read against some thirty lists).
    firsts: [u64; 4],
}

/// A word's sign, from its length and its first and last bytes: two words with different
/// signs differ.
fn sign(word: &str) -> usize {
    let bytes = word.as_bytes();
    let (first, last) = (bytes.first().copied().unwrap_or(0), bytes.last().copied().unwrap_or(0));
    (bytes.len().wrapping_mul(37) ^ usize::from(first).wrapping_mul(7) ^ usize::from(last)) & 255
}

impl Phrases {
    pub(super) fn new(list: &[String]) -> Self {
        let mut phrases = Phrases::default();
        for phrase in list {
            phrases.push(phrase);
        }
        phrases
    }

    /// Adds a phrase; its index is the number of phrases pushed before it (an empty phrase
    /// is kept, and never found).
    pub(super) fn push(&mut self, phrase: &str) {
        let words: Vec<String> =
            text::tokens(phrase).into_iter().map(|t| text::singular(&t.folded).to_owned()).collect();
        if let Some(first) = words.first().cloned() {
            self.firsts[sign(&first) / 64] |= 1 << (sign(&first) % 64);
            self.by_first.entry(first).or_default().push(self.list.len());
        }
        self.list.push(words);
    }

    /// Marks the tokens that belong to one of the phrases.
    pub(super) fn marks(&self, tokens: &[Token]) -> Vec<bool> {
        let mut marks = vec![false; tokens.len()];
        for (start, length) in self.occurrences(tokens) {
            marks[start..start + length].iter_mut().for_each(|mark| *mark = true);
        }
        marks
    }

    /// Whether one of the phrases starts in the focus.
    pub(super) fn in_focus(&self, tokens: &[Token], focus: &[bool]) -> bool {
        self.occurrences(tokens).into_iter().any(|(start, _)| focus.get(start).copied().unwrap_or(true))
    }

    /// Where the phrases occur in `tokens`, as (start, length).
    pub(super) fn occurrences(&self, tokens: &[Token]) -> Vec<(usize, usize)> {
        self.occurrences_with_phrase(tokens).into_iter().map(|(start, length, _)| (start, length)).collect()
    }

    /// Where the phrases occur in `tokens`, as (start, length, which phrase).
    pub(super) fn occurrences_with_phrase(&self, tokens: &[Token]) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for (start, token) in tokens.iter().enumerate() {
            let word = token.singular();
            if self.firsts[sign(word) / 64] & (1 << (sign(word) % 64)) == 0 {
                continue;
            }
            for index in self.by_first.get(word).into_iter().flatten() {
                let phrase = &self.list[*index];
                let fits = tokens
                    .get(start..start + phrase.len())
                    .is_some_and(|have| have.iter().zip(phrase).all(|(a, b)| a.singular() == b.as_str()));
                if fits {
                    found.push((start, phrase.len(), *index));
                }
            }
        }
        found
    }
}
