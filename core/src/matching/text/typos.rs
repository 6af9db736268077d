//! Typos: which misspelt words are forgiven, and how far. A post's unknown word is read as a
//! thesaurus word only when it is a likely slip of it (a doubled letter, a sound spelt
//! another way, two letters swapped), never when it is another real word a letter away.

/// Damerau–Levenshtein distance (adjacent transpositions count as one), capped: returns
/// `limit + 1` as soon as the distance must exceed `limit`.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        let mut best = rows[i][0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = value;
            best = best.min(value);
        }
        if best > limit {
            return limit + 1;
        }
    }
    rows[a.len()][b.len()]
}

/// Whether `word` reads as a slip in writing `known` rather than another word: a letter
/// doubled or not ("aprendre", "babysiting"), a sound spelt another way ("perseuse"), or two
/// letters swapped ("chein"); or it is a verb's form the stemmer cuts too short ("repasse",
/// read "rep", is "repasser"). Real words a letter apart ("blanche" and "branche", "setting"
/// and "sitting", "confection" and "connection", "fournitures" and "furniture") differ
/// otherwise, and stay themselves.
pub fn plausible_typo(word: &str, known: &str) -> bool {
    if word.ends_with('e') && known.strip_prefix(word) == Some("r") {
        return true;
    }
    let (a, b) = (sounds(word), sounds(known));
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|at| a[*at] != b[*at]).collect();
    match differ.as_slice() {
        [] => true,
        [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
        _ => false,
    }
}

/// A folded word as it sounds, roughly: one letter for a doubled one, `s` for a soft `c` or a
/// `z`, `f` for `ph`, `c` for `k` and `q`, `i` for `y`.
fn sounds(word: &str) -> Vec<char> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut at = 0;
    while at < chars.len() {
        let next = chars.get(at + 1).copied();
        let sound = match chars[at] {
            'p' if next == Some('h') => {
                at += 1;
                'f'
            }
            'c' if matches!(next, Some('e' | 'i' | 'y')) => 's',
            'z' => 's',
            'k' | 'q' => 'c',
            'y' => 'i',
            other => other,
        };
        if out.last() != Some(&sound) {
            out.push(sound);
        }
        at += 1;
    }
    out
}

/// How many letters may be off in a word of this length: none up to 6 letters (`bruit` is no
/// typo of `fruit`, nor `longue` of `langue`), one up to 8, two beyond.
pub fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=6 => 0,
        7..=8 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_typos() {
        assert_eq!(distance("perceuse", "perseuse", 2), 1);
        assert_eq!(distance("babysitting", "babysiting", 2), 1);
        assert_eq!(distance("tondeuse", "tonduese", 2), 1, "a transposition is one typo");
        assert_eq!(distance("scie", "pelle", 1), 2);
        assert_eq!(typo_budget("scie"), 0);
        assert_eq!(typo_budget("bruit"), 0);
        assert_eq!(typo_budget("perceuse"), 1);
        assert_eq!(typo_budget("babysitting"), 2);
    }

    #[test]
    fn forgives_slips_not_other_words() {
        for (word, known) in [
            ("aprendre", "apprendre"),
            ("babysiting", "babysitting"),
            ("perseuse", "perceuse"),
            ("tonduese", "tondeuse"),
            ("repasse", "repasser"),
        ] {
            assert!(plausible_typo(word, known), "{word} is a slip of {known}");
        }
        for (word, known) in [
            ("blanche", "branche"),
            ("campagne", "champagne"),
            ("setting", "sitting"),
            ("pointure", "peinture"),
            ("internat", "internet"),
            ("confection", "connection"),
            ("fournitures", "furniture"),
            ("collier", "collie"),
        ] {
            assert!(!plausible_typo(word, known), "{word} is no slip of {known}");
        }
    }
}
