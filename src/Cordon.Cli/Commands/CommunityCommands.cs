using System.CommandLine;
using Cordon.Application.Members;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon community create|list</c></summary>
public static class CommunityCommands
{
    public static Command Build(CliIo io)
    {
        var name = new Option<string>("--name") { Description = "Community name, e.g. 'APAC banks'", Required = true };
        var members = new Option<Guid[]>("--member") { Description = "Member organisation id; repeat for several", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create a community of organisations") { name, members };
        create.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var community = await scope.Get<MemberDirectory>()
                .CreateCommunityAsync(actor, parse.GetValue(name), parse.GetValue(members), cancellationToken);
            await Write(context, [community]);
            return CordonCli.Ok;
        });
        var list = new Command("list", "List communities");
        list.Handle(io, async (_, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            await Write(context, await scope.Get<MemberDirectory>()
                .ListCommunitiesAsync(actor, cancellationToken));
            return CordonCli.Ok;
        });
        return new Command("community", "Communities: named sets of organisations") { create, list };
    }

    private static async Task Write(CliContext context, IReadOnlyList<Community> communities)
    {
        if (context.Json)
        {
            await Output.JsonAsync(context.Output, communities.Select(c => new
            {
                c.Id,
                c.Name,
                Members = c.Members.Select(m => m.OrganisationId),
                c.CreatedAt,
            }));
            return;
        }
        Output.Table(context.Output, ["id", "name", "members"], communities.Select(c => new[]
        {
            c.Id.ToString(), c.Name, c.Members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }
}
