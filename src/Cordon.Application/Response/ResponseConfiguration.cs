using System.Globalization;
using Cordon.Core.Response;
using Cordon.Core.Text;

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

    /// <summary>
    /// The escalation ladder, e.g. <c>Cordon:Response:Escalation:0:After = 00:00:00</c>, <c>:0:Notify = recipient_admins</c>,
    /// <c>:1:Notify = node_operator</c>, <c>:2:Notify = organisation</c> with <c>:2:Organisation</c> (its id or exact name); the default
    /// ladder when none is configured.
    /// </summary>
    public static EscalationLadder Escalation(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cordon:Response:Escalation");
        if (!section.Exists())
        {
            return EscalationLadder.Default;
        }
        var steps = new List<EscalationStep>();
        foreach (var step in section.GetChildren().OrderBy(s => int.TryParse(s.Key, CultureInfo.InvariantCulture, out var k) ? k : int.MaxValue))
        {
            var where = $"Cordon:Response:Escalation:{step.Key}";
            var after = TimeSpan.TryParse(step["After"] ?? "00:00:00", CultureInfo.InvariantCulture, out var wait) ? wait
                : throw new InvalidOperationException($"{where}:After must be a time span such as 00:30:00.");
            var target = CordonJson.TryParse<EscalationTarget>(step["Notify"], out var t) ? t
                : throw new InvalidOperationException($"{where}:Notify must be one of {CordonJson.Names<EscalationTarget>()}.");
            steps.Add(new EscalationStep(after, target, step["Organisation"]?.Trim()));
        }
        try
        {
            return new EscalationLadder(steps);
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidOperationException($"Cordon:Response:Escalation: {invalid.Message.Split(" (Parameter")[0]}", invalid);
        }
    }

    private static TimeSpan Read(string? text, TimeSpan fallback) =>
        text is null ? fallback : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
}
