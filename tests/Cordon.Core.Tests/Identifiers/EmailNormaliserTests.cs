using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class EmailNormaliserTests
{
    [Theory]
    [InlineData("John.Doe@Example.COM", "John.Doe@example.com", "John.Doe@example.com", "example.com")]
    [InlineData("info@mail.example.co.uk", "info@mail.example.co.uk", "info@mail.example.co.uk", "example.co.uk")]
    [InlineData("mailto:info@example.co.uk", "info@example.co.uk", "info@example.co.uk", "example.co.uk")]
    [InlineData("MAILTO:info@example.co.uk?subject=Refund", "info@example.co.uk", "info@example.co.uk", "example.co.uk")]
    [InlineData("<info@example.com>", "info@example.com", "info@example.com", "example.com")]
    [InlineData("user+tag@gmail.com", "user+tag@gmail.com", "user+tag@gmail.com", "gmail.com")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie", "o'brien@example.ie", "example.ie")]
    [InlineData("user@bücher.de", "user@xn--bcher-kva.de", "user@bücher.de", "xn--bcher-kva.de")]
    [InlineData("user@аpple.com", "user@xn--pple-43d.com", "user@xn--pple-43d.com", "xn--pple-43d.com")]
    [InlineData("пользователь@пример.рф", "пользователь@xn--e1afmkfd.xn--p1ai", "пользователь@пример.рф", "xn--e1afmkfd.xn--p1ai")]
    [InlineData("user[@]evil[.]com", "user@evil.com", "user@evil.com", "evil.com")]
    [InlineData("user@mail.example.com.", "user@mail.example.com", "user@mail.example.com", "example.com")]
    [InlineData("ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｃｏｍ", "user@example.com", "user@example.com", "example.com")]
    [InlineData("  user@example.com\u200B ", "user@example.com", "user@example.com", "example.com")]
    [InlineData("a@b.co", "a@b.co", "a@b.co", "b.co")]
    [InlineData("support@co.uk", "support@co.uk", "support@co.uk", null)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", "example.com")]
    public void Accepted_LowerCasesOnlyTheDomain(string raw, string value, string display, string? registrable)
    {
        var email = Normalisation.Accept(IdentifierType.Email, raw);
        Assert.Equal(value, email.Value);
        Assert.Equal(display, email.Display);
        Assert.Equal(registrable, email.RegistrableDomain);
    }

    [Theory]
    [InlineData("userexample.com", "@")]
    [InlineData("@example.com", "missing")]
    [InlineData("user@", "missing")]
    [InlineData("user@@example.com", "one @")]
    [InlineData("a@b@example.com", "one @")]
    [InlineData("us er@example.com", "quoting")]
    [InlineData("\"john doe\"@example.com", "quoting")]
    [InlineData("user<x>@example.com", "quoting")]
    [InlineData("a,b@example.com", "quoting")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", "64")]
    [InlineData("user@localhost", "two labels")]
    [InlineData("user@[192.168.0.1]", "IP literals")]
    [InlineData("user@192.168.0.1", "ip")]
    [InlineData("user@exa_mple.com", "not valid")]
    [InlineData("user@example.com/x", "not valid")]
    [InlineData("user@exa mple.com", "not valid")]
    [InlineData("mailto:", "@")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.Email, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }
}
