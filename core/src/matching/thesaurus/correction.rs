//! Typo correction: a word the thesaurus does not know is read as the closest one it knows,
//! within a budget of slips (`text/typos.rs`); a word's keys are remembered while a whole board
//! is read.

use std::cell::RefCell;

use foldhash::{HashMap, HashMapExt};

use super::{Thesaurus, deletions};
use crate::matching::text::{self, Token};
use crate::model::Lang;

/// A word's corrected keys, by the languages it was read in (a bit each) and the word (as
/// written, then folded).
type Remembered = HashMap<(u8, String), Vec<String>>;

thread_local! {
    /// Words' corrected keys, by languages and word, while this thread reads many posts
    /// ([`remembering_keys`]): posts share most of their words, and stemming and typo
    /// correction were an eighth of reading one.
    static REMEMBERED: RefCell<Option<Remembered>> = const { RefCell::new(None) };
}

/// Runs `read` with words' corrected keys remembered on this thread, then forgets them: for
/// reading a whole board at start, not for one post at a time (that would keep every word ever
/// seen).
pub fn remembering_keys<T>(read: impl FnOnce() -> T) -> T {
    /// Puts back what was remembered before, even if `read` panics.
    struct Restore(Option<Remembered>);
    impl Drop for Restore {
        fn drop(&mut self) {
            REMEMBERED.set(self.0.take());
        }
    }
    let _restore = Restore(REMEMBERED.replace(Some(HashMap::new())));
    read()
}

impl Thesaurus {
    /// The keys of a token, corrected to the closest thesaurus word when the token is unknown
    /// and a close enough word exists. Keys remembered are the shipped thesaurus's, the only
    /// one posts are read with.
    pub fn corrected_keys(&self, token: &Token, langs: &[Lang]) -> Vec<String> {
        if !REMEMBERED.with_borrow(Option::is_some) {
            return self.correct(token, langs);
        }
        let languages = langs.iter().fold(0_u8, |mask, lang| mask | (1 << *lang as u8));
        let key = (languages, format!("{}\0{}", token.lower, token.folded));
        let seen = REMEMBERED.with_borrow(|remembered| remembered.as_ref().and_then(|known| known.get(&key).cloned()));
        if let Some(keys) = seen {
            return keys;
        }
        // Worked out with the memo not borrowed, then remembered.
        let keys = self.correct(token, langs);
        REMEMBERED.with_borrow_mut(|remembered| {
            if let Some(known) = remembered {
                known.insert(key, keys.clone());
            }
        });
        keys
    }

    /// [`Self::corrected_keys`], worked out.
    fn correct(&self, token: &Token, langs: &[Lang]) -> Vec<String> {
        let keys = self.keys_in(token, langs);
        let known = |key: &String| self.known_keys.contains(key) || self.help_kinds.contains_key(key);
        if keys.iter().any(known) || self.exact.contains(text::singular(&token.folded)) {
            return keys;
        }
        let word = text::singular(&token.folded);
        let budget = text::typo_budget(word);
        if budget == 0 {
            return keys;
        }
        let mut candidates: Vec<&String> = Vec::new();
        for variant in std::iter::once(word.to_owned()).chain(deletions(word)) {
            if let Some(words) = self.deletions.get(&variant) {
                candidates.extend(words);
            }
            if let Some((known, _)) = self.vocabulary.get_key_value(&variant)
                && !self.exact.contains(known)
            {
                candidates.push(known);
            }
        }
        // People rarely mistype the first letter; requiring it keeps "étage" from becoming "stage".
        let first = word.chars().next();
        let best = candidates
            .into_iter()
            .filter(|candidate| candidate.chars().next() == first && text::plausible_typo(word, candidate))
            .map(|candidate| (text::distance(word, candidate, budget), candidate))
            .filter(|(distance, candidate)| *distance <= budget.min(text::typo_budget(candidate).max(1)))
            .min();
        match best.and_then(|(_, candidate)| self.vocabulary.get(candidate)) {
            Some(corrected) => corrected.clone(),
            None => keys,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::remembering_keys;
    use crate::matching::analyze_post;
    use crate::model::{Place, PostKind};

    #[test]
    fn remembered_keys_read_posts_as_reading_each_alone_does() {
        let posts = [
            (PostKind::Request, "Je cherche une perseuse pour le week-end"),
            (PostKind::Offer, "Je prête ma perceuse et je peux aider au bricolage"),
            (PostKind::Offer, "I can lend a drill, not a ladder"),
            (PostKind::Request, "Can anyone lend me a drill? Je cherche aussi une échelle"),
        ];
        let alone: Vec<_> = posts.iter().map(|(kind, text)| analyze_post(*kind, text, &Place::Unknown)).collect();
        // Twice over, so that the second round reads every word from what was remembered.
        let remembered = remembering_keys(|| {
            let read =
                || posts.iter().map(|(kind, text)| analyze_post(*kind, text, &Place::Unknown)).collect::<Vec<_>>();
            read();
            read()
        });
        assert_eq!(remembered, alone);
        assert!(!alone[0].needs.is_empty(), "the typo was corrected: {:?}", alone[0]);
    }
}
