using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Store.Audit;
using Cordon.Store.Members;
using Cordon.Store.Response;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Store.Tests;

public sealed class WebhookServiceTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("not a url")]
    public async Task PrivateOrInvalidEndpoints_AreRefused(string url)
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.Open();
        var clock = new FakeClock();
        await NodeBootstrap.EnsureAsync(db, clock, new BootstrapSettings("Node", "GB", null));
        var node = await db.Organisations.SingleAsync();
        var admin = new Actor(node.Id, ActorKind.Cli, "t", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        var webhooks = new WebhookService(db, new AuditLog(db, clock), clock);
        await Assert.ThrowsAsync<InvalidInputException>(() => webhooks.AddAsync(admin, url));
        var added = await webhooks.AddAsync(admin, "https://hooks.example.com/cordon");
        Assert.StartsWith(WebhookSignature.SecretPrefix, added.Secret, StringComparison.Ordinal);
    }
}
