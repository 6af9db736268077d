//! Time credits on PostgreSQL, where several processes share the ledger: fifty requests
//! closed at once, each closing sent twice concurrently, pay each helper exactly once, and
//! the ledger still sums to zero.

use std::sync::Arc;

use entraide_core::model::{AccountRef, Platform};

use crate::support::{self, as_, code_in};

#[tokio::test]
async fn fifty_concurrent_closings_pay_once_each_and_sum_to_zero_on_postgres() {
    let db = support::postgres().await;
    let (app, _clock) = support::app(&db.url, 72.0, entraide_core::model::Lang::Fr).await;
    let (service, store) = (Arc::clone(&app.service), Arc::clone(&app.store));
    let community = service.community().id;
    assert!(as_(&service, "alice", "/config time_credits on").await.contains("time_credits"));
    as_(&service, "alice", "/config time_unit_minutes 60").await;
    as_(&service, "alice", "/config invite_quota 5").await;
    // Bob, the only helper, is asked about all fifty requests.
    as_(&service, "alice", "/config asks_per_week 100").await;
    let code = code_in(&as_(&service, "alice", "/inviter").await).unwrap();
    as_(&service, "bob", &format!("/rejoindre {code}")).await;
    as_(&service, "bob", "/lieu Lyon").await;
    as_(&service, "bob", "/offre je prête ma perceuse").await;
    as_(&service, "alice", "/lieu Lyon").await;
    let bob = store.account(community, &AccountRef::new(Platform::Console, "bob")).await.unwrap().unwrap().member_id;
    let alice =
        store.account(community, &AccountRef::new(Platform::Console, "alice")).await.unwrap().unwrap().member_id;

    let mut requests = Vec::new();
    for n in 0..50 {
        let asked = as_(&service, "alice", &format!("/besoin une perceuse, la {n}e fois")).await;
        requests.push(support::number_after(&asked, "n°").unwrap());
        let proposal = store.matches_asking(bob).await.unwrap().pop().expect("Bob asked").id;
        as_(&service, "bob", &format!("/accepter {proposal}")).await;
        as_(&service, "alice", &format!("/accepter {proposal}")).await;
    }
    let closings = requests.iter().chain(requests.iter()).map(|request| {
        let service = Arc::clone(&service);
        let request = *request;
        tokio::spawn(async move { as_(&service, "alice", &format!("/merci {request}")).await })
    });
    for closing in closings.collect::<Vec<_>>() {
        closing.await.unwrap();
    }
    assert_eq!(store.ledger_sum(community).await.unwrap(), 0);
    assert_eq!(store.balance(bob).await.unwrap(), 50 * 60, "each request paid once");
    assert_eq!(store.balance(alice).await.unwrap(), -50 * 60);
    assert_eq!(store.transfers_of(bob, 100).await.unwrap().len(), 50);
}
