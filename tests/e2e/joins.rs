//! Joins on the platforms are attributed to their invitation through its native link, never
//! guessed: a join nothing explains, or that two invitations could explain, is held for
//! moderators, who let it in or turn it away (logged). On SQLite and PostgreSQL.

use entraide_core::model::{AccountRef, JoinEvidence, Lang, OutgoingBody, Platform};
use entraide_core::ports::Store;
use entraide_core::service::{JoinEvent, JoinOutcome, Service};

use crate::support::{self, as_, code_in, pending};

fn join(user: &str, evidence: JoinEvidence) -> JoinEvent {
    JoinEvent {
        account: AccountRef::new(Platform::Telegram, user),
        display_name: user.to_owned(),
        lang: None,
        evidence,
        request: false,
    }
}

/// An invitation with a native Telegram link; returns the link.
async fn invitation_with_link(service: &Service, store: &dyn Store, link: &str) -> String {
    let code = code_in(&as_(service, "alice", "/inviter").await).unwrap();
    let invitation = store.invitation_by_code(service.community().id, &code).await.unwrap().unwrap();
    service.record_native_link(invitation.id, Platform::Telegram, link).await.unwrap();
    link.to_owned()
}

async fn story(url: &str) {
    let (app, _clock) = support::app(url, 72.0, Lang::Fr).await;
    let (service, store) = (app.service.clone(), app.store.clone());

    // A join through an invitation's native link is that invitation's.
    let link = invitation_with_link(&service, store.as_ref(), "https://t.me/+first").await;
    let JoinOutcome::Joined(member) =
        service.member_joined(join("100", JoinEvidence::InviteLink(link.clone()))).await.unwrap()
    else {
        panic!("attributed");
    };
    let account =
        store.account(service.community().id, &AccountRef::new(Platform::Telegram, "100")).await.unwrap().unwrap();
    assert_eq!(account.member_id, member);
    assert_eq!(store.member(member).await.unwrap().unwrap().sponsor_id, Some(1));
    let welcome = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "100")).await;
    assert!(welcome.iter().any(|m| matches!(m, OutgoingBody::Text { text } if text.contains("Bienvenue"))));
    assert_eq!(service.member_joined(join("100", JoinEvidence::Unknown)).await.unwrap(), JoinOutcome::AlreadyMember);

    // The same link used by someone else is no longer an explanation: held.
    let JoinOutcome::Held(reused) = service.member_joined(join("101", JoinEvidence::InviteLink(link))).await.unwrap()
    else {
        panic!("held");
    };
    // Nothing explains this one: held, and moderators are told.
    let JoinOutcome::Held(unknown) = service.member_joined(join("102", JoinEvidence::Unknown)).await.unwrap() else {
        panic!("held");
    };
    let told = pending(store.as_ref(), &AccountRef::new(Platform::Console, "alice")).await;
    assert!(told.iter().any(|m| matches!(m, OutgoingBody::Text { text } if text.contains(&format!("Arrivée à vérifier n°{unknown}")) && text.contains("aucune invitation ne l'explique"))));
    // The same person arriving in another group: the same held join, restricted there too.
    let again = service.member_joined(join("102", JoinEvidence::Unknown)).await.unwrap();
    assert_eq!(again, JoinOutcome::Held(unknown));
    let still = pending(store.as_ref(), &AccountRef::new(Platform::Console, "alice")).await;
    assert_eq!(still.len(), told.len(), "moderators are not asked twice");
    let restricted = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "102")).await;
    assert_eq!(restricted.iter().filter(|m| matches!(m, OutgoingBody::Restrict { .. })).count(), 2, "{restricted:?}");
    let told_to_wait = |m: &OutgoingBody| matches!(m, OutgoingBody::Text { text } if text.contains("doit être validée par l'équipe de modération"));
    assert_eq!(restricted.iter().filter(|m| told_to_wait(m)).count(), 1, "told once why they wait: {restricted:?}");
    assert!(
        store.account(service.community().id, &AccountRef::new(Platform::Telegram, "102")).await.unwrap().is_none(),
        "not a member"
    );

    // Two joins at once through two invitations: ambiguous, never guessed.
    let first = invitation_with_link(&service, store.as_ref(), "discord-code-a").await;
    let second = invitation_with_link(&service, store.as_ref(), "discord-code-b").await;
    let JoinOutcome::Held(ambiguous) =
        service.member_joined(join("103", JoinEvidence::Ambiguous(vec![first, second]))).await.unwrap()
    else {
        panic!("held");
    };
    let waiting = as_(&service, "alice", "/arrivees").await;
    assert!(waiting.contains(&format!("n°{reused}")) && waiting.contains(&format!("n°{unknown}")), "{waiting}");
    assert!(waiting.contains("2 invitations possibles (parrainage : alice)"), "{waiting}");

    // Moderators settle them, once, logged.
    assert!(as_(&service, "alice", &format!("/approuver {unknown}")).await.contains("accueilli·e comme membre"));
    assert!(as_(&service, "alice", &format!("/approuver {unknown}")).await.contains("n'attend de décision"));
    assert!(
        store.account(service.community().id, &AccountRef::new(Platform::Telegram, "102")).await.unwrap().is_some()
    );
    // Held, they could read but not post; let in, they can.
    let approved = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "102")).await;
    let restrict = approved.iter().position(|m| matches!(m, OutgoingBody::Restrict { .. }));
    let lift = approved.iter().position(|m| *m == OutgoingBody::Unrestrict);
    assert!(restrict.is_some() && lift > restrict, "{approved:?}");
    let welcome = approved.iter().find_map(|m| match m {
        OutgoingBody::Text { text } if text.contains("Bienvenue") => Some(text.clone()),
        _ => None,
    });
    let welcome = welcome.expect("a welcome");
    assert!(welcome.contains("a validé ton arrivée") && !welcome.contains("parrainé"), "{welcome}");
    assert!(as_(&service, "alice", &format!("/rejeter {ambiguous}")).await.contains("retiré·e du groupe"));
    let removed = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "103")).await;
    assert!(removed.contains(&OutgoingBody::Remove), "{removed:?}");
    let journal = as_(&service, "alice", "/journal").await;
    assert!(journal.contains("arrivée approuvée") && journal.contains("arrivée refusée"), "{journal}");
    assert!(as_(&service, "alice", "/arrivees").await.contains(&format!("n°{reused}")));

    // A banned member who comes back is removed again.
    let approved =
        store.account(service.community().id, &AccountRef::new(Platform::Telegram, "102")).await.unwrap().unwrap();
    let banned = as_(&service, "alice", &format!("/bannir #{} spam", approved.member_id)).await;
    assert!(banned.contains("banni·e"), "{banned}");
    assert_eq!(service.member_joined(join("102", JoinEvidence::Unknown)).await.unwrap(), JoinOutcome::Banned);
    let bans = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, "102")).await;
    assert_eq!(bans.iter().filter(|m| **m == OutgoingBody::Ban).count(), 2, "{bans:?}");
}

