use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use roledex_domain::pack::ContentPack;
use roledex_domain::profile::RoleDocument;
use roledex_domain::values::Slug;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use serde::Serialize;

use super::ReadPack;
use crate::entities::*;
use crate::{Database, DatabaseKind, PersistenceError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadOutcome {
    /// The pack was new or changed and is now the published content.
    Loaded { content_hash: String },
    /// The database already holds this exact pack; nothing was written.
    Unchanged { content_hash: String },
}

/// Stores the pack unless the database already holds one with the same hash.
pub async fn load_if_changed(
    db: &Database,
    read: &ReadPack,
    source_dir: &str,
) -> Result<LoadOutcome, PersistenceError> {
    write_pack(db, read, source_dir, false).await
}

/// Stores the pack even when the database already holds the same one.
pub async fn store_pack(db: &Database, read: &ReadPack, source_dir: &str) -> Result<LoadOutcome, PersistenceError> {
    write_pack(db, read, source_dir, true).await
}

/// Replaces all published content with `read` in one transaction, so a
/// failure changes nothing, and readers that read in a transaction (the
/// catalog does) see the old pack or the new one, never a mix. The hash check
/// runs inside the same transaction, under an advisory lock on PostgreSQL, so
/// instances starting together load a pack once. Learner data refers to
/// content by slug, so it survives a reload.
async fn write_pack(
    db: &Database,
    read: &ReadPack,
    source_dir: &str,
    force: bool,
) -> Result<LoadOutcome, PersistenceError> {
    let txn = db.connection.begin().await?;
    if db.kind == DatabaseKind::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({CONTENT_LOCK_KEY})")).await?;
    }
    let current = content_packs::Entity::find().order_by_desc(content_packs::Column::Id).one(&txn).await?;
    let content_hash = read.content_hash.clone();
    if !force && current.is_some_and(|c| c.content_hash == content_hash) {
        txn.rollback().await?;
        return Ok(LoadOutcome::Unchanged { content_hash });
    }
    clear_content(&txn).await?;
    let ids = insert_catalog(&txn, &read.pack).await?;
    for role in &read.pack.roles {
        insert_role_sections(&txn, &ids, role).await?;
    }
    // A pack loaded again (or switched back to) becomes the latest row.
    content_packs::Entity::delete_many()
        .filter(content_packs::Column::ContentHash.eq(content_hash.as_str()))
        .exec(&txn)
        .await?;
    let loaded_at = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    content_packs::Entity::insert(content_packs::ActiveModel {
        content_hash: Set(content_hash.clone()),
        loaded_at: Set(loaded_at),
        role_count: Set(small(read.pack.roles.len() as u64, "number of roles")?),
        source_dir: Set(source_dir.to_owned()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(LoadOutcome::Loaded { content_hash })
}

/// Advisory-lock key serializing content loads across PostgreSQL sessions ("RDXC").
const CONTENT_LOCK_KEY: i64 = 0x5244_5843;

/// A count that must fit the database's 32-bit integer columns.
fn small(value: u64, what: &str) -> Result<i32, PersistenceError> {
    i32::try_from(value).map_err(|_| PersistenceError::Corrupt(format!("{what} {value} is too large to store")))
}

fn small_opt(value: Option<u32>, what: &str) -> Result<Option<i32>, PersistenceError> {
    value.map(|v| small(u64::from(v), what)).transpose()
}

async fn clear_content(txn: &DatabaseTransaction) -> Result<(), PersistenceError> {
    // Children before parents, so foreign keys hold at every step.
    for table in [
        "community_links",
        "downloads",
        "quiz_questions",
        "qualification_cards",
        "interview_questions",
        "ladder_levels",
        "transition_paths",
        "learning_resources",
        "role_frameworks",
        "role_certifications",
        "role_skills",
        "day_blocks",
        "salary_points",
        "hiring_industries",
        "roles",
        "frameworks",
        "certification_skills",
        "certifications",
        "skills",
    ] {
        txn.execute_unprepared(&format!("DELETE FROM {table}")).await?;
    }
    Ok(())
}

/// Ids assigned to the pack's entries: content rows are rewritten whole, so
/// ids are given here (1..n) instead of read back after each insert.
struct Ids {
    skills: BTreeMap<Slug, i64>,
    certifications: BTreeMap<Slug, i64>,
    frameworks: BTreeMap<Slug, i64>,
    roles: BTreeMap<Slug, i64>,
}

impl Ids {
    fn of(map: &BTreeMap<Slug, i64>, slug: &Slug) -> Result<i64, PersistenceError> {
        map.get(slug).copied().ok_or_else(|| PersistenceError::Corrupt(format!("unresolved reference `{slug}`")))
    }
}

fn numbered<'a>(slugs: impl Iterator<Item = &'a Slug>) -> BTreeMap<Slug, i64> {
    slugs.enumerate().map(|(i, s)| (s.clone(), i as i64 + 1)).collect()
}

fn json<T: Serialize>(value: &T) -> Result<serde_json::Value, PersistenceError> {
    serde_json::to_value(value).map_err(|e| PersistenceError::Corrupt(e.to_string()))
}

async fn insert_all<A, C>(txn: &C, rows: Vec<A>) -> Result<(), PersistenceError>
where
    A: sea_orm::ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    // Bounded batches keep each statement under every backend's parameter limit.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(200).collect();
        <A::Entity as EntityTrait>::insert_many(batch).exec_without_returning(txn).await?;
    }
    Ok(())
}

