using Cordon.Application.Figures;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Application.Response;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Core.Sharing;
using Cordon.Testing;

namespace Cordon.Application.Tests;

public sealed class FiguresTests
{
    [Fact]
    public async Task Dashboard_CountsWhatTheCallerMaySee_InTheStore()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var clock = new FakeClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        await using var services = new TestServices(database, clock);
        await services.Get<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Node", "GB", null));
        var members = services.Get<MemberDirectory>();
        var node = await CliOperatorAsync(services);
        var bank = await members.CreateOrganisationAsync(node, "Figures Bank", Sector.Bank, "HK");
        var telecom = await members.CreateOrganisationAsync(node, "Figures Telecom", Sector.Telecom, "SG");
        var community = await members.CreateCommunityAsync(node, "Figures ring", [bank.Id, telecom.Id]);
        var callers = services.Get<CallerDirectory>();
        var bankCaller = await callers.ForAsync(Member(bank.Id), default);
        var telecomCaller = await callers.ForAsync(Member(telecom.Id), default);

        var indicators = services.Get<IndicatorService>();
        await indicators.SubmitAsync(bankCaller,
        [
            new(IdentifierType.Domain, "one.figures.example", [Category.Phishing], 80, Tlp.Green, Distribution.Node, null, null),
            new(IdentifierType.Domain, "two.figures.example", [Category.Phishing, Category.InvestmentScam], 80, Tlp.Green,
                Distribution.Node, null, null),
            new(IdentifierType.Domain, "red.figures.example", [Category.InvestmentScam], 80, Tlp.Red, Distribution.Node, null, null),
        ], "test");
        await indicators.SubmitAsync(telecomCaller,
            [new(IdentifierType.Domain, "three.figures.example", [Category.Phishing], 80, Tlp.Clear, Distribution.Node, null, null)], "test");
        await services.Get<RequestService>().SendAsync(bankCaller, new NewRequest(RequestKind.UnderAttack, null, community.Id, Priority.Critical,
            [new TargetInput(IdentifierType.Domain, "bank.figures.example")], null, null, null, null, "Art. 6", null, null));

        var seenByTelecom = await services.Get<FiguresService>().DashboardAsync(telecomCaller);

        Assert.Equal(3, seenByTelecom.Indicators); // the bank's RED indicator is not the telecom's to count
        Assert.Equal(1, seenByTelecom.OwnIndicators);
        Assert.Equal(1, seenByTelecom.OpenRequests); // a broadcast to its community is open for it too
        Assert.Equal([(Category.Phishing, 3), (Category.InvestmentScam, 1)], seenByTelecom.ByCategory);
        Assert.Equal([("HK", 2), ("SG", 1)], seenByTelecom.ByCountry);
        Assert.Equal(3, seenByTelecom.NewPerDay[^1].Count);
        Assert.Equal(DashboardFigures.TrendDays, seenByTelecom.NewPerDay.Count);
        Assert.Equal(4, (await services.Get<FiguresService>().DashboardAsync(bankCaller)).Indicators);
    }

    private static Actor Member(Guid organisationId) =>
        new(organisationId, ActorKind.User, "figures", RoleSet.ToFlags([Role.Analyst, Role.Responder]), IsNodeOperator: false);

    private static async Task<Actor> CliOperatorAsync(TestServices services)
    {
        var node = (await services.Get<MemberDirectory>().ListOrganisationsAsync()).Single(o => o.IsNodeOperator);
        return new Actor(node.Id, ActorKind.Cli, "test", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
    }
}
