using System.Text.Json.Nodes;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Stix;
using Cordon.Testing;

namespace Cordon.Core.Tests.Stix;

/// <summary>What Cordon writes in STIX: valid against the official schemas (checked by ajv), deterministic, and read back the same.</summary>
public sealed class StixWriterTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 9, 15, 0, 123, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.Parse("0193a0b5-7d41-7c3e-9a52-3f0e6b1d2c10");

    /// <summary>One canonical value of every type that can leave the node (cards never do).</summary>
    public static readonly (IdentifierType Type, string Value)[] Samples =
    [
        (IdentifierType.Phone, "+447700900123"),
        (IdentifierType.BankAccount, "GB82WEST12345698765432"),
        (IdentifierType.BankAccount, "US:021000021:123456789"),
        (IdentifierType.CryptoWallet, "eth:0x52908400098527886e0f7030069857d2e4169ee7"),
        (IdentifierType.Domain, "secure-login.example"),
        (IdentifierType.Url, "https://secure-login.example/it's?q=%22x%22"),
        (IdentifierType.Ip, "203.0.113.7"),
        (IdentifierType.Ip, "2001:db8::7"),
        (IdentifierType.Email, "refunds@secure-login.example"),
        (IdentifierType.FileHash, "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"),
        (IdentifierType.FileHash, "d41d8cd98f00b204e9800998ecf8427e"),
        (IdentifierType.Device, "490154203237518"),
        (IdentifierType.App, "com.example.fakebank"),
        (IdentifierType.Handle, "telegram:fake_support"),
    ];

    private static StixIndicator Indicator(IdentifierType type, string value, Tlp tlp = Tlp.Green) => new(
        Guid.CreateVersion7(Created), Owner, type, value, [Category.Phishing, Category.InvestmentScam], 80, tlp, Distribution.Federation,
        Created, Created.AddMinutes(5), Created.AddDays(-2), Created.AddMinutes(5), Created.AddDays(90), false, "node-b");

    [Fact]
    public async Task EveryObjectCordonWrites_ValidatesAgainstTheOfficialSchemas()
    {
        var objects = new List<JsonObject>();
        foreach (var (type, value) in Samples)
        {
            var (observable, indicator) = StixWriter.Indicator(Indicator(type, value))!.Value;
            objects.Add(observable);
            objects.Add(indicator);
        }
        objects.AddRange(Enum.GetValues<Tlp>().Select(TlpMarkings.Object));
        objects.Add(CordonExtensions.Identity());
        objects.AddRange(CordonExtensions.Definitions());
        objects.Add(StixWriter.Identity(Owner, "Thames Bank", Sector.Bank, "GB", Created, null));
        objects.Add(StixWriter.Identity(Guid.NewGuid(), "Rhein Crypto", Sector.Crypto, "DE", Created, "node-c"));
        objects.Add(StixWriter.Sighting(Guid.NewGuid(), StixIds.Of("indicator", Guid.NewGuid()), Owner, Created, 3, Created, Tlp.Amber, "card payment screening"));
        objects.Add(StixWriter.Note(Guid.NewGuid(), Owner, "Freeze request", "Freeze the account before the transfer completes.",
            [StixIds.Of("indicator", Guid.NewGuid())], Created, Created, Tlp.Amber, new JsonObject { ["kind"] = "freeze", ["priority"] = "urgent" }));
        objects.Add(StixWriter.Note(Guid.NewGuid(), Owner, "Bulletin", "A new wave of fake refund calls.", [], Created, Created, Tlp.Clear, null));
        var (incident, grouping) = StixWriter.Case(Guid.NewGuid(), Owner, "Refund scam ring", "Twelve victims, one mule account.",
            [ObservableShapes.IdOf(ObservableShapes.Of(IdentifierType.Phone, "+447700900123")!)], Created, Created.AddHours(1), Tlp.Amber);
        objects.Add(incident);
        objects.Add(grouping);

        var each = await StixSchemaValidator.ValidateObjectsAsync(objects.Select(o => o.ToJsonString()));
        Assert.True(each.Ok, each.ToString());
        Assert.Equal(objects.Count, each.Objects);

        var bundleFile = Path.Combine(Path.GetTempPath(), $"cordon-bundle-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bundleFile, StixWriter.Bundle(objects.Select(o => (JsonObject)o.DeepClone())).ToJsonString());
        try
        {
            var bundle = await StixSchemaValidator.ValidateAsync(bundleFile);
            Assert.True(bundle.Ok, bundle.ToString());
        }
        finally
        {
            File.Delete(bundleFile);
        }
    }

    [Fact]
    public void PaymentCards_NeverLeave_TheirHashMeansNothingElsewhere() =>
        Assert.Null(StixWriter.Indicator(Indicator(IdentifierType.PaymentCard, "keyed-hash-of-a-card")));

    [Fact]
    public void ObservableIds_AreUuidV5_InTheStixNamespace_AndDeterministic()
    {
        // Python's documented example: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
        Assert.Equal(Guid.Parse("886313e1-3b8a-5372-9b90-0c9aee199e5d"),
            StixIds.UuidV5(Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"));
        var first = StixWriter.Indicator(Indicator(IdentifierType.Domain, "secure-login.example"))!.Value.Observable["id"]!.GetValue<string>();
        var second = StixWriter.Indicator(Indicator(IdentifierType.Domain, "secure-login.example"))!.Value.Observable["id"]!.GetValue<string>();
        Assert.Equal(first, second);
        Assert.Equal(StixIds.Of("domain-name", StixIds.UuidV5(StixIds.ObservableNamespace, "{\"value\":\"secure-login.example\"}")), first);
        Assert.Equal('5', first["domain-name--".Length + 14]);
    }

    [Fact]
    public void CordonsVersion7Ids_AreWrittenAsVersion4_AndReadBack()
    {
        var id = Guid.CreateVersion7(Created);
        var written = StixIds.Of("indicator", id);
        Assert.Equal('4', written["indicator--".Length + 14]);
        Assert.True(StixIds.TryParse(written, out _, out var uuid));
        Assert.Equal(id.ToString("D")[15..], uuid.ToString("D")[15..]);
        Assert.Equal(StixIds.CordonIdsOf(uuid), [uuid, id]);
        var deterministic = StixIds.UuidV5(StixIds.CordonNamespace, "x");
        Assert.Equal($"note--{deterministic:D}", StixIds.Of("note", deterministic));
        Assert.Equal([deterministic], StixIds.CordonIdsOf(deterministic));
    }

    [Theory]
    [MemberData(nameof(SampleData))]
    public void WhatCordonWrites_ReadsBackAsTheSameIndicator(IdentifierType type, string value)
    {
        var written = Indicator(type, value, Tlp.Amber);
        var (_, indicator) = StixWriter.Indicator(written)!.Value;
        var read = StixReader.Indicator(JsonNode.Parse(indicator.ToJsonString())!.AsObject());
        Assert.Null(read.NotActedOn);
        var identifier = Assert.Single(read.Identifiers);
        Assert.Equal((StixIds.ForStix(written.Id), type, value), (identifier.IndicatorId, identifier.Type, identifier.Value));
        Assert.Equal(written.Id, StixIds.Version7Twin(identifier.IndicatorId));
        Assert.Equal(Owner, StixIds.Version7Twin(read.CreatedBy));
        Assert.Equal(Tlp.Amber, read.Tlp);
        Assert.Equal(Distribution.Federation, read.Distribution);
        Assert.Equal(written.Categories, read.Categories);
        Assert.Equal("node-b", read.OriginNode);
        Assert.Equal(written.Modified, read.Modified);
    }

    public static TheoryData<IdentifierType, string> SampleData()
    {
        var data = new TheoryData<IdentifierType, string>();
        foreach (var (type, value) in Samples)
        {
            data.Add(type, value);
        }
        return data;
    }

    [Fact]
    public void AnotherProducersIndicator_IsReadFromItsPattern_SplitWhenItNamesSeveral()
    {
        var id = Guid.NewGuid();
        var single = Foreign(id, "[domain-name:value = 'fake-bank.example']");
        Assert.Equal((id, IdentifierType.Domain, "fake-bank.example"), Only(StixReader.Indicator(single)));

        var several = StixReader.Indicator(Foreign(id, "[ipv4-addr:value = '198.51.100.1' OR ipv4-addr:value = '198.51.100.2'] OR [phone-number:value IN ('+447700900001', '+447700900002')]"));
        Assert.Equal(4, several.Identifiers.Count);
        Assert.Equal(4, several.Identifiers.Select(i => i.IndicatorId).Distinct().Count());
        Assert.DoesNotContain(several.Identifiers, i => i.IndicatorId == id);

        var kept = StixReader.Indicator(Foreign(id, "[file:size > 1024 AND file:name = 'invoice.exe']"));
        Assert.Empty(kept.Identifiers);
        Assert.NotNull(kept.NotActedOn);
        Assert.Equal(Tlp.Green, StixReader.Indicator(Foreign(id, "[domain-name:value = 'x.example']", tlp: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da")).Tlp);
    }

    [Theory]
    [InlineData("modified", "2026-11-29T00:00:00Z", "modified is earlier than created")]
    [InlineData("created", "30/11/2026", "not a STIX timestamp")]
    [InlineData("pattern", "[domain-name:value = 'unterminated", "pattern:")]
    [InlineData("spec_version", "2.0", "spec_version")]
    [InlineData("id", "indicator--123", "not a STIX identifier")]
    [InlineData("created_by_ref", "organisation--0193a0b5-7d41-7c3e-9a52-3f0e6b1d2c10", "created_by_ref")]
    public void MalformedIndicators_AreRefusedWithTheReason(string property, string value, string reason)
    {
        var o = Foreign(Guid.NewGuid(), "[domain-name:value = 'x.example']");
        o[property] = value;
        var refused = Assert.Throws<InvalidStixException>(() => StixReader.Indicator(o));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    private static (Guid, IdentifierType, string) Only(IndicatorReading reading)
    {
        var identifier = Assert.Single(reading.Identifiers);
        return (identifier.IndicatorId, identifier.Type, identifier.Value);
    }

    private static JsonObject Foreign(Guid id, string pattern, string? tlp = null)
    {
        var o = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = StixIds.Of("indicator", id),
            ["created_by_ref"] = StixIds.Of("identity", Owner),
            ["created"] = "2026-11-30T00:00:00Z",
            ["modified"] = "2026-11-30T00:00:00Z",
            ["pattern"] = pattern,
            ["pattern_type"] = "stix",
            ["valid_from"] = "2026-11-30T00:00:00Z",
        };
        if (tlp is not null)
        {
            o["object_marking_refs"] = new JsonArray(tlp);
        }
        return o;
    }
}
