//! Dates as briefs write them in front matter: `2026-03-03`,
//! `2026-03-03T10:00:00Z`, `March 3, 2026`, `3 mars 2026`. The library sorts
//! and shows them as days, whatever the spelling.

/// Month names (English and French) and common abbreviations, by number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("janvier", 1),
    ("february", 2),
    ("février", 2),
    ("fevrier", 2),
    ("march", 3),
    ("mars", 3),
    ("april", 4),
    ("avril", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juin", 6),
    ("july", 7),
    ("juillet", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("september", 9),
    ("septembre", 9),
    ("october", 10),
    ("octobre", 10),
    ("november", 11),
    ("novembre", 11),
    ("december", 12),
    ("décembre", 12),
    ("decembre", 12),
];

/// The day a date names: (year, month, day), with month and day 0 when
/// the text does not give them (`2026`, `March 2026`). None when there is
/// no year to be found.
pub fn parse_day(text: &str) -> Option<(i32, u32, u32)> {
    iso(text).or_else(|| words(text))
}

/// The date as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) when it can be read,
/// else the text as written.
pub fn normalize(text: &str) -> String {
    match parse_day(text) {
        Some((y, 0, _)) => format!("{y:04}"),
        Some((y, m, 0)) => format!("{y:04}-{m:02}"),
        Some((y, m, d)) => format!("{y:04}-{m:02}-{d:02}"),
        None => text.trim().to_owned(),
    }
}

fn year(token: &str) -> Option<i32> {
    (token.len() == 4)
        .then(|| token.parse().ok())
        .flatten()
        .filter(|y: &i32| (1000..=9999).contains(y))
}

/// `YYYY[-MM[-DD]]`, with `-`, `/` or `.` between, and anything after the
/// day (a time) ignored.
fn iso(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().splitn(3, ['-', '/', '.']);
    let year = year(parts.next()?.trim())?;
    let mut num = |max: u32| -> u32 {
        parts
            .next()
            .and_then(|p| p.get(..2.min(p.len())))
            .and_then(|p| p.parse().ok())
            .filter(|n| (1..=max).contains(n))
            .unwrap_or(0)
    };
    let month = num(12);
    let day = if month == 0 { 0 } else { num(31) };
    Some((year, month, day))
}

/// A date in words: a four-digit year, a month name (or its first three
/// letters or more) and a day number, in any order (`March 3, 2026`,
/// `Tuesday 3 March 2026`).
fn words(text: &str) -> Option<(i32, u32, u32)> {
    let mut found_year = None;
    let mut month = 0;
    let mut day = 0;
    for token in text.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty() {
            continue;
        }
        if let Some(y) = year(token) {
            found_year.get_or_insert(y);
        } else if token.chars().all(|c| c.is_ascii_digit()) {
            if let Ok(d) = token.parse::<u32>()
                && (1..=31).contains(&d)
                && day == 0
            {
                day = d;
            }
        } else if month == 0 {
            let lower = token.to_lowercase();
            if lower.chars().count() >= 3
                && let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| name.starts_with(&lower))
            {
                month = m;
            }
        }
    }
    let year = found_year?;
    Some((year, month, if month == 0 { 0 } else { day }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_times_read_as_their_day() {
        assert_eq!(parse_day("2024-03-05"), Some((2024, 3, 5)));
        assert_eq!(parse_day("2024-03-05T10:00:00Z"), Some((2024, 3, 5)));
        assert_eq!(parse_day("2024/3/5"), Some((2024, 3, 5)));
        assert_eq!(parse_day("2024"), Some((2024, 0, 0)));
    }

    #[test]
    fn dates_in_words_read_in_english_and_french() {
        assert_eq!(parse_day("March 3, 2026"), Some((2026, 3, 3)));
        assert_eq!(parse_day("Tuesday, 3 March 2026"), Some((2026, 3, 3)));
        assert_eq!(parse_day("Mar. 3 2026"), Some((2026, 3, 3)));
        assert_eq!(parse_day("3 mars 2026"), Some((2026, 3, 3)));
        assert_eq!(parse_day("août 2025"), Some((2025, 8, 0)));
        assert_eq!(parse_day("March 2026"), Some((2026, 3, 0)));
        assert_eq!(parse_day("soon"), None);
    }

    #[test]
    fn normalized_dates_sort_as_text() {
        assert_eq!(normalize("March 3, 2026"), "2026-03-03");
        assert_eq!(normalize("2026-03-03T10:00:00Z"), "2026-03-03");
        assert_eq!(normalize("March 2026"), "2026-03");
        assert_eq!(normalize(" undated "), "undated");
        assert!(normalize("March 3, 2026") < normalize("2026-11-29"));
    }
}
