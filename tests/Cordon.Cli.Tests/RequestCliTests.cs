using System.Text.Json;
using Cordon.Application.Members;
using Cordon.Application.Response;
using Cordon.Core.Identifiers;
using Cordon.Core.Members;
using Cordon.Core.Response;
using Cordon.Testing;

namespace Cordon.Cli.Tests;

public sealed class RequestCliTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private CliRunner cli = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        cli = new CliRunner(database);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private async Task<Guid> OrganisationAsync(string name, string sector)
    {
        var (_, output, _) = await cli.RunAsync("org", "create", "--name", name, "--sector", sector, "--country", "HK", "--json");
        return JsonDocument.Parse(output).RootElement[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Recipient_ListsAcknowledgesAndActions_FromTheCommandLine()
    {
        var police = await OrganisationAsync("CLI Police", "law_enforcement");
        var bank = await OrganisationAsync("CLI Bank", "bank");
        Guid requestId;
        await using (var services = new TestServices(database, TimeProvider.System))
        {
            var sender = new Actor(police, ActorKind.Cli, "test", RoleSet.ToFlags([Role.Responder]), IsNodeOperator: false);
            var caller = await services.Get<CallerDirectory>().ForAsync(sender, CancellationToken.None);
            requestId = (await services.Get<RequestService>().SendAsync(caller, new NewRequest(RequestKind.FreezeFunds, bank, null, Priority.Critical,
                [new TargetInput(IdentifierType.BankAccount, "HK:004:123456789")], 5000m, "HKD", "TX1", null, "order 1", null, null))).Id;
        }

        var (listed, listOutput, _) = await cli.RunAsync("request", "list", "--org", bank.ToString(), "--box", "received", "--json");
        Assert.Equal(0, listed);
        Assert.Equal(requestId, JsonDocument.Parse(listOutput).RootElement[0].GetProperty("id").GetGuid());

        var (acked, ackOutput, ackError) = await cli.RunAsync("request", "ack", requestId.ToString(), "--org", bank.ToString());
        Assert.True(acked == 0, ackError);
        Assert.Contains("acknowledged", ackOutput, StringComparison.Ordinal);

        var (wrongSide, _, wrongError) = await cli.RunAsync("request", "decline", requestId.ToString(), "--org", police.ToString(), "--reason", "x");
        Assert.Equal(CordonCli.Failure, wrongSide);
        Assert.Contains("recipient", wrongError, StringComparison.Ordinal);

        var (actioned, actionOutput, actionError) = await cli.RunAsync("request", "action", requestId.ToString(), "--org", bank.ToString(),
            "--outcome", "account frozen", "--amount-frozen", "4800", "--currency", "HKD");
        Assert.True(actioned == 0, actionError);
        Assert.Contains("actioned", actionOutput, StringComparison.Ordinal);

        var (_, shown, _) = await cli.RunAsync("request", "show", requestId.ToString(), "--org", police.ToString());
        Assert.Equal(3, JsonDocument.Parse(shown).RootElement.GetProperty("history").GetArrayLength());
    }
}
