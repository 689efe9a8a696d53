//! Whole profiles in a fixed number of statements: one query per table for
//! every requested role at once (`WHERE role_id IN (...)`), grouped in memory.
//! The count depends on neither the number of roles nor their size.

use std::collections::{BTreeSet, HashMap};

use roledex_domain::profile::*;
use roledex_domain::values::Slug;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::mapping::{self, corrupt, from_json};
use crate::PersistenceError;
use crate::entities::*;

/// Rows of one child table for the requested roles, grouped by role id and
/// kept in `position` order.
macro_rules! children_of {
    ($db:expr, $ids:expr, $module:ident) => {{
        let rows = $module::Entity::find()
            .filter($module::Column::RoleId.is_in($ids.iter().copied()))
            .order_by_asc($module::Column::RoleId)
            .order_by_asc($module::Column::Position)
            .all($db)
            .await?;
        group(rows, |r| r.role_id)
    }};
}

fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut groups: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        groups.entry(key(&row)).or_default().push(row);
    }
    groups
}

fn take<T>(groups: &mut HashMap<i64, Vec<T>>, id: i64) -> Vec<T> {
    groups.remove(&id).unwrap_or_default()
}

pub(super) async fn load_profiles<C: ConnectionTrait>(
    db: &C,
    slugs: &[Slug],
) -> Result<Vec<RoleProfile>, PersistenceError> {
    let role_rows = roles::Entity::find()
        .filter(roles::Column::Slug.is_in(slugs.iter().map(|s| s.as_str().to_owned())))
        .filter(roles::Column::Kind.eq(RoleKind::Profile.as_str()))
        .all(db)
        .await?;
    if role_rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = role_rows.iter().map(|r| r.id).collect();

    let mut hiring = children_of!(db, ids, hiring_industries);
    let mut salaries = children_of!(db, ids, salary_points);
    let mut days = children_of!(db, ids, day_blocks);
    let mut role_skill_rows = children_of!(db, ids, role_skills);
    let mut resources = children_of!(db, ids, learning_resources);
    let mut paths = children_of!(db, ids, transition_paths);
    let mut ladders = children_of!(db, ids, ladder_levels);
    let mut interviews = children_of!(db, ids, interview_questions);
    let mut cards = children_of!(db, ids, qualification_cards);
    let mut quizzes = children_of!(db, ids, quiz_questions);
    let mut downloads_by_role = children_of!(db, ids, downloads);
    let mut links = children_of!(db, ids, community_links);
    let mut role_fw = children_of!(db, ids, role_frameworks);
    let mut role_certs = group(
        role_certifications::Entity::find()
            .filter(role_certifications::Column::RoleId.is_in(ids.iter().copied()))
            .order_by_asc(role_certifications::Column::Rank)
            .all(db)
            .await?,
        |r| r.role_id,
    );

    // The catalog entries those sections reference, each in one query.
    let cert_ids: BTreeSet<i64> = role_certs.values().flatten().map(|r| r.certification_id).collect();
    let cert_rows = certifications::Entity::find()
        .filter(certifications::Column::Id.is_in(cert_ids.iter().copied()))
        .all(db)
        .await?;
    let cert_skill_rows = certification_skills::Entity::find()
        .filter(certification_skills::Column::CertificationId.is_in(cert_ids.iter().copied()))
        .order_by_asc(certification_skills::Column::Position)
        .all(db)
        .await?;
    let skill_ids: BTreeSet<i64> = role_skill_rows
        .values()
        .flatten()
        .map(|r| r.skill_id)
        .chain(cert_skill_rows.iter().map(|r| r.skill_id))
        .collect();
    let skill_rows = skills::Entity::find().filter(skills::Column::Id.is_in(skill_ids.iter().copied())).all(db).await?;
    let fw_ids: BTreeSet<i64> = role_fw.values().flatten().map(|r| r.framework_id).collect();
    let fw_rows =
        frameworks::Entity::find().filter(frameworks::Column::Id.is_in(fw_ids.iter().copied())).all(db).await?;
    let background_ids: BTreeSet<i64> = paths.values().flatten().map(|p| p.from_role_id).collect();
    let background_rows =
        roles::Entity::find().filter(roles::Column::Id.is_in(background_ids.iter().copied())).all(db).await?;

    let skills_by_id: HashMap<i64, Skill> =
        skill_rows.iter().map(|r| Ok((r.id, mapping::skill(r)?))).collect::<Result<_, PersistenceError>>()?;
    let mut builds: HashMap<i64, Vec<Slug>> = HashMap::new();
    for row in &cert_skill_rows {
        let skill = skills_by_id.get(&row.skill_id).ok_or_else(|| corrupt("certification skill missing"))?;
        builds.entry(row.certification_id).or_default().push(skill.slug.clone());
    }
    let certs_by_id: HashMap<i64, Certification> = cert_rows
        .iter()
        .map(|r| Ok((r.id, mapping::certification(r, builds.remove(&r.id).unwrap_or_default())?)))
        .collect::<Result<_, PersistenceError>>()?;
    let fw_by_id: HashMap<i64, Framework> =
        fw_rows.iter().map(|r| Ok((r.id, mapping::framework(r)?))).collect::<Result<_, PersistenceError>>()?;
    let backgrounds: HashMap<i64, (Slug, String)> = background_rows
        .iter()
        .map(|r| Ok((r.id, (mapping::slug(&r.slug)?, r.title.clone()))))
        .collect::<Result<_, PersistenceError>>()?;

    let mut profiles = Vec::with_capacity(role_rows.len());
    for row in &role_rows {
        let id = row.id;
        let mut skills = Vec::new();
        let mut role_skill_docs = Vec::new();
        for rs in take(&mut role_skill_rows, id) {
            let skill = skills_by_id.get(&rs.skill_id).ok_or_else(|| corrupt("role skill missing"))?;
            let doc = mapping::role_skill(&rs, skill.slug.clone())?;
            skills.push(ProfileSkill {
                skill: skill.clone(),
                importance: doc.importance,
                target_level: doc.target_level,
                editorial: doc.editorial,
            });
            role_skill_docs.push(doc);
        }
        let mut certifications = Vec::new();
        let mut role_cert_docs = Vec::new();
        for rc in take(&mut role_certs, id) {
            let cert = certs_by_id.get(&rc.certification_id).ok_or_else(|| corrupt("certification missing"))?;
            let rank = u32::try_from(rc.rank).map_err(corrupt)?;
            role_cert_docs.push(RoleCertification { certification: cert.slug.clone(), rank, focus: rc.focus.clone() });
            certifications.push(ProfileCertification { certification: cert.clone(), rank, focus: rc.focus });
        }
        let mut frameworks = Vec::new();
        for rf in take(&mut role_fw, id) {
            frameworks.push(fw_by_id.get(&rf.framework_id).cloned().ok_or_else(|| corrupt("framework missing"))?);
        }
        let mut transition_paths = Vec::new();
        let mut background_titles = Vec::new();
        for p in take(&mut paths, id) {
            let (from_slug, from_title) =
                backgrounds.get(&p.from_role_id).cloned().ok_or_else(|| corrupt("background missing"))?;
            if !background_titles.iter().any(|(s, _)| s == &from_slug) {
                background_titles.push((from_slug.clone(), from_title));
            }
            transition_paths.push(TransitionPath {
                from_role: from_slug,
                fit: p.fit,
                transferable_skills: from_json(&p.transferable_skills)?,
                skills_to_add: from_json(&p.skills_to_add)?,
            });
        }
        let demand = match (&row.demand_level, &row.demand_summary) {
            (Some(level), Some(summary)) => Some(Demand {
                level: DemandLevel::parse(level).ok_or_else(|| corrupt(level))?,
                summary: summary.clone(),
                regulatory_drivers: from_json(&row.regulatory_drivers)?,
                hiring_industries: take(&mut hiring, id)
                    .iter()
                    .map(|h| Ok(HiringIndustry { industry: h.industry.clone(), employers: from_json(&h.employers)? }))
                    .collect::<Result<_, PersistenceError>>()?,
                salary_data_points: take(&mut salaries, id).iter().map(mapping::salary).collect::<Result<_, _>>()?,
            }),
            _ => None,
        };
        let day_in_the_life = match row.day_editorial {
            Some(editorial) => Some(DayInTheLife {
                editorial,
                blocks: take(&mut days, id)
                    .into_iter()
                    .map(|b| {
                        Ok(TimeBlock {
                            part_of_day: PartOfDay::parse(&b.part_of_day).ok_or_else(|| corrupt(&b.part_of_day))?,
                            activity: b.activity,
                            detail: b.detail,
                        })
                    })
                    .collect::<Result<_, PersistenceError>>()?,
            }),
            None => None,
        };
        let document = RoleDocument {
            slug: mapping::slug(&row.slug)?,
            kind: mapping::role_kind(&row.kind)?,
            title: row.title.clone(),
            one_line: row.one_line.clone(),
            summary: row.summary.clone(),
            alternate_titles: from_json(&row.alternate_titles)?,
            responsibilities: from_json(&row.responsibilities)?,
            safety_teams: from_json(&row.safety_teams)?,
            demand,
            day_in_the_life,
            skills: role_skill_docs,
            certifications: role_cert_docs,
            learning_resources: take(&mut resources, id)
                .iter()
                .map(mapping::learning_resource)
                .collect::<Result<_, _>>()?,
            transition_paths,
            ladder: take(&mut ladders, id).iter().map(mapping::ladder_level).collect::<Result<_, _>>()?,
            interview_questions: take(&mut interviews, id)
                .iter()
                .map(mapping::interview_question)
                .collect::<Result<_, _>>()?,
            qualification_cards: take(&mut cards, id).iter().map(mapping::card).collect::<Result<_, _>>()?,
            knowledge_check: take(&mut quizzes, id).iter().map(mapping::quiz_question).collect::<Result<_, _>>()?,
            downloads: take(&mut downloads_by_role, id).iter().map(mapping::download).collect::<Result<_, _>>()?,
            community_links: take(&mut links, id).iter().map(mapping::community_link).collect::<Result<_, _>>()?,
            frameworks: frameworks.iter().map(|f| f.slug.clone()).collect(),
        };
        profiles.push(RoleProfile { document, skills, certifications, frameworks, background_titles });
    }
    // Answer in the order asked.
    profiles.sort_by_key(|p| slugs.iter().position(|s| s == &p.document.slug));
    Ok(profiles)
}
