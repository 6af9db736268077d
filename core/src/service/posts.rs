//! Posts and the help loop: `/besoin` and `/offre` recorded and matched (whom they reach:
//! `asking.rs`), the helpers' answers, contacts exchanged with both sides' consent,
//! follow-ups, a request met, renewed or closed.

#[allow(clippy::wildcard_imports)]
use super::*;

impl Service {
    /// The member's message a post is written in, when others see it (in a group).
    pub(super) fn source(actor: &Actor) -> Option<(AccountRef, MessageRef)> {
        let incoming = &actor.incoming;
        let message = incoming.message.clone().filter(|_| incoming.chat != ChatContext::Private)?;
        Some((incoming.account.clone(), message))
    }

    /// `/besoin` or `/offre`: records the post and asks the few members who fit.
    pub(super) async fn post(
        &self,
        member: &Member,
        kind: PostKind,
        text: String,
        on_behalf_of: Option<String>,
        source: Option<(AccountRef, MessageRef)>,
    ) -> Outcome {
        let now = self.clock.now();
        let place = matching::infer_place(kind, &text, member.place.as_deref());
        let analysis = matching::analyze_post(kind, &text, &place);
        let post = Post {
            id: self.next_id(IdKind::Post).await?,
            community_id: self.community.id,
            author_id: member.id,
            kind,
            category: analysis.category,
            topic: analysis.topic,
            text,
            place: place.clone(),
            state: PostState::Open,
            created_at: now,
            updated_at: now,
            on_behalf_of: on_behalf_of.clone(),
        };
        let mut changes = vec![Change::InsertPost(post.clone())];
        // Kept so that hiding the post removes the member's message too.
        if let Some((account, message)) = source {
            changes.push(Change::InsertPostSource {
                post: post.id,
                platform: account.platform,
                chat: message.chat,
                message: message.id,
                author: account.user_id,
            });
        }
        if let Some(name) = &on_behalf_of {
            changes.push(self.audit_change(
                Some(member.id),
                AuditAction::OnBehalf,
                None,
                format!("#{} ({name})", post.id),
                now,
            ));
        }
        let Asked { asked, busy } = match kind {
            PostKind::Request => self.ask_helpers(member, &post, &[], &mut changes).await?,
            PostKind::Offer => Asked { asked: self.ask_about_requests(member, &post, &mut changes).await?, busy: 0 },
        };
        self.commit(changes).await?;
        let id = match kind {
            PostKind::Request if asked == 0 && busy > 0 => "need-posted-all-busy",
            PostKind::Request if asked == 0 => "need-posted-nobody",
            PostKind::Request => "need-posted",
            PostKind::Offer if asked == 0 => "offer-posted-nothing",
            PostKind::Offer => "offer-posted",
        };
        let count = if asked == 0 { busy } else { asked };
        let mut reply = self.reply(member.lang, id, &[("id", post.id.into()), ("count", (count as i64).into())]);
        reply.post = Some(post.id);
        // Said honestly: fewer were asked than could help, to spare the busiest.
        if busy > 0 && asked > 0 && asked < self.settings().helpers_asked {
            let line = catalog::text(member.lang, "need-helpers-busy", &[("count", (busy as i64).into())]);
            reply.text = format!("{}\n{line}", reply.text);
        }
        if kind == PostKind::Request
            && let Some(line) = self.floor_reminder(member).await?
        {
            reply.text = format!("{}\n{line}", reply.text);
        }
        if place == Place::Unknown {
            let hint = catalog::text(
                member.lang,
                "hint-set-place",
                &[("cmd", format!("/{}", CommandName::Place.word(member.lang)).into())],
            );
            reply.text = format!("{}\n{hint}", reply.text);
        }
        Ok(reply)
    }

    /// Loads a match and its request.
    pub(super) async fn match_and_request(&self, id: MatchId) -> Result<(Match, Post), Failure> {
        let found = self.store.match_by_id(id).await?.ok_or(Refusal::UnknownMatch(id))?;
        let request = self.store.post(found.request_id).await?.ok_or(Refusal::UnknownMatch(id))?;
        if request.community_id != self.community.id {
            return Err(Refusal::UnknownMatch(id).into());
        }
        Ok((found, request))
    }

