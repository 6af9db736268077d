//! Membership: founders, invitations and their native links, redeeming a code, linking
//! accounts, vouching for candidates. (Joins seen on the platforms are in `joins.rs`.)

#[allow(clippy::wildcard_imports)]
use super::*;

impl Service {
    /// Makes the configured founders admins, once.
    pub(super) async fn ensure_founders(&self) -> Result<(), StoreError> {
        for founder in &self.settings().founders {
            if self.store.account(self.community.id, &founder.account).await?.is_some() {
                continue;
            }
            let now = self.clock.now();
            let id = self.store.allocate_id(IdKind::Member).await?;
            let member = Member {
                role: Role::Admin,
                ..Member::newcomer(id, self.community.id, founder.name.clone(), self.settings().default_lang, None, now)
            };
            let changes = vec![
                Change::InsertMember(member),
                Change::LinkAccount(self.account_row(&founder.account, &founder.name, id, now)),
                self.audit_change(None, AuditAction::Founder, Some(id), "configuration", now),
            ];
            match self.store.apply(changes).await {
                // Another process set the founder up at the same moment.
                Err(StoreError::Conflict(_)) => continue,
                result => result?,
            }
            tracing::info!(member = id, platform = %founder.account.platform, "founder set up");
        }
        Ok(())
    }

    pub(super) fn account_row(&self, account: &AccountRef, name: &str, member_id: MemberId, now: Timestamp) -> Account {
        Account {
            account: account.clone(),
            member_id,
            community_id: self.community.id,
            display_name: name.to_owned(),
            linked_at: now,
        }
    }

