//! One message in: cleaned, parsed, the writer found (and adopted while a window is open),
//! their rights checked, the command run, and the answer given where it belongs (privately
//! for what is for their eyes only, never in a group for a report). Also the profile
//! commands (`/lieu`, `/langue`) and `/aide`.

#[allow(clippy::wildcard_imports)]
use super::*;

impl Service {
    /// Handles one message; `None` when it was not for the bot. Never fails: a refusal or a
    /// store failure becomes a message in the member's language, and nothing is half-written.
    pub async fn handle(&self, incoming: Incoming) -> Option<Reply> {
        // Cleaned here, at the edge, whatever the platform and the store.
        let incoming = incoming.cleaned();
        // Where it comes from, never what it says nor who wrote it.
        tracing::trace!(platform = %incoming.account.platform, chat = ?incoming.chat, "a message");
        let mut parsed = command::parse(&incoming.text, incoming.chat);
        // While an adoption window is open (as last read), whoever writes in a group may be
        // someone to adopt.
        let adopting =
            incoming.chat != ChatContext::Private && self.settings().adoption_open(self.clock.now()).is_some();
        // Group chatter with no hashtag is none of the bot's business: no database read.
        if parsed == Parsed::Ignored && !incoming.text.contains('#') && !adopting {
            return None;
        }
        if let Err(error) = self.refresh_settings().await {
            return Some(self.failure_reply(self.settings().default_lang, Failure::Store(error)));
        }
        // The community's own request hashtags, on top of #besoin and #need.
        if matches!(parsed, Parsed::Ignored | Parsed::NotUnderstood)
            && let Some(tagged) = command::tagged_request(&incoming.text, &self.settings().request_hashtags)
        {
            parsed = match tagged {
                Ok(text) => Parsed::Command(Command::Need(text)),
                Err(error) => Parsed::Error(error),
            };
        }
        if parsed == Parsed::Ignored && !adopting {
            return None;
        }
        let mut actor = match self.actor(incoming).await {
            Ok(actor) => actor,
            Err(error) => {
                return Some(self.failure_reply(self.settings().default_lang, Failure::Store(error)));
            }
        };
        if actor.member.is_none()
            && actor.incoming.chat != ChatContext::Private
            && let Some(window) = self.settings().adoption_open(self.clock.now())
        {
            match self.adopt_writer(&actor.incoming, window).await {
                Ok(adopted) => actor.member = adopted,
                Err(error) => tracing::warn!(%error, "could not adopt someone who wrote in a group"),
            }
        }
        if parsed == Parsed::Ignored {
            return None;
        }
        // Writing to the bot privately makes the account reachable: what waited for it goes now.
        if actor.incoming.chat == ChatContext::Private {
            match self.store.unreachable_since(&actor.incoming.account).await {
                Ok(None) => {}
                Ok(Some(_)) => {
                    let reachable = Change::Reachable { account: actor.incoming.account.clone(), at: self.clock.now() };
                    match self.store.apply(vec![reachable]).await {
                        Ok(()) => self.outbox_ready.notify_one(),
                        Err(error) => tracing::warn!(%error, "could not release messages held for an account"),
                    }
                }
                Err(error) => tracing::warn!(%error, "could not check whether an account is reachable"),
            }
        }
        if let Some(member) = &actor.member
            && (member.inactive_since.is_some() || self.clock.now() - member.last_seen_at >= 86_400)
        {
            // Seen: written at most daily; someone inactive is matched again at once.
            // Not `commit`: an inbound event is recorded with the command's own changes.
            if let Err(error) = self.store.apply(vec![Change::SeenMember(member.id, self.clock.now())]).await {
                tracing::warn!(%error, "could not record a member as seen");
            }
        }
        let lang = actor.lang;
        Self::answer_in(lang);
        // A report typed in a group must not be seen there, whatever becomes of it: the one
        // reported may be reading. It is answered privately and removed (`out_of_sight`).
        let hidden = actor.incoming.chat != ChatContext::Private
            && command::command_name(&actor.incoming.text) == Some(CommandName::Report);
        if hidden {
            self.answer_nothing().await;
        }
        let kind = match &parsed {
            Parsed::NotUnderstood => "not_understood",
            _ => match command::command_name(&actor.incoming.text) {
                Some(name) => name.word(Lang::En),
                None if actor.incoming.text.trim_start().starts_with(['/', '!']) => "unknown",
                None => "hashtag",
            },
        };
        let platform = actor.incoming.account.platform;
        let outcome = match parsed {
            Parsed::Ignored => return None,
            // Written privately by someone in a conversation: for the other side.
            Parsed::NotUnderstood => match &actor.member {
                Some(member) if actor.incoming.chat == ChatContext::Private => self.relay_hint(member).await,
                _ => Ok(self.reply(lang, "not-understood", &[])),
            },
            Parsed::Error(error) => Err(Refusal::Parse(error).into()),
            Parsed::Command(command) => ACTING_PLATFORM.scope(platform, self.run(&actor, command)).await,
        };
        let counted = match &outcome {
            Ok(_) => "ok",
            Err(Failure::Refused(_)) => "refused",
            Err(Failure::Store(StoreError::Conflict(_) | StoreError::DuplicateEvent)) => "conflict",
            Err(Failure::Store(_)) => "error",
        };
        metrics::counter!(crate::metrics::COMMANDS, "command" => kind, "platform" => platform.as_str(), "outcome" => counted)
            .increment(1);
        if hidden {
            return self.out_of_sight(&actor, outcome).await;
        }
        Some(outcome.unwrap_or_else(|failure| self.failure_reply(lang, failure)))
    }

