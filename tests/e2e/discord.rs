//! The Discord adapter end to end: the real serenity client against a fake REST API and a
//! fake gateway. Slash commands registered in both languages; an invite made for an
//! invitation and a join through it attributed; two joins at once held as ambiguous; a
//! request by slash command, its helper asked privately with buttons (nonce enforced), the
//! button answered, contacts exchanged; a timeout and a ban applied; a report typed in a
//! channel deleted there and acknowledged in a DM.

use std::sync::Arc;
use std::time::Duration;

use entraide_core::model::{AccountRef, Category, Platform};
use entraide_core::outbox::Dispatcher;
use entraide_discord::{Discord, DiscordSettings};

use crate::fake_discord::{BOT, FakeDiscord, dm_channel};
use crate::support::{self, as_, code_in};

pub(crate) const GUILD: u64 = 222;
pub(crate) const CHANNEL: u64 = 444;
pub(crate) const MEMBER_ROLE: u64 = 888;
const NEWS: u64 = 555;

/// Waits (up to 15 s) until `check` holds, delivering the outbox meanwhile.
pub(crate) async fn until(dispatcher: &Dispatcher, what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..150 {
        dispatcher.deliver_due().await.unwrap();
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

pub(crate) fn discord_account(id: u64) -> AccountRef {
    AccountRef::new(Platform::Discord, id.to_string())
}

/// A community served on the fake Discord: its guilds (the first is where people join), each
/// guild's member role, and an invite channel; the outbox delivered by `until`.
pub(crate) struct Served {
    pub(crate) fake: FakeDiscord,
    pub(crate) app: entraide::App,
    pub(crate) dispatcher: Dispatcher,
    pub(crate) stop: tokio::sync::oneshot::Sender<()>,
    pub(crate) gateway: tokio::task::JoinHandle<Result<(), entraide_discord::DiscordError>>,
    /// What `/readyz` reads.
    connection: entraide_core::connection::Connection,
    /// The outbox's clock, moved by the test.
    clock: Arc<entraide_core::ports::ManualClock>,
}

pub(crate) async fn serve(guilds: &[u64], roles: &[(u64, u64)], db: &support::ScratchDb) -> Served {
    let fake = FakeDiscord::with_guilds(guilds).await;
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 50;
    config.discord.guilds = guilds.to_vec();
    config.discord.invite_channel = Some(CHANNEL);
    config.discord.announce_channels = [(guilds[0].to_string(), NEWS)].into();
    let (app, clock) = support::app_with(config).await;
    let settings = DiscordSettings {
        api_url: Some(fake.url.clone()),
        guilds: guilds.to_vec(),
        member_roles: roles.iter().copied().collect(),
        invite_channel: Some(CHANNEL),
        announce_channels: [(guilds[0], NEWS)].into(),
        shards: 1,
    };
    let discord = Discord::new("FAKE.DISCORD.TOKEN", settings, Arc::clone(&app.service));
    let dispatcher = Dispatcher::new(Arc::clone(&app.store), app.clock.clone())
        .with_messenger(Arc::new(discord.messenger()))
        .with_settings(support::unlimited(Platform::Discord));
    let connection = discord.connection();
    let (stop, gateway) = run_gateway(discord);
    // Discord sends a new session only what happens once it is open.
    support::until_true("the gateway session", Duration::from_secs(15), async || !fake.identified().is_empty()).await;
    Served { fake, app, dispatcher, stop, gateway, connection, clock }
}

impl Served {
    /// Checks that only known routes were called, and stops the gateway.
    async fn stop(self) {
        assert!(self.fake.unknown().is_empty(), "{:?}", self.fake.unknown());
        let _ = self.stop.send(());
        let _ = self.gateway.await;
    }
}

#[tokio::test]
async fn a_community_on_discord() {
    let db = support::sqlite();
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    let community = service.community().id;

    // Slash commands, registered in the guild in French with English localisations.
    until(dispatcher, "the commands", async || !fake.calls("PUT", "/commands").is_empty()).await;
    assert!(served.connection.is_up(), "up once ready");
    let (path, commands) = fake.calls("PUT", "/commands").remove(0);
    assert!(path.contains(&format!("/guilds/{GUILD}/")), "{path}");
    let need = commands.as_array().unwrap().iter().find(|c| c["name"] == "besoin").unwrap();
    assert_eq!(need["name_localizations"]["en-US"], "need", "{need}");

    // An invitation gets a single-use Discord invite; a join through it is attributed and
    // the member role given.
    as_(&service, "alice", "/inviter pour Léa").await;
    until(dispatcher, "the invite", async || !fake.calls("POST", "/invites").is_empty()).await;
    let (path, made) = fake.calls("POST", "/invites").remove(0);
    assert!(path.contains(&format!("/channels/{CHANNEL}/")), "{path}");
    assert_eq!((made["max_uses"].as_u64(), made["unique"].as_bool()), (Some(1), Some(true)), "{made}");
    let lea_code = only(fake.open_invites());
    until(dispatcher, "the sponsor given a link to tap", async || {
        support::inbox(store.as_ref(), "alice").await.contains(&format!("https://discord.gg/{lea_code}"))
    })
    .await;
    until(dispatcher, "the link recorded", async || {
        store.invitation_by_link(Platform::Discord, &lea_code).await.unwrap().is_some()
    })
    .await;
    fake.join(42, "Léa", Some(&lea_code));
    until(dispatcher, "Léa's join", async || store.account(community, &discord_account(42)).await.unwrap().is_some())
        .await;
    until(dispatcher, "the member role", async || {
        fake.calls("PUT", &format!("/members/42/roles/{MEMBER_ROLE}")).len() == 1
    })
    .await;
    until(dispatcher, "Léa's welcome", async || !fake.messages_to(dm_channel(42)).is_empty()).await;
    let welcome = &fake.messages_to(dm_channel(42))[0];
    assert!(welcome["content"].as_str().unwrap().contains("Bienvenue"), "{welcome}");
    assert_eq!(welcome["enforce_nonce"], true, "a retried send is not shown twice: {welcome}");

    // Two joins at once through two invites: ambiguous, both held, no member role.
    as_(&service, "alice", "/inviter un").await;
    as_(&service, "alice", "/inviter deux").await;
    until(dispatcher, "two more invites", async || fake.calls("POST", "/invites").len() == 3).await;
    let open_codes = fake.open_invites();
    assert_eq!(open_codes.len(), 2, "{open_codes:?}");
    fake.join_together((50, "Un", &open_codes[0]), (51, "Deux", &open_codes[1]));
    until(dispatcher, "two held joins", async || store.open_held_joins(community).await.unwrap().len() == 2).await;
    for held in store.open_held_joins(community).await.unwrap() {
        assert_eq!(held.candidates.len(), 2, "{held:?}");
    }
    assert!(fake.calls("PUT", "/members/50/roles").is_empty() && fake.calls("PUT", "/members/51/roles").is_empty());

    // A helper, then a request by slash command in the channel: announced there, the helper
    // asked privately with buttons.
    let bob_code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    fake.command(1, 43, "Bob", "rejoindre", Some(&bob_code), None);
    until(dispatcher, "Bob's answer", async || fake.response(1).is_some()).await;
    assert_eq!(fake.response(1).unwrap()["data"]["flags"], 64, "private answers are ephemeral");
    // Typing a place, Bob is offered the places the bot knows.
    fake.autocomplete_text(14, 43, "Bob", "lieu", "villeu");
    until(dispatcher, "the places", async || fake.response(14).is_some()).await;
    let places = fake.response(14).unwrap();
    assert!(places["data"]["choices"].as_array().unwrap().iter().any(|c| c["value"] == "Villeurbanne"), "{places}");
    // (serenity handles events concurrently: one at a time here, as a person types them.)
    let commands = [(2, 43, "Bob", "lieu", "Lyon"), (4, 42, "Léa", "lieu", "Lyon")];
    for (interaction, id, name, command, text) in commands {
        fake.command(interaction, id, name, command, Some(text), None);
        until(dispatcher, "the answer", async || fake.response(interaction).is_some()).await;
    }
    // An offer with its category chosen in the menu.
    let lend = serde_json::json!([{"name": "texte", "type": 3, "value": "je prête ma perceuse"},
        {"name": "categorie", "type": 3, "value": "lend"}]);
    fake.command_with(3, 43, "Bob", "offre", lend, None);
    until(dispatcher, "the offer", async || fake.response(3).is_some()).await;
    let offer = support::number_after(fake.response(3).unwrap()["data"]["content"].as_str().unwrap(), "n°").unwrap();
    let offer = store.post(offer).await.unwrap().unwrap();
    assert_eq!((offer.category, offer.text.as_str()), (Category::Lend, "je prête ma perceuse #prêt"));
    // A request in the channel: announced there by a message of the bot's own (which it may
    // edit later), through the outbox; the member is told privately.
    fake.command(5, 42, "Léa", "besoin", Some("une perceuse pour ce week-end"), Some(CHANNEL));
    let in_channel =
        |part: &str| fake.messages_to(CHANNEL).into_iter().find(|m| m["content"].as_str().unwrap_or("").contains(part));
    until(dispatcher, "the announcement", async || in_channel("Demande n°").is_some()).await;
    let announced = in_channel("Demande n°").unwrap();
    assert!(announced["content"].as_str().unwrap().contains("enregistrée"), "{announced}");
    assert_eq!(announced["enforce_nonce"], true, "a retried announcement is not shown twice: {announced}");
    until(dispatcher, "the private answer", async || fake.response(5).is_some()).await;
    let told = fake.response(5).unwrap();
    assert_eq!(told["data"]["flags"], 64, "{told}");
    assert!(told["data"]["content"].as_str().unwrap().contains("publié dans le salon"), "{told}");
    // An offer typed without its text: a form asks for it; sent back, it is announced.
    fake.command(10, 42, "Léa", "offre", None, Some(CHANNEL));
    until(dispatcher, "the form", async || fake.response(10).is_some()).await;
    let form = fake.response(10).unwrap();
    assert_eq!((form["type"].as_u64(), form["data"]["custom_id"].as_str()), (Some(9), Some("/offre")), "{form}");
    assert_eq!(form["data"]["components"][0]["components"][0]["label"], "Ton message", "{form}");
    // A member's own language comes before her Discord client's.
    fake.set_locale("en-US");
    fake.command(12, 42, "Léa", "offre", None, Some(CHANNEL));
    until(dispatcher, "the form in English", async || fake.response(12).is_some()).await;
    let form = fake.response(12).unwrap();
    assert_eq!(form["data"]["components"][0]["components"][0]["label"], "Ton message", "{form}");
    fake.set_locale("fr");
    let guitar = "je donne des cours de guitare, débutants bienvenus, le mercredi après-midi ou le samedi matin, chez moi ou chez vous";
    fake.submit_form(11, 42, "Léa", "/offre", guitar, CHANNEL);
    until(dispatcher, "the offer announced", async || in_channel("Offre n°").is_some()).await;
    let offered = in_channel("Offre n°").unwrap();
    assert!(offered["content"].as_str().unwrap().contains("enregistrée"), "{offered}");

    until(dispatcher, "Bob asked", async || {
        fake.messages_to(dm_channel(43)).iter().any(|m| m["content"].as_str().unwrap_or("").contains("perceuse"))
    })
    .await;
    let asked = fake.messages_to(dm_channel(43)).into_iter().rev().find(|m| !m["components"].is_null()).unwrap();
    let accept = asked["components"][0]["components"][0]["custom_id"].as_str().unwrap().to_owned();
    assert!(accept.starts_with("/accepter "), "{asked}");

    // Bob presses "I can help"; Léa confirms with a button: they are put in touch through the
    // bot. Bob writes to her in his DM; she gives her contact with a button.
    fake.press(6, 43, "Bob", &accept);
    until(dispatcher, "the button answered", async || fake.response(6).is_some()).await;
    assert_eq!(fake.response(6).unwrap()["type"], 7, "the buttons go");
    until(dispatcher, "Léa asked to confirm", async || {
        fake.messages_to(dm_channel(42))
            .iter()
            .any(|m| !m["components"].is_null() && m["content"].as_str().unwrap_or("").contains("Bob"))
    })
    .await;
    let confirm = fake.messages_to(dm_channel(42)).into_iter().rev().find(|m| !m["components"].is_null()).unwrap();
    let yes = confirm["components"][0]["components"][0]["custom_id"].as_str().unwrap().to_owned();
    fake.press(7, 42, "Léa", &yes);
    until(dispatcher, "Bob told", async || {
        fake.messages_to(dm_channel(43))
            .iter()
            .any(|m| m["content"].as_str().unwrap_or("").contains("Mise en relation"))
    })
    .await;
    let opened = fake.id_of_sent(dm_channel(43), "Mise en relation").unwrap();
    fake.dm_reply(9001, 43, "Bob", &opened, "Je peux passer samedi à 10h");
    until(dispatcher, "relayed to Léa", async || {
        fake.messages_to(dm_channel(42)).iter().any(|m| m["content"].as_str().unwrap_or("").contains("passer samedi"))
    })
    .await;
    let relayed = fake
        .messages_to(dm_channel(42))
        .into_iter()
        .rev()
        .find(|m| m["content"].as_str().unwrap().contains("samedi"))
        .unwrap();
    assert!(relayed["content"].as_str().unwrap().starts_with("💬 Bob (demande n°"), "{relayed}");
    assert!(
        fake.messages_to(dm_channel(43)).iter().any(|m| m["content"].as_str().unwrap_or("").contains("Transmis à Léa"))
    );
    let opened = fake
        .messages_to(dm_channel(42))
        .into_iter()
        .find(|m| m["content"].as_str().unwrap_or("").contains("Mise en relation"))
        .unwrap();
    let share = opened["components"][0]["components"][0]["custom_id"].as_str().unwrap().to_owned();
    assert!(share.starts_with("/partager "), "{opened}");
    fake.press(15, 42, "Léa", &share);
    until(dispatcher, "contacts", async || {
        fake.messages_to(dm_channel(43)).iter().any(|m| {
            m["content"].as_str().unwrap_or("").contains("Léa")
                && m["content"].as_str().unwrap_or("").contains("discord")
        })
    })
    .await;

    // Closing the request (a typed number option, completed from Léa's open posts) edits its
    // announcement.
    let request = support::number_after(announced["content"].as_str().unwrap(), "n°").unwrap();
    fake.autocomplete(13, 42, "Léa", "fermer");
    until(dispatcher, "the choices", async || fake.response(13).is_some()).await;
    let choices = fake.response(13).unwrap();
    assert_eq!(choices["type"], 8, "{choices}");
    let offered: Vec<i64> =
        choices["data"]["choices"].as_array().unwrap().iter().map(|c| c["value"].as_i64().unwrap()).collect();
    assert!(offered.contains(&request) && offered.len() == 2, "her request and her offer: {choices}");
    let number = serde_json::json!([{"name": "numero", "type": 4, "value": request}]);
    fake.command_with(12, 42, "Léa", "fermer", number, None);
    let own = fake.id_of_sent(CHANNEL, "Demande n°").unwrap();
    let edits = format!("/channels/{CHANNEL}/messages/{own}");
    until(dispatcher, "the announcement edited", async || !fake.calls("PATCH", &edits).is_empty()).await;
    let (_, edited) = fake.calls("PATCH", &edits).remove(0);
    assert!(edited["content"].as_str().unwrap().contains("fermée"), "{edited}");

    // Someone whose DMs are closed: their messages wait, and the next command they use
    // tells them, privately.
    let carol_code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    fake.close_dms(44);
    fake.command(8, 44, "Carol", "rejoindre", Some(&carol_code), None);
    until(dispatcher, "Carol's answer", async || fake.response(8).is_some()).await;
    as_(&service, "alice", "/avertir Carol un rappel").await;
    until(dispatcher, "Carol unreachable", async || {
        store.unreachable_since(&discord_account(44)).await.unwrap().is_some()
    })
    .await;
    let undelivered = as_(&service, "alice", "/envois").await;
    assert!(undelivered.starts_with("Injoignables") && undelivered.contains("Carol (n°"), "{undelivered}");
    assert!(undelivered.contains("sur discord"), "{undelivered}");
    fake.command(9, 44, "Carol", "aide", None, Some(CHANNEL));
    until(dispatcher, "Carol's help", async || fake.response(9).is_some()).await;
    let help = fake.response(9).unwrap();
    assert_eq!(help["data"]["flags"], 64, "{help}");
    // (The help is long: the hint ends its last part.)
    until(dispatcher, "the help's last part", async || !fake.follow_ups(9).is_empty()).await;
    let last = fake.follow_ups(9).pop().unwrap();
    assert!(last["content"].as_str().unwrap().contains("messages privés sont fermés"), "{last}");
    assert_eq!(last["flags"], 64, "{last}");

    // An announcement: posted and pinned in the news channel, once; withdrawn, deleted.
    let announced = as_(&service, "alice", "/annonce Collecte de jouets samedi").await;
    let announcement = support::number_after(&announced, "n°").unwrap();
    until(dispatcher, "the announcement", async || !fake.messages_to(NEWS).is_empty()).await;
    let news = fake.messages_to(NEWS);
    assert_eq!(news.len(), 1, "{news:?}");
    assert_eq!(news[0]["content"], "📢 Collecte de jouets samedi");
    let posted = fake.id_of_sent(NEWS, "Collecte").unwrap();
    assert_eq!(fake.calls("PUT", &format!("/channels/{NEWS}/pins/{posted}")).len(), 1, "pinned");
    as_(&service, "alice", &format!("/retirer {announcement}")).await;
    until(dispatcher, "the announcement deleted", async || {
        fake.calls("DELETE", &format!("/channels/{NEWS}/messages/{posted}")).len() == 1
    })
    .await;

    // A suspension is a timeout; a ban is a guild ban.
    as_(&service, "alice", "/suspendre Bob 3j spam").await;
    until(dispatcher, "the timeout", async || !fake.calls("PATCH", "/guilds/222/members/43").is_empty()).await;
    let (_, timeout) = fake.calls("PATCH", "/guilds/222/members/43").remove(0);
    assert!(timeout["communication_disabled_until"].is_string(), "{timeout}");
    as_(&service, "alice", "/bannir Léa spam").await;
    until(dispatcher, "the ban", async || !fake.calls("PUT", "/guilds/222/bans/42").is_empty()).await;

    served.stop().await;
}

/// A community on two guilds: commands registered in each, the member role given in each
/// (its own role there), a gateway that asks the bot to reconnect (the session is resumed and
/// an event sent meanwhile is handled), and a ban one guild refuses: applied in the other,
/// parked for moderators with the guild named, applied there too once resent.
#[tokio::test]
async fn several_guilds_a_resumed_session_and_a_guild_that_refuses() {
    const SECOND: u64 = 223;
    const SECOND_ROLE: u64 = 889;
    let db = support::sqlite();
    let served = serve(&[GUILD, SECOND], &[(GUILD, MEMBER_ROLE), (SECOND, SECOND_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    let community = service.community().id;

    until(dispatcher, "the commands in both guilds", async || fake.calls("PUT", "/commands").len() == 2).await;
    let registered: Vec<String> = fake.calls("PUT", "/commands").into_iter().map(|(path, _)| path).collect();
    assert!(
        registered.iter().any(|p| p.contains("/guilds/222/")) && registered.iter().any(|p| p.contains("/guilds/223/"))
    );

    // Bob redeems a code: the member role of each guild, in each.
    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    fake.command(1, 43, "Bob", "rejoindre", Some(&code), None);
    until(dispatcher, "both roles", async || {
        fake.calls("PUT", "/guilds/222/members/43/roles/888").len() == 1
            && fake.calls("PUT", "/guilds/223/members/43/roles/889").len() == 1
    })
    .await;

    // Discord asks for a reconnection; what Bob does meanwhile is handled once resumed.
    fake.reconnect();
    fake.command(2, 43, "Bob", "lieu", Some("Lyon"), None);
    until(dispatcher, "the answer after the resume", async || fake.response(2).is_some()).await;
    let ops = fake.gateway_ops();
    assert_eq!(ops.iter().filter(|op| **op == 2).count(), 1, "identified once: {ops:?}");
    assert!(ops.contains(&6), "the session is resumed: {ops:?}");
    let account = store.account(community, &discord_account(43)).await.unwrap().unwrap();
    let bob = store.member(account.member_id).await.unwrap().unwrap();
    assert_eq!(bob.place.as_deref(), Some("Lyon"));

    // Someone who is a member joins the second guild through an invite of its own: the role.
    fake.join_guild(SECOND, 43, "Bob");
    until(dispatcher, "the role again", async || fake.calls("PUT", "/guilds/223/members/43/roles/889").len() == 2)
        .await;

    // The guild is full of invites: the bot's own that nothing holds any more goes (not
    // someone else's), and the invite is made; full again, the sponsor is told.
    // (Made while Bob redeemed its code, it may be recorded after: upkeep retires it then.)
    until(dispatcher, "Bob's invite made and gone", async || {
        service.upkeep().await.unwrap();
        fake.calls("POST", "/invites").len() == 1 && fake.open_invites().is_empty()
    })
    .await;
    fake.plant_invite("forgotten", true);
    fake.plant_invite("someone-elses", false);
    fake.cap_invites(2);
    as_(&service, "alice", "/inviter pour Zoé sur Discord").await;
    until(dispatcher, "Zoé's invite", async || fake.calls("POST", "/invites").len() == 3).await;
    let open = fake.open_invites();
    assert!(!open.contains(&"forgotten".to_owned()) && open.contains(&"someone-elses".to_owned()), "{open:?}");
    assert_eq!(open.len(), 2, "{open:?}");
    as_(&service, "alice", "/inviter pour Yves sur Discord").await;
    until(dispatcher, "the sponsor told", async || {
        support::inbox(store.as_ref(), "alice").await.contains("trop d'invitations")
    })
    .await;
    assert_eq!(fake.open_invites().len(), 2);
    assert!(store.parked_messages(community, 5).await.unwrap().is_empty(), "nothing left undone");

    // The second guild refuses the ban: applied in the first, parked, named, resent.
    fake.powerless_in(SECOND, true);
    as_(&service, "alice", "/bannir Bob spam").await;
    until(dispatcher, "the ban parked", async || !store.parked_messages(community, 5).await.unwrap().is_empty()).await;
    assert_eq!(fake.calls("PUT", "/guilds/222/bans/43").len(), 1, "the first guild bans");
    let undelivered = as_(&service, "alice", "/envois").await;
    assert!(undelivered.contains("guild 223") && undelivered.contains("50013"), "{undelivered}");
    let parked = store.parked_messages(community, 5).await.unwrap().remove(0);
    fake.powerless_in(SECOND, false);
    as_(&service, "alice", &format!("/relancer {}", parked.id)).await;
    until(dispatcher, "the ban in the second guild", async || fake.calls("PUT", "/guilds/223/bans/43").len() == 2)
        .await;
    assert!(store.parked_messages(community, 5).await.unwrap().is_empty());

    served.stop().await;
}

/// A relay between a console member and a Discord member: Alice (console) and Bob (Discord)
/// are put in touch and talk through the bot without giving their handles. Bob's DMs are
/// closed while Alice writes: her messages wait, then reach him in order once he writes to
/// the bot; once delivered, their text is gone from the database. The relay ends with the
/// request.
#[tokio::test]
async fn a_relay_between_the_console_and_discord_on_sqlite() {
    relay_story(support::sqlite()).await;
}

#[tokio::test]
async fn a_relay_between_the_console_and_discord_on_postgres() {
    relay_story(support::postgres().await).await;
}

async fn relay_story(db: support::ScratchDb) {
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    let bob_dms = |part: &str| {
        fake.messages_to(dm_channel(43)).iter().any(|m| m["content"].as_str().unwrap_or("").contains(part))
    };

    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    let commands = [(1, "rejoindre", code.as_str()), (2, "lieu", "Lyon"), (3, "offre", "je prête ma perceuse")];
    for (interaction, command, text) in commands {
        fake.command(interaction, 43, "Bob", command, Some(text), None);
        until(dispatcher, "Bob's answer", async || fake.response(interaction).is_some()).await;
    }
    as_(&service, "alice", "/lieu Lyon").await;
    let asked = as_(&service, "alice", "/besoin une perceuse pour samedi").await;
    let request = support::number_after(&asked, "n°").unwrap();
    until(dispatcher, "Bob asked", async || bob_dms("/accepter")).await;
    let question = fake.messages_to(dm_channel(43)).into_iter().rev().find(|m| !m["components"].is_null()).unwrap();
    let accept = question["components"][0]["components"][0]["custom_id"].as_str().unwrap().to_owned();
    fake.press(4, 43, "Bob", &accept);
    until(dispatcher, "Bob's yes", async || fake.response(4).is_some()).await;
    let proposal = support::number_after(&accept, " ").unwrap();
    as_(&service, "alice", &format!("/accepter {proposal}")).await;
    until(dispatcher, "Bob put in touch", async || bob_dms("Mise en relation")).await;

    // Bob's DMs close; Alice writes three times: nothing lost, nothing out of order.
    fake.close_dms(43);
    for word in ["Zanzibar-un", "Zanzibar-deux", "Zanzibar-trois"] {
        let sent = as_(&service, "alice", &format!("/repondre {proposal} {word}, tu es dispo ?")).await;
        assert!(sent.contains("Transmis à Bob"), "{sent}");
    }
    until(dispatcher, "Bob unreachable", async || {
        store.unreachable_since(&discord_account(43)).await.unwrap().is_some()
    })
    .await;
    assert!(outbox_bodies(&db.url).await.contains("Zanzibar-deux"), "kept until delivered");
    fake.open_dms(43);
    fake.dm(9100, 43, "Bob", "/aide");
    until(dispatcher, "the three, once he is back", async || bob_dms("Zanzibar-trois")).await;
    let order: Vec<String> = fake
        .messages_to(dm_channel(43))
        .iter()
        .filter_map(|m| m["content"].as_str().filter(|t| t.contains("Zanzibar")).map(str::to_owned))
        .collect();
    assert_eq!(order.len(), 3, "each once: {order:?}");
    assert!(order[0].contains("-un") && order[1].contains("-deux") && order[2].contains("-trois"), "{order:?}");
    assert!(order[0].starts_with(&format!("💬 alice (demande n°{request})")), "{order:?}");
    assert!(!outbox_bodies(&db.url).await.contains("Zanzibar"), "erased once delivered");

    // Bob answers in his DM; Alice reads it on the console. No handle was given either way.
    let first = fake.id_of_sent(dm_channel(43), "Zanzibar-un").unwrap();
    fake.dm_reply(9101, 43, "Bob", &first, "Oui, samedi 10h Quokka");
    until(dispatcher, "Alice's answer", async || support::inbox(store.as_ref(), "alice").await.contains("Quokka"))
        .await;
    let inbox = support::inbox(store.as_ref(), "alice").await;
    assert!(!inbox.contains("sur discord"), "{inbox}");
    // A photo from his DM: Alice gets it, captioned with its sender.
    let picture: Vec<u8> = (0..3_000u32).map(|n| (n % 253) as u8).collect();
    fake.dm_photo(9104, 43, "Bob", &picture, "voilà la perceuse", &first);
    let alice = AccountRef::new(Platform::Console, "alice");
    until(dispatcher, "the photo", async || {
        support::pending(store.as_ref(), &alice).await.iter().any(|body| {
            matches!(body, entraide_core::model::OutgoingBody::Image { bytes: png, caption, .. }
                if *png == picture && caption.starts_with("💬 Bob") && caption.contains("voilà la perceuse"))
        })
    })
    .await;
    assert!(
        !fake.messages_to(dm_channel(43)).iter().any(|m| m["content"].as_str().unwrap_or("").contains("sur console"))
    );

    // Fifteen replies written milliseconds apart reach Alice in the order they were written,
    // though Discord's events are handled concurrently.
    for n in 1..=15_u64 {
        fake.dm_reply(9300 + n, 43, "Bob", &first, &format!("Suite-{n:02}"));
    }
    until(dispatcher, "the fifteen replies", async || {
        support::inbox(store.as_ref(), "alice").await.matches("Suite-").count() == 15
    })
    .await;
    let inbox = support::inbox(store.as_ref(), "alice").await;
    let order: Vec<&str> = inbox.match_indices("Suite-").map(|(at, _)| &inbox[at + 6..at + 8]).collect();
    let written: Vec<String> = (1..=15).map(|n| format!("{n:02}")).collect();
    assert_eq!(order, written, "in the order written");

    // The request closes: so does the relay.
    as_(&service, "alice", &format!("/merci {request}")).await;
    until(dispatcher, "Bob told", async || bob_dms("est terminée")).await;
    fake.dm(9102, 43, "Bob", "Encore un mot Wombat");
    until(dispatcher, "the answer", async || bob_dms("pas compris")).await;
    assert!(!support::inbox(store.as_ref(), "alice").await.contains("Wombat"));
    // A reply to one of its relayed messages is still taken for that conversation: closed.
    let relayed = fake.id_of_sent(dm_channel(43), "Zanzibar-deux").unwrap();
    fake.dm_reply(9103, 43, "Bob", &relayed, "Et après ?");
    until(dispatcher, "the answer", async || bob_dms("n'est pas ouverte")).await;
    // Bob reports that message: Alice is reported, with it quoted, and no other.
    fake.dm_reply(9105, 43, "Bob", &relayed, "/signaler messages insistants");
    until(dispatcher, "the report", async || bob_dms("signalement n°")).await;
    let reports = store.pending_reports(service.community().id).await.unwrap();
    assert!(reports[0].reason.starts_with("messages insistants\n(message signalé : « 💬 alice"), "{reports:?}");
    assert!(reports[0].reason.contains("Zanzibar-deux") && !reports[0].reason.contains("Zanzibar-trois"));
    served.stop().await;
}

/// Every outbox body in a test database, as stored.
async fn outbox_bodies(url: &str) -> String {
    use sqlx::Row;
    let rows: Vec<String> = if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let rows = sqlx::query("SELECT body FROM outbox").fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows.iter().map(|row| row.get::<String, _>("body")).collect()
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let rows = sqlx::query("SELECT body FROM outbox").fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows.iter().map(|row| row.get::<String, _>("body")).collect()
    };
    rows.join("\n")
}

/// The one element of a list.
fn only(mut codes: Vec<String>) -> String {
    assert_eq!(codes.len(), 1, "{codes:?}");
    codes.remove(0)
}

/// `entraide run` with a Discord token serves the community on Discord (here, the fake), and
/// logs neither the token nor what members wrote or who they are, even at the most verbose
/// level.
#[tokio::test]
async fn entraide_run_serves_discord_when_a_token_is_set() {
    const TOKEN: &str = "MTAxOTg2.FakeDiscordZebraToken.Quartz";
    let fake = FakeDiscord::start(GUILD).await;
    let dir = tempfile::tempdir().unwrap();
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"sqlite:{}\"", dir.path().join("e.db").display()))
        .replace("guilds = []", &format!("guilds = [{GUILD}]"))
        .replace("# invite_channel = 123456789012345678", &format!("invite_channel = {CHANNEL}"))
        .replace("empty for Discord's.\napi_url = \"\"", &format!("empty for Discord's.\napi_url = \"{}\"", fake.url));
    assert!(text.contains(&fake.url), "the example configuration changed: update this test");
    let config = dir.path().join("entraide.toml");
    std::fs::write(&config, text).unwrap();
    let running = support::run_traced(&config, ("ENTRAIDE_DISCORD_TOKEN", TOKEN));
    for _ in 0..300 {
        if !fake.calls("PUT", "/commands").is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!fake.calls("PUT", "/commands").is_empty(), "the slash commands are registered");
    fake.command(1, 42, "Zéphyrine", "besoin", Some("un tabouret Xylophage"), Some(CHANNEL));
    for _ in 0..300 {
        if fake.response(1).is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Refused, and said to her alone: nothing appears in the channel.
    let answer = fake.response(1).expect("an answer");
    assert!(answer["data"]["content"].as_str().unwrap().contains("pas encore membre"), "{answer}");
    assert_eq!(answer["data"]["flags"], 64, "{answer}");
    assert!(fake.messages_to(CHANNEL).is_empty(), "{:?}", fake.messages_to(CHANNEL));
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
    support::assert_logs_keep(running, &[TOKEN, "FakeDiscordZebraToken", "Xylophage", "tabouret", "Zéphyrine"]).await;
}

/// A bot whose privileged intents the developer portal refuses stops at once with one clear
/// error, rather than staying up with a Discord adapter the gateway closed (4014).
#[tokio::test]
async fn entraide_run_stops_at_once_when_discord_refuses_the_intents() {
    let fake = FakeDiscord::start(GUILD).await;
    fake.refuse_intents();
    let dir = tempfile::tempdir().unwrap();
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"sqlite:{}\"", dir.path().join("e.db").display()))
        .replace("guilds = []", &format!("guilds = [{GUILD}]"))
        .replace("empty for Discord's.\napi_url = \"\"", &format!("empty for Discord's.\napi_url = \"{}\"", fake.url));
    let config = dir.path().join("entraide.toml");
    std::fs::write(&config, text).unwrap();
    let running = tokio::process::Command::new(env!("CARGO_BIN_EXE_entraide"))
        .arg("--config")
        .arg(&config)
        .arg("run")
        .env("ENTRAIDE_DISCORD_TOKEN", "MTAx.FakeDiscordIntents.Zz")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stopped = tokio::time::timeout(Duration::from_secs(20), running.wait_with_output()).await;
    let output = stopped.expect("the process stops by itself").unwrap();
    assert!(!output.status.success(), "{}", output.status);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("does not allow the privileged intent(s) Server Members, Message Content"), "{said}");
    assert!(fake.calls("PUT", "/commands").is_empty(), "no gateway session was started");
}

