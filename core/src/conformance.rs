//! The store conformance suite: one set of checks that every [`Store`] implementation runs
//! (memory here; SQLite and PostgreSQL in the end-to-end tests), each check a test of its
//! own on a fresh store ([`conformance_tests!`](crate::conformance_tests)). Each check also
//! uses its own community, so [`run`] takes them all on one store.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use crate::model::{
    Account, AccountRef, AuditAction, AuditEntry, BarredAccount, Category, CommunityId, DeclineReason, Invitation,
    Lang, Match, MatchState, Member, MemberId, MemberStatus, OutboxMessage, Outgoing, OutgoingBody, Place, Platform,
    Post, PostKind, PostState, Reason, Report, ReportState, Role, Timestamp, Transfer,
};
use crate::ports::{AuditQuery, Backlog, Census, Change, IdKind, Store, StoreError};

/// Runs every check on one store, in order.
pub async fn run(store: &dyn Store) {
    census_and_backlog(store).await;
    communities_and_ids(store).await;
    members_and_accounts(store).await;
    a_failed_change_writes_nothing(store).await;
    posts_and_their_states(store).await;
    matches(store).await;
    declines_and_excluded_needs(store).await;
    invitations(store).await;
    link_codes_and_unlinking(store).await;
    vouches_and_admission(store).await;
    native_links_and_held_joins(store).await;
    audit_log(store).await;
    moderation(store).await;
    outbox(store).await;
    held_answers(store).await;
    claims_and_dead_letters(store).await;
    inbound_events(store).await;
    unreachable_accounts(store).await;
    post_messages(store).await;
    dead_links(store).await;
    ledger(store).await;
}

/// One test per check, each on a fresh store, so that one failure hides none of the others:
/// `entraide_core::conformance_tests!(fresh)` in a module, where `async fn fresh() -> (G,
/// S)` makes a store `S` (derefs to a `Store`) that lives as long as `G` (a scratch database).
#[macro_export]
macro_rules! conformance_tests {
    ($fresh:path) => {
        $crate::conformance_tests!(@each $fresh;
            census_and_backlog,
            communities_and_ids,
            members_and_accounts,
            a_failed_change_writes_nothing,
            posts_and_their_states,
            matches,
            declines_and_excluded_needs,
            invitations,
            link_codes_and_unlinking,
            vouches_and_admission,
            native_links_and_held_joins,
            audit_log,
            moderation,
            outbox,
            held_answers,
            claims_and_dead_letters,
            inbound_events,
            unreachable_accounts,
            post_messages,
            dead_links,
            ledger
        );
    };
    (@each $fresh:path; $($check:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $check() {
                let (_scratch, store) = $fresh().await;
                $crate::conformance::$check(&*store).await;
            }
        )*
    };
}

fn member(id: i64, community: CommunityId, name: &str) -> Member {
    Member {
        id,
        community_id: community,
        display_name: name.to_owned(),
        lang: Lang::En,
        place: Some("Saint-Étienne".into()),
        role: Role::Member,
        status: MemberStatus::Active,
        sponsor_id: None,
        joined_at: 1_000,
        invite_block: None,
        last_seen_at: 1_000,
        reminded_at: None,
        inactive_since: None,
        suspended_until: None,
    }
}

fn account(platform: Platform, user: &str, member: i64, community: CommunityId, at: i64) -> Account {
    Account {
        account: AccountRef::new(platform, user),
        member_id: member,
        community_id: community,
        display_name: user.to_owned(),
        linked_at: at,
    }
}

fn post(id: i64, community: CommunityId, author: i64, kind: PostKind, place: Place) -> Post {
    Post {
        id,
        community_id: community,
        author_id: author,
        kind,
        category: Category::Lend,
        topic: "tools".to_owned(),
        text: "Je prête ma perceuse-visseuse 🔧 « neuve »".into(),
        place,
        state: PostState::Open,
        created_at: 5,
        updated_at: 5,
        on_behalf_of: None,
    }
}

async fn new_member(store: &dyn Store, community: CommunityId, name: &str) -> Member {
    let id = store.allocate_id(IdKind::Member).await.unwrap();
    let m = member(id, community, name);
    store.apply(vec![Change::InsertMember(m.clone())]).await.unwrap();
    m
}

pub async fn census_and_backlog(store: &dyn Store) {
    let c = store.ensure_community("conf-census", "C").await.unwrap().id;
    let other = store.ensure_community("conf-census-other", "D").await.unwrap().id;
    assert_eq!(store.census(c).await.unwrap(), Census::default());
    assert!(store.outbox_backlog(100).await.unwrap().is_empty());
    let ann = new_member(store, c, "ann").await;
    new_member(store, c, "ben").await;
    let mut cat = member(store.allocate_id(IdKind::Member).await.unwrap(), c, "cat");
    cat.status = MemberStatus::Suspended;
    new_member(store, other, "dan").await;
    let mut changes = vec![Change::InsertMember(cat)];
    for (kind, state) in [
        (PostKind::Request, PostState::Open),
        (PostKind::Request, PostState::Proposed),
        (PostKind::Request, PostState::Done),
        (PostKind::Offer, PostState::Open),
    ] {
        let id = store.allocate_id(IdKind::Post).await.unwrap();
        changes.push(Change::InsertPost(Post { state, ..post(id, c, ann.id, kind, Place::Online) }));
    }
    store.apply(changes).await.unwrap();
    let expected = Census {
        members: vec![(MemberStatus::Active, 2), (MemberStatus::Suspended, 1)],
        open_requests: 2,
        open_offers: 1,
    };
    assert_eq!(store.census(c).await.unwrap(), expected);

    let text = |key: &str, at: Timestamp| {
        Change::Enqueue(Outgoing {
            key: format!("conf-backlog-{key}"),
            to: AccountRef::new(Platform::Matrix, format!("@{key}:example.org")),
            body: OutgoingBody::Text { text: key.to_owned() },
            not_before: at,
        })
    };
    store.apply(vec![text("a", 10), text("b", 50), text("later", 500)]).await.unwrap();
    let backlog = |due, oldest_due, parked| Backlog { platform: Platform::Matrix, due, oldest_due, parked };
    assert_eq!(store.outbox_backlog(100).await.unwrap(), vec![backlog(2, Some(10), 0)], "scheduled ones wait apart");
    let claimed = store.claim_due(Platform::Matrix, "w", 100, 160, 10).await.unwrap();
    let first = claimed.iter().find(|m| m.message.key == "conf-backlog-a").unwrap();
    store.mark_failed(first.id, 100, "403", true).await.unwrap();
    let second = claimed.iter().find(|m| m.message.key == "conf-backlog-b").unwrap();
    assert_eq!(store.outbox_backlog(100).await.unwrap(), vec![backlog(1, Some(50), 1)], "claimed still counts");
    store.mark_sent(second.id, 101).await.unwrap();
    assert_eq!(store.outbox_backlog(101).await.unwrap(), vec![backlog(0, None, 1)]);
    assert_eq!(store.outbox_backlog(600).await.unwrap(), vec![backlog(1, Some(500), 1)]);
    store.apply(vec![Change::CancelMessage("conf-backlog-later".into())]).await.unwrap();
    // A message behind an earlier one to the same person that waits for its retry is held,
    // not late.
    store
        .apply(
            vec![text("x", 600), text("x", 610)]
                .into_iter()
                .enumerate()
                .map(|(n, change)| match change {
                    Change::Enqueue(message) => {
                        Change::Enqueue(Outgoing { key: format!("{}-{n}", message.key), ..message })
                    }
                    other => other,
                })
                .collect(),
        )
        .await
        .unwrap();
    let head = store.claim_due(Platform::Matrix, "w", 700, 760, 10).await.unwrap();
    assert_eq!(head.iter().map(|m| m.message.key.as_str()).collect::<Vec<_>>(), vec!["conf-backlog-x-0"]);
    store.mark_failed(head[0].id, 2_000, "503", false).await.unwrap();
    assert_eq!(store.outbox_backlog(700).await.unwrap(), vec![backlog(0, None, 1)]);
    assert_eq!(store.outbox_backlog(2_000).await.unwrap(), vec![backlog(2, Some(600), 1)]);
    let cancel = |key: &str| Change::CancelMessage(format!("conf-backlog-{key}"));
    store.apply(vec![cancel("x-0"), cancel("x-1")]).await.unwrap();
    // Someone banned: what was parked for them goes too (no moderator may retry it).
    let banned = AccountRef::new(Platform::Matrix, "@a:example.org");
    store.apply(vec![Change::CancelMessagesTo(banned)]).await.unwrap();
    assert!(store.outbox_backlog(2_000).await.unwrap().is_empty());
}

pub async fn communities_and_ids(store: &dyn Store) {
    let a = store.ensure_community("conf-a", "Réseau A").await.unwrap();
    let again = store.ensure_community("conf-a", "ignored").await.unwrap();
    assert_eq!(a, again);
    assert_eq!(a.name, "Réseau A");
    let b = store.ensure_community("conf-b", "B").await.unwrap();
    assert_ne!(a.id, b.id);
    let first = store.allocate_id(IdKind::Post).await.unwrap();
    let second = store.allocate_id(IdKind::Post).await.unwrap();
    assert!(second > first);
    let block = store.allocate_ids(IdKind::Post, 100).await.unwrap();
    assert!(block > second);
    assert_eq!(store.allocate_id(IdKind::Post).await.unwrap(), block + 100, "the block is reserved");
}

