//! `entraide match`: runs the matcher on labelled JSON-lines files (the format of
//! `shared/eval/*.jsonl`: `id`, `text`, `location`, where `remote` or `online` means online) and writes
//! one line per request, `{"request", "matches": [{"offer", "score", "reasons"}]}`; with
//! `--explain`, readable lines instead. [`score`] computes what `shared/eval/score.py` prints,
//! so that tests can hold the matcher to its numbers.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, bail};
use entraide_core::matching::{self, MAX_RESULTS, Matcher};
use entraide_core::model::{Place, Post, PostKind, PostState};
use entraide_core::service::render_reasons;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize)]
struct Line {
    id: String,
    text: String,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    relevant: Vec<String>,
    #[serde(default)]
    acceptable: Vec<String>,
}

/// Reads one JSON-lines file; errors name the file and line.
fn read(path: &Path) -> anyhow::Result<Vec<Line>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut lines = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a valid line", path.display(), number + 1))?;
        lines.push(parsed);
    }
    if lines.is_empty() {
        bail!("{} holds no lines", path.display());
    }
    Ok(lines)
}

/// A labelled line as a post; each line has its own author.
fn post(line: &Line, kind: PostKind, id: i64) -> Post {
    let place = match line.location.as_deref() {
        Some("remote" | "online") => Place::Online,
        location => matching::infer_place(kind, &line.text, location.filter(|l| !l.is_empty())),
    };
    Post {
        id,
        community_id: 0,
        author_id: id,
        kind,
        category: matching::infer_category(&line.text),
        topic: "other".to_owned(),
        text: line.text.clone(),
        place,
        state: PostState::Open,
        created_at: 0,
        updated_at: 0,
        on_behalf_of: None,
    }
}

/// Matches every request against every offer; returns the output lines (JSON, or readable
/// lines with `explain`).
pub fn run(offers: &Path, requests: &Path, explain: bool) -> anyhow::Result<Vec<String>> {
    let offers = read(offers)?;
    let requests = read(requests)?;
    let mut matcher = Matcher::new();
    let offer_posts: Vec<Post> =
        offers.iter().enumerate().map(|(i, line)| post(line, PostKind::Offer, i as i64 + 1)).collect();
    offer_posts.iter().for_each(|offer| matcher.insert(offer));
    let mut out = Vec::new();
    if explain {
        for line in &offers {
            out.push(format!("{} ({}) {}", line.id, line.location.as_deref().unwrap_or("-"), line.text));
            let offer = post(line, PostKind::Offer, 0);
            out.push(format!("    needs: {}", needs(&offer).join(" ")));
            out.push(format!("    reads: {}", reading(&offer)));
        }
    }
    for (i, line) in requests.iter().enumerate() {
        let request = post(line, PostKind::Request, 1_000_000 + i as i64);
        let found = matcher.best_for(&request, MAX_RESULTS);
        if explain {
            out.push(format!("{} ({}) {}", line.id, line.location.as_deref().unwrap_or("-"), line.text));
            out.push(format!("    needs: {}", needs(&request).join(" ")));
            out.push(format!("    reads: {}", reading(&request)));
            if found.is_empty() {
                out.push("    → nothing fits: nobody is notified".to_owned());
            }
            for (at, offer) in offers.iter().enumerate() {
                let id = at as i64 + 1;
                let labelled = line.relevant.contains(&offer.id) || line.acceptable.contains(&offer.id);
                if labelled && !found.iter().any(|scored| scored.post_id == id) {
                    out.push(format!("    ✗ {} not found: {:?}", offer.id, matcher.mismatch(&request, id)));
                }
            }
            for scored in &found {
                let offer = &offers[(scored.post_id - 1) as usize];
                let why = render_reasons(entraide_core::model::Lang::Fr, &scored.reasons);
                out.push(format!("    → {} {:.2} {} — {why}", offer.id, scored.score, offer.text));
            }
            continue;
        }
        let matches: Vec<_> = found
            .iter()
            .map(|scored| {
                let offer = &offers[(scored.post_id - 1) as usize];
                json!({
                    "offer": offer.id,
                    "score": (scored.score * 1000.0).round() / 1000.0,
                    "reasons": scored.reasons.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "offer_needs": needs(&offer_posts[(scored.post_id - 1) as usize]),
                })
            })
            .collect();
        out.push(json!({ "request": line.id, "needs": needs(&request), "matches": matches }).to_string());
    }
    Ok(out)
}

