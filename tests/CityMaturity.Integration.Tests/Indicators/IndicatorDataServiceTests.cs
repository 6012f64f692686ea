using System.Text;
using CityMaturity.Domain.Indicators;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using CityMaturity.Web.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityMaturity.Integration.Tests.Indicators;

/// <summary>
/// An organisation's indicator data against a real database and the shipped frameworks: a good file or save writes
/// everything with an audit trail, a bad one nothing at all.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class IndicatorDataServiceTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Header = "indicator_code,year,value,unit,numerator,denominator,source,note";
    private string _connectionString = null!;
    private AccessWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await AccessWorld.CreateAsync(database.Server);
        _connectionString = _world.Factory.ConnectionString;
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private Guid CityA => _world.CityA.Id;

    private Guid DataOfficer => _world.Users["data_officer"].Id;

    private static string Csv(params string[] rows) => Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

    private static readonly string GoodFile = Csv(
        "L1.1.1,2023,40,%,40,100,City services register 2023,",
        "L1.1.1,2024,45.5,percent,91,200,City services register 2024,\"counted by hand, twice\"",
        "L1.2.1,2024,72,points out of 100,,,Survey,");

    private async Task<T> WithAsync<T>(Func<IndicatorDataService, Task<T>> action)
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IndicatorDataService>());
    }

    private Task<IndicatorImportResult> ImportAsync(string text, Guid? organisationId = null) =>
        ImportAsync(Encoding.UTF8.GetBytes(text), organisationId);

    private Task<IndicatorImportResult> ImportAsync(byte[] bytes, Guid? organisationId = null) =>
        WithAsync(s => s.ImportAsync(organisationId ?? CityA, new MemoryStream(bytes), DataOfficer));

    [Fact]
    public async Task A_good_file_stores_every_value_with_the_indicators_unit_and_an_audit_entry_each()
    {
        var result = await ImportAsync(GoodFile);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal((3, 0, 0), (result.Created, result.Changed, result.Unchanged));
        var values = await WithAsync(s => s.ValuesAsync(CityA));
        Assert.Equal(["L1.1.1 2023 40 %", "L1.1.1 2024 45.5 %", "L1.2.1 2024 72 points out of 100"],
            values.Select(v => $"{v.IndicatorCode} {v.Year} {v.Value} {v.Unit}"));
        Assert.All(values, v => Assert.Equal((IndicatorValueStatus.Draft, DataOfficer, 1), (v.Status, v.EnteredByUserId!.Value, v.Version)));
        var history = await WithAsync(s => s.HistoryAsync(CityA, "L1.1.1"));
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.Equal((IndicatorValueChangeSource.Import, "data-officer", (IndicatorEntry?)null), (h.Source, h.ChangedBy, h.Old)));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_row_is_audited_old_and_new()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);

        var again = await ImportAsync(GoodFile);
        var changed = await ImportAsync(Csv("L1.2.1,2024,75,points out of 100,,,Survey (corrected),"));

        Assert.Equal((0, 0, 3), (again.Created, again.Changed, again.Unchanged));
        Assert.Equal((0, 1, 0), (changed.Created, changed.Changed, changed.Unchanged));
        var latestChange = (await WithAsync(s => s.HistoryAsync(CityA, "L1.2.1")))[0];
        Assert.Equal((72m, "Survey", 75m, "Survey (corrected)"), (latestChange.Old!.Value, latestChange.Old.Source, latestChange.New!.Value, latestChange.New.Source));
        Assert.Equal(2, (await WithAsync(s => s.ValuesAsync(CityA, "L1.2.1", 2024))).Single().Version);
    }

    public static TheoryData<string> BadFiles => [.. BadFileCorpus.Keys];

    /// <summary>Each bad file, and the problem it must be refused with: line, column, part of the message.</summary>
    private static readonly Dictionary<string, (Func<byte[]> Content, int Line, string Column, string Message)> BadFileCorpus = new()
    {
        ["wrong header"] = (() => Utf8(GoodFile.Replace("denominator", "denom", StringComparison.Ordinal)), 1, "", "the header is not right"),
        ["unknown code"] = (() => Utf8(Csv("L1.1.1,2024,45,%,,,,", "L9.9.9,2024,1,,,,,")), 3, "indicator_code", "\"L9.9.9\" is not the code of an indicator"),
        ["value out of type"] = (() => Utf8(Csv("L1.1.1,2023,40,%,,,,", "L1.1.1,2024,140,%,,,,")), 3, "value", "\"140\" is not a percentage".Replace("\"", "", StringComparison.Ordinal)),
        ["duplicate indicator-year"] = (() => Utf8(Csv("L1.1.1,2024,45,%,,,,", "L1.2.1,2024,70,,,,,", "l1.1.1,2024,46,%,,,,")), 4, "year", "L1.1.1 has a value for 2024 already on line 2"),
        ["numerator > denominator"] = (() => Utf8(Csv("L1.1.1,2024,100,%,120,100,,")), 2, "numerator", "is more than the denominator 100"),
        ["wrong unit"] = (() => Utf8(Csv("L1.1.1,2024,45,%,,,,", "L1.2.1,2024,70,%,,,,")), 3, "unit", "\"%\" is not the unit of L1.2.1; use \"points out of 100\""),
        ["non-UTF-8"] = (() => [.. Utf8(Csv("L1.1.1,2024,45,%,,,,") + "L1.2.1,2024,70,,,,Caf"), 0xE9, .. "\r\n"u8], 3, "", "not valid UTF-8"),
        ["formula injection in a number"] = (() => Utf8(Csv("L1.1.1,2024,45,%,,,,", "L1.2.1,2024,=1+cmd|' /C calc'!A0,,,,,")), 3, "value", "is not a number"),
        ["10 MB junk"] = (RandomJunk, 0, "", "the file is larger than 5 MB"),
        ["a bad last row after many good ones"] = (() => Utf8(ManyRowsThen("L1.1.1,2024,101,%,,,,")), 2 + 51 * 10, "value", "is not a percentage"),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomJunk()
    {
        var junk = new byte[10 * 1024 * 1024];
        new Random(37120).NextBytes(junk);
        return junk;
    }

    /// <summary>Every ISO/IEC 30146 indicator but L1.1.1 for ten years (good rows), then <paramref name="lastRow"/>.</summary>
    private static string ManyRowsThen(string lastRow)
    {
        var library = CityMaturity.Domain.Indicators.IndicatorLibrary.Load(CityMaturity.Domain.Catalogue.CatalogueLoader.LoadEmbedded(), []);
        var indicators = library.FindFramework("iso-iec-30146")!.Indicators.Where(i => i.Code != "L1.1.1").Take(51).ToList();
        var rows = from year in Enumerable.Range(2015, 10)
                   from indicator in indicators
                   select $"{indicator.Code},{year},1,{indicator.Unit},,,,";
        return Csv([.. rows, lastRow]);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_leaves_the_database_exactly_as_it_was(string name)
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);
        var before = await SnapshotAsync();
        var (content, line, column, message) = BadFileCorpus[name];

        var result = await ImportAsync(content());

        Assert.False(result.Succeeded);
        Assert.Equal((0, 0, 0), (result.Created, result.Changed, result.Unchanged));
        Assert.Contains(result.Problems, p => p.Line == line && p.Column == column && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_many_good_rows_alone_would_import()
    {
        // Guards the all-or-nothing case above: without its bad last row, the same file writes 510 values.
        var result = await ImportAsync(ManyRowsThen("L1.1.1,2024,50,%,,,,"));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(511, result.Created);
    }

    [Fact]
    public async Task Formulas_in_text_import_as_given_and_export_neutralised_and_the_export_imports_back_unchanged()
    {
        var file = Csv(
            "L1.1.1,2024,45,%,,,\"=HYPERLINK(\"\"http://evil.example\"\")\",@SUM(A1)",
            "L1.2.1,2023,70,points out of 100,,,+1+1,-2+3");
        Assert.True((await ImportAsync(file)).Succeeded);
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IndicatorDataService>().ValuesAsync(CityA, "L1.1.1", 2024);
            Assert.Equal(("=HYPERLINK(\"http://evil.example\")", "@SUM(A1)"), (stored[0].Source, stored[0].Note));
        }

        var exported = await ExportAsync(CityA);

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",'@SUM(A1)\r\n", exported, StringComparison.Ordinal);
        Assert.Contains(",'+1+1,'-2+3\r\n", exported, StringComparison.Ordinal);
        var reimport = await ImportAsync(exported);
        Assert.True(reimport.Succeeded, string.Join("\n", reimport.Problems));
        Assert.Equal((0, 0, 2), (reimport.Created, reimport.Changed, reimport.Unchanged));
    }

    [Fact]
    public async Task Export_then_import_into_another_organisation_gives_the_same_values()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);
        var exported = await ExportAsync(CityA);

        var result = await ImportAsync(exported, _world.CityB.Id);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        static IEnumerable<string> Figures(IReadOnlyList<IndicatorValue> values) =>
            values.Select(v => $"{v.IndicatorCode}|{v.Year}|{v.Value}|{v.Unit}|{v.Numerator}|{v.Denominator}|{v.Source}|{v.Note}");
        Assert.Equal(Figures(await WithAsync(s => s.ValuesAsync(CityA))), Figures(await WithAsync(s => s.ValuesAsync(_world.CityB.Id))));
        Assert.Equal(3, result.Created);
    }

    [Fact]
    public async Task The_set_based_write_refuses_a_value_stored_since_in_a_newer_version_and_its_rollback_leaves_nothing()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);
        var before = await SnapshotAsync();
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var stored = await db.IndicatorValues.AsNoTracking().SingleAsync(v => v.OrganisationId == CityA && v.IndicatorCode == "L1.2.1");
        var added = new IndicatorValue { Id = Guid.NewGuid(), OrganisationId = CityA, IndicatorCode = "L1.1.1", Year = 2020 };
        var now = DateTimeOffset.UtcNow;
        IndicatorValueChange[] changes =
        [
            IndicatorValueAudit.Apply(added, new IndicatorEntry(10, "%", null, null, null, null, IndicatorValueStatus.Draft), IndicatorValueChangeSource.Import, DataOfficer, now, isNew: true)!,
            IndicatorValueAudit.Apply(stored, new IndicatorEntry(75, "points out of 100", null, null, "Survey (corrected)", null, IndicatorValueStatus.Draft), IndicatorValueChangeSource.Import, DataOfficer, now, isNew: false)!,
        ];

        stored.Version++; // as if it had been read one version before the one stored
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.False(await IndicatorValueBulkWrite.WriteAsync(db, [added, stored], changes, CancellationToken.None));
        }

        Assert.Equal(before, await SnapshotAsync());

        stored.Version--;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.True(await IndicatorValueBulkWrite.WriteAsync(db, [added, stored], changes, CancellationToken.None));
            await transaction.CommitAsync();
        }

        var values = await WithAsync(s => s.ValuesAsync(CityA));
        Assert.Equal(["L1.1.1 2020 10 % 1", "L1.1.1 2023 40 % 1", "L1.1.1 2024 45.5 % 1", "L1.2.1 2024 75 points out of 100 2"],
            values.Select(v => $"{v.IndicatorCode} {v.Year} {v.Value} {v.Unit} {v.Version}"));
        var latest = (await WithAsync(s => s.HistoryAsync(CityA, "L1.2.1")))[0];
        Assert.Equal((72m, "Survey", 75m, "Survey (corrected)", IndicatorValueChangeSource.Import, "data-officer"),
            (latest.Old!.Value, latest.Old.Source, latest.New!.Value, latest.New.Source, latest.Source, latest.ChangedBy));
    }

    [Fact]
    public async Task A_year_is_saved_together_and_a_problem_in_one_row_saves_nothing()
    {
        var before = await SnapshotAsync();
        IndicatorEdit[] edits =
        [
            new("L1.1.1", new IndicatorEntry(50, "%", 1, 2, "Register", null, IndicatorValueStatus.Published), null),
            new("L1.2.1", new IndicatorEntry(70, "%", null, null, null, null, IndicatorValueStatus.Draft), null),
        ];

        var refused = await WithAsync(s => s.SaveYearAsync(CityA, 2024, edits, DataOfficer));

        Assert.False(refused.Succeeded);
        Assert.Equal("unit", Assert.Single(refused.Problems["L1.2.1"]).Field);
        Assert.Equal(before, await SnapshotAsync());

        edits[1] = edits[1] with { Entry = edits[1].Entry! with { Unit = "points out of 100" } };
        var saved = await WithAsync(s => s.SaveYearAsync(CityA, 2024, edits, DataOfficer));

        Assert.True(saved.Succeeded, saved.Refusal?.Message);
        Assert.Equal(2, saved.Created);
        var year = await WithAsync(s => s.YearAsync(CityA, 2024));
        Assert.Equal(IndicatorValueStatus.Published, year.Single(v => v.IndicatorCode == "L1.1.1").Status);
    }

    [Fact]
    public async Task A_stale_save_is_refused_and_a_removal_is_audited()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);
        var stored = (await WithAsync(s => s.ValuesAsync(CityA, "L1.2.1", 2024))).Single();
        var entry = new IndicatorEntry(80, "points out of 100", null, null, "Survey", null, IndicatorValueStatus.Draft);
        Assert.True((await WithAsync(s => s.SaveYearAsync(CityA, 2024, [new("L1.2.1", entry, stored.Version)], DataOfficer))).Succeeded);

        var stale = await WithAsync(s => s.SaveYearAsync(CityA, 2024, [new("L1.2.1", entry with { Value = 81 }, stored.Version)], DataOfficer));
        var removed = await WithAsync(s => s.SaveYearAsync(CityA, 2024, [new("L1.2.1", null, stored.Version + 1)], DataOfficer));

        Assert.Contains("was changed by someone else", stale.Refusal?.Message, StringComparison.Ordinal);
        Assert.Equal(1, removed.Removed);
        Assert.Empty(await WithAsync(s => s.ValuesAsync(CityA, "L1.2.1")));
        var history = await WithAsync(s => s.HistoryAsync(CityA, "L1.2.1"));
        Assert.Equal([(80m, (decimal?)null), (72m, 80m), (0m, 72m)],
            history.Select(h => (h.Old?.Value ?? 0m, h.New?.Value)));
        Assert.All(history, h => Assert.Equal("data-officer", h.ChangedBy));
    }

    [Fact]
    public async Task Latest_gives_the_newest_published_value_and_the_one_before()
    {
        Assert.True((await ImportAsync(Csv("L1.1.1,2022,30,%,,,,", "L1.1.1,2023,40,%,,,,", "L1.1.1,2024,45,%,,,,"))).Succeeded);
        Assert.True((await WithAsync(s => s.ImportAsync(CityA, new MemoryStream(Utf8(Csv("L1.1.1,2022,30,%,,,,", "L1.1.1,2023,40,%,,,,"))), DataOfficer,
            IndicatorValueStatus.Published))).Changed == 2);

        var published = await WithAsync(s => s.LatestAsync(CityA));
        var withDrafts = await WithAsync(s => s.LatestAsync(CityA, ["l1.1.1"], includeDrafts: true));

        Assert.Equal((2023, 40m, 2022, (decimal?)30m), (published["L1.1.1"].Year, published["L1.1.1"].Value, published["L1.1.1"].PreviousYear, published["L1.1.1"].PreviousValue));
        Assert.Equal((2024, 45m, 2023), (withDrafts["L1.1.1"].Year, withDrafts["L1.1.1"].Value, withDrafts["L1.1.1"].PreviousYear));
        Assert.Equal([2022, 2023, 2024], (await WithAsync(s => s.TrendAsync(CityA, "L1.1.1"))).Select(p => p.Year));
    }

    [Fact]
    public async Task Latest_takes_each_indicators_two_newest_years_of_a_long_history_and_only_the_citys_own()
    {
        // Twenty published years of two indicators, written in no particular order; a newer draft on one of them; the
        // other city with a year newer than all of them. The statement reads two rows per indicator (LATERAL … LIMIT 2).
        var years = Enumerable.Range(2005, 20).OrderBy(y => (y * 7) % 20).ToList();
        var history = Csv([.. years.SelectMany(y => new[] { $"L1.1.1,{y},{y - 1980},%,,,,", $"L1.1.2,{y},{y - 1990},%,,,," })]);
        Assert.True((await WithAsync(s => s.ImportAsync(CityA, new MemoryStream(Utf8(history)), DataOfficer, IndicatorValueStatus.Published))).Succeeded);
        Assert.True((await ImportAsync(Csv("L1.1.2,2025,99,%,,,,"))).Succeeded); // a draft
        Assert.True((await WithAsync(s => s.ImportAsync(_world.CityB.Id, new MemoryStream(Utf8(Csv("L1.1.1,2026,1,%,,,,"))), DataOfficer,
            IndicatorValueStatus.Published))).Succeeded);

        var named = await WithAsync(s => s.LatestAsync(CityA, ["L1.1.1", "l1.1.2", "L1.1.3"]));
        var held = await WithAsync(s => s.LatestAsync(CityA));
        var withDrafts = await WithAsync(s => s.LatestAsync(CityA, includeDrafts: true));

        foreach (var latest in new[] { named, held })
        {
            Assert.Equal(["L1.1.1", "L1.1.2"], latest.Keys.Order());
            Assert.Equal((2024, 44m, 2023, (decimal?)43m), (latest["L1.1.1"].Year, latest["L1.1.1"].Value, latest["L1.1.1"].PreviousYear, latest["L1.1.1"].PreviousValue));
            Assert.Equal((2024, 34m, 2023, (decimal?)33m, IndicatorValueStatus.Published),
                (latest["L1.1.2"].Year, latest["L1.1.2"].Value, latest["L1.1.2"].PreviousYear, latest["L1.1.2"].PreviousValue, latest["L1.1.2"].Status));
        }

        Assert.Equal((2025, 99m, 2024, IndicatorValueStatus.Draft), (withDrafts["L1.1.2"].Year, withDrafts["L1.1.2"].Value, withDrafts["L1.1.2"].PreviousYear, withDrafts["L1.1.2"].Status));
    }

    [Fact]
    public async Task The_evidence_views_get_each_characteristics_linked_published_values_and_nothing_else()
    {
        // L1.1.1 evidences 2.1.2 (indicator-links.json); 1.5.1 has no indicator on purpose.
        Assert.True((await WithAsync(s => s.ImportAsync(CityA, new MemoryStream(Utf8(Csv("L1.1.1,2023,40,%,,,,", "L1.1.1,2024,45.5,%,,,,"))), DataOfficer,
            IndicatorValueStatus.Published))).Succeeded);
        Assert.True((await ImportAsync(Csv("L1.1.1,2025,50,%,,,,"))).Succeeded); // a draft: not shown

        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var facts = await scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Evidence.IIndicatorFacts>()
            .LatestForAsync(CityA, ["2.1.2", "1.5.1"]);
        var otherCity = await scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Evidence.IIndicatorFacts>()
            .LatestForAsync(_world.CityB.Id, ["2.1.2"]);

        var fact = Assert.Single(facts["2.1.2"], f => f.Code == "L1.1.1");
        Assert.Equal(("45.5", "%", 2024), (fact.Value, fact.Unit, fact.Year));
        Assert.False(facts.ContainsKey("1.5.1"));
        Assert.Empty(otherCity);
    }

    private async Task<string> ExportAsync(Guid organisationId)
    {
        await using var writer = new StringWriter();
        await WithAsync(async s => { await s.ExportCsvAsync(organisationId, writer); return true; });
        return writer.ToString();
    }

    /// <summary>Row count and a digest of every column of every row, per table an import or save may write.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var parts = new List<string>();
        foreach (var table in new[] { "indicator_values", "indicator_value_changes" })
        {
            await using var command = dataSource.CreateCommand(
                $"SELECT count(*)::text || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') FROM {table} t");
            parts.Add($"{table}: {await command.ExecuteScalarAsync()}");
        }

        return string.Join("; ", parts);
    }
}
