using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cordon.Core.Identifiers;

/// <summary>
/// The pre-clean every identifier goes through: trim, drop invisible characters, refuse control characters and broken
/// UTF-16, then NFKC (so that full-width <c>＋４４</c> becomes <c>+44</c>).
/// </summary>
internal static class InputCleaner
{
    public static string Clean(string? raw, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw Refuse.Because("the value is empty");
        }
        var text = raw.AsSpan().Trim();
        if (text.Length > maxLength)
        {
            throw TooLong(maxLength);
        }
        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            // Printable ASCII, the common case: nothing in it is invisible, a control or changed by NFKC.
            return text.Length == raw.Length ? raw : text.ToString();
        }
        var builder = new StringBuilder(text.Length);
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != OperationStatus.Done)
            {
                throw Refuse.Because("the value is not valid text (it holds an unpaired surrogate)");
            }
            text = text[consumed..];
            if (IsInvisible(rune.Value))
            {
                continue;
            }
            if (rune.Value == 0xFFFD)
            {
                throw Refuse.Because("the value holds a replacement character (�): it was damaged by a wrong text encoding");
            }
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control:
                    throw Refuse.Because("the value holds control characters");
                case UnicodeCategory.Format:
                    throw Refuse.Because("the value holds invisible formatting characters");
                default:
                    builder.Append(rune);
                    break;
            }
        }
        var cleaned = builder.ToString();
        if (!cleaned.IsNormalized(NormalizationForm.FormKC))
        {
            cleaned = cleaned.Normalize(NormalizationForm.FormKC);
        }
        cleaned = cleaned.Trim();
        if (cleaned.Length == 0)
        {
            throw Refuse.Because("the value is empty");
        }
        return cleaned.Length <= maxLength ? cleaned : throw TooLong(maxLength);
    }

    // Characters that copy-and-paste carries along without anyone seeing them: zero-width spaces and joiners, the
    // soft hyphen, byte-order marks, bidirectional marks (WhatsApp wraps copied numbers in U+202A…U+202C) and
    // variation selectors.
    private static bool IsInvisible(int codePoint) => codePoint is 0x00AD or 0x034F or 0x061C or 0x180E or 0xFEFF
        or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x2064)
        or (>= 0x2066 and <= 0x2069) or (>= 0xFE00 and <= 0xFE0F);

    private static Errors.InvalidInputException TooLong(int maxLength) =>
        Refuse.Because(string.Create(CultureInfo.InvariantCulture, $"the value is longer than {maxLength} characters"));
}
