using System.Security.Cryptography;
using System.Text;

namespace CityMaturity.Application.Accounts;

/// <summary>Random invitation tokens (256 bits, URL-safe); only their SHA-256 is stored.</summary>
public static class InvitationTokens
{
    public static (string Token, byte[] Hash) Create()
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
