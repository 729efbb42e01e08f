using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class FileHashNormaliserTests
{
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";
    private const string Sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData(Md5, Md5)]
    [InlineData("D41D8CD98F00B204E9800998ECF8427E", Md5)]
    [InlineData("md5:" + Md5, Md5)]
    [InlineData("MD5: D41D8CD98F00B204E9800998ECF8427E", Md5)]
    [InlineData(Sha1, Sha1)]
    [InlineData("sha1:" + Sha1, Sha1)]
    [InlineData("SHA-1:DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", Sha1)]
    [InlineData(Sha256, Sha256)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", Sha256)]
    [InlineData("SHA-256: " + Sha256, Sha256)]
    [InlineData("  " + Sha256 + "\u200B ", Sha256)]
    [InlineData("ｄ４１ｄ８ｃｄ９８ｆ００ｂ２０４ｅ９８００９９８ｅｃｆ８４２７ｅ", Md5)]
    public void Accepted_BecomesLowerCaseHex(string raw, string expected)
    {
        var hash = Normalisation.Accept(IdentifierType.FileHash, raw);
        Assert.Equal(expected, hash.Value);
        Assert.Equal(expected, hash.Display);
    }

    [Theory]
    [InlineData("d41d8cd98f00b204e9800998ecf8427", "32")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e0", "32")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204", "32")]
    [InlineData(Sha256 + Sha256, "32")]
    [InlineData("gggggggggggggggggggggggggggggggg", "hexadecimal")]
    [InlineData("d41d8cd9 8f00b204e9800998ecf8427e", "hexadecimal")]
    [InlineData("0xd41d8cd98f00b204e9800998ecf8427e", "hexadecimal")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427е", "hexadecimal")]
    [InlineData("md5:" + Sha1, "md5:")]
    [InlineData("sha256:" + Md5, "sha256:")]
    [InlineData("sha1:" + Sha256, "sha1:")]
    [InlineData("sha512:" + Sha256, "prefix")]
    [InlineData("crc32:12345678", "prefix")]
    [InlineData("md5:", "32")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.FileHash, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }
}
