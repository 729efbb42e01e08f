namespace Cordon.Core.Stix.Patterns;

/// <summary>What an importer can act on in a parsed pattern.</summary>
public static class PatternComparisons
{
    /// <summary>
    /// The (path, value) pairs of a pattern that is only a disjunction of string equalities, e.g.
    /// <c>[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '5.6.7.8'] OR [domain-name:value IN ('a.example', 'b.example')]</c>,
    /// in the order written; null for any other pattern, which is kept but not acted on.
    /// </summary>
    /// <remarks>
    /// Acceptable: observations joined only by OR, without qualifiers, each holding only <c>=</c> (not negated) and
    /// <c>IN</c> (not negated) comparisons over strings joined only by OR. AND is not acted on, at either level: a
    /// screening lookup matches one identifier, and an indicator that needs two things to be seen together would
    /// flag everything that holds only one of them. Null too when the pattern names no value (an empty IN).
    /// </remarks>
    public static IReadOnlyList<(ObjectPath Path, string Value)>? SimpleDisjunction(PatternExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var pairs = new List<(ObjectPath Path, string Value)>();
        return FromObservation(expression, pairs) && pairs.Count > 0 ? pairs.AsReadOnly() : null;
    }

    private static bool FromObservation(PatternExpression expression, List<(ObjectPath, string)> pairs) => expression switch
    {
        ObservationExpression { Qualifiers.Count: 0 } observation => FromComparison(observation.Comparison, pairs),
        CompoundObservation { Op: ObservationOperator.Or, Qualifiers.Count: 0 } compound =>
            compound.Operands.All(operand => FromObservation(operand, pairs)),
        _ => false,
    };

    private static bool FromComparison(ComparisonExpression comparison, List<(ObjectPath, string)> pairs)
    {
        switch (comparison)
        {
            case PropertyComparison { Op: ComparisonOperator.Equal, Negated: false, Value: StringValue value } equality:
                pairs.Add((equality.Path, value.Value));
                return true;
            case SetComparison { Negated: false } set when set.Values.All(value => value is StringValue):
                pairs.AddRange(set.Values.Select(value => (set.Path, ((StringValue)value).Value)));
                return true;
            case CompoundComparison { Op: BooleanOperator.Or } compound:
                return compound.Operands.All(operand => FromComparison(operand, pairs));
            default:
                return false;
        }
    }
}
