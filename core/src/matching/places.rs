//! Places: which written places count as one area (`core/data/places.toml`). Arrondissements,
//! neighbourhoods and postcodes are reduced to their city; adjacent communes to the city they
//! border. An unknown place is its own area, compared as written (case and accents folded).

use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt, HashSet};
use serde::Deserialize;

use super::text;

const SOURCE: &str = include_str!("../../data/places.toml");

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::parse(SOURCE).unwrap_or_else(|error| {
        tracing::error!(%error, "the gazetteer does not parse; places are compared as written");
        Gazetteer::default()
    })
});

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    area: Vec<AreaData>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaData {
    city: String,
    near: Vec<String>,
}

/// Folded place names → the display name of their area's city; and every name as written,
/// cities first, for suggestions.
#[derive(Debug, Default)]
struct Gazetteer {
    areas: HashMap<String, String>,
    names: Vec<String>,
    /// Every word of every place name, folded.
    words: HashSet<String>,
}

impl Gazetteer {
    fn parse(source: &str) -> Result<Self, String> {
        let data: Data = toml::from_str(source).map_err(|error| error.to_string())?;
        let mut areas = HashMap::new();
        let mut names: Vec<String> = data.area.iter().map(|area| area.city.clone()).collect();
        for area in data.area {
            for name in std::iter::once(&area.city).chain(&area.near) {
                areas.insert(words(name).join(" "), area.city.clone());
            }
            names.extend(area.near);
        }
        let words = names.iter().flat_map(|name| words(name)).collect();
        Ok(Self { areas, names, words })
    }
}

/// A place's words, folded, without arrondissement numbers, ordinals or postcodes.
fn words(place: &str) -> Vec<String> {
    text::fold(place)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .filter(|word| !is_number_like(word) && !matches!(*word, "arrondissement" | "arr" | "quartier"))
        .map(str::to_owned)
        .collect()
}

/// `11`, `75011`, `3e`, `3eme`, `1er`: parts of an address line that name no place.
fn is_number_like(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "" | "e" | "eme" | "er" | "ere" | "th" | "nd" | "rd" | "st")
}

/// The area a written place belongs to: its city's name when the gazetteer knows it (the
/// place itself, or its first words: "Lyon Croix-Rousse" is in Lyon), else the place folded.
pub fn area(place: &str) -> String {
    let words = words(place);
    for length in (1..=words.len()).rev() {
        if let Some(city) = GAZETTEER.areas.get(&words[..length].join(" ")) {
            return text::fold(city);
        }
    }
    words.join(" ")
}

/// Which tokens write the author's own place: the whole name in any case ("sur Mende",
/// "Digne-les-Bains"), or its first word capitalised ("à Digne"). In a community of Mende,
/// "Mende" is everywhere and says where, never what: no "mend".
pub(super) fn own_place_marks(text: &str, tokens: &[text::Token], place: &str) -> Vec<bool> {
    let name = words(place);
    let mut marks = vec![false; tokens.len()];
    let Some(first) = name.first() else { return marks };
    let capitalised = |token: &text::Token| text[token.span.0..].chars().next().is_some_and(char::is_uppercase);
    let short_first = name.len() > 1 && first.chars().count() >= 4 && !matches!(first.as_str(), "saint" | "sainte");
    for at in 0..tokens.len() {
        let whole = tokens
            .get(at..at + name.len())
            .is_some_and(|run| run.iter().zip(&name).all(|(token, word)| token.folded == *word));
        if whole {
            marks[at..at + name.len()].fill(true);
        } else if short_first && tokens[at].folded == *first && capitalised(&tokens[at]) {
            marks[at] = true;
        }
    }
    marks
}

/// Whether a folded word belongs to a place name the gazetteer knows ("nantes", "croix" and
/// "rousse"): two posts that both name Nantes share a place, not a need.
pub fn is_place_word(folded: &str) -> bool {
    GAZETTEER.words.contains(folded)
}

/// Whether a folded word is the whole name of a place the gazetteer knows ("macon", "tours").
pub fn is_city(folded: &str) -> bool {
    GAZETTEER.areas.contains_key(folded)
}

