//! The content tables: everything a content pack holds. Lists inside one row
//! (key points, employers, options) are JSON columns; everything a query
//! filters or joins on is a column of its own.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
                    .table(Skills::Table)
                    .col(ColumnDef::new(Skills::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Skills::Slug).string().not_null().unique_key())
                    .col(ColumnDef::new(Skills::Name).string().not_null())
                    .col(ColumnDef::new(Skills::Category).string().not_null())
                    .col(ColumnDef::new(Skills::Description).text().not_null())
                    .col(ColumnDef::new(Skills::NamedIn).text().null())
                    .col(ColumnDef::new(Skills::SearchText).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Certifications::Table)
                    .col(ColumnDef::new(Certifications::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Certifications::Slug).string().not_null().unique_key())
                    .col(ColumnDef::new(Certifications::Name).string().not_null())
                    .col(ColumnDef::new(Certifications::FullName).string().null())
                    .col(ColumnDef::new(Certifications::Provider).string().not_null())
                    .col(ColumnDef::new(Certifications::Cost).json().not_null())
                    .col(ColumnDef::new(Certifications::CostMidpoint).big_integer().not_null())
                    .col(ColumnDef::new(Certifications::CostCurrency).string().not_null())
                    .col(ColumnDef::new(Certifications::ExamSummary).text().not_null())
                    .col(ColumnDef::new(Certifications::ExamDurationMinutes).integer().null())
                    .col(ColumnDef::new(Certifications::ExamQuestionsMin).integer().null())
                    .col(ColumnDef::new(Certifications::ExamQuestionsMax).integer().null())
                    .col(ColumnDef::new(Certifications::ExamPassMark).string().null())
                    .col(ColumnDef::new(Certifications::ExamCourseDays).integer().null())
                    .col(ColumnDef::new(Certifications::Prerequisites).text().null())
                    .col(ColumnDef::new(Certifications::Renewal).text().null())
                    .col(ColumnDef::new(Certifications::ContinuingEducation).text().null())
                    .col(ColumnDef::new(Certifications::Url).text().not_null())
                    .col(ColumnDef::new(Certifications::SearchText).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CertificationSkills::Table)
                    .col(ColumnDef::new(CertificationSkills::CertificationId).big_integer().not_null())
                    .col(ColumnDef::new(CertificationSkills::SkillId).big_integer().not_null())
                    .col(ColumnDef::new(CertificationSkills::Position).integer().not_null())
                    .primary_key(
                        Index::create().col(CertificationSkills::CertificationId).col(CertificationSkills::SkillId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CertificationSkills::Table, CertificationSkills::CertificationId)
                            .to(Certifications::Table, Certifications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CertificationSkills::Table, CertificationSkills::SkillId)
                            .to(Skills::Table, Skills::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_certification_skills_skill_id")
                    .table(CertificationSkills::Table)
                    .col(CertificationSkills::SkillId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Frameworks::Table)
                    .col(ColumnDef::new(Frameworks::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Frameworks::Slug).string().not_null().unique_key())
                    .col(ColumnDef::new(Frameworks::Name).string().not_null())
                    .col(ColumnDef::new(Frameworks::FullName).string().null())
                    .col(ColumnDef::new(Frameworks::Publisher).string().not_null())
                    .col(ColumnDef::new(Frameworks::Url).text().not_null())
                    .col(ColumnDef::new(Frameworks::Summary).text().not_null())
                    .col(ColumnDef::new(Frameworks::AsOf).string().null())
                    .col(ColumnDef::new(Frameworks::Facts).json().not_null())
                    .col(ColumnDef::new(Frameworks::Tools).json().not_null())
                    .col(ColumnDef::new(Frameworks::Source).json().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Roles::Table)
                    .col(ColumnDef::new(Roles::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Roles::Slug).string().not_null().unique_key())
                    .col(ColumnDef::new(Roles::Kind).string().not_null())
                    .col(ColumnDef::new(Roles::Title).string().not_null())
                    .col(ColumnDef::new(Roles::OneLine).text().not_null())
                    .col(ColumnDef::new(Roles::Summary).text().not_null())
                    .col(ColumnDef::new(Roles::SearchText).text().not_null())
                    .col(ColumnDef::new(Roles::AlternateTitles).json().not_null())
                    .col(ColumnDef::new(Roles::Responsibilities).json().not_null())
                    .col(ColumnDef::new(Roles::SafetyTeams).json().not_null())
                    .col(ColumnDef::new(Roles::DemandLevel).string().null())
                    .col(ColumnDef::new(Roles::DemandSummary).text().null())
                    .col(ColumnDef::new(Roles::RegulatoryDrivers).json().not_null())
                    .col(ColumnDef::new(Roles::DayEditorial).boolean().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HiringIndustries::Table)
                    .col(ColumnDef::new(HiringIndustries::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(HiringIndustries::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(HiringIndustries::Position).integer().not_null())
                    .col(ColumnDef::new(HiringIndustries::Industry).string().not_null())
                    .col(ColumnDef::new(HiringIndustries::Employers).json().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(HiringIndustries::Table, HiringIndustries::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_hiring_industries_role_id")
                    .table(HiringIndustries::Table)
                    .col(HiringIndustries::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SalaryPoints::Table)
                    .col(ColumnDef::new(SalaryPoints::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(SalaryPoints::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(SalaryPoints::Position).integer().not_null())
                    .col(ColumnDef::new(SalaryPoints::Title).string().not_null())
                    .col(ColumnDef::new(SalaryPoints::Employer).string().not_null())
                    .col(ColumnDef::new(SalaryPoints::Amount).big_integer().not_null())
                    .col(ColumnDef::new(SalaryPoints::Currency).string().not_null())
                    .col(ColumnDef::new(SalaryPoints::Period).string().not_null())
                    .col(ColumnDef::new(SalaryPoints::PlusEquity).boolean().not_null())
                    .col(ColumnDef::new(SalaryPoints::Source).json().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(SalaryPoints::Table, SalaryPoints::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_salary_points_role_id")
                    .table(SalaryPoints::Table)
                    .col(SalaryPoints::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DayBlocks::Table)
                    .col(ColumnDef::new(DayBlocks::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(DayBlocks::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(DayBlocks::Position).integer().not_null())
                    .col(ColumnDef::new(DayBlocks::PartOfDay).string().not_null())
                    .col(ColumnDef::new(DayBlocks::Activity).text().not_null())
                    .col(ColumnDef::new(DayBlocks::Detail).text().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(DayBlocks::Table, DayBlocks::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_day_blocks_role_id")
                    .table(DayBlocks::Table)
                    .col(DayBlocks::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleSkills::Table)
                    .col(ColumnDef::new(RoleSkills::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(RoleSkills::SkillId).big_integer().not_null())
                    .col(ColumnDef::new(RoleSkills::Position).integer().not_null())
                    .col(ColumnDef::new(RoleSkills::Importance).string().not_null())
                    .col(ColumnDef::new(RoleSkills::TargetLevel).integer().not_null())
                    .col(ColumnDef::new(RoleSkills::Editorial).boolean().not_null())
                    .primary_key(Index::create().col(RoleSkills::RoleId).col(RoleSkills::SkillId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleSkills::Table, RoleSkills::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleSkills::Table, RoleSkills::SkillId)
                            .to(Skills::Table, Skills::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_role_skills_skill_id")
                    .table(RoleSkills::Table)
                    .col(RoleSkills::SkillId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleCertifications::Table)
                    .col(ColumnDef::new(RoleCertifications::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(RoleCertifications::CertificationId).big_integer().not_null())
                    .col(ColumnDef::new(RoleCertifications::Rank).integer().not_null())
                    .col(ColumnDef::new(RoleCertifications::Focus).text().null())
                    .primary_key(
                        Index::create().col(RoleCertifications::RoleId).col(RoleCertifications::CertificationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleCertifications::Table, RoleCertifications::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleCertifications::Table, RoleCertifications::CertificationId)
                            .to(Certifications::Table, Certifications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_role_certifications_certification_id")
                    .table(RoleCertifications::Table)
                    .col(RoleCertifications::CertificationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleFrameworks::Table)
                    .col(ColumnDef::new(RoleFrameworks::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(RoleFrameworks::FrameworkId).big_integer().not_null())
                    .col(ColumnDef::new(RoleFrameworks::Position).integer().not_null())
                    .primary_key(Index::create().col(RoleFrameworks::RoleId).col(RoleFrameworks::FrameworkId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleFrameworks::Table, RoleFrameworks::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleFrameworks::Table, RoleFrameworks::FrameworkId)
                            .to(Frameworks::Table, Frameworks::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_role_frameworks_framework_id")
                    .table(RoleFrameworks::Table)
                    .col(RoleFrameworks::FrameworkId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LearningResources::Table)
                    .col(ColumnDef::new(LearningResources::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(LearningResources::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(LearningResources::Position).integer().not_null())
                    .col(ColumnDef::new(LearningResources::Kind).string().not_null())
                    .col(ColumnDef::new(LearningResources::Title).string().not_null())
                    .col(ColumnDef::new(LearningResources::Provider).string().not_null())
                    .col(ColumnDef::new(LearningResources::Url).text().not_null())
                    .col(ColumnDef::new(LearningResources::Cost).json().null())
                    .col(ColumnDef::new(LearningResources::Free).boolean().null())
                    .col(ColumnDef::new(LearningResources::BuildsSkills).json().not_null())
                    .col(ColumnDef::new(LearningResources::Editorial).boolean().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(LearningResources::Table, LearningResources::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_learning_resources_role_id")
                    .table(LearningResources::Table)
                    .col(LearningResources::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TransitionPaths::Table)
                    .col(ColumnDef::new(TransitionPaths::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(TransitionPaths::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(TransitionPaths::Position).integer().not_null())
                    .col(ColumnDef::new(TransitionPaths::FromRoleId).big_integer().not_null())
                    .col(ColumnDef::new(TransitionPaths::Fit).text().not_null())
                    .col(ColumnDef::new(TransitionPaths::TransferableSkills).json().not_null())
                    .col(ColumnDef::new(TransitionPaths::SkillsToAdd).json().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(TransitionPaths::Table, TransitionPaths::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TransitionPaths::Table, TransitionPaths::FromRoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_transition_paths_role_id")
                    .table(TransitionPaths::Table)
                    .col(TransitionPaths::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_transition_paths_from_role_id")
                    .table(TransitionPaths::Table)
                    .col(TransitionPaths::FromRoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LadderLevels::Table)
                    .col(ColumnDef::new(LadderLevels::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(LadderLevels::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(LadderLevels::Position).integer().not_null())
                    .col(ColumnDef::new(LadderLevels::Title).string().not_null())
                    .col(ColumnDef::new(LadderLevels::Scope).text().not_null())
                    .col(ColumnDef::new(LadderLevels::Growth).json().not_null())
                    .col(ColumnDef::new(LadderLevels::Note).text().null())
                    .col(ColumnDef::new(LadderLevels::Compensation).json().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(LadderLevels::Table, LadderLevels::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_ladder_levels_role_id")
                    .table(LadderLevels::Table)
                    .col(LadderLevels::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InterviewQuestions::Table)
                    .col(ColumnDef::new(InterviewQuestions::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(InterviewQuestions::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(InterviewQuestions::Position).integer().not_null())
                    .col(ColumnDef::new(InterviewQuestions::Question).text().not_null())
                    .col(ColumnDef::new(InterviewQuestions::Tests).text().not_null())
                    .col(ColumnDef::new(InterviewQuestions::KeyPoints).json().not_null())
                    .col(ColumnDef::new(InterviewQuestions::Skills).json().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(InterviewQuestions::Table, InterviewQuestions::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interview_questions_role_id")
                    .table(InterviewQuestions::Table)
                    .col(InterviewQuestions::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QualificationCards::Table)
                    .col(ColumnDef::new(QualificationCards::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(QualificationCards::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(QualificationCards::Position).integer().not_null())
                    .col(ColumnDef::new(QualificationCards::Key).string().not_null())
                    .col(ColumnDef::new(QualificationCards::Title).string().not_null())
                    .col(ColumnDef::new(QualificationCards::Prompt).text().not_null())
                    .col(ColumnDef::new(QualificationCards::Skill).string().null())
                    .col(ColumnDef::new(QualificationCards::Editorial).boolean().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(QualificationCards::Table, QualificationCards::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_qualification_cards_role_id")
                    .table(QualificationCards::Table)
                    .col(QualificationCards::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_qualification_cards_role_id_key")
                    .table(QualificationCards::Table)
                    .col(QualificationCards::RoleId)
                    .col(QualificationCards::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuizQuestions::Table)
                    .col(ColumnDef::new(QuizQuestions::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(QuizQuestions::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(QuizQuestions::Position).integer().not_null())
                    .col(ColumnDef::new(QuizQuestions::Key).string().not_null())
                    .col(ColumnDef::new(QuizQuestions::Prompt).text().not_null())
                    .col(ColumnDef::new(QuizQuestions::Options).json().not_null())
                    .col(ColumnDef::new(QuizQuestions::CorrectOption).integer().not_null())
                    .col(ColumnDef::new(QuizQuestions::Explanation).text().not_null())
                    .col(ColumnDef::new(QuizQuestions::Source).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(QuizQuestions::Table, QuizQuestions::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quiz_questions_role_id")
                    .table(QuizQuestions::Table)
                    .col(QuizQuestions::RoleId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_quiz_questions_role_id_key")
                    .table(QuizQuestions::Table)
                    .col(QuizQuestions::RoleId)
                    .col(QuizQuestions::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Downloads::Table)
                    .col(ColumnDef::new(Downloads::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Downloads::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(Downloads::Position).integer().not_null())
                    .col(ColumnDef::new(Downloads::Key).string().not_null())
                    .col(ColumnDef::new(Downloads::Kind).string().not_null())
                    .col(ColumnDef::new(Downloads::Title).string().not_null())
                    .col(ColumnDef::new(Downloads::Description).text().not_null())
                    .col(ColumnDef::new(Downloads::Body).text().not_null())
                    .col(ColumnDef::new(Downloads::Editorial).boolean().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Downloads::Table, Downloads::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_downloads_role_id").table(Downloads::Table).col(Downloads::RoleId).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_downloads_role_id_key")
                    .table(Downloads::Table)
                    .col(Downloads::RoleId)
                    .col(Downloads::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommunityLinks::Table)
                    .col(ColumnDef::new(CommunityLinks::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(CommunityLinks::RoleId).big_integer().not_null())
                    .col(ColumnDef::new(CommunityLinks::Position).integer().not_null())
                    .col(ColumnDef::new(CommunityLinks::Name).string().not_null())
                    .col(ColumnDef::new(CommunityLinks::Kind).string().not_null())
                    .col(ColumnDef::new(CommunityLinks::Url).text().not_null())
                    .col(ColumnDef::new(CommunityLinks::Description).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommunityLinks::Table, CommunityLinks::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_community_links_role_id")
                    .table(CommunityLinks::Table)
                    .col(CommunityLinks::RoleId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CommunityLinks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Downloads::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(QuizQuestions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(QualificationCards::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(InterviewQuestions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(LadderLevels::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TransitionPaths::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(LearningResources::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RoleFrameworks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RoleCertifications::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RoleSkills::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(DayBlocks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SalaryPoints::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(HiringIndustries::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Roles::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Frameworks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(CertificationSkills::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Certifications::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Skills::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ContentPacks::Table).to_owned()).await?;
        Ok(())
    }
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
enum Skills {
    Table,
    Id,
    Slug,
    Name,
    Category,
    Description,
    NamedIn,
    SearchText,
}

#[derive(DeriveIden)]
enum Certifications {
    Table,
    Id,
    Slug,
    Name,
    FullName,
    Provider,
    Cost,
    CostMidpoint,
    CostCurrency,
    ExamSummary,
    ExamDurationMinutes,
    ExamQuestionsMin,
    ExamQuestionsMax,
    ExamPassMark,
    ExamCourseDays,
    Prerequisites,
    Renewal,
    ContinuingEducation,
    Url,
    SearchText,
}

#[derive(DeriveIden)]
enum CertificationSkills {
    Table,
    CertificationId,
    SkillId,
    Position,
}

#[derive(DeriveIden)]
enum Frameworks {
    Table,
    Id,
    Slug,
    Name,
    FullName,
    Publisher,
    Url,
    Summary,
    AsOf,
    Facts,
    Tools,
    Source,
}

#[derive(DeriveIden)]
enum Roles {
    Table,
    Id,
    Slug,
    Kind,
    Title,
    OneLine,
    Summary,
    SearchText,
    AlternateTitles,
    Responsibilities,
    SafetyTeams,
    DemandLevel,
    DemandSummary,
    RegulatoryDrivers,
    DayEditorial,
}

#[derive(DeriveIden)]
enum HiringIndustries {
    Table,
    Id,
    RoleId,
    Position,
    Industry,
    Employers,
}

#[derive(DeriveIden)]
enum SalaryPoints {
    Table,
    Id,
    RoleId,
    Position,
    Title,
    Employer,
    Amount,
    Currency,
    Period,
    PlusEquity,
    Source,
}

#[derive(DeriveIden)]
enum DayBlocks {
    Table,
    Id,
    RoleId,
    Position,
    PartOfDay,
    Activity,
    Detail,
}

#[derive(DeriveIden)]
enum RoleSkills {
    Table,
    RoleId,
    SkillId,
    Position,
    Importance,
    TargetLevel,
    Editorial,
}

#[derive(DeriveIden)]
enum RoleCertifications {
    Table,
    RoleId,
    CertificationId,
    Rank,
    Focus,
}

#[derive(DeriveIden)]
enum RoleFrameworks {
    Table,
    RoleId,
    FrameworkId,
    Position,
}

#[derive(DeriveIden)]
enum LearningResources {
    Table,
    Id,
    RoleId,
    Position,
    Kind,
    Title,
    Provider,
    Url,
    Cost,
    Free,
    BuildsSkills,
    Editorial,
}

#[derive(DeriveIden)]
enum TransitionPaths {
    Table,
    Id,
    RoleId,
    Position,
    FromRoleId,
    Fit,
    TransferableSkills,
    SkillsToAdd,
}

#[derive(DeriveIden)]
enum LadderLevels {
    Table,
    Id,
    RoleId,
    Position,
    Title,
    Scope,
    Growth,
    Note,
    Compensation,
}

#[derive(DeriveIden)]
enum InterviewQuestions {
    Table,
    Id,
    RoleId,
    Position,
    Question,
    Tests,
    KeyPoints,
    Skills,
}

#[derive(DeriveIden)]
enum QualificationCards {
    Table,
    Id,
    RoleId,
    Position,
    Key,
    Title,
    Prompt,
    Skill,
    Editorial,
}

#[derive(DeriveIden)]
enum QuizQuestions {
    Table,
    Id,
    RoleId,
    Position,
    Key,
    Prompt,
    Options,
    CorrectOption,
    Explanation,
    Source,
}

#[derive(DeriveIden)]
enum Downloads {
    Table,
    Id,
    RoleId,
    Position,
    Key,
    Kind,
    Title,
    Description,
    Body,
    Editorial,
}

#[derive(DeriveIden)]
enum CommunityLinks {
    Table,
    Id,
    RoleId,
    Position,
    Name,
    Kind,
    Url,
    Description,
}
