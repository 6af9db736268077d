//! The Matrix adapter end to end, against a real Synapse (`tests/with-synapse.sh` starts one)
//! and real matrix-sdk clients acting as members, with end-to-end encrypted private rooms.
//! An invitation by Matrix ID and one by code; a request in a room, its helpers asked
//! privately, answered with a reaction and a reply, contacts revealed, the announcement
//! redacted on closing; an unexplained join held; a ban in every room; a report typed in a
//! room redacted and acknowledged privately; a restart that replays nothing; and the outbox
//! waiting under Synapse's default message rate limit.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use entraide_core::model::{AccountRef, Outgoing, OutgoingBody, Platform};
use entraide_core::outbox::Dispatcher;
use entraide_core::ports::{Change, Store, SystemClock};
use entraide_core::service::Service;
use entraide_matrix::{Matrix, MatrixSettings};
use matrix_sdk::Client;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::api::client::room::create_room::v3::{Request as CreateRoom, RoomPreset};
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{EventId, OwnedRoomId, OwnedUserId, RoomId, UserId};
use serde_json::{Value, json};

use crate::support::{self, as_, code_in, inbox};

pub const PASSWORD: &str = "entraide-test-password";

/// The homeserver the tests use; missing is an error, not a skip.
pub fn synapse() -> String {
    std::env::var("ENTRAIDE_TEST_MATRIX_URL").expect(
        "ENTRAIDE_TEST_MATRIX_URL is not set: run the tests with `bash tests/with-servers.sh cargo test --workspace` \
         (it starts Synapse; tests/with-synapse.sh alone starts only Synapse)",
    )
}

/// A user name no other test (nor an earlier run on the same server) uses.
pub fn unique(name: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{name}-{}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed), nanos % 1000)
}

/// Registers an account with open registration, without logging it in; its Matrix ID.
pub async fn register(name: &str) -> OwnedUserId {
    let http = reqwest::Client::new();
    let body =
        json!({"username": name, "password": PASSWORD, "auth": {"type": "m.login.dummy"}, "inhibit_login": true});
    let response = http.post(format!("{}/_matrix/client/v3/register", synapse())).json(&body).send().await.unwrap();
    let status = response.status();
    let answer: Value = response.json().await.unwrap();
    assert!(status.is_success(), "registering {name}: {answer}");
    UserId::parse(answer["user_id"].as_str().unwrap()).unwrap()
}

