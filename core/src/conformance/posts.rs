//! Conformance checks on posts, matches, declines and where platforms show posts.

#[allow(clippy::wildcard_imports)]
use super::*;

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
    let stale: Vec<i64> =
        store.stale_posts(c, PostKind::Request, 10, 100).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(stale, vec![request], "open or proposed requests untouched since the cutoff");
    let since_nine = store.stale_posts(c, PostKind::Request, 9, 100).await.unwrap();
    assert!(since_nine.is_empty(), "a proposal at 9 counts as activity");
    let offers: Vec<i64> = store.stale_posts(c, PostKind::Offer, 10, 100).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(offers, vec![ids[1], ids[2], banned_post], "open offers, closed ones left out");
    // A renewal puts an offer last; a round reads the least recently active first, `limit`
    // at most.
    store
        .apply(vec![Change::SetPostState { id: ids[1], from: vec![PostState::Open], to: PostState::Open, at: 8 }])
        .await
        .unwrap();
    let first: Vec<i64> = store.stale_posts(c, PostKind::Offer, 10, 2).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(first, vec![ids[2], banned_post]);
    // Reminders: the posts last active within the window whose authors were not reminded of
    // that activity yet; a reminder once marked stands until the next activity.
    let to_remind = |after: i64, limit: usize| async move {
        let due = store.posts_to_remind(c, PostKind::Offer, after, 10, limit).await.unwrap();
        due.iter().map(|p| p.id).collect::<Vec<i64>>()
    };
    assert_eq!(to_remind(0, 100).await, vec![ids[2], banned_post, ids[1]]);
    assert_eq!(to_remind(5, 100).await, vec![ids[1]], "the window's start is left out");
    let until_eight = store.posts_to_remind(c, PostKind::Offer, 0, 8, 100).await.unwrap();
    assert_eq!(until_eight.iter().map(|p| p.id).collect::<Vec<_>>(), vec![ids[2], banned_post], "and its end");
    assert_eq!(to_remind(0, 1).await, vec![ids[2]]);
    store
        .apply(vec![
            Change::RemindedPost { id: ids[2], updated_at: 5 },
            Change::RemindedPost { id: ids[1], updated_at: 8 },
        ])
        .await
        .unwrap();
    assert_eq!(to_remind(0, 100).await, vec![banned_post]);
    let renewed = store.post(ids[1]).await.unwrap().unwrap();
    assert_eq!(renewed.updated_at, 8, "a reminder is no activity");
    store
        .apply(vec![Change::SetPostState { id: ids[1], from: vec![PostState::Open], to: PostState::Open, at: 9 }])
        .await
        .unwrap();
    assert_eq!(to_remind(0, 100).await, vec![banned_post, ids[1]], "renewed, it is reminded again");
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
    // Many read at once: only those that exist, in id order, each once, however many asked.
    let mut many: Vec<i64> = (1_000_000..1_000_600).collect();
    many.extend([offer, request, offer]);
    let read: Vec<i64> = store.posts_by_id(&many).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(read, vec![request.min(offer), request.max(offer)]);
    assert_eq!(
        store.posts_by_id(&[request]).await.unwrap()[0],
        post(request, c, requester.id, PostKind::Request, Place::Online)
    );
    assert!(store.posts_by_id(&[]).await.unwrap().is_empty());
    let mut many: Vec<i64> = (1_000_000..1_000_600).collect();
    many.extend([helper.id, requester.id]);
    assert_eq!(store.members_by_id(&many).await.unwrap(), vec![requester.clone(), helper.clone()], "in id order");
    assert!(store.members_by_id(&[]).await.unwrap().is_empty());
    // A helper's recent asks: as the helper only, from a time on.
    assert_eq!(store.asks_since(&[helper.id, 999_999], 3).await.unwrap(), vec![found.clone()]);
    assert!(store.asks_since(&[helper.id], 4).await.unwrap().is_empty(), "older than the period");
    assert!(store.asks_since(&[requester.id], 0).await.unwrap().is_empty(), "the requester is no helper");
    assert!(store.asks_since(&[], 0).await.unwrap().is_empty());
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
    // The other way round, earlier: both helpers' asks, oldest first, whatever their place
    // in a long list.
    let back = Match {
        id: store.allocate_id(IdKind::Match).await.unwrap(),
        requester_id: helper.id,
        helper_id: requester.id,
        created_at: 2,
        updated_at: 2,
        ..found.clone()
    };
    store.apply(vec![Change::InsertMatch(back.clone())]).await.unwrap();
    let mut helpers: Vec<i64> = (1_000_000..1_000_600).collect();
    helpers.extend([helper.id, requester.id]);
    let asks: Vec<(i64, i64)> =
        store.asks_since(&helpers, 0).await.unwrap().iter().map(|m| (m.id, m.helper_id)).collect();
    assert_eq!(asks, vec![(back.id, requester.id), (id, helper.id)]);
}

