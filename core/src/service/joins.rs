//! Joins seen on the platforms: each attributed to the invitation whose native link it used,
//! or held for moderators (never guessed), who let the person in or turn them away
//! (`/arrivees`, `/approuver`, `/rejeter`).

#[allow(clippy::wildcard_imports)]
use super::*;

impl Service {
    /// A platform reports that someone joined a community group. A join through an
    /// invitation's native link makes them a member (like `/rejoindre`); a join that nothing
    /// explains, or that could be one of several invitations, is held for moderators, who
    /// are told. Never guessed.
    pub async fn member_joined(&self, event: JoinEvent) -> Result<JoinOutcome, StoreError> {
        self.refresh_settings().await?;
        let platform = event.account.platform;
        ACTING_PLATFORM.scope(platform, self.attribute_join(event)).await
    }

    async fn attribute_join(&self, event: JoinEvent) -> Result<JoinOutcome, StoreError> {
        let now = self.clock.now();
        if let Some(account) = self.store.account(self.community.id, &event.account).await? {
            let member = self.store.member(account.member_id).await?;
            // A sanction follows the person: back in a group, they are removed or restricted again.
            let (body, outcome) = match member.as_ref().map(|m| (m.status, m.suspended_until)) {
                Some((MemberStatus::Banned, _)) => (OutgoingBody::Ban, JoinOutcome::Banned),
                Some((MemberStatus::Suspended, until)) => {
                    (OutgoingBody::Restrict { until: until.unwrap_or(now) }, JoinOutcome::Restricted)
                }
                // A member back in a group: let in where the platform gates (Discord's role).
                Some((MemberStatus::Active, _)) if event.account.platform.gates_with_role() => {
                    (OutgoingBody::Admit, JoinOutcome::AlreadyMember)
                }
                _ => return Ok(JoinOutcome::AlreadyMember),
            };
            let again = Change::Enqueue(Outgoing {
                key: format!("rejoined:{}:{now}", event.account),
                to: event.account.clone(),
                body,
                not_before: now,
            });
            self.commit(vec![again]).await?;
            return Ok(outcome);
        }
        // An account of a banned person who erased their data: still banned; of a suspended
        // one, removed (not banned: the suspension ends).
        if let Some(until) = self.barred(&event.account).await? {
            self.commit(vec![Change::Enqueue(Outgoing {
                key: format!("rejoined:{}:{now}", event.account),
                to: event.account.clone(),
                body: if until.is_none() { OutgoingBody::Ban } else { OutgoingBody::Remove },
                not_before: now,
            })])
            .await?;
            return Ok(JoinOutcome::Banned);
        }
        let links = match &event.evidence {
            JoinEvidence::InviteLink(link) => vec![link.clone()],
            JoinEvidence::Ambiguous(links) => links.clone(),
            JoinEvidence::Unknown => Vec::new(),
        };
        let mut candidates = Vec::new();
        for link in &links {
            if let Some(invitation) = self.store.invitation_by_link(event.account.platform, link).await?
                && invitation.community_id == self.community.id
            {
                candidates.push(invitation);
            }
        }
        let lang = event.lang.unwrap_or(self.settings().default_lang);
        if let (JoinEvidence::InviteLink(_), [invitation]) = (&event.evidence, candidates.as_slice()) {
            match self.redeem(&event.account, &event.display_name, lang, invitation.clone(), true).await {
                Ok((_, member)) => {
                    let joined = self.store.member(member).await?;
                    let status = joined.as_ref().map(|joined| joined.status);
                    match (event.request, status, joined) {
                        // Someone who asked to join with a link waits outside until let in.
                        (true, Some(MemberStatus::Active), Some(joined)) => {
                            self.commit(self.admissions(&joined, true).await?).await?;
                        }
                        // In, through their invitation: let into the rest (Matrix's other
                        // rooms, Discord's member role).
                        (false, Some(MemberStatus::Active), Some(joined)) => {
                            self.commit(self.admissions(&joined, false).await?).await?;
                        }
                        // A candidate already inside (Matrix invites them): may read, not post,
                        // until enough members vouch (their admission lifts it).
                        (false, Some(MemberStatus::Candidate), _) => {
                            self.commit(vec![Change::Enqueue(Outgoing {
                                key: format!("candidate-restrict:{member}:{now}"),
                                to: event.account.clone(),
                                body: OutgoingBody::Restrict { until: now + HELD_RESTRICTION },
                                not_before: now,
                            })])
                            .await?;
                        }
                        _ => {}
                    }
                    return Ok(JoinOutcome::Joined(member));
                }
                // A used, expired or revoked link: a moderator decides.
                Err(Failure::Refused(_)) => {}
                Err(Failure::Store(error)) => return Err(error),
            }
        }
        // Arriving in another of the community's groups while held is the same arrival:
        // restricted there too, and moderators are not asked twice.
        let open = self.store.open_held_joins(self.community.id).await?;
        if let Some(held) = open.into_iter().find(|held| held.account == event.account) {
            if !event.request {
                self.commit(vec![Change::Enqueue(Outgoing {
                    key: format!("held-restrict:{}:{now}", held.id),
                    to: held.account.clone(),
                    body: OutgoingBody::Restrict { until: now + HELD_RESTRICTION },
                    not_before: now,
                })])
                .await?;
            }
            return Ok(JoinOutcome::Held(held.id));
        }
        let held = HeldJoin {
            id: self.store.allocate_id(IdKind::HeldJoin).await?,
            community_id: self.community.id,
            account: event.account.clone(),
            display_name: display_name(&event.display_name, &event.account),
            candidates: candidates.iter().map(|i| i.id).collect(),
            created_at: now,
            settled_by: None,
            outcome: None,
            settled_at: None,
        };
        // Until a moderator decides, they can read the group but not post in it (someone who
        // asked to join simply waits outside).
        let mut changes = vec![Change::InsertHeldJoin(held.clone())];
        if !event.request {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("held-restrict:{}", held.id),
                to: held.account.clone(),
                body: OutgoingBody::Restrict { until: now + HELD_RESTRICTION },
                not_before: now,
            }));
        }
        // The newcomer learns why they cannot post yet, that they will be told, and how long
        // moderators usually take.
        let lang = event.lang.unwrap_or(self.settings().default_lang);
        let args = [("name", held.display_name.as_str().into()), ("community", self.community.name.as_str().into())];
        let mut text = catalog::text(lang, "held-newcomer", &args);
        let settled = self.store.settled_held_joins(self.community.id, rules::TYPICAL_WAIT_SAMPLE).await?;
        if let Some(wait) = rules::typical_wait(&settled) {
            let wait = rules::wait_in_words(lang, wait);
            text = format!("{text} {}", catalog::text(lang, "held-newcomer-typical", &[("wait", wait.into())]));
        }
        changes.push(Change::Enqueue(Outgoing {
            key: format!("held-newcomer:{}", held.id),
            to: held.account.clone(),
            body: OutgoingBody::Text { text },
            not_before: now,
        }));
        for moderator in self.store.moderators(self.community.id).await? {
            let text = self.held_line(&held, moderator.lang, "held-join-notice").await?;
            changes.extend(
                self.private_message(&moderator, format!("held:{}:{}", held.id, moderator.id), text, now).await?,
            );
        }
        self.commit(changes).await?;
        tracing::info!(held = held.id, platform = %held.account.platform, "join held for moderators");
        Ok(JoinOutcome::Held(held.id))
    }

    /// The names of the sponsors whose invitations may explain a held join, sorted, once each.
    pub(super) async fn held_sponsors(&self, held: &HeldJoin) -> Result<Vec<String>, StoreError> {
        let mut sponsors = Vec::new();
        for invitation in &held.candidates {
            if let Some(invitation) = self.store.invitation_by_id(*invitation).await?
                && let Some(sponsor) = self.store.member(invitation.sponsor_id).await?
            {
                sponsors.push(sponsor.display_name);
            }
        }
        sponsors.sort();
        sponsors.dedup();
        Ok(sponsors)
    }

    /// A held join as a moderator reads it, with the invitations that may explain it.
    async fn held_line(&self, held: &HeldJoin, lang: Lang, id: &str) -> Result<String, StoreError> {
        let sponsors = self.held_sponsors(held).await?;
        let candidates = match sponsors.is_empty() {
            true => catalog::text(lang, "held-no-invitation", &[]),
            false => {
                let count = held.candidates.len();
                let args = [("count", (count as i64).into()), ("sponsors", sponsors.join(", ").into())];
                catalog::text(lang, "held-ambiguous", &args)
            }
        };
        Ok(catalog::text(
            lang,
            id,
            &[
                ("id", held.id.into()),
                ("name", held.display_name.as_str().into()),
                ("platform", held.account.platform.as_str().into()),
                ("candidates", candidates.into()),
                ("approve", format!("/{} {}", CommandName::Approve.word(lang), held.id).into()),
                ("reject", format!("/{} {}", CommandName::Reject.word(lang), held.id).into()),
            ],
        ))
    }

    /// `/approuver N` and `/rejeter N`: a moderator settles a held join, logged.
    pub(super) async fn decide_held_join(&self, moderator: &Member, id: i64, outcome: HeldOutcome) -> Outcome {
        rules::may_moderate(moderator)?;
        let held = self.store.held_join(self.community.id, id).await?.ok_or(Refusal::UnknownHeldJoin(id))?;
        if held.outcome.is_some() {
            return Err(Refusal::UnknownHeldJoin(id).into());
        }
        let now = self.clock.now();
        // Meanwhile they may have joined with a code or linked their account.
        let lift = Change::Enqueue(Outgoing {
            key: format!("held-unrestrict:{id}"),
            to: held.account.clone(),
            body: OutgoingBody::Unrestrict,
            not_before: now,
        });
        if self.store.account(self.community.id, &held.account).await?.is_some() {
            let settled = Change::SettleHeldJoin { id, by: moderator.id, outcome: HeldOutcome::Approved, at: now };
            self.commit(vec![settled, lift]).await?;
            return Ok(self.reply(
                moderator.lang,
                "held-already-member",
                &[("name", held.display_name.as_str().into())],
            ));
        }
        let mut changes = vec![Change::SettleHeldJoin { id, by: moderator.id, outcome, at: now }];
        let action = match outcome {
            HeldOutcome::Approved => AuditAction::Approve,
            HeldOutcome::Rejected => AuditAction::Reject,
        };
        let mut target = None;
        match outcome {
            HeldOutcome::Approved => {
                // The moderator who lets someone in is their sponsor, and their first vouch
                // where several are required.
                let needed = self.settings().sponsorship.required.saturating_sub(1);
                let member = Member {
                    status: if needed > 0 { MemberStatus::Candidate } else { MemberStatus::Active },
                    ..Member::newcomer(
                        self.store.allocate_id(IdKind::Member).await?,
                        self.community.id,
                        held.display_name.clone(),
                        self.settings().default_lang,
                        Some(moderator.id),
                        now,
                    )
                };
                target = Some(member.id);
                let text = if needed > 0 {
                    changes.push(Change::Vouch { candidate: member.id, voucher: moderator.id, at: now });
                    self.candidate_reply(&member, needed).text
                } else {
                    // Let in by a moderator who may not know them: said as it is, not as a
                    // sponsorship they would not recognise.
                    catalog::text(
                        member.lang,
                        "welcome-admitted",
                        &[
                            ("name", member.display_name.as_str().into()),
                            ("community", self.community.name.as_str().into()),
                            ("moderator", moderator.display_name.as_str().into()),
                        ],
                    )
                };
                changes.insert(0, Change::InsertMember(member.clone()));
                changes.push(Change::LinkAccount(self.account_row(&held.account, &held.display_name, member.id, now)));
                changes.push(lift);
                if needed == 0 {
                    changes.push(Change::Enqueue(Outgoing {
                        key: format!("admit:{}:{}", member.id, held.account),
                        to: held.account.clone(),
                        body: OutgoingBody::Admit,
                        not_before: now,
                    }));
                }
                changes.push(Change::Enqueue(Outgoing {
                    key: format!("approved:{id}"),
                    to: held.account.clone(),
                    body: OutgoingBody::Text { text },
                    not_before: now,
                }));
            }
            HeldOutcome::Rejected => changes.push(Change::Enqueue(Outgoing {
                key: format!("rejected:{id}"),
                to: held.account.clone(),
                body: OutgoingBody::Remove,
                not_before: now,
            })),
        }
        changes.push(self.audit_change(
            Some(moderator.id),
            action,
            target,
            format!("{} ({})", held.display_name, held.account.platform),
            now,
        ));
        self.commit(changes).await?;
        let reply = match outcome {
            HeldOutcome::Approved => "held-approved",
            HeldOutcome::Rejected => "held-rejected",
        };
        Ok(self.reply(moderator.lang, reply, &[("name", held.display_name.as_str().into())]))
    }

    /// `/arrivees`: the joins waiting for a moderator.
    pub(super) async fn held(&self, moderator: &Member) -> Outcome {
        rules::may_moderate(moderator)?;
        let waiting = self.store.open_held_joins(self.community.id).await?;
        if waiting.is_empty() {
            return Ok(self.reply(moderator.lang, "held-empty", &[]));
        }
        let mut lines = vec![catalog::text(moderator.lang, "held-title", &[])];
        for held in &waiting {
            lines.push(self.held_line(held, moderator.lang, "held-line").await?);
        }
        Ok(Reply { post: None, text: lines.join("\n") })
    }
}
