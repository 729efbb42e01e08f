using Cordon.Core.Identifiers;

namespace Cordon.Core.Tests.Identifiers;

public sealed class PhoneNormaliserTests
{
    [Theory]
    // the examples of the product issue
    [InlineData("+44 20 7946 0018", "GB", "+442079460018")]
    [InlineData("020 7946 0018", "GB", "+442079460018")]
    [InlineData("0044-20-7946-0018", "GB", "+442079460018")]
    [InlineData("0044-20-7946-0018", null, "+442079460018")]
    [InlineData("8 (495) 123-45-67", "RU", "+74951234567")]
    [InlineData("138 0013 8000", "CN", "+8613800138000")]
    [InlineData("(202) 555-0143", "US", "+12025550143")]
    [InlineData("+852 2123 4567", null, "+85221234567")]
    // international spellings, read without a country
    [InlineData("+44 (0)20 7946 0018", null, "+442079460018")]
    [InlineData("+44 (0) 7700 900123", "ZZ", "+447700900123")]
    [InlineData("+44.20.7946.0018", null, "+442079460018")]
    [InlineData("+44/20/7946/0018", null, "+442079460018")]
    [InlineData("tel:+44-20-7946-0018", null, "+442079460018")]
    [InlineData("TEL:+1-202-555-0143;ext=12", null, "+12025550143")]
    [InlineData("+1 202 555 0143", "GB", "+12025550143")]
    [InlineData("+7 (495) 123-45-67", null, "+74951234567")]
    [InlineData("+86 138 0013 8000", null, "+8613800138000")]
    [InlineData("+91 98765 43210", null, "+919876543210")]
    [InlineData("+33 6 12 34 56 78", null, "+33612345678")]
    [InlineData("+39 06 1234 5678", null, "+390612345678")]
    [InlineData("+886 2 2345 6789", null, "+886223456789")]
    [InlineData("+52 1 55 1234 5678", null, "+525512345678")]
    [InlineData("+54 9 11 1234-5678", null, "+5491112345678")]
    [InlineData("+354 611 1234", null, "+3546111234")]
    [InlineData("+992 93 123 4567", null, "+992931234567")]
    [InlineData("+800 1234 5678", null, "+80012345678")]
    [InlineData("0086 138 0013 8000", "HK", "+8613800138000")]
    // the country's own international prefix
    [InlineData("011 44 20 7946 0018", "US", "+442079460018")]
    [InlineData("8 10 44 20 7946 0018", "RU", "+442079460018")]
    [InlineData("0011 44 20 7946 0018", "AU", "+442079460018")]
    [InlineData("010 44 20 7946 0018", "JP", "+442079460018")]
    [InlineData("001 44 20 7946 0018", "HK", "+442079460018")]
    [InlineData("002 44 20 7946 0018", "TW", "+442079460018")]
    // the country's calling code written without + or 00, or after the long-distance "1"
    [InlineData("8613800138000", "CN", "+8613800138000")]
    [InlineData("442079460018", "GB", "+442079460018")]
    [InlineData("1-202-555-0143", "US", "+12025550143")]
    [InlineData("1 (416) 555-0123", "CA", "+14165550123")]
    // national spellings, resolved with the organisation's country
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("202.555.0143", "US", "+12025550143")]
    [InlineData("(416) 555-0123", "CA", "+14165550123")]
    [InlineData("8 (912) 345-67-89", "RU", "+79123456789")]
    [InlineData("812 345 67 89", "RU", "+78123456789")]
    [InlineData("8 (7172) 12-34-56", "KZ", "+77172123456")]
    [InlineData("010 1234 5678", "CN", "+861012345678")]
    [InlineData("2123 4567", "HK", "+85221234567")]
    [InlineData("6212 3456", "MO", "+85362123456")]
    [InlineData("0912 345 678", "TW", "+886912345678")]
    [InlineData("9123 4567", "SG", "+6591234567")]
    [InlineData("012-345 6789", "MY", "+60123456789")]
    [InlineData("081 234 5678", "TH", "+66812345678")]
    [InlineData("091 234 56 78", "VN", "+84912345678")]
    [InlineData("0917 123 4567", "PH", "+639171234567")]
    [InlineData("0812-3456-7890", "ID", "+6281234567890")]
    [InlineData("098765 43210", "IN", "+919876543210")]
    [InlineData("0300 1234567", "PK", "+923001234567")]
    [InlineData("01712-345678", "BD", "+8801712345678")]
    [InlineData("090-1234-5678", "JP", "+819012345678")]
    [InlineData("010-1234-5678", "KR", "+821012345678")]
    [InlineData("0412 345 678", "AU", "+61412345678")]
    [InlineData("021 123 4567", "NZ", "+64211234567")]
    [InlineData("050 123 4567", "UA", "+380501234567")]
    [InlineData("030 12345678", "DE", "+493012345678")]
    [InlineData("0151 23456789", "DE", "+4915123456789")]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("06 1234 5678", "IT", "+390612345678")]
    [InlineData("612 34 56 78", "ES", "+34612345678")]
    [InlineData("912 345 678", "PT", "+351912345678")]
    [InlineData("06-12345678", "NL", "+31612345678")]
    [InlineData("0470 12 34 56", "BE", "+32470123456")]
    [InlineData("079 123 45 67", "CH", "+41791234567")]
    [InlineData("0664 1234567", "AT", "+436641234567")]
    [InlineData("087 123 4567", "IE", "+353871234567")]
    [InlineData("512 345 678", "PL", "+48512345678")]
    [InlineData("601 123 456", "CZ", "+420601123456")]
    [InlineData("070-123 45 67", "SE", "+46701234567")]
    [InlineData("412 34 567", "NO", "+4741234567")]
    [InlineData("20 12 34 56", "DK", "+4520123456")]
    [InlineData("040 123 4567", "FI", "+358401234567")]
    [InlineData("691 234 5678", "GR", "+306912345678")]
    [InlineData("0532 123 45 67", "TR", "+905321234567")]
    [InlineData("050-123-4567", "IL", "+972501234567")]
    [InlineData("050 123 4567", "AE", "+971501234567")]
    [InlineData("050 123 4567", "SA", "+966501234567")]
    [InlineData("3312 3456", "QA", "+97433123456")]
    [InlineData("010 1234 5678", "EG", "+201012345678")]
    [InlineData("0803 123 4567", "NG", "+2348031234567")]
    [InlineData("0712 345678", "KE", "+254712345678")]
    [InlineData("082 123 4567", "ZA", "+27821234567")]
    [InlineData("0612-345678", "MA", "+212612345678")]
    [InlineData("(11) 91234-5678", "BR", "+5511912345678")]
    [InlineData("55 1234 5678", "MX", "+525512345678")]
    [InlineData("9 1234 5678", "CL", "+56912345678")]
    [InlineData("300 123 4567", "CO", "+573001234567")]
    [InlineData("912 345 678", "PE", "+51912345678")]
    [InlineData("012 345 678", "KH", "+85512345678")]
    [InlineData("020 5551 2345", "LA", "+8562055512345")]
    [InlineData("09 1234 5678", "MM", "+95912345678")]
    [InlineData("020 7946 0018", "gb", "+442079460018")]
    // what copy and paste brings along
    [InlineData("＋４４ ２０ ７９４６ ００１８", null, "+442079460018")]
    [InlineData("+44 ２０ 7946 ００18", null, "+442079460018")]
    [InlineData("\u202A+44 20 7946 0018\u202C", null, "+442079460018")]
    [InlineData("+44\u200B20\u200C7946\u2060 0018\uFEFF", null, "+442079460018")]
    [InlineData("+44\u00A020\u00A07946\u00A00018", null, "+442079460018")]
    [InlineData("+44\u201320\u20137946\u20130018", null, "+442079460018")]
    [InlineData("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", null, "+971501234567")]
    [InlineData("  +44 20 7946 0018\t", null, "+442079460018")]
    public void Accepted_BecomesE164(string raw, string? country, string expected)
    {
        var phone = Normalisation.Accept(IdentifierType.Phone, raw, country);
        Assert.Equal(expected, phone.Value);
        Assert.Equal(expected, phone.Display);
        Assert.Null(phone.RegistrableDomain);
    }

    [Theory]
    [InlineData("020 7946 0018", null, "country")]
    [InlineData("020 7946 0018", "ZZ", "country")]
    [InlineData("020 7946 0018", "AQ", "not supported")]
    [InlineData("+44 20 7946 00189", null, "+44")]
    [InlineData("+44 20", null, "+44")]
    [InlineData("+1 202 555 014", null, "+1")]
    [InlineData("+1 012 555 0143", null, "+1")]
    [InlineData("+7 495 123 45 67 89", null, "+7")]
    [InlineData("+0 123 4567", null, "calling code")]
    [InlineData("+28 1234 5678", null, "calling code")]
    [InlineData("+999 1234 5678", null, "calling code")]
    [InlineData("+692 12", null, "digits")]
    [InlineData("+882 1234 5678 9012 3", null, "digits")]
    [InlineData("138 0013 8000 0", "CN", "CN")]
    [InlineData("8 (495) 123-45", "RU", "RU")]
    [InlineData("123", "US", "US")]
    [InlineData("0123456789", "US", "US")]
    [InlineData("1-800-FLOWERS", "US", "letters")]
    [InlineData("+44 20 7946 0018 ext 12", null, "letters")]
    [InlineData("+44 20 7946 0018 x12", null, "letters")]
    [InlineData("+44 2O79 46OO18", null, "letters")]
    [InlineData("+44 20 794б 0018", null, "letters")]
    [InlineData("+44 20 7946 0018+", null, "+")]
    [InlineData("++44 20 7946 0018", null, "+")]
    [InlineData("*100#", null, "only digits")]
    [InlineData("+44 20 7946 0018;", null, "only digits")]
    [InlineData("+44_20_7946_0018", null, "only digits")]
    [InlineData("tel:", null, "digits")]
    [InlineData("+", null, "digits")]
    [InlineData("( ) - .", null, "digits")]
    public void Refused_SaysWhy(string raw, string? country, string reasonMentions)
    {
        var reason = Normalisation.Refuse(IdentifierType.Phone, raw, country);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NationalNumbers_AreResolvedForTheCountriesOfTheIssueAndMore()
    {
        var named = ("GB US CA CN HK MO TW SG MY TH VN PH ID IN PK BD JP KR AU NZ RU KZ UA DE FR IT ES PT NL BE CH AT IE " +
                     "PL CZ SE NO DK FI GR TR IL AE SA QA EG NG KE ZA MA BR MX AR CL CO PE KH LA MM").Split(' ');
        var more = "LK NP MN BN LU SK HU RO BG HR SI CY MT IS EE LV LT KW BH OM JO LB DZ TN GH TZ UG VE EC UY PR DO JM".Split(' ');
        Assert.Equal(59, named.Length);
        foreach (var country in named.Concat(more))
        {
            // A one-digit number is too short everywhere: the reason names the country's own plan.
            var reason = Normalisation.Refuse(IdentifierType.Phone, "5", country);
            Assert.Contains($"a national {country} number has", reason, StringComparison.Ordinal);
        }
    }
}
