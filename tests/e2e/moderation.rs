//! Moderation end to end, on SQLite and PostgreSQL: warnings that pile up into a suspension,
//! suspensions and bans on every linked account (surviving a rejoin, ending on time, lifted),
//! sponsors told during the trial, reports and their queue (the reporter never revealed to
//! the reported), hidden posts, the member record, audit filters, roles, settings seen by
//! another process, relais posts, statistics — and every admin command refused to members.

use std::sync::Arc;

use entraide::App;
use entraide_core::command::CommandName;
use entraide_core::model::{AccountRef, JoinEvidence, Lang, MemberStatus, OutgoingBody, Platform, PostState};
use entraide_core::ports::ManualClock;
use entraide_core::service::{JoinEvent, JoinOutcome};

use crate::support::{self, as_, code_in, inbox, number_after, pending, say};

const DAY: i64 = 86_400;

/// A French community founded by alice (admin), with a generous invitation quota; each
/// named member joins with an invitation from alice.
pub async fn community(url: &str, members: &[&str]) -> (App, Arc<ManualClock>) {
    let mut config = support::config(url, 72.0);
    config.invitations.quota = 100;
    let (app, clock) = support::app_with(config).await;
    for name in members {
        let code = code_in(&as_(&app.service, "alice", "/inviter").await).unwrap();
        let joined = as_(&app.service, name, &format!("/rejoindre {code}")).await;
        assert!(joined.contains("Bienvenue"), "{joined}");
    }
    (app, clock)
}

