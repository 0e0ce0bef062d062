//! Linking loaded entities into one [`Site`] with its indexes.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use super::facets::{self, Facets};
use super::followed::Followed;
use super::obligations::{self, Obligation};
use super::timeline::{self, StatusLine};
use crate::content::{Loaded, Page, Period, Record, Service, SiteConfig, Unloaded};
use crate::time::Date;
use crate::vocab::Status;

/// The whole site, linked. Lists are in the order readers see them; indexes
/// hold positions into those lists.
#[derive(Debug)]
pub struct Site {
    /// `site.toml`.
    pub config: SiteConfig,
    /// Services, by area order then name.
    pub services: Vec<Service>,
    /// Periods, by start date, then end date, then id.
    pub periods: Vec<Period>,
    /// Published records, by date then id. Shared, not copied, with the
    /// preview server's cache of loaded files.
    pub records: Vec<Arc<Record>>,
    /// Drafts left out of the site (validated, never published).
    pub drafts: Vec<Arc<Record>>,
    /// Published pages, by weight then title.
    pub pages: Vec<Page>,
    /// Area id → position in `config.areas`.
    pub area_by_id: HashMap<String, usize>,
    /// Service id → position in `services`.
    pub service_by_id: HashMap<String, usize>,
    /// Period id → position in `periods`.
    pub period_by_id: HashMap<String, usize>,
    /// Published record id → position in `records`.
    pub record_by_id: HashMap<String, usize>,
    /// Per service, its area.
    pub service_area: Vec<Option<usize>>,
    /// Per record, its service.
    pub record_service: Vec<Option<usize>>,
    /// Per record, its area (through its service).
    pub record_area: Vec<Option<usize>>,
    /// Per area, its services.
    pub services_by_area: Vec<Vec<usize>>,
    /// Per service, its records (by date).
    pub records_by_service: Vec<Vec<usize>>,
    /// Per area, its records (by date).
    pub records_by_area: Vec<Vec<usize>>,
    /// Per period, the records it reports: those in its folder and every
    /// other record dated within it (periods may overlap).
    pub records_by_period: Vec<Vec<usize>>,
    /// Per record, the periods that report it (the inverse of
    /// `records_by_period`), in period order.
    pub periods_by_record: Vec<Vec<usize>>,
    /// Per record, the records related to it, either way.
    pub related: Vec<Vec<usize>>,
    /// Per period, the period it is compared with.
    pub compare_of: Vec<Option<usize>>,
    /// The period the overview is about.
    pub current_period: Option<usize>,
    /// The last day of the latest period: where the site's knowledge ends
    /// ("as of the latest report").
    pub as_of: Option<Date>,
    /// Per record, the day it began or was found, in the site's time zone.
    pub record_days: Vec<Date>,
    /// Per record, its statuses over time.
    pub record_lines: Vec<StatusLine<Status>>,
    /// Per record, the stages it owed the authorities and how each went.
    pub record_obligations: Vec<Vec<Obligation>>,
    /// Every recommendation of every period, in period order.
    pub followed: Vec<Followed>,
    /// Files that exist but failed to load (references to them are not
    /// reported again).
    pub unloaded: Unloaded,
    /// The records grouped by each facet of the filtered lists.
    pub facets: Facets,
}

/// Sorts records by the written day, then by the instant where both have a
/// time, then by id. The keys are computed once, into one array, rather
/// than in every comparison through each record's pointer (a large site
/// has a hundred thousand records scattered in memory).
fn sort_by_date(records: &mut Vec<Arc<Record>>) {
    let key = |r: &Record| (r.date.value.date, r.date.value.time.map(|_| r.date.value.epoch_seconds()));
    let mut keyed: Vec<_> = std::mem::take(records).into_iter().map(|r| (key(&r), r)).collect();
    keyed.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.id.cmp(&b.id)));
    records.extend(keyed.into_iter().map(|(_, r)| r));
}

