namespace Cordon.Core.Identifiers;

/// <summary>
/// Mobile app ids: an Android package name or iOS bundle id (<c>com.example.app</c>), lower-cased. Google Play links
/// are read for their <c>id</c>.
/// </summary>
internal static class AppNormaliser
{
    private const int MaxLength = 255;

    public static Identifier Normalise(string input)
    {
        var id = input.Contains('/', StringComparison.Ordinal) ? FromStoreLink(input) : input;
        if (id.Length > MaxLength)
        {
            throw Refuse.Because("an app id has at most 255 characters");
        }
        var segments = id.Split('.');
        if (segments.Length < 2)
        {
            throw Refuse.Because("an app id has at least two dot-separated parts (for example com.example.app)");
        }
        if (!segments.All(IsSegment))
        {
            throw Refuse.Because("each part of an app id starts with a letter and holds only letters, digits, _ and -");
        }
        var value = id.ToLowerInvariant();
        return new Identifier(IdentifierType.App, value, value, null);
    }

    private static bool IsSegment(string segment) =>
        segment.Length > 0 && char.IsAsciiLetter(segment[0])
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string FromStoreLink(string input)
    {
        var link = LinkParts.Parse(input);
        return link switch
        {
            { Host: "play.google.com", Segments: ["store", "apps", "details"] } =>
                link.QueryValue("id")?.Trim() ?? throw Refuse.Because("the Google Play link has no id= parameter"),
            { Host: "apps.apple.com" or "itunes.apple.com" } =>
                throw Refuse.Because("App Store links carry a numeric id, not the bundle id; give the bundle id"),
            _ => throw Refuse.Because("only Google Play links (play.google.com/store/apps/details?id=…) are recognised"),
        };
    }
}
