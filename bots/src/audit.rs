//! `entraide audit`: the audit log exported for the moderators' records, as CSV or JSON
//! lines, oldest first, with names next to ids (as the chat shows them). The dashboard's
//! exports write the same lines ([`write`]).

use std::io::Write;

use anyhow::{Context, bail};
use entraide_core::command;
use entraide_core::model::AuditEntry;
use entraide_core::ports::AuditQuery;
use entraide_core::service::format_time;
use serde::Serialize;

use crate::App;

/// One exported line.
#[derive(Debug, Serialize)]
pub struct Line {
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

impl Line {
    /// A line of the log, with the names of whom it names (empty for none).
    pub fn new(entry: AuditEntry, actor: String, target: String) -> Self {
        Line {
            at: format_time(entry.at),
            timestamp: entry.at,
            actor_id: entry.actor_id,
            actor,
            action: entry.action.as_str(),
            target_id: entry.target_id,
            target,
            // Where the moderator acted from: an app, or the dashboard.
            platform: if entry.from_web { Some("web") } else { entry.platform.map(|p| p.as_str()) },
            reason: entry.reason,
        }
    }
}

/// The CSV's columns, in [`Line`]'s order.
const COLUMNS: [&str; 9] =
    ["at", "timestamp", "actor_id", "actor", "action", "target_id", "target", "platform", "reason"];

/// Writes lines as CSV (`csv`, with its header when `header`, even with no line) or JSON
/// lines (`json`). A CSV cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`…)
/// starts with `'`: names and reasons are members' words.
pub fn write(lines: &[Line], format: &str, header: bool, out: &mut impl Write) -> anyhow::Result<()> {
    match format {
        "csv" => {
            let mut csv = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            if header {
                csv.write_record(COLUMNS)?;
            }
            let inert = |cell: &str| match cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                true => format!("'{cell}"),
                false => cell.to_owned(),
            };
            let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
            for line in lines {
                csv.write_record([
                    line.at.clone(),
                    line.timestamp.to_string(),
                    number(line.actor_id),
                    inert(&line.actor),
                    line.action.to_owned(),
                    number(line.target_id),
                    inert(&line.target),
                    line.platform.unwrap_or_default().to_owned(),
                    inert(&line.reason),
                ])?;
            }
            out.write_all(&csv.into_inner().context("could not write the CSV")?)?;
        }
        "json" => {
            for line in lines {
                writeln!(out, "{}", serde_json::to_string(line)?)?;
            }
        }
        _ => bail!("unknown format {format:?}: use csv or json"),
    }
    Ok(())
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
    // Read newest first, a page at a time; written oldest first.
    let mut lines = Vec::new();
    loop {
        let query = AuditQuery { since, until, offset: lines.len() as u32, limit: 1_000, ..AuditQuery::default() };
        let page = app.service.audit_lines(&query).await?;
        let done = page.len() < 1_000;
        lines.extend(page.into_iter().map(|line| Line::new(line.entry, line.actor, line.target)));
        if done {
            break;
        }
    }
    lines.reverse();
    write(&lines, format, true, out)?;
    let count = lines.len();
    Ok(count)
}
