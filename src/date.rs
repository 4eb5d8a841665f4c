//! Calendar dates as the policy uses them: effective dates and the build date.
//!
//! Dates are plain `YYYY-MM-DD` days with no time zone; a policy takes effect on
//! a day. Impossible days (2023-02-30) are rejected, not rolled over.

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
    /// pass `--date` instead.
    pub fn today() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch((seconds / 86_400) as i64)
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
    fn dates_order_by_day() {
        let a = EffectiveDate::parse("2023-09-15").unwrap();
        let b = EffectiveDate::parse("2024-01-01").unwrap();
        assert!(a < b);
    }
}