    /// `/accepter N`: a helper says yes, or the requester confirms and contacts are exchanged.
    pub(super) async fn accept(&self, member: &Member, id: MatchId) -> Outcome {
        let (found, request) = self.match_and_request(id).await?;
        let now = self.clock.now();
        match rules::acceptance(member.id, &found, &request)? {
            Acceptance::HelperAccepts => {
                let requester = self.member(found.requester_id).await?;
                rules::partner_available(&requester)?;
                let lang = requester.lang;
                let text = catalog::text(
                    lang,
                    "helper-accepted",
                    &[
                        ("helper", member.display_name.as_str().into()),
                        ("request", request.id.into()),
                        ("text", request.text.as_str().into()),
                        ("confirm", format!("/{} {id}", CommandName::Accept.word(lang)).into()),
                        ("decline", format!("/{} {id}", CommandName::Decline.word(lang)).into()),
                    ],
                );
                let mut changes = vec![
                    Change::SetMatchState { id, from: MatchState::Asked, to: MatchState::Accepted, at: now },
                    Change::SetPostState {
                        id: request.id,
                        from: vec![PostState::Open, PostState::Proposed],
                        to: PostState::Proposed,
                        at: now,
                    },
                ];
                let buttons = [
                    ("button-confirm", format!("/{} {id}", CommandName::Accept.word(lang))),
                    ("button-no-thanks", format!("/{} {id}", CommandName::Decline.word(lang))),
                ];
                changes.extend(self.private_choices(&requester, format!("accepted:{id}"), text, &buttons, now).await?);
                self.commit(changes).await?;
                metrics::counter!(crate::metrics::ASKS, "topic" => request.topic.clone(), "answer" => "accepted")
                    .increment(1);
                Ok(self.reply(member.lang, "accept-sent", &[("name", requester.display_name.as_str().into())]))
            }
            Acceptance::RequesterConfirms => {
                let helper = self.member(found.helper_id).await?;
                rules::partner_available(&helper)?;
                let mut changes = vec![
                    Change::SetMatchState { id, from: MatchState::Accepted, to: MatchState::Confirmed, at: now },
                    Change::SetPostState {
                        id: request.id,
                        from: vec![PostState::Open, PostState::Proposed],
                        to: PostState::InContact,
                        at: now,
                    },
                ];
                // Both consented: the bot carries their conversation; each gives their
                // contact only if they choose to.
                changes.extend(self.open_relay(&found, &request, member, &helper, now).await?);
                let follow_up = catalog::text(
                    member.lang,
                    "follow-up",
                    &[
                        ("request", request.id.into()),
                        ("name", helper.display_name.as_str().into()),
                        ("thanks", format!("/{} {}", CommandName::Thanks.word(member.lang), request.id).into()),
                        ("done", format!("/{} {}", CommandName::Done.word(member.lang), request.id).into()),
                        ("open", format!("/{} {}", CommandName::StillOpen.word(member.lang), request.id).into()),
                    ],
                );
                let later = now + self.settings().follow_up_delay;
                let lang = member.lang;
                let buttons = [
                    ("button-thanks", format!("/{} {}", CommandName::Thanks.word(lang), request.id)),
                    ("button-done", format!("/{} {}", CommandName::Done.word(lang), request.id)),
                    ("button-still-open", format!("/{} {}", CommandName::StillOpen.word(lang), request.id)),
                ];
                changes.extend(self.private_choices(member, follow_up_key(id), follow_up, &buttons, later).await?);
                self.commit(changes).await?;
                Ok(self.reply(member.lang, "confirm-done", &[("name", helper.display_name.as_str().into())]))
            }
        }
    }

