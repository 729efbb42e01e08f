using System.CommandLine;
using Cordon.Application.Members;
using Cordon.Core.Members;

namespace Cordon.Cli.Commands;

/// <summary><c>cordon user create</c>: console users, e.g. the first administrator.</summary>
public static class UserCommands
{
    public static Command Build(CliIo io)
    {
        var organisation = new Option<Guid>("--org") { Description = "Organisation id", Required = true };
        var email = new Option<string>("--email") { Description = "Sign-in email", Required = true };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var roles = new Option<Role[]>("--role")
        {
            Description = "viewer, analyst, responder or admin; repeat for several",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => EnumOption.Parse<Role>(t.Value, result)).ToArray(),
        };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input" };
        var create = new Command("create", "Add a user") { organisation, email, name, roles, passwordStdin };
        create.Handle(io, async (parse, context, cancellationToken) =>
        {
            var password = parse.GetValue(passwordStdin) ? (await context.Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') : null;
            await using var scope = await context.OpenAsync(cancellationToken);
            var actor = await scope.OperatorAsync(cancellationToken);
            var user = await scope.Get<MemberDirectory>().CreateUserAsync(actor,
                parse.GetValue(organisation), parse.GetValue(email), parse.GetValue(name), parse.GetValue(roles), password, cancellationToken);
            if (context.Json)
            {
                await Output.JsonAsync(context.Output, new { user.Id, user.OrganisationId, user.Email, user.DisplayName });
            }
            else
            {
                await context.Output.WriteLineAsync($"User {user.Id} ({user.Email}) created.");
            }
            return CordonCli.Ok;
        });
        return new Command("user", "Console users") { create };
    }
}
