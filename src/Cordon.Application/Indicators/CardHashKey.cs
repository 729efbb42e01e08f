using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Indicators;

/// <summary>
/// The secret key of the keyed hash that stands for payment card numbers. From <c>Cordon:Cards:HashKey</c> (base64,
/// at least 32 bytes: required when several instances share a store), else from <c>./data/card-hash.key</c>, created
/// with a random key on first use. Losing it makes stored card hashes unmatchable.
/// </summary>
public static class CardHashKey
{
    public const string DefaultFile = "./data/card-hash.key";

    public static byte[] Resolve(IConfiguration configuration) =>
        Secrets.SecretKey.Resolve(configuration, "Cordon:Cards:HashKey", "Cordon:Cards:HashKeyFile", DefaultFile);
}
