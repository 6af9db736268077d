//! The Telegram adapter end to end: the real teloxide client against the fake Bot API. An
//! invite link made for an invitation and a join through it attributed; a code redeemed in
//! a private chat; a request in a group answered there and its helper asked privately; an
//! unexplained join restricted and held; a ban applied in every group; a 429 respected; a
//! report typed in a group deleted there and acknowledged privately; and a restart that
//! resumes at the saved offset without handling any update twice.

use std::sync::Arc;
use std::time::Duration;

use entraide_core::model::{AccountRef, Platform};
use entraide_core::outbox::Dispatcher;
use entraide_telegram::{Telegram, TelegramSettings};
use serde_json::json;

use crate::fake_telegram::{FakeTelegram, joined, message};
use crate::support::as_;
use crate::support::{self, code_in};

pub(crate) const GROUPS: [i64; 2] = [-1001, -1002];

/// Waits (up to 10 s) until `check` holds.
pub(crate) async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Waits (up to 10 s) until `check` holds, delivering the outbox meanwhile: answers go
/// through it, as everything members are told.
async fn until_delivered(dispatcher: &Dispatcher, what: &str, mut check: impl AsyncFnMut() -> bool) {
    until(what, async || {
        let _ = dispatcher.deliver_due().await;
        check().await
    })
    .await;
}

/// Someone (update, Telegram id, name) joins with a code alice made, writing to the bot
/// privately; returns once their welcome was delivered.
async fn join_by_code(
    fake: &FakeTelegram,
    service: &entraide_core::service::Service,
    dispatcher: &Dispatcher,
    (update, id, name): (i64, i64, &str),
) {
    let code = code_in(&as_(service, "alice", "/inviter").await).unwrap();
    fake.push(message(update, id, name, id, &format!("/rejoindre {code}")));
    until_delivered(dispatcher, "the welcome", async || !fake.texts_to(id).is_empty()).await;
}

/// A community on SQLite with two Telegram groups, the adapter pointed at a fake Bot API, and
/// a dispatcher without limits (the tests move the clock).
struct Setup {
    fake: FakeTelegram,
    _db: support::ScratchDb,
    app: entraide::App,
    clock: Arc<entraide_core::ports::ManualClock>,
    service: Arc<entraide_core::service::Service>,
    store: Arc<dyn entraide_core::ports::Store>,
    telegram: Telegram,
    dispatcher: Dispatcher,
}

/// Runs the adapter until the sender is used (or dropped).
pub(crate) fn poll(telegram: Telegram) -> (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        telegram
            .run(async {
                let _ = stopped.await;
            })
            .await;
    });
    (stop, task)
}

async fn setup() -> Setup {
    let fake = FakeTelegram::start().await;
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 50;
    config.telegram.groups = GROUPS.to_vec();
    let (app, clock) = support::app_with(config).await;
    let (service, store) = (Arc::clone(&app.service), Arc::clone(&app.store));
    let settings =
        TelegramSettings { api_url: Some(fake.url.clone()), groups: GROUPS.to_vec(), poll_timeout: 1, webhook: None };
    let telegram = Telegram::new("123456:FAKE-TOKEN", settings, Arc::clone(&service)).unwrap();
    let dispatcher = Dispatcher::new(Arc::clone(&store), app.clock.clone())
        .with_messenger(Arc::new(telegram.messenger()))
        .with_settings(support::unlimited(Platform::Telegram))
        .with_parked_listener(Arc::clone(&service) as Arc<dyn entraide_core::ports::ParkedListener>);
    Setup { fake, _db: db, app, clock, service, store, telegram, dispatcher }
}

