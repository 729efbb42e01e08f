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

    private static readonly System.Text.Json.JsonSerializerOptions Spelling = new(CordonJson.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Help and completions name an enum option's values as the API spells them (<c>bank_account</c>, <c>amber+strict</c>),
    /// not as C# does (<c>BankAccount</c>), for every option of every command below <paramref name="command"/>.
    /// </summary>
    public static void SpellAsTheApi(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in command.Options)
        {
            var type = option.ValueType;
            var enumType = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
            if (!enumType.IsEnum)
            {
                continue;
            }
            var names = Enum.GetValues(enumType).Cast<object>()
                .Select(value => System.Text.Json.JsonSerializer.Serialize(value, enumType, Spelling).Trim('"')).ToList();
            option.HelpName = string.Join('|', names);
            option.CompletionSources.Clear();
            option.CompletionSources.Add(names.ToArray());
        }
        foreach (var subcommand in command.Subcommands)
        {
            SpellAsTheApi(subcommand);
        }
    }

    /// <summary>An optional option of one enum value.</summary>
    public static Option<T?> Of<T>(string name, string description) where T : struct, Enum => new(name)
    {
        Description = description,
        CustomParser = result => Parse<T>(result.Tokens.Single().Value, result),
    };
}