impl Site {
    /// Links what was loaded. Broken references are left unlinked here and
    /// reported by validation; `include_drafts` publishes drafts.
    pub fn link(loaded: Loaded, config: SiteConfig, include_drafts: bool) -> Site {
        let area_by_id: HashMap<String, usize> =
            config.areas.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();

        let unloaded = loaded.unloaded;
        let mut services = loaded.services;
        services.sort_by(|a, b| {
            let ka = (area_by_id.get(&a.area.value).copied().unwrap_or(usize::MAX), a.retired, &a.name, &a.id);
            let kb = (area_by_id.get(&b.area.value).copied().unwrap_or(usize::MAX), b.retired, &b.name, &b.id);
            ka.cmp(&kb)
        });
        let service_by_id: HashMap<String, usize> =
            services.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();

        let mut periods = loaded.periods;
        periods.sort_by(|a, b| (a.start.value, a.end.value, &a.id).cmp(&(b.start.value, b.end.value, &b.id)));
        let period_by_id: HashMap<String, usize> = periods.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();

        let (mut records, mut drafts): (Vec<Arc<Record>>, Vec<Arc<Record>>) =
            loaded.records.into_iter().partition(|r| include_drafts || !r.draft);
        // A total order (`Moment::compare` is not one when dates and
        // date-times with different offsets mix, and sorting with it can
        // panic): by the written day, then by the instant where both have a
        // time, then by id.
        sort_by_date(&mut records);
        sort_by_date(&mut drafts);
        let mut record_by_id = HashMap::with_capacity_and_hasher(records.len(), Default::default());
        for (i, r) in records.iter().enumerate() {
            record_by_id.entry(r.id.clone()).or_insert(i);
        }

        let mut pages = loaded.pages;
        pages.retain(|p| include_drafts || !p.draft);
        pages.sort_by(|a, b| (a.weight, &a.title, &a.id).cmp(&(b.weight, &b.title, &b.id)));

        let service_area: Vec<Option<usize>> =
            services.iter().map(|s| area_by_id.get(&s.area.value).copied()).collect();
        let record_service: Vec<Option<usize>> =
            records.iter().map(|r| service_by_id.get(&r.service.value).copied()).collect();
        let record_area: Vec<Option<usize>> = record_service.iter().map(|s| s.and_then(|s| service_area[s])).collect();

        let mut services_by_area = vec![Vec::new(); config.areas.len()];
        for (i, a) in service_area.iter().enumerate() {
            if let Some(a) = a {
                services_by_area[*a].push(i);
            }
        }
        let mut records_by_service = vec![Vec::new(); services.len()];
        let mut records_by_area = vec![Vec::new(); config.areas.len()];
        for i in 0..records.len() {
            if let Some(s) = record_service[i] {
                records_by_service[s].push(i);
            }
            if let Some(a) = record_area[i] {
                records_by_area[a].push(i);
            }
        }

        // Periods are sorted by start: the ones that can contain a day are a
        // prefix, and scanning it backwards can stop once no earlier period
        // ends that late (a running maximum of the ends).
        let mut latest_end = Vec::with_capacity(periods.len());
        for p in &periods {
            let end = latest_end.last().map_or(p.end.value, |&e: &Date| e.max(p.end.value));
            latest_end.push(end);
        }
        let mut records_by_period = vec![Vec::new(); periods.len()];
        let mut periods_by_record = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            let day = r.date.value.date;
            let mut mine: Vec<usize> = Vec::new();
            let mut p = periods.partition_point(|q| q.start.value <= day);
            while p > 0 && latest_end[p - 1] >= day {
                p -= 1;
                if periods[p].end.value >= day {
                    mine.push(p);
                }
            }
            if let Some(&own) = period_by_id.get(&r.period)
                && !mine.contains(&own)
            {
                mine.push(own);
            }
            mine.sort_unstable();
            for &p in &mine {
                records_by_period[p].push(i);
            }
            periods_by_record.push(mine);
        }

        let mut related = vec![Vec::new(); records.len()];
        for (i, r) in records.iter().enumerate() {
            for rel in &r.related {
                if let Some(&j) = record_by_id.get(&rel.value)
                    && j != i
                {
                    related[i].push(j);
                    related[j].push(i);
                }
            }
        }
        for list in &mut related {
            list.sort_unstable();
            list.dedup();
        }

        let compare_of = periods
            .iter()
            .map(|p| match &p.compare_with {
                Some(c) => period_by_id.get(&c.value).copied(),
                None => {
                    let wanted = p.start.value.one_year_earlier();
                    let year_earlier_end = p.end.value.one_year_earlier();
                    let candidates: Vec<usize> =
                        periods.iter().enumerate().filter(|(_, q)| q.start.value == wanted).map(|(i, _)| i).collect();
                    candidates
                        .iter()
                        .copied()
                        .find(|&i| periods[i].end.value == year_earlier_end)
                        .or_else(|| candidates.first().copied())
                }
            })
            .collect();

