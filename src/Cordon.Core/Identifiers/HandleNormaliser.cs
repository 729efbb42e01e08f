namespace Cordon.Core.Identifiers;

/// <summary>
/// Social-media and messaging accounts as <c>platform:handle</c> (lower case, no leading @). Profile links of the
/// main platforms are accepted; a WhatsApp account is its phone number in E.164.
/// </summary>
internal static class HandleNormaliser
{
    private const int MaxHandleLength = 100;

    private static readonly Dictionary<string, string> PlatformAliases = new(StringComparer.Ordinal)
    {
        ["twitter"] = "x",
        ["tg"] = "telegram",
        ["fb"] = "facebook",
        ["ig"] = "instagram",
        ["wa"] = "whatsapp",
    };

    public static Identifier Normalise(string input, string? country)
    {
        var (platform, handle) = ProfileLinks.TryRead(input) ?? Split(input);
        var value = platform + ":" + (platform == "whatsapp" ? PhoneNormaliser.ToE164(handle, country) : Handle(handle));
        return new Identifier(IdentifierType.Handle, value, value, null);
    }

    private static (string Platform, string Handle) Split(string input)
    {
        var colon = input.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Refuse.Because("a handle is written platform:handle (for example telegram:name)");
        }
        var platform = input[..colon].Trim().ToLowerInvariant();
        if (platform.Length > 30 || !char.IsAsciiLetterOrDigit(platform[0])
            || !platform.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'))
        {
            throw Refuse.Because("a platform name has up to 30 letters, digits, dots or hyphens");
        }
        return (PlatformAliases.GetValueOrDefault(platform, platform), input[(colon + 1)..].Trim());
    }

    private static string Handle(string handle)
    {
        if (handle.StartsWith('@'))
        {
            handle = handle[1..];
        }
        if (handle.Length == 0)
        {
            throw Refuse.Because("the handle is missing");
        }
        if (handle.Length > MaxHandleLength)
        {
            throw Refuse.Because("a handle has at most 100 characters");
        }
        if (handle.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            throw Refuse.Because("a handle holds no spaces, slashes or inner @");
        }
        return handle.ToLowerInvariant();
    }
}
