using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMaturity.Testing;

/// <summary>The real app (Program) on a given database; optionally on real Kestrel for browser tests.</summary>
public sealed class CityMaturityFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
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
