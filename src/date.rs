//! Calendar dates as the policy uses them: effective dates and the build date.
//!
//! Dates are plain `YYYY-MM-DD` days; a policy takes effect on a day of the
//! site's legal time zone ([`LegalTimeZone`]), which also decides which day
//! "today" is. Impossible days (2023-02-30) are rejected, not rolled over.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar day, such as the day a version of a policy takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EffectiveDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a valid date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Format(String),
    /// The form is right but the day does not exist.
    #[error("`{0}` is not a day of the calendar")]
    NoSuchDay(String),
}

impl EffectiveDate {
    /// 1970-01-01: stands in for a date that could not be read, so that the
    /// rest of a document is still checked (its date's error stops the build).
    pub const EPOCH: EffectiveDate = EffectiveDate {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Parses `YYYY-MM-DD`, rejecting days that do not exist.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let format_error = || DateError::Format(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(format_error());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &text[range];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format_error());
            }
            part.parse().map_err(|_| format_error())
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        if year == 0 || !(1..=12).contains(&month) || day == 0 {
            return Err(DateError::NoSuchDay(text.to_owned()));
        }
        let (month, day) = (month as u8, day as u8);
        if day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay(text.to_owned()));
        }
        Ok(EffectiveDate { year, month, day })
    }

    /// Today in UTC, from the system clock. Builds that must be reproducible
    /// pass `--date` instead; sites name their own zone ([`LegalTimeZone::today`]).
    pub fn today_utc() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// The day after.
    pub fn next_day(&self) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + 1)
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        EffectiveDate { year, month, day }
    }

    /// The day before, e.g. the last day a version was in force before the next took effect.
    pub fn previous_day(&self) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() - 1)
    }

    /// Days since 1970-01-01 (the inverse of `from_days_since_epoch`).
    fn days_since_epoch(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u8 {
        self.day
    }
}

impl fmt::Display for EffectiveDate {
    /// ISO 8601: `2026-04-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The time zone in which the site's dates are legal days (`time_zone:` in
/// `content/site.yaml`, e.g. `Asia/Tokyo`): a version effective on January 1
/// takes effect at midnight there, not at midnight UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct LegalTimeZone {
    name: String,
    zone: jiff::tz::TimeZone,
}

impl LegalTimeZone {
    /// Coordinated Universal Time, for sites that name no zone.
    pub fn utc() -> Self {
        LegalTimeZone {
            name: "UTC".to_owned(),
            zone: jiff::tz::TimeZone::UTC,
        }
    }

