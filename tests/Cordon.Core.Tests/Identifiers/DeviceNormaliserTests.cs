using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class DeviceNormaliserTests
{
    [Theory]
    [InlineData("490154203237518", "490154203237518")]
    [InlineData("49-015420-323751-8", "490154203237518")]
    [InlineData("49 015420 323751 8", "490154203237518")]
    [InlineData("49/015420/323751/8", "490154203237518")]
    [InlineData("IMEI: 490154203237518", "490154203237518")]
    [InlineData("imei 49-015420-323751-8", "490154203237518")]
    [InlineData("49015420323751", "490154203237518")]
    [InlineData("35-209900-176148-1", "352099001761481")]
    [InlineData("35209900176148", "352099001761481")]
    [InlineData("４９０１５４２０３２３７５１８", "490154203237518")]
    [InlineData("4901542032\u200B37518", "490154203237518")]
    public void Accepted_BecomesFifteenDigits(string raw, string expected)
    {
        var device = Normalisation.Accept(IdentifierType.Device, raw);
        Assert.Equal(expected, device.Value);
        Assert.Equal(expected, device.Display);
    }

    [Theory]
    [InlineData("490154203237519", "Luhn")]
    [InlineData("352099001761482", "Luhn")]
    [InlineData("4901542032375181", "IMEISV")]
    [InlineData("49-015420-323751-81", "IMEISV")]
    [InlineData("4901542032375", "15 digits")]
    [InlineData("49015420323751812", "15 digits")]
    [InlineData("49015420323751a", "only digits")]
    [InlineData("A1000012345678", "only digits")]
    [InlineData("49.015420.323751.8", "only digits")]
    [InlineData("000000000000000", "placeholder")]
    [InlineData("00000000000000", "placeholder")]
    [InlineData("IMEI:", "15 digits")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.Device, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }
}
