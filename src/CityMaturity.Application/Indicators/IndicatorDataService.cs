using CityMaturity.Application.Exports;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Plans;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Application.Indicators;

/// <summary>One row of a year's save: the indicator, what it should hold (null removes the value), and the version the editor read (null: none was stored).</summary>
public sealed record IndicatorEdit(string IndicatorCode, IndicatorEntry? Entry, int? ReadVersion);

/// <summary>
/// The outcome of saving a year: what changed, or why nothing was saved: the refusal, and for rows with problems the
/// problems per indicator code.
/// </summary>
public sealed record IndicatorSaveResult(
    IReadOnlyDictionary<string, IReadOnlyList<IndicatorValueProblem>> Problems,
    Refusal? Refusal,
    int Created,
    int Changed,
    int Removed,
    int Unchanged)
{
    public bool Succeeded => Refusal is null;

    public static IndicatorSaveResult Refused(RefusalKind kind, string refusal) =>
        new(new Dictionary<string, IReadOnlyList<IndicatorValueProblem>>(), new Refusal(kind, refusal), 0, 0, 0, 0);

    public static IndicatorSaveResult RowsRefused(IReadOnlyDictionary<string, IReadOnlyList<IndicatorValueProblem>> problems) =>
        new(problems, new Refusal(RefusalKind.RuleBroken,
            $"Nothing was saved: {CityMaturity.Domain.Counted.Of(problems.Count, "row")} need correcting (see the messages in the table)."), 0, 0, 0, 0);
}

/// <summary>
/// The outcome of an import: the counts of what was written, or the problems that stopped it (then nothing was written)
/// and the refusal that sums them up.
/// </summary>
public sealed record IndicatorImportResult(IReadOnlyList<CsvProblem> Problems, int Created, int Changed, int Unchanged, Refusal? Refusal = null)
{
    public bool Succeeded => Refusal is null;

    /// <param name="kind">Malformed for problems in the file; NotFound or WrongState for the organisation it goes to.</param>
    public static IndicatorImportResult Failed(IReadOnlyList<CsvProblem> problems, RefusalKind kind = RefusalKind.Malformed) =>
        new(problems, 0, 0, 0, Refusal.OfFile(kind, problems));
}

/// <summary>One year's figure of an indicator, for a trend.</summary>
public sealed record IndicatorTrendPoint(int Year, decimal Value, string Unit, IndicatorValueStatus Status);

/// <summary>
/// The most recent value of an indicator and the one before it (for a trend arrow). The evidence layer shows these
/// beside the characteristics an indicator evidences.
/// </summary>
public sealed record LatestIndicatorValue(
    string IndicatorCode, int Year, decimal Value, string Unit, IndicatorValueStatus Status, string? Source,
    int? PreviousYear, decimal? PreviousValue);

/// <summary>One audit entry with the name of who made the change.</summary>
public sealed record IndicatorValueHistoryEntry(int Year, DateTimeOffset ChangedAt, string? ChangedBy, IndicatorValueChangeSource Source, IndicatorEntry? Old, IndicatorEntry? New);

/// <summary>
/// An organisation's indicator data: a year's values saved together, the CSV import (all or nothing), CSV and XLSX
/// exports, trends, audit history, and the latest values others show. Callers authorise first
/// (<see cref="CityMaturity.Domain.Organisations.Permission.EditIndicatorData"/> to write, ViewOrganisation to read);
/// this service keeps the data consistent and audited.
/// </summary>
public sealed class IndicatorDataService(IDbContextFactory<CityMaturityDb> dbFactory, IndicatorLibrary library, TimeProvider clock)
{
    private int CurrentYear => clock.GetUtcNow().Year;

