//! Rows to domain values. Stored content was validated before it was written,
//! so a row that does not map back is reported as corruption, never skipped.

use roledex_domain::profile::*;
use roledex_domain::values::{HttpUrl, SkillLevel, Slug, YearMonth};
use serde::de::DeserializeOwned;

use crate::PersistenceError;
use crate::entities::*;

pub(super) fn corrupt(what: impl std::fmt::Display) -> PersistenceError {
    PersistenceError::Corrupt(what.to_string())
}

pub(super) fn from_json<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, PersistenceError> {
    T::deserialize(value).map_err(corrupt)
}

pub(super) fn slug(raw: &str) -> Result<Slug, PersistenceError> {
    Slug::parse(raw).map_err(corrupt)
}

fn url(raw: &str) -> Result<HttpUrl, PersistenceError> {
    HttpUrl::parse(raw).map_err(corrupt)
}

fn count(v: Option<i32>) -> Option<u32> {
    v.and_then(|v| u32::try_from(v).ok())
}

pub(super) fn skill(row: &skills::Model) -> Result<Skill, PersistenceError> {
    Ok(Skill {
        slug: slug(&row.slug)?,
        name: row.name.clone(),
        category: SkillCategory::parse(&row.category).ok_or_else(|| corrupt(&row.category))?,
        description: row.description.clone(),
        named_in: row.named_in.clone(),
    })
}

pub(super) fn certification(row: &certifications::Model, builds: Vec<Slug>) -> Result<Certification, PersistenceError> {
    Ok(Certification {
        slug: slug(&row.slug)?,
        name: row.name.clone(),
        full_name: row.full_name.clone(),
        provider: row.provider.clone(),
        cost: from_json(&row.cost)?,
        exam: ExamFormat {
            summary: row.exam_summary.clone(),
            duration_minutes: count(row.exam_duration_minutes),
            questions: count(row.exam_questions_min)
                .zip(count(row.exam_questions_max))
                .map(|(min, max)| QuestionCount { min, max }),
            pass_mark: row.exam_pass_mark.clone(),
            course_days: count(row.exam_course_days),
        },
        prerequisites: row.prerequisites.clone(),
        renewal: row.renewal.clone(),
        continuing_education: row.continuing_education.clone(),
        url: url(&row.url)?,
        builds_skills: builds,
    })
}

pub(super) fn framework(row: &frameworks::Model) -> Result<Framework, PersistenceError> {
    Ok(Framework {
        slug: slug(&row.slug)?,
        name: row.name.clone(),
        full_name: row.full_name.clone(),
        publisher: row.publisher.clone(),
        url: url(&row.url)?,
        summary: row.summary.clone(),
        as_of: row.as_of.as_deref().map(YearMonth::parse).transpose().map_err(corrupt)?,
        facts: from_json(&row.facts)?,
        tools: from_json(&row.tools)?,
        source: from_json(&row.source)?,
    })
}

pub(super) fn role_kind(raw: &str) -> Result<RoleKind, PersistenceError> {
    RoleKind::parse(raw).ok_or_else(|| corrupt(raw))
}

pub(super) fn summary(row: &roles::Model) -> Result<RoleSummary, PersistenceError> {
    Ok(RoleSummary {
        slug: slug(&row.slug)?,
        kind: role_kind(&row.kind)?,
        title: row.title.clone(),
        one_line: row.one_line.clone(),
    })
}

pub(super) fn salary(row: &salary_points::Model) -> Result<SalaryDataPoint, PersistenceError> {
    Ok(SalaryDataPoint {
        title: row.title.clone(),
        employer: row.employer.clone(),
        base: roledex_domain::Money::new(row.amount, roledex_domain::Currency::parse(&row.currency).map_err(corrupt)?)
            .map_err(corrupt)?,
        period: PayPeriod::parse(&row.period).ok_or_else(|| corrupt(&row.period))?,
        plus_equity: row.plus_equity,
        source: from_json(&row.source)?,
    })
}

pub(super) fn role_skill(row: &role_skills::Model, skill_slug: Slug) -> Result<RoleSkill, PersistenceError> {
    Ok(RoleSkill {
        skill: skill_slug,
        importance: Importance::parse(&row.importance).ok_or_else(|| corrupt(&row.importance))?,
        target_level: SkillLevel::new(i64::from(row.target_level)).map_err(corrupt)?,
        editorial: row.editorial,
    })
}

pub(super) fn learning_resource(row: &learning_resources::Model) -> Result<LearningResource, PersistenceError> {
    Ok(LearningResource {
        kind: ResourceKind::parse(&row.kind).ok_or_else(|| corrupt(&row.kind))?,
        title: row.title.clone(),
        provider: row.provider.clone(),
        url: url(&row.url)?,
        cost: row.cost.as_ref().map(from_json).transpose()?,
        free: row.free,
        builds_skills: from_json(&row.builds_skills)?,
        editorial: row.editorial,
    })
}

pub(super) fn ladder_level(row: &ladder_levels::Model) -> Result<LadderLevel, PersistenceError> {
    Ok(LadderLevel {
        title: row.title.clone(),
        scope: row.scope.clone(),
        growth: from_json(&row.growth)?,
        note: row.note.clone(),
        compensation: row.compensation.as_ref().map(from_json).transpose()?,
    })
}

pub(super) fn interview_question(row: &interview_questions::Model) -> Result<InterviewQuestion, PersistenceError> {
    Ok(InterviewQuestion {
        question: row.question.clone(),
        tests: row.tests.clone(),
        key_points: from_json(&row.key_points)?,
        skills: from_json(&row.skills)?,
    })
}

pub(super) fn card(row: &qualification_cards::Model) -> Result<QualificationCard, PersistenceError> {
    Ok(QualificationCard {
        key: slug(&row.key)?,
        title: row.title.clone(),
        prompt: row.prompt.clone(),
        skill: row.skill.as_deref().map(slug).transpose()?,
        editorial: row.editorial,
    })
}

pub(super) fn quiz_question(row: &quiz_questions::Model) -> Result<QuizQuestion, PersistenceError> {
    Ok(QuizQuestion {
        key: slug(&row.key)?,
        prompt: row.prompt.clone(),
        options: from_json(&row.options)?,
        correct_option: u32::try_from(row.correct_option).map_err(corrupt)?,
        explanation: row.explanation.clone(),
        source: row.source.clone(),
    })
}

pub(super) fn download(row: &downloads::Model) -> Result<Download, PersistenceError> {
    Ok(Download {
        key: slug(&row.key)?,
        kind: DownloadKind::parse(&row.kind).ok_or_else(|| corrupt(&row.kind))?,
        title: row.title.clone(),
        description: row.description.clone(),
        body: row.body.clone(),
        editorial: row.editorial,
    })
}

pub(super) fn community_link(row: &community_links::Model) -> Result<CommunityLink, PersistenceError> {
    Ok(CommunityLink {
        name: row.name.clone(),
        kind: CommunityLinkKind::parse(&row.kind).ok_or_else(|| corrupt(&row.kind))?,
        url: url(&row.url)?,
        description: row.description.clone(),
    })
}
