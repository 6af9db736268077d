//! The overview's statistics drawn as SVG on the server (no script, nothing fetched): requests
//! met, unmet and still open by week, by topic and by place — the series `/stats` sends —
//! and how helpers answered the asks matching sent them. Each chart has a title for screen
//! readers and its figures in a table under it.

use entraide_core::catalog::Arg;
use entraide_core::model::Lang;
use entraide_core::service::StatsView;
use entraide_core::stats::Tally;
use maud::{Markup, html};

use super::pages::{scrolling, text, text_with};

/// Colours of met, unmet and open requests: told apart by people who do not see red from
/// green too (dark green, dark red, mid grey), each at least 3:1 on white.
const MET: &str = "#1e6b34";
const UNMET: &str = "#a4262c";
const OPEN: &str = "#767676";
const INK: &str = "#1b1b1b";

/// Periods the overview offers, in days.
pub const PERIODS: [u32; 4] = [7, 30, 90, 365];

/// The periods the menu offers: the usual ones, and the one asked in the address when it is
/// another, in order.
fn periods(asked: u32) -> Vec<u32> {
    let mut periods = PERIODS.to_vec();
    if !periods.contains(&asked) {
        periods.push(asked);
        periods.sort_unstable();
    }
    periods
}

/// The three parts of a tally, with their colours and catalog ids, bottom (or left) first.
fn parts(tally: &Tally) -> [(u64, &'static str, &'static str); 3] {
    [(tally.met, MET, "web-stats-met"), (tally.unmet, UNMET, "web-stats-unmet"), (tally.open, OPEN, "web-stats-open")]
}

/// The legend shared by the charts.
fn legend(lang: Lang) -> Markup {
    html! {
        ul.legend {
            @for (_, colour, id) in parts(&Tally::default()) {
                li {
                    svg width="14" height="14" aria-hidden="true" focusable="false" { rect width="14" height="14" fill=(colour) {} }
                    " " (text(lang, id))
                }
            }
        }
    }
}

