namespace Cordon.Core.Text;

/// <summary>
/// One CSV cell as every CSV the node writes spells it: RFC 4180 quoting, and a cell that a spreadsheet would take for
/// a formula (it begins with =, +, -, @ or their full-width forms, a tab or a carriage return) neutralised with a leading apostrophe (OWASP's
/// rule), so that an indicator such as <c>=cmd|'/C calc'!A0@x.example</c> reaches another member's spreadsheet as
/// text. <see cref="Read"/> undoes it, so that an exported file imports again unchanged.
/// </summary>
public static class CsvCell
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

    private static readonly System.Buffers.SearchValues<char> NeedQuotes = System.Buffers.SearchValues.Create(",;\t\"\r\n'");

    public static string Write(string value)
    {
        var text = LooksLikeFormula(value, 0) ? "'" + value : value;
        // Quoted also on ';' and tab: a spreadsheet in a locale that splits on them must not cut a cell in two.
        return text.AsSpan().IndexOfAny(NeedQuotes) >= 0 || text != value
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    /// <summary>A cell's text as written by <see cref="Write"/>, read back (after the CSV quoting is undone).</summary>
    public static string Read(string cell) => cell.Length > 1 && cell[0] == '\'' && LooksLikeFormula(cell, 1) ? cell[1..] : cell;

    /// <summary>Apostrophes, then a formula's first character: a value already so prefixed gets one more, so that it reads back.</summary>
    private static bool LooksLikeFormula(string text, int from)
    {
        var i = from;
        while (i < text.Length && text[i] == '\'')
        {
            i++;
        }
        return i < text.Length && Array.IndexOf(FormulaStarts, text[i]) >= 0;
    }
}
