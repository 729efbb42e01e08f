namespace Cordon.Core.Identifiers;

/// <summary>
/// Crypto wallet addresses as <c>chain:address</c>: Bitcoin (Base58Check and SegWit), Ethereum and EVM chains, TRON
/// checked; other chains kept as written under their name. Bare addresses are recognised by shape.
/// </summary>
internal static class CryptoWalletNormaliser
{
    private const int MaxOtherAddressLength = 256;

    public static Identifier Normalise(string input)
    {
        var value = SplitChain(input) switch
        {
            (null, var address) => Bare(address),
            ("btc" or "bitcoin", var address) => Bitcoin(CutUriParameters(address)),
            ("eth" or "ethereum", var address) => Ethereum(CutUriParameters(address)),
            ("trx" or "tron", var address) => Tron(CutUriParameters(address)),
            (var chain, var address) => Other(chain, address),
        };
        return new Identifier(IdentifierType.CryptoWallet, value, value, null);
    }

    private static (string? Chain, string Address) SplitChain(string input)
    {
        var colon = input.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (null, input);
        }
        var chain = input[..colon].Trim().ToLowerInvariant();
        if (chain.Length is < 2 or > 20 || !chain.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw Refuse.Because("a chain name has 2 to 20 letters, digits or hyphens (for example ltc:address)");
        }
        var address = input[(colon + 1)..].Trim();
        return address.Length > 0 ? (chain, address) : throw Refuse.Because("the wallet address is missing");
    }

    // Payment URIs (BIP-21 bitcoin:addr?amount=…, EIP-681 ethereum:addr@1?value=…) carry parameters after the address.
    private static string CutUriParameters(string address)
    {
        var end = address.IndexOfAny(['?', '@', '/']);
        return end < 0 ? address : address[..end];
    }

    private static string Bare(string address)
    {
        if (address.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Ethereum(address);
        }
        if (address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) || IsBitcoinTestnetSegwit(address)
            || address.StartsWith('1') || address.StartsWith('3'))
        {
            return Bitcoin(address);
        }
        if (address.StartsWith('T') && address.Length == 34)
        {
            return Tron(address);
        }
        throw Refuse.Because(
            "not a recognised Bitcoin, Ethereum or TRON address; write other chains as chain:address (for example ltc:…)");
    }

    private static string Bitcoin(string address)
    {
        if (IsBitcoinTestnetSegwit(address))
        {
            throw Refuse.Because("Bitcoin testnet and regtest addresses are not accepted");
        }
        if (address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase))
        {
            return Bech32.CheckSegwitAddress(address, "bc") is { } error
                ? throw Refuse.Because(error)
                : "btc:" + address.ToLowerInvariant();
        }
        var payload = Base58.DecodeCheck(address);
        return payload switch
        {
            [0x00 or 0x05, ..] when payload.Length == 21 => "btc:" + address,
            [0x6F or 0xC4, ..] when payload.Length == 21 => throw Refuse.Because("Bitcoin testnet addresses are not accepted"),
            null => throw Refuse.Because("not a valid Bitcoin address (bad characters or checksum)"),
            _ => throw Refuse.Because("not a Bitcoin address (unknown version byte)"),
        };
    }

    private static bool IsBitcoinTestnetSegwit(string address) =>
        address.StartsWith("tb1", StringComparison.OrdinalIgnoreCase)
        || address.StartsWith("bcrt1", StringComparison.OrdinalIgnoreCase);

    private static string Ethereum(string address) => IsEvmAddress(address)
        ? "eth:0x" + address[2..].ToLowerInvariant()
        : throw Refuse.Because("an Ethereum address is 0x followed by 40 hexadecimal digits");

    private static bool IsEvmAddress(string address) =>
        address.Length == 42 && address.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && address[2..].All(char.IsAsciiHexDigit);

    private static string Tron(string address)
    {
        // TRON nodes also print addresses as hex: 41 followed by the 20-byte account.
        if (address.Length == 42 && address.StartsWith("41", StringComparison.Ordinal) && address.All(char.IsAsciiHexDigit))
        {
            return "trx:" + Base58.EncodeCheck(Convert.FromHexString(address));
        }
        var payload = address.Length == 34 ? Base58.DecodeCheck(address) : null;
        return payload is [0x41, ..] && payload.Length == 21
            ? "trx:" + address
            : throw Refuse.Because("not a valid TRON address (T followed by 33 Base58 characters with a valid checksum)");
    }

    private static string Other(string chain, string address)
    {
        if (address.Length > MaxOtherAddressLength)
        {
            throw Refuse.Because("a wallet address has at most 256 characters");
        }
        if (!address.All(c => c is > ' ' and < '\u007f'))
        {
            throw Refuse.Because("a wallet address holds only visible ASCII characters");
        }
        // EVM chains (bsc:, polygon:…) share Ethereum's case-insensitive hex addresses.
        return chain + ":" + (IsEvmAddress(address) ? "0x" + address[2..].ToLowerInvariant() : address);
    }
}