    /// What is said in a group after a command that must not be seen there (a report):
    /// nothing. Done, it was answered privately with its own changes; refused, the refusal
    /// goes privately now, with the command's removal. Only when even that cannot be written
    /// is the member told so where they wrote (a technical problem: nothing of the report).
    async fn out_of_sight(&self, actor: &Actor, outcome: Outcome) -> Option<Reply> {
        let failure = match outcome {
            Ok(_) => return None,
            // Handled already (a replay): nothing more to say.
            Err(Failure::Store(StoreError::DuplicateEvent)) => return None,
            Err(failure) => failure,
        };
        let refusal = self.failure_reply(actor.lang, failure).text;
        let written = match self.out_of_group(actor, refusal).await {
            Ok(changes) => self.commit(changes).await,
            Err(error) => Err(error),
        };
        match written {
            Ok(()) => None,
            Err(StoreError::DuplicateEvent) => None,
            Err(error) => Some(self.failure_reply(actor.lang, Failure::Store(error))),
        }
    }

    /// A command taken out of a group's sight: its answer, privately to the account it came
    /// from, and its removal from the group. Where the adapter gave no way to remove it, the
    /// answer says to report privately next time.
    pub(super) async fn out_of_group(&self, actor: &Actor, text: String) -> Result<Vec<Change>, StoreError> {
        let now = self.clock.now();
        let account = &actor.incoming.account;
        let mut changes = Vec::new();
        let text = match &actor.incoming.message {
            Some(message) => {
                changes.push(Change::Enqueue(Outgoing {
                    key: format!("remove-command:{}:{}:{}", account.platform, message.chat, message.id),
                    to: AccountRef::new(account.platform, message.chat.clone()),
                    body: OutgoingBody::RemoveCommand { message: message.id.clone(), author: account.user_id.clone() },
                    not_before: now,
                }));
                text
            }
            None => format!("{text}\n{}", catalog::text(actor.lang, "report-not-removed", &[])),
        };
        let key = format!("reply:{}", self.next_id(IdKind::Reply).await?);
        changes.push(Change::Enqueue(Outgoing {
            key,
            to: account.clone(),
            body: OutgoingBody::Text { text },
            not_before: now,
        }));
        Ok(changes)
    }

    /// A command a platform was asked to remove from a group stays there (the bot may not
    /// delete others' messages there): its author is told privately to report in private
    /// next time. `removal` is the outbox's `RemoveCommand`; the word is keyed by it, so a
    /// retried removal says it once.
    pub async fn removal_refused(&self, removal: &Outgoing) -> Result<(), StoreError> {
        let OutgoingBody::RemoveCommand { author, .. } = &removal.body else { return Ok(()) };
        // A hidden post's own message: moderators remove it by hand.
        if let Some(post) = removal.key.strip_prefix("hide-source:").and_then(|rest| rest.split(':').next()) {
            return self.source_kept(removal, post).await;
        }
        let author = AccountRef::new(removal.to.platform, author.clone());
        let lang = self.lang_of(&author).await?;
        let text = catalog::text(lang, "report-not-removed", &[]);
        let key = format!("not-removed:{}", removal.key);
        let now = self.clock.now();
        self.commit(vec![Change::Enqueue(Outgoing {
            key,
            to: author,
            body: OutgoingBody::Text { text },
            not_before: now,
        })])
        .await
    }

    /// The language to write to an account in: its member's, or the community's.
    pub async fn lang_of(&self, account: &AccountRef) -> Result<Lang, StoreError> {
        Ok(self.member_lang(account).await?.unwrap_or(self.settings().default_lang))
    }

    /// The language of the member behind an account, if it is a member's: it comes before
    /// what their app says (a French member with an app in English reads French).
    pub async fn member_lang(&self, account: &AccountRef) -> Result<Option<Lang>, StoreError> {
        Ok(match self.store.account(self.community.id, account).await? {
            Some(found) => self.store.member(found.member_id).await?.map(|member| member.lang),
            None => None,
        })
    }

