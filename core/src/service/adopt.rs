//! Adopting the people who were in a community's groups before the bot came. Networks rarely
//! start empty: without this, someone who has been in the group for years is told they are
//! not a member. An admin opens an adoption window (`/adopter ouvrir`): until it closes,
//! whoever writes in a group and is unknown becomes a member, and the apps that can list
//! their groups' people (Discord, Matrix) list them all. A moderator may also adopt one
//! account by its id (Telegram, where a bot cannot list anyone). Nobody whose join the bot
//! saw and held for moderators is adopted: that decision stays theirs. The adopted have no
//! known sponsor; each adoption is in the audit log.

use crate::catalog;
use crate::command::{Adoption, CommandName};
use crate::identity;
use crate::model::{
    AccountRef, AuditAction, BarredAccount, HeldJoin, Lang, Member, MemberId, Outgoing, OutgoingBody, Platform,
};
use crate::ports::{Change, IdKind, StoreError};
use crate::rules::{self, Refusal};
use crate::settings::{ADOPTION_KEY, AdoptionWindow};

use super::{Actor, Incoming, Outcome, Service, display_name, format_time};

/// Someone an app found in its groups (a Discord guild member, a Matrix room member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Their id on the app.
    pub user_id: String,
    /// The name the app shows for them.
    pub display_name: String,
}

/// How someone came to be adopted, as the audit log says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// Listed by the app in its groups.
    Listed,
    /// Wrote in a group while the window was open.
    Wrote,
    /// Named by a moderator.
    Named,
}

impl How {
    fn catalog_id(self) -> &'static str {
        match self {
            How::Listed => "adopt-how-listed",
            How::Wrote => "adopt-how-wrote",
            How::Named => "adopt-how-named",
        }
    }
}

/// How many listed people are written in one transaction.
const LISTED_BATCH: usize = 200;

/// Who may never be adopted: joins held for moderators, banned people who erased their data.
struct Excluded {
    held: Vec<HeldJoin>,
    barred: Vec<BarredAccount>,
}

/// Why an account was not adopted.
enum NotAdopted {
    /// It is already a member's.
    Member(MemberId),
    /// Its join waits for a moderator's decision.
    Held(i64),
    /// It belongs to a banned person who erased their data.
    Barred,
}