/// A rectangle of a chart: x, y, width, height and colour.
type Bar = (u64, u64, u64, u64, &'static str);

/// Met, unmet and open requests per week, oldest first, as stacked columns.
fn weekly(lang: Lang, weeks: &[Tally], id: &str) -> Markup {
    const WIDTH: u64 = 640;
    const HEIGHT: u64 = 220;
    const LEFT: u64 = 40;
    const BOTTOM: u64 = 24;
    let top = weeks.iter().map(Tally::total).max().unwrap_or(0).max(1);
    let plot = HEIGHT - BOTTOM - 8;
    // (Up to 600 weeks fit; `stats::compute` gives 520 at most.)
    let step = ((WIDTH - LEFT) / (weeks.len() as u64).max(1)).max(1);
    let width = (step * 7 / 10).max(1);
    let mut bars: Vec<Bar> = Vec::new();
    for (index, week) in weeks.iter().enumerate() {
        let x = LEFT + index as u64 * step + step.saturating_sub(width) / 2;
        let mut base = HEIGHT - BOTTOM;
        for (count, colour, _) in parts(week).into_iter().filter(|(count, _, _)| *count > 0) {
            let height = (count * plot / top).max(1);
            base -= height;
            bars.push((x, base, width, height, colour));
        }
    }
    html! {
        svg.chart viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-labelledby=(id) {
            title id=(id) { (text(lang, "web-stats-weeks")) }
            line x1=(LEFT) y1=(HEIGHT - BOTTOM) x2=(WIDTH) y2=(HEIGHT - BOTTOM) stroke=(INK) {}
            text x=(LEFT - 6) y=(HEIGHT - BOTTOM - plot + 10) text-anchor="end" font-size="12" fill=(INK) { (top) }
            text x=(LEFT - 6) y=(HEIGHT - BOTTOM) text-anchor="end" font-size="12" fill=(INK) { "0" }
            @for (x, y, width, height, colour) in bars {
                rect x=(x) y=(y) width=(width) height=(height) fill=(colour) {}
            }
            text x=(LEFT) y=(HEIGHT - 6) font-size="12" fill=(INK) { (text(lang, "web-stats-oldest")) }
            text x=(WIDTH) y=(HEIGHT - 6) text-anchor="end" font-size="12" fill=(INK) { (text(lang, "web-stats-this-week")) }
        }
    }
}

/// Requests by topic or place, most first, as stacked horizontal bars with their totals.
fn rows(rows: &[(String, Tally)], id: &str, title: &str) -> Markup {
    const WIDTH: u64 = 640;
    const LABEL: u64 = 190;
    const ROW: u64 = 26;
    const ROOM: u64 = 50;
    let top = rows.iter().map(|(_, t)| t.total()).max().unwrap_or(0).max(1);
    let span = WIDTH - LABEL - ROOM;
    let height = ROW * rows.len() as u64 + 4;
    // Each row: its name (cut short), its bars, and where its total goes.
    let mut drawn: Vec<(u64, String, Vec<Bar>, u64, u64)> = Vec::new();
    for (index, (name, tally)) in rows.iter().enumerate() {
        let y = index as u64 * ROW + 4;
        let mut x = LABEL;
        let mut bars = Vec::new();
        for (count, colour, _) in parts(tally).into_iter().filter(|(count, _, _)| *count > 0) {
            let width = (count * span / top).max(1);
            bars.push((x, y, width, ROW - 8, colour));
            x += width;
        }
        drawn.push((y, name.chars().take(28).collect(), bars, x, tally.total()));
    }
    html! {
        svg.chart viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-labelledby=(id) {
            title id=(id) { (title) }
            @for (y, name, bars, end, total) in drawn {
                text x=(LABEL - 8) y=(y + 15) text-anchor="end" font-size="13" fill=(INK) { (name) }
                @for (x, y, width, height, colour) in bars {
                    rect x=(x) y=(y) width=(width) height=(height) fill=(colour) {}
                }
                text x=(end + 6) y=(y + 15) font-size="13" fill=(INK) { (total) }
            }
        }
    }
}

/// The figures of a chart, in a table that folds.
fn figures(lang: Lang, first: &str, rows: &[(String, Tally)]) -> Markup {
    html! {
        details {
            summary { (text(lang, "web-stats-figures")) }
            (scrolling(lang, html! { table {
                thead { tr {
                    th scope="col" { (first) }
                    @for (_, _, id) in parts(&Tally::default()) { th scope="col" { (text(lang, id)) } }
                } }
                tbody {
                    @for (name, tally) in rows {
                        tr { th scope="row" { (name) } td { (tally.met) } td { (tally.unmet) } td { (tally.open) } }
                    }
                }
            } }))
        }
    }
}

/// The overview's statistics section: the period chosen, the charts, and the answers.
pub fn section(lang: Lang, view: &StatsView) -> Markup {
    let stats = &view.stats;
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let weeks: Vec<(String, Tally)> = (stats.weeks.iter().enumerate())
        .map(|(index, t)| {
            (
                text_with(
                    lang,
                    "web-stats-week-ago",
                    &[("weeks", count((stats.weeks.len() - 1 - index) as u64).into())],
                ),
                *t,
            )
        })
        .collect();
    let answers = &stats.answers;
    let answer_figures: [(&str, u64); 6] = [
        ("web-stats-asked", answers.asked),
        ("web-stats-accepted", answers.accepted),
        ("web-stats-not-now", answers.not_now),
        ("web-stats-not-mine", answers.not_mine),
        ("web-stats-unanswered", answers.unanswered),
        ("web-stats-waiting", answers.waiting),
    ];
    let days: [Arg<'_>; 1] = [("days", i64::from(view.days).into())];
    html! {
        section aria-labelledby="stats" {
            h3 id="stats" { (text_with(lang, "web-stats-title", &days)) }
            form.filters method="get" action="/" {
                div.field {
                    label for="jours" { (text(lang, "web-stats-period")) }
                    select id="jours" name="jours" {
                        @for period in periods(view.days) {
                            option value=(period) selected[period == view.days] {
                                (text_with(lang, "web-stats-days", &[("days", i64::from(period).into())]))
                            }
                        }
                    }
                }
                button type="submit" { (text(lang, "web-stats-show")) }
            }
            @if stats.all.total() == 0 {
                p { (text(lang, "web-stats-none")) }
            } @else {
                p { (text_with(lang, "web-stats-all", &[
                    ("total", count(stats.all.total()).into()),
                    ("met", count(stats.all.met).into()),
                    ("unmet", count(stats.all.unmet).into()),
                    ("open", count(stats.all.open).into()),
                ])) }
                (legend(lang))
                h4 { (text(lang, "web-stats-weeks")) }
                (weekly(lang, &stats.weeks, "chart-weeks"))
                (figures(lang, &text(lang, "web-stats-week"), &weeks))
                @for (rows_of, id, title, first) in [
                    (&view.by_topic, "chart-topics", "web-stats-topics", "web-stats-topic"),
                    (&view.by_area, "chart-areas", "web-stats-areas", "web-stats-area"),
                ] {
                    @if !rows_of.is_empty() {
                        h4 { (text(lang, title)) }
                        (rows(rows_of, id, &text(lang, title)))
                        (figures(lang, &text(lang, first), rows_of))
                    }
                }
            }
            h4 { (text(lang, "web-stats-answers")) }
            @if answers.asked == 0 {
                p { (text(lang, "web-stats-answers-none")) }
            } @else {
                dl.figures {
                    @for (id, value) in answer_figures {
                        div { dt { (text(lang, id)) } dd { (value) } }
                    }
                    @if let Some(percent) = answers.precision() {
                        div { dt { (text(lang, "web-stats-precision")) } dd { (percent) " %" } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_tall_as_their_counts_and_names_are_text() {
        let weeks = [Tally { met: 4, unmet: 0, open: 0 }, Tally { met: 1, unmet: 1, open: 0 }, Tally::default()];
        let svg = weekly(Lang::Fr, &weeks, "w").into_string();
        // The tallest week fills the plot (188 px); the others in proportion.
        assert!(svg.contains("height=\"188\" fill=\"#1e6b34\""), "{svg}");
        assert!(
            svg.contains("height=\"47\" fill=\"#1e6b34\"") && svg.contains("height=\"47\" fill=\"#a4262c\""),
            "{svg}"
        );
        assert_eq!(svg.matches("<rect").count(), 3, "nothing drawn for an empty week: {svg}");
        let named = [("<b>Lyon</b>".to_owned(), Tally { met: 2, unmet: 0, open: 2 })];
        let svg = rows(&named, "r", "t").into_string();
        assert!(svg.contains("&lt;b&gt;Lyon&lt;/b&gt;") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("width=\"200\" height=\"18\" fill=\"#1e6b34\""), "half of 400 px: {svg}");
    }
}
