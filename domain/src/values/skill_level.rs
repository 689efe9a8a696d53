use serde::{Deserialize, Serialize};

use super::ValueError;

/// A proficiency level on the 1 (aware) to 5 (expert) scale used by skill
/// targets and self-ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct SkillLevel(u8);

impl SkillLevel {
    pub const MIN: SkillLevel = SkillLevel(1);
    pub const MAX: SkillLevel = SkillLevel(5);

    pub fn new(raw: i64) -> Result<Self, ValueError> {
        match u8::try_from(raw) {
            Ok(level @ 1..=5) => Ok(Self(level)),
            _ => Err(ValueError(format!("skill level {raw} is out of range: use a whole number from 1 to 5"))),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for SkillLevel {
    type Error = ValueError;
    fn try_from(raw: i64) -> Result<Self, ValueError> {
        Self::new(raw)
    }
}

impl From<SkillLevel> for u8 {
    fn from(level: SkillLevel) -> u8 {
        level.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn only_one_to_five_is_a_level(raw in any::<i64>()) {
            prop_assert_eq!(SkillLevel::new(raw).is_ok(), (1..=5).contains(&raw));
        }
    }

    #[test]
    fn bounds() {
        assert_eq!(SkillLevel::new(1), Ok(SkillLevel::MIN));
        assert_eq!(SkillLevel::new(5), Ok(SkillLevel::MAX));
        assert!(SkillLevel::new(0).is_err());
        assert!(SkillLevel::new(6).is_err());
    }
}
