//! A helper's load (#21): eleven members offer the same thing and a dozen requests for it come
//! in one week. Nobody is asked about more than `asks_per_week` requests, the asks are spread
//! among equally good offers, the requester is told honestly when fewer were asked, and a
//! week later the helpers are asked again.

use entraide_core::model::{AccountRef, Platform};

use crate::support::{self, as_, newcomer};

/// How many requests each helper was asked about.
async fn asks(app: &entraide::App, helpers: &[String]) -> Vec<usize> {
    let community = app.service.community().id;
    let mut counts = Vec::new();
    for name in helpers {
        let account = AccountRef::new(Platform::Console, name.as_str());
        let member = app.store.account(community, &account).await.unwrap().unwrap().member_id;
        let matches = app.store.matches_of_member(member).await.unwrap();
        counts.push(matches.iter().filter(|m| m.helper_id == member).count());
    }
    counts
}

#[tokio::test]
async fn nobody_is_asked_more_than_the_weekly_allowance_and_asks_are_spread() {
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 60;
    let (app, clock) = support::app_with(config).await;
    let service = app.service.as_ref();
    let helpers: Vec<String> = (0..11).map(|n| format!("aide{n}")).collect();
    for helper in &helpers {
        newcomer(service, helper).await;
        as_(service, helper, "/offre je prête ma perceuse").await;
    }

    let mut replies = Vec::new();
    for n in 0..12 {
        let requester = format!("voisin{n}");
        newcomer(service, &requester).await;
        replies.push(as_(service, &requester, "/besoin une perceuse pour ce week-end").await);
        if n == 2 {
            // Three requests, three helpers each: nine different helpers, once each.
            let counts = asks(&app, &helpers).await;
            assert_eq!(counts.iter().filter(|c| **c == 1).count(), 9, "spread: {counts:?}");
        }
    }
    let counts = asks(&app, &helpers).await;
    assert!(counts.iter().all(|c| *c == 3), "three asks each, never more: {counts:?}");
    // 11 helpers × 3 = 33 asks for 12 requests × 3 wanted: the twelfth request finds everyone
    // busy, and its author is told so.
    assert!(replies[10].contains("prévenu en privé 3 membres"), "{}", replies[10]);
    assert!(replies[11].contains("beaucoup de demandes cette semaine"), "{}", replies[11]);
    assert!(!replies[11].contains("Aucune offre"), "offers fit: {}", replies[11]);

    // A week later, they may be asked again.
    clock.advance(7 * 86_400 + 60);
    newcomer(service, "voisin12").await;
    let later = as_(service, "voisin12", "/besoin une perceuse pour ce week-end").await;
    assert!(later.contains("prévenu en privé 3 membres"), "{later}");

    // The allowance is the community's: an admin changes it from the chat.
    assert!(as_(service, "alice", "/config asks_per_week 1").await.contains("asks_per_week"));
    newcomer(service, "voisin13").await;
    let capped = as_(service, "voisin13", "/besoin une perceuse pour ce week-end").await;
    assert!(capped.contains("prévenu en privé 3 membres"), "{capped}");
    let counts = asks(&app, &helpers).await;
    assert!(counts.iter().all(|c| *c <= 4), "at most one ask each this week: {counts:?}");
}

/// A helper who let two asks go unanswered for days is asked after the others, and told once,
/// kindly, how to pause.
#[tokio::test]
async fn a_helper_who_does_not_answer_is_asked_last_and_told_once_how_to_pause() {
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 60;
    config.matching.helpers_asked = 2;
    let (app, clock) = support::app_with(config).await;
    let service = app.service.as_ref();
    as_(service, "alice", "/config asks_per_week 10").await;
    newcomer(service, "aide0").await;
    as_(service, "aide0", "/offre je prête ma perceuse").await;
    for requester in ["voisin0", "voisin1"] {
        newcomer(service, requester).await;
        as_(service, requester, "/besoin une perceuse pour ce week-end").await;
    }
    assert_eq!(asks(&app, &["aide0".into()]).await, vec![2]);

    // Four days later, aide0 has answered neither; two more helpers offer the same.
    clock.advance(4 * 86_400);
    for helper in ["aide1", "aide2"] {
        newcomer(service, helper).await;
        as_(service, helper, "/offre je prête ma perceuse").await;
    }
    let helpers: Vec<String> = ["aide0", "aide1", "aide2"].map(String::from).to_vec();
    let before = asks(&app, &helpers).await;
    for requester in ["voisin2", "voisin3"] {
        newcomer(service, requester).await;
        let reply = as_(service, requester, "/besoin une perceuse pour ce week-end").await;
        assert!(reply.contains("prévenu en privé 2 membres"), "{reply}");
    }
    let after = asks(&app, &helpers).await;
    assert_eq!(after[0], before[0], "the responsive helpers go first: {before:?} → {after:?}");
    assert_eq!((after[1] - before[1], after[2] - before[2]), (2, 2), "{before:?} → {after:?}");
    let told = support::inbox(app.store.as_ref(), "aide0").await;
    assert_eq!(told.matches("plusieurs demandes d'aide").count(), 1, "told once: {told}");
}

/// More helpers whose offers fit equally well than the store is asked about at once (the
/// choice reads candidates a few dozen at a time, #25): every one of them is reached in turn,
/// each asked once under an allowance of one, and then the requester hears that all are busy.
#[tokio::test]
async fn helpers_beyond_one_read_are_all_reached() {
    let db = support::sqlite();
    let mut config = support::config(&db.url, 72.0);
    config.invitations.quota = 60;
    let (app, _clock) = support::app_with(config).await;
    let service = app.service.as_ref();
    assert!(as_(service, "alice", "/config asks_per_week 1").await.contains("asks_per_week"));
    let helpers: Vec<String> = (0..30).map(|n| format!("aide{n}")).collect();
    for helper in &helpers {
        newcomer(service, helper).await;
        as_(service, helper, "/offre je prête ma perceuse").await;
    }
    for n in 0..10 {
        let requester = format!("voisin{n}");
        newcomer(service, &requester).await;
        let reply = as_(service, &requester, "/besoin une perceuse pour ce week-end").await;
        assert!(reply.contains("prévenu en privé 3 membres"), "request {n}: {reply}");
    }
    let counts = asks(&app, &helpers).await;
    assert!(counts.iter().all(|c| *c == 1), "thirty helpers, each asked once: {counts:?}");
    newcomer(service, "voisin10").await;
    let last = as_(service, "voisin10", "/besoin une perceuse pour ce week-end").await;
    assert!(last.contains("beaucoup de demandes cette semaine"), "{last}");
}
