using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class CryptoWalletNormaliserTests
{
    [Theory]
    // Bitcoin Base58Check: P2PKH (version 0x00) and P2SH (0x05), kept case-sensitive
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("BTC: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa?amount=0.5&label=x", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")]
    [InlineData("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")]
    [InlineData("1111111111111111111114oLvT2", "btc:1111111111111111111114oLvT2")]
    [InlineData("\u200B1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\u200B", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    // BIP-173 and BIP-350 vectors: Bech32 for v0, Bech32m for v1+, lower-cased
    [InlineData("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [InlineData("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", "btc:bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "btc:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")]
    [InlineData("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", "btc:bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y")]
    [InlineData("BC1SW50QGDZ25J", "btc:bc1sw50qgdz25j")]
    [InlineData("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "btc:bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs")]
    [InlineData("btc:BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    // Ethereum and EVM: lower-case hex
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7", "eth:0x52908400098527886e0f7030069857d2e4169ee7")]
    [InlineData("0X52908400098527886E0F7030069857D2E4169EE7", "eth:0x52908400098527886e0f7030069857d2e4169ee7")]
    [InlineData("eth:0x52908400098527886e0f7030069857d2e4169ee7", "eth:0x52908400098527886e0f7030069857d2e4169ee7")]
    [InlineData("Ethereum:0x52908400098527886E0F7030069857D2E4169EE7@1?value=1e18", "eth:0x52908400098527886e0f7030069857d2e4169ee7")]
    [InlineData("0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe", "eth:0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae")]
    [InlineData("bsc:0xABCDEF0123456789abcdef0123456789ABCDEF01", "bsc:0xabcdef0123456789abcdef0123456789abcdef01")]
    // TRON: Base58Check with version 0x41; the hex form becomes Base58
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    [InlineData("tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    [InlineData("TRX:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    [InlineData("trx:41a614f803b6fd780986a42c78ec9c7f77e6ded13c", "trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    // other chains: kept as written under their lower-case name
    [InlineData("ltc:LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3", "ltc:LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3")]
    [InlineData("SOL:7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", "sol:7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV")]
    [InlineData("xrp: rN7n7otQDd6FczFgLdSqtcsAUxDkw6fzRH ", "xrp:rN7n7otQDd6FczFgLdSqtcsAUxDkw6fzRH")]
    [InlineData("usdt-trc20:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "usdt-trc20:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    [InlineData("ton:EQD__________________________________________0vo", "ton:EQD__________________________________________0vo")]
    public void Accepted_CarriesTheChain(string raw, string expected)
    {
        var wallet = Normalisation.Accept(IdentifierType.CryptoWallet, raw);
        Assert.Equal(expected, wallet.Value);
        Assert.Equal(expected, wallet.Display);
    }

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "checksum")]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a", "checksum")]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNа", "checksum")]
    [InlineData("1a1zp1ep5qgefi2dmptftl5slmv7divfna", "checksum")]
    [InlineData("btc:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "version")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "checksum")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "Bech32m")]
    [InlineData("BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", "Bech32m")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "Bech32")]
    [InlineData("bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", "alphabet")]
    [InlineData("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", "witness version")]
    [InlineData("bc1pw5dgrnzv", "length")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", "length")]
    [InlineData("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "20 or 32")]
    [InlineData("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "Bech32m")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", "padding")]
    [InlineData("bc1gmk9yu", "witness version")]
    [InlineData("bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "mixed")]
    [InlineData("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "testnet")]
    [InlineData("bcrt1q6z7a8ahyrhmchmwqmkxfp6wfuwa9dqgdvfsjqh", "testnet")]
    [InlineData("tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", "chain:address")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE", "40 hex")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EEG", "40 hex")]
    [InlineData("0x 52908400098527886E0F7030069857D2E4169EE7", "40 hex")]
    [InlineData("eth:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "40 hex")]
    [InlineData("0х52908400098527886E0F7030069857D2E4169EE7", "chain:address")]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "TRON")]
    [InlineData("trx:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "TRON")]
    [InlineData("trx:42a614f803b6fd780986a42c78ec9c7f77e6ded13c", "TRON")]
    [InlineData("LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3", "chain:address")]
    [InlineData("ltc:", "missing")]
    [InlineData("l:LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3", "chain name")]
    [InlineData("my chain:abc", "chain name")]
    [InlineData("ltc:address with spaces", "visible ASCII")]
    [InlineData("ltc:LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3\u00E9", "visible ASCII")]
    [InlineData("ltc:адрес", "visible ASCII")]
    [InlineData("hello world", "chain:address")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.CryptoWallet, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }
}
