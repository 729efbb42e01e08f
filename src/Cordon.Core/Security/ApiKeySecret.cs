using System.Security.Cryptography;
using System.Text;

namespace Cordon.Core.Security;

/// <summary>
/// API keys: random secrets shown once. The store keeps a lookup prefix and a salted HMAC of the whole key,
/// never the key itself.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "cdn_";
    public const int PrefixLength = 12;
    public const int MinimumLength = 32;
    public const int MaximumLength = 256;

    public static string Generate() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(16);

    /// <summary>The part of the key kept in clear to find candidate records quickly.</summary>
    public static string LookupPrefix(string key) => key[..PrefixLength];

    public static bool HasPlausibleShape(string key) =>
        key.Length is >= MinimumLength and <= MaximumLength && key.All(c => c is > ' ' and < (char)127);

    public static byte[] Hash(string key, byte[] salt) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(key));

    public static bool Matches(string key, byte[] salt, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(key, salt), expectedHash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
