using Cordon.Core.Errors;
using Cordon.Core.Text;

namespace Cordon.Server.Http;

/// <summary>Reads an enum from a query string with the same names as JSON bodies (snake_case, e.g. bank_account).</summary>
public static class QueryEnum
{
    public static T? Parse<T>(string? text, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return CordonJson.TryParse<T>(text, out var value)
            ? value
            : throw new InvalidInputException(field, $"must be one of: {CordonJson.Names<T>()}.");
    }
}
