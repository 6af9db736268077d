//! `entraide import FILE.csv`: reads the members spreadsheet (columns documented in docs/operators.md and
//! shown in `config/members.example.csv`), lets core validate every row, and imports them all
//! in one transaction, or nothing. A progress bar names each stage and follows it line by line.

use std::path::Path;

use anyhow::{Context, bail};
use entraide_core::catalog;
use entraide_core::import::{self, ImportError, Row, Stage};
use indicatif::{ProgressBar, ProgressStyle};

use crate::App;

/// The columns a members file may have; `name`, `platform` and `user_id` are required.
pub const COLUMNS: [&str; 7] = ["name", "platform", "user_id", "city", "sponsor", "joined", "role"];

/// Reads a members CSV into rows; errors name the file, line and column.
pub fn read(path: &Path) -> anyhow::Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let headers: Vec<String> = reader
        .headers()
        .with_context(|| format!("{}: line 1: cannot read the header", path.display()))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    for header in &headers {
        if !COLUMNS.contains(&header.as_str()) {
            bail!("{}: line 1: unknown column {header:?} (known: {})", path.display(), COLUMNS.join(", "));
        }
    }
    for required in ["name", "platform", "user_id"] {
        if !headers.iter().any(|h| h == required) {
            bail!("{}: line 1: missing column {required:?}", path.display());
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{}: malformed CSV", path.display()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |column: &str| {
            headers.iter().position(|h| h == column).and_then(|i| record.get(i)).unwrap_or_default().to_owned()
        };
        rows.push(Row {
            line,
            name: cell("name"),
            platform: cell("platform"),
            user_id: cell("user_id"),
            city: cell("city"),
            sponsor: cell("sponsor"),
            joined: cell("joined"),
            role: cell("role"),
        });
    }
    Ok(rows)
}

/// Imports a members file; prints what happened. Fails (nothing written) on any bad row.
pub async fn run(app: &App, path: &Path, dry_run: bool) -> anyhow::Result<usize> {
    let rows = read(path)?;
    let lang = app.service.default_lang();
    let bar = ProgressBar::new(rows.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // Each stage goes through every line: the bar starts again with the stage's name.
    let stage = std::sync::Mutex::new(None);
    let progress = |now: Stage, done: usize| {
        let mut shown = stage.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *shown != Some(now) {
            *shown = Some(now);
            bar.set_message(catalog::text(lang, now.catalog_id(), &[]));
        }
        bar.set_position(done as u64);
    };
    let result = import::import(&app.service, rows, dry_run, &progress).await;
    bar.finish_and_clear();
    match result {
        Ok(count) => {
            let id = if dry_run { "import-dry-run" } else { "import-done" };
            println!("{}", catalog::text(lang, id, &[("count", (count as i64).into())]));
            Ok(count)
        }
        Err(ImportError::Rows(errors)) => {
            for error in &errors {
                let args = [
                    ("file", path.display().to_string().into()),
                    ("line", (error.line as i64).into()),
                    ("column", error.column.into()),
                    ("message", error.message.as_str().into()),
                ];
                eprintln!("{}", catalog::text(lang, "import-row-error", &args));
            }
            bail!("{}", catalog::text(lang, "import-failed", &[]))
        }
        Err(ImportError::Store(error)) => Err(error).context("the database refused the import; nothing was written"),
    }
}