#[tokio::test]
async fn a_community_on_telegram() {
    let Setup { fake, _db, app: _app, clock, service, store, telegram, dispatcher } = setup().await;
    // Telegram fails the first getMe: the bot asks again, and learns its name for the hints.
    let too_fast = json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 2",
        "parameters": {"retry_after": 2}});
    fake.fail_next("getme", 429, too_fast);
    let asked = std::time::Instant::now();
    let (stop, poller) = poll(telegram.clone());
    let community = service.community().id;

    // The command menu, for French and English apps and (in the community's language) any other.
    until("the menus", async || fake.calls("setmycommands").len() == 9).await;
    assert_eq!((fake.calls("getme (refused)").len(), fake.calls("getme").len()), (1, 1), "asked again once");
    assert!(asked.elapsed() >= Duration::from_secs(2), "after the wait Telegram asked for");
    let menus = fake.calls("setmycommands");
    let private_fr = menus
        .iter()
        .find(|m| m["scope"]["type"] == "all_private_chats" && m["language_code"] == "fr")
        .expect("the French private menu");
    assert!(private_fr["commands"].as_array().unwrap().iter().any(|c| c["command"] == "besoin"), "{private_fr}");
    assert!(menus.iter().any(|m| m["scope"]["type"] == "all_chat_administrators" && m["language_code"] == "en"));
    let any_language = menus
        .iter()
        .find(|m| m["scope"]["type"] == "all_private_chats" && m["language_code"].is_null())
        .expect("a menu for apps in any other language");
    assert_eq!(any_language["commands"], private_fr["commands"], "in the community's language");
    let checked: Vec<i64> = fake.calls("getchatmember").iter().map(|c| c["chat_id"].as_i64().unwrap()).collect();
    assert_eq!(checked, GROUPS.to_vec(), "the bot checks its rights in every group");

    // An invitation gets a single-use Telegram link; a join through it is attributed.
    let code = code_in(&as_(&service, "alice", "/inviter pour Léa").await).unwrap();
    dispatcher.deliver_due().await.unwrap();
    let made = fake.calls("createchatinvitelink");
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!((made[0]["chat_id"].as_i64(), made[0]["member_limit"].as_i64()), (Some(GROUPS[0]), Some(1)));
    assert!(made[0]["name"].as_str().unwrap().starts_with("invitation "));
    fake.push(joined(1, 42, "Léa", GROUPS[0], Some("https://t.me/+fake1")));
    let lea = AccountRef::new(Platform::Telegram, "42");
    until("Léa's join", async || store.account(community, &lea).await.unwrap().is_some()).await;
    dispatcher.deliver_due().await.unwrap();
    assert!(fake.texts_to(42).iter().any(|t| t.contains("Bienvenue")), "{:?}", fake.texts_to(42));
    assert!(as_(&service, "carol", &format!("/rejoindre {code}")).await.contains("déjà été utilisé"), "single use");

    // A code redeemed in a private chat with the bot.
    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    fake.push(message(2, 43, "Bob", 43, &format!("/rejoindre {code}")));
    fake.push(message(3, 43, "Bob", 43, "/lieu Lyon"));
    fake.push(message(4, 43, "Bob", 43, "/offre je prête ma perceuse"));
    until_delivered(&dispatcher, "Bob's answers", async || fake.texts_to(43).len() >= 3).await;
    assert!(fake.texts_to(43)[0].contains("Bienvenue"), "{:?}", fake.texts_to(43));

    // A second helper on Telegram.
    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    fake.push(message(5, 47, "Carl", 47, &format!("/rejoindre {code}")));
    fake.push(message(6, 47, "Carl", 47, "/lieu Lyon"));
    fake.push(message(7, 47, "Carl", 47, "/offre je peux prêter une perceuse"));
    until_delivered(&dispatcher, "Carl's answers", async || fake.texts_to(47).len() >= 3).await;

    // A request in a group, addressed to the bot: answered there, both helpers asked privately.
    fake.push(message(8, 42, "Léa", 42, "/lieu Lyon"));
    fake.push(message(9, 42, "Léa", GROUPS[0], "/besoin@EntraideBot une perceuse pour ce week-end"));
    until_delivered(&dispatcher, "the group answer", async || {
        fake.texts_to(GROUPS[0]).iter().any(|t| t.contains("enregistrée"))
    })
    .await;
    dispatcher.deliver_due().await.unwrap();
    for helper in [43, 47] {
        let asked = fake.texts_to(helper);
        assert!(asked.iter().any(|t| t.contains("une perceuse pour ce week-end")), "{helper}: {asked:?}");
    }

    // The helper answers with a button: the query is answered, the buttons go, the requester
    // is asked to confirm, with buttons too.
    let asked = fake.calls("sendmessage").into_iter().rev().find(|m| m["chat_id"].as_i64() == Some(43)).unwrap();
    let keyboard = &asked["reply_markup"]["inline_keyboard"][0];
    let accept = keyboard[0]["callback_data"].as_str().unwrap().to_owned();
    assert!(
        accept.starts_with("/accepter ")
            && keyboard[1]["text"] == "Pas maintenant"
            && keyboard[2]["text"] == "Pas ce que je propose",
        "{asked}"
    );
    fake.push(crate::fake_telegram::tapped(10, 43, "Bob", 777, &accept));
    until("the button's answer", async || !fake.calls("answercallbackquery").is_empty()).await;
    until("the buttons removed", async || !fake.calls("editmessagereplymarkup").is_empty()).await;
    assert_eq!(fake.calls("editmessagereplymarkup")[0]["message_id"].as_i64(), Some(777));
    dispatcher.deliver_due().await.unwrap();
    let to_lea = fake.calls("sendmessage").into_iter().rev().find(|m| m["chat_id"].as_i64() == Some(42)).unwrap();
    assert!(to_lea["text"].as_str().unwrap().contains("Bob"), "{to_lea}");
    assert_eq!(to_lea["reply_markup"]["inline_keyboard"][0][0]["text"], "Oui, merci");

    // When the request closes, its announcement in the group says so.
    let announced = fake.texts_to(GROUPS[0]).into_iter().find(|t| t.contains("enregistrée")).unwrap();
    let request = support::number_after(&announced, "n°").unwrap();
    fake.push(message(11, 42, "Léa", 42, &format!("/fermer {request}")));
    until_delivered(&dispatcher, "the closing", async || {
        fake.texts_to(42).iter().any(|t| t.contains(&format!("n°{request}")) && t.contains("fermée"))
    })
    .await;
    dispatcher.deliver_due().await.unwrap();
    let edited = fake.calls("editmessagetext");
    assert_eq!(edited.len(), 1, "{edited:?}");
    assert_eq!(edited[0]["chat_id"].as_i64(), Some(GROUPS[0]));
    assert_eq!(edited[0]["text"], format!("Demande n°{request} : fermée."));

    // A join nothing explains is held for moderators.
    fake.push(joined(12, 44, "Inconnu", GROUPS[1], None));
    until("the held join", async || store.open_held_joins(community).await.unwrap().len() == 1).await;
    dispatcher.deliver_due().await.unwrap();
    let restricted: Vec<i64> = fake
        .calls("restrictchatmember")
        .iter()
        .filter(|r| r["user_id"].as_i64() == Some(44))
        .map(|r| r["chat_id"].as_i64().unwrap())
        .collect();
    assert_eq!(restricted, GROUPS.to_vec(), "held: may read, not post, until a moderator decides");

    // A ban applies in every group of the community.
    assert!(as_(&service, "alice", "/bannir Bob spam").await.contains("Bob"));
    dispatcher.deliver_due().await.unwrap();
    let bans = fake.calls("banchatmember");
    let banned: Vec<(i64, i64)> =
        bans.iter().map(|b| (b["chat_id"].as_i64().unwrap(), b["user_id"].as_i64().unwrap())).collect();
    assert_eq!(banned, vec![(GROUPS[0], 43), (GROUPS[1], 43)]);

    // Telegram's "429, retry after 5 s" is respected.
    let too_fast = json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 5",
        "parameters": {"retry_after": 5}});
    fake.fail_next("sendmessage", 429, too_fast);
    as_(&service, "alice", "/avertir Léa un rappel").await;
    assert_eq!(dispatcher.deliver_due().await.unwrap(), 0);
    clock.advance(4);
    assert_eq!(dispatcher.deliver_due().await.unwrap(), 0, "not before the retry-after");
    clock.advance(1);
    assert!(dispatcher.deliver_due().await.unwrap() >= 1);
    assert!(fake.texts_to(42).iter().any(|t| t.contains("Avertissement")));

    // Someone who never started the bot: their messages wait, in the group they learn how to
    // fix it, and once they write to the bot everything arrives, in order.
    let code = code_in(&as_(&service, "alice", "/inviter pour Nina").await).unwrap();
    dispatcher.deliver_due().await.unwrap();
    let invitation = store.invitation_by_code(community, &code).await.unwrap().unwrap();
    let (_, link) = store.links_of_invitation(invitation.id).await.unwrap().remove(0);
    let cannot = json!({"ok": false, "error_code": 403,
        "description": "Forbidden: bot can't initiate conversation with a user"});
    fake.fail_next("sendmessage", 403, cannot);
    fake.push(joined(13, 45, "Nina", GROUPS[0], Some(&link)));
    let nina = AccountRef::new(Platform::Telegram, "45");
    until("Nina's join", async || store.account(community, &nina).await.unwrap().is_some()).await;
    dispatcher.deliver_due().await.unwrap();
    assert!(store.unreachable_since(&nina).await.unwrap().is_some());
    as_(&service, "alice", "/avertir Nina un mot de bienvenue").await;
    dispatcher.deliver_due().await.unwrap();
    assert!(fake.texts_to(45).is_empty(), "held while she cannot be written to");
    fake.push(message(14, 45, "Nina", GROUPS[0], "/mes"));
    let hint = "https://t.me/EntraideBot?start=";
    until_delivered(&dispatcher, "the hint in the group", async || {
        fake.texts_to(GROUPS[0]).iter().any(|t| t.contains(hint))
    })
    .await;
    fake.push(message(15, 45, "Nina", GROUPS[0], "/mes"));
    until_delivered(&dispatcher, "the second answer", async || {
        fake.texts_to(GROUPS[0]).iter().filter(|t| t.contains("en privé")).count() >= 2
    })
    .await;
    assert_eq!(fake.texts_to(GROUPS[0]).iter().filter(|t| t.contains(hint)).count(), 1, "told once");
    fake.push(message(16, 45, "Nina", 45, "/start"));
    until_delivered(&dispatcher, "the answer to /start", async || !fake.texts_to(45).is_empty()).await;
    dispatcher.deliver_due().await.unwrap();
    let to_nina = fake.texts_to(45);
    let welcome = to_nina.iter().position(|t| t.contains("Bienvenue dans")).expect("the welcome arrives");
    let warning = to_nina.iter().position(|t| t.contains("un mot de bienvenue")).expect("the warning arrives");
    assert!(welcome < warning, "in order: {to_nina:?}");
    assert!(store.unreachable_since(&nina).await.unwrap().is_none());

    // A member's data export arrives as a file in their private chat.
    fake.push(message(17, 42, "Léa", 42, "/mes-donnees"));
    until_delivered(&dispatcher, "the export queued", async || {
        fake.texts_to(42).iter().any(|t| t.contains("fichier JSON"))
    })
    .await;
    dispatcher.deliver_due().await.unwrap();
    let files = fake.calls("senddocument");
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0]["chat_id"], "42");
    assert!(files[0]["caption"].as_str().unwrap().contains("enregistre sur toi"), "{files:?}");

    // A restart resumes after the last update handled; nothing is handled twice.
    let _ = stop.send(());
    poller.await.unwrap();
    let answers = fake.calls("sendmessage").len();
    let polls = fake.calls("getupdates").len();
    let (stop, poller) = poll(telegram);
    until("a new poll", async || fake.calls("getupdates").len() > polls).await;
    assert_eq!(fake.calls("getupdates")[polls]["offset"].as_i64(), Some(18), "resumes at the saved offset");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.calls("sendmessage").len(), answers, "no update handled twice");
    let _ = stop.send(());
    poller.await.unwrap();
    assert!(fake.unknown().is_empty(), "methods the fake does not implement: {:?}", fake.unknown());
}

