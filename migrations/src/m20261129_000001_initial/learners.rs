//! Learner data. Learner rows refer to content by role slug, never by a
//! content row, so reloading a content pack leaves them intact. Stored
//! results are serialized domain values with a `format_version`, so a reader
//! knows which shape it is looking at.

use sea_orm_migration::prelude::*;

/// A foreign key from `table.user_id` to `users.id`: a learner's rows go with the account.
fn owned_by_user(table: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, Alias::new("user_id"))
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

pub async fn create(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Users::Table)
                .col(ColumnDef::new(Users::Id).string().not_null().primary_key())
                .col(ColumnDef::new(Users::Email).string().null().unique_key())
                .col(ColumnDef::new(Users::PasswordHash).text().null())
                .col(ColumnDef::new(Users::Role).string().not_null())
                .col(ColumnDef::new(Users::ExternalIssuer).string().null())
                .col(ColumnDef::new(Users::ExternalSubject).string().null())
                .col(ColumnDef::new(Users::CreatedAt).big_integer().not_null())
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(ColumnDef::new(RefreshTokens::Id).string().not_null().primary_key())
                .col(ColumnDef::new(RefreshTokens::UserId).string().not_null())
                .col(ColumnDef::new(RefreshTokens::FamilyId).string().not_null())
                .col(ColumnDef::new(RefreshTokens::TokenHash).string().not_null().unique_key())
                .col(ColumnDef::new(RefreshTokens::ExpiresAt).big_integer().not_null())
                .col(ColumnDef::new(RefreshTokens::UsedAt).big_integer().null())
                .col(ColumnDef::new(RefreshTokens::RevokedAt).big_integer().null())
                .col(ColumnDef::new(RefreshTokens::CreatedAt).big_integer().not_null())
                .foreign_key(&mut owned_by_user(RefreshTokens::Table))
                .to_owned(),
        )
        .await?;
    // Self-assessments, qualification checks and quiz attempts: one shape, told apart by `kind`.
    manager
        .create_table(
            Table::create()
                .table(Submissions::Table)
                .col(ColumnDef::new(Submissions::Id).string().not_null().primary_key())
                .col(ColumnDef::new(Submissions::UserId).string().not_null())
                .col(ColumnDef::new(Submissions::Kind).string().not_null())
                .col(ColumnDef::new(Submissions::RoleSlug).string().not_null())
                .col(ColumnDef::new(Submissions::Input).text().not_null())
                .col(ColumnDef::new(Submissions::Result).text().not_null())
                .col(ColumnDef::new(Submissions::Score).integer().not_null())
                .col(ColumnDef::new(Submissions::FormatVersion).integer().not_null())
                .col(ColumnDef::new(Submissions::CreatedAt).big_integer().not_null())
                .foreign_key(&mut owned_by_user(Submissions::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(SprintPlans::Table)
                .col(ColumnDef::new(SprintPlans::Id).string().not_null().primary_key())
                .col(ColumnDef::new(SprintPlans::UserId).string().not_null())
                .col(ColumnDef::new(SprintPlans::RoleSlug).string().not_null())
                .col(ColumnDef::new(SprintPlans::Request).text().not_null())
                .col(ColumnDef::new(SprintPlans::Plan).text().not_null())
                .col(ColumnDef::new(SprintPlans::FormatVersion).integer().not_null())
                .col(ColumnDef::new(SprintPlans::CreatedAt).big_integer().not_null())
                .foreign_key(&mut owned_by_user(SprintPlans::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(SprintTaskStates::Table)
                .col(ColumnDef::new(SprintTaskStates::PlanId).string().not_null())
                .col(ColumnDef::new(SprintTaskStates::TaskKey).string().not_null())
                .col(ColumnDef::new(SprintTaskStates::Done).boolean().not_null())
                .col(ColumnDef::new(SprintTaskStates::UpdatedAt).big_integer().not_null())
                .primary_key(Index::create().col(SprintTaskStates::PlanId).col(SprintTaskStates::TaskKey))
                .foreign_key(
                    ForeignKey::create()
                        .from(SprintTaskStates::Table, SprintTaskStates::PlanId)
                        .to(SprintPlans::Table, SprintPlans::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    // `outcome` is null while the first request holds the key, then `value`
    // or `problem`; `response` is the JSON that was answered.
    manager
        .create_table(
            Table::create()
                .table(IdempotencyKeys::Table)
                .col(ColumnDef::new(IdempotencyKeys::UserId).string().not_null())
                .col(ColumnDef::new(IdempotencyKeys::Key).string().not_null())
                .col(ColumnDef::new(IdempotencyKeys::RequestHash).string().not_null())
                .col(ColumnDef::new(IdempotencyKeys::Outcome).string().null())
                .col(ColumnDef::new(IdempotencyKeys::Response).text().null())
                .col(ColumnDef::new(IdempotencyKeys::CreatedAt).big_integer().not_null())
                .primary_key(Index::create().col(IdempotencyKeys::UserId).col(IdempotencyKeys::Key))
                .foreign_key(&mut owned_by_user(IdempotencyKeys::Table))
                .to_owned(),
        )
        .await?;
    let indexes = [
        Index::create()
            .name("uq_users_external_issuer_external_subject")
            .table(Users::Table)
            .col(Users::ExternalIssuer)
            .col(Users::ExternalSubject)
            .unique()
            .to_owned(),
        Index::create()
            .name("idx_refresh_tokens_family_id")
            .table(RefreshTokens::Table)
            .col(RefreshTokens::FamilyId)
            .to_owned(),
        Index::create()
            .name("idx_refresh_tokens_user_id")
            .table(RefreshTokens::Table)
            .col(RefreshTokens::UserId)
            .to_owned(),
        Index::create()
            .name("idx_submissions_user_id_kind_role_slug_created_at")
            .table(Submissions::Table)
            .col(Submissions::UserId)
            .col(Submissions::Kind)
            .col(Submissions::RoleSlug)
            .col(Submissions::CreatedAt)
            .to_owned(),
        Index::create()
            .name("idx_sprint_plans_user_id_created_at")
            .table(SprintPlans::Table)
            .col(SprintPlans::UserId)
            .col(SprintPlans::CreatedAt)
            .to_owned(),
        Index::create()
            .name("idx_idempotency_keys_created_at")
            .table(IdempotencyKeys::Table)
            .col(IdempotencyKeys::CreatedAt)
            .to_owned(),
    ];
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

pub async fn drop(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for table in [
        IdempotencyKeys::Table.into_iden(),
        SprintTaskStates::Table.into_iden(),
        SprintPlans::Table.into_iden(),
        Submissions::Table.into_iden(),
        RefreshTokens::Table.into_iden(),
        Users::Table.into_iden(),
    ] {
        manager.drop_table(Table::drop().table(table).to_owned()).await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    ExternalIssuer,
    ExternalSubject,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Submissions {
    Table,
    Id,
    UserId,
    Kind,
    RoleSlug,
    Input,
    Result,
    Score,
    FormatVersion,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SprintPlans {
    Table,
    Id,
    UserId,
    RoleSlug,
    Request,
    Plan,
    FormatVersion,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SprintTaskStates {
    Table,
    PlanId,
    TaskKey,
    Done,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    RequestHash,
    Outcome,
    Response,
    CreatedAt,
}
