//! The role's skills radar: one axis per skill category, at the
//! importance-weighted mean of the target levels of the role's skills in it.

use crate::profile::{ProfileSkill, SkillCategory};
use crate::values::Slug;

#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxis {
    pub dimension: SkillCategory,
    /// Weighted mean target level, 1.0..=5.0, rounded to one decimal.
    pub target_level: f64,
    pub skills: Vec<Slug>,
}

/// Axes in the fixed category order, skipping categories the role has no skill in.
pub fn role_radar(skills: &[ProfileSkill]) -> Vec<RadarAxis> {
    SkillCategory::ALL
        .into_iter()
        .filter_map(|dimension| {
            let members: Vec<&ProfileSkill> = skills.iter().filter(|s| s.skill.category == dimension).collect();
            let weight: u32 = members.iter().map(|s| s.importance.weight()).sum();
            if weight == 0 {
                return None;
            }
            let weighted: u32 = members.iter().map(|s| s.importance.weight() * u32::from(s.target_level.get())).sum();
            // Tenths, rounded half up, in integers so the axis is exact.
            let tenths = (weighted * 20 + weight) / (weight * 2);
            Some(RadarAxis {
                dimension,
                target_level: f64::from(tenths) / 10.0,
                skills: members.iter().map(|s| s.skill.slug.clone()).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Importance;
    use crate::scoring::value::tests::skill;

    #[test]
    fn weighted_mean_per_category() {
        let mut governance = skill("gov", Importance::Supporting, 2);
        governance.skill.category = SkillCategory::Governance;
        let skills = vec![skill("a", Importance::Critical, 5), skill("b", Importance::Supporting, 1), governance];
        let radar = role_radar(&skills);
        assert_eq!(radar.len(), 2);
        // (3×5 + 1×1) / 4 = 4.0
        assert_eq!(radar[0].dimension, SkillCategory::Evaluation);
        assert_eq!(radar[0].target_level, 4.0);
        assert_eq!(radar[1].target_level, 2.0);
    }

    #[test]
    fn no_skills_no_axes() {
        assert!(role_radar(&[]).is_empty());
    }
}