    /// The zone with this IANA name (`Asia/Tokyo`, `Asia/Seoul`, `UTC`), from
    /// the time zone database built into charta, so that every machine agrees.
    pub fn named(name: &str) -> Option<Self> {
        if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let zone = jiff::tz::db().get(name).ok()?;
        Some(LegalTimeZone {
            name: name.to_owned(),
            zone,
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The day it is now in this zone.
    pub fn today(&self) -> EffectiveDate {
        self.day_at(jiff::Timestamp::now())
    }

    /// The day in this zone at an instant.
    fn day_at(&self, instant: jiff::Timestamp) -> EffectiveDate {
        let date = instant.to_zoned_datetime(self.zone.clone()).date();
        EffectiveDate {
            year: date.year().clamp(1, 9999) as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }
    }

    /// The instant at which `day` begins in this zone, as seconds since the
    /// Unix epoch (what a scheduler needs to switch the site over on time).
    pub fn start_of(&self, day: EffectiveDate) -> Option<i64> {
        let date = jiff::civil::Date::new(day.year as i16, day.month as i8, day.day as i8).ok()?;
        let zoned = date.to_zoned_datetime(self.zone.clone()).ok()?;
        Some(zoned.timestamp().as_second())
    }
}

impl LegalTimeZone {
    /// The first instant of `day` in this zone as an RFC 3339 time with the
    /// zone's offset (`2027-01-01T00:00:00+09:00`), for feeds.
    pub fn start_of_rfc3339(&self, day: EffectiveDate) -> String {
        let offset = self
            .start_of(day)
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map_or(0, |t| self.zone.to_offset(t).seconds());
        let sign = if offset < 0 { '-' } else { '+' };
        let minutes = offset.unsigned_abs() / 60;
        format!(
            "{day}T00:00:00{sign}{:02}:{:02}",
            minutes / 60,
            minutes % 60
        )
    }
}

/// When a scheduled job should run each day so that it runs on the right
/// day in a zone: a cron line in UTC and its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyRun {
    /// `M H * * *`, in UTC (GitHub Actions' schedules are in UTC).
    pub cron: String,
    /// "00:05 in Asia/Tokyo", or with the summer time shift.
    pub local: String,
}

impl LegalTimeZone {
    /// A daily run five minutes after local midnight, in UTC. A zone with
    /// summer time has two UTC times for its midnight; the later one is
    /// taken, so that the run is never on the evening before (an hour late
    /// in summer, but on the right day).
    pub fn daily_run(&self) -> DailyRun {
        // Mid-January and mid-July stand for the two halves of the year.
        let offsets: Vec<i64> = [1_768_435_200, 1_784_073_600]
            .into_iter()
            .filter_map(|s| jiff::Timestamp::from_second(s).ok())
            .map(|t| i64::from(self.zone.to_offset(t).seconds()) / 60)
            .collect();
        const DAY: i64 = 24 * 60;
        // Minutes after 00:00 UTC of local 00:05, for each offset.
        let candidates: Vec<i64> = offsets.iter().map(|o| (5 - o).rem_euclid(DAY)).collect();
        let lands = |utc: i64| {
            offsets
                .iter()
                .all(|o| (utc + o).rem_euclid(DAY) < 3 * 60 && (utc + o).rem_euclid(DAY) >= 5)
        };
        let utc = candidates
            .iter()
            .copied()
            .find(|c| lands(*c))
            .unwrap_or(candidates.first().copied().unwrap_or(5));
        let locals: std::collections::BTreeSet<i64> =
            offsets.iter().map(|o| (utc + o).rem_euclid(DAY)).collect();
        let local = locals
            .iter()
            .map(|m| format!("{:02}:{:02}", m / 60, m % 60))
            .collect::<Vec<_>>()
            .join(" or ");
        DailyRun {
            cron: format!("{} {} * * *", utc % 60, utc / 60),
            local: format!("{local} in {}", self.name),
        }
    }
}

/// The day that stands for today: fixed by `--date` (reproducible builds),
/// or read from the clock in the site's legal time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Today {
    /// Now, in the site's legal time zone.
    #[default]
    Clock,
    /// This day, whatever the clock says.
    Fixed(EffectiveDate),
}

impl Today {
    /// From an optional `--date`.
    pub fn from_option(date: Option<EffectiveDate>) -> Self {
        date.map_or(Today::Clock, Today::Fixed)
    }

    /// The day, in `zone` when read from the clock.
    pub fn resolve(self, zone: &LegalTimeZone) -> EffectiveDate {
        match self {
            Today::Fixed(day) => day,
            Today::Clock => zone.today(),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_daily_run_lands_just_after_local_midnight() {
        let run = |zone: &str| super::LegalTimeZone::named(zone).unwrap().daily_run();
        let tokyo = run("Asia/Tokyo");
        assert_eq!(tokyo.cron, "5 15 * * *");
        assert_eq!(tokyo.local, "00:05 in Asia/Tokyo");
        assert_eq!(run("UTC").cron, "5 0 * * *");
        // Summer time: the later UTC time, never the evening before.
        let berlin = run("Europe/Berlin");
        assert_eq!(berlin.cron, "5 23 * * *");
        assert_eq!(berlin.local, "00:05 or 01:05 in Europe/Berlin");
        assert_eq!(run("America/New_York").cron, "5 5 * * *");
        assert_eq!(run("Asia/Kolkata").cron, "35 18 * * *");
    }

    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let d = EffectiveDate::parse("2023-09-15").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2023, 9, 15));
        assert_eq!(d.to_string(), "2023-09-15");
    }

