using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class BankAccountNormaliserTests
{
    [Theory]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("DE89370400440532013000")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("BE68539007547034")]
    [InlineData("CH9300762011623852957")]
    [InlineData("ES9121000418450200051332")]
    [InlineData("IT60X0542811101000000123456")]
    [InlineData("AT611904300234573201")]
    [InlineData("PL61109010140000071219812874")]
    [InlineData("NO9386011117947")]
    [InlineData("DK5000400440116243")]
    [InlineData("FI2112345600000785")]
    [InlineData("SE4550000000058398257466")]
    [InlineData("PT50000201231234567890154")]
    [InlineData("IE29AIBK93115212345678")]
    [InlineData("LU280019400644750000")]
    [InlineData("CZ6508000000192000145399")]
    [InlineData("GR1601101250000000012300695")]
    [InlineData("HU42117730161111101800000000")]
    [InlineData("RO49AAAA1B31007593840000")]
    [InlineData("TR330006100519786457841326")]
    [InlineData("SA0380000000608010167519")]
    [InlineData("AE070331234567890123456")]
    [InlineData("IL620108000000099999999")]
    [InlineData("QA58DOHB00001234567890ABCDEFG")]
    [InlineData("BR1800360305000010009795493C1")]
    [InlineData("MT84MALT011000012345MTLCAST001S")]
    [InlineData("UA213223130000026007233566001")]
    [InlineData("KZ86125KZT5004100100")]
    public void RegistryExampleIbans_AreAccepted(string iban)
    {
        var account = Normalisation.Accept(IdentifierType.BankAccount, iban);
        Assert.Equal(iban, account.Value);
        Assert.Equal(iban, account.Display);
        Assert.Null(account.RegistrableDomain);
    }

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432")]
    [InlineData("gb82west12345698765432", "GB82WEST12345698765432")]
    [InlineData("gb82 west 1234 5698 7654 32", "GB82WEST12345698765432")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432")]
    [InlineData("IBAN: GB82-WEST-1234-5698-7654-32", "GB82WEST12345698765432")]
    [InlineData("iban:GB82WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("IBANGB82WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("GB82.WEST.1234.5698.7654.32", "GB82WEST12345698765432")]
    [InlineData(" GB82\u00A0WEST\u00A01234\u00A05698\u00A07654\u00A032 ", "GB82WEST12345698765432")]
    [InlineData("ＧＢ８２ＷＥＳＴ１２３４５６９８７６５４３２", "GB82WEST12345698765432")]
    [InlineData("GB82\u200BWEST1234\u00AD5698765432", "GB82WEST12345698765432")]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("fr14 2004 1010 0505 0001 3m02 606", "FR1420041010050500013M02606")]
    [InlineData("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300")]
    public void IbanSpellings_BecomeCompactUpperCase(string raw, string expected) =>
        Assert.Equal(expected, Normalisation.Accept(IdentifierType.BankAccount, raw).Value);

    [Theory]
    [InlineData("HK:004:123456789", "HK:004:123456789")]
    [InlineData("hk:004:123-456-789", "HK:004:123456789")]
    [InlineData("HK : 004 : 123 456 789", "HK:004:123456789")]
    [InlineData("US:021000021:12345678", "US:021000021:12345678")]
    [InlineData("us:021-000-021:1234 5678", "US:021000021:12345678")]
    [InlineData("US:011000015:0001234567", "US:011000015:0001234567")]
    [InlineData("GB:20-00-00:55779911", "GB:200000:55779911")]
    [InlineData("AU:062-000:12345678", "AU:062000:12345678")]
    [InlineData("IN:SBIN0001234:12345678901", "IN:SBIN0001234:12345678901")]
    [InlineData("in:sbin0001234:12345678901", "IN:SBIN0001234:12345678901")]
    [InlineData("CN:102:6222021234567890123", "CN:102:6222021234567890123")]
    [InlineData("SG:7171:1234567890", "SG:7171:1234567890")]
    [InlineData("JP:0001-123:1234567", "JP:0001123:1234567")]
    [InlineData("CA:00012345:1234567", "CA:00012345:1234567")]
    [InlineData("TH:004:123/4/56789/0", "TH:004:1234567890")]
    [InlineData("VN:VCB.01:0011.0012.3456", "VN:VCB01:001100123456")]
    public void DomesticAccounts_BecomeCountryBankAccount(string raw, string expected) =>
        Assert.Equal(expected, Normalisation.Accept(IdentifierType.BankAccount, raw).Value);

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 33", "mod-97")]
    [InlineData("GB28 WEST 1234 5698 7654 32", "mod-97")]
    [InlineData("DE89 3704 0044 0532 0130 01", "mod-97")]
    [InlineData("GB82WEST1234569876543", "22")]
    [InlineData("GB82WEST123456987654321", "22")]
    [InlineData("XX82WEST12345698765432", "registry")]
    [InlineData("US64SVBKUS6S3300958879", "registry")]
    [InlineData("GB82 WEST 1234 5698 7654 3€", "letters and digits")]
    [InlineData("GB82_WEST_1234_5698_7654_32", "letters and digits")]
    [InlineData("GB82 WЕST 1234 5698 7654 32", "letters and digits")]
    [InlineData("12345678", "IBAN")]
    [InlineData("WEST12345698765432", "IBAN")]
    [InlineData("IBAN", "IBAN")]
    [InlineData("US:021000022:12345678", "routing")]
    [InlineData("US:000000000:12345678", "routing")]
    [InlineData("US:02100002:12345678", "9")]
    [InlineData("US:021000021:123", "4 to 17")]
    [InlineData("US:021000021:1234567890123456789", "4 to 17")]
    [InlineData("US:02100002A:12345678", "only digits")]
    [InlineData("XX:123:456789", "ISO 3166")]
    [InlineData("ZZ:123:456789", "ISO 3166")]
    [InlineData("UK:200000:55779911", "ISO 3166")]
    [InlineData("HKG:004:123456789", "ISO 3166")]
    [InlineData("HK::123456789", "missing")]
    [InlineData("HK:004:", "missing")]
    [InlineData("HK:004:12345", "6 to 12")]
    [InlineData("HK:004:1234567890123", "6 to 12")]
    [InlineData("HK:004:123_456", "letters and digits")]
    [InlineData("HK:ОО4:123456789", "letters and digits")]
    [InlineData("HK:004:123:456", "COUNTRY:BANK:ACCOUNT")]
    [InlineData("HK:004123456789", "COUNTRY:BANK:ACCOUNT")]
    [InlineData("GB:200000:5577991", "8")]
    [InlineData("IN:SBIN1001234:12345678901", "IFSC")]
    [InlineData("TH:004:123", "4 to 34")]
    public void Refused_SaysWhy(string raw, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.BankAccount, raw);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }
}
