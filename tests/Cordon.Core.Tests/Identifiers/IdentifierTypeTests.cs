using System.Text.Json;
using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class IdentifierTypeTests
{
    [Theory]
    [InlineData(IdentifierType.Phone, "phone")]
    [InlineData(IdentifierType.BankAccount, "bank_account")]
    [InlineData(IdentifierType.PaymentCard, "payment_card")]
    [InlineData(IdentifierType.CryptoWallet, "crypto_wallet")]
    [InlineData(IdentifierType.Domain, "domain")]
    [InlineData(IdentifierType.Url, "url")]
    [InlineData(IdentifierType.Ip, "ip")]
    [InlineData(IdentifierType.Email, "email")]
    [InlineData(IdentifierType.FileHash, "file_hash")]
    [InlineData(IdentifierType.Device, "device")]
    [InlineData(IdentifierType.Handle, "handle")]
    [InlineData(IdentifierType.App, "app")]
    public void JsonNames_AreSnakeCase(IdentifierType type, string name)
    {
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(type));
        Assert.Equal(type, JsonSerializer.Deserialize<IdentifierType>($"\"{name}\""));
    }

    [Fact]
    public void AnUndefinedType_IsAProgrammingError_NotARefusal() =>
        Assert.ThrowsAny<InvalidOperationException>(() =>
            IdentifierNormaliser.Normalise((IdentifierType)99, "x", Normalisation.Context("GB")));
}
