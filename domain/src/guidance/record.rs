//! Stored learner results are these module's values serialized as JSON. Each
//! stored record names the format it was written in, so a build can tell a
//! record it understands from one written by a newer build.
//!
//! Rule: adding a field with a default (`#[serde(default)]`) keeps the format;
//! removing, renaming or retyping a field bumps `RECORD_FORMAT` and adds the
//! conversion from the older shape.

/// The format this build writes.
pub const RECORD_FORMAT: u16 = 1;

/// Whether this build can read a record written in `format`.
pub fn readable(format: u16) -> bool {
    (1..=RECORD_FORMAT).contains(&format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::assessment::AssessmentResult;

    #[test]
    fn formats_up_to_the_current_one_are_readable() {
        assert!(readable(1) && readable(RECORD_FORMAT));
        assert!(!readable(0) && !readable(RECORD_FORMAT + 1));
    }

    /// A self-assessment stored in format 1, before gaps carried their
    /// learning resources: it still reads, with the added field defaulted.
    #[test]
    fn a_format_1_record_reads_after_a_field_was_added() {
        let stored = r#"{"skills_score":40,"radar":[{"dimension":"evaluation","target_level":4.0,"self_level":2.0}],
            "gaps":[{"skill":"ai-red-teaming","name":"AI red teaming","importance":"critical","target_level":4,
                     "rating":2,"gap":2,"weighted_gap":6,"certifications":[]}],"unrated":[]}"#;
        let result: Result<AssessmentResult, _> = serde_json::from_str(stored);
        let result = result.map_err(|e| e.to_string());
        assert_eq!(result.as_ref().map(|r| r.skills_score), Ok(40), "{result:?}");
        assert_eq!(result.map(|r| r.gaps[0].resources.len()), Ok(0));
    }
}
