//! Dates and date-times as the content gives them: a TOML date, or a date
//! with a time and a UTC offset; and where they fall in the site's time
//! zone (a date without a time begins at midnight there), through `jiff`,
//! so that a deadline across a change of daylight saving time comes out
//! right.

use std::cmp::Ordering;
use std::fmt;

use jiff::tz::TimeZone;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2023.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Date {
    /// Days since 1970-01-01 (negative before), for arithmetic and ordering.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's
    /// civil_from_days; the inverse of [`Date::days_since_epoch`]).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(1970),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Today's date in UTC, from the clock (only `insyn new` asks: nothing
    /// that is built depends on the clock).
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The same day one year earlier (29 February becomes 28 February).
    pub fn one_year_earlier(self) -> Date {
        let year = self.year - 1;
        let day = if self.month == 2 && self.day == 29 { 28 } else { self.day };
        Date { year, month: self.month, day }
    }

    /// Whether the date exists in the calendar.
    pub fn is_valid(self) -> bool {
        (1..=12).contains(&self.month) && self.day >= 1 && self.day <= days_in_month(self.year, self.month)
    }
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.iso_bytes() {
            Some(b) => f.write_str(std::str::from_utf8(&b).map_err(|_| fmt::Error)?),
            None => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl Date {
    /// `YYYY-MM-DD` as bytes, for the years TOML can write (0–9999);
    /// exports write a date per record, and this is much quicker than
    /// formatting with padding.
    fn iso_bytes(self) -> Option<[u8; 10]> {
        let year = u16::try_from(self.year).ok().filter(|y| *y <= 9999)?;
        let mut b = *b"0000-00-00";
        digits(&mut b[0..4], year);
        digits(&mut b[5..7], u16::from(self.month));
        digits(&mut b[8..10], u16::from(self.day));
        Some(b)
    }
}

/// Writes `value` into `out` as decimal digits, zero-padded to its length
/// (higher digits than fit are dropped: callers pass values that fit).
fn digits(out: &mut [u8], mut value: u16) {
    for slot in out.iter_mut().rev() {
        // `value % 10` is below 10, so the cast cannot truncate.
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// A time of day with its UTC offset, as in `10:30:00+01:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// Hour 0–23.
    pub hour: u8,
    /// Minute 0–59.
    pub minute: u8,
    /// Second 0–60.
    pub second: u8,
    /// Offset from UTC in minutes (`+01:00` is 60, `Z` is 0).
    pub offset_minutes: i16,
}

impl TimeOfDay {
    /// Hours and minutes as a clock shows them: `08:10`.
    pub fn clock(&self) -> String {
        let mut b = *b"00:00";
        digits(&mut b[0..2], u16::from(self.hour));
        digits(&mut b[3..5], u16::from(self.minute));
        String::from_utf8_lossy(&b).into_owned()
    }
}

/// When something happened: a date, or a date with a time and offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Moment {
    /// The date as written.
    pub date: Date,
    /// The time as written, when the content gives one.
    pub time: Option<TimeOfDay>,
}

impl Moment {
    /// Seconds since the epoch in UTC; a plain date counts as its start in UTC.
    pub fn epoch_seconds(&self) -> i64 {
        let day = self.date.days_since_epoch() * 86_400;
        match self.time {
            Some(t) => {
                day + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
                    - i64::from(t.offset_minutes) * 60
            }
            None => day,
        }
    }

    /// Compares two moments the way a reader would: to the second when both
    /// have times, otherwise by the date as written.
    pub fn compare(&self, other: &Moment) -> Ordering {
        match (self.time, other.time) {
            (Some(_), Some(_)) => self.epoch_seconds().cmp(&other.epoch_seconds()),
            _ => self.date.cmp(&other.date),
        }
    }

    /// The RFC 3339 form: `2023-02-14` or `2023-02-14T10:30:00+01:00`.
    pub fn rfc3339(&self) -> String {
        let mut out = String::with_capacity(25);
        self.write_rfc3339(&mut out);
        out
    }

    /// The RFC 3339 date-time feeds and sitemaps want: a date alone
    /// becomes midnight UTC.
    pub fn date_time(&self) -> String {
        match self.time {
            Some(_) => self.rfc3339(),
            None => {
                let mut t = String::with_capacity(20);
                self.write_rfc3339(&mut t);
                t.push_str("T00:00:00Z");
                t
            }
        }
    }

    /// Appends the RFC 3339 form to `out`.
    pub fn write_rfc3339(&self, out: &mut String) {
        use fmt::Write as _;
        match self.date.iso_bytes() {
            Some(b) => out.push_str(std::str::from_utf8(&b).unwrap_or_default()),
            None => {
                let _ = write!(out, "{}", self.date);
            }
        }
        let Some(t) = self.time else { return };
        let mut b = *b"T00:00:00+00:00";
        digits(&mut b[1..3], u16::from(t.hour));
        digits(&mut b[4..6], u16::from(t.minute));
        digits(&mut b[7..9], u16::from(t.second));
        let off = t.offset_minutes.unsigned_abs();
        let len = if off == 0 {
            b[9] = b'Z';
            10
        } else {
            if t.offset_minutes < 0 {
                b[9] = b'-';
            }
            digits(&mut b[10..12], off / 60);
            digits(&mut b[13..15], off % 60);
            15
        };
        out.push_str(std::str::from_utf8(&b[..len]).unwrap_or_default());
    }
}

/// An instant: seconds since 1970-01-01T00:00:00Z.
pub type Seconds = i64;

impl Date {
    /// The instant this day begins in `tz` (midnight, or the first moment
    /// of the day where a change of daylight saving time skips midnight).
    pub fn start_in(self, tz: &TimeZone) -> Seconds {
        self.jiff()
            .and_then(|d| d.to_zoned_datetime(tz.clone()).ok())
            .map_or_else(|| self.days_since_epoch() * 86_400, |z| z.timestamp().as_second())
    }

    /// The day the instant `at` falls on in `tz`.
    pub fn of_instant(at: Seconds, tz: &TimeZone) -> Date {
        match jiff::Timestamp::from_second(at) {
            Ok(t) => Date::from_jiff(t.to_zoned_datetime(tz.clone()).date()),
            Err(_) => Date::from_days_since_epoch(at.div_euclid(86_400)),
        }
    }

    fn jiff(self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(
            i16::try_from(self.year).ok()?,
            i8::try_from(self.month).ok()?,
            i8::try_from(self.day).ok()?,
        )
        .ok()
    }

    fn from_jiff(d: jiff::civil::Date) -> Date {
        Date { year: i32::from(d.year()), month: d.month().unsigned_abs(), day: d.day().unsigned_abs() }
    }
}

impl Moment {
    /// The instant it names: the time as written, with its offset; a date
    /// alone is the start of that day in `tz`.
    pub fn start_in(&self, tz: &TimeZone) -> Seconds {
        match self.time {
            Some(_) => self.epoch_seconds(),
            None => self.date.start_in(tz),
        }
    }

    /// The latest instant it may name: a date alone is the last second of
    /// that day in `tz` (a report dated only by its day may have been made
    /// at any time of it).
    pub fn end_in(&self, tz: &TimeZone) -> Seconds {
        match self.time {
            Some(_) => self.epoch_seconds(),
            None => {
                let next = Date::from_days_since_epoch(self.date.days_since_epoch() + 1);
                next.start_in(tz) - 1
            }
        }
    }

    /// The day it falls on in `tz` (a date alone is that date).
    pub fn day_in(&self, tz: &TimeZone) -> Date {
        match self.time {
            Some(_) => Date::of_instant(self.epoch_seconds(), tz),
            None => self.date,
        }
    }
}

impl Moment {
    /// The instant `at` as a date-time in `tz`, with the offset in effect
    /// there then (`2023-02-17T10:00:00+01:00`).
    pub fn instant_in(at: Seconds, tz: &TimeZone) -> Moment {
        let (date, time) = local(at, tz);
        Moment { date, time: Some(time) }
    }
}

/// An instant as readers see it in `tz`: its day and its time of day
/// (`14 februari 2023` and `10:00`).
pub fn local(at: Seconds, tz: &TimeZone) -> (Date, TimeOfDay) {
    match jiff::Timestamp::from_second(at) {
        Ok(t) => {
            let z = t.to_zoned_datetime(tz.clone());
            let offset_minutes = i16::try_from(z.offset().seconds() / 60).unwrap_or(0);
            let time = TimeOfDay {
                hour: z.hour().unsigned_abs(),
                minute: z.minute().unsigned_abs(),
                second: z.second().unsigned_abs(),
                offset_minutes,
            };
            (Date::from_jiff(z.date()), time)
        }
        Err(_) => (
            Date::from_days_since_epoch(at.div_euclid(86_400)),
            TimeOfDay { hour: 0, minute: 0, second: 0, offset_minutes: 0 },
        ),
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn days_since_epoch_matches_known_dates() {
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(d(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(d(2023, 2, 14).days_since_epoch(), 19_402);
    }

    #[test]
    fn datetimes_compare_across_offsets() {
        let a = Moment {
            date: d(2023, 2, 14),
            time: Some(TimeOfDay { hour: 10, minute: 0, second: 0, offset_minutes: 60 }),
        };
        let b = Moment {
            date: d(2023, 2, 14),
            time: Some(TimeOfDay { hour: 9, minute: 30, second: 0, offset_minutes: 0 }),
        };
        assert_eq!(a.compare(&b), Ordering::Less);
        assert_eq!(a.rfc3339(), "2023-02-14T10:00:00+01:00");
        assert_eq!(b.rfc3339(), "2023-02-14T09:30:00Z");
    }

    #[test]
    fn rfc3339_pads_every_part() {
        let at = |date, hour, minute, second, offset_minutes| Moment {
            date,
            time: Some(TimeOfDay { hour, minute, second, offset_minutes }),
        };
        assert_eq!(at(d(987, 1, 2), 3, 4, 5, -330).rfc3339(), "0987-01-02T03:04:05-05:30");
        assert_eq!(at(d(2026, 12, 31), 23, 59, 60, 840).rfc3339(), "2026-12-31T23:59:60+14:00");
        assert_eq!(Moment { date: d(2023, 2, 4), time: None }.rfc3339(), "2023-02-04");
        assert_eq!(TimeOfDay { hour: 8, minute: 5, second: 0, offset_minutes: 60 }.clock(), "08:05");
        assert_eq!(Moment { date: d(2023, 2, 4), time: None }.to_string(), "2023-02-04");
        assert_eq!(d(5, 6, 7).to_string(), "0005-06-07");
        // Outside TOML's years the general formatting is used.
        assert_eq!(d(12345, 6, 7).to_string(), "12345-06-07");
        assert_eq!(d(-44, 3, 15).to_string(), "-044-03-15");
    }

    #[test]
    fn days_since_epoch_round_trips() {
        assert_eq!(Date::from_days_since_epoch(0), d(1970, 1, 1));
        assert_eq!(Date::from_days_since_epoch(19_402), d(2023, 2, 14));
        let leap = d(2024, 2, 29);
        assert_eq!(Date::from_days_since_epoch(leap.days_since_epoch()), leap);
    }

    #[test]
    fn dates_alone_are_midnight_utc() {
        assert_eq!(Moment { date: d(2023, 2, 3), time: None }.date_time(), "2023-02-03T00:00:00Z");
    }

    #[test]
    fn dates_start_at_midnight_in_the_site_zone_across_daylight_saving() {
        let tz = TimeZone::get("Europe/Stockholm").expect("the zone");
        // Winter: UTC+1.
        assert_eq!(
            d(2023, 2, 14).start_in(&tz),
            Moment {
                date: d(2023, 2, 13),
                time: Some(TimeOfDay { hour: 23, minute: 0, second: 0, offset_minutes: 0 })
            }
            .epoch_seconds()
        );
        // 29 October 2023 has 25 hours in Stockholm: 72 hours after its
        // midnight is 23:00 on 31 October, not midnight.
        let start = d(2023, 10, 29).start_in(&tz);
        let (day, time) = local(start + 72 * 3600, &tz);
        assert_eq!((day, time.hour, time.minute), (d(2023, 10, 31), 23, 0));
        let end = Moment { date: d(2023, 10, 29), time: None }.end_in(&tz);
        assert_eq!(end - start, 25 * 3600 - 1);
        assert_eq!(
            Moment {
                date: d(2023, 3, 31),
                time: Some(TimeOfDay { hour: 23, minute: 30, second: 0, offset_minutes: 0 })
            }
            .day_in(&tz),
            d(2023, 4, 1)
        );
    }

    #[test]
    fn leap_days() {
        assert!(d(2024, 2, 29).is_valid());
        assert!(!d(2023, 2, 29).is_valid());
        assert_eq!(d(2024, 2, 29).one_year_earlier(), d(2023, 2, 28));
    }
}
