//! Mentoring (parrainages et tutorats): mentors offer their field (`#tutorat`), requests of
//! that kind are matched like others, and when a community sets `mentor_min_days`, a request
//! that says its requester is a minor (`#mineur`) goes only to mentors who have been members
//! that long. Contact is made through the relay: nobody's handle is given by the matching.

use std::sync::Arc;

use entraide_core::model::{AccountRef, Platform};

use crate::support::{self, as_, code_in};

#[tokio::test]
async fn a_minors_mentoring_request_goes_to_established_mentors_through_the_relay() {
    let db = support::sqlite();
    let (app, clock) = support::app(&db.url, 72.0, entraide_core::model::Lang::Fr).await;
    let (service, store) = (Arc::clone(&app.service), Arc::clone(&app.store));
    let community = service.community().id;
    as_(&service, "alice", "/config mentor_min_days 30").await;
    let join = async |name: &str| {
        let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
        as_(&service, name, &format!("/rejoindre {code}")).await;
        as_(&service, name, "/lieu Lyon").await;
    };
    join("carole").await;
    clock.advance(40 * 86_400);
    join("basile").await;
    join("dora").await;
    for mentor in ["carole", "basile"] {
        let offered = as_(&service, mentor, "/offre #tutorat je peux aider en maths au collège").await;
        assert!(offered.contains("enregistrée"), "{offered}");
    }
    let member = async |name: &str| {
        let account = AccountRef::new(Platform::Console, name);
        store.account(community, &account).await.unwrap().unwrap().member_id
    };
    let (carole, basile) = (member("carole").await, member("basile").await);

    // For a minor: only Carole, a member for 40 days, is asked; Basile joined today.
    let asked = as_(&service, "dora", "/besoin #tutorat de l'aide en maths pour ma fille #mineur").await;
    assert!(asked.contains("enregistrée"), "{asked}");
    let carole_asked = store.matches_asking(carole).await.unwrap();
    assert_eq!(carole_asked.len(), 1, "asked: {asked}");
    assert!(store.matches_asking(basile).await.unwrap().is_empty(), "too new to mentor a minor");

    // Not for a minor: both are asked.
    as_(&service, "dora", "/besoin #tutorat de l'aide en maths pour mon brevet").await;
    assert_eq!(store.matches_asking(basile).await.unwrap().len(), 1);

    // Carole says yes, Dora confirms: they talk through the bot; no handle is given.
    let proposal = carole_asked[0].id;
    as_(&service, "carole", &format!("/accepter {proposal}")).await;
    as_(&service, "dora", &format!("/accepter {proposal}")).await;
    let to_dora = support::inbox(store.as_ref(), "dora").await;
    assert!(to_dora.contains("Mise en relation") && to_dora.contains("avec carole"), "{to_dora}");
    assert!(!to_dora.contains("sur console :"), "{to_dora}");
    let sent = as_(&service, "dora", &format!("/repondre {proposal} Mercredi après l'école ?")).await;
    assert!(sent.contains("Transmis à carole"), "{sent}");
}
