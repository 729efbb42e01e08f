namespace Cordon.Core.Identifiers;

/// <summary>
/// Email addresses as <c>local@domain</c>: the domain through the domain normaliser, the local part kept as written
/// (mailbox names may be case-sensitive). <c>mailto:</c> links are accepted.
/// </summary>
internal static class EmailNormaliser
{
    private const int MaxLocalPartLength = 64;

    public static Identifier Normalise(string input, PublicSuffixList suffixes)
    {
        var address = StripMailto(Defang.Refang(input));
        if (address.StartsWith('<') && address.EndsWith('>'))
        {
            address = address[1..^1].Trim();
        }
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            throw Refuse.Because("an email address has an @ between the mailbox and the domain");
        }
        var local = address[..at];
        var domainPart = address[(at + 1)..];
        CheckLocalPart(local);
        if (domainPart.Length == 0)
        {
            throw Refuse.Because("the domain of the email address is missing");
        }
        if (domainPart.Contains('@', StringComparison.Ordinal))
        {
            throw Refuse.Because("an email address has exactly one @");
        }
        if (domainPart.StartsWith('['))
        {
            throw Refuse.Because("email addresses at IP literals ([1.2.3.4]) are not accepted");
        }
        string domain;
        try
        {
            domain = DomainNormaliser.ToAscii(domainPart);
        }
        catch (Errors.InvalidInputException refused)
        {
            throw Refuse.Because("the domain of the email address is not valid: " + refused.Reason);
        }
        return new Identifier(IdentifierType.Email, local + "@" + domain, local + "@" + IdnDisplay.For(domain),
            suffixes.RegistrableDomain(domain));
    }

    private static string StripMailto(string input)
    {
        if (!input.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return input;
        }
        var address = input[7..];
        var query = address.IndexOf('?', StringComparison.Ordinal);
        return (query < 0 ? address : address[..query]).Trim();
    }

    private static void CheckLocalPart(string local)
    {
        if (local.Length == 0)
        {
            throw Refuse.Because("the mailbox (before the @) is missing");
        }
        if (local.Length > MaxLocalPartLength)
        {
            throw Refuse.Because("the mailbox (before the @) has at most 64 characters");
        }
        // Unquoted local parts cannot hold spaces or RFC 5322 specials; quoted local parts are not accepted.
        if (local.Any(c => char.IsWhiteSpace(c) || "()<>[]:;,\\\"".Contains(c, StringComparison.Ordinal)))
        {
            throw Refuse.Because("the mailbox (before the @) holds spaces or characters that need quoting");
        }
    }
}
