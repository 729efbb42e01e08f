using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cordon.Core.Stix.Patterns;

internal enum TokenKind
{
    End,
    Word,
    Literal,
    Operator,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Colon,
    Dot,
    Comma,
    Asterisk,
}

/// <summary>One token: a word (keyword or identifier) or operator symbol in <see cref="Text"/>, a literal in <see cref="Value"/>.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, PatternValue? Value = null);

/// <summary>Splits a pattern into tokens on demand, skipping whitespace and comments as the STIX 2.1 grammar does.</summary>
internal sealed class PatternLexer(string text)
{
    private int position;

    public Token Next()
    {
        SkipSpaceAndComments();
        var start = position;
        if (position >= text.Length)
        {
            return new(TokenKind.End, start, "");
        }
        var c = text[position];
        switch (c)
        {
            case '[': return Punctuation(TokenKind.LeftBracket);
            case ']': return Punctuation(TokenKind.RightBracket);
            case '(': return Punctuation(TokenKind.LeftParen);
            case ')': return Punctuation(TokenKind.RightParen);
            case ':': return Punctuation(TokenKind.Colon);
            case ',': return Punctuation(TokenKind.Comma);
            case '*': return Punctuation(TokenKind.Asterisk);
            case '\'': return new(TokenKind.Literal, start, "", new StringValue(ReadString()));
            case '=': return Operator(Peek(1) == '=' ? 2 : 1);
            case '!' when Peek(1) == '=': return Operator(2);
            case '<': return Operator(Peek(1) is '=' or '>' ? 2 : 1);
            case '>': return Operator(Peek(1) == '=' ? 2 : 1);
            default: break;
        }
        if (char.IsAsciiDigit(c) || (c is '+' or '-' or '.' && StartsNumber(c)))
        {
            return ReadNumber();
        }
        if (c == '.')
        {
            return Punctuation(TokenKind.Dot);
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ReadWord();
        }
        throw new StixPatternException("unexpected character", start);
    }

    private char Peek(int ahead) => position + ahead < text.Length ? text[position + ahead] : '\0';

    private bool StartsNumber(char c) => c == '.'
        ? char.IsAsciiDigit(Peek(1))
        : char.IsAsciiDigit(Peek(1)) || (Peek(1) == '.' && char.IsAsciiDigit(Peek(2)));

    private Token Punctuation(TokenKind kind) => new(kind, position, text[position++].ToString());

    private Token Operator(int length)
    {
        var token = new Token(TokenKind.Operator, position, text.Substring(position, length));
        position += length;
        return token;
    }

