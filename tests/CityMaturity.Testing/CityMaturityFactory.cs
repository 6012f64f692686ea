using CityMaturity.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Testing;

/// <summary>The real app (Program) on a given database; optionally on real Kestrel for browser tests.</summary>
public sealed class CityMaturityFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>
    /// PBKDF2 rounds of the test app's password hasher (production keeps Identity's default, 100,000). One sign-in's key
    /// derivation cost 111 ms of processor time at the default on this machine, about half of a whole sign-in, and the
    /// suite signs in thousands of times (docs/testing.md). Hashes still go through the real algorithm and format, and
    /// the tests that count the hash work of unknown, known and locked accounts count calls, not time.
    /// </summary>
    public const int PasswordIterations = 1_000;

    /// <summary>
    /// EF Core's cache of compiled queries, shared by every test host of the process (ADR 0062). EF keeps this cache in
    /// its internal service provider, one per host here (it is keyed on the host's own data source), so each of the
    /// hundreds of hosts a test run starts translated and compiled the same LINQ queries again (SQL generated, shapers
    /// built, delegates compiled; an access world, a sign-in and two pages run 36 distinct ones). A query's cache key
    /// names the model (one per process, <see cref="DatabaseSetup"/>) and the tracking and splitting behaviour; the
    /// compiled query runs on the connection of the context that executes it. Production has one host per process and
    /// builds the cache once anyway.
    /// Same size limit as EF's own cache (each entry counts 10).
    /// </summary>
    private static readonly MemoryCache SharedQueryCache = new(new MemoryCacheOptions { SizeLimit = 10240 });

    /// <summary>The database the app runs on (a second instance or a direct query can use it too).</summary>
    public string ConnectionString => connectionString;

    /// <summary>The app's clock instead of the system's (e.g. a <see cref="MovableClock"/>); null: the system's.</summary>
    public TimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Before the app's first context: its pooled contexts then see the counter's subscription (QueryCounter).
        QueryCounter.Listen();
        builder.ConfigureTestServices(services =>
        {
            services.Configure<PasswordHasherOptions>(hasher => hasher.IterationCount = PasswordIterations);
            services.ConfigureDbContext<CityMaturityDb>(options => options.UseMemoryCache(SharedQueryCache), ServiceLifetime.Singleton);
            if (Clock is { } clock)
            {
                services.AddSingleton(clock);
            }
        });

        builder.UseEnvironment("Testing");
        // Outside Development the build's static web assets (MudBlazor's files, scoped CSS) need loading explicitly.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:CityMaturity", connectionString);
        // Tests sign in many times from one address; the rate-limit test sets its own limit.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts the app on Kestrel at a free loopback port and returns its base address.</summary>
    public Uri StartKestrel() => StartKestrel(0);

    /// <summary>Starts the app on Kestrel at the given loopback port (0: a free one); a restart test reuses the port.</summary>
    public Uri StartKestrel(int port)
    {
        UseKestrel(port);
        StartServer();
        return ClientOptions.BaseAddress;
    }
}