/// The needs a text names, as `concept` (in focus) or `(concept)` (in passing), `~` when
/// derived: what a reader of the output needs to see why two posts met.
fn needs(post: &Post) -> Vec<String> {
    let thesaurus = &*entraide_core::matching::thesaurus::THESAURUS;
    entraide_core::matching::analyze_post(post.kind, &post.text, &post.place)
        .needs
        .iter()
        .map(|hit| {
            let id = &thesaurus.concepts[usize::from(hit.concept)].id;
            let id = if hit.derived { format!("~{id}") } else { id.clone() };
            if hit.focus { id } else { format!("({id})") }
        })
        .collect()
}

/// How a post's kind of help is read, and its context concepts, for `--explain`: the shape
/// (lend, give, a service…) and mode (learning, doing) decide matches as much as the needs.
fn reading(post: &Post) -> String {
    let thesaurus = &*entraide_core::matching::thesaurus::THESAURUS;
    let analysis = entraide_core::matching::analyze_post(post.kind, &post.text, &post.place);
    let name =
        |concept: &entraide_core::matching::thesaurus::ConceptId| thesaurus.concepts[usize::from(*concept)].id.as_str();
    let context: Vec<&str> = analysis.context.iter().map(|hit| name(&hit.concept)).collect();
    let denied: Vec<&str> = analysis.denied.iter().map(name).collect();
    format!(
        "{:?} {:?} context: {} denied: {} {}",
        analysis.shape,
        analysis.mode,
        context.join(" "),
        denied.join(" "),
        analysis.denied_words.join(" ")
    )
}

/// What `score.py` measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Relevant offers found in the top 5, over all relevant offers.
    pub recall: f64,
    /// Returned offers that are relevant or acceptable, over all returned.
    pub precision: f64,
    /// Requests with no fitting offer that still got one.
    pub false_alarms: usize,
    /// Requests with no fitting offer.
    pub empty_requests: usize,
}

/// Scores `run`'s JSON output against the labels in `requests`.
pub fn score(requests: &Path, output: &[String]) -> anyhow::Result<Score> {
    let mut got: HashMap<String, Vec<String>> = HashMap::new();
    for line in output {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let offers = value["matches"].as_array().cloned().unwrap_or_default();
        let ids = offers.iter().take(5).filter_map(|m| m["offer"].as_str().map(str::to_owned)).collect();
        got.insert(value["request"].as_str().unwrap_or_default().to_owned(), ids);
    }
    let (mut found, mut wanted, mut returned, mut good, mut false_alarms, mut empty_requests) = (0, 0, 0, 0, 0, 0);
    for request in read(requests)? {
        let relevant: HashSet<&String> = request.relevant.iter().collect();
        let fine: HashSet<&String> = request.relevant.iter().chain(&request.acceptable).collect();
        let out = got.get(&request.id).cloned().unwrap_or_default();
        returned += out.len();
        good += out.iter().filter(|o| fine.contains(o)).count();
        if relevant.is_empty() {
            empty_requests += 1;
            if out.iter().any(|o| !fine.contains(o)) {
                false_alarms += 1;
            }
        } else {
            wanted += relevant.len();
            found += out.iter().filter(|o| relevant.contains(o)).collect::<HashSet<_>>().len();
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Ok(Score { recall: ratio(found, wanted), precision: ratio(good, returned), false_alarms, empty_requests })
}