/// Lifts Synapse's message rate limit for one account (the admin API), as a homeserver
/// admin does for a bot.
pub async fn lift_rate_limit(user: &UserId) {
    let http = reqwest::Client::new();
    let admin =
        std::env::var("ENTRAIDE_TEST_MATRIX_ADMIN").expect("ENTRAIDE_TEST_MATRIX_ADMIN (set by with-synapse.sh)");
    let (name, password) = admin.split_once(':').unwrap();
    let login =
        json!({"type": "m.login.password", "identifier": {"type": "m.id.user", "user": name}, "password": password});
    let answer: Value = http
        .post(format!("{}/_matrix/client/v3/login", synapse()))
        .json(&login)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = answer["access_token"].as_str().expect("the admin logs in");
    let url = format!("{}/_synapse/admin/v1/users/{user}/override_ratelimit", synapse());
    let response = http
        .post(url)
        .bearer_auth(token)
        .json(&json!({"messages_per_second": 0, "burst_count": 0}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.text().await.unwrap());
}

/// Someone on Matrix: a real client syncing in the background, which accepts every
/// invitation and keeps every event it reads (decrypted).
pub struct Person {
    pub client: Client,
    pub id: OwnedUserId,
    /// Accepts every invitation at once (people may also take one room at a time).
    auto_join: Arc<std::sync::atomic::AtomicBool>,
    seen: Arc<Mutex<Vec<(OwnedRoomId, Value)>>>,
    sync: tokio::task::JoinHandle<()>,
}

impl Drop for Person {
    fn drop(&mut self) {
        self.sync.abort();
    }
}

impl Person {
    pub async fn new(name: &str) -> Self {
        let id = register(&unique(name)).await;
        let client = Client::builder().homeserver_url(synapse()).build().await.unwrap();
        client.matrix_auth().login_username(id.localpart(), PASSWORD).await.unwrap();
        // The name rooms show, as a person would set it.
        let mut shown = name.to_owned();
        shown[..1].make_ascii_uppercase();
        client.account().set_display_name(Some(&shown)).await.unwrap();
        let seen: Arc<Mutex<Vec<(OwnedRoomId, Value)>>> = Arc::default();
        let auto_join = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let (syncing, kept, joining) = (client.clone(), Arc::clone(&seen), Arc::clone(&auto_join));
        let sync = tokio::spawn(async move {
            let mut token: Option<String> = None;
            // Invitations as the homeserver sent them: one that comes in the same sync as the
            // ban lifted before it may leave the room "left" in the client's own state, though
            // the homeserver holds the invitation.
            let mut pending: std::collections::BTreeSet<OwnedRoomId> = std::collections::BTreeSet::new();
            loop {
                let settings = match &token {
                    Some(token) => SyncSettings::new().token(token.clone()).timeout(Duration::from_millis(300)),
                    None => SyncSettings::new().timeout(Duration::ZERO),
                };
                let Ok(response) = syncing.sync_once(settings).await else {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                };
                pending.extend(response.rooms.invited.keys().cloned());
                for id in response.rooms.joined.keys().chain(response.rooms.left.keys()) {
                    if !response.rooms.invited.contains_key(id) {
                        pending.remove(id);
                    }
                }
                // Every pending invitation, until joined (a join that failed is tried again).
                if joining.load(Ordering::Relaxed) {
                    for room in syncing.invited_rooms() {
                        let _ = room.join().await;
                    }
                    let mut accepted = Vec::new();
                    for id in &pending {
                        if syncing.join_room_by_id(id).await.is_ok() {
                            accepted.push(id.clone());
                        }
                    }
                    for id in accepted {
                        pending.remove(&id);
                    }
                }
                for (id, update) in &response.rooms.joined {
                    for event in &update.timeline.events {
                        let mut json: Value = serde_json::from_str(event.raw().json().get()).unwrap();
                        // Whether it arrived end-to-end encrypted (and was decrypted here).
                        json["encrypted"] = json!(event.encryption_info().is_some());
                        kept.lock().unwrap().push((id.clone(), json));
                    }
                }
                token = Some(response.next_batch);
            }
        });
        Self { client, id, auto_join, seen, sync }
    }

    /// The messages someone sent, in order: (room, event).
    pub(crate) fn messages_from(&self, sender: &UserId) -> Vec<(OwnedRoomId, Value)> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .filter(|(_, event)| event["type"] == "m.room.message" && event["sender"] == sender.as_str())
            .cloned()
            .collect()
    }

    /// The texts someone sent, in order.
    pub(crate) fn texts_from(&self, sender: &UserId) -> Vec<String> {
        self.messages_from(sender)
            .iter()
            .map(|(_, event)| event["content"]["body"].as_str().unwrap_or("").to_owned())
            .collect()
    }

    /// Waits for a message from `sender` containing `part`.
    pub async fn message_from(&self, pump: &Pump, sender: &UserId, part: &str) -> (OwnedRoomId, Value) {
        let what = format!("{} to receive {part:?} (has {:?})", self.id, self.texts_from(sender));
        pump.until(&what, async || {
            self.messages_from(sender).iter().any(|(_, e)| e["content"]["body"].as_str().unwrap_or("").contains(part))
        })
        .await;
        let found = self.messages_from(sender);
        found.into_iter().rev().find(|(_, e)| e["content"]["body"].as_str().unwrap_or("").contains(part)).unwrap()
    }

    pub async fn say(&self, room: &RoomId, text: &str) -> String {
        let room = self.client.get_room(room).expect("a room this person is in");
        room.send(RoomMessageEventContent::text_plain(text)).await.unwrap().response.event_id.to_string()
    }

    /// Sends an image in reply to an event.
    async fn send_image(&self, room: &RoomId, to: &str, bytes: Vec<u8>) {
        use matrix_sdk::room::reply::{EnforceThread, Reply};
        let room = self.client.get_room(room).unwrap();
        let reply = Reply {
            event_id: EventId::parse(to).unwrap(),
            enforce_thread: EnforceThread::MaybeThreaded,
            add_mentions: matrix_sdk::ruma::events::room::message::AddMentions::No,
        };
        let config = matrix_sdk::attachment::AttachmentConfig::new().reply(Some(reply));
        room.send_attachment("my-holiday-photo.png", &mime::IMAGE_PNG, bytes, config).await.unwrap();
    }

    async fn react(&self, room: &RoomId, event: &str, key: &str) {
        let room = self.client.get_room(room).unwrap();
        let annotation = Annotation::new(EventId::parse(event).unwrap(), key.to_owned());
        room.send(ReactionEventContent::new(annotation)).await.unwrap();
    }

    /// Answers a message with a reply; the reply's event id.
    async fn reply(&self, room: &RoomId, to: &str, text: &str) -> String {
        let room = self.client.get_room(room).unwrap();
        let content = json!({"msgtype": "m.text", "body": text, "m.relates_to": {"m.in_reply_to": {"event_id": to}}});
        room.send_raw("m.room.message", content).await.unwrap().response.event_id.to_string()
    }

    /// Someone's membership in a room, as this person's homeserver says.
    pub async fn membership_of(&self, room: &RoomId, user: &UserId) -> Option<MembershipState> {
        let room = self.client.get_room(room)?;
        room.sync_members().await.ok()?;
        room.get_member_no_sync(user).await.ok()?.map(|member| member.membership().clone())
    }

    /// Opens a private room with the bot and waits until the bot is in.
    pub async fn open_direct(&self, pump: &Pump, bot: &UserId) -> OwnedRoomId {
        let room = self.client.create_dm(bot).await.unwrap();
        let id = room.room_id().to_owned();
        pump.until("the bot in the private room", async || {
            self.membership_of(&id, bot).await == Some(MembershipState::Join)
        })
        .await;
        id
    }
}

/// Waits while delivering the outbox, as the running bot's dispatcher would.
pub struct Pump {
    pub dispatcher: Option<Dispatcher>,
}

