using System.Net.Http.Json;
using System.Text;
using Cordon.Cli.Client;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Screening;
using Cordon.Testing;

namespace Cordon.Server.Tests;

/// <summary>The project's client class against the host: the private exchange and a streamed batch.</summary>
public sealed class ScreeningClientTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task PrivateExchange_FindsKnownValues_InAnySpelling()
    {
        var (_, key) = await app.MemberAsync("Private Client Bank", Sector.Bank, "GB", Role.Analyst);
        using var http = app.ClientWithKey(key);
        await http.PostAsJsonAsync("/api/v1/indicators", new
        {
            type = "phone",
            value = "020 7946 0777",
            categories = new[] { "impersonation_of_officials" },
            confidence = 90,
            tlp = "green",
            distribution = "node",
        });
        var client = new ScreeningClient(http);
        var context = new NormalisationContext("GB", new byte[32], PublicSuffixList.Default);

        var verdict = await Eventually.UntilAsync(() => client.ScreenPrivatelyAsync(IdentifierType.Phone, "+44 (0)20 7946 0777", context),
            answer => answer.Verdict != Verdict.Clear);
        Assert.Equal(Verdict.KnownBad, verdict.Verdict);
        Assert.Contains("impersonation_of_officials", verdict.Categories);
        Assert.Equal(Verdict.Clear, (await client.ScreenPrivatelyAsync(IdentifierType.Phone, "020 7946 0778", context)).Verdict);
        Assert.Equal(Verdict.KnownBad, (await client.ScreenAsync(IdentifierType.Phone, "+442079460777")).Verdict);
        await Assert.ThrowsAsync<Core.Errors.InvalidInputException>(() =>
            client.ScreenPrivatelyAsync(IdentifierType.PaymentCard, "4111111111111111", context));
    }

    [Fact]
    public async Task Batch_StreamsVerdictsBack()
    {
        var (_, key) = await app.MemberAsync("Batch Client Bank", Sector.Bank, "GB", Role.Viewer);
        using var http = app.ClientWithKey(key);
        var client = new ScreeningClient(http);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("value\n198.51.100.1\nnot-an-ip\n"));
        using var output = new MemoryStream();
        await client.ScreenBatchAsync(input, "text/csv", output, IdentifierType.Ip);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",clear,", lines[1], StringComparison.Ordinal);
        Assert.Contains("value:", lines[2], StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<ScreeningClientException>(() =>
            client.ScreenBatchAsync(new MemoryStream("x"u8.ToArray()), "application/xml", new MemoryStream()));
        Assert.Equal(415, refused.Status);
    }
}
