using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cordon.Core.Identifiers;

namespace Cordon.Application.Demo;

/// <summary>
/// Synthetic but realistic identifiers for the demo network, the same on every run (a fixed seed). Numbers come from
/// ranges that look like real mobile plans, accounts carry valid check digits, cards pass Luhn.
/// </summary>
public sealed class DemoIndicators(int seed)
{
    private readonly Random random = new(seed);

    private static readonly string[] ScamWords =
        ["secure", "verify", "wallet", "invest", "bonus", "refund", "police", "customs", "parcel", "loan", "crypto", "profit", "support", "account", "login"];

    private static readonly string[] Tlds = ["com", "net", "top", "xyz", "online", "shop", "info", "co.uk", "com.hk", "sg"];

    public string Phone(string country) => country switch
    {
        "HK" => $"+852 {Pick("5", "6", "9")}{Digits(3)} {Digits(4)}",
        "GB" => $"07{Pick("4", "5", "7", "8", "9")}{Digits(2)} {Digits(6)}",
        "SG" => $"+65 {Pick("8", "9")}{Digits(3)} {Digits(4)}",
        "DE" => $"+49 15{Digits(1)} {Digits(8)}",
        "CN" => $"+86 13{Digits(1)} {Digits(4)} {Digits(4)}",
        _ => $"+44 7700 9{Digits(5)}",
    };

    public string Iban(string country)
    {
        var bban = country == "GB" ? $"{Pick("WEST", "MIDL", "BARC", "NWBK")}{Digits(6)}{Digits(8)}" : $"{Digits(8)}{Digits(10)}";
        var numeric = new StringBuilder();
        foreach (var c in bban + country + "00")
        {
            numeric.Append(char.IsLetter(c) ? (c - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString());
        }
        var remainder = 0;
        foreach (var digit in numeric.ToString())
        {
            remainder = ((remainder * 10) + (digit - '0')) % 97;
        }
        return $"{country}{98 - remainder:00}{bban}";
    }

    public string HongKongAccount() => $"HK:{Pick("004", "012", "024", "003")}:{Digits(3)}-{Digits(6)}-{Digits(3)}";

    public string Card()
    {
        var digits = Pick("4", "51", "52", "53", "62") + Digits(14);
        digits = digits[..15];
        return digits + Luhn.CheckDigit(digits);
    }

    public string Imei()
    {
        var digits = "35" + Digits(12);
        return digits + Luhn.CheckDigit(digits);
    }

    public string EthWallet() => "0x" + Convert.ToHexString(Bytes(20));

    public string Domain() => $"{Pick(ScamWords)}-{Pick(ScamWords)}{random.Next(10, 999)}.{Pick(Tlds)}";

    public string Url() => $"https://{Domain()}/{Pick("login", "verify", "claim", "track", "kyc")}?ref={Digits(6)}";

    public string Ip() => $"{Pick("45", "91", "103", "185", "193")}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}";

    public string Email() => $"{Pick("support", "refund", "officer", "admin", "hr")}.{Digits(3)}@{Domain()}";

    public string FileHash() => Convert.ToHexStringLower(Bytes(32));

    public string Handle() => $"{Pick("telegram", "x", "instagram", "facebook")}:@{Pick(ScamWords)}_{Pick(ScamWords)}{Digits(3)}";

    public string App() => $"com.{Pick(ScamWords)}.{Pick("invest", "wallet", "loan", "trade")}{Digits(2)}";

    public string Value(IdentifierType type, string country) => type switch
    {
        IdentifierType.Phone => Phone(country),
        IdentifierType.BankAccount => random.Next(3) == 0 ? HongKongAccount() : Iban(Pick("GB", "DE")),
        IdentifierType.PaymentCard => Card(),
        IdentifierType.CryptoWallet => EthWallet(),
        IdentifierType.Domain => Domain(),
        IdentifierType.Url => Url(),
        IdentifierType.Ip => Ip(),
        IdentifierType.Email => Email(),
        IdentifierType.FileHash => FileHash(),
        IdentifierType.Device => Imei(),
        IdentifierType.Handle => Handle(),
        IdentifierType.App => App(),
    };

    public T Pick<T>(params T[] options) => options[random.Next(options.Length)];

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    private string Digits(int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)('0' + random.Next(10)));
        }
        return builder.ToString();
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        // Stretch the seeded bytes through SHA-256 so that values look like real hashes, not like Random's output.
        return SHA256.HashData(bytes)[..count];
    }
}
