//! Sponsorship rules end to end, on SQLite and PostgreSQL: quotas, trial, revocation,
//! withdrawn invite rights, linked accounts (a ban reaches every one), and 50 concurrent
//! redemptions of one code on PostgreSQL.

use std::sync::Arc;

use entraide_core::command::ChatContext;
use entraide_core::model::{AccountRef, Lang, OutgoingBody, Platform};
use entraide_core::ports::{OsRandomness, Store};
use entraide_core::service::Incoming;

use crate::support::{self, code_in, pending, say};

async fn story(url: &str) {
    let (app, clock) = support::app(url, 72.0, Lang::Fr).await;
    let service = app.service.clone();
    let store = app.store.clone();
    let console = |name: &str| (Platform::Console, name.to_owned());
    let (c, alice) = console("alice");

    // Quotas: 5 per 30 days by default; the reply says what is left and when it renews.
    let first = say(&service, c, &alice, "/inviter").await;
    assert!(first.contains("Il te reste 4 invitations") && first.contains("2026-12-24"), "{first}");
    let code = code_in(&first).unwrap();
    for _ in 0..3 {
        say(&service, c, &alice, "/inviter").await;
    }
    let last = say(&service, c, &alice, "/inviter").await;
    assert!(last.contains("Il ne te reste aucune invitation"), "{last}");
    let refused = say(&service, c, &alice, "/inviter").await;
    assert!(refused.contains("déjà créé 5 invitations") && refused.contains("2026-12-24"), "{refused}");

    // Trial: a new member cannot invite until it ends.
    let joined = say(&service, c, "bob", &format!("/rejoindre {code}")).await;
    assert!(joined.contains("Bienvenue"), "{joined}");
    let on_trial = say(&service, c, "bob", "/inviter").await;
    assert!(on_trial.contains("période d'essai") && on_trial.contains("2026-12-24"), "{on_trial}");

    // During the trial the sponsor hears of a sanction (here after linking, below).
    // Linking another account: a code from the member's account, used from the other one.
    let link = say(&service, c, "bob", "/lier").await;
    let link_code = crate::support::link_code_in(&link).unwrap();
    assert!(link.contains("expire dans 10 minutes"), "{link}");
    assert!(say(&service, Platform::Telegram, "4242", "/lier ZZZZ-ZZZZ").await.contains("n'existe pas"));
    let in_group = Incoming {
        account: AccountRef::new(Platform::Telegram, "4242"),
        display_name: "4242".into(),
        lang: None,
        chat: ChatContext::Group { request_channel: false },
        text: format!("/lier {link_code}"),
        message: None,
    };
    let refused = service.handle(in_group).await.unwrap().text;
    assert!(refused.contains("conversation privée"), "a code typed in a group is refused: {refused}");
    let linked = say(&service, Platform::Telegram, "4242", &format!("/lier {link_code}")).await;
    assert!(linked.contains("lié à l'adhésion de bob"), "{linked}");
    // The new account is let into that app's groups, as the first one was.
    let admitted = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "4242")).await;
    assert!(admitted.contains(&OutgoingBody::Admit), "{admitted:?}");
    let reused = say(&service, Platform::Telegram, "5555", &format!("/lier {link_code}")).await;
    assert!(reused.contains("n'existe pas ou a déjà servi"), "{reused}");
    let told = pending(store.as_ref(), &AccountRef::new(Platform::Console, "bob")).await;
    assert!(
        told.iter()
            .any(|m| matches!(m, OutgoingBody::Text { text } if text.contains("compte telegram vient d'être lié")))
    );
    // The linked account is bob: same member, same trial.
    assert!(say(&service, Platform::Telegram, "4242", "/inviter").await.contains("période d'essai"));
    let expired = say(&service, c, "bob", "/lier").await;
    let expired = crate::support::link_code_in(&expired).unwrap();
    clock.advance(11 * 60);
    assert!(say(&service, Platform::Matrix, "@bob:x", &format!("/lier {expired}")).await.contains("a expiré"));

    // Revocation: by the sponsor or a moderator, never by someone else; a revoked code is refused.
    let refused = say(&service, c, "alice", "/inviter").await;
    assert!(refused.contains("déjà créé 5 invitations") && code_in(&refused).is_none(), "still used up: {refused}");
    clock.advance(31 * 86_400);
    let fresh = code_in(&say(&service, c, "bob", "/inviter").await).expect("bob's trial ended");
    assert!(say(&service, Platform::Telegram, "4242", "/revoquer ZZZZ-ZZZZ-ZZZZ-ZZZZ").await.contains("n'existe pas"));
    let code3 = code_in(&say(&service, c, "alice", "/inviter").await).expect("alice's quota renewed");
    assert!(say(&service, c, "bob", &format!("/revoquer {code3}")).await.contains("n'est pas la tienne"));
    assert!(
        say(&service, c, "alice", &format!("/revoquer {fresh}")).await.contains("révoquée"),
        "moderators revoke any"
    );
    assert!(say(&service, c, "carol", &format!("/rejoindre {fresh}")).await.contains("révoqué"));
    assert!(say(&service, c, "alice", &format!("/revoquer {fresh}")).await.contains("déjà été utilisée ou révoquée"));

    // Withdrawn right to invite: logged, told, restored.
    assert!(say(&service, c, "bob", "/retirer-parrainage alice abus").await.contains("réservée aux modérateurs"));
    let handed_out = code_in(&say(&service, c, "bob", "/inviter").await).unwrap();
    let withdrawn = say(&service, c, "alice", "/retirer-parrainage bob trop d'invitations non suivies").await;
    assert!(withdrawn.contains("bob ne peut plus inviter"), "{withdrawn}");
    assert!(say(&service, c, "bob", "/inviter").await.contains("Motif : trop d'invitations non suivies"));
    let stale = say(&service, c, "hugo", &format!("/rejoindre {handed_out}")).await;
    assert!(stale.contains("n'est plus valable"), "codes handed out before no longer work: {stale}");
    assert!(say(&service, c, "alice", "/rendre-parrainage bob").await.contains("peut de nouveau inviter"));
    assert!(code_in(&say(&service, c, "bob", "/inviter").await).is_some());
    let journal = say(&service, c, "alice", "/journal").await;
    assert!(journal.contains("droit d'inviter retiré") && journal.contains("droit d'inviter rendu"), "{journal}");
    assert!(journal.contains("compte lié"), "{journal}");

    // Unlinking keeps at least one account.
    assert!(say(&service, c, "bob", "/delier matrix").await.contains("pas de compte matrix"));
    let carol_code = code_in(&say(&service, c, "alice", "/inviter").await).unwrap();
    assert!(say(&service, Platform::Telegram, "777", &format!("/rejoindre {carol_code}")).await.contains("Bienvenue"));
    assert!(say(&service, Platform::Telegram, "777", "/delier telegram").await.contains("seul compte"));

    // A ban reaches every linked account; the sponsor of someone on trial is told.
    let dave_code = code_in(&say(&service, c, "alice", "/inviter").await).unwrap();
    say(&service, c, "dave", &format!("/rejoindre {dave_code}")).await;
    let dave_link = say(&service, c, "dave", "/lier").await;
    let dave_link = crate::support::link_code_in(&dave_link).unwrap();
    say(&service, Platform::Discord, "9001", &format!("/lier {dave_link}")).await;
    // A report upheld with nothing done is no sanction: the sponsor hears nothing of it, the
    // reporter hears it was found right.
    let reported = say(&service, Platform::Telegram, "777", "/signaler @dave ton sec").await;
    let report = crate::support::number_after(&reported, "signalement n°").unwrap();
    let resolved = say(&service, c, "alice", &format!("/resoudre {report} rien réglé entre eux")).await;
    assert!(resolved.contains("traité"), "{resolved}");
    let is_text = |body: &OutgoingBody, part: &str| matches!(body, OutgoingBody::Text { text } if text.contains(part));
    let to_alice = pending(store.as_ref(), &AccountRef::new(Platform::Console, "alice")).await;
    assert!(!to_alice.iter().any(|m| is_text(m, "dave, que tu as parrainé·e")), "{to_alice:?}");
    let to_reporter = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "777")).await;
    assert!(to_reporter.iter().any(|m| is_text(m, "la modération le juge fondé")), "{to_reporter:?}");
    assert!(!to_reporter.iter().any(|m| is_text(m, "suivi d'effet")), "{to_reporter:?}");
    let banned = say(&service, c, "alice", "/bannir dave spam").await;
    assert!(banned.contains("2 comptes liés"), "{banned}");
    let discord = pending(store.as_ref(), &AccountRef::new(Platform::Discord, "9001")).await;
    assert!(discord.contains(&OutgoingBody::Ban), "{discord:?}");
    let console_dave = pending(store.as_ref(), &AccountRef::new(Platform::Console, "dave")).await;
    assert!(console_dave.contains(&OutgoingBody::Ban), "{console_dave:?}");
    let to_alice = pending(store.as_ref(), &AccountRef::new(Platform::Console, "alice")).await;
    assert!(
        to_alice.iter().any(|m| matches!(m, OutgoingBody::Text { text } if text.contains("dave, que tu as parrainé·e") && text.contains("bannissement"))),
        "the sponsor is told during the trial: {to_alice:?}"
    );
    assert!(say(&service, Platform::Discord, "9001", "/aide").await.contains("banni"));
}

