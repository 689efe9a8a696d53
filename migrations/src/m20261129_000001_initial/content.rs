//! Content is written whole (a pack) and read whole (a profile), so each
//! content document (a role, skill, certification or framework) is one row
//! holding its JSON. Only what queries filter, sort or join on is a column:
//! kind, slug, title, role kind and the search text, plus `content_links` for
//! the reverse look-ups ("which roles need this skill").

use sea_orm_migration::prelude::*;

pub async fn create(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(ContentPacks::Table)
                .col(ColumnDef::new(ContentPacks::Id).big_integer().not_null().auto_increment().primary_key())
                .col(ColumnDef::new(ContentPacks::ContentHash).string().not_null().unique_key())
                .col(ColumnDef::new(ContentPacks::LoadedAt).big_integer().not_null())
                .col(ColumnDef::new(ContentPacks::RoleCount).integer().not_null())
                .col(ColumnDef::new(ContentPacks::SourceDir).text().not_null())
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(ContentDocuments::Table)
                .col(ColumnDef::new(ContentDocuments::Kind).string().not_null())
                .col(ColumnDef::new(ContentDocuments::Slug).string().not_null())
                .col(ColumnDef::new(ContentDocuments::Title).string().not_null())
                .col(ColumnDef::new(ContentDocuments::RoleKind).string().null())
                .col(ColumnDef::new(ContentDocuments::SearchText).text().not_null())
                .col(ColumnDef::new(ContentDocuments::Body).text().not_null())
                .primary_key(Index::create().col(ContentDocuments::Kind).col(ContentDocuments::Slug))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(ContentLinks::Table)
                .col(ColumnDef::new(ContentLinks::SourceKind).string().not_null())
                .col(ColumnDef::new(ContentLinks::SourceSlug).string().not_null())
                .col(ColumnDef::new(ContentLinks::TargetKind).string().not_null())
                .col(ColumnDef::new(ContentLinks::TargetSlug).string().not_null())
                .col(ColumnDef::new(ContentLinks::Position).integer().not_null())
                .primary_key(
                    Index::create()
                        .col(ContentLinks::SourceKind)
                        .col(ContentLinks::SourceSlug)
                        .col(ContentLinks::TargetKind)
                        .col(ContentLinks::TargetSlug),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContentLinks::Table, (ContentLinks::SourceKind, ContentLinks::SourceSlug))
                        .to(ContentDocuments::Table, (ContentDocuments::Kind, ContentDocuments::Slug))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContentLinks::Table, (ContentLinks::TargetKind, ContentLinks::TargetSlug))
                        .to(ContentDocuments::Table, (ContentDocuments::Kind, ContentDocuments::Slug))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_content_links_target")
                .table(ContentLinks::Table)
                .col(ContentLinks::TargetKind)
                .col(ContentLinks::TargetSlug)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_content_documents_kind_title")
                .table(ContentDocuments::Table)
                .col(ContentDocuments::Kind)
                .col(ContentDocuments::Title)
                .to_owned(),
        )
        .await
}

pub async fn drop(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager.drop_table(Table::drop().table(ContentLinks::Table).to_owned()).await?;
    manager.drop_table(Table::drop().table(ContentDocuments::Table).to_owned()).await?;
    manager.drop_table(Table::drop().table(ContentPacks::Table).to_owned()).await
}

#[derive(DeriveIden)]
enum ContentPacks {
    Table,
    Id,
    ContentHash,
    LoadedAt,
    RoleCount,
    SourceDir,
}

#[derive(DeriveIden)]
enum ContentDocuments {
    Table,
    Kind,
    Slug,
    Title,
    RoleKind,
    SearchText,
    Body,
}

#[derive(DeriveIden)]
enum ContentLinks {
    Table,
    SourceKind,
    SourceSlug,
    TargetKind,
    TargetSlug,
    Position,
}