#[tokio::test]
async fn joins_on_sqlite() {
    story(&support::sqlite().url).await;
}

#[tokio::test]
async fn joins_on_postgres() {
    story(&support::postgres().await.url).await;
}

/// Where several sponsors are required and the platform lets people in by invitation
/// (Matrix), the invitee arrives as a candidate: restricted until enough members vouch, then
/// admitted, which lifts it.
#[tokio::test]
async fn a_candidate_inside_waits_restricted_until_admitted() {
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.invitations.sponsors_required = 2;
    config
        .community
        .founders
        .push(entraide::config::FounderConfig { account: "console:bruno".into(), name: "bruno".into() });
    let (app, _clock) = support::app_with(config).await;
    let (service, store) = (app.service.clone(), app.store.clone());
    let link = invitation_with_link(&service, store.as_ref(), "@lea:example.org").await;
    let lea = AccountRef::new(Platform::Telegram, "lea");
    let joined = service.member_joined(join("lea", JoinEvidence::InviteLink(link))).await.unwrap();
    assert!(matches!(joined, JoinOutcome::Joined(_)), "{joined:?}");
    let waiting = pending(store.as_ref(), &lea).await;
    assert!(waiting.iter().any(|m| matches!(m, OutgoingBody::Restrict { .. })), "{waiting:?}");
    assert!(!waiting.contains(&OutgoingBody::Admit), "{waiting:?}");
    as_(&service, "bruno", "/parrainer lea").await;
    let admitted = pending(store.as_ref(), &lea).await;
    assert!(admitted.contains(&OutgoingBody::Admit), "{admitted:?}");
}

/// Someone held for moderators is told how long a decision usually takes: the median of the
/// last decisions, once there are a few.
#[tokio::test]
async fn a_held_newcomer_learns_how_long_moderators_usually_take() {
    let db = support::sqlite();
    let (app, clock) = support::app(&db.url, 72.0, Lang::Fr).await;
    let (service, store) = (app.service.clone(), app.store.clone());
    let told = async |user: &str| -> String {
        let waiting = pending(store.as_ref(), &AccountRef::new(Platform::Telegram, user)).await;
        waiting
            .iter()
            .find_map(|m| match m {
                OutgoingBody::Text { text } if text.contains("équipe de modération") => Some(text.clone()),
                _ => None,
            })
            .expect("the newcomer is told")
    };
    for (n, hours) in [(1, 1), (2, 3), (3, 2)] {
        let user = format!("20{n}");
        let JoinOutcome::Held(held) = service.member_joined(join(&user, JoinEvidence::Unknown)).await.unwrap() else {
            panic!("held");
        };
        assert!(!told(&user).await.contains("D'habitude"), "nothing usual yet");
        clock.advance(hours * 3_600);
        as_(&service, "alice", &format!("/approuver {held}")).await;
    }
    service.member_joined(join("204", JoinEvidence::Unknown)).await.unwrap();
    let text = told("204").await;
    assert!(text.contains("D'habitude, la décision prend environ 2 heures."), "{text}");
}
