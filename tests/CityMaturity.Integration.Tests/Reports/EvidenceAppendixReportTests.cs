using System.Security.Cryptography;
using CityMaturity.Application.Accounts;
using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Reporting;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Reports;

/// <summary>
/// The demo city's evidence (seeded through the real service) as the downloaded report shows it: the appendix reads the
/// items and the latest <em>published</em> indicator values from the database (Demoville's 2025 values are drafts).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class EvidenceAppendixReportTests(DatabaseFixture database) : IAsyncLifetime
{
    private ReportWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("baseline-report", ReportWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<BaselineReport> ModelAsync()
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BaselineReportService>().BuildAsync(_world.BaselineId);
    }

    private static string Compact(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", string.Empty);

    [Fact]
    public async Task The_demo_evidence_is_seeded_through_the_service_with_its_audit_and_the_pdf_is_a_real_pdf()
    {
        await using var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var items = await db.EvidenceItems.AsNoTracking().Where(e => e.AssessmentId == _world.BaselineId).ToListAsync();
        Assert.Equal(6, items.Count);
        Assert.All(items, item => Assert.True(item.IsDemo));
        Assert.Equal(3, items.Count(i => i.Kind == EvidenceKind.Link));
        Assert.Equal(2, items.Count(i => i.Kind == EvidenceKind.Indicator));
        Assert.Equal(items.Count, await db.EvidenceChanges.CountAsync(c => c.AssessmentId == _world.BaselineId && c.Action == EvidenceAction.Added));

        var document = Assert.Single(items, i => i.Kind == EvidenceKind.Document);
        var bytes = await db.EvidenceFiles.Where(f => f.EvidenceId == document.Id).Select(f => f.Content).SingleAsync();
        Assert.Equal(SHA256.HashData(bytes), document.Sha256);
        Assert.Equal("application/pdf", document.ContentType);
        using var poppler = Poppler.For(bytes, "demo-evidence.pdf");
        Assert.Contains("DEMO DATA - an invented document for the Demoville demonstration city.", poppler.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_carries_each_item_and_the_latest_published_value_with_the_year_before()
    {
        var evidence = (await ModelAsync()).Evidence;
        Assert.Equal(32, evidence.Characteristics.Count);
        Assert.Equal(6, evidence.ItemCount);

        var strategy = evidence.Characteristics.Single(c => c.Code == "1.1.1");
        Assert.Equal([EvidenceKind.Document, EvidenceKind.Link], strategy.Items.Select(i => i.Kind));
        Assert.All(strategy.Items, i => Assert.Equal(EvidenceOrigin.Assessment, i.Origin));

        // L1.1.1 has demo values 38, 44, 51 (published 2022–2024) and 57 (a 2025 draft): the draft stays out.
        var online = evidence.Characteristics.Single(c => c.Code == "2.1.2");
        var value = Assert.Single(online.IndicatorValues, v => v.IndicatorCode == "L1.1.1");
        Assert.Equal((2024, 51m, 2023, 44m), (value.Year, value.Value, value.PreviousYear!.Value, value.PreviousValue!.Value));
        var reference = Assert.Single(online.Items, i => i.Kind == EvidenceKind.Indicator);
        Assert.Equal(51m, reference.ReferencedValue?.Value);
    }

    [Fact]
    public async Task The_downloaded_report_lists_the_evidence_with_the_documents_hash_and_the_values()
    {
        var evidence = (await ModelAsync()).Evidence;
        var document = evidence.Characteristics.SelectMany(c => c.Items).Single(i => i.Kind == EvidenceKind.Document);
        using var pdf = Poppler.For(_world.LeaderPdf);
        var text = Compact(pdf.Text(raw: true));

        Assert.Contains(Compact(ReportLabels.English.EvidenceAppendix), text);
        Assert.Contains(Compact($"Document: Demoville smart city strategy 2030 - summary (DEMO).pdf (application/pdf,"), text);
        Assert.Contains(Compact($"SHA-256 {document.Sha256})"), text);
        Assert.Contains("Link:https://opendata.demoville.example/datasets", text);
        Assert.Contains(Compact("Indicator value: L1.1.1 (2024), published value 51 % (2024)"), text);
        // L1.1.1 is higher-is-better: the change is worded as the rating card words it.
        Assert.Contains(Compact(": 51 % (2024; up from 44 % in 2023: better) · Source: DEMO DATA — invented figures for Demoville"), text);
        Assert.DoesNotContain(Compact(": 57 %"), text);
        Assert.Contains(Compact($"{evidence.WithItems} of 32 characteristics have evidence items (6 items in all); {evidence.WithIndicatorValues} have published indicator values."), text);
        Assert.DoesNotContain("Fatima", text);
    }

    [Fact]
    public async Task Seeding_again_adds_nothing_and_leaves_a_removed_demo_item_removed()
    {
        // Its own database: the shared world's report must keep its six items.
        await using var factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync(), new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" });
        var services = factory.Services;
        var dbFactory = services.GetRequiredService<IDbContextFactory<CityMaturityDb>>();
        Guid removed;
        int before;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            before = await db.EvidenceItems.CountAsync();
            var demoville = await db.Organisations.SingleAsync(o => o.Slug == "demoville");
            // Six on the baseline, three on the open review (the demo network's generated cities have their own).
            Assert.Equal(9, await db.EvidenceItems.CountAsync(e => e.OrganisationId == demoville.Id));
            var link = await db.EvidenceItems.FirstAsync(e => e.OrganisationId == demoville.Id && e.Kind == EvidenceKind.Link);
            link.RemovedAt = DateTimeOffset.UtcNow;
            removed = link.Id;
            await db.SaveChangesAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync();
        }

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            Assert.Equal(before, await db.EvidenceItems.CountAsync());
            Assert.NotNull((await db.EvidenceItems.SingleAsync(e => e.Id == removed)).RemovedAt);
        }
    }
}