pub async fn members_and_accounts(store: &dyn Store) {
    let c = store.ensure_community("conf-members", "M").await.unwrap().id;
    let alice = new_member(store, c, "Élodie").await;
    assert_eq!(store.member(alice.id).await.unwrap(), Some(alice.clone()));
    assert_eq!(store.member(-1).await.unwrap(), None);
    store
        .apply(vec![
            Change::LinkAccount(account(Platform::Telegram, "4242", alice.id, c, 10)),
            Change::LinkAccount(account(Platform::Matrix, "@elodie:example.org", alice.id, c, 20)),
        ])
        .await
        .unwrap();
    let found = store.account(c, &AccountRef::new(Platform::Telegram, "4242")).await.unwrap().unwrap();
    assert_eq!(found.member_id, alice.id);
    assert_eq!(store.account(c, &AccountRef::new(Platform::Discord, "4242")).await.unwrap(), None);
    let other = store.ensure_community("conf-members-other", "O").await.unwrap().id;
    assert_eq!(store.account(other, &AccountRef::new(Platform::Telegram, "4242")).await.unwrap(), None);
    let accounts = store.accounts_of(alice.id).await.unwrap();
    assert_eq!(
        accounts.iter().map(|a| a.account.platform).collect::<Vec<_>>(),
        vec![Platform::Telegram, Platform::Matrix]
    );
    // An account the platform will not write to shows to its community's moderators.
    let alice_matrix = AccountRef::new(Platform::Matrix, "@elodie:example.org");
    let held = Change::Enqueue(Outgoing {
        key: "conf-members-unreachable".into(),
        to: alice_matrix.clone(),
        body: OutgoingBody::Text { text: "…".into() },
        not_before: 1,
    });
    store.apply(vec![held]).await.unwrap();
    let claimed = store.claim_due(Platform::Matrix, "w", 1, 61, 100).await.unwrap();
    let claimed = claimed.iter().find(|m| m.message.to == alice_matrix).unwrap();
    store.mark_unreachable(claimed.id, &alice_matrix, 7, 1_000).await.unwrap();
    assert_eq!(store.unreachable_members(c).await.unwrap(), vec![(alice.id, Platform::Matrix, 7)]);
    assert!(store.unreachable_members(other).await.unwrap().is_empty());
    store.apply(vec![Change::Reachable { account: alice_matrix, at: 8 }]).await.unwrap();
    assert!(store.unreachable_members(c).await.unwrap().is_empty());
    for message in store.claim_due(Platform::Matrix, "w", 9, 69, 100).await.unwrap() {
        if message.message.key == "conf-members-unreachable" {
            store.mark_sent(message.id, 9).await.unwrap();
        }
    }

    store
        .apply(vec![
            Change::SetLang(alice.id, Lang::Fr),
            Change::SetPlace(alice.id, None),
            Change::SetStatus { id: alice.id, from: MemberStatus::Active, to: MemberStatus::Suspended },
        ])
        .await
        .unwrap();
    let changed = store.member(alice.id).await.unwrap().unwrap();
    assert_eq!((changed.lang, changed.place, changed.status), (Lang::Fr, None, MemberStatus::Suspended));

    store.apply(vec![Change::SetInviteBlock(alice.id, Some("abus « répétés »".into()))]).await.unwrap();
    assert_eq!(store.member(alice.id).await.unwrap().unwrap().invite_block.as_deref(), Some("abus « répétés »"));
    store.apply(vec![Change::SetInviteBlock(alice.id, None)]).await.unwrap();
    assert_eq!(store.member(alice.id).await.unwrap().unwrap().invite_block, None);

    // Activity: unseen members, asked once, then inactive; seen again clears everything.
    let quiet = new_member(store, c, "quiet").await;
    let unseen: Vec<i64> = store.members_unseen_since(c, 1_001).await.unwrap().iter().map(|m| m.id).collect();
    assert!(unseen.contains(&quiet.id) && !unseen.contains(&alice.id), "{unseen:?}");
    let early = store.apply(vec![Change::MarkInactive { id: quiet.id, before: 1_001, at: 2_000 }]).await;
    assert!(matches!(early, Err(StoreError::Conflict(_))), "never inactive without being asked first");
    store.apply(vec![Change::RemindedInactive { id: quiet.id, before: 1_001, at: 1_500 }]).await.unwrap();
    let twice = store.apply(vec![Change::RemindedInactive { id: quiet.id, before: 1_001, at: 1_600 }]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "asked once");
    store.apply(vec![Change::MarkInactive { id: quiet.id, before: 1_001, at: 2_000 }]).await.unwrap();
    let read = store.member(quiet.id).await.unwrap().unwrap();
    assert_eq!((read.reminded_at, read.inactive_since), (Some(1_500), Some(2_000)));
    assert!(store.members_unseen_since(c, 5_000).await.unwrap().iter().all(|m| m.id != quiet.id), "inactive already");
    store.apply(vec![Change::SeenMember(quiet.id, 3_000)]).await.unwrap();
    let back = store.member(quiet.id).await.unwrap().unwrap();
    assert_eq!((back.last_seen_at, back.reminded_at, back.inactive_since), (3_000, None, None));

    let _twin = new_member(store, c, "elodie").await;
    let named = store.members_named(c, "elodie").await.unwrap();
    assert_eq!(named.len(), 2, "names match without case or accents");
    assert!(store.members_named(c, "bob").await.unwrap().is_empty());
}

pub async fn a_failed_change_writes_nothing(store: &dyn Store) {
    let c = store.ensure_community("conf-atomic", "A").await.unwrap().id;
    let first = new_member(store, c, "first").await;
    store.apply(vec![Change::LinkAccount(account(Platform::Discord, "77", first.id, c, 1))]).await.unwrap();
    let id = store.allocate_id(IdKind::Member).await.unwrap();
    let result = store
        .apply(vec![
            Change::InsertMember(member(id, c, "second")),
            Change::Enqueue(Outgoing {
                key: format!("conf-atomic-{id}"),
                to: AccountRef::new(Platform::Discord, "77"),
                body: OutgoingBody::Text { text: "x".into() },
                not_before: 0,
            }),
            Change::LinkAccount(account(Platform::Discord, "77", id, c, 2)),
        ])
        .await;
    assert!(matches!(result, Err(StoreError::Conflict(_))), "{result:?}");
    assert_eq!(store.member(id).await.unwrap(), None, "the member of a failed transaction is not there");
    let due = store.due_messages(Platform::Discord, i64::MAX, 1000).await.unwrap();
    assert!(due.iter().all(|m| m.message.key != format!("conf-atomic-{id}")));
}

pub async fn posts_and_their_states(store: &dyn Store) {
    let c = store.ensure_community("conf-posts", "P").await.unwrap().id;
    let author = new_member(store, c, "author").await;
    let banned = new_member(store, c, "banned").await;
    store
        .apply(vec![Change::SetStatus { id: banned.id, from: MemberStatus::Active, to: MemberStatus::Banned }])
        .await
        .unwrap();
    let twice = store
        .apply(vec![Change::SetStatus { id: banned.id, from: MemberStatus::Active, to: MemberStatus::Banned }])
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "a member is banned once");
    let places = [Place::Online, Place::Local("Lyon 7e".into()), Place::Unknown];
    let mut ids = Vec::new();
    for place in places.clone() {
        let id = store.allocate_id(IdKind::Post).await.unwrap();
        store.apply(vec![Change::InsertPost(post(id, c, author.id, PostKind::Offer, place))]).await.unwrap();
        ids.push(id);
    }
    for (id, place) in ids.iter().zip(places) {
        let read = store.post(*id).await.unwrap().unwrap();
        assert_eq!(read.place, place);
        assert_eq!(read, post(*id, c, author.id, PostKind::Offer, read.place.clone()));
    }
    let banned_post = store.allocate_id(IdKind::Post).await.unwrap();
    let request = store.allocate_id(IdKind::Post).await.unwrap();
    store
        .apply(vec![
            Change::InsertPost(post(banned_post, c, banned.id, PostKind::Offer, Place::Online)),
            Change::InsertPost(post(request, c, author.id, PostKind::Request, Place::Online)),
        ])
        .await
        .unwrap();
    let open: Vec<i64> = store.open_posts(c, PostKind::Offer).await.unwrap().iter().map(|p| p.id).collect();
    let mut expected = ids.clone();
    expected.push(banned_post);
    assert_eq!(open, expected, "open offers, oldest first, whoever wrote them");

    store
        .apply(vec![Change::SetPostState { id: request, from: vec![PostState::Open], to: PostState::Proposed, at: 9 }])
        .await
        .unwrap();
    assert_eq!(store.open_posts(c, PostKind::Request).await.unwrap().len(), 1, "proposed requests still want help");
    let stale = store
        .apply(vec![Change::SetPostState { id: request, from: vec![PostState::Open], to: PostState::Closed, at: 9 }])
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))));
    store
        .apply(vec![Change::SetPostState { id: ids[0], from: vec![PostState::Open], to: PostState::Closed, at: 9 }])
        .await
        .unwrap();
    let read = store.post(ids[0]).await.unwrap().unwrap();
    assert_eq!((read.state, read.updated_at), (PostState::Closed, 9));
    let stale: Vec<i64> = store.stale_posts(c, PostKind::Request, 10).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(stale, vec![request], "open or proposed requests untouched since the cutoff");
    assert!(store.stale_posts(c, PostKind::Request, 9).await.unwrap().is_empty(), "a proposal at 9 counts as activity");
    let offers: Vec<i64> = store.stale_posts(c, PostKind::Offer, 10).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(offers, vec![ids[1], ids[2], banned_post], "open offers, closed ones left out");
    let live: Vec<i64> = store.live_posts_of(author.id).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(live, vec![ids[1], ids[2], request]);
}

