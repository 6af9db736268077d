//! Places as members give them: a city or a neighbourhood ("Lyon 3e", "Paris 75011",
//! "Croix-Rousse", "Place des Terreaux"), never an address nor a way to reach someone. One
//! rule for `/lieu`, the import and anything else that stores a place.
//!
//! A street word ("rue", "av.", "quai", "route"…) is an address only with a house number
//! beside it ("1 place Bellecour"): a square or a street alone names a neighbourhood. Building
//! and flat details, phone numbers, e-mail addresses, handles and links are refused always.
//! A postcode (five digits) next to a city is no address. [`contact`] also serves names.

use crate::invisible;
use crate::matching::fold;

/// Longest place kept, in characters: a city with a neighbourhood fits.
pub const MAX_PLACE_CHARS: usize = 60;

/// Why a text is no place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// A house number with a street word ("12 rue de la Paix", "1 place Bellecour").
    #[error("looks like a street address")]
    Address,
    /// Building or flat details ("bât. C", "escalier 3", "appt 12", "Résidence les Tilleuls").
    #[error("looks like building or flat details")]
    Building,
    /// A phone number.
    #[error("looks like a phone number")]
    Phone,
    /// An e-mail address.
    #[error("looks like an e-mail address")]
    Email,
    /// An account handle (`@bob`, `@bob:matrix.org`).
    #[error("looks like an account handle")]
    Handle,
    /// A link or a domain name.
    #[error("looks like a link")]
    Link,
    /// Longer than [`MAX_PLACE_CHARS`].
    #[error("is too long")]
    TooLong,
    /// No name in it: a postcode alone, punctuation.
    #[error("has no city or neighbourhood name")]
    NoName,
}

impl PlaceError {
    /// Every reason, for tests that render them all.
    pub const ALL: &'static [PlaceError] = &[
        PlaceError::Address,
        PlaceError::Building,
        PlaceError::Phone,
        PlaceError::Email,
        PlaceError::Handle,
        PlaceError::Link,
        PlaceError::TooLong,
        PlaceError::NoName,
    ];

    /// The catalog message that says why, as the end of "this place …" (it takes `$max`).
    pub fn catalog_id(self) -> &'static str {
        match self {
            PlaceError::Address => "place-why-address",
            PlaceError::Building => "place-why-building",
            PlaceError::Phone => "place-why-phone",
            PlaceError::Email => "place-why-email",
            PlaceError::Handle => "place-why-handle",
            PlaceError::Link => "place-why-link",
            PlaceError::TooLong => "place-why-too-long",
            PlaceError::NoName => "place-why-no-name",
        }
    }
}

/// A place as it is kept: invisible characters dropped, blanks collapsed; or why it is none.
pub fn check(text: &str) -> Result<String, PlaceError> {
    if text.chars().count() > MAX_PLACE_CHARS * 4 {
        return Err(PlaceError::TooLong);
    }
    let place = invisible::clean(text);
    if place.chars().count() > MAX_PLACE_CHARS {
        return Err(PlaceError::TooLong);
    }
    if let Some(contact) = contact(&place) {
        return Err(contact);
    }
    if place.contains(['@', '＠']) {
        return Err(PlaceError::Handle);
    }
    let words = words(&place);
    if building(&words) {
        return Err(PlaceError::Building);
    }
    let numbered = words.iter().any(|word| house_number(&word.text));
    if numbered && words.iter().any(street_word) {
        return Err(PlaceError::Address);
    }
    if !words.iter().any(|word| word.text.chars().filter(|c| c.is_alphabetic()).count() >= 2) {
        return Err(PlaceError::NoName);
    }
    Ok(place)
}

/// Contact details in a text, if any: an e-mail address, a link or a phone number.
pub fn contact(text: &str) -> Option<PlaceError> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || ",;()<>\"«»[]".contains(c))
        .map(|token| token.trim_matches(|c: char| ".:!?'".contains(c)))
        .filter(|token| !token.is_empty())
        .collect();
    if tokens.iter().any(|token| email(token)) {
        return Some(PlaceError::Email);
    }
    if lower.contains("://") || tokens.iter().any(|token| link(token)) {
        return Some(PlaceError::Link);
    }
    if phone(text) {
        return Some(PlaceError::Phone);
    }
    None
}

/// `name@domain.tld`.
fn email(token: &str) -> bool {
    let Some((local, domain)) = token.split_once(['@', '＠']) else {
        return false;
    };
    !local.is_empty() && domain.split('.').count() >= 2 && domain.split('.').all(|label| !label.is_empty())
}

