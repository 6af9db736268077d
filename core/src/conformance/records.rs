//! Conformance checks on the census, the audit log, moderation and the ledger.

#[allow(clippy::wildcard_imports)]
use super::*;

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
            from_web: i == 3,
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
    // Words of the reasons, whatever their letters' case; `%` and `_` are no wildcards.
    let words = |words: &str| AuditQuery { words: Some(words.into()), ..latest.clone() };
    assert_eq!(store.audit(c, &words("RAISON 3")).await.unwrap(), vec![entries[3].clone()]);
    assert_eq!(store.audit(c, &words("« spam »")).await.unwrap().len(), 3, "a page at most");
    // Other letters as written, on every backend alike.
    assert_eq!(store.audit(c, &words("— « SPAM")).await.unwrap().len(), 3);
    for nothing in ["raison%", "raison_3", "4\\"] {
        assert!(store.audit(c, &words(nothing)).await.unwrap().is_empty(), "{nothing}");
    }
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
                from_web: false,
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
