using System.Globalization;

namespace Cordon.Core.Stix.Patterns;

/// <summary>The spellings the parser reads and the writers write: keywords, symbols, names, numbers, timestamps.</summary>
internal static class PatternText
{
    /// <summary>The grammar's keywords (case-sensitive); none of them may be an object type or a bare property name.</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET", "ISSUBSET", "EXISTS", "LAST", "IN",
        "START", "STOP", "SECONDS", "true", "false", "WITHIN", "REPEATS", "TIMES",
    };

    public static string Keyword(ObservationOperator op) => op switch
    {
        ObservationOperator.And => "AND",
        ObservationOperator.Or => "OR",
        ObservationOperator.FollowedBy => "FOLLOWEDBY",
    };

    public static string Keyword(BooleanOperator op) => op switch
    {
        BooleanOperator.And => "AND",
        BooleanOperator.Or => "OR",
    };

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.Like => "LIKE",
        ComparisonOperator.Matches => "MATCHES",
        ComparisonOperator.IsSubset => "ISSUBSET",
        ComparisonOperator.IsSuperset => "ISSUPERSET",
    };

    public static string Not(bool negated) => negated ? "NOT " : "";

    public static string Qualifiers(IReadOnlyList<Qualifier> qualifiers) => string.Concat(qualifiers.Select(q => " " + q));

    /// <summary>Object types are lowercase ASCII letters, digits and hyphens, starting with a letter.</summary>
    public static bool IsObjectType(string name) =>
        name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !Keywords.Contains(name);

    /// <summary>A property name as the grammar writes it unquoted: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not a keyword.</summary>
    public static bool IsBareName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !Keywords.Contains(name);

    public static string PropertyName(string name) => IsBareName(name) ? name : StixPattern.Quote(name);

    /// <summary>A number in plain decimal notation: the grammar has no exponent, which "R" would use for 1e15 and 1e-5.</summary>
    public static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = text[..e];
        var sign = mantissa.StartsWith('-') ? "-" : "";
        mantissa = mantissa.TrimStart('-');
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var pointAt = (point < 0 ? mantissa.Length : point) + exponent;
        return sign + (pointAt <= 0 ? "0." + new string('0', -pointAt) + digits
            : pointAt >= digits.Length ? digits + new string('0', pointAt - digits.Length)
            : digits[..pointAt] + "." + digits[pointAt..]);
    }

    public static string Timestamp(DateTimeOffset value) =>
        "t'" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z'";
}
