//! Tests of the text helpers.

use super::*;
use crate::model::Lang;

#[test]
fn the_words_around_a_place_are_folded_within_a_window() {
    let text = "Élodie m'a proposé : des étagères pleines de livres";
    let at = text.find("des").expect("in the text");
    assert_eq!(fold_before(text, at), "elodie m'a propose :");
    let end = text.find("étagères").expect("in the text") + "étagères".len();
    assert_eq!(fold_after(text, end), "pleines de livres");
    // A long text: only its last (or first) 48 characters, cut between characters…
    let long = "un ".repeat(40) + "merci";
    assert_eq!(fold_before(&long, long.len()), "un ".repeat(14) + "merci");
    assert_eq!(fold_after(&long, 0), "un ".repeat(16).trim_end());
    // …unless it cuts into the words read: then the whole side.
    let long = "é".repeat(100) + " merci";
    assert_eq!(fold_before(&long, long.len()), "e".repeat(100) + " merci");
    assert_eq!(fold_after(&long, 0), "e".repeat(100) + " merci");
    assert_eq!((fold_before(text, 0), fold_after(text, text.len())), (String::new(), String::new()));
}
use unicode_normalization::UnicodeNormalization;

#[test]
fn folds_case_accents_and_ligatures() {
    assert_eq!(fold("Réparer  l'ÉTAGÈRE"), "reparer l'etagere");
    assert_eq!(fold("nœuds Kärcher"), "noeuds karcher");
    assert_eq!(fold(" \t İstanbul\u{a0} ÆSOP  Straße\n"), "istanbul aesop strasse");
}

proptest::proptest! {
    /// The one-pass fold is the definition: the whole text decomposed, marks dropped,
    /// lowercased, whitespace runs made one space.
    #[test]
    fn folding_a_character_at_a_time_is_folding_the_whole_text(text in "\\PC{0,40}") {
        let mut reference = String::new();
        for c in text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
            match c {
                'œ' | 'Œ' => reference.push_str("oe"),
                'æ' | 'Æ' => reference.push_str("ae"),
                'ß' => reference.push_str("ss"),
                c => reference.extend(c.to_lowercase()),
            }
        }
        let reference = reference.split_whitespace().collect::<Vec<_>>().join(" ");
        proptest::prop_assert_eq!(fold(&text), reference);
    }
}

#[test]
fn splits_elisions_compounds_and_punctuation() {
    let words: Vec<String> =
        tokens("L'ordi d'Hélène: perceuse-visseuse, 2 vélos! 🙂 qu'il").into_iter().map(|t| t.folded).collect();
    assert_eq!(words, vec!["ordi", "helene", "perceuse", "visseuse", "velos", "il"]);
}

#[test]
fn keys_meet_across_forms() {
    let key = |word: &str| keys(&tokens(word)[0], false, &[Lang::Fr, Lang::En]);
    let shares = |a: &str, b: &str| key(a).iter().any(|k| key(b).contains(k));
    assert!(shares("prête", "prêter") && shares("prêtez", "prête"));
    assert!(shares("lend", "lending"));
    assert!(shares("réparer", "reparation"), "a noun and its verb, accents or not");
    assert!(shares("réparer", "répare"), "a verb's forms");
    assert!(shares("perceuses", "perceuse"));
    // Exact words keep apart what stems would join.
    let exact = |word: &str| keys(&tokens(word)[0], true, &[Lang::Fr, Lang::En]);
    assert!(!exact("cours").iter().any(|k| exact("courses").contains(k)));
    // Stems meet only stems of the same language.
    let french = |word: &str| keys(&tokens(word)[0], false, &[Lang::Fr]);
    assert!(!french("carrière").iter().any(|k| key("carry").contains(k)));
}

#[test]
fn tells_french_from_english() {
    assert_eq!(language(&tokens("Je cherche une perceuse pour le week-end")), Some(Lang::Fr));
    assert_eq!(language(&tokens("Can anyone lend me a drill for the weekend?")), Some(Lang::En));
    assert_eq!(language(&tokens("Perceuse")), None);
}

#[test]
fn an_elided_letter_is_read_from_the_text() {
    assert_eq!(elided_before("je peux l'emmener", 10), Some('l'));
    assert_eq!(elided_before("J’emmène", 4), Some('j'));
    assert_eq!(elided_before("aujourd'hui", 8), None);
    assert_eq!(elided_before("emmener", 0), None);
}

#[test]
fn clock_times_are_read_after_a_word_that_sets_a_time() {
    let parts = |text: &str| clock_times(text, &tokens(text)).into_iter().map(|(_, parts)| parts).collect::<Vec<_>>();
    use DayPart::*;
    assert_eq!(parts("mardi vers 10h"), [vec![Morning]]);
    assert_eq!(parts("à partir de 18h30, pas avant"), [vec![Evening]]);
    assert_eq!(parts("de 14h à 17h"), [vec![Afternoon]]);
    assert_eq!(parts("de 20h à 7h"), [vec![Evening, Night, Morning]]);
    assert_eq!(parts("after 6pm"), [vec![Evening]]);
    assert_eq!(parts("je les garde jusqu'à 19h"), [vec![Afternoon, Evening]]);
    assert_eq!(parts("départ 7h15, retour vers 17h30"), [vec![Morning], vec![Afternoon]]);
    // A whole hour that ends a span is not in it; a denied side turns round.
    assert_eq!(parts("de 9h à 12h"), [vec![Morning]]);
    assert_eq!(parts("avant 12h"), [vec![Morning]]);
    assert_eq!(parts("pas avant 18h"), [vec![Evening]]);
    // Lengths are no times.
    assert!(parts("3h de ménage, réponse sous 2h, 1h = 60 grains, une balade de 2h").is_empty());
    assert!(parts("J'habite à 1h de Lyon, il a 3h de trajet, après 2h de route").is_empty());
}
