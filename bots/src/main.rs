//! The `entraide` command: run the bot, open a console, migrate the database, or evaluate
//! the matcher. Errors end here, printed with their causes (never a token).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use entraide::App;
use entraide::config::Config;
use entraide_core::catalog;
use tracing_subscriber::filter::{FilterExt, LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// mimalloc rather than the system's allocator: a new build's first start reads every open
/// post, small allocations all along, and was a fifth faster with it (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Entraide: mutual-aid networks on Discord, Telegram, Matrix and the console.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Configuration file (default: the built-in config/entraide.example.toml).
    #[arg(long, short, global = true, env = "ENTRAIDE_CONFIG")]
    config: Option<PathBuf>,
    /// How logs are written to standard error: readable lines, or one JSON object a line
    /// (for a log collector). Levels come from RUST_LOG.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, env = "ENTRAIDE_LOG_FORMAT")]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start what the configuration enables (the console when no platform token is set).
    Run,
    /// Open a console session: act as members, type commands, see private messages.
    Console {
        /// The member to act as first.
        #[arg(long = "as")]
        act_as: Option<String>,
        /// Read commands from this file instead of standard input, and print a transcript.
        #[arg(long)]
        script: Option<PathBuf>,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Check the configuration, the database and each platform (token, the bot's rights in
    /// every group, room and guild), and say how to fix what is wrong. Exits with 1 when
    /// something blocks the bot.
    Doctor,
    /// Write a consistent copy of the SQLite database to a new file, while bots may run.
    Backup {
        /// The copy to write.
        file: PathBuf,
    },
    /// Replace the SQLite database with a copy (refused while a bot runs on it, or when the
    /// copy is damaged or newer than this version).
    Restore {
        /// The copy to read.
        file: PathBuf,
    },
    /// Import members from a CSV spreadsheet (columns: see config/members.example.csv).
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Validate and report, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the audit log (oldest first) to standard output.
    Audit {
        /// From this date on (2026-11-01).
        #[arg(long)]
        since: Option<String>,
        /// Before this date.
        #[arg(long)]
        until: Option<String>,
        /// csv or json (one object per line).
        #[arg(long, default_value = "csv")]
        format: String,
    },
    /// The crash harness's worker (for the crash test): plays a scripted load of commands
    /// as platform events and appends each delivered message's key to a file.
    #[command(hide = true)]
    Harness {
        /// How many commands the load has.
        #[arg(long, default_value_t = 2000)]
        commands: u64,
        /// The file delivered keys are appended to.
        #[arg(long)]
        sent: Option<PathBuf>,
    },
    /// Match offers and requests from JSON-lines files and print the matches as JSON lines.
    Match {
        /// Offers file.
        #[arg(long)]
        offers: PathBuf,
        /// Requests file.
        #[arg(long)]
        requests: PathBuf,
        /// Print readable lines with the reasons next to each match, instead of JSON.
        #[arg(long)]
        explain: bool,
    },
}

/// Libraries that log what members wrote, who they are or credentials at their verbose
/// levels (event contents, display names and user ids, request bodies): capped, whatever
/// RUST_LOG asks, so that the logs never carry them. matrix-sdk names people even at `info`
/// and `warn`: only its errors are kept.
fn private_cap() -> Targets {
    const CHATTY: [&str; 20] = [
        "matrix_sdk",
        "matrix_sdk_base",
        "matrix_sdk_common",
        "matrix_sdk_crypto",
        "matrix_sdk_sqlite",
        "matrix_sdk_store_encryption",
        "ruma",
        "ruma_common",
        "vodozemac",
        "reqwest",
        "hyper",
        "hyper_util",
        "h2",
        "teloxide",
        "teloxide_core",
        "sqlx",
        "serenity",
        "tungstenite",
        "tokio_tungstenite",
        "rustls",
    ];
    // matrix-sdk names people even in warnings; serenity's request spans carry message bodies.
    let level = |target: &str| match target {
        _ if target.starts_with("matrix_sdk") => LevelFilter::ERROR,
        "serenity" => LevelFilter::WARN,
        _ => LevelFilter::INFO,
    };
    Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_targets(CHATTY.map(|target| (target, level(target))))
        // matrix-sdk's HTTP client logs every refused request as an error, the 404 for account
        // data a new bot never set at each start included: the adapter judges (and logs) the
        // failures that matter, so that an error in the logs means something is wrong.
        .with_target("matrix_sdk::http_client", LevelFilter::OFF)
}

/// What to use on PostgreSQL instead (its own tools), and whether this machine has it; the
/// database URL is never printed (it may hold a password).
fn postgres_tools(lang: entraide_core::model::Lang, tool: &str, file: &str) -> String {
    let installed = std::process::Command::new(tool).arg("--version").output().is_ok_and(|out| out.status.success());
    let key = if installed { "cli-postgres-tool" } else { "cli-postgres-tool-missing" };
    catalog::text(lang, key, &[("tool", tool.into()), ("file", file.into())])
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let quiet =
        matches!(cli.command, Command::Console { .. } | Command::Match { .. } | Command::Run | Command::Audit { .. })
            || matches!(cli.command, Command::Doctor)
            || matches!(cli.command, Command::Harness { .. });
    let wanted =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(if quiet { "warn" } else { "info" }));
    // Colours only on a terminal: a log file or journal gets plain text.
    let colours = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let lines = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(colours);
    let lines = match cli.log_format {
        LogFormat::Text => lines.boxed(),
        LogFormat::Json => lines.json().boxed(),
    };
    tracing_subscriber::registry().with(lines.with_filter(wanted.and(private_cap()))).init();

    match cli.command {
        Command::Match { offers, requests, explain } => {
            for line in entraide::eval::run(&offers, &requests, explain)? {
                println!("{line}");
            }
            Ok(())
        }
        Command::Doctor => {
            let (lang, found) = entraide::doctor::examine(cli.config.as_deref(), |key| std::env::var(key).ok()).await;
            let (report, healthy) = entraide::doctor::render(lang, &found);
            print!("{report}");
            if !healthy {
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Migrate => {
            let config = Config::load(cli.config.as_deref())?;
            let lang = config.community.language;
            App::open(config).await?;
            eprintln!("{}", catalog::text(lang, "cli-database-ready", &[]));
            Ok(())
        }
        Command::Backup { file } => {
            let config = Config::load(cli.config.as_deref())?;
            let (lang, url) = (config.community.language, config.database.url.clone());
            let shown = file.display().to_string();
            if !url.starts_with("sqlite:") {
                anyhow::bail!("{}", postgres_tools(lang, "pg_dump", &shown));
            }
            entraide_store_sql::backup_sqlite(&url, &file).await?;
            eprintln!("{}", catalog::text(lang, "cli-backup-done", &[("file", shown.into())]));
            Ok(())
        }
        Command::Restore { file } => {
            let config = Config::load(cli.config.as_deref())?;
            let (lang, url) = (config.community.language, config.database.url.clone());
            let shown = file.display().to_string();
            if !url.starts_with("sqlite:") {
                anyhow::bail!("{}", postgres_tools(lang, "pg_restore", &shown));
            }
            entraide_store_sql::restore_sqlite(&url, &file).await?;
            eprintln!("{}", catalog::text(lang, "cli-restore-done", &[("file", shown.into())]));
            Ok(())
        }
        Command::Import { file, dry_run } => {
            let config = Config::load(cli.config.as_deref())?;
            let app = App::open(config).await?;
            entraide::import::run(&app, &file, dry_run).await?;
            Ok(())
        }
        Command::Audit { since, until, format } => {
            let config = Config::load(cli.config.as_deref())?;
            let app = App::open(config).await?;
            let mut stdout = std::io::stdout().lock();
            entraide::audit::export(&app, since.as_deref(), until.as_deref(), &format, &mut stdout).await?;
            Ok(())
        }
        Command::Harness { commands, sent } => {
            // Listened for before the database opens: an early signal still stops cleanly.
            let stopped = entraide::shutdown::on_signal()?;
            let config = Config::load(cli.config.as_deref())?;
            let app = App::open(config).await?;
            let sent = sent.unwrap_or_else(entraide::harness::default_log);
            entraide::harness::run(app, commands, &sent, stopped).await
        }
        Command::Run => {
            let config = Config::load(cli.config.as_deref())?;
            let secrets = entraide::Secrets::from_env(|key: &str| std::env::var(key).ok())?;
            if secrets.any() {
                let stopped = entraide::shutdown::on_signal()?;
                let app = App::open(config).await?;
                return entraide::serve(app, secrets, stopped).await;
            }
            eprintln!("{}", catalog::text(config.community.language, "cli-no-platform", &[]));
            console(config, None, None).await
        }
        Command::Console { act_as, script } => {
            let config = Config::load(cli.config.as_deref())?;
            console(config, act_as, script).await
        }
    }
}

/// Runs a console session on stdin (interactive on a terminal) or on a script file.
async fn console(config: Config, act_as: Option<String>, script: Option<PathBuf>) -> anyhow::Result<()> {
    // SIGTERM or Ctrl-C ends the session cleanly: the database is closed (its log folded).
    let stopped = entraide::shutdown::on_signal()?;
    let app = App::open(config).await?;
    // The dashboard too, when enabled: a moderator at the console asks for its link.
    if let Some(address) = app.config.web.address()? {
        let web = entraide::web::Web::new(std::sync::Arc::clone(&app.service), &app.config.web.public_url);
        tokio::spawn(entraide::web::serve(address, web, entraide::shutdown::until(stopped.clone())).await?);
    }
    app.service.warm_matching().await.context("cannot read the open posts")?;
    entraide::memory::give_back_freed();
    let mut console = app.console(act_as.as_deref()).printing_to(std::io::stdout());
    let stdout = tokio::io::stdout();
    let session = async {
        match script {
            Some(path) => {
                let file = tokio::fs::File::open(&path)
                    .await
                    .with_context(|| format!("cannot open the script {}", path.display()))?;
                entraide_console::run(&mut console, tokio::io::BufReader::new(file), stdout, false).await?;
            }
            None => {
                let interactive = std::io::stdin().is_terminal();
                entraide_console::run(&mut console, tokio::io::BufReader::new(tokio::io::stdin()), stdout, interactive)
                    .await?;
            }
        }
        anyhow::Ok(())
    };
    let ended = tokio::select! {
        ended = session => ended,
        () = entraide::shutdown::until(stopped) => {
            tracing::info!("console stopped by a signal");
            Ok(())
        }
    };
    // The posts' analyses made during the session spare the next start some reading.
    app.service.keep_analyses().await;
    // SQLite folds its write-ahead log into the file and empties it: nothing erased during
    // the session stays in a log left beside the file.
    app.store.close().await;
    ended
}
