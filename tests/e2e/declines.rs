//! "Not for me" teaches (#21): a helper says why they decline an ask. "Pas maintenant" leaves
//! their offer as it was; "pas pour moi" stops that offer from being proposed for requests of
//! the same need, until they restore it. Moderators read how helpers answered in `/stats`:
//! the precision of matching on the real community.

use entraide_core::model::{AccountRef, OutgoingBody, Platform};

use crate::support::{self, as_, newcomer, number_after, pending};

/// The requests a console member was asked about as a helper, with the match numbers, oldest
/// first.
async fn asked(app: &entraide::App, name: &str) -> Vec<(i64, i64)> {
    let community = app.service.community().id;
    let account = AccountRef::new(Platform::Console, name);
    let member = app.store.account(community, &account).await.unwrap().unwrap().member_id;
    let matches = app.store.matches_of_member(member).await.unwrap();
    matches.iter().filter(|m| m.helper_id == member).map(|m| (m.request_id, m.id)).collect()
}

#[tokio::test]
async fn not_what_i_offer_stops_those_asks_until_the_helper_restores_them() {
    let db = support::sqlite();
    let (app, _clock) = support::app(&db.url, 72.0, entraide_core::model::Lang::Fr).await;
    let service = app.service.as_ref();
    for name in ["zoe", "bob", "carla", "dan"] {
        newcomer(service, name).await;
    }
    let offered = as_(service, "zoe", "/offre Je taille les haies et je prête ma tronçonneuse").await;
    let offer = number_after(&offered, "n°").expect("an offer number");

    // Asked about a hedge to trim, Zoé sees three buttons and says it is not what she offers.
    let first = as_(service, "bob", "/besoin Qqn pour tailler ma haie samedi ?").await;
    assert!(first.contains("prévenu"), "{first}");
    let (_, ask) = *asked(&app, "zoe").await.last().expect("zoe was asked");
    let buttons: Vec<(String, String)> = pending(app.store.as_ref(), &AccountRef::new(Platform::Console, "zoe"))
        .await
        .into_iter()
        .filter_map(|body| match body {
            OutgoingBody::Choices { choices, .. } => Some(choices),
            _ => None,
        })
        .flatten()
        .map(|choice| (choice.label, choice.command))
        .collect();
    assert!(buttons.contains(&("Pas maintenant".into(), format!("/refuser {ask} pas-maintenant"))), "{buttons:?}");
    assert!(buttons.contains(&("Pas ce que je propose".into(), format!("/refuser {ask} pas-pour-moi"))), "{buttons:?}");
    let said = as_(service, "zoe", &format!("/refuser {ask} pas pour moi")).await;
    assert!(said.contains("ne sera plus proposée") && said.contains("tailler"), "{said}");
    assert!(said.contains(&format!("/retablir {offer}")), "{said}");

    // Another request of the same need does not reach her; another need still does.
    as_(service, "carla", "/besoin Quelqu'un pourrait tailler mes arbres fruitiers ?").await;
    assert_eq!(asked(&app, "zoe").await.len(), 1, "the same need is no longer proposed to her");
    as_(service, "dan", "/besoin Qqn aurait une tronçonneuse à me prêter ?").await;
    let (_, chainsaw_ask) = *asked(&app, "zoe").await.last().unwrap();
    assert_eq!(asked(&app, "zoe").await.len(), 2, "a chainsaw is still what she offers");
    assert!(as_(service, "zoe", &format!("/refuser {chainsaw_ask} pas maintenant")).await.contains("noté"));

    // Only she may restore her offer; once restored, the need reaches her again.
    assert!(as_(service, "bob", &format!("/retablir {offer}")).await.contains("n'est pas la tienne"));
    assert!(as_(service, "zoe", &format!("/retablir {offer}")).await.contains("de nouveau proposée"));
    assert!(as_(service, "zoe", &format!("/retablir {offer}")).await.contains("rien à rétablir"));
    newcomer(service, "emma").await;
    as_(service, "emma", "/besoin Qqn pour tailler ma haie ?").await;
    assert_eq!(asked(&app, "zoe").await.len(), 3, "restored");

    // A reason nobody gives is refused with the usage, and nothing changes.
    let (_, last) = *asked(&app, "zoe").await.last().unwrap();
    assert!(as_(service, "zoe", &format!("/refuser {last} bof")).await.contains("/refuser N"));
    assert_eq!(app.store.match_by_id(last).await.unwrap().unwrap().decline_reason, None);

    // Moderators read how helpers answered: one "not mine", one "not now", one waiting.
    let stats = as_(service, "alice", "/stats 30").await;
    assert!(stats.contains("1 « pas maintenant », 1 « pas ce que je propose »"), "{stats}");
    assert!(stats.contains("Justesse des propositions : 50 %"), "{stats}");
    assert!(stats.contains("• jardin (2)") || stats.contains("• outils"), "{stats}");
}

/// The sum of `entraide_asks_total` samples with this answer, as Prometheus would read them.
fn asks(rendered: &str, answer: &str) -> f64 {
    rendered
        .lines()
        .filter(|line| line.starts_with("entraide_asks_total{") && line.contains(&format!("answer=\"{answer}\"")))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[tokio::test]
async fn asks_still_waiting_when_their_request_ends_count_as_unanswered() {
    // This test's own recorder: the runtime runs on this thread only.
    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
    let metrics = recorder.handle();
    let _recorder = metrics::set_default_local_recorder(&recorder);
    let db = support::sqlite();
    let (app, clock) = support::app(&db.url, 72.0, entraide_core::model::Lang::Fr).await;
    let service = app.service.as_ref();
    for name in ["zoe", "bob", "carla"] {
        newcomer(service, name).await;
    }
    as_(service, "zoe", "/offre Je taille les haies et je prête ma tronçonneuse").await;
    let closed = as_(service, "bob", "/besoin Qqn aurait une tronçonneuse à me prêter ?").await;
    let closed = number_after(&closed, "n°").expect("a request number");
    as_(service, "carla", "/besoin Qqn pour tailler ma haie samedi ?").await;
    assert_eq!(asked(&app, "zoe").await.len(), 2);
    assert_eq!(asks(&metrics.render(), "asked"), 2.0, "{}", metrics.render());

    // Bob closes his request, Carla's expires: Zoé never answered either ask.
    assert!(as_(service, "bob", &format!("/fermer {closed}")).await.contains(&closed.to_string()));
    assert_eq!(asks(&metrics.render(), "unanswered"), 1.0, "{}", metrics.render());
    clock.advance(31 * 86_400);
    assert_eq!(service.upkeep().await.unwrap(), 1, "Carla's request expires");
    assert_eq!(asks(&metrics.render(), "unanswered"), 2.0, "{}", metrics.render());
    service.upkeep().await.unwrap();
    assert_eq!(asks(&metrics.render(), "unanswered"), 2.0, "counted once");
}