impl Pump {
    /// Waits (up to 30 s) until `check` holds.
    pub async fn until(&self, what: &str, mut check: impl AsyncFnMut() -> bool) {
        for _ in 0..300 {
            if let Some(dispatcher) = &self.dispatcher {
                dispatcher.deliver_due().await.unwrap();
            }
            if check().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for {what}");
    }
}

/// The community's rooms: made by a host who invites the bot and gives it full power.
pub async fn community_rooms(host: &Person, bot: &UserId, count: usize) -> Vec<OwnedRoomId> {
    let mut rooms = Vec::new();
    for n in 0..count {
        let mut request = CreateRoom::new();
        request.name = Some(format!("Entraide {n}"));
        request.preset = Some(RoomPreset::PrivateChat);
        request.invite = vec![bot.to_owned()];
        // The creator has every power already (room version 12): only the bot is listed.
        let levels = json!({"users": {bot.as_str(): 100}});
        request.power_level_content_override = Some(Raw::from_json(serde_json::value::to_raw_value(&levels).unwrap()));
        rooms.push(host.client.create_room(request).await.unwrap().room_id().to_owned());
    }
    rooms
}

/// A space holding `children`, made by the host; the bot is invited with full power.
async fn space(host: &Person, bot: &UserId, children: &[OwnedRoomId]) -> OwnedRoomId {
    let mut request = CreateRoom::new();
    request.name = Some("Entraide (espace)".into());
    request.preset = Some(RoomPreset::PrivateChat);
    request.invite = vec![bot.to_owned()];
    let creation = json!({"type": "m.space"});
    request.creation_content = Some(Raw::from_json(serde_json::value::to_raw_value(&creation).unwrap()));
    let levels = json!({"users": {bot.as_str(): 100}});
    request.power_level_content_override = Some(Raw::from_json(serde_json::value::to_raw_value(&levels).unwrap()));
    let space = host.client.create_room(request).await.unwrap();
    for child in children {
        space.send_state_event_raw("m.space.child", child.as_str(), json!({"via": ["localhost"]})).await.unwrap();
    }
    space.room_id().to_owned()
}

/// A bot account and the settings to run it in `rooms`.
pub(crate) async fn bot_settings(bot: &UserId, rooms: &[OwnedRoomId], store: &std::path::Path) -> MatrixSettings {
    MatrixSettings {
        homeserver: synapse(),
        user: bot.localpart().to_owned(),
        rooms: rooms.iter().map(ToString::to_string).collect(),
        store: store.to_owned(),
        store_passphrase: None,
        sync_timeout: Duration::from_millis(300),
    }
}

/// Runs the adapter until the returned sender is dropped or used.
fn run(matrix: &Matrix) -> (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let matrix = matrix.clone();
    let task = tokio::spawn(async move {
        matrix
            .run(async {
                let _ = stopped.await;
            })
            .await;
    });
    (stop, task)
}

/// A community served on Matrix in `rooms` by `bot`, on SQLite, with the outbox delivered as
/// the tests wait (no rate limit).
struct Served {
    _db: support::ScratchDb,
    _keys: tempfile::TempDir,
    app: entraide::App,
    service: Arc<Service>,
    store: Arc<dyn Store>,
    pump: Pump,
    _running: (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>),
    /// What `/readyz` reads.
    connection: entraide_core::connection::Connection,
}

async fn serve(bot: &UserId, rooms: &[OwnedRoomId]) -> Served {
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 50;
    config.matrix.rooms = rooms.iter().map(ToString::to_string).collect();
    let (app, _clock) = support::app_with(config).await;
    let (service, store): (Arc<Service>, Arc<dyn Store>) = (Arc::clone(&app.service), Arc::clone(&app.store));
    let keys = tempfile::tempdir().unwrap();
    let matrix =
        Matrix::connect(bot_settings(bot, rooms, keys.path()).await, PASSWORD, Arc::clone(&service)).await.unwrap();
    let connection = matrix.connection();
    let running = run(&matrix);
    let dispatcher = Dispatcher::new(Arc::clone(&store), app.clock.clone())
        .with_messenger(Arc::new(matrix.messenger()))
        .with_settings(support::unlimited(Platform::Matrix));
    let pump = Pump { dispatcher: Some(dispatcher) };
    Served { _db: db, _keys: keys, app, service, store, pump, _running: running, connection }
}

fn matrix_account(user: &UserId) -> AccountRef {
    AccountRef::new(Platform::Matrix, user.as_str())
}

#[tokio::test]
async fn a_community_on_matrix() {
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 2).await;
    let Served { _db, _keys, app, service, store, pump, _running, connection } = serve(&bot, &rooms).await;
    let community = service.community().id;
    pump.until("the first sync", async || connection.is_up()).await;

    // An invitation naming a Matrix ID: the bot invites that account to every community room;
    // its join is attributed to the invitation, and the newcomer is welcomed privately.
    let bob = Person::new("bob").await;
    as_(&service, "alice", &format!("/inviter {}, mon voisin", bob.id)).await;
    pump.until("Bob's join", async || store.account(community, &matrix_account(&bob.id)).await.unwrap().is_some())
        .await;
    let (bob_dm, welcome) = bob.message_from(&pump, &bot, "Bienvenue").await;
    assert_eq!(welcome["encrypted"], true, "private rooms are end-to-end encrypted: {welcome}");
    for room in &rooms {
        let room = room.clone();
        pump.until("Bob in every room", async || {
            host.membership_of(&room, &bob.id).await == Some(MembershipState::Join)
        })
        .await;
    }
    assert!(inbox(&*store, "alice").await.contains(bob.id.as_str()), "the sponsor hears of the Matrix invitation");

    // An invitation code, redeemed in a private room the newcomer opens with the bot: the bot
    // then invites them to the community rooms.
    let carol = Person::new("carol").await;
    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    let carol_dm = carol.open_direct(&pump, &bot).await;
    carol.say(&carol_dm, &format!("!rejoindre {code}")).await;
    carol.message_from(&pump, &bot, "Bienvenue").await;
    let first = rooms[0].clone();
    pump.until("Carol invited and in", async || {
        host.membership_of(&first, &carol.id).await == Some(MembershipState::Join)
    })
    .await;

    // Someone who accepts one room at a time keeps the other invitation.
    let frank = Person::new("frank").await;
    frank.auto_join.store(false, Ordering::Relaxed);
    as_(&service, "alice", &format!("/inviter {}", frank.id)).await;
    for room in &rooms {
        let room = room.clone();
        pump.until("Frank invited", async || {
            host.membership_of(&room, &frank.id).await == Some(MembershipState::Invite)
        })
        .await;
    }
    frank.client.join_room_by_id(&rooms[1]).await.unwrap();
    pump.until("Frank's join", async || store.account(community, &matrix_account(&frank.id)).await.unwrap().is_some())
        .await;
    pump.until("the outbox done", async || {
        store.due_messages(Platform::Matrix, app.clock.now(), 100).await.unwrap().is_empty()
    })
    .await;
    assert_eq!(host.membership_of(&rooms[0], &frank.id).await, Some(MembershipState::Invite));

    // Two helpers say where they are and what they offer, privately.
    for (person, dm, offer) in
        [(&bob, &bob_dm, "!offre je prête ma perceuse"), (&carol, &carol_dm, "!offre je peux prêter une perceuse")]
    {
        person.say(dm, "!lieu Lyon").await;
        person.say(dm, offer).await;
        person.message_from(&pump, &bot, "n°").await;
    }

