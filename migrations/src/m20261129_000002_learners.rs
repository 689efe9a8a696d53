//! Learner data: accounts, refresh tokens, submissions, sprint plans and
//! idempotency keys. Learner rows refer to content by role slug, never by a
//! content row id, so reloading a content pack leaves them intact.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshTokens::Table, RefreshTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Assessments::Table)
                    .col(ColumnDef::new(Assessments::Id).string().not_null().primary_key())
                    .col(ColumnDef::new(Assessments::UserId).string().not_null())
                    .col(ColumnDef::new(Assessments::RoleSlug).string().not_null())
                    .col(ColumnDef::new(Assessments::Ratings).json().not_null())
                    .col(ColumnDef::new(Assessments::Result).json().not_null())
                    .col(ColumnDef::new(Assessments::SkillsScore).integer().not_null())
                    .col(ColumnDef::new(Assessments::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assessments::Table, Assessments::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QualificationChecks::Table)
                    .col(ColumnDef::new(QualificationChecks::Id).string().not_null().primary_key())
                    .col(ColumnDef::new(QualificationChecks::UserId).string().not_null())
                    .col(ColumnDef::new(QualificationChecks::RoleSlug).string().not_null())
                    .col(ColumnDef::new(QualificationChecks::Ratings).json().not_null())
                    .col(ColumnDef::new(QualificationChecks::Result).json().not_null())
                    .col(ColumnDef::new(QualificationChecks::Score).integer().not_null())
                    .col(ColumnDef::new(QualificationChecks::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(QualificationChecks::Table, QualificationChecks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuizAttempts::Table)
                    .col(ColumnDef::new(QuizAttempts::Id).string().not_null().primary_key())
                    .col(ColumnDef::new(QuizAttempts::UserId).string().not_null())
                    .col(ColumnDef::new(QuizAttempts::RoleSlug).string().not_null())
                    .col(ColumnDef::new(QuizAttempts::Answers).json().not_null())
                    .col(ColumnDef::new(QuizAttempts::Result).json().not_null())
                    .col(ColumnDef::new(QuizAttempts::Score).integer().not_null())
                    .col(ColumnDef::new(QuizAttempts::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(QuizAttempts::Table, QuizAttempts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
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
                    .col(ColumnDef::new(SprintPlans::Request).json().not_null())
                    .col(ColumnDef::new(SprintPlans::Plan).json().not_null())
                    .col(ColumnDef::new(SprintPlans::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(SprintPlans::Table, SprintPlans::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
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
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(ColumnDef::new(IdempotencyKeys::UserId).string().not_null())
                    .col(ColumnDef::new(IdempotencyKeys::Key).string().not_null())
                    .col(ColumnDef::new(IdempotencyKeys::RequestHash).string().not_null())
                    .col(ColumnDef::new(IdempotencyKeys::ResponseStatus).integer().null())
                    .col(ColumnDef::new(IdempotencyKeys::ResponseBody).text().null())
                    .col(ColumnDef::new(IdempotencyKeys::CreatedAt).big_integer().not_null())
                    .primary_key(Index::create().col(IdempotencyKeys::UserId).col(IdempotencyKeys::Key))
                    .foreign_key(
                        ForeignKey::create()
                            .from(IdempotencyKeys::Table, IdempotencyKeys::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_users_external_issuer_external_subject")
                    .table(Users::Table)
                    .col(Users::ExternalIssuer)
                    .col(Users::ExternalSubject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_refresh_tokens_family_id")
                    .table(RefreshTokens::Table)
                    .col(RefreshTokens::FamilyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_refresh_tokens_user_id")
                    .table(RefreshTokens::Table)
                    .col(RefreshTokens::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_assessments_user_id_role_slug_created_at")
                    .table(Assessments::Table)
                    .col(Assessments::UserId)
                    .col(Assessments::RoleSlug)
                    .col(Assessments::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_qualification_checks_user_id_role_slug_created_at")
                    .table(QualificationChecks::Table)
                    .col(QualificationChecks::UserId)
                    .col(QualificationChecks::RoleSlug)
                    .col(QualificationChecks::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quiz_attempts_user_id_role_slug_created_at")
                    .table(QuizAttempts::Table)
                    .col(QuizAttempts::UserId)
                    .col(QuizAttempts::RoleSlug)
                    .col(QuizAttempts::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sprint_plans_user_id_created_at")
                    .table(SprintPlans::Table)
                    .col(SprintPlans::UserId)
                    .col(SprintPlans::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_idempotency_keys_created_at")
                    .table(IdempotencyKeys::Table)
                    .col(IdempotencyKeys::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(IdempotencyKeys::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SprintTaskStates::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SprintPlans::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(QuizAttempts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(QualificationChecks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Assessments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RefreshTokens::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Users::Table).to_owned()).await?;
        Ok(())
    }
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
enum Assessments {
    Table,
    Id,
    UserId,
    RoleSlug,
    Ratings,
    Result,
    SkillsScore,
    CreatedAt,
}

#[derive(DeriveIden)]
enum QualificationChecks {
    Table,
    Id,
    UserId,
    RoleSlug,
    Ratings,
    Result,
    Score,
    CreatedAt,
}

#[derive(DeriveIden)]
enum QuizAttempts {
    Table,
    Id,
    UserId,
    RoleSlug,
    Answers,
    Result,
    Score,
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
    ResponseStatus,
    ResponseBody,
    CreatedAt,
}
