//! The moderators' dashboard (`[web]`, off by default), served in the same process as the
//! bot: a moderator asks for a one-time link in chat (`/tableau`), opens it, and their
//! browser holds a session. Every page asks the core whom the session lets in, and every
//! action goes through the core's rules as in chat; this module only reads HTTP and writes
//! HTML.
//!
//! Hardening, on every response: a Content-Security-Policy with no script at all, no framing,
//! a `Referer` only within the dashboard (a link's secret never leaves it), no caching. The
//! session cookie is `HttpOnly`, `SameSite=Strict`, and `Secure` (with the `__Host-` prefix)
//! when the public address is `https://`. Forms carry a token derived from the session, and a
//! form posted from another origin is refused.

mod arrivals;
mod charts;
mod deliveries;
mod invitation;
mod journal;
mod member;
mod member_page;
mod pages;
mod reports;
mod settings;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use entraide_core::dashboard;
use entraide_core::model::{Lang, Member};
use entraide_core::refusal::Refusal;
use entraide_core::service::{DashboardError, Done, Service};

pub use invitation::{Doors, MatrixDoor};

/// What the dashboard's pages share.
pub struct Web {
    pub(crate) service: Arc<Service>,
    /// Whether browsers reach it over https (then the cookie is `Secure`).
    secure: bool,
    /// The origin browsers post its forms from (`https://host[:port]`).
    origin: String,
    /// How invitees reach the community on each app (the public invitation page).
    doors: Doors,
    /// How many invitation pages each address asked for lately.
    throttle: invitation::Throttle,
}

impl Web {
    /// The dashboard of `service`, reached by browsers at `public_url`.
    pub fn new(service: Arc<Service>, public_url: &str) -> Self {
        let secure = public_url.starts_with("https://");
        let after_scheme = public_url.split_once("://").map_or("", |(_, rest)| rest);
        // As browsers write an origin: the host in lowercase, without the scheme's own port.
        let host = after_scheme.split('/').next().unwrap_or_default().to_ascii_lowercase();
        let (scheme, default_port) = if secure { ("https", ":443") } else { ("http", ":80") };
        let host = host.strip_suffix(default_port).unwrap_or(&host);
        Self {
            service,
            secure,
            origin: format!("{scheme}://{host}"),
            doors: Doors::default(),
            throttle: invitation::Throttle::default(),
        }
    }

    /// The same, with how invitees reach the community on each app.
    pub fn with_doors(self, doors: Doors) -> Self {
        Self { doors, ..self }
    }

    /// The community's name, as pages show it.
    pub(crate) fn community(&self) -> String {
        self.service.community().name.clone()
    }

