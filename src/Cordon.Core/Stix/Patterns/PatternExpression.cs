namespace Cordon.Core.Stix.Patterns;

/// <summary>
/// A parsed STIX pattern (STIX 2.1 §9): one observation expression, or several joined by an observation operator.
/// <see cref="object.ToString"/> writes the pattern back in canonical form.
/// </summary>
/// <remarks>
/// Chains of one operator are kept flat (<c>[a] OR [b] OR [c]</c> is one node with three operands), so the depth of
/// the tree is bounded by the parser's nesting limit whatever the pattern's length, and walking it cannot overflow
/// the stack. Equality of nodes that hold lists compares the lists by reference; compare
/// <see cref="object.ToString"/> to compare patterns.
/// </remarks>
public abstract record PatternExpression
{
    /// <summary>The qualifiers that follow this expression, in the order written.</summary>
    public abstract IReadOnlyList<Qualifier> Qualifiers { get; init; }
}

/// <summary>One observation expression: <c>[comparison]</c> and its qualifiers.</summary>
public sealed record ObservationExpression(ComparisonExpression Comparison, IReadOnlyList<Qualifier> Qualifiers) : PatternExpression
{
    public override string ToString() => $"[{Comparison}]{PatternText.Qualifiers(Qualifiers)}";
}

/// <summary>
/// Observation expressions joined by one operator, e.g. <c>[a] FOLLOWEDBY [b]</c>. Qualifiers here belong to the
/// parenthesised group, as in <c>([a] FOLLOWEDBY [b]) WITHIN 600 SECONDS</c>.
/// </summary>
public sealed record CompoundObservation(ObservationOperator Op, IReadOnlyList<PatternExpression> Operands, IReadOnlyList<Qualifier> Qualifiers)
    : PatternExpression
{
    public override string ToString()
    {
        var body = string.Join($" {PatternText.Keyword(Op)} ", Operands.Select(Operand));
        return Qualifiers.Count == 0 ? body : $"({body}){PatternText.Qualifiers(Qualifiers)}";
    }

    // A qualified group writes its own parentheses.
    private static string Operand(PatternExpression operand) =>
        operand is CompoundObservation { Qualifiers.Count: 0 } ? $"({operand})" : operand.ToString();
}

/// <summary>How observation expressions combine. Precedence, highest first: AND, OR, FOLLOWEDBY.</summary>
public enum ObservationOperator
{
    And,
    Or,
    FollowedBy,
}
