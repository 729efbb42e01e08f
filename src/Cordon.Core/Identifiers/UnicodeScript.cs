using System.Globalization;
using System.Text;

namespace Cordon.Core.Identifiers;

/// <summary>
/// The writing system of a character, enough to spot names that mix scripts. .NET has no Unicode script property,
/// so scripts are told apart by their main blocks; other characters are grouped by 128-code-point block.
/// </summary>
internal static class UnicodeScript
{
    public const int Common = 0;
    public const int Latin = 1;
    public const int Greek = 2;
    public const int Cyrillic = 3;
    public const int Han = 4;
    public const int Hiragana = 5;
    public const int Katakana = 6;
    public const int Hangul = 7;
    public const int Bopomofo = 8;
    private const int OtherBlock = 1000;

    public static int Of(Rune rune)
    {
        var c = rune.Value;
        var isMark = Rune.GetUnicodeCategory(rune)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark;
        if (isMark || Rune.IsDigit(rune) || c is '-' or '.')
        {
            return Common;
        }
        return c switch
        {
            < 0x0250 or (>= 0x1E00 and <= 0x1EFF) or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF)
                or (>= 0xAB30 and <= 0xAB6F) => Latin,
            (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF) => Greek,
            (>= 0x0400 and <= 0x052F) or (>= 0x1C80 and <= 0x1C8F) or (>= 0x2DE0 and <= 0x2DFF)
                or (>= 0xA640 and <= 0xA69F) => Cyrillic,
            (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3FFFF)
                or 0x3005 or 0x3007 => Han,
            >= 0x3040 and <= 0x309F => Hiragana,
            (>= 0x30A0 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) => Katakana,
            (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F) or (>= 0xAC00 and <= 0xD7AF) => Hangul,
            (>= 0x3100 and <= 0x312F) or (>= 0x31A0 and <= 0x31BF) => Bopomofo,
            _ => OtherBlock + (c >> 7),
        };
    }
}
