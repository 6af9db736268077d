//! Arrivals: the joins held for moderators (someone entered a group and no invitation
//! explains it for sure), with the sponsors whose invitations may, each with the forms that
//! let them in or turn them away; and the candidates who asked to join without an
//! invitation, with who vouched for them and a form to vouch. Each form runs the chat's own
//! command (`/approuver`, `/rejeter`, `/parrainer`) for the moderator.

use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use entraide_core::calendar::format_date;
use entraide_core::command::Command;
use entraide_core::model::Member;
use entraide_core::service::{Arrivals, Done};
use maud::{Markup, html};

use super::pages::{column_heads, page, said, scrolling, signed_in_header, text, text_with};
use super::{SignedForm, Web};

/// `GET /arrivees`: the page.
pub async fn page_of_arrivals(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    shown(&web, &moderator, &secret, None).await
}

/// The page, with what the last action said.
async fn shown(web: &Web, moderator: &Member, secret: &str, notice: Option<Done>) -> Response {
    let read = web.service.dashboard_arrivals(moderator);
    let community = web.community();
    web.show(moderator, secret, notice, read, |token, arrivals, said| {
        render(moderator, &community, token, arrivals, said)
    })
    .await
}

/// `POST /arrivees/ID/approuver` or `/rejeter`: a held join let in or turned away.
pub async fn decide(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Path((id, verb)): Path<(String, String)>,
    Form(form): Form<SignedForm>,
) -> Response {
    let command = match (id.parse::<i64>(), verb.as_str()) {
        (Ok(id), "approuver") => Some(Command::Approve(id)),
        (Ok(id), "rejeter") => Some(Command::Reject(id)),
        _ => None,
    };
    act(&web, &headers, &form, command).await
}

/// `POST /candidats/ID/parrainer`: the moderator vouches for a candidate.
pub async fn vouch(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<SignedForm>,
) -> Response {
    let command = id.parse::<i64>().ok().map(|id| Command::Vouch(format!("#{id}")));
    act(&web, &headers, &form, command).await
}

/// Runs a form's command (none: the address names nothing) and shows the page again.
async fn act(web: &Web, headers: &HeaderMap, form: &SignedForm, command: Option<Command>) -> Response {
    let (moderator, secret) = match web.signed_form(headers, &form.token).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let Some(command) = command else { return web.not_found(moderator.lang) };
    match web.service.act_from_web(&moderator, command).await {
        Ok(done) => shown(web, &moderator, &secret, Some(done)).await,
        Err(error) => web.refused(moderator.lang, &error),
    }
}

/// A form of one button that posts to `action`, named for screen readers by `label`.
fn button(action: &str, token: &str, text: &str, label: &str) -> Markup {
    html! {
        form method="post" action=(action) {
            input type="hidden" name="token" value=(token);
            button type="submit" aria-label=(label) { (text) }
        }
    }
}

