using System.Globalization;

namespace Cordon.Server.Http;

/// <summary>A wait as a <c>Retry-After</c> value: whole seconds, rounded up, at least one.</summary>
public static class RetryAfter
{
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