pub async fn matches(store: &dyn Store) {
    let c = store.ensure_community("conf-matches", "M").await.unwrap().id;
    let requester = new_member(store, c, "requester").await;
    let helper = new_member(store, c, "helper").await;
    let request = store.allocate_id(IdKind::Post).await.unwrap();
    let offer = store.allocate_id(IdKind::Post).await.unwrap();
    let id = store.allocate_id(IdKind::Match).await.unwrap();
    let found = Match {
        id,
        request_id: request,
        offer_id: offer,
        requester_id: requester.id,
        helper_id: helper.id,
        score: 0.75,
        reasons: vec![Reason::Words(vec!["perceus".into()]), Reason::SamePlace("Lyon".into()), Reason::Online],
        state: MatchState::Asked,
        created_at: 3,
        updated_at: 3,
        accepted_at: None,
        relay_closed_at: None,
        decline_reason: None,
    };
    store
        .apply(vec![
            Change::InsertPost(post(request, c, requester.id, PostKind::Request, Place::Online)),
            Change::InsertPost(post(offer, c, helper.id, PostKind::Offer, Place::Online)),
            Change::InsertMatch(found.clone()),
        ])
        .await
        .unwrap();
    assert_eq!(store.match_by_id(id).await.unwrap(), Some(found.clone()));
    assert_eq!(store.matches_of_request(request).await.unwrap(), vec![found.clone()]);
    assert_eq!(store.matches_asking(helper.id).await.unwrap().len(), 1);
    store
        .apply(vec![Change::SetMatchState { id, from: MatchState::Asked, to: MatchState::Accepted, at: 4 }])
        .await
        .unwrap();
    assert!(store.matches_asking(helper.id).await.unwrap().is_empty());
    assert_eq!(store.matches_of_member(helper.id).await.unwrap().len(), 1);
    assert_eq!(store.matches_of_member(requester.id).await.unwrap().len(), 1);
    let twice =
        store.apply(vec![Change::SetMatchState { id, from: MatchState::Asked, to: MatchState::Accepted, at: 5 }]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))));
    assert_eq!(store.match_by_id(id).await.unwrap().unwrap().updated_at, 4);
}

pub async fn declines_and_excluded_needs(store: &dyn Store) {
    let c = store.ensure_community("conf-declines", "D").await.unwrap().id;
    let requester = new_member(store, c, "requester").await;
    let helper = new_member(store, c, "helper").await;
    let request = store.allocate_id(IdKind::Post).await.unwrap();
    let offer = store.allocate_id(IdKind::Post).await.unwrap();
    let (yes, no) = (store.allocate_id(IdKind::Match).await.unwrap(), store.allocate_id(IdKind::Match).await.unwrap());
    let ask = |id| Match {
        id,
        request_id: request,
        offer_id: offer,
        requester_id: requester.id,
        helper_id: helper.id,
        score: 0.5,
        reasons: vec![Reason::Online],
        state: MatchState::Asked,
        created_at: 100,
        updated_at: 100,
        accepted_at: None,
        relay_closed_at: None,
        decline_reason: None,
    };
    store
        .apply(vec![
            Change::InsertPost(post(request, c, requester.id, PostKind::Request, Place::Online)),
            Change::InsertPost(post(offer, c, helper.id, PostKind::Offer, Place::Online)),
            Change::InsertMatch(ask(yes)),
            Change::InsertMatch(ask(no)),
        ])
        .await
        .unwrap();
    store
        .apply(vec![
            Change::SetMatchState { id: yes, from: MatchState::Asked, to: MatchState::Accepted, at: 101 },
            Change::SetMatchState { id: no, from: MatchState::Asked, to: MatchState::Declined, at: 101 },
            Change::SetDeclineReason { id: no, reason: DeclineReason::NotMine },
            Change::ExcludeNeeds { offer, concepts: vec!["drill".into(), "saw".into()], at: 101 },
        ])
        .await
        .unwrap();
    assert_eq!(store.match_by_id(no).await.unwrap().unwrap().decline_reason, Some(DeclineReason::NotMine));
    assert_eq!(store.match_by_id(yes).await.unwrap().unwrap().decline_reason, None);
    // Excluding a need twice keeps one row.
    store.apply(vec![Change::ExcludeNeeds { offer, concepts: vec!["saw".into()], at: 102 }]).await.unwrap();
    let mut excluded = store.excluded_needs(c).await.unwrap();
    excluded.sort();
    assert_eq!(excluded, vec![(offer, "drill".to_owned()), (offer, "saw".to_owned())]);
    let other = store.ensure_community("conf-declines-other", "O").await.unwrap().id;
    assert!(store.excluded_needs(other).await.unwrap().is_empty(), "another community's offers stay apart");
    // The statistics read how each ask was answered.
    let activity = store.activity(c, 0).await.unwrap();
    let mut asks = activity.asks.clone();
    asks.sort_by_key(|ask| ask.accepted);
    assert_eq!(asks.len(), 2);
    assert_eq!(
        (asks[0].accepted, asks[0].reason, asks[0].state),
        (false, Some(DeclineReason::NotMine), MatchState::Declined)
    );
    assert_eq!((asks[1].accepted, asks[1].reason, asks[1].topic.as_str()), (true, None, "tools"));
    assert!(asks[1].request_open && asks[1].asked_at == 100);
    assert!(store.activity(c, 101).await.unwrap().asks.is_empty(), "asks before the period are left out");
    store.apply(vec![Change::RestoreNeeds { offer }]).await.unwrap();
    assert!(store.excluded_needs(c).await.unwrap().is_empty());
}

pub async fn invitations(store: &dyn Store) {
    let c = store.ensure_community("conf-invitations", "I").await.unwrap().id;
    let sponsor = new_member(store, c, "sponsor").await;
    let invitee = new_member(store, c, "invitee").await;
    let id = store.allocate_id(IdKind::Invitation).await.unwrap();
    let code = format!("CONF-{id:04}-0000-0000");
    let invitation = Invitation {
        id,
        community_id: c,
        code: code.clone(),
        sponsor_id: sponsor.id,
        created_at: 1,
        expires_at: 100,
        used_by: None,
        used_at: None,
        revoked_at: None,
        note: Some("pour Léa « voisine »".into()),
    };
    store.apply(vec![Change::InsertInvitation(invitation.clone())]).await.unwrap();
    assert_eq!(store.invitation_by_code(c, &code).await.unwrap(), Some(invitation));
    let other = store.ensure_community("conf-invitations-other", "I2").await.unwrap().id;
    assert_eq!(store.invitation_by_code(other, &code).await.unwrap(), None);
    store.apply(vec![Change::RedeemInvitation { id, by: invitee.id, at: 50 }]).await.unwrap();
    let used = store.invitation_by_code(c, &code).await.unwrap().unwrap();
    assert_eq!(store.invitation_used_by(invitee.id).await.unwrap(), Some(used.clone()));
    assert_eq!(used.note.as_deref(), Some("pour Léa « voisine »"));
    assert_eq!((used.used_by, used.used_at), (Some(invitee.id), Some(50)));
    let again = store.apply(vec![Change::RedeemInvitation { id, by: sponsor.id, at: 60 }]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "a code is redeemed once");

    // The store re-checks expiry and the sponsor's standing when redeeming.
    let invite = |id: i64, expires_at: i64| Invitation {
        id,
        community_id: c,
        code: format!("CONF-{id:04}-1111-1111"),
        sponsor_id: sponsor.id,
        created_at: 1,
        expires_at,
        used_by: None,
        used_at: None,
        revoked_at: None,
        note: None,
    };
    let expired = store.allocate_id(IdKind::Invitation).await.unwrap();
    let orphaned = store.allocate_id(IdKind::Invitation).await.unwrap();
    store
        .apply(vec![Change::InsertInvitation(invite(expired, 40)), Change::InsertInvitation(invite(orphaned, 400))])
        .await
        .unwrap();
    let late = store.apply(vec![Change::RedeemInvitation { id: expired, by: invitee.id, at: 40 }]).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "an expired code is refused");
    store
        .apply(vec![Change::SetStatus { id: sponsor.id, from: MemberStatus::Active, to: MemberStatus::Banned }])
        .await
        .unwrap();
    let orphan = store.apply(vec![Change::RedeemInvitation { id: orphaned, by: invitee.id, at: 50 }]).await;
    assert!(matches!(orphan, Err(StoreError::Conflict(_))), "a banned sponsor's code is refused");

    // Revocation, once, and never of a used code; quotas count a sponsor's recent invitations.
    let other = new_member(store, c, "other sponsor").await;
    let revocable = store.allocate_id(IdKind::Invitation).await.unwrap();
    let mut fresh = invite(revocable, 900);
    fresh.sponsor_id = other.id;
    fresh.created_at = 30;
    store.apply(vec![Change::InsertInvitation(fresh)]).await.unwrap();
    store.apply(vec![Change::RevokeInvitation { id: revocable, at: 35 }]).await.unwrap();
    let read = store.invitation_by_code(c, &format!("CONF-{revocable:04}-1111-1111")).await.unwrap().unwrap();
    assert_eq!(read.revoked_at, Some(35));
    let twice = store.apply(vec![Change::RevokeInvitation { id: revocable, at: 36 }]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))));
    let redeemed = store.apply(vec![Change::RedeemInvitation { id: revocable, by: invitee.id, at: 40 }]).await;
    assert!(matches!(redeemed, Err(StoreError::Conflict(_))), "a revoked code is refused");
    let used = store.apply(vec![Change::RevokeInvitation { id, at: 70 }]).await;
    assert!(matches!(used, Err(StoreError::Conflict(_))), "a used code cannot be revoked");
    let recent: Vec<i64> = store.invitations_since(other.id, 30).await.unwrap().iter().map(|i| i.id).collect();
    assert_eq!(recent, vec![revocable]);
    assert!(store.invitations_since(other.id, 31).await.unwrap().is_empty());
    store.apply(vec![Change::CheckQuota { sponsor: other.id, since: 30, quota: 2 }]).await.unwrap();
    let full = store.apply(vec![Change::CheckQuota { sponsor: other.id, since: 30, quota: 1 }]).await;
    assert!(matches!(full, Err(StoreError::Conflict(_))), "the quota is checked inside the transaction");
}