    // A requester, invited by Matrix ID too, asks in a community room: answered there, both
    // helpers asked privately with the answers as reactions.
    let dave = Person::new("dave").await;
    as_(&service, "alice", &format!("/inviter {}", dave.id)).await;
    let (dave_dm, _) = dave.message_from(&pump, &bot, "Bienvenue").await;
    dave.say(&dave_dm, "!lieu Lyon").await;
    dave.message_from(&pump, &bot, "Lyon").await;
    dave.say(&rooms[0], "!besoin une perceuse pour ce week-end").await;
    let (_, announced) = dave.message_from(&pump, &bot, "enregistrée").await;
    assert_eq!(announced["content"]["msgtype"], "m.notice", "the bot talks in rooms with notices");
    let request = support::number_after(announced["content"]["body"].as_str().unwrap(), "n°").unwrap();
    let (_, asked_carol) = carol.message_from(&pump, &bot, "une perceuse pour ce week-end").await;
    let (asked_room, asked_bob) = bob.message_from(&pump, &bot, "une perceuse pour ce week-end").await;
    let body = asked_bob["content"]["body"].as_str().unwrap();
    assert!(body.contains("✅") && body.contains("!accepter") && body.contains("❌"), "{body}");
    assert!(asked_carol["content"]["fr.entraide.choices"].is_array(), "{asked_carol}");

    // Bob accepts with a reaction; Dave confirms with a reply: they are put in touch through
    // the bot. Dave writes to Bob through it; Bob gives his contact with a reaction.
    bob.react(&asked_room, asked_bob["event_id"].as_str().unwrap(), "✅").await;
    bob.message_from(&pump, &bot, "Merci").await;
    let (confirm_room, confirm) = dave.message_from(&pump, &bot, "✅").await;
    dave.reply(&confirm_room, confirm["event_id"].as_str().unwrap(), "✅").await;
    let (dave_opened_room, dave_opened) = dave.message_from(&pump, &bot, "Mise en relation").await;
    let (opened_room, opened) = bob.message_from(&pump, &bot, "Mise en relation").await;
    dave.reply(&dave_opened_room, dave_opened["event_id"].as_str().unwrap(), "Je passe samedi à 10h ?").await;
    dave.message_from(&pump, &bot, "Transmis").await;
    let (relayed_room, relayed) = bob.message_from(&pump, &bot, "Je passe samedi à 10h ?").await;
    assert!(!dave.texts_from(&bot).iter().any(|t| t.contains(bob.id.as_str())), "no contact before Bob gives it");
    bob.react(&opened_room, opened["event_id"].as_str().unwrap(), "✅").await;
    dave.message_from(&pump, &bot, bob.id.as_str()).await;

    // A hashtag makes any message in a room a request, as on other platforms.
    carol.say(&rooms[0], "#besoin un escabeau pour samedi").await;
    pump.until("the hashtag's request", async || {
        let answers = dave.messages_from(&bot);
        answers.iter().filter(|(_, e)| e["content"]["body"].as_str().unwrap_or("").contains("enregistrée")).count() == 2
    })
    .await;

    // Closing the request takes its announcement down.
    dave.say(&dave_dm, &format!("!fermer {request}")).await;
    let announcement = EventId::parse(announced["event_id"].as_str().unwrap()).unwrap();
    let room = host.client.get_room(&rooms[0]).unwrap();
    pump.until("the announcement redacted", async || {
        let event = room.event(&announcement, None).await.unwrap();
        let event: Value = serde_json::from_str(event.raw().json().get()).unwrap();
        event["content"].get("body").is_none()
    })
    .await;
    // The conversation ended with the request: a reply to its relayed message says so (a
    // plain message would not be taken for it).
    bob.reply(&relayed_room, relayed["event_id"].as_str().unwrap(), "Et dimanche ?").await;
    bob.message_from(&pump, &bot, "n'est pas ouverte").await;

    // A relay between the console and Matrix: Alice asks, Bob says yes with a reaction, Alice
    // confirms; her plain message reaches Bob's encrypted room, his Matrix reply reaches her.
    as_(&service, "alice", "/lieu Lyon").await;
    as_(&service, "alice", "/besoin une perceuse pour mardi").await;
    let (asked_room, asked) = bob.message_from(&pump, &bot, "pour mardi").await;
    let proposal = support::number_after(asked["content"]["body"].as_str().unwrap(), "!accepter ").unwrap();
    bob.react(&asked_room, asked["event_id"].as_str().unwrap(), "✅").await;
    pump.until("Alice asked to confirm", async || {
        support::inbox(store.as_ref(), "alice").await.contains(&format!("/accepter {proposal}"))
    })
    .await;
    as_(&service, "alice", &format!("/accepter {proposal}")).await;
    let sent = as_(&service, "alice", &format!("/repondre {proposal} Je passe mardi, Tamarin")).await;
    assert!(sent.contains("Transmis à"), "{sent}");
    let (room, relayed) = bob.message_from(&pump, &bot, "Tamarin").await;
    assert_eq!(relayed["encrypted"], true, "{relayed}");
    assert!(relayed["content"]["body"].as_str().unwrap().starts_with("💬 alice"), "{relayed}");
    bob.reply(&room, relayed["event_id"].as_str().unwrap(), "Parfait, Toucan").await;
    pump.until("Alice reads Bob", async || support::inbox(store.as_ref(), "alice").await.contains("Toucan")).await;
    // A photo from his encrypted room reaches her, decrypted, named by its type only.
    let picture: Vec<u8> = (0..5_000u32).map(|n| (n % 241) as u8).collect();
    bob.send_image(&room, relayed["event_id"].as_str().unwrap(), picture.clone()).await;
    let alice = AccountRef::new(Platform::Console, "alice");
    pump.until("the photo", async || {
        support::pending(store.as_ref(), &alice).await.iter().any(|body| {
            matches!(body, entraide_core::model::OutgoingBody::Image { bytes: png, name, .. } if *png == picture && name == "photo.png")
        })
    })
    .await;
    // Bob reports the message he replied to: Alice is reported, with that message quoted.
    bob.reply(&room, relayed["event_id"].as_str().unwrap(), "!signaler trop insistante").await;
    bob.message_from(&pump, &bot, "signalement n°").await;
    let reports = store.pending_reports(community).await.unwrap();
    let report = reports.iter().find(|r| r.reason.starts_with("trop insistante")).unwrap();
    assert!(report.reason.contains("Tamarin") && !report.reason.contains("Toucan"), "{:?}", report.reason);