pub async fn declines_and_excluded_needs(store: &dyn Store) {
    let c = store.ensure_community("conf-declines", "D").await.unwrap().id;
    let requester = new_member(store, c, "requester").await;
    let helper = new_member(store, c, "helper").await;
    let request = store.allocate_id(IdKind::Post).await.unwrap();
    let offer = store.allocate_id(IdKind::Post).await.unwrap();
    let (yes, no) = (store.allocate_id(IdKind::Match).await.unwrap(), store.allocate_id(IdKind::Match).await.unwrap());
    let ask = |id| an_ask(id, (request, offer), requester.id, helper.id, 100);
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
    let activity = store.activity(c, 0, 200).await.unwrap();
    let mut asks = activity.asks.clone();
    asks.sort_by_key(|ask| ask.accepted);
    assert_eq!(asks.len(), 2);
    assert_eq!(
        (asks[0].accepted, asks[0].reason, asks[0].waiting, asks[0].count),
        (false, Some(DeclineReason::NotMine), false, 1)
    );
    assert_eq!((asks[1].accepted, asks[1].reason, asks[1].topic.as_str()), (true, None, "tools"));
    assert!(!asks[1].waiting && asks[1].week == 0);
    assert!(store.activity(c, 101, 200).await.unwrap().asks.is_empty(), "asks before the period are left out");
    store.apply(vec![Change::RestoreNeeds { offer }]).await.unwrap();
    assert!(store.excluded_needs(c).await.unwrap().is_empty());
}

