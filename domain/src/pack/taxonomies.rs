//! Pack checks against the taxonomy releases the pack imports: every
//! reference resolves, and every count question matches its release.

use super::At;
use crate::profile::QuizQuestion;
use crate::taxonomy::{Taxonomy, TaxonomyRef};

impl At<'_> {
    pub(super) fn taxonomy_refs(&mut self, field: &str, refs: &[TaxonomyRef], taxonomies: &[Taxonomy]) {
        for (i, r) in refs.iter().enumerate() {
            let field = format!("{field}[{i}]");
            match taxonomies.iter().find(|t| t.kind == r.taxonomy) {
                None => self.push(
                    &field,
                    format!("`{r}`: the pack imports no {} release; add it to taxonomies.toml", r.taxonomy.slug()),
                ),
                Some(t) if t.item(&r.id).is_none() => {
                    self.push(&field, format!("`{r}`: {} {} has no item `{}`", t.name, t.version, r.id))
                }
                Some(_) => {}
            }
        }
    }

    /// A question whose answer is a count names the release it counts and
    /// gives the release's count as its correct option.
    pub(super) fn count_question(&mut self, base: &str, q: &QuizQuestion, taxonomies: &[Taxonomy]) {
        let Some(check) = q.checked_against else { return };
        let field = format!("{base}.checked_against");
        let Some(release) = taxonomies.iter().find(|t| t.kind == check.taxonomy) else {
            self.push(
                &field,
                format!("the pack imports no {} release; add it to taxonomies.toml", check.taxonomy.slug()),
            );
            return;
        };
        let count = release.count_of(check.item_type);
        let correct = q.options.get(q.correct_option as usize).map(|o| o.trim());
        if correct != Some(count.to_string().as_str()) {
            self.push(
                &format!("{base}.correct_option"),
                format!(
                    "{} {} has {count} {}: the correct option must be \"{count}\"",
                    release.name,
                    release.version,
                    check.item_type.plural()
                ),
            );
        }
        if !q.prompt.contains(&release.version) {
            self.push(
                &format!("{base}.prompt"),
                format!("name the release the count is from (version {}) in the question", release.version),
            );
        }
    }
}
