//! The reports queue: each pending report with what it is about (the post quoted), and the
//! forms that take, uphold (warn, suspend, ban, hide, or nothing more) or dismiss it. Each
//! form runs the chat's own command for the moderator ([`Service::act_from_web`]).
//!
//! [`Service::act_from_web`]: entraide_core::service::Service::act_from_web

use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use entraide_core::command::{Command, MAX_TEXT_CHARS, Resolution};
use entraide_core::model::Member;
use entraide_core::service::Done;

use super::{Web, pages};

/// Longest suspension the form offers, in days.
const MAX_DAYS: i64 = 365;

/// `GET /signalements`: the queue.
pub async fn queue(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    shown(&web, &moderator, &secret, None).await
}

/// The queue's page, with what the last action said.
async fn shown(web: &Web, moderator: &Member, secret: &str, notice: Option<Done>) -> Response {
    let read = web.service.dashboard_reports(moderator);
    let community = web.community();
    web.show(moderator, secret, notice, read, |token, reports, said| {
        pages::reports(moderator, &community, token, reports, said)
    })
    .await
}

/// A form of the queue: its token, and what the action needs.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    token: String,
    /// `avertir`, `suspendre`, `bannir`, `masquer` or `rien` (upholding).
    #[serde(default)]
    action: String,
    /// Days of a suspension.
    #[serde(default)]
    jours: String,
    /// Why (required to uphold or dismiss).
    #[serde(default)]
    motif: String,
}

/// `POST /signalements/ID/ACTION`: `prendre`, `resoudre` or `classer`.
pub async fn act(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Path((id, verb)): Path<(String, String)>,
    Form(form): Form<ActionForm>,
) -> Response {
    let (moderator, secret) = match web.signed_form(&headers, &form.token).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = moderator.lang;
    let Ok(id) = id.parse::<i64>() else { return web.not_found(lang) };
    let command = match command(id, &verb, &form) {
        Ok(command) => command,
        Err(wrong) => return shown(&web, &moderator, &secret, Some(Done::Refused(pages::text(lang, wrong)))).await,
    };
    match web.service.act_from_web(&moderator, command).await {
        Ok(done) => shown(&web, &moderator, &secret, Some(done)).await,
        Err(error) => web.refused(lang, &error),
    }
}

/// The chat command a form stands for, or the catalog id of what is missing.
fn command(id: i64, verb: &str, form: &ActionForm) -> Result<Command, &'static str> {
    let reason = || {
        let reason = form.motif.trim();
        match reason.chars().count() {
            0 => Err("web-reason-required"),
            n if n > MAX_TEXT_CHARS => Err("web-reason-too-long"),
            _ => Ok(reason.to_owned()),
        }
    };
    Ok(match verb {
        "prendre" => Command::Take(id),
        "classer" => Command::Dismiss { id, reason: reason()? },
        "resoudre" => {
            let action = match form.action.as_str() {
                "avertir" => Resolution::Warn,
                "suspendre" => {
                    let days = form.jours.trim().parse::<i64>().ok().filter(|days| (1..=MAX_DAYS).contains(days));
                    Resolution::Suspend(days.ok_or("web-days-required")? * 86_400)
                }
                "bannir" => Resolution::Ban,
                "masquer" => Resolution::Hide,
                "rien" => Resolution::Nothing,
                _ => return Err("web-action-required"),
            };
            Command::Resolve { id, action, reason: reason()? }
        }
        _ => return Err("web-action-required"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(action: &str, jours: &str, motif: &str) -> ActionForm {
        ActionForm { token: String::new(), action: action.into(), jours: jours.into(), motif: motif.into() }
    }

    #[test]
    fn a_form_stands_for_the_chat_command_or_says_what_is_missing() {
        assert_eq!(command(3, "prendre", &form("", "", "")), Ok(Command::Take(3)));
        let suspend = command(3, "resoudre", &form("suspendre", "7", " abus "));
        assert_eq!(
            suspend,
            Ok(Command::Resolve { id: 3, action: Resolution::Suspend(7 * 86_400), reason: "abus".into() })
        );
        assert_eq!(command(3, "resoudre", &form("suspendre", "0", "abus")), Err("web-days-required"));
        assert_eq!(command(3, "resoudre", &form("suspendre", "x", "abus")), Err("web-days-required"));
        assert_eq!(command(3, "resoudre", &form("bannir", "", "  ")), Err("web-reason-required"));
        assert_eq!(command(3, "resoudre", &form("effacer", "", "abus")), Err("web-action-required"));
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(command(3, "classer", &form("", "", &long)), Err("web-reason-too-long"));
        assert_eq!(
            command(3, "classer", &form("", "", "rien à voir")),
            Ok(Command::Dismiss { id: 3, reason: "rien à voir".into() })
        );
        assert_eq!(command(3, "supprimer", &form("", "", "x")), Err("web-action-required"));
    }
}
