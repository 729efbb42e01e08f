using Cordon.Application.Members;
using Cordon.Application.Response;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

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
        await using var services = new TestServices(database, new FakeClock());
        await services.Get<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Node", "GB", null));
        var node = await services.Db.Organisations.SingleAsync();
        var admin = new Actor(node.Id, ActorKind.Cli, "t", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        var webhooks = services.Get<WebhookService>();
        await Assert.ThrowsAsync<InvalidInputException>(() => webhooks.AddAsync(admin, url));
        var added = await webhooks.AddAsync(admin, "https://hooks.example.com/cordon");
        Assert.StartsWith(WebhookSignature.SecretPrefix, added.Secret, StringComparison.Ordinal);
    }
}