/// A report typed in a channel stays out of sight of the one reported: deleted there,
/// acknowledged in a DM, nothing said in the channel. A report by reply reports the author of
/// the message answered. Where the bot may not delete, the reporter learns in a DM to report
/// privately next time.
#[tokio::test]
async fn a_report_typed_in_a_channel_is_deleted_and_acknowledged_privately() {
    let db = support::sqlite();
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    let community = service.community().id;
    until(dispatcher, "the commands", async || !fake.calls("PUT", "/commands").is_empty()).await;
    for (interaction, id, name) in [(1, 43, "Bob"), (2, 46, "Dave")] {
        let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
        fake.command(interaction, id, name, "rejoindre", Some(&code), None);
        until(dispatcher, "the answer", async || fake.response(interaction).is_some()).await;
    }
    let dms = |id: u64, part: &str| {
        fake.messages_to(dm_channel(id)).iter().filter(|m| m["content"].as_str().unwrap_or("").contains(part)).count()
    };
    let deleted = |id: u64| fake.calls("DELETE", &format!("/channels/{CHANNEL}/messages/{id}")).len();

    // Bob reports Dave in the channel: deleted, thanked in a DM.
    fake.in_channel(9200, CHANNEL, 43, "Bob", "!signaler @Dave propos agressifs", None);
    until(dispatcher, "the acknowledgement", async || dms(43, "signalement n°") == 1).await;
    until(dispatcher, "the report deleted", async || deleted(9200) == 1).await;

    // In reply to Dave's message, `!signaler MOTIF` reports him, with it.
    let said = fake.in_channel(9201, CHANNEL, 46, "Dave", "Tais-toi donc", None);
    fake.in_channel(9202, CHANNEL, 43, "Bob", "!signaler propos blessants", Some(&said));
    until(dispatcher, "the second acknowledgement", async || dms(43, "signalement n°") == 2).await;
    until(dispatcher, "the report by reply deleted", async || deleted(9202) == 1).await;
    let dave = store.account(community, &discord_account(46)).await.unwrap().unwrap().member_id;
    let reports = store.pending_reports(community).await.unwrap();
    assert_eq!(reports[1].target_id, dave, "{reports:?}");
    assert!(reports[1].reason.starts_with("propos blessants") && reports[1].reason.contains("Tais-toi donc"));

    // Where the bot may not delete messages, Bob learns to report privately next time.
    fake.deny_in_channel(CHANNEL, 8192);
    fake.in_channel(9203, CHANNEL, 43, "Bob", "!signaler @Dave encore", None);
    until(dispatcher, "the advice", async || dms(43, "signale en privé") == 1).await;
    assert_eq!(fake.calls("DELETE (refused)", "/messages/9203").len(), 1);
    assert_eq!(dms(43, "signalement n°"), 3);

    // `/signaler` with the member picked in Discord's menu (`<@id>`) and no post number: Dave.
    fake.command(3, 43, "Bob", "signaler", Some("<@46> menaces"), Some(CHANNEL));
    until(dispatcher, "the answer to /signaler", async || fake.response(3).is_some()).await;
    let answer = fake.response(3).unwrap();
    assert!(answer["data"]["content"].as_str().unwrap_or("").contains("signalement n°"), "{answer}");
    let reports = store.pending_reports(community).await.unwrap();
    let last = reports.iter().max_by_key(|report| report.id).unwrap();
    assert_eq!((last.target_id, last.reason.as_str()), (dave, "menaces"), "{reports:?}");

    // Nothing was said in the channel, and Dave heard of nothing.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let in_channel = fake.messages_to(CHANNEL);
    assert!(in_channel.is_empty(), "{in_channel:?}");
    assert_eq!(dms(46, "signal"), 0);
    served.stop().await;
}