/// How many Telegram messages to `chat` are not recorded as delivered yet, read from the
/// database file.
async fn undelivered(url: &str, chat: &str) -> i64 {
    let pool = sqlx::SqlitePool::connect(url).await.unwrap();
    let count = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE outcome IS NULL AND platform = 'telegram' AND recipient = $1",
    )
    .bind(chat)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    count
}

/// `entraide run` with a token serves the community on Telegram (here, the fake), resumes
/// after a restart without answering anything twice, and logs neither the token nor what
/// members wrote, even at the most verbose level.
#[tokio::test]
async fn entraide_run_serves_telegram_when_a_token_is_set() {
    const TOKEN: &str = "7301234567:AAFakeTokenZebraQuartz";
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"sqlite:{}\"", dir.path().join("e.db").display()))
        .replace("groups = []", "groups = [-1001]")
        .replace("api_url = \"\"", &format!("api_url = \"{}\"", fake.url));
    let config = dir.path().join("entraide.toml");
    std::fs::write(&config, text).unwrap();
    let start = || support::run_traced(&config, ("ENTRAIDE_TELEGRAM_TOKEN", TOKEN));
    fake.push(message(1, 42, "Zéphyrine", 42, "/besoin un tabouret Xylophage"));
    let mut bot = start();
    until("the answer", async || !fake.texts_to(42).is_empty()).await;
    assert!(fake.texts_to(42)[0].contains("pas encore membre"), "{:?}", fake.texts_to(42));
    // Killed only once the answer is recorded as sent: a kill between Telegram's reply and
    // that record sends it again on restart (Telegram has no idempotency key), which is not
    // what this test is about.
    let db = format!("sqlite:{}?mode=ro", dir.path().join("e.db").display());
    until("the answer recorded as sent", async || undelivered(&db, "42").await == 0).await;
    bot.kill().await.unwrap();
    let first_logs = bot.wait_with_output().await.unwrap().stderr;

    let polls = fake.calls("getupdates").len();
    let bot = start();
    until("a new poll", async || fake.calls("getupdates").len() > polls).await;
    assert_eq!(fake.calls("getupdates")[polls]["offset"].as_i64(), Some(2));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.texts_to(42).len(), 1, "the update is not answered twice: {:?}", fake.texts_to(42));
    // SIGTERM: a clean stop, said in the logs.
    let stopped = support::terminate(bot).await;
    assert!(stopped.status.success(), "{}", stopped.status);
    let mut logs = String::from_utf8_lossy(&first_logs).into_owned();
    logs.push_str(&String::from_utf8_lossy(&stopped.stderr));
    assert!(
        logs.contains("stopping: finishing what is in hand") && logs.lines().any(|line| line.ends_with(" stopped")),
        "{logs}"
    );
    assert!(logs.contains("TRACE"), "the most verbose level was on");
    for secret in [TOKEN, "AAFakeToken", "Xylophage", "tabouret", "Zéphyrine"] {
        assert!(!logs.contains(secret), "{secret:?} leaked into the logs");
    }
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
}

/// Gens de Confiance's rule on Telegram: with three sponsors required, an invitation's link
/// makes a join request; the candidate waits outside until two more members vouch, then the
/// bot approves the request where it waits (not in the other groups, where Telegram refuses).
#[tokio::test]
async fn a_join_request_is_approved_once_three_members_vouch() {
    let Setup { fake, _db, app: _app, clock, service, store, telegram, dispatcher } = setup().await;
    let community = service.community().id;
    for name in ["bob", "carol"] {
        let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
        as_(&service, name, &format!("/rejoindre {code}")).await;
    }
    dispatcher.deliver_due().await.unwrap();
    clock.advance(31 * 86_400);
    assert!(as_(&service, "alice", "/config sponsors_required 3").await.contains("sponsors_required = 3"));

    let code = code_in(&as_(&service, "alice", "/inviter pour Zoé").await).unwrap();
    dispatcher.deliver_due().await.unwrap();
    let made = fake.calls("createchatinvitelink");
    let last = made.last().unwrap();
    assert_eq!((last["creates_join_request"].as_bool(), last.get("member_limit")), (Some(true), None), "{last}");
    let invitation = store.invitation_by_code(community, &code).await.unwrap().unwrap();
    let (_, link) = store.links_of_invitation(invitation.id).await.unwrap().remove(0);
    let told = support::inbox(store.as_ref(), "alice").await;
    assert!(told.contains(&format!("{link} (qui l'utilise demande à entrer")), "not 'it works once': {told}");

    let (stop, poller) = poll(telegram.clone());
    fake.push(crate::fake_telegram::join_request(1, 46, "Zoé", GROUPS[0], &link));
    let zoe = AccountRef::new(Platform::Telegram, "46");
    until("Zoé's candidacy", async || store.account(community, &zoe).await.unwrap().is_some()).await;
    dispatcher.deliver_due().await.unwrap();
    assert!(fake.calls("approvechatjoinrequest").is_empty(), "she waits outside");
    assert!(as_(&service, "bob", "/parrainer Zoé").await.contains("Zoé"));
    dispatcher.deliver_due().await.unwrap();
    assert!(fake.calls("approvechatjoinrequest").is_empty(), "one vouch is still missing");
    assert!(as_(&service, "carol", "/parrainer Zoé").await.contains("Zoé"));
    // Welcomed first, while her request lets the bot write to her; then let in.
    dispatcher.deliver_due().await.unwrap();
    assert!(!fake.texts_to(46).is_empty(), "welcomed while her request is pending");
    assert!(fake.calls("approvechatjoinrequest").is_empty(), "not let in before her welcome went");
    clock.advance(3);
    dispatcher.deliver_due().await.unwrap();
    let approved: Vec<(i64, i64)> = fake
        .calls("approvechatjoinrequest")
        .iter()
        .map(|a| (a["chat_id"].as_i64().unwrap(), a["user_id"].as_i64().unwrap()))
        .collect();
    assert_eq!(approved, vec![(GROUPS[0], 46)]);

    // An invitation that expires unused has its link revoked, once.
    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    dispatcher.deliver_due().await.unwrap();
    let invitation = store.invitation_by_code(community, &code).await.unwrap().unwrap();
    let (_, unused) = store.links_of_invitation(invitation.id).await.unwrap().remove(0);
    clock.advance(8 * 86_400);
    service.upkeep().await.unwrap();
    service.upkeep().await.unwrap();
    dispatcher.deliver_due().await.unwrap();
    let revoked: Vec<String> =
        fake.calls("revokechatinvitelink").iter().map(|r| r["invite_link"].as_str().unwrap().to_owned()).collect();
    assert_eq!(revoked.iter().filter(|link| **link == unused).count(), 1, "{revoked:?}");
    let _ = stop.send(());
    poller.await.unwrap();
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
}