impl Service {
    /// `/adopter`: the window's state, opening or closing it (admins), or adopting one
    /// account of the app the moderator writes from.
    pub(super) async fn adoption(&self, actor: &Actor, moderator: &Member, what: Adoption) -> Outcome {
        // Opening and closing are admins' (`rules::may_configure`), the rest moderators'.
        if !matches!(what, Adoption::Open(_) | Adoption::Close) {
            rules::may_moderate(moderator)?;
        }
        let lang = moderator.lang;
        let now = self.clock.now();
        let close = format!("/{} {}", CommandName::Adopt.word(lang), catalog::text(lang, "adopt-word-close", &[]));
        match what {
            Adoption::Status => Ok(match self.settings().adoption_open(now) {
                Some(window) => self.reply(
                    lang,
                    "adopt-status-open",
                    &[("until", format_time(window.until).into()), ("close", close.into())],
                ),
                None => {
                    let open =
                        format!("/{} {}", CommandName::Adopt.word(lang), catalog::text(lang, "adopt-word-open", &[]));
                    self.reply(lang, "adopt-status-closed", &[("open", open.into())])
                }
            }),
            Adoption::Open(days) => {
                rules::may_configure(moderator)?;
                let until = now + i64::from(days) * 86_400;
                let mut changes = vec![
                    Change::SetSetting {
                        community: self.community.id,
                        key: ADOPTION_KEY.to_owned(),
                        value: Some(format!("{until}:{}", moderator.id)),
                    },
                    self.audit_change(Some(moderator.id), AuditAction::AdoptionWindow, None, format_time(until), now),
                ];
                // The apps that can list their groups' people adopt them all now.
                for platform in self.settings().group_platforms.iter().filter(|p| p.lists_members()) {
                    changes.push(Change::Enqueue(Outgoing {
                        key: format!("adopt-list:{platform}:{now}"),
                        to: AccountRef::new(*platform, "#groups"),
                        body: OutgoingBody::ListMembers,
                        not_before: now,
                    }));
                }
                self.commit(changes).await?;
                self.refresh_settings().await?;
                Ok(self.reply(lang, "adopt-opened", &[("until", format_time(until).into()), ("close", close.into())]))
            }
            Adoption::Close => {
                rules::may_configure(moderator)?;
                self.commit(vec![
                    Change::SetSetting { community: self.community.id, key: ADOPTION_KEY.to_owned(), value: None },
                    self.audit_change(Some(moderator.id), AuditAction::AdoptionWindow, None, "-", now),
                ])
                .await?;
                self.refresh_settings().await?;
                Ok(self.reply(lang, "adopt-closed", &[]))
            }
            Adoption::Account { id, name } => {
                let platform = actor.incoming.account.platform;
                let id = id.trim_start_matches("https://matrix.to/#/");
                // A Telegram @username cannot be turned into the account that writes.
                let numeric_on_telegram = platform != Platform::Telegram || id.bytes().all(|b| b.is_ascii_digit());
                if identity::check_user_id(platform, id).is_err() || !numeric_on_telegram {
                    return Err(Refusal::BadAccountId(platform).into());
                }
                let account = AccountRef::new(platform, id);
                let name = name.unwrap_or_default();
                match self.adopt(&account, &name, None, moderator.id, How::Named, true).await? {
                    Ok(member) => Ok(self.reply(lang, "adopt-done", &[("name", member.display_name.as_str().into())])),
                    Err(NotAdopted::Member(member)) => {
                        let name = self.store.member(member).await?.map(|m| m.display_name).unwrap_or_default();
                        Ok(self.reply(lang, "adopt-already", &[("name", name.into())]))
                    }
                    Err(NotAdopted::Held(held)) => Ok(self.reply(lang, "adopt-held", &[("id", held.into())])),
                    Err(NotAdopted::Barred) => Err(Refusal::Banned.into()),
                }
            }
        }
    }

    /// The people an app listed in its groups (`OutgoingBody::ListMembers`), adopted if the
    /// window is still open; returns how many became members. Listing again adopts nobody
    /// twice. Written a batch at a time, so that a server of thousands fits in one delivery.
    pub async fn adopt_listed(&self, platform: Platform, listed: Vec<Listed>) -> Result<usize, StoreError> {
        self.refresh_settings().await?;
        let Some(window) = self.settings().adoption_open(self.clock.now()) else {
            return Ok(0);
        };
        let excluded = self.excluded().await?;
        let mut adopted = 0;
        for batch in listed.chunks(LISTED_BATCH) {
            let mut changes = Vec::new();
            let mut accounts = Vec::new();
            for person in batch {
                let account = AccountRef::new(platform, person.user_id.clone());
                if self.not_adoptable(&account, &excluded).await?.is_some() || accounts.contains(&account) {
                    continue;
                }
                let (_, made) =
                    self.adoption_of(&account, &person.display_name, None, window.by, How::Listed, false).await?;
                changes.extend(made);
                accounts.push(account);
            }
            match self.commit(changes).await {
                Ok(()) => adopted += accounts.len(),
                // Someone of the batch became a member meanwhile: the others one by one.
                Err(StoreError::Conflict(_)) => {
                    for person in batch {
                        let account = AccountRef::new(platform, person.user_id.clone());
                        let one = self.adopt(&account, &person.display_name, None, window.by, How::Listed, false);
                        adopted += usize::from(one.await?.is_ok());
                    }
                }
                Err(error) => return Err(error),
            }
        }
        tracing::info!(%platform, adopted, "members listed for adoption");
        Ok(adopted)
    }

    /// Someone the bot does not know who writes in a group while a window is open: a member
    /// from now on. `None` when no window is open or they may not be adopted.
    pub(super) async fn adopt_writer(
        &self,
        incoming: &Incoming,
        window: AdoptionWindow,
    ) -> Result<Option<Member>, StoreError> {
        let adopted =
            self.adopt(&incoming.account, &incoming.display_name, incoming.lang, window.by, How::Wrote, true).await?;
        Ok(adopted.ok())
    }

