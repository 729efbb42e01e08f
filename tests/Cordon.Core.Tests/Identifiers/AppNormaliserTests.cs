using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class AppNormaliserTests
{
    [Theory]
    [InlineData("com.example.app", "com.example.app")]
    [InlineData("Com.Example.App", "com.example.app")]
    [InlineData("com.whatsapp", "com.whatsapp")]
    [InlineData("com.fake_bank.mobile2", "com.fake_bank.mobile2")]
    [InlineData("com.apple.Numbers", "com.apple.numbers")]
    [InlineData("com.my-company.Loan-App", "com.my-company.loan-app")]
    [InlineData("https://play.google.com/store/apps/details?id=com.fake.loan&hl=en", "com.fake.loan")]
    [InlineData("play.google.com/store/apps/details?id=com.fake.loan", "com.fake.loan")]
    [InlineData("https://play.google.com/store/apps/details?hl=en_GB&id=com.Fake.Loan", "com.fake.loan")]
    [InlineData("ｃｏｍ．ｅｘａｍｐｌｅ．ａｐｐ", "com.example.app")]
    [InlineData(" com.example.app\u200B", "com.example.app")]
    public void Accepted_BecomesLowerCaseId(string raw, string expected)
    {
        var app = Normalisation.Accept(IdentifierType.App, raw);
        Assert.Equal(expected, app.Value);
        Assert.Equal(expected, app.Display);
    }

    [Theory]
    [InlineData("example", "two")]
    [InlineData("com.", "starts with a letter")]
    [InlineData(".com.example", "starts with a letter")]
    [InlineData("com..example", "starts with a letter")]
    [InlineData("com.1example", "starts with a letter")]
    [InlineData("com.exa mple", "starts with a letter")]
    [InlineData("com.exämple", "starts with a letter")]
    [InlineData("com.ехаmple", "starts with a letter")]
    [InlineData("com.example.app!", "starts with a letter")]
    [InlineData("https://play.google.com/store/apps/details", "id=")]
    [InlineData("https://play.google.com/store/apps/details?id=", "two")]
    [InlineData("https://apps.apple.com/us/app/fake/id1234567890", "bundle id")]
    [InlineData("https://example.com/app", "Google Play")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.App, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IdsLongerThan255Characters_AreRefused()
    {
        var id = "com." + new string('a', 251);
        Assert.Equal(id, Normalisation.Accept(IdentifierType.App, id).Value);
        Assert.Contains("255", Normalisation.Refuse(IdentifierType.App, id + "a"), StringComparison.Ordinal);
    }
}