    /// `/refuser N [pourquoi]`: a helper cannot help now, or says the request is not what
    /// their offer is about (that offer is then no longer proposed for requests of that need,
    /// until `/retablir`); or the requester does not take up an offer.
    pub(super) async fn decline(&self, member: &Member, id: MatchId, reason: Option<DeclineReason>) -> Outcome {
        let (found, request) = self.match_and_request(id).await?;
        let now = self.clock.now();
        match rules::declining(member.id, &found)? {
            Declining::HelperDeclines => {
                let reason = reason.unwrap_or(DeclineReason::NotNow);
                let mut changes = vec![
                    Change::SetMatchState { id, from: MatchState::Asked, to: MatchState::Declined, at: now },
                    Change::SetDeclineReason { id, reason },
                ];
                let reply = match reason {
                    DeclineReason::NotNow => self.reply(member.lang, "helper-declined", &[]),
                    DeclineReason::NotMine => {
                        let offer = self.store.post(found.offer_id).await?.ok_or(Refusal::UnknownMatch(id))?;
                        let concepts = matching::needs_between(&request, &offer);
                        let words: Vec<&str> = found
                            .reasons
                            .iter()
                            .filter_map(|reason| match reason {
                                Reason::Related { asked, .. } => Some(asked.as_str()),
                                _ => None,
                            })
                            .collect();
                        changes.push(Change::ExcludeNeeds { offer: offer.id, concepts, at: now });
                        let restore = format!("/{} {}", CommandName::Rematch.word(member.lang), offer.id);
                        self.reply(
                            member.lang,
                            "helper-declined-not-mine",
                            &[
                                ("offer", offer.id.into()),
                                ("words", words.join(", ").into()),
                                ("restore", restore.into()),
                            ],
                        )
                    }
                };
                self.commit(changes).await?;
                metrics::counter!(crate::metrics::ASKS, "topic" => request.topic.clone(), "answer" => reason.as_str())
                    .increment(1);
                Ok(reply)
            }
            Declining::RequesterDeclines => {
                let helper = self.member(found.helper_id).await?;
                let mut changes =
                    vec![Change::SetMatchState { id, from: MatchState::Accepted, to: MatchState::Declined, at: now }];
                let others = self.store.matches_of_request(request.id).await?;
                let still_proposed = others.iter().any(|m| m.id != id && m.state == MatchState::Accepted);
                if !still_proposed && request.state == PostState::Proposed {
                    changes.push(Change::SetPostState {
                        id: request.id,
                        from: vec![PostState::Proposed],
                        to: PostState::Open,
                        at: now,
                    });
                }
                let text = catalog::text(helper.lang, "requester-declined", &[("request", request.id.into())]);
                changes.extend(self.private_message(&helper, format!("declined:{id}"), text, now).await?);
                self.commit(changes).await?;
                Ok(self.reply(member.lang, "requester-declined-ack", &[("name", helper.display_name.as_str().into())]))
            }
        }
    }

    /// `/fait`, `/merci`, `/ouvert`, `/fermer`: closing the loop on a post.
    pub(super) async fn close(&self, member: &Member, id: PostId, how: Closing) -> Outcome {
        let post = self
            .store
            .post(id)
            .await?
            .filter(|p| p.community_id == self.community.id)
            .ok_or(Refusal::UnknownPost(id))?;
        let to = rules::close(member, &post, how)?;
        let now = self.clock.now();
        let mut changes = vec![Change::SetPostState { id, from: vec![post.state], to, at: now }];
        if !to.is_open() {
            changes.extend(self.announce_closed(&post, to, now).await?);
        }
        if member.id != post.author_id {
            // A moderator closed someone else's post: that is moderation, and it is logged.
            changes.push(self.audit_change(
                Some(member.id),
                AuditAction::ClosePost,
                Some(post.author_id),
                format!("#{id}"),
                now,
            ));
        }
        let matches = match post.kind {
            PostKind::Request => self.store.matches_of_request(id).await?,
            PostKind::Offer => Vec::new(),
        };
        let confirmed: Vec<&Match> = matches.iter().filter(|m| m.state == MatchState::Confirmed).collect();
        // The scheduled "how did it go?" is moot once the requester said it.
        for m in &confirmed {
            changes.push(Change::CancelMessage(follow_up_key(m.id)));
        }
        // A finished request no longer waits for the helpers still asked, and its
        // conversations end.
        let mut unanswered = 0;
        if how != Closing::StillOpen {
            changes.extend(self.end_relays_of_request(&post, now).await?);
            unanswered = matches.iter().filter(|m| m.state == MatchState::Asked).count() as u64;
            for m in matches.iter().filter(|m| matches!(m.state, MatchState::Asked | MatchState::Accepted)) {
                changes.push(Change::SetMatchState { id: m.id, from: m.state, to: MatchState::Declined, at: now });
            }
        }
        let mut asked = 0;
        match how {
            Closing::Thanks => {
                for m in &confirmed {
                    let helper = self.member(m.helper_id).await?;
                    let text = catalog::text(
                        helper.lang,
                        "thanked",
                        &[("name", member.display_name.as_str().into()), ("request", id.into())],
                    );
                    changes.extend(self.private_message(&helper, format!("thanks:{}", m.id), text, now).await?);
                }
            }
            Closing::StillOpen => {
                let already: Vec<MemberId> = matches.iter().map(|m| m.helper_id).collect();
                let mut reopened = post.clone();
                reopened.state = PostState::Open;
                asked = self.ask_helpers(member, &reopened, &already, &mut changes).await?.asked;
            }
            Closing::Done | Closing::Close => {}
        }
        // Met: in a community counting time, the helpers are paid, or the requester asked.
        let mut credits = None;
        if matches!(how, Closing::Done | Closing::Thanks) {
            let helpers: Vec<MemberId> = confirmed.iter().map(|m| m.helper_id).collect();
            let (payments, line) = self.credits_on_close(member, &post, &helpers, now).await?;
            changes.extend(payments);
            credits = line;
        }
        self.commit(changes).await?;
        crate::metrics::unanswered(&post.topic, unanswered);
        let message = match how {
            Closing::Done => "closed-done",
            Closing::Thanks if confirmed.is_empty() => "closed-done",
            Closing::Thanks => "closed-thanks",
            Closing::StillOpen => "closed-still-open",
            Closing::Close => "closed-closed",
        };
        let mut reply = self.reply(member.lang, message, &[("id", id.into()), ("count", (asked as i64).into())]);
        if let Some(line) = credits {
            reply.text = format!("{}\n{line}", reply.text);
        }
        Ok(reply)
    }