/// The cities a text names by a capitalised name the gazetteer knows, as areas: "Quelqu'un
/// fait Tours-Paris ?" names tours and paris. A lower-case word is no city ("à tour de rôle").
pub fn cities_named(text: &str) -> Vec<String> {
    let tokens = text::tokens(text);
    let capitalised = |token: &text::Token| token.lower.chars().next() != text[token.span.0..].chars().next();
    let mut cities: Vec<String> = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let found = (1..=3).rev().find_map(|length| {
            let words = tokens.get(at..at + length)?;
            if !capitalised(&words[0]) {
                return None;
            }
            let name = words.iter().map(|token| token.folded.as_str()).collect::<Vec<_>>().join(" ");
            GAZETTEER.areas.get(&name).map(|city| (length, text::fold(city)))
        });
        match found {
            Some((length, city)) => {
                if !cities.contains(&city) {
                    cities.push(city);
                }
                at += length;
            }
            None => at += 1,
        }
    }
    cities
}

/// The area's display name, for reasons members read.
pub fn area_name(place: &str) -> String {
    let words = words(place);
    for length in (1..=words.len()).rev() {
        if let Some(city) = GAZETTEER.areas.get(&words[..length].join(" ")) {
            return city.clone();
        }
    }
    place.trim().to_owned()
}

/// Places to offer someone typing one (Discord completes `/lieu` with them): what they typed
/// first, as written, then the gazetteer's names it begins, cities first; at most `limit`.
pub fn suggestions(typed: &str, limit: usize) -> Vec<String> {
    let typed = typed.trim();
    let folded = text::fold(typed).replace('-', " ");
    let mut found: Vec<String> = Vec::new();
    if !typed.is_empty() {
        found.push(typed.chars().take(100).collect());
    }
    let begins = |name: &&String| text::fold(name).replace('-', " ").starts_with(&folded);
    for name in GAZETTEER.names.iter().filter(begins) {
        if found.len() >= limit {
            break;
        }
        if !found.iter().any(|seen| text::fold(seen) == text::fold(name)) {
            found.push(name.clone());
        }
    }
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_parses() {
        let gazetteer = Gazetteer::parse(SOURCE).expect("places.toml parses");
        assert!(gazetteer.areas.len() > 300);
    }

    #[test]
    fn every_place_the_gazetteer_knows_passes_the_place_rule() {
        for name in &GAZETTEER.names {
            assert_eq!(crate::place::check(name).as_deref(), Ok(name.as_str()), "{name}");
        }
    }

    #[test]
    fn arrondissements_neighbourhoods_and_adjacent_communes_are_one_area() {
        assert_eq!(area("Paris 11e"), area("paris"));
        assert_eq!(area("Paris 1er arrondissement"), "paris");
        assert_eq!(area("75011 Paris"), "paris");
        assert_eq!(area("Boulogne-Billancourt"), "paris");
        assert_eq!(area("Schiltigheim"), "strasbourg");
        assert_eq!(area("Lyon 3ème"), "lyon");
        assert_eq!(area("Lyon Croix-Rousse"), "lyon");
        assert_eq!(area("Villeurbanne"), "lyon");
        assert_eq!(area_name("villeurbanne"), "Lyon");
        assert_ne!(area("Marseille"), area("Lyon"));
        assert_eq!(area("Saint-Pol-de-Léon"), "saint pol de leon", "unknown places are compared as written");
        assert_eq!(area("ST POL"), area("st-pol"));
    }

    #[test]
    fn typing_a_place_suggests_what_was_typed_then_known_places() {
        let found = suggestions("vill", 25);
        assert_eq!(found[0], "vill", "what was typed can be kept");
        assert!(found.contains(&"Villeurbanne".to_owned()) && found.contains(&"Villeneuve-d'Ascq".to_owned()));
        assert_eq!(suggestions("saint et", 3)[1], "Saint-Étienne", "hyphens and accents do not matter");
        assert_eq!(suggestions("Lyon", 3)[0], "Lyon", "an exact name is not offered twice");
        assert_eq!(suggestions("Lyon", 3).len(), 1);
        assert!(suggestions("", 25).len() == 25 && suggestions("", 25)[0] == "Paris", "cities first");
        assert!(suggestions("zzzz", 25) == vec!["zzzz".to_owned()]);
    }
}
