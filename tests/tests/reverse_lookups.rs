//! "Which roles need this skill", served from the content link table, on
//! REST and GraphQL, SQLite and PostgreSQL.

use roledex_domain::profile::{Importance, RoleKind, RoleSkill, Skill, SkillCategory};
use roledex_domain::values::{SkillLevel, Slug};
use roledex_e2e::{ROLE, TestApp, json, on_both_backends, read_pack};
use roledex_persistence::content::{ReadPack, store_pack};

fn slug(raw: &str) -> Slug {
    Slug::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"))
}

/// The shipped pack plus: a second profile role needing one of the first
/// role's skills at another level, and a skill no role needs.
async fn load_pack_with_a_second_role(app: &TestApp) {
    let mut read = read_pack(&roledex_e2e::content_dir()).unwrap_or_else(|e| panic!("{e:?}"));
    let pack = &mut read.pack;
    pack.skills.push(Skill {
        slug: slug("unused-skill"),
        name: "Unused".into(),
        category: SkillCategory::Foundations,
        description: "needed by no role".into(),
        named_in: None,
        taxonomy_items: vec![],
    });
    let main = pack.roles.iter().position(|r| r.kind == RoleKind::Profile).unwrap_or_else(|| panic!("a profile"));
    let mut second = pack.roles[main].clone();
    second.slug = slug("aa-second-role");
    second.title = "AA Second role".into();
    second.skills = vec![RoleSkill {
        skill: slug("red-teaming-methodology"),
        importance: Importance::Supporting,
        target_level: SkillLevel::MIN,
        editorial: true,
    }];
    second.qualification_cards.iter_mut().for_each(|c| c.skill = None);
    pack.roles.push(second);
    assert_eq!(pack.validate(), vec![]);
    let read =
        ReadPack { pack: read.pack, content_hash: "with-second-role".into(), taxonomy_hashes: read.taxonomy_hashes };
    store_pack(&app.state.database, &read, "test").await.unwrap_or_else(|e| panic!("store: {e}"));
    app.state.cache.refresh_version().await.unwrap_or_else(|e| panic!("refresh: {e}"));
}

async fn roles_needing_a_skill(app: &TestApp) {
    let (status, body) = app.get_json("/api/v1/skills/red-teaming-methodology/roles").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["skill"], "red-teaming-methodology");
    let items = body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "only the one profile role, not background roles: {body}");
    assert_eq!(items[0]["role"]["slug"], ROLE);
    assert_eq!(items[0]["importance"], "critical");

    load_pack_with_a_second_role(app).await;
    let (status, body) = app.get_json("/api/v1/skills/red-teaming-methodology/roles").await;
    assert_eq!(status, 200, "{body}");
    let slugs: Vec<&str> =
        body["items"].as_array().into_iter().flatten().filter_map(|i| i["role"]["slug"].as_str()).collect();
    assert_eq!(slugs, vec!["aa-second-role", ROLE], "ordered by title");
    assert_eq!(body["items"][0]["importance"], "supporting");
    assert_eq!(body["items"][0]["target_level"], 1);

    let query =
        "query($s: String!) { rolesNeedingSkill(skillSlug: $s) { role { slug title } importance targetLevel } }";
    let (status, body) = app.graphql(query, json!({ "s": "red-teaming-methodology" })).await;
    assert_eq!(status, 200, "{body}");
    let needs = body["data"]["rolesNeedingSkill"].as_array().cloned().unwrap_or_default();
    assert_eq!(needs.len(), 2, "{body}");
    assert_eq!(needs[1]["role"]["slug"], ROLE);
    assert_eq!(needs[1]["targetLevel"], 4);

    let (status, body) = app.get_json("/api/v1/skills/unused-skill/roles").await;
    assert_eq!((status, body["items"].as_array().map(Vec::len)), (200, Some(0)), "{body}");

    for missing in ["no-such-skill", "Not%20A%20Slug"] {
        let (status, body) = app.get_json(&format!("/api/v1/skills/{missing}/roles")).await;
        assert_eq!((status, body["code"].as_str()), (404, Some("skill_not_found")), "{body}");
    }
    let (_, body) = app.graphql(query, json!({ "s": "no-such-skill" })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "skill_not_found", "{body}");
}
on_both_backends!(roles_needing_a_skill);
