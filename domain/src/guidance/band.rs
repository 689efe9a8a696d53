use serde::{Deserialize, Serialize};

/// Where a 0-100 readiness score places the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessBand {
    /// 0-49: the foundations are not yet there.
    NotYet,
    /// 50-79: well on the way, with clear gaps.
    Developing,
    /// 80-100: ready to apply.
    Ready,
}

impl ReadinessBand {
    pub fn for_score(score: u8) -> Self {
        match score {
            0..=49 => Self::NotYet,
            50..=79 => Self::Developing,
            _ => Self::Ready,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotYet => "not_yet",
            Self::Developing => "developing",
            Self::Ready => "ready",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NotYet => "Not yet",
            Self::Developing => "Developing",
            Self::Ready => "Ready",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(ReadinessBand::for_score(0), ReadinessBand::NotYet);
        assert_eq!(ReadinessBand::for_score(49), ReadinessBand::NotYet);
        assert_eq!(ReadinessBand::for_score(50), ReadinessBand::Developing);
        assert_eq!(ReadinessBand::for_score(79), ReadinessBand::Developing);
        assert_eq!(ReadinessBand::for_score(80), ReadinessBand::Ready);
        assert_eq!(ReadinessBand::for_score(100), ReadinessBand::Ready);
    }

    #[test]
    fn bands_never_go_down_as_scores_go_up() {
        let bands: Vec<ReadinessBand> = (0..=100).map(ReadinessBand::for_score).collect();
        assert!(bands.windows(2).all(|w| w[0] <= w[1]));
    }
}
