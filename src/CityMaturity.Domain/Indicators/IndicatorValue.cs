namespace CityMaturity.Domain.Indicators;

/// <summary>Whether a city's figure is still being worked on or stands as the organisation's published number.</summary>
public enum IndicatorValueStatus
{
    Draft,
    Published,
}

/// <summary>How a value came to be written: typed on the indicator data page, or read from a CSV file.</summary>
public enum IndicatorValueChangeSource
{
    Page,
    Import,
}

/// <summary>
/// An organisation's figure for one indicator in one year (db/migrations/V0008). The indicator is named by its code
/// alone: codes are unique across every loaded framework.
/// </summary>
public sealed class IndicatorValue
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string IndicatorCode { get; set; } = string.Empty;
    public int Year { get; set; }
    public decimal Value { get; set; }
    public string Unit { get; set; } = string.Empty;
    public decimal? Numerator { get; set; }
    public decimal? Denominator { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
    public IndicatorValueStatus Status { get; set; }
    public Guid? EnteredByUserId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>Optimistic concurrency: a save names the version it read; a stale one is refused.</summary>
    public int Version { get; set; }
}

/// <summary>
/// One change of an indicator value: who, when, through what, before and after. A removed value keeps its history:
/// the change names organisation, indicator and year rather than pointing at the row.
/// </summary>
public sealed class IndicatorValueChange
{
    public long Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string IndicatorCode { get; set; } = string.Empty;
    public int Year { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ChangedByUserId { get; set; }
    public IndicatorValueChangeSource Source { get; set; }
    public IndicatorEntry? Old { get; set; }
    public IndicatorEntry? New { get; set; }
}

/// <summary>
/// The editable part of an indicator value, as a person types it or a CSV row carries it. Blank text is kept as none.
/// </summary>
public sealed record IndicatorEntry(
    decimal Value,
    string Unit,
    decimal? Numerator,
    decimal? Denominator,
    string? Source,
    string? Note,
    IndicatorValueStatus Status)
{
    public static IndicatorEntry Of(IndicatorValue value) =>
        new(value.Value, value.Unit, value.Numerator, value.Denominator, value.Source, value.Note, value.Status);

    /// <summary>The entry as it is stored: text trimmed, blank text as none.</summary>
    public IndicatorEntry Kept() => this with { Unit = Unit.Trim(), Source = KeptText(Source), Note = KeptText(Note) };

    /// <summary>Same figures and text. 12.5 and 12.50 are the same number; the scale a person typed is not a change.</summary>
    public bool SameAs(IndicatorEntry other)
    {
        var a = Kept();
        var b = other.Kept();
        return a.Value == b.Value && a.Numerator == b.Numerator && a.Denominator == b.Denominator && a.Status == b.Status
            && string.Equals(a.Unit, b.Unit, StringComparison.Ordinal)
            && string.Equals(a.Source, b.Source, StringComparison.Ordinal)
            && string.Equals(a.Note, b.Note, StringComparison.Ordinal);
    }

    private static string? KeptText(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Applies an entry to a stored value (or creates, or removes one) and produces the audit record of the change.</summary>
public static class IndicatorValueAudit
{
    /// <summary>
    /// Writes <paramref name="entry"/> into <paramref name="value"/> and returns the change, or null when nothing changed.
    /// The caller has checked the entry with <see cref="IndicatorValueRules"/>.
    /// </summary>
    public static IndicatorValueChange? Apply(IndicatorValue value, IndicatorEntry entry, IndicatorValueChangeSource source, Guid? userId, DateTimeOffset now, bool isNew)
    {
        var kept = entry.Kept();
        var before = isNew ? null : IndicatorEntry.Of(value);
        if (before is not null && before.SameAs(kept))
        {
            return null;
        }

        value.Value = kept.Value;
        value.Unit = kept.Unit;
        value.Numerator = kept.Numerator;
        value.Denominator = kept.Denominator;
        value.Source = kept.Source;
        value.Note = kept.Note;
        value.Status = kept.Status;
        value.EnteredByUserId = userId;
        value.EnteredAt = now;
        value.Version = isNew ? 1 : value.Version + 1;
        return Change(value, before, kept, source, userId, now);
    }

    /// <summary>The change that records the removal of <paramref name="value"/>.</summary>
    public static IndicatorValueChange Removal(IndicatorValue value, IndicatorValueChangeSource source, Guid? userId, DateTimeOffset now) =>
        Change(value, IndicatorEntry.Of(value), null, source, userId, now);

    private static IndicatorValueChange Change(IndicatorValue value, IndicatorEntry? before, IndicatorEntry? after, IndicatorValueChangeSource source, Guid? userId, DateTimeOffset now) =>
        new()
        {
            OrganisationId = value.OrganisationId,
            IndicatorCode = value.IndicatorCode,
            Year = value.Year,
            ChangedAt = now,
            ChangedByUserId = userId,
            Source = source,
            Old = before,
            New = after,
        };
}
