using Cordon.Core.Errors;

namespace Cordon.Application.Members;

/// <summary>Checks on free-text input fields: required, bounded, free of control characters.</summary>
public static class InputText
{
    public static string Required(string? value, string field, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InvalidInputException(field, "is required.");
        }
        if (trimmed.Length > maxLength)
        {
            throw new InvalidInputException(field, $"must be at most {maxLength} characters.");
        }
        if (trimmed.Any(char.IsControl))
        {
            throw new InvalidInputException(field, "must not contain control characters.");
        }
        return trimmed;
    }

    /// <summary>Required and bounded, where line breaks and tabs are allowed (notes, bodies).</summary>
    public static string Multiline(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InvalidInputException(field, "is required.");
        }
        if (trimmed.Length > maxLength)
        {
            throw new InvalidInputException(field, $"must be at most {maxLength} characters.");
        }
        return trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? throw new InvalidInputException(field, "must not contain control characters other than line breaks and tabs.")
            : trimmed;
    }

    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new InvalidInputException(field, "is required.");
}