    /// The session cookie's name: `__Host-` over https, so that no other site or path can set it.
    fn cookie(&self) -> &'static str {
        if self.secure { "__Host-entraide" } else { "entraide" }
    }

    /// The session secret the request's cookie carries, if any.
    fn session_secret(&self, headers: &HeaderMap) -> Option<String> {
        let name = self.cookie();
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_owned())
    }

    /// The cookie that holds a session (or, with `None`, removes it).
    fn set_cookie(&self, secret: Option<&str>) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        let text = match secret {
            Some(secret) => format!("{}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}", self.cookie()),
            None => format!("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}", self.cookie()),
        };
        HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// Whether a form may come from the dashboard's own pages: browsers name the origin of
    /// every form they post, or say `null` when a page or a privacy setting hides it (then
    /// the form's token, or a link's secret, decides alone).
    pub(crate) fn same_origin(&self, headers: &HeaderMap) -> bool {
        headers
            .get(header::ORIGIN)
            .is_none_or(|origin| origin.as_bytes() == b"null" || origin.as_bytes() == self.origin.as_bytes())
    }

    /// The moderator the request's session lets in, with its secret; otherwise the page
    /// that says why.
    pub(crate) async fn moderator(&self, headers: &HeaderMap) -> Result<(Member, String), Response> {
        let lang = self.browser_lang(headers);
        let Some(secret) = self.session_secret(headers) else {
            return Err(self.refused(lang, &DashboardError::Refused(Refusal::DashboardSessionOver)));
        };
        match self.service.dashboard_moderator(&secret).await {
            Ok(member) => Ok((member, secret)),
            Err(error) => Err(self.refused(lang, &error)),
        }
    }

    /// The moderator a signed-in page's form comes from, with the session's secret: a live
    /// session, the dashboard's own origin and the session's token; otherwise the page that
    /// says why, and nothing is done.
    pub(crate) async fn signed_form(&self, headers: &HeaderMap, token: &str) -> Result<(Member, String), Response> {
        let (moderator, secret) = self.moderator(headers).await?;
        if !self.same_origin(headers) || token != dashboard::form_token(&secret) {
            let lang = moderator.lang;
            return Err(
                (StatusCode::FORBIDDEN, pages::refused(lang, &pages::text(lang, "web-other-origin"))).into_response()
            );
        }
        Ok((moderator, secret))
    }

    /// A page of what `read` finds for a signed-in moderator, rendered by `render` with the
    /// form token and what the last action said (400 when it was refused).
    pub(crate) async fn show<T>(
        &self,
        moderator: &Member,
        secret: &str,
        notice: Option<Done>,
        read: impl std::future::Future<Output = Result<T, DashboardError>>,
        render: impl FnOnce(&str, &T, Option<&Done>) -> maud::Markup,
    ) -> Response {
        let status = match notice {
            Some(Done::Refused(_)) => StatusCode::BAD_REQUEST,
            _ => StatusCode::OK,
        };
        match read.await {
            Ok(found) => (status, render(&dashboard::form_token(secret), &found, notice.as_ref())).into_response(),
            Err(error) => self.refused(moderator.lang, &error),
        }
    }

    /// The page for an address that names nothing.
    pub(crate) fn not_found(&self, lang: Lang) -> Response {
        (StatusCode::NOT_FOUND, pages::refused(lang, &pages::text(lang, "web-not-found"))).into_response()
    }

    /// The language a browser asks for (`Accept-Language`), or the community's.
    pub(crate) fn browser_lang(&self, headers: &HeaderMap) -> Lang {
        let asked = headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or_default();
        // The first language named that the catalog has.
        asked
            .split(',')
            .filter_map(|tag| Lang::parse(tag.split(';').next()?.trim().get(..2)?.to_ascii_lowercase().as_str()))
            .next()
            .unwrap_or_else(|| self.service.default_lang())
    }

    /// A refusal's page: 403 with the reason, or 503 when the database failed.
    pub(crate) fn refused(&self, lang: Lang, error: &DashboardError) -> Response {
        match error {
            DashboardError::Refused(refusal) => {
                (StatusCode::FORBIDDEN, pages::refused(lang, &refusal.render(lang))).into_response()
            }
            DashboardError::Store(error) => {
                tracing::warn!(%error, "dashboard: the database failed");
                (StatusCode::SERVICE_UNAVAILABLE, pages::unavailable(lang)).into_response()
            }
        }
    }
}

/// The dashboard's routes on `web`.
pub fn router(web: Web) -> Router {
    Router::new()
        .route("/", get(overview))
        .route("/entree/{secret}", get(entry_page))
        .route("/entree", post(entry))
        .route("/sortie", post(sign_out))
        .route("/journal", get(journal::page))
        .route("/signalements", get(reports::queue))
        .route("/signalements/{id}/{action}", post(reports::act))
        .route("/arrivees", get(arrivals::page_of_arrivals))
        .route("/arrivees/{id}/{verb}", post(arrivals::decide))
        .route("/candidats/{id}/parrainer", post(arrivals::vouch))
        .route("/reglages", get(settings::page_of_settings))
        .route("/reglages/{key}", post(settings::change))
        .route("/envois", get(deliveries::page))
        .route("/envois/{id}/relancer", post(deliveries::retry))
        .route("/membres", get(member::find))
        .route("/membres/{id}", get(member::page))
        .route("/journal.csv", get(journal::csv))
        .route("/journal.json", get(journal::json))
        .route("/i/{code}", get(invitation::page_of_invitation))
        .route("/style.css", get(style))
        .fallback(not_found)
        .layer(axum::middleware::map_response(harden))
        .with_state(Arc::new(web))
}