    // An announcement: a notice in each community room, once; withdrawn, redacted in each.
    let announced = as_(&service, "alice", "/annonce Collecte de jouets samedi").await;
    let announcement = support::number_after(&announced, "n°").unwrap();
    pump.until("the announcement in both rooms", async || {
        let shown = host.messages_from(&bot);
        rooms.iter().all(|room| {
            shown.iter().filter(|(r, e)| r == room && e["content"]["body"] == "📢 Collecte de jouets samedi").count()
                == 1
        })
    })
    .await;
    let shown: Vec<(OwnedRoomId, String)> = host
        .messages_from(&bot)
        .into_iter()
        .filter(|(_, e)| e["content"]["body"] == "📢 Collecte de jouets samedi")
        .map(|(room, e)| (room, e["event_id"].as_str().unwrap().to_owned()))
        .collect();
    for (room, event) in &shown {
        let room = host.client.get_room(room).unwrap();
        pump.until("the announcement pinned", async || {
            let pinned = room.load_pinned_events().await.unwrap().unwrap_or_default();
            pinned.iter().any(|id| id.as_str() == event)
        })
        .await;
    }
    as_(&service, "alice", &format!("/retirer {announcement}")).await;
    for (room, event) in shown {
        let room = host.client.get_room(&room).unwrap();
        let event = EventId::parse(&event).unwrap();
        pump.until("the announcement redacted", async || {
            let event = room.event(&event, None).await.unwrap();
            let event: Value = serde_json::from_str(event.raw().json().get()).unwrap();
            event["content"].get("body").is_none()
        })
        .await;
    }

    // Someone the host invites by hand is held: they may read, not post, until moderators decide.
    let eve = Person::new("eve").await;
    for room in &rooms {
        host.client.get_room(room).unwrap().invite_user_by_id(&eve.id).await.unwrap();
    }
    pump.until("the held join", async || store.open_held_joins(community).await.unwrap().len() == 1).await;
    for room in &rooms {
        let room = host.client.get_room(room).unwrap();
        pump.until("Eve restricted", async || {
            let levels = room.power_levels().await.unwrap();
            levels.users.get(&eve.id).map(|level| i64::from(*level)) == Some(-1)
        })
        .await;
    }
    assert!(inbox(&*store, "alice").await.contains("Eve"), "moderators are told");

    // A ban applies in every room.
    let banned = as_(&service, "alice", "/bannir Carol spam").await;
    assert!(banned.contains("Carol") && !banned.contains("Je ne trouve"), "{banned}");
    for room in &rooms {
        let room = room.clone();
        pump.until("Carol banned", async || host.membership_of(&room, &carol.id).await == Some(MembershipState::Ban))
            .await;
    }
}

