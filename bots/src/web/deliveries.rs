//! Deliveries: the messages the bot could not deliver, parked for moderators with why, each
//! with a form that sends it again (`/relancer`, run for the moderator), and the members an
//! app will not write to until they write to the bot.

use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use entraide_core::command::Command;
use entraide_core::model::Member;
use entraide_core::service::Done;

use super::{SignedForm, Web, pages};

/// `GET /envois`: the page.
pub async fn page(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    shown(&web, &moderator, &secret, None).await
}

/// The page, with what the last action said.
async fn shown(web: &Web, moderator: &Member, secret: &str, notice: Option<Done>) -> Response {
    let read = web.service.dashboard_deliveries(moderator);
    let community = web.community();
    web.show(moderator, secret, notice, read, |token, deliveries, said| {
        pages::deliveries(moderator, &community, token, deliveries, said)
    })
    .await
}

/// `POST /envois/ID/relancer`: the message goes back in the queue, due now.
pub async fn retry(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<SignedForm>,
) -> Response {
    let (moderator, secret) = match web.signed_form(&headers, &form.token).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let Ok(id) = id.parse::<i64>() else { return web.not_found(moderator.lang) };
    match web.service.act_from_web(&moderator, Command::Resend(id)).await {
        Ok(done) => shown(&web, &moderator, &secret, Some(done)).await,
        Err(error) => web.refused(moderator.lang, &error),
    }
}