/// A member banned then let back, whose direct messages are closed, rejoins: the member role
/// comes at once, though the notices to her wait until she can be written to.
#[tokio::test]
async fn a_member_let_back_gets_the_role_though_her_dms_are_closed() {
    let db = support::sqlite();
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    until(dispatcher, "the commands", async || !fake.calls("PUT", "/commands").is_empty()).await;
    as_(&service, "alice", "/inviter pour Léa").await;
    until(dispatcher, "the invite", async || !fake.calls("POST", "/invites").is_empty()).await;
    let code = only(fake.open_invites());
    until(dispatcher, "the link recorded", async || {
        store.invitation_by_link(Platform::Discord, &code).await.unwrap().is_some()
    })
    .await;
    fake.close_dms(42);
    fake.join(42, "Léa", Some(&code));
    let role = format!("/guilds/{GUILD}/members/42/roles/{MEMBER_ROLE}");
    until(dispatcher, "the member role", async || fake.calls("PUT", &role).len() == 1).await;
    until(dispatcher, "her welcome refused", async || {
        store.unreachable_since(&discord_account(42)).await.unwrap().is_some()
    })
    .await;

    as_(&service, "alice", "/bannir Léa spam").await;
    let ban = format!("/guilds/{GUILD}/bans/42");
    until(dispatcher, "the ban", async || fake.calls("PUT", &ban).len() == 1).await;
    as_(&service, "alice", "/lever Léa erreur de ma part").await;
    until(dispatcher, "the unban", async || fake.calls("DELETE", &ban).len() == 1).await;
    fake.join(42, "Léa", None);
    until(dispatcher, "the member role again", async || fake.calls("PUT", &role).len() == 2).await;
    assert!(fake.messages_to(dm_channel(42)).is_empty(), "nothing reached her: her messages wait");
    served.stop().await;
}

