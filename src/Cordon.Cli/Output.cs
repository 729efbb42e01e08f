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

    public static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
    });

    public static void Table(TextWriter writer, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(header);
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        Console(writer).Write(table);
    }
}
