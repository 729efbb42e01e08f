namespace Cordon.Core.Stix.Patterns;

/// <summary>What an observation expression tests inside its brackets: property comparisons joined by AND and OR.</summary>
public abstract record ComparisonExpression;

/// <summary>
/// <c>path [NOT] op value</c>, e.g. <c>file:size &gt; 1024</c> or <c>file:name NOT = 'x'</c>. Named so as not to be
/// confused with <see cref="Comparison{T}"/>.
/// </summary>
public sealed record PropertyComparison(ObjectPath Path, ComparisonOperator Op, bool Negated, PatternValue Value) : ComparisonExpression
{
    public override string ToString() => $"{Path} {PatternText.Not(Negated)}{PatternText.Symbol(Op)} {Value}";
}

/// <summary><c>path [NOT] IN (v1, v2, …)</c>.</summary>
public sealed record SetComparison(ObjectPath Path, bool Negated, IReadOnlyList<PatternValue> Values) : ComparisonExpression
{
    public override string ToString() => $"{Path} {PatternText.Not(Negated)}IN ({string.Join(", ", Values)})";
}

/// <summary><c>EXISTS path</c>: the property is present.</summary>
public sealed record ExistsComparison(ObjectPath Path) : ComparisonExpression
{
    public override string ToString() => $"EXISTS {Path}";
}

/// <summary>Comparisons joined by one boolean operator; AND binds tighter than OR.</summary>
public sealed record CompoundComparison(BooleanOperator Op, IReadOnlyList<ComparisonExpression> Operands) : ComparisonExpression
{
    public override string ToString() => string.Join($" {PatternText.Keyword(Op)} ",
        Operands.Select(operand => operand is CompoundComparison ? $"({operand})" : operand.ToString()));
}

/// <summary>The comparison operators other than IN (<see cref="SetComparison"/>).</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Like,
    Matches,
    IsSubset,
    IsSuperset,
}

/// <summary>How comparisons combine inside one observation expression.</summary>
public enum BooleanOperator
{
    And,
    Or,
}
