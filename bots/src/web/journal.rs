//! The audit log's page: filters (by whom, to whom, which action, dates, words of the
//! reasons), a page of lines at a time, and the exports, in the columns `entraide audit`
//! writes. Every read goes through the core's rules for moderators.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use entraide_core::model::{AuditAction, Lang, Member};
use entraide_core::service::{AuditLine, AuditSearch, DashboardError};
use entraide_core::{command, dashboard};

use super::{Web, pages};
use crate::audit::{self, Line};

/// Lines on a page.
pub const PER_PAGE: u32 = 50;

/// Lines read at a time for an export.
const EXPORTED_AT_ONCE: u32 = 1_000;

/// The page's filters as the form sends them (French names: the addresses moderators see).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct Filters {
    /// Done by (`@name` or `#id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub par: String,
    /// Done to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub membre: String,
    /// The action's name (`ban`, `warn`…).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    /// From this date (`2026-11-24`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub depuis: String,
    /// To this date, included.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub jusqua: String,
    /// Words of the reasons.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mots: String,
    /// The page, from 1.
    #[serde(default, skip_serializing)]
    pub page: String,
}

impl Filters {
    /// What to search for, or the catalog id of what is wrong with the filters.
    fn search(&self) -> Result<AuditSearch, &'static str> {
        let given = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
        let date = |text: &str| given(text).map(|text| command::date(&text).ok_or("web-bad-date")).transpose();
        Ok(AuditSearch {
            actor: given(&self.par),
            target: given(&self.membre),
            action: given(&self.action).map(|name| AuditAction::parse(&name).ok_or("web-bad-action")).transpose()?,
            since: date(&self.depuis)?,
            // The last day named is included.
            until: date(&self.jusqua)?.map(|day| day + 86_400),
            words: given(&self.mots),
        })
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> u32 {
        self.page.trim().parse::<u32>().ok().filter(|page| (1..=1_000_000).contains(page)).unwrap_or(1)
    }

    /// The filters as a query string (without the page), for links that keep them.
    pub fn query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

/// `GET /journal`: a page of the audit log, newest first.
pub async fn page(State(web): State<Arc<Web>>, headers: HeaderMap, Query(filters): Query<Filters>) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = moderator.lang;
    let (community, token) = (web.community(), dashboard::form_token(&secret));
    let journal = |lines: &[AuditLine], notice: Option<&str>| {
        pages::journal(&moderator, &community, &token, &filters, lines, notice)
    };
    let search = match filters.search() {
        Ok(search) => search,
        Err(wrong) => {
            return (StatusCode::BAD_REQUEST, journal(&[], Some(&pages::text(lang, wrong)))).into_response();
        }
    };
    let page = filters.page();
    // One line more than shown says whether there is an older page.
    match web.service.dashboard_audit(&moderator, &search, (page - 1) * PER_PAGE, PER_PAGE + 1).await {
        Ok(lines) => journal(&lines, None).into_response(),
        Err(DashboardError::Refused(refusal)) if refusal.is_about_a_name() => {
            (StatusCode::BAD_REQUEST, journal(&[], Some(&refusal.render(lang)))).into_response()
        }
        Err(error) => web.refused(lang, &error),
    }
}

/// `GET /journal.csv`: the lines found, newest first, as `entraide audit` writes CSV.
pub async fn csv(state: State<Arc<Web>>, headers: HeaderMap, filters: Query<Filters>) -> Response {
    export(state, headers, filters, "csv").await
}

/// `GET /journal.json`: the same as JSON lines.
pub async fn json(state: State<Arc<Web>>, headers: HeaderMap, filters: Query<Filters>) -> Response {
    export(state, headers, filters, "json").await
}

/// Streams the lines found, a thousand at a time: a national log is never all in memory.
async fn export(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Query(filters): Query<Filters>,
    format: &'static str,
) -> Response {
    let (moderator, _) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = moderator.lang;
    let search = match filters.search() {
        Ok(search) => search,
        Err(wrong) => {
            return (StatusCode::BAD_REQUEST, pages::refused(lang, &pages::text(lang, wrong))).into_response();
        }
    };
    // The first read says at once whether the search is allowed and valid.
    let first = match web.service.dashboard_audit(&moderator, &search, 0, EXPORTED_AT_ONCE).await {
        Ok(lines) => lines,
        Err(DashboardError::Refused(refusal)) if refusal.is_about_a_name() => {
            return (StatusCode::BAD_REQUEST, pages::refused(lang, &refusal.render(lang))).into_response();
        }
        Err(error) => return web.refused(lang, &error),
    };
    let state = Some((Arc::clone(&web), moderator, search, first, 0_u32));
    let stream = futures_util::stream::unfold(state, move |state| next_part(state, format));
    let mut response = Body::from_stream(stream).into_response();
    let kind = if format == "csv" { "text/csv; charset=utf-8" } else { "application/x-ndjson; charset=utf-8" };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    let disposition =
        if format == "csv" { "attachment; filename=\"journal.csv\"" } else { "attachment; filename=\"journal.json\"" };
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(disposition));
    response
}

/// Where an export stands: the lines read and not written yet, and how many were read before.
type Export = Option<(Arc<Web>, Member, AuditSearch, Vec<AuditLine>, u32)>;

/// The next part of an export: the lines in hand written, and the next ones read.
async fn next_part(state: Export, format: &'static str) -> Option<(Result<Bytes, std::io::Error>, Export)> {
    let (web, moderator, search, lines, offset) = state?;
    let full = lines.len() as u32 == EXPORTED_AT_ONCE;
    let count = lines.len() as u32;
    let lines: Vec<Line> = lines.into_iter().map(|line| Line::new(line.entry, line.actor, line.target)).collect();
    let mut out = Vec::new();
    if let Err(error) = audit::write(&lines, format, offset == 0, &mut out) {
        return Some((Err(std::io::Error::other(error.to_string())), None));
    }
    let next = if full {
        match web.service.dashboard_audit(&moderator, &search, offset + count, EXPORTED_AT_ONCE).await {
            // An empty next page ends the export after this part.
            Ok(more) if more.is_empty() => None,
            Ok(more) => Some((Arc::clone(&web), moderator, search, more, offset + count)),
            Err(error) => {
                tracing::warn!(%error, "dashboard: an export stopped");
                return Some((Err(std::io::Error::other("the export stopped")), None));
            }
        }
    } else {
        None
    };
    if out.is_empty() && next.is_none() {
        return None;
    }
    Some((Ok(Bytes::from(out)), next))
}

/// The lines shown on a page (the one read beyond says whether an older page exists).
pub fn shown(lines: &[AuditLine]) -> (&[AuditLine], bool) {
    let more = lines.len() > PER_PAGE as usize;
    (&lines[..lines.len().min(PER_PAGE as usize)], more)
}

/// The language of an action's name on the page.
pub fn action_name(lang: Lang, action: AuditAction) -> String {
    pages::text(lang, &format!("audit-action-{action}"))
}
