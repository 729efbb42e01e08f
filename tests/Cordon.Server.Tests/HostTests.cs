using System.Net;
using System.Text.Json;

namespace Cordon.Server.Tests;

public sealed class HostTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_AnswersWithoutKey(string path)
    {
        using var client = app.ClientWithKey(null);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesTheMemberAndAuditRoutes()
    {
        using var client = app.ClientWithKey(null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/organisations", paths);
        Assert.Contains("/api/v1/organisations/{id}/keys", paths);
        Assert.Contains("/api/v1/keys/{id}", paths);
        Assert.Contains("/api/v1/communities", paths);
        Assert.Contains("/api/v1/audit", paths);
        Assert.Contains("/api/v1/audit/verify", paths);
    }

    [Fact]
    public async Task UnknownRoute_IsProblem404()
    {
        using var client = app.Admin();
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
    }
}
