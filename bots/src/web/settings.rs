//! Settings, for admins: the `/config` keys with what each does, its value now and in the
//! configuration file, and its bounds; one form per key changes it, or puts the file's value
//! back. Each form runs `/config` for the admin, so the chat's validation and log apply.

use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use entraide_core::command::Command;
use entraide_core::model::Member;
use entraide_core::service::{Done, SettingView};
use maud::{Markup, html};

use super::Web;
use super::pages::{page, said, signed_in_header, text, text_with};

/// `GET /reglages`: the page.
pub async fn page_of_settings(State(web): State<Arc<Web>>, headers: HeaderMap) -> Response {
    let (admin, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    shown(&web, &admin, &secret, None).await
}

/// The page, with what the last change said.
async fn shown(web: &Web, admin: &Member, secret: &str, notice: Option<Done>) -> Response {
    let read = web.service.dashboard_settings(admin);
    let community = web.community();
    web.show(admin, secret, notice, read, |token, settings, said| render(admin, &community, token, settings, said))
        .await
}

/// A setting's form: its token, the value typed, and whether the file's value is wanted back.
#[derive(Debug, Default, serde::Deserialize)]
pub struct SettingForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    valeur: String,
    /// Present when "back to the file" was pressed.
    #[serde(default)]
    fichier: Option<String>,
}

/// `POST /reglages/KEY`: `/config KEY VALUE`, or `/config KEY defaut`.
pub async fn change(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Path(key): Path<String>,
    Form(form): Form<SettingForm>,
) -> Response {
    let (admin, secret) = match web.signed_form(&headers, &form.token).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let value = form.fichier.is_none().then(|| form.valeur.trim().to_owned());
    match web.service.act_from_web(&admin, Command::Config(Some((key, value)))).await {
        Ok(done) => shown(&web, &admin, &secret, Some(done)).await,
        Err(error) => web.refused(admin.lang, &error),
    }
}

/// The page.
fn render(admin: &Member, community: &str, token: &str, settings: &[SettingView], notice: Option<&Done>) -> Markup {
    let lang = admin.lang;
    let title = text(lang, "web-settings");
    page(
        lang,
        &title,
        signed_in_header(admin, community, token),
        html! {
            h2 { (title) }
            (said(notice))
            p { (text(lang, "web-settings-how")) }
            @for setting in settings {
                @let key = setting.key;
                @let field = format!("setting-{key}");
                @let help = format!("help-{key}");
                section.setting aria-labelledby=(format!("title-{key}")) {
                    h3 id=(format!("title-{key}")) { code { (key) } }
                    p id=(help) { (text(lang, &format!("setting-{key}")))
                        @if let Some((min, max)) = setting.limits {
                            " " (text_with(lang, "web-settings-between", &[("min", min.into()), ("max", max.into())]))
                        }
                    }
                    form.filters method="post" action=(format!("/reglages/{key}")) {
                        input type="hidden" name="token" value=(token);
                        div.field {
                            label for=(field) { (text(lang, "web-settings-value")) }
                            @if let Some((min, max)) = setting.limits {
                                input type="number" id=(field) name="valeur" value=(setting.value) min=(min) max=(max) aria-describedby=(help);
                            } @else {
                                input type="text" id=(field) name="valeur" value=(setting.value) aria-describedby=(help);
                            }
                        }
                        button type="submit" { (text(lang, "web-settings-save")) }
                        @if setting.value != setting.file_value {
                            button type="submit" name="fichier" value="1" formnovalidate {
                                (text_with(lang, "web-settings-file", &[("value", display(&setting.file_value).into())]))
                            }
                        }
                    }
                }
            }
        },
    )
}

/// A value as the page shows it: a dash for none.
fn display(value: &str) -> &str {
    if value.is_empty() { "—" } else { value }
}

#[cfg(test)]
mod tests {
    use entraide_core::model::{Lang, Role};
    use entraide_core::settings::{KEYS, LIMITS};

    use super::*;

    #[test]
    fn every_setting_says_what_it_does_in_both_languages() {
        for lang in [Lang::Fr, Lang::En] {
            let mut admin = Member::newcomer(1, 1, "admin".into(), lang, None, 0);
            admin.role = Role::Admin;
            let settings: Vec<SettingView> = KEYS
                .iter()
                .map(|key| SettingView {
                    key,
                    value: "<b>2</b>".into(),
                    file_value: String::new(),
                    limits: LIMITS.iter().find(|(name, _, _)| name == key).map(|(_, min, max)| (*min, *max)),
                })
                .collect();
            let page = render(&admin, "c", &"ab".repeat(32), &settings, None).into_string();
            assert!(!page.contains('⟨'), "a setting or text is missing from the catalog: {page}");
            assert!(!page.contains("<b>") && page.contains("&lt;b&gt;2&lt;/b&gt;"), "{page}");
            assert!(page.contains("min=\"1\" max=\"10\"") && page.contains("/reglages/asks_per_week"), "{page}");
        }
    }
}
