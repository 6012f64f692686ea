using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>
/// A YARP reverse proxy on a loopback port, configured by docs/samples/yarp.appsettings.json (the sample operators
/// copy) with only the destinations' addresses replaced. Answers carry the instance that served them
/// (<see cref="InstanceHeader"/>), so a test can tell which instance a sticky client is on.
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    public const string InstanceHeader = "X-Test-Instance";

    private readonly WebApplication _app;

    private ReverseProxy(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="instances">The destinations' addresses by the sample's destination names (app1, app2).</param>
    public static async Task<ReverseProxy> StartAsync(IReadOnlyDictionary<string, Uri> instances)
    {
        var address = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddJsonFile(SamplePath(), optional: false);
        var addresses = new Dictionary<string, string?>();
        foreach (var cluster in new[] { "any-instance", "sticky" })
        {
            foreach (var (name, instance) in instances)
            {
                addresses[$"ReverseProxy:Clusters:{cluster}:Destinations:{name}:Address"] = instance.ToString();
            }
        }

        builder.Configuration.AddInMemoryCollection(addresses);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(transforms => transforms.AddResponseTransform(context =>
            {
                var destination = context.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId;
                context.HttpContext.Response.Headers[InstanceHeader] = destination;
                return ValueTask.CompletedTask;
            }));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return new ReverseProxy(app, address);
    }

    private static string SamplePath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CityMaturity.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("CityMaturity.sln not found above the test folder."),
            "docs", "samples", "yarp.appsettings.json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
