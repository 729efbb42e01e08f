using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Cordon.Server.Tests;

/// <summary>Every English string the console shows has its Simplified Chinese translation.</summary>
public sealed partial class ConsoleTextTests
{
    private static readonly string ServerFolder = Path.Combine(RepositoryRoot(), "src", "Cordon.Server");
    private static readonly string ConsoleFolder = Path.Combine(ServerFolder, "WebConsole");

    [Fact]
    public void EveryConsoleString_HasAChineseTranslation()
    {
        var translated = XDocument.Load(Path.Combine(ConsoleFolder, "Text.zh-Hans.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
        // Console pages live in their capabilities' folders across the server project.
        var used = Directory.EnumerateFiles(ServerFolder, "*.*", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => file.EndsWith(".razor", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(file => LocalizedKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Concat(NameKey().Matches(File.ReadAllText(Path.Combine(ConsoleFolder, "ConsoleNames.cs"))).Select(m => m.Groups[1].Value))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(used.Count > 150, $"only {used.Count} strings found: is the pattern still right?");
        var missing = used.Where(key => !translated.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        Assert.True(missing.Count == 0, "Not translated: " + string.Join(" | ", missing));
    }

    [Fact]
    public void EveryPublicAdvice_HasAChineseTranslation()
    {
        var translated = XDocument.Load(Path.Combine(ConsoleFolder, "Text.zh-Hans.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();
        var advice = Enum.GetValues<Cordon.Core.Indicators.Category>().Select(Cordon.Server.Public.PublicAdvice.For).Append(Cordon.Server.Public.PublicAdvice.General)
            .Distinct().ToList();
        Assert.DoesNotContain(advice, a => !translated.Contains(a));
    }

    [Fact]
    public void TheTranslations_KeepTheirPlaceholders()
    {
        var translations = XDocument.Load(Path.Combine(ConsoleFolder, "Text.zh-Hans.resx")).Root!.Elements("data");
        foreach (var data in translations)
        {
            var key = (string)data.Attribute("name")!;
            var value = (string?)data.Element("value") ?? "";
            var expected = Placeholder().Matches(key).Select(m => m.Value).Order(StringComparer.Ordinal);
            Assert.Equal(expected, Placeholder().Matches(value).Select(m => m.Value).Order(StringComparer.Ordinal));
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Cordon.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Cordon.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b(?:T|text)\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex LocalizedKey();

    [GeneratedRegex("""=> "([^"]+)",""")]
    private static partial Regex NameKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
