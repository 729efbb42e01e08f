using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordon.Core.Text;

/// <summary>
/// The one JSON convention of the API, the CLI and imports: camelCase properties, enums as lower-case snake_case
/// strings (with declared exceptions such as <c>amber+strict</c>), unknown properties refused.
/// </summary>
public static class CordonJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 32;
        return options;
    }

    /// <summary>The wire name of an enum value, e.g. <c>bank_account</c>, <c>amber+strict</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        WireNames<T>.Declared.TryGetValue(value, out var name) ? name : WireNames<T>.Of(value);

    /// <summary>Wire names worked out once per enum type (reflection per call is too slow for batch answers).</summary>
    private static class WireNames<T> where T : struct, Enum
    {
        public static readonly System.Collections.Frozen.FrozenDictionary<T, string> Declared =
            System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Enum.GetValues<T>().Distinct(), v => v, Of);

        public static readonly System.Collections.Frozen.FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> ByName =
            System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Declared, d => d.Value, d => d.Key, StringComparer.OrdinalIgnoreCase)
                .GetAlternateLookup<ReadOnlySpan<char>>();

        public static string Of(T value)
        {
            var declared = typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>();
            return declared?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
        }
    }

    /// <summary>Parses a wire name (case-insensitive); false for anything else, including numbers.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum => TryParse(text.AsSpan(), out value);

    /// <inheritdoc cref="TryParse{T}(string?, out T)"/>
    public static bool TryParse<T>(ReadOnlySpan<char> text, out T value) where T : struct, Enum =>
        WireNames<T>.ByName.TryGetValue(text.Trim(), out value);

    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Name));
}
