namespace Cordon.Core.Response;

/// <summary>Who a step of the escalation ladder tells about a missed deadline.</summary>
public enum EscalationTarget
{
    /// <summary>The recipient's administrators (for a broadcast: the alerted community's members).</summary>
    RecipientAdmins,

    /// <summary>The organisation that runs the node.</summary>
    NodeOperator,

    /// <summary>An organisation of this node the operator names, e.g. the national anti-fraud centre.</summary>
    Organisation,
}

/// <summary>One rung: how long after the breach, and whom to tell (for an organisation step: its id or its exact name).</summary>
public sealed record EscalationStep(TimeSpan After, EscalationTarget Target, string? Organisation = null);

/// <summary>
/// What happens after a deadline is missed, rung by rung, while the request stays unanswered: each step is taken once
/// per missed deadline, recorded in the request's history and announced to those it names.
/// </summary>
public sealed class EscalationLadder
{
    public EscalationLadder(IReadOnlyList<EscalationStep> steps)
    {
        for (var k = 0; k < steps.Count; k++)
        {
            if (steps[k].After < TimeSpan.Zero || (k > 0 && steps[k].After < steps[k - 1].After))
            {
                throw new ArgumentException($"Escalation step {k + 1} waits {steps[k].After}: steps wait zero or more, in increasing order.", nameof(steps));
            }
            if ((steps[k].Target == EscalationTarget.Organisation) != !string.IsNullOrWhiteSpace(steps[k].Organisation))
            {
                throw new ArgumentException($"Escalation step {k + 1}: only an 'organisation' step names an organisation, and it must.", nameof(steps));
            }
        }
        Steps = steps;
    }

    /// <summary>At the breach, the recipient's administrators; a quarter of an hour later, the node operator.</summary>
    public static EscalationLadder Default { get; } = new([
        new EscalationStep(TimeSpan.Zero, EscalationTarget.RecipientAdmins),
        new EscalationStep(TimeSpan.FromMinutes(15), EscalationTarget.NodeOperator),
    ]);

    public IReadOnlyList<EscalationStep> Steps { get; }

    /// <summary>The step numbers (1-based) due by <paramref name="now"/> for a deadline missed at <paramref name="breachedAt"/>, not yet taken.</summary>
    public IReadOnlyList<int> Due(DateTimeOffset breachedAt, DateTimeOffset now, IReadOnlyCollection<int> taken) =>
        [.. Steps.Select((step, k) => (step, number: k + 1)).Where(s => breachedAt + s.step.After <= now && !taken.Contains(s.number)).Select(s => s.number)];
}
