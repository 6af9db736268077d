//! The shipped thesaurus: it parses, and its terms keep their words.

use super::*;

#[test]
fn the_shipped_thesaurus_parses_and_is_well_formed() {
    let thesaurus = Thesaurus::parse(SOURCE).expect("thesaurus.toml parses");
    assert!(thesaurus.concepts.len() >= 60, "{}", thesaurus.concepts.len());
    let mut ids = HashSet::default();
    for concept in &thesaurus.concepts {
        assert!(ids.insert(concept.id.clone()), "duplicate concept {}", concept.id);
        assert!(concept.weight > 0.0 && concept.weight <= 1.0, "{}", concept.id);
    }
    assert!(thesaurus.terms.len() > 800, "{}", thesaurus.terms.len());
}

/// "Sur mesure" without its small words is any "mesure" ("dans la mesure du possible"):
/// a term of several words must keep two, or be written as a phrase, read word for word.
#[test]
fn no_term_shrinks_to_one_word_it_does_not_mean() {
    let data: Data = toml::from_str(SOURCE).expect("thesaurus.toml parses");
    let thesaurus = Thesaurus::parse(SOURCE).expect("thesaurus.toml parses");
    let mut shrunk = Vec::new();
    for concept in &data.concept {
        let singles: HashSet<String> = concept
            .terms
            .iter()
            .filter_map(|term| match text::tokens(term).as_slice() {
                [token] => Some(text::singular(&token.folded).to_owned()),
                _ => None,
            })
            .collect();
        for term in &concept.terms {
            let tokens = text::tokens(term);
            let content: Vec<&Token> = tokens.iter().filter(|t| !thesaurus.is_stop(t)).collect();
            if let [word] = content.as_slice()
                && tokens.len() > 1
                && !singles.contains(text::singular(&word.folded))
            {
                shrunk.push(format!("{}: {term}", concept.id));
            }
        }
    }
    assert!(shrunk.is_empty(), "terms that shrink to one word (make them phrases): {shrunk:#?}");
}

#[test]
fn rejects_a_malformed_thesaurus() {
    assert!(Thesaurus::parse("stop_words = [").is_err());
    let unknown_kind = "online = []\nstop_words = []\nexact = []\n[help_kinds]\nsteal = [\"voler\"]\n";
    assert!(Thesaurus::parse(&format!("{unknown_kind}[[concept]]\nid='a'\ntopic='t'\nterms=['x']")).is_err());
}
