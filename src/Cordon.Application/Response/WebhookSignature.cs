using System.Security.Cryptography;
using System.Text;

namespace Cordon.Application.Response;

/// <summary>Standard Webhooks signing: <c>v1,base64(HMAC-SHA256(secret, id.timestamp.body))</c> with a <c>whsec_</c> secret.</summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>What a receiver does: recompute and compare in constant time (any of several space-separated signatures).</summary>
    public static bool Verify(string secret, string messageId, long timestamp, string body, string signatureHeader)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, timestamp, body));
        return signatureHeader.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    /// <summary>Exponential back-off with full jitter: about 5 s, 10 s, 20 s … capped at an hour.</summary>
    public static TimeSpan Backoff(int attempts, Random random)
    {
        var ceiling = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));
        return TimeSpan.FromMilliseconds(ceiling.TotalMilliseconds * (0.5 + (random.NextDouble() / 2)));
    }
}
