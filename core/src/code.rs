//! Invitation codes: 80 random bits written as 16 Crockford base-32 characters in four
//! groups (`K7QM-2XRD-9TBF-W4HN`). Easy to read aloud and to type: no I, L, O or U, and
//! the parser forgives case, spaces, dashes and the usual look-alikes.

/// Crockford's alphabet: digits and letters without I, L, O, U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code, without separators.
pub const CODE_LEN: usize = 16;
/// Random bytes behind a code (16 × 5 bits = 80 bits).
pub const CODE_BYTES: usize = 10;

/// Characters in a link code (`/lier`): 40 bits, enough for a code that works once and
/// only for minutes.
pub const LINK_CODE_LEN: usize = 8;
/// Random bytes behind a link code.
pub const LINK_CODE_BYTES: usize = 5;

/// Writes random bytes as a canonical invitation code (with dashes).
pub fn encode(bytes: &[u8; CODE_BYTES]) -> String {
    symbols(bytes, CODE_LEN)
}

/// Writes random bytes as a canonical link code (`XXXX-XXXX`).
pub fn encode_link(bytes: &[u8; LINK_CODE_BYTES]) -> String {
    symbols(bytes, LINK_CODE_LEN)
}

/// `len` base-32 symbols from the bytes, in groups of four.
fn symbols(bytes: &[u8], len: usize) -> String {
    let mut bits: u128 = 0;
    for byte in bytes {
        bits = (bits << 8) | u128::from(*byte);
    }
    let mut out = String::with_capacity(len + len / 4);
    for index in 0..len {
        if index > 0 && index % 4 == 0 {
            out.push('-');
        }
        let shift = 5 * (len - 1 - index);
        let digit = ((bits >> shift) & 0x1f) as usize;
        out.push(char::from(ALPHABET[digit]));
    }
    out
}

/// Reads what a member typed into the canonical invitation code, or `None`.
pub fn normalize(typed: &str) -> Option<String> {
    normalize_len(typed, CODE_LEN)
}

/// Reads what a member typed into the canonical link code, or `None`.
pub fn normalize_link(typed: &str) -> Option<String> {
    normalize_len(typed, LINK_CODE_LEN)
}

/// Reads a code of `len` symbols, forgiving case, separators and look-alikes.
fn normalize_len(typed: &str, len: usize) -> Option<String> {
    let mut symbols = String::with_capacity(CODE_LEN);
    for c in typed.chars() {
        let symbol = match c.to_ascii_uppercase() {
            '-' | ' ' | '.' | '_' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii_alphanumeric() && c != 'U' => c,
            _ => return None,
        };
        if symbols.len() == len {
            return None;
        }
        symbols.push(symbol);
    }
    if symbols.len() != len {
        return None;
    }
    let mut out = String::with_capacity(len + len / 4);
    for (index, c) in symbols.chars().enumerate() {
        if index > 0 && index % 4 == 0 {
            out.push('-');
        }
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_80_bits_in_four_groups() {
        let code = encode(&[0xff; CODE_BYTES]);
        assert_eq!(code, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        assert_eq!(encode(&[0; CODE_BYTES]), "0000-0000-0000-0000");
        let code = encode(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(code.len(), CODE_LEN + 3);
        assert_eq!(normalize(&code), Some(code.clone()));
    }

    #[test]
    fn forgives_how_people_type_it() {
        let code = encode(&[0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22]);
        let sloppy = code.to_lowercase().replace('-', " ").replace('1', "l");
        assert_eq!(normalize(&sloppy), Some(code));
    }

    #[test]
    fn link_codes_are_short() {
        let code = encode_link(&[0xab; LINK_CODE_BYTES]);
        assert_eq!(code.len(), LINK_CODE_LEN + 1);
        assert_eq!(normalize_link(&code.to_lowercase()), Some(code.clone()));
        assert_eq!(normalize(&code), None, "a link code is no invitation code");
    }

    #[test]
    fn refuses_what_cannot_be_a_code() {
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("ABCD"), None);
        assert_eq!(normalize("ABCD-ABCD-ABCD-ABCD-A"), None);
        assert_eq!(normalize("ABCD-ABCD-ABCD-ABCU"), None);
        assert_eq!(normalize("ABCD-ABCD-ABCD-ABC!"), None);
    }
}