    /// `/retablir N`: an offer is proposed again for the needs its author said it is not
    /// about.
    pub(super) async fn rematch(&self, member: &Member, id: PostId) -> Outcome {
        let post = self
            .store
            .post(id)
            .await?
            .filter(|p| p.community_id == self.community.id && p.kind == PostKind::Offer)
            .ok_or(Refusal::UnknownPost(id))?;
        if post.author_id != member.id {
            return Err(Refusal::NotYourPost(id).into());
        }
        let excluded = self.store.excluded_needs(self.community.id).await?;
        if !excluded.iter().any(|(offer, _)| *offer == id) {
            return Ok(self.reply(member.lang, "rematch-nothing", &[("offer", id.into())]));
        }
        self.commit(vec![Change::RestoreNeeds { offer: id }]).await?;
        Ok(self.reply(member.lang, "rematch-done", &[("offer", id.into())]))
    }

    /// `/renouveler N`: a request still needed, or an offer still standing, stays open for
    /// another period.
    pub(super) async fn renew(&self, member: &Member, id: PostId) -> Outcome {
        let post = self
            .store
            .post(id)
            .await?
            .filter(|p| p.community_id == self.community.id)
            .ok_or(Refusal::UnknownPost(id))?;
        if post.author_id != member.id {
            return Err(Refusal::NotYourPost(id).into());
        }
        if !post.state.is_open() {
            return Err(Refusal::PostFinished(id).into());
        }
        let now = self.clock.now();
        self.commit(vec![Change::SetPostState { id, from: vec![post.state], to: post.state, at: now }]).await?;
        let until = crate::calendar::format_date(now + self.ttl(post.kind));
        Ok(self.reply(member.lang, "request-renewed", &[("id", id.into()), ("date", until.into())]))
    }

    /// `/mes`: my live posts and the questions waiting for my answer.
    pub(super) async fn mine(&self, member: &Member) -> Outcome {
        let lang = member.lang;
        let posts = self.store.live_posts_of(member.id).await?;
        let asking = self.store.matches_asking(member.id).await?;
        let talking = self.open_relays(member).await?;
        if posts.is_empty() && asking.is_empty() && talking.is_empty() {
            return Ok(self.reply(lang, "mine-empty", &[]));
        }
        let mut lines = vec![catalog::text(lang, "mine-title", &[])];
        for post in &posts {
            let id = match post.kind {
                PostKind::Request => "mine-request",
                PostKind::Offer => "mine-offer",
            };
            lines.push(catalog::text(
                lang,
                id,
                &[
                    ("id", post.id.into()),
                    ("text", post.text.as_str().into()),
                    ("state", catalog::text(lang, &format!("state-{}", post.state), &[]).into()),
                ],
            ));
        }
        for m in &asking {
            lines.push(catalog::text(
                lang,
                "mine-asked",
                &[
                    ("match", m.id.into()),
                    ("request", m.request_id.into()),
                    ("accept", format!("/{} {}", CommandName::Accept.word(lang), m.id).into()),
                ],
            ));
        }
        // The conversations the bot carries, so that the member knows whom they write to.
        for (found, request, partner) in &talking {
            let args = [
                ("reply", format!("/{} {}", CommandName::Reply.word(lang), found.id).into()),
                ("name", partner.display_name.as_str().into()),
                ("request", request.id.into()),
            ];
            lines.push(catalog::text(lang, "relay-which-line", &args));
        }
        Ok(Reply { post: None, text: lines.join("\n") })
    }
}
