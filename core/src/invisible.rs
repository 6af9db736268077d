//! Characters no one sees: Unicode format characters (zero-width spaces and joiners,
//! bidirectional marks and overrides, tags…), the other default-ignorable ones and control
//! characters. Names, places and notes lose them ([`clean`]); what an admin writes is refused
//! for them (`identity`). Its own module, under both `identity` and `place`.

/// Whether a character shows nothing or changes the direction of the text around it: Unicode
/// format characters (`Cf`: zero-width spaces and joiners, bidirectional marks, embeddings,
/// overrides and isolates, the byte order mark, tags…), the other default-ignorable ones
/// (variation selectors, Hangul fillers) and control characters other than blanks.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// The text without invisible characters, blanks collapsed to single spaces: how a name or a
/// place from a platform or a member is kept.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !is_invisible(*c)));
        // A "word" made of invisible characters only leaves no double space behind.
        if out.len() == start + usize::from(start > 0) {
            out.truncate(start);
        }
    }
    out
}

/// The first invisible character of a text, if any.
pub fn find_invisible(text: &str) -> Option<char> {
    text.chars().find(|c| is_invisible(*c))
}

/// `U+200B`: how a character that cannot be seen is named in messages.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}
