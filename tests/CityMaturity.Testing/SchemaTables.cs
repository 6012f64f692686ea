using Npgsql;

namespace CityMaturity.Testing;

/// <summary>The app's tables, for tests that compare a whole database before and after something.</summary>
public static class SchemaTables
{
    /// <summary>Every base table of the public schema, by name.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection);
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>"table=rows" for every table, one a line: equal before and after means nothing was written or deleted.</summary>
    public static async Task<string> RowCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var counts = new System.Text.StringBuilder();
        foreach (var table in await ListAsync(connection))
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts.Append(table).Append('=').Append(await count.ExecuteScalarAsync()).Append('\n');
        }

        return counts.ToString();
    }
}
