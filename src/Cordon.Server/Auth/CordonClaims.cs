using System.Globalization;
using System.Security.Claims;
using Cordon.Core.Members;

namespace Cordon.Server.Auth;

public static class CordonClaims
{
    public const string Organisation = "cordon:org";
    public const string ActorKind = "cordon:actor_kind";
    public const string ActorId = "cordon:actor";
    public const string Roles = "cordon:roles";
    public const string NodeOperator = "cordon:node_operator";

    /// <summary>The actor an authenticated principal stands for.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal) => new(
        Guid.Parse(Value(principal, Organisation)),
        Enum.Parse<ActorKind>(Value(principal, ActorKind)),
        Value(principal, ActorId),
        RoleFlags(principal),
        Value(principal, NodeOperator) == "true");

    /// <summary>The principal for an authenticated actor, under the given scheme.</summary>
    public static ClaimsPrincipal Principal(Actor actor, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(Organisation, actor.OrganisationId.ToString("D")),
        new Claim(ActorKind, actor.Kind.ToString()),
        new Claim(ActorId, actor.ActorId),
        new Claim(Roles, actor.RoleFlags.ToString(CultureInfo.InvariantCulture)),
        new Claim(NodeOperator, actor.IsNodeOperator ? "true" : "false"),
    ], scheme));

    public static int RoleFlags(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(Roles), NumberStyles.None, CultureInfo.InvariantCulture, out var flags) ? flags : 0;

    private static string Value(ClaimsPrincipal principal, string type) =>
        principal.FindFirstValue(type) ?? throw new InvalidOperationException($"The principal has no {type} claim.");
}
