//! `entraide doctor`: checks what a bot needs to run and do its job (the configuration, the
//! database, each platform's token and the bot's rights in every group, room and guild) and
//! says what is wrong with the exact fix, in the community's language. It changes nothing in
//! the database (a bot may be running on it) and never prints a secret. On Matrix it logs in
//! as the bot does, with the saved session in `[matrix] store`: it skips that check while a
//! bot runs on the SQLite database (on PostgreSQL it cannot tell: stop the bot first).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use entraide_core::catalog;
use entraide_core::diagnosis::{Finding, Severity};
use entraide_core::memory::MemoryStore;
use entraide_core::model::Lang;
use entraide_core::ports::{OsRandomness, SystemClock};
use entraide_matrix::Matrix;

use crate::config::Config;
use crate::{App, Secrets, redact};

/// Everything checked, in order; the language to say it in.
pub async fn examine(config_path: Option<&Path>, var: impl Fn(&str) -> Option<String>) -> (Lang, Vec<Finding>) {
    let config = match Config::load(config_path) {
        Ok(config) => config,
        Err(error) => {
            return (
                crate::config::operator_language(config_path),
                vec![Finding::new(Severity::Blocking, "doctor-config").with("error", format!("{error:#}"))],
            );
        }
    };
    let lang = config.community.language;
    let shown =
        config_path.map_or_else(|| "config/entraide.example.toml".to_owned(), |path| path.display().to_string());
    let mut found = vec![Finding::new(Severity::Fine, "doctor-config-ok").with("file", shown)];
    found.push(database(&config.database.url).await);
    let running = entraide_store_sql::sqlite_in_use(&config.database.url);
    if running {
        found.push(Finding::new(Severity::Fine, "doctor-database-in-use"));
    }
    found.extend(lease_findings(&config.database.url).await);
    let secrets = match Secrets::from_env(var) {
        Ok(secrets) => secrets,
        Err(error) => {
            found.push(Finding::new(Severity::Blocking, "doctor-secret").with("error", format!("{error:#}")));
            return (lang, found);
        }
    };
    if !secrets.any() {
        found.push(Finding::new(Severity::Warning, "doctor-no-platform"));
        return (lang, found);
    }
    // The adapters need a core to report to: one on a throwaway store, so that the real
    // database is neither locked nor changed.
    let app = match App::with(config, Arc::new(MemoryStore::new()), Arc::new(SystemClock), Arc::new(OsRandomness)).await
    {
        Ok(app) => app,
        Err(error) => {
            found.push(Finding::new(Severity::Blocking, "doctor-config").with("error", format!("{error:#}")));
            return (lang, found);
        }
    };
    if let Some(token) = &secrets.telegram_token {
        match crate::telegram(&app, token) {
            Ok(telegram) => found.extend(telegram.diagnose().await),
            Err(error) => {
                found.push(Finding::new(Severity::Blocking, "doctor-config").with("error", format!("{error:#}")))
            }
        }
    }
    if secrets.matrix_password.is_some() && running {
        // It would log in with the running bot's session and keys, from a second process.
        found.push(Finding::new(Severity::Warning, "doctor-matrix-skipped"));
    } else if let Some(password) = &secrets.matrix_password {
        match crate::matrix_settings(&app, secrets.matrix_store_passphrase.clone()) {
            Ok(settings) => found.extend(Matrix::diagnose(settings, password, Arc::clone(&app.service)).await),
            Err(_) => found.push(Finding::new(Severity::Blocking, "doctor-matrix-config")),
        }
    }
    if let Some(token) = &secrets.discord_token {
        found.extend(crate::discord(&app, token).diagnose().await);
    }
    (lang, found)
}

/// Who holds each platform connection when several processes share a PostgreSQL database,
/// and how old their last heartbeat is; a lease that ran out means nobody serves that
/// platform now.
async fn lease_findings(url: &str) -> Vec<Finding> {
    let read = tokio::time::timeout(Duration::from_secs(15), entraide_store_sql::lease_holders(url)).await;
    let Ok(Ok(leases)) = read else { return Vec::new() };
    let now = entraide_core::ports::Clock::now(&SystemClock);
    leases
        .into_iter()
        .filter(entraide_core::lease::Lease::is_connection)
        .map(|lease| {
            let (severity, id) = if lease.until > now {
                (Severity::Fine, "doctor-lease")
            } else {
                (Severity::Warning, "doctor-lease-free")
            };
            Finding::new(severity, id)
                .with("lease", lease.name)
                .with("holder", lease.holder)
                .with("age", (now - lease.renewed_at).max(0))
        })
        .collect()
}

/// Whether the database answers, and how its schema stands (read only).
async fn database(url: &str) -> Finding {
    let shown = redact(url);
    let status = tokio::time::timeout(Duration::from_secs(15), entraide_store_sql::schema_status(url)).await;
    let status = match status {
        Err(_) => {
            return Finding::new(Severity::Blocking, "doctor-database-unreachable")
                .with("url", shown)
                .with("error", "timeout");
        }
        Ok(Err(error)) => {
            return Finding::new(Severity::Blocking, "doctor-database-unreachable")
                .with("url", shown)
                .with("error", error);
        }
        Ok(Ok(status)) => status,
    };
    if let Some(damage) = status.damage {
        return Finding::new(Severity::Blocking, "doctor-database-damaged").with("url", shown).with("error", damage);
    }
    match status.applied {
        None => Finding::new(Severity::Warning, "doctor-database-new").with("url", shown),
        Some(applied) if applied < status.known => Finding::new(Severity::Warning, "doctor-database-behind")
            .with("url", shown)
            .with("applied", applied)
            .with("known", status.known),
        Some(applied) if applied > status.known => Finding::new(Severity::Blocking, "doctor-database-newer")
            .with("url", shown)
            .with("applied", applied)
            .with("known", status.known),
        Some(applied) => Finding::new(Severity::Fine, "doctor-database-ok").with("url", shown).with("version", applied),
    }
}

/// The report, one line a finding (✓ fine, ! warning, ✗ blocking), then a summary; and
/// whether nothing blocks.
pub fn render(lang: Lang, found: &[Finding]) -> (String, bool) {
    let mut text = String::new();
    for finding in found {
        let mark = match finding.severity {
            Severity::Fine => "✓",
            Severity::Warning => "!",
            Severity::Blocking => "✗",
        };
        let args: Vec<catalog::Arg<'_>> =
            finding.args.iter().map(|(name, value)| (*name, value.as_str().into())).collect();
        text.push_str(&format!("{mark} {}\n", catalog::text(lang, finding.key, &args)));
    }
    let count = |severity| found.iter().filter(|f| f.severity == severity).count();
    let (blocking, warnings) = (count(Severity::Blocking), count(Severity::Warning));
    let summary = match (blocking, warnings) {
        (0, 0) => catalog::text(lang, "doctor-summary-ok", &[]),
        (0, n) => catalog::text(lang, "doctor-summary-warnings", &[("count", n.into())]),
        (n, _) => catalog::text(lang, "doctor-summary-blocking", &[("count", n.into())]),
    };
    text.push_str(&format!("\n{summary}\n"));
    (text, blocking == 0)
}
