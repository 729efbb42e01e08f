using System.Globalization;
using Cordon.Core.Response;

using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Response;

/// <summary>
/// Deadlines from configuration, e.g. <c>Cordon:Response:Deadlines:FreezeFunds:Critical:Acknowledge = 00:15:00</c>
/// (also <c>Action</c> and <c>Expire</c>); anything not configured keeps its default.
/// </summary>
public static class ResponseConfiguration
{
    public static DeadlinePolicy Deadlines(IConfiguration configuration)
    {
        var overrides = new Dictionary<(RequestKind, Priority), Deadline>();
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            foreach (var priority in Enum.GetValues<Priority>())
            {
                var section = configuration.GetSection($"Cordon:Response:Deadlines:{kind}:{priority}");
                if (!section.Exists())
                {
                    continue;
                }
                var fallback = DeadlinePolicy.Default(kind, priority);
                overrides[(kind, priority)] = new Deadline(Read(section["Acknowledge"], fallback.Acknowledge), Read(section["Action"], fallback.Action),
                    Read(section["Expire"], fallback.Expire));
            }
        }
        return new DeadlinePolicy(overrides);
    }

    private static TimeSpan Read(string? text, TimeSpan fallback) =>
        text is null ? fallback : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
}
