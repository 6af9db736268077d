//! Folding: the form every exact lookup reads (lowercase, no accents, ligatures spelled out,
//! whitespace folded), of a whole text or of the few words around a place in it.

/// Lowercase, accents removed, ligatures spelled out (`œ` → `oe`), whitespace folded.
///
/// One pass, a character at a time (ASCII without decomposing): every post is folded many
/// times over, and a national board is read whole at start.
pub fn fold(text: &str) -> String {
    /// Adds a decomposed character: a run of whitespace is one space, none at either end.
    fn put(out: &mut String, gap: &mut bool, c: char) {
        if c.is_whitespace() {
            *gap = !out.is_empty();
            return;
        }
        if std::mem::take(gap) {
            out.push(' ');
        }
        match c {
            // Most of a French or English text: pushed as is, not through `to_lowercase`.
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        match c.is_ascii() {
            true => put(&mut out, &mut gap, c.to_ascii_lowercase()),
            // Accents are combining marks once decomposed: dropped.
            false => unicode_normalization::char::decompose_canonical(c, |part| {
                if !unicode_normalization::char::is_combining_mark(part) {
                    put(&mut out, &mut gap, part);
                }
            }),
        }
    }
    out
}

/// Folded, the few words of `text` just before byte `at` (what a reader looking two words
/// back needs): folding the whole text before each word read a long post over and over.
pub fn fold_before(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or_default();
    let start = before.char_indices().rev().nth(WINDOW - 1).map_or(0, |(index, _)| index);
    whole_words(fold(&before[start..]), start == 0, || fold(before))
}

/// Folded, the few words of `text` just after byte `at` (see [`fold_before`]).
pub fn fold_after(text: &str, at: usize) -> String {
    let after = text.get(at..).unwrap_or_default();
    let end = after.char_indices().nth(WINDOW).map_or(after.len(), |(index, _)| index);
    whole_words(fold(&after[..end]), end == after.len(), || fold(after))
}

/// Characters [`fold_before`] and [`fold_after`] read around a place.
const WINDOW: usize = 48;

/// A window cut into a word: with three words in it, the two next to the place are whole;
/// with fewer (long spaces, emoji, a long word), the whole side is folded instead.
fn whole_words(window: String, whole: bool, all: impl FnOnce() -> String) -> String {
    let words = window.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).count();
    if whole || words >= 3 { window } else { all() }
}
