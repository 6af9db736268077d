//! More of the moderators' dashboard over real HTTP, on SQLite and PostgreSQL: arrivals and
//! candidates, the public invitation page, the overview's statistics, and the settings —
//! each action the chat's own command, refused with the chat's words.

use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;

use crate::dashboard::{client, get, link_in, post, served, served_with, sign_in, token_in};
use crate::support::{self, as_, newcomer};

async fn arrivals_are_let_in_turned_away_and_vouched_for(url: &str) {
    use entraide_core::model::{AccountRef, JoinEvidence, Platform};
    use entraide_core::service::{JoinEvent, JoinOutcome};
    let (app, _clock, base) = served(url, "arrivees").await;
    let (service, store) = (&app.service, app.store.as_ref());
    newcomer(service, "bob").await;
    assert!(as_(service, "alice", "/config sponsors_required 2").await.contains("sponsors_required"));
    let join = |user: &str| JoinEvent {
        account: AccountRef::new(Platform::Telegram, user),
        display_name: format!("<i>{user}</i>"),
        lang: None,
        evidence: JoinEvidence::Unknown,
        request: false,
    };
    let JoinOutcome::Held(kept) = service.member_joined(join("300")).await.unwrap() else { panic!("held") };
    let JoinOutcome::Held(turned) = service.member_joined(join("301")).await.unwrap() else { panic!("held") };
    assert!(as_(service, "yan", "/candidater").await.contains("attend encore 2 parrainages"));
    let yan = store.members_named(service.community().id, "yan").await.unwrap()[0].id;
    let alice = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;

    let (status, page) = get(&base, "/arrivees", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("&lt;i&gt;300&lt;/i&gt;") && page.contains("aucune invitation ne l'explique"), "{page}");
    assert!(page.contains(&format!("/arrivees/{kept}/approuver")) && page.contains("0/2"), "{page}");
    let token = token_in(&page);
    let act = async |path: String| {
        let response = post(&base, &path, &format!("token={token}"), Some(&alice), None).await;
        (response.status(), response.text().await.unwrap())
    };

    // The chat's answers and effects: let in, turned away, vouched for (once).
    let (status, page) = act(format!("/arrivees/{kept}/approuver")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("est accueilli·e comme membre"), "{page}");
    let account = AccountRef::new(Platform::Telegram, "300");
    assert!(store.account(service.community().id, &account).await.unwrap().is_some(), "a member now");
    let (_, page) = act(format!("/arrivees/{turned}/rejeter")).await;
    assert!(page.contains("est retiré·e du groupe") && !page.contains("/rejeter\""), "{page}");
    let (status, again) = act(format!("/arrivees/{turned}/approuver")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "settled already: the chat's refusal: {again}");
    let (_, page) = act(format!("/candidats/{yan}/parrainer")).await;
    assert!(page.contains("Il en manque encore 1") && page.contains("Tu l'as parrainé·e"), "{page}");
    let (status, _) = act(format!("/candidats/{yan}/parrainer")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a member counts once");
    assert_eq!(act("/arrivees/abc/approuver".into()).await.0, StatusCode::NOT_FOUND);
    assert_eq!(act(format!("/arrivees/{kept}/effacer")).await.0, StatusCode::NOT_FOUND);

    // Logged as done from the dashboard; a member who is not a moderator gets nothing.
    let chat = as_(service, "alice", "/journal").await;
    assert!(chat.contains("[web]") && chat.contains("parrainage"), "{chat}");
    let forged = post(&base, &format!("/candidats/{yan}/parrainer"), "token=00", Some(&alice), None).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&base, "/arrivees", None).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn arrivals_are_let_in_turned_away_and_vouched_for_on_sqlite() {
    arrivals_are_let_in_turned_away_and_vouched_for(&support::sqlite().url).await;
}

#[tokio::test]
async fn arrivals_are_let_in_turned_away_and_vouched_for_on_postgres() {
    arrivals_are_let_in_turned_away_and_vouched_for(&support::postgres().await.url).await;
}

async fn the_public_invitation_page_says_little_and_only_while_usable(url: &str) {
    let (app, clock, base) = served_with(url, "invitation", |config| {
        let marie = entraide::config::FounderConfig { account: "console:marie".into(), name: "Marie Dupont".into() };
        config.community.founders.push(marie);
        // Written with a slash at the end, as operators do.
        config.web.public_url.push('/');
    })
    .await;
    let service = &app.service;
    let ask = async |path: &str, lang: &str, from: &str| {
        let response = client()
            .get(format!("{base}{path}"))
            .header("Accept-Language", lang)
            .header("X-Forwarded-For", from)
            .send()
            .await
            .unwrap();
        assert!(response.headers().get(SET_COOKIE).is_none(), "no cookie");
        (response.status(), response.text().await.unwrap())
    };

    // The sponsor's answer carries the page; the page says who invites, to what, and how.
    let answer = as_(service, "marie", "/inviter").await;
    let code = crate::support::code_in(&answer).unwrap();
    let path = format!("/i/{code}");
    assert!(answer.contains(&format!("{base}{path}")), "{answer}");
    let (status, page) = ask(&path, "en-GB,en;q=0.8", "198.51.100.1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Marie invites you to join &lt;script&gt;"), "first name only, as text: {page}");
    assert!(!page.contains("Dupont") && page.contains(&format!("/join {code}")), "{page}");
    let (_, page) = ask(&path.to_lowercase(), "fr-FR,fr;q=0.9", "198.51.100.1").await;
    assert!(page.contains("Marie t'invite à rejoindre") && page.contains(&format!("/rejoindre {code}")), "{page}");

    // Used, revoked, expired, unknown or malformed: the same page, which says nothing of it.
    let (status, unknown) = ask("/i/ABCD-EFGH-JKMN-PQRS", "fr", "198.51.100.1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(unknown.contains("ne peut plus servir") && !unknown.contains("Marie"), "{unknown}");
    assert_eq!(ask("/i/pas-un-code", "fr", "198.51.100.1").await, (StatusCode::NOT_FOUND, unknown.clone()));
    assert!(as_(service, "bob", &format!("/rejoindre {code}")).await.contains("Bienvenue"));
    assert_eq!(ask(&path, "fr", "198.51.100.1").await, (StatusCode::NOT_FOUND, unknown.clone()), "used");
    let revoked = crate::support::code_in(&as_(service, "alice", "/inviter").await).unwrap();
    as_(service, "alice", &format!("/revoquer {revoked}")).await;
    assert_eq!(ask(&format!("/i/{revoked}"), "fr", "198.51.100.1").await, (StatusCode::NOT_FOUND, unknown.clone()));
    // A sponsor who may no longer invite: their codes show nothing either, until restored.
    as_(service, "alice", "/config trial_days 0").await;
    let held_back = crate::support::code_in(&as_(service, "bob", "/inviter").await).unwrap();
    assert_eq!(ask(&format!("/i/{held_back}"), "fr", "198.51.100.1").await.0, StatusCode::OK);
    assert!(as_(service, "alice", "/retirer-parrainage bob trop d'invitations").await.contains("ne peut plus inviter"));
    assert_eq!(ask(&format!("/i/{held_back}"), "fr", "198.51.100.1").await, (StatusCode::NOT_FOUND, unknown.clone()));
    as_(service, "alice", "/rendre-parrainage bob").await;
    assert_eq!(ask(&format!("/i/{held_back}"), "fr", "198.51.100.1").await.0, StatusCode::OK);
    let expiring = crate::support::code_in(&as_(service, "alice", "/inviter").await).unwrap();
    assert_eq!(ask(&format!("/i/{expiring}"), "fr", "198.51.100.1").await.0, StatusCode::OK);
    clock.advance(service.settings().invitation_ttl);
    assert_eq!(ask(&format!("/i/{expiring}"), "fr", "198.51.100.1").await, (StatusCode::NOT_FOUND, unknown));

    // Twenty pages a minute for each address (the one the local proxy forwards).
    for _ in 0..20 {
        assert_ne!(ask("/i/ABCD-EFGH-JKMN-PQRS", "fr", "203.0.113.5").await.0, StatusCode::TOO_MANY_REQUESTS);
    }
    let (status, slow) = ask(&format!("/i/{expiring}"), "fr", "203.0.113.5").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(slow.contains("Attends une minute"), "{slow}");
    assert_ne!(ask("/i/ABCD-EFGH-JKMN-PQRS", "fr", "203.0.113.6").await.0, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_public_invitation_page_says_little_and_only_while_usable_on_sqlite() {
    the_public_invitation_page_says_little_and_only_while_usable(&support::sqlite().url).await;
}

#[tokio::test]
async fn the_public_invitation_page_says_little_and_only_while_usable_on_postgres() {
    the_public_invitation_page_says_little_and_only_while_usable(&support::postgres().await.url).await;
}

async fn the_overview_draws_the_same_series_as_stats(url: &str) {
    let (app, _clock, base) = served(url, "statistiques").await;
    let service = &app.service;
    for name in ["bob", "carol"] {
        newcomer(service, name).await;
    }
    let number = |text: &str| crate::support::number_after(text, "n°").unwrap();
    let done = number(&as_(service, "bob", "/besoin une perceuse pour samedi").await);
    let closed = number(&as_(service, "bob", "/besoin <b>un vélo</b> cargo").await);
    as_(service, "carol", "/besoin un covoiturage vers Villeurbanne").await;
    as_(service, "bob", &format!("/fait {done}")).await;
    as_(service, "bob", &format!("/fermer {closed}")).await;
    let chat = as_(service, "alice", "/stats 30").await;
    assert!(chat.contains("3 (1 satisfaites, 1 sans suite, 1 en cours)"), "{chat}");
    let alice = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;

    let (status, page) = get(&base, "/", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Demandes des 30 derniers jours"), "{page}");
    assert!(page.contains("3 demandes : 1 satisfaite, 1 sans suite, 1 en cours."), "{page}");
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 3, "weeks, topics, places: {page}");
    assert!(page.contains("role=\"img\" aria-labelledby=\"chart-weeks\""), "{page}");
    assert!(page.contains("<th scope=\"row\">Lyon</th><td>1</td><td>1</td><td>1</td>"), "{page}");
    let (_, week) = get(&base, "/?jours=7", Some(&alice)).await;
    assert!(week.contains("Demandes des 7 derniers jours") && week.contains("value=\"7\" selected"), "{week}");
    let (status, odd) = get(&base, "/?jours=abc", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(odd.contains("Demandes des 30 derniers jours"), "a period that is not a number: the default");
}

#[tokio::test]
async fn the_overview_draws_the_same_series_as_stats_on_sqlite() {
    the_overview_draws_the_same_series_as_stats(&support::sqlite().url).await;
}

#[tokio::test]
async fn the_overview_draws_the_same_series_as_stats_on_postgres() {
    the_overview_draws_the_same_series_as_stats(&support::postgres().await.url).await;
}

async fn admins_change_settings_as_config_does(url: &str) {
    let (app, _clock, base) = served(url, "reglages").await;
    let service = &app.service;
    newcomer(service, "carol").await;
    as_(service, "alice", "/role carol moderatrice").await;
    let alice = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;
    let carol = sign_in(&base, &link_in(&as_(service, "carol", "/tableau").await).unwrap()).await;

    let (status, page) = get(&base, "/reglages", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Demandes proposées au plus à un même membre par semaine") && page.contains("Entre 1 et 100")
    );
    assert!(page.contains("id=\"setting-asks_per_week\" name=\"valeur\" value=\"3\""), "{page}");
    let token = token_in(&page);
    let change = async |cookie: &str, key: &str, body: &str| {
        let response =
            post(&base, &format!("/reglages/{key}"), &format!("token={token}&{body}"), Some(cookie), None).await;
        (response.status(), response.text().await.unwrap())
    };

    // Validated as /config is, logged, seen at once; and the file's value back.
    let (status, page) = change(&alice, "asks_per_week", "valeur=5").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Réglage asks_per_week = 5 (noté au journal)"), "{page}");
    assert_eq!(service.settings().asks_per_week, 5);
    assert!(page.contains("Revenir au fichier (3)"), "{page}");
    let (status, page) = change(&alice, "asks_per_week", "valeur=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("Valeur refusée pour « asks_per_week »"), "{page}");
    let (_, page) = change(&alice, "request_hashtags", "valeur=entraide%2C+urgent").await;
    assert!(page.contains("Réglage request_hashtags = #entraide, #urgent"), "{page}");
    let (_, page) = change(&alice, "asks_per_week", "valeur=9&fichier=1").await;
    assert!(page.contains("Réglage asks_per_week = 3"), "{page}");
    assert_eq!(service.settings().asks_per_week, 3);
    let (status, _) = change(&alice, "no_such_key", "valeur=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(as_(service, "alice", "/journal").await.contains("[web] — réglage changé"));

    // A moderator who is not an admin: no link to it, and refused as in chat.
    let (_, overview) = get(&base, "/", Some(&carol)).await;
    assert!(!overview.contains("href=\"/reglages\""), "{overview}");
    let (status, page) = get(&base, "/reglages", Some(&carol)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("réservée aux admins"), "{page}");
    let (_, carols) = get(&base, "/signalements", Some(&carol)).await;
    let forged = format!("token={}&valeur=50", token_in(&carols));
    let response = post(&base, "/reglages/asks_per_week", &forged, Some(&carol), None).await;
    let status = response.status();
    let said = response.text().await.unwrap();
    assert_eq!(status, StatusCode::FORBIDDEN, "{said}");
    assert!(said.contains("réservée aux admins"), "{said}");
    assert_eq!(service.settings().asks_per_week, 3);
}

#[tokio::test]
async fn admins_change_settings_as_config_does_on_sqlite() {
    admins_change_settings_as_config_does(&support::sqlite().url).await;
}

#[tokio::test]
async fn admins_change_settings_as_config_does_on_postgres() {
    admins_change_settings_as_config_does(&support::postgres().await.url).await;
}
