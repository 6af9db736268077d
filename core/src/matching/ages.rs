//! The ages a post names: "mon bébé de 6 mois", "mes enfants (3 et 6 ans)", "garde les
//! 3-10 ans", "vêtements 0-12 mois", "à partir de 7 ans", "kids 3+". An offer for children of
//! some ages does not meet a request for a child of another age.

use super::text::fold;

/// Ages in years, as a post names them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ages {
    /// Ranges ("3-10 ans", "à partir de 7 ans": up to [`OLDEST`]).
    pub ranges: Vec<(f32, f32)>,
    /// Single ages ("mon fils de 4 ans", "un bébé"): in an offer, usually its author's own, so
    /// only a request's count.
    pub single: Vec<f32>,
}

/// The upper end of an open range.
const OLDEST: f32 = 120.0;
/// The age a baby named without one is taken to have.
const BABY: f32 = 0.5;

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Number(f32),
    Word(String),
    Plus,
    Dash,
}

/// Reads the ages a text names.
pub fn read(text: &str) -> Ages {
    let items = items(&fold(text));
    let mut ages = Ages::default();
    let unit = |at: usize| match items.get(at) {
        Some(Item::Word(word)) => match word.as_str() {
            "an" | "ans" | "year" | "years" | "yo" => Some(1.0),
            "mois" | "month" | "months" => Some(1.0 / 12.0),
            _ => None,
        },
        _ => None,
    };
    let word = |at: Option<usize>| match at.and_then(|at| items.get(at)) {
        Some(Item::Word(word)) => Some(word.as_str()),
        _ => None,
    };
    let mut at = 0;
    while at < items.len() {
        match items[at] {
            Item::Word(ref word) if ["bebe", "bebes", "baby", "nourrisson", "newborn"].contains(&word.as_str()) => {
                ages.single.push(BABY);
            }
            Item::Number(low) => {
                // "Depuis 5 ans", "il y a 2 ans", "pendant 3 mois": a duration, not an age.
                let before = word(at.checked_sub(1));
                let duration = matches!(before, Some("depuis" | "pendant" | "dans" | "for" | "since" | "in"))
                    || (before == Some("a") && word(at.checked_sub(2)) == Some("y"));
                let linked = matches!(items.get(at + 1), Some(Item::Dash))
                    || matches!(word(Some(at + 1)), Some("a" | "to" | "et" | "and"));
                let kids = before
                    .is_some_and(|before| ["kids", "enfants", "children", "ages", "age", "aged"].contains(&before));
                // "Ages 3 to 10": after a word for ages, a range without its unit is in years.
                let range_unit = unit(at + 3).or_else(|| kids.then_some(1.0));
                if let (true, Some(Item::Number(high)), Some(scale)) = (linked, items.get(at + 2), range_unit) {
                    // "3-10 ans", "de 3 à 6 ans" are a range; "3 et 6 ans" two children.
                    let both = matches!(word(Some(at + 1)), Some("et" | "and"));
                    if !duration && both {
                        ages.single.extend([low * scale, high * scale]);
                    } else if !duration {
                        ages.ranges.push((low * scale, high * scale));
                    }
                    at += 4;
                    continue;
                }
                // "3+", "3 and up", "3 ans et plus": from that age on.
                let and_up = |i: usize| {
                    matches!(items.get(i), Some(Item::Plus))
                        || matches!(
                            (word(Some(i)), word(Some(i + 1))),
                            (Some("and" | "et" | "ou" | "or"), Some("up" | "plus" | "over" | "older"))
                        )
                };
                let open = and_up(at + 1) || (unit(at + 1).is_some() && and_up(at + 2));
                // "Réservé aux personnes de plus de 70 ans", "les seniors (plus de 70 ans)": whom
                // an offer takes (not its author, "j'ai plus de 60 ans", nor "depuis plus de 5
                // ans", nor "plus de 20 ans d'expérience").
                const WHOM: [&str; 9] =
                    ["personnes", "gens", "seniors", "aines", "enfants", "jeunes", "adultes", "aux", "les"];
                let whom = |back: usize| word(at.checked_sub(back)).is_some_and(|word| WHOM.contains(&word));
                let over = matches!(before, Some("de"))
                    && word(at.checked_sub(2)) == Some("plus")
                    && (whom(3) || word(at.checked_sub(3)) == Some("de") && whom(4))
                    && !matches!(word(Some(at + 2)), Some("d" | "de" | "du" | "que" | "qu"));
                let from = matches!(before, Some("de")) && word(at.checked_sub(2)) == Some("partir")
                    || over
                    || matches!(before, Some("from" | "over"));
                // "8-month-old", "a 6-year-old".
                let hyphenated = unit(at + 2).filter(|_| matches!(items.get(at + 1), Some(Item::Dash)));
                // "I'm 52": an age said of oneself needs no unit.
                // ("I'm 20 minutes away" is no age: only a clause may follow.)
                let own = matches!((word(at.checked_sub(2)), before), (Some("i"), Some("m" | "am")))
                    && matches!(word(Some(at + 1)), None | Some("and" | "but" | "so" | "with" | "now" | "i" | "my"));
                let scale = unit(at + 1)
                    .or(hyphenated)
                    .or_else(|| unit(at + 2).filter(|_| open))
                    .or_else(|| own.then_some(1.0));
                match (scale, open || from) {
                    (Some(scale), true) if !duration => ages.ranges.push((low * scale, OLDEST)),
                    (None, true) if open && kids => ages.ranges.push((low, OLDEST)),
                    // ("Pour nos 10 ans de mariage", "20 ans d'expérience", "2 ans de retard": a
                    // length of time; "ma fille de 2 ans de 9h à 12h" still has an age.)
                    (Some(_), false)
                        if matches!(word(Some(at + 2)), Some("de" | "d" | "of"))
                            && !matches!(items.get(at + 3), Some(Item::Number(_))) => {}
                    (Some(scale), false) if !duration => {
                        if word(at.checked_sub(1)) == Some("de") && word(at.checked_sub(2)) == Some("moins") {
                            ages.ranges.push((0.0, low * scale));
                        } else {
                            ages.single.push(low * scale);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        at += 1;
    }
    ages
}

/// Whether help for the ages an offer names may meet the ages a request names: either names
/// none, or one of the request's ages falls in one of the offer's ranges.
pub fn agree(offer: &Ages, request: &Ages) -> bool {
    if offer.ranges.is_empty() || (request.single.is_empty() && request.ranges.is_empty()) {
        return true;
    }
    let within = |age: f32| offer.ranges.iter().any(|(low, high)| age >= *low && age <= *high);
    let overlaps = |(from, to): (f32, f32)| offer.ranges.iter().any(|(low, high)| from <= *high && to >= *low);
    request.single.iter().any(|age| within(*age)) || request.ranges.iter().any(|range| overlaps(*range))
}

/// Numbers, words and the signs between them, in order.
fn items(folded: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut number = String::from(c);
            while let Some(next) = chars.peek().copied().filter(char::is_ascii_digit) {
                number.push(next);
                chars.next();
            }
            if let Ok(value) = number.parse::<f32>() {
                items.push(Item::Number(value));
            }
        } else if c.is_alphabetic() {
            let mut word = String::from(c);
            while let Some(next) = chars.peek().copied().filter(|c| c.is_alphabetic()) {
                word.push(next);
                chars.next();
            }
            // "De la naissance à 4 ans": birth is age 0.
            if word == "naissance" || word == "birth" {
                items.push(Item::Number(0.0));
            } else {
                items.push(Item::Word(word));
            }
        } else if c == '+' {
            items.push(Item::Plus);
        } else if c == '-' || c == '–' {
            items.push(Item::Dash);
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ages_and_ranges() {
        assert_eq!(read("siège auto (de la naissance à 4 ans environ)").ranges, vec![(0.0, 4.0)]);
        assert_eq!(read("mon bébé de 6 mois").single, vec![BABY, 0.5]);
        assert_eq!(read("mes 2 enfants (3 et 6 ans)").single, vec![3.0, 6.0]);
        assert_eq!(read("je garde les vôtres (3-10 ans)").ranges, vec![(3.0, 10.0)]);
        assert_eq!(read("vêtements fille 0-12 mois").ranges, vec![(0.0, 1.0)]);
        assert_eq!(read("enfants à partir de 7 ans").ranges, vec![(7.0, OLDEST)]);
        assert_eq!(read("Kids 3+").ranges, vec![(3.0, OLDEST)]);
        assert_eq!(read("Kids aged 3 and up only").ranges, vec![(3.0, OLDEST)]);
        assert_eq!(read("enfants de 6 ans et plus").ranges, vec![(6.0, OLDEST)]);
        assert_eq!(read("réservé aux personnes de plus de 70 ans").ranges, vec![(70.0, OLDEST)]);
        assert_eq!(read("uniquement pour les seniors (plus de 70 ans)").ranges, vec![(70.0, OLDEST)]);
        assert!(read("plus de 20 ans d'expérience, depuis plus de 5 ans").ranges.is_empty());
        assert!(read("j'ai plus de 60 ans, je garde vos enfants").ranges.is_empty());
        assert_eq!(read("our 8-month-old baby girl").single, vec![8.0 / 12.0, BABY]);
        assert_eq!(read("de 3 à 6 ans").ranges, vec![(3.0, 6.0)]);
        assert_eq!(read("Ages 3 to 10, I've done summer camps").ranges, vec![(3.0, 10.0)]);
        assert_eq!(read("Hi there, I'm 52 and have always regretted it").single, vec![52.0]);
        assert_eq!(read("I'm 20 minutes away"), Ages::default());
        // Durations are no ages; a number without a unit is none either.
        assert_eq!(read("il joue depuis 5 ans, il y a 2 ans, pendant 3 mois"), Ages::default());
        assert_eq!(read("pour nos 10 ans de mariage, 20 ans d'expérience, 30 years of practice"), Ages::default());
        assert_eq!(read("garder ma fille de 2 ans de 9h à 12h").single, vec![2.0]);
        assert_eq!(read("2 places, 135€, 40kg"), Ages::default());
    }

    #[test]
    fn an_offer_for_some_ages_does_not_meet_a_child_of_another() {
        let three_to_ten = read("je garde les enfants (3-10 ans)");
        assert!(!agree(&three_to_ten, &read("baby-sitter pour mon bébé de 6 mois")));
        assert!(agree(&three_to_ten, &read("garder mes 2 enfants (3 et 6 ans)")));
        assert!(agree(&three_to_ten, &read("garder mon fils samedi")), "no age named");
        // An offer's single age is its author's: "20 ans, je garde vos enfants".
        assert!(agree(&read("étudiante de 20 ans, je garde vos enfants"), &read("mon fils de 4 ans")));
        assert!(!agree(&read("vêtements bébé 0-12 mois"), &read("vêtements garçon 2-3 ans")));
    }
}
