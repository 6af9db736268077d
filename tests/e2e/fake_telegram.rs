//! A fake Telegram Bot API for the real teloxide client: it serves `getUpdates` from a
//! queue of updates shaped as the Bot API documents them, records every call with its
//! parameters, answers documented errors on demand, and records any method it does not
//! implement, so that the test fails on it.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde_json::{Value, json};

#[derive(Default)]
struct Inner {
    updates: Vec<Value>,
    /// Join requests waiting: (group, user).
    requests: Vec<(i64, i64)>,
    calls: Vec<(String, Value)>,
    unknown: Vec<String>,
    failures: HashMap<String, VecDeque<(u16, Value)>>,
    next_message: i64,
    next_link: i64,
    /// (chat, message id, text) of each message sent.
    sent: Vec<(i64, i64, String)>,
    /// Files people sent, by file id.
    files: HashMap<String, Vec<u8>>,
    /// What `getChatMember` says of the bot, when not an administrator with every right.
    bot_member: Option<Value>,
    /// People who never started the bot: Telegram refuses to let it write to them.
    never_started: std::collections::HashSet<i64>,
    /// Bumped by each `getUpdates`: a long poll still waiting when another comes ends with
    /// Telegram's 409 "terminated by other getUpdates request".
    poll_generation: u64,
    /// How many polls ended so.
    conflicts: usize,
    /// Each `getUpdates`, by whom (the path prefix of the caller's API URL) and when.
    polls: Vec<(String, std::time::Instant)>,
}

/// A running fake.
#[derive(Clone)]
pub struct FakeTelegram {
    /// Its base URL, for `Bot::set_api_url`.
    pub url: String,
    inner: Arc<Mutex<Inner>>,
}

/// The bot, as the fake's answers name it.
pub fn bot_user() -> Value {
    json!({"id": 1000, "is_bot": true, "first_name": "Entraide", "username": "EntraideBot"})
}

/// A person.
pub fn user(id: i64, name: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": name, "language_code": "fr"})
}

/// A private chat with a person, or a supergroup.
pub fn chat(id: i64) -> Value {
    if id > 0 {
        json!({"id": id, "type": "private", "first_name": "x"})
    } else {
        json!({"id": id, "type": "supergroup", "title": "Réseau d'entraide"})
    }
}

/// A text message update.
pub fn message(update: i64, from: i64, name: &str, chat_id: i64, text: &str) -> Value {
    json!({"update_id": update, "message": {
        "message_id": update, "date": 1_795_510_800, "chat": chat(chat_id), "from": user(from, name), "text": text,
    }})
}

/// A text message that replies to one of the bot's messages (Telegram sends its text along).
pub fn reply(update: i64, from: i64, name: &str, replied: (i64, &str), text: &str) -> Value {
    let mut update = message(update, from, name, from, text);
    update["message"]["reply_to_message"] = json!({"message_id": replied.0, "date": 1_795_510_800,
        "chat": chat(from), "from": bot_user(), "text": replied.1});
    update
}

/// A `chat_member` update: a group admin (`by`) banned someone with Telegram's own tools, or
/// (`banned` false) lifted their ban.
pub fn banned_by(update: i64, by: (i64, &str), who: (i64, &str), group: i64, banned: bool) -> Value {
    let (old, new) = match banned {
        true => (
            json!({"user": user(who.0, who.1), "status": "member"}),
            json!({"user": user(who.0, who.1), "status": "kicked", "until_date": 0}),
        ),
        false => (
            json!({"user": user(who.0, who.1), "status": "kicked", "until_date": 0}),
            json!({"user": user(who.0, who.1), "status": "left"}),
        ),
    };
    json!({"update_id": update, "chat_member": {
        "chat": chat(group), "from": user(by.0, by.1), "date": 1_795_510_800,
        "old_chat_member": old, "new_chat_member": new,
    }})
}

