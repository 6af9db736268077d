//! Conformance: the dashboard's one-time links and sessions.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::dashboard::{WebLink, WebSession};

/// A link works once and only before it expires, in its own community; sessions last as
/// they are seen, end one by one or all at once, and go with an erased member.
pub async fn dashboard_links_and_sessions(store: &dyn Store) {
    let c = store.ensure_community("conf-dashboard", "D").await.unwrap().id;
    let other = store.ensure_community("conf-dashboard-other", "D2").await.unwrap().id;
    let moderator = new_member(store, c, "dash-mod").await;
    let link = WebLink {
        digest: "d1".repeat(32),
        community_id: c,
        member_id: moderator.id,
        created_at: 10,
        expires_at: 610,
        used_at: None,
    };
    store.apply(vec![Change::InsertWebLink(link.clone())]).await.unwrap();
    assert_eq!(store.web_link(c, &link.digest).await.unwrap(), Some(link.clone()));
    assert_eq!(store.web_link(other, &link.digest).await.unwrap(), None, "a link is its community's");
    assert_eq!(store.web_link(c, &"ff".repeat(32)).await.unwrap(), None);
    let twice = store.apply(vec![Change::InsertWebLink(link.clone())]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))));
    let use_at = |at| Change::UseWebLink { community: c, digest: link.digest.clone(), at };
    let late = store.apply(vec![use_at(610)]).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "an expired link is refused");
    let elsewhere =
        store.apply(vec![Change::UseWebLink { community: other, digest: link.digest.clone(), at: 20 }]).await;
    assert!(matches!(elsewhere, Err(StoreError::Conflict(_))), "nor used from another community");
    store.apply(vec![use_at(20)]).await.unwrap();
    assert_eq!(store.web_link(c, &link.digest).await.unwrap().unwrap().used_at, Some(20));
    let again = store.apply(vec![use_at(21)]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "a link works once");

    let session = |digest: &str, at: Timestamp| WebSession {
        digest: digest.repeat(32),
        community_id: c,
        member_id: moderator.id,
        created_at: at,
        seen_at: at,
        expires_at: at + 1_000,
        ended_at: None,
    };
    store
        .apply(vec![Change::OpenWebSession(session("a1", 20)), Change::OpenWebSession(session("b2", 30))])
        .await
        .unwrap();
    let opened = store.web_sessions_of(moderator.id).await.unwrap();
    assert_eq!(opened, vec![session("b2", 30), session("a1", 20)], "newest first");
    assert_eq!(store.web_session(other, &"a1".repeat(32)).await.unwrap(), None);
    store.apply(vec![Change::SeeWebSession { digest: "a1".repeat(32), at: 90 }]).await.unwrap();
    store.apply(vec![Change::SeeWebSession { digest: "a1".repeat(32), at: 50 }]).await.unwrap();
    assert_eq!(store.web_session(c, &"a1".repeat(32)).await.unwrap().unwrap().seen_at, 90, "never goes back");
    let end_one = Change::EndWebSessions { member: moderator.id, digest: Some("a1".repeat(32)), at: 100 };
    store.apply(vec![end_one]).await.unwrap();
    assert_eq!(store.web_session(c, &"a1".repeat(32)).await.unwrap().unwrap().ended_at, Some(100));
    assert_eq!(store.web_sessions_of(moderator.id).await.unwrap(), vec![session("b2", 30)]);
    store.apply(vec![Change::SeeWebSession { digest: "a1".repeat(32), at: 120 }]).await.unwrap();
    assert_eq!(store.web_session(c, &"a1".repeat(32)).await.unwrap().unwrap().seen_at, 90, "an ended session stays so");
    store.apply(vec![Change::OpenWebSession(session("c3", 40))]).await.unwrap();
    store.apply(vec![Change::EndWebSessions { member: moderator.id, digest: None, at: 130 }]).await.unwrap();
    assert!(store.web_sessions_of(moderator.id).await.unwrap().is_empty());
    assert_eq!(store.web_session(c, &"b2".repeat(32)).await.unwrap().unwrap().ended_at, Some(130));

    // What expired or ended is forgotten; what may still be used is kept, and so is
    // another community's.
    let mut elsewhere = session("e5", 10);
    elsewhere.community_id = other;
    store.apply(vec![Change::OpenWebSession(elsewhere)]).await.unwrap();
    store.apply(vec![Change::ForgetWebAccess { community: c, before: 125 }]).await.unwrap();
    assert_eq!(store.web_session(c, &"a1".repeat(32)).await.unwrap(), None, "ended at 100");
    assert!(store.web_session(c, &"b2".repeat(32)).await.unwrap().is_some(), "ended at 130");
    assert!(store.web_session(other, &"e5".repeat(32)).await.unwrap().is_some(), "another community's");
    store.apply(vec![Change::ForgetWebAccess { community: c, before: 1_500 }]).await.unwrap();
    assert_eq!(store.web_session(c, &"c3".repeat(32)).await.unwrap(), None, "expired at 1,040");
    assert_eq!(store.web_link(c, &link.digest).await.unwrap(), None, "an expired link");

    store.apply(vec![Change::OpenWebSession(session("d4", 140))]).await.unwrap();
    store
        .apply(vec![Change::Erase { id: moderator.id, name: "dash-mod".into(), pseudonym: "membre-d".into() }])
        .await
        .unwrap();
    assert_eq!(store.web_link(c, &link.digest).await.unwrap(), None, "an erased member's links go");
    assert_eq!(store.web_session(c, &"d4".repeat(32)).await.unwrap(), None, "and their sessions");
}
