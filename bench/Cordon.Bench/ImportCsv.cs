using System.Globalization;
using Cordon.Application.Demo;
using Cordon.Core.Identifiers;
using Cordon.Core.Text;

namespace Cordon.Bench;

/// <summary>A CSV of realistic indicators of every type (the demo generator, a fixed seed) for the import benchmark.</summary>
public static class ImportCsv
{
    public static int Write(long rows, string file)
    {
        var generator = new DemoIndicators(seed: 1_000_000);
        var types = Enum.GetValues<IdentifierType>();
        // Numbers in international form: the importing organisation's country does not matter then.
        var countries = new[] { "HK", "SG", "DE", "CN" };
        using var writer = new StreamWriter(file);
        writer.WriteLine("type,value,categories,confidence,tlp,distribution");
        for (var i = 0L; i < rows; i++)
        {
            var type = types[i % types.Length];
            var value = generator.Value(type, countries[i % countries.Length]).Replace("\"", "\"\"", StringComparison.Ordinal);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{CordonJson.Name(type)},\"{value}\",other,{50 + (i % 50)},green,node"));
        }
        Console.WriteLine($"wrote {rows} rows to {file}");
        return 0;
    }
}
