using System.Text.Json;
using Cordon.Core.Text;
using Spectre.Console;

namespace Cordon.Cli;

/// <summary>Human output as tables, script output as JSON (camelCase, enums as lower-case strings, like the API).</summary>
public static class Output
{
    // Not HTML: "+44 20…" stays "+44 20…", not "\u002B44 20…" (the relaxed encoder still escapes what JSON requires).
    private static readonly JsonSerializerOptions Json = new(CordonJson.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task JsonAsync(TextWriter writer, object value) => writer.WriteLineAsync(JsonSerializer.Serialize(value, Json));

    /// <summary>A console as wide as the terminal, or as <c>COLUMNS</c> says when the output is not a terminal (80 otherwise).</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.CultureInfo.InvariantCulture, out var columns)
            && columns is >= 40 and <= 1000)
        {
            console.Profile.Width = columns;
        }
        return console;
    }

    /// <summary>
    /// A table that fits the console: ids are never wrapped (they are copied into the next command), the other columns
    /// wrap to make room.
    /// </summary>
    public static void Table(TextWriter writer, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            var column = new TableColumn(header);
            if (header == "id" || header.EndsWith(" id", StringComparison.Ordinal))
            {
                column.NoWrap();
            }
            table.AddColumn(column);
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        Console(writer).Write(table);
    }
}
