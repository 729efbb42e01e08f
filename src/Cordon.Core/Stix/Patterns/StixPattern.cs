using System.Diagnostics.CodeAnalysis;

namespace Cordon.Core.Stix.Patterns;

/// <summary>Reads and writes STIX 2.1 patterns (§9, "STIX Patterning").</summary>
public static class StixPattern
{
    /// <summary>The longest pattern read, in characters; longer ones are refused before any parsing.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The deepest nesting of parentheses read, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>The syntax tree of a pattern.</summary>
    /// <exception cref="StixPatternException">The pattern is malformed, longer than <see cref="MaxLength"/> or nested deeper than <see cref="MaxDepth"/>.</exception>
    public static PatternExpression Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length > MaxLength)
        {
            throw new StixPatternException($"pattern longer than {MaxLength} characters", MaxLength);
        }
        return PatternParser.ParsePattern(pattern);
    }

    /// <summary>Like <see cref="Parse"/>, but says why a pattern does not parse instead of throwing.</summary>
    public static bool TryParse(string pattern, [NotNullWhen(true)] out PatternExpression? expression, [NotNullWhen(false)] out string? error)
    {
        try
        {
            expression = Parse(pattern);
            error = null;
            return true;
        }
        catch (StixPatternException refused)
        {
            expression = null;
            error = refused.Message;
            return false;
        }
    }

    /// <summary>A STIX string literal: the value in single quotes, with <c>\</c> and <c>'</c> escaped.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// The pattern that one property equals a value, e.g. <c>[domain-name:value = 'evil.example']</c>.
    /// <paramref name="property"/> is the path after the colon in pattern syntax: <c>value</c>, <c>hashes.'SHA-256'</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The object type or property path is not valid pattern syntax.</exception>
    public static string Equality(string objectType, string property, string value)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(property);
        if (!PatternText.IsObjectType(objectType))
        {
            throw new ArgumentException($"'{objectType}' is not a STIX object type.", nameof(objectType));
        }
        ObjectPath path;
        try
        {
            path = PatternParser.ParseObjectPath($"{objectType}:{property}");
        }
        catch (StixPatternException refused)
        {
            throw new ArgumentException($"'{property}' is not a property path: {refused.Reason}.", nameof(property), refused);
        }
        return Equality(path, value);
    }

    /// <summary>The pattern that the property at <paramref name="path"/> equals a value.</summary>
    public static string Equality(ObjectPath path, string value) => $"[{path} = {Quote(value)}]";
}
