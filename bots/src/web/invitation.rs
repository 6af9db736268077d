//! The public invitation page, `/i/CODE`: what a sponsor sends by text message or e-mail to
//! someone on none of the apps yet. It says which community invites them, the first name of
//! who sponsors them, and how to join on each app the community uses, in the browser's
//! language. A code that cannot be used (or never could) gets the same page as an unknown
//! one, and each address may ask a few pages a minute: codes cannot be guessed from here.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use entraide_core::calendar::format_long_date;
use entraide_core::command::CommandName;
use entraide_core::model::{Lang, Platform};
use entraide_core::service::PublicInvitation;
use maud::{Markup, html};

use super::Web;
use super::pages::{document, text, text_with};

/// Pages one address may ask for in a minute.
const PAGES_A_MINUTE: u32 = 20;

/// Addresses remembered at most in a minute; past that, every address not seen yet this
/// minute waits for the next (the memory stays bounded, whatever a flood sends).
const ADDRESSES_KEPT: usize = 10_000;

/// How an invitee reaches the community on each app it uses, as far as the bot knows.
#[derive(Debug, Clone, Default)]
pub struct Doors {
    /// On Telegram: the bot's username once Telegram told it (for the `t.me` deep link).
    pub telegram: Option<Arc<OnceLock<String>>>,
    /// On Discord.
    pub discord: bool,
    /// On Matrix: the room to open through matrix.to and the bot's Matrix ID, when known.
    pub matrix: Option<MatrixDoor>,
}

/// The Matrix side of [`Doors`].
#[derive(Debug, Clone, Default)]
pub struct MatrixDoor {
    /// The first room, an alias when one is configured (`#entraide:example.org`).
    pub room: Option<String>,
    /// The bot's full Matrix ID (`@entraide:example.org`), when the configuration gives it.
    pub bot: Option<String>,
}

/// How many pages each address asked for in the current minute.
#[derive(Debug, Default)]
pub struct Throttle {
    seen: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl Throttle {
    /// Whether `address` may have one more page at `now` (seconds). IPv6 addresses count by
    /// their /64, which one household or server holds whole.
    fn allows(&self, address: IpAddr, now: i64) -> bool {
        let address = match address.to_canonical() {
            IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
            v4 => v4,
        };
        let minute = now.div_euclid(60);
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.len() >= ADDRESSES_KEPT && !seen.contains_key(&address) {
            seen.retain(|_, (at, _)| *at == minute);
            if seen.len() >= ADDRESSES_KEPT {
                return false;
            }
        }
        let (at, count) = seen.entry(address).or_insert((minute, 0));
        if *at != minute {
            (*at, *count) = (minute, 0);
        }
        *count = count.saturating_add(1);
        *count <= PAGES_A_MINUTE
    }
}

/// Who is asking: the peer, or, when the peer is a reverse proxy on this machine, the
/// address it says it forwards (the last one in `X-Forwarded-For`, the one it added). A
/// peer unknown (served without connection info) counts as one address for all.
fn client(peer: Option<IpAddr>, headers: &HeaderMap) -> IpAddr {
    let forwarded = || -> Option<IpAddr> {
        let value = headers.get_all("x-forwarded-for").iter().next_back()?.to_str().ok()?;
        value.rsplit(',').next()?.trim().parse().ok()
    };
    match peer.map(|peer| peer.to_canonical()) {
        Some(peer) if peer.is_loopback() => forwarded().unwrap_or(peer),
        Some(peer) => peer,
        None => IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
    }
}

/// `GET /i/CODE`: the page.
pub async fn page_of_invitation(State(web): State<Arc<Web>>, Path(code): Path<String>, request: Request) -> Response {
    let headers = request.headers();
    let lang = web.browser_lang(headers);
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let now = web.service.now();
    if !web.throttle.allows(client(peer, headers), now) {
        let why = text(lang, "invitation-page-slow-down");
        return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "60")], gone(lang, &why)).into_response();
    }
    match web.service.public_invitation(&code).await {
        Ok(Some(invitation)) => render(lang, &invitation, &web.doors).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, gone(lang, &text(lang, "invitation-page-gone"))).into_response(),
        Err(error) => {
            tracing::warn!(%error, "invitation page: the database failed");
            (StatusCode::SERVICE_UNAVAILABLE, super::pages::unavailable(lang)).into_response()
        }
    }
}

