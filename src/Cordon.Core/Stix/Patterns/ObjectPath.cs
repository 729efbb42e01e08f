namespace Cordon.Core.Stix.Patterns;

/// <summary>
/// An object path: the object type, a colon and the property steps, e.g. <c>file:hashes.'SHA-256'</c> or
/// <c>windows-registry-key:values[*].name</c>. The first step is always a <see cref="PropertyStep"/>. Two paths are
/// equal when their type and steps are, so a path can be looked up in a dictionary.
/// </summary>
public sealed record ObjectPath(string ObjectType, IReadOnlyList<PathStep> Steps)
{
    /// <summary>The canonical text after the colon, e.g. <c>hashes.'SHA-256'</c>; names are quoted only where needed.</summary>
    public string PropertyPath => string.Concat(Steps.Select((step, index) => step switch
    {
        PropertyStep property when index == 0 => PatternText.PropertyName(property.Name),
        PropertyStep property => "." + PatternText.PropertyName(property.Name),
        _ => step.ToString(),
    }));

    public override string ToString() => $"{ObjectType}:{PropertyPath}";

    public bool Equals(ObjectPath? other) =>
        other is not null && string.Equals(ObjectType, other.ObjectType, StringComparison.Ordinal) && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ObjectType, StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            hash.Add(step);
        }
        return hash.ToHashCode();
    }
}

/// <summary>One step of an object path after the object type.</summary>
public abstract record PathStep;

/// <summary>A property or dictionary key: <c>name</c>, <c>.name</c> or <c>.'SHA-256'</c>.</summary>
public sealed record PropertyStep(string Name) : PathStep
{
    public override string ToString() => PatternText.PropertyName(Name);
}

/// <summary>One element of a list: <c>[0]</c>. Negative indices are allowed by the grammar.</summary>
public sealed record IndexStep(int Index) : PathStep
{
    public override string ToString() => $"[{Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
}

/// <summary>Any element of a list: <c>[*]</c>.</summary>
public sealed record AnyIndexStep : PathStep
{
    public override string ToString() => "[*]";
}