pub async fn vouches_and_admission(store: &dyn Store) {
    let c = store.ensure_community("conf-vouches", "V").await.unwrap().id;
    let first = new_member(store, c, "first").await;
    let second = new_member(store, c, "second").await;
    let id = store.allocate_id(IdKind::Member).await.unwrap();
    let mut candidate = member(id, c, "candidate");
    candidate.status = MemberStatus::Candidate;
    candidate.sponsor_id = None;
    store.apply(vec![Change::InsertMember(candidate)]).await.unwrap();
    assert_eq!(store.candidates(c).await.unwrap().iter().map(|m| m.id).collect::<Vec<_>>(), vec![id]);
    store.apply(vec![Change::Vouch { candidate: id, voucher: second.id, at: 5 }]).await.unwrap();
    store.apply(vec![Change::Vouch { candidate: id, voucher: first.id, at: 6 }]).await.unwrap();
    let twice = store.apply(vec![Change::Vouch { candidate: id, voucher: first.id, at: 7 }]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "a member vouches once");
    assert_eq!(store.vouchers_of(id).await.unwrap(), vec![second.id, first.id]);
    assert!(store.sponsored_by(second.id).await.unwrap().is_empty());
    store.apply(vec![Change::Admit { id, sponsor: second.id, at: 9 }]).await.unwrap();
    let admitted = store.member(id).await.unwrap().unwrap();
    assert_eq!((admitted.status, admitted.joined_at, admitted.sponsor_id), (MemberStatus::Active, 9, Some(second.id)));
    assert!(store.candidates(c).await.unwrap().is_empty());
    let children: Vec<i64> = store.sponsored_by(second.id).await.unwrap().iter().map(|m| m.id).collect();
    assert_eq!(children, vec![id], "admission sets the sponsor of someone who applied");
    let again = store.apply(vec![Change::Admit { id, sponsor: first.id, at: 10 }]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "admitted once");
}

pub async fn native_links_and_held_joins(store: &dyn Store) {
    use crate::model::{HeldJoin, HeldOutcome};
    let c = store.ensure_community("conf-joins", "J").await.unwrap().id;
    let sponsor = new_member(store, c, "sponsor").await;
    let id = store.allocate_id(IdKind::Invitation).await.unwrap();
    let invitation = Invitation {
        id,
        community_id: c,
        code: format!("JOIN-{id:04}-0000-0000"),
        sponsor_id: sponsor.id,
        created_at: 1,
        expires_at: 100,
        used_by: None,
        used_at: None,
        revoked_at: None,
        note: None,
    };
    let link = |at| Change::InsertInvitationLink {
        invitation: id,
        platform: Platform::Telegram,
        link: format!("https://t.me/+conf{id}"),
        at,
    };
    store.apply(vec![Change::InsertInvitation(invitation.clone()), link(2)]).await.unwrap();
    store.apply(vec![link(3)]).await.unwrap();
    assert_eq!(
        store.invitation_by_link(Platform::Telegram, &format!("https://t.me/+conf{id}")).await.unwrap(),
        Some(invitation.clone())
    );
    assert_eq!(store.invitation_by_link(Platform::Discord, &format!("https://t.me/+conf{id}")).await.unwrap(), None);
    assert_eq!(store.invitation_by_id(id).await.unwrap(), Some(invitation.clone()));
    assert_eq!(
        store.links_of_invitation(id).await.unwrap(),
        vec![(Platform::Telegram, format!("https://t.me/+conf{id}"))]
    );
    // The same link made again for a later invitation (Matrix: the same ID invited again,
    // the first invitation expired) points to the later one.
    let matrix_id = format!("@conf{id}:example.org");
    let naming = |invitation: i64| Change::InsertInvitationLink {
        invitation,
        platform: Platform::Matrix,
        link: matrix_id.clone(),
        at: 4,
    };
    let later = Invitation {
        id: store.allocate_id(IdKind::Invitation).await.unwrap(),
        code: format!("JOIN-{id:04}-0000-0001"),
        ..invitation.clone()
    };
    store.apply(vec![naming(id)]).await.unwrap();
    store.apply(vec![Change::RetireLink { platform: Platform::Matrix, link: matrix_id.clone(), at: 5 }]).await.unwrap();
    store.apply(vec![Change::InsertInvitation(later.clone()), naming(later.id)]).await.unwrap();
    assert_eq!(store.invitation_by_link(Platform::Matrix, &matrix_id).await.unwrap(), Some(later.clone()));
    assert_eq!(store.links_of_invitation(later.id).await.unwrap(), vec![(Platform::Matrix, matrix_id.clone())]);
    assert!(store.dead_links(c, 1_000).await.unwrap().iter().any(|(i, _, l)| *i == later.id && *l == matrix_id));

    let held_id = store.allocate_id(IdKind::HeldJoin).await.unwrap();
    let held = HeldJoin {
        id: held_id,
        community_id: c,
        account: AccountRef::new(Platform::Discord, "555"),
        display_name: "Nouvelle 🌱".into(),
        candidates: vec![id, id + 1],
        created_at: 9,
        settled_by: None,
        outcome: None,
        settled_at: None,
    };
    store.apply(vec![Change::InsertHeldJoin(held.clone())]).await.unwrap();
    assert_eq!(store.held_join(c, held_id).await.unwrap(), Some(held.clone()));
    assert_eq!(store.open_held_joins(c).await.unwrap(), vec![held.clone()]);
    assert!(store.settled_held_joins(c, 10).await.unwrap().is_empty(), "none settled yet");
    let rejected = HeldOutcome::Rejected;
    store
        .apply(vec![Change::SettleHeldJoin { id: held_id, by: sponsor.id, outcome: rejected, at: 400 }])
        .await
        .unwrap();
    assert!(store.open_held_joins(c).await.unwrap().is_empty());
    let settled = store.held_join(c, held_id).await.unwrap().unwrap();
    assert_eq!(
        (settled.outcome, settled.settled_by, settled.settled_at),
        (Some(HeldOutcome::Rejected), Some(sponsor.id), Some(400))
    );
    let approved = HeldOutcome::Approved;
    let twice = store.apply(vec![Change::SettleHeldJoin { id: held_id, by: sponsor.id, outcome: approved, at: 500 }]);
    assert!(matches!(twice.await, Err(StoreError::Conflict(_))));
    // The latest decisions first, as many as asked.
    let later = HeldJoin { id: store.allocate_id(IdKind::HeldJoin).await.unwrap(), created_at: 450, ..held };
    let settle_later = Change::SettleHeldJoin { id: later.id, by: sponsor.id, outcome: approved, at: 900 };
    store.apply(vec![Change::InsertHeldJoin(later.clone()), settle_later]).await.unwrap();
    let last: Vec<(i64, Option<i64>)> =
        store.settled_held_joins(c, 10).await.unwrap().iter().map(|h| (h.id, h.settled_at)).collect();
    assert_eq!(last, vec![(later.id, Some(900)), (held_id, Some(400))]);
    assert_eq!(store.settled_held_joins(c, 1).await.unwrap().len(), 1);

    let mut moderator = member(store.allocate_id(IdKind::Member).await.unwrap(), c, "moderator");
    moderator.role = Role::Moderator;
    store.apply(vec![Change::InsertMember(moderator.clone())]).await.unwrap();
    assert_eq!(store.moderators(c).await.unwrap().iter().map(|m| m.id).collect::<Vec<_>>(), vec![moderator.id]);
}

pub async fn link_codes_and_unlinking(store: &dyn Store) {
    use crate::model::LinkCode;
    let c = store.ensure_community("conf-links", "L").await.unwrap().id;
    let member = new_member(store, c, "linker").await;
    let code = LinkCode {
        code: "AB12-CD34".into(),
        community_id: c,
        member_id: member.id,
        created_at: 10,
        expires_at: 600,
        used_at: None,
    };
    store.apply(vec![Change::InsertLinkCode(code.clone())]).await.unwrap();
    assert_eq!(store.link_code(c, "AB12-CD34").await.unwrap(), Some(code));
    assert_eq!(store.link_code(c, "ZZZZ-ZZZZ").await.unwrap(), None);
    let late = store.apply(vec![Change::UseLinkCode { community: c, code: "AB12-CD34".into(), at: 600 }]).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "an expired link code is refused");
    store.apply(vec![Change::UseLinkCode { community: c, code: "AB12-CD34".into(), at: 100 }]).await.unwrap();
    assert_eq!(store.link_code(c, "AB12-CD34").await.unwrap().unwrap().used_at, Some(100));
    let again = store.apply(vec![Change::UseLinkCode { community: c, code: "AB12-CD34".into(), at: 101 }]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "a link code works once");

    let telegram = AccountRef::new(Platform::Telegram, "linked-1");
    store
        .apply(vec![
            Change::LinkAccount(account(Platform::Console, "linker", member.id, c, 1)),
            Change::LinkAccount(account(Platform::Telegram, "linked-1", member.id, c, 2)),
        ])
        .await
        .unwrap();
    store.apply(vec![Change::UnlinkAccount { community: c, account: telegram.clone() }]).await.unwrap();
    assert_eq!(store.account(c, &telegram).await.unwrap(), None);
    assert_eq!(store.accounts_of(member.id).await.unwrap().len(), 1);
    let gone = store.apply(vec![Change::UnlinkAccount { community: c, account: telegram }]).await;
    assert!(matches!(gone, Err(StoreError::Conflict(_))));
    let last = store
        .apply(vec![Change::UnlinkAccount { community: c, account: AccountRef::new(Platform::Console, "linker") }])
        .await;
    assert!(matches!(last, Err(StoreError::Conflict(_))), "a member keeps one account, even under a race");
}

pub async fn audit_log(store: &dyn Store) {
    let c = store.ensure_community("conf-audit", "A").await.unwrap().id;
    let entries: Vec<AuditEntry> = (0..5)
        .map(|i| AuditEntry {
            community_id: c,
            actor_id: Some(i),
            action: AuditAction::Ban,
            target_id: None,
            reason: format!("raison {i} — « spam »"),
            at: 100 + i,
            platform: if i % 2 == 0 { Some(Platform::Telegram) } else { None },
        })
        .collect();
    store.apply(entries.iter().cloned().map(Change::Audit).collect()).await.unwrap();
    let latest = AuditQuery { limit: 3, ..AuditQuery::default() };
    let read = store.audit(c, &latest).await.unwrap();
    assert_eq!(read, vec![entries[4].clone(), entries[3].clone(), entries[2].clone()]);
    let page_two = store.audit(c, &AuditQuery { offset: 3, ..latest.clone() }).await.unwrap();
    assert_eq!(page_two, vec![entries[1].clone(), entries[0].clone()]);
    let by_actor = store.audit(c, &AuditQuery { actor: Some(2), ..latest.clone() }).await.unwrap();
    assert_eq!(by_actor, vec![entries[2].clone()]);
    let window = AuditQuery { since: Some(101), until: Some(103), ..latest.clone() };
    assert_eq!(store.audit(c, &window).await.unwrap(), vec![entries[2].clone(), entries[1].clone()]);
    let warned = store.audit(c, &AuditQuery { action: Some(AuditAction::Warn), ..latest.clone() }).await.unwrap();
    assert!(warned.is_empty());
    let other = store.ensure_community("conf-audit-other", "B").await.unwrap().id;
    assert!(store.audit(other, &latest).await.unwrap().is_empty(), "one community's log is not another's");
}

