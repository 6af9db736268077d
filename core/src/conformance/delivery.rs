//! Conformance checks on the outbox, held answers, claims, inbound events and reachability.

#[allow(clippy::wildcard_imports)]
use super::*;

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
    let asked: Vec<String> = ["conf-0", "conf-1", "conf-9"].map(String::from).into();
    assert_eq!(store.events_seen(Platform::Telegram, &asked).await.unwrap(), ["conf-1"]);
    assert!(store.events_seen(Platform::Matrix, &asked).await.unwrap().is_empty(), "ids are per platform");
    assert!(store.events_seen(Platform::Telegram, &[]).await.unwrap().is_empty());
    let many: Vec<String> = (0..1_200).map(|n| format!("conf-{n}")).collect();
    assert_eq!(store.events_seen(Platform::Telegram, &many).await.unwrap(), ["conf-1"], "past one batch");
    let replay = store.apply(vec![cursor("9"), seen("conf-1")]).await;
    assert!(matches!(replay, Err(StoreError::DuplicateEvent)));
    assert_eq!(store.cursor("telegram:conf").await.unwrap().as_deref(), Some("2"), "a replay changes nothing");
    store.apply(vec![seen("conf-2"), cursor("3")]).await.unwrap();
    assert_eq!(store.cursor("telegram:conf").await.unwrap().as_deref(), Some("3"));
    assert_eq!(store.cursor("matrix:none").await.unwrap(), None);
}
