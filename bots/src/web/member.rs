//! A member's page: who they are, their posts, reports, sanctions and invitations, the
//! sponsor chain up and the people they brought in, as a tree that folds (no script: HTML's
//! own `details`) and that a name finds in, however large.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use entraide_core::dashboard;
use entraide_core::model::{Member, MemberId};
use entraide_core::service::{DashboardError, MemberRecord, TreeNode};

use super::{Web, member_page, pages};

/// What the member page's forms ask.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Asked {
    /// The page of the tree, from 1.
    #[serde(default)]
    page: String,
    /// A name to find in the tree.
    #[serde(default)]
    cherche: String,
    /// A member to open (`@name` or `#id`).
    #[serde(default)]
    nom: String,
}

/// Someone in the tree with the people below them on the page.
pub struct Branch {
    /// Who.
    pub node: TreeNode,
    /// Those below them, on this page.
    pub children: Vec<Branch>,
}

/// A depth-first page of a tree as nested branches. A page may start deep in the tree:
/// whoever is no deeper than the one before their sponsor is a branch of their own.
pub fn nest(nodes: &[TreeNode]) -> Vec<Branch> {
    fn attach(branch: Branch, stack: &mut [Branch], roots: &mut Vec<Branch>) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(branch),
            None => roots.push(branch),
        }
    }
    let mut roots = Vec::new();
    let mut stack: Vec<Branch> = Vec::new();
    for node in nodes {
        while stack.last().is_some_and(|top| top.node.depth >= node.depth) {
            if let Some(done) = stack.pop() {
                attach(done, &mut stack, &mut roots);
            }
        }
        stack.push(Branch { node: *node, children: Vec::new() });
    }
    while let Some(done) = stack.pop() {
        attach(done, &mut stack, &mut roots);
    }
    roots
}

/// `GET /membres?nom=…`: opens the member a moderator names, or says why not.
pub async fn find(State(web): State<Arc<Web>>, headers: HeaderMap, Query(asked): Query<Asked>) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = moderator.lang;
    let token = dashboard::form_token(&secret);
    let name = asked.nom.trim();
    if name.is_empty() {
        return member_page::members(&moderator, &web.community(), &token, "", None).into_response();
    }
    match web.service.dashboard_member(&moderator, name, 1).await {
        Ok(record) => Redirect::to(&format!("/membres/{}", record.member.id)).into_response(),
        Err(DashboardError::Refused(refusal)) if refusal.is_about_a_name() => {
            let page = member_page::members(&moderator, &web.community(), &token, name, Some(&refusal.render(lang)));
            (StatusCode::BAD_REQUEST, page).into_response()
        }
        Err(error) => web.refused(lang, &error),
    }
}

/// `GET /membres/ID`: a member's page, with a page of their tree and what a search found in it.
pub async fn page(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(asked): Query<Asked>,
) -> Response {
    let (moderator, secret) = match web.moderator(&headers).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = moderator.lang;
    let Ok(id) = id.parse::<MemberId>() else { return web.not_found(lang) };
    let tree_page = asked.page.trim().parse::<u64>().ok().filter(|page| *page >= 1).unwrap_or(1);
    let record = match web.service.dashboard_member(&moderator, &format!("#{id}"), tree_page).await {
        Ok(record) => record,
        Err(DashboardError::Refused(refusal)) if refusal.is_about_a_name() => {
            return (StatusCode::NOT_FOUND, pages::refused(lang, &refusal.render(lang))).into_response();
        }
        Err(error) => return web.refused(lang, &error),
    };
    let searched = asked.cherche.trim();
    let found: Option<Vec<Vec<Member>>> = match searched.is_empty() {
        true => None,
        false => match web.service.dashboard_found_below(&moderator, id, searched).await {
            Ok(found) => Some(found),
            Err(error) => return web.refused(lang, &error),
        },
    };
    let page = Shown { record: &record, searched, found: found.as_deref() };
    member_page::member(&moderator, &web.community(), &dashboard::form_token(&secret), &page).into_response()
}

/// What a member page shows.
pub struct Shown<'a> {
    /// The record.
    pub record: &'a MemberRecord,
    /// The name searched for in the tree (empty: none).
    pub searched: &'a str,
    /// The ways down to those found, when searched.
    pub found: Option<&'a [Vec<Member>]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(depth: usize, id: MemberId) -> TreeNode {
        TreeNode { depth, id, below: 0 }
    }

    fn shape(branches: &[Branch]) -> String {
        branches
            .iter()
            .map(|b| match b.children.is_empty() {
                true => b.node.id.to_string(),
                false => format!("{}({})", b.node.id, shape(&b.children)),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_page_of_a_tree_nests_as_it_was_read() {
        let page = [node(1, 1), node(2, 2), node(3, 3), node(2, 4), node(1, 5), node(2, 6)];
        assert_eq!(shape(&nest(&page)), "1(2(3) 4) 5(6)");
        // A later page starts deep: its first people are branches of their own.
        let later = [node(3, 7), node(3, 8), node(2, 9), node(3, 10), node(1, 11)];
        assert_eq!(shape(&nest(&later)), "7 8 9(10) 11");
        assert!(nest(&[]).is_empty());
    }
}
