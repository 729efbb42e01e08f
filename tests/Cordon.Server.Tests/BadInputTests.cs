using System.Net;
using System.Text;

namespace Cordon.Server.Tests;

/// <summary>Malformed, mistyped and oversized input gets 400/413 problem details, never a 500.</summary>
public sealed class BadInputTests(CordonApp app) : IClassFixture<CordonApp>
{
    [Theory]
    [InlineData("{\"name\":", "malformed")]
    [InlineData("not json at all", "malformed")]
    [InlineData("{\"name\":\"A\",\"sector\":\"spaceship\",\"country\":\"GB\"}", "$.sector")]
    [InlineData("{\"name\":\"A\",\"sector\":3,\"country\":\"GB\"}", "$.sector")]
    [InlineData("{\"name\":42,\"sector\":\"bank\",\"country\":\"GB\"}", "$.name")]
    [InlineData("{\"name\":\"A\",\"sector\":\"bank\",\"country\":\"GB\",\"surprise\":true}", "$.surprise")]
    [InlineData("[1,2,3]", "malformed")]
    public async Task MalformedOrMistypedJson_Is400(string body, string mentioned)
    {
        using var client = app.Admin();
        var response = await client.PostAsync("/api/v1/organisations", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"sector\":\"bank\",\"country\":\"GB\"}", "name")]
    [InlineData("{\"name\":\"  \",\"sector\":\"bank\",\"country\":\"GB\"}", "name")]
    [InlineData("{\"name\":\"A\",\"country\":\"GB\"}", "sector")]
    [InlineData("{\"name\":\"A\",\"sector\":\"bank\",\"country\":\"XX\"}", "country")]
    [InlineData("{\"name\":\"A\",\"sector\":\"bank\",\"country\":\"GBR\"}", "country")]
    [InlineData("{\"name\":\"A\\u0000B\",\"sector\":\"bank\",\"country\":\"GB\"}", "name")]
    public async Task InvalidFields_Are400_NamingTheField(string body, string field)
    {
        using var client = app.Admin();
        var response = await client.PostAsync("/api/v1/organisations", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task OverlongName_Is400()
    {
        using var client = app.Admin();
        var body = $"{{\"name\":\"{new string('a', 201)}\",\"sector\":\"bank\",\"country\":\"GB\"}}";
        var response = await client.PostAsync("/api/v1/organisations", new StringContent(body, Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        using var client = app.Admin();
        var body = $"{{\"name\":\"{new string('a', 2 * 1024 * 1024)}\",\"sector\":\"bank\",\"country\":\"GB\"}}";
        var response = await client.PostAsync("/api/v1/organisations", new StringContent(body, Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task WrongMediaType_Is415()
    {
        using var client = app.Admin();
        var response = await client.PostAsync("/api/v1/organisations", new StringContent("{}", Encoding.UTF8, "text/plain"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/v1/organisations/not-a-guid")]
    [InlineData("/api/v1/audit?limit=abc")]
    [InlineData("/api/v1/audit?limit=0")]
    [InlineData("/api/v1/audit?limit=100000")]
    public async Task BadRouteOrQueryValues_Are4xx(string path)
    {
        using var client = app.Admin();
        var response = await client.GetAsync(path);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRole_Is400()
    {
        using var client = app.Admin();
        var organisations = await CordonApp.ReadAsync<List<Members.OrganisationResponse>>(await client.GetAsync("/api/v1/organisations"));
        var response = await client.PostAsync($"/api/v1/organisations/{organisations[0].Id}/keys",
            new StringContent("{\"name\":\"k\",\"roles\":[\"superuser\"]}", Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var empty = await client.PostAsync($"/api/v1/organisations/{organisations[0].Id}/keys",
            new StringContent("{\"name\":\"k\",\"roles\":[]}", Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest);
    }
}
