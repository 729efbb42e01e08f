using System.Text;

namespace Cordon.Core.Identifiers;

/// <summary>
/// RFC 3986 percent-encoding normalisation: escapes of unreserved characters decoded, other escapes in upper-case hex,
/// characters a URI may not hold raw (spaces, non-ASCII…) encoded as UTF-8 escapes, a stray % encoded as %25.
/// </summary>
internal static class PercentEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string NormalisePath(string path) => Normalise(path, isQuery: false);

    public static string NormaliseQuery(string query) => Normalise(query, isQuery: true);

    /// <summary>Decodes the escapes in a host name (browsers accept <c>ex%61mple.com</c>); refuses escapes that are not UTF-8.</summary>
    public static string DecodeHost(string host)
    {
        var bytes = new List<byte>(host.Length);
        for (var i = 0; i < host.Length; i++)
        {
            if (host[i] == '%' && IsEscape(host, i))
            {
                bytes.Add(Convert.ToByte(host.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (char.IsAscii(host[i]))
            {
                bytes.Add((byte)host[i]);
            }
            else
            {
                // Non-ASCII text around the escapes: the cleaner has already refused unpaired surrogates.
                var length = char.IsHighSurrogate(host[i]) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(host.Substring(i, length)));
                i += length - 1;
            }
        }
        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (ArgumentException)
        {
            throw Refuse.Because("the host holds percent-escapes that are not UTF-8");
        }
    }

    private static string Normalise(string text, bool isQuery)
    {
        var builder = new StringBuilder(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '%' && IsEscape(text, i))
            {
                var value = Convert.ToByte(text.Substring(i + 1, 2), 16);
                if (IsUnreserved((char)value))
                {
                    builder.Append((char)value);
                }
                else
                {
                    AppendEscape(builder, value);
                }
                i += 3;
            }
            else if (c < 0x80)
            {
                if (c != '%' && (IsUnreserved(c) || IsSubDelimiter(c) || c is ':' or '@' or '/' || (isQuery && c == '?')))
                {
                    builder.Append(c);
                }
                else
                {
                    AppendEscape(builder, (byte)c);
                }
                i++;
            }
            else
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    AppendEscape(builder, b);
                }
                i += consumed;
            }
        }
        return builder.ToString();
    }

    private static bool IsEscape(string text, int i) =>
        i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]);

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static bool IsSubDelimiter(char c) => c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';

    private static void AppendEscape(StringBuilder builder, byte value) =>
        builder.Append('%').Append(Convert.ToHexString([value]));
}
