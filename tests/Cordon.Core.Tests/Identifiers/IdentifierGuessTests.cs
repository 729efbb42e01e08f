using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class IdentifierGuessTests
{
    [Theory]
    [InlineData("+44 7700 900123", IdentifierType.Phone)]
    [InlineData("020 7946 0018", IdentifierType.Phone)]
    [InlineData("GB33 BUKB 2020 1555 5555 55", IdentifierType.BankAccount)]
    [InlineData("gb33bukb20201555555555", IdentifierType.BankAccount)]
    [InlineData("HK:004:123-456789-001", IdentifierType.BankAccount)]
    [InlineData("4111 1111 1111 1111", IdentifierType.PaymentCard)]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7", IdentifierType.CryptoWallet)]
    [InlineData("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", IdentifierType.CryptoWallet)]
    [InlineData("hk-police-verify.com", IdentifierType.Domain)]
    [InlineData("https://hk-police-verify.com/login", IdentifierType.Url)]
    [InlineData("boss@example.com", IdentifierType.Email)]
    [InlineData("@scammer", IdentifierType.Handle)]
    [InlineData("203.0.113.7", IdentifierType.Ip)]
    [InlineData("2001:db8::1", IdentifierType.Ip)]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", IdentifierType.FileHash)]
    public void Guess_PicksTheLikelyType(string value, IdentifierType expected) => Assert.Equal(expected, IdentifierGuess.Guess(value));

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("12")]
    public void Guess_SaysNothing_WhenNothingFits(string value) => Assert.Null(IdentifierGuess.Guess(value));

    [Fact]
    public void ANamedType_WinsOverTheGuess()
    {
        Assert.Equal((IdentifierType.Handle, "scammer.example"), IdentifierGuess.Parse("handle: scammer.example"));
        Assert.Equal((IdentifierType.Url, "https://x.example/a"), IdentifierGuess.Parse("https://x.example/a"));
    }
}
