using System.Security.Cryptography;
using System.Text;
using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class PaymentCardNormaliserTests
{
    [Theory]
    [InlineData("4111 1111 1111 1111", "4111111111111111", "411111******1111")]
    [InlineData("4111-1111-1111-1111", "4111111111111111", "411111******1111")]
    [InlineData("4111111111111111", "4111111111111111", "411111******1111")]
    [InlineData("５５００－００００－００００－０００４", "5500000000000004", "550000******0004")]
    [InlineData("5500-0000-0000-0004", "5500000000000004", "550000******0004")]
    [InlineData("378282246310005", "378282246310005", "***********0005")]
    [InlineData("3782 822463 10005", "378282246310005", "***********0005")]
    [InlineData("6011111111111117", "6011111111111117", "601111******1117")]
    [InlineData("3530111333300000", "3530111333300000", "353011******0000")]
    [InlineData("30569309025904", "30569309025904", "**********5904")]
    [InlineData("4222222222222", "4222222222222", "*********2222")]
    [InlineData("5555 5555 5555 4444", "5555555555554444", "555555******4444")]
    [InlineData("4012 8888 8888 1881", "4012888888881881", "401288******1881")]
    [InlineData("4111\u200B1111 1111\u00A01111", "4111111111111111", "411111******1111")]
    public void Accepted_KeepsOnlyAKeyedHashAndAMaskedDisplay(string raw, string digits, string display)
    {
        var card = Normalisation.Accept(IdentifierType.PaymentCard, raw);
        var expectedHash = Convert.ToHexStringLower(HMACSHA256.HashData(Normalisation.CardKey, Encoding.ASCII.GetBytes(digits)));
        Assert.Equal(expectedHash, card.Value);
        Assert.Equal(display, card.Display);
        Assert.DoesNotContain(digits, card.Value, StringComparison.Ordinal);
        Assert.Null(card.RegistrableDomain);
    }

    [Fact]
    public void TheHash_DependsOnTheKey()
    {
        var otherKey = new NormalisationContext("GB", [.. Enumerable.Repeat((byte)7, 32)], Normalisation.Suffixes);
        var mine = IdentifierNormaliser.Normalise(IdentifierType.PaymentCard, "4111 1111 1111 1111", Normalisation.Context("GB"));
        var theirs = IdentifierNormaliser.Normalise(IdentifierType.PaymentCard, "4111 1111 1111 1111", otherKey);
        Assert.NotEqual(mine.Value, theirs.Value);
        Assert.Equal(mine.Display, theirs.Display);
    }

    [Fact]
    public void AShortKey_IsAConfigurationError()
    {
        var weak = new NormalisationContext("GB", new byte[16], Normalisation.Suffixes);
        Assert.Throws<ArgumentException>(() => IdentifierNormaliser.Normalise(IdentifierType.PaymentCard, "4111111111111111", weak));
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("4111-1111-1111-1110")]
    [InlineData("5500 0000 0000 0005")]
    [InlineData("3782 822463 10006")]
    [InlineData("4111 1111 111")]
    [InlineData("41111111111")]
    [InlineData("4111111111111111111111")]
    [InlineData("4111.1111.1111.1111")]
    [InlineData("4111/1111/1111/1111")]
    [InlineData("4111 1111 1111 111l")]
    [InlineData("4111 1111 1111 111１x")]
    [InlineData("card 4111 1111 1111 1111")]
    [InlineData("4111 1111 1111 1111 exp 12/29")]
    [InlineData("411111******1111")]
    [InlineData("４１１１ １１１１ １１１１ １１１２")]
    public void Refused_WithoutRepeatingTheNumber(string raw)
    {
        var reason = Normalisation.Refuse(IdentifierType.PaymentCard, raw);
        Assert.DoesNotMatch(@"\d{3}", reason);
        Assert.DoesNotContain("1111", reason, StringComparison.Ordinal);
    }
}