/// Suspensions, roles, reports, settings and erasure.
pub async fn moderation(store: &dyn Store) {
    use crate::model::{Announcement, AnnouncementState, HeldJoin, HeldOutcome};
    let c = store.ensure_community("conf-moderation", "M").await.unwrap().id;
    let bob = new_member(store, c, "Bob Martin").await;
    let zoe = new_member(store, c, "zoe").await;
    store.apply(vec![Change::LinkAccount(account(Platform::Matrix, "@bob:x", bob.id, c, 2))]).await.unwrap();

    // A suspension ends by itself: found once its time is over, lifted by a status change.
    store.apply(vec![Change::Suspend { id: bob.id, from: MemberStatus::Active, until: 500 }]).await.unwrap();
    let suspended = store.member(bob.id).await.unwrap().unwrap();
    assert_eq!((suspended.status, suspended.suspended_until), (MemberStatus::Suspended, Some(500)));
    assert!(store.suspensions_over(c, 499).await.unwrap().is_empty());
    assert_eq!(store.suspensions_over(c, 500).await.unwrap().iter().map(|m| m.id).collect::<Vec<_>>(), vec![bob.id]);
    let twice = store.apply(vec![Change::Suspend { id: bob.id, from: MemberStatus::Active, until: 900 }]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))));
    store
        .apply(vec![Change::SetStatus { id: bob.id, from: MemberStatus::Suspended, to: MemberStatus::Active }])
        .await
        .unwrap();
    let lifted = store.member(bob.id).await.unwrap().unwrap();
    assert_eq!((lifted.status, lifted.suspended_until), (MemberStatus::Active, None));
    store.apply(vec![Change::SetRole(zoe.id, Role::Relay)]).await.unwrap();
    assert_eq!(store.member(zoe.id).await.unwrap().unwrap().role, Role::Relay);

    // Reports: pending until settled once; each side finds them.
    let id = store.allocate_id(IdKind::Report).await.unwrap();
    let report = Report {
        id,
        community_id: c,
        reporter_id: zoe.id,
        target_id: bob.id,
        post_id: None,
        reason: "propos « blessants »".into(),
        state: ReportState::Open,
        handler_id: None,
        resolution: None,
        created_at: 10,
        settled_at: None,
    };
    store.apply(vec![Change::InsertReport(report.clone())]).await.unwrap();
    assert_eq!(store.report(c, id).await.unwrap(), Some(report.clone()));
    let other = store.ensure_community("conf-moderation-other", "N").await.unwrap().id;
    assert_eq!(store.report(other, id).await.unwrap(), None, "a report is its community's only");
    assert_eq!(store.pending_reports(c).await.unwrap(), vec![report.clone()]);
    let take = |to, resolution: Option<&str>| Change::SetReportState {
        id,
        from: vec![ReportState::Open, ReportState::Taken],
        to,
        handler: bob.id,
        resolution: resolution.map(str::to_owned),
        at: 20,
    };
    store.apply(vec![take(ReportState::Taken, None)]).await.unwrap();
    let taken = store.report(c, id).await.unwrap().unwrap();
    assert_eq!((taken.state, taken.handler_id, taken.settled_at), (ReportState::Taken, Some(bob.id), None));
    store.apply(vec![take(ReportState::Dismissed, Some("rien à redire"))]).await.unwrap();
    let settled = store.report(c, id).await.unwrap().unwrap();
    assert_eq!((settled.resolution.as_deref(), settled.settled_at), (Some("rien à redire"), Some(20)));
    assert!(store.pending_reports(c).await.unwrap().is_empty());
    let again = store.apply(vec![take(ReportState::Upheld, Some("x"))]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "a settled report stays settled");
    assert_eq!(store.reports_involving(zoe.id).await.unwrap().len(), 1);
    assert_eq!(store.reports_involving(bob.id).await.unwrap().len(), 1);

    // Settings: set, replaced, removed.
    let set = |value: Option<&str>| Change::SetSetting {
        community: c,
        key: "trial_days".into(),
        value: value.map(Into::into),
    };
    store.apply(vec![set(Some("10"))]).await.unwrap();
    store.apply(vec![set(Some("20"))]).await.unwrap();
    assert_eq!(store.settings(c).await.unwrap(), vec![("trial_days".to_owned(), "20".to_owned())]);
    assert!(store.settings(other).await.unwrap().is_empty());
    store.apply(vec![set(None)]).await.unwrap();
    assert!(store.settings(c).await.unwrap().is_empty());

    // Erasure: no name, place, account, text or note left; the audit log says the pseudonym.
    let post_id = store.allocate_id(IdKind::Post).await.unwrap();
    let invitation_id = store.allocate_id(IdKind::Invitation).await.unwrap();
    store
        .apply(vec![
            Change::InsertPost(post(post_id, c, bob.id, PostKind::Request, Place::Local("Lyon".into()))),
            Change::InsertInvitation(Invitation {
                id: invitation_id,
                community_id: c,
                code: "ERASEME-CODE".into(),
                sponsor_id: bob.id,
                created_at: 1,
                expires_at: 99,
                used_by: None,
                used_at: None,
                revoked_at: None,
                note: Some("pour ma voisine Léa".into()),
            }),
            Change::Audit(AuditEntry {
                community_id: c,
                actor_id: Some(zoe.id),
                action: AuditAction::Warn,
                target_id: Some(bob.id),
                reason: "Bob Martin insulte".into(),
                at: 30,
                platform: Some(Platform::Matrix),
            }),
            Change::Enqueue(Outgoing {
                key: "erase-me:1".into(),
                to: AccountRef::new(Platform::Matrix, "@bob:x"),
                body: OutgoingBody::Text { text: "secret".into() },
                not_before: 0,
            }),
            Change::Enqueue(Outgoing {
                key: "erase-me:ban".into(),
                to: AccountRef::new(Platform::Matrix, "@bob:x"),
                body: OutgoingBody::Ban,
                not_before: 0,
            }),
        ])
        .await
        .unwrap();
    // What else holds him: a match's reasons (his place), a join held for his account, the
    // platform's refusal to write to it, an alert he proposed, free texts naming him.
    let (offer_id, match_id) =
        (store.allocate_id(IdKind::Post).await.unwrap(), store.allocate_id(IdKind::Match).await.unwrap());
    let held_id = store.allocate_id(IdKind::HeldJoin).await.unwrap();
    let alert_id = store.allocate_id(IdKind::Announcement).await.unwrap();
    let announced_id = store.allocate_id(IdKind::Announcement).await.unwrap();
    let transfer_id = store.allocate_id(IdKind::Transfer).await.unwrap();
    let report_id = store.allocate_id(IdKind::Report).await.unwrap();
    let bob_matrix = AccountRef::new(Platform::Matrix, "@bob:x");
    let announcement = |id: i64, state: AnnouncementState| Announcement {
        id,
        community_id: c,
        author_id: bob.id,
        text: "Perdu : mon chat roux".into(),
        state,
        created_at: 40,
    };
    store
        .apply(vec![
            Change::InsertPost(post(offer_id, c, zoe.id, PostKind::Offer, Place::Local("Lyon".into()))),
            Change::InsertMatch(Match {
                id: match_id,
                request_id: post_id,
                offer_id,
                requester_id: bob.id,
                helper_id: zoe.id,
                score: 0.5,
                reasons: vec![Reason::Words(vec!["perceuse".into()]), Reason::SamePlace("Lyon".into())],
                state: MatchState::Asked,
                created_at: 40,
                updated_at: 40,
                accepted_at: None,
                relay_closed_at: None,
                decline_reason: None,
            }),
            Change::InsertHeldJoin(HeldJoin {
                id: held_id,
                community_id: c,
                account: bob_matrix.clone(),
                display_name: "Bob M.".into(),
                candidates: vec![],
                created_at: 1,
                settled_by: Some(zoe.id),
                outcome: Some(HeldOutcome::Approved),
                settled_at: Some(2),
            }),
            Change::InsertAnnouncement(announcement(alert_id, AnnouncementState::Proposed)),
            Change::InsertAnnouncement(announcement(announced_id, AnnouncementState::Published)),
            Change::Transfer(Transfer {
                id: transfer_id,
                community_id: c,
                cause: "conf-erase:1".into(),
                from: zoe.id,
                to: bob.id,
                minutes: 30,
                request_id: None,
                corrects: None,
                reason: Some("rendu par Bob Martin".into()),
                at: 40,
            }),
            Change::InsertReport(Report {
                id: report_id,
                community_id: c,
                reporter_id: zoe.id,
                target_id: bob.id,
                post_id: None,
                reason: "Bob Martin m'insulte".into(),
                state: ReportState::Upheld,
                handler_id: Some(zoe.id),
                resolution: Some("Bob Martin averti".into()),
                created_at: 40,
                settled_at: Some(41),
            }),
        ])
        .await
        .unwrap();
    let queued = store.due_messages(Platform::Matrix, i64::MAX, 10_000).await.unwrap();
    let to_bob = queued.iter().find(|m| m.message.key == "erase-me:1").unwrap().id;
    store.mark_unreachable(to_bob, &bob_matrix, 41, 41).await.unwrap();
    let pending = store.pending_count().await.unwrap();
    store
        .apply(vec![Change::Erase { id: bob.id, name: "Bob Martin".into(), pseudonym: "membre-x".into() }])
        .await
        .unwrap();
    store.scrub().await.unwrap();
    let erased = store.member(bob.id).await.unwrap().unwrap();
    assert_eq!((erased.display_name.as_str(), erased.place, erased.status), ("membre-x", None, MemberStatus::Erased));
    assert!(store.accounts_of(bob.id).await.unwrap().is_empty());
    assert!(store.members_named(c, "bob martin").await.unwrap().is_empty());
    assert_eq!(store.post(post_id).await.unwrap().unwrap().text, "");
    assert_eq!(store.invitation_by_id(invitation_id).await.unwrap().unwrap().note, None);
    assert_eq!(store.pending_count().await.unwrap(), pending - 1, "messages to them are withdrawn, not their ban");
    let due = store.due_messages(Platform::Matrix, 0, 1_000).await.unwrap();
    let ban = due.iter().find(|m| m.message.key == "erase-me:ban" && m.message.body == OutgoingBody::Ban);
    // Delivered, so that the outbox checks start from an empty queue.
    store.mark_sent(ban.expect("the ban still goes out").id, 41).await.unwrap();
    let log = store.audit(c, &AuditQuery { target: Some(bob.id), limit: 10, ..AuditQuery::default() }).await.unwrap();
    assert_eq!(log[0].reason, "membre-x insulte");
    assert_eq!(store.post(post_id).await.unwrap().unwrap().place, Place::Unknown, "their posts' place is gone");
    assert_eq!(store.post(offer_id).await.unwrap().unwrap().place, Place::Local("Lyon".into()), "not others'");
    assert!(store.match_by_id(match_id).await.unwrap().unwrap().reasons.is_empty());
    assert_eq!(store.held_join(c, held_id).await.unwrap(), None);
    assert_eq!(store.unreachable_since(&bob_matrix).await.unwrap(), None);
    let alert = store.announcement(c, alert_id).await.unwrap().unwrap();
    assert_eq!((alert.text.as_str(), alert.state), ("", AnnouncementState::Withdrawn), "an alert never published");
    let announced = store.announcement(c, announced_id).await.unwrap().unwrap();
    assert_eq!(announced.state, AnnouncementState::Published, "shown in the groups: moderators withdraw it");
    let transfer = store.transfer(c, transfer_id).await.unwrap().unwrap();
    assert_eq!(transfer.reason.as_deref(), Some("rendu par membre-x"));
    let report = store.report(c, report_id).await.unwrap().unwrap();
    assert_eq!((report.reason.as_str(), report.resolution.as_deref()), ("membre-x m'insulte", Some("membre-x averti")));

    // An erased banned person's accounts, as digests: kept once, per community.
    let barred = BarredAccount {
        community_id: c,
        member_id: bob.id,
        salt: "0a1b".into(),
        digest: "d1".repeat(32),
        barred_at: 40,
        until: None,
    };
    let other_digest = BarredAccount { digest: "e2".repeat(32), until: Some(90_000), ..barred.clone() };
    store.apply(vec![Change::BarAccount(barred.clone()), Change::BarAccount(other_digest.clone())]).await.unwrap();
    store.apply(vec![Change::BarAccount(barred.clone())]).await.unwrap();
    let mut found = store.barred_accounts(c).await.unwrap();
    found.sort_by(|a, b| a.digest.cmp(&b.digest));
    assert_eq!(found, vec![barred, other_digest]);
    assert!(store.barred_accounts(other).await.unwrap().is_empty(), "a ban is its community's only");
}

