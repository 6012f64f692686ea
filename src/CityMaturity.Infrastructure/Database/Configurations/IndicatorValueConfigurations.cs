using System.Text.Json;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal static class IndicatorConverters
{
    public static readonly ValueConverter<IndicatorValueStatus, string> Status = new(
        s => s == IndicatorValueStatus.Published ? "published" : "draft",
        key => key == "published" ? IndicatorValueStatus.Published : IndicatorValueStatus.Draft);

    public static readonly ValueConverter<IndicatorValueChangeSource, string> Source = new(
        s => s == IndicatorValueChangeSource.Import ? "import" : "page",
        key => key == "import" ? IndicatorValueChangeSource.Import : IndicatorValueChangeSource.Page);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// An audit entry's before and after as one JSON document each (ADR 0024): the record is read whole, by people,
    /// and never queried field by field, so a column per field would only add width.
    /// </summary>
    public static readonly ValueConverter<IndicatorEntry?, string?> Entry = new(
        entry => entry == null ? null : JsonSerializer.Serialize(StoredEntry.From(entry), Json),
        json => json == null ? null : JsonSerializer.Deserialize<StoredEntry>(json, Json)!.ToEntry());

    public static readonly ValueComparer<IndicatorEntry?> EntryComparer = new(
        (a, b) => a == null ? b == null : b != null && a.SameAs(b),
        entry => entry == null ? 0 : entry.Value.GetHashCode(),
        entry => entry);

    /// <summary>The stored shape, spelled out so a rename in the domain cannot silently change stored history.</summary>
    private sealed record StoredEntry(decimal Value, string Unit, decimal? Numerator, decimal? Denominator, string? Source, string? Note, string Status)
    {
        public static StoredEntry From(IndicatorEntry entry) =>
            new(entry.Value, entry.Unit, entry.Numerator, entry.Denominator, entry.Source, entry.Note,
                entry.Status == IndicatorValueStatus.Published ? "published" : "draft");

        public IndicatorEntry ToEntry() =>
            new(Value, Unit, Numerator, Denominator, Source, Note, Status == "published" ? IndicatorValueStatus.Published : IndicatorValueStatus.Draft);
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> value)
    {
        value.ToTable("indicator_values");
        value.Property(v => v.Id).HasColumnName("id");
        value.Property(v => v.OrganisationId).HasColumnName("organisation_id");
        value.Property(v => v.IndicatorCode).HasColumnName("indicator_code");
        value.Property(v => v.Year).HasColumnName("year");
        value.Property(v => v.Value).HasColumnName("value");
        value.Property(v => v.Unit).HasColumnName("unit");
        value.Property(v => v.Numerator).HasColumnName("numerator");
        value.Property(v => v.Denominator).HasColumnName("denominator");
        value.Property(v => v.Source).HasColumnName("source");
        value.Property(v => v.Note).HasColumnName("note");
        value.Property(v => v.Status).HasColumnName("status").HasConversion(IndicatorConverters.Status);
        value.Property(v => v.EnteredByUserId).HasColumnName("entered_by_user_id");
        value.Property(v => v.EnteredAt).HasColumnName("entered_at");
        value.Property(v => v.Version).HasColumnName("version").IsConcurrencyToken();
        value.HasOne<Organisation>().WithMany().HasForeignKey(v => v.OrganisationId);
    }
}

internal sealed class IndicatorValueChangeConfiguration : IEntityTypeConfiguration<IndicatorValueChange>
{
    public void Configure(EntityTypeBuilder<IndicatorValueChange> change)
    {
        change.ToTable("indicator_value_changes");
        change.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        change.Property(c => c.OrganisationId).HasColumnName("organisation_id");
        change.Property(c => c.IndicatorCode).HasColumnName("indicator_code");
        change.Property(c => c.Year).HasColumnName("year");
        change.Property(c => c.ChangedAt).HasColumnName("changed_at");
        change.Property(c => c.ChangedByUserId).HasColumnName("changed_by_user_id");
        change.Property(c => c.Source).HasColumnName("source").HasConversion(IndicatorConverters.Source);
        change.Property(c => c.Old).HasColumnName("old_entry").HasColumnType("jsonb")
            .HasConversion(IndicatorConverters.Entry, IndicatorConverters.EntryComparer);
        change.Property(c => c.New).HasColumnName("new_entry").HasColumnType("jsonb")
            .HasConversion(IndicatorConverters.Entry, IndicatorConverters.EntryComparer);
        change.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId);
    }
}