/// A `chat_member` update: `by` keeps `who` from writing in a group until a date (Telegram's
/// "restrict" from the member menu), or lets them write again (`None`).
pub fn restricted_by(update: i64, by: (i64, &str), who: (i64, &str), group: i64, until: Option<i64>) -> Value {
    let muted = |until: i64| {
        json!({"user": user(who.0, who.1), "status": "restricted", "is_member": true, "can_send_messages": false,
            "can_send_audios": false, "can_send_documents": false, "can_send_photos": false,
            "can_send_videos": false, "can_send_video_notes": false, "can_send_voice_notes": false,
            "can_send_polls": false, "can_send_other_messages": false, "can_add_web_page_previews": false,
            "can_change_info": false, "can_invite_users": false, "can_pin_messages": false,
            "can_manage_topics": false, "until_date": until})
    };
    let free = json!({"user": user(who.0, who.1), "status": "member"});
    let (old, new) = match until {
        Some(until) => (free, muted(until)),
        None => (muted(1_900_000_000), free),
    };
    json!({"update_id": update, "chat_member": {
        "chat": chat(group), "from": user(by.0, by.1), "date": 1_795_510_800,
        "old_chat_member": old, "new_chat_member": new,
    }})
}

/// A `chat_member` update: someone appeared in a group, through `link` if given.
pub fn joined(update: i64, who: i64, name: &str, group: i64, link: Option<&str>) -> Value {
    let mut change = json!({
        "chat": chat(group), "from": user(who, name), "date": 1_795_510_800,
        "old_chat_member": {"user": user(who, name), "status": "left"},
        "new_chat_member": {"user": user(who, name), "status": "member"},
    });
    if let Some(link) = link {
        change["invite_link"] = json!({
            "invite_link": link, "creator": bot_user(), "creates_join_request": false,
            "is_primary": false, "is_revoked": false,
        });
    }
    json!({"update_id": update, "chat_member": change})
}

impl FakeTelegram {
    /// Starts a fake on a free local port.
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner { next_message: 10_000, ..Inner::default() }));
        let app = axum::Router::new()
            .route("/{token}/{method}", axum::routing::post(answer))
            .route("/{caller}/{token}/{method}", axum::routing::post(answer_from))
            .route("/file/{token}/{path}", axum::routing::get(file))
            .with_state(Arc::clone(&inner));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, inner }
    }

    /// Someone sends the bot a photo privately (in reply to one of its messages, if given):
    /// Telegram keeps two sizes, the bot downloads one.
    pub fn photo(&self, update: i64, from: i64, name: &str, bytes: &[u8], caption: &str, replied: Option<i64>) {
        let (small, large) = (format!("small{update}"), format!("large{update}"));
        let mut inner = self.inner.lock().unwrap();
        inner.files.insert(small.clone(), bytes[..bytes.len() / 4].to_vec());
        inner.files.insert(large.clone(), bytes.to_vec());
        let size = |id: &str, len: usize| json!({"file_id": id, "file_unique_id": id, "file_size": len, "width": 90, "height": 90});
        let mut update = json!({"update_id": update, "message": {"message_id": update, "date": 1_795_510_800,
            "chat": chat(from), "from": user(from, name), "caption": caption,
            "photo": [size(&small, bytes.len() / 4), size(&large, bytes.len())]}});
        if let Some(replied) = replied {
            update["message"]["reply_to_message"] = json!({"message_id": replied, "date": 1_795_510_800,
                "chat": chat(from), "from": bot_user(), "text": "…"});
        }
        inner.updates.push(update);
    }

    /// Queues an update for `getUpdates`.
    pub fn push(&self, update: Value) {
        let mut inner = self.inner.lock().unwrap();
        let request = &update["chat_join_request"];
        if let (Some(chat), Some(user)) = (request["chat"]["id"].as_i64(), request["from"]["id"].as_i64()) {
            inner.requests.push((chat, user));
        }
        inner.updates.push(update);
    }

    /// The parameters of each call of a method (lower case), in order.
    pub fn calls(&self, method: &str) -> Vec<Value> {
        let inner = self.inner.lock().unwrap();
        inner.calls.iter().filter(|(m, _)| m == method).map(|(_, params)| params.clone()).collect()
    }

    /// What the bot is in every group, as `getChatMember` says (`{"status": "member", …}`).
    pub fn bot_is(&self, member: Value) {
        self.inner.lock().unwrap().bot_member = Some(member);
    }

    /// Makes the next call of a method fail with this HTTP status and body.
    pub fn fail_next(&self, method: &str, status: u16, body: Value) {
        self.inner.lock().unwrap().failures.entry(method.to_owned()).or_default().push_back((status, body));
    }

    /// Someone who never started the bot: every message to them is refused with 403, as
    /// Telegram does, while bans and restrictions in groups still work.
    pub fn never_started(&self, user: i64) {
        self.inner.lock().unwrap().never_started.insert(user);
    }

    /// Methods called that the fake does not implement (a test must find none).
    pub fn unknown(&self) -> Vec<String> {
        self.inner.lock().unwrap().unknown.clone()
    }

    /// The id the fake gave the last message sent to a chat that contains `part`.
    pub fn id_of_sent(&self, chat: i64, part: &str) -> Option<i64> {
        let inner = self.inner.lock().unwrap();
        inner.sent.iter().rev().find(|(c, _, text)| *c == chat && text.contains(part)).map(|(_, id, _)| *id)
    }

    /// How many long polls ended with a 409 conflict because another came.
    pub fn conflicts(&self) -> usize {
        self.inner.lock().unwrap().conflicts
    }

    /// When each `getUpdates` came from `caller` (the path of its API URL, without slashes).
    pub fn polls_by(&self, caller: &str) -> Vec<std::time::Instant> {
        let inner = self.inner.lock().unwrap();
        inner.polls.iter().filter(|(who, _)| who == caller).map(|(_, at)| *at).collect()
    }

    /// Texts sent to a chat.
    pub fn texts_to(&self, chat: i64) -> Vec<String> {
        self.calls("sendmessage")
            .iter()
            .filter(|p| p["chat_id"].as_i64() == Some(chat))
            .filter_map(|p| p["text"].as_str().map(str::to_owned))
            .collect()
    }
}