/// The statistics' requests and asks: counted by category, place, state and week of the
/// period, and the median delay to each request's first yes.
pub async fn request_counts(store: &dyn Store) {
    let c = store.ensure_community("conf-request-counts", "R").await.unwrap().id;
    let other = store.ensure_community("conf-request-counts-other", "O").await.unwrap().id;
    let requester = new_member(store, c, "requester").await;
    let helper = new_member(store, c, "helper").await;
    let stranger = new_member(store, other, "stranger").await;
    let week = 7 * 86_400;
    let since = 1_000;
    let lyon = || Place::Local("Lyon".into());
    // (community, kind, category, place, state, created_at)
    let rows = [
        (c, PostKind::Request, Category::Lend, lyon(), PostState::Done, since),
        (c, PostKind::Request, Category::Lend, lyon(), PostState::Done, since + 10),
        (c, PostKind::Request, Category::Lend, lyon(), PostState::Expired, since + 20),
        (c, PostKind::Request, Category::Skill, Place::Online, PostState::Open, since + week),
        (c, PostKind::Request, Category::Lend, Place::Unknown, PostState::Closed, since + 2 * week + 5),
        // Left out: before the period, an offer, another community's request.
        (c, PostKind::Request, Category::Lend, lyon(), PostState::Done, since - 1),
        (c, PostKind::Offer, Category::Lend, lyon(), PostState::Open, since + 30),
        (other, PostKind::Request, Category::Lend, lyon(), PostState::Done, since + 40),
    ];
    let mut posts = Vec::new();
    for (community, kind, category, place, state, created_at) in rows {
        let id = store.allocate_id(IdKind::Post).await.unwrap();
        let author = if community == c { requester.id } else { stranger.id };
        posts.push(Post {
            category,
            state,
            created_at,
            updated_at: created_at,
            ..post(id, community, author, kind, place)
        });
    }
    let offer = posts[6].id;
    let mut changes: Vec<Change> = posts.iter().cloned().map(Change::InsertPost).collect();
    // The first request: asked twice, yes after 100 s and after 60 s; the second: yes after
    // 5 s, given once asked.
    let mut asked_second = 0;
    for (request, accepted_after) in [(0, 100), (0, 60), (1, 5)] {
        let post: &Post = &posts[request];
        let asked = post.created_at + 1;
        let id = store.allocate_id(IdKind::Match).await.unwrap();
        if request == 1 {
            asked_second = id;
        }
        changes.push(Change::InsertMatch(Match {
            state: if request == 0 { MatchState::Accepted } else { MatchState::Asked },
            accepted_at: (request == 0).then_some(post.created_at + accepted_after),
            ..an_ask(id, (post.id, offer), requester.id, helper.id, asked)
        }));
    }
    store.apply(changes).await.unwrap();
    let at = posts[1].created_at + 5;
    store
        .apply(vec![Change::SetMatchState { id: asked_second, from: MatchState::Asked, to: MatchState::Accepted, at }])
        .await
        .unwrap();
    let activity = store.activity(c, since, since + 3 * week).await.unwrap();
    let (mut counted, mut weeks) = (activity.requests.clone(), activity.weeks.clone());
    counted.sort();
    weeks.sort();
    assert_eq!((counted.clone(), weeks.clone()), crate::stats::count_requests(&posts[..5], since));
    assert_eq!(counted.len(), 4, "the two met in Lyon together");
    assert_eq!(counted.iter().map(|c| c.count).sum::<u64>(), 5);
    assert_eq!(weeks.iter().map(|w| (w.week, w.count)).collect::<Vec<_>>(), vec![(0, 2), (0, 1), (1, 1), (2, 1)]);
    assert_eq!(activity.median_first_help, Some(32), "the first yes of each request helped: 5 s and 60 s");
    // Three asks about two requests, alike (first week, accepted, requests met): counted
    // together or one by one, as the store likes.
    assert_eq!(activity.asks.iter().map(|ask| ask.count).sum::<u64>(), 3);
    assert!(activity.asks.iter().all(|ask| ask.week == 0 && ask.accepted && !ask.waiting));
}