async fn insert_catalog(txn: &DatabaseTransaction, pack: &ContentPack) -> Result<Ids, PersistenceError> {
    let ids = Ids {
        skills: numbered(pack.skills.iter().map(|s| &s.slug)),
        certifications: numbered(pack.certifications.iter().map(|c| &c.slug)),
        frameworks: numbered(pack.frameworks.iter().map(|f| &f.slug)),
        roles: numbered(pack.roles.iter().map(|r| &r.slug)),
    };
    let mut skills = Vec::new();
    for s in &pack.skills {
        skills.push(skills::ActiveModel {
            id: Set(Ids::of(&ids.skills, &s.slug)?),
            slug: Set(s.slug.to_string()),
            name: Set(s.name.clone()),
            category: Set(s.category.as_str().to_owned()),
            description: Set(s.description.clone()),
            named_in: Set(s.named_in.clone()),
            search_text: Set(format!("{}\n{}\n{}", s.slug, s.name, s.description).to_lowercase()),
        });
    }
    insert_all(txn, skills).await?;

    let (mut certs, mut cert_skills) = (Vec::new(), Vec::new());
    for c in &pack.certifications {
        let id = Ids::of(&ids.certifications, &c.slug)?;
        certs.push(certifications::ActiveModel {
            id: Set(id),
            slug: Set(c.slug.to_string()),
            name: Set(c.name.clone()),
            full_name: Set(c.full_name.clone()),
            provider: Set(c.provider.clone()),
            cost: Set(json(&c.cost)?),
            cost_midpoint: Set(c.cost.midpoint().amount as i64),
            cost_currency: Set(c.cost.currency().to_string()),
            exam_summary: Set(c.exam.summary.clone()),
            exam_duration_minutes: Set(small_opt(c.exam.duration_minutes, "exam duration")?),
            exam_questions_min: Set(small_opt(c.exam.questions.map(|q| q.min), "question count")?),
            exam_questions_max: Set(small_opt(c.exam.questions.map(|q| q.max), "question count")?),
            exam_pass_mark: Set(c.exam.pass_mark.clone()),
            exam_course_days: Set(small_opt(c.exam.course_days, "course days")?),
            prerequisites: Set(c.prerequisites.clone()),
            renewal: Set(c.renewal.clone()),
            continuing_education: Set(c.continuing_education.clone()),
            url: Set(c.url.to_string()),
            search_text: Set(format!(
                "{}\n{}\n{}\n{}",
                c.slug,
                c.name,
                c.full_name.as_deref().unwrap_or(""),
                c.provider
            )
            .to_lowercase()),
        });
        for (position, skill) in c.builds_skills.iter().enumerate() {
            cert_skills.push(certification_skills::ActiveModel {
                certification_id: Set(id),
                skill_id: Set(Ids::of(&ids.skills, skill)?),
                position: Set(position as i32),
            });
        }
    }
    insert_all(txn, certs).await?;
    insert_all(txn, cert_skills).await?;

    let mut frameworks = Vec::new();
    for f in &pack.frameworks {
        frameworks.push(frameworks::ActiveModel {
            id: Set(Ids::of(&ids.frameworks, &f.slug)?),
            slug: Set(f.slug.to_string()),
            name: Set(f.name.clone()),
            full_name: Set(f.full_name.clone()),
            publisher: Set(f.publisher.clone()),
            url: Set(f.url.to_string()),
            summary: Set(f.summary.clone()),
            as_of: Set(f.as_of.map(|m| m.to_string())),
            facts: Set(json(&f.facts)?),
            tools: Set(json(&f.tools)?),
            source: Set(json(&f.source)?),
        });
    }
    insert_all(txn, frameworks).await?;

    let mut roles = Vec::new();
    for r in &pack.roles {
        roles.push(roles::ActiveModel {
            id: Set(Ids::of(&ids.roles, &r.slug)?),
            slug: Set(r.slug.to_string()),
            kind: Set(r.kind.as_str().to_owned()),
            title: Set(r.title.clone()),
            one_line: Set(r.one_line.clone()),
            summary: Set(r.summary.clone()),
            search_text: Set(search_text(r)),
            alternate_titles: Set(json(&r.alternate_titles)?),
            responsibilities: Set(json(&r.responsibilities)?),
            safety_teams: Set(json(&r.safety_teams)?),
            demand_level: Set(r.demand.as_ref().map(|d| d.level.as_str().to_owned())),
            demand_summary: Set(r.demand.as_ref().map(|d| d.summary.clone())),
            regulatory_drivers: Set(json(
                &r.demand.as_ref().map(|d| d.regulatory_drivers.clone()).unwrap_or_default(),
            )?),
            day_editorial: Set(r.day_in_the_life.as_ref().map(|d| d.editorial)),
        });
    }
    insert_all(txn, roles).await?;
    Ok(ids)
}

