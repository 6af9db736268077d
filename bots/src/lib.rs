//! The `entraide` binary's library: configuration, wiring of storage, core and adapters, and
//! the evaluation command. `main.rs` only parses the command line and calls these.

pub mod audit;
pub mod config;
pub mod doctor;
pub mod eval;
pub mod harness;
pub mod http;
pub mod import;
pub mod memory;
pub mod shutdown;
pub mod web;

use std::sync::Arc;

use anyhow::Context;
use entraide_console::Console;
use entraide_core::connection::Connection;
use entraide_core::lease::{LeaseHolder, LeaseShare, LeaseTimes};
use entraide_core::model::Platform;
use entraide_core::outbox::Dispatcher;
use entraide_core::ports::{Clock, LeaseStore, OsRandomness, Randomness, Store, SystemClock};
use entraide_core::service::Service;
use entraide_discord::{Discord, DiscordSettings};
use entraide_matrix::{LeasedMatrix, Matrix, MatrixSettings};
use entraide_telegram::{Telegram, TelegramSettings};

use crate::config::Config;

/// Everything a running bot needs, wired together.
pub struct App {
    /// The configuration it runs with.
    pub config: Config,
    /// The database.
    pub store: Arc<dyn Store>,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The core.
    pub service: Arc<Service>,
}

impl App {
    /// Opens the configured database (migrating it) and starts the core, with the real
    /// clock and the operating system's random source.
    pub async fn open(config: Config) -> anyhow::Result<Self> {
        let store = entraide_store_sql::open(&config.database.url)
            .await
            .with_context(|| format!("cannot open the database ({})", redact(&config.database.url)))?;
        Self::with(config, store, Arc::new(SystemClock), Arc::new(OsRandomness)).await
    }

    /// Starts the core on given ports (tests pass their own clock).
    pub async fn with(
        config: Config,
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        randomness: Arc<dyn Randomness>,
    ) -> anyhow::Result<Self> {
        let settings = config.settings()?;
        let service = Service::start(Arc::clone(&store), Arc::clone(&clock), randomness, settings)
            .await
            .context("cannot start the community")?;
        Ok(Self { config, store, clock, service: Arc::new(service) })
    }

    /// A console session on this app.
    pub fn console(&self, act_as: Option<&str>) -> Console {
        let name = act_as.unwrap_or(&self.config.console.act_as);
        Console::new(
            Arc::clone(&self.service),
            Arc::clone(&self.store),
            Arc::clone(&self.clock),
            name,
            self.config.community.language,
            self.config.console.files_dir.clone(),
        )
        .with_delivery(self.config.delivery())
    }
}

/// A database URL without its password (in the credentials or a `password=` parameter),
/// for messages and logs.
pub fn redact(url: &str) -> String {
    // The credentials first, on the whole URL: a password may hold a `?`.
    let hidden = match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    };
    let Some((base, query)) = hidden.split_once('?') else { return hidden };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

/// A platform's secret from the environment: the variable itself, or the file that
/// `VARIABLE_FILE` names (outside the repository). Never logged.
pub fn secret(var: &impl Fn(&str) -> Option<String>, key: &str) -> anyhow::Result<Option<String>> {
    if let Some(value) = var(key).filter(|value| !value.is_empty()) {
        return Ok(Some(value));
    }
    match var(&format!("{key}_FILE")).filter(|path| !path.is_empty()) {
        Some(path) => {
            let value = std::fs::read_to_string(&path).with_context(|| format!("cannot read {key}_FILE ({path})"))?;
            Ok(Some(value.trim().to_owned()))
        }
        None => Ok(None),
    }
}

/// The platform secrets `entraide run` found in the environment (never logged).
#[derive(Default)]
pub struct Secrets {
    /// `ENTRAIDE_TELEGRAM_TOKEN`.
    pub telegram_token: Option<String>,
    /// `ENTRAIDE_MATRIX_PASSWORD`.
    pub matrix_password: Option<String>,
    /// `ENTRAIDE_DISCORD_TOKEN`.
    pub discord_token: Option<String>,
    /// `ENTRAIDE_MATRIX_STORE_PASSPHRASE`: encrypts the Matrix keys on disk.
    pub matrix_store_passphrase: Option<String>,
}