    /// Finds who wrote, and in which language to answer.
    pub(super) async fn actor(&self, incoming: Incoming) -> Result<Actor, StoreError> {
        let account = self.store.account(self.community.id, &incoming.account).await?;
        let member = match account {
            Some(account) => self.store.member(account.member_id).await?,
            None => None,
        };
        let lang = member
            .as_ref()
            .map(|m| m.lang)
            .or(incoming.lang)
            .or_else(|| command::language_of(&incoming.text))
            .unwrap_or(self.settings().default_lang);
        Ok(Actor { incoming, member, lang })
    }

    /// Renders a failure and logs the internal ones (never the message text).
    pub(super) fn failure_reply(&self, lang: Lang, failure: Failure) -> Reply {
        let refusal = match failure {
            Failure::Refused(refusal) => refusal,
            Failure::Store(StoreError::Conflict(what)) => {
                tracing::info!(%what, "concurrent change, command refused");
                Refusal::Conflict
            }
            // Handled already: what is said here is never sent (`once` sees the replay).
            Failure::Store(StoreError::DuplicateEvent) => Refusal::Conflict,
            Failure::Store(error) => {
                crate::metrics::error("command");
                tracing::error!(%error, "store failure while handling a command: nothing recorded");
                Refusal::NotRecorded
            }
        };
        Reply { post: None, text: refusal.render(lang) }
    }

    /// Runs a parsed command for an actor.
    pub(super) async fn run(&self, actor: &Actor, command: Command) -> Outcome {
        let member = match (&actor.member, &command) {
            (None, Command::Help) => return Ok(self.reply(actor.lang, "help-visitor", &[])),
            // A code typed in a group is everyone's: it is refused there.
            (_, Command::Join(_) | Command::Link(Some(_))) if actor.incoming.chat != ChatContext::Private => {
                return Err(Refusal::CodeInGroup.into());
            }
            (None, Command::Join(code)) => return self.join(actor, code).await,
            (None, Command::Link(Some(code))) => return self.use_link_code(actor, code).await,
            (None, Command::Apply) => return self.apply(actor).await,
            (Some(member), Command::Help | Command::Apply) if member.status == MemberStatus::Candidate => {
                let vouchers = self.store.vouchers_of(member.id).await?;
                return Ok(
                    self.candidate_reply(member, rules::vouches_missing(&vouchers, &self.settings().sponsorship))
                );
            }
            (None, _) => return Err(Refusal::NotMember.into()),
            (Some(member), _) => member,
        };
        if matches!(command, Command::MyData | Command::DeleteMe(_)) {
            rules::may_use_data_rights(member)?;
        } else {
            rules::may_act(member)?;
        }
        // Some answers are for the member's eyes only: in a group they go privately.
        let private_only =
            command::command_name(&actor.incoming.text).is_some_and(|name| name.has(Trait::AnsweredPrivately));
        let answer = self.dispatch(actor, member, command).await?;
        if actor.incoming.chat != ChatContext::Private && private_only {
            let key = format!("reply:{}", self.next_id(IdKind::Reply).await?);
            let now = self.clock.now();
            self.commit(self.private_message(member, key, answer.text, now).await?.into_iter().collect()).await?;
            return Ok(self.reply(member.lang, "answered-privately", &[]));
        }
        Ok(answer)
    }