/// Top-level domains a link in a French-speaking community ends with (a place never does:
/// "St.Etienne" is no domain, "lyon.fr" is).
const TLDS: &[&str] = &[
    "fr", "com", "org", "net", "eu", "be", "ch", "lu", "ca", "re", "io", "me", "info", "biz", "co", "de", "uk", "es",
    "it", "app", "dev", "xyz", "site", "online", "link", "page", "gl", "ly", "gg", "to", "tv", "bzh", "paris",
    "alsace", "corsica", "nc", "pf", "gp", "mq", "gf", "yt", "pm", "ma", "tn", "dz", "sn", "ci",
];

/// `www.…`, `example.org`, `t.me/xyz`, `bit.ly/…`: a domain, with or without a path.
fn link(token: &str) -> bool {
    if token.contains(['@', '＠']) {
        return false;
    }
    if token.starts_with("www.") {
        return true;
    }
    let host = token.split('/').next().unwrap_or(token);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty() && !label.starts_with('-') && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| TLDS.contains(tld))
}

/// A phone number: eight digits or more written as one number (`06 12 34 56 78`,
/// `+33 6 12 34 56 78`, `06.12.34.56.78`, `0612345678`), or any run of seven digits or more.
/// Several postcodes side by side ("75011 75012") are no phone number.
fn phone(text: &str) -> bool {
    // Digit groups of the number being read; a character other than a digit or a
    // separator ends it.
    let mut groups: Vec<usize> = Vec::new();
    let mut current = 0;
    let finish = |groups: &mut Vec<usize>| -> bool {
        let digits: usize = groups.iter().sum();
        let long = groups.iter().any(|group| *group >= 7);
        let postcodes = groups.iter().all(|group| *group == 5);
        groups.clear();
        long || (digits >= 8 && !postcodes)
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            current += 1;
            continue;
        }
        if current > 0 {
            groups.push(current);
            current = 0;
        }
        let separator = c.is_whitespace() || ".-/()+".contains(c);
        if !separator && finish(&mut groups) {
            return true;
        }
    }
    if current > 0 {
        groups.push(current);
    }
    finish(&mut groups)
}

/// One word of a place, folded (lowercase, no accents), with what follows it.
struct Word {
    /// The word, as folded: "bât." is "bat.", "allée" is "allee".
    text: String,
    /// The next word in the same part of the place (commas separate parts), if any.
    next: Option<String>,
}

/// A place's words, in parts separated by commas.
fn words(place: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for part in fold(place).split([',', ';']) {
        let part: Vec<String> = part
            .split(|c: char| c.is_whitespace() || "()/\"«»[]:!?".contains(c))
            .filter(|word| !word.is_empty())
            .map(str::to_owned)
            .collect();
        for (at, word) in part.iter().enumerate() {
            words.push(Word { text: word.clone(), next: part.get(at + 1).cloned() });
        }
    }
    words
}

/// A house number: `12`, `7ter`, `12b`, `12-14`, `n°3`; not an arrondissement (`3e`, `1er`)
/// nor a postcode (five digits).
fn house_number(word: &str) -> bool {
    let word = word.trim_start_matches("n°").trim_start_matches("nº").trim_end_matches('.');
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if !(1..=4).contains(&digits) {
        return false;
    }
    let rest = &word[digits..];
    match rest.strip_prefix('-') {
        Some(to) => (1..=4).contains(&to.len()) && to.chars().all(|c| c.is_ascii_digit()),
        None => matches!(rest, "" | "bis" | "ter" | "quater" | "a" | "b" | "c" | "d"),
    }
}

/// Street words, folded, without their abbreviation dot.
const STREETS: &[&str] = &[
    "rue",
    "ruelle",
    "r",
    "avenue",
    "av",
    "ave",
    "boulevard",
    "bd",
    "bld",
    "blvd",
    "boul",
    "place",
    "pl",
    "placette",
    "quai",
    "cours",
    "crs",
    "route",
    "rte",
    "chemin",
    "chem",
    "ch",
    "allee",
    "all",
    "impasse",
    "imp",
    "square",
    "sq",
    "sentier",
    "sente",
    "voie",
    "passage",
    "cite",
    "lotissement",
    "lot",
    "lieu-dit",
    "lieudit",
    "ld",
    "faubourg",
    "fbg",
    "montee",
    "mail",
    "esplanade",
    "parvis",
    "promenade",
    "rond-point",
    "hameau",
    "villa",
    "street",
    "road",
    "lane",
    "highway",
    "drive",
];

