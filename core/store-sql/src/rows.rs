//! How rows are read back into the model (one mapper per table) and the reads they share,
//! for both backends.

/// The row mappers, for one backend.
macro_rules! sql_rows {
    ($store:ty, $db:ty, $row:ty, $claim:expr) => {
        impl $store {
            /// The rows of `head … IN (ids)` (`head` ends with its column and `IN (`), then
            /// `after` and its one value when given, 500 ids a statement: many rows in a few
            /// reads. The same row may come twice when an id is given twice.
            async fn rows_among(
                &self,
                head: &'static str,
                ids: &[i64],
                after: Option<(&'static str, i64)>,
            ) -> Result<Vec<$row>, StoreError> {
                let mut rows = Vec::new();
                for chunk in ids.chunks(500) {
                    let mut query = sqlx::QueryBuilder::<$db>::new(head);
                    let mut list = query.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    query.push(")");
                    if let Some((condition, value)) = after {
                        query.push(condition).push_bind(value);
                    }
                    rows.extend(query.build().fetch_all(&self.pool).await.map_err(backend)?);
                }
                Ok(rows)
            }

            fn member_from(row: &$row) -> Result<Member, StoreError> {
                let lang: String = row.try_get("lang").map_err(backend)?;
                let role: String = row.try_get("role").map_err(backend)?;
                let status: String = row.try_get("status").map_err(backend)?;
                Ok(Member {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    display_name: row.try_get("display_name").map_err(backend)?,
                    lang: parse("lang", &lang, Lang::parse)?,
                    place: row.try_get("place").map_err(backend)?,
                    role: parse("role", &role, Role::parse)?,
                    status: parse("status", &status, MemberStatus::parse)?,
                    sponsor_id: row.try_get("sponsor_id").map_err(backend)?,
                    joined_at: row.try_get("joined_at").map_err(backend)?,
                    invite_block: row.try_get("invite_block").map_err(backend)?,
                    last_seen_at: row.try_get("last_seen_at").map_err(backend)?,
                    reminded_at: row.try_get("reminded_at").map_err(backend)?,
                    inactive_since: row.try_get("inactive_since").map_err(backend)?,
                    suspended_until: row.try_get("suspended_until").map_err(backend)?,
                })
            }

            fn account_from(row: &$row) -> Result<Account, StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                Ok(Account {
                    account: AccountRef {
                        platform: parse("platform", &platform, Platform::parse)?,
                        user_id: row.try_get("user_id").map_err(backend)?,
                    },
                    member_id: row.try_get("member_id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    display_name: row.try_get("display_name").map_err(backend)?,
                    linked_at: row.try_get("linked_at").map_err(backend)?,
                })
            }

            fn post_from(row: &$row) -> Result<Post, StoreError> {
                let kind: String = row.try_get("kind").map_err(backend)?;
                let category: String = row.try_get("category").map_err(backend)?;
                let state: String = row.try_get("state").map_err(backend)?;
                let place_kind: String = row.try_get("place_kind").map_err(backend)?;
                Ok(Post {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    author_id: row.try_get("author_id").map_err(backend)?,
                    kind: parse("kind", &kind, PostKind::parse)?,
                    category: parse("category", &category, Category::parse)?,
                    topic: row.try_get("topic").map_err(backend)?,
                    text: row.try_get("text").map_err(backend)?,
                    place: place_from(&place_kind, row.try_get("place").map_err(backend)?)?,
                    state: parse("state", &state, PostState::parse)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    updated_at: row.try_get("updated_at").map_err(backend)?,
                    on_behalf_of: row.try_get("on_behalf_of").map_err(backend)?,
                })
            }

            fn match_from(row: &$row) -> Result<Match, StoreError> {
                let state: String = row.try_get("state").map_err(backend)?;
                let reasons: String = row.try_get("reasons").map_err(backend)?;
                Ok(Match {
                    id: row.try_get("id").map_err(backend)?,
                    request_id: row.try_get("request_id").map_err(backend)?,
                    offer_id: row.try_get("offer_id").map_err(backend)?,
                    requester_id: row.try_get("requester_id").map_err(backend)?,
                    helper_id: row.try_get("helper_id").map_err(backend)?,
                    score: row.try_get("score").map_err(backend)?,
                    reasons: serde_json::from_str::<Vec<Reason>>(&reasons)
                        .map_err(|_| corrupt("reasons", "(hidden)"))?,
                    state: parse("match state", &state, MatchState::parse)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    updated_at: row.try_get("updated_at").map_err(backend)?,
                    accepted_at: row.try_get("accepted_at").map_err(backend)?,
                    relay_closed_at: row.try_get("relay_closed_at").map_err(backend)?,
                    decline_reason: row
                        .try_get::<Option<String>, _>("decline_reason")
                        .map_err(backend)?
                        .map(|reason| parse("decline reason", &reason, DeclineReason::parse))
                        .transpose()?,
                })
            }

            /// Where a platform showed something: (platform, chat, message).
            fn shown_from(row: &$row) -> Result<(Platform, String, String), StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                Ok((
                    parse("platform", &platform, Platform::parse)?,
                    row.try_get("chat").map_err(backend)?,
                    row.try_get("message").map_err(backend)?,
                ))
            }

            fn transfer_from(row: &$row) -> Result<Transfer, StoreError> {
                Ok(Transfer {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    cause: row.try_get("cause").map_err(backend)?,
                    from: row.try_get("from_id").map_err(backend)?,
                    to: row.try_get("to_id").map_err(backend)?,
                    minutes: row.try_get("minutes").map_err(backend)?,
                    request_id: row.try_get("request_id").map_err(backend)?,
                    corrects: row.try_get("corrects").map_err(backend)?,
                    reason: row.try_get("reason").map_err(backend)?,
                    at: row.try_get("at").map_err(backend)?,
                })
            }

            fn report_from(row: &$row) -> Result<Report, StoreError> {
                let state: String = row.try_get("state").map_err(backend)?;
                Ok(Report {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    reporter_id: row.try_get("reporter_id").map_err(backend)?,
                    target_id: row.try_get("target_id").map_err(backend)?,
                    post_id: row.try_get("post_id").map_err(backend)?,
                    reason: row.try_get("reason").map_err(backend)?,
                    state: parse("report state", &state, ReportState::parse)?,
                    handler_id: row.try_get("handler_id").map_err(backend)?,
                    resolution: row.try_get("resolution").map_err(backend)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    settled_at: row.try_get("settled_at").map_err(backend)?,
                })
            }

            fn invitation_from(row: &$row) -> Result<Invitation, StoreError> {
                Ok(Invitation {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    code: row.try_get("code").map_err(backend)?,
                    sponsor_id: row.try_get("sponsor_id").map_err(backend)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    expires_at: row.try_get("expires_at").map_err(backend)?,
                    used_by: row.try_get("used_by").map_err(backend)?,
                    used_at: row.try_get("used_at").map_err(backend)?,
                    revoked_at: row.try_get("revoked_at").map_err(backend)?,
                    note: row.try_get("note").map_err(backend)?,
                })
            }

            fn held_join_from(row: &$row) -> Result<HeldJoin, StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                let candidates: String = row.try_get("candidates").map_err(backend)?;
                let outcome: Option<String> = row.try_get("outcome").map_err(backend)?;
                Ok(HeldJoin {
                    id: row.try_get("id").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    account: AccountRef {
                        platform: parse("platform", &platform, Platform::parse)?,
                        user_id: row.try_get("user_id").map_err(backend)?,
                    },
                    display_name: row.try_get("display_name").map_err(backend)?,
                    candidates: serde_json::from_str(&candidates).map_err(|_| corrupt("candidates", "(hidden)"))?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    settled_by: row.try_get("settled_by").map_err(backend)?,
                    outcome: outcome.map(|o| parse("held outcome", &o, HeldOutcome::parse)).transpose()?,
                    settled_at: row.try_get("settled_at").map_err(backend)?,
                })
            }

            fn link_code_from(row: &$row) -> Result<LinkCode, StoreError> {
                Ok(LinkCode {
                    code: row.try_get("code").map_err(backend)?,
                    community_id: row.try_get("community_id").map_err(backend)?,
                    member_id: row.try_get("member_id").map_err(backend)?,
                    created_at: row.try_get("created_at").map_err(backend)?,
                    expires_at: row.try_get("expires_at").map_err(backend)?,
                    used_at: row.try_get("used_at").map_err(backend)?,
                })
            }

            fn audit_from(row: &$row) -> Result<AuditEntry, StoreError> {
                let action: String = row.try_get("action").map_err(backend)?;
                let platform: Option<String> = row.try_get("platform").map_err(backend)?;
                Ok(AuditEntry {
                    community_id: row.try_get("community_id").map_err(backend)?,
                    actor_id: row.try_get("actor_id").map_err(backend)?,
                    action: parse("audit action", &action, AuditAction::parse)?,
                    target_id: row.try_get("target_id").map_err(backend)?,
                    reason: row.try_get("reason").map_err(backend)?,
                    at: row.try_get("at").map_err(backend)?,
                    platform: platform.map(|p| parse("platform", &p, Platform::parse)).transpose()?,
                    from_web: row.try_get("from_web").map_err(backend)?,
                })
            }

            fn outbox_from(row: &$row) -> Result<OutboxMessage, StoreError> {
                let platform: String = row.try_get("platform").map_err(backend)?;
                let body: String = row.try_get("body").map_err(backend)?;
                let attempts: i64 = row.try_get("attempts").map_err(backend)?;
                Ok(OutboxMessage {
                    id: row.try_get("id").map_err(backend)?,
                    message: Outgoing {
                        key: row.try_get("key").map_err(backend)?,
                        to: AccountRef {
                            platform: parse("platform", &platform, Platform::parse)?,
                            user_id: row.try_get("recipient").map_err(backend)?,
                        },
                        body: serde_json::from_str::<OutgoingBody>(&body)
                            .map_err(|_| corrupt("outbox body", "(hidden)"))?,
                        not_before: row.try_get("not_before").map_err(backend)?,
                    },
                    attempts: i32::try_from(attempts).unwrap_or(i32::MAX),
                    last_error: row.try_get("last_error").map_err(backend)?,
                })
            }
        }
    };
}