/// Listens on `address` until `shutdown` completes. Binding fails at once (a port in use).
pub async fn serve(
    address: SocketAddr,
    web: Web,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<impl std::future::Future<Output = ()>> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address} (web.listen)"))?;
    tracing::info!(%address, "moderators' dashboard");
    let routes = router(web);
    Ok(async move {
        // The peer's address, for the invitation page's limit per address.
        let routes = routes.into_make_service_with_connect_info::<SocketAddr>();
        if let Err(error) = axum::serve(listener, routes).with_graceful_shutdown(shutdown).await {
            tracing::error!(%error, "the dashboard stopped");
        }
    })
}

/// The headers every response carries.
async fn harden(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let policy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                  frame-ancestors 'none'; base-uri 'none'";
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Not `no-referrer`: browsers then send `Origin: null` with every form. A link's secret
    // stays within the dashboard's own origin.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// `GET /entree/SECRET`: asks to confirm before the link is used. Chat apps open links to
/// preview them; a link used on sight would be spent by the preview.
async fn entry_page(State(web): State<Arc<Web>>, Path(secret): Path<String>, headers: HeaderMap) -> Response {
    let lang = web.browser_lang(&headers);
    if !dashboard::is_secret(&secret) {
        return web.refused(lang, &DashboardError::Refused(Refusal::DashboardLinkUnknown));
    }
    pages::entry(lang, &secret).into_response()
}

/// The form that uses a link.
#[derive(serde::Deserialize)]
struct EntryForm {
    #[serde(default)]
    secret: String,
}

/// `POST /entree`: uses the link, opens a session, and goes to the overview.
async fn entry(State(web): State<Arc<Web>>, headers: HeaderMap, Form(form): Form<EntryForm>) -> Response {
    let lang = web.browser_lang(&headers);
    if !web.same_origin(&headers) {
        return (StatusCode::FORBIDDEN, pages::refused(lang, &pages::text(lang, "web-other-origin"))).into_response();
    }
    match web.service.open_dashboard(&form.secret).await {
        Ok(opened) => {
            let mut response = Redirect::to("/").into_response();
            response.headers_mut().insert(header::SET_COOKIE, web.set_cookie(Some(&opened.secret)));
            response
        }
        Err(error) => web.refused(lang, &error),
    }
}

/// The overview's period, in days (`?jours=`).
#[derive(Debug, Default, serde::Deserialize)]
struct Period {
    #[serde(default)]
    jours: String,
}

/// `GET /`: the community at a glance, what waits for its moderators, and the statistics of
/// the period asked (30 days unless said).
async fn overview(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    axum::extract::Query(period): axum::extract::Query<Period>,
) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let days = period.jours.trim().parse::<u32>().unwrap_or(30);
    let read = async {
        let overview = web.service.dashboard_overview(&moderator).await?;
        Ok::<_, DashboardError>((overview, web.service.dashboard_stats(&moderator, days).await?))
    };
    match read.await {
        Ok((overview, stats)) => {
            pages::overview(&moderator, &overview, &stats, &dashboard::form_token(&secret)).into_response()
        }
        Err(error) => web.refused(moderator.lang, &error),
    }
}

/// A form of a signed-in page: its token proves it came from one.
#[derive(serde::Deserialize)]
pub(crate) struct SignedForm {
    #[serde(default)]
    pub(crate) token: String,
}

/// `POST /sortie`: ends this browser's session.
async fn sign_out(State(web): State<Arc<Web>>, headers: HeaderMap, Form(form): Form<SignedForm>) -> Response {
    let (moderator, secret) = match web.signed_form(&headers, &form.token).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = moderator.lang;
    match web.service.close_dashboard(&secret).await {
        Ok(()) => {
            let mut response = pages::signed_out(lang).into_response();
            response.headers_mut().insert(header::SET_COOKIE, web.set_cookie(None));
            response
        }
        Err(error) => web.refused(lang, &error),
    }
}

/// `GET /style.css`: the one stylesheet (no inline style: the policy forbids it).
async fn style() -> Response {
    let mut response = ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], pages::STYLE).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    response
}

/// Any other address.
async fn not_found(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    web.not_found(web.browser_lang(&headers))
}
