using System.Text;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

/// <summary>
/// Property test: thousands of random and mutated strings (fixed seed) through every type. Each one is either
/// refused with an <see cref="InvalidInputException"/> or accepted, and an accepted value normalises to itself.
/// </summary>
public sealed class RandomInputTests
{
    private const int Cases = 2500;

    private static readonly Dictionary<IdentifierType, string[]> Seeds = new()
    {
        [IdentifierType.Phone] = ["+44 20 7946 0018", "020 7946 0018", "0044-20-7946-0018", "+1 (202) 555-0143", "tel:+7-495-123-45-67"],
        [IdentifierType.BankAccount] = ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "HK:004:123456789", "US:021000021:12345678"],
        [IdentifierType.PaymentCard] = ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "4222222222222"],
        [IdentifierType.CryptoWallet] =
        [
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            "0x52908400098527886E0F7030069857D2E4169EE7", "ltc:LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3",
        ],
        [IdentifierType.Domain] = ["example.com", "bücher.de", "аpple.com", "www.example.co.uk", "evil[.]example[.]com"],
        [IdentifierType.Url] =
        [
            "https://EXAMPLE.com:443/a/../b?q=1#x", "http://0x7f.1/%2e%2e/(%2E)", "http://[2001:db8::1]:8080/ü",
            "hxxps://evil[.]com[:]8443/x", "example.com/login?next=/a b",
        ],
        [IdentifierType.Ip] = ["192.168.1.77/24", "2001:db8::1/64", "::ffff:10.1.2.3/104", "8.8.8.8", "fe80::1"],
        [IdentifierType.Email] = ["John.Doe@Example.COM", "mailto:a@b.co?subject=x", "user@bücher.de", "<info@example.org>"],
        [IdentifierType.FileHash] =
        [
            "md5:d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ],
        [IdentifierType.Device] = ["490154203237518", "49-015420-323751-8", "35209900176148", "IMEI: 352099001761481"],
        [IdentifierType.Handle] = ["https://t.me/scam_bot", "telegram:@x", "whatsapp:+447700900123", "https://wa.me/447700900123", "ig:fake.shop"],
        [IdentifierType.App] = ["https://play.google.com/store/apps/details?id=com.x.y", "com.example.app", "Com.Fake_Loan.App2"],
    };

    private static readonly string[] Pieces =
    [
        "\u200B", "\uFEFF", "\u00AD", "\u202E", "\uD800", "\uDC00", "\u0000", "\u0007", "\u009F", "\u00A0", "\u3002",
        "\uFF0E", "\uFF10", "а", "ο", "ß", "ü", "İ", "你", "😀", "\u0301", "\u0660", "٣", "\uFFFD", "\uFFFF", "\U000E0041",
        "xn--", "%", "%2e", "%C0%80", "%25", "::", "..", "//", "\\", "0x", "bc1", "tel:", "IBAN", "mailto:", "@", "[.]",
        "(.)", "\t", "\n", " ", "+", "00", "#", "?", "=", "&", ":", "/", ".", "-", "_", "~", "[", "]", "<", ">", "\"",
    ];

    private const string Alphabet = "0123456789abcdefxyzABCFXYZ+-./:@?#%[]()_~!$&'*,;= ";

    [Theory]
    [InlineData(IdentifierType.Phone)]
    [InlineData(IdentifierType.BankAccount)]
    [InlineData(IdentifierType.PaymentCard)]
    [InlineData(IdentifierType.CryptoWallet)]
    [InlineData(IdentifierType.Domain)]
    [InlineData(IdentifierType.Url)]
    [InlineData(IdentifierType.Ip)]
    [InlineData(IdentifierType.Email)]
    [InlineData(IdentifierType.FileHash)]
    [InlineData(IdentifierType.Device)]
    [InlineData(IdentifierType.Handle)]
    [InlineData(IdentifierType.App)]
    public void RandomInput_IsRefusedCleanly_OrAcceptedStably(IdentifierType type)
    {
        var random = new Random(20_261_122 + (int)type);
        var context = Normalisation.Context("GB");
        var accepted = 0;
        for (var i = 0; i < Cases; i++)
        {
            var raw = Generate(random, Seeds[type]);
            Identifier identifier;
            try
            {
                identifier = IdentifierNormaliser.Normalise(type, raw, context);
            }
            catch (InvalidInputException refused)
            {
                Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
                continue;
            }
            catch (Exception unexpected)
            {
                Assert.Fail($"{type} \"{Escape(raw)}\" threw {unexpected.GetType().Name}: {unexpected.Message}");
                return;
            }
            accepted++;
            Assert.Equal(type, identifier.Type);
            Assert.False(string.IsNullOrWhiteSpace(identifier.Value));
            if (type != IdentifierType.PaymentCard)
            {
                var again = IdentifierNormaliser.TryNormalise(type, identifier.Value, context, out var renormalised, out var error);
                Assert.True(again, $"{type} \"{Escape(raw)}\" → \"{Escape(identifier.Value)}\" is refused: {error}");
                Assert.Equal(identifier.Value, renormalised!.Value);
            }
        }
        // The mutated seeds must reach the accepting paths too, not only the refusals.
        Assert.InRange(accepted, Cases / 20, Cases - (Cases / 10));
    }

    private static string Generate(Random random, string[] ownSeeds) => random.Next(3) switch
    {
        0 => RandomText(random),
        1 => Mutate(random, ownSeeds[random.Next(ownSeeds.Length)]),
        _ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(2) == 0
            ? Pieces[random.Next(Pieces.Length)]
            : AnySeed(random))),
    };

    private static string AnySeed(Random random)
    {
        var seeds = Seeds.Values.ElementAt(random.Next(Seeds.Count));
        return seeds[random.Next(seeds.Length)];
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 80);
        for (var i = 0; i < length; i++)
        {
            if (random.Next(4) == 0)
            {
                builder.Append(Pieces[random.Next(Pieces.Length)]);
            }
            else
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
        }
        return builder.ToString();
    }

    private static string Mutate(Random random, string seed)
    {
        var text = seed;
        for (var mutations = random.Next(0, 4); mutations > 0; mutations--)
        {
            var at = random.Next(text.Length + 1);
            text = random.Next(4) switch
            {
                0 => text.Insert(at, Pieces[random.Next(Pieces.Length)]),
                1 when at < text.Length => text.Remove(at, 1),
                2 when at < text.Length => text.Remove(at, 1).Insert(at, Alphabet[random.Next(Alphabet.Length)].ToString()),
                _ => text.Insert(at, text[..at]),
            };
        }
        return text;
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and < '\u007f'
        ? c.ToString()
        : $"\\u{(int)c:X4}"));
}
