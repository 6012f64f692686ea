using CityMaturity.Domain.Indicators;
using CityMaturity.Infrastructure.Database.Configurations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CityMaturity.Infrastructure.Database;

/// <summary>
/// Writes a whole import of indicator values set-based, inside the caller's transaction: the rows go by binary COPY into
/// a temporary table, one INSERT … ON CONFLICT (id) DO UPDATE writes them all (new and changed alike), and the audit
/// entries go by binary COPY straight into <c>indicator_value_changes</c>. Three round trips instead of one INSERT or
/// UPDATE per row and per audit entry (EF's batches). The caller holds the organisation's lock (ADR 0047).
/// </summary>
public static class IndicatorValueBulkWrite
{
    private const string Columns = "id, organisation_id, indicator_code, year, value, unit, numerator, denominator, source, note, status, entered_by_user_id, entered_at, version";

    /// <summary>
    /// Writes <paramref name="values"/> (each new or changed, with its version already counted up) and their
    /// <paramref name="changes"/>. False, with nothing written once the caller rolls back, when a stored row's version
    /// is not the one read (someone else wrote it since).
    /// </summary>
    public static async Task<bool> WriteAsync(CityMaturityDb db, IReadOnlyList<IndicatorValue> values, IReadOnlyList<IndicatorValueChange> changes, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("the bulk write runs inside the caller's transaction");
        }

        if (values.Count == 0 && changes.Count == 0)
        {
            return true;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE imported_indicator_values (LIKE indicator_values) ON COMMIT DROP", cancellationToken);

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY imported_indicator_values ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var value in values)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(value.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(value.OrganisationId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(value.IndicatorCode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(value.Year, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(value.Value, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(value.Unit, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(copy, value.Numerator, NpgsqlDbType.Numeric, cancellationToken);
                await WriteOrNullAsync(copy, value.Denominator, NpgsqlDbType.Numeric, cancellationToken);
                await WriteOrNullAsync(copy, value.Source, NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(copy, value.Note, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(IndicatorConverters.Status.ConvertToProviderTyped(value.Status), NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(copy, value.EnteredByUserId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(value.EnteredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(value.Version, NpgsqlDbType.Integer, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // A new row (version 1) is inserted; a changed one replaces the stored row only if that is still the version read.
        var written = await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO indicator_values ({Columns})
            SELECT {Columns} FROM imported_indicator_values
            ON CONFLICT (id) DO UPDATE SET
                value = EXCLUDED.value, unit = EXCLUDED.unit, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
                source = EXCLUDED.source, note = EXCLUDED.note, status = EXCLUDED.status,
                entered_by_user_id = EXCLUDED.entered_by_user_id, entered_at = EXCLUDED.entered_at, version = EXCLUDED.version
            WHERE indicator_values.version = EXCLUDED.version - 1
            """, cancellationToken);
        if (written != values.Count)
        {
            return false;
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY indicator_value_changes (organisation_id, indicator_code, year, changed_at, changed_by_user_id, source, old_entry, new_entry) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var change in changes)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(change.OrganisationId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(change.IndicatorCode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(change.Year, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(change.ChangedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteOrNullAsync(copy, change.ChangedByUserId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(IndicatorConverters.Source.ConvertToProviderTyped(change.Source), NpgsqlDbType.Text, cancellationToken);
                await WriteOrNullAsync(copy, IndicatorConverters.Entry.ConvertToProviderTyped(change.Old), NpgsqlDbType.Jsonb, cancellationToken);
                await WriteOrNullAsync(copy, IndicatorConverters.Entry.ConvertToProviderTyped(change.New), NpgsqlDbType.Jsonb, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        return true;
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } present ? copy.WriteAsync(present, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