/// A guild that existed before the bot: once an admin opens an adoption, everyone in it
/// (listed a thousand at a time, as Discord pages them) becomes a member and gets the member
/// role; other bots and the bot itself do not, nor someone whose join is held.
#[tokio::test]
async fn people_in_the_guild_before_the_bot_are_adopted() {
    let db = support::sqlite();
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    until(dispatcher, "the commands", async || !fake.calls("PUT", "/commands").is_empty()).await;
    for n in 0..1_005 {
        fake.seat(GUILD, 10_000 + n, &format!("Ancien {n}"), false);
    }
    fake.seat(GUILD, 9_000, "Autre bot", true);
    // Someone whose join the bot saw and held stays the moderators' decision.
    fake.join(77, "Inconnu", None);
    until(dispatcher, "the join held", async || !store.open_held_joins(1).await.unwrap().is_empty()).await;

    let opened = as_(&service, "alice", "/adopter ouvrir").await;
    assert!(opened.contains("Adoption ouverte"), "{opened}");
    let last = discord_account(11_004);
    until(dispatcher, "everyone listed", async || store.account(1, &last).await.unwrap().is_some()).await;
    let listings = fake.calls("GET", &format!("/guilds/{GUILD}/members"));
    assert_eq!(listings.len(), 2, "two pages: {listings:?}");
    for (id, adopted) in [(10_000, true), (11_004, true), (9_000, false), (77, false), (BOT, false)] {
        let found = store.account(1, &discord_account(id)).await.unwrap();
        assert_eq!(found.is_some(), adopted, "{id}");
    }
    let role = format!("/guilds/{GUILD}/members/10000/roles/{MEMBER_ROLE}");
    until(dispatcher, "the member role", async || fake.calls("PUT", &role).len() == 1).await;
    let journal = as_(&service, "alice", "/journal action:adopt").await;
    assert!(journal.contains("présent·e dans les groupes avant le bot"), "{journal}");
    served.stop().await;
}

