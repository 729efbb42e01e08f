using System.CommandLine.Parsing;
using System.Text.Json;
using Cordon.Core.Members;

namespace Cordon.Cli.Commands;

/// <summary>Sectors and roles are written on the command line as in the API: lower-case snake_case.</summary>
public static class SectorNames
{
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static Sector Parse(string text, ArgumentResult result) => ParseEnum<Sector>(text, result);

    public static T ParseEnum<T>(string text, ArgumentResult result) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Name(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        result.AddError($"'{text}' is not one of: {string.Join(", ", Enum.GetValues<T>().Select(Name))}.");
        return default;
    }
}