/// Lower-cased text a role is found by: title, summary line and alternate titles.
fn search_text(role: &RoleDocument) -> String {
    let mut text = format!("{}\n{}", role.title, role.one_line);
    for alt in &role.alternate_titles {
        text.push('\n');
        text.push_str(&alt.title);
    }
    text.to_lowercase()
}

async fn insert_role_sections(
    txn: &DatabaseTransaction,
    ids: &Ids,
    role: &RoleDocument,
) -> Result<(), PersistenceError> {
    let role_id = Ids::of(&ids.roles, &role.slug)?;
    let pos = |i: usize| Set(i as i32);

    if let Some(demand) = &role.demand {
        let rows = demand.hiring_industries.iter().enumerate().map(|(i, h)| {
            Ok(hiring_industries::ActiveModel {
                role_id: Set(role_id),
                position: pos(i),
                industry: Set(h.industry.clone()),
                employers: Set(json(&h.employers)?),
                ..Default::default()
            })
        });
        insert_all(txn, rows.collect::<Result<Vec<_>, PersistenceError>>()?).await?;
        let rows = demand.salary_data_points.iter().enumerate().map(|(i, s)| {
            Ok(salary_points::ActiveModel {
                role_id: Set(role_id),
                position: pos(i),
                title: Set(s.title.clone()),
                employer: Set(s.employer.clone()),
                amount: Set(s.base.amount as i64),
                currency: Set(s.base.currency.to_string()),
                period: Set(s.period.as_str().to_owned()),
                plus_equity: Set(s.plus_equity),
                source: Set(json(&s.source)?),
                ..Default::default()
            })
        });
        insert_all(txn, rows.collect::<Result<Vec<_>, PersistenceError>>()?).await?;
    }
    if let Some(day) = &role.day_in_the_life {
        let rows = day.blocks.iter().enumerate().map(|(i, b)| day_blocks::ActiveModel {
            role_id: Set(role_id),
            position: pos(i),
            part_of_day: Set(b.part_of_day.as_str().to_owned()),
            activity: Set(b.activity.clone()),
            detail: Set(b.detail.clone()),
            ..Default::default()
        });
        insert_all(txn, rows.collect()).await?;
    }
    let mut rows = Vec::new();
    for (i, s) in role.skills.iter().enumerate() {
        rows.push(role_skills::ActiveModel {
            role_id: Set(role_id),
            skill_id: Set(Ids::of(&ids.skills, &s.skill)?),
            position: pos(i),
            importance: Set(s.importance.as_str().to_owned()),
            target_level: Set(i32::from(s.target_level.get())),
            editorial: Set(s.editorial),
        });
    }
    insert_all(txn, rows).await?;
    let mut rows = Vec::new();
    for c in &role.certifications {
        rows.push(role_certifications::ActiveModel {
            role_id: Set(role_id),
            certification_id: Set(Ids::of(&ids.certifications, &c.certification)?),
            rank: Set(small(u64::from(c.rank), "rank")?),
            focus: Set(c.focus.clone()),
        });
    }
    insert_all(txn, rows).await?;
    let mut rows = Vec::new();
    for (i, f) in role.frameworks.iter().enumerate() {
        rows.push(role_frameworks::ActiveModel {
            role_id: Set(role_id),
            framework_id: Set(Ids::of(&ids.frameworks, f)?),
            position: pos(i),
        });
    }
    insert_all(txn, rows).await?;
    let mut rows = Vec::new();
    for (i, r) in role.learning_resources.iter().enumerate() {
        rows.push(learning_resources::ActiveModel {
            role_id: Set(role_id),
            position: pos(i),
            kind: Set(r.kind.as_str().to_owned()),
            title: Set(r.title.clone()),
            provider: Set(r.provider.clone()),
            url: Set(r.url.to_string()),
            cost: Set(r.cost.as_ref().map(json).transpose()?),
            free: Set(r.free),
            builds_skills: Set(json(&r.builds_skills)?),
            editorial: Set(r.editorial),
            ..Default::default()
        });
    }
    insert_all(txn, rows).await?;
    let mut rows = Vec::new();
    for (i, p) in role.transition_paths.iter().enumerate() {
        rows.push(transition_paths::ActiveModel {
            role_id: Set(role_id),
            position: pos(i),
            from_role_id: Set(Ids::of(&ids.roles, &p.from_role)?),
            fit: Set(p.fit.clone()),
            transferable_skills: Set(json(&p.transferable_skills)?),
            skills_to_add: Set(json(&p.skills_to_add)?),
            ..Default::default()
        });
    }
    insert_all(txn, rows).await?;
    let mut rows = Vec::new();
    for (i, l) in role.ladder.iter().enumerate() {
        rows.push(ladder_levels::ActiveModel {
            role_id: Set(role_id),
            position: pos(i),
            title: Set(l.title.clone()),
            scope: Set(l.scope.clone()),
            growth: Set(json(&l.growth)?),
            note: Set(l.note.clone()),
            compensation: Set(l.compensation.as_ref().map(json).transpose()?),
            ..Default::default()
        });
    }
    insert_all(txn, rows).await?;
    let mut rows = Vec::new();
    for (i, q) in role.interview_questions.iter().enumerate() {
        rows.push(interview_questions::ActiveModel {
            role_id: Set(role_id),
            position: pos(i),
            question: Set(q.question.clone()),
            tests: Set(q.tests.clone()),
            key_points: Set(json(&q.key_points)?),
            skills: Set(json(&q.skills)?),
            ..Default::default()
        });
    }
    insert_all(txn, rows).await?;
    let rows = role.qualification_cards.iter().enumerate().map(|(i, c)| qualification_cards::ActiveModel {
        role_id: Set(role_id),
        position: pos(i),
        key: Set(c.key.to_string()),
        title: Set(c.title.clone()),
        prompt: Set(c.prompt.clone()),
        skill: Set(c.skill.as_ref().map(|s| s.to_string())),
        editorial: Set(c.editorial),
        ..Default::default()
    });
    insert_all(txn, rows.collect()).await?;
    let mut rows = Vec::new();
    for (i, q) in role.knowledge_check.iter().enumerate() {
        rows.push(quiz_questions::ActiveModel {
            role_id: Set(role_id),
            position: pos(i),
            key: Set(q.key.to_string()),
            prompt: Set(q.prompt.clone()),
            options: Set(json(&q.options)?),
            correct_option: Set(small(u64::from(q.correct_option), "option index")?),
            explanation: Set(q.explanation.clone()),
            source: Set(q.source.clone()),
            ..Default::default()
        });
    }
    insert_all(txn, rows).await?;
    let rows = role.downloads.iter().enumerate().map(|(i, d)| downloads::ActiveModel {
        role_id: Set(role_id),
        position: pos(i),
        key: Set(d.key.to_string()),
        kind: Set(d.kind.as_str().to_owned()),
        title: Set(d.title.clone()),
        description: Set(d.description.clone()),
        body: Set(d.body.clone()),
        editorial: Set(d.editorial),
        ..Default::default()
    });
    insert_all(txn, rows.collect()).await?;
    let rows = role.community_links.iter().enumerate().map(|(i, l)| community_links::ActiveModel {
        role_id: Set(role_id),
        position: pos(i),
        name: Set(l.name.clone()),
        kind: Set(l.kind.as_str().to_owned()),
        url: Set(l.url.to_string()),
        description: Set(l.description.clone()),
        ..Default::default()
    });
    insert_all(txn, rows.collect()).await?;
    Ok(())
}
