using System.Text.Json.Serialization;

namespace Cordon.Core.Identifiers;

/// <summary>The kinds of identifier an indicator can carry. In JSON they are written in snake_case (<c>bank_account</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentifierType>))]
public enum IdentifierType
{
    [JsonStringEnumMemberName("phone")] Phone,
    [JsonStringEnumMemberName("bank_account")] BankAccount,
    [JsonStringEnumMemberName("payment_card")] PaymentCard,
    [JsonStringEnumMemberName("crypto_wallet")] CryptoWallet,
    [JsonStringEnumMemberName("domain")] Domain,
    [JsonStringEnumMemberName("url")] Url,
    [JsonStringEnumMemberName("ip")] Ip,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("file_hash")] FileHash,
    [JsonStringEnumMemberName("device")] Device,
    [JsonStringEnumMemberName("handle")] Handle,
    [JsonStringEnumMemberName("app")] App,
}
