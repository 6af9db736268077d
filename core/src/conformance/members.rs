//! Conformance checks on communities, members, accounts, invitations, vouches and held
//! joins.

#[allow(clippy::wildcard_imports)]
use super::*;

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
    // Which of many accounts are linked already, in one read: this community's only.
    let mut asked: Vec<AccountRef> = (0..1_200).map(|k| AccountRef::new(Platform::Discord, k.to_string())).collect();
    asked.push(AccountRef::new(Platform::Matrix, "@elodie:example.org"));
    asked.push(AccountRef::new(Platform::Telegram, "4242"));
    let mut linked = store.linked_among(c, &asked).await.unwrap();
    linked.sort_by_key(|account| account.platform.as_str());
    assert_eq!(linked, asked[1_200..].to_vec());
    assert!(store.linked_among(other, &asked).await.unwrap().is_empty());
    // Accounts written together are refused together when one of them is linked already.
    let refused = store
        .apply(vec![
            Change::LinkAccount(account(Platform::Discord, "7001", alice.id, c, 30)),
            Change::LinkAccount(account(Platform::Telegram, "4242", alice.id, c, 30)),
        ])
        .await;
    assert!(matches!(refused, Err(StoreError::Conflict(_))), "{refused:?}");
    assert_eq!(store.account(c, &AccountRef::new(Platform::Discord, "7001")).await.unwrap(), None);
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
    // Handed over in slices, the same: the second slice's conflict takes back the first.
    let id = store.allocate_id(IdKind::Member).await.unwrap();
    let mut slices = [
        vec![Change::InsertMember(member(id, c, "third"))],
        vec![Change::LinkAccount(account(Platform::Discord, "77", id, c, 3))],
    ]
    .into_iter();
    let result = store.apply_in_slices(&mut slices).await;
    assert!(matches!(result, Err(StoreError::Conflict(_))), "{result:?}");
    assert_eq!(store.member(id).await.unwrap(), None, "the first slice's member is not there");
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
    assert!(store.sponsored(second.id).await.unwrap().is_empty());
    store.apply(vec![Change::Admit { id, sponsor: second.id, at: 9 }]).await.unwrap();
    let admitted = store.member(id).await.unwrap().unwrap();
    assert_eq!((admitted.status, admitted.joined_at, admitted.sponsor_id), (MemberStatus::Active, 9, Some(second.id)));
    assert!(store.candidates(c).await.unwrap().is_empty());
    let children = store.sponsored(second.id).await.unwrap();
    assert_eq!(children, vec![(id, 0)], "admission sets the sponsor of someone who applied");
    let again = store.apply(vec![Change::Admit { id, sponsor: first.id, at: 10 }]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "admitted once");
}

pub async fn sponsored(store: &dyn Store) {
    let c = store.ensure_community("conf-tree", "T").await.unwrap().id;
    let founder = new_member(store, c, "founder").await;
    let other = new_member(store, c, "other").await;
    // founder → a → (b → d, c); other → e: only founder's side, at every depth.
    let mut ids = Vec::new();
    for (name, sponsor) in [("a", 0), ("b", 1), ("c", 1), ("d", 2), ("e", usize::MAX)] {
        let id = store.allocate_id(IdKind::Member).await.unwrap();
        let sponsor_id = match sponsor {
            0 => founder.id,
            usize::MAX => other.id,
            k => ids[k - 1],
        };
        let m = Member { sponsor_id: Some(sponsor_id), ..member(id, c, name) };
        store.apply(vec![Change::InsertMember(m)]).await.unwrap();
        ids.push(id);
    }
    let (a, b, cc, d, e) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
    assert_eq!(store.sponsored(founder.id).await.unwrap(), vec![(a, 3)]);
    assert_eq!(store.sponsored(a).await.unwrap(), vec![(b, 1), (cc, 0)], "oldest first, with who is below");
    assert_eq!(store.sponsored(other.id).await.unwrap(), vec![(e, 0)]);
    assert!(store.sponsored(d).await.unwrap().is_empty(), "a leaf brought nobody in");
    // A candidate who applied without a sponsor, with someone already below them, joins the
    // tree of the member who admits them, and brings their own.
    let candidate = store.allocate_id(IdKind::Member).await.unwrap();
    let below = store.allocate_id(IdKind::Member).await.unwrap();
    store
        .apply(vec![
            Change::InsertMember(Member { status: MemberStatus::Candidate, ..member(candidate, c, "candidate") }),
            Change::InsertMember(Member { sponsor_id: Some(candidate), ..member(below, c, "below") }),
            Change::Admit { id: candidate, sponsor: d, at: 9 },
        ])
        .await
        .unwrap();
    assert_eq!(store.sponsored(d).await.unwrap(), vec![(candidate, 1)]);
    assert_eq!(store.sponsored(founder.id).await.unwrap(), vec![(a, 5)]);
    assert_eq!(store.sponsored(b).await.unwrap(), vec![(d, 2)]);
    // An import: more than a thousand joining in one change list (more than one statement's
    // worth), a chain 600 deep under `e` and 605 more beside its head, each counted once
    // above them; then their accounts.
    let first = store.allocate_ids(IdKind::Member, 1_205).await.unwrap();
    let joining = (0..1_205).map(|k| {
        let sponsor = if k == 0 || k >= 600 { e } else { first + k - 1 };
        Change::InsertMember(Member { sponsor_id: Some(sponsor), ..member(first + k, c, &format!("i{k}")) })
    });
    let linking =
        (0..1_205).map(|k| Change::LinkAccount(account(Platform::Discord, &format!("i{k}"), first + k, c, 1)));
    // Handed over in slices that cut both runs (as `import` does): the counts above still
    // add up across them.
    let changes: Vec<Change> = joining.chain(linking).collect();
    let mut slices = changes.chunks(1_100).map(<[Change]>::to_vec);
    store.apply_in_slices(&mut slices).await.unwrap();
    let below_e = store.sponsored(e).await.unwrap();
    assert_eq!(below_e.len(), 606);
    assert_eq!(below_e[0], (first, 599), "the chain's head has the 599 after it below");
    assert_eq!(store.sponsored(first + 298).await.unwrap(), vec![(first + 299, 300)]);
    assert_eq!(store.sponsored(other.id).await.unwrap(), vec![(e, 1_205)]);
    let linked: Vec<AccountRef> = (0..1_205).map(|k| AccountRef::new(Platform::Discord, format!("i{k}"))).collect();
    assert_eq!(store.linked_among(c, &linked).await.unwrap().len(), 1_205);
    assert_eq!(store.accounts_of(first + 1_204).await.unwrap()[0].account.user_id, "i1204");
    assert_eq!(store.sponsored(founder.id).await.unwrap(), vec![(a, 5)], "another tree is left alone");
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