#[tokio::test]
async fn sponsorship_on_sqlite() {
    story(&support::sqlite().url).await;
}

#[tokio::test]
async fn sponsorship_on_postgres() {
    story(&support::postgres().await.url).await;
}

#[tokio::test]
async fn fifty_concurrent_redemptions_of_one_code_on_postgres() {
    let db = support::postgres().await;
    let (app, _clock) = support::app(&db.url, 72.0, Lang::Fr).await;
    let code = code_in(&say(&app.service, Platform::Console, "alice", "/inviter").await).unwrap();
    // Ten processes' worth of services, each with its own connection pool.
    let mut services = Vec::new();
    for _ in 0..10 {
        let store = entraide_store_sql::open(&db.url).await.unwrap();
        let config = support::config(&db.url, 72.0);
        // The test clock of the code's creator: the code cannot expire under the racers.
        let clock = Arc::new(entraide_core::ports::ManualClock::at(support::START));
        let app = entraide::App::with(config, store, clock, Arc::new(OsRandomness)).await.unwrap();
        services.push(app.service);
    }
    let mut tasks = Vec::new();
    for i in 0..50 {
        let service = services[i % services.len()].clone();
        let code = code.clone();
        tasks.push(tokio::spawn(async move {
            say(&service, Platform::Telegram, &format!("racer{i}"), &format!("/rejoindre {code}")).await
        }));
    }
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.unwrap());
    }
    let welcomed = replies.iter().filter(|r| r.contains("Bienvenue")).count();
    let refused = replies.iter().filter(|r| r.contains("déjà été utilisé")).count();
    assert_eq!((welcomed, refused), (1, 49), "{replies:#?}");
    let mut members = 0;
    for i in 0..50 {
        if app
            .store
            .account(app.service.community().id, &AccountRef::new(Platform::Telegram, format!("racer{i}")))
            .await
            .unwrap()
            .is_some()
        {
            members += 1;
        }
    }
    assert_eq!(members, 1, "no duplicate member");
}