impl Secrets {
    /// Reads them from the environment (each may also be a `_FILE`).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        Ok(Self {
            telegram_token: secret(&var, "ENTRAIDE_TELEGRAM_TOKEN")?,
            matrix_password: secret(&var, "ENTRAIDE_MATRIX_PASSWORD")?,
            discord_token: secret(&var, "ENTRAIDE_DISCORD_TOKEN")?,
            matrix_store_passphrase: secret(&var, "ENTRAIDE_MATRIX_STORE_PASSPHRASE")?,
        })
    }

    /// Whether any platform adapter can start.
    pub fn any(&self) -> bool {
        self.telegram_token.is_some() || self.matrix_password.is_some() || self.discord_token.is_some()
    }
}

/// The Matrix adapter's settings from `[matrix]`.
pub fn matrix_settings(app: &App, passphrase: Option<String>) -> anyhow::Result<MatrixSettings> {
    let config = &app.config.matrix;
    if config.homeserver.is_empty() || config.user.is_empty() {
        anyhow::bail!("ENTRAIDE_MATRIX_PASSWORD is set but [matrix] homeserver or user is empty in the configuration");
    }
    Ok(MatrixSettings {
        homeserver: config.homeserver.clone(),
        user: config.user.clone(),
        rooms: config.rooms.clone(),
        store: config.store.clone(),
        store_passphrase: passphrase,
        sync_timeout: std::time::Duration::from_secs(30),
    })
}

/// The Matrix adapter, logged in and in its rooms.
pub async fn connect_matrix(app: &App, password: &str, passphrase: Option<String>) -> anyhow::Result<Matrix> {
    let settings = matrix_settings(app, passphrase)?;
    Matrix::connect(settings, password, Arc::clone(&app.service)).await.context("cannot start on Matrix")
}

/// The Telegram adapter from `[telegram]`.
pub fn telegram(app: &App, token: &str) -> anyhow::Result<Telegram> {
    let settings = TelegramSettings {
        api_url: (!app.config.telegram.api_url.is_empty()).then(|| app.config.telegram.api_url.clone()),
        groups: app.config.telegram.groups.clone(),
        webhook: app.config.telegram.webhook()?,
        ..TelegramSettings::default()
    };
    Ok(Telegram::new(token, settings, Arc::clone(&app.service))?)
}

/// The Discord adapter from `[discord]`.
pub fn discord(app: &App, token: &str) -> Discord {
    let config = &app.config.discord;
    let settings = DiscordSettings {
        api_url: (!config.api_url.is_empty()).then(|| config.api_url.clone()),
        guilds: config.guilds.clone(),
        member_roles: config.member_roles(),
        announce_channels: config.announce_channels(),
        invite_channel: config.invite_channel,
        shards: config.shards,
    };
    Discord::new(token, settings, Arc::clone(&app.service))
}

/// This process among those sharing a database, as leases name their holders: the host, the
/// process id and a random part (a restarted process is another holder).
fn process_name() -> String {
    let host = std::env::var("HOSTNAME").ok().filter(|host| !host.is_empty()).unwrap_or_else(|| "host".into());
    let mut random = [0u8; 4];
    OsRandomness.fill(&mut random);
    let random: String = random.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{host}:{}:{random}", std::process::id())
}

