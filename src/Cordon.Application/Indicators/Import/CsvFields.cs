using System.Text;

namespace Cordon.Application.Indicators.Import;

/// <summary>Splits one CSV line (RFC 4180 quoting; a quoted field may not span lines).</summary>
public static class CsvFields
{
    /// <summary>The fields, or null when a quoted field is not closed on the line.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
        {
            return null;
        }
        fields.Add(field.ToString());
        return fields;
    }
}
