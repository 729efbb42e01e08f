using System.CommandLine;
using System.CommandLine.Parsing;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary>Enum options are written on the command line as in the API: lower-case snake_case.</summary>
public static class EnumOption
{
    public static T Parse<T>(string text, ArgumentResult result) where T : struct, Enum
    {
        if (CordonJson.TryParse<T>(text, out var value))
        {
            return value;
        }
        result.AddError($"'{text}' is not one of: {CordonJson.Names<T>()}.");
        return default;
    }

    /// <summary>An optional option of one enum value.</summary>
    public static Option<T?> Of<T>(string name, string description) where T : struct, Enum => new(name)
    {
        Description = description,
        CustomParser = result => Parse<T>(result.Tokens.Single().Value, result),
    };
}