/// The page for a code that cannot be used: it says nothing of the code.
fn gone(lang: Lang, why: &str) -> Markup {
    let title = text(lang, "invitation-page-gone-title");
    document(lang, &title, html! { h1 { (title) } }, html! { p role="alert" { (why) } })
}

/// The matrix.to address of a room or user: the part after `#/` percent-encoded.
fn matrix_to(id: &str) -> String {
    let encoded: String = id
        .chars()
        .map(|c| match c {
            '#' => "%23".to_owned(),
            ':' => "%3A".to_owned(),
            '!' => "%21".to_owned(),
            '@' => "%40".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!("https://matrix.to/#/{encoded}")
}

/// The link an app made for this invitation, if any.
fn link_on(invitation: &PublicInvitation, platform: Platform) -> Option<&str> {
    invitation.links.iter().find(|(on, _)| *on == platform).map(|(_, link)| link.as_str())
}

/// The page of a usable invitation.
fn render(lang: Lang, invitation: &PublicInvitation, doors: &Doors) -> Markup {
    let community = invitation.community.as_str();
    let title = text_with(lang, "invitation-page-title", &[("community", community.into())]);
    let typed = format!("/{} {}", CommandName::Join.word(lang), invitation.code);
    let type_it = html! { p { (text(lang, "invitation-page-type")) " " code { (typed) } } };
    let telegram_bot = doors.telegram.as_ref().and_then(|name| name.get());
    let none = doors.telegram.is_none() && !doors.discord && doors.matrix.is_none();
    let header = html! { h1 { (title) } };
    document(
        lang,
        &title,
        header,
        html! {
            p { (text_with(lang, "invitation-page-sponsor", &[
                ("sponsor", invitation.sponsor.as_str().into()),
                ("community", community.into()),
                ("date", format_long_date(lang, invitation.expires_at).into()),
            ])) }
            @if invitation.needs_vouches { p { (text(lang, "invitation-page-vouches")) } }
            p { (text(lang, "invitation-page-code")) " " strong { code { (invitation.code) } } }
            h2 { (text(lang, "invitation-page-how")) }
            @if doors.telegram.is_some() {
                section aria-labelledby="telegram" {
                    h3 id="telegram" { "Telegram" }
                    @if let Some(bot) = telegram_bot {
                        p { a href=(format!("https://t.me/{bot}?start={}", invitation.code)) {
                            (text_with(lang, "invitation-page-telegram-bot", &[("bot", bot.into())]))
                        } }
                        p { (text(lang, "invitation-page-telegram-start")) }
                    } @else {
                        (type_it)
                    }
                    @if let Some(link) = link_on(invitation, Platform::Telegram) {
                        p { a href=(link) { (text(lang, "invitation-page-telegram-group")) } }
                    }
                }
            }
            // A Discord bot can be written to only from a server it shares: without an invite
            // made for this invitation, Discord is no way in.
            @if let Some(link) = link_on(invitation, Platform::Discord).filter(|_| doors.discord) {
                section aria-labelledby="discord" {
                    h3 id="discord" { "Discord" }
                    p { a href=(link) { (text(lang, "invitation-page-discord-server")) } }
                    p { (text(lang, "invitation-page-discord-bot")) " " code { (typed) } }
                }
            }
            @if let Some(matrix) = &doors.matrix {
                section aria-labelledby="matrix" {
                    h3 id="matrix" { "Matrix (Element)" }
                    @if let Some(room) = &matrix.room {
                        p { a href=(matrix_to(room)) { (text_with(lang, "invitation-page-matrix-room", &[("room", room.as_str().into())])) } }
                    }
                    @if let Some(bot) = &matrix.bot {
                        p { (text(lang, "invitation-page-matrix-bot")) " " a href=(matrix_to(bot)) { (bot) } }
                        p { (text(lang, "invitation-page-send")) " " code { (typed) } }
                    } @else {
                        (type_it)
                    }
                }
            }
            @if none { (type_it) }
            p { (text(lang, "invitation-page-apps")) }
            p { small { (text(lang, "invitation-page-privacy")) } }
        },
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn invitation(links: Vec<(Platform, String)>) -> PublicInvitation {
        PublicInvitation {
            community: "<b>Entraide</b> Lyon".into(),
            sponsor: "<i>Marie</i>".into(),
            code: "ABCD-EFGH".into(),
            expires_at: 1_795_496_400,
            needs_vouches: true,
            links,
        }
    }

    #[test]
    fn each_app_says_how_to_join_in_the_browsers_language() {
        let bot = Arc::new(OnceLock::new());
        bot.set("EntraideBot".to_owned()).unwrap();
        let doors = Doors {
            telegram: Some(bot),
            discord: true,
            matrix: Some(MatrixDoor {
                room: Some("#entraide:example.org".into()),
                bot: Some("@bot:example.org".into()),
            }),
        };
        let links = vec![(Platform::Discord, "https://discord.gg/abc".to_owned())];
        for (lang, join) in [(Lang::Fr, "/rejoindre ABCD-EFGH"), (Lang::En, "/join ABCD-EFGH")] {
            let page = render(lang, &invitation(links.clone()), &doors).into_string();
            assert!(!page.contains('⟨'), "a message is missing from the catalog: {page}");
            assert!(!page.contains("<b>") && !page.contains("<i>"), "{page}");
            assert!(page.contains("https://t.me/EntraideBot?start=ABCD-EFGH"), "{page}");
            assert!(page.contains("https://discord.gg/abc") && page.contains(join), "{page}");
            assert!(page.contains("https://matrix.to/#/%23entraide%3Aexample.org"), "{page}");
            assert!(page.contains("https://matrix.to/#/%40bot%3Aexample.org"), "{page}");
            assert!(page.contains("24 novembre 2026") || page.contains("24 November 2026"), "{page}");
        }
        let alone = render(Lang::Fr, &invitation(vec![]), &Doors::default()).into_string();
        assert!(alone.contains("/rejoindre ABCD-EFGH") && !alone.contains("t.me"), "{alone}");
        let no_invite = render(Lang::Fr, &invitation(vec![]), &doors).into_string();
        assert!(!no_invite.contains("Discord"), "no way in through Discord without an invite: {no_invite}");
        for lang in [Lang::Fr, Lang::En] {
            let page = gone(lang, &text(lang, "invitation-page-gone")).into_string();
            assert!(!page.contains('⟨'), "{page}");
        }
    }

    #[test]
    fn each_address_gets_a_few_pages_a_minute() {
        let throttle = Throttle::default();
        let (one, two): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        assert!((0..PAGES_A_MINUTE).all(|_| throttle.allows(one, 60)));
        assert!(!throttle.allows(one, 61));
        assert!(throttle.allows(two, 61), "another address is not slowed");
        assert!(throttle.allows(one, 120), "the next minute");
        let (a, b): (IpAddr, IpAddr) = ("2001:db8::1".parse().unwrap(), "2001:db8::ffff:2".parse().unwrap());
        assert!((0..PAGES_A_MINUTE).all(|_| throttle.allows(a, 180)));
        assert!(!throttle.allows(b, 180), "one /64 is one allowance");
    }

    #[test]
    fn a_flood_of_addresses_keeps_memory_bounded() {
        let throttle = Throttle::default();
        for n in 0..ADDRESSES_KEPT as u32 {
            assert!(throttle.allows(IpAddr::V4(n.into()), 60));
        }
        assert!(!throttle.allows(IpAddr::V4(u32::MAX.into()), 61), "full this minute");
        assert!(throttle.allows(IpAddr::V4(7.into()), 62), "those seen already still count");
        assert!(throttle.allows(IpAddr::V4(u32::MAX.into()), 120), "the next minute makes room");
        assert!(throttle.seen.lock().unwrap().len() <= ADDRESSES_KEPT);
    }

    #[test]
    fn behind_a_local_proxy_the_forwarded_address_counts() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.9, 198.51.100.4".parse().unwrap());
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let remote: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(client(Some(local), &headers), "198.51.100.4".parse::<IpAddr>().unwrap());
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        assert_eq!(client(Some(mapped), &headers), "198.51.100.4".parse::<IpAddr>().unwrap(), "a dual-stack listener");
        assert_eq!(client(Some(remote), &headers), remote, "only a local proxy is believed");
        assert_eq!(client(Some(local), &HeaderMap::new()), local);
        assert_eq!(client(None, &headers), client(None, &HeaderMap::new()), "unknown peers share one allowance");
    }
}
