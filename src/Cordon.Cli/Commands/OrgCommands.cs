using System.CommandLine;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Cordon.Core.Text;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon org create|list</c></summary>
public static class OrgCommands
{
    public static Command Build(CliIo io)
    {
        var name = new Option<string>("--name") { Description = "Organisation name", Required = true };
        var sector = new Option<Sector>("--sector")
        {
            Description = "law_enforcement, bank, payment, crypto, telecom, isp, registrar, platform or other",
            Required = true,
            CustomParser = result => EnumOption.Parse<Sector>(result.Tokens.Single().Value, result),
        };
        var country = new Option<string>("--country") { Description = "ISO 3166-1 alpha-2 country code, e.g. GB", Required = true };
        var create = new Command("create", "Add a member organisation") { name, sector, country };
        create.Handle(io, async (parse, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var organisation = await scope.Get<MemberDirectory>().CreateOrganisationAsync(
                actor, parse.GetValue(name), parse.GetValue(sector), parse.GetValue(country), cancellationToken: cancellationToken);
            await Write(context, [organisation]);
            return CordonCli.Ok;
        });

        var list = new Command("list", "List the member organisations");
        list.Handle(io, async (_, context, cancellationToken) =>
        {
            await using var scope = await context.OpenAsync(cancellationToken);
            var organisations = await scope.Get<MemberDirectory>()
                .ListOrganisationsAsync(cancellationToken);
            await Write(context, organisations);
            return CordonCli.Ok;
        });
        return new Command("org", "Member organisations") { create, list };
    }

    private static async Task Write(CliContext context, IReadOnlyList<Organisation> organisations)
    {
        if (context.Json)
        {
            await Output.JsonAsync(context.Output, organisations.Select(o => new
            {
                o.Id,
                o.Name,
                o.Sector,
                o.Country,
                o.IsNodeOperator,
                o.CreatedAt,
            }));
            return;
        }
        Output.Table(context.Output, ["id", "name", "sector", "country", "node operator"], organisations.Select(o => new[]
        {
            o.Id.ToString(), o.Name, CordonJson.Name(o.Sector), o.Country, o.IsNodeOperator ? "yes" : "",
        }));
    }
}
