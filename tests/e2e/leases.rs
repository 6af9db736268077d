//! Several processes on one PostgreSQL database, each platform connection held by one at a
//! time under a lease: two adapters per platform on one database and one platform (fakes for
//! Telegram and Discord, a real Synapse for Matrix), the holder stopped, the other taking over.
//! The real `entraide run` under kills is in `failover.rs`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use entraide_core::model::Platform;
use entraide_core::outbox::Dispatcher;
use entraide_core::ports::SystemClock;
use entraide_discord::{Discord, DiscordSettings};
use entraide_matrix::MatrixSettings;
use entraide_telegram::{Telegram, TelegramSettings};

use crate::fake_discord::FakeDiscord;
use crate::fake_telegram::{FakeTelegram, message};
use crate::matrix::{PASSWORD, Person, Pump, bot_settings, community_rooms, lift_rate_limit, register, unique};
use crate::support::{self, until_true};
use crate::telegram::{GROUPS, poll, post_update, until};

/// Two processes with the same bot on one PostgreSQL database: one polls, the other stands by
/// (no 409 "terminated by other getUpdates request"); when the first dies, the second takes
/// the connection over once its lease ran out, and goes on from the offset the first saved.
#[tokio::test]
async fn two_processes_poll_one_at_a_time_and_fail_over() {
    use entraide_core::lease::{LeaseHolder, LeaseTimes};
    use entraide_core::ports::{LeaseStore, SystemClock};
    let db = support::postgres().await;
    let (first_fake, second_fake) = (FakeTelegram::start().await, FakeTelegram::start().await);
    let mut config = support::config(&db.url, 72.0);
    config.telegram.groups = GROUPS.to_vec();
    let (first, _) = support::app_with(config.clone()).await;
    let (second, _) = support::app_with(config).await;
    // Short leases, on the real clock: a fail-over within seconds.
    let times = LeaseTimes { lasts: 6, renew_every: 1, margin: 2 };
    let holder = |app: &entraide::App, name: &str| {
        let store = Arc::clone(&app.store) as Arc<dyn LeaseStore>;
        Arc::new(LeaseHolder::new("telegram", name, times, store, Arc::new(SystemClock)))
    };
    let (a, b) = (holder(&first, "a"), holder(&second, "b"));
    let adapter = |fake: &FakeTelegram, app: &entraide::App| {
        let settings = TelegramSettings {
            api_url: Some(fake.url.clone()),
            groups: GROUPS.to_vec(),
            poll_timeout: 1,
            webhook: None,
        };
        Telegram::new("123456:FAKE-TOKEN", settings, Arc::clone(&app.service)).unwrap()
    };
    let (_stop_a, a_stopped) = tokio::sync::watch::channel(false);
    let a_beats = tokio::spawn({
        let a = Arc::clone(&a);
        async move { a.run(a_stopped.clone(), a_stopped).await }
    });
    let mut a_held = a.watch();
    until("a holds the lease", async || a_held.now().is_some()).await;
    let (_stop_b, b_stopped) = tokio::sync::watch::channel(false);
    let b_beats = tokio::spawn({
        let b = Arc::clone(&b);
        async move { b.run(b_stopped.clone(), b_stopped).await }
    });
    let (stop_a, a_polls) = poll(adapter(&first_fake, &first).with_lease(a.watch()));
    let (stop_b, b_polls) = poll(adapter(&second_fake, &second).with_lease(b.watch()));

    first_fake.push(message(7, 42, "Léa", 42, "/aide"));
    until("a polls and handles", async || {
        first.service.cursor("telegram:offset").await.unwrap().as_deref() == Some("8")
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(second_fake.calls("getupdates").is_empty(), "b stands by while a holds the connection");

    // a dies: it neither polls nor renews any more, and gives nothing back.
    a_beats.abort();
    let _ = stop_a.send(());
    a_polls.await.unwrap();
    let died = std::time::Instant::now();
    until("b takes over", async || !second_fake.calls("getupdates").is_empty()).await;
    let took = died.elapsed();
    assert!(took < Duration::from_secs(9), "taken over within the lease (6 s) and a beat: {took:?}");
    let polled = second_fake.calls("getupdates");
    assert_eq!(polled[0]["offset"], 8, "from the offset a saved: {}", polled[0]);
    second_fake.push(message(8, 42, "Léa", 42, "/aide"));
    until("b handles what comes next", async || {
        second.service.cursor("telegram:offset").await.unwrap().as_deref() == Some("9")
    })
    .await;
    let _ = stop_b.send(());
    b_polls.await.unwrap();
    b_beats.abort();
}

/// Webhook mode with two processes on one PostgreSQL database: both listen and handle what
/// Telegram posts to either (once each), but only the lease's holder calls `setWebhook`, with
/// the updates the bot needs; when it dies, the other sets the webhook as it takes over.
#[tokio::test]
async fn in_webhook_mode_only_the_holder_sets_the_webhook() {
    use entraide_core::lease::{LeaseHolder, LeaseTimes};
    use entraide_core::ports::{LeaseStore, SystemClock};
    let db = support::postgres().await;
    let fake = FakeTelegram::start().await;
    let mut config = support::config(&db.url, 72.0);
    config.telegram.groups = GROUPS.to_vec();
    let (first, _) = support::app_with(config.clone()).await;
    let (second, _) = support::app_with(config).await;
    let times = LeaseTimes { lasts: 6, renew_every: 1, margin: 2 };
    let holder = |app: &entraide::App, name: &str| {
        let store = Arc::clone(&app.store) as Arc<dyn LeaseStore>;
        Arc::new(LeaseHolder::new("telegram", name, times, store, Arc::new(SystemClock)))
    };
    let (a, b) = (holder(&first, "a"), holder(&second, "b"));
    let free_address = || {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        format!("127.0.0.1:{port}").parse::<std::net::SocketAddr>().unwrap()
    };
    let (a_address, b_address) = (free_address(), free_address());
    let public = "https://bot.example.org/telegram".to_owned();
    let adapter = |app: &entraide::App, address, lease: &LeaseHolder| {
        let settings = TelegramSettings {
            api_url: Some(fake.url.clone()),
            groups: GROUPS.to_vec(),
            webhook: Some((address, public.clone())),
            ..TelegramSettings::default()
        };
        Telegram::new("123456:FAKE-TOKEN", settings, Arc::clone(&app.service)).unwrap().with_lease(lease.watch())
    };
    let (a_adapter, b_adapter) = (adapter(&first, a_address, &a), adapter(&second, b_address, &b));
    let (_stop_beats, beats_stopped) = tokio::sync::watch::channel(false);
    let a_beats = tokio::spawn({
        let (a, stopped) = (Arc::clone(&a), beats_stopped.clone());
        async move { a.run(stopped.clone(), stopped).await }
    });
    let mut a_watch = a.watch();
    until("a holds the lease", async || a_watch.now().is_some()).await;
    let b_beats = tokio::spawn({
        let b = Arc::clone(&b);
        async move { b.run(beats_stopped.clone(), beats_stopped).await }
    });
    let (stop_a, a_stopped) = tokio::sync::oneshot::channel::<()>();
    let a_serves = tokio::spawn(async move {
        a_adapter
            .run(async {
                let _ = a_stopped.await;
            })
            .await;
    });
    let (stop_b, b_stopped) = tokio::sync::oneshot::channel::<()>();
    let b_serves = tokio::spawn(async move {
        b_adapter
            .run(async {
                let _ = b_stopped.await;
            })
            .await;
    });
    until("the webhook set", async || !fake.calls("setwebhook").is_empty()).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let set = fake.calls("setwebhook");
    assert_eq!(set.len(), 1, "set once, by the holder: {set:?}");
    assert_eq!(set[0]["url"], public);
    let allowed = set[0]["allowed_updates"].to_string();
    assert!(allowed.contains("chat_member") && allowed.contains("chat_join_request"), "{allowed}");
    let secret = set[0]["secret_token"].as_str().unwrap().to_owned();

    // Telegram posts to whichever process its proxy picks: both handle it, once.
    let update = message(1, 42, "Léa", 42, "/aide");
    assert!(post_update(b_address, &secret, &update).await.starts_with("HTTP/1.1 200"), "the standby listens");
    assert!(post_update(a_address, &secret, &update).await.starts_with("HTTP/1.1 200"));
    assert!(post_update(b_address, "wrong", &update).await.starts_with("HTTP/1.1 401"));
    until("the update handled", async || first.store.event_seen(Platform::Telegram, "1").await.unwrap()).await;

    // The holder dies: the other sets the webhook as it takes over.
    a_beats.abort();
    let _ = stop_a.send(());
    a_serves.await.unwrap();
    until("b sets the webhook", async || fake.calls("setwebhook").len() == 2).await;
    assert!(fake.calls("deletewebhook").is_empty(), "nobody deletes a webhook another process may use");
    let _ = stop_b.send(());
    b_serves.await.unwrap();
    b_beats.abort();
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
}

/// Two processes on one PostgreSQL database, two gateway shards: each process holds one
/// (never both the same), each shard's guild is served by its holder; when one process dies,
/// the other takes its shard over once the lease ran out, and that guild's events go on.
#[tokio::test]
async fn two_processes_spread_the_shards_and_take_them_over() {
    use entraide_core::lease::{LeaseShare, LeaseTimes};
    use entraide_core::ports::{LeaseStore, SystemClock};
    // Discord sends a guild's events on shard (id >> 22) % shards: one guild on each.
    const FIRST: u64 = 2 << 22;
    const SECOND: u64 = 3 << 22;
    let db = support::postgres().await;
    let fake = FakeDiscord::with_guilds(&[FIRST, SECOND]).await;
    let mut config = support::config(&db.url, 72.0);
    config.discord.guilds = vec![FIRST, SECOND];
    config.discord.shards = 2;
    let (first, _) = support::app_with(config.clone()).await;
    let (second, _) = support::app_with(config).await;
    let times = LeaseTimes { lasts: 6, renew_every: 1, margin: 2 };
    let share = |app: &entraide::App, name: &str| {
        let store = Arc::clone(&app.store) as Arc<dyn LeaseStore>;
        Arc::new(LeaseShare::new("discord", 2, name, times, store, Arc::new(SystemClock)))
    };
    let (a, b) = (share(&first, "a"), share(&second, "b"));
    let settings = DiscordSettings {
        api_url: Some(fake.url.clone()),
        guilds: vec![FIRST, SECOND],
        shards: 2,
        ..DiscordSettings::default()
    };
    let start = |app: &entraide::App, share: &LeaseShare| {
        let discord = Discord::new("FAKE.DISCORD.TOKEN", settings.clone(), Arc::clone(&app.service))
            .with_shard_leases(share.watches());
        crate::discord::run_gateway(discord)
    };
    let (_stop_shares, shares_stopped) = tokio::sync::watch::channel(false);
    let a_beats = tokio::spawn({
        let (a, stopped) = (Arc::clone(&a), shares_stopped.clone());
        async move { a.run(stopped.clone(), stopped).await }
    });
    let b_beats = tokio::spawn({
        let b = Arc::clone(&b);
        async move { b.run(shares_stopped.clone(), shares_stopped).await }
    });
    let (stop_a, a_gateway) = start(&first, &a);
    let (stop_b, b_gateway) = start(&second, &b);
    let holders = async || {
        let leases = first.store.leases().await.unwrap();
        let of = |name: &str| leases.iter().find(|lease| lease.name == name).map(|lease| lease.holder.clone());
        (of("discord:0"), of("discord:1"))
    };
    until_true("one shard each, both open", Duration::from_secs(20), async || {
        let (zero, one) = holders().await;
        zero.is_some() && one.is_some() && zero != one && fake.open_shards() == vec![0, 1]
    })
    .await;
    let registered = |guild: u64| fake.calls("PUT", &format!("/guilds/{guild}/commands")).len();
    until_true("each guild's commands registered by its shard", Duration::from_secs(20), async || {
        registered(FIRST) > 0 && registered(SECOND) > 0
    })
    .await;
    let invites_read = |guild: u64| fake.calls("GET", &format!("/guilds/{guild}/invites")).len();
    let before = invites_read(SECOND);
    fake.join_guild(SECOND, 77, "Zoé");
    until_true("a join on the second shard handled", Duration::from_secs(20), async || invites_read(SECOND) > before)
        .await;

    // a dies (its shard's gateway closes, its leases are not given back): b takes its shard
    // over once the lease ran out.
    let a_held = if holders().await.0.as_deref() == Some("a") { FIRST } else { SECOND };
    a_beats.abort();
    let _ = stop_a.send(());
    a_gateway.await.unwrap().unwrap();
    let identified = fake.identified().len();
    until_true("b holds both shards, both open", Duration::from_secs(20), async || {
        holders().await == (Some("b".into()), Some("b".into()))
            && fake.open_shards() == vec![0, 1]
            && fake.identified().len() > identified
    })
    .await;
    let before = invites_read(a_held);
    fake.join_guild(a_held, 78, "Yann");
    until_true("a join in the guild a served, handled by b", Duration::from_secs(20), async || {
        invites_read(a_held) > before
    })
    .await;
    let _ = stop_b.send(());
    b_gateway.await.unwrap().unwrap();
    b_beats.abort();
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
}

/// Two processes on one PostgreSQL database and one store folder (the shared volume): only
/// the lease's holder logs in, syncs and opens the store; when it dies, the other takes the
/// connection over with the same device and keys (no new session for members to verify),
/// and the private room it had stays encrypted and answered.
#[tokio::test]
async fn two_processes_share_one_matrix_device_through_the_lease() {
    use entraide_core::lease::{LeaseHolder, LeaseTimes};
    use entraide_core::ports::LeaseStore;
    use entraide_matrix::LeasedMatrix;
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 1).await;
    let db = support::postgres().await;
    let mut config = support::config(&db.url, 72.0);
    config.matrix.rooms = rooms.iter().map(ToString::to_string).collect();
    let (first, _) = support::app_with(config.clone()).await;
    let (second, _) = support::app_with(config).await;
    let shared = tempfile::tempdir().unwrap();
    let settings = bot_settings(&bot, &rooms, shared.path()).await;
    let times = LeaseTimes { lasts: 6, renew_every: 1, margin: 2 };
    let holder = |app: &entraide::App, name: &str| {
        let store = Arc::clone(&app.store) as Arc<dyn LeaseStore>;
        Arc::new(LeaseHolder::new("matrix", name, times, store, Arc::new(SystemClock)))
    };
    let (a, b) = (holder(&first, "a"), holder(&second, "b"));
    let leased = |app: &entraide::App, lease: &LeaseHolder| {
        Arc::new(LeasedMatrix::new(settings.clone(), PASSWORD, Arc::clone(&app.service), lease.watch()))
    };
    let (a_matrix, b_matrix) = (leased(&first, &a), leased(&second, &b));
    let pump = |app: &entraide::App, matrix: &LeasedMatrix| Pump {
        dispatcher: Some(
            Dispatcher::new(Arc::clone(&app.store), app.clock.clone())
                .with_messenger(Arc::new(matrix.messenger()))
                .with_settings(support::unlimited(Platform::Matrix)),
        ),
    };
    let (a_pump, b_pump) = (pump(&first, &a_matrix), pump(&second, &b_matrix));
    let (_stop_beats, beats_stopped) = tokio::sync::watch::channel(false);
    let a_beats = tokio::spawn({
        let (a, stopped) = (Arc::clone(&a), beats_stopped.clone());
        async move { a.run(stopped.clone(), stopped).await }
    });
    let mut a_watch = a.watch();
    a_pump.until("a holds the lease", async || a_watch.now().is_some()).await;
    let b_beats = tokio::spawn({
        let b = Arc::clone(&b);
        async move { b.run(beats_stopped.clone(), beats_stopped).await }
    });
    let run = |matrix: &Arc<LeasedMatrix>| {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let matrix = Arc::clone(matrix);
        let task = tokio::spawn(async move {
            matrix
                .run(async {
                    let _ = stopped.await;
                })
                .await;
        });
        (stop, task)
    };
    let (stop_a, a_runs) = run(&a_matrix);
    let (_stop_b, _b_runs) = run(&b_matrix);
    a_pump.until("a connected", async || a_matrix.device().is_some()).await;
    let device = a_matrix.device().unwrap();
    assert!(b_matrix.device().is_none(), "the standby has not logged in nor opened the store");

    let lea = Person::new("lea").await;
    let dm = lea.open_direct(&a_pump, &bot).await;
    lea.say(&dm, "!aide").await;
    lea.message_from(&a_pump, &bot, "!rejoindre").await;
    let answers = lea.texts_from(&bot).len();

    // a dies: b takes over from the shared folder, with the same device.
    a_beats.abort();
    let _ = stop_a.send(());
    a_runs.await.unwrap();
    let died = Instant::now();
    b_pump.until("b connected", async || b_matrix.device().is_some()).await;
    assert_eq!(b_matrix.device(), Some(device), "the same device: no new session for members");
    lea.say(&dm, "!aide").await;
    b_pump.until("the answer from b", async || lea.texts_from(&bot).len() > answers).await;
    println!("Matrix fail-over with a 6 s lease: {:.1} s to an answer", died.elapsed().as_secs_f64());
    let (_, answer) = lea.messages_from(&bot).pop().unwrap();
    assert_eq!(answer["encrypted"], true, "the same keys: {answer}");
    b_beats.abort();
}

/// The process that takes the Matrix lease finds the shared folder empty (the volume not
/// mounted there) while the bot already has a device: it does not log in (that would make a
/// new device), it steps aside, and a process with the folder takes over with the device.
#[tokio::test]
async fn a_holder_without_the_shared_folder_leaves_matrix_to_another() {
    use entraide_core::lease::{LeaseHolder, LeaseTimes};
    use entraide_core::ports::LeaseStore;
    use entraide_matrix::LeasedMatrix;
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 1).await;
    let db = support::postgres().await;
    let mut config = support::config(&db.url, 72.0);
    config.matrix.rooms = rooms.iter().map(ToString::to_string).collect();
    let (first, _) = support::app_with(config.clone()).await;
    let (second, _) = support::app_with(config).await;
    let volume = tempfile::tempdir().unwrap();
    let (shared, unmounted) = (volume.path().join("shared"), volume.path().join("unmounted"));
    std::fs::create_dir_all(&unmounted).unwrap();
    let times = LeaseTimes { lasts: 6, renew_every: 1, margin: 2 };
    let holder = |app: &entraide::App, name: &str| {
        let store = Arc::clone(&app.store) as Arc<dyn LeaseStore>;
        Arc::new(LeaseHolder::new("matrix", name, times, store, Arc::new(SystemClock)))
    };
    let pump = Pump { dispatcher: None };
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let start = |holder: &Arc<LeaseHolder>, matrix: &Arc<LeasedMatrix>| {
        let (holder, matrix, stopped) = (Arc::clone(holder), Arc::clone(matrix), stopped.clone());
        let beats = tokio::spawn(async move { holder.run(stopped.clone(), stopped).await });
        let runs = tokio::spawn(async move { matrix.run(std::future::pending()).await });
        (beats, runs)
    };
    let (on_shared, on_unmounted) =
        (bot_settings(&bot, &rooms, &shared).await, bot_settings(&bot, &rooms, &unmounted).await);
    let leased = |app: &entraide::App, settings: &MatrixSettings, lease: &LeaseHolder| {
        Arc::new(LeasedMatrix::new(settings.clone(), PASSWORD, Arc::clone(&app.service), lease.watch()))
    };
    // The bot's first start, on the shared folder: its device.
    let b = holder(&second, "b");
    let b_matrix = leased(&second, &on_shared, &b);
    let (b_beats, b_runs) = start(&b, &b_matrix);
    pump.until("b connected", async || b_matrix.device().is_some()).await;
    let device = b_matrix.device().unwrap();
    b_beats.abort();
    b_runs.abort();

    // a takes the lease where the volume is not mounted; then b is back.
    let a = holder(&first, "a");
    let a_matrix = leased(&first, &on_unmounted, &a);
    let (a_beats, a_runs) = start(&a, &a_matrix);
    pump.until("a takes the lease", async || {
        first.store.leases().await.unwrap().iter().any(|lease| lease.name == "matrix" && lease.holder == "a")
    })
    .await;
    let b = holder(&second, "b-again");
    let b_matrix = leased(&second, &on_shared, &b);
    let (b_beats, b_runs) = start(&b, &b_matrix);
    pump.until("b serves Matrix in a's stead", async || b_matrix.device().is_some()).await;
    assert_eq!(b_matrix.device(), Some(device), "the same device");
    assert!(!unmounted.join("session.json").exists(), "a did not log in: no new device");
    let holds = second.store.leases().await.unwrap();
    assert!(holds.iter().any(|lease| lease.name == "matrix" && lease.holder == "b-again"), "{holds:?}");
    for task in [a_beats, a_runs, b_beats, b_runs] {
        task.abort();
    }
}