    /// Adopts one account, unless it is a member's, held, or barred.
    async fn adopt(
        &self,
        account: &AccountRef,
        name: &str,
        lang: Option<Lang>,
        by: MemberId,
        how: How,
        welcome: bool,
    ) -> Result<Result<Member, NotAdopted>, StoreError> {
        if let Some(why) = self.not_adoptable(account, &self.excluded().await?).await? {
            return Ok(Err(why));
        }
        let (member, changes) = self.adoption_of(account, name, lang, by, how, welcome).await?;
        match self.commit(changes).await {
            // Adopted a moment ago by another message or process.
            Err(StoreError::Conflict(what)) => match self.store.account(self.community.id, account).await? {
                Some(found) => return Ok(Err(NotAdopted::Member(found.member_id))),
                None => return Err(StoreError::Conflict(what)),
            },
            result => result?,
        }
        tracing::info!(member = member.id, platform = %account.platform, "member adopted");
        Ok(Ok(member))
    }

    /// Who may never be adopted, read once for many accounts.
    async fn excluded(&self) -> Result<Excluded, StoreError> {
        Ok(Excluded {
            held: self.store.open_held_joins(self.community.id).await?,
            barred: self.store.barred_accounts(self.community.id).await?,
        })
    }

    /// Why an account may not be adopted, if it may not.
    async fn not_adoptable(&self, account: &AccountRef, excluded: &Excluded) -> Result<Option<NotAdopted>, StoreError> {
        if let Some(found) = self.store.account(self.community.id, account).await? {
            return Ok(Some(NotAdopted::Member(found.member_id)));
        }
        // Someone whose join the bot saw and held: moderators decide (those turned away were
        // removed from the groups).
        if let Some(held) = excluded.held.iter().find(|held| &held.account == account) {
            return Ok(Some(NotAdopted::Held(held.id)));
        }
        if rules::is_barred(&excluded.barred, account, self.clock.now()) {
            return Ok(Some(NotAdopted::Barred));
        }
        Ok(None)
    }

    /// The member an account becomes, and what adopting it writes.
    async fn adoption_of(
        &self,
        account: &AccountRef,
        name: &str,
        lang: Option<Lang>,
        by: MemberId,
        how: How,
        welcome: bool,
    ) -> Result<(Member, Vec<Change>), StoreError> {
        let now = self.clock.now();
        let community_lang = self.settings().default_lang;
        let member = Member::newcomer(
            self.store.allocate_id(IdKind::Member).await?,
            self.community.id,
            display_name(name, account),
            lang.unwrap_or(community_lang),
            None,
            now,
        );
        let how_said =
            catalog::text(community_lang, how.catalog_id(), &[("platform", account.platform.as_str().into())]);
        let mut changes = vec![
            Change::InsertMember(member.clone()),
            Change::LinkAccount(self.account_row(account, &member.display_name, member.id, now)),
            self.audit_change(Some(by), AuditAction::Adopt, Some(member.id), how_said, now),
        ];
        // In the group already, but let into the rest: Discord's member role, Matrix's other
        // rooms. (Telegram's admission approves a join request, which they have none of.)
        if !account.platform.admits_by_request() && account.platform != Platform::Console {
            changes.push(Change::Enqueue(Outgoing {
                key: format!("adopt-admit:{}:{account}", member.id),
                to: account.clone(),
                body: OutgoingBody::Admit,
                not_before: now,
            }));
        }
        if welcome {
            let place = format!("/{}", CommandName::Place.word(member.lang));
            let help = format!("/{}", CommandName::Help.word(member.lang));
            let text = catalog::text(
                member.lang,
                "adopted-welcome",
                &[
                    ("name", member.display_name.as_str().into()),
                    ("community", self.community.name.as_str().into()),
                    ("place", place.into()),
                    ("help", help.into()),
                ],
            );
            changes.push(Change::Enqueue(Outgoing {
                key: format!("adopted:{}:{account}", member.id),
                to: account.clone(),
                body: OutgoingBody::Text { text },
                not_before: now,
            }));
        }
        Ok((member, changes))
    }
}
