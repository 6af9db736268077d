//! Who is asked: the helpers a request reaches and the requests a new offer reaches, best
//! fit first, within each helper's weekly share; and the matching indexes they are found in,
//! kept up to date with the store (and their posts' analyses kept for the next start).

#[allow(clippy::wildcard_imports)]
use super::*;

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
    /// Matches a request against open offers and asks each fitting helper privately.
    /// Helpers in `exclude` (already asked) are skipped, and so are those already asked about
    /// `asks_per_week` requests in the last seven days: the next best is asked instead. Among
    /// offers that fit equally well, the helper asked least lately goes first, so that the
    /// asks are spread; a helper who left several asks unanswered lately is asked only when
    /// the others are not enough (and told once how to pause). Returns how many were asked,
    /// and how many fitting helpers were spared because they had been asked enough.
    pub(super) async fn ask_helpers(
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
            let end = at + 1 + found[at + 1..].iter().take_while(|next| (next.score - score).abs() < 1e-9).count();
            if end > read {
                let until = end.max(read + CANDIDATES_READ).min(found.len());
                known.extend(self.helpers_for(&found[read..until], request, now).await?);
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
        now: Timestamp,
    ) -> Result<HashMap<PostId, Candidate>, StoreError> {
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
        for found in self.store.asks_since(&helper_ids, now - HelperRecord::READS_SINCE).await? {
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
    pub(super) async fn ask_about_requests(
        &self,
        helper: &Member,
        offer: &Post,
        changes: &mut Vec<Change>,
    ) -> Result<usize, StoreError> {
        let found = self.fitting(&self.request_index, PostKind::Request, offer).await?;
        // Requests this helper was already asked about are not asked again.
        let theirs = self.store.matches_of_member(helper.id).await?;
        let already: std::collections::HashSet<PostId> =
            theirs.iter().filter(|m| m.helper_id == helper.id).map(|m| m.request_id).collect();
        // No more than the week's allowance, counting the asks they already had.
        let this_week = HelperRecord::of(helper.id, &theirs, self.clock.now()).this_week;
        let allowance = self.settings().asks_per_week.saturating_sub(this_week);
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
        {
            // The index is locked only here: the guard must not live across an await.
            let mut index = index.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let index = &mut *index;
            index.synced_at = Some(synced_at.map_or(now, |at| at.max(now)));
            if full {
                let unkept = &mut index.unkept;
                index.matcher.sync(
                    &posts,
                    |post| kept.get(&post.id).and_then(|kept| stored::decode(kept)),
                    |id, analysis| {
                        unkept.insert(id, stored::encode(&analysis));
                    },
                );
                index.full_at = now;
                let matcher = &index.matcher;
                index.unkept.retain(|id, _| matcher.contains(*id));
            } else {
                for changed in &posts {
                    if !changed.state.is_open() {
                        index.matcher.remove(changed.id);
                        index.unkept.remove(&changed.id);
                    } else if let Some(made) = index.matcher.insert_new(changed) {
                        index.unkept.insert(changed.id, stored::encode(&made));
                    }
                }
            }
        }
        Ok(())
    }

    /// Keeps the posts' analyses made since the last time, for the next start: run in the
    /// background, never while a member waits, since a new build's first start makes a
    /// national board's 100,000. A thousand a transaction, or one transaction would hold them
    /// all (and, on PostgreSQL, a lock on every open post) until the last. Kept only to spare
    /// the next start some reading: those that could not be kept are read again then.
    pub async fn keep_analyses(&self) {
        for index in [&self.offer_index, &self.request_index] {
            let unkept = std::mem::take(&mut index.lock().unwrap_or_else(std::sync::PoisonError::into_inner).unkept);
            let unkept: Vec<(PostId, Vec<u8>)> = unkept.into_iter().collect();
            for batch in unkept.chunks(1_000) {
                let keep =
                    Change::KeepAnalyses { fingerprint: stored::FINGERPRINT.to_owned(), analyses: batch.to_vec() };
                if let Err(error) = self.store.apply(vec![keep]).await {
                    tracing::warn!(%error, "could not keep the posts' analyses for the next start");
                    return;
                }
            }
        }
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
}
