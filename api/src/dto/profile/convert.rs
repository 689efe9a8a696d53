//! Conversions of profile sections from domain values.

use roledex_domain::profile::{self as domain, RoleProfile as DomainProfile};

use super::{Cost, FigureStatus, Money, Source};

use super::sections::*;

pub(super) fn demand(d: &domain::Demand) -> Demand {
    Demand {
        level: d.level.into(),
        summary: d.summary.clone(),
        regulatory_drivers: d.regulatory_drivers.clone(),
        hiring_industries: d
            .hiring_industries
            .iter()
            .map(|h| HiringIndustry { industry: h.industry.clone(), employers: h.employers.clone() })
            .collect(),
        salary_data_points: d
            .salary_data_points
            .iter()
            .map(|s| SalaryDataPoint {
                title: s.title.clone(),
                employer: s.employer.clone(),
                base: Money::from(s.base),
                period: s.period.into(),
                plus_equity: s.plus_equity,
                source: Source::from(&s.source),
            })
            .collect(),
    }
}

pub(super) fn role_skill(s: &domain::ProfileSkill) -> RoleSkill {
    RoleSkill {
        slug: s.skill.slug.to_string(),
        name: s.skill.name.clone(),
        category: s.skill.category.into(),
        description: s.skill.description.clone(),
        importance: s.importance.into(),
        importance_weight: s.importance.weight(),
        target_level: s.target_level.get(),
        editorial: s.editorial,
    }
}

pub fn learning_resource(r: &domain::LearningResource) -> LearningResource {
    LearningResource {
        kind: r.kind.into(),
        title: r.title.clone(),
        provider: r.provider.clone(),
        authors: r.authors.clone(),
        year: r.year.map(i32::from),
        url: r.url.to_string(),
        cost: r.cost.as_ref().map(Cost::from),
        free: r.free,
        builds_skills: r.builds_skills.iter().map(|s| s.to_string()).collect(),
        taxonomy_items: crate::dto::TaxonomyItemRef::list(&r.taxonomy_items),
        editorial: r.editorial,
    }
}

pub fn career_paths(p: &DomainProfile) -> CareerPaths {
    CareerPaths {
        transition_paths: p
            .document
            .transition_paths
            .iter()
            .map(|t| TransitionPath {
                from_role: RoleSummaryRef {
                    slug: t.from_role.to_string(),
                    title: p.background_title(&t.from_role).unwrap_or_default().to_owned(),
                },
                fit: t.fit.clone(),
                transferable_skills: t.transferable_skills.clone(),
                skills_to_add: t
                    .skills_to_add
                    .iter()
                    .map(|a| SkillToAdd {
                        skill: a.skill.to_string(),
                        name: p.skill(&a.skill).map(|s| s.skill.name.clone()),
                        detail: a.detail.clone(),
                    })
                    .collect(),
            })
            .collect(),
        ladder: p
            .document
            .ladder
            .iter()
            .enumerate()
            .map(|(i, l)| LadderLevel {
                step: i as u32 + 1,
                title: l.title.clone(),
                scope: l.scope.clone(),
                growth: l.growth.clone(),
                note: l.note.clone(),
                compensation: match &l.compensation {
                    Some(band) => Compensation {
                        status: FigureStatus::Known,
                        min: Some(Money::from(band.min)),
                        max: Some(Money::from(band.max)),
                        source: Some(Source::from(&band.source)),
                    },
                    None => Compensation { status: FigureStatus::Unknown, min: None, max: None, source: None },
                },
            })
            .collect(),
    }
}
