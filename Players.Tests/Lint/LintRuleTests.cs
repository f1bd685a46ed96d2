using Microsoft.Extensions.Logging.Abstractions;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Lint;
using ThisBuild = Players.Tests.Worker.Migrations;

namespace Players.Tests.Lint;

/// <summary>Each rule on each engine, over hand-written migrations that follow this build's three; offline.</summary>
[Trait("Tier", "Fast")]
public sealed class LintRuleTests
{
    private const DatabaseEngine Sqlite = DatabaseEngine.Sqlite;
    private const DatabaseEngine Postgres = DatabaseEngine.PostgreSql;

    [Theory]
    [InlineData(typeof(RenamePlayersTable), Sqlite, "BC101")]
    [InlineData(typeof(RenamePlayersTable), Postgres, "BC101")]
    [InlineData(typeof(RenameTeamColumn), Sqlite, "BC102")]
    [InlineData(typeof(RenameTeamColumn), Postgres, "BC102")]
    [InlineData(typeof(DropPlayersTable), Sqlite, "DS102")]
    [InlineData(typeof(DropPlayersTable), Postgres, "DS102")]
    [InlineData(typeof(DropLeagueColumn), Sqlite, "DS103 SL101")]
    [InlineData(typeof(DropLeagueColumn), Postgres, "DS103")]
    [InlineData(typeof(UniqueIndexOnTeam), Sqlite, "MF101")]
    [InlineData(typeof(UniqueIndexOnTeam), Postgres, "MF101 PG101")]
    [InlineData(typeof(AddRequiredNickname), Sqlite, "MF103")]
    [InlineData(typeof(AddRequiredNickname), Postgres, "MF103")]
    [InlineData(typeof(AddRequiredNicknameWithDefault), Sqlite, "")]
    [InlineData(typeof(AddRequiredNicknameWithDefault), Postgres, "")]
    [InlineData(typeof(RequireTeam), Sqlite, "MF104 SL101")]
    [InlineData(typeof(RequireTeam), Postgres, "MF104")]
    [InlineData(typeof(IndexOnTeam), Sqlite, "")]
    [InlineData(typeof(IndexOnTeam), Postgres, "PG101")]
    [InlineData(typeof(IndexOnTeamConcurrently), Sqlite, "")]
    [InlineData(typeof(IndexOnTeamConcurrently), Postgres, "")]
    [InlineData(typeof(WidenSquadNumber), Sqlite, "SL101")]
    [InlineData(typeof(WidenSquadNumber), Postgres, "PG301")]
    [InlineData(typeof(LengthenId), Sqlite, "SL101")]
    [InlineData(typeof(LengthenId), Postgres, "")]
    [InlineData(typeof(RawSql), Sqlite, "RS101")]
    [InlineData(typeof(RawSql), Postgres, "RS101")]
    [InlineData(typeof(CreateClubsTable), Sqlite, "")]
    [InlineData(typeof(CreateClubsTable), Postgres, "")]
    [InlineData(typeof(AddNickname), Sqlite, "")]
    [InlineData(typeof(AddNickname), Postgres, "")]
    public void A_migration_after_this_builds_three_gets_the_findings_its_engine_has_rules_for(Type migration, DatabaseEngine engine, string rules)
    {
        var id = TestMigrator.IdOfType(migration);

        var report = TestMigrator.With(OfflineTargets.For(engine), migration).Lint(from: id);

        Assert.Equal([id], report.MigrationIds);
        Assert.Equal(rules.Split(' ', StringSplitOptions.RemoveEmptyEntries), report.Findings.Select(finding => finding.Rule));
        Assert.All(report.Findings, finding => Assert.Equal(id, finding.MigrationId));
        Assert.Equal(report.Findings.Any(finding => finding.Rule is not (LintRules.UnanalysedSql or LintRules.SqliteTableRebuild)), report.Refuses);
    }