/// The page.
fn render(moderator: &Member, community: &str, token: &str, arrivals: &Arrivals, notice: Option<&Done>) -> Markup {
    let lang = moderator.lang;
    let title = text(lang, "web-arrivals");
    let required = i64::from(arrivals.vouches_required);
    page(
        lang,
        &title,
        signed_in_header(moderator, community, token),
        html! {
            h2 { (title) }
            (said(notice))
            section aria-labelledby="held" {
                h3 id="held" { (text(lang, "web-held-joins")) }
                @if arrivals.held.is_empty() {
                    p { (text(lang, "held-empty")) }
                } @else {
                    p { (text(lang, "web-held-why")) }
                    (scrolling(lang, html! { table {
                        (column_heads(lang, &["web-number", "web-held-who", "web-audit-app", "web-held-when", "web-held-sponsors", "web-held-decide"]))
                        tbody {
                            @for view in &arrivals.held {
                                @let id = view.held.id;
                                @let name = view.held.display_name.as_str();
                                tr {
                                    td { (id) }
                                    td { (name) }
                                    td { (view.held.account.platform.as_str()) }
                                    td { (format_date(view.held.created_at)) }
                                    td {
                                        @if view.sponsors.is_empty() { (text(lang, "held-no-invitation")) }
                                        @else { (view.sponsors.join(", ")) }
                                    }
                                    td.actions {
                                        (button(&format!("/arrivees/{id}/approuver"), token, &text(lang, "web-held-approve"),
                                            &text_with(lang, "web-held-approve-who", &[("name", name.into())])))
                                        (button(&format!("/arrivees/{id}/rejeter"), token, &text(lang, "web-held-reject"),
                                            &text_with(lang, "web-held-reject-who", &[("name", name.into())])))
                                    }
                                }
                            }
                        }
                    } }))
                }
            }
            section aria-labelledby="candidates" {
                h3 id="candidates" { (text(lang, "web-candidates")) }
                @if arrivals.candidates.is_empty() {
                    p { (text(lang, "candidates-empty")) }
                } @else {
                    (scrolling(lang, html! { table {
                        thead { tr {
                            th scope="col" { (text(lang, "web-held-who")) }
                            th scope="col" { (text(lang, "web-held-when")) }
                            th scope="col" { (text_with(lang, "web-candidates-vouches", &[("required", required.into())])) }
                            th scope="col" { (text(lang, "web-candidates-vouch")) }
                        } }
                        tbody {
                            @for view in &arrivals.candidates {
                                @let who = &view.candidate;
                                tr {
                                    td { a href=(format!("/membres/{}", who.id)) { (who.display_name) } }
                                    td { (format_date(who.joined_at)) }
                                    td {
                                        (view.vouchers.len()) "/" (required)
                                        @if !view.vouchers.is_empty() {
                                            " — "
                                            @for (at, (id, name)) in view.vouchers.iter().enumerate() {
                                                @if at > 0 { ", " }
                                                a href=(format!("/membres/{id}")) { (name) }
                                            }
                                        }
                                    }
                                    td {
                                        @if view.vouchers.iter().any(|(id, _)| *id == moderator.id) {
                                            (text(lang, "web-candidates-vouched"))
                                        } @else {
                                            (button(&format!("/candidats/{}/parrainer", who.id), token, &text(lang, "web-candidates-vouch"),
                                                &text_with(lang, "web-candidates-vouch-who", &[("name", who.display_name.as_str().into())])))
                                        }
                                    }
                                }
                            }
                        }
                    } }))
                    p { (text(lang, "web-candidates-how")) }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use entraide_core::model::{AccountRef, HeldJoin, Lang, Platform, Role};
    use entraide_core::service::{CandidateView, HeldView};

    use super::*;

    #[test]
    fn the_page_is_in_both_languages_and_shows_names_as_text() {
        for lang in [Lang::Fr, Lang::En] {
            let mut moderator = Member::newcomer(1, 1, "modo".into(), lang, None, 0);
            moderator.role = Role::Moderator;
            let held = HeldJoin {
                id: 4,
                community_id: 1,
                account: AccountRef::new(Platform::Telegram, "42"),
                display_name: "<b>zoe</b>".into(),
                candidates: vec![7],
                created_at: 0,
                settled_by: None,
                outcome: None,
                settled_at: None,
            };
            let candidate = Member::newcomer(9, 1, "<i>yves</i>".into(), lang, None, 0);
            let arrivals = Arrivals {
                held: vec![HeldView { held, sponsors: vec!["<u>ana</u>".into()] }],
                candidates: vec![CandidateView { candidate, vouchers: vec![(1, "modo".into())] }],
                vouches_required: 2,
            };
            let page = render(&moderator, "c", &"ab".repeat(32), &arrivals, None).into_string();
            assert!(!page.contains('⟨'), "a message is missing from the catalog: {page}");
            assert!(!page.contains("<b>") && !page.contains("<i>") && !page.contains("<u>"), "{page}");
            assert!(page.contains("/arrivees/4/approuver") && page.contains("/arrivees/4/rejeter"), "{page}");
            assert!(page.contains("1/2") && !page.contains("/candidats/9/parrainer"), "vouched already: {page}");
            let empty = Arrivals { held: vec![], candidates: vec![], vouches_required: 1 };
            let page = render(&moderator, "c", &"ab".repeat(32), &empty, None).into_string();
            assert!(!page.contains('⟨') && !page.contains("<table"), "{page}");
        }
    }
}
