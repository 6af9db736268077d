//! Conformance checks on leases of platform connections.

#[allow(clippy::wildcard_imports)]
use super::*;

/// One holder at a time: a lease is taken when free, refused while another holds it, renewed
/// only by its holder with its token before it runs out, taken over once it ran out (with a
/// new token, so the old holder can tell), and given back at once on release.
pub async fn leases(store: &dyn Store) {
    let first = store.take_lease("conf-telegram", "a", 100, 112).await.unwrap().expect("free: taken");
    assert_eq!((first.holder.as_str(), first.token, first.until), ("a", 1, 112));
    assert_eq!(store.take_lease("conf-telegram", "b", 105, 117).await.unwrap(), None, "held by a");
    let again = store.take_lease("conf-telegram", "a", 106, 118).await.unwrap().expect("a's own");
    assert_eq!(again.token, 1, "taken again by its holder before it ran out: the same token");
    assert!(store.renew_lease("conf-telegram", "a", 1, 110, 122).await.unwrap());
    assert!(!store.renew_lease("conf-telegram", "b", 1, 110, 122).await.unwrap(), "not b's");
    assert!(!store.renew_lease("conf-telegram", "a", 7, 110, 122).await.unwrap(), "not with another token");
    // a stops renewing: once the lease ran out, b takes it over, with a new token.
    assert_eq!(store.take_lease("conf-telegram", "b", 121, 133).await.unwrap(), None, "not yet run out");
    let taken = store.take_lease("conf-telegram", "b", 122, 134).await.unwrap().expect("ran out: taken over");
    assert_eq!((taken.holder.as_str(), taken.token), ("b", 2));
    assert!(!store.renew_lease("conf-telegram", "a", 1, 123, 135).await.unwrap(), "a lost it");
    // Given back, it is free at once.
    store.release_lease("conf-telegram", "a", 1).await.unwrap();
    assert_eq!(store.take_lease("conf-telegram", "c", 124, 136).await.unwrap(), None, "a's release is no b's");
    store.release_lease("conf-telegram", "b", 2).await.unwrap();
    let next = store.take_lease("conf-telegram", "c", 124, 136).await.unwrap().expect("released: free");
    assert_eq!((next.holder.as_str(), next.token), ("c", 3));
    // Another lease is another row.
    let other = store.take_lease("conf-discord:0", "a", 124, 136).await.unwrap().expect("another lease");
    assert_eq!(other.token, 1);
    let names: Vec<(String, String)> = store
        .leases()
        .await
        .unwrap()
        .into_iter()
        .filter(|lease| lease.name.starts_with("conf-"))
        .map(|lease| (lease.name, lease.holder))
        .collect();
    assert_eq!(names, vec![("conf-discord:0".into(), "a".into()), ("conf-telegram".into(), "c".into())]);
}
