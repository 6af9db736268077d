//! Dates as members and admins write and read them (`2026-11-24`, `2026-11-24 09:00 UTC`), in
//! UTC and without a time-zone database: Howard Hinnant's civil-calendar algorithms, written
//! once for the chat (`/journal depuis:…`), the spreadsheet import and every message.

use crate::model::Timestamp;

/// `2026-11-24 09:00 UTC`.
pub fn format_time(at: Timestamp) -> String {
    let (year, month, day) = civil(at.div_euclid(86_400));
    let seconds = at.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", seconds / 3600, seconds % 3600 / 60)
}

/// `2026-11-24`.
pub fn format_date(at: Timestamp) -> String {
    let (year, month, day) = civil(at.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// `24 novembre 2026`, `24 November 2026`: a day as prose writes it, month names from the
/// catalog.
pub fn format_long_date(lang: crate::model::Lang, at: Timestamp) -> String {
    let (year, month, day) = civil(at.div_euclid(86_400));
    let month = crate::catalog::text(lang, &format!("month-{month}"), &[]);
    // French writes the first of the month as an ordinal: « 1er décembre ».
    let day = if day == 1 && lang == crate::model::Lang::Fr { "1er".to_owned() } else { day.to_string() };
    format!("{day} {month} {year}")
}

/// `YYYY-MM-DD` → the Unix time of that day's start (UTC); `None` when it is not written so
/// or names no day (2026-02-30). Whether the date makes sense is the caller's business.
pub fn parse_date(text: &str) -> Option<Timestamp> {
    let mut parts = text.trim().split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // A day the month does not have comes back as another date.
    (civil(days) == (year, month, day)).then_some(days * 86_400)
}

/// Days since 1970-01-01 → (year, month, day).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// (year, month, day) → days since 1970-01-01.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_times_and_dates() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_time(1_795_496_400), "2026-11-24 05:00 UTC");
        assert_eq!(format_time(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(format_date(1_795_496_400), "2026-11-24");
        assert_eq!(format_long_date(crate::model::Lang::Fr, 1_795_496_400), "24 novembre 2026");
        assert_eq!(format_long_date(crate::model::Lang::En, 1_795_496_400), "24 November 2026");
        assert_eq!(format_long_date(crate::model::Lang::Fr, 1_796_083_200), "1er décembre 2026");
        assert_eq!(format_date(-1), "1969-12-31");
    }

    #[test]
    fn parses_only_days_that_exist() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2026-11-24"), Some(1_795_478_400));
        assert_eq!(parse_date(" 2024-02-29 "), Some(1_709_164_800));
        assert_eq!(parse_date("2000-02-29"), Some(951_782_400));
        assert_eq!(parse_date("1900-01-01"), Some(-2_208_988_800));
        for bad in ["2026-02-30", "2023-02-29", "2026-04-31", "2026-13-01", "2026-11-00", "2026-11", "24/11/2026", ""] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for at in [0, 951_782_400, 1_795_478_400, -2_208_988_800] {
            assert_eq!(parse_date(&format_date(at)), Some(at), "round trip");
        }
    }
}