    /// `/inviter`: a single-use, expiring code, shown only privately.
    pub(super) async fn invite(&self, actor: &Actor, member: &Member, note: Option<String>) -> Outcome {
        let now = self.clock.now();
        let sponsorship = &self.settings().sponsorship;
        let recent = self.store.invitations_since(member.id, now - sponsorship.period).await?;
        let remaining = rules::may_invite(member, &recent, now, sponsorship)?;
        let renews_at = recent.first().map_or(now, |invitation| invitation.created_at) + sponsorship.period;
        let mut bytes = [0u8; code::CODE_BYTES];
        self.randomness.fill(&mut bytes);
        let invitation = Invitation {
            id: self.store.allocate_id(IdKind::Invitation).await?,
            community_id: self.community.id,
            code: code::encode(&bytes),
            sponsor_id: member.id,
            created_at: now,
            expires_at: now + self.settings().invitation_ttl,
            used_by: None,
            used_at: None,
            revoked_at: None,
            note,
        };
        let text = catalog::text(
            member.lang,
            "invite-created",
            &[
                ("code", invitation.code.as_str().into()),
                ("join", format!("/{}", CommandName::Join.word(member.lang)).into()),
                ("days", (self.settings().invitation_ttl / 86_400).max(1).into()),
                ("community", self.community.name.as_str().into()),
            ],
        );
        let quota = catalog::text(
            member.lang,
            "invite-quota",
            &[("remaining", i64::from(remaining).into()), ("date", crate::calendar::format_date(renews_at).into())],
        );
        let mut changes = vec![
            Change::CheckQuota { sponsor: member.id, since: now - sponsorship.period, quota: sponsorship.quota },
            Change::InsertInvitation(invitation.clone()),
        ];
        // The platforms where the invitee is expected make their own invite; the sponsor gets
        // it when it is made.
        let from = actor.incoming.account.platform;
        let making = rules::invite_platforms(&self.settings().native_links, from, invitation.note.as_deref());
        // Links other apps could make: the sponsor learns how to ask for one.
        let others: Vec<&str> = (self.settings().native_links.iter())
            .filter(|platform| !platform.invites_by_id() && !making.contains(platform))
            .map(|platform| platform.as_str())
            .collect();
        let mut text = text;
        // A page the sponsor can send by SMS or e-mail to someone on none of the apps yet.
        if let Some(address) = &self.settings().dashboard_url {
            let page = format!("{}/i/{}", address.trim_end_matches('/'), invitation.code);
            text = format!("{text}\n{}", catalog::text(member.lang, "invite-page", &[("link", page.into())]));
        }
        if let Some(example) = others.first() {
            let args = [
                ("platforms", others.join(", ").into()),
                ("invite", format!("/{}", CommandName::Invite.word(member.lang)).into()),
                ("example", (*example).into()),
            ];
            text = format!("{text}\n{}", catalog::text(member.lang, "invite-other-apps", &args));
        }
        for platform in &making {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("native-link:{}:{platform}", invitation.id),
                to: AccountRef::invitation(*platform, invitation.id),
                body: OutgoingBody::CreateInviteLink {
                    invitation: invitation.id,
                    expires_at: invitation.expires_at,
                    join_request: self.settings().sponsorship.required > 1,
                    invitee: invitation.note.clone().filter(|_| platform.invites_by_id()),
                },
                not_before: now,
            }));
        }
        let key = format!("invite:{}", invitation.id);
        match self.answer_privately(actor, member, key, format!("{text}\n{quota}"), changes).await {
            // Another process created this sponsor's last invitation a moment ago.
            Err(Failure::Store(StoreError::Conflict(_))) => {
                Err(Refusal::QuotaExhausted { quota: sponsorship.quota, renews_at }.into())
            }
            outcome => outcome,
        }
    }

    /// Answers with a secret (a code): directly in a private chat, privately from a group.
    pub(super) async fn answer_privately(
        &self,
        actor: &Actor,
        member: &Member,
        key: String,
        text: String,
        mut changes: Vec<Change>,
    ) -> Outcome {
        let reply = if actor.incoming.chat == ChatContext::Private {
            Reply { post: None, text }
        } else {
            changes.extend(self.private_message(member, key, text, self.clock.now()).await?);
            self.reply(member.lang, "sent-privately", &[])
        };
        self.commit(changes).await?;
        Ok(reply)
    }

    /// What a candidate reads: how many vouches they still need, and how to get them.
    pub(super) fn candidate_reply(&self, candidate: &Member, needed: u32) -> Reply {
        self.reply(
            candidate.lang,
            "candidate-status",
            &[
                ("name", candidate.display_name.as_str().into()),
                ("community", self.community.name.as_str().into()),
                ("needed", i64::from(needed).into()),
                ("cmd", format!("/{} #{}", CommandName::Vouch.word(candidate.lang), candidate.id).into()),
            ],
        )
    }

    /// `/candidater`: someone without an invitation asks to join; they need every vouch.
    pub(super) async fn apply(&self, actor: &Actor) -> Outcome {
        let now = self.clock.now();
        let incoming = &actor.incoming;
        self.refuse_barred(&incoming.account).await?;
        let name = display_name(&incoming.display_name, &incoming.account);
        let member = Member {
            status: MemberStatus::Candidate,
            ..Member::newcomer(
                self.store.allocate_id(IdKind::Member).await?,
                self.community.id,
                name.clone(),
                actor.lang,
                None,
                now,
            )
        };
        let changes = vec![
            Change::InsertMember(member.clone()),
            Change::LinkAccount(self.account_row(&incoming.account, &name, member.id, now)),
            self.audit_change(Some(member.id), AuditAction::Apply, None, String::new(), now),
        ];
        match self.commit(changes).await {
            Err(StoreError::Conflict(_)) => return Err(Refusal::AlreadyMember.into()),
            result => result?,
        }
        Ok(self.candidate_reply(&member, self.settings().sponsorship.required.max(1)))
    }

    /// `/parrainer NAME`: a member in good standing vouches for a candidate, once; with
    /// enough vouches the candidate becomes a member.
    pub(super) async fn vouch(&self, voucher: &Member, target: &str) -> Outcome {
        let candidate = self.find_member(target).await?;
        let vouchers = self.store.vouchers_of(candidate.id).await?;
        let now = self.clock.now();
        let sponsorship = &self.settings().sponsorship;
        rules::may_vouch(voucher, &candidate, &vouchers, now, sponsorship)?;
        let changes = vec![
            Change::Vouch { candidate: candidate.id, voucher: voucher.id, at: now },
            self.audit_change(Some(voucher.id), AuditAction::Vouch, Some(candidate.id), String::new(), now),
        ];
        match self.commit(changes).await {
            Err(StoreError::Conflict(_)) => return Err(Refusal::AlreadyVouched(candidate.display_name.clone()).into()),
            result => result?,
        }
        // Counted after the vouch is written, so that two vouches at once cannot both see
        // "one missing" and leave a complete candidate waiting.
        let all = self.store.vouchers_of(candidate.id).await?;
        let needed = rules::vouches_missing(&all, sponsorship);
        let name = candidate.display_name.as_str();
        if needed > 0 {
            let text = catalog::text(
                candidate.lang,
                "vouch-received",
                &[("name", voucher.display_name.as_str().into()), ("needed", i64::from(needed).into())],
            );
            let told =
                self.private_message(&candidate, format!("vouch:{}:{}", candidate.id, voucher.id), text, now).await?;
            self.commit(told.into_iter().collect()).await?;
            return Ok(self.reply(
                voucher.lang,
                "vouched",
                &[("name", name.into()), ("needed", i64::from(needed).into())],
            ));
        }
        let sponsor = candidate.sponsor_id.or(all.first().copied()).unwrap_or(voucher.id);
        let mut changes = self.admissions(&candidate, true).await?;
        changes.extend([
            Change::Admit { id: candidate.id, sponsor, at: now },
            self.audit_change(
                Some(voucher.id),
                AuditAction::Admit,
                Some(candidate.id),
                format!("{} vouches", all.len()),
                now,
            ),
        ]);
        let welcome = catalog::text(
            candidate.lang,
            "candidate-admitted",
            &[("community", self.community.name.as_str().into()), ("name", name.into())],
        );
        changes.extend(self.private_message(&candidate, format!("admitted:{}", candidate.id), welcome, now).await?);
        for earlier in all.iter().filter(|id| **id != voucher.id) {
            if let Some(earlier) = self.store.member(*earlier).await? {
                let text = catalog::text(earlier.lang, "vouchee-admitted", &[("name", name.into())]);
                changes.extend(
                    self.private_message(&earlier, format!("admitted:{}:{}", candidate.id, earlier.id), text, now)
                        .await?,
                );
            }
        }
        match self.commit(changes).await {
            // Another process admitted them a moment ago.
            Ok(()) | Err(StoreError::Conflict(_)) => {}
            Err(error) => return Err(error.into()),
        }
        Ok(self.reply(voucher.lang, "vouched-admitted", &[("name", name.into())]))
    }

    /// Lets a new member into the groups where they wait (a pending join request), on each
    /// of their accounts; platforms where they are in already ignore it. Someone let in from
    /// a join request is let in a few seconds after their welcome is queued: Telegram lets the
    /// bot write to them only while their request is pending.
    pub(super) async fn admissions(&self, member: &Member, after_welcome: bool) -> Result<Vec<Change>, StoreError> {
        let mut changes = self.platform_actions(member, "admit", OutgoingBody::Admit, 0).await?;
        if after_welcome {
            for change in &mut changes {
                if let Change::Enqueue(admit) = change {
                    admit.not_before += ADMIT_AFTER_WELCOME;
                }
            }
        }
        Ok(changes)
    }

    /// Upkeep: the native links of invitations that can no longer be used are revoked on
    /// their platform, once. Most are revoked when their invitation is used or revoked; this
    /// also catches expiry, and a link made while its invitation was being used.
    pub(super) async fn retire_dead_links(&self) -> Result<(), StoreError> {
        let now = self.clock.now();
        let mut changes = Vec::new();
        for (invitation, platform, link) in self.store.dead_links(self.community.id, now).await? {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("revoke-link:{invitation}:{platform}:{link}"),
                to: AccountRef::invitation(platform, invitation),
                body: OutgoingBody::RevokeInviteLink { link: link.clone() },
                not_before: now,
            }));
            changes.push(Change::RetireLink { platform, link, at: now });
        }
        if !changes.is_empty() {
            self.commit(changes).await?;
        }
        Ok(())
    }

    /// Records the native invite link a platform made for an invitation, so that a join
    /// through it is attributed to the invitation.
    pub async fn record_native_link(
        &self,
        invitation: InvitationId,
        platform: Platform,
        link: &str,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let mut changes = vec![Change::InsertInvitationLink { invitation, platform, link: link.to_owned(), at: now }];
        let Some(found) = self.store.invitation_by_id(invitation).await? else {
            return self.commit(changes).await;
        };
        // Made after the invitation was revoked, used or expired: unmade at once.
        if found.revoked_at.is_some() || found.used_by.is_some() || now >= found.expires_at {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("revoke-link:{invitation}:{platform}:{link}"),
                to: AccountRef::invitation(platform, invitation),
                body: OutgoingBody::RevokeInviteLink { link: link.to_owned() },
                not_before: now,
            }));
            return self.commit(changes).await;
        }
        // The sponsor gets the link to pass on (or hears whom the bot invited), with the code
        // that works everywhere.
        if let Some(sponsor) = self.store.member(found.sponsor_id).await? {
            // A Telegram link asking to join (several sponsors required) has no use limit:
            // whoever uses it asks, and waits for the sponsors.
            let asks = platform == Platform::Telegram && self.settings().sponsorship.required > 1;
            let what = match () {
                _ if platform.invites_by_id() => "native-invite-sent",
                _ if asks => "native-link-created-request",
                _ => "native-link-created",
            };
            let text = catalog::text(
                sponsor.lang,
                what,
                &[
                    ("platform", platform.as_str().into()),
                    ("link", tappable(platform, link).into()),
                    ("code", found.code.as_str().into()),
                ],
            );
            changes.extend(
                self.private_message(&sponsor, format!("native-link-sent:{invitation}:{platform}"), text, now).await?,
            );
        }
        self.commit(changes).await
    }

    /// Whether a native invite belongs to an invitation still usable (a platform tidying its
    /// invites keeps those and deletes the rest).
    pub async fn link_in_use(&self, platform: Platform, link: &str) -> Result<bool, StoreError> {
        let now = self.clock.now();
        Ok(self.store.invitation_by_link(platform, link).await?.is_some_and(|invitation| {
            invitation.revoked_at.is_none() && invitation.used_by.is_none() && now < invitation.expires_at
        }))
    }

    /// A platform could not make an invitation's invite (a Discord guild holds 1,000 at most):
    /// the sponsor is told, once; the code still works.
    pub async fn native_link_unavailable(
        &self,
        invitation: InvitationId,
        platform: Platform,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let Some(found) = self.store.invitation_by_id(invitation).await? else { return Ok(()) };
        let Some(sponsor) = self.store.member(found.sponsor_id).await? else { return Ok(()) };
        let args = [("platform", platform.as_str().into()), ("code", found.code.as_str().into())];
        let text = catalog::text(sponsor.lang, "native-link-unavailable", &args);
        let key = format!("native-link-sent:{invitation}:{platform}");
        let changes = self.private_message(&sponsor, key, text, now).await?.into_iter().collect();
        self.commit(changes).await
    }

    /// `/candidats`: moderators see who waits and how many vouches each has.
    pub(super) async fn candidates(&self, moderator: &Member) -> Outcome {
        rules::may_moderate(moderator)?;
        let lang = moderator.lang;
        let candidates = self.store.candidates(self.community.id).await?;
        if candidates.is_empty() {
            return Ok(self.reply(lang, "candidates-empty", &[]));
        }
        let mut lines = vec![catalog::text(lang, "candidates-title", &[])];
        for candidate in candidates {
            let vouchers = self.store.vouchers_of(candidate.id).await?;
            lines.push(catalog::text(
                lang,
                "candidates-line",
                &[
                    ("name", candidate.display_name.as_str().into()),
                    ("id", candidate.id.into()),
                    ("count", (vouchers.len() as i64).into()),
                    ("required", i64::from(self.settings().sponsorship.required).into()),
                ],
            ));
        }
        Ok(Reply { post: None, text: lines.join("\n") })
    }

    /// `/revoquer CODE`: the sponsor or a moderator makes an unused code unusable.
    pub(super) async fn revoke(&self, member: &Member, typed: &str) -> Outcome {
        let canonical = code::normalize(typed).ok_or(Refusal::MalformedCode)?;
        let invitation =
            self.store.invitation_by_code(self.community.id, &canonical).await?.ok_or(Refusal::UnknownCode)?;
        rules::may_revoke(member, &invitation)?;
        let now = self.clock.now();
        let mut changes = vec![Change::RevokeInvitation { id: invitation.id, at: now }];
        changes.extend(self.retire_native_links(&invitation).await?);
        if member.id != invitation.sponsor_id {
            changes.push(self.audit_change(
                Some(member.id),
                AuditAction::Revoke,
                Some(invitation.sponsor_id),
                format!("invitation #{}", invitation.id),
                now,
            ));
        }
        self.commit(changes).await?;
        Ok(self.reply(member.lang, "invite-revoked", &[("code", invitation.code.into())]))
    }

    /// An invitation that can no longer be used (revoked, redeemed): its native links are
    /// revoked on every platform, and links not made yet are no longer asked for.
    async fn retire_native_links(&self, invitation: &Invitation) -> Result<Vec<Change>, StoreError> {
        let now = self.clock.now();
        let mut changes: Vec<Change> = self
            .settings()
            .native_links
            .iter()
            .map(|platform| Change::CancelMessage(format!("native-link:{}:{platform}", invitation.id)))
            .collect();
        for (platform, link) in self.store.links_of_invitation(invitation.id).await? {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("revoke-link:{}:{platform}:{link}", invitation.id),
                to: AccountRef::invitation(platform, invitation.id),
                body: OutgoingBody::RevokeInviteLink { link },
                not_before: now,
            }));
        }
        Ok(changes)
    }

    /// `/retirer-parrainage` and `/rendre-parrainage`: a moderator withdraws or restores a
    /// member's right to invite; logged, and the member is told why.
    pub(super) async fn set_invite_rights(&self, moderator: &Member, target: &str, reason: Option<String>) -> Outcome {
        rules::may_moderate(moderator)?;
        let target = self.find_member(target).await?;
        let now = self.clock.now();
        let (action, notice, done) = match &reason {
            Some(_) => (AuditAction::WithdrawInvites, "invites-withdrawn-notice", "invites-withdrawn"),
            None => (AuditAction::RestoreInvites, "invites-restored-notice", "invites-restored"),
        };
        let why = reason.clone().unwrap_or_default();
        let text = catalog::text(target.lang, notice, &[("reason", why.as_str().into())]);
        let mut changes = vec![
            Change::SetInviteBlock(target.id, reason),
            self.audit_change(Some(moderator.id), action, Some(target.id), why, now),
        ];
        changes.extend(self.private_message(&target, format!("{action}:{}:{now}", target.id), text, now).await?);
        self.commit(changes).await?;
        Ok(self.reply(moderator.lang, done, &[("name", target.display_name.as_str().into())]))
    }

    /// `/lier`: a one-time code, valid for minutes, to link another platform account.
    pub(super) async fn create_link_code(&self, actor: &Actor, member: &Member) -> Outcome {
        let now = self.clock.now();
        let mut bytes = [0u8; code::LINK_CODE_BYTES];
        self.randomness.fill(&mut bytes);
        let link = LinkCode {
            code: code::encode_link(&bytes),
            community_id: self.community.id,
            member_id: member.id,
            created_at: now,
            expires_at: now + self.settings().link_code_ttl,
            used_at: None,
        };
        let text = catalog::text(
            member.lang,
            "link-code-created",
            &[
                ("code", link.code.as_str().into()),
                ("minutes", (self.settings().link_code_ttl / 60).max(1).into()),
                // Typed on the other account's app: both prefixes are given, quoted (the Matrix
                // adapter leaves a quoted `/command` as it is).
                ("word", CommandName::Link.word(member.lang).into()),
            ],
        );
        let key = format!("link-code:{}:{}", member.id, link.code);
        self.answer_privately(actor, member, key, text, vec![Change::InsertLinkCode(link)]).await
    }

    /// `/lier CODE` from an account that belongs to no member yet: it joins the code's member.
    pub(super) async fn use_link_code(&self, actor: &Actor, typed: &str) -> Outcome {
        let canonical = code::normalize_link(typed).ok_or(Refusal::UnknownLinkCode)?;
        let link = self.store.link_code(self.community.id, &canonical).await?.ok_or(Refusal::UnknownLinkCode)?;
        let now = self.clock.now();
        if link.used_at.is_some() {
            return Err(Refusal::UnknownLinkCode.into());
        }
        if now >= link.expires_at {
            return Err(Refusal::LinkCodeExpired.into());
        }
        let member = self.member(link.member_id).await?;
        rules::may_act(&member)?;
        let incoming = &actor.incoming;
        self.refuse_barred(&incoming.account).await?;
        let name = display_name(&incoming.display_name, &incoming.account);
        let platform = incoming.account.platform;
        let told = catalog::text(member.lang, "linked-notice", &[("platform", platform.as_str().into())]);
        let mut changes = vec![
            Change::UseLinkCode { community: self.community.id, code: link.code.clone(), at: now },
            Change::LinkAccount(self.account_row(&incoming.account, &name, member.id, now)),
            self.audit_change(Some(member.id), AuditAction::Link, Some(member.id), platform.to_string(), now),
        ];
        // Told on the accounts they already had, so a stolen code cannot link in silence.
        changes.extend(self.private_message(&member, format!("linked:{}", link.code), told, now).await?);
        // A member's new account is let into that app's groups (invited to Matrix's rooms,
        // given Discord's member role), as the accounts they joined with were.
        if member.status == MemberStatus::Active && platform != Platform::Console {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("admit-linked:{}", link.code),
                to: incoming.account.clone(),
                body: OutgoingBody::Admit,
                not_before: now,
            }));
        }
        self.commit(changes).await?;
        Ok(self.reply(member.lang, "linked", &[("name", member.display_name.as_str().into())]))
    }

    /// `/delier PLATFORM`: removes the member's account on a platform; one account stays.
    pub(super) async fn unlink(&self, member: &Member, platform: Platform) -> Outcome {
        let accounts = self.store.accounts_of(member.id).await?;
        let there: Vec<&Account> = accounts.iter().filter(|a| a.account.platform == platform).collect();
        if there.is_empty() {
            return Err(Refusal::NoAccountThere(platform).into());
        }
        if there.len() == accounts.len() {
            return Err(Refusal::LastAccount.into());
        }
        let now = self.clock.now();
        let mut changes: Vec<Change> = there
            .iter()
            .map(|a| Change::UnlinkAccount { community: self.community.id, account: a.account.clone() })
            .collect();
        changes.push(self.audit_change(
            Some(member.id),
            AuditAction::Unlink,
            Some(member.id),
            platform.to_string(),
            now,
        ));
        self.commit(changes).await?;
        Ok(self.reply(member.lang, "unlinked", &[("platform", platform.as_str().into())]))
    }

    /// `/rejoindre CODE`: the account becomes a member, sponsored by the code's creator.
    pub(super) async fn join(&self, actor: &Actor, typed: &str) -> Outcome {
        let canonical = code::normalize(typed).ok_or(Refusal::MalformedCode)?;
        let invitation =
            self.store.invitation_by_code(self.community.id, &canonical).await?.ok_or(Refusal::UnknownCode)?;
        let incoming = &actor.incoming;
        self.redeem(&incoming.account, &incoming.display_name, actor.lang, invitation, false)
            .await
            .map(|(reply, _)| reply)
    }

    /// Makes an account a member (or a candidate) through an invitation; returns the reply
    /// and the new member's id.
    pub(super) async fn redeem(
        &self,
        account: &AccountRef,
        platform_name: &str,
        lang: Lang,
        invitation: Invitation,
        send_welcome: bool,
    ) -> Result<(Reply, MemberId), Failure> {
        self.refuse_barred(account).await?;
        let sponsor = self.store.member(invitation.sponsor_id).await?;
        let now = self.clock.now();
        rules::may_redeem(&invitation, sponsor.as_ref(), now)?;
        let Some(sponsor) = sponsor else {
            return Err(Refusal::SponsorNotActive.into());
        };
        let name = display_name(platform_name, account);
        // Where several sponsors are required, the invitation is the first vouch.
        let needed = self.settings().sponsorship.required.saturating_sub(1);
        let status = if needed == 0 { MemberStatus::Active } else { MemberStatus::Candidate };
        let member = Member {
            status,
            ..Member::newcomer(
                self.store.allocate_id(IdKind::Member).await?,
                self.community.id,
                name.clone(),
                lang,
                Some(sponsor.id),
                now,
            )
        };
        let told_sponsor = match status {
            MemberStatus::Candidate => catalog::text(
                sponsor.lang,
                "sponsor-invitee-candidate",
                &[("name", name.as_str().into()), ("needed", i64::from(needed).into())],
            ),
            _ => catalog::text(sponsor.lang, "sponsor-invitee-joined", &[("name", name.as_str().into())]),
        };
        let mut changes = vec![
            Change::InsertMember(member.clone()),
            Change::LinkAccount(self.account_row(account, &name, member.id, now)),
            Change::RedeemInvitation { id: invitation.id, by: member.id, at: now },
            self.audit_change(
                Some(member.id),
                AuditAction::Join,
                Some(sponsor.id),
                format!("invitation #{}", invitation.id),
                now,
            ),
        ];
        if status == MemberStatus::Candidate {
            changes.push(Change::Vouch { candidate: member.id, voucher: sponsor.id, at: now });
        }
        changes.extend(self.private_message(&sponsor, format!("joined:{}", invitation.id), told_sponsor, now).await?);
        // Single-use everywhere: the links on the other platforms die with this redemption.
        changes.extend(self.retire_native_links(&invitation).await?);
        let welcome = match status {
            MemberStatus::Candidate => self.candidate_reply(&member, needed),
            _ => self.reply(
                member.lang,
                "welcome",
                &[
                    ("name", name.as_str().into()),
                    ("community", self.community.name.as_str().into()),
                    ("sponsor", sponsor.display_name.as_str().into()),
                ],
            ),
        };
        // Joined by writing the code to the bot: let into the platform's groups, where the
        // platform lets the bot invite people (Matrix rooms); the console has no groups.
        if !send_welcome && status == MemberStatus::Active && account.platform != Platform::Console {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("admit:{}:{account}", member.id),
                to: account.clone(),
                body: OutgoingBody::Admit,
                not_before: now,
            }));
        }
        // Joined on a platform rather than by writing to the bot: welcomed privately, in the
        // same transaction, so a crash cannot lose it.
        if send_welcome {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("welcome:{account}"),
                to: account.clone(),
                body: OutgoingBody::Text { text: welcome.text.clone() },
                not_before: now,
            }));
        }
        match self.commit(changes).await {
            // Another process redeemed the same code a moment ago.
            Err(StoreError::Conflict(_)) => return Err(Refusal::CodeUsed.into()),
            result => result?,
        }
        tracing::info!(member = member.id, sponsor = sponsor.id, "member joined");
        Ok((welcome, member.id))
    }
}
