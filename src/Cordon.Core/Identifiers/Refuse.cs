using Cordon.Core.Errors;

namespace Cordon.Core.Identifiers;

/// <summary>Builds the one exception a normaliser throws when it refuses its input.</summary>
internal static class Refuse
{
    public const string Field = "value";

    public static InvalidInputException Because(string reason) => new(Field, reason);
}