/// A moderator who bans someone from Discord's member menu is a moderator acting: the bot
/// reads who did it from the audit log entry and bans the person as `/bannir` would; a ban by
/// a server admin who is no moderator here is only reported to the moderators.
#[tokio::test]
async fn a_ban_made_with_discords_own_tools_is_followed() {
    let db = support::sqlite();
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    adopt_lea_bob_and_chris(&served).await;
    let bob = store.account(1, &discord_account(62)).await.unwrap().unwrap().member_id;

    fake.audit_entry(9_001, 22, 61, 62);
    until(dispatcher, "Bob banned", async || {
        store.member(bob).await.unwrap().is_some_and(|m| m.status == entraide_core::model::MemberStatus::Banned)
    })
    .await;
    let journal = as_(&service, "alice", "/journal action:ban").await;
    assert!(journal.contains("Léa") && journal.contains("fait à la main sur discord"), "{journal}");

    // A timeout from the member menu is a suspension until then; lifted there, lifted.
    use entraide_core::model::MemberStatus;
    let chris_id = store.account(1, &discord_account(63)).await.unwrap().unwrap().member_id;
    let status = async || store.member(chris_id).await.unwrap().unwrap().status;
    // "2026-11-26 09:00 UTC" as Discord writes it: "2026-11-26T09:00:00+00:00".
    let now = entraide_core::ports::Clock::now(served.clock.as_ref());
    let in_two_days = entraide_core::service::format_time(now + 2 * 86_400);
    let in_two_days = format!("{}:00+00:00", in_two_days.trim_end_matches(" UTC").replace(' ', "T"));
    fake.timeout_entry(9_003, 61, 63, Some(&in_two_days));
    until(dispatcher, "Chris suspended", async || status().await == MemberStatus::Suspended).await;
    let journal = as_(&service, "alice", "/journal action:suspend").await;
    assert!(journal.contains("Léa") && journal.contains("fait à la main sur discord"), "{journal}");
    // The bot's own timeout of Chris comes back as an entry of its own: left alone.
    fake.timeout_entry(9_004, BOT, 63, None);
    fake.timeout_entry(9_005, 61, 63, None);
    until(dispatcher, "Chris free again", async || status().await == MemberStatus::Active).await;
    // A kick: out of every group (no ban: an invitation brings him back), logged.
    fake.audit_entry(9_006, 20, 61, 63);
    let kicked = format!("/guilds/{GUILD}/members/63");
    until(dispatcher, "Chris removed", async || !fake.calls("DELETE", &kicked).is_empty()).await;
    assert_eq!(status().await, MemberStatus::Active, "a kick is no ban");
    let journal = as_(&service, "alice", "/journal action:kick").await;
    assert!(journal.contains("Léa") && journal.contains("retrait des groupes"), "{journal}");

    // Someone who is no moderator here: nothing done, the moderators are told.
    let chris = store.account(1, &discord_account(63)).await.unwrap().unwrap().member_id;
    fake.audit_entry(9_002, 22, 4_242, 63);
    until(dispatcher, "the moderators told", async || support::inbox(store.as_ref(), "alice").await.contains("Chris"))
        .await;
    let chris = store.member(chris).await.unwrap().unwrap();
    assert_eq!(chris.status, entraide_core::model::MemberStatus::Active);
    let told = support::inbox(store.as_ref(), "alice").await;
    assert!(!told.contains("La restriction de Chris a été levée"), "the bot's own lifting is no one's: {told}");
    served.stop().await;
}

