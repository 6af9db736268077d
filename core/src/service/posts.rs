//! Posts and the help loop: `/besoin` and `/offre` recorded and matched, helpers asked
//! (within each one's weekly share), their answers, contacts exchanged with both sides'
//! consent, follow-ups, a request met, renewed or closed.

#[allow(clippy::wildcard_imports)]
use super::*;
use std::collections::BTreeMap;

/// How many fitting offers are read from the store at once when helpers are chosen: the best
/// few are usually enough, and one read of many costs about what one read of one does.
const CANDIDATES_READ: usize = 24;

/// A fitting offer whose helper may be asked, with the helper's record of recent asks.
struct Candidate {
    offer: Post,
    helper: Member,
    record: HelperRecord,
}

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

    /// Matches a request against open offers and asks each fitting helper privately.
    /// Helpers in `exclude` (already asked) are skipped, and so are those already asked about
    /// `asks_per_week` requests in the last seven days: the next best is asked instead. Among
    /// offers that fit equally well, the helper asked least lately goes first, so that the
    /// asks are spread; a helper who left several asks unanswered lately is asked only when
    /// the others are not enough (and told once how to pause). Returns how many were asked,
    /// and how many fitting helpers were spared because they had been asked enough.
    async fn ask_helpers(
        &self,
        requester: &Member,
        request: &Post,
        exclude: &[MemberId],
        changes: &mut Vec<Change>,
    ) -> Result<Asked, StoreError> {
        let found = self.fitting(&self.offer_index, PostKind::Offer, request).await?;
        let (wanted, limit) = (self.settings().helpers_asked, self.settings().asks_per_week);
        let now = self.clock.now();
        let mut asked: Vec<MemberId> = Vec::new();
        let mut busy: std::collections::HashSet<MemberId> = std::collections::HashSet::new();
        let mut slow = Vec::new();
        // The offers, their helpers and records are read a few dozen at a time: a broad
        // request on a national board passes over many busy helpers, and three reads for each
        // made its slowest answers (#25).
        let mut known: HashMap<PostId, Candidate> = HashMap::new();
        let (mut at, mut read) = (0, 0);
        while asked.len() < wanted && at < found.len() {
            // The offers that fit exactly as well as the next one.
            let score = found[at].score;
            let end = at + found[at..].iter().take_while(|next| (next.score - score).abs() < 1e-9).count();
            if end > read {
                let until = end.max(read + CANDIDATES_READ).min(found.len());
                known.extend(self.helpers_for(&found[read..until], request).await?);
                read = until;
            }
            let mut ready = Vec::new();
            for scored in &found[at..end] {
                let Some(Candidate { offer, helper, record }) = known.remove(&scored.post_id) else {
                    continue;
                };
                // One helper with two fitting offers is asked once; helpers asked before are not.
                let own = offer.author_id == requester.id;
                if own || asked.contains(&offer.author_id) || exclude.contains(&offer.author_id) {
                    continue;
                }
                if record.this_week >= limit {
                    busy.insert(helper.id);
                } else if record.is_slow() {
                    slow.push((scored, offer, helper));
                } else {
                    ready.push((record.this_week, scored, offer, helper));
                }
            }
            at = end;
            ready.sort_by_key(|(load, ..)| *load);
            for (_, scored, offer, helper) in ready {
                if asked.len() < wanted && !asked.contains(&helper.id) {
                    let id = self.next_id(IdKind::Match).await?;
                    let reasons = scored.reasons.clone();
                    self.ask(id, requester, request, &helper, &offer, scored.score, reasons, changes).await?;
                    asked.push(helper.id);
                }
            }
        }
        // Those who let asks go unanswered lately, when the others were not enough; each is
        // told once, kindly, how to pause or close an offer.
        for (scored, offer, helper) in slow {
            if asked.len() < wanted && !asked.contains(&helper.id) {
                let id = self.next_id(IdKind::Match).await?;
                let reasons = scored.reasons.clone();
                self.ask(id, requester, request, &helper, &offer, scored.score, reasons, changes).await?;
                asked.push(helper.id);
            }
            let hint = catalog::text(
                helper.lang,
                "helper-slow-hint",
                &[
                    ("mine", format!("/{}", CommandName::Mine.word(helper.lang)).into()),
                    ("close", format!("/{}", CommandName::Close.word(helper.lang)).into()),
                    ("decline", format!("/{}", CommandName::Decline.word(helper.lang)).into()),
                ],
            );
            changes.extend(self.private_message(&helper, format!("slow-helper:{}", helper.id), hint, now).await?);
        }
        busy.retain(|helper| !asked.contains(helper));
        Ok(Asked { asked: asked.len(), busy: busy.len() })
    }

    /// The fitting offers that may be asked about `request`, read at once: each still open,
    /// by a member who may be proposed (and may mentor, when it asks that), with the
    /// helper's record of recent asks.
    async fn helpers_for(
        &self,
        found: &[matching::Scored],
        request: &Post,
    ) -> Result<HashMap<PostId, Candidate>, StoreError> {
        let now = self.clock.now();
        let ids: Vec<PostId> = found.iter().map(|scored| scored.post_id).collect();
        let offers: Vec<Post> = self
            .store
            .posts_by_id(&ids)
            .await?
            .into_iter()
            .filter(|p| p.community_id == self.community.id && p.kind == PostKind::Offer && p.state.is_open())
            .collect();
        let authors: Vec<MemberId> = offers.iter().map(|offer| offer.author_id).collect();
        let min_age = self.settings().mentor_min_age;
        let helpers: HashMap<MemberId, Member> = self
            .store
            .members_by_id(&authors)
            .await?
            .into_iter()
            .filter(|member| Self::is_matchable(member) && rules::may_mentor(member, request, min_age, now))
            .map(|member| (member.id, member))
            .collect();
        let helper_ids: Vec<MemberId> = helpers.keys().copied().collect();
        let mut asks: HashMap<MemberId, Vec<Match>> = HashMap::new();
        for found in self.store.asks_since(&helper_ids, now - rules::UNANSWERED_WINDOW).await? {
            asks.entry(found.helper_id).or_default().push(found);
        }
        Ok(offers
            .into_iter()
            .filter_map(|offer| {
                let helper = helpers.get(&offer.author_id)?.clone();
                let record = HelperRecord::of(helper.id, asks.get(&helper.id).map_or(&[], Vec::as_slice), now);
                Some((offer.id, Candidate { offer, helper, record }))
            })
            .collect())
    }

    /// How many requests a member was asked about as a helper in the last seven days.
    async fn asks_this_week(&self, helper: MemberId, now: Timestamp) -> Result<usize, StoreError> {
        let matches = self.store.matches_of_member(helper).await?;
        Ok(HelperRecord::of(helper, &matches, now).this_week)
    }

    /// A post of this community, of a kind, if it is still open.
    async fn open_post(&self, id: PostId, kind: PostKind) -> Result<Option<Post>, StoreError> {
        let post = self.store.post(id).await?;
        Ok(post.filter(|p| p.community_id == self.community.id && p.kind == kind && p.state.is_open()))
    }

    /// A member who may be proposed (active, not inactive).
    async fn matchable(&self, id: MemberId) -> Result<Option<Member>, StoreError> {
        Ok(self.store.member(id).await?.filter(Self::is_matchable))
    }

    /// Whether a member may be proposed: active, not inactive.
    fn is_matchable(member: &Member) -> bool {
        member.status == MemberStatus::Active && member.inactive_since.is_none()
    }

    /// Matches a new offer against open requests; its author is asked about each that fits.
    async fn ask_about_requests(
        &self,
        helper: &Member,
        offer: &Post,
        changes: &mut Vec<Change>,
    ) -> Result<usize, StoreError> {
        let found = self.fitting(&self.request_index, PostKind::Request, offer).await?;
        // Requests this helper was already asked about are not asked again.
        let already: std::collections::HashSet<PostId> = self
            .store
            .matches_of_member(helper.id)
            .await?
            .iter()
            .filter(|m| m.helper_id == helper.id)
            .map(|m| m.request_id)
            .collect();
        // No more than the week's allowance, counting the asks they already had.
        let allowance =
            self.settings().asks_per_week.saturating_sub(self.asks_this_week(helper.id, self.clock.now()).await?);
        let mut asked = 0;
        for scored in found {
            if asked >= self.settings().helpers_asked.min(allowance) {
                break;
            }
            // Nobody is asked to help with their own request, nor twice about one.
            if already.contains(&scored.post_id) {
                continue;
            }
            let Some(request) = self.open_post(scored.post_id, PostKind::Request).await? else {
                continue;
            };
            if request.author_id == helper.id {
                continue;
            }
            let Some(requester) = self.matchable(request.author_id).await? else {
                continue;
            };
            if !rules::may_mentor(helper, &request, self.settings().mentor_min_age, self.clock.now()) {
                continue;
            }
            let id = self.next_id(IdKind::Match).await?;
            self.ask(id, &requester, &request, helper, offer, scored.score, scored.reasons, changes).await?;
            asked += 1;
        }
        Ok(asked)
    }

    /// Reads every open post into the matching indexes: called once at start, so that the
    /// first request after it does not wait for the whole board.
    pub async fn warm_matching(&self) -> Result<(), StoreError> {
        self.sync_index(&self.offer_index, PostKind::Offer).await?;
        self.sync_index(&self.request_index, PostKind::Request).await
    }

    /// Brings an index up to date with the store (the truth, shared by every process): every
    /// few minutes it reads every open post, in between only the posts changed since its last
    /// look (with a margin for slow commits and other processes' clocks), so a post costs a
    /// few rows, not the whole board.
    async fn sync_index(&self, index: &Mutex<Index>, kind: PostKind) -> Result<(), StoreError> {
        /// How far back each look reaches beyond the last one, in seconds.
        const MARGIN: i64 = 10;
        /// How often every open post is read again, in seconds.
        const FULL: i64 = 300;
        let now = self.clock.now();
        let (synced_at, full_at) = {
            let index = index.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            (index.synced_at, index.full_at)
        };
        let full = synced_at.is_none() || now - full_at >= FULL;
        let posts = match (full, synced_at) {
            (false, Some(at)) => self.store.posts_changed_since(self.community.id, kind, at - MARGIN).await?,
            _ => self.store.open_posts(self.community.id, kind).await?,
        };
        // At start, the analyses an earlier start kept: a national board is not read again.
        // They only spare reading: when they cannot be read, the posts are read instead.
        let kept: HashMap<PostId, Vec<u8>> = match synced_at {
            None => match self.store.kept_analyses(self.community.id, kind, stored::FINGERPRINT).await {
                Ok(kept) => kept.into_iter().collect(),
                Err(error) => {
                    tracing::warn!(%error, "could not read the posts' analyses kept: every post is read");
                    HashMap::new()
                }
            },
            Some(_) => HashMap::new(),
        };
        let to_keep = {
            // The index is locked only here: the guard must not live across an await.
            let mut index = index.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let index = &mut *index;
            index.synced_at = Some(synced_at.map_or(now, |at| at.max(now)));
            if full {
                let made = index.matcher.sync(&posts, |post| kept.get(&post.id).and_then(|kept| stored::decode(kept)));
                index.full_at = now;
                index.unkept.extend(made.iter().map(|(id, analysis)| (*id, stored::encode(analysis))));
                let matcher = &index.matcher;
                index.unkept.retain(|id, _| matcher.contains(*id));
                std::mem::take(&mut index.unkept)
            } else {
                for changed in &posts {
                    if !changed.state.is_open() {
                        index.matcher.remove(changed.id);
                        index.unkept.remove(&changed.id);
                    } else if let Some(made) = index.matcher.insert_new(changed) {
                        index.unkept.insert(changed.id, stored::encode(&made));
                    }
                }
                BTreeMap::new()
            }
        };
        drop(kept);
        if !to_keep.is_empty() {
            let keep = Change::KeepAnalyses {
                fingerprint: stored::FINGERPRINT.to_owned(),
                analyses: to_keep.into_iter().collect(),
            };
            // Kept only to spare the next start some reading: not kept, they are read again then.
            if let Err(error) = self.store.apply(vec![keep]).await {
                tracing::warn!(%error, "could not keep the posts' analyses for the next start");
            }
        }
        Ok(())
    }

    /// Every open post of a kind that fits `post`, best first, from the index brought up to
    /// date. Candidates are checked again against the store before anyone is asked.
    async fn fitting(
        &self,
        index: &Mutex<Index>,
        kind: PostKind,
        post: &Post,
    ) -> Result<Vec<matching::Scored>, StoreError> {
        let started = std::time::Instant::now();
        self.sync_index(index, kind).await?;
        let fitting =
            index.lock().unwrap_or_else(std::sync::PoisonError::into_inner).matcher.best_for(post, usize::MAX);
        // Offers whose authors said a need is not what they offer are not proposed for it.
        let excluded = self.store.excluded_needs(self.community.id).await?;
        let fitting = matching::without_excluded(fitting, &excluded, |scored| match kind {
            PostKind::Offer => scored.post_id,
            PostKind::Request => post.id,
        });
        metrics::histogram!(crate::metrics::MATCHING_SECONDS).record(started.elapsed().as_secs_f64());
        Ok(fitting)
    }

    /// Creates a match and the private question to the helper.
    #[allow(clippy::too_many_arguments)]
    async fn ask(
        &self,
        id: MatchId,
        requester: &Member,
        request: &Post,
        helper: &Member,
        offer: &Post,
        score: f64,
        reasons: Vec<Reason>,
        changes: &mut Vec<Change>,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let lang = helper.lang;
        // Someone a relais posted for is named, with the relais who will pass the contact on.
        let requester_name = match &request.on_behalf_of {
            Some(name) => catalog::text(
                lang,
                "on-behalf-name",
                &[("name", name.as_str().into()), ("relay", requester.display_name.as_str().into())],
            ),
            None => requester.display_name.clone(),
        };
        // Spelled in the member's language: where an app shows no buttons, they type it.
        let not_mine = command::decline_with(lang, id, DeclineReason::NotMine);
        let text = catalog::text(
            lang,
            "ask-helper",
            &[
                ("requester", requester_name.into()),
                ("request", request.id.into()),
                ("text", request.text.as_str().into()),
                ("offer", offer.id.into()),
                ("reasons", render_reasons(lang, &reasons).into()),
                ("match", id.into()),
                ("accept", format!("/{} {id}", CommandName::Accept.word(lang)).into()),
                ("decline", format!("/{} {id}", CommandName::Decline.word(lang)).into()),
                ("notmine", not_mine.clone().into()),
            ],
        );
        changes.push(Change::InsertMatch(Match {
            id,
            request_id: request.id,
            offer_id: offer.id,
            requester_id: requester.id,
            helper_id: helper.id,
            score,
            reasons,
            state: MatchState::Asked,
            created_at: now,
            updated_at: now,
            accepted_at: None,
            relay_closed_at: None,
            decline_reason: None,
        }));
        let buttons = [
            ("button-can-help", format!("/{} {id}", CommandName::Accept.word(lang))),
            ("button-not-now", command::decline_with(lang, id, DeclineReason::NotNow)),
            ("button-not-mine", not_mine),
        ];
        metrics::counter!(crate::metrics::ASKS, "topic" => request.topic.clone(), "answer" => "asked").increment(1);
        changes.extend(self.private_choices(helper, format!("ask:{id}"), text, &buttons, now).await?);
        Ok(())
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