    [Theory]
    [InlineData(Sqlite)]
    [InlineData(Postgres)]
    public void This_builds_migrations_lint_clean_their_seed_guards_allowed_with_a_reason(DatabaseEngine engine)
    {
        var migrator = new PlayersMigrator(OfflineTargets.For(engine), NullLoggerFactory.Instance);

        var report = migrator.Lint();

        Assert.Equal(ThisBuild.All, report.MigrationIds);
        Assert.False(report.Refuses);
        Assert.Equal(
            [(ThisBuild.SeedStartingEleven, LintRules.UnanalysedSql), (ThisBuild.SeedSubstitutes, LintRules.UnanalysedSql)],
            report.Findings.Select(finding => (finding.MigrationId, finding.Rule)));
        Assert.All(report.Findings, finding => Assert.Contains("seed guard", finding.AllowedBecause, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Sqlite)]
    [InlineData(Postgres)]
    public void The_downs_of_this_builds_migrations_remove_only_what_their_ups_created(DatabaseEngine engine)
    {
        using var db = new PlayersMigrator(OfflineTargets.For(engine), NullLoggerFactory.Instance).CreateContext(sink: null);

        var report = new MigrationLinter(db).LintDown([.. ThisBuild.All.Reverse()]);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void A_finding_is_one_line_naming_the_migration_the_rule_the_severity_what_and_why_and_the_safe_way()
    {
        var report = TestMigrator.With<IndexOnTeam>(OfflineTargets.For(Postgres)).Lint(from: TestMigrator.IdOf<IndexOnTeam>());

        var line = Assert.Single(report.Lines());
        Assert.StartsWith(
            "20261202000006_IndexOnTeam PG101 error creates index IX_players_team on existing table players (created by 20261126041544_CreatePlayersTable) without CONCURRENTLY: ",
            line,
            StringComparison.Ordinal);
        Assert.Contains("Instead add .Annotation(\"Npgsql:CreatedConcurrently\", true)", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void A_table_an_earlier_migration_created_is_existing_for_the_next_one()
    {
        var report = TestMigrator.With<CreateClubsTable, IndexClubCountry>(OfflineTargets.For(Postgres)).Lint(from: "CreateClubsTable");

        var finding = Assert.Single(report.Findings);
        Assert.Equal((TestMigrator.IdOf<IndexClubCountry>(), LintRules.IndexWithoutConcurrently), (finding.MigrationId, finding.Rule));
        Assert.Contains($"existing table clubs (created by {TestMigrator.IdOf<CreateClubsTable>()})", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sqlite_rebuild_is_a_warning_that_never_refuses()
    {
        var report = TestMigrator.With<WidenSquadNumber>(OfflineTargets.For(Sqlite)).Lint(from: "WidenSquadNumber");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("every row is copied into ef_temp_players", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Refuses);
    }

    [Fact]
    public void A_hand_written_migration_that_sqlite_can_only_rebuild_from_a_model_it_lacks_is_said_to_fail_there()
    {
        var report = TestMigrator.With<LengthenId>(OfflineTargets.For(Sqlite)).Lint(from: "LengthenId");

        Assert.Contains("this migration has none (no designer file): it fails on SQLite", Assert.Single(report.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allowance_with_a_reason_allows_its_rule_and_says_why()
    {
        var report = TestMigrator.With<AllowedIndexOnTeam>(OfflineTargets.For(Postgres)).Lint(from: "AllowedIndexOnTeam");

        var finding = Assert.Single(report.Findings);
        Assert.True(finding.Allowed);
        Assert.False(report.Refuses);
        Assert.EndsWith("Allowed: players holds a few hundred rows: the lock lasts milliseconds.", finding.Line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allowance_without_a_reason_allows_nothing()
    {
        var report = TestMigrator.With<IndexOnTeamAllowedWithoutReason>(OfflineTargets.For(Postgres)).Lint(from: "IndexOnTeamAllowedWithoutReason");

        var finding = Assert.Single(report.Findings);
        Assert.False(finding.Allowed);
        Assert.True(report.Refuses);
        Assert.Contains("gives no reason, so it allows nothing", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Sqlite)]
    [InlineData(Postgres)]
    public void A_down_that_removes_only_what_its_up_created_is_no_finding(DatabaseEngine engine)
    {
        using var db = TestMigrator.With<CreateClubsTable, AddNickname>(OfflineTargets.For(engine)).CreateContext(sink: null);

        var report = new MigrationLinter(db).LintDown([TestMigrator.IdOf<AddNickname>(), TestMigrator.IdOf<CreateClubsTable>()]);

        Assert.Empty(report.Findings);
    }

    [Theory]
    [InlineData(Sqlite, "MF104 SL101")]
    [InlineData(Postgres, "MF104")]
    public void A_down_that_constrains_what_an_earlier_migration_created_is_a_finding(DatabaseEngine engine, string rules)
    {
        using var db = TestMigrator.With<RelaxFirstName>(OfflineTargets.For(engine)).CreateContext(sink: null);

        var report = new MigrationLinter(db).LintDown([TestMigrator.IdOf<RelaxFirstName>()]);

        Assert.Equal(rules.Split(' '), report.Findings.Select(finding => finding.Rule));
        Assert.True(report.Refuses);
    }

    [Fact]
    public void From_and_to_take_ids_or_names_and_include_both_bounds()
    {
        var migrator = new PlayersMigrator(OfflineTargets.For(Sqlite), NullLoggerFactory.Instance);

        Assert.Equal([ThisBuild.SeedStartingEleven, ThisBuild.SeedSubstitutes], migrator.Lint(from: "seedstartingeleven", to: ThisBuild.SeedSubstitutes).MigrationIds);
        Assert.Equal([ThisBuild.CreatePlayersTable], migrator.Lint(to: "CreatePlayersTable").MigrationIds);
    }

    [Theory]
    [InlineData("SeedSubstitutes", "CreatePlayersTable", "comes after")]
    [InlineData("-1", "head", "relative")]
    [InlineData("NoSuchMigration", "head", "Unknown migration target 'NoSuchMigration'")]
    public void Bounds_the_wrong_way_round_relative_or_unknown_are_refused(string from, string to, string message)
    {
        var migrator = new PlayersMigrator(OfflineTargets.For(Sqlite), NullLoggerFactory.Instance);

        var refused = Assert.Throws<MigrationTargetException>(() => migrator.Lint(from, to));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