#[tokio::test]
async fn a_restart_replays_nothing() {
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    // The community: a room, and a space with another room in it; in a third room the bot
    // was invited without any power.
    let rooms = community_rooms(&host, &bot, 2).await;
    let space = space(&host, &bot, &rooms[1..]).await;
    let mut powerless = CreateRoom::new();
    powerless.invite = vec![bot.clone()];
    let powerless = host.client.create_room(powerless).await.unwrap().room_id().to_owned();
    let configured = [rooms[0].clone(), space.clone(), powerless.clone()];
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.matrix.rooms = configured.iter().map(ToString::to_string).collect();
    let (app, _clock) = support::app_with(config).await;
    let service = Arc::clone(&app.service);
    let keys = tempfile::tempdir().unwrap();
    let settings = bot_settings(&bot, &configured, keys.path()).await;
    let matrix = Matrix::connect(settings.clone(), PASSWORD, Arc::clone(&service)).await.unwrap();
    let mut served = matrix.rooms().to_vec();
    served.sort();
    let mut expected = vec![rooms[0].clone(), rooms[1].clone(), space.clone(), powerless.clone()];
    expected.sort();
    assert_eq!(served, expected, "a space stands for its rooms");
    let lacking = matrix.lacking_powers().await;
    assert_eq!(
        lacking,
        vec![(powerless.clone(), vec!["ban", "kick", "redact", "power levels"])],
        "inviting needs no power there"
    );
    let (stop, task) = run(&matrix);
    // Answers go through the outbox, delivered by each run's messenger.
    let pump_of = |matrix: &Matrix| {
        let dispatcher = Dispatcher::new(Arc::clone(&app.store), app.clock.clone())
            .with_messenger(Arc::new(matrix.messenger()))
            .with_settings(support::unlimited(Platform::Matrix));
        Pump { dispatcher: Some(dispatcher) }
    };
    let pump = pump_of(&matrix);

    let lea = Person::new("lea").await;
    let dm = lea.open_direct(&pump, &bot).await;
    lea.say(&dm, "!aide").await;
    // Not a member yet: told how to join, with the command as typed on Matrix.
    lea.message_from(&pump, &bot, "!rejoindre").await;
    let answers = lea.texts_from(&bot).len();
    stop.send(()).unwrap();
    task.await.unwrap();

    // Written while the bot was away: read once it is back.
    lea.say(&dm, "!aide").await;
    // The saved session is used: no new login (a wrong password would fail one).
    let matrix = Matrix::connect(settings, "not-the-password", Arc::clone(&service)).await.unwrap();
    let (_stop, _task) = run(&matrix);
    let pump = pump_of(&matrix);
    pump.until("the answer after the restart", async || lea.texts_from(&bot).len() > answers).await;
    let (_, answer) = lea.messages_from(&bot).pop().unwrap();
    assert_eq!(answer["encrypted"], true, "the same keys after the restart: {answer}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(lea.texts_from(&bot).len(), answers + 1, "each command answered once: {:?}", lea.texts_from(&bot));

    // `entraide doctor`'s Matrix check: the powerless room named with what it lacks, the
    // others fine; a wrong password refused.
    use entraide_core::diagnosis::Severity;
    let doctor_keys = tempfile::tempdir().unwrap();
    let settings = bot_settings(&bot, &configured, doctor_keys.path()).await;
    let found = Matrix::diagnose(settings, PASSWORD, Arc::clone(&service)).await;
    let keys: Vec<(Severity, &str)> = found.iter().map(|f| (f.severity, f.key)).collect();
    assert_eq!(
        keys.iter().filter(|(s, k)| *s == Severity::Fine && *k == "doctor-matrix-room-ok").count(),
        3,
        "{found:?}"
    );
    let lacks: Vec<(Severity, &str)> = found
        .iter()
        .filter(|f| f.args.contains(&("room", powerless.to_string())))
        .map(|f| (f.severity, f.key))
        .collect();
    assert_eq!(
        lacks,
        vec![
            (Severity::Blocking, "doctor-matrix-power-ban"),
            (Severity::Blocking, "doctor-matrix-power-kick"),
            (Severity::Warning, "doctor-matrix-power-redact"),
            (Severity::Blocking, "doctor-matrix-power-levels"),
        ]
    );
    let wrong_keys = tempfile::tempdir().unwrap();
    let settings = bot_settings(&bot, &configured, wrong_keys.path()).await;
    let found = Matrix::diagnose(settings, "not-the-password", Arc::clone(&service)).await;
    assert_eq!(
        found.iter().map(|f| (f.severity, f.key)).collect::<Vec<_>>(),
        vec![(Severity::Blocking, "doctor-matrix-login")]
    );
}

#[tokio::test]
async fn the_outbox_waits_under_synapses_default_rate_limit() {
    // This bot keeps Synapse's default rc_message (0.2/s, burst 10); the outbox is allowed
    // more, so the homeserver's 429s are what hold it back.
    let bot = register(&unique("entraide")).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 1).await;
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.matrix.rooms = rooms.iter().map(ToString::to_string).collect();
    let (app, _clock) = support::app_with(config).await;
    let (service, store) = (Arc::clone(&app.service), Arc::clone(&app.store));
    let keys = tempfile::tempdir().unwrap();
    let matrix =
        Matrix::connect(bot_settings(&bot, &rooms, keys.path()).await, PASSWORD, Arc::clone(&service)).await.unwrap();
    let (_stop, _task) = run(&matrix);
    let lea = Person::new("lea").await;
    let pump = Pump { dispatcher: None };
    lea.open_direct(&pump, &bot).await;

    let count = 12;
    let messages = (1..=count)
        .map(|n| {
            Change::Enqueue(Outgoing {
                key: format!("burst:{n}"),
                to: matrix_account(&lea.id),
                body: OutgoingBody::Text { text: format!("message {n}") },
                not_before: support::START,
            })
        })
        .collect();
    store.apply(messages).await.unwrap();
    let dispatcher = Dispatcher::new(Arc::clone(&store), Arc::new(SystemClock))
        .with_messenger(Arc::new(matrix.messenger()))
        .with_settings(support::unlimited(Platform::Matrix));
    let started = Instant::now();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let delivery = tokio::spawn(dispatcher.run(app.service.outbox_ready(), Duration::from_millis(200), async {
        let _ = stopped.await;
    }));
    let pump = Pump { dispatcher: None };
    pump.until("every message", async || lea.texts_from(&bot).len() >= count).await;
    let elapsed = started.elapsed();
    let _ = stop.send(());
    delivery.await.unwrap();
    let expected: Vec<String> = (1..=count).map(|n| format!("message {n}")).collect();
    assert_eq!(lea.texts_from(&bot), expected, "all delivered, once each, in order");
    assert!(store.due_messages(Platform::Matrix, i64::MAX, 100).await.unwrap().is_empty(), "nothing left");
    // Ten at once, then one every five seconds.
    assert!(elapsed >= Duration::from_secs(8), "the homeserver's limit was respected: {elapsed:?}");
}

/// `entraide run` with a Matrix password serves the community on Matrix, and logs neither
/// the password, the access token, what members wrote, nor who they are, even at the most
/// verbose level.
#[tokio::test]
async fn entraide_run_serves_matrix_when_a_password_is_set() {
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("matrix-keys");
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"sqlite:{}\"", dir.path().join("e.db").display()))
        .replace("homeserver = \"\"", &format!("homeserver = \"{}\"", synapse()))
        .replace("user = \"\"", &format!("user = \"{}\"", bot.localpart()))
        .replace("rooms = []", &format!("rooms = [\"{}\"]", rooms[0]))
        .replace("store = \"matrix-store\"", &format!("store = \"{}\"", keys.display()));
    let config = dir.path().join("entraide.toml");
    std::fs::write(&config, text).unwrap();
    let running = support::run_traced(&config, ("ENTRAIDE_MATRIX_PASSWORD", PASSWORD));
    let pump = Pump { dispatcher: None };
    pump.until("the bot in the room", async || {
        host.membership_of(&rooms[0], &bot).await == Some(MembershipState::Join)
    })
    .await;
    let zephyrine = Person::new("zephyrine").await;
    let dm = zephyrine.open_direct(&pump, &bot).await;
    zephyrine.say(&dm, "!besoin un tabouret Xylophage").await;
    zephyrine.message_from(&pump, &bot, "!rejoindre").await;
    let session: Value = serde_json::from_str(&std::fs::read_to_string(keys.join("session.json")).unwrap()).unwrap();
    let token = session["access_token"].as_str().expect("the session keeps its token").to_owned();
    let secrets = [PASSWORD, &token, "Xylophage", "tabouret", "Zephyrine", zephyrine.id.localpart()];
    let logs = support::assert_logs_keep(running, &secrets).await;
    // An error in the logs means something is wrong: not the account data a new bot never set.
    assert!(!logs.contains("Account data not found"), "a normal 404 logged as an error");
}

