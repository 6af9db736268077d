//! Tests of the service as a whole, and the helpers other modules' tests share.

use super::*;
use crate::memory::MemoryStore;
use crate::model::Platform;
use crate::ports::store_prelude::*;
use crate::ports::{CountingRandomness, ManualClock};

/// A service on a memory store whose founder is console account "alice".
pub(super) async fn founded(settings: Settings) -> (Service, Arc<MemoryStore>) {
    let store = Arc::new(MemoryStore::new());
    let founder = Founder { account: AccountRef::new(Platform::Console, "alice"), name: "alice".into() };
    let settings = Settings { founders: vec![founder], ..settings };
    let clock = Arc::new(ManualClock::at(0));
    let service =
        Service::start(store.clone(), clock, Arc::new(CountingRandomness::default()), settings).await.expect("start");
    (service, store)
}

/// What Bob writes to the bot privately, on Telegram.
pub(super) fn bob(text: &str) -> Incoming {
    Incoming {
        account: AccountRef::new(Platform::Telegram, "43"),
        display_name: "Bob".into(),
        lang: None,
        chat: ChatContext::Private,
        text: text.into(),
        message: None,
    }
}

/// The number after a marker ("n°12" → 12).
pub(super) fn number_after(text: &str, marker: &str) -> Option<i64> {
    let rest = &text[text.find(marker)? + marker.len()..];
    rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// What alice writes to the bot privately.
pub(super) fn alice(text: &str) -> Incoming {
    Incoming {
        account: AccountRef::new(Platform::Console, "alice"),
        display_name: "alice".into(),
        lang: None,
        chat: ChatContext::Private,
        text: text.into(),
        message: None,
    }
}

/// Randomness that panics once when armed: a bug deep inside a command.
#[derive(Default)]
struct PanicOnce {
    armed: std::sync::atomic::AtomicBool,
}

impl Randomness for PanicOnce {
    fn fill(&self, bytes: &mut [u8]) {
        if self.armed.swap(false, std::sync::atomic::Ordering::SeqCst) {
            panic!("a bug while handling one event");
        }
        CountingRandomness::default().fill(bytes);
    }
}

#[tokio::test]
async fn a_panic_in_one_event_is_contained_recorded_and_answered() {
    let store = Arc::new(MemoryStore::new());
    let founder = Founder { account: AccountRef::new(Platform::Console, "alice"), name: "alice".into() };
    let randomness = Arc::new(PanicOnce::default());
    let settings = Settings { founders: vec![founder], ..Settings::default() };
    let service =
        Service::start(store.clone(), Arc::new(ManualClock::at(0)), randomness.clone(), settings).await.expect("start");
    let event = |id: &str| EventRef { platform: Platform::Console, id: id.into(), cursor: None };
    randomness.armed.store(true, std::sync::atomic::Ordering::SeqCst);
    let reply =
        service.handle_event(event("e1"), alice("/inviter"), Answering::Privately).await.expect("the author is told");
    assert_eq!(reply.text, Refusal::Internal.render(Lang::Fr), "a technical problem, in the member's language");
    assert!(store.event_seen(Platform::Console, "e1").await.expect("store"), "recorded: never replayed");
    assert!(
        service.handle_event(event("e1"), alice("/inviter"), Answering::Privately).await.is_none(),
        "a replay does nothing"
    );
    let next = service.handle_event(event("e2"), alice("/inviter"), Answering::Privately).await.expect("a reply").text;
    assert!(next.contains("-"), "the next event is handled as usual: {next}");
}

#[tokio::test]
async fn a_place_that_is_an_address_or_a_contact_is_refused_with_why() {
    let (service, store) = founded(Settings::default()).await;
    let account = AccountRef::new(Platform::Console, "alice");
    let id = store.account(service.community().id, &account).await.expect("store").expect("alice").member_id;
    let cases = [
        ("/lieu 12 r. de la Paix", "place-why-address"),
        ("/lieu 7 ter, route de Lyon", "place-why-address"),
        ("/lieu Résidence les Tilleuls, bât. C", "place-why-building"),
        ("/lieu 06 12 34 56 78", "place-why-phone"),
        ("/lieu bob@example.org", "place-why-email"),
        ("/lieu www.example.org", "place-why-link"),
    ];
    for (text, why) in cases {
        let reply = service.handle(alice(text)).await.expect("a reply").text;
        assert!(reply.contains(&catalog::text(Lang::Fr, why, &[])), "{text}: {reply}");
        assert!(reply.contains("jamais d'adresse") && reply.contains("Rien n'a été enregistré"), "{reply}");
        let member = store.member(id).await.expect("store").expect("alice");
        assert_eq!(member.place, None, "{text}");
    }
    let reply = service.handle(alice("/lieu Paris 75011")).await.expect("a reply").text;
    assert!(reply.contains("Lieu enregistré : Paris 75011"), "{reply}");
    assert_eq!(store.member(id).await.expect("store").expect("alice").place.as_deref(), Some("Paris 75011"));
}

#[test]
fn platform_names_lose_their_invisible_characters() {
    let account = AccountRef::new(Platform::Telegram, "42");
    assert_eq!(display_name("al\u{200B}ice", &account), "alice");
    assert_eq!(display_name(" \u{202E}Zo\u{2066}é ", &account), "Zoé");
    assert_eq!(display_name("\u{200B}\u{FEFF}", &account), "42");
    assert_eq!(display_name(&"é".repeat(100), &account).chars().count(), crate::identity::MAX_NAME_CHARS);
}

#[tokio::test]
async fn an_invitation_naming_an_app_gets_a_link_there_only() {
    let native_links = vec![Platform::Telegram, Platform::Discord];
    let (service, store) = founded(Settings { native_links, ..Settings::default() }).await;
    let reply = service.handle(alice("/inviter pour Léa sur Discord")).await.expect("a reply").text;
    assert!(store.due_messages(Platform::Telegram, 0, 10).await.expect("store").is_empty());
    let to_discord = store.due_messages(Platform::Discord, 0, 10).await.expect("store");
    assert!(matches!(to_discord[0].message.body, OutgoingBody::CreateInviteLink { .. }), "{to_discord:?}");
    assert!(reply.contains("sur telegram ?") && reply.contains("/inviter pour Léa sur telegram"), "{reply}");
}

#[tokio::test]
async fn invitations_ask_adapters_for_native_links_and_revoke_them() {
    let (service, store) = founded(Settings { native_links: vec![Platform::Telegram], ..Settings::default() }).await;
    let reply = service.handle(alice("/inviter")).await.expect("a reply").text;
    let code = reply.split_whitespace().find(|w| w.len() == 19).expect("a code").to_owned();
    let to_telegram = store.due_messages(Platform::Telegram, 0, 10).await.expect("store");
    let OutgoingBody::CreateInviteLink { invitation, expires_at, join_request, .. } =
        to_telegram[0].message.body.clone()
    else {
        panic!("a native link is asked for: {to_telegram:?}");
    };
    assert_eq!(
        (to_telegram[0].message.to.user_id.as_str(), expires_at, join_request),
        ("#invitation-1", 7 * 86_400, false)
    );
    service.record_native_link(invitation, Platform::Telegram, "https://t.me/+abc").await.expect("recorded");
    let to_alice = store.due_messages(Platform::Console, 0, 10).await.expect("store");
    assert!(to_alice.iter().any(|m| matches!(&m.message.body, OutgoingBody::Text { text } if text.contains("https://t.me/+abc") && text.contains(&code))));
    service.handle(alice(&format!("/revoquer {code}"))).await.expect("a reply");
    let to_telegram = store.due_messages(Platform::Telegram, 0, 10).await.expect("store");
    assert!(
        to_telegram
            .iter()
            .any(|m| m.message.body == OutgoingBody::RevokeInviteLink { link: "https://t.me/+abc".into() })
    );
    // A link an adapter makes after the revocation is unmade at once, never sent out.
    service.record_native_link(invitation, Platform::Discord, "late-code").await.expect("recorded");
    let to_discord = store.due_messages(Platform::Discord, 0, 10).await.expect("store");
    assert_eq!(to_discord[0].message.body, OutgoingBody::RevokeInviteLink { link: "late-code".into() });
    let to_alice = store.due_messages(Platform::Console, 0, 10).await.expect("store");
    assert!(
        !to_alice.iter().any(|m| matches!(&m.message.body, OutgoingBody::Text { text } if text.contains("late-code")))
    );
}

#[tokio::test]
async fn posts_get_their_topic_and_category_from_the_thesaurus() {
    let (service, store) = founded(Settings::default()).await;
    let reply = service.handle(alice("/offre je prête ma perceuse")).await.expect("a reply");
    assert!(reply.text.contains("Offre n°1"), "{}", reply.text);
    let post = store.post(1).await.expect("store").expect("the post");
    assert_eq!((post.topic.as_str(), post.category), ("tools", crate::model::Category::Lend));
}

#[test]
fn control_characters_are_cleaned_but_lines_and_tabs_stay() {
    assert_eq!(clean_text("une\0 perceuse\u{7}\u{85}\u{1b}[31m".into()), "une perceuse[31m");
    assert_eq!(clean_text("a\r\nb\rc\td\n".into()), "a\nb\nc\td\n");
    assert_eq!(clean_text("déjà « propre » 🔧".into()), "déjà « propre » 🔧");
}

#[tokio::test]
async fn a_nul_byte_in_a_post_is_cleaned_before_the_store() {
    let (service, store) = founded(Settings::default()).await;
    let reply = service.handle(alice("/offre une perceuse\0 à prêter\u{7}")).await.expect("a reply");
    let id = number_after(&reply.text, "n°").expect("recorded");
    let post = store.post(id).await.expect("store").expect("the post");
    assert_eq!(post.text, "une perceuse à prêter");
}

/// `/config` and the configuration file refuse the same values (`Settings::validate`): a
/// request that would expire before its reminder, an invitation quota of nothing.
#[tokio::test]
async fn config_refuses_what_the_file_refuses() {
    let (service, _store) = founded(Settings::default()).await;
    let reply = |text: &str| {
        let service = &service;
        let text = text.to_owned();
        async move { service.handle(alice(&text)).await.expect("a reply").text }
    };
    let refused = reply("/config request_days 3").await;
    assert!(refused.contains("Valeur refusée pour « request_days »"), "{refused}");
    let refused = reply("/config invite_quota 0").await;
    assert!(refused.contains("Valeur refusée pour « invite_quota »"), "{refused}");
    let set = reply("/config request_days 4").await;
    assert!(!set.contains("refusée") && set.contains("request_days"), "{set}");
    assert_eq!(service.settings().request_ttl, 4 * 86_400);
}
