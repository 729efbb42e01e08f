using Cordon.Core.Errors;
using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

/// <summary>Runs the normaliser the way callers do and checks that Normalise and TryNormalise agree.</summary>
internal static class Normalisation
{
    public static readonly byte[] CardKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    /// <summary>The Debian list, installed by the test script's <c>publicsuffix</c> package.</summary>
    public static readonly PublicSuffixList Suffixes = PublicSuffixList.Load(PublicSuffixList.DebianPath);

    public static NormalisationContext Context(string? country) => new(country, CardKey, Suffixes);

    public static Identifier Accept(IdentifierType type, string? raw, string? country = "GB")
    {
        var accepted = IdentifierNormaliser.TryNormalise(type, raw, Context(country), out var identifier, out var error);
        Assert.True(accepted, $"refused: {error}");
        Assert.Null(error);
        Assert.NotNull(identifier);
        Assert.Equal(type, identifier.Type);
        Assert.Equal(identifier, IdentifierNormaliser.Normalise(type, raw, Context(country)));
        return identifier;
    }

    public static string Refuse(IdentifierType type, string? raw, string? country = "GB")
    {
        var accepted = IdentifierNormaliser.TryNormalise(type, raw, Context(country), out var identifier, out var error);
        Assert.False(accepted, $"accepted as {identifier?.Value}");
        Assert.Null(identifier);
        Assert.False(string.IsNullOrWhiteSpace(error));
        var thrown = Assert.Throws<InvalidInputException>(() => IdentifierNormaliser.Normalise(type, raw, Context(country)));
        Assert.Equal("value", thrown.Field);
        Assert.Equal(error, thrown.Reason);
        Assert.True(error.Length <= 160, $"reason too long: {error}");
        return error;
    }
}