/// A running gateway: what stops it, and its end.
pub(crate) type Gateway =
    (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<Result<(), entraide_discord::DiscordError>>);

/// Runs the bot's gateway until told to stop.
pub(crate) fn run_gateway(discord: Discord) -> Gateway {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let gateway = tokio::spawn(async move {
        discord
            .run(async {
                let _ = stopped.await;
            })
            .await
    });
    (stop, gateway)
}

/// Léa (61), Bob (62) and Chris (63) were in the guild before the bot: adopted, once the
/// bot's commands are registered; Léa becomes a moderator.
pub(crate) async fn adopt_lea_bob_and_chris(served: &Served) {
    let (fake, dispatcher, service, store) = (&served.fake, &served.dispatcher, &served.app.service, &served.app.store);
    until(dispatcher, "the commands", async || !fake.calls("PUT", "/commands").is_empty()).await;
    fake.seat(GUILD, 61, "Léa", false);
    fake.seat(GUILD, 62, "Bob", false);
    fake.seat(GUILD, 63, "Chris", false);
    as_(service, "alice", "/adopter ouvrir").await;
    let community = service.community().id;
    until(dispatcher, "adopted", async || store.account(community, &discord_account(63)).await.unwrap().is_some())
        .await;
    let promoted = as_(service, "alice", "/role Léa moderateur").await;
    assert!(promoted.contains("Léa"), "{promoted}");
}

