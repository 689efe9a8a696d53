//! Reference taxonomies (MITRE ATLAS, OWASP LLM Top 10, NIST AI RMF): one
//! release per taxonomy, its items as JSON documents with the columns that
//! browsing and search use, and `taxonomy_coverage`, the content (skills,
//! questions, resources) that points at each item, for the reverse look-up.

use sea_orm_migration::prelude::*;

pub struct Migration;

/// Named explicitly: the derive names a migration after its file, and every
/// migration here lives in a `mod.rs` (the first one is recorded as `mod`).
impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000001_taxonomies"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TaxonomyReleases::Table)
                    .col(ColumnDef::new(TaxonomyReleases::Taxonomy).string().not_null().primary_key())
                    .col(ColumnDef::new(TaxonomyReleases::Version).string().not_null())
                    .col(ColumnDef::new(TaxonomyReleases::Sha256).string().not_null())
                    .col(ColumnDef::new(TaxonomyReleases::ImportedAt).big_integer().not_null())
                    .col(ColumnDef::new(TaxonomyReleases::Body).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TaxonomyItems::Table)
                    .col(ColumnDef::new(TaxonomyItems::Taxonomy).string().not_null())
                    .col(ColumnDef::new(TaxonomyItems::ItemId).string().not_null())
                    .col(ColumnDef::new(TaxonomyItems::ItemType).string().not_null())
                    .col(ColumnDef::new(TaxonomyItems::Name).string().not_null())
                    .col(ColumnDef::new(TaxonomyItems::Position).integer().not_null())
                    .col(ColumnDef::new(TaxonomyItems::SearchText).text().not_null())
                    .col(ColumnDef::new(TaxonomyItems::Body).text().not_null())
                    .primary_key(Index::create().col(TaxonomyItems::Taxonomy).col(TaxonomyItems::ItemId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TaxonomyItems::Table, TaxonomyItems::Taxonomy)
                            .to(TaxonomyReleases::Table, TaxonomyReleases::Taxonomy)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_taxonomy_items_position")
                    .table(TaxonomyItems::Table)
                    .col(TaxonomyItems::Taxonomy)
                    .col(TaxonomyItems::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TaxonomyCoverage::Table)
                    .col(ColumnDef::new(TaxonomyCoverage::Taxonomy).string().not_null())
                    .col(ColumnDef::new(TaxonomyCoverage::ItemId).string().not_null())
                    .col(ColumnDef::new(TaxonomyCoverage::SourceKind).string().not_null())
                    .col(ColumnDef::new(TaxonomyCoverage::RoleSlug).string().not_null())
                    .col(ColumnDef::new(TaxonomyCoverage::SourceKey).string().not_null())
                    .col(ColumnDef::new(TaxonomyCoverage::Label).text().not_null())
                    .col(ColumnDef::new(TaxonomyCoverage::Position).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(TaxonomyCoverage::Taxonomy)
                            .col(TaxonomyCoverage::ItemId)
                            .col(TaxonomyCoverage::SourceKind)
                            .col(TaxonomyCoverage::RoleSlug)
                            .col(TaxonomyCoverage::SourceKey),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TaxonomyCoverage::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TaxonomyItems::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TaxonomyReleases::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum TaxonomyReleases {
    Table,
    Taxonomy,
    Version,
    Sha256,
    ImportedAt,
    Body,
}

#[derive(DeriveIden)]
enum TaxonomyItems {
    Table,
    Taxonomy,
    ItemId,
    ItemType,
    Name,
    Position,
    SearchText,
    Body,
}

#[derive(DeriveIden)]
enum TaxonomyCoverage {
    Table,
    Taxonomy,
    ItemId,
    SourceKind,
    RoleSlug,
    SourceKey,
    Label,
    Position,
}