/// A community that asks three sponsors, like Gens de Confiance.
async fn three_sponsors(url: &str) {
    let mut config = support::config(url, 72.0);
    config.invitations.sponsors_required = 3;
    for name in ["bob", "carol"] {
        config
            .community
            .founders
            .push(entraide::config::FounderConfig { account: format!("console:{name}"), name: name.into() });
    }
    let (app, _clock) = support::app_with(config).await;
    let service = app.service.clone();
    let c = Platform::Console;

    let code = code_in(&say(&service, c, "alice", "/inviter Zoé, rencontrée à la ressourcerie").await).unwrap();
    let candidate = say(&service, c, "zoe", &format!("/rejoindre {code}")).await;
    assert!(candidate.contains("attend encore 2 parrainages") && candidate.contains("/parrainer #4"), "{candidate}");
    assert!(say(&service, c, "zoe", "/besoin une perceuse").await.contains("attend encore des parrainages"));
    assert!(say(&service, c, "zoe", "/aide").await.contains("attend encore 2 parrainages"));
    assert!(say(&service, c, "zoe", "/parrainer zoe").await.contains("attend encore des parrainages"));
    let queue = say(&service, c, "alice", "/candidats").await;
    assert!(queue.contains("zoe (n°4) : 1/3 parrainages"), "{queue}");

    // The sponsor's invitation was their vouch; a member counts once.
    assert!(say(&service, c, "alice", "/parrainer zoe").await.contains("déjà parrainé zoe"));
    assert!(say(&service, c, "bob", "/parrainer zoe").await.contains("Il en manque encore 1"));
    assert!(say(&service, c, "bob", "/parrainer zoe").await.contains("déjà parrainé zoe"));
    assert!(say(&service, c, "bob", "/parrainer alice").await.contains("alice n'est pas candidat·e"));
    assert!(say(&service, c, "carol", "/parrainer zoe").await.contains("zoe devient membre"));
    assert!(say(&service, c, "zoe", "/besoin une perceuse").await.contains("Demande n°"), "zoe is a member now");
    assert!(say(&service, c, "zoe", "/inviter").await.contains("période d'essai"), "and on trial");
    let to_zoe = pending(app.store.as_ref(), &AccountRef::new(c, "zoe")).await;
    assert!(to_zoe.iter().any(|m| matches!(m, OutgoingBody::Text { text } if text.contains("tu es membre"))));
    let to_bob = pending(app.store.as_ref(), &AccountRef::new(c, "bob")).await;
    assert!(to_bob.iter().any(|m| matches!(m, OutgoingBody::Text { text } if text.contains("zoe, que tu as parrainé·e, est maintenant membre"))));

    let record = say(&service, c, "alice", "/membre zoe").await;
    assert!(record.contains("zoe (n°4) — actif·ve") && record.contains("Parrainé·e par : alice (#1)"), "{record}");
    assert!(record.contains("En période d'essai jusqu'au"), "{record}");
    assert!(record.contains("Note de l'invitation : « Zoé, rencontrée à la ressourcerie »"), "{record}");
    assert!(say(&service, c, "zoe", "/membre alice").await.contains("réservée aux modérateurs"));

    // Without an invitation: all three vouches.
    let applied = say(&service, Platform::Matrix, "@yan:example.org", "/candidater").await;
    assert!(applied.contains("attend encore 3 parrainages"), "{applied}");
    let again = say(&service, Platform::Matrix, "@yan:example.org", "/candidater").await;
    assert!(again.contains("attend encore 3 parrainages"), "applying twice shows where it stands: {again}");
    for (voucher, expected) in
        [("alice", "Il en manque encore 2"), ("bob", "Il en manque encore 1"), ("carol", "devient membre")]
    {
        let reply = say(&service, c, voucher, "/parrainer @yan:example.org").await;
        assert!(reply.contains(expected), "{voucher}: {reply}");
    }
    assert!(say(&service, c, "alice", "/candidats").await.contains("Aucune candidature"));
    let journal = say(&service, c, "alice", "/journal").await;
    assert!(journal.contains("admission après parrainages") && journal.contains("candidature"), "{journal}");
}

