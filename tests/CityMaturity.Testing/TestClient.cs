using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMaturity.Testing;

/// <summary>An HTTP client with its own cookies that signs in through the real form and antiforgery token.</summary>
public sealed partial class TestClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public static TestClient Create(CityMaturityFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var token = await AntiforgeryTokenAsync("/account/login");
        return await PostFormAsync("/account/login", token, new() { ["email"] = email, ["password"] = password, ["returnUrl"] = "/orgs" });
    }

    public async Task SignInOrFailAsync(string email, string password)
    {
        var response = await SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/orgs")
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} → {response.Headers.Location}");
        }
    }

    /// <summary>Signs in and returns the cookies the app set, as a Cookie header another client (or app instance) can send.</summary>
    public async Task<string> SignInCookieHeaderAsync(string email, string password)
    {
        using var response = await SignInAsync(email, password);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>Reads the antiforgery token from a page's form (the same way a browser gets it).</summary>
    public async Task<string> AntiforgeryTokenAsync(string pagePath)
    {
        var html = await Http.GetStringAsync(pagePath);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"{pagePath} has no antiforgery token.");
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, string? antiforgeryToken, Dictionary<string, string> fields)
    {
        if (antiforgeryToken is not null)
        {
            fields["__RequestVerificationToken"] = antiforgeryToken;
        }

        return Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
