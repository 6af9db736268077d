//! The moderators' dashboard over real HTTP, on SQLite and PostgreSQL: the way in from a
//! chat command (a one-time link, then a session cookie), and what keeps others out — no page
//! without a session, a link used twice or too late, a moderator demoted meanwhile, a form
//! without its token or from another site, another community's link, markup in names.

use std::sync::Arc;

use entraide::App;
use entraide::web::{Web, router};
use entraide_core::dashboard::{LINK_TTL, SESSION_IDLE};
use entraide_core::ports::ManualClock;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};

use crate::support::{self, as_, inbox, newcomer};

/// A community with the dashboard served on a free local port, its name full of markup.
pub(crate) async fn served(url: &str, slug: &str) -> (App, Arc<ManualClock>, String) {
    served_with(url, slug, |_| {}).await
}

/// The same, with the configuration changed by `change` first.
pub(crate) async fn served_with(
    url: &str,
    slug: &str,
    change: impl FnOnce(&mut entraide::config::Config),
) -> (App, Arc<ManualClock>, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let mut config = support::config(url, 72.0);
    config.community.slug = slug.to_owned();
    config.community.name = "<script>alert('x')</script> Entraide".to_owned();
    config.invitations.quota = 100;
    config.web.enabled = true;
    config.web.public_url = address.clone();
    change(&mut config);
    let (app, clock) = support::app_with(config).await;
    let routes = router(Web::new(Arc::clone(&app.service), &address));
    let routes = routes.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, routes).await });
    (app, clock, address)
}

/// The dashboard link in `/tableau`'s answer.
pub(crate) fn link_in(text: &str) -> Option<String> {
    text.split_whitespace().find(|word| word.contains("/entree/")).map(str::to_owned)
}

/// The secret at the end of a dashboard link.
fn secret_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