/// Posts an update to the bot's webhook as Telegram would (with the secret it was given).
pub(crate) async fn post_update(address: std::net::SocketAddr, secret: &str, update: &serde_json::Value) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = update.to_string();
    let request = format!(
        "POST /telegram HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         X-Telegram-Bot-Api-Secret-Token: {secret}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

/// Webhook mode: the bot registers its URL with a secret, takes the updates Telegram posts,
/// refuses a post without the secret, and handles a redelivered update once.
#[tokio::test]
async fn webhook_mode_takes_updates_posted_by_telegram() {
    let Setup { fake, _db, app: _app, clock: _, service, store: _, telegram: _, dispatcher } = setup().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let address: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let settings = TelegramSettings {
        api_url: Some(fake.url.clone()),
        groups: GROUPS.to_vec(),
        webhook: Some((address, format!("http://127.0.0.1:{port}/telegram"))),
        ..TelegramSettings::default()
    };
    let telegram = Telegram::new("123456:FAKE-TOKEN", settings, Arc::clone(&service)).unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        telegram
            .run(async {
                let _ = stopped.await;
            })
            .await;
    });
    until("the webhook set", async || !fake.calls("setwebhook").is_empty()).await;
    let set = &fake.calls("setwebhook")[0];
    assert_eq!(set["url"], format!("http://127.0.0.1:{port}/telegram"));
    let secret = set["secret_token"].as_str().unwrap().to_owned();
    let update = message(1, 42, "Léa", 42, "/aide");
    assert!(post_update(address, "wrong", &update).await.starts_with("HTTP/1.1 401"), "a post without the secret");
    assert!(post_update(address, &secret, &update).await.starts_with("HTTP/1.1 200"));
    until_delivered(&dispatcher, "the answer", async || !fake.texts_to(42).is_empty()).await;
    assert!(fake.texts_to(42)[0].contains("Bienvenue"));
    post_update(address, &secret, &update).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.texts_to(42).len(), 1, "a redelivered update is handled once");
    assert!(fake.calls("getupdates").is_empty(), "no polling in webhook mode");
    let _ = stop.send(());
    server.await.unwrap();
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
}

