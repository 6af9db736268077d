//! `entraide match`: runs the matcher on labelled JSON-lines files (the format of
//! `shared/eval/*.jsonl`: `id`, `text`, `location`, where `remote` means online) and writes
//! one line per request, `{"request", "matches": [{"offer", "score", "reasons"}]}`.

use std::path::Path;

use anyhow::{Context, bail};
use entraide_core::matching;
use entraide_core::model::{Place, Post, PostKind, PostState};
use serde::Deserialize;
use serde_json::json;

/// How many offers are listed per request.
const TOP: usize = 5;

#[derive(Debug, Deserialize)]
struct Line {
    id: String,
    text: String,
    #[serde(default)]
    location: Option<String>,
}

/// Reads one JSON-lines file into posts; errors name the file and line.
fn read(path: &Path, kind: PostKind, first_id: i64) -> anyhow::Result<(Vec<String>, Vec<Post>)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut names = Vec::new();
    let mut posts = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a valid line", path.display(), number + 1))?;
        let id = first_id + posts.len() as i64;
        let place = match parsed.location.as_deref() {
            Some("remote") => Place::Online,
            location => matching::infer_place(&parsed.text, location.filter(|l| !l.is_empty())),
        };
        posts.push(Post {
            id,
            community_id: 0,
            author_id: id,
            kind,
            category: matching::infer_category(&parsed.text),
            text: parsed.text,
            place,
            state: PostState::Open,
            created_at: 0,
            updated_at: 0,
        });
        names.push(parsed.id);
    }
    if posts.is_empty() {
        bail!("{} holds no lines", path.display());
    }
    Ok((names, posts))
}

/// Matches every request against every offer; returns the output lines.
pub fn run(offers: &Path, requests: &Path) -> anyhow::Result<Vec<String>> {
    let (offer_names, offer_posts) = read(offers, PostKind::Offer, 1)?;
    let (request_names, request_posts) = read(requests, PostKind::Request, 1_000_000)?;
    let mut out = Vec::new();
    for (name, request) in request_names.iter().zip(&request_posts) {
        let matches: Vec<_> = matching::best_offers(request, &offer_posts, TOP)
            .into_iter()
            .map(|scored| {
                let index = (scored.post_id - 1) as usize;
                json!({
                    "offer": offer_names.get(index).cloned().unwrap_or_default(),
                    "score": (scored.score * 1000.0).round() / 1000.0,
                    "reasons": scored.reasons.iter().map(ToString::to_string).collect::<Vec<_>>(),
                })
            })
            .collect();
        out.push(json!({ "request": name, "matches": matches }).to_string());
    }
    Ok(out)
}