/// Someone knocking on a community room is held; once a moderator lets them in, the bot
/// invites them and their join is theirs.
#[tokio::test]
async fn a_knock_is_held_until_a_moderator_lets_them_in() {
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let mut request = CreateRoom::new();
    request.preset = Some(RoomPreset::PrivateChat);
    request.invite = vec![bot.clone()];
    let levels = json!({"users": {bot.as_str(): 100}});
    request.power_level_content_override = Some(Raw::from_json(serde_json::value::to_raw_value(&levels).unwrap()));
    let knock = json!({"type": "m.room.join_rules", "state_key": "", "content": {"join_rule": "knock"}});
    request.initial_state = vec![Raw::from_json(serde_json::value::to_raw_value(&knock).unwrap())];
    let room = host.client.create_room(request).await.unwrap().room_id().to_owned();
    let Served { _db, _keys, service, store, pump, _running, .. } = serve(&bot, std::slice::from_ref(&room)).await;
    let community = service.community().id;
    pump.until("the bot in the room", async || host.membership_of(&room, &bot).await == Some(MembershipState::Join))
        .await;

    let eve = Person::new("eve").await;
    eve.client.knock(room.clone().into(), None, Vec::new()).await.unwrap();
    pump.until("the held knock", async || store.open_held_joins(community).await.unwrap().len() == 1).await;
    assert!(inbox(&*store, "alice").await.contains("Eve"), "moderators are told");
    let held = store.open_held_joins(community).await.unwrap().remove(0);
    assert_eq!(held.account, matrix_account(&eve.id));
    assert!(as_(&service, "alice", &format!("/approuver {}", held.id)).await.contains("Eve"));
    pump.until("Eve in", async || host.membership_of(&room, &eve.id).await == Some(MembershipState::Join)).await;
    assert!(store.account(community, &matrix_account(&eve.id)).await.unwrap().is_some());
    assert!(store.open_held_joins(community).await.unwrap().is_empty(), "her join is not held again");
}

/// Whether `person` finds event `id` of `room` redacted on the homeserver.
async fn redacted(person: &Person, room: &RoomId, id: &str) -> bool {
    let room = person.client.get_room(room).unwrap();
    let Ok(event) = room.event(&EventId::parse(id).unwrap(), None).await else { return false };
    let event: Value = serde_json::from_str(event.raw().json().get()).unwrap();
    event["content"].get("body").is_none()
}

