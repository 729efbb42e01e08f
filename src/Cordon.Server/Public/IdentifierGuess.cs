using Cordon.Core.Identifiers;

namespace Cordon.Server.Public;

/// <summary>For people who do not know the type of what they paste: the types to try, most specific first.</summary>
public static class IdentifierGuess
{
    public static IEnumerable<IdentifierType> Candidates(string value)
    {
        var text = value.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            yield return IdentifierType.Url;
            yield break;
        }
        if (text.Contains('@', StringComparison.Ordinal))
        {
            yield return IdentifierType.Email;
            yield return IdentifierType.Handle;
            yield break;
        }
        yield return IdentifierType.BankAccount;
        yield return IdentifierType.CryptoWallet;
        yield return IdentifierType.Phone;
        yield return IdentifierType.Ip;
        yield return IdentifierType.Domain;
        yield return IdentifierType.Url;
    }
}
