using CityMaturity.Reports;

namespace CityMaturity.Web.Api;

/// <summary>What every file download of an assessment shares: one name pattern and no caching.</summary>
public static class Downloads
{
    /// <summary><c>&lt;community&gt;-&lt;assessment&gt;-&lt;what&gt;-&lt;date&gt;.&lt;ext&gt;</c>, dated the day it is downloaded (UTC).</summary>
    public static string FileName(string community, string assessment, string what, string extension, TimeProvider clock) =>
        ReportFileName.For(community, assessment, what, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), extension);

    /// <summary>
    /// Exports carry participants' names and emails (ratings, history) or an organisation's results: no browser, proxy or
    /// shared computer may keep a copy.
    /// </summary>
    public static void NeverStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