async fn sanctions_reports_and_records(url: &str) {
    let (app, clock) = community(url, &["bob", "carol", "dave", "erin"]).await;
    let (service, store) = (&app.service, app.store.as_ref());
    let bob_telegram = AccountRef::new(Platform::Telegram, "4242");

    // Roles: only an admin gives them, and never to themself.
    assert!(as_(service, "alice", "/role carol moderatrice").await.contains("carol est maintenant modérateur·rice"));
    assert!(inbox(store, "carol").await.contains("Ton rôle dans la communauté est maintenant : modérateur·rice"));
    assert!(as_(service, "carol", "/role dave admin").await.contains("réservée aux admins"));
    assert!(as_(service, "alice", "/role alice membre").await.contains("ton propre rôle"));

    // bob links a Telegram account: every sanction reaches both.
    let link = as_(service, "bob", "/lier").await;
    let link_code = crate::support::link_code_in(&link).unwrap();
    assert!(say(service, Platform::Telegram, "4242", &format!("/lier {link_code}")).await.contains("bob"));

    // Warnings: told privately with whom to write to; the sponsor hears during the trial.
    let warned = as_(service, "carol", "/avertir bob propos blessants").await;
    assert!(warned.contains("bob a reçu un avertissement"), "{warned}");
    let told = inbox(store, "bob").await;
    assert!(told.contains("Avertissement de la modération de Réseau d'entraide : propos blessants"), "{told}");
    assert!(told.contains("écris à la modération (alice)"), "{told}");
    let sponsor = inbox(store, "alice").await;
    assert!(sponsor.contains("bob, que tu as parrainé·e") && sponsor.contains("avertissement"), "{sponsor}");
    as_(service, "carol", "/avertir bob encore").await;
    let third = as_(service, "carol", "/avertir bob toujours").await;
    assert!(third.contains("c'est le dernier permis : suspendu·e jusqu'au 2026-12-01"), "{third}");
    let restricted = |bodies: Vec<OutgoingBody>| bodies.iter().any(|b| matches!(b, OutgoingBody::Restrict { .. }));
    assert!(restricted(pending(store, &bob_telegram).await), "restricted on Telegram too");
    assert!(restricted(pending(store, &AccountRef::new(Platform::Console, "bob")).await));
    assert!(as_(service, "bob", "/besoin une scie").await.contains("suspendu"));
    assert!(say(service, Platform::Telegram, "4242", "/besoin une scie").await.contains("suspendu"));

    // A suspension survives leaving and rejoining a group.
    let rejoin = JoinEvent {
        account: bob_telegram.clone(),
        display_name: "bob".into(),
        lang: None,
        evidence: JoinEvidence::Unknown,
        request: false,
    };
    assert_eq!(service.member_joined(rejoin).await.unwrap(), JoinOutcome::Restricted);

    // It ends on time, by itself, everywhere.
    clock.advance(7 * DAY + 60);
    service.upkeep().await.unwrap();
    let bob_id = store.account(service.community().id, &bob_telegram).await.unwrap().unwrap().member_id;
    assert_eq!(store.member(bob_id).await.unwrap().unwrap().status, MemberStatus::Active);
    assert!(pending(store, &bob_telegram).await.contains(&OutgoingBody::Unrestrict));
    assert!(inbox(store, "bob").await.contains("Ta suspension dans Réseau d'entraide est terminée"));

    // Suspended by hand, then lifted; banned, then lifted: the platforms undo what they did.
    let suspended = as_(service, "carol", "/suspendre dave 2h spam").await;
    assert!(
        suspended.contains("dave est suspendu·e jusqu'au") && suspended.contains(" UTC"),
        "a time, not a day: {suspended}"
    );
    assert!(as_(service, "carol", "/lever dave erreur de ma part").await.contains("La sanction de dave est levée"));
    assert!(as_(service, "carol", "/lever dave encore").await.contains("ni suspendu·e ni banni·e"));
    assert!(as_(service, "alice", "/bannir dave spam").await.contains("dave (n°"));
    assert!(as_(service, "alice", "/lever dave appel accepté").await.contains("levée"));
    assert!(pending(store, &AccountRef::new(Platform::Console, "dave")).await.contains(&OutgoingBody::Unban));
    assert!(inbox(store, "dave").await.contains("Te revoilà membre à part entière"));

    // Reports: moderators learn who reported; the reported member never does.
    let posted = as_(service, "bob", "/besoin une perceuse à Lyon").await;
    let post = number_after(&posted, "n°").unwrap();
    assert!(as_(service, "dave", &format!("/signaler {post} annonce louche")).await.contains("signalement n°"));
    let notice = inbox(store, "alice").await;
    assert!(notice.contains("Nouveau signalement") && notice.contains("annonce louche"), "{notice}");
    assert!(notice.contains("(par dave (n°"), "{notice}");
    let about_carol = as_(service, "dave", "/signaler @carol ton sec").await;
    let report_on_carol = number_after(&about_carol, "signalement n°").unwrap();
    assert!(!inbox(store, "carol").await.contains("ton sec"), "a moderator is not told of a report about them");
    let carol_queue = as_(service, "carol", "/signalements").await;
    assert!(carol_queue.contains("annonce louche") && !carol_queue.contains("ton sec"), "{carol_queue}");
    let alice_queue = as_(service, "alice", "/signalements").await;
    assert!(alice_queue.contains("ton sec") && alice_queue.contains("à traiter"), "{alice_queue}");
    assert!(as_(service, "dave", "/signaler dave moi-même").await.contains("te signaler toi-même"));
    let report_on_post = number_after(&carol_queue, "n°").unwrap();
    assert!(as_(service, "carol", &format!("/prendre {report_on_post}")).await.contains("Tu prends en charge"));
    let resolved = as_(service, "carol", &format!("/resoudre {report_on_post} masquer annonce trompeuse")).await;
    assert!(
        resolved.contains("traité") && resolved.contains(&format!("publication n°{post} est masquée")),
        "{resolved}"
    );
    assert_eq!(store.post(post).await.unwrap().unwrap().state, PostState::Hidden);
    let bob_inbox = inbox(store, "bob").await;
    assert!(bob_inbox.contains(&format!("Ta publication n°{post} a été masquée")), "{bob_inbox}");
    assert!(!bob_inbox.contains("dave"), "the reporter is never revealed: {bob_inbox}");
    assert!(inbox(store, "dave").await.contains("suivi d'effet"));
    assert!(as_(service, "carol", &format!("/resoudre {report_on_post} rien x")).await.contains("déjà été traité"));
    let own = as_(service, "carol", &format!("/classer {report_on_carol} rien")).await;
    assert!(own.contains("toi-même"), "nobody judges a report about themself: {own}");
    assert!(as_(service, "alice", &format!("/classer {report_on_carol} rien de grave")).await.contains("sans suite"));
    assert!(inbox(store, "dave").await.contains("n'y a pas donné suite"));

    // The record: role, platforms, posts, reports, warnings and sanctions.
    let record = as_(service, "alice", "/fiche bob").await;
    for part in ["Rôle : membre", "Plateformes : console, telegram", "reçus : 1 (dont 1 suivis d'effet)"] {
        assert!(record.contains(part), "{part}: {record}");
    }
    assert!(record.contains("Avertissements : 3") && record.contains("suspension"), "{record}");

    // The audit log, filtered by member, moderator, action and period.
    let warnings = as_(service, "alice", "/journal @bob action:warn").await;
    assert_eq!(warnings.lines().filter(|l| l.contains("— avertissement —")).count(), 3, "{warnings}");
    assert!(!warnings.contains("— suspension —"), "{warnings}");
    let by_carol = as_(service, "alice", "/journal par:@carol depuis:2026-11-24").await;
    assert!(by_carol.contains("carol (n°") && by_carol.contains("[console]"), "{by_carol}");
    assert!(!by_carol.contains("— alice (n°1) [console] —"), "{by_carol}");
    let none = as_(service, "alice", "/journal avant:2020-01-01").await;
    assert!(none.contains("Le journal est vide"), "{none}");
    assert!(as_(service, "alice", "/journal action:nimporte").await.contains("par:@MODO"), "a malformed filter: usage");

    // Settings: validated, logged, and seen at once by another process on the same database.
    assert!(as_(service, "alice", "/config").await.contains("trial_days = 30"));
    assert!(as_(service, "alice", "/config trial_days 10").await.contains("Réglage trial_days = 10"));
    assert!(as_(service, "alice", "/config trial_days 1000").await.contains("Valeur refusée"));
    assert!(as_(service, "alice", "/config couleur rouge").await.contains("Je ne connais pas le réglage"));
    assert!(as_(service, "carol", "/config").await.contains("réservée aux admins"));
    let mut config = support::config(url, 72.0);
    config.invitations.quota = 100;
    let (other, _) = support::app_with(config).await;
    as_(&other.service, "alice", "/aide").await;
    assert_eq!(other.service.settings().sponsorship.trial, 10 * DAY);
    assert!(as_(service, "alice", "/journal action:configure").await.contains("trial_days = 10"));
    assert!(
        as_(service, "alice", "/config request_hashtags #Urgent, coupdemain").await.contains("#urgent, #coupdemain")
    );
    let tagged = as_(service, "dave", "qui aurait un diable à prêter ? #urgent").await;
    assert!(tagged.contains("Demande n°") && tagged.contains("enregistrée"), "{tagged}");
    assert!(as_(service, "alice", "/config request_hashtags pas-un-mot").await.contains("Valeur refusée"));

    // A relais posts for someone on no platform; helpers see for whom, and through whom.
    as_(service, "alice", "/role erin relais").await;
    as_(service, "carol", "/lieu Lyon").await;
    as_(service, "erin", "/lieu Lyon").await;
    as_(service, "carol", "/offre je peux faire les courses de personnes âgées").await;
    let relayed = as_(service, "erin", "/pour Mme Durand besoin d'aide pour ses courses, elle est âgée").await;
    assert!(relayed.contains("enregistrée"), "{relayed}");
    let asked = inbox(store, "carol").await;
    assert!(asked.contains("Mme Durand (via erin, relais)"), "{relayed}\n{asked}");
    assert!(as_(service, "bob", "/pour Mme X besoin d'aide").await.contains("Seul·e un·e relais"));
    assert!(as_(service, "alice", "/journal action:on_behalf").await.contains("Mme Durand"));

    // Statistics over the period.
    let stats = as_(service, "alice", "/stats 30").await;
    assert!(
        stats.contains("Statistiques des 30 derniers jours — demandes : 2 (0 satisfaites, 0 sans suite, 2 en cours)"),
        "{stats}"
    );
    assert!(stats.contains("Membres actifs : 5") && stats.contains("Invitations : 4 envoyées, 4 acceptées"), "{stats}");
    let chart = pending(store, &AccountRef::new(Platform::Console, "alice")).await.into_iter().find_map(|b| match b {
        OutgoingBody::Image { bytes, .. } => Some(bytes),
        _ => None,
    });
    assert!(chart.is_some_and(|png| png.starts_with(b"\x89PNG")), "the chart goes privately, as a PNG");
}

