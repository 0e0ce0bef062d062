//! Dates and date-times as the content gives them: a TOML date, or a date
//! with a time and a UTC offset.

use std::cmp::Ordering;
use std::fmt;

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
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
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
        match self.time {
            None => self.date.to_string(),
            Some(t) => {
                let sign = if t.offset_minutes < 0 { '-' } else { '+' };
                let off = t.offset_minutes.unsigned_abs();
                if off == 0 {
                    format!("{}T{:02}:{:02}:{:02}Z", self.date, t.hour, t.minute, t.second)
                } else {
                    format!(
                        "{}T{:02}:{:02}:{:02}{}{:02}:{:02}",
                        self.date,
                        t.hour,
                        t.minute,
                        t.second,
                        sign,
                        off / 60,
                        off % 60
                    )
                }
            }
        }
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
    fn leap_days() {
        assert!(d(2024, 2, 29).is_valid());
        assert!(!d(2023, 2, 29).is_valid());
        assert_eq!(d(2024, 2, 29).one_year_earlier(), d(2023, 2, 28));
    }
}
