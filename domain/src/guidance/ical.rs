//! iCalendar (RFC 5545) export of a sprint plan: one all-day event per task,
//! spanning its week. Lines end in CRLF and are folded at 75 octets; text
//! values are escaped.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::calendar::CalendarDate;
use super::sprint::SprintPlan;
use crate::values::ValueError;

/// A UTC timestamp in iCalendar's basic format, `YYYYMMDDTHHMMSSZ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UtcStamp(String);

impl UtcStamp {
    /// From seconds since the Unix epoch (the caller reads the clock).
    pub fn from_unix_seconds(seconds: i64) -> Self {
        let date = CalendarDate::from_days_since_epoch(seconds.div_euclid(86_400));
        let of_day = seconds.rem_euclid(86_400);
        Self(format!("{}T{:02}{:02}{:02}Z", date.basic(), of_day / 3600, of_day % 3600 / 60, of_day % 60))
    }

    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let b = raw.as_bytes();
        let ok = b.len() == 16
            && b[8] == b'T'
            && b[15] == b'Z'
            && b.iter().enumerate().all(|(i, c)| i == 8 || i == 15 || c.is_ascii_digit());
        if ok { Ok(Self(raw.to_owned())) } else { Err(ValueError(format!("`{raw}` is not YYYYMMDDTHHMMSSZ"))) }
    }
}

pub struct CalendarExport<'a> {
    pub plan: &'a SprintPlan,
    /// Unique id of the stored plan; task UIDs are derived from it.
    pub plan_id: &'a str,
    pub role_title: &'a str,
    /// When the plan was made (`CREATED`).
    pub created: UtcStamp,
    /// When this file is exported (`DTSTAMP`).
    pub exported: UtcStamp,
    /// Keys of tasks already done; their summary starts with `[done]`.
    pub done: &'a BTreeSet<String>,
    /// When each ticked task last changed (`LAST-MODIFIED`), so a re-import updates it.
    pub modified: &'a BTreeMap<String, UtcStamp>,
}

pub fn render(export: &CalendarExport<'_>) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Roledex//Sprint plan//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("X-WR-CALNAME:{}", escape(&format!("90-day sprint: {}", export.role_title))));
    for week in &export.plan.weeks {
        for task in &week.tasks {
            let done = export.done.contains(&task.key);
            line("BEGIN:VEVENT".into());
            line(format!("UID:{}-{}@roledex", export.plan_id, task.key));
            line(format!("DTSTAMP:{}", export.exported.0));
            line(format!("CREATED:{}", export.created.0));
            let modified = export.modified.get(&task.key).unwrap_or(&export.created);
            line(format!("LAST-MODIFIED:{}", modified.0));
            line(format!("DTSTART;VALUE=DATE:{}", week.starts_on.basic()));
            // DTEND of an all-day event is exclusive: the day after the week ends.
            line(format!("DTEND;VALUE=DATE:{}", week.ends_on.plus_days(1).basic()));
            let prefix = if done { "[done] " } else { "" };
            line(format!(
                "SUMMARY:{}",
                escape(&format!("{prefix}Week {}: {} ({} h)", week.number, task.title, task.hours))
            ));
            line(format!("DESCRIPTION:{}", escape(&task.detail)));
            line("TRANSP:TRANSPARENT".into());
            // Done tasks stay CONFIRMED: calendars hide CANCELLED events, and the work happened.
            line("STATUS:CONFIRMED".into());
            line("END:VEVENT".into());
        }
    }
    line("END:VCALENDAR".into());
    out
}

/// TEXT escaping (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `text` as one content line, folded so no line exceeds 75 octets
/// (continuation lines start with a space), never splitting a character.
fn fold_into(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::fixtures::profile;
    use crate::guidance::sprint::{SprintRequest, build_sprint_plan};

    fn plan() -> SprintPlan {
        let request = SprintRequest {
            hours_per_week: 5,
            start: CalendarDate::parse("2027-01-04").unwrap_or_else(|e| panic!("{e}")),
            certifications: vec!["eval-cert".into()],
            study_hours: vec![],
        };
        build_sprint_plan(&profile(), &[], &request).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn stamps() {
        assert_eq!(UtcStamp::from_unix_seconds(0).0, "19700101T000000Z");
        assert_eq!(UtcStamp::from_unix_seconds(1_798_761_599).0, "20261231T235959Z");
        assert!(UtcStamp::parse("20261231T235959Z").is_ok());
        assert!(UtcStamp::parse("2026-12-31T23:59:59Z").is_err());
    }

    #[test]
    fn a_well_formed_calendar() {
        let plan = plan();
        let done: BTreeSet<String> = [plan.weeks[0].tasks[0].key.clone()].into();
        let modified: BTreeMap<String, UtcStamp> =
            [(plan.weeks[0].tasks[0].key.clone(), UtcStamp::from_unix_seconds(60))].into();
        let text = render(&CalendarExport {
            plan: &plan,
            plan_id: "p1",
            role_title: "AI Systems Safety Manager, with; commas",
            created: UtcStamp::from_unix_seconds(0),
            exported: UtcStamp::from_unix_seconds(120),
            done: &done,
            modified: &modified,
        });
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("X-WR-CALNAME:90-day sprint: AI Systems Safety Manager\\, with\\; commas"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), plan.tasks().count());
        assert!(text.contains("DTSTART;VALUE=DATE:20270104\r\nDTEND;VALUE=DATE:20270111\r\n"));
        assert!(text.contains("SUMMARY:[done] Week 1"));
        assert!(
            text.contains("DTSTAMP:19700101T000200Z\r\nCREATED:19700101T000000Z\r\nLAST-MODIFIED:19700101T000100Z")
        );
        assert!(!text.contains("METHOD:") && !text.contains("CANCELLED"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
    }

    #[test]
    fn folding_keeps_characters_whole() {
        let mut out = String::new();
        let text = format!("DESCRIPTION:{}", "é".repeat(80));
        fold_into(&mut out, &text);
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, text);
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
    }
}
