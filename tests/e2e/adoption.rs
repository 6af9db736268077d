//! Adopting a group that existed before the bot: while an admin's adoption window is open,
//! unknown people who write in a group become members (sponsor unknown, in the audit log),
//! the apps that can list their groups' people are asked to, and a moderator may adopt one
//! account by its id; never someone whose join is held, never after the window closes.
//! On SQLite and PostgreSQL.

use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, JoinEvidence, OutgoingBody, Platform};
use entraide_core::ports::Store;
use entraide_core::service::{Incoming, JoinEvent, JoinOutcome, Listed, Service};

use crate::support::{self, as_, pending, say};

/// Someone writing in a community group.
async fn in_group(service: &Service, platform: Platform, user: &str, name: &str, text: &str) -> Option<String> {
    let incoming = Incoming {
        account: AccountRef::new(platform, user),
        display_name: name.to_owned(),
        lang: None,
        chat: ChatContext::Group { request_channel: false },
        text: text.to_owned(),
        message: None,
    };
    service.handle(incoming).await.map(|reply| reply.text)
}

async fn member_of(store: &dyn Store, service: &Service, platform: Platform, user: &str) -> Option<i64> {
    let account = store.account(service.community().id, &AccountRef::new(platform, user)).await.unwrap();
    account.map(|account| account.member_id)
}

fn listed(pairs: &[(&str, &str)]) -> Vec<Listed> {
    pairs.iter().map(|(id, name)| Listed { user_id: (*id).into(), display_name: (*name).into() }).collect()
}