    /// Runs a command of a member allowed to act.
    async fn dispatch(&self, actor: &Actor, member: &Member, command: Command) -> Outcome {
        match command {
            Command::Help => Ok(self.help(member)),
            Command::Need(text) => self.post(member, PostKind::Request, text, None, Self::source(actor)).await,
            Command::Offer(text) => self.post(member, PostKind::Offer, text, None, Self::source(actor)).await,
            Command::OnBehalf { name, kind, text } => {
                if !member.role.can_relay() {
                    return Err(Refusal::NotRelay.into());
                }
                self.post(member, kind, text, Some(name), Self::source(actor)).await
            }
            Command::Invite(note) => self.invite(actor, member, note).await,
            Command::Join(_) => Err(Refusal::AlreadyMember.into()),
            Command::Accept(id) => self.accept(member, id).await,
            Command::Decline(id, reason) => self.decline(member, id, reason).await,
            Command::Rematch(id) => self.rematch(member, id).await,
            Command::Reply { id, text } => self.relay(member, id, &text).await,
            Command::Time { request, minutes } => self.record_time(member, request, minutes).await,
            Command::Balance => self.time_balance(member).await,
            Command::Announce(text) => self.announce(member, text).await,
            Command::Alert(text) => self.propose_alert(member, text).await,
            Command::Publish(id) => self.publish_alert(member, id).await,
            Command::Withdraw(id) => self.withdraw_announcement(member, id).await,
            Command::CorrectCredit { transfer, reason } => self.correct_credit(member, transfer, &reason).await,
            Command::Share(id) => self.share_contact(member, id).await,
            Command::EndRelay(id) => self.end_relay(member, id).await,
            Command::Done(id) => self.close(member, id, Closing::Done).await,
            Command::Thanks(id) => self.close(member, id, Closing::Thanks).await,
            Command::StillOpen(id) => self.close(member, id, Closing::StillOpen).await,
            Command::Close(id) => self.close(member, id, Closing::Close).await,
            Command::Renew(id) => self.renew(member, id).await,
            Command::Mine => self.mine(member).await,
            Command::Place(place) => self.set_place(member, place).await,
            Command::Language(lang) => self.set_language(member, lang).await,
            Command::Ban { target, reason } => self.sanction_command(member, &target, Sanction::Ban, &reason).await,
            Command::Warn { target, reason } => self.sanction_command(member, &target, Sanction::Warn, &reason).await,
            Command::Suspend { target, duration, reason } => {
                let until = self.clock.now() + duration;
                self.sanction_command(member, &target, Sanction::Suspend { until }, &reason).await
            }
            Command::Lift { target, reason } => self.sanction_command(member, &target, Sanction::Lift, &reason).await,
            Command::Report { subject, reason } => self.report(actor, member, subject, reason).await,
            Command::Reports => self.reports(member).await,
            Command::Take(id) => self.take_report(member, id).await,
            Command::Resolve { id, action, reason } => self.resolve_report(member, id, action, reason).await,
            Command::Dismiss { id, reason } => self.dismiss_report(member, id, reason).await,
            Command::Hide { post, reason } => self.hide(member, post, reason).await,
            Command::SetRole { target, role } => self.set_role(member, &target, role).await,
            Command::Config(change) => self.config(member, change).await,
            Command::Stats(days) => self.stats(member, days).await,
            Command::MyData => self.my_data(member).await,
            Command::Undelivered => self.undelivered(member).await,
            Command::Dashboard(end) => self.dashboard(actor, member, end).await,
            Command::Resend(id) => self.resend(member, id).await,
            Command::DeleteMe(confirmed) => self.delete_me(member, confirmed).await,
            Command::Audit(filter) => self.audit(member, filter).await,
            Command::Revoke(code) => self.revoke(member, &code).await,
            Command::WithdrawInvites { target, reason } => self.set_invite_rights(member, &target, Some(reason)).await,
            Command::RestoreInvites(target) => self.set_invite_rights(member, &target, None).await,
            Command::Link(None) => self.create_link_code(actor, member).await,
            Command::Link(Some(_)) => Err(Refusal::AlreadyLinked.into()),
            Command::Unlink(platform) => self.unlink(member, platform).await,
            Command::Vouch(target) => self.vouch(member, &target).await,
            Command::Apply => Err(Refusal::AlreadyMember.into()),
            Command::Candidates => self.candidates(member).await,
            Command::Record { target, page } => self.record(member, &target, page).await,
            Command::Approve(id) => self.decide_held_join(member, id, HeldOutcome::Approved).await,
            Command::Reject(id) => self.decide_held_join(member, id, HeldOutcome::Rejected).await,
            Command::Held => self.held(member).await,
            Command::Adopt(what) => self.adoption(actor, member, what).await,
        }
    }

    // ----- profile -------------------------------------------------------------------------

    /// `/lieu`: a city or neighbourhood, never an address.
    async fn set_place(&self, member: &Member, place: Option<String>) -> Outcome {
        self.commit(vec![Change::SetPlace(member.id, place.clone())]).await?;
        Ok(match place {
            Some(place) => self.reply(member.lang, "place-set", &[("place", place.into())]),
            None => self.reply(member.lang, "place-cleared", &[]),
        })
    }

    /// `/langue`: answered in the new language.
    async fn set_language(&self, member: &Member, lang: Lang) -> Outcome {
        self.commit(vec![Change::SetLang(member.id, lang)]).await?;
        Ok(self.reply(lang, "language-set", &[]))
    }

    /// `/aide`: the commands in the member's language; moderators see theirs too.
    fn help(&self, member: &Member) -> Reply {
        let lang = member.lang;
        let mut lines = vec![catalog::text(lang, "help-title", &[("community", self.community.name.as_str().into())])];
        for name in CommandName::all() {
            if name == CommandName::Help || (name.is_moderation() && !member.role.can_moderate()) {
                continue;
            }
            lines.push(name.usage(lang));
        }
        Reply { post: None, text: lines.join("\n") }
    }
}