#[tokio::test]
async fn three_sponsors_on_sqlite() {
    three_sponsors(&support::sqlite().url).await;
}

#[tokio::test]
async fn three_sponsors_on_postgres() {
    three_sponsors(&support::postgres().await.url).await;
}

#[tokio::test]
async fn the_sponsor_tree_is_paginated() {
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 100;
    config.members.trial_days = 1;
    let (app, clock) = support::app_with(config).await;
    let service = app.service.clone();
    let c = Platform::Console;
    // alice → bob → 19 people, bob's first invitee brings one more.
    let code = code_in(&say(&service, c, "alice", "/inviter").await).unwrap();
    say(&service, c, "bob", &format!("/rejoindre {code}")).await;
    clock.advance(2 * 86_400);
    for i in 0..19 {
        let code = code_in(&say(&service, c, "bob", "/inviter").await).unwrap();
        say(&service, c, &format!("guest{i:02}"), &format!("/rejoindre {code}")).await;
    }
    clock.advance(2 * 86_400);
    let code = code_in(&say(&service, c, "guest00", "/inviter").await).unwrap();
    say(&service, c, "grandchild", &format!("/rejoindre {code}")).await;

    let first = say(&service, c, "alice", "/membre alice").await;
    assert!(first.contains("A fait entrer 21 personnes (page 1/2)"), "{first}");
    assert!(
        first.contains("\n  • bob (#2, actif·ve)\n    • guest00 (#3, actif·ve)\n      • grandchild"),
        "depth first, indented: {first}"
    );
    assert!(first.contains("Sans parrain ni marraine"), "{first}");
    let second = say(&service, c, "alice", "/membre alice 2").await;
    assert!(second.contains("(page 2/2)") && second.contains("guest18"), "{second}");
    let chain = say(&service, c, "alice", "/membre grandchild").await;
    assert!(chain.contains("Parrainé·e par : guest00 (#3) ← bob (#2) ← alice (#1)"), "{chain}");
}

