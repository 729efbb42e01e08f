using System.Net;
using System.Net.Http.Json;
using Cordon.Core.Members;
using Cordon.Server.Indicators;

namespace Cordon.Server.Tests;

/// <summary>
/// What the generated walk (<see cref="RouteWalkTests"/>) cannot see by markers alone: counts over an observable that
/// visible and restricted reports share, and writes to restricted items.
/// </summary>
public sealed class RestrictedReportTests(CordonApp app) : IClassFixture<CordonApp>
{
    private sealed record Restricted(Guid Id, string Value, string Original);

    [Fact]
    public async Task ASharedObservable_CountsOnlyTheReportsTheViewerMaySee()
    {
        var (_, ownerKey) = await app.MemberAsync("Count Owner Police", Sector.LawEnforcement, "HK", Role.Admin);
        var (_, insiderKey) = await app.MemberAsync("Count Insider Bank", Sector.Bank, "HK", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync("Count Outsider Telecom", Sector.Telecom, "HK", Role.Admin);
        using var owner = app.ClientWithKey(ownerKey);
        using var insider = app.ClientWithKey(insiderKey);
        using var outsider = app.ClientWithKey(outsiderKey);
        // One observable: a RED report from the owner, a GREEN one from the insider; the owner's sightings too.
        var restricted = await SubmitAsync(owner, "+85291234005", "+852 9123 4005", "red", "node");
        var visible = await SubmitAsync(insider, "+85291234005", "00852-9123-4005", "green", "node");
        await owner.PostAsJsonAsync($"/api/v1/indicators/{restricted.Id}/sightings", new { count = 7, where = "walk" });

        var view = await CordonApp.ReadAsync<IndicatorResponse>(await outsider.GetAsync($"/api/v1/indicators/{visible.Id}"));
        Assert.Equal(1, view.Network!.Reports);
        Assert.Equal(0, view.Network.Sightings);
        var shared = await CordonApp.ReadAsync<IndicatorPageResponse>(await outsider.GetAsync("/api/v1/indicators?type=phone&value=%2B85291234005"));
        Assert.Equal(visible.Id, Assert.Single(shared.Items).Id);
    }

    [Fact]
    public async Task Outsider_CannotWriteToRestrictedIndicators_Either()
    {
        var (_, ownerKey) = await app.MemberAsync("Write Walk Owner", Sector.Bank, "GB", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync("Write Walk Outsider", Sector.Bank, "GB", Role.Admin);
        using var owner = app.ClientWithKey(ownerKey);
        using var outsider = app.ClientWithKey(outsiderKey);
        var item = await SubmitAsync(owner, "+447700900123", "+44 7700 900123", "amber", "organisation");
        await ProblemAssert.IsProblemAsync(await outsider.PostAsJsonAsync($"/api/v1/indicators/{item.Id}/sightings", new { count = 1 }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.PostAsJsonAsync($"/api/v1/indicators/{item.Id}/false-positives", new { reason = "x" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.PostAsync($"/api/v1/indicators/{item.Id}/revoke", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await outsider.PatchAsJsonAsync($"/api/v1/indicators/{item.Id}", new { confidence = 1 }), HttpStatusCode.NotFound);
    }

    private static async Task<Restricted> SubmitAsync(HttpClient client, string canonical, string original, string tlp, string distribution,
        Guid? community = null)
    {
        var submitted = await CordonApp.ReadAsync<SubmittedIndicator>(await client.PostAsJsonAsync("/api/v1/indicators", new
        {
            type = "phone",
            value = original,
            categories = new[] { "investment_scam" },
            tlp,
            distribution,
            communities = community is null ? null : new[] { community.Value },
        }));
        return new Restricted(submitted.Id, canonical, original);
    }
}
