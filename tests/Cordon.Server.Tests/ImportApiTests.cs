using System.Net;
using System.Text;
using Cordon.Core.Members;
using Cordon.Server.Indicators;

namespace Cordon.Server.Tests;

public sealed class ImportApiTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Fact]
    public async Task CsvUpload_ReportsPerRow_AndDefaultsApply()
    {
        var (_, key) = await app.MemberAsync("Upload Bank", Sector.Bank, "GB", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var csv = "type,value\nbank_account,GB82 WEST 1234 5698 7654 32\nbank_account,GB00 WEST 1234 5698 7654 32\nphone,020 7946 0018\n";
        var response = await client.PostAsync("/api/v1/indicators/import?format=csv&tlp=amber&distribution=node&category=money_mule,romance",
            new StringContent(csv, Encoding.UTF8, "text/csv"));
        var report = await CordonApp.ReadAsync<ImportResponse>(response);
        Assert.Equal(3, report.Rows);
        Assert.Equal(2, report.Created);
        Assert.Equal(1, report.Rejected);
        Assert.Equal(3, Assert.Single(report.Errors).Line);
        Assert.Equal(64, report.Sha256.Length);

        var found = await CordonApp.ReadAsync<IndicatorPageResponse>(await client.GetAsync("/api/v1/indicators?type=phone&value=%2B442079460018"));
        var phone = Assert.Single(found.Items);
        Assert.Equal(Core.Sharing.Tlp.Amber, phone.Tlp);
        Assert.Equal([Core.Indicators.Category.Romance, Core.Indicators.Category.MoneyMule], phone.Categories);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?format=xml")]
    [InlineData("?format=csv&tlp=purple")]
    [InlineData("?format=csv&category=kidnapping")]
    public async Task BadParameters_Are400(string query)
    {
        var (_, key) = await app.MemberAsync($"Upload params {query.Length}{query.GetHashCode(StringComparison.Ordinal)}", Sector.Bank, "GB", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var response = await client.PostAsync("/api/v1/indicators/import" + query, new StringContent("value\nx\n", Encoding.UTF8, "text/csv"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CsvWithoutHeader_Is400_AndNothingIsWritten()
    {
        var (organisationId, key) = await app.MemberAsync("Headerless Bank", Sector.Bank, "GB", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var response = await client.PostAsync("/api/v1/indicators/import?format=csv&type=phone&tlp=green&distribution=node&category=other",
            new StringContent("+442079460018\n", Encoding.UTF8, "text/csv"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var mine = await CordonApp.ReadAsync<IndicatorPageResponse>(await client.GetAsync($"/api/v1/indicators?organisation={organisationId}"));
        Assert.Empty(mine.Items);
    }

    [Fact]
    public async Task ViewerKey_CannotImport()
    {
        var (_, key) = await app.MemberAsync("Viewer Upload Bank", Sector.Bank, "GB", Role.Viewer);
        using var client = app.ClientWithKey(key);
        var response = await client.PostAsync("/api/v1/indicators/import?format=csv", new StringContent("value\nx\n", Encoding.UTF8, "text/csv"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
