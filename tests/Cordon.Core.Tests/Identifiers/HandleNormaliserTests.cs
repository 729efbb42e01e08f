using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class HandleNormaliserTests
{
    [Theory]
    [InlineData("telegram:@ScamBot", "telegram:scambot")]
    [InlineData("tg:scam_bot", "telegram:scam_bot")]
    [InlineData("Telegram: @Scam_Bot", "telegram:scam_bot")]
    [InlineData("https://t.me/Scam_Bot", "telegram:scam_bot")]
    [InlineData("t.me/scam_bot", "telegram:scam_bot")]
    [InlineData("https://t.me/s/scam_channel", "telegram:scam_channel")]
    [InlineData("https://t.me/scam_channel/1234", "telegram:scam_channel")]
    [InlineData("https://telegram.me/scam_bot", "telegram:scam_bot")]
    [InlineData("twitter:@ElonGiveaway", "x:elongiveaway")]
    [InlineData("X:ElonGiveaway", "x:elongiveaway")]
    [InlineData("https://twitter.com/ElonGiveaway", "x:elongiveaway")]
    [InlineData("https://x.com/ElonGiveaway/status/1234567890", "x:elongiveaway")]
    [InlineData("https://mobile.twitter.com/ElonGiveaway?lang=en", "x:elongiveaway")]
    [InlineData("https://www.instagram.com/fake.shop/", "instagram:fake.shop")]
    [InlineData("instagram.com/fake.shop", "instagram:fake.shop")]
    [InlineData("ig:Fake.Shop", "instagram:fake.shop")]
    [InlineData("https://www.facebook.com/FakePage", "facebook:fakepage")]
    [InlineData("https://m.facebook.com/profile.php?id=100012345678901", "facebook:100012345678901")]
    [InlineData("fb:FakePage", "facebook:fakepage")]
    [InlineData("https://www.tiktok.com/@fake_shop", "tiktok:fake_shop")]
    [InlineData("https://www.tiktok.com/@fake_shop/video/7234567890123456789", "tiktok:fake_shop")]
    [InlineData("tiktok:@Fake_Shop", "tiktok:fake_shop")]
    [InlineData("whatsapp:+44 7700 900123", "whatsapp:+447700900123")]
    [InlineData("wa:07700 900123", "whatsapp:+447700900123")]
    [InlineData("https://wa.me/447700900123", "whatsapp:+447700900123")]
    [InlineData("https://api.whatsapp.com/send?phone=447700900123&text=hi", "whatsapp:+447700900123")]
    [InlineData("wechat:wxid_abc123", "wechat:wxid_abc123")]
    [InlineData("line:@scamline", "line:scamline")]
    [InlineData("skype:live:.cid.123abc", "skype:live:.cid.123abc")]
    [InlineData("discord:Scammer#1234", "discord:scammer#1234")]
    [InlineData("telegram:@ｓｃａｍ", "telegram:scam")]
    [InlineData("telegram:scam\u200Bbot", "telegram:scambot")]
    [InlineData("telegram:ѕсаm", "telegram:ѕсаm")]
    [InlineData("VK:Durov", "vk:durov")]
    public void Accepted_BecomesPlatformAndHandle(string raw, string expected)
    {
        var handle = Normalisation.Accept(IdentifierType.Handle, raw);
        Assert.Equal(expected, handle.Value);
        Assert.Equal(expected, handle.Display);
    }

    [Fact]
    public void WhatsAppLinks_AreInternational_WhateverTheCountry() =>
        Assert.Equal("whatsapp:+447700900123", Normalisation.Accept(IdentifierType.Handle, "https://wa.me/447700900123", "US").Value);

    [Theory]
    [InlineData("@scammer", "platform:handle")]
    [InlineData("scammer", "platform:handle")]
    [InlineData(":scammer", "platform:handle")]
    [InlineData("telegram:", "missing")]
    [InlineData("telegram:@", "missing")]
    [InlineData("telegram:scam bot", "spaces")]
    [InlineData("telegram:a/b", "spaces")]
    [InlineData("telegram:a@b", "spaces")]
    [InlineData("abcdefghijabcdefghijabcdefghijk:scam", "platform name")]
    [InlineData("tele gram:scam", "platform name")]
    [InlineData("-x:scam", "platform name")]
    [InlineData("https://t.me/+AbCdEf123", "invite")]
    [InlineData("https://t.me/joinchat/AbCdEf", "invite")]
    [InlineData("https://t.me/", "no account")]
    [InlineData("https://www.instagram.com/p/Cx123abc/", "post")]
    [InlineData("https://twitter.com/home", "post")]
    [InlineData("https://www.facebook.com/groups/123", "post")]
    [InlineData("https://www.tiktok.com/video/123", "tiktok.com/@name")]
    [InlineData("https://example.com/scammer", "platform:handle")]
    [InlineData("ftp://t.me/scam", "slashes")]
    [InlineData("whatsapp:hello", "letters")]
    [InlineData("https://wa.me/", "phone number")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.Handle, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NationalWhatsAppNumbers_NeedTheCountry() =>
        Assert.Contains("country", Normalisation.Refuse(IdentifierType.Handle, "whatsapp:07700 900123", null), StringComparison.Ordinal);

    [Fact]
    public void HandlesLongerThan100Characters_AreRefused()
    {
        Assert.Equal("telegram:" + new string('a', 100), Normalisation.Accept(IdentifierType.Handle, "telegram:" + new string('a', 100)).Value);
        Assert.Contains("100", Normalisation.Refuse(IdentifierType.Handle, "telegram:" + new string('a', 101)), StringComparison.Ordinal);
    }
}