        let tz = &config.time_zone;
        let as_of = periods.iter().map(|p| p.end.value).max();
        let record_days: Vec<Date> = records.iter().map(|r| r.date.value.day_in(tz)).collect();
        let record_lines: Vec<StatusLine<Status>> = records.iter().map(|r| timeline::of_record(r, tz)).collect();
        let until = obligations::knowledge_ends(as_of, tz);
        let record_obligations =
            records.iter().map(|r| obligations::obligations(r, &config.authorities, tz, until)).collect();
        let followed = periods
            .iter()
            .enumerate()
            .flat_map(|(p, period)| {
                let service_by_id = &service_by_id;
                period.recommendations.iter().enumerate().map(move |(index, r)| Followed {
                    period: p,
                    index,
                    key: match &r.id {
                        Some(id) => format!("{}/{}", period.id, id.value),
                        None => format!("{}/{}", period.id, index + 1),
                    },
                    made: period.end.value,
                    service: r.service.as_ref().and_then(|s| service_by_id.get(&s.value).copied()),
                    line: timeline::of_recommendation(r),
                })
            })
            .collect();

        let current_period = match &config.current_period {
            Some(id) => period_by_id.get(&id.value).copied(),
            None => periods
                .iter()
                .enumerate()
                .max_by(|(_, a), (_, b)| (a.end.value, a.start.value, &a.id).cmp(&(b.end.value, b.start.value, &b.id)))
                .map(|(i, _)| i),
        };

        let mut site = Site {
            config,
            services,
            periods,
            records,
            drafts,
            pages,
            area_by_id,
            service_by_id,
            period_by_id,
            record_by_id,
            service_area,
            record_service,
            record_area,
            services_by_area,
            records_by_service,
            records_by_area,
            records_by_period,
            periods_by_record,
            related,
            compare_of,
            current_period,
            as_of,
            record_days,
            record_lines,
            record_obligations,
            followed,
            unloaded,
            facets: Facets::default(),
        };
        site.facets = Facets::group(&facets::Input {
            records: &site.records,
            services: &site.services,
            record_service: &site.record_service,
            record_area: &site.record_area,
            area_ids: site.config.areas.iter().map(|a| a.id.as_str()).collect(),
            record_days: &site.record_days,
            statuses: (0..site.records.len()).map(|i| site.status_as_of_latest(i)).collect(),
        });
        site
    }

    /// Every record, published and draft, for validation.
    pub fn all_records(&self) -> impl Iterator<Item = &Record> {
        self.records.iter().chain(self.drafts.iter()).map(|r| &**r)
    }
}

impl crate::layout::SiteIds for Site {
    fn period_count(&self) -> usize {
        self.periods.len()
    }
    fn period_id(&self, i: usize) -> &str {
        &self.periods[i].id
    }
    fn area_count(&self) -> usize {
        self.config.areas.len()
    }
    fn area_id(&self, i: usize) -> &str {
        &self.config.areas[i].id
    }
    fn area_record_count(&self, i: usize) -> usize {
        self.records_by_area[i].len()
    }
    fn service_count(&self) -> usize {
        self.services.len()
    }
    fn service_id(&self, i: usize) -> &str {
        &self.services[i].id
    }
    fn record_count(&self) -> usize {
        self.records.len()
    }
    fn record_id(&self, i: usize) -> &str {
        &self.records[i].id
    }
    fn record_aliases(&self, i: usize) -> Vec<&str> {
        self.records[i].aliases.iter().map(|a| a.value.as_str()).collect()
    }
    fn page_count(&self) -> usize {
        self.pages.len()
    }
    fn page_id(&self, i: usize) -> &str {
        &self.pages[i].id
    }
    fn facet_len(&self, facet: crate::layout::Facet) -> usize {
        self.facets.values(facet).len()
    }
    fn facet_value_id(&self, facet: crate::layout::Facet, v: usize) -> &str {
        &self.facets.values(facet)[v].id
    }
    fn facet_record_count(&self, facet: crate::layout::Facet, v: usize) -> usize {
        self.facets.values(facet)[v].records.len()
    }
}
