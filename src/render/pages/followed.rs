//! A recommendation as pages show it: its facts, its status on a given day
//! in words (a signal class only supports the word), and its history.

use serde::Serialize;

use crate::layout::links;
use crate::model::Site;
use crate::model::followed::Followed;
use crate::render::calendar;
use crate::render::markdown;
use crate::render::views::Link;
use crate::theme::Labels;
use crate::time::Date;
use crate::vocab::RecommendationStatus;

/// One recommendation, as of a day.
#[derive(Clone, Serialize)]
pub struct Card {
    /// Its anchor on the follow-up page (`rec-2023-q1-minne`).
    pub anchor: String,
    /// Its place on the follow-up page, from the site root.
    pub link: String,
    /// How the site names it (`2023-q1/minne`).
    pub key: String,
    /// Title.
    pub title: String,
    /// The period it was made in.
    pub period: Link,
    /// When it was made (its period's last day), as readers write it.
    pub made: String,
    /// Its service, when it names one.
    pub service: Option<Link>,
    /// Who is responsible.
    pub owner: Option<String>,
    /// When it is due, as readers write it.
    pub due: Option<String>,
    /// When it is due, ISO 8601.
    pub due_iso: Option<String>,
    /// Its status on the day, as a key (for a class) and in words.
    pub status: &'static str,
    /// The status in words.
    pub status_label: String,
    /// Days past due on the day, in words, when it is overdue then.
    pub overdue: Option<String>,
    /// What to do, as HTML.
    pub text_html: String,
    /// Its updates, oldest first.
    pub history: Vec<Update>,
}

/// One update of a recommendation.
#[derive(Clone, Serialize)]
pub struct Update {
    /// The date as readers write it.
    pub date: String,
    /// ISO 8601.
    pub date_iso: String,
    /// The status it set, in words.
    pub status_label: Option<String>,
    /// The status key.
    pub status: Option<&'static str>,
    /// What happened, as inline HTML.
    pub text_html: String,
}

/// Recommendation `f` as it stood on `day`, with the updates dated up to
/// then (its initial status before it was made), its texts rendered for
/// the page `cx` describes.
pub fn card(site: &Site, l: &Labels<'_>, f: &Followed, day: Date, cx: &markdown::Context<'_>) -> Card {
    let t = l.i18n;
    let w = &t.url;
    let r = site.recommendation(f);
    let period = &site.periods[f.period];
    let status = site.recommendation_status_on(f, day).unwrap_or(f.line.initial);
    let anchor = calendar::anchor(&f.key);
    Card {
        link: [links::link(&w.follow_up_list()), "#".to_string(), anchor.clone()].concat(),
        anchor,
        key: f.key.clone(),
        title: r.title.clone(),
        period: Link { title: period.label.clone(), href: w.period(&period.id) },
        made: t.date(f.made),
        service: f
            .service
            .map(|s| Link { title: site.services[s].name.clone(), href: w.service(&site.services[s].id) }),
        owner: r.owner.clone(),
        due: r.due.as_ref().map(|d| t.date(d.value)),
        due_iso: r.due.as_ref().map(|d| d.value.to_string()),
        status: status.key(),
        status_label: status_label(l, status),
        overdue: site.days_overdue(f, day).map(|days| overdue_text(l, days, r.due.as_ref().map(|d| d.value))),
        text_html: markdown::to_html(&r.text, 3, cx),
        // What was known on the day: a report stays true to its time.
        history: r
            .updates
            .iter()
            .filter(|u| u.date.value <= day)
            .map(|u| Update {
                date: t.date(u.date.value),
                date_iso: u.date.value.to_string(),
                status_label: u.status.as_ref().map(|s| status_label(l, s.value)),
                status: u.status.as_ref().map(|s| s.value.key()),
                text_html: markdown::inline_to_html(&u.text, cx),
            })
            .collect(),
    }
}

/// A recommendation status in words.
pub fn status_label(l: &Labels<'_>, status: RecommendationStatus) -> String {
    l.i18n.get(status.label_key()).to_string()
}

/// "12 dagar efter 15 juni 2023".
pub fn overdue_text(l: &Labels<'_>, days: i64, due: Option<Date>) -> String {
    let due = due.map(|d| l.i18n.date(d)).unwrap_or_default();
    let key = if days == 1 { "since_overdue_days_one" } else { "since_overdue_days" };
    l.i18n.fill(key, &[("n", &l.count(u64::try_from(days).unwrap_or(0))), ("due", &due)])
}
