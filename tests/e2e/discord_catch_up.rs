//! What Discord sends while no gateway session is open is lost to the gateway (a new session
//! starts from now; only a resumed one gets what it missed), as when a process taking a shard
//! over connects after the one that died. The new session reads it back through REST: a DM,
//! messages in a channel (more than one page), a join (held for a moderator) and a ban made
//! by hand, each handled once, what had come live already not again.

use std::sync::Arc;
use std::time::Duration;

use entraide_core::model::{MemberStatus, Platform};
use entraide_core::service::Service;
use entraide_discord::{Discord, DiscordSettings};

use crate::discord::{
    CHANNEL, GUILD, Gateway, MEMBER_ROLE, adopt_lea_bob_and_chris, discord_account, run_gateway, serve, until,
};
use crate::fake_discord::{FakeDiscord, dm_channel, snowflake_now};
use crate::support;

#[tokio::test]
async fn a_new_session_reads_back_what_was_sent_while_none_was_open() {
    let db = support::sqlite();
    let served = serve(&[GUILD], &[(GUILD, MEMBER_ROLE)], &db).await;
    let (fake, dispatcher) = (&served.fake, &served.dispatcher);
    let (service, store) = (Arc::clone(&served.app.service), Arc::clone(&served.app.store));
    let community = service.community().id;
    adopt_lea_bob_and_chris(&served).await;
    let bob = store.account(community, &discord_account(62)).await.unwrap().unwrap().member_id;
    let chris = store.account(community, &discord_account(63)).await.unwrap().unwrap().member_id;

    let seen = async |id: u64| store.event_seen(Platform::Discord, &id.to_string()).await.unwrap();
    // Bob writes to the bot: answered live (the list of commands, in two messages).
    let help = snowflake_now();
    fake.dm(help, 62, "Bob", "!aide");
    let answers = || fake.messages_to(dm_channel(62)).len();
    until(dispatcher, "Bob answered", async || answers() == 2).await;
    assert!(seen(help).await);

    // The gateway closes (the process holding it dies); meanwhile Bob offers in a DM and
    // writes in the channel, Dora joins, Léa bans Chris with Discord's own tools.
    let _ = served.stop.send(());
    let _ = served.gateway.await;
    support::until_true("the session closed", Duration::from_secs(15), async || fake.open_shards().is_empty()).await;
    let offer = snowflake_now();
    fake.dm(offer, 62, "Bob", "!offre je prête une perceuse à Lyon");
    // More than one page of a channel (Discord gives 100 at most).
    let in_channel: Vec<u64> = (0..120).map(|_| snowflake_now()).collect();
    for (n, id) in in_channel.iter().enumerate() {
        fake.in_channel(*id, CHANNEL, 62, "Bob", &format!("Bonjour à tous ({n})"), None);
    }
    fake.join(64, "Dora", None);
    fake.audit_entry(snowflake_now(), 22, 61, 63);

    // Another session opens: none of it comes through the gateway, all of it is read back,
    // but for Bob's DMs, which Discord refuses once (a 429): the shard is not caught up, and
    // its mark stays where it was.
    let mark = async || store.cursor("discord:seen:0").await.unwrap();
    let marked = mark().await;
    fake.too_fast(&format!("/channels/{}/messages", dm_channel(62)), 0.5, 1);
    let (stop, gateway) = session(fake, &service);
    until(dispatcher, "the new session", async || fake.identified().len() == 2).await;
    assert_eq!(fake.missed(), 123, "what was sent before the new session is not given to it");
    for id in &in_channel {
        until(dispatcher, "the channel's messages read back", async || seen(*id).await).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(store.posts_of(bob).await.unwrap().is_empty(), "Bob's DMs could not be read");
    assert_eq!(mark().await, marked, "not caught up: the mark stays");

    // The next session reads them back.
    let _ = stop.send(());
    let _ = gateway.await;
    let (stop, gateway) = session(fake, &service);
    until(dispatcher, "Bob's offer read back", async || store.posts_of(bob).await.unwrap().len() == 1).await;
    until(dispatcher, "the mark moved on", async || mark().await != marked).await;
    until(dispatcher, "Chris banned", async || {
        store.member(chris).await.unwrap().is_some_and(|m| m.status == MemberStatus::Banned)
    })
    .await;
    until(dispatcher, "Dora's join held", async || !store.open_held_joins(community).await.unwrap().is_empty()).await;
    until(dispatcher, "the offer answered", async || answers() == 3).await;

    // What came live before is not handled again; what comes live now is handled.
    let later = snowflake_now();
    fake.dm(later, 62, "Bob", "!aide");
    until(dispatcher, "Bob answered again", async || answers() == 5).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    dispatcher.deliver_due().await.unwrap();
    assert_eq!(answers(), 5, "each message answered once");
    assert_eq!(store.posts_of(bob).await.unwrap().len(), 1, "the offer written once");
    assert_eq!(store.open_held_joins(community).await.unwrap().len(), 1, "Dora held once");
    assert!(fake.unknown().is_empty(), "{:?}", fake.unknown());
    let _ = stop.send(());
    let _ = gateway.await;
}

/// A gateway session of the bot on the fake, until told to stop.
fn session(fake: &FakeDiscord, service: &Arc<Service>) -> Gateway {
    let settings = DiscordSettings {
        api_url: Some(fake.url.clone()),
        guilds: vec![GUILD],
        member_roles: [(GUILD, MEMBER_ROLE)].into(),
        invite_channel: Some(CHANNEL),
        announce_channels: Default::default(),
        shards: 1,
    };
    run_gateway(Discord::new("FAKE.DISCORD.TOKEN", settings, Arc::clone(service)))
}
