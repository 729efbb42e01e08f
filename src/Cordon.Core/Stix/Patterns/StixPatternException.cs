using Cordon.Core.Errors;

namespace Cordon.Core.Stix.Patterns;

/// <summary>
/// A STIX pattern that does not parse or exceeds the parser's limits. <see cref="Reason"/> says what is wrong and
/// <see cref="Position"/> where (a 0-based character offset); the message joins the two, e.g. "expected ']' at 23".
/// </summary>
public sealed class StixPatternException(string reason, int position) : CordonException($"{reason} at {position}")
{
    public string Reason { get; } = reason;
    public int Position { get; } = position;
}