    private void SkipSpaceAndComments()
    {
        while (position < text.Length)
        {
            if (IsSpace(text[position]))
            {
                position++;
            }
            else if (text[position] == '/' && Peek(1) == '*')
            {
                var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                position = end >= 0 ? end + 2 : throw new StixPatternException("unterminated comment", position);
            }
            else if (text[position] == '/' && Peek(1) == '/')
            {
                while (position < text.Length && text[position] is not ('\r' or '\n'))
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    // The grammar's WS rule, which is narrower than char.IsWhiteSpace.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\u000B' or '\u000C' or '\u0085' or '\u00A0'
        or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000';

    private string ReadString()
    {
        var start = position++;
        var value = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '\'')
            {
                position++;
                return value.ToString();
            }
            if (c == '\\')
            {
                if (Peek(1) is not ('\'' or '\\'))
                {
                    throw position + 1 < text.Length
                        ? new StixPatternException(@"invalid escape in string (only \' and \\ are allowed)", position)
                        : new StixPatternException("unterminated string", start);
                }
                value.Append(Peek(1));
                position += 2;
                continue;
            }
            value.Append(c);
            position++;
        }
        throw new StixPatternException("unterminated string", start);
    }

    private Token ReadNumber()
    {
        var start = position;
        if (text[position] is '+' or '-')
        {
            position++;
        }
        while (char.IsAsciiDigit(Peek(0)))
        {
            position++;
        }
        var isFloat = Peek(0) == '.' && char.IsAsciiDigit(Peek(1));
        if (isFloat)
        {
            position++;
            while (char.IsAsciiDigit(Peek(0)))
            {
                position++;
            }
        }
        var number = text.AsSpan(start, position - start);
        if (isFloat)
        {
            var value = double.Parse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return double.IsFinite(value)
                ? new(TokenKind.Literal, start, number.ToString(), new FloatValue(value))
                : throw new StixPatternException("number out of range", start);
        }
        return long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? new(TokenKind.Literal, start, number.ToString(), new IntegerValue(integer))
            : throw new StixPatternException("integer out of range", start);
    }

    private Token ReadWord()
    {
        var start = position;
        while (char.IsAsciiLetterOrDigit(Peek(0)) || Peek(0) is '_' or '-')
        {
            position++;
        }
        var word = text[start..position];
        if (Peek(0) == '\'' && word is "t" or "b" or "h")
        {
            return new(TokenKind.Literal, start, word, ReadPrefixed(word[0], start));
        }
        return new(TokenKind.Word, start, word);
    }

    private PatternValue ReadPrefixed(char prefix, int start)
    {
        var close = text.IndexOf('\'', position + 1);
        if (close < 0)
        {
            throw new StixPatternException("unterminated string", position);
        }
        var content = text[(position + 1)..close];
        position = close + 1;
        return prefix switch
        {
            'h' => IsHex(content) ? new HexValue(content.ToLowerInvariant()) : throw new StixPatternException("invalid hex literal", start),
            'b' => IsBase64(content) ? new BinaryValue(content) : throw new StixPatternException("invalid binary (base64) literal", start),
            _ => ParseTimestamp(content) is { } instant
                ? new TimestampValue(instant)
                : throw new StixPatternException("invalid timestamp (expected yyyy-MM-ddTHH:mm:ss[.s+]Z)", start),
        };
    }

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private static bool IsHex(string content) => content.Length % 2 == 0 && content.All(char.IsAsciiHexDigit);

    // The grammar's BinaryLiteral: whole groups of four, at least one, padding only at the end.
    private static bool IsBase64(string content)
    {
        if (content.Length == 0 || content.Length % 4 != 0)
        {
            return false;
        }
        var data = content.AsSpan().TrimEnd('=');
        return content.Length - data.Length <= 2
            && data.IndexOfAnyExcept(Base64Chars) < 0;
    }

    /// <summary>The grammar's TimestampLiteral with the calendar checked: <c>yyyy-MM-ddTHH:mm:ss[.s+]Z</c>, UTC only.</summary>
    internal static DateTimeOffset? ParseTimestamp(string s)
    {
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[^1] != 'Z'
            || (s.Length > 20 && (s[19] != '.' || s.Length == 21 || !s.AsSpan(20, s.Length - 21).ContainsOnlyDigits())))
        {
            return null;
        }
        int? Field(int at, int length) => s.AsSpan(at, length).ContainsOnlyDigits()
            ? int.Parse(s.AsSpan(at, length), NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
        if (Field(0, 4) is not { } year || Field(5, 2) is not { } month || Field(8, 2) is not { } day
            || Field(11, 2) is not { } hour || Field(14, 2) is not { } minute || Field(17, 2) is not { } second
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return null;
        }
        var fraction = s.Length > 20 ? s.Substring(20, Math.Min(7, s.Length - 21)).PadRight(7, '0') : "0";
        var instant = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), TimeSpan.Zero)
            .AddTicks(long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture));
        if (second == 60)
        {
            if (instant > DateTimeOffset.MaxValue.AddSeconds(-1))
            {
                return null;
            }
            instant = instant.AddSeconds(1);
        }
        return instant;
    }
}

file static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => span.IndexOfAnyExceptInRange('0', '9') < 0;
}
