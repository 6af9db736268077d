//! `entraide audit`: the audit log exported for the moderators' records, as CSV or JSON
//! lines, oldest first, with names next to ids (as the chat shows them).

use std::io::Write;

use anyhow::{Context, bail};
use entraide_core::command;
use entraide_core::ports::AuditQuery;
use entraide_core::service::format_time;
use serde::Serialize;

use crate::App;

/// One exported line.
#[derive(Debug, Serialize)]
struct Line {
    at: String,
    timestamp: i64,
    actor_id: Option<i64>,
    actor: String,
    action: &'static str,
    target_id: Option<i64>,
    target: String,
    platform: Option<&'static str>,
    reason: String,
}

/// Writes the entries at or after `since` and before `until` (dates `2026-11-01`) to `out`.
pub async fn export(
    app: &App,
    since: Option<&str>,
    until: Option<&str>,
    format: &str,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let date = |text: &str| command::date(text).with_context(|| format!("{text:?} is not a date like 2026-11-24"));
    let since = since.map(date).transpose()?;
    let until = until.map(date).transpose()?;
    if !matches!(format, "csv" | "json") {
        bail!("unknown format {format:?}: use csv or json");
    }
    let community = app.service.community().id;
    // Read newest first, a page at a time; written oldest first.
    let mut entries = Vec::new();
    loop {
        let query = AuditQuery { since, until, offset: entries.len() as u32, limit: 1_000, ..AuditQuery::default() };
        let page = app.store.audit(community, &query).await?;
        let done = page.len() < 1_000;
        entries.extend(page);
        if done {
            break;
        }
    }
    entries.reverse();
    let mut names = std::collections::HashMap::new();
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut count = 0;
    for entry in entries {
        let mut name = async |id: Option<i64>| -> anyhow::Result<String> {
            let Some(id) = id else { return Ok(String::new()) };
            if let Some(name) = names.get(&id) {
                return Ok(String::clone(name));
            }
            let name = app.store.member(id).await?.map(|m| m.display_name).unwrap_or_default();
            names.insert(id, name.clone());
            Ok(name)
        };
        let line = Line {
            at: format_time(entry.at),
            timestamp: entry.at,
            actor_id: entry.actor_id,
            actor: name(entry.actor_id).await?,
            action: entry.action.as_str(),
            target_id: entry.target_id,
            target: name(entry.target_id).await?,
            platform: entry.platform.map(|p| p.as_str()),
            reason: entry.reason,
        };
        match format {
            "csv" => csv.serialize(&line)?,
            _ => writeln!(out, "{}", serde_json::to_string(&line)?)?,
        }
        count += 1;
    }
    if format == "csv" {
        out.write_all(&csv.into_inner().context("could not write the CSV")?)?;
    }
    Ok(count)
}
