using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CityMaturity.Infrastructure.Database;

/// <summary>
/// A PostgreSQL cluster run from the machine's own server binaries (initdb, pg_ctl) in a folder of ours,
/// on a loopback port. Used for development (kept under .data/postgres) and tests (throwaway).
/// PostgreSQL refuses to run as root, so as root the binaries run as the 'postgres' OS user via runuser.
/// A kept cluster holds what people enter, so it runs with PostgreSQL's durable settings (a power loss or an OS crash
/// loses no acknowledged answer); only a throwaway cluster (deleted on dispose) skips flushing to disk for speed.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const string PortFileName = "citymaturity.port";
    private readonly string _binDirectory;
    private readonly bool _deleteOnDispose;

    private EmbeddedPostgres(string dataDirectory, string binDirectory, int port, bool deleteOnDispose)
    {
        DataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        Port = port;
        _deleteOnDispose = deleteOnDispose;
    }

    /// <summary>PostgreSQL's own defaults, named so that no postgresql.conf edit can turn them off unnoticed.</summary>
    private const string DurableSettings = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on";

    /// <summary>
    /// Test clusters are deleted afterwards: nothing in them needs to survive a crash. Nor do they run long enough to need
    /// autovacuum, whose launcher visits every database in turn (a test run creates hundreds) to read its statistics;
    /// tests that need the planner to know a table's size run ANALYZE themselves. JIT compilation of queries is off too:
    /// it only pays on long analytical queries, and a test's are all short (docs/testing.md, ADR 0062).
    /// </summary>
    private const string ThrowawaySettings = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c jit=off";

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
    }.ConnectionString;

    /// <summary>
    /// Starts the cluster in <paramref name="dataDirectory"/>, creating it first if needed. A cluster that is
    /// already running there (a previous run that was killed) is reused on its recorded port.
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDirectory, bool deleteOnDispose = false, CancellationToken cancellationToken = default)
    {
        var binDirectory = FindServerBinaries();
        dataDirectory = Path.GetFullPath(dataDirectory);
        var runAsPostgres = Environment.UserName == "root";
        var throwaway = deleteOnDispose;
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitialiseAsync(binDirectory, dataDirectory, runAsPostgres, throwaway, cancellationToken);
        }

        var portFile = Path.Combine(dataDirectory, PortFileName);
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")) && File.Exists(portFile)
            && int.TryParse(await File.ReadAllTextAsync(portFile, cancellationToken), out var runningPort)
            && await IsRunningAsync(binDirectory, dataDirectory, runAsPostgres, cancellationToken))
        {
            var running = new EmbeddedPostgres(dataDirectory, binDirectory, runningPort, deleteOnDispose);
            if (throwaway || await running.IsDurableAsync(cancellationToken))
            {
                return running;
            }

            // Left running by an older version that started every cluster without fsync: restart it durable.
            await running.StopAsync();
        }

        var port = FreeLoopbackPort();
        await File.WriteAllTextAsync(portFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{dataDirectory}' -c max_connections=200 "
            + (throwaway ? ThrowawaySettings : DurableSettings);
        await RunAsync(binDirectory, "pg_ctl", runAsPostgres, cancellationToken,
            "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start");
        return new EmbeddedPostgres(dataDirectory, binDirectory, port, deleteOnDispose);
    }

    /// <summary>Creates the database if it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var templateClause = template is null ? string.Empty : $" TEMPLATE \"{template}\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"{templateClause} ENCODING 'UTF8'", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(_binDirectory, "pg_ctl", Environment.UserName == "root", CancellationToken.None, "-D", DataDirectory, "-m", "fast", "-w", "stop");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_deleteOnDispose)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>The newest installed server's bin folder (Debian: /usr/lib/postgresql/N/bin), or a clear error.</summary>
    public static string FindServerBinaries()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CITYMATURITY_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "initdb")))
        {
            return fromEnvironment;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(c => File.Exists(Path.Combine(c.Bin, "initdb")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Bin)
            : [];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Where(p => p.Length > 0 && File.Exists(Path.Combine(p, "initdb")));
        return candidates.Concat(onPath).FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. " +
                "Install the Debian package 'postgresql' (sudo apt-get install postgresql), set CITYMATURITY_PG_BIN to their folder, " +
                "or configure ConnectionStrings__CityMaturity to use an existing server.");
    }

    private async Task<bool> IsDurableAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('fsync') = 'on' AND current_setting('synchronous_commit') = 'on'", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task InitialiseAsync(string binDirectory, string dataDirectory, bool runAsPostgres, bool throwaway, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        if (runAsPostgres)
        {
            await RunAsync(string.Empty, "chown", false, cancellationToken, "-R", SuperUser, dataDirectory);
        }

        string[] arguments = ["-D", dataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"];
        await RunAsync(binDirectory, "initdb", runAsPostgres, cancellationToken, throwaway ? [.. arguments, "--no-sync"] : arguments);
    }

    private static async Task<bool> IsRunningAsync(string binDirectory, string dataDirectory, bool runAsPostgres, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(binDirectory, "pg_ctl", runAsPostgres, cancellationToken, "-D", dataDirectory, "status");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string binDirectory, string program, bool asPostgres, CancellationToken cancellationToken, params string[] arguments)
    {
        var executable = binDirectory.Length == 0 ? program : Path.Combine(binDirectory, program);
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : executable,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", SuperUser, "--", executable })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        // pg_ctl start leaves the server holding our pipes open; read until the process itself exits.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.{Environment.NewLine}{await Drain(stderr)}{await Drain(stdout)}");
        }
    }

    private static async Task<string> Drain(Task<string> output) =>
        await Task.WhenAny(output, Task.Delay(2000)) == output ? await output : string.Empty;
}
