//! Messages in parts each platform accepts. Telegram refuses a text over 4,096 characters
//! and a caption over 1,024, Discord a message over 2,000, Matrix an event over 65,536
//! bytes: a refusal for length is final, so a long message (the help, a helper's `/mes`)
//! is cut before it is enqueued, at line breaks where it can, into several outbox messages
//! that each go once and in order.

use crate::model::{Outgoing, OutgoingBody, Platform};

/// How a platform counts a message's length, and how long one may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeLimit {
    /// The longest text.
    pub text: usize,
    /// The longest caption under an image or a file.
    pub caption: usize,
    /// What is counted.
    pub unit: Unit,
}

/// What a platform counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-16 code units (Telegram, Discord: an emoji counts twice; never an undercount).
    Utf16,
    /// Bytes of UTF-8 (Matrix limits the event's size).
    Bytes,
}

impl Unit {
    /// The length of `text` in this unit.
    pub fn measure(self, text: &str) -> usize {
        match self {
            Unit::Utf16 => text.encode_utf16().count(),
            Unit::Bytes => text.len(),
        }
    }

    fn of_char(self, c: char) -> usize {
        match self {
            Unit::Utf16 => c.len_utf16(),
            Unit::Bytes => c.len_utf8(),
        }
    }
}

/// The platform's limit, `None` where there is none (the console).
pub fn limit(platform: Platform) -> Option<SizeLimit> {
    match platform {
        Platform::Console => None,
        Platform::Telegram => Some(SizeLimit { text: 4_096, caption: 1_024, unit: Unit::Utf16 }),
        Platform::Discord => Some(SizeLimit { text: 2_000, caption: 2_000, unit: Unit::Utf16 }),
        // A third of the event's 65,536 bytes: room for the JSON around the text, its
        // escapes and the server's own fields.
        Platform::Matrix => Some(SizeLimit { text: 20_000, caption: 20_000, unit: Unit::Bytes }),
    }
}

/// `text` in parts of at most `max` units: whole lines where they fit, a line too long cut
/// at a space, a word too long cut where it must. Parts carry no trailing line break.
pub fn split(text: &str, max: usize, unit: Unit) -> Vec<String> {
    let max = max.max(1);
    let mut parts = Vec::new();
    let mut part = String::new();
    for line in text.split_inclusive('\n') {
        if !part.is_empty() && unit.measure(&part) + unit.measure(line.trim_end()) > max {
            push(&mut parts, std::mem::take(&mut part));
        }
        let mut line = line;
        while unit.measure(line.trim_end()) > max {
            let cut = cut_at(line, max, unit);
            push(&mut parts, line[..cut].to_owned());
            line = line[cut..].trim_start_matches(' ');
        }
        part.push_str(line);
    }
    push(&mut parts, part);
    if parts.is_empty() {
        parts.push(String::new());
    }
    parts
}

/// Keeps a part that says something, without its trailing line breaks.
fn push(parts: &mut Vec<String>, part: String) {
    let part = part.trim_end();
    if !part.is_empty() {
        parts.push(part.to_owned());
    }
}

/// Where to cut a line longer than `max`: after the last space that keeps the first piece
/// within it, or at the last character that does.
fn cut_at(line: &str, max: usize, unit: Unit) -> usize {
    let mut used = 0;
    let mut hard = 0;
    let mut soft = None;
    for (at, c) in line.char_indices() {
        used += unit.of_char(c);
        if used > max {
            break;
        }
        hard = at + c.len_utf8();
        if c == ' ' {
            soft = Some(hard);
        }
    }
    // At least one character, so that the loop always moves on.
    soft.filter(|&at| at > 0).unwrap_or(hard.max(line.chars().next().map_or(1, char::len_utf8)))
}

/// The key of a message's `n`th part (0: the message's own key, so that what is recorded
/// of the message — where a relayed text went — is recorded of its first part).
fn part_key(key: &str, n: usize) -> String {
    if n == 0 { key.to_owned() } else { format!("{key}#{}", n + 1) }
}

