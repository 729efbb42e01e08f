using System.Globalization;

namespace Cordon.Core.Stix.Patterns;

/// <summary>A literal in a pattern. <see cref="object.ToString"/> writes it as a pattern literal.</summary>
public abstract record PatternValue;

/// <summary><c>'text'</c>, with <c>\'</c> and <c>\\</c> unescaped.</summary>
public sealed record StringValue(string Value) : PatternValue
{
    public override string ToString() => StixPattern.Quote(Value);
}

/// <summary><c>42</c>, <c>-7</c>, <c>+3</c>.</summary>
public sealed record IntegerValue(long Value) : PatternValue
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>1.5</c>, <c>-.25</c>. STIX floats have no exponent.</summary>
public sealed record FloatValue(double Value) : PatternValue
{
    public override string ToString()
    {
        var text = PatternText.Number(Value);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanValue(bool Value) : PatternValue
{
    public override string ToString() => Value ? "true" : "false";
}

/// <summary><c>b'base64'</c>; <see cref="Base64"/> is the text between the quotes.</summary>
public sealed record BinaryValue(string Base64) : PatternValue
{
    public byte[] ToBytes() => Convert.FromBase64String(Base64);

    public override string ToString() => $"b'{Base64}'";
}

/// <summary><c>h'00ff'</c>; <see cref="Hex"/> is the digits in lower case.</summary>
public sealed record HexValue(string Hex) : PatternValue
{
    public byte[] ToBytes() => Convert.FromHexString(Hex);

    public override string ToString() => $"h'{Hex}'";
}

/// <summary>
/// <c>t'2016-01-01T00:00:00Z'</c>, to 100 ns (further digits are dropped); a leap second (<c>:60</c>) is read as the
/// first instant of the next minute.
/// </summary>
public sealed record TimestampValue(DateTimeOffset Value) : PatternValue
{
    public override string ToString() => PatternText.Timestamp(Value);
}
