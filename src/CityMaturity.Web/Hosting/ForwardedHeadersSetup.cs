using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CityMaturity.Web.Hosting;

/// <summary>
/// Behind a reverse proxy the app sees the proxy's address; <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> carry
/// the client's address and scheme. They are believed only from the proxies the operator names in the
/// <c>ForwardedHeaders</c> section (off by default): from any other peer the headers are ignored, since a client that
/// reaches the app directly could claim any address and so escape the per-address rate limits. Only the configured
/// addresses count — ASP.NET Core's default trust of loopback is dropped, so a proxy on the same box is named too.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    /// <summary>The <c>ForwardedHeaders</c> section as written in appsettings or the environment (<c>ForwardedHeaders__KnownProxies__0</c>).</summary>
    public sealed class Settings
    {
        public bool Enabled { get; set; }

        /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
        public List<string> KnownProxies { get; set; } = [];

        /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
        public List<string> KnownNetworks { get; set; } = [];

        /// <summary>How many proxies in a row are read back through (1: the app's own proxy only).</summary>
        public int ForwardLimit { get; set; } = 1;
    }

    /// <summary>Registers the options when the section enables them; true when the middleware is to be used.</summary>
    /// <exception cref="InvalidOperationException">Enabled without a proxy, or an address that does not parse.</exception>
    public static bool AddConfiguredForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<Settings>() ?? new Settings();
        if (!settings.Enabled)
        {
            return false;
        }

        var proxies = settings.KnownProxies.Select(ParseProxy).ToList();
        var networks = settings.KnownNetworks.Select(ParseNetwork).ToList();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            throw new InvalidOperationException(
                $"{Section}:Enabled is true but neither {Section}:KnownProxies nor {Section}:KnownNetworks names a proxy: name the addresses " +
                "your reverse proxy connects from (e.g. ForwardedHeaders__KnownProxies__0=10.0.0.5), or set Enabled to false.");
        }

        if (settings.ForwardLimit < 1)
        {
            throw new InvalidOperationException($"{Section}:ForwardLimit must be 1 or more (it is {settings.ForwardLimit}).");
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return true;
    }

    private static IPAddress ParseProxy(string text) => IPAddress.TryParse(text.Trim(), out var address)
        ? address
        : throw new InvalidOperationException($"{Section}:KnownProxies: \"{text}\" is not an IP address like 10.0.0.5.");

    private static System.Net.IPNetwork ParseNetwork(string text) => System.Net.IPNetwork.TryParse(text.Trim(), out var network)
        ? network
        : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{text}\" is not a network in CIDR notation like 10.0.0.0/24.");
}