/// English street words that are also other words ("St Jean" is Saint-Jean): a street only at
/// the end of a part ("12 Main St").
const STREETS_AT_END: &[&str] = &["st", "rd", "ln", "dr", "way", "ct", "court", "close", "row", "walk", "terrace"];

fn street_word(word: &Word) -> bool {
    let bare = word.text.trim_end_matches('.');
    STREETS.contains(&bare) || (word.next.is_none() && STREETS_AT_END.contains(&bare))
}

/// Building and flat words, always details of an address (folded, without their dot).
const BUILDINGS: &[&str] = &[
    "batiment",
    "bat",
    "bt",
    "escalier",
    "esc",
    "appartement",
    "appart",
    "appt",
    "apt",
    "app",
    "etage",
    "residence",
    "immeuble",
    "imm",
    "digicode",
    "interphone",
    "cedex",
    "apartment",
    "building",
    "bldg",
    "floor",
];

/// Words that are building details only before a number or a letter ("porte B", "entrée 2"):
/// "Porte de Vanves" is a neighbourhood.
const BUILDINGS_BEFORE_ID: &[&str] = &["porte", "entree", "bloc", "flat", "suite", "unit", "tour", "lot"];

/// Whether the place gives building or flat details. Short forms count with their dot
/// ("bât." and "esc.") or before a number or letter ("bat C"), so that a word like "bat"
/// alone is no address.
fn building(words: &[Word]) -> bool {
    words.iter().any(|word| {
        let bare = word.text.trim_end_matches('.');
        let dotted = word.text.ends_with('.');
        let before_id = word.next.as_deref().is_some_and(identifier);
        let short = matches!(bare, "bat" | "bt" | "esc" | "app" | "imm");
        (BUILDINGS.contains(&bare) && (!short || dotted || before_id))
            || (BUILDINGS_BEFORE_ID.contains(&bare) && before_id)
    })
}