    #[test]
    fn rejects_impossible_days_and_bad_forms() {
        for bad in [
            "2023-02-29",
            "2023-02-30",
            "2023-13-01",
            "2023-00-10",
            "2023-04-31",
        ] {
            assert!(
                matches!(EffectiveDate::parse(bad), Err(DateError::NoSuchDay(_))),
                "{bad}"
            );
        }
        for bad in [
            "2023-9-15",
            "15.09.2023",
            "2023-09-15x",
            "२०२३-09-15",
            "+023-09-15",
        ] {
            assert!(
                matches!(EffectiveDate::parse(bad), Err(DateError::Format(_))),
                "{bad}"
            );
        }
        assert!(EffectiveDate::parse("2024-02-29").is_ok());
        assert!(EffectiveDate::parse("2000-02-29").is_ok());
        assert!(EffectiveDate::parse("1900-02-29").is_err());
    }

    #[test]
    fn day_counts_map_to_the_calendar() {
        assert_eq!(
            EffectiveDate::from_days_since_epoch(0).to_string(),
            "1970-01-01"
        );
        assert_eq!(
            EffectiveDate::from_days_since_epoch(19_615).to_string(),
            "2023-09-15"
        );
        assert_eq!(
            EffectiveDate::from_days_since_epoch(20_513).to_string(),
            "2026-03-01"
        );
    }

    #[test]
    fn previous_day_crosses_months_years_and_leap_days() {
        let prev = |s: &str| EffectiveDate::parse(s).unwrap().previous_day().to_string();
        assert_eq!(prev("2026-04-01"), "2026-03-31");
        assert_eq!(prev("2024-03-01"), "2024-02-29");
        assert_eq!(prev("2025-01-01"), "2024-12-31");
        for days in [0, 1, 19_615, 20_513, 40_000] {
            assert_eq!(
                EffectiveDate::from_days_since_epoch(days).days_since_epoch(),
                days
            );
        }
    }

    #[test]
    fn today_follows_the_legal_time_zone() {
        let tokyo = LegalTimeZone::named("Asia/Tokyo").unwrap();
        let seoul = LegalTimeZone::named("Asia/Seoul").unwrap();
        // 2026-12-31T15:30Z is already 2027-01-01 00:30 in Tokyo and Seoul.
        let instant: jiff::Timestamp = "2026-12-31T15:30:00Z".parse().unwrap();
        assert_eq!(tokyo.day_at(instant).to_string(), "2027-01-01");
        assert_eq!(seoul.day_at(instant).to_string(), "2027-01-01");
        assert_eq!(
            LegalTimeZone::utc().day_at(instant).to_string(),
            "2026-12-31"
        );
        let new_year = EffectiveDate::parse("2027-01-01").unwrap();
        let start: jiff::Timestamp = "2026-12-31T15:00:00Z".parse().unwrap();
        assert_eq!(tokyo.start_of(new_year), Some(start.as_second()));
        assert_eq!(
            tokyo.start_of_rfc3339(new_year),
            "2027-01-01T00:00:00+09:00"
        );
        assert_eq!(
            LegalTimeZone::utc().start_of_rfc3339(new_year),
            "2027-01-01T00:00:00+00:00"
        );
        let summer = EffectiveDate::parse("2027-07-01").unwrap();
        let berlin = LegalTimeZone::named("Europe/Berlin").unwrap();
        assert_eq!(berlin.start_of_rfc3339(summer), "2027-07-01T00:00:00+02:00");
        assert!(LegalTimeZone::named("Asia/Tokio").is_none());
        assert!(LegalTimeZone::named("Asia/Tokyo\n").is_none());
        assert_eq!(
            Today::Fixed(new_year).resolve(&LegalTimeZone::utc()),
            new_year
        );
    }

    #[test]
    fn dates_order_by_day() {
        let a = EffectiveDate::parse("2023-09-15").unwrap();
        let b = EffectiveDate::parse("2024-01-01").unwrap();
        assert!(a < b);
    }
}