/// A relay between a console member and a Telegram member: Bob (Telegram) replies with
/// Telegram's own reply to the message the bot relayed, and it reaches Alice (console); a
/// plain reply to something else is not taken for the conversation.
#[tokio::test]
async fn a_relay_between_the_console_and_telegram() {
    let Setup { fake, _db, app: _app, clock: _, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    let deliver = async || dispatcher.deliver_due().await.unwrap();
    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    let lines = [
        (1, format!("/rejoindre {code}")),
        (2, "/lieu Lyon".into()),
        (3, "/offre je prête ma perceuse".into()),
        (4, "/offre je prête mon escabeau".into()),
    ];
    for (update, text) in lines {
        fake.push(message(update, 43, "Bob", 43, &text));
        until_delivered(&dispatcher, "Bob's answer", async || fake.texts_to(43).len() == update as usize).await;
    }
    as_(&service, "alice", "/lieu Lyon").await;
    let asked = as_(&service, "alice", "/besoin une perceuse pour samedi").await;
    let request = support::number_after(&asked, "n°").unwrap();
    until("Bob asked", async || {
        deliver().await;
        fake.texts_to(43).iter().any(|t| t.contains("/accepter"))
    })
    .await;
    let proposal = support::number_after(fake.texts_to(43).last().unwrap(), "/accepter ").unwrap();
    fake.push(message(5, 43, "Bob", 43, &format!("/accepter {proposal}")));
    until_delivered(&dispatcher, "Bob's yes", async || {
        fake.texts_to(43).iter().any(|t| t.contains("J'ai prévenu alice"))
    })
    .await;
    as_(&service, "alice", &format!("/accepter {proposal}")).await;
    let sent = as_(&service, "alice", &format!("/repondre {proposal} Samedi 10h, Capybara ?")).await;
    assert!(sent.contains("Transmis à Bob"), "{sent}");
    until("relayed to Bob", async || {
        deliver().await;
        fake.texts_to(43).iter().any(|t| t.contains("Capybara"))
    })
    .await;
    let relayed_text = fake.texts_to(43).into_iter().find(|t| t.contains("Capybara")).unwrap();
    let relayed = (fake.id_of_sent(43, "Capybara").unwrap(), relayed_text.as_str());
    assert!(fake.texts_to(43).iter().any(|t| t.starts_with(&format!("💬 alice (demande n°{request})"))));

    // A second conversation between them, about a ladder; a plain message goes to neither.
    as_(&service, "alice", "/besoin un escabeau pour dimanche").await;
    until("Bob asked again", async || {
        deliver().await;
        fake.texts_to(43).last().unwrap().contains("escabeau")
    })
    .await;
    let second = support::number_after(fake.texts_to(43).last().unwrap(), "/accepter ").unwrap();
    fake.push(message(6, 43, "Bob", 43, &format!("/accepter {second}")));
    until_delivered(&dispatcher, "Bob's second yes", async || {
        fake.texts_to(43).len() >= 2 && fake.texts_to(43).last().unwrap().contains("J'ai prévenu")
    })
    .await;
    as_(&service, "alice", &format!("/accepter {second}")).await;
    fake.push(message(7, 43, "Bob", 43, "coucou"));
    until_delivered(&dispatcher, "Bob told how", async || {
        fake.texts_to(43).last().unwrap().contains("réponds à un de ses messages")
    })
    .await;
    assert!(!support::inbox(store.as_ref(), "alice").await.contains("coucou"));

    // Bob answers with Telegram's reply to the first relayed message: it goes there.
    fake.push(crate::fake_telegram::reply(8, 43, "Bob", relayed, "Parfait, à samedi Okapi"));
    until("Alice reads it", async || support::inbox(store.as_ref(), "alice").await.contains("Okapi")).await;
    let inbox = support::inbox(store.as_ref(), "alice").await;
    assert!(inbox.contains(&format!("💬 Bob (demande n°{request}) :\nParfait")), "{inbox}");
    until_delivered(&dispatcher, "the acknowledgement", async || {
        fake.texts_to(43).last().unwrap().contains("Transmis à alice")
    })
    .await;
    // A photo in reply to the same relayed message: Alice gets it, captioned with its sender.
    let picture: Vec<u8> = (0..4_000u32).map(|n| (n % 251) as u8).collect();
    fake.photo(9, 43, "Bob", &picture, "la perceuse", Some(relayed.0));
    until("the photo relayed", async || {
        support::pending(store.as_ref(), &AccountRef::new(Platform::Console, "alice"))
            .await
            .iter()
            .any(|body| matches!(body, entraide_core::model::OutgoingBody::Image { bytes: png, caption, .. } if *png == picture && caption.contains("la perceuse")))
    })
    .await;
    // A command in reply stays a command.
    let help = fake.id_of_sent(43, "Transmis").unwrap();
    fake.push(crate::fake_telegram::reply(10, 43, "Bob", (help, "Transmis"), "/aide"));
    until_delivered(&dispatcher, "the help", async || fake.texts_to(43).last().unwrap().contains("/besoin")).await;
    assert!(!support::inbox(store.as_ref(), "alice").await.contains("/aide"));

    // Bob reports the message he replies to: Alice is reported, with that message only.
    fake.push(crate::fake_telegram::reply(11, 43, "Bob", relayed, "/signaler il insiste"));
    until_delivered(&dispatcher, "the report", async || fake.texts_to(43).last().unwrap().contains("signalement n°"))
        .await;
    let reports = store.pending_reports(service.community().id).await.unwrap();
    let alice = store.account(service.community().id, &AccountRef::new(Platform::Console, "alice")).await.unwrap();
    assert_eq!(reports[0].target_id, alice.unwrap().member_id);
    assert!(reports[0].reason.starts_with("il insiste\n(message signalé : « 💬 alice"), "{:?}", reports[0].reason);
    assert!(reports[0].reason.contains("Capybara") && !reports[0].reason.contains("Okapi"));
    let _ = stop.send(());
    poller.await.unwrap();
    assert!(fake.unknown().is_empty(), "methods the fake does not implement: {:?}", fake.unknown());
}

/// `entraide run` relays a conversation between two Telegram members, and logs at the most
/// verbose level carry none of what was relayed, nor who they are.
#[tokio::test]
async fn entraide_run_relays_without_logging_what_is_relayed() {
    const TOKEN: &str = "7301234567:AAFakeTokenOtterQuartz";
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"sqlite:{}\"", dir.path().join("e.db").display()))
        .replace("groups = []", "groups = [-1001]")
        .replace("api_url = \"\"", &format!("api_url = \"{}\"", fake.url))
        .replace(
            "{ account = \"console:alice\", name = \"alice\" }",
            "{ account = \"telegram:42\", name = \"Zéphyrine\" }",
        );
    assert!(text.contains("telegram:42"), "the example configuration changed: update this test");
    let config = dir.path().join("entraide.toml");
    std::fs::write(&config, text).unwrap();
    let running = support::run_traced(&config, ("ENTRAIDE_TELEGRAM_TOKEN", TOKEN));
    let mut update = 0;
    let mut say = async |from: i64, name: &str, text: &str| {
        update += 1;
        let before = fake.texts_to(from).len();
        fake.push(message(update, from, name, from, text));
        until("an answer", async || fake.texts_to(from).len() > before).await;
        fake.texts_to(from).last().unwrap().clone()
    };
    let code = code_in(&say(42, "Zéphyrine", "/inviter").await).unwrap();
    say(43, "Barnabé", &format!("/rejoindre {code}")).await;
    say(43, "Barnabé", "/lieu Lyon").await;
    say(43, "Barnabé", "/offre je prête ma perceuse").await;
    say(42, "Zéphyrine", "/lieu Lyon").await;
    say(42, "Zéphyrine", "/besoin une perceuse pour samedi").await;
    until("Barnabé asked", async || fake.texts_to(43).iter().any(|t| t.contains("/accepter"))).await;
    let proposal = support::number_after(fake.texts_to(43).last().unwrap(), "/accepter ").unwrap();
    say(43, "Barnabé", &format!("/accepter {proposal}")).await;
    until("Zéphyrine asked", async || fake.texts_to(42).iter().any(|t| t.contains("peut t'aider"))).await;
    say(42, "Zéphyrine", &format!("/accepter {proposal}")).await;
    say(42, "Zéphyrine", &format!("/repondre {proposal} Rendez-vous Ornithorynque à 10h")).await;
    until("relayed", async || fake.texts_to(43).iter().any(|t| t.contains("Ornithorynque"))).await;
    say(43, "Barnabé", &format!("/repondre {proposal} Entendu Pangolin")).await;
    until("relayed back", async || fake.texts_to(42).iter().any(|t| t.contains("Pangolin"))).await;
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
    let kept = [TOKEN, "AAFakeToken", "Ornithorynque", "Pangolin", "Rendez-vous", "Zéphyrine", "Barnabé", "perceuse"];
    support::assert_logs_keep(running, &kept).await;
}