    /// <summary>The organisation's stored values of one year.</summary>
    public async Task<IReadOnlyList<IndicatorValue>> YearAsync(Guid organisationId, int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.IndicatorValues.AsNoTracking()
            .Where(v => v.OrganisationId == organisationId && v.Year == year)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The organisation's values, optionally of one indicator and/or one year, in framework order then year.</summary>
    public async Task<IReadOnlyList<IndicatorValue>> ValuesAsync(Guid organisationId, string? indicatorCode = null, int? year = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.IndicatorValues.AsNoTracking().Where(v => v.OrganisationId == organisationId);
        if (indicatorCode is not null)
        {
            var code = library.Find(indicatorCode)?.Code ?? indicatorCode.Trim();
            query = query.Where(v => v.IndicatorCode == code);
        }

        if (year is not null)
        {
            query = query.Where(v => v.Year == year);
        }

        return InLibraryOrder(await query.ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Saves a year's edits together: every edit is checked first and nothing is written when any has a problem or
    /// was changed by someone else since it was read. Every change is audited with source "page".
    /// </summary>
    public async Task<IndicatorSaveResult> SaveYearAsync(Guid organisationId, int year, IReadOnlyList<IndicatorEdit> edits, Guid? userId, CancellationToken cancellationToken = default)
    {
        if (IndicatorValueRules.CheckYear(year, CurrentYear) is { } yearProblem)
        {
            return IndicatorSaveResult.Refused(RefusalKind.Malformed, yearProblem.Message);
        }

        var problems = new Dictionary<string, IReadOnlyList<IndicatorValueProblem>>(StringComparer.OrdinalIgnoreCase);
        var indicators = new Dictionary<string, Indicator>(StringComparer.OrdinalIgnoreCase);
        foreach (var edit in edits)
        {
            if (library.Find(edit.IndicatorCode) is not { } indicator)
            {
                problems[edit.IndicatorCode] = [new("indicator_code", $"\"{edit.IndicatorCode}\" is not the code of an indicator of this installation")];
                continue;
            }

            if (!indicators.TryAdd(indicator.Code, indicator))
            {
                return IndicatorSaveResult.Refused(RefusalKind.Malformed, $"{indicator.Code} appears twice in one save");
            }

            if (edit.Entry is not null && IndicatorValueRules.Check(indicator, edit.Entry) is { Count: > 0 } found)
            {
                problems[indicator.Code] = found;
            }
        }

        if (problems.Count > 0)
        {
            return IndicatorSaveResult.RowsRefused(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockOrganisationAsync(db, organisationId, cancellationToken);
        var codes = indicators.Keys.ToList();
        var stored = await db.IndicatorValues
            .Where(v => v.OrganisationId == organisationId && v.Year == year && codes.Contains(v.IndicatorCode))
            .ToDictionaryAsync(v => v.IndicatorCode, StringComparer.OrdinalIgnoreCase, cancellationToken);

        var now = clock.GetUtcNow();
        var changes = new List<IndicatorValueChange>();
        int created = 0, changed = 0, removed = 0, unchanged = 0;
        foreach (var edit in edits)
        {
            var indicator = indicators[library.Find(edit.IndicatorCode)!.Code];
            stored.TryGetValue(indicator.Code, out var current);
            if (current?.Version != edit.ReadVersion)
            {
                return IndicatorSaveResult.Refused(RefusalKind.WrongState,
                    $"{indicator.Code} for {year} was changed by someone else after you opened the page; nothing was saved. Reload the year and enter your changes again.");
            }

            if (edit.Entry is null)
            {
                if (current is not null)
                {
                    changes.Add(IndicatorValueAudit.Removal(current, IndicatorValueChangeSource.Page, userId, now));
                    db.IndicatorValues.Remove(current);
                    removed++;
                }

                continue;
            }

            var entry = edit.Entry with { Unit = IndicatorValueRules.StoredUnit(indicator, edit.Entry.Unit) };
            var value = current ?? NewValue(organisationId, indicator.Code, year);
            if (IndicatorValueAudit.Apply(value, entry, IndicatorValueChangeSource.Page, userId, now, isNew: current is null) is not { } change)
            {
                unchanged++;
                continue;
            }

            changes.Add(change);
            if (current is null)
            {
                db.IndicatorValues.Add(value);
                created++;
            }
            else
            {
                changed++;
            }
        }

        if (await CommitAsync(db, transaction, changes, cancellationToken) is { } refusal)
        {
            return IndicatorSaveResult.Refused(RefusalKind.WrongState, refusal);
        }

        return new IndicatorSaveResult(new Dictionary<string, IReadOnlyList<IndicatorValueProblem>>(), null, created, changed, removed, unchanged);
    }

    /// <summary>
    /// Imports an indicator values CSV: all rows or none. With <paramref name="status"/> given, every row of the file
    /// gets it (importing with "published" publishes them). Without, new and changed values are drafts and a row whose
    /// figures and text equal the stored value changes nothing, so an export imports back unchanged. Values the file
    /// does not name are kept. Every change is audited with source "import". The rows and the audit entries are written
    /// set-based (binary COPY and one upsert) in the same transaction as the lock (ADR 0047).
    /// </summary>
    public async Task<IndicatorImportResult> ImportAsync(Guid organisationId, Stream csv, Guid? userId, IndicatorValueStatus? status = null, CancellationToken cancellationToken = default)
    {
        var parsed = await IndicatorValuesCsv.ParseAsync(csv, library, CurrentYear, cancellationToken: cancellationToken);
        if (!parsed.Succeeded)
        {
            return IndicatorImportResult.Failed(parsed.Problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await LockOrganisationAsync(db, organisationId, cancellationToken))
        {
            return IndicatorImportResult.Failed([new CsvProblem(0, string.Empty, "the organisation does not exist")], RefusalKind.NotFound);
        }

        var stored = (await db.IndicatorValues.AsNoTracking().Where(v => v.OrganisationId == organisationId).ToListAsync(cancellationToken))
            .ToDictionary(v => (v.IndicatorCode, v.Year));
        var now = clock.GetUtcNow();
        var written = new List<IndicatorValue>();
        var changes = new List<IndicatorValueChange>();
        int created = 0, changed = 0, unchanged = 0;
        foreach (var row in parsed.Rows.Select(l => l.Row))
        {
            var entry = new IndicatorEntry(row.Value, row.Unit, row.Numerator, row.Denominator, row.Source, row.Note, status ?? IndicatorValueStatus.Draft);
            if (stored.TryGetValue((row.IndicatorCode, row.Year), out var current))
            {
                if (IndicatorEntry.Of(current).SameAs(entry with { Status = status ?? current.Status }))
                {
                    unchanged++;
                    continue;
                }

                changes.Add(IndicatorValueAudit.Apply(current, entry, IndicatorValueChangeSource.Import, userId, now, isNew: false)!);
                written.Add(current);
                changed++;
                continue;
            }

            var value = NewValue(organisationId, row.IndicatorCode, row.Year);
            changes.Add(IndicatorValueAudit.Apply(value, entry, IndicatorValueChangeSource.Import, userId, now, isNew: true)!);
            written.Add(value);
            created++;
        }

        if (await BulkCommitAsync(db, transaction, written, changes, cancellationToken) is { } refusal)
        {
            return IndicatorImportResult.Failed([new CsvProblem(0, string.Empty, refusal)], RefusalKind.WrongState);
        }

        return new IndicatorImportResult([], created, changed, unchanged);
    }

    /// <summary>Writes every value of the organisation as an indicator values CSV, in framework order then year.</summary>
    public async Task ExportCsvAsync(Guid organisationId, TextWriter writer, CancellationToken cancellationToken = default)
    {
        var values = await ValuesAsync(organisationId, cancellationToken: cancellationToken);
        await IndicatorValuesCsv.WriteAsync(writer, values.Select(v =>
            new IndicatorValuesCsvRow(v.IndicatorCode, v.Year, v.Value, v.Unit, v.Numerator, v.Denominator, v.Source, v.Note)), cancellationToken);
    }

    /// <summary>The same values as a workbook: the CSV's columns, then the indicator's name, the status and when it was entered.</summary>
    public async Task<byte[]> ExportXlsxAsync(Guid organisationId, CancellationToken cancellationToken = default)
    {
        var values = await ValuesAsync(organisationId, cancellationToken: cancellationToken);
        object?[] header = [.. IndicatorValuesCsv.Columns, "indicator_name", "status", "entered_at"];
        var rows = values.Select(v => new object?[]
        {
            v.IndicatorCode, v.Year, v.Value, v.Unit, v.Numerator, v.Denominator, v.Source, v.Note,
            library.Find(v.IndicatorCode)?.Name, StatusName(v.Status), v.EnteredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        return XlsxWorkbook.Write([new XlsxSheet("Indicator values", [header, .. rows])]);
    }

    /// <summary>An indicator's values across the years, oldest first.</summary>
    public async Task<IReadOnlyList<IndicatorTrendPoint>> TrendAsync(Guid organisationId, string indicatorCode, CancellationToken cancellationToken = default)
    {
        var code = library.Find(indicatorCode)?.Code ?? indicatorCode;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.IndicatorValues.AsNoTracking()
            .Where(v => v.OrganisationId == organisationId && v.IndicatorCode == code)
            .OrderBy(v => v.Year)
            .Select(v => new IndicatorTrendPoint(v.Year, v.Value, v.Unit, v.Status))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every change of an indicator's values, newest first, with who made it.</summary>
    public async Task<IReadOnlyList<IndicatorValueHistoryEntry>> HistoryAsync(Guid organisationId, string indicatorCode, CancellationToken cancellationToken = default)
    {
        var code = library.Find(indicatorCode)?.Code ?? indicatorCode;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from c in db.IndicatorValueChanges.AsNoTracking()
                          where c.OrganisationId == organisationId && c.IndicatorCode == code
                          join u in db.Users on c.ChangedByUserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          orderby c.ChangedAt descending, c.Id descending
                          select new { c.Year, c.ChangedAt, Name = u == null ? null : u.DisplayName, c.Source, c.Old, c.New })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new IndicatorValueHistoryEntry(r.Year, r.ChangedAt, r.Name, r.Source, r.Old, r.New))];
    }

    /// <summary>
    /// Per characteristic, the latest published value of every indicator linked to it (the frameworks' mapping), read in
    /// one query for all the characteristics asked about; characteristics without such a value are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LatestIndicatorValue>>> LatestLinkedAsync(
        Guid organisationId, IEnumerable<string> characteristicCodes, CancellationToken cancellationToken = default)
    {
        var links = characteristicCodes.Distinct(StringComparer.OrdinalIgnoreCase).SelectMany(library.LinksFor).ToList();
        if (links.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<LatestIndicatorValue>>();
        }

        var latest = await LatestAsync(organisationId, [.. links.Select(l => l.IndicatorCode).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken: cancellationToken);
        return links
            .Where(link => latest.ContainsKey(link.IndicatorCode))
            .GroupBy(link => link.CharacteristicCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyList<LatestIndicatorValue>)[.. group.Select(link => latest[link.IndicatorCode])],
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Per indicator code, the latest value and the one before it. Published values only unless
    /// <paramref name="includeDrafts"/>: a draft is a figure its keeper has not yet vouched for.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, LatestIndicatorValue>> LatestAsync(
        Guid organisationId, IReadOnlyCollection<string>? indicatorCodes = null, bool includeDrafts = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Each indicator's two newest years only, straight off the unique index (organisation, code, year), whatever
        // the length of the city's history: a rating card reads its 58 indicators' two years, not 58 × 20 rows.
        var rows = db.Database.SqlQueryRaw<LatestRow>(
            indicatorCodes is null ? LatestOfEveryIndicatorHeld : LatestOfIndicatorsNamed,
            new NpgsqlParameter<Guid>("organisation", organisationId),
            new NpgsqlParameter<bool>("drafts", includeDrafts),
            new NpgsqlParameter<string[]>("codes", [.. (indicatorCodes ?? []).Select(c => library.Find(c)?.Code ?? c).Distinct(StringComparer.Ordinal)]));
        var values = await rows.ToListAsync(cancellationToken);
        return values
            .GroupBy(v => v.IndicatorCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g =>
            {
                var latestTwo = g.OrderByDescending(v => v.Year).ToList();
                var (latest, previous) = (latestTwo[0], latestTwo.ElementAtOrDefault(1));
                return new LatestIndicatorValue(latest.IndicatorCode, latest.Year, latest.Value, latest.Unit, latest.Published ? IndicatorValueStatus.Published : IndicatorValueStatus.Draft, latest.Source, previous?.Year, previous?.Value);
            }, StringComparer.OrdinalIgnoreCase);
    }

    private const string TwoNewestYearsSelect = """
        SELECT c.code AS "IndicatorCode", v.year AS "Year", v.value AS "Value", v.unit AS "Unit",
               v.status = 'published' AS "Published", v.source AS "Source"
        """;

    private const string TwoNewestYearsOfEach = """

        CROSS JOIN LATERAL (
            SELECT year, value, unit, status, source FROM indicator_values
            WHERE organisation_id = @organisation AND indicator_code = c.code AND (@drafts OR status = 'published')
            ORDER BY year DESC LIMIT 2) AS v
        """;

    private const string LatestOfEveryIndicatorHeld = TwoNewestYearsSelect
        + " FROM (SELECT DISTINCT indicator_code AS code FROM indicator_values WHERE organisation_id = @organisation) AS c" + TwoNewestYearsOfEach;

    private const string LatestOfIndicatorsNamed = TwoNewestYearsSelect + " FROM unnest(@codes) AS c(code)" + TwoNewestYearsOfEach;

    /// <summary>A row of <see cref="LatestAsync"/>'s statement: one of an indicator's two newest years.</summary>
    private sealed class LatestRow
    {
        public required string IndicatorCode { get; init; }
        public int Year { get; init; }
        public decimal Value { get; init; }
        public required string Unit { get; init; }
        public bool Published { get; init; }
        public string? Source { get; init; }
    }

    /// <summary>The organisation's published figures of these indicators, every year, by library code and year (an action's targets are judged with them).</summary>
    public async Task<IReadOnlyDictionary<(string Code, int Year), PublishedFigure>> PublishedAsync(
        Guid organisationId, IReadOnlyCollection<string> indicatorCodes, CancellationToken cancellationToken = default)
    {
        if (indicatorCodes.Count == 0)
        {
            return new Dictionary<(string Code, int Year), PublishedFigure>();
        }

        var codes = indicatorCodes.Select(c => library.Find(c)?.Code ?? c).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.OrganisationId == organisationId && v.Status == IndicatorValueStatus.Published && codes.Contains(v.IndicatorCode))
            .Select(v => new { v.IndicatorCode, v.Year, v.Value, v.Unit })
            .ToListAsync(cancellationToken);
        return values.ToDictionary(v => (v.IndicatorCode, v.Year), v => new PublishedFigure(v.Value, v.Unit));
    }

    public static string StatusName(IndicatorValueStatus status) => status switch
    {
        IndicatorValueStatus.Draft => "draft",
        IndicatorValueStatus.Published => "published",
    };

    private static IndicatorValue NewValue(Guid organisationId, string code, int year) =>
        new() { Id = Guid.NewGuid(), OrganisationId = organisationId, IndicatorCode = code, Year = year };

    /// <summary>
    /// Serialises saves and imports of one organisation's figures. NO KEY UPDATE, so rows that merely reference the
    /// organisation (assessments, memberships) can still be written meanwhile. False when the organisation does not exist.
    /// </summary>
    private static async Task<bool> LockOrganisationAsync(CityMaturityDb db, Guid organisationId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM organisations WHERE id = {organisationId} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken)).Count == 1;

    private const string ConcurrentChange = "the organisation's indicator values changed while saving; nothing was saved, try again";

    /// <summary>
    /// An import's values and their audit entries written set-based (<see cref="IndicatorValueBulkWrite"/>), then the
    /// commit; a refusal message, with nothing written, when a concurrent writer got there first.
    /// </summary>
    private static async Task<string?> BulkCommitAsync(
        CityMaturityDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, List<IndicatorValue> values, List<IndicatorValueChange> changes, CancellationToken cancellationToken)
    {
        try
        {
            if (!await IndicatorValueBulkWrite.WriteAsync(db, values, changes, cancellationToken))
            {
                return ConcurrentChange;
            }

            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ConcurrentChange;
        }
    }

    /// <summary>Writes values then their audit entries and commits; a refusal message when a concurrent writer got there first.</summary>
    private static async Task<string?> CommitAsync(CityMaturityDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, List<IndicatorValueChange> changes, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.IndicatorValueChanges.AddRange(changes);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ConcurrentChange;
        }
    }

    private IReadOnlyList<IndicatorValue> InLibraryOrder(List<IndicatorValue> values)
    {
        var order = library.Indicators.Select((indicator, index) => (indicator.Code, index))
            .ToDictionary(x => x.Code, x => x.index, StringComparer.OrdinalIgnoreCase);
        return [.. values
            .OrderBy(v => order.GetValueOrDefault(v.IndicatorCode, int.MaxValue))
            .ThenBy(v => v.IndicatorCode, StringComparer.Ordinal)
            .ThenBy(v => v.Year)];
    }
}
