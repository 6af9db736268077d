//! The member pages as HTML: the form that opens one from a name, and a member's page —
//! record, sponsor chain, the tree below (folded, searchable), reports and invitations.

use entraide_core::model::{Lang, Member};
use maud::{Markup, html};

use entraide_core::service::format_time;

use super::journal;
use super::member::{self, Branch, Shown};
use super::pages::{column_heads, page, scrolling, signed_in_header, text, text_with};

/// The page that opens a member's page from a name.
pub fn members(moderator: &Member, community: &str, token: &str, name: &str, notice: Option<&str>) -> Markup {
    let lang = moderator.lang;
    let title = text(lang, "web-members-find");
    page(
        lang,
        &title,
        signed_in_header(moderator, community, token),
        html! {
            h2 { (title) }
            form.filters method="get" action="/membres" role="search" {
                div.field {
                    label for="nom" { (text(lang, "web-member-name")) }
                    input type="search" id="nom" name="nom" value=(name) required;
                }
                button type="submit" { (text(lang, "web-open")) }
            }
            @if let Some(notice) = notice {
                p.refused role="alert" { (notice) }
            }
        },
    )
}

/// A member's page.
pub fn member(moderator: &Member, community: &str, token: &str, shown: &Shown<'_>) -> Markup {
    let lang = moderator.lang;
    let record = shown.record;
    let who = &record.member;
    let date = |at: i64| entraide_core::calendar::format_date(at);
    let title = format!("{} (#{})", who.display_name, who.id);
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let tree = &record.tree;
    let tree_link = |page: u64| format!("/membres/{}?page={page}#arbre", who.id);
    page(
        lang,
        &title,
        signed_in_header(moderator, community, token),
        html! {
            h2 { (title) }
            dl.facts {
                dt { (text(lang, "web-member-status")) } dd { (text(lang, &format!("status-{}", who.status))) }
                dt { (text(lang, "web-member-role")) } dd { (text(lang, &format!("role-{}", who.role))) }
                dt { (text(lang, "web-member-joined")) } dd { (date(who.joined_at)) }
                dt { (text(lang, "web-member-apps")) }
                dd { (record.platforms.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")) }
                @if let Some(until) = record.trial_until {
                    dt { (text(lang, "web-member-trial")) } dd { (date(until)) }
                }
                @if let Some(until) = who.suspended_until.filter(|_| who.status == entraide_core::model::MemberStatus::Suspended) {
                    dt { (text(lang, "web-member-suspended")) } dd { (format_time(until)) }
                }
                @if let Some(reason) = &who.invite_block {
                    dt { (text(lang, "web-member-invites-withdrawn")) } dd { (reason) }
                }
                @if let Some(note) = &record.invitation_note {
                    dt { (text(lang, "web-member-invitation-note")) } dd { (note) }
                }
            }
            section aria-labelledby="parrainage" {
                h3 id="parrainage" { (text(lang, "web-member-chain")) }
                @if record.chain.is_empty() {
                    p { (text(lang, "web-member-no-sponsor")) }
                } @else {
                    ol.chain {
                        @for sponsor in record.chain.iter().rev() {
                            li { a href=(format!("/membres/{}", sponsor.id)) { (sponsor.display_name) } " →" }
                        }
                        li aria-current="page" { (who.display_name) }
                    }
                }
            }
            section aria-labelledby="arbre" {
                h3 id="arbre" { (text_with(lang, "web-member-tree", &[("count", i64::try_from(tree.total).unwrap_or(i64::MAX).into())])) }
                @if tree.total > 0 {
                    form.filters method="get" action=(format!("/membres/{}#arbre", who.id)) role="search" {
                        div.field {
                            label for="cherche" { (text(lang, "web-member-tree-search")) }
                            input type="search" id="cherche" name="cherche" value=(shown.searched);
                        }
                        button type="submit" { (text(lang, "web-audit-search")) }
                    }
                }
                @if let Some(found) = shown.found {
                    @if found.is_empty() {
                        p role="status" { (text_with(lang, "web-member-tree-none", &[("name", shown.searched.into())])) }
                    } @else {
                        div role="status" { ul.found {
                            @for way in found {
                                li {
                                    @for (at, step) in way.iter().enumerate() {
                                        @if at > 0 { " → " }
                                        @if at + 1 == way.len() {
                                            mark { a href=(format!("/membres/{}", step.id)) { (step.display_name) } }
                                        } @else {
                                            a href=(format!("/membres/{}", step.id)) { (step.display_name) }
                                        }
                                    }
                                }
                            }
                        } }
                    }
                }
                @if tree.total > 0 {
                    ul.tree {
                        @for branch in member::nest(&tree.members) {
                            (tree_branch(lang, record, &branch))
                        }
                    }
                    @if tree.pages > 1 {
                        nav.pages aria-label=(text(lang, "web-member-tree-pages")) {
                            @if tree.page > 1 {
                                a href=(tree_link(tree.page - 1)) rel="prev" { (text(lang, "web-previous")) }
                            }
                            span { (text_with(lang, "web-page-of", &[("page", count(tree.page as usize).into()), ("pages", count(tree.pages as usize).into())])) }
                            @if tree.page < tree.pages {
                                a href=(tree_link(tree.page + 1)) rel="next" { (text(lang, "web-next")) }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="invitations" {
                h3 id="invitations" { (text_with(lang, "web-member-invitations", &[("count", count(record.invitations.len()).into())])) }
                @if !record.invitations.is_empty() {
                    (scrolling(lang, html! { table {
                        (column_heads(lang, &["web-member-made-on", "web-member-outcome", "web-member-note"]))
                        tbody {
                            @for invitation in &record.invitations {
                                tr {
                                    td { (date(invitation.created_at)) }
                                    td {
                                        @if let Some(id) = invitation.used_by {
                                            (text(lang, "web-invitation-used")) " " a href=(format!("/membres/{id}")) { (record.name(id)) }
                                        } @else if invitation.revoked_at.is_some() {
                                            (text(lang, "web-invitation-revoked"))
                                        } @else if invitation.expires_at <= record.read_at {
                                            (text(lang, "web-invitation-expired"))
                                        } @else {
                                            (text(lang, "web-invitation-waiting"))
                                        }
                                    }
                                    td { (invitation.note.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    } }))
                }
            }
            section aria-labelledby="publications" {
                h3 id="publications" { (text_with(lang, "web-member-posts", &[("count", count(record.posts.len()).into())])) }
                @if !record.posts.is_empty() {
                    (scrolling(lang, html! { table {
                        (column_heads(lang, &["web-number", "web-audit-when", "web-member-kind", "web-member-state", "web-member-text"]))
                        tbody {
                            @for post in &record.posts {
                                tr {
                                    td { (post.id) }
                                    td { (date(post.created_at)) }
                                    td { (text(lang, &format!("web-kind-{}", post.kind))) }
                                    td { (text(lang, &format!("state-{}", post.state))) }
                                    td { (post.text.chars().take(200).collect::<String>()) }
                                }
                            }
                        }
                    } }))
                }
            }
            section aria-labelledby="signalements" {
                h3 id="signalements" { (text(lang, "web-member-reports")) }
                (reports_table(lang, record, &record.reports_received, true))
                (reports_table(lang, record, &record.reports_made, false))
            }
            section aria-labelledby="sanctions" {
                h3 id="sanctions" { (text_with(lang, "web-member-sanctions", &[("count", count(record.sanctions.len()).into())])) }
                @if !record.sanctions.is_empty() {
                    ul {
                        @for entry in &record.sanctions {
                            li { (date(entry.at)) " — " (journal::action_name(lang, entry.action)) " — " (entry.reason) }
                        }
                    }
                }
            }
        },
    )
}

/// One person in the tree, with those below them on the page.
fn tree_branch(lang: Lang, record: &entraide_core::service::MemberRecord, branch: &Branch) -> Markup {
    let id = branch.node.id;
    let status = record.people.get(&id).map(|m| text(lang, &format!("status-{}", m.status))).unwrap_or_default();
    let below =
        text_with(lang, "web-member-below", &[("count", i64::try_from(branch.node.below).unwrap_or(i64::MAX).into())]);
    // The link to the person stays outside the fold's `summary`: a control inside another
    // is lost to keyboards and screen readers.
    html! {
        li {
            a href=(format!("/membres/{id}")) { (record.name(id)) }
            " (" (status) ")"
            @if branch.children.is_empty() {
                @if branch.node.below > 0 { " — " (below) }
            } @else {
                details open[branch.node.depth < 2] {
                    summary { (below) }
                    ul {
                        @for child in &branch.children {
                            (tree_branch(lang, record, child))
                        }
                    }
                }
            }
        }
    }
}

/// Reports received (with who made them) or made (with whom they were about).
fn reports_table(
    lang: Lang,
    record: &entraide_core::service::MemberRecord,
    reports: &[entraide_core::model::Report],
    received: bool,
) -> Markup {
    let (caption, other) = if received {
        ("web-member-reports-received", "web-member-reporter")
    } else {
        ("web-member-reports-made", "web-member-reported")
    };
    html! {
        (scrolling(lang, html! { table {
            caption { (text_with(lang, caption, &[("count", i64::try_from(reports.len()).unwrap_or(i64::MAX).into())])) }
            @if !reports.is_empty() {
                (column_heads(lang, &["web-number", "web-audit-when", other, "web-member-state", "web-audit-reason"]))
                tbody {
                    @for report in reports {
                        @let other = if received { report.reporter_id } else { report.target_id };
                        tr {
                            td { (report.id) }
                            td { (entraide_core::calendar::format_date(report.created_at)) }
                            td { a href=(format!("/membres/{other}")) { (record.name(other)) } }
                            td { (text(lang, &format!("report-state-{}", report.state))) }
                            td { (report.reason) }
                        }
                    }
                }
            }
        } }))
    }
}
