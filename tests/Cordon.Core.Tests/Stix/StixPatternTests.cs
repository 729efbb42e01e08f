using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cordon.Core.Stix.Patterns;

namespace Cordon.Core.Tests.Stix;

public sealed class StixPatternTests
{
    private const string Sha256 = "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";

    // The examples of STIX 2.1 §9, each with the canonical text the parser writes back.
    [Theory]
    [InlineData("[file:hashes.'SHA-256' = '" + Sha256 + "']", "[file:hashes.'SHA-256' = '" + Sha256 + "']")]
    [InlineData(@"[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']",
        @"[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']")]
    [InlineData("([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS",
        "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS")]
    [InlineData("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32'] REPEATS 5 TIMES WITHIN 1800 SECONDS")]
    [InlineData("[file:size > 1024] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
        "[file:size > 1024] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'")]
    [InlineData(@"[file:mime_type = 'application/x-pdf' AND file:name MATCHES '^.*\\.pdf$']", @"[file:mime_type = 'application/x-pdf' AND file:name MATCHES '^.*\\.pdf$']")]
    [InlineData("[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\Foo' AND windows-registry-key:values[*].name = 'Foo']",
        "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\Foo' AND windows-registry-key:values[*].name = 'Foo']")]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']")]
    [InlineData("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]", "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]")]
    [InlineData("[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']")]
    [InlineData("[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
        "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']")]
    [InlineData("[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
        "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']")]
    [InlineData("[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']")]
    public void SpecExamples_ParseToCanonicalText_ThatParsesAgainToTheSame(string pattern, string canonical)
    {
        var parsed = StixPattern.Parse(pattern);

        Assert.Equal(canonical, parsed.ToString());
        Assert.Equal(canonical, StixPattern.Parse(canonical).ToString());
    }

