//! Small rules for generated prose, so sentences built from content never
//! end twice ("45 minutes.. Provider") or not at all.

/// `text` as a sentence: trimmed, ending in exactly one `.`, `!` or `?`.
pub fn sentence(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches(['.', ' ']);
    if trimmed.ends_with(['!', '?']) { trimmed.to_owned() } else { format!("{trimmed}.") }
}

/// Doubled punctuation or spacing a generated text must never contain.
pub fn has_doubled_punctuation(text: &str) -> bool {
    ["..", ". .", ",,", " ,", " .", ";;", "::", "  ", ".,", ",."].iter().any(|bad| text.contains(bad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_once() {
        assert_eq!(sentence("100 questions in 2 hours 45 minutes."), "100 questions in 2 hours 45 minutes.");
        assert_eq!(sentence("150 questions in 4 hours"), "150 questions in 4 hours.");
        assert_eq!(sentence(" Is it ready? "), "Is it ready?");
        assert_eq!(sentence("Done.. "), "Done.");
    }

    #[test]
    fn doubled_punctuation_is_found() {
        assert!(has_doubled_punctuation("minutes.. Provider"));
        assert!(has_doubled_punctuation("one  two"));
        assert!(!has_doubled_punctuation("Exam: 100 questions. Provider: IAPP (https://iapp.org)."));
    }
}