pub async fn outbox(store: &dyn Store) {
    let pending_before = store.pending_count().await.unwrap();
    let message = |key: &str, user: &str, not_before: i64| Outgoing {
        key: format!("conf-outbox-{key}"),
        to: AccountRef::new(Platform::Matrix, user),
        body: OutgoingBody::Text { text: format!("message {key} ✉️") },
        not_before,
    };
    store
        .apply(vec![
            Change::Enqueue(message("a", "@u:x", 10)),
            Change::Enqueue(message("b", "@v:x", 10)),
            Change::Enqueue(message("later", "@u:x", 1_000)),
            Change::Enqueue(Outgoing {
                key: "conf-outbox-ban".into(),
                to: AccountRef::new(Platform::Matrix, "@u:x"),
                body: OutgoingBody::Ban,
                not_before: 10,
            }),
        ])
        .await
        .unwrap();
    // The same cause enqueued again is ignored.
    store.apply(vec![Change::Enqueue(message("a", "@u:x", 10))]).await.unwrap();
    assert_eq!(store.pending_count().await.unwrap(), pending_before + 4);
    let early = store.due_messages(Platform::Matrix, 9, 100).await.unwrap();
    assert!(early.iter().all(|m| !m.message.key.starts_with("conf-outbox")), "nothing before its time");
    let due: Vec<String> =
        store.due_messages(Platform::Matrix, 10, 100).await.unwrap().into_iter().map(|m| m.message.key).collect();
    assert_eq!(due, vec!["conf-outbox-a", "conf-outbox-b", "conf-outbox-ban"]);
    assert!(
        store
            .due_messages(Platform::Telegram, 10, 100)
            .await
            .unwrap()
            .iter()
            .all(|m| !m.message.key.starts_with("conf-outbox"))
    );
    let first = store.due_messages(Platform::Matrix, 10, 1).await.unwrap().remove(0);
    assert_eq!(first.message, message("a", "@u:x", 10));
    store.mark_sent(first.id, 11).await.unwrap();
    let second = store.due_messages(Platform::Matrix, 10, 1).await.unwrap().remove(0);
    assert_eq!(second.message.key, "conf-outbox-b");
    store.mark_failed(second.id, 20, "503", false).await.unwrap();
    // A later message to the same recipient waits behind the one being retried.
    store.apply(vec![Change::Enqueue(message("b2", "@v:x", 10))]).await.unwrap();
    let due: Vec<String> =
        store.due_messages(Platform::Matrix, 10, 100).await.unwrap().into_iter().map(|m| m.message.key).collect();
    assert_eq!(due, vec!["conf-outbox-ban"], "a failed message waits for its retry time, and so do later ones");
    let retried = store.due_messages(Platform::Matrix, 20, 100).await.unwrap();
    let keys: Vec<&str> = retried.iter().map(|m| m.message.key.as_str()).collect();
    assert_eq!(keys, vec!["conf-outbox-b", "conf-outbox-ban", "conf-outbox-b2"], "in order once the retry is due");
    assert_eq!(retried[0].attempts, 1);
    store.mark_sent(retried[2].id, 21).await.unwrap();
    store.apply(vec![Change::CancelMessage("conf-outbox-later".into())]).await.unwrap();
    let all: Vec<String> =
        store.due_messages(Platform::Matrix, 5_000, 100).await.unwrap().into_iter().map(|m| m.message.key).collect();
    assert_eq!(all, vec!["conf-outbox-b", "conf-outbox-ban"], "sent and cancelled messages never come back");
    assert_eq!(store.pending_count().await.unwrap(), pending_before + 2);
    store.apply(vec![Change::CancelMessagesTo(AccountRef::new(Platform::Matrix, "@v:x"))]).await.unwrap();
    let all: Vec<String> =
        store.due_messages(Platform::Matrix, 5_000, 100).await.unwrap().into_iter().map(|m| m.message.key).collect();
    assert_eq!(all, vec!["conf-outbox-ban"], "messages to a cancelled recipient are withdrawn");
}

/// An answer's place held with a command's first change: not sent before its time, but
/// ahead of what the command caused for the same person; replaced by the answer in that
/// place; the answer enqueued as new where nothing was held; a notice already sent stays.
pub async fn held_answers(store: &dyn Store) {
    let text = |key: &str, user: &str, text: &str, not_before: i64| Outgoing {
        key: format!("conf-answer-{key}"),
        to: AccountRef::new(Platform::Matrix, user),
        body: OutgoingBody::Text { text: text.into() },
        not_before,
    };
    // What a dispatcher would send at `at` (each recipient's head), given back unchanged.
    let claimable = async |at: i64| -> Vec<(String, String)> {
        let claimed = store.claim_due(Platform::Matrix, "conf-answers", at, at + 30, 100).await.unwrap();
        let mut found = Vec::new();
        for message in claimed {
            store.release(message.id, "conf-answers", message.message.not_before).await.unwrap();
            if let (true, OutgoingBody::Text { text }) =
                (message.message.key.starts_with("conf-answer"), message.message.body)
            {
                found.push((message.message.key, text));
            }
        }
        found
    };
    let held = Change::HoldAnswer { message: text("1", "@w:x", "lost", 100), until: 160 };
    store.apply(vec![held, Change::Enqueue(text("caused", "@w:x", "caused", 100))]).await.unwrap();
    assert_eq!(claimable(100).await, vec![], "the notice waits, and what the command caused waits behind it");
    assert_eq!(claimable(160).await, vec![("conf-answer-1".into(), "lost".into())], "the notice goes unless replaced");
    store.apply(vec![Change::Answer(text("1", "@w:x", "the answer", 101))]).await.unwrap();
    let answer = vec![("conf-answer-1".to_owned(), "the answer".to_owned())];
    assert_eq!(claimable(101).await, answer, "the answer, in the notice's place, due at once");
    let pending = store.pending_count().await.unwrap();
    store.apply(vec![Change::Answer(text("2", "@y:x", "not held", 101))]).await.unwrap();
    assert_eq!(store.pending_count().await.unwrap(), pending + 1, "enqueued where nothing was held");
    // A notice already sent (its answer came too late) is the only answer.
    store.apply(vec![Change::HoldAnswer { message: text("3", "@z:x", "lost", 100), until: 160 }]).await.unwrap();
    let claimed = store.claim_due(Platform::Matrix, "conf-answers", 160, 190, 100).await.unwrap();
    for message in claimed {
        match message.message.key.as_str() {
            "conf-answer-3" => store.mark_sent(message.id, 161).await.unwrap(),
            _ => store.release(message.id, "conf-answers", message.message.not_before).await.unwrap(),
        }
    }
    store.apply(vec![Change::Answer(text("3", "@z:x", "too late", 170))]).await.unwrap();
    let due = store.due_messages(Platform::Matrix, 5_000, 100).await.unwrap();
    assert!(due.iter().all(|m| m.message.key != "conf-answer-3"), "sent once");
    for key in ["1", "caused", "2"] {
        store.apply(vec![Change::CancelMessage(format!("conf-answer-{key}"))]).await.unwrap();
    }
}