#[tokio::test]
async fn sanctions_reports_and_records_on_sqlite() {
    sanctions_reports_and_records(&support::sqlite().url).await;
}

#[tokio::test]
async fn sanctions_reports_and_records_on_postgres() {
    sanctions_reports_and_records(&support::postgres().await.url).await;
}

/// Every moderation and admin command, as a plain, a suspended and a banned member (refused,
/// with a clear message), then as a moderator or admin (done).
#[tokio::test]
async fn every_admin_command_is_refused_to_members_and_done_by_moderators() {
    let db = support::sqlite();
    let targets = ["t1", "t2", "t3", "t4", "t5", "t6", "reporter", "plain", "sam", "bill", "carol"];
    let (app, _clock) = community(&db.url, &targets).await;
    let (service, store) = (&app.service, app.store.as_ref());
    as_(service, "alice", "/role carol moderatrice").await;
    as_(service, "alice", "/suspendre sam 30j test").await;
    as_(service, "alice", "/bannir bill test").await;
    let post = number_after(&as_(service, "t6", "/besoin un escabeau").await, "n°").unwrap();
    let mut reports = Vec::new();
    for _ in 0..2 {
        let made = as_(service, "reporter", &format!("/signaler {post} louche")).await;
        reports.push(number_after(&made, "signalement n°").unwrap());
    }
    let mut held = Vec::new();
    for user in ["901", "902"] {
        let event = JoinEvent {
            account: AccountRef::new(Platform::Telegram, user),
            display_name: format!("inconnu {user}"),
            lang: Some(Lang::Fr),
            evidence: JoinEvidence::Unknown,
            request: false,
        };
        match service.member_joined(event).await.unwrap() {
            JoinOutcome::Held(id) => held.push(id),
            other => panic!("{other:?}"),
        }
    }
    // One message that could not be delivered, parked for moderators.
    let claimed = store.claim_due(Platform::Console, "test", i64::MAX - 1, i64::MAX, 1_000).await.unwrap();
    let stuck = claimed.iter().find(|m| m.message.to.user_id == "alice").unwrap().id;
    for message in &claimed {
        match message.id == stuck {
            true => store.mark_failed(message.id, 0, "403 Forbidden: bot was blocked by the user", true).await.unwrap(),
            false => store.release(message.id, "test", 0).await.unwrap(),
        }
    }
    let (r1, r2, h1, h2) = (reports[0], reports[1], held[0], held[1]);
    // (command, admins only, what success says)
    let table: Vec<(String, bool, &str)> = vec![
        ("/avertir t1 motif".into(), false, "a reçu un avertissement"),
        ("/suspendre t2 2j motif".into(), false, "est suspendu·e jusqu'au"),
        ("/lever t2 motif".into(), false, "est levée"),
        ("/bannir t3 motif".into(), false, "est banni·e"),
        ("/signalements".into(), false, "Signalements en attente"),
        (format!("/prendre {r1}"), false, "Tu prends en charge"),
        (format!("/resoudre {r1} rien motif"), false, "traité"),
        (format!("/classer {r2} motif"), false, "classé sans suite"),
        (format!("/masquer {post} motif"), false, "est masquée"),
        ("/fiche t1".into(), false, "Rôle :"),
        ("/journal".into(), false, "Journal de modération"),
        ("/stats".into(), false, "Statistiques des 30 derniers jours"),
        ("/retirer-parrainage t4 motif".into(), false, "ne peut plus inviter"),
        ("/rendre-parrainage t4".into(), false, "peut de nouveau inviter"),
        ("/candidats".into(), false, "Aucune candidature"),
        ("/arrivees".into(), false, "Arrivées en attente"),
        (format!("/approuver {h1}"), false, "est accueilli·e"),
        (format!("/rejeter {h2}"), false, "est retiré·e du groupe"),
        ("/envois".into(), false, "403 Forbidden: bot was blocked"),
        (format!("/relancer {stuck}"), false, "repart dans la file"),
        ("/role t5 relais".into(), true, "est maintenant relais"),
        ("/corriger 999 erreur".into(), false, "échange de temps n°999"),
        ("/annonce Réunion jeudi".into(), false, "Annonce n°"),
        ("/publier 999".into(), false, "Je ne trouve pas d'annonce n°999"),
        ("/retirer 999".into(), false, "Je ne trouve pas d'annonce n°999"),
        ("/config".into(), true, "Réglages de la communauté"),
        ("/adopter ouvrir".into(), true, "Adoption ouverte"),
        ("/config trial_days 20".into(), true, "Réglage trial_days = 20"),
        ("/tableau fin".into(), false, "aucune session ouverte"),
    ];
    for name in CommandName::all().filter(|name| name.is_moderation()) {
        let word = format!("/{}", name.word(Lang::Fr));
        assert!(table.iter().any(|(cmd, ..)| cmd.split_whitespace().next() == Some(&word)), "{word} is not tested");
    }
    for (command, admin_only, done) in &table {
        let plain = as_(service, "plain", command).await;
        let expected = if *admin_only { "réservée aux admins" } else { "réservée aux modérateurs" };
        assert!(plain.contains(expected), "{command} as a member: {plain}");
        assert!(as_(service, "sam", command).await.contains("Ton compte est suspendu"), "{command} as suspended");
        assert!(as_(service, "bill", command).await.contains("Tu as été banni·e"), "{command} as banned");
        if *admin_only {
            let moderator = as_(service, "carol", command).await;
            assert!(moderator.contains("réservée aux admins"), "{command} as a moderator: {moderator}");
        }
        let actor = if *admin_only { "alice" } else { "carol" };
        let answer = as_(service, actor, command).await;
        assert!(answer.contains(done), "{command} as {actor}: {answer}");
    }
    assert!(store.pending_count().await.unwrap() > 0);
}
