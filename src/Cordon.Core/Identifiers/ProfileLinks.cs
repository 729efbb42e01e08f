namespace Cordon.Core.Identifiers;

/// <summary>
/// Profile links of the platforms fraud reports name most (<c>https://t.me/name</c>, <c>x.com/name</c>,
/// <c>instagram.com/name/</c>, <c>facebook.com/name</c>, <c>tiktok.com/@name</c>, <c>wa.me/4479…</c>) read as
/// platform and handle.
/// </summary>
internal static class ProfileLinks
{
    private static readonly HashSet<string> KnownHosts = new(
        ["t.me", "telegram.me", "telegram.dog", "x.com", "twitter.com", "instagram.com", "facebook.com", "fb.com",
         "tiktok.com", "wa.me", "api.whatsapp.com"],
        StringComparer.Ordinal);

    // First path segments that are pages of the platform, not accounts.
    private static readonly HashSet<string> XPages = new(
        ["home", "i", "search", "explore", "hashtag", "intent", "share", "settings", "messages", "notifications"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> InstagramPages = new(
        ["p", "reel", "reels", "explore", "stories", "accounts", "tv", "direct"], StringComparer.Ordinal);

    private static readonly HashSet<string> FacebookPages = new(
        ["groups", "watch", "events", "share", "sharer.php", "photo.php", "story.php", "permalink.php", "marketplace", "login"],
        StringComparer.Ordinal);

    /// <summary>Platform and handle when the input is a link; null when it is not a link at all.</summary>
    public static (string Platform, string Handle)? TryRead(string input)
    {
        var hasScheme = input.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!hasScheme && !KnownHosts.Contains(LinkParts.HostOf(input)))
        {
            return null;
        }
        var link = LinkParts.Parse(input);
        var first = link.Segments.FirstOrDefault();
        return link.Host switch
        {
            "t.me" or "telegram.me" or "telegram.dog" => ("telegram", Telegram(link)),
            "x.com" or "twitter.com" => ("x", Account(first, XPages)),
            "instagram.com" => ("instagram", Account(first, InstagramPages)),
            "facebook.com" or "fb.com" => ("facebook", Facebook(link, first)),
            "tiktok.com" when first is ['@', _, ..] => ("tiktok", first[1..]),
            "tiktok.com" => throw Refuse.Because("a TikTok profile link has the form tiktok.com/@name"),
            "wa.me" => ("whatsapp", International(first)),
            "api.whatsapp.com" => ("whatsapp", International(link.QueryValue("phone"))),
            _ => throw Refuse.Because(
                "profile links are recognised for Telegram, X, Instagram, Facebook, TikTok and WhatsApp; write platform:handle"),
        };
    }

    private static string Telegram(LinkParts link)
    {
        var segments = link.Segments is ["s", _, ..] ? link.Segments[1..] : link.Segments;
        return segments switch
        {
            [] => throw Refuse.Because("the link names no account"),
            [['+', ..], ..] or ["joinchat", ..] => throw Refuse.Because("a Telegram invite link names no account; report it as type url"),
            [var name, ..] => name,
        };
    }

    // WhatsApp links always carry the full international number, without "+".
    private static string International(string? number) => string.IsNullOrWhiteSpace(number)
        ? throw Refuse.Because("the WhatsApp link holds no phone number")
        : "+" + number.Trim().TrimStart('+');

    private static string Account(string? first, HashSet<string> platformPages) => first switch
    {
        null => throw Refuse.Because("the link names no account"),
        _ when platformPages.Contains(first.ToLowerInvariant()) =>
            throw Refuse.Because("the link points to a post or a page, not to an account"),
        _ => first,
    };

    private static string Facebook(LinkParts link, string? first) => first == "profile.php"
        ? link.QueryValue("id") ?? throw Refuse.Because("the link names no account")
        : Account(first, FacebookPages);
}