/// Claims: one head per recipient, urgent first, leases that expire, releases that do not
/// count an attempt, dead letters visible to their community only.
pub async fn claims_and_dead_letters(store: &dyn Store) {
    let c = store.ensure_community("conf-claims", "C").await.unwrap().id;
    let other = store.ensure_community("conf-claims-other", "D").await.unwrap().id;
    let member = new_member(store, c, "claimed").await;
    store.apply(vec![Change::LinkAccount(account(Platform::Discord, "c-ann", member.id, c, 1))]).await.unwrap();
    let text = |key: &str, user: &str| {
        Change::Enqueue(Outgoing {
            key: format!("conf-claim-{key}"),
            to: AccountRef::new(Platform::Discord, user),
            body: OutgoingBody::Text { text: key.to_owned() },
            not_before: 10,
        })
    };
    store
        .apply(vec![
            text("ann-1", "c-ann"),
            text("ann-2", "c-ann"),
            text("ben-1", "c-ben"),
            Change::Enqueue(Outgoing {
                key: "conf-claim-ban".into(),
                to: AccountRef::new(Platform::Discord, "c-cat"),
                body: OutgoingBody::Ban,
                not_before: 10,
            }),
        ])
        .await
        .unwrap();
    let keys = |messages: &[OutboxMessage]| messages.iter().map(|m| m.message.key.clone()).collect::<Vec<_>>();
    let first = store.claim_due(Platform::Discord, "w1", 10, 70, 10).await.unwrap();
    assert_eq!(
        keys(&first),
        vec!["conf-claim-ban", "conf-claim-ann-1", "conf-claim-ben-1"],
        "urgent first, one head each"
    );
    assert!(store.claim_due(Platform::Discord, "w2", 10, 70, 10).await.unwrap().is_empty(), "claimed rows are taken");
    // ann-2 waits while ann-1 is pending, even though ann-1 is claimed by someone else.
    store.mark_sent(first[1].id, 11).await.unwrap();
    let next = store.claim_due(Platform::Discord, "w2", 11, 71, 10).await.unwrap();
    assert_eq!(keys(&next), vec!["conf-claim-ann-2"]);
    // A release gives the row back without counting an attempt; only its claimer's does.
    store.release(next[0].id, "w1", 15).await.unwrap();
    assert!(store.claim_due(Platform::Discord, "w1", 15, 75, 10).await.unwrap().is_empty(), "still w2's");
    store.release(next[0].id, "w2", 15).await.unwrap();
    assert!(store.claim_due(Platform::Discord, "w2", 14, 74, 10).await.unwrap().is_empty(), "not before then");
    let again = store.claim_due(Platform::Discord, "w2", 15, 75, 10).await.unwrap();
    assert_eq!((keys(&again), again[0].attempts), (vec!["conf-claim-ann-2".to_owned()], 0));
    store.mark_sent(again[0].id, 15).await.unwrap();
    // w1 died holding the ban and ben-1: the lease expires and w2 takes them over.
    assert!(store.claim_due(Platform::Discord, "w2", 69, 129, 10).await.unwrap().is_empty());
    let taken_over = store.claim_due(Platform::Discord, "w2", 70, 130, 10).await.unwrap();
    assert_eq!(keys(&taken_over), vec!["conf-claim-ban", "conf-claim-ben-1"]);
    // A failure counts an attempt and waits; a parked message is a dead letter.
    store.mark_failed(taken_over[1].id, 80, "503 Service Unavailable", false).await.unwrap();
    let retried = store.claim_due(Platform::Discord, "w2", 80, 140, 10).await.unwrap();
    assert_eq!((retried[0].attempts, retried[0].last_error.as_deref()), (1, Some("503 Service Unavailable")));
    store.mark_failed(retried[0].id, 90, "403 Forbidden: bot blocked", true).await.unwrap();
    let left = store.claim_due(Platform::Discord, "w2", 10_000, 10_060, 10).await.unwrap();
    assert_eq!(keys(&left), vec!["conf-claim-ban"], "a parked message is never claimed");
    store.mark_failed(taken_over[0].id, 90, "403 Missing Permissions", true).await.unwrap();
    assert!(store.claim_due(Platform::Discord, "w2", 10_000, 10_060, 10).await.unwrap().is_empty());
    // ben and cat are no one's accounts in this community: their dead letters are not shown.
    assert!(store.parked_messages(c, 10).await.unwrap().is_empty());
    store.apply(vec![text("ann-3", "c-ann")]).await.unwrap();
    let ann = store.claim_due(Platform::Discord, "w2", 100, 160, 10).await.unwrap();
    store.mark_failed(ann[0].id, 100, "403 Forbidden: bot blocked", true).await.unwrap();
    let parked = store.parked_messages(c, 10).await.unwrap();
    assert_eq!(
        (keys(&parked), parked[0].last_error.as_deref()),
        (vec!["conf-claim-ann-3".to_owned()], Some("403 Forbidden: bot blocked"))
    );
    assert!(store.parked_messages(other, 10).await.unwrap().is_empty(), "another community sees none");
    assert!(!store.retry_parked(other, ann[0].id, 200).await.unwrap(), "nor retries it");
    assert!(store.retry_parked(c, ann[0].id, 200).await.unwrap());
    assert!(!store.retry_parked(c, ann[0].id, 200).await.unwrap(), "once");
    let back = store.claim_due(Platform::Discord, "w2", 200, 260, 10).await.unwrap();
    assert_eq!((keys(&back), back[0].attempts), (vec!["conf-claim-ann-3".to_owned()], 0));
    store.mark_sent(back[0].id, 200).await.unwrap();
    // What is addressed to a chat (an answer in a group, an edit there) is the community's
    // too: a moderator sees it parked and retries it.
    let in_group = |key: &str, to: &str, body: OutgoingBody| {
        Change::Enqueue(Outgoing {
            key: format!("conf-claim-{key}"),
            to: AccountRef::new(Platform::Discord, to),
            body,
            not_before: 200,
        })
    };
    let answer = OutgoingBody::Answer { text: "Offre n°1 enregistrée".into(), post: Some(1) };
    let edit = OutgoingBody::EditMessage { message: "9".into(), text: "fermée".into() };
    store.apply(vec![in_group("answer", "group:444", answer), in_group("edit", "444", edit)]).await.unwrap();
    for claimed in store.claim_due(Platform::Discord, "w2", 200, 260, 10).await.unwrap() {
        store.mark_failed(claimed.id, 200, "403 (Discord code 50005)", true).await.unwrap();
    }
    let parked = store.parked_messages(c, 10).await.unwrap();
    assert_eq!(keys(&parked), vec!["conf-claim-edit", "conf-claim-answer"], "parked means visible");
    assert!(store.retry_parked(c, parked[1].id, 210).await.unwrap());
    let back = store.claim_due(Platform::Discord, "w2", 210, 270, 10).await.unwrap();
    assert_eq!(keys(&back), vec!["conf-claim-answer"]);
    store.mark_sent(back[0].id, 210).await.unwrap();
    // A message scheduled for later (a follow-up) holds up nothing meant for sooner.
    let to_dan = |key: &str, not_before: i64| {
        Change::Enqueue(Outgoing {
            key: format!("conf-claim-{key}"),
            to: AccountRef::new(Platform::Discord, "c-dan"),
            body: OutgoingBody::Text { text: key.to_owned() },
            not_before,
        })
    };
    store.apply(vec![to_dan("dan-later", 5_000), to_dan("dan-now", 300), to_dan("dan-next", 300)]).await.unwrap();
    let now = store.claim_due(Platform::Discord, "w2", 300, 360, 10).await.unwrap();
    assert_eq!(keys(&now), vec!["conf-claim-dan-now"], "in order, one at a time, the follow-up aside");
    store.mark_sent(now[0].id, 300).await.unwrap();
    let next = store.claim_due(Platform::Discord, "w2", 301, 361, 10).await.unwrap();
    assert_eq!(keys(&next), vec!["conf-claim-dan-next"]);
    store.mark_sent(next[0].id, 301).await.unwrap();
    let later = store.claim_due(Platform::Discord, "w2", 5_000, 5_060, 10).await.unwrap();
    assert_eq!(keys(&later), vec!["conf-claim-dan-later"]);
    store.mark_sent(later[0].id, 5_000).await.unwrap();
    // A relay's messages not sent yet are withdrawn together, and only they.
    store
        .apply(vec![to_dan("relay:9:1", 6_000), to_dan("relay:9:2", 6_000), to_dan("relay:90:1", 6_000)])
        .await
        .unwrap();
    store.apply(vec![Change::CancelMessagesStartingWith("conf-claim-relay:9:".into())]).await.unwrap();
    let left = store.claim_due(Platform::Discord, "w2", 6_000, 6_060, 10).await.unwrap();
    assert_eq!(keys(&left), vec!["conf-claim-relay:90:1"]);
    store.mark_sent(left[0].id, 6_000).await.unwrap();
}

