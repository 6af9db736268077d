//! The dashboard's pages, as HTML written by maud: every value is escaped as it is written,
//! so a member's name or a post shows as text, never as markup. Texts come from the catalog,
//! in the moderator's language (or the browser's, before they are known).

use entraide_core::catalog::{self, Arg};
use entraide_core::model::{Lang, Member};
use entraide_core::service::{Overview, PARKED_SHOWN};
use maud::{DOCTYPE, Markup, html};

/// The dashboard's one stylesheet: readable on a phone, contrast above WCAG AA.
pub const STYLE: &str = "\
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fafafa; }
body { margin: 0; }
header, main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; border-bottom: 1px solid #ccc; }
h1 { font-size: 1.4rem; margin: 0; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
dl.figures div { background: #fff; border: 1px solid #ccc; border-radius: .4rem; padding: .8rem; }
dt { font-weight: 600; }
dd { margin: 0; font-size: 1.6rem; }
button { font: inherit; padding: .5rem 1rem; border-radius: .4rem; border: 1px solid #1a4f8b; background: #1a4f8b; color: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
a { color: #1a4f8b; }
.refused { border-left: 4px solid #a4262c; padding-left: 1rem; }
";

/// A catalog text in `lang`.
pub fn text(lang: Lang, id: &str) -> String {
    catalog::text(lang, id, &[])
}

fn text_with(lang: Lang, id: &str, args: &[Arg<'_>]) -> String {
    catalog::text(lang, id, args)
}

/// A whole page.
fn page(lang: Lang, title: &str, header: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (title) " — " (text(lang, "web-dashboard")) }
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
fn signed_in_header(moderator: &Member, community: &str, token: &str) -> Markup {
    let lang = moderator.lang;
    html! {
        h1 { (text_with(lang, "web-title", &[("community", community.into())])) }
        form method="post" action="/sortie" {
            span { (text_with(lang, "web-signed-in-as", &[("name", moderator.display_name.as_str().into())])) " " }
            input type="hidden" name="token" value=(token);
            button type="submit" { (text(lang, "web-sign-out")) }
        }
    }
}

/// The overview: the community's figures and what waits for moderators.
pub fn overview(moderator: &Member, overview: &Overview, token: &str) -> Markup {
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
        },
    )
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
            let pages = [
                overview(&moderator, &figures, &"ab".repeat(32)).into_string(),
                entry(lang, &"cd".repeat(32)).into_string(),
                refused(lang, "<i>why</i>").into_string(),
                signed_out(lang).into_string(),
                unavailable(lang).into_string(),
            ];
            for page in &pages {
                assert!(!page.contains('⟨'), "a message is missing from the catalog: {page}");
                assert!(page.starts_with("<!DOCTYPE html>") && page.contains(&format!("lang=\"{lang}\"")));
                assert!(!page.contains("<script") && !page.contains("<i>") && !page.contains("<b>"), "{page}");
            }
            assert!(pages[0].contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{}", pages[0]);
            assert!(pages[0].contains("Entraide &quot;Lyon&quot; &amp; &lt;b&gt;Co&lt;/b&gt;"), "{}", pages[0]);
            assert!(pages[0].contains(&format!("{PARKED_SHOWN}+")), "{}", pages[0]);
        }
    }
}
