//! Reading the export's dates and times into moments in the site's time
//! zone. A time with an explicit offset (`2023-04-03T06:15:00Z`,
//! `…+0200`) is converted; a time without one is taken as local time in
//! the zone (what an incident-management system shows its users); a date
//! alone is the start of that day.
//!
//! ISO 8601 forms are read by hand (a 100 000-row export has 200 000 of
//! them); anything else needs `date_format` in `[import]`.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

/// The moment `text` names, in `tz`; `format` (strftime codes) is tried
/// first when given. `None` when it is not a date insyn can read.
pub fn parse(text: &str, format: Option<&str>, tz: &TimeZone) -> Option<ZonedDateTime> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(format) = format
        && let Some(z) = with_format(text, format, tz)
    {
        return Some(z);
    }
    let (dt, offset) = iso(text)?;
    match offset {
        Some(seconds) => {
            let instant = Offset::from_seconds(seconds).ok()?.to_timestamp(dt).ok()?;
            Some(instant.to_zoned_datetime(tz.clone()))
        }
        None => dt.to_zoned_datetime(tz.clone()).ok(),
    }
}

/// A moment as the content format writes it: `2023-04-03T08:15:00+02:00`.
pub fn content_text(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn with_format(text: &str, format: &str, tz: &TimeZone) -> Option<ZonedDateTime> {
    let tm = jiff::fmt::strtime::parse(format, text).ok()?;
    if let Some(offset) = tm.offset() {
        let instant: Timestamp = offset.to_timestamp(tm.to_datetime().ok()?).ok()?;
        return Some(instant.to_zoned_datetime(tz.clone()));
    }
    let dt = match tm.to_datetime() {
        Ok(dt) => dt,
        Err(_) => tm.to_date().ok()?.to_datetime(jiff::civil::Time::midnight()),
    };
    dt.to_zoned_datetime(tz.clone()).ok()
}

/// `YYYY-MM-DD`, optionally followed by `T` or a space and
/// `HH:MM[:SS[.fraction]]`, optionally followed by `Z`, `±HH:MM`, `±HHMM`,
/// `±HH` or ` UTC`. Returns the civil time and the offset in seconds.
fn iso(text: &str) -> Option<(DateTime, Option<i32>)> {
    let b = text.as_bytes();
    let date = Date::new(
        i16::try_from(digits(b, 0, 4)?).ok()?,
        i8::try_from(digits_after(b, 4, b'-', 2)?).ok()?,
        i8::try_from(digits_after(b, 7, b'-', 2)?).ok()?,
    )
    .ok()?;
    if b.len() == 10 {
        return Some((date.to_datetime(jiff::civil::Time::midnight()), None));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let hour = digits(b, 11, 2)?;
    let minute = digits_after(b, 13, b':', 2)?;
    let mut pos = 16;
    let mut second = 0;
    let mut nanos = 0;
    if b.get(pos) == Some(&b':') {
        second = digits(b, pos + 1, 2)?;
        pos += 3;
        if matches!(b.get(pos), Some(b'.' | b',')) {
            pos += 1;
            let start = pos;
            let mut scale = 100_000_000;
            while let Some(d) = b.get(pos).filter(|d| d.is_ascii_digit()) {
                nanos += u32::from(d - b'0') * scale;
                scale /= 10;
                pos += 1;
            }
            if pos == start {
                return None;
            }
        }
    }
    let time = jiff::civil::Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second.min(59)).ok()?,
        i32::try_from(nanos).ok()?,
    )
    .ok()?;
    let offset = offset(text.get(pos..)?.trim_start())?;
    Some((date.to_datetime(time), offset))
}

/// The offset at the end of a time: `Some(None)` when there is none.
fn offset(rest: &str) -> Option<Option<i32>> {
    match rest {
        "" => return Some(None),
        "Z" | "z" | "UTC" | "GMT" => return Some(Some(0)),
        _ => {}
    }
    let b = rest.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = digits(b, 1, 2)?;
    let minutes = match b.len() {
        3 => 0,
        5 => digits(b, 3, 2)?,
        6 if b[3] == b':' => digits(b, 4, 2)?,
        _ => return None,
    };
    if hours > 18 || minutes > 59 {
        return None;
    }
    Some(Some(sign * i32::try_from(hours * 3600 + minutes * 60).ok()?))
}

/// The number written by the `len` ASCII digits at `at`.
fn digits(b: &[u8], at: usize, len: usize) -> Option<u32> {
    let slice = b.get(at..at + len)?;
    slice.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
}

/// `sep` at `at`, then `len` digits.
fn digits_after(b: &[u8], at: usize, sep: u8, len: usize) -> Option<u32> {
    (b.get(at) == Some(&sep)).then_some(())?;
    digits(b, at + 1, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stockholm(text: &str, format: Option<&str>) -> Option<String> {
        let tz = TimeZone::get("Europe/Stockholm").expect("zone");
        parse(text, format, &tz).map(|z| content_text(&z))
    }

    #[test]
    fn local_times_take_the_zone_offset_of_their_day() {
        assert_eq!(stockholm("2023-04-03 08:15:00", None).as_deref(), Some("2023-04-03T08:15:00+02:00"));
        assert_eq!(stockholm("2023-01-17 08:05", None).as_deref(), Some("2023-01-17T08:05:00+01:00"));
        assert_eq!(stockholm("2023-04-03", None).as_deref(), Some("2023-04-03T00:00:00+02:00"));
        assert_eq!(stockholm("2023-04-03T08:15:00.250", None).as_deref(), Some("2023-04-03T08:15:00+02:00"));
    }

    #[test]
    fn explicit_offsets_are_converted() {
        assert_eq!(stockholm("2023-03-31T22:30:00Z", None).as_deref(), Some("2023-04-01T00:30:00+02:00"));
        assert_eq!(stockholm("2021-03-24T08:15:13.867+0000", None).as_deref(), Some("2021-03-24T09:15:13+01:00"));
        assert_eq!(stockholm("2023-04-03 08:15:00 +02:00", None).as_deref(), Some("2023-04-03T08:15:00+02:00"));
    }

    #[test]
    fn formats_and_failures() {
        let jira = Some("%d/%b/%y %I:%M %p");
        assert_eq!(stockholm("14/Mar/24 9:41 AM", jira).as_deref(), Some("2024-03-14T09:41:00+01:00"));
        assert_eq!(stockholm("03/04/2023 08:15", Some("%d/%m/%Y %H:%M")).as_deref(), Some("2023-04-03T08:15:00+02:00"));
        assert_eq!(stockholm("2023-04-03 08:15", jira).as_deref(), Some("2023-04-03T08:15:00+02:00"));
        for bad in
            ["", "igår", "2023-13-01", "2023-02-30 10:00", "03/04/2023", "2023-04-03 25:00", "2023-04-03 08:15 +25:00"]
        {
            assert_eq!(stockholm(bad, None), None, "{bad}");
        }
    }
}