/// An announcement reaches each Telegram group once, pinned, and is deleted from each when
/// withdrawn.
#[tokio::test]
async fn an_announcement_in_every_group_then_withdrawn() {
    let Setup { fake, _db, app: _app, clock: _, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    let announced = as_(&service, "alice", "/annonce Le local ferme lundi").await;
    let id = support::number_after(&announced, "n°").unwrap();
    dispatcher.deliver_due().await.unwrap();
    dispatcher.deliver_due().await.unwrap();
    for group in GROUPS {
        assert_eq!(fake.texts_to(group), vec!["📢 Le local ferme lundi".to_owned()], "once in {group}");
    }
    let pinned: Vec<i64> = fake.calls("pinchatmessage").iter().filter_map(|p| p["chat_id"].as_i64()).collect();
    assert_eq!(pinned, GROUPS.to_vec());
    let posted: Vec<i64> = GROUPS.iter().map(|group| fake.id_of_sent(*group, "ferme lundi").unwrap()).collect();
    // In the first group the bot may not delete (no right, or too old): logged, not retried.
    let refused = json!({"ok": false, "error_code": 400, "description": "Bad Request: message can't be deleted"});
    fake.fail_next("deletemessage", 400, refused);
    as_(&service, "alice", &format!("/retirer {id}")).await;
    dispatcher.deliver_due().await.unwrap();
    let deleted: Vec<(i64, i64)> = fake
        .calls("deletemessage")
        .iter()
        .map(|p| (p["chat_id"].as_i64().unwrap(), p["message_id"].as_i64().unwrap()))
        .collect();
    assert_eq!(deleted, vec![(GROUPS[1], posted[1])]);
    assert_eq!(fake.calls("deletemessage (refused)").len(), 1);
    let left = store.due_messages(Platform::Telegram, i64::MAX, 10).await.unwrap();
    assert!(left.is_empty(), "nothing left to try again: {left:?}");
    let _ = stop.send(());
    poller.await.unwrap();
    assert!(fake.unknown().is_empty(), "methods the fake does not implement: {:?}", fake.unknown());
}

/// The calls to `deleteMessage` Telegram carried out, as (chat, message).
fn deleted(fake: &FakeTelegram) -> Vec<(i64, i64)> {
    let calls = fake.calls("deletemessage");
    calls.iter().map(|p| (p["chat_id"].as_i64().unwrap(), p["message_id"].as_i64().unwrap())).collect()
}

/// A report typed in a group stays out of sight of the one reported: nothing is said in the
/// group, the report is deleted there and acknowledged privately; where Telegram refuses the
/// deletion, the reporter learns privately to report in private next time. The same for a
/// report sent in reply to the message reported, which reports its author.
#[tokio::test]
async fn a_report_typed_in_a_group_is_deleted_and_acknowledged_privately() {
    use crate::fake_telegram::{chat, user};
    let Setup { fake, _db, app: _app, clock: _, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    let community = service.community().id;
    for (update, id, name) in [(1, 43, "Bob"), (2, 46, "Dave")] {
        let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
        fake.push(message(update, id, name, id, &format!("/rejoindre {code}")));
        until_delivered(&dispatcher, "the welcome", async || !fake.texts_to(id).is_empty()).await;
    }

    // Bob reports Dave in the group: deleted there, thanked privately, Dave hears nothing.
    fake.push(message(3, 43, "Bob", GROUPS[0], "/signaler @Dave propos agressifs"));
    // Updates are handled in order: once this one is answered, the report was handled.
    fake.push(message(4, 43, "Bob", 43, "/aide"));
    let helped = |times: usize| fake.texts_to(43).iter().filter(|t| t.contains("Commandes de")).count() >= times;
    until_delivered(&dispatcher, "the answer to /aide", async || helped(1)).await;
    assert_eq!(store.pending_reports(community).await.unwrap().len(), 1);
    dispatcher.deliver_due().await.unwrap();
    assert_eq!(deleted(&fake), vec![(GROUPS[0], 3)]);
    let to_bob = fake.texts_to(43);
    assert!(to_bob.iter().any(|t| t.contains("signalement n°")), "{to_bob:?}");
    assert!(!to_bob.iter().any(|t| t.contains("signale en privé")), "deleted: no advice {to_bob:?}");
    assert!(!fake.texts_to(46).iter().any(|t| t.contains("signal")), "{:?}", fake.texts_to(46));

    // Where Telegram refuses to delete it, Bob learns to report privately next time.
    let refused = json!({"ok": false, "error_code": 400, "description": "Bad Request: message can't be deleted"});
    fake.fail_next("deletemessage", 400, refused);
    fake.push(message(5, 43, "Bob", GROUPS[0], "/signaler @Dave encore"));
    until("the second report", async || store.pending_reports(community).await.unwrap().len() == 2).await;
    dispatcher.deliver_due().await.unwrap();
    assert_eq!(fake.calls("deletemessage (refused)").len(), 1);
    let to_bob = fake.texts_to(43);
    assert_eq!(to_bob.iter().filter(|t| t.contains("signale en privé")).count(), 1, "{to_bob:?}");

    // In reply to Dave's message in the group, `/signaler MOTIF` reports him, with it.
    fake.push(message(6, 46, "Dave", GROUPS[0], "Tais-toi donc"));
    let mut by_reply = message(7, 43, "Bob", GROUPS[0], "/signaler propos agressifs");
    by_reply["message"]["reply_to_message"] = json!({"message_id": 6, "date": 1_795_510_800,
        "chat": chat(GROUPS[0]), "from": user(46, "Dave"), "text": "Tais-toi donc"});
    fake.push(by_reply);
    fake.push(message(8, 43, "Bob", 43, "/aide"));
    until_delivered(&dispatcher, "the second answer to /aide", async || helped(2)).await;
    let dave = store.account(community, &AccountRef::new(Platform::Telegram, "46")).await.unwrap().unwrap();
    let all = store.pending_reports(community).await.unwrap();
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(all[2].target_id, dave.member_id);
    assert!(all[2].reason.starts_with("propos agressifs") && all[2].reason.contains("Tais-toi donc"), "{all:?}");
    dispatcher.deliver_due().await.unwrap();
    assert_eq!(deleted(&fake), vec![(GROUPS[0], 3), (GROUPS[0], 7)]);
    assert!(fake.texts_to(GROUPS[0]).is_empty(), "nothing said in the group: {:?}", fake.texts_to(GROUPS[0]));
    let _ = stop.send(());
    poller.await.unwrap();
    assert!(fake.unknown().is_empty(), "methods the fake does not implement: {:?}", fake.unknown());
}

/// A member the bot cannot write to (he never started it) is suspended, banned and let back:
/// every restriction, ban and unban reaches both groups at once, though the notices to him
/// wait until he writes to the bot.
#[tokio::test]
async fn sanctions_reach_a_member_the_bot_cannot_write_to() {
    let Setup { fake, _db, app: _app, clock, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    let community = service.community().id;
    let code = code_in(&as_(&service, "alice", "/inviter pour Dan").await).unwrap();
    dispatcher.deliver_due().await.unwrap();
    let invitation = store.invitation_by_code(community, &code).await.unwrap().unwrap();
    let (_, link) = store.links_of_invitation(invitation.id).await.unwrap().remove(0);
    fake.never_started(46);
    fake.push(joined(1, 46, "Dan", GROUPS[0], Some(&link)));
    let dan = AccountRef::new(Platform::Telegram, "46");
    until("Dan's join", async || store.account(community, &dan).await.unwrap().is_some()).await;
    dispatcher.deliver_due().await.unwrap();
    assert!(store.unreachable_since(&dan).await.unwrap().is_some(), "his welcome was refused");

    let applied = |method: &str| -> Vec<i64> {
        fake.calls(method)
            .iter()
            .filter(|c| c["user_id"].as_i64() == Some(46))
            .filter_map(|c| c["chat_id"].as_i64())
            .collect()
    };
    let deliver = async || {
        for _ in 0..3 {
            dispatcher.deliver_due().await.unwrap();
            clock.advance(1);
        }
    };
    assert!(as_(&service, "alice", "/suspendre Dan 2j propos agressifs").await.contains("Dan"));
    deliver().await;
    assert_eq!(applied("restrictchatmember"), GROUPS.to_vec(), "restricted at once in both groups");
    assert!(as_(&service, "alice", "/bannir Dan récidive").await.contains("Dan"));
    deliver().await;
    assert_eq!(applied("banchatmember"), GROUPS.to_vec(), "banned at once in both groups");
    assert!(as_(&service, "alice", "/lever Dan erreur de ma part").await.contains("Dan"));
    deliver().await;
    assert_eq!(applied("unbanchatmember"), GROUPS.to_vec(), "let back at once in both groups");
    assert!(fake.texts_to(46).is_empty(), "nothing reached him: he never started the bot");
    let _ = stop.send(());
    poller.await.unwrap();
    assert!(fake.unknown().is_empty(), "methods the fake does not implement: {:?}", fake.unknown());
}

/// What a member is told reaches them whatever its length and whatever Telegram answers: the
/// help of an admin (longer than Telegram's 4,096 characters) in parts, an answer that met a
/// 429 once its `retry_after` has passed, a refusal for length parked at once (it would be
/// refused again) — and a command addressed to another bot is not carried out.
#[tokio::test]
async fn every_answer_reaches_telegram_whatever_its_length_or_a_429() {
    let Setup { fake, _db, app: _app, clock, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    join_by_code(&fake, &service, &dispatcher, (1, 43, "Bob")).await;
    assert!(as_(&service, "alice", "/role Bob admin").await.contains("Bob"));

    // The admin's help, in parts Telegram takes, nothing left out.
    let before = fake.texts_to(43).len();
    fake.push(message(2, 43, "Bob", 43, "/aide"));
    until_delivered(&dispatcher, "the help", async || {
        fake.texts_to(43).iter().skip(before).any(|t| t.contains("/bannir"))
            && fake.texts_to(43).iter().skip(before).any(|t| t.contains("/besoin"))
    })
    .await;
    let help: Vec<String> = fake.texts_to(43).into_iter().skip(before).collect();
    assert!(help.len() >= 2, "{help:?}");
    assert!(help.iter().all(|part| part.chars().count() <= 4_096));
    assert!(help.iter().map(|part| part.chars().count()).sum::<usize>() > 4_096, "the help is longer than one message");
    assert!(fake.calls("sendmessage (refused)").is_empty(), "nothing refused for its length");

    // One 429 ("retry after 2"): the answer waits its turn, then goes, once.
    let too_fast = json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 2",
        "parameters": {"retry_after": 2}});
    fake.fail_next("sendmessage", 429, too_fast);
    fake.push(message(3, 43, "Bob", 43, "/offre je prête ma perceuse"));
    let bob = AccountRef::new(Platform::Telegram, "43");
    let waiting = async || support::pending(store.as_ref(), &bob).await.len();
    until("the answer refused once", async || {
        let _ = dispatcher.deliver_due().await;
        fake.calls("sendmessage (refused)").len() == 1
    })
    .await;
    assert_eq!(waiting().await, 1, "the answer waits in the outbox");
    assert_eq!(dispatcher.deliver_due().await.unwrap(), 0, "not before Telegram's retry_after");
    clock.advance(2);
    until_delivered(&dispatcher, "the answer", async || fake.texts_to(43).iter().any(|t| t.contains("enregistrée")))
        .await;
    assert_eq!(fake.texts_to(43).iter().filter(|t| t.contains("enregistrée")).count(), 1, "sent once");

    // "Message is too long" is final: parked for moderators, not tried again and again.
    let too_long = json!({"ok": false, "error_code": 400, "description": "Bad Request: message is too long"});
    fake.fail_next("sendmessage", 400, too_long);
    fake.push(message(4, 43, "Bob", 43, "/lieu Lyon"));
    until("the refusal", async || {
        let _ = dispatcher.deliver_due().await;
        fake.calls("sendmessage (refused)").len() == 2
    })
    .await;
    assert_eq!(waiting().await, 0, "parked at once, not retried");

    // In a group, a command suffixed with another bot's name is for that bot.
    fake.push(message(5, 43, "Bob", GROUPS[0], "/besoin@other_bot une tondeuse"));
    fake.push(message(6, 43, "Bob", GROUPS[0], "/besoin@EntraideBot une échelle"));
    until_delivered(&dispatcher, "the group answer", async || !fake.texts_to(GROUPS[0]).is_empty()).await;
    let in_group = fake.texts_to(GROUPS[0]);
    assert_eq!(in_group.len(), 1, "{in_group:?}");
    let _ = stop.send(());
    poller.await.unwrap();
    assert!(fake.unknown().is_empty(), "methods the fake does not implement: {:?}", fake.unknown());
}

/// A long poll lasts as long as it asks: the HTTP client does not give up before Telegram
/// answers (teloxide's default client stops at 17 s), so the bot stays connected.
#[tokio::test]
async fn a_long_poll_is_not_cut_short() {
    let fake = FakeTelegram::start().await;
    let db = support::sqlite();
    let (app, _clock) = support::app_with(support::config(&db.url, 72.0)).await;
    let settings =
        TelegramSettings { api_url: Some(fake.url.clone()), groups: GROUPS.to_vec(), poll_timeout: 20, webhook: None };
    let telegram = Telegram::new("123456:FAKE-TOKEN", settings, Arc::clone(&app.service)).unwrap();
    let connection = telegram.connection();
    let (stop, poller) = poll(telegram);
    until("the first poll", async || !fake.calls("getupdates").is_empty()).await;
    tokio::time::sleep(Duration::from_millis(18_500)).await;
    assert!(connection.is_up(), "still connected while Telegram holds the poll");
    assert_eq!(fake.calls("getupdates").len(), 1, "the first poll was not abandoned");
    let _ = stop.send(());
    poller.await.unwrap();
}

/// A ban the bot may not apply in one group (it lacks the right there) is still applied in
/// the others, and moderators hear at once where it failed and why, with the command that
/// tries again — not "banned" alone, with the truth hidden in `/envois`.
#[tokio::test]
async fn a_sanction_refused_in_one_group_is_said_at_once() {
    let Setup { fake, _db, app: _app, clock: _, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    join_by_code(&fake, &service, &dispatcher, (1, 43, "Bob")).await;

    let no_right = json!({"ok": false, "error_code": 400,
        "description": "Bad Request: not enough rights to restrict/unrestrict chat member"});
    fake.fail_next("banchatmember", 400, no_right);
    assert!(as_(&service, "alice", "/bannir Bob spam").await.contains("banni"));
    until_delivered(&dispatcher, "the ban tried everywhere", async || {
        fake.calls("banchatmember (refused)").len() == 1 && !fake.calls("banchatmember").is_empty()
    })
    .await;
    assert_eq!(fake.calls("banchatmember")[0]["chat_id"].as_i64(), Some(GROUPS[1]), "the other group still bans");
    let told = support::inbox(store.as_ref(), "alice").await;
    assert!(told.contains("Le bannissement de Bob n'a pas pu s'appliquer partout sur telegram"), "{told}");
    assert!(told.contains(&GROUPS[0].to_string()) && told.contains("not enough rights"), "{told}");
    let parked = store.parked_messages(service.community().id, 5).await.unwrap();
    assert!(told.contains(&format!("/relancer {}", parked[0].id)), "{told}");
    let _ = stop.send(());
    poller.await.unwrap();
}

/// A moderator who bans someone with Telegram's own tools is a moderator acting: the ban is
/// logged as theirs, from Telegram, and applied to that person everywhere, as `/bannir` would;
/// lifted by hand, it is lifted everywhere. A group admin who is no moderator here is not
/// followed blindly: moderators are told, with the command that would apply it.
#[tokio::test]
async fn a_ban_made_with_telegrams_own_tools_holds_everywhere() {
    use crate::fake_telegram::{banned_by, restricted_by};
    let Setup { fake, _db, app: _app, clock, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    let community = service.community().id;
    for joining in [(1, 43, "Bob"), (2, 47, "Carl")] {
        join_by_code(&fake, &service, &dispatcher, joining).await;
    }
    assert!(as_(&service, "alice", "/role Carl moderateur").await.contains("Carl"));

    // Carl bans Bob from the first group with Telegram's menu.
    fake.push(banned_by(3, (47, "Carl"), (43, "Bob"), GROUPS[0], true));
    let bob = AccountRef::new(Platform::Telegram, "43");
    let status = async || {
        let id = store.account(community, &bob).await.unwrap().unwrap().member_id;
        store.member(id).await.unwrap().unwrap().status
    };
    until("the ban followed", async || status().await == entraide_core::model::MemberStatus::Banned).await;
    until_delivered(&dispatcher, "banned in the other group", async || {
        fake.calls("banchatmember").iter().any(|c| c["chat_id"].as_i64() == Some(GROUPS[1]))
    })
    .await;
    let journal = as_(&service, "alice", "/journal").await;
    assert!(journal.contains("Carl") && journal.contains("fait à la main sur telegram"), "{journal}");
    until_delivered(&dispatcher, "Carl told", async || {
        fake.texts_to(47).iter().any(|t| t.contains("Bob") && t.contains("banni"))
    })
    .await;

    // Lifted by hand: lifted everywhere.
    fake.push(banned_by(4, (47, "Carl"), (43, "Bob"), GROUPS[0], false));
    until("the ban lifted", async || status().await == entraide_core::model::MemberStatus::Active).await;

    // Restricted by hand for two days: suspended everywhere until then; lifted by hand, lifted.
    let end = entraide_core::ports::Clock::now(clock.as_ref()) + 2 * 86_400;
    fake.push(restricted_by(6, (47, "Carl"), (43, "Bob"), GROUPS[0], Some(end)));
    until("the suspension followed", async || status().await == entraide_core::model::MemberStatus::Suspended).await;
    until_delivered(&dispatcher, "restricted in the other group", async || {
        fake.calls("restrictchatmember").iter().any(|c| c["chat_id"].as_i64() == Some(GROUPS[1]))
    })
    .await;
    let journal = as_(&service, "alice", "/journal action:suspend").await;
    assert!(journal.contains("Carl") && journal.contains("fait à la main sur telegram"), "{journal}");
    fake.push(restricted_by(7, (47, "Carl"), (43, "Bob"), GROUPS[0], None));
    until("the suspension lifted", async || status().await == entraide_core::model::MemberStatus::Active).await;
    // A ban in a group the bot was added to but that is not the community's is none of its
    // business: the restriction that follows (updates come in order) finds Bob not banned.
    fake.push(banned_by(9, (47, "Carl"), (43, "Bob"), -1_009, true));
    fake.push(restricted_by(10, (47, "Carl"), (43, "Bob"), GROUPS[0], Some(end)));
    until("suspended, not banned", async || status().await == entraide_core::model::MemberStatus::Suspended).await;
    fake.push(restricted_by(11, (47, "Carl"), (43, "Bob"), GROUPS[0], None));
    until("free again", async || status().await == entraide_core::model::MemberStatus::Active).await;
    // Restricted with no end (`until_date` 0): the longest suspension the community knows.
    fake.push(restricted_by(12, (47, "Carl"), (43, "Bob"), GROUPS[0], Some(0)));
    until("suspended with no end said", async || status().await == entraide_core::model::MemberStatus::Suspended).await;
    fake.push(restricted_by(13, (47, "Carl"), (43, "Bob"), GROUPS[0], None));
    until("free once more", async || status().await == entraide_core::model::MemberStatus::Active).await;

    // A group admin who is no moderator here: moderators are told, nothing is applied.
    fake.push(banned_by(14, (999, "Zed"), (43, "Bob"), GROUPS[0], true));
    until("the moderators told", async || {
        support::inbox(store.as_ref(), "alice").await.contains("par quelqu'un qui n'est pas de l'équipe de modération")
    })
    .await;
    assert_eq!(status().await, entraide_core::model::MemberStatus::Active, "not followed blindly");
    let told = support::inbox(store.as_ref(), "alice").await;
    let bob_id = store.account(community, &bob).await.unwrap().unwrap().member_id;
    assert!(told.contains(&format!("/bannir @#{bob_id} MOTIF")), "named so that no other Bob is meant: {told}");
    let _ = stop.send(());
    poller.await.unwrap();
}

/// Hiding a post written in a group removes the member's own message there, not only the
/// bot's answer; where Telegram refuses (no right to delete others' messages), moderators are
/// told to remove it by hand.
#[tokio::test]
async fn hiding_a_post_removes_the_members_message_where_the_bot_may() {
    let Setup { fake, _db, app: _app, clock: _, service, store, telegram, dispatcher } = setup().await;
    let (stop, poller) = poll(telegram);
    join_by_code(&fake, &service, &dispatcher, (1, 43, "Bob")).await;

    let posted = |part: &'static str| {
        let fake = fake.clone();
        move || fake.texts_to(GROUPS[0]).iter().rev().find(|t| t.contains(part)).cloned()
    };
    fake.push(message(2, 43, "Bob", GROUPS[0], "/besoin une échelle, écrivez-moi au 06 12 34 56 78"));
    let answer = posted("enregistrée");
    until_delivered(&dispatcher, "the answer in the group", async || answer().is_some()).await;
    let post = support::number_after(&answer().unwrap(), "n°").unwrap();
    assert!(as_(&service, "alice", &format!("/masquer {post} numéro de téléphone")).await.contains("masquée"));
    until_delivered(&dispatcher, "Bob's message removed", async || {
        fake.calls("deletemessage").iter().any(|c| c["chat_id"].as_i64() == Some(GROUPS[0]) && c["message_id"] == 2)
    })
    .await;

    // Where the bot may not delete others' messages, moderators are told.
    fake.push(message(3, 43, "Bob", GROUPS[0], "/besoin une scie sauteuse"));
    let second = posted("enregistrée");
    until_delivered(&dispatcher, "the second answer", async || {
        second().is_some_and(|t| support::number_after(&t, "n°") != Some(post))
    })
    .await;
    let post = support::number_after(&second().unwrap(), "n°").unwrap();
    let refused = json!({"ok": false, "error_code": 400, "description": "Bad Request: message can't be deleted"});
    fake.fail_next("deletemessage", 400, refused);
    assert!(as_(&service, "alice", &format!("/masquer {post} hors sujet")).await.contains("masquée"));
    until_delivered(&dispatcher, "the moderators told", async || {
        support::inbox(store.as_ref(), "alice")
            .await
            .contains(&format!("publication masquée n°{post} est resté visible"))
    })
    .await;
    let _ = stop.send(());
    poller.await.unwrap();
}