/// Telegram's file storage: what `getFile` names, by path.
async fn file(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((_token, path)): Path<(String, String)>,
) -> impl IntoResponse {
    let id = path.trim_end_matches(".jpg");
    match inner.lock().unwrap().files.get(id) {
        Some(bytes) => (StatusCode::OK, bytes.clone()),
        None => (StatusCode::NOT_FOUND, Vec::new()),
    }
}

/// A call from a bot whose API URL has a path (`http://fake/p1`): the fake says who polled.
async fn answer_from(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((caller, token, method)): Path<(String, String, String)>,
    body: Bytes,
) -> impl IntoResponse {
    handle(inner, &caller, &token, &method, body).await
}

async fn answer(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((token, method)): Path<(String, String)>,
    body: Bytes,
) -> impl IntoResponse {
    handle(inner, "", &token, &method, body).await
}

async fn handle(
    inner: Arc<Mutex<Inner>>,
    caller: &str,
    _token: &str,
    method: &str,
    body: Bytes,
) -> (StatusCode, axum::Json<Value>) {
    let method = method.to_lowercase();
    // Most methods come as JSON; a few (files, setWebhook) as a multipart form.
    let params: Value = serde_json::from_slice(&body).unwrap_or_else(|_| form_fields(&body));
    let ok = |result: Value| (StatusCode::OK, axum::Json(json!({"ok": true, "result": result})));
    let waiting = {
        let mut inner = inner.lock().unwrap();
        if let Some((status, body)) = inner.failures.get_mut(&method).and_then(VecDeque::pop_front) {
            // A refused call is recorded apart: it did not happen on Telegram.
            inner.calls.push((format!("{method} (refused)"), params));
            return (StatusCode::from_u16(status).unwrap(), axum::Json(body));
        }
        inner.calls.push((method.clone(), params.clone()));
        match method.as_str() {
            "getupdates" => {
                inner.poll_generation += 1;
                inner.polls.push((caller.to_owned(), std::time::Instant::now()));
                if let Some(due) = due_updates(&inner, &params) {
                    return ok(due);
                }
                Some(inner.poll_generation)
            }
            "getfile" => {
                let id = params["file_id"].as_str().unwrap_or("").to_owned();
                let size = inner.files.get(&id).map_or(0, Vec::len);
                return ok(
                    json!({"file_id": id, "file_unique_id": id, "file_size": size, "file_path": format!("{id}.jpg")}),
                );
            }
            "sendmessage" | "senddocument" | "sendphoto"
                if params["chat_id"].as_i64().is_some_and(|chat| inner.never_started.contains(&chat)) =>
            {
                // Refused: recorded apart, it did not happen on Telegram.
                if let Some(call) = inner.calls.last_mut() {
                    call.0 = format!("{method} (refused)");
                }
                let refused = json!({"ok": false, "error_code": 403,
                    "description": "Forbidden: bot can't initiate conversation with a user"});
                return (StatusCode::FORBIDDEN, axum::Json(refused));
            }
            // As documented: 1–4,096 characters of text, 0–1,024 of caption.
            "sendmessage" | "senddocument" | "sendphoto" if too_long(&method, &params).is_some() => {
                if let Some(call) = inner.calls.last_mut() {
                    call.0 = format!("{method} (refused)");
                }
                let why = too_long(&method, &params).unwrap_or_default();
                let refused = json!({"ok": false, "error_code": 400, "description": format!("Bad Request: {why}")});
                return (StatusCode::BAD_REQUEST, axum::Json(refused));
            }
            "sendmessage" | "senddocument" | "sendphoto" => {
                inner.next_message += 1;
                let chat_id = params["chat_id"].as_i64().unwrap_or(1);
                let text = params["text"].as_str().unwrap_or("");
                let id = inner.next_message;
                inner.sent.push((chat_id, id, text.to_owned()));
                return ok(json!({
                    "message_id": inner.next_message, "date": 1_795_510_800, "chat": chat(chat_id),
                    "from": bot_user(), "text": text,
                }));
            }
            "banchatmember"
            | "unbanchatmember"
            | "restrictchatmember"
            | "setmycommands"
            | "answercallbackquery"
            | "setwebhook"
            | "pinchatmessage"
            | "deletewebhook" => {
                return ok(json!(true));
            }
            // A request that waits is settled once; anywhere else Telegram refuses.
            "approvechatjoinrequest" | "declinechatjoinrequest" => {
                let asked = (params["chat_id"].as_i64().unwrap_or(0), params["user_id"].as_i64().unwrap_or(0));
                let Some(at) = inner.requests.iter().position(|request| *request == asked) else {
                    let missing =
                        json!({"ok": false, "error_code": 400, "description": "Bad Request: HIDE_REQUESTER_MISSING"});
                    return (StatusCode::BAD_REQUEST, axum::Json(missing));
                };
                inner.requests.remove(at);
                return ok(json!(true));
            }
            // As documented: `chat_id` and `message_id` are required; True on success.
            "deletemessage" => {
                if params["chat_id"].is_null() || params["message_id"].as_i64().is_none() {
                    let missing = json!({"ok": false, "error_code": 400,
                        "description": "Bad Request: message identifier is not specified"});
                    return (StatusCode::BAD_REQUEST, axum::Json(missing));
                }
                return ok(json!(true));
            }
            "getchatmember" if inner.bot_member.is_some() => {
                return ok(inner.bot_member.clone().unwrap_or_default());
            }
            "getchatmember" => {
                return ok(json!({
                    "user": bot_user(), "status": "administrator", "can_be_edited": false, "is_anonymous": false,
                    "can_manage_chat": true, "can_delete_messages": true, "can_manage_video_chats": true,
                    "can_restrict_members": true, "can_promote_members": false, "can_change_info": false,
                    "can_invite_users": true, "can_post_stories": false, "can_edit_stories": false,
                    "can_delete_stories": false, "can_pin_messages": true,
                }));
            }
            "editmessagereplymarkup" | "editmessagetext" => {
                let chat_id = params["chat_id"].as_i64().unwrap_or(1);
                return ok(json!({
                    "message_id": params["message_id"], "date": 1_795_510_800, "chat": chat(chat_id),
                    "from": bot_user(), "text": "",
                }));
            }
            "getme" => {
                let mut me = bot_user();
                me["can_join_groups"] = json!(true);
                me["can_read_all_group_messages"] = json!(false);
                me["supports_inline_queries"] = json!(false);
                me["can_connect_to_business"] = json!(false);
                me["has_main_web_app"] = json!(false);
                return ok(me);
            }
            "createchatinvitelink" | "revokechatinvitelink" => {
                inner.next_link += 1;
                let link = params["invite_link"]
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or(format!("https://t.me/+fake{}", inner.next_link));
                return ok(json!({
                    "invite_link": link, "creator": bot_user(),
                    "creates_join_request": params["creates_join_request"].as_bool().unwrap_or(false),
                    "is_primary": false, "is_revoked": method == "revokechatinvitelink",
                    "name": params["name"], "member_limit": params["member_limit"],
                }));
            }
            _ => {
                inner.unknown.push(method.clone());
                return (
                    StatusCode::NOT_FOUND,
                    axum::Json(
                        json!({"ok": false, "error_code": 404, "description": "Not Found: method not implemented"}),
                    ),
                );
            }
        }
    };
    // Long polling with nothing new: as Telegram, hold the request until an update comes or
    // the poll's `timeout` (seconds) runs out, then answer what there is. Another poll
    // meanwhile ends this one with a conflict.
    if let Some(generation) = waiting {
        let timeout = params["timeout"].as_u64().unwrap_or(0);
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(timeout);
        loop {
            {
                let mut inner = inner.lock().unwrap();
                if inner.poll_generation != generation {
                    inner.conflicts += 1;
                    let conflict = json!({"ok": false, "error_code": 409, "description":
                        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"});
                    return (StatusCode::CONFLICT, axum::Json(conflict));
                }
                if let Some(due) = due_updates(&inner, &params) {
                    return ok(due);
                }
            }
            // A test made the next poll fail: this one ends now, so that the next comes.
            let failing = inner.lock().unwrap().failures.get("getupdates").is_some_and(|next| !next.is_empty());
            if failing || tokio::time::Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
    ok(json!([]))
}

/// The updates at or after the poll's offset, if any.
fn due_updates(inner: &Inner, params: &Value) -> Option<Value> {
    let offset = params["offset"].as_i64().unwrap_or(0);
    let due: Vec<Value> =
        inner.updates.iter().filter(|u| u["update_id"].as_i64().unwrap_or(0) >= offset).cloned().collect();
    (!due.is_empty()).then_some(Value::Array(due))
}

/// Why Telegram refuses a message's length, if it does.
fn too_long(method: &str, params: &Value) -> Option<&'static str> {
    let length = |field: &str| params[field].as_str().map_or(0, |text| text.chars().count());
    match method {
        "sendmessage" if length("text") == 0 => Some("message text is empty"),
        "sendmessage" if length("text") > 4_096 => Some("message is too long"),
        "senddocument" | "sendphoto" if length("caption") > 1_024 => Some("message caption is too long"),
        _ => None,
    }
}

/// A button tapped under one of the bot's messages.
pub fn tapped(update: i64, from: i64, name: &str, message_id: i64, data: &str) -> Value {
    json!({"update_id": update, "callback_query": {
        "id": format!("cb{update}"), "from": user(from, name), "chat_instance": "ci", "data": data,
        "message": {"message_id": message_id, "date": 1_795_510_800, "chat": chat(from), "from": bot_user(), "text": "…"},
    }})
}

/// A `chat_join_request` update: someone asks to join a group through `link`.
pub fn join_request(update: i64, who: i64, name: &str, group: i64, link: &str) -> Value {
    json!({"update_id": update, "chat_join_request": {
        "chat": chat(group), "from": user(who, name), "user_chat_id": who, "date": 1_795_510_800,
        "invite_link": {"invite_link": link, "creator": bot_user(), "creates_join_request": true,
            "is_primary": false, "is_revoked": false},
    }})
}

/// The text fields of a `multipart/form-data` body, as a JSON object.
fn form_fields(body: &[u8]) -> Value {
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text.split("\r\n--") {
        let Some((head, value)) = part.split_once("\r\n\r\n") else { continue };
        let Some(name) = head.split("name=\"").nth(1).and_then(|rest| rest.split('"').next()) else { continue };
        if !head.contains("filename=") {
            fields.insert(name.to_owned(), Value::String(value.trim_end_matches("\r\n").to_owned()));
        }
    }
    Value::Object(fields)
}
