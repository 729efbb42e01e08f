using System.CommandLine;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon key create|list|revoke</c></summary>
public static class KeyCommands
{
    public static Command Build(CliIo io)
    {
        var organisation = new Option<Guid>("--org") { Description = "Organisation id", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. 'payment screening'", Required = true };
        var roles = new Option<Role[]>("--role")
        {
            Description = "viewer, analyst, responder or admin; repeat for several",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<Role>(t.Value, result)).ToArray(),
        };
        var create = new Command("create", "Issue an API key; it is printed once and never stored") { organisation, name, roles };
        create.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var issued = await scope.Get<MemberDirectory>().CreateKeyAsync(actor, parse.GetValue(organisation), parse.GetValue(name),
                parse.GetValue(roles), cancellationToken: cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new { issued.Key.Id, issued.Key.OrganisationId, issued.Key.Name, Key = issued.Secret });
            }
            else
            {
                await context.Output.WriteLineAsync($"Key {issued.Key.Id} for organisation {issued.Key.OrganisationId}.");
                await context.Output.WriteLineAsync("Store it now; it is not shown again:");
                await context.Output.WriteLineAsync(issued.Secret);
            }
            return CordonCli.Ok;
        });

        var listOrganisation = new Option<Guid>("--org") { Description = "Organisation id", Required = true };
        var list = new Command("list", "List an organisation's keys (never the secrets)") { listOrganisation };
        list.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var keys = await scope.Get<MemberDirectory>().ListKeysAsync(actor, parse.GetValue(listOrganisation), cancellationToken);
            await Write(context, keys);
            return CordonCli.Ok;
        });

        var id = new Argument<Guid>("id") { Description = "Key id" };
        var revoke = new Command("revoke", "Revoke a key at once") { id };
        revoke.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var key = await scope.Get<MemberDirectory>().RevokeKeyAsync(actor, parse.GetValue(id), cancellationToken);
            await Write(context, [key]);
            return CordonCli.Ok;
        });
        return new Command("key", "Organisation API keys") { create, list, revoke };
    }


    private static async Task Write(CliContext context, IReadOnlyList<ApiKey> keys)
    {
        if (context.Json)
        {
            await Output.JsonAsync(context.Output, keys.Select(k => new
            {
                k.Id,
                k.OrganisationId,
                k.Name,
                Roles = RoleSet.FromFlags(k.RoleFlags),
                k.CreatedAt,
                k.LastUsedAt,
                k.RevokedAt,
            }));
            return;
        }
        Output.Table(context.Output, ["id", "name", "roles", "created", "last used", "revoked"], keys.Select(k => new[]
        {
            k.Id.ToString(), k.Name, string.Join(",", RoleSet.FromFlags(k.RoleFlags).Select(CordonJson.Name)),
            k.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            k.LastUsedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            k.RevokedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        }));
    }
}