/// Over a rate limit, Discord says how long to wait (`retry_after`, and the `Retry-After`
/// header): the outbox waits that long, not a second, and the message is then delivered once.
#[tokio::test]
async fn a_429_is_waited_out_as_long_as_discord_says() {
    let db = support::sqlite();
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher, clock) = (&served.fake, &served.dispatcher, &served.clock);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    until(dispatcher, "the commands", async || !fake.calls("PUT", "/commands").is_empty()).await;
    fake.seat(GUILD, 61, "Léa", false);
    as_(&service, "alice", "/adopter ouvrir").await;
    until(dispatcher, "Léa adopted", async || store.account(1, &discord_account(61)).await.unwrap().is_some()).await;

    let dm = format!("/channels/{}/messages", dm_channel(61));
    fake.too_fast(&dm, 5.5, 1);
    assert!(as_(&service, "alice", "/avertir Léa propos déplacés").await.contains("avertissement"));
    dispatcher.deliver_due().await.unwrap();
    assert_eq!(fake.calls("POST", &dm).len(), 1, "tried once, met a 429");
    for _ in 0..5 {
        clock.advance(1);
        dispatcher.deliver_due().await.unwrap();
    }
    assert_eq!(fake.calls("POST", &dm).len(), 1, "not again before the 6 s Discord asked");
    clock.advance(1);
    dispatcher.deliver_due().await.unwrap();
    clock.advance(60);
    dispatcher.deliver_due().await.unwrap();
    // The refused attempt and the one that went; nothing more.
    let tried = fake.messages_to(dm_channel(61));
    assert_eq!(tried.len(), 2, "{tried:?}");
    assert!(tried[1]["content"].as_str().unwrap_or_default().contains("Avertissement"), "{tried:?}");
    served.stop().await;
}