/// `message` as the messages its platform accepts: itself when it fits; otherwise its text
/// in parts, the buttons under the last one, and a caption too long for an image sent as
/// text just before it.
pub fn fit(message: Outgoing) -> Vec<Outgoing> {
    let Some(limit) = limit(message.to.platform) else { return vec![message] };
    let texts = |text: &str, max: usize| split(text, max, limit.unit);
    let part = |n: usize, body: OutgoingBody| Outgoing { key: part_key(&message.key, n), body, ..message.clone() };
    match &message.body {
        OutgoingBody::Text { text } if limit.unit.measure(text) > limit.text => texts(text, limit.text)
            .into_iter()
            .enumerate()
            .map(|(n, text)| part(n, OutgoingBody::Text { text }))
            .collect(),
        OutgoingBody::Answer { text, post } if limit.unit.measure(text) > limit.text => texts(text, limit.text)
            .into_iter()
            .enumerate()
            .map(|(n, text)| part(n, OutgoingBody::Answer { text, post: post.filter(|_| n == 0) }))
            .collect(),
        OutgoingBody::Choices { text, choices } if limit.unit.measure(text) > limit.text => {
            let parts = texts(text, limit.text);
            let last = parts.len() - 1;
            parts
                .into_iter()
                .enumerate()
                .map(|(n, text)| match n == last {
                    true => part(n, OutgoingBody::Choices { text, choices: choices.clone() }),
                    false => part(n, OutgoingBody::Text { text }),
                })
                .collect()
        }
        OutgoingBody::Image { caption, .. } | OutgoingBody::Document { caption, .. }
            if limit.unit.measure(caption) > limit.caption =>
        {
            // The caption first, as text; the file keeps the message's key (a reply to it is
            // understood), so the text parts take keys of their own.
            let mut parts: Vec<Outgoing> = texts(caption, limit.text)
                .into_iter()
                .enumerate()
                .map(|(n, text)| Outgoing {
                    key: format!("{}#caption{}", message.key, n + 1),
                    body: OutgoingBody::Text { text },
                    ..message.clone()
                })
                .collect();
            let mut file = message.clone();
            match &mut file.body {
                OutgoingBody::Image { caption, .. } | OutgoingBody::Document { caption, .. } => caption.clear(),
                _ => {}
            }
            parts.push(file);
            parts
        }
        _ => vec![message],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountRef, Choice};

    #[test]
    fn short_texts_stay_whole() {
        assert_eq!(split("court", 10, Unit::Utf16), vec!["court"]);
        assert_eq!(split("", 10, Unit::Utf16), vec![""]);
        assert_eq!(split("un\ndeux\n", 100, Unit::Utf16), vec!["un\ndeux"]);
    }

    #[test]
    fn long_texts_are_cut_at_line_breaks_then_spaces_then_anywhere() {
        let line = "x".repeat(1_500);
        let parts = split(&format!("{line}\n{line}\n{line}"), 4_096, Unit::Utf16);
        assert_eq!(parts, vec![format!("{line}\n{line}"), line.clone()]);
        let words = "mot ".repeat(30);
        let parts = split(words.trim_end(), 20, Unit::Utf16);
        assert!(parts.iter().all(|part| part.encode_utf16().count() <= 20 && !part.starts_with(' ')), "{parts:?}");
        assert_eq!(parts.join(" "), words.trim_end(), "no word is lost or cut");
        let parts = split(&"é".repeat(4_500), 2_000, Unit::Utf16);
        assert_eq!(parts.iter().map(|p| p.chars().count()).collect::<Vec<_>>(), vec![2_000, 2_000, 500]);
    }

    #[test]
    fn emoji_count_as_telegram_and_matrix_count_them() {
        let text = "🙂".repeat(3_000);
        let parts = split(&text, 4_096, Unit::Utf16);
        assert_eq!(parts.iter().map(|p| p.chars().count()).collect::<Vec<_>>(), vec![2_048, 952]);
        let parts = split(&"é".repeat(15_000), 20_000, Unit::Bytes);
        assert!(
            parts.iter().all(|part| part.len() <= 20_000),
            "{:?}",
            parts.iter().map(String::len).collect::<Vec<_>>()
        );
        assert_eq!(parts.concat().chars().count(), 15_000);
    }

    fn outgoing(platform: Platform, body: OutgoingBody) -> Outgoing {
        Outgoing { key: "help:7".into(), to: AccountRef::new(platform, "42"), body, not_before: 5 }
    }

    #[test]
    fn a_long_message_becomes_parts_in_order_with_the_buttons_last() {
        let text = (1..=200).map(|n| format!("Ligne {n} de l'aide, assez longue pour compter.")).collect::<Vec<_>>();
        let text = text.join("\n");
        let choices = vec![Choice { label: "Oui".into(), command: "/accepter 1".into() }];
        let parts = fit(outgoing(Platform::Telegram, OutgoingBody::Choices { text: text.clone(), choices }));
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(), vec!["help:7", "help:7#2", "help:7#3"]);
        assert!(
            matches!(parts[0].body, OutgoingBody::Text { .. }) && matches!(parts[2].body, OutgoingBody::Choices { .. })
        );
        let said: Vec<&str> = parts
            .iter()
            .map(|p| match &p.body {
                OutgoingBody::Text { text } | OutgoingBody::Choices { text, .. } => text.as_str(),
                _ => "",
            })
            .collect();
        assert!(said.iter().all(|t| t.encode_utf16().count() <= 4_096));
        assert_eq!(said.join("\n"), text, "nothing is lost");
        assert!(parts.iter().all(|p| p.not_before == 5 && p.to.user_id == "42"));
        // The console has no limit; a short message is left alone.
        assert_eq!(fit(outgoing(Platform::Console, OutgoingBody::Text { text: text.clone() })).len(), 1);
        assert_eq!(fit(outgoing(Platform::Discord, OutgoingBody::Text { text: "court".into() })).len(), 1);
    }

    #[test]
    fn a_caption_too_long_goes_before_its_image() {
        let caption = "Une légende bien trop longue. ".repeat(50);
        let image = OutgoingBody::Image { name: "a.png".into(), caption: caption.clone(), bytes: vec![1, 2] };
        let parts = fit(outgoing(Platform::Telegram, image));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].body, OutgoingBody::Text { text: caption.trim_end().to_owned() });
        assert_eq!(parts[1].key, "help:7", "the image keeps the key a reply to it is traced by");
        assert!(matches!(&parts[1].body, OutgoingBody::Image { caption, .. } if caption.is_empty()));
    }
}