/// A client that shows redirects instead of following them.
pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Posts a form (its values are hexadecimal: nothing to encode).
pub(crate) async fn post(
    base: &str,
    path: &str,
    body: &str,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> reqwest::Response {
    let mut request = client()
        .post(format!("{base}{path}"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body.to_owned());
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    request = request.header("Origin", origin.unwrap_or(base));
    request.send().await.unwrap()
}

/// Opens a page, with a session cookie or none.
pub(crate) async fn get(base: &str, path: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let mut request = client().get(format!("{base}{path}")).header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Uses a link: the session cookie (`name=value`) it sets.
pub(crate) async fn sign_in(base: &str, link: &str) -> String {
    let response = post(base, "/entree", &format!("secret={}", secret_of(link)), None, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/");
    let set = response.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"), "{set}");
    assert!(!set.contains("Secure"), "plain http on loopback: {set}");
    set.split(';').next().unwrap().to_owned()
}

/// The token the signed-in page's forms carry.
pub(crate) fn token_in(page: &str) -> String {
    let at = page.find("name=\"token\" value=\"").unwrap() + "name=\"token\" value=\"".len();
    page[at..at + 64].to_owned()
}

async fn the_way_in_and_what_keeps_others_out(url: &str) {
    let (app, clock, base) = served(url, "tableau").await;
    let service = &app.service;
    for name in ["bob", "carol"] {
        newcomer(service, name).await;
    }

    // Members are refused; a moderator gets a link, in private, that works for ten minutes.
    assert!(as_(service, "bob", "/tableau").await.contains("réservée aux modérateurs"));
    let answer = as_(service, "alice", "/tableau").await;
    assert!(answer.contains("expire dans 10 minutes"), "{answer}");
    let link = link_in(&answer).unwrap();
    assert!(link.starts_with(&format!("{base}/entree/")), "{link}");

    // Typed in a group, the link goes privately, once; the group sees none.
    let in_group = entraide_core::service::Incoming {
        account: entraide_core::model::AccountRef::new(entraide_core::model::Platform::Console, "alice"),
        display_name: "alice".into(),
        lang: None,
        chat: entraide_core::command::ChatContext::Group { request_channel: false },
        text: "/tableau".into(),
        message: None,
    };
    let said = service.handle(in_group).await.map(|reply| reply.text).unwrap_or_default();
    assert!(!said.contains("/entree/"), "{said}");
    let private = inbox(app.store.as_ref(), "alice").await;
    assert_eq!(private.matches("/entree/").count(), 1, "{private}");

    // No page without a session, whatever the cookie says.
    for cookie in [None, Some("entraide=0123"), Some(&*format!("entraide={}", secret_of(&link)))] {
        let (status, page) = get(&base, "/", cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{cookie:?}");
        assert!(page.contains("Ta session est terminée") && !page.contains("Demandes ouvertes"), "{page}");
    }

    // Opening the link only asks to confirm (a chat app's preview must not spend it).
    for _ in 0..2 {
        let (status, page) = get(&base, &link.replacen(&base, "", 1), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Ouvrir le tableau de bord") && page.contains("method=\"post\""), "{page}");
    }
    let response = client().get(&link).send().await.unwrap();
    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("default-src 'none'") && !policy.contains("script-src"), "no script at all: {policy}");
    assert_eq!(response.headers()["referrer-policy"], "same-origin");

    // The link opens a session; the overview shows the community, markup as text. (A
    // browser that hides where a form comes from says `Origin: null`: the secret decides.)
    let hidden_origin = link_in(&as_(service, "alice", "/tableau").await).unwrap();
    let response = post(&base, "/entree", &format!("secret={}", secret_of(&hidden_origin)), None, Some("null")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let alice = sign_in(&base, &link).await;
    let (status, page) = get(&base, "/", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Vue d'ensemble") && page.contains("Connecté·e : alice"), "{page}");
    assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt; Entraide") && !page.contains("<script>"), "{page}");
    assert!(page.contains("Demandes ouvertes") && page.contains("Signalements à traiter"), "{page}");

    // A link works once, and not after ten minutes.
    let again = post(&base, "/entree", &format!("secret={}", secret_of(&link)), None, None).await;
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
    assert!(again.text().await.unwrap().contains("déjà servi"));
    let late = link_in(&as_(service, "alice", "/tableau").await).unwrap();
    clock.advance(LINK_TTL);
    let expired = post(&base, "/entree", &format!("secret={}", secret_of(&late)), None, None).await;
    assert_eq!(expired.status(), StatusCode::FORBIDDEN);
    assert!(expired.text().await.unwrap().contains("a expiré"));
    let unknown = post(&base, "/entree", &format!("secret={}", "ab".repeat(32)), None, None).await;
    assert_eq!(unknown.status(), StatusCode::FORBIDDEN);

    // A moderator demoted meanwhile: their link, then their open session, let them in no more.
    as_(service, "alice", "/role carol moderatrice").await;
    let carol_link = link_in(&as_(service, "carol", "/tableau").await).unwrap();
    let carol = sign_in(&base, &carol_link).await;
    assert_eq!(get(&base, "/", Some(&carol)).await.0, StatusCode::OK);
    let unused = link_in(&as_(service, "carol", "/tableau").await).unwrap();
    as_(service, "alice", "/role carol membre").await;
    let (status, page) = get(&base, "/", Some(&carol)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("réservée aux modérateurs"), "{page}");
    let demoted = post(&base, "/entree", &format!("secret={}", secret_of(&unused)), None, None).await;
    assert_eq!(demoted.status(), StatusCode::FORBIDDEN);

    // Forms need the session's token and the dashboard's own origin.
    let token = token_in(&get(&base, "/", Some(&alice)).await.1);
    let forged = post(&base, "/sortie", &format!("token={}", "00".repeat(32)), Some(&alice), None).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let missing = post(&base, "/sortie", "", Some(&alice), None).await;
    assert!(missing.status().is_client_error(), "{}", missing.status());
    assert!(missing.text().await.unwrap().contains("ne vient pas du tableau de bord"));
    let elsewhere = post(&base, "/sortie", &format!("token={token}"), Some(&alice), Some("https://evil.example")).await;
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&base, "/", Some(&alice)).await.0, StatusCode::OK, "nothing was done");
    let out = post(&base, "/sortie", &format!("token={token}"), Some(&alice), None).await;
    assert_eq!(out.status(), StatusCode::OK);
    assert!(out.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(get(&base, "/", Some(&alice)).await.0, StatusCode::FORBIDDEN, "signed out");

    // A session ends unused after half an hour; `/tableau fin` ends them all.
    let idle = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;
    clock.advance(SESSION_IDLE);
    assert_eq!(get(&base, "/", Some(&idle)).await.0, StatusCode::FORBIDDEN, "idle too long");
    let first = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;
    let listed = as_(service, "alice", "/tableau").await;
    assert!(listed.contains("Une session est déjà ouverte") && listed.contains("• ouverte le 2026-"), "{listed}");
    let second = sign_in(&base, &link_in(&listed).unwrap()).await;
    assert_eq!(get(&base, "/", Some(&first)).await.0, StatusCode::OK);
    let ended = as_(service, "alice", "/tableau fin").await;
    assert!(ended.contains("Tes 2 sessions sur le tableau de bord sont fermées"), "{ended}");
    for cookie in [&first, &second] {
        assert_eq!(get(&base, "/", Some(cookie)).await.0, StatusCode::FORBIDDEN);
    }

    // What ended or expired is not kept: the next upkeep round deletes it; a live session stays.
    let live = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;
    let community = service.community().id;
    let stored = async |cookie: &str| {
        let digest = entraide_core::dashboard::digest(cookie.split_once('=').unwrap().1);
        app.store.web_session(community, &digest).await.unwrap()
    };
    assert!(stored(&first).await.is_some() && stored(&live).await.is_some());
    clock.advance(1);
    service.upkeep().await.unwrap();
    assert!(stored(&first).await.is_none() && stored(&second).await.is_none(), "ended: forgotten");
    assert!(stored(&live).await.is_some(), "still usable: kept");
    assert_eq!(get(&base, "/", Some(&live)).await.0, StatusCode::OK);

    // Another community on the same database: its dashboard opens none of this one's links.
    let (other, _clock, other_base) = served(url, "autre-tableau").await;
    let link = link_in(&as_(service, "alice", "/tableau").await).unwrap();
    let across = post(&other_base, "/entree", &format!("secret={}", secret_of(&link)), None, None).await;
    assert_eq!(across.status(), StatusCode::FORBIDDEN);
    let mine = sign_in(&base, &link).await;
    assert_eq!(get(&other_base, "/", Some(&mine)).await.0, StatusCode::FORBIDDEN, "nor its sessions");
    drop(other);
}

#[tokio::test]
async fn the_way_in_and_what_keeps_others_out_on_sqlite() {
    the_way_in_and_what_keeps_others_out(&support::sqlite().url).await;
}

#[tokio::test]
async fn the_way_in_and_what_keeps_others_out_on_postgres() {
    the_way_in_and_what_keeps_others_out(&support::postgres().await.url).await;
}

/// Without `[web]`, `/tableau` says the dashboard is off, in the moderator's language.
#[tokio::test]
async fn without_the_dashboard_a_moderator_is_told_it_is_off() {
    let db = support::sqlite();
    let (app, _clock) = support::app(&db.url, 72.0, entraide_core::model::Lang::En).await;
    let answer = as_(&app.service, "alice", "/dashboard").await;
    assert!(answer.contains("The dashboard is not enabled"), "{answer}");
}

async fn the_audit_log_filters_pages_and_exports(url: &str) {
    let (app, _clock, base) = served(url, "journal").await;
    let service = &app.service;
    for name in ["bob", "carol"] {
        newcomer(service, name).await;
    }
    as_(service, "alice", "/role carol moderatrice").await;
    assert!(as_(service, "alice", "/avertir bob propos blessants").await.contains("avertissement"));
    assert!(as_(service, "carol", "/avertir bob SPAM répété <script>x</script>").await.contains("avertissement"));
    // Enough lines for a second page.
    for round in 0..26 {
        as_(service, "alice", &format!("/retirer-parrainage bob abus {round}")).await;
        as_(service, "alice", "/rendre-parrainage bob").await;
    }
    let alice = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;
    let journal = async |query: &str| get(&base, &format!("/journal{query}"), Some(&alice)).await;

    let (status, first) = journal("").await;
    assert_eq!(status, StatusCode::OK);
    assert!(first.contains("Journal de modération") && first.contains("Page 1"), "{first}");
    assert_eq!(first.matches("<tr>").count(), 51, "a header and 50 lines");
    assert!(first.contains("href=\"/journal?page=2\"") && !first.contains("rel=\"prev\""), "{first}");
    let (_, second) = journal("?page=2").await;
    assert!(second.contains("propos blessants") && second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
    assert!(second.contains("SPAM répété &lt;script&gt;x&lt;/script&gt;") && !second.contains("<script>"), "{second}");

    let (_, by_carol) = journal("?par=carol").await;
    assert!(by_carol.contains("SPAM répété") && !by_carol.contains("propos blessants"), "{by_carol}");
    let (_, warnings) = journal("?action=warn&membre=bob").await;
    assert_eq!(warnings.matches("<tr>").count(), 3, "{warnings}");
    assert!(warnings.contains("<option value=\"warn\" selected>"), "the filters stay: {warnings}");
    let (_, words) = journal("?mots=spam").await;
    assert!(words.contains("SPAM répété") && !words.contains("propos blessants") && words.contains("value=\"spam\""));
    let (_, today) = journal("?depuis=2026-11-24&jusqua=2026-11-24&action=warn").await;
    assert_eq!(today.matches("<tr>").count(), 3, "the last day is included: {today}");
    let (_, before) = journal("?jusqua=2026-11-23").await;
    assert!(before.contains("Aucune ligne du journal"), "{before}");
    let (status, bad) = journal("?depuis=hier").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(bad.contains("Une date n'est pas valide"), "{bad}");
    let (status, nobody) = journal("?par=zorro").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(nobody.contains("zorro") && nobody.contains("name=\"par\""), "{nobody}");
    assert!(first.contains("href=\"/journal.csv\"") && by_carol.contains("href=\"/journal.csv?par=carol\""));

    // Exports: the columns `entraide audit` writes, every line found, newest first.
    let export = client().get(format!("{base}/journal.csv?action=warn")).header(COOKIE, &alice).send().await.unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    assert!(export.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    let csv = export.text().await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "at,timestamp,actor_id,actor,action,target_id,target,platform,reason");
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[1].contains(",carol,warn,") && rows[1].contains("SPAM répété <script>x</script>"), "{csv}");
    let all = client().get(format!("{base}/journal.json")).header(COOKIE, &alice).send().await.unwrap();
    let all = all.text().await.unwrap();
    let lines: Vec<serde_json::Value> = all.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert!(lines.len() > 54, "every page: {}", lines.len());
    assert!(lines.iter().any(|line| line["action"] == "set_role" && line["actor"] == "alice"));

    // Nothing without a session.
    for path in ["/journal", "/journal.csv", "/journal.json?action=warn"] {
        assert_eq!(get(&base, path, None).await.0, StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test]
async fn the_audit_log_filters_pages_and_exports_on_sqlite() {
    the_audit_log_filters_pages_and_exports(&support::sqlite().url).await;
}

#[tokio::test]
async fn the_audit_log_filters_pages_and_exports_on_postgres() {
    the_audit_log_filters_pages_and_exports(&support::postgres().await.url).await;
}

/// 500 more below `sponsor`, written straight to the store: ten under `sponsor`, each
/// bringing in forty-nine in a line (`membre0` to `membre499`), one named `<b>gras</b>`.
pub(crate) async fn five_hundred_below(store: &dyn entraide_core::ports::Store, community: i64, sponsor: i64) {
    use entraide_core::model::{Lang, Member};
    use entraide_core::ports::{Change, IdKind};
    let mut heads = Vec::new();
    for k in 0..500 {
        let id = store.allocate_id(IdKind::Member).await.unwrap();
        let above = if k % 50 == 0 { sponsor } else { heads[heads.len() - 1] };
        let name = if k == 77 { "<b>gras</b>".to_owned() } else { format!("membre{k}") };
        let member = Member::newcomer(id, community, name, Lang::Fr, Some(above), support::START);
        store.apply(vec![Change::InsertMember(member)]).await.unwrap();
        if k % 50 == 0 {
            heads.push(id);
        }
    }
}

async fn a_members_page_and_a_tree_of_five_hundred(url: &str) {
    let (app, _clock, base) = served(url, "fiches").await;
    let (service, store) = (&app.service, app.store.as_ref());
    for name in ["bob", "carol"] {
        newcomer(service, name).await;
    }
    let community = service.community().id;
    let id_of = async |name: &str| store.members_named(community, name).await.unwrap()[0].id;
    let alice_id = id_of("alice").await;
    five_hundred_below(store, community, alice_id).await;
    assert!(as_(service, "bob", "/besoin une perceuse pour samedi").await.contains("n°"));
    assert!(as_(service, "carol", "/signaler @bob propos déplacés").await.contains("signalement n°"));
    assert!(as_(service, "alice", "/avertir bob calme-toi").await.contains("avertissement"));
    let alice = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;

    let (status, page) = get(&base, &format!("/membres/{alice_id}"), Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("A fait entrer 502 personnes") && page.contains("Page 1 sur 3"), "{page}");
    assert!(page.contains("<details") && page.contains("49 personnes en dessous"), "{page}");
    assert!(page.contains("2 invitations faites") && page.contains("utilisée par"), "{page}");
    assert!(page.contains("Aucun parrain ni marraine"), "{page}");
    let (_, last) = get(&base, &format!("/membres/{alice_id}?page=3"), Some(&alice)).await;
    assert!(last.contains("Page 3 sur 3") && last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""));
    assert!(last.contains("membre499"), "the last page ends the tree");

    // A name finds its way down, however deep.
    let (_, found) = get(&base, &format!("/membres/{alice_id}?cherche=membre123"), Some(&alice)).await;
    assert!(found.contains("<mark><a href=") && found.contains("membre100</a> → <mark>"), "{found}");
    let (_, marked) = get(&base, &format!("/membres/{alice_id}?cherche=%3Cb%3Egras%3C%2Fb%3E"), Some(&alice)).await;
    assert!(marked.contains("&lt;b&gt;gras&lt;/b&gt;") && !marked.contains("<b>gras"), "{marked}");
    let (_, none) = get(&base, &format!("/membres/{alice_id}?cherche=zorro"), Some(&alice)).await;
    assert!(none.contains("Personne ne s'appelle « zorro »"), "{none}");

    // bob's record: his post, the report about him (and who made it), his warning, his sponsor.
    let bob_id = id_of("bob").await;
    let opened = client().get(format!("{base}/membres?nom=bob")).header(COOKIE, &alice).send().await.unwrap();
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    assert_eq!(opened.headers()[LOCATION], format!("/membres/{bob_id}"));
    let (_, bob) = get(&base, &format!("/membres/{bob_id}"), Some(&alice)).await;
    assert!(bob.contains("Une publication") && bob.contains("une perceuse pour samedi") && bob.contains("demande"));
    assert!(bob.contains("Un signalement reçu") && bob.contains("propos déplacés") && bob.contains(">carol</a>"));
    assert!(bob.contains("Une sanction") && bob.contains("calme-toi") && bob.contains(">alice</a>"), "{bob}");
    let (status, nobody) = get(&base, "/membres?nom=zorro", Some(&alice)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(nobody.contains("zorro"), "{nobody}");
    assert_eq!(get(&base, "/membres/999999", Some(&alice)).await.0, StatusCode::NOT_FOUND);
    let (status, wrong) = get(&base, "/membres/abc", Some(&alice)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(wrong.contains("Cette page n'existe pas"), "in the catalog's words, not the framework's: {wrong}");
    assert_eq!(get(&base, &format!("/membres/{bob_id}"), None).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_members_page_and_a_tree_of_five_hundred_on_sqlite() {
    a_members_page_and_a_tree_of_five_hundred(&support::sqlite().url).await;
}

#[tokio::test]
async fn a_members_page_and_a_tree_of_five_hundred_on_postgres() {
    a_members_page_and_a_tree_of_five_hundred(&support::postgres().await.url).await;
}

/// Posts a form of a signed-in page, with its token.
async fn act(base: &str, cookie: &str, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let (_, page) = get(base, "/signalements", Some(cookie)).await;
    let mut body = format!("token={}", token_in(&page));
    for (key, value) in fields {
        body.push_str(&format!("&{key}={}", value.replace(' ', "+")));
    }
    let response = post(base, path, &body, Some(cookie), None).await;
    (response.status(), response.text().await.unwrap())
}

async fn the_reports_queue_acts_as_the_chat_does(url: &str) {
    use entraide_core::model::PostState;
    let (app, _clock, base) = served(url, "signalements").await;
    let (service, store) = (&app.service, app.store.as_ref());
    for name in ["bob", "carol", "dave"] {
        newcomer(service, name).await;
    }
    let bobs_post =
        crate::support::number_after(&as_(service, "bob", "/besoin une perceuse, vite").await, "n°").unwrap();
    let on_post = as_(service, "carol", &format!("/signaler {bobs_post} annonce louche")).await;
    let on_post = crate::support::number_after(&on_post, "signalement n°").unwrap();
    let on_dave = as_(service, "bob", "/signaler @dave insultes en privé").await;
    let on_dave = crate::support::number_after(&on_dave, "signalement n°").unwrap();
    as_(service, "alice", "/role carol moderatrice").await;
    as_(service, "alice", "/signaler @carol abus de pouvoir").await;
    let alice = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;
    let carol = sign_in(&base, &link_in(&as_(service, "carol", "/tableau").await).unwrap()).await;

    // The queue quotes the post reported and names who reported; nobody sees reports about them.
    let (status, queue) = get(&base, "/signalements", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        queue.contains(&format!("Signalement n°{on_post} : bob")) && queue.contains("une perceuse, vite"),
        "{queue}"
    );
    assert!(queue.contains("signalé par carol") && queue.contains("annonce louche"), "{queue}");
    assert!(queue.contains("abus de pouvoir"), "{queue}");
    let (_, theirs) = get(&base, "/signalements", Some(&carol)).await;
    assert!(!theirs.contains("abus de pouvoir") && theirs.contains("insultes en privé"), "{theirs}");

    // Taking, upholding by hiding the post, dismissing: the chat's answers, the chat's effects.
    let path = |verb: &str, id: i64| format!("/signalements/{id}/{verb}");
    let (status, taken) = act(&base, &alice, &path("prendre", on_post), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(taken.contains(&format!("Tu prends en charge le signalement n°{on_post}")), "{taken}");
    assert!(taken.contains("pris en charge par alice"), "{taken}");
    let (status, missing) =
        act(&base, &alice, &path("resoudre", on_post), &[("action", "masquer"), ("motif", " ")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(missing.contains("Le motif est obligatoire"), "{missing}");
    let (status, hidden) =
        act(&base, &alice, &path("resoudre", on_post), &[("action", "masquer"), ("motif", "annonce trompeuse")]).await;
    assert_eq!(status, StatusCode::OK, "{hidden}");
    assert!(hidden.contains(&format!("Signalement n°{on_post} traité")), "{hidden}");
    assert_eq!(store.post(bobs_post).await.unwrap().unwrap().state, PostState::Hidden);
    let (status, again) = act(&base, &alice, &path("classer", on_post), &[("motif", "doublon")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "settled already: the chat's refusal");
    assert!(again.contains(&format!("n°{on_post}")), "{again}");
    let (_, dismissed) = act(&base, &carol, &path("classer", on_dave), &[("motif", "rien de grave")]).await;
    assert!(dismissed.contains(&format!("Signalement n°{on_dave} classé sans suite")), "{dismissed}");
    let told = inbox(store, "bob").await;
    assert!(
        told.contains(&format!("Ton signalement n°{on_dave} a été examiné ; la modération n'y a pas donné suite")),
        "{told}"
    );

    // The log says it was done from the dashboard.
    let (_, log) = get(&base, "/journal?mots=annonce+trompeuse", Some(&alice)).await;
    assert!(
        log.contains("Tableau de bord de modération</td>") || log.contains("<td>Tableau de bord de modération"),
        "{log}"
    );
    let chat = as_(service, "alice", "/journal").await;
    assert!(
        chat.contains("[web] — signalement suivi d'effet — bob") && chat.contains("[console] — rôle changé"),
        "{chat}"
    );

    // No token, another origin, a demoted moderator: nothing is done.
    let fresh = as_(service, "dave", "/signaler @bob encore").await;
    let fresh = crate::support::number_after(&fresh, "signalement n°").unwrap();
    let forged = post(&base, &path("prendre", fresh), &format!("token={}", "00".repeat(32)), Some(&alice), None).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let (_, page) = get(&base, "/signalements", Some(&alice)).await;
    let cross = post(
        &base,
        &path("prendre", fresh),
        &format!("token={}", token_in(&page)),
        Some(&alice),
        Some("http://evil.example"),
    )
    .await;
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    as_(service, "alice", "/role carol membre").await;
    let demoted = post(&base, &path("prendre", fresh), &format!("token={}", token_in(&page)), Some(&carol), None).await;
    assert_eq!(demoted.status(), StatusCode::FORBIDDEN);
    let report = store.report(service.community().id, fresh).await.unwrap().unwrap();
    assert_eq!(report.handler_id, None, "taken by nobody");
}

#[tokio::test]
async fn the_reports_queue_acts_as_the_chat_does_on_sqlite() {
    the_reports_queue_acts_as_the_chat_does(&support::sqlite().url).await;
}

#[tokio::test]
async fn the_reports_queue_acts_as_the_chat_does_on_postgres() {
    the_reports_queue_acts_as_the_chat_does(&support::postgres().await.url).await;
}

async fn deliveries_show_why_and_send_again(url: &str) {
    use entraide_core::model::Platform;
    let (app, _clock, base) = served(url, "envois").await;
    let (service, store) = (&app.service, app.store.as_ref());
    for name in ["bob", "carol"] {
        newcomer(service, name).await;
    }
    as_(service, "bob", "/signaler @carol propos déplacés").await;
    // One message to alice that could not be delivered, parked for moderators.
    let claimed = store.claim_due(Platform::Console, "test", i64::MAX - 1, i64::MAX, 1_000).await.unwrap();
    let stuck = claimed.iter().find(|m| m.message.to.user_id == "alice").unwrap().id;
    for message in &claimed {
        match message.id == stuck {
            true => store.mark_failed(message.id, 0, "403 Forbidden: <bot> was blocked", true).await.unwrap(),
            false => store.release(message.id, "test", 0).await.unwrap(),
        }
    }
    let alice = sign_in(&base, &link_in(&as_(service, "alice", "/tableau").await).unwrap()).await;

    let (status, page) = get(&base, "/envois", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("403 Forbidden: &lt;bot&gt; was blocked") && page.contains(">alice (n°1)<"), "{page}");
    assert!(page.contains(&format!("action=\"/envois/{stuck}/relancer\"")), "{page}");
    let token = token_in(&page);
    let forged =
        post(&base, &format!("/envois/{stuck}/relancer"), &format!("token={}", "00".repeat(32)), Some(&alice), None)
            .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let retried =
        post(&base, &format!("/envois/{stuck}/relancer"), &format!("token={token}"), Some(&alice), None).await;
    assert_eq!(retried.status(), StatusCode::OK);
    let retried = retried.text().await.unwrap();
    assert!(retried.contains(&format!("L'envoi n°{stuck} repart dans la file")), "{retried}");
    assert!(retried.contains("Aucun message n'attend"), "{retried}");
    let again = post(&base, &format!("/envois/{stuck}/relancer"), &format!("token={token}"), Some(&alice), None).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST, "nothing parked any more: the chat's refusal");
    let log = as_(service, "alice", "/journal").await;
    let resent = log.lines().find(|line| line.ends_with(&format!("#{stuck}"))).unwrap_or_default();
    assert!(resent.contains("alice (n°1) [web]"), "{log}");
    assert_eq!(get(&base, "/envois", None).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn deliveries_show_why_and_send_again_on_sqlite() {
    deliveries_show_why_and_send_again(&support::sqlite().url).await;
}

#[tokio::test]
async fn deliveries_show_why_and_send_again_on_postgres() {
    deliveries_show_why_and_send_again(&support::postgres().await.url).await;
}
