//! The dashboard's pages, as HTML written by maud: every value is escaped as it is written,
//! so a member's name or a post shows as text, never as markup. Texts come from the catalog,
//! in the moderator's language (or the browser's, before they are known).

use entraide_core::catalog::{self, Arg};
use entraide_core::model::{AuditAction, Platform};
use entraide_core::model::{Lang, Member, Role};
use entraide_core::service::{AuditLine, Deliveries, Done, Overview, PARKED_SHOWN, ReportView, StatsView, format_time};

use super::journal::{self, Filters};
use maud::{DOCTYPE, Markup, html};

/// The dashboard's one stylesheet: readable on a phone, contrast above WCAG AA.
pub const STYLE: &str = "\
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fafafa; }
body { margin: 0; }
header, main { max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; border-bottom: 1px solid #ccc; }
h1 { font-size: 1.4rem; margin: 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; }
.field { display: flex; flex-direction: column; min-width: 0; max-width: 100%; }
input, select { font: inherit; padding: .3rem; border: 1px solid #767676; border-radius: .3rem; max-width: 100%; box-sizing: border-box; }
table { border-collapse: collapse; width: 100%; }
.scroll { overflow-x: auto; margin-top: 1rem; }
caption { text-align: left; font-weight: 600; }
th, td { text-align: left; padding: .4rem; border-bottom: 1px solid #ccc; vertical-align: top; }
.pages { display: flex; justify-content: space-between; margin-top: 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dd { font-size: 1rem; }
ol.chain { display: flex; flex-wrap: wrap; gap: .5rem; padding-left: 0; list-style: none; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.2rem; }
summary { cursor: pointer; }
mark { background: #ffe58a; color: #1b1b1b; }
section { margin-top: 1.5rem; }
article.report { border: 1px solid #ccc; border-radius: .4rem; padding: 0 1rem 1rem; margin-top: 1rem; background: #fff; }
blockquote { margin: .5rem 0; padding-left: 1rem; border-left: 4px solid #767676; white-space: pre-wrap; overflow-wrap: anywhere; }
.actions { display: flex; flex-direction: column; gap: .8rem; }
.done { border-left: 4px solid #1e6b34; padding-left: 1rem; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
dl.figures div { background: #fff; border: 1px solid #ccc; border-radius: .4rem; padding: .8rem; }
dt { font-weight: 600; }
dd { margin: 0; font-size: 1.6rem; }
button { font: inherit; padding: .5rem 1rem; border-radius: .4rem; border: 1px solid #1a4f8b; background: #1a4f8b; color: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
a { color: #1a4f8b; }
svg.chart { width: 100%; height: auto; max-width: 40rem; display: block; }
section.setting { border-top: 1px solid #ccc; margin-top: 1rem; }
section.setting h3 { margin-bottom: 0; }
ul.legend { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
.refused { border-left: 4px solid #a4262c; padding-left: 1rem; }
";

/// A catalog text in `lang`.
pub fn text(lang: Lang, id: &str) -> String {
    catalog::text(lang, id, &[])
}

pub(crate) fn text_with(lang: Lang, id: &str, args: &[Arg<'_>]) -> String {
    catalog::text(lang, id, args)
}

/// A whole page of the dashboard.
pub(crate) fn page(lang: Lang, title: &str, header: Markup, body: Markup) -> Markup {
    document(lang, &format!("{title} — {}", text(lang, "web-dashboard")), header, body)
}

/// A whole page, titled `title` in the browser's tab.
pub(crate) fn document(lang: Lang, title: &str, header: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (title) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header { (header) }
                main { (body) }
            }
        }
    }
}

/// The header of a page seen before signing in.
fn anonymous_header(lang: Lang) -> Markup {
    html! { h1 { (text(lang, "web-dashboard")) } }
}

/// The page that says why someone was not let in.
pub fn refused(lang: Lang, why: &str) -> Markup {
    let title = text(lang, "web-refused-title");
    page(
        lang,
        &title,
        anonymous_header(lang),
        html! {
            h2 { (title) }
            p.refused role="alert" { (why) }
        },
    )
}

/// The page shown when the database failed.
pub fn unavailable(lang: Lang) -> Markup {
    refused(lang, &text(lang, "web-unavailable"))
}

/// The page a link opens: one button uses it.
pub fn entry(lang: Lang, secret: &str) -> Markup {
    let title = text(lang, "web-entry-title");
    page(
        lang,
        &title,
        anonymous_header(lang),
        html! {
            h2 { (title) }
            p { (text(lang, "web-entry-why")) }
            form method="post" action="/entree" {
                input type="hidden" name="secret" value=(secret);
                button type="submit" { (text(lang, "web-entry-button")) }
            }
        },
    )
}

/// The page after signing out.
pub fn signed_out(lang: Lang) -> Markup {
    let title = text(lang, "web-signed-out");
    page(
        lang,
        &title,
        anonymous_header(lang),
        html! {
            h2 { (title) }
            p { (text(lang, "web-signed-out-how")) }
        },
    )
}

/// The header of a signed-in page: the community, who is signed in, and signing out.
pub(crate) fn signed_in_header(moderator: &Member, community: &str, token: &str) -> Markup {
    let lang = moderator.lang;
    html! {
        h1 { (text_with(lang, "web-title", &[("community", community.into())])) }
        nav aria-label=(text(lang, "web-nav")) {
            a href="/" { (text(lang, "web-overview")) } " · "
            a href="/signalements" { (text(lang, "web-reports")) } " · "
            a href="/journal" { (text(lang, "web-audit")) } " · "
            a href="/arrivees" { (text(lang, "web-arrivals")) } " · "
            a href="/envois" { (text(lang, "web-deliveries")) } " · "
            a href="/membres" { (text(lang, "web-members-find")) }
            @if moderator.role == Role::Admin {
                " · " a href="/reglages" { (text(lang, "web-settings")) }
            }
        }
        (sign_out_form(lang, &moderator.display_name, token))
    }
}

/// Who is signed in, and the button that signs out.
fn sign_out_form(lang: Lang, name: &str, token: &str) -> Markup {
    html! {
        form method="post" action="/sortie" {
            span { (text_with(lang, "web-signed-in-as", &[("name", name.into())])) " " }
            input type="hidden" name="token" value=(token);
            button type="submit" { (text(lang, "web-sign-out")) }
        }
    }
}

/// The overview: the community's figures and what waits for moderators.
pub fn overview(moderator: &Member, overview: &Overview, stats: &StatsView, token: &str) -> Markup {
    let lang = moderator.lang;
    let title = text(lang, "web-overview");
    let figure = |id: &str, value: String| html! { div { dt { (text(lang, id)) } dd { (value) } } };
    let parked =
        if overview.parked >= PARKED_SHOWN as usize { format!("{PARKED_SHOWN}+") } else { overview.parked.to_string() };
    page(
        lang,
        &title,
        signed_in_header(moderator, &overview.community, token),
        html! {
            h2 { (title) }
            section aria-labelledby="waiting" {
                h3 id="waiting" { (text(lang, "web-waiting")) }
                dl.figures {
                    (figure("web-reports", overview.reports.to_string()))
                    (figure("web-held-joins", overview.held_joins.to_string()))
                    (figure("web-parked", parked))
                }
            }
            section aria-labelledby="posts" {
                h3 id="posts" { (text(lang, "web-posts")) }
                dl.figures {
                    (figure("web-open-requests", overview.open_requests.to_string()))
                    (figure("web-open-offers", overview.open_offers.to_string()))
                }
            }
            section aria-labelledby="members" {
                h3 id="members" { (text(lang, "web-members")) }
                dl.figures {
                    @for (status, count) in &overview.members {
                        div {
                            dt { (text(lang, &format!("status-{status}"))) }
                            dd { (count) }
                        }
                    }
                }
            }
            (super::charts::section(lang, stats))
        },
    )
}

/// The audit log: its filters, a page of lines, the pages around it and the exports.
pub fn journal(
    moderator: &Member,
    community: &str,
    token: &str,
    filters: &Filters,
    lines: &[AuditLine],
    notice: Option<&str>,
) -> Markup {
    let lang = moderator.lang;
    let title = text(lang, "web-audit");
    let (lines, older) = journal::shown(lines);
    let page_number = filters.page();
    let query = filters.query();
    let with_page = |page: u32| {
        if query.is_empty() { format!("/journal?page={page}") } else { format!("/journal?{query}&page={page}") }
    };
    let export = |format: &str| {
        if query.is_empty() { format!("/journal.{format}") } else { format!("/journal.{format}?{query}") }
    };
    let field = |id: &str, name: &str, value: &str, kind: &str| {
        html! {
            div.field {
                label for=(name) { (text(lang, id)) }
                input type=(kind) id=(name) name=(name) value=(value);
            }
        }
    };
    page(
        lang,
        &title,
        signed_in_header(moderator, community, token),
        html! {
            h2 { (title) }
            form.filters method="get" action="/journal" role="search" {
                (field("web-audit-by", "par", &filters.par, "text"))
                (field("web-audit-member", "membre", &filters.membre, "text"))
                div.field {
                    label for="action" { (text(lang, "web-audit-action")) }
                    select id="action" name="action" {
                        option value="" { (text(lang, "web-audit-any-action")) }
                        @for action in AuditAction::ALL {
                            option value=(action.as_str()) selected[filters.action == action.as_str()] {
                                (journal::action_name(lang, *action))
                            }
                        }
                    }
                }
                (field("web-audit-since", "depuis", &filters.depuis, "date"))
                (field("web-audit-until", "jusqua", &filters.jusqua, "date"))
                (field("web-audit-words", "mots", &filters.mots, "search"))
                button type="submit" { (text(lang, "web-audit-search")) }
            }
            p.exports {
                a href=(export("csv")) download { (text(lang, "web-audit-export-csv")) } " · "
                a href=(export("json")) download { (text(lang, "web-audit-export-json")) }
            }
            @if let Some(notice) = notice {
                p.refused role="alert" { (notice) }
            } @else if lines.is_empty() {
                p { (text(lang, "web-audit-empty")) }
            } @else {
                (scrolling(lang, html! { table {
                    caption { (text_with(lang, "web-page", &[("page", i64::from(page_number).into())])) }
                    (column_heads(lang, &["web-audit-when", "web-audit-by", "web-audit-action", "web-audit-member", "web-audit-reason", "web-audit-app"]))
                    tbody {
                        @for line in lines {
                            tr {
                                td { (format_time(line.entry.at)) }
                                td { (person(line.entry.actor_id, &line.actor)) }
                                td { (journal::action_name(lang, line.entry.action)) }
                                td { (person(line.entry.target_id, &line.target)) }
                                td { (line.entry.reason) }
                                td {
                                @if line.entry.from_web {
                                    (text(lang, "web-dashboard"))
                                } @else {
                                    (line.entry.platform.map(Platform::as_str).unwrap_or("—"))
                                }
                            }
                            }
                        }
                    }
                } }))
                nav.pages aria-label=(text(lang, "web-pages")) {
                    @if page_number > 1 {
                        a href=(with_page(page_number - 1)) rel="prev" { (text(lang, "web-newer")) }
                    }
                    " "
                    @if older {
                        a href=(with_page(page_number + 1)) rel="next" { (text(lang, "web-older")) }
                    }
                }
            }
        },
    )
}

/// The reports queue, with what the last action said.
pub fn reports(
    moderator: &Member,
    community: &str,
    token: &str,
    reports: &[ReportView],
    notice: Option<&Done>,
) -> Markup {
    let lang = moderator.lang;
    let title = text(lang, "web-reports");
    let reason = |id: &str| {
        html! {
            div.field {
                label for=(id) { (text(lang, "web-audit-reason")) }
                input type="text" id=(id) name="motif" required maxlength="1000";
            }
        }
    };
    page(
        lang,
        &title,
        signed_in_header(moderator, community, token),
        html! {
            h2 { (title) }
            (said(notice))
            @if reports.is_empty() {
                p { (text(lang, "web-reports-empty")) }
            }
            @for view in reports {
                @let report = &view.report;
                @let id = report.id;
                article.report aria-labelledby=(format!("report-{id}")) {
                    h3 id=(format!("report-{id}")) {
                        (text_with(lang, "web-report-title", &[("id", id.into()), ("target", view.target.as_str().into())]))
                    }
                    p {
                        (text(lang, &format!("report-state-{}", report.state)))
                        @if let Some(handler) = &view.handler { " — " (text_with(lang, "web-report-handler", &[("name", handler.as_str().into())])) }
                        " — " (text_with(lang, "web-report-by", &[("name", view.reporter.as_str().into()), ("date", format_time(report.created_at).into())]))
                    }
                    p { a href=(format!("/membres/{}", report.target_id)) { (text(lang, "web-report-open-member")) } }
                    blockquote { (report.reason) }
                    @if let Some(post) = &view.post {
                        p { (text_with(lang, "web-report-post", &[("id", post.id.into())])) }
                        blockquote { (post.text) }
                    }
                    div.actions {
                        @if report.handler_id.is_none() {
                            form method="post" action=(format!("/signalements/{id}/prendre")) {
                                input type="hidden" name="token" value=(token);
                                button type="submit" { (text(lang, "web-report-take")) }
                            }
                        }
                        form.filters method="post" action=(format!("/signalements/{id}/resoudre")) {
                            input type="hidden" name="token" value=(token);
                            div.field {
                                label for=(format!("action-{id}")) { (text(lang, "web-report-uphold-how")) }
                                select id=(format!("action-{id}")) name="action" required {
                                    option value="avertir" { (text(lang, "web-resolution-warn")) }
                                    option value="suspendre" { (text(lang, "web-resolution-suspend")) }
                                    option value="bannir" { (text(lang, "web-resolution-ban")) }
                                    @if report.post_id.is_some() {
                                        option value="masquer" { (text(lang, "web-resolution-hide")) }
                                    }
                                    option value="rien" { (text(lang, "web-resolution-nothing")) }
                                }
                            }
                            div.field {
                                label for=(format!("days-{id}")) { (text(lang, "web-report-days")) }
                                input type="number" id=(format!("days-{id}")) name="jours" min="1" max="365" value="7";
                            }
                            (reason(&format!("uphold-{id}")))
                            button type="submit" { (text(lang, "web-report-uphold")) }
                        }
                        form.filters method="post" action=(format!("/signalements/{id}/classer")) {
                            input type="hidden" name="token" value=(token);
                            (reason(&format!("dismiss-{id}")))
                            button type="submit" { (text(lang, "web-report-dismiss")) }
                        }
                    }
                }
            }
        },
    )
}

/// Deliveries: the parked messages with why and a retry, and the members apps will not
/// write to.
pub fn deliveries(
    moderator: &Member,
    community: &str,
    token: &str,
    deliveries: &Deliveries,
    notice: Option<&Done>,
) -> Markup {
    let lang = moderator.lang;
    let title = text(lang, "web-deliveries");
    page(
        lang,
        &title,
        signed_in_header(moderator, community, token),
        html! {
            h2 { (title) }
            (said(notice))
            @if deliveries.parked.is_empty() {
                p { (text(lang, "web-deliveries-none")) }
            } @else {
                (scrolling(lang, html! { table {
                    caption { (text(lang, "web-deliveries-parked")) }
                    (column_heads(lang, &["web-number", "web-deliveries-what", "web-deliveries-to", "web-audit-app", "web-deliveries-attempts", "web-deliveries-error", "web-deliveries-retry"]))
                    tbody {
                        @for stuck in &deliveries.parked {
                            @let id = stuck.message.id;
                            tr {
                                td { (id) }
                                td { (text(lang, if stuck.is_message { "undelivered-message" } else { "undelivered-action" })) }
                                td { (stuck.to) }
                                td { (stuck.message.message.to.platform.as_str()) }
                                td { (stuck.message.attempts) }
                                td { (stuck.message.last_error.as_deref().unwrap_or("")) }
                                td {
                                    form method="post" action=(format!("/envois/{id}/relancer")) {
                                        input type="hidden" name="token" value=(token);
                                        button type="submit" aria-label=(text_with(lang, "web-deliveries-retry-one", &[("id", id.into())])) {
                                            (text(lang, "web-deliveries-retry"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                } }))
            }
            @if !deliveries.unreachable.is_empty() {
                h3 { (text(lang, "unreachable-title")) }
                ul {
                    @for (name, platform, since) in &deliveries.unreachable {
                        li { (name) " — " (platform.as_str()) " — " (entraide_core::calendar::format_date(*since)) }
                    }
                }
            }
        },
    )
}

/// A table's row of column headings, from their catalog ids.
pub(crate) fn column_heads(lang: Lang, ids: &[&str]) -> Markup {
    html! { thead { tr { @for id in ids { th scope="col" { (text(lang, id)) } } } } }
}

/// A table that scrolls sideways when a screen is too narrow for it, reachable and
/// scrollable from the keyboard.
pub(crate) fn scrolling(lang: Lang, table: Markup) -> Markup {
    html! { div.scroll tabindex="0" role="region" aria-label=(text(lang, "web-table")) { (table) } }
}

/// What the last action said.
pub(crate) fn said(notice: Option<&Done>) -> Markup {
    html! {
        @match notice {
            Some(Done::Done(said)) => p.done role="status" { (said) },
            Some(Done::Refused(why)) => p.refused role="alert" { (why) },
            None => {},
        }
    }
}

/// A member's name, linking to their page (nothing for none).
pub(crate) fn person(id: Option<i64>, name: &str) -> Markup {
    html! {
        @if let Some(id) = id {
            a href=(format!("/membres/{id}")) { (name) }
        }
    }
}

#[cfg(test)]
mod tests {
    use entraide_core::model::MemberStatus;

    use super::*;

    #[test]
    fn every_page_reads_in_both_languages_with_names_shown_as_text() {
        for lang in [Lang::Fr, Lang::En] {
            let moderator = Member::newcomer(1, 1, "<script>alert(1)</script>".into(), lang, None, 0);
            let figures = Overview {
                community: "Entraide \"Lyon\" & <b>Co</b>".into(),
                members: vec![(MemberStatus::Active, 12), (MemberStatus::Banned, 1)],
                open_requests: 3,
                open_offers: 4,
                reports: 1,
                held_joins: 0,
                parked: PARKED_SHOWN as usize,
            };
            let mut stats = entraide_core::stats::Stats::default();
            let tally = entraide_core::stats::Tally { met: 2, unmet: 1, open: 1 };
            stats.all = tally;
            stats.weeks = vec![tally; 5];
            stats.answers.asked = 3;
            stats.answers.accepted = 1;
            stats.answers.not_mine = 1;
            let by = vec![("<i>Lyon</i>".to_owned(), tally)];
            let stats = StatsView { days: 30, stats, by_topic: by.clone(), by_area: by };
            let quiet = StatsView {
                days: 7,
                stats: entraide_core::stats::Stats::default(),
                by_topic: Vec::new(),
                by_area: Vec::new(),
            };
            let line = AuditLine {
                entry: entraide_core::model::AuditEntry {
                    community_id: 1,
                    actor_id: Some(1),
                    action: AuditAction::Warn,
                    target_id: Some(2),
                    reason: "<img src=x>".into(),
                    at: 0,
                    platform: Some(Platform::Telegram),
                    from_web: false,
                },
                actor: "<b>moi</b>".into(),
                target: "<u>lui</u>".into(),
            };
            let filters = Filters { par: "\"><script>".into(), ..Filters::default() };
            let pages = [
                overview(&moderator, &figures, &stats, &"ab".repeat(32)).into_string(),
                overview(&moderator, &figures, &quiet, &"ab".repeat(32)).into_string(),
                journal(&moderator, "<b>", &"ab".repeat(32), &filters, &[line], None).into_string(),
                journal(&moderator, "c", &"ab".repeat(32), &Filters::default(), &[], Some("<i>no</i>")).into_string(),
                entry(lang, &"cd".repeat(32)).into_string(),
                refused(lang, "<i>why</i>").into_string(),
                signed_out(lang).into_string(),
                unavailable(lang).into_string(),
            ];
            for page in &pages {
                assert!(!page.contains('⟨'), "a message is missing from the catalog: {page}");
                assert!(page.starts_with("<!DOCTYPE html>") && page.contains(&format!("lang=\"{lang}\"")));
                assert!(!page.contains("<script") && !page.contains("<i>") && !page.contains("<b>"), "{page}");
                assert!(!page.contains("<img") && !page.contains("<u>"), "{page}");
            }
            assert!(pages[0].contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{}", pages[0]);
            assert!(pages[0].contains("Entraide &quot;Lyon&quot; &amp; &lt;b&gt;Co&lt;/b&gt;"), "{}", pages[0]);
            assert!(pages[0].contains(&format!("{PARKED_SHOWN}+")), "{}", pages[0]);
        }
    }
}