/// The statistics' asks over a long period: the same whether the store counts the settled
/// days as asks are made and answered, or reads every ask. Asks still unanswered wait while
/// their request is open and they are less than three days old.
pub async fn ask_counts(store: &dyn Store) {
    use crate::stats::Ask;
    use std::collections::BTreeMap;
    let day = 86_400;
    let c = store.ensure_community("conf-ask-counts", "A").await.unwrap().id;
    let other = store.ensure_community("conf-ask-counts-other", "O").await.unwrap().id;
    let requester = new_member(store, c, "requester").await;
    let helper = new_member(store, c, "helper").await;
    let stranger = new_member(store, other, "stranger").await;
    let mut ids = Vec::new();
    for _ in 0..4 {
        ids.push(store.allocate_id(IdKind::Post).await.unwrap());
    }
    let (request, closed, offer, elsewhere) = (ids[0], ids[1], ids[2], ids[3]);
    let made = |id, community, author, kind, topic: &str| Post {
        topic: topic.into(),
        created_at: 9 * day,
        ..post(id, community, author, kind, Place::Online)
    };
    let mut changes = vec![
        Change::InsertPost(made(request, c, requester.id, PostKind::Request, "tools")),
        Change::InsertPost(Post { state: PostState::Done, ..made(closed, c, requester.id, PostKind::Request, "pets") }),
        Change::InsertPost(made(offer, c, helper.id, PostKind::Offer, "tools")),
        Change::InsertPost(made(elsewhere, other, stranger.id, PostKind::Request, "tools")),
    ];
    // (request, asked at, then: 0 nothing, 1 yes, 2 "not now", 3 "not what I offer")
    let asked = [
        (request, 10 * day - 1, 1), // before the period (it starts at midnight on day 10)
        (request, 10 * day + 7_200, 1),
        (request, 11 * day, 2),
        (request, 11 * day + 1, 0),
        (closed, 12 * day, 3),
        (request, 17 * day - 1, 1), // the last second of the first week
        (closed, 18 * day + 6, 0),
        (request, 22 * day - 1, 1), // the last day counted by day (three days before day 25)
        (closed, 22 * day, 0),      // the first ask read one by one
        (request, 24 * day, 0),     // less than three days before the end: waits
        (closed, 24 * day, 0),      // its request is done: never answered
        (elsewhere, 12 * day, 0),   // another community's
    ];
    let mut answers = Vec::new();
    for (about, at, answer) in asked {
        let id = store.allocate_id(IdKind::Match).await.unwrap();
        changes.push(Change::InsertMatch(an_ask(id, (about, offer), requester.id, helper.id, at)));
        answers.push((id, at, answer));
    }
    store.apply(changes).await.unwrap();
    // Answered afterwards, as helpers do.
    for (id, at, answer) in answers {
        let mut changes = Vec::new();
        match answer {
            1 => changes.push(Change::SetMatchState {
                id,
                from: MatchState::Asked,
                to: MatchState::Accepted,
                at: at + 60,
            }),
            2 | 3 => {
                changes.push(Change::SetMatchState {
                    id,
                    from: MatchState::Asked,
                    to: MatchState::Declined,
                    at: at + 60,
                });
                let reason = if answer == 2 { DeclineReason::NotNow } else { DeclineReason::NotMine };
                changes.push(Change::SetDeclineReason { id, reason });
            }
            _ => {}
        }
        store.apply(changes).await.unwrap();
    }
    let (since, now) = (10 * day, 25 * day + 3_600);
    let mut counted: BTreeMap<(String, i64, bool, Option<DeclineReason>, bool), u64> = BTreeMap::new();
    for ask in store.activity(c, since, now).await.unwrap().asks {
        *counted.entry((ask.topic, ask.week, ask.accepted, ask.reason, ask.waiting)).or_default() += ask.count;
    }
    let ask =
        |topic: &str, week, accepted, reason, waiting, n| ((topic.to_owned(), week, accepted, reason, waiting), n);
    let expected: BTreeMap<_, u64> = [
        ask("tools", 0, true, None, false, 2),
        ask("tools", 0, false, Some(DeclineReason::NotNow), false, 1),
        ask("tools", 0, false, None, false, 1),
        ask("pets", 0, false, Some(DeclineReason::NotMine), false, 1),
        ask("tools", 1, true, None, false, 1),
        ask("pets", 1, false, None, false, 2),
        ask("tools", 2, false, None, true, 1),
        ask("pets", 2, false, None, false, 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(counted, expected);
    let total = |asks: Vec<Ask>| asks.iter().map(|ask| ask.count).sum::<u64>();
    // A period that starts at 01:00 (read ask by ask); one day long; one whose asks are all
    // settled.
    assert_eq!(total(store.activity(c, since + 3_600, now).await.unwrap().asks), 10);
    assert_eq!(total(store.activity(c, 24 * day, now).await.unwrap().asks), 2);
    assert_eq!(total(store.activity(c, 11 * day, 30 * day).await.unwrap().asks), 9);
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

/// Posts' analyses kept between starts: read back by the same fingerprint and community only,
/// for posts still open, one a post, and gone once a post closes or its author is erased.
pub async fn kept_analyses(store: &dyn Store) {
    let c = store.ensure_community("conf-analyses", "A").await.unwrap().id;
    let author = new_member(store, c, "author").await;
    let other = new_member(store, c, "other").await;
    let mut ids = Vec::new();
    for (kind, author) in [(PostKind::Offer, &author), (PostKind::Offer, &other), (PostKind::Request, &author)] {
        let id = store.allocate_id(IdKind::Post).await.unwrap();
        store.apply(vec![Change::InsertPost(post(id, c, author.id, kind, Place::Online))]).await.unwrap();
        ids.push(id);
    }
    let (offer, others_offer, request) = (ids[0], ids[1], ids[2]);
    let closed = store.allocate_id(IdKind::Post).await.unwrap();
    let mut closed_post = post(closed, c, author.id, PostKind::Offer, Place::Online);
    closed_post.state = PostState::Closed;
    store.apply(vec![Change::InsertPost(closed_post)]).await.unwrap();
    let keep = |fingerprint: &str, analyses: &[(i64, &str)]| Change::KeepAnalyses {
        fingerprint: fingerprint.into(),
        analyses: analyses.iter().map(|(id, text)| (*id, text.as_bytes().to_vec())).collect(),
    };
    let bytes = |text: &str| text.as_bytes().to_vec();
    let kept = |kind: PostKind, fingerprint: &'static str| async move {
        let mut kept = store.kept_analyses(c, kind, fingerprint).await.unwrap();
        kept.sort();
        kept
    };
    let elsewhere = store.ensure_community("conf-analyses-2", "B").await.unwrap().id;
    let stranger = new_member(store, elsewhere, "stranger").await;
    let foreign = store.allocate_id(IdKind::Post).await.unwrap();
    store
        .apply(vec![Change::InsertPost(post(foreign, elsewhere, stranger.id, PostKind::Offer, Place::Online))])
        .await
        .unwrap();
    // Given twice, a post keeps the last one.
    store
        .apply(vec![keep(
            "one",
            &[(offer, "x"), (foreign, "f"), (others_offer, "b"), (request, "r"), (closed, "c"), (offer, "{\"a\":1}")],
        )])
        .await
        .unwrap();
    assert_eq!(kept(PostKind::Offer, "one").await, vec![(offer, bytes("{\"a\":1}")), (others_offer, bytes("b"))]);
    assert_eq!(kept(PostKind::Request, "one").await, vec![(request, bytes("r"))]);
    assert!(kept(PostKind::Offer, "two").await.is_empty(), "another build reads the posts again");
    store.apply(vec![keep("two", &[(offer, "a2")])]).await.unwrap();
    assert_eq!(
        kept(PostKind::Offer, "two").await,
        vec![(offer, bytes("a2"))],
        "a new build's analysis replaces the old"
    );
    assert_eq!(kept(PostKind::Offer, "one").await, vec![(others_offer, bytes("b"))]);
    store
        .apply(vec![Change::SetPostState { id: offer, from: vec![PostState::Open], to: PostState::Closed, at: 9 }])
        .await
        .unwrap();
    assert!(kept(PostKind::Offer, "two").await.is_empty(), "a closed post keeps no analysis");
    store
        .apply(vec![Change::SetPostState { id: offer, from: vec![PostState::Closed], to: PostState::Open, at: 10 }])
        .await
        .unwrap();
    assert!(kept(PostKind::Offer, "two").await.is_empty(), "gone when it closed, not only out of sight");
    assert_eq!(store.kept_analyses(elsewhere, PostKind::Offer, "one").await.unwrap(), vec![(foreign, bytes("f"))]);
    store
        .apply(vec![Change::Erase { id: other.id, name: "other".into(), pseudonym: "membre-y".into() }])
        .await
        .unwrap();
    assert!(kept(PostKind::Offer, "one").await.is_empty(), "an erased member's posts keep no analysis");
    assert_eq!(kept(PostKind::Request, "one").await, vec![(request, bytes("r"))], "others' posts keep theirs");
}

/// `helper` asked at `at` about a request and an offer (in that order), online, not answered.
fn an_ask(
    id: i64,
    (request_id, offer_id): (crate::model::PostId, crate::model::PostId),
    requester_id: MemberId,
    helper_id: MemberId,
    at: i64,
) -> Match {
    Match {
        id,
        request_id,
        offer_id,
        requester_id,
        helper_id,
        score: 0.5,
        reasons: vec![Reason::Online],
        state: MatchState::Asked,
        created_at: at,
        updated_at: at,
        accepted_at: None,
        relay_closed_at: None,
        decline_reason: None,
    }
}
