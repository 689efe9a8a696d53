//! Partner access: API keys (the secret only as a SHA-256 hash) and the
//! request-quota buckets instances share when the database is PostgreSQL
//! (one GCRA "theoretical arrival time", in µs, per bucket).

use sea_orm_migration::prelude::*;

pub struct Migration;

/// Named explicitly (see `m20261130_000001_taxonomies`).
impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000001_partner_access"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiKeys::Table)
                    .col(ColumnDef::new(ApiKeys::Id).string().not_null().primary_key())
                    .col(ColumnDef::new(ApiKeys::SecretHash).string().not_null().unique_key())
                    .col(ColumnDef::new(ApiKeys::Label).string().not_null())
                    .col(ColumnDef::new(ApiKeys::Name).string().not_null())
                    .col(ColumnDef::new(ApiKeys::Scopes).text().not_null())
                    .col(ColumnDef::new(ApiKeys::Origins).text().not_null())
                    .col(ColumnDef::new(ApiKeys::QuotaLimit).integer().not_null())
                    .col(ColumnDef::new(ApiKeys::QuotaPeriodMs).big_integer().not_null())
                    .col(ColumnDef::new(ApiKeys::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(ApiKeys::CreatedBy).string().null())
                    .col(ColumnDef::new(ApiKeys::RevokedAt).big_integer().null())
                    .col(ColumnDef::new(ApiKeys::LastUsedAt).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuotaBuckets::Table)
                    .col(ColumnDef::new(QuotaBuckets::Bucket).string().not_null().primary_key())
                    .col(ColumnDef::new(QuotaBuckets::TatUs).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(QuotaBuckets::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ApiKeys::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    SecretHash,
    Label,
    Name,
    Scopes,
    Origins,
    QuotaLimit,
    QuotaPeriodMs,
    CreatedAt,
    CreatedBy,
    RevokedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum QuotaBuckets {
    Table,
    Bucket,
    TatUs,
}