/// Activity, humanely: reminders before a request expires, renewals, inactive members
/// reminded, then no longer matched, and matched again as soon as they write.
async fn activity(url: &str) {
    let mut config = support::config(url, 72.0);
    config.offers.expire_days = 400;
    let (app, clock) = support::app_with(config).await;
    let service = app.service.clone();
    let c = Platform::Console;
    let code = code_in(&say(&service, c, "alice", "/inviter").await).unwrap();
    say(&service, c, "bob", &format!("/rejoindre {code}")).await;
    say(&service, c, "bob", "/lieu Lyon").await;
    say(&service, c, "bob", "/offre je prête ma perceuse").await;
    say(&service, c, "alice", "/lieu Lyon").await;

    // A request nothing fits: reminded three days before it expires, renewed, then expires.
    let posted = say(&service, c, "alice", "/besoin un accordéon pour la fête de la musique").await;
    let id = crate::support::number_after(&posted, "Demande n°").unwrap();
    clock.advance(26 * 86_400);
    service.upkeep().await.unwrap();
    let to_alice = |store: Arc<dyn Store>| async move {
        pending(store.as_ref(), &AccountRef::new(Platform::Console, "alice")).await
    };
    assert!(
        !to_alice(app.store.clone())
            .await
            .iter()
            .any(|m| matches!(m, OutgoingBody::Text { text } if text.contains("expirera")))
    );
    clock.advance(2 * 86_400);
    service.upkeep().await.unwrap();
    service.upkeep().await.unwrap();
    let reminders = to_alice(app.store.clone()).await;
    let count = reminders.iter().filter(|m| matches!(m, OutgoingBody::Text { text } if text.contains(&format!("Ta demande n°{id}")) && text.contains("/renouveler"))).count();
    assert_eq!(count, 1, "reminded once: {reminders:?}");
    assert!(say(&service, c, "bob", &format!("/renouveler {id}")).await.contains("n'est pas la tienne"));
    assert!(say(&service, c, "alice", &format!("/renouveler {id}")).await.contains("reste ouverte jusqu'au"));
    clock.advance(5 * 86_400);
    assert_eq!(service.upkeep().await.unwrap(), 0, "renewed: not expired");
    clock.advance(30 * 86_400);
    assert_eq!(service.upkeep().await.unwrap(), 1, "expires a period after the renewal");

    // bob stays silent for half a year: asked, then no longer matched; back as soon as he writes.
    clock.advance(150 * 86_400);
    say(&service, c, "alice", "/aide").await;
    service.upkeep().await.unwrap();
    let to_bob = pending(app.store.as_ref(), &AccountRef::new(Platform::Console, "bob")).await;
    assert!(
        to_bob.iter().any(|m| matches!(m, OutgoingBody::Text { text } if text.contains("Tu es toujours là"))),
        "{to_bob:?}"
    );
    let asked = say(&service, c, "alice", "/besoin une perceuse").await;
    assert!(asked.contains("1 membre"), "still matched during the grace period: {asked}");
    clock.advance(15 * 86_400);
    say(&service, c, "alice", "/aide").await;
    service.upkeep().await.unwrap();
    let asked = say(&service, c, "alice", "/besoin une perceuse svp").await;
    assert!(asked.contains("je n'ai dérangé personne"), "inactive members are not matched: {asked}");
    say(&service, c, "bob", "/mes").await;
    let asked = say(&service, c, "alice", "/besoin encore une perceuse").await;
    assert!(asked.contains("1 membre"), "back at once: {asked}");
}