    [Fact]
    public void HashComparison_HasQuotedPathComponentAndStringValue()
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse("[file:hashes.'SHA-256' = '" + Sha256 + "']"));

        Assert.Empty(observation.Qualifiers);
        var comparison = Assert.IsType<PropertyComparison>(observation.Comparison);
        Assert.Equal(new ObjectPath("file", [new PropertyStep("hashes"), new PropertyStep("SHA-256")]), comparison.Path);
        Assert.Equal("file:hashes.'SHA-256'", comparison.Path.ToString());
        Assert.Equal("hashes.'SHA-256'", comparison.Path.PropertyPath);
        Assert.Equal(ComparisonOperator.Equal, comparison.Op);
        Assert.False(comparison.Negated);
        Assert.Equal(new StringValue(Sha256), comparison.Value);
    }

    [Fact]
    public void EmailExample_KeepsRegexBackslashesAndListSteps()
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse(
            @"[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']"));

        var and = Assert.IsType<CompoundComparison>(observation.Comparison);
        Assert.Equal(BooleanOperator.And, and.Op);
        var from = Assert.IsType<PropertyComparison>(and.Operands[0]);
        Assert.Equal(ComparisonOperator.Matches, from.Op);
        Assert.Equal(new StringValue(@".+\@example\.com$"), from.Value);
        var attachment = Assert.IsType<PropertyComparison>(and.Operands[1]);
        Assert.Equal(
            new ObjectPath("email-message", [new PropertyStep("body_multipart"), new AnyIndexStep(), new PropertyStep("body_raw_ref"), new PropertyStep("name")]),
            attachment.Path);
        Assert.Equal(new StringValue(@"^Final Report.+\.exe$"), attachment.Value);
    }

    [Fact]
    public void WithinOnParenthesisedGroup_QualifiesTheGroup()
    {
        var group = Assert.IsType<CompoundObservation>(StixPattern.Parse(
            "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS"));

        Assert.Equal(ObservationOperator.FollowedBy, group.Op);
        Assert.Equal([new WithinQualifier(600)], group.Qualifiers);
        Assert.Equal(2, group.Operands.Count);
        var first = Assert.IsType<ObservationExpression>(group.Operands[0]);
        Assert.Equal(BooleanOperator.Or, Assert.IsType<CompoundComparison>(first.Comparison).Op);
        Assert.Empty(first.Qualifiers);
    }

    [Fact]
    public void ChainedQualifiers_AreKeptInOrder()
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse(
            "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32'] REPEATS 5 TIMES WITHIN 1800 SECONDS"));

        Assert.Equal([new RepeatsQualifier(5), new WithinQualifier(1800)], observation.Qualifiers);
    }

    [Fact]
    public void StartStop_ReadsBothInstants()
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse(
            "[file:size > 1024] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'"));

        var window = Assert.IsType<StartStopQualifier>(Assert.Single(observation.Qualifiers));
        Assert.Equal(new DateTimeOffset(2016, 6, 1, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2016, 7, 1, 0, 0, 0, TimeSpan.Zero), window.Stop);
        var size = Assert.IsType<PropertyComparison>(observation.Comparison);
        Assert.Equal(ComparisonOperator.GreaterThan, size.Op);
        Assert.Equal(new IntegerValue(1024), size.Value);
    }

    [Theory]
    [InlineData("[a:b = 1 OR a:c = 2 AND a:d = 3]", "[a:b = 1 OR (a:c = 2 AND a:d = 3)]")]
    [InlineData("[a:b = 1 AND a:c = 2 OR a:d = 3]", "[(a:b = 1 AND a:c = 2) OR a:d = 3]")]
    [InlineData("[(a:b = 1 OR a:c = 2) AND a:d = 3]", "[(a:b = 1 OR a:c = 2) AND a:d = 3]")]
    [InlineData("[a:b = 1 OR a:c = 2 OR a:d = 3]", "[a:b = 1 OR a:c = 2 OR a:d = 3]")]
    [InlineData("[a:b = 1 OR (a:c = 2 OR a:d = 3)]", "[a:b = 1 OR (a:c = 2 OR a:d = 3)]")]
    [InlineData("[((a:b = 1))]", "[a:b = 1]")]
    [InlineData("[a:b = 1] OR [a:c = 2] AND [a:d = 3]", "[a:b = 1] OR ([a:c = 2] AND [a:d = 3])")]
    [InlineData("[a:b = 1] FOLLOWEDBY [a:c = 2] OR [a:d = 3]", "[a:b = 1] FOLLOWEDBY ([a:c = 2] OR [a:d = 3])")]
    [InlineData("([a:b = 1] FOLLOWEDBY [a:c = 2]) OR [a:d = 3]", "([a:b = 1] FOLLOWEDBY [a:c = 2]) OR [a:d = 3]")]
    [InlineData("[a:b = 1] AND [a:c = 2] WITHIN 5 SECONDS", "[a:b = 1] AND [a:c = 2] WITHIN 5 SECONDS")]
    [InlineData("([a:b = 1] AND [a:c = 2]) WITHIN 5 SECONDS", "([a:b = 1] AND [a:c = 2]) WITHIN 5 SECONDS")]
    [InlineData("(([a:b = 1] AND [a:c = 2]) WITHIN 5 SECONDS) REPEATS 2 TIMES", "([a:b = 1] AND [a:c = 2]) WITHIN 5 SECONDS REPEATS 2 TIMES")]
    [InlineData("([a:b = 1] AND [a:c = 2]) WITHIN 5 SECONDS OR [a:d = 3]", "([a:b = 1] AND [a:c = 2]) WITHIN 5 SECONDS OR [a:d = 3]")]
    [InlineData("([a:b = 1]) REPEATS 3 TIMES", "[a:b = 1] REPEATS 3 TIMES")]
    [InlineData("[a:b = 1] WITHIN 2.5 SECONDS", "[a:b = 1] WITHIN 2.5 SECONDS")]
    public void Precedence_AndBindsTighterThanOrThanFollowedBy_QualifiersTightest(string pattern, string canonical) =>
        Assert.Equal(canonical, StixPattern.Parse(pattern).ToString());

    [Fact]
    public void QualifierAfterAnOperand_QualifiesOnlyThatOperand()
    {
        var and = Assert.IsType<CompoundObservation>(StixPattern.Parse("[a:b = 1] AND [a:c = 2] WITHIN 5 SECONDS"));

        Assert.Empty(and.Qualifiers);
        Assert.Empty(and.Operands[0].Qualifiers);
        Assert.Equal([new WithinQualifier(5)], and.Operands[1].Qualifiers);
    }

    [Fact]
    public void ChainsOfOneOperator_AreOneFlatNode()
    {
        var or = Assert.IsType<CompoundObservation>(StixPattern.Parse("[a:b = 1] OR [a:b = 2] OR [a:b = 3] OR [a:b = 4]"));

        Assert.Equal(ObservationOperator.Or, or.Op);
        Assert.Equal(4, or.Operands.Count);
        Assert.All(or.Operands, operand => Assert.IsType<ObservationExpression>(operand));
    }

    [Theory]
    [InlineData("=", ComparisonOperator.Equal, false)]
    [InlineData("==", ComparisonOperator.Equal, false)]
    [InlineData("!=", ComparisonOperator.NotEqual, false)]
    [InlineData("<>", ComparisonOperator.NotEqual, false)]
    [InlineData("<", ComparisonOperator.LessThan, false)]
    [InlineData("<=", ComparisonOperator.LessThanOrEqual, false)]
    [InlineData(">", ComparisonOperator.GreaterThan, false)]
    [InlineData(">=", ComparisonOperator.GreaterThanOrEqual, false)]
    [InlineData("LIKE", ComparisonOperator.Like, false)]
    [InlineData("MATCHES", ComparisonOperator.Matches, false)]
    [InlineData("ISSUBSET", ComparisonOperator.IsSubset, false)]
    [InlineData("ISSUPERSET", ComparisonOperator.IsSuperset, false)]
    [InlineData("NOT =", ComparisonOperator.Equal, true)]
    [InlineData("NOT !=", ComparisonOperator.NotEqual, true)]
    [InlineData("NOT <", ComparisonOperator.LessThan, true)]
    [InlineData("NOT >=", ComparisonOperator.GreaterThanOrEqual, true)]
    [InlineData("NOT LIKE", ComparisonOperator.Like, true)]
    [InlineData("NOT MATCHES", ComparisonOperator.Matches, true)]
    [InlineData("NOT ISSUBSET", ComparisonOperator.IsSubset, true)]
    [InlineData("NOT ISSUPERSET", ComparisonOperator.IsSuperset, true)]
    public void ComparisonOperators_AreRead(string op, ComparisonOperator expected, bool negated)
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse($"[file:name {op} 'x']"));

        var comparison = Assert.IsType<PropertyComparison>(observation.Comparison);
        Assert.Equal(expected, comparison.Op);
        Assert.Equal(negated, comparison.Negated);
        Assert.Equal(new StringValue("x"), comparison.Value);
    }

    [Fact]
    public void OperatorsWithoutSpaces_AreRead() =>
        Assert.Equal("[file:size >= 5 AND file:name != 'a']", StixPattern.Parse("[file:size>=5 AND file:name!='a']").ToString());

    [Fact]
    public void In_ReadsTheSet()
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse("[domain-name:value IN ('a.example', 'b.example',1, true)]"));

        var set = Assert.IsType<SetComparison>(observation.Comparison);
        Assert.False(set.Negated);
        Assert.Equal([new StringValue("a.example"), new StringValue("b.example"), new IntegerValue(1), new BooleanValue(true)], set.Values);
        Assert.Equal("[domain-name:value IN ('a.example', 'b.example', 1, true)]", observation.ToString());
    }

    [Fact]
    public void NotIn_AndEmptySet_AreRead()
    {
        var notIn = Assert.IsType<SetComparison>(Assert.IsType<ObservationExpression>(StixPattern.Parse("[x-foo:bar NOT IN ('a')]")).Comparison);
        var empty = Assert.IsType<SetComparison>(Assert.IsType<ObservationExpression>(StixPattern.Parse("[x-foo:bar IN ()]")).Comparison);

        Assert.True(notIn.Negated);
        Assert.Equal([new StringValue("a")], notIn.Values);
        Assert.Empty(empty.Values);
        Assert.Equal("x-foo:bar IN ()", empty.ToString());
    }

    [Fact]
    public void Exists_ReadsThePath()
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse("[EXISTS windows-registry-key:values[*].name AND file:name = 'x']"));

        var exists = Assert.IsType<ExistsComparison>(Assert.IsType<CompoundComparison>(observation.Comparison).Operands[0]);
        Assert.Equal("windows-registry-key:values[*].name", exists.Path.ToString());
        Assert.Equal("[EXISTS windows-registry-key:values[*].name AND file:name = 'x']", observation.ToString());
    }

    public static TheoryData<string, PatternValue, string> Literals => new()
    {
        { "'plain'", new StringValue("plain"), "'plain'" },
        { "''", new StringValue(""), "''" },
        { @"'it\'s'", new StringValue("it's"), @"'it\'s'" },
        { @"'back\\slash'", new StringValue(@"back\slash"), @"'back\\slash'" },
        { @"'\\\''", new StringValue(@"\'"), @"'\\\''" },
        { "'ünïcödé 日本 🎣'", new StringValue("ünïcödé 日本 🎣"), "'ünïcödé 日本 🎣'" },
        { "'two\nlines'", new StringValue("two\nlines"), "'two\nlines'" },
        { "'[not] (syntax) OR AND'", new StringValue("[not] (syntax) OR AND"), "'[not] (syntax) OR AND'" },
        { "0", new IntegerValue(0), "0" },
        { "42", new IntegerValue(42), "42" },
        { "-42", new IntegerValue(-42), "-42" },
        { "+42", new IntegerValue(42), "42" },
        { "-9223372036854775808", new IntegerValue(long.MinValue), "-9223372036854775808" },
        { "1.5", new FloatValue(1.5), "1.5" },
        { "-1.5", new FloatValue(-1.5), "-1.5" },
        { "+.25", new FloatValue(0.25), "0.25" },
        { "-.25", new FloatValue(-0.25), "-0.25" },
        { "7.0", new FloatValue(7), "7.0" },
        { "0.00001", new FloatValue(0.00001), "0.00001" },
        { "1000000000000000000000.0", new FloatValue(1e21), "1000000000000000000000.0" },
        { "true", new BooleanValue(true), "true" },
        { "false", new BooleanValue(false), "false" },
        { "b'AQID'", new BinaryValue("AQID"), "b'AQID'" },
        { "b'AQI='", new BinaryValue("AQI="), "b'AQI='" },
        { "b'AQ=='", new BinaryValue("AQ=="), "b'AQ=='" },
        { "h'00FF'", new HexValue("00ff"), "h'00ff'" },
        { "h''", new HexValue(""), "h''" },
        { "t'2016-01-01T00:00:00Z'", new TimestampValue(new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero)), "t'2016-01-01T00:00:00Z'" },
        { "t'2016-01-01T12:34:56.789Z'", new TimestampValue(new DateTimeOffset(2016, 1, 1, 12, 34, 56, 789, TimeSpan.Zero)), "t'2016-01-01T12:34:56.789Z'" },
        { "t'2016-02-29T00:00:00.123456789Z'", new TimestampValue(new DateTimeOffset(2016, 2, 29, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567)), "t'2016-02-29T00:00:00.1234567Z'" },
        { "t'2016-12-31T23:59:60Z'", new TimestampValue(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero)), "t'2017-01-01T00:00:00Z'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Literals_AreReadAndWrittenBack(string literal, PatternValue expected, string written)
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse($"[x-test:value = {literal}]"));

        var value = Assert.IsType<PropertyComparison>(observation.Comparison).Value;
        Assert.Equal(expected, value);
        Assert.Equal(written, value.ToString());
        Assert.Equal(expected, Assert.IsType<PropertyComparison>(Assert.IsType<ObservationExpression>(
            StixPattern.Parse($"[x-test:value = {written}]")).Comparison).Value);
    }

    [Fact]
    public void BinaryAndHex_DecodeToBytes()
    {
        Assert.Equal([1, 2, 3], new BinaryValue("AQID").ToBytes());
        Assert.Equal([0x00, 0xff], new HexValue("00ff").ToBytes());
    }

    [Theory]
    [InlineData("file:name", "file", "name")]
    [InlineData("file:'name'", "file", "name")]
    [InlineData("file:hashes.'SHA-256'", "file", "hashes.'SHA-256'")]
    [InlineData("file:hashes.'MD5'", "file", "hashes.MD5")]
    [InlineData("file:hashes.MD5", "file", "hashes.MD5")]
    [InlineData("windows-registry-key:values[*].name", "windows-registry-key", "values[*].name")]
    [InlineData("email-message:body_multipart[0].body_raw_ref.name", "email-message", "body_multipart[0].body_raw_ref.name")]
    [InlineData("x-foo:list[-1]", "x-foo", "list[-1]")]
    [InlineData("x-foo:list[+2]", "x-foo", "list[2]")]
    [InlineData("x-foo:a.'b.c'.'it\\'s'", "x-foo", "a.'b.c'.'it\\'s'")]
    [InlineData("x-foo:a.'IN'", "x-foo", "a.'IN'")]
    [InlineData("x509-certificate:x509_v3_extensions.basic_constraints", "x509-certificate", "x509_v3_extensions.basic_constraints")]
    [InlineData("phone-number:value", "phone-number", "value")]
    [InlineData("bank-account:iban", "bank-account", "iban")]
    [InlineData("bank-account:account_number", "bank-account", "account_number")]
    [InlineData("cryptocurrency-wallet:value", "cryptocurrency-wallet", "value")]
    [InlineData("payment-card:card_number", "payment-card", "card_number")]
    [InlineData("cordon-handle:value", "cordon-handle", "value")]
    [InlineData("file : hashes . 'SHA-1'", "file", "hashes.'SHA-1'")]
    public void ObjectPaths_AreReadAndWrittenCanonically(string path, string objectType, string propertyPath)
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse($"[{path} = 'v']"));

        var parsed = Assert.IsType<PropertyComparison>(observation.Comparison).Path;
        Assert.Equal(objectType, parsed.ObjectType);
        Assert.Equal(propertyPath, parsed.PropertyPath);
        Assert.Equal($"{objectType}:{propertyPath}", parsed.ToString());
    }

    [Fact]
    public void ObjectPaths_AreEqualByValue()
    {
        var first = Assert.IsType<PropertyComparison>(Assert.IsType<ObservationExpression>(StixPattern.Parse("[file:hashes.'MD5' = 'a']")).Comparison).Path;
        var second = Assert.IsType<PropertyComparison>(Assert.IsType<ObservationExpression>(StixPattern.Parse("[file:hashes.MD5 = 'b']")).Comparison).Path;

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, new ObjectPath("file", [new PropertyStep("hashes"), new PropertyStep("SHA-1")]));
        Assert.NotEqual(new ObjectPath("x-a", [new PropertyStep("l"), new IndexStep(0)]), new ObjectPath("x-a", [new PropertyStep("l"), new AnyIndexStep()]));
    }

    [Fact]
    public void WhitespaceAndComments_AreSkipped()
    {
        const string Pattern = "\t[ file:name /* the name */ =\u00A0'x' // to the end of the line\n OR file:size > 5 ]\r\n  WITHIN\u30005 SECONDS ";

        Assert.Equal("[file:name = 'x' OR file:size > 5] WITHIN 5 SECONDS", StixPattern.Parse(Pattern).ToString());
    }

    [Fact]
    public void TryParse_ReturnsTheTreeOrTheReason()
    {
        Assert.True(StixPattern.TryParse("[file:name = 'x']", out var expression, out var error));
        Assert.IsType<ObservationExpression>(expression);
        Assert.Null(error);

        Assert.False(StixPattern.TryParse("[file:name = 'x'", out expression, out error));
        Assert.Null(expression);
        Assert.Equal("expected ']' at 16", error);
    }

    [Theory]
    [InlineData("[file:name = 'x'", 16, "expected ']'")]
    [InlineData("[file:name = 'x']]", 17, "expected AND, OR, FOLLOWEDBY or the end of the pattern")]
    [InlineData("[file:name = 'x'] [file:name = 'y']", 18, "expected AND, OR, FOLLOWEDBY or the end of the pattern")]
    [InlineData("file:name = 'x']", 0, "expected '[' or '('")]
    [InlineData("([file:name = 'x']", 18, "expected ')'")]
    [InlineData("[file:name = 'x'])", 17, "expected AND, OR, FOLLOWEDBY or the end of the pattern")]
    [InlineData("[(file:name = 'x']", 17, "expected ')'")]
    [InlineData("[file:name = 'x]", 13, "unterminated string")]
    [InlineData("[file:name = 'x\\", 13, "unterminated string")]
    [InlineData("[file:name = 'a\\x']", 15, "invalid escape in string")]
    [InlineData("[file:name EQ 'x']", 11, "expected a comparison operator")]
    [InlineData("[file:name === 'x']", 13, "expected a value")]
    [InlineData("[file:name = ]", 13, "expected a value")]
    [InlineData("[file:name NOT NOT = 'x']", 15, "expected a comparison operator")]
    [InlineData("[file:name 'x']", 11, "expected a comparison operator")]
    [InlineData("[file:name # 'x']", 11, "unexpected character")]
    [InlineData("[file:name ! 'x']", 11, "unexpected character")]
    [InlineData("[]", 1, "expected a comparison")]
    [InlineData("[file:name = 'x' AND]", 20, "expected a comparison")]
    [InlineData("[file:name = 'x' OR OR file:name = 'y']", 20, "expected an object path")]
    [InlineData("", 0, "empty pattern")]
    [InlineData("   ", 3, "empty pattern")]
    [InlineData("[file:name = 'x'] OR", 20, "expected '[' or '('")]
    [InlineData("[file:name = 'x'] or [file:name = 'y']", 18, "expected AND, OR, FOLLOWEDBY or the end of the pattern")]
    [InlineData("[file:name = 'x' and file:size = 1]", 17, "expected ']'")]
    [InlineData("[file:name like 'x']", 11, "expected a comparison operator")]
    [InlineData("[File:name = 'x']", 1, "invalid object type")]
    [InlineData("[file_x:name = 'x']", 1, "invalid object type")]
    [InlineData("[1file:name = 'x']", 1, "expected an object path")]
    [InlineData("[file name = 'x']", 6, "expected ':' after the object type")]
    [InlineData("[file: = 'x']", 7, "expected a property name")]
    [InlineData("[file:my-prop = 'x']", 6, "property names with hyphens must be quoted")]
    [InlineData("[file:hashes.SHA-256 = 'x']", 13, "property names with hyphens must be quoted")]
    [InlineData("[file:hashes. = 'x']", 14, "expected a property name")]
    [InlineData("[file:'' = 'x']", 6, "expected a property name")]
    [InlineData("[file:IN = 'x']", 6, "expected a property name")]
    [InlineData("[file:a[1.5] = 1]", 8, "expected a list index or '*'")]
    [InlineData("[file:a[x] = 1]", 8, "expected a list index or '*'")]
    [InlineData("[file:a[1 = 1]", 10, "expected ']'")]
    [InlineData("[file:name LIKE 5]", 16, "expected a string")]
    [InlineData("[file:name MATCHES b'AQID']", 19, "expected a string")]
    [InlineData("[file:size > true]", 13, "expected a number, string, binary, hex or timestamp value")]
    [InlineData("[file:name IN 'x']", 14, "expected '(' after IN")]
    [InlineData("[file:name IN ('a' 'b')]", 19, "expected ',' or ')'")]
    [InlineData("[file:name IN ('a',)]", 19, "expected a value")]
    [InlineData("[file:name IN ('a'", 18, "expected ',' or ')'")]
    [InlineData("[EXISTS]", 7, "expected an object path")]
    [InlineData("[file:size = 99999999999999999999]", 13, "integer out of range")]
    [InlineData("[file:size = 1" + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000.5]", 13, "number out of range")]
    [InlineData("[file:size = - 1]", 13, "unexpected character")]
    [InlineData("[file:x = t'2016-13-01T00:00:00Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-02-30T00:00:00Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2015-02-29T00:00:00Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-01-01T24:00:00Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-01-01T00:00:00+01:00']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-01-01T00:00:00.Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-01-01']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'0000-01-01T00:00:00Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'9999-12-31T23:59:60Z']", 10, "invalid timestamp")]
    [InlineData("[file:x = t'2016-01-01T00:00:00Z]", 11, "unterminated string")]
    [InlineData("[file:x = b'abc']", 10, "invalid binary (base64) literal")]
    [InlineData("[file:x = b'']", 10, "invalid binary (base64) literal")]
    [InlineData("[file:x = b'A===']", 10, "invalid binary (base64) literal")]
    [InlineData("[file:x = b'AQ=D']", 10, "invalid binary (base64) literal")]
    [InlineData("[file:x = h'abc']", 10, "invalid hex literal")]
    [InlineData("[file:x = h'zz']", 10, "invalid hex literal")]
    [InlineData("[file:x = T'2016-01-01T00:00:00Z']", 10, "expected a value")]
    [InlineData("[file:name = 'x'] WITHIN 0 SECONDS", 25, "expected a positive number of seconds")]
    [InlineData("[file:name = 'x'] WITHIN -5 SECONDS", 25, "expected a positive number of seconds")]
    [InlineData("[file:name = 'x'] WITHIN '5' SECONDS", 25, "expected a positive number of seconds")]
    [InlineData("[file:name = 'x'] WITHIN 5 MINUTES", 27, "expected SECONDS")]
    [InlineData("[file:name = 'x'] WITHIN 5", 26, "expected SECONDS")]
    [InlineData("[file:name = 'x'] REPEATS 1.5 TIMES", 26, "expected a positive whole number of times")]
    [InlineData("[file:name = 'x'] REPEATS 0 TIMES", 26, "expected a positive whole number of times")]
    [InlineData("[file:name = 'x'] REPEATS 3000000000 TIMES", 26, "expected a positive whole number of times")]
    [InlineData("[file:name = 'x'] REPEATS 5", 27, "expected TIMES")]
    [InlineData("[file:name = 'x'] START t'2016-01-01T00:00:00Z'", 47, "expected STOP")]
    [InlineData("[file:name = 'x'] START '2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'", 24, "expected a timestamp t'…'")]
    [InlineData("[file:name = 'x'] within 5 seconds", 18, "expected AND, OR, FOLLOWEDBY or the end of the pattern")]
    [InlineData("[file:name = 'x'] /* comment", 18, "unterminated comment")]
    [InlineData("[file:name = 'x'] FOLLOWEDBY", 28, "expected '[' or '('")]
    [InlineData("()", 1, "expected '[' or '('")]
    [InlineData("[file:name = 'x' OR (file:name = 'y']", 36, "expected ')'")]
    public void MalformedPatterns_AreRefusedWithTheReasonAndPosition(string pattern, int position, string reason)
    {
        var refused = Assert.Throws<StixPatternException>(() => StixPattern.Parse(pattern));

        Assert.Equal(position, refused.Position);
        Assert.StartsWith(reason, refused.Reason, StringComparison.Ordinal);
        Assert.Equal($"{refused.Reason} at {position}", refused.Message);
    }

    [Fact]
    public void NestingTo64Parentheses_IsRead()
    {
        var observations = new string('(', StixPattern.MaxDepth) + "[a:b = 1]" + new string(')', StixPattern.MaxDepth);
        var comparisons = "[" + new string('(', StixPattern.MaxDepth) + "a:b = 1" + new string(')', StixPattern.MaxDepth) + "]";

        Assert.Equal("[a:b = 1]", StixPattern.Parse(observations).ToString());
        Assert.Equal("[a:b = 1]", StixPattern.Parse(comparisons).ToString());
    }

    [Theory]
    [InlineData(65, false)]
    [InlineData(65, true)]
    [InlineData(10_000, false)]
    [InlineData(10_000, true)]
    public void NestingDeeperThan64Parentheses_IsRefusedAtTheParenthesisTooMany(int depth, bool insideBrackets)
    {
        var nested = insideBrackets
            ? "[" + new string('(', depth) + "a:b = 1" + new string(')', depth) + "]"
            : new string('(', depth) + "[a:b = 1]" + new string(')', depth);

        var refused = Assert.Throws<StixPatternException>(() => StixPattern.Parse(nested));

        Assert.Equal(StixPattern.MaxDepth + (insideBrackets ? 1 : 0), refused.Position);
        Assert.Contains("nesting deeper than 64", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PatternsLongerThan64KiB_AreRefusedBeforeParsing()
    {
        var huge = "[file:name = '" + new string('a', 1024 * 1024) + "']";

        var refused = Assert.Throws<StixPatternException>(() => StixPattern.Parse(huge));

        Assert.Equal(StixPattern.MaxLength, refused.Position);
        Assert.Contains("longer than 65536", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongestAllowedChainOfComparisons_IsReadAndWalkedWithoutDeepRecursion()
    {
        var pattern = new StringBuilder("[ipv4-addr:value = '10.0.0.0'");
        var count = 1;
        while (pattern.Length + 40 < StixPattern.MaxLength)
        {
            pattern.Append(" OR ipv4-addr:value = '10.0.0.").Append(count++ % 256).Append('\'');
        }
        pattern.Append("] OR [x:y = 'z']");

        var parsed = StixPattern.Parse(pattern.ToString());

        Assert.Equal(count + 1, PatternComparisons.SimpleDisjunction(parsed)?.Count);
        Assert.Equal(pattern.ToString(), parsed.ToString());
    }

    [Fact]
    public void RandomDamageToValidPatterns_OnlyEverGivesStixPatternException()
    {
        string[] seeds =
        [
            "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS",
            "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
            "[file:size > 1024 AND file:x IN (1, -2.5, b'AQID', h'00ff', true)] START t'2016-06-01T00:00:00.5Z' STOP t'2016-07-01T00:00:00Z'",
            @"[email-message:body_multipart[*].body_raw_ref.name NOT MATCHES '^Final\\.exe$' OR EXISTS x-a:b[-1].'c d' /* c */]",
        ];
        const string Alphabet = "[]()'\\:.,*=!<>-+0123456789.abtzhTZ AND OR NOT IN /*\n\u00A0\uD800";
        var random = new Random(20240601);
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder(seeds[i % seeds.Length]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(3))
                {
                    case 0 when at < text.Length: text.Remove(at, 1); break;
                    case 1 when at < text.Length: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    default: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                }
            }
            var damaged = text.ToString();
            try
            {
                var parsed = StixPattern.Parse(damaged);
                Assert.Equal(parsed.ToString(), StixPattern.Parse(parsed.ToString()).ToString());
                PatternComparisons.SimpleDisjunction(parsed);
            }
            catch (StixPatternException refused)
            {
                Assert.InRange(refused.Position, 0, damaged.Length);
            }
        }
    }

    [Fact]
    public void EveryPatternInTheStixExamples_Parses()
    {
        var folder = Path.Combine(Cordon.Testing.StixSchemaValidator.SharedDirectory, "stix2-examples");
        Assert.True(Directory.Exists(folder), $"{folder} is missing");
        var patterns = new List<(string File, string Pattern)>();
        var keys = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            keys += Regex.Count(text, "\"pattern\"\\s*:");
            using var json = JsonDocument.Parse(text);
            patterns.AddRange(PatternsIn(json.RootElement).Select(pattern => (file, pattern)));
        }

        Assert.NotEmpty(patterns);
        Assert.Equal(keys, patterns.Count);
        Assert.All(patterns, found =>
        {
            Assert.True(StixPattern.TryParse(found.Pattern, out var parsed, out var error), $"{found.File}: {found.Pattern}: {error}");
            Assert.Equal(parsed.ToString(), StixPattern.Parse(parsed.ToString()).ToString());
        });
    }

    private static IEnumerable<string> PatternsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property =>
            property is { Name: "pattern", Value.ValueKind: JsonValueKind.String } ? [property.Value.GetString()!] : PatternsIn(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PatternsIn),
        _ => [],
    };

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("", "''")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"C:\Windows", @"'C:\\Windows'")]
    [InlineData(@"\'", @"'\\\''")]
    public void Quote_EscapesBackslashAndQuote(string value, string literal) => Assert.Equal(literal, StixPattern.Quote(value));

    [Fact]
    public void Equality_WritesOneComparison()
    {
        Assert.Equal("[domain-name:value = 'evil.example']", StixPattern.Equality("domain-name", "value", "evil.example"));
        Assert.Equal("[file:hashes.'SHA-256' = '" + Sha256 + "']", StixPattern.Equality("file", "hashes.'SHA-256'", Sha256));
        Assert.Equal("[phone-number:value = '+442079460018']", StixPattern.Equality("phone-number", "value", "+442079460018"));
    }

    [Theory]
    [InlineData("Domain-Name", "value")]
    [InlineData("domain name", "value")]
    [InlineData("", "value")]
    [InlineData("domain-name", "")]
    [InlineData("domain-name", "val-ue")]
    [InlineData("domain-name", "value = 'x'] OR [x:y")]
    [InlineData("domain-name", "hashes.SHA-256")]
    public void Equality_RefusesAnInvalidTypeOrPath(string objectType, string property) =>
        Assert.Throws<ArgumentException>(() => StixPattern.Equality(objectType, property, "x"));

    [Theory]
    [InlineData("evil.example")]
    [InlineData("")]
    [InlineData("it's")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData(@"\")]
    [InlineData(@"\\")]
    [InlineData(@"ends with \")]
    [InlineData(@"\'")]
    [InlineData(@"'] OR [file:name = 'x")]
    [InlineData("ünïcödé 日本語 Ελληνικά עברית 🎣")]
    [InlineData("tab\tnew\nline\r\u0000nul")]
    [InlineData("/* not a comment */ // nor this")]
    [InlineData("\uD800 lone surrogate")]
    public void Equality_ParsesBackToTheSameValue(string value)
    {
        var written = StixPattern.Equality("x-test", "value", value);

        var pairs = PatternComparisons.SimpleDisjunction(StixPattern.Parse(written));

        var pair = Assert.Single(pairs!);
        Assert.Equal("x-test:value", pair.Path.ToString());
        Assert.Equal(value, pair.Value);
    }

    [Fact]
    public void SimpleDisjunction_ListsEveryValue()
    {
        var pattern = StixPattern.Parse(
            "[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '5.6.7.8'] OR [domain-name:value IN ('a.example','b.example')]");

        var pairs = PatternComparisons.SimpleDisjunction(pattern);

        Assert.NotNull(pairs);
        Assert.Equal(
            ["ipv4-addr:value=1.2.3.4", "ipv4-addr:value=5.6.7.8", "domain-name:value=a.example", "domain-name:value=b.example"],
            pairs.Select(pair => $"{pair.Path}={pair.Value}"));
    }

    [Theory]
    [InlineData("[file:hashes.'SHA-256' = 'abc']", 1)]
    [InlineData("[domain-name:value = 'a' OR (ipv4-addr:value = 'b' OR ipv4-addr:value IN ('c'))]", 3)]
    [InlineData("([domain-name:value = 'a'] OR [domain-name:value = 'b']) OR [url:value = 'c']", 3)]
    [InlineData("[domain-name:value == 'a']", 1)]
    public void SimpleDisjunction_ActsOnOrOfStringEqualities(string pattern, int count) =>
        Assert.Equal(count, PatternComparisons.SimpleDisjunction(StixPattern.Parse(pattern))?.Count);

    [Theory]
    [InlineData("[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']")]
    [InlineData("[domain-name:value = 'a'] AND [domain-name:value = 'b']")]
    [InlineData("[domain-name:value = 'a'] FOLLOWEDBY [domain-name:value = 'b']")]
    [InlineData("[domain-name:value = 'a'] WITHIN 5 SECONDS")]
    [InlineData("[domain-name:value = 'a'] OR [domain-name:value = 'b'] REPEATS 2 TIMES")]
    [InlineData("([domain-name:value = 'a'] OR [domain-name:value = 'b']) WITHIN 5 SECONDS")]
    [InlineData("[domain-name:value = 'a'] START t'2016-01-01T00:00:00Z' STOP t'2017-01-01T00:00:00Z'")]
    [InlineData("[domain-name:value NOT = 'a']")]
    [InlineData("[domain-name:value != 'a']")]
    [InlineData("[domain-name:value NOT IN ('a')]")]
    [InlineData("[domain-name:value LIKE 'a%']")]
    [InlineData("[domain-name:value MATCHES '^a']")]
    [InlineData("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")]
    [InlineData("[file:size = 5]")]
    [InlineData("[file:x = true]")]
    [InlineData("[file:x = h'00']")]
    [InlineData("[domain-name:value IN ('a', 1)]")]
    [InlineData("[domain-name:value IN ()]")]
    [InlineData("[EXISTS domain-name:value]")]
    [InlineData("[domain-name:value = 'a' OR (domain-name:value = 'b' AND domain-name:value = 'c')]")]
    [InlineData("[domain-name:value = 'a'] OR ([domain-name:value = 'b'] AND [domain-name:value = 'c'])")]
    public void SimpleDisjunction_IsNullForAnythingElse(string pattern) =>
        Assert.Null(PatternComparisons.SimpleDisjunction(StixPattern.Parse(pattern)));
}
