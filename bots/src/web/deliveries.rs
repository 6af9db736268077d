//! Deliveries: the messages the bot could not deliver, parked for moderators with why, each
//! with a form that sends it again (`/relancer`, run for the moderator), and the members an
//! app will not write to until they write to the bot.

use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use entraide_core::command::Command;
use entraide_core::dashboard;
use entraide_core::model::Member;
use entraide_core::service::Done;

use super::{Web, pages};

/// `GET /envois`: the page.
pub async fn page(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    shown(&web, &moderator, &secret, None).await
}

/// The page, with what the last action said (`true`: done).
async fn shown(web: &Web, moderator: &Member, secret: &str, notice: Option<(bool, String)>) -> Response {
    let status = match &notice {
        Some((false, _)) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    match web.service.dashboard_deliveries(moderator).await {
        Ok(deliveries) => {
            let token = dashboard::form_token(secret);
            (status, pages::deliveries(moderator, &web.community(), &token, &deliveries, notice.as_ref()))
                .into_response()
        }
        Err(error) => web.refused(moderator.lang, &error),
    }
}

/// The retry form: its token.
#[derive(Debug, serde::Deserialize)]
pub struct RetryForm {
    token: String,
}

/// `POST /envois/ID/relancer`: the message goes back in the queue, due now.
pub async fn retry(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<RetryForm>,
) -> Response {
    let (moderator, secret) = match web.signed_form(&headers, &form.token).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    match web.service.act_from_web(&moderator, Command::Resend(id)).await {
        Ok(Done::Done(said)) => shown(&web, &moderator, &secret, Some((true, said))).await,
        Ok(Done::Refused(why)) => shown(&web, &moderator, &secret, Some((false, why))).await,
        Err(error) => web.refused(moderator.lang, &error),
    }
}