#[tokio::test]
async fn activity_on_sqlite() {
    activity(&support::sqlite().url).await;
}

#[tokio::test]
async fn activity_on_postgres() {
    activity(&support::postgres().await.url).await;
}

#[tokio::test]
async fn offers_expire_too() {
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.offers.expire_days = 10;
    let (app, clock) = support::app_with(config).await;
    let service = app.service.clone();
    let posted = say(&service, Platform::Console, "alice", "/offre je prête ma tente").await;
    let id = crate::support::number_after(&posted, "Offre n°").unwrap();
    clock.advance(8 * 86_400);
    service.upkeep().await.unwrap();
    let alice = AccountRef::new(Platform::Console, "alice");
    let told = pending(app.store.as_ref(), &alice).await;
    assert!(told.iter().any(|m| matches!(m, OutgoingBody::Text { text } if text.contains(&format!("Ton offre n°{id}")) && text.contains("expirera"))), "{told:?}");
    assert!(say(&service, Platform::Console, "alice", &format!("/renouveler {id}")).await.contains("reste ouverte"));
    clock.advance(9 * 86_400);
    assert_eq!(service.upkeep().await.unwrap(), 0);
    clock.advance(2 * 86_400);
    assert_eq!(service.upkeep().await.unwrap(), 1);
    let told = pending(app.store.as_ref(), &alice).await;
    assert!(
        told.iter()
            .any(|m| matches!(m, OutgoingBody::Text { text } if text.contains(&format!("Ton offre n°{id} a expiré")))),
        "{told:?}"
    );
}

#[tokio::test]
async fn a_quota_holds_across_processes_on_postgres() {
    let db = support::postgres().await;
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 3;
    let mut services = Vec::new();
    for _ in 0..5 {
        let (app, _clock) = support::app_with(config.clone()).await;
        services.push(app.service);
    }
    let mut tasks = Vec::new();
    for i in 0..12 {
        let service = services[i % services.len()].clone();
        tasks.push(tokio::spawn(async move { say(&service, Platform::Console, "alice", "/inviter").await }));
    }
    let mut created = 0;
    for task in tasks {
        let reply = task.await.unwrap();
        if code_in(&reply).is_some() {
            created += 1;
        } else {
            assert!(reply.contains("déjà créé 3 invitations"), "{reply}");
        }
    }
    assert_eq!(created, 3, "exactly the quota, even from five processes at once");
}