async fn story(url: &str) {
    let mut config = support::config(url, 72.0);
    config.telegram.groups = vec![-1001];
    config.discord.guilds = vec![1];
    config.matrix.rooms = vec!["!salon:example.org".into()];
    config
        .community
        .founders
        .push(entraide::config::FounderConfig { account: "telegram:42".into(), name: "Admin Telegram".into() });
    let (app, _clock) = support::app_with(config).await;
    let (service, store) = (app.service.clone(), app.store.clone());
    let telegram = |user: &str| AccountRef::new(Platform::Telegram, user);

    // Before any window: someone in the group for years is no member, and chatter is ignored.
    assert_eq!(in_group(&service, Platform::Telegram, "555", "Paulette", "bonjour à tous").await, None);
    assert_eq!(member_of(store.as_ref(), &service, Platform::Telegram, "555").await, None);
    assert!(as_(&service, "alice", "/adopter").await.contains("Aucune adoption en cours"));

    // An admin opens the window; the apps that can list their groups are asked to.
    let opened = as_(&service, "alice", "/adopter ouvrir 3").await;
    assert!(opened.contains("Adoption ouverte jusqu'au") && opened.contains("/adopter fermer"), "{opened}");
    for platform in [Platform::Discord, Platform::Matrix] {
        let asked = pending(store.as_ref(), &AccountRef::new(platform, "#groups")).await;
        assert!(asked.contains(&OutgoingBody::ListMembers), "{platform}: {asked:?}");
    }
    let on_telegram = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "#groups")).await;
    assert!(!on_telegram.contains(&OutgoingBody::ListMembers), "a Telegram bot cannot list: {on_telegram:?}");
    assert!(as_(&service, "alice", "/adopter").await.contains("Adoption ouverte"));

    // Someone whose join the bot saw and held is left to the moderators.
    let join = JoinEvent {
        account: telegram("777"),
        display_name: "Inconnu".into(),
        lang: None,
        evidence: JoinEvidence::Unknown,
        request: false,
    };
    let JoinOutcome::Held(held) = service.member_joined(join).await.unwrap() else { panic!("held") };
    in_group(&service, Platform::Telegram, "777", "Inconnu", "coucou").await;
    assert_eq!(member_of(store.as_ref(), &service, Platform::Telegram, "777").await, None);

    // Whoever else writes in a group is a member at once: no sponsor, welcomed, logged.
    assert_eq!(in_group(&service, Platform::Telegram, "555", "Paulette", "bonjour à tous").await, None);
    let paulette = member_of(store.as_ref(), &service, Platform::Telegram, "555").await.expect("adopted");
    let member = store.member(paulette).await.unwrap().unwrap();
    assert_eq!((member.sponsor_id, member.display_name.as_str()), (None, "Paulette"));
    let told = pending(store.as_ref(), &telegram("555")).await;
    assert!(
        told.iter().any(
            |m| matches!(m, OutgoingBody::Text { text } if text.contains("avant mon arrivée") && text.contains("/lieu"))
        ),
        "{told:?}"
    );
    assert!(!told.contains(&OutgoingBody::Admit), "already in the Telegram group: no join request to approve");
    // A command written in a group by someone unknown is theirs as a member.
    let need =
        in_group(&service, Platform::Telegram, "556", "Gérard", "/besoin quelqu'un pour tondre ma pelouse").await;
    assert!(need.is_some_and(|reply| reply.contains("n°")), "a request recorded");
    assert!(member_of(store.as_ref(), &service, Platform::Telegram, "556").await.is_some());

    // The people an app listed: each adopted once, let into the rest (Discord's role).
    let found = listed(&[("1001", "Zoé"), ("1002", "Yann")]);
    assert_eq!(service.adopt_listed(Platform::Discord, found.clone()).await.unwrap(), 2);
    assert_eq!(service.adopt_listed(Platform::Discord, found).await.unwrap(), 0, "nobody twice");
    let zoe = pending(store.as_ref(), &AccountRef::new(Platform::Discord, "1001")).await;
    assert!(zoe.contains(&OutgoingBody::Admit), "{zoe:?}");

    // A moderator names one account by its id on their app; a Telegram @username cannot be
    // traced to an account.
    let refused = say(&service, Platform::Telegram, "42", "/adopter @marie_lyon").await;
    assert!(refused.contains("numéro du compte"), "{refused}");
    let named = say(&service, Platform::Telegram, "42", "/adopter 888 Marie Dupont").await;
    assert!(named.contains("Marie Dupont est désormais membre"), "{named}");
    let again = say(&service, Platform::Telegram, "42", "/adopter 888").await;
    assert!(again.contains("déjà celui de Marie Dupont"), "{again}");
    let still_held = say(&service, Platform::Telegram, "42", "/adopter 777").await;
    assert!(still_held.contains(&format!("/approuver {held}")), "{still_held}");

    // The audit log says who was adopted, how, and by whom; the record says no sponsor.
    let journal = as_(&service, "alice", "/journal action:adopt").await;
    assert!(journal.contains("adoption") && journal.contains("telegram") && journal.contains("discord"), "{journal}");
    let record = as_(&service, "alice", &format!("/fiche #{paulette}")).await;
    assert!(record.contains("Sans parrain ni marraine"), "{record}");

    // A member adopted is a member, not an admin: they cannot open a window.
    let member_try = say(&service, Platform::Telegram, "555", "/adopter ouvrir").await;
    assert!(member_try.contains("réservée aux admins"), "{member_try}");
    let member_try = say(&service, Platform::Telegram, "555", "/adopter 999").await;
    assert!(member_try.contains("réservée aux modérateurs"), "{member_try}");

    // Closed: nobody new becomes a member by writing, nor by being listed.
    assert!(as_(&service, "alice", "/adopter fermer").await.contains("Adoption fermée"));
    in_group(&service, Platform::Telegram, "999", "Tardif", "bonjour").await;
    assert_eq!(member_of(store.as_ref(), &service, Platform::Telegram, "999").await, None);
    assert_eq!(service.adopt_listed(Platform::Matrix, listed(&[("@late:example.org", "Late")])).await.unwrap(), 0);
}

#[tokio::test]
async fn adoption_on_sqlite() {
    story(&support::sqlite().url).await;
}

#[tokio::test]
async fn adoption_on_postgres() {
    story(&support::postgres().await.url).await;
}
