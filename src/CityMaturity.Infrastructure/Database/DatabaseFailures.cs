using System.Net.Sockets;
using Npgsql;

namespace CityMaturity.Infrastructure.Database;

/// <summary>Tells "PostgreSQL is away for now" (down, restarting, failing over, out of connections) from real errors.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// True when <paramref name="exception"/> or one of its causes says the database cannot be reached for now. EF Core
    /// wraps these (an InvalidOperationException "likely due to a transient failure", a DbUpdateException), so the whole
    /// chain is searched. A PostgresException is the server answering: only its connection, resource and shutdown classes
    /// count (08, 53, 57P01–57P03); a constraint violation does not.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException or SocketException:
                    return true;
            }
        }

        return false;
    }
}