/// Runs the community on every platform with a secret until `stopped` turns true (see
/// [`shutdown::on_signal`]): events read from each, the outbox delivered within each
/// platform's limits, upkeep every minute. Stopping lets each task finish what it holds,
/// then closes the database.
pub async fn serve(app: App, secrets: Secrets, stopped: tokio::sync::watch::Receiver<bool>) -> anyhow::Result<()> {
    // The listener first: the adapters' first steps are counted, and a slow start (a Matrix
    // login) is alive but not ready. Each enabled platform is down until its adapter says.
    let until_stopped = shutdown::until;
    let mut tasks = Vec::new();
    let process = process_name();
    let enabled = [
        (Platform::Telegram, secrets.telegram_token.is_some()),
        (Platform::Matrix, secrets.matrix_password.is_some()),
        (Platform::Discord, secrets.discord_token.is_some()),
    ];
    let connections: http::Platforms = Arc::new(std::sync::RwLock::new(
        enabled.into_iter().filter(|(_, on)| *on).map(|(platform, _)| (platform, Connection::default())).collect(),
    ));
    if let Some(address) = app.config.http.address()? {
        let community = app.service.community();
        let probe = http::Probe {
            store: Arc::clone(&app.store),
            clock: Arc::clone(&app.clock),
            community: (community.id, community.slug.clone()),
            platforms: Arc::clone(&connections),
            metrics: http::recorder()?,
            process: process.clone(),
        };
        tasks.push(tokio::spawn(http::serve(address, probe, until_stopped(stopped.clone())).await?));
    }
    // The Telegram bot's name, once it is known, for the public invitation page's links.
    let telegram_name = Arc::new(std::sync::OnceLock::new());
    if let Some(address) = app.config.web.address()? {
        let doors = web::Doors {
            telegram: secrets.telegram_token.is_some().then(|| Arc::clone(&telegram_name)),
            discord: secrets.discord_token.is_some(),
            matrix: secrets.matrix_password.is_some().then(|| app.config.matrix.door()),
        };
        let web = web::Web::new(Arc::clone(&app.service), &app.config.web.public_url).with_doors(doors);
        tasks.push(tokio::spawn(web::serve(address, web, until_stopped(stopped.clone())).await?));
    }
    // The whole board is read before the adapters listen: the first request does not wait.
    app.service.warm_matching().await.context("cannot read the open posts")?;
    memory::give_back_freed();
    let attach = |platform: Platform, connection: Connection| {
        let mut connections = connections.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (enabled, slot) in connections.iter_mut() {
            if *enabled == platform {
                *slot = connection.clone();
            }
        }
    };
    // Moderators hear at once of a sanction a platform refused.
    let mut dispatcher = Dispatcher::new(Arc::clone(&app.store), Arc::clone(&app.clock))
        .with_settings(app.config.delivery())
        .with_parked_listener(Arc::clone(&app.service) as Arc<dyn entraide_core::ports::ParkedListener>);
    let lease_times = LeaseTimes::lasting(i64::from(app.config.database.connection_lease_seconds));
    // Leases are given back only once the connections they guard have stopped (after every
    // other task), so that the next holder never overlaps this one.
    let (release, released) = tokio::sync::watch::channel(false);
    let mut holders = Vec::new();
    // Several processes on one PostgreSQL database hold each platform connection in turn; on
    // SQLite the file lock already makes this process the only one.
    let shared_database = !app.config.database.url.starts_with("sqlite:");
    let lease_holder = |name: &str| {
        let store = Arc::clone(&app.store) as Arc<dyn LeaseStore>;
        Arc::new(LeaseHolder::new(name, process.clone(), lease_times, store, Arc::clone(&app.clock)))
    };
    let telegram = match &secrets.telegram_token {
        Some(token) => {
            let mut telegram = telegram(&app, token)?.sharing_username(Arc::clone(&telegram_name));
            // One process polls at a time.
            if shared_database {
                let holder = lease_holder("telegram");
                telegram = telegram.with_lease(holder.watch());
                let (stopping, release) = (stopped.clone(), released.clone());
                holders.push(tokio::spawn(async move { holder.run(stopping, release).await }));
            }
            dispatcher = dispatcher.with_messenger(Arc::new(telegram.messenger()));
            attach(Platform::Telegram, telegram.connection());
            tracing::info!(groups = app.config.telegram.groups.len(), "serving the community on Telegram");
            Some(telegram)
        }
        None => None,
    };
    let mut leased_matrix = None;
    let matrix = match &secrets.matrix_password {
        // Several processes on one PostgreSQL database: one syncs at a time, under a lease,
        // with the device kept in the store folder they share (opened only by the holder).
        Some(password) if shared_database => {
            let holder = lease_holder("matrix");
            let settings = matrix_settings(&app, secrets.matrix_store_passphrase.clone())?;
            let matrix = LeasedMatrix::new(settings, password, Arc::clone(&app.service), holder.watch());
            dispatcher = dispatcher.with_messenger(Arc::new(matrix.messenger()));
            attach(Platform::Matrix, matrix.connection());
            let (stopping, release) = (stopped.clone(), released.clone());
            holders.push(tokio::spawn(async move { holder.run(stopping, release).await }));
            leased_matrix = Some(matrix);
            None
        }
        Some(password) => {
            let matrix = connect_matrix(&app, password, secrets.matrix_store_passphrase.clone()).await?;
            dispatcher = dispatcher.with_messenger(Arc::new(matrix.messenger()));
            attach(Platform::Matrix, matrix.connection());
            tracing::info!(rooms = matrix.rooms().len(), "serving the community on Matrix");
            Some(matrix)
        }
        None => None,
    };
    let discord = match &secrets.discord_token {
        Some(token) => {
            let mut discord = discord(&app, token);
            // Several processes on one PostgreSQL database: each shard's gateway is held by
            // one at a time, the shards spread across them.
            if shared_database {
                let share = Arc::new(LeaseShare::new(
                    "discord",
                    app.config.discord.shards as usize,
                    &process,
                    lease_times,
                    Arc::clone(&app.store) as Arc<dyn LeaseStore>,
                    Arc::clone(&app.clock),
                ));
                discord = discord.with_shard_leases(share.watches());
                let (stopping, release) = (stopped.clone(), released.clone());
                holders.push(tokio::spawn(async move { share.run(stopping, release).await }));
            }
            // Privileged intents the developer portal refuses: the gateway would close on them
            // (4014) while the process stayed up; one clear error now instead.
            if let Ok(missing) = discord.missing_intents().await
                && !missing.is_empty()
            {
                return Err(entraide_discord::DiscordError::Intents(missing.join(", ")).into());
            }
            dispatcher = dispatcher.with_messenger(Arc::new(discord.messenger()));
            attach(Platform::Discord, discord.connection());
            tracing::info!(guilds = app.config.discord.guilds.len(), "serving the community on Discord");
            Some(discord)
        }
        None => None,
    };
    tasks.push(tokio::spawn(dispatcher.run(
        app.service.outbox_ready(),
        std::time::Duration::from_secs(1),
        until_stopped(stopped.clone()),
    )));
    let service = Arc::clone(&app.service);
    let upkeep_stop = until_stopped(stopped.clone());
    tasks.push(tokio::spawn(async move {
        tokio::pin!(upkeep_stop);
        loop {
            if let Err(error) = service.upkeep().await {
                entraide_core::metrics::error("upkeep");
                tracing::error!(%error, "upkeep failed");
            }
            service.keep_analyses().await;
            tokio::select! {
                () = &mut upkeep_stop => return,
                () = tokio::time::sleep(std::time::Duration::from_secs(60)) => {}
            }
        }
    }));
    if let Some(telegram) = telegram {
        let shutdown = until_stopped(stopped.clone());
        tasks.push(tokio::spawn(async move { telegram.run(shutdown).await }));
    }
    if let Some(matrix) = matrix {
        let shutdown = until_stopped(stopped.clone());
        tasks.push(tokio::spawn(async move { matrix.run(shutdown).await }));
    }
    if let Some(matrix) = leased_matrix {
        let shutdown = until_stopped(stopped.clone());
        tasks.push(tokio::spawn(async move { matrix.run(shutdown).await }));
    }
    if let Some(discord) = discord {
        let shutdown = until_stopped(stopped.clone());
        tasks.push(tokio::spawn(async move {
            if let Err(error) = discord.run(shutdown).await {
                tracing::error!(%error, "the Discord adapter stopped");
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let _ = release.send(true);
    for holder in holders {
        let _ = holder.await;
    }
    app.store.close().await;
    tracing::info!("stopped");
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://bot:s3cret@db.local/entraide"), "postgres://bot:***@db.local/entraide");
        assert_eq!(redact("postgres://bot@db.local/entraide"), "postgres://bot@db.local/entraide");
        assert_eq!(redact("sqlite:entraide.db"), "sqlite:entraide.db");
        assert_eq!(redact("postgres://bot:pa?ss@db.local/entraide"), "postgres://bot:***@db.local/entraide");
        assert_eq!(
            redact("postgres://db.local/entraide?user=bot&password=s3cret&sslmode=require"),
            "postgres://db.local/entraide?user=bot&password=***&sslmode=require"
        );
    }

    #[test]
    fn reads_secrets_from_the_environment_or_a_file() {
        let secrets = Secrets::from_env(|key| (key == "ENTRAIDE_DISCORD_TOKEN").then(|| "x".to_owned())).unwrap();
        assert_eq!((secrets.discord_token.as_deref(), secrets.telegram_token.as_deref()), (Some("x"), None));
        assert!(!Secrets::from_env(|_| Some(String::new())).unwrap().any(), "empty is unset");
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), "from-a-file\n").unwrap();
        let path = file.path().display().to_string();
        let secrets = Secrets::from_env(|key| (key == "ENTRAIDE_MATRIX_PASSWORD_FILE").then(|| path.clone())).unwrap();
        assert_eq!(secrets.matrix_password.as_deref(), Some("from-a-file"));
    }
}