/// An account the platform will not write to: its message waits, later ones wait behind it,
/// and all are due once the person writes to the bot.
pub async fn unreachable_accounts(store: &dyn Store) {
    let nina = AccountRef::new(Platform::Discord, "u-nina");
    let text = |key: &str| {
        Change::Enqueue(Outgoing {
            key: format!("conf-unreachable-{key}"),
            to: nina.clone(),
            body: OutgoingBody::Text { text: key.to_owned() },
            not_before: 10,
        })
    };
    store.apply(vec![text("1"), text("2")]).await.unwrap();
    let first = store.claim_due(Platform::Discord, "w", 10, 70, 10).await.unwrap();
    let first: Vec<&OutboxMessage> = first.iter().filter(|m| m.message.to == nina).collect();
    assert_eq!(first.len(), 1);
    assert_eq!(store.unreachable_since(&nina).await.unwrap(), None);
    let hint = || Change::Hinted { account: nina.clone(), at: 12 };
    assert!(matches!(store.apply(vec![hint()]).await, Err(StoreError::Conflict(_))), "reachable: nothing to tell");
    store.mark_unreachable(first[0].id, &nina, 11, 5_000).await.unwrap();
    assert_eq!(store.unreachable_since(&nina).await.unwrap(), Some(11));
    store.apply(vec![hint()]).await.unwrap();
    assert!(matches!(store.apply(vec![hint()]).await, Err(StoreError::Conflict(_))), "told once");
    // A platform action never waits behind a message she cannot receive yet.
    let ban =
        Outgoing { key: "conf-unreachable-ban".into(), to: nina.clone(), body: OutgoingBody::Ban, not_before: 20 };
    store.apply(vec![Change::Enqueue(ban)]).await.unwrap();
    let held = store.claim_due(Platform::Discord, "w", 100, 160, 10).await.unwrap();
    let to_nina: Vec<&str> = held.iter().filter(|m| m.message.to == nina).map(|m| m.message.key.as_str()).collect();
    assert_eq!(to_nina, vec!["conf-unreachable-ban"], "her messages held, the next one behind the first; the ban goes");
    for message in held.iter().filter(|m| m.message.to == nina) {
        store.mark_sent(message.id, 100).await.unwrap();
    }
    store.apply(vec![Change::Reachable { account: nina.clone(), at: 120 }]).await.unwrap();
    assert_eq!(store.unreachable_since(&nina).await.unwrap(), None);
    let back = store.claim_due(Platform::Discord, "w", 120, 180, 10).await.unwrap();
    let back: Vec<&OutboxMessage> = back.iter().filter(|m| m.message.to == nina).collect();
    assert_eq!((back.len(), back[0].message.key.as_str(), back[0].attempts), (1, "conf-unreachable-1", 0));
    store.mark_sent(back[0].id, 120).await.unwrap();
    let next = store.claim_due(Platform::Discord, "w", 120, 180, 10).await.unwrap();
    assert!(next.iter().any(|m| m.message.key == "conf-unreachable-2"));
    for message in next {
        store.mark_sent(message.id, 120).await.unwrap();
    }
}

/// Where platforms show a post: recorded once each, read back in order.
pub async fn post_messages(store: &dyn Store) {
    let c = store.ensure_community("conf-post-messages", "P").await.unwrap().id;
    let author = new_member(store, c, "announcer").await;
    let id = store.allocate_id(IdKind::Post).await.unwrap();
    store.apply(vec![Change::InsertPost(post(id, c, author.id, PostKind::Request, Place::Online))]).await.unwrap();
    let shown = |chat: &str, message: &str| Change::InsertPostMessage {
        post: id,
        platform: Platform::Telegram,
        chat: chat.into(),
        message: message.into(),
    };
    store.apply(vec![shown("-1002", "7"), shown("-1001", "5"), shown("-1001", "5")]).await.unwrap();
    let read = store.post_messages(id).await.unwrap();
    assert_eq!(
        read,
        vec![
            (Platform::Telegram, "-1001".to_owned(), "5".to_owned()),
            (Platform::Telegram, "-1002".to_owned(), "7".to_owned())
        ]
    );
    assert!(store.post_messages(id + 1_000_000).await.unwrap().is_empty());
    // The member's own message the post was written in, kept apart from the bot's.
    let source = |message: &str| Change::InsertPostSource {
        post: id,
        platform: Platform::Telegram,
        chat: "-1001".into(),
        message: message.into(),
        author: "42".into(),
    };
    store.apply(vec![source("4"), source("4")]).await.unwrap();
    assert_eq!(
        store.post_sources(id).await.unwrap(),
        vec![(Platform::Telegram, "-1001".to_owned(), "4".to_owned(), "42".to_owned())]
    );
    assert_eq!(store.post_messages(id).await.unwrap().len(), 2, "not an announcement");
}

/// Links of invitations that expired unused are found until retired.
pub async fn dead_links(store: &dyn Store) {
    let c = store.ensure_community("conf-expired-links", "E").await.unwrap().id;
    let sponsor = new_member(store, c, "linker-sponsor").await;
    let invitation = |id: i64, code: &str, expires_at: i64| Invitation {
        id,
        community_id: c,
        code: code.into(),
        sponsor_id: sponsor.id,
        created_at: 1,
        expires_at,
        used_by: None,
        used_at: None,
        revoked_at: None,
        note: None,
    };
    let (old, fresh) =
        (store.allocate_id(IdKind::Invitation).await.unwrap(), store.allocate_id(IdKind::Invitation).await.unwrap());
    let link = |invitation: i64, link: &str| Change::InsertInvitationLink {
        invitation,
        platform: Platform::Telegram,
        link: link.into(),
        at: 1,
    };
    store
        .apply(vec![
            Change::InsertInvitation(invitation(old, "EXPIRED-LINK-CODE", 50)),
            Change::InsertInvitation(invitation(fresh, "FRESH-LINK-CODE", 500)),
            link(old, "https://t.me/+old"),
            link(fresh, "https://t.me/+fresh"),
        ])
        .await
        .unwrap();
    let found = store.dead_links(c, 100).await.unwrap();
    assert_eq!(found, vec![(old, Platform::Telegram, "https://t.me/+old".to_owned())]);
    store
        .apply(vec![Change::RetireLink { platform: Platform::Telegram, link: "https://t.me/+old".into(), at: 100 }])
        .await
        .unwrap();
    assert!(store.dead_links(c, 100).await.unwrap().is_empty(), "retired once");
    assert_eq!(store.dead_links(c, 1_000).await.unwrap().len(), 1, "the other one, once expired");
    // A link made while its invitation was being redeemed: dead at once.
    let guest = new_member(store, c, "linker-guest").await;
    store.apply(vec![Change::RedeemInvitation { id: fresh, by: guest.id, at: 60 }]).await.unwrap();
    assert_eq!(store.dead_links(c, 100).await.unwrap().len(), 1, "used: dead before it expires");
}

/// Inbound events are handled once; cursors keep their last value.
pub async fn inbound_events(store: &dyn Store) {
    let seen = |id: &str| Change::SeenEvent { platform: Platform::Telegram, event_id: id.to_owned(), at: 1 };
    assert!(!store.event_seen(Platform::Telegram, "conf-1").await.unwrap());
    let cursor = |value: &str| Change::SetCursor { name: "telegram:conf".into(), value: value.into() };
    store.apply(vec![seen("conf-1"), cursor("2")]).await.unwrap();
    assert!(store.event_seen(Platform::Telegram, "conf-1").await.unwrap());
    assert!(!store.event_seen(Platform::Matrix, "conf-1").await.unwrap(), "ids are per platform");
    let replay = store.apply(vec![cursor("9"), seen("conf-1")]).await;
    assert!(matches!(replay, Err(StoreError::DuplicateEvent)));
    assert_eq!(store.cursor("telegram:conf").await.unwrap().as_deref(), Some("2"), "a replay changes nothing");
    store.apply(vec![seen("conf-2"), cursor("3")]).await.unwrap();
    assert_eq!(store.cursor("telegram:conf").await.unwrap().as_deref(), Some("3"));
    assert_eq!(store.cursor("matrix:none").await.unwrap(), None);
}

/// Time credits: a transaction debits one member and credits another (balances sum to zero),
/// its cause is recorded once, and a correction is another transaction.
pub async fn ledger(store: &dyn Store) {
    let c = store.ensure_community("conf-ledger", "L").await.unwrap().id;
    let (ann, bea) = (new_member(store, c, "ledger-ann").await, new_member(store, c, "ledger-bea").await);
    let transfer = |id: i64, cause: &str, from: MemberId, to: MemberId, minutes: i64| Transfer {
        id,
        community_id: c,
        cause: cause.into(),
        from,
        to,
        minutes,
        request_id: None,
        corrects: None,
        reason: None,
        at: 10,
    };
    let first = store.allocate_id(IdKind::Transfer).await.unwrap();
    store.apply(vec![Change::Transfer(transfer(first, "conf-paid:1", ann.id, bea.id, 90))]).await.unwrap();
    let again = store.allocate_id(IdKind::Transfer).await.unwrap();
    let twice = store.apply(vec![Change::Transfer(transfer(again, "conf-paid:1", ann.id, bea.id, 90))]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "a cause is paid once: {twice:?}");
    assert_eq!((store.balance(ann.id).await.unwrap(), store.balance(bea.id).await.unwrap()), (-90, 90));
    let correction = Transfer {
        corrects: Some(first),
        reason: Some("wrong hours".into()),
        ..transfer(again, &format!("conf-correction:{first}"), bea.id, ann.id, 30)
    };
    store.apply(vec![Change::Transfer(correction.clone())]).await.unwrap();
    assert_eq!((store.balance(ann.id).await.unwrap(), store.balance(bea.id).await.unwrap()), (-60, 60));
    assert_eq!(store.ledger_sum(c).await.unwrap(), 0);
    assert_eq!(
        store.transfers_of(bea.id, 10).await.unwrap(),
        vec![correction.clone(), transfer(first, "conf-paid:1", ann.id, bea.id, 90)]
    );
    assert_eq!(store.transfer(c, again).await.unwrap(), Some(correction));
    let other = store.ensure_community("conf-ledger-other", "M").await.unwrap().id;
    assert_eq!(store.transfer(other, again).await.unwrap(), None, "another community's");
}

#[cfg(test)]
mod memory_store {
    async fn fresh() -> ((), Box<crate::memory::MemoryStore>) {
        ((), Box::new(crate::memory::MemoryStore::new()))
    }

    crate::conformance_tests!(fresh);
}