/// What names a building, stair, door or flat: `3`, `B`, `B2`, `12b`.
fn identifier(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    !word.is_empty()
        && word.chars().all(char::is_alphanumeric)
        && ((digits == 0 && letters == 1) || ((1..=4).contains(&digits) && letters <= 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example from issue #20, and addresses as members write them.
    const REFUSED: &[(&str, PlaceError)] = &[
        ("12 rue de la Paix", PlaceError::Address),
        ("12 r. de la Paix", PlaceError::Address),
        ("1 place Bellecour", PlaceError::Address),
        ("3 quai Saint-Antoine", PlaceError::Address),
        ("10 cours Lafayette", PlaceError::Address),
        ("7 ter, route de Lyon", PlaceError::Address),
        ("12 bis rue Victor Hugo", PlaceError::Address),
        ("12bis rue Victor Hugo, Lyon", PlaceError::Address),
        ("12 rue Sala, Lyon", PlaceError::Address),
        ("45 av. Jean Jaurès", PlaceError::Address),
        ("45 avenue Jean-Jaurès 69007 Lyon", PlaceError::Address),
        ("8 bd de la Croix-Rousse", PlaceError::Address),
        ("23, boulevard Voltaire, Paris 75011", PlaceError::Address),
        ("5 pl. Jean Macé", PlaceError::Address),
        ("17 chemin des Vignes", PlaceError::Address),
        ("4 ch. du Moulin", PlaceError::Address),
        ("2 allée des Tilleuls", PlaceError::Address),
        ("6 impasse du Lavoir", PlaceError::Address),
        ("3 imp. des Acacias", PlaceError::Address),
        ("1250 rte de Grenoble", PlaceError::Address),
        ("n°14 square Gambetta", PlaceError::Address),
        ("9 sentier des Douaniers", PlaceError::Address),
        ("15 voie romaine", PlaceError::Address),
        ("2 passage Choiseul", PlaceError::Address),
        ("11 cité des Fleurs", PlaceError::Address),
        ("3 lotissement Les Chênes", PlaceError::Address),
        ("Lieu-dit Les Granges 4", PlaceError::Address),
        ("12-14 rue des Martyrs", PlaceError::Address),
        ("221b Baker Street", PlaceError::Address),
        ("12 Main St", PlaceError::Address),
        ("Bâtiment B, escalier 3, appt 12", PlaceError::Building),
        ("Résidence les Tilleuls, bât. C", PlaceError::Building),
        ("Résidence du Parc", PlaceError::Building),
        ("Lyon 8e, bat C", PlaceError::Building),
        ("Esc. B 2e étage", PlaceError::Building),
        ("3e étage porte gauche", PlaceError::Building),
        ("Croix-Rousse, porte 12", PlaceError::Building),
        ("Vaulx-en-Velin, appartement 34", PlaceError::Building),
        ("Tour B, Part-Dieu", PlaceError::Building),
        ("Villeurbanne cedex", PlaceError::Building),
        ("06 12 34 56 78", PlaceError::Phone),
        ("+33 6 12 34 56 78", PlaceError::Phone),
        ("0612345678", PlaceError::Phone),
        ("06.12.34.56.78", PlaceError::Phone),
        ("06-12-34-56-78", PlaceError::Phone),
        ("Lyon, appelle le 04 78 00 00 00", PlaceError::Phone),
        ("0033 612 345 678", PlaceError::Phone),
        ("bob@example.org", PlaceError::Email),
        ("Lyon bob.martin@orange.fr", PlaceError::Email),
        ("@bob", PlaceError::Handle),
        ("@sophie:matrix.org", PlaceError::Handle),
        ("https://maps.app.goo.gl/xyz", PlaceError::Link),
        ("www.mairie-lyon.fr", PlaceError::Link),
        ("lyon.fr", PlaceError::Link),
        ("t.me/entraide_lyon", PlaceError::Link),
        ("69002", PlaceError::NoName),
        ("?!", PlaceError::NoName),
    ];

    /// Cities and neighbourhoods, with arrondissements and postcodes.
    const ACCEPTED: &[&str] = &[
        "Paris 75011",
        "75011 Paris",
        "Lyon 3e",
        "Lyon 7e arrondissement",
        "Paris 1er",
        "Paris 15",
        "Marseille 13008",
        "Villeurbanne",
        "Saint-Étienne",
        "St Étienne",
        "Lyon 5 St Jean",
        "Croix-Rousse",
        "Lyon Croix-Rousse",
        "Bellecour",
        "Presqu'île",
        "Place des Terreaux",
        "Cours Lafayette",
        "Porte de Vanves",
        "Paris 14e, Porte d'Orléans",
        "La Part-Dieu",
        "Quartier des Pentes",
        "Vaulx-en-Velin",
        "Champagne-au-Mont-d'Or",
        "Le Pré-Saint-Gervais",
        "Genève 1201",
        "Bruxelles 1000",
        "Paris 75011 75012",
        "Lyon 3ème",
        "Aix-en-Provence",
        "Saint-Denis (La Réunion)",
    ];

    #[test]
    fn addresses_and_contact_details_are_no_places() {
        for (text, why) in REFUSED {
            assert_eq!(check(text), Err(*why), "{text}");
        }
    }

    #[test]
    fn cities_neighbourhoods_and_postcodes_are_places() {
        for text in ACCEPTED {
            assert_eq!(check(text).as_deref(), Ok(*text), "{text}");
        }
    }

    #[test]
    fn invisible_characters_are_dropped_before_the_rule() {
        assert_eq!(check("Ly\u{200B}on  3e"), Ok("Lyon 3e".to_owned()));
        assert_eq!(check("\u{202E}Croix-Rousse\u{202C}"), Ok("Croix-Rousse".to_owned()));
        assert_eq!(check("12 r\u{200B}ue de la Paix"), Err(PlaceError::Address));
        assert_eq!(check("06\u{200B}12\u{200B}34\u{200B}56\u{200B}78"), Err(PlaceError::Phone));
    }

    #[test]
    fn lengths_are_capped() {
        assert_eq!(check(&"a".repeat(MAX_PLACE_CHARS)).map(|p| p.len()), Ok(MAX_PLACE_CHARS));
        assert_eq!(check(&"a".repeat(MAX_PLACE_CHARS + 1)), Err(PlaceError::TooLong));
        assert_eq!(check(&"Lyon".repeat(25_000)), Err(PlaceError::TooLong));
    }

    #[test]
    fn names_have_no_contact_details() {
        assert_eq!(contact("Marie Dupont"), None);
        assert_eq!(contact("Membre 4999"), None);
        assert_eq!(contact("J.-P. Martin"), None);
        assert_eq!(contact("St.Etienne"), None);
        assert_eq!(contact("marie.dupont@gmail.com"), Some(PlaceError::Email));
        assert_eq!(contact("Marie (07 81 22 33 44)"), Some(PlaceError::Phone));
        assert_eq!(contact("Marie, voir http://marie.example"), Some(PlaceError::Link));
    }
}