/// A report typed in a community room stays out of sight of the one reported: the bot
/// redacts it and says nothing in the room; the reporter is thanked privately. A report by
/// reply reports the author of the message answered. Where the bot may not redact, the
/// reporter learns privately to report in private next time.
#[tokio::test]
async fn a_report_in_a_room_is_redacted_and_acknowledged_privately() {
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 1).await;
    let room = rooms[0].clone();
    let Served { _db, _keys, service, store, pump, _running, connection, .. } = serve(&bot, &rooms).await;
    let community = service.community().id;
    pump.until("the first sync", async || connection.is_up()).await;
    let (bob, dave) = (Person::new("bob").await, Person::new("dave").await);
    for person in [&bob, &dave] {
        as_(&service, "alice", &format!("/inviter {}", person.id)).await;
        person.message_from(&pump, &bot, "Bienvenue").await;
        pump.until("in the room", async || host.membership_of(&room, &person.id).await == Some(MembershipState::Join))
            .await;
    }

    // Bob reports Dave in the room: redacted, thanked privately.
    let typed = bob.say(&room, "!signaler @Dave propos agressifs").await;
    bob.message_from(&pump, &bot, "signalement n°").await;
    pump.until("the report redacted", async || redacted(&host, &room, &typed).await).await;

    // In reply to Dave's message, `!signaler MOTIF` reports him, with it.
    let said = dave.say(&room, "Tais-toi donc").await;
    let replied = bob.reply(&room, &said, "!signaler propos blessants").await;
    pump.until("the report by reply", async || store.pending_reports(community).await.unwrap().len() == 2).await;
    let dave_id = store.account(community, &matrix_account(&dave.id)).await.unwrap().unwrap().member_id;
    let by_reply = store.pending_reports(community).await.unwrap().remove(1);
    assert_eq!(by_reply.target_id, dave_id);
    assert!(by_reply.reason.starts_with("propos blessants") && by_reply.reason.contains("Tais-toi donc"));
    pump.until("the report by reply redacted", async || redacted(&host, &room, &replied).await).await;

    // Where the bot may not redact others' messages, Bob learns to report privately.
    let as_host = host.client.get_room(&room).unwrap();
    as_host.update_power_levels(vec![(&*bot, matrix_sdk::ruma::Int::from(0_i32))]).await.unwrap();
    let kept = bob.say(&room, "!signaler @Dave encore").await;
    bob.message_from(&pump, &bot, "signale en privé").await;
    assert_eq!(store.pending_reports(community).await.unwrap().len(), 3);
    assert!(!redacted(&host, &room, &kept).await, "the bot may not");

    // The room holds no acknowledgement, and Dave heard of none.
    host.say(&room, "Fin du test").await;
    pump.until("the room read to its end", async || host.texts_from(&host.id).iter().any(|t| t == "Fin du test")).await;
    let in_room: Vec<String> = host
        .messages_from(&bot)
        .into_iter()
        .filter(|(r, _)| r == &room)
        .map(|(_, e)| e["content"]["body"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(!in_room.iter().any(|t| t.contains("signal") || t.contains("Merci")), "{in_room:?}");
    assert!(!dave.texts_from(&bot).iter().any(|t| t.contains("signal")), "{:?}", dave.texts_from(&bot));
}

/// A member who left her private room with the bot cannot be written to (her messages wait
/// until she writes to it again): a suspension, a ban and a lift still reach every room at
/// once.
#[tokio::test]
async fn sanctions_reach_every_room_though_she_left_her_private_room() {
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 2).await;
    let Served { _db, _keys, service, store, pump, _running, connection, .. } = serve(&bot, &rooms).await;
    pump.until("the first sync", async || connection.is_up()).await;
    let erin = Person::new("erin").await;
    as_(&service, "alice", &format!("/inviter {}", erin.id)).await;
    let (dm, _) = erin.message_from(&pump, &bot, "Bienvenue").await;
    for room in &rooms {
        let room = room.clone();
        pump.until("Erin in", async || host.membership_of(&room, &erin.id).await == Some(MembershipState::Join)).await;
    }
    erin.client.get_room(&dm).unwrap().leave().await.unwrap();
    let account = matrix_account(&erin.id);
    // Until the bot's own sync has seen her leave, a message may still go to the room.
    for _ in 0..20 {
        as_(&service, "alice", "/avertir Erin un rappel").await;
        let unreachable = async || store.unreachable_since(&account).await.unwrap().is_some();
        let waited = tokio::time::timeout(Duration::from_secs(2), pump.until("Erin unreachable", unreachable)).await;
        if waited.is_ok() {
            break;
        }
    }
    assert!(store.unreachable_since(&account).await.unwrap().is_some(), "her private room is left");

    let level = async |room: &RoomId| {
        let levels = host.client.get_room(room).unwrap().power_levels().await.unwrap();
        levels.users.get(&erin.id).map(|level| i64::from(*level))
    };
    assert!(as_(&service, "alice", "/suspendre Erin 2j propos agressifs").await.contains("Erin"));
    for room in &rooms {
        pump.until("Erin restricted", async || level(room).await == Some(-1)).await;
    }
    assert!(as_(&service, "alice", "/bannir Erin récidive").await.contains("Erin"));
    for room in &rooms {
        pump.until("Erin banned", async || host.membership_of(room, &erin.id).await == Some(MembershipState::Ban))
            .await;
    }
    assert!(as_(&service, "alice", "/lever Erin erreur de ma part").await.contains("Erin"));
    for room in &rooms {
        // The rooms are invite-only: unbanned, she is invited again (her client accepts), so
        // that she can come back; an unban alone would leave her outside.
        pump.until("Erin back in", async || host.membership_of(room, &erin.id).await == Some(MembershipState::Join))
            .await;
        // Matrix keeps her level from the suspension: lifted too, she may post again.
        pump.until("Erin free to post", async || level(room).await.unwrap_or(0) == 0).await;
    }
    assert!(store.unreachable_since(&account).await.unwrap().is_some(), "the notices to her still wait");

    // The rooms' creator, who is no moderator of the community, bans her from their own
    // client: moderators are told, with the command that would apply it everywhere.
    host.client.get_room(&rooms[0]).unwrap().ban_user(&erin.id, None).await.unwrap();
    pump.until("the moderators told", async || {
        support::inbox(store.as_ref(), "alice").await.contains("par quelqu'un qui n'est pas de l'équipe de modération")
    })
    .await;
    let erin_id = store.account(service.community().id, &account).await.unwrap().unwrap().member_id;
    let told = support::inbox(store.as_ref(), "alice").await;
    assert!(told.contains(&format!("/bannir @#{erin_id} MOTIF")), "named so that no other Erin is meant: {told}");

    // They keep her from posting in the other room (a power level below posting, Matrix's
    // mute, which has no end): a suspension for as long as the community allows, told.
    let muted = vec![(erin.id.as_ref(), matrix_sdk::ruma::Int::from(-1))];
    host.client.get_room(&rooms[1]).unwrap().update_power_levels(muted).await.unwrap();
    let suspend = format!("Pour que cela vaille partout : /suspendre @#{erin_id} ");
    pump.until("the mute told", async || {
        let told = support::inbox(store.as_ref(), "alice").await;
        told.lines().any(|line| line.contains("restreint·e à la main sur matrix") && line.contains(&suspend))
    })
    .await;
}

/// Rooms that had people before the bot: once an admin opens an adoption, everyone joined in
/// a community room becomes a member (the bot itself left out) and is invited to the other
/// rooms, on a real Synapse.
#[tokio::test]
async fn people_in_the_rooms_before_the_bot_are_adopted() {
    let bot = register(&unique("entraide")).await;
    lift_rate_limit(&bot).await;
    let host = Person::new("host").await;
    let rooms = community_rooms(&host, &bot, 2).await;
    let paul = Person::new("paul").await;
    host.client.get_room(&rooms[0]).unwrap().invite_user_by_id(&paul.id).await.unwrap();
    wait_for(&host, &rooms[0], &paul.id, MembershipState::Join).await;
    let Served { _db, _keys, service, store, pump, _running, .. } = serve(&bot, &rooms).await;
    let community = service.community().id;
    for room in &rooms {
        pump.until("the bot in the room", async || host.membership_of(room, &bot).await == Some(MembershipState::Join))
            .await;
    }

    assert!(as_(&service, "alice", "/adopter ouvrir").await.contains("Adoption ouverte"));
    pump.until("Paul adopted", async || store.account(community, &matrix_account(&paul.id)).await.unwrap().is_some())
        .await;
    assert!(store.account(community, &matrix_account(&host.id)).await.unwrap().is_some(), "the rooms' host too");
    assert!(store.account(community, &matrix_account(&bot)).await.unwrap().is_none(), "not the bot");
    pump.until("Paul in the other room", async || {
        host.membership_of(&rooms[1], &paul.id).await == Some(MembershipState::Join)
    })
    .await;
}

/// Waits (up to 15 s) until `user` has `state` in `room`, as `person` sees it.
async fn wait_for(person: &Person, room: &RoomId, user: &UserId, state: MembershipState) {
    for _ in 0..150 {
        if person.membership_of(room, user).await == Some(state.clone()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {user} in {room}");
}
