//! Matching as the service asks it, post by post: the best offers for a request, the
//! requests an offer fits, the needs a match was made for, the category and place of a post.
//! The reading of a text itself is [`analyze`](super::analyze).

#[allow(clippy::wildcard_imports)]
use super::*;

/// The category a post names with a hashtag of its name in either language ("#tutorat",
/// "#lodging"): the author's word beats the words' guess. Discord's category option adds it.
pub fn tagged_category(text: &str) -> Option<Category> {
    let tags: Vec<String> = text
        .split_whitespace()
        .filter_map(|word| word.strip_prefix('#'))
        .map(|tag| text::fold(tag.trim_end_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    Category::ALL.iter().copied().find(|category| {
        let id = format!("category-{category}");
        let names =
            [category.as_str().to_owned(), catalog::text(Lang::Fr, &id, &[]), catalog::text(Lang::En, &id, &[])];
        names.iter().any(|name| tags.contains(&text::fold(name)))
    })
}

/// What kind of help a post is about, from its words.
pub fn infer_category(text: &str) -> Category {
    analyze(text).category
}

/// Where a post applies. An offer is online when its text says so ("en visio"); a request
/// always stays where its author is, since online offers reach every request anyway and
/// "ma déclaration en ligne" says nothing about where help may come from.
pub fn infer_place(kind: PostKind, text: &str, author_place: Option<&str>) -> Place {
    let tokens = text::tokens(text);
    if kind == PostKind::Offer && THESAURUS.says_online(text, &tokens) {
        return Place::Online;
    }
    match author_place {
        Some(place) => Place::Local(place.to_owned()),
        None => Place::Unknown,
    }
}

/// The best offers for a request, best first, at most `limit`; empty when nothing fits.
pub fn best_offers(request: &Post, offers: &[Post], limit: usize) -> Vec<Scored> {
    let mut matcher = Matcher::new();
    offers.iter().for_each(|offer| matcher.insert(offer));
    matcher.best_for(request, limit)
}

/// The needs an offer was matched to a request for (thesaurus concept ids): those that make
/// their match, or, when they no longer fit, the needs the request names in its focus.
pub fn needs_between(request: &Post, offer: &Post) -> Vec<String> {
    if let Some(found) = best_offers(request, std::slice::from_ref(offer), 1).into_iter().next()
        && !found.needs.is_empty()
    {
        return found.needs;
    }
    analyze_post(PostKind::Request, &request.text, &request.place)
        .needs
        .iter()
        .filter(|hit| hit.focus && !hit.derived)
        .map(|hit| THESAURUS.concepts[usize::from(hit.concept)].id.clone())
        .collect()
}

/// Drops the matches an offer's author said are not what they offer: those all of whose
/// needs they excluded for that offer. `offer_of` names the offer of each match.
pub fn without_excluded(
    found: Vec<Scored>,
    excluded: &[(crate::model::PostId, String)],
    offer_of: impl Fn(&Scored) -> crate::model::PostId,
) -> Vec<Scored> {
    if excluded.is_empty() {
        return found;
    }
    found
        .into_iter()
        .filter(|scored| {
            let offer = offer_of(scored);
            let barred = |need: &String| excluded.iter().any(|(id, concept)| *id == offer && concept == need);
            scored.needs.is_empty() || !scored.needs.iter().all(barred)
        })
        .collect()
}

/// The open requests an offer fits, best first, at most `limit`.
pub fn fitting_requests(offer: &Post, requests: &[Post], limit: usize) -> Vec<Scored> {
    let mut matcher = Matcher::new();
    requests.iter().for_each(|request| matcher.insert(request));
    matcher.best_for(offer, limit)
}
